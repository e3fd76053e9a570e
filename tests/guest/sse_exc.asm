; SIMD floating-point exceptions and the other faults of SSE instructions:
; unmasked exceptions give #XM (19) with the destination unchanged and the
; MXCSR flags SDM Vol. 1 11.5.3 says (pre-computation exceptions of every
; element first, post-computation ones only when none of those is
; unmasked); EFLAGS kept by a faulting COMISS; #GP for misaligned 16-byte
; operands of packed forms only; LDMXCSR #GP on reserved bits; the MMX
; forms of CVT: x87 transition and #MF only where the CPU does them. The
; expected output is the host CPU's (sse_native.sh).
; not-qemu: QEMU 7.2 flags no DE and raises no #XM; the host CPU is the reference
%include "fp_head.inc"
cpu p4
%include "sse_case.inc"

IM equ 0x80
DM equ 0x100
ZM equ 0x200
OM equ 0x400
UM equ 0x800
PM equ 0x1000

; TX "name", {insn}, mxcsr, A, B: as T, but the instruction should fault;
; prints lib.inc's exception line, then the state after it. TXG, TXM and
; TXB print EAX, MM0 or case_buf instead of xmm0.
%macro TXANY 6
  PUTS %1, ": "
  push esi
  mov esi, after_str
  mov dword [case_mx], %3
  movups xmm0, [%4]
  movups xmm1, [%5]
  mov eax, 0x5a5a5a5a
  call case_pre
  TRY %%r
  %2
  PUTS "no fault", 10
%%r:
  call %6
  pop esi
%endmacro
%macro TX 5
  TXANY %1, {%2}, %3, %4, %5, case_post_x
%endmacro
%macro TXG 5
  TXANY %1, {%2}, %3, %4, %5, case_post_g
%endmacro
%macro TXM 5
  TXANY %1, {%2}, %3, %4, %5, case_post_m
%endmacro
%macro TXB 5
  call case_fill
  TXANY %1, {%2}, %3, %4, %5, case_post_b
%endmacro

; the x87 tag word and TOP after insn, which follows FNINIT and FLD1
%macro TAGS 2
  fninit
  fld1
  %2
  fnstenv [env]
  PUTS %1, ": tw="
  movzx eax, word [env + 8]
  call puthex32
  PUTS " top="
  movzx eax, word [env + 4]
  shr eax, 11
  and eax, 7
  call puthex32
  PUTS 10
%endmacro

; run an instruction that should fault with #XM
%macro XMMX 2
  ldmxcsr [mx_im]
  TRY %%r, "  fault"
  %1, %2
  PUTS "no fault", 10
%%r:
%endmacro

main:
  call idt_init
  SSE_ON
%ifndef NATIVE
  mov eax, cr0
  or eax, 0x20                  ; NE: x87 errors are #MF
  mov cr0, eax
