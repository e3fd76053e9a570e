; x87 exceptions: stack overflow and underflow (masked: the indefinite,
; C1 = 1/0; unmasked: nothing changes), the unmasked responses of each
; exception for register and memory destinations, ES/B and their
; recomputation by FLDCW/FLDENV/FNSTENV, #MF at the next waiting
; instruction (CR0.NE set), and FIP/FOP/FDP as FNSTENV shows them. See
; x87_case.inc for the XC/XS/XF line format. The expected output is the
; host CPU's (tests/guest/sse_native.sh), where #MF arrives as SIGFPE.
; not-qemu: QEMU 7.2 stores results under unmasked exceptions; the host CPU is the reference
%include "fp_head.inc"
%include "x87_case.inc"

; FNSTENV, then print FIP and FDP relative to labels, and FOP unless the
; last argument is 0 (after a #MF the host's signal return loses FOP)
%macro POINTERS 4                ; name, instruction label, data label, fop?
  fnstenv [env]
  PUTS %1, ": fip=T+"
  mov eax, [env + 12]
  sub eax, %2
  call puthex16
  %if %4
  PUTS " fop="
  movzx eax, word [env + 18]
  call puthex16
  %endif
  PUTS " fdp=D+"
  mov eax, [env + 20]
  sub eax, %3
  call puthex16
  PUTS 10
%endmacro

main:
  call idt_init
%ifndef NATIVE
  mov eax, cr0
  or eax, 0x20                  ; NE: #MF, not FERR#
  and eax, ~0xc                 ; EM, TS clear
  mov cr0, eax
%endif
  ; ---- masked stack faults ----
  XC "overflow", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fldpi
  XC "underflow fadd", fld1, {fadd st0, st1}
  XC "underflow faddp st2", fld1, {faddp st2, st0}
  XS "underflow fstp m64", {fstp qword [xm]}
  XS "underflow fist m16", {fist word [xm]}
  XS "underflow fbstp", {fbstp [xm]}
  XS "underflow fstp m80", {fstp tword [xm]}
  XC "underflow fxch", fld1, fld1, {fxch st3}
  XC "underflow fcmovb", fld1, fld1, {fcmovb st0, st3}
  XC "underflow fchs", fchs
  XC "underflow fsqrt", fsqrt
  XC "underflow fld st3 with st7 full", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, {ffree st3}, {fld st3}
  XC "underflow fst st2", {fst st2}
  XC "underflow fcom", fcom
  XF "underflow fcomi", {fcomi st0, st1}
  XC "underflow fpatan", fld1, fpatan
  XC "underflow fprem", fld1, fprem
  XC "underflow fptan", fptan
  XC "overflow fptan", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fptan
  XC "overflow fsincos", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fsincos
  XC "overflow fxtract", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fxtract
  XC "overflow fild", fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, {fild word [i16_3]}
  ; ---- unmasked: destination, TOP and (for compares) codes unchanged ----
  XC "unmasked overflow", {fldcw [cw_ie]}, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fld1, fldpi
  XC "unmasked underflow faddp", {fldcw [cw_ie]}, fld1, {faddp st2, st0}
  XS "unmasked underflow fstp m64", {fldcw [cw_ie]}, {fstp qword [xm]}
  XC "unmasked ze", {fldcw [cw_ze]}, fld1, fldz, fdivp
  XC "unmasked ie 0/0", {fldcw [cw_ie]}, fldz, fldz, fdivp
  XS "unmasked ie fstp m32 snan", {fldcw [cw_ie]}, {fld tword [t_snan]}, {fstp dword [xm]}
  XS "unmasked ie fistp m16", {fldcw [cw_ie]}, {fld dword [f_1e5]}, {fistp word [xm]}
  XC "unmasked de fld m32", {fldcw [cw_de]}, fld1, {fld dword [f_den]}
  XC "unmasked de fadd m32", {fldcw [cw_de]}, fld1, {fadd dword [f_den]}
  XC "unmasked pe fdiv", {fldcw [cw_pe]}, fld1, {fdiv qword [d_3]}
  XS "unmasked pe fst m32", {fldcw [cw_pe]}, fldpi, {fstp dword [xm]}
  XC "unmasked oe fmul", {fldcw [cw_oe]}, {fld tword [t_maxnorm]}, {fmul st0, st0}
  XS "unmasked oe fst m32", {fldcw [cw_oe]}, {fld tword [t_huge]}, {fst dword [xm]}
  XS "unmasked oe fstp m64", {fldcw [cw_oe]}, {fld tword [t_huge]}, {fstp qword [xm]}
  XC "unmasked ue fmul", {fldcw [cw_ue]}, {fld tword [t_tiny80]}, {fmul st0, st0}
  XS "unmasked ue fstp m32", {fldcw [cw_ue]}, {fld tword [t_tiny]}, {fstp dword [xm]}
  XS "unmasked ue fst m64 exact denormal", {fldcw [cw_ue]}, {fld tword [t_d_den]}, {fst qword [xm]}
  XC "unmasked ie fcomp qnan", {fldcw [cw_ie]}, fld1, {fcomp dword [f_qnan]}
  XC "unmasked ie fucomp snan", {fldcw [cw_ie]}, fld1, {fld tword [t_snan]}, fucomp
  XC "unmasked underflow fcomp", {fldcw [cw_ie]}, fld1, {fcomp st2}
  XF "unmasked underflow fucomip", {fldcw [cw_ie]}, fld1, {fucomip st0, st3}
  XC "unmasked underflow ftst", {fldcw [cw_ie]}, ftst
  XC "unmasked de fcom", {fldcw [cw_de]}, fld1, {fcom dword [f_den]}
  XF "unmasked de fcomi", {fldcw [cw_de]}, {fld dword [f_1e5]}, {fld tword [t_den80]}, {fcomi st0, st1}
  XC "unmasked de fld m64", {fldcw [cw_de]}, {fld qword [d_den]}
  XC "unmasked de fsqrt", {fldcw [cw_de]}, {fld tword [t_den80]}, fsqrt
  XS "unmasked de fst m32", {fldcw [cw_de]}, {fld tword [t_den80]}, {fst dword [xm]}
  XF "unmasked ie fcomip qnan", {fldcw [cw_ie]}, fld1, {fld dword [f_qnan]}, {fcomip st0, st1}
  XC "unmasked ie fxch", {fldcw [cw_ie]}, fld1, {fxch st2}
  XC "unmasked ie fsqrt -1", {fldcw [cw_ie]}, fld1, fchs, fsqrt
  XC "unmasked ie fptan inf", {fldcw [cw_ie]}, {fld dword [f_ninf]}, fptan
  XC "unmasked ze fxtract 0", {fldcw [cw_ze]}, fldz, fxtract
  ; ---- ES and B ----
  XC "fldcw unmasks pending ze", fld1, fldz, fdivp, {fldcw [cw_ze]}
  XC "fnclex", {fldcw [cw_ze]}, fld1, fldz, fdivp, fnclex
  XC "fnstenv masks", {fldcw [cw_ze]}, fld1, fldz, fdivp, {fnstenv [env]}
  XC "fldenv es from flags", {fnstenv [env]}, {mov word [env], 0x37e}, {mov word [env + 4], 0x0001}, {fldenv [env]}
  XC "fldenv es dropped", {fnstenv [env]}, {mov word [env + 4], 0x8081}, {fldenv [env]}
  XC "fldcw reserved bits", {fldcw [cw_ones]}

  ; ---- #MF at the next waiting instruction ----
  fninit
  fldcw [cw_ie]
  fld1
  fld1
  fld1
  fld1
  fld1
  fld1
  fld1
  fld1
mf1_insn:
  fldpi                         ; overflow: pending
  fnstsw ax
  movzx eax, ax
  SHOW "pending sw", eax
  TRY mf1, "fwait"
  fwait
  PUTS "no #MF", 10
mf1:
  POINTERS "after fwait", mf1_insn, 0, 0
  fnclex
  fwait
  PUTS "fwait after fnclex: no #MF", 10

  fninit
  fldcw [cw_ze]
  fld1
mf2_insn:
  fdiv dword [f_zero]           ; ZE pending, ST(0) kept
  TRY mf2, "fld1"
  fld1
  PUTS "no #MF", 10
mf2:
  POINTERS "after fld1", mf2_insn, f_zero, 0
  fnclex
  XC "state after #MF at fld1 (fnsave)", {fldcw [cw_ze]}, fld1, {fdiv dword [f_zero]}

  fninit
  fld1
  fldz
  fdivp                         ; masked ZE
  fldcw [cw_ze]                 ; now pending
  TRY mf3, "fadd after fldcw"
  fadd st0, st0
  PUTS "no #MF", 10
mf3:
  fnclex

  fninit
  fldcw [cw_ze]
  fld1
  fldz
  fdivp
  TRY mf4, "fldcw"
  fldcw [cw_all]
  PUTS "no #MF", 10
mf4:
  fnclex
  fnstcw [env]
  movzx eax, word [env]
  SHOW "cw after #MF at fldcw", eax

  fninit
  fldcw [cw_ze]
  fld1
  fldz
  fdivp
  fnstcw [env]                  ; no-wait forms do not report it
  fnstsw [env + 2]
  fnstenv [env + 4]
  PUTS "no-wait forms: no #MF", 10
  fnclex

  ; ---- FIP/FOP/FDP of the last non-control instruction ----
  fninit
ptr1_insn:
  fadd qword [d_3]
  fldcw [cw_all]                ; control: does not change them
  POINTERS "fadd m64", ptr1_insn, d_3, 1
  fninit
  fld1
  fld1
ptr2_insn:
  fmul st0, st1
  POINTERS "fmul st0,st1", ptr2_insn, 0, 1
  fninit
  POINTERS "fninit", 0, 0, 1
  ret

section .data
align 8
cw_all:     dw 0x037f
cw_ie:      dw 0x037e
cw_de:      dw 0x037d
cw_ze:      dw 0x037b
cw_oe:      dw 0x0377
cw_ue:      dw 0x036f
cw_pe:      dw 0x035f
cw_ones:    dw 0xffff
i16_3:      dw 3
f_den:      dd 0x00012345
f_qnan:     dd 0x7fc00000
f_ninf:     dd 0xff800000
f_1e5:      dd 1.0e5
f_zero:     dd 0
d_3:        dq 3.0
d_den:      dq 0x0000000000000123
t_den80:    dq 0x0000000000000123
            dw 0x0000
t_snan:     dq 0x8000000000000001
            dw 0x7fff
t_huge:     dq 0x8000000000000000
            dw 0x43ff
t_tiny:     dq 0x8000000000000000
            dw 0x3b00
t_d_den:    dq 0xc000000000000000
            dw 0x3bfe
t_maxnorm:  dq 0xffffffffffffffff
            dw 0x7ffe
t_tiny80:   dq 0x8000000000000000
            dw 0x0100
env:        times 28 db 0
