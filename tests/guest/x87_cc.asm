; x87 condition codes: FCOM/FUCOM/FICOM/FTST (C3 C2 C0), FCOMI/FUCOMI
; (ZF PF CF, OF SF AF cleared), FXAM for every class (empty included),
; FPREM/FPREM1 quotient bits and incomplete reductions, and the C2 of the
; trigonometric instructions out of range. See x87_case.inc for the line
; format; XF cases start with all six flags set. The expected output is
; the host CPU's (tests/guest/sse_native.sh).
; not-qemu: QEMU 7.2's x87 differs from the host CPU in flags; the host is the reference
%include "fp_head.inc"
%include "x87_case.inc"

main:
  ; ---- FCOM family: ST(0) against the operand ----
  XC "fcom lt", fld1, {fcom dword [f_2]}
  XC "fcom eq", fld1, {fcom qword [d_1]}
  XC "fcom gt", fld1, fldz, fcomp
  XC "fcom qnan", fld1, {fcom dword [f_qnan]}
  XC "fucom qnan", fld1, {fld dword [f_qnan]}, fucom
  XC "fucom snan", {fld tword [t_snan]}, fld1, fucom
  XC "fucomp", fld1, fldz, fucomp
  XC "fucompp", fld1, fldz, fucompp
  XC "fcompp", fld1, fldz, fcompp
  XC "fcom2 alias dc d1", fldz, fld1, {db 0xdc, 0xd1}
  XC "fcomp3 alias dc d9", fldz, fld1, {db 0xdc, 0xd9}
  XC "fcomp5 alias de d1", fldz, fld1, {db 0xde, 0xd1}
  XC "fcom -0 +0", fldz, fldz, fchs, fcom
  XC "fcom inf", {fld dword [f_ninf]}, fld1, fcom
  XC "fcom denormal", {fld dword [f_den]}, {fcom dword [f_2]}
  XC "fcom unsupported", {fld tword [t_unnormal]}, fld1, fcom
  XC "ficom m16", fld1, {ficom word [i16_m2]}
  XC "ficomp m32", fld1, {ficomp dword [i32_1]}
  XC "ftst neg", fld1, fchs, ftst
  XC "ftst zero", fldz, ftst
  XC "ftst pos", fld1, ftst
  XC "ftst nan", {fld dword [f_qnan]}, ftst
  ; ---- FCOMI family: EFLAGS ----
  XF "fcomi lt", fld1, fldz, {fcomi st0, st1}
  XF "fcomi gt", fldz, fld1, {fcomi st0, st1}
  XF "fcomi eq", fld1, fld1, {fcomi st0, st1}
  XF "fcomi qnan", fld1, {fld dword [f_qnan]}, {fcomi st0, st1}
  XF "fucomi qnan", fld1, {fld dword [f_qnan]}, {fucomi st0, st1}
  XF "fucomi snan", fld1, {fld tword [t_snan]}, {fucomi st0, st1}
  XF "fcomip", fld1, fldz, {fcomip st0, st1}
  XF "fucomip", fldz, fld1, {fucomip st0, st1}
  XF "fcomi c1 cleared", fld1, {fst dword [f_tmp]}, {fcomi st0, st1}
  ; ---- FXAM: C3 C2 C0 = class, C1 = sign ----
  XC "fxam +normal", fld1, fxam
  XC "fxam -normal", fld1, fchs, fxam
  XC "fxam +0", fldz, fxam
  XC "fxam -0", fldz, fchs, fxam
  XC "fxam -inf", {fld dword [f_ninf]}, fxam
  XC "fxam qnan", {fld dword [f_qnan]}, fxam
  XC "fxam snan", {fld tword [t_snan]}, fxam
  XC "fxam denormal", {fld tword [t_den]}, fxam
  XC "fxam pseudo-denormal", {fld tword [t_pden]}, fxam
  XC "fxam unnormal", {fld tword [t_unnormal]}, fxam
  XC "fxam pseudo-nan", {fld tword [t_pnan]}, fxam
  XC "fxam empty", fxam
  XC "fxam empty -1 left", fld1, fchs, {ffree st0}, fxam
  ; ---- FPREM / FPREM1 ----
  XC "fprem 7 rem 2", {fild word [i16_2]}, {fild word [i16_7]}, fprem
  XC "fprem1 7 rem 2", {fild word [i16_2]}, {fild word [i16_7]}, fprem1
  XC "fprem -7 rem 2", {fild word [i16_2]}, {fild word [i16_m7]}, fprem
  XC "fprem1 -7 rem 2", {fild word [i16_2]}, {fild word [i16_m7]}, fprem1
  XC "fprem 13 rem 3", {fild word [i16_3]}, {fild word [i16_13]}, fprem
  XC "fprem1 13 rem 3", {fild word [i16_3]}, {fild word [i16_13]}, fprem1
  XC "fprem 1e30 rem pi", fldpi, {fld qword [d_1e30]}, fprem
  XC "fprem 1e30 rem pi twice", fldpi, {fld qword [d_1e30]}, fprem, fprem
  XC "fprem1 1e30 rem pi", fldpi, {fld qword [d_1e30]}, fprem1
  XC "fprem x rem 0", fldz, fld1, fprem
  XC "fprem inf", fld1, {fld dword [f_ninf]}, fprem
  XC "fprem 0 rem 1", fld1, fldz, fprem
  XC "fprem 1 rem inf", {fld dword [f_ninf]}, fld1, fprem
  ; ---- transcendentals whose results are exact or out of range ----
  XC "fsin 0", fldz, fsin
  XC "fcos 0", fldz, fcos
  XC "fsin 1e30 (c2)", {fld qword [d_1e30]}, fsin
  XC "fcos 1e30 (c2)", {fld qword [d_1e30]}, fcos
  XC "fptan 1e30 (c2)", {fld qword [d_1e30]}, fptan
  XC "fsincos 1e30 (c2)", {fld qword [d_1e30]}, fsincos
  XC "fptan 0", fldz, fptan
  XC "fptan nan", {fld dword [f_qnan]}, fptan
  XC "fptan -inf", {fld dword [f_ninf]}, fptan
  XC "fsincos 0", fldz, fsincos
  XC "fsin inf", {fld dword [f_ninf]}, fsin
  XC "fpatan 0/1", fldz, fld1, fpatan
  XC "fpatan 0/-1", fldz, fld1, fchs, fpatan
  XC "f2xm1 1", fld1, f2xm1
  XC "f2xm1 -1", fld1, fchs, f2xm1
  XC "f2xm1 0", fldz, f2xm1
  XC "fyl2x 3*log2 8", {fild word [i16_3]}, {fild word [i16_8]}, fyl2x
  XC "fyl2x 1*log2 0", fld1, fldz, fyl2x
  XC "fyl2x log2 -1", fld1, fld1, fchs, fyl2x
  XC "fyl2xp1 3*log2(0+1)", {fild word [i16_3]}, fldz, fyl2xp1
  ret

section .data
align 8
f_2:        dd 2.0
f_qnan:     dd 0x7fc00000
f_ninf:     dd 0xff800000
f_den:      dd 0x00000001
f_tmp:      dd 0
d_1:        dq 1.0
d_1e30:     dq 1.0e30
i16_m2:     dw -2
i16_2:      dw 2
i16_3:      dw 3
i16_7:      dw 7
i16_m7:     dw -7
i16_8:      dw 8
i16_13:     dw 13
i32_1:      dd 1
t_snan:     dq 0x8000000000000001
            dw 0x7fff
t_unnormal: dq 0x4000000000000000
            dw 0x3fff
t_den:      dq 0x0000000000000001
            dw 0x8000
t_pden:     dq 0x8000000000000000
            dw 0x0000
t_pnan:     dq 0x4000000000000001
            dw 0x7fff