%endif
  ; ---- pre- and post-computation exceptions across elements:
  ; 1/3 inexact, -2.5/0 divide by zero, 3e38/1, 1e-38 (denormal)/1
  T "divps masked", {divps xmm0, xmm1}, RN, fA, fZd
  TX "divps ZE unmasked", {divps xmm0, xmm1}, RN & ~ZM, fA, fZd
  TX "divps ZE PE unmasked", {divps xmm0, xmm1}, RN & ~(ZM | PM), fA, fZd
  TX "divps PE unmasked", {divps xmm0, [fZd]}, RN & ~PM, fA, fA
  TX "divps DE unmasked", {divps xmm0, xmm1}, RN & ~(DM | PM), fA, fZd
  T "divps DE unmasked daz", {divps xmm0, xmm1}, (RN & ~DM) | DAZ, fA, fZd
  TX "divss ZE unmasked", {divss xmm0, [fZd + 4]}, RN & ~ZM, fA, fA
  T "divss ZE unmasked, lane 1", {divss xmm0, xmm1}, RN & ~ZM, fA, fZd
  TX "mulps OE unmasked", {mulps xmm0, xmm1}, RN & ~OM, fBig, fBig
  TX "mulps UE unmasked exact", {mulps xmm0, xmm1}, RN & ~UM, fTiny, fHalf
  T "mulps UE masked exact", {mulps xmm0, xmm1}, RN, fTiny, fHalf
  TX "mulpd UE unmasked", {mulpd xmm0, xmm1}, RN & ~UM, dBig, dBig
  TX "addps DE unmasked", {addps xmm0, xmm1}, RN & ~DM, fDen, fDen
  T "addps DE unmasked daz", {addps xmm0, xmm1}, (RN & ~DM) | DAZ, fDen, fDen
  TX "sqrtps IE unmasked", {sqrtps xmm0, xmm1}, RN & ~IM, fB, fA
  TX "sqrtsd IE unmasked", {sqrtsd xmm0, xmm1}, RN & ~IM, dA, dA + 8
  TX "addpd IE unmasked", {addpd xmm0, xmm1}, RN & ~IM, dA, dNaN
  T "addss IE unmasked, snan above", {addss xmm0, xmm1}, RN & ~IM, fB, fNaN2 + 4
  TX "maxps IE unmasked qnan", {maxps xmm0, xmm1}, RN & ~IM, fB, fNaN
  T "cmpps eq IE unmasked qnan", {cmpps xmm0, xmm1, 0}, RN & ~IM, fCq, fB
  TX "cmpps lt IE unmasked qnan", {cmpps xmm0, xmm1, 1}, RN & ~IM, fCq, fB
  TX "comiss IE unmasked qnan", {comiss xmm0, xmm1}, RN & ~IM, fA, fNaN
  T "ucomiss IE unmasked qnan", {ucomiss xmm0, xmm1}, RN & ~IM, fA, fNaN
  TX "ucomiss IE unmasked snan", {ucomiss xmm0, xmm1}, RN & ~IM, fNaN + 4, fA
  TX "comisd DE unmasked", {comisd xmm0, xmm1}, RN & ~DM, dA, dDen
  TXG "cvtss2si IE unmasked", {cvtss2si eax, xmm1}, RN & ~IM, fA, fNaN
  TXG "cvttsd2si PE unmasked", {cvttsd2si eax, xmm1}, RN & ~PM, fA, dB + 8
  TX "cvtpd2ps OE unmasked", {cvtpd2ps xmm0, xmm1}, RN & ~OM, fA, dBig
  TX "cvtsi2ss PE unmasked", {cvtsi2ss xmm0, [iBig]}, RN & ~PM, fA, fA
  TX "cvtdq2ps PE unmasked", {cvtdq2ps xmm0, [iBig]}, RN & ~PM, fA, fA
  TX "cvtps2dq IE unmasked", {cvtps2dq xmm0, [fBig]}, RN & ~IM, fA, fA
  movq mm0, [pattern]
  TXM "cvtps2pi IE unmasked", {cvtps2pi mm0, xmm1}, RN & ~IM, fA, fNaN
  movq mm0, [pattern]
  TXM "cvtpd2pi PE unmasked", {cvtpd2pi mm0, xmm1}, RN & ~PM, fA, dB
  ; ---- alignment: 16-byte operands of packed forms only
  TX "movaps unaligned", {movaps xmm0, [vU + 4]}, RN, fA, fB
  TX "movapd unaligned", {movapd xmm0, [vU + 8]}, RN, fA, fB
  TXB "movaps st unaligned", {movaps [case_buf + 8], xmm1}, RN, fA, fB
  TXB "movntps unaligned", {movntps [case_buf + 4], xmm1}, RN, fA, fB
  TX "addps unaligned", {addps xmm0, [vU + 4]}, RN, fA, fB
  TX "andpd unaligned", {andpd xmm0, [vU + 8]}, RN, fA, fB
  TX "shufps unaligned", {shufps xmm0, [vU + 1], 0}, RN, fA, fB
  TX "cmppd unaligned", {cmppd xmm0, [vU + 8], 0}, RN, fA, fB
  TX "unpcklps unaligned", {unpcklps xmm0, [vU + 4]}, RN, fA, fB
  TX "sqrtps unaligned", {sqrtps xmm0, [vU + 4]}, RN, fA, fB
  TX "rcpps unaligned", {rcpps xmm0, [vU + 4]}, RN, fA, fB
  TX "cvtdq2ps unaligned", {cvtdq2ps xmm0, [vU + 4]}, RN, fA, fB
  TX "cvtpd2ps unaligned", {cvtpd2ps xmm0, [vU + 8]}, RN, fA, fB
  TX "cvttpd2dq unaligned", {cvttpd2dq xmm0, [vU + 8]}, RN, fA, fB
  movq mm0, [pattern]
  TXM "cvtpd2pi unaligned", {cvtpd2pi mm0, [vU + 8]}, RN, fA, fB
  T "movups unaligned", {movups xmm0, [vU + 4]}, RN, fA, fB
  T "addss unaligned", {addss xmm0, [vU + 1]}, RN, fA, fB
  T "addsd unaligned", {addsd xmm0, [vU + 4]}, RN, fA, fB
  T "movlps unaligned", {movlps xmm0, [vU + 4]}, RN, fA, fB
  T "comiss unaligned", {comiss xmm0, [vU + 4]}, RN, fA, fB
  T "cvtps2pd unaligned", {cvtps2pd xmm0, [vU + 4]}, RN, fA, fB
  T "cvtdq2pd unaligned", {cvtdq2pd xmm0, [vU + 4]}, RN, fA, fB
  T "cvtpi2ps unaligned", {cvtpi2ps xmm0, [vU + 4]}, RN, fA, fB
  TM "cvttps2pi unaligned", {cvttps2pi mm0, [vU + 4]}, RN, fA, fB
  ; ---- LDMXCSR: bits 16-31 are reserved (#GP(0), MXCSR kept)
  TX "ldmxcsr bit 16", {ldmxcsr [mx_bad1]}, RN | 0x3f, fA, fB
  TX "ldmxcsr bit 31", {ldmxcsr [mx_bad2]}, RN, fA, fB
  T "ldmxcsr ffff", {ldmxcsr [mx_all]}, RN, fA, fB
  T "ldmxcsr 0", {ldmxcsr [mx_zero]}, RN, fA, fB
  T "stmxcsr", {stmxcsr [case_buf]}, 0x7fff, fA, fB
  ; ---- MMX forms: the x87 switches to MMX use (TOP 0, tags valid) for an
  ; MMX register operand only, and a pending x87 error (#MF, 16) is
  ; reported to those forms only
  movq mm0, [pattern]
  movq mm1, [pattern]
  movq mm2, [pattern]
  movq mm3, [pattern]
  movq mm4, [pattern]
  movq mm5, [pattern]
  movq mm6, [pattern]
  movq mm7, [pattern]
  TAGS "cvtpi2ps mem", {cvtpi2ps xmm0, [iBig]}
  TAGS "cvtpi2ps reg", {cvtpi2ps xmm0, mm1}
  TAGS "cvtpi2pd mem", {cvtpi2pd xmm0, [iBig]}
  TAGS "cvtpi2pd reg", {cvtpi2pd xmm0, mm1}
  TAGS "cvtps2pi mem", {cvtps2pi mm1, [fA]}
  TAGS "cvttpd2pi reg", {cvttpd2pi mm1, xmm1}
  TAGS "cvtsi2ss", {cvtsi2ss xmm0, eax}
  movaps xmm1, [fNaN]
  ldmxcsr [mx_im]
  TAGS "cvtps2pi IE unmasked", {XMMX cvtps2pi mm1, xmm1}
  TAGS "cvtpi2ps PE unmasked", {XMMX cvtpi2ps xmm0, mm2}
  ldmxcsr [mx_def]
  fninit
  fldcw [cw_ze]                 ; ZE unmasked
  fldz
  fld1
  fdiv st0, st1                 ; 1/0: an x87 error is now pending
  TRY .m1, "cvtpi2ps mem, x87 error pending"
  cvtpi2ps xmm0, [iBig]
  PUTS "no fault", 10
.m1:
  TRY .m2, "cvtpi2pd mem, x87 error pending"
  cvtpi2pd xmm0, [iBig]
  PUTS "no fault", 10
.m2:
  TRY .m3, "cvtpi2ps reg, x87 error pending"
  cvtpi2ps xmm0, mm1
  PUTS "no fault", 10
.m3:
  TRY .m4, "cvtps2pi mem, x87 error pending"
  cvtps2pi mm1, [fA]
  PUTS "no fault", 10
.m4:
  TRY .m5, "cvttpd2pi reg, x87 error pending"
  cvttpd2pi mm1, xmm1
  PUTS "no fault", 10
.m5:
  TRY .m6, "addps, x87 error pending"
  addps xmm0, xmm1
  PUTS "no fault", 10
.m6:
  fnclex
  fninit
  emms
  ret

section .rodata
after_str: db "  after: ", 0

section .data
align 16
fA:    dd 1.0, -2.5, 3.0e38, 1.0e-38
fB:    dd 3.0, 0.1, 3.0e38, 1.0e-3
fZd:   dd 3.0, 0.0, 1.0, 1.0
fDen:  dd 0x00000001, 0x80400000, 0x007fffff, 1.0
fNaN:  dd 0x7fc00001, 0x7f800001, 0xffc00002, 1.0      ; QNaN SNaN -QNaN 1
fNaN2: dd 0x7f800005, 0x7fc00003, 2.0, 0xff800007      ; SNaN QNaN 2 -SNaN
fTiny: dd 0x00800000, 0x00c00000, 1.0, 1.0
fHalf: dd 0.5, 0.5, 1.0, 1.0
fBig:  dd 3.0e38, -3.0e38, 2.0e19, 1.0e20
fCq:   dd 1.0, 0x7fc00000, 3.0, 4.0
iBig:  dd 0x7fffffff, 0x80000001, 3, 0x01000001
dA:    dq 1.0, -2.5
dB:    dq 3.0, 0.1
dBig:  dq 1.0e308, 1.0e-300
dNaN:  dq 0x7ff8000000000001, 0x7ff0000000000001       ; QNaN SNaN
dDen:  dq 0x0000000000000001, 0x8008000000000000
vU:    dd 0x3f800000, 0x40000000, 0x40400000, 0x40800000
       dd 0x40a00000, 0x40c00000, 0x40e00000, 0x41000000
pattern: dq 0x0123456789abcdef
mx_bad1: dd 0x00011f80
mx_bad2: dd 0x80001f80
mx_all:  dd 0x0000ffff
mx_zero: dd 0
mx_im:   dd 0x0f00                  ; IE and PE unmasked
mx_def:  dd 0x1f80
cw_ze:   dw 0x037b
align 4
env:     times 28 db 0
