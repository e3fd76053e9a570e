; x87 loads and stores of every format, FIST/FRNDINT/FST in each rounding
; mode, the constants in each rounding mode, BCD, register moves, and the
; arithmetic forms (D8/DC/DE registers, m32/m64/m16int/m32int), with the
; NaN rules of SDM Vol. 1 table 4-7. See x87_case.inc for the line format.
; The expected output is the host CPU's (tests/guest/sse_native.sh).
; not-qemu: QEMU 7.2's x87 differs from the host CPU in NaN selection and flags; the host is the reference
%include "fp_head.inc"
%include "x87_case.inc"

; FLDCW a control word: RC in bits 10-11, PC in 8-9, all exceptions masked
%macro RC 1
  fldcw [cw_rc + 2 * %1]
%endmacro

main:
  ; ---- loads of each format ----
  XC "fld m32 1.5", {fld dword [f_1_5]}
  XC "fld m32 denormal", {fld dword [f_den]}
  XC "fld m32 snan", {fld dword [f_snan]}
  XC "fld m32 -inf", {fld dword [f_ninf]}
  XC "fld m64 pi", {fld qword [d_pi]}
  XC "fld m64 denormal", {fld qword [d_den]}
  XC "fld m64 snan", {fld qword [d_snan]}
  XC "fld m64 -0", {fld qword [d_nzero]}
  XC "fld m80 snan", {fld tword [t_snan]}
  XC "fld m80 unnormal", {fld tword [t_unnormal]}
  XC "fld m80 pseudo-denormal", {fld tword [t_pden]}
  XC "fild m16 -2", {fild word [i16_m2]}
  XC "fild m32 max", {fild dword [i32_max]}
  XC "fild m64 min", {fild qword [i64_min]}
  XC "fbld 12345678901234567", {fbld [bcd_1]}
  XC "fbld negative", {fbld [bcd_neg]}
  ; ---- constants, each in the four rounding modes ----
%assign r 0
%rep 4
  XC "fld1/fldl2t/fldl2e rc", RC r, fld1, fldl2t, fldl2e
  XC "fldpi/fldlg2/fldln2/fldz rc", RC r, fldpi, fldlg2, fldln2, fldz
%assign r r + 1
%endrep
  ; ---- stores ----
  XS "fst m32 1/3 near", fld tword [t_third], fst dword [xm]
  XS "fst m32 1/3 up", RC 2, fld tword [t_third], fst dword [xm]
  XS "fstp m32 overflow", fld tword [t_huge], fstp dword [xm]
  XS "fstp m32 underflow", fld tword [t_tiny], fstp dword [xm]
  XS "fstp m32 snan", fld tword [t_snan], fstp dword [xm]
  XS "fst m64 1/3 down", RC 1, fld tword [t_third], fst qword [xm]
  XS "fst m64 -1/3 zero", RC 3, fld tword [t_third], fchs, fst qword [xm]
  XS "fstp m64 denormal result", fld tword [t_d_den], fstp qword [xm]
  XS "fstp m80", fld tword [t_unnormal], fstp tword [xm]
  XS "fbstp -1234.5", fld qword [d_m1234_5], fbstp [xm]
  XS "fbstp too big", fld qword [d_1e18], fbstp [xm]
  XS "fbstp nan", fld dword [f_qnan], fbstp [xm]
%assign r 0
%rep 4
  XS "fist m16 2.5 rc", RC r, fld qword [d_2_5], fist word [xm]
  XS "fistp m32 -2.5 rc", RC r, fld qword [d_m2_5], fistp dword [xm]
  XS "fistp m64 -0.5 rc", RC r, fld qword [d_m0_5], fistp qword [xm]
  XS "fist m32 1.5 rc", RC r, fld qword [d_1_5], fist dword [xm]
  XC "frndint 2.5 rc", RC r, fld qword [d_2_5], frndint
  XC "frndint -0.5 rc", RC r, fld qword [d_m0_5], frndint
  XC "fadd 1+2^-64 rc", RC r, fld1, fld tword [t_ulp_half], faddp
%assign r r + 1
%endrep
  XS "fist m16 out of range", fld dword [f_1e5], fist word [xm]
  XS "fistp m32 nan", fld dword [f_qnan], fistp dword [xm]
  XS "fistp m64 -inf", fld dword [f_ninf], fistp qword [xm]
  XS "fist m16 -32768.4", fld qword [d_m32768_4], fist word [xm]
  ; ---- register moves ----
  XC "fld st(i)", fld1, fldz, fld st1
  XC "fst st(i)", fld1, fldz, fldpi, fst st2
  XC "fstp st(i)", fld1, fldz, fldpi, fstp st2
  XC "fstp1 alias d9 d9", fld1, fldpi, {db 0xd9, 0xd9}
  XC "fstp8 alias df d1", fld1, fldpi, {db 0xdf, 0xd1}
  XC "fstp9 alias df d9", fld1, fldpi, {db 0xdf, 0xd9}
  XC "fxch", fld1, fldz, fldpi, fxch st2
  XC "fxch4 alias dd c9", fld1, fldpi, {db 0xdd, 0xc9}
  XC "fxch7 alias df c9", fld1, fldpi, {db 0xdf, 0xc9}
  XC "fchs fabs", fld1, fchs, fldpi, fchs, fabs
  XC "ffree st1", fld1, fldz, fldpi, ffree st1
  XC "ffreep st1", fld1, fldz, fldpi, {db 0xdf, 0xc1}
  XC "fincstp", fld1, fldz, fincstp
  XC "fdecstp", fld1, fldz, fdecstp
  XC "fnop feni fdisi fsetpm", fld1, fnop, {db 0xdb, 0xe0, 0xdb, 0xe1, 0xdb, 0xe4}
  ; FCMOVcc with EFLAGS from a compare: 1 < 2 sets CF only
%macro CMOV 2
  %defstr %%n %1 %2
  XC %%n, fldz, fld1, {mov eax, 1}, {cmp eax, %2}, {%1 st0, st1}
%endmacro
  CMOV fcmovb, 2
  CMOV fcmovb, 0
  CMOV fcmove, 1
  CMOV fcmove, 2
  CMOV fcmovbe, 1
  CMOV fcmovbe, 0
  CMOV fcmovnb, 0
  CMOV fcmovnb, 2
  CMOV fcmovne, 2
  CMOV fcmovne, 1
  CMOV fcmovnbe, 0
  CMOV fcmovnbe, 1
  XC "fcmovu pf=1", fldz, fld1, {xor eax, eax}, {fcmovu st0, st1}
  XC "fcmovnu pf=1", fldz, fld1, {xor eax, eax}, {fcmovnu st0, st1}
  ; ---- arithmetic, every form ----
  XC "fadd m32", fld1, fadd dword [f_1_5]
  XC "fsub m32", fld1, fsub dword [f_1_5]
  XC "fsubr m32", fld1, fsubr dword [f_1_5]
  XC "fmul m64", fldpi, fmul qword [d_pi]
  XC "fdiv m64", fld1, fdiv qword [d_pi]
  XC "fdivr m64", fld1, fdivr qword [d_pi]
  XC "fiadd m16", fld1, fiadd word [i16_m2]
  XC "fisub m16", fld1, fisub word [i16_m2]
  XC "fisubr m32", fld1, fisubr dword [i32_max]
  XC "fimul m32", fldpi, fimul dword [i32_max]
  XC "fidiv m16", fld1, fidiv word [i16_m2]
  XC "fidivr m32", fld1, fidivr dword [i32_max]
  XC "fsub st0,st2", fld1, fldz, fldpi, {fsub st0, st2}
  XC "fsubr st0,st2", fld1, fldz, fldpi, {fsubr st0, st2}
  XC "fdiv st0,st2", fld1, fldz, fldpi, {fdiv st0, st2}
  XC "fdivr st0,st2", fld1, fldz, fldpi, {fdivr st0, st2}
  XC "fsub st2,st0 (dc e8+i)", fld1, fldz, fldpi, {db 0xdc, 0xea}
  XC "fsubr st2,st0 (dc e0+i)", fld1, fldz, fldpi, {db 0xdc, 0xe2}
  XC "fdiv st2,st0 (dc f8+i)", fld1, fldz, fldpi, {db 0xdc, 0xfa}
  XC "fdivr st2,st0 (dc f0+i)", fld1, fldz, fldpi, {db 0xdc, 0xf2}
  XC "fadd st2,st0", fld1, fldz, fldpi, {db 0xdc, 0xc2}
  XC "fmul st2,st0", fld1, fldz, fldpi, {db 0xdc, 0xca}
  XC "fsubp st2,st0 (de e8+i)", fld1, fldz, fldpi, {db 0xde, 0xea}
  XC "fsubrp st2,st0 (de e0+i)", fld1, fldz, fldpi, {db 0xde, 0xe2}
  XC "fdivp st2,st0 (de f8+i)", fld1, fldz, fldpi, {db 0xde, 0xfa}
  XC "fdivrp st2,st0 (de f0+i)", fld1, fldz, fldpi, {db 0xde, 0xf2}
  XC "faddp fmulp", fld1, fldpi, fldpi, faddp, fmulp
  XC "fsqrt 2", fld1, fld1, faddp, fsqrt
  XC "fsqrt -1", fld1, fchs, fsqrt
  XC "fdiv 1/0", fld1, fldz, fdivp
  XC "fdiv 0/0", fldz, fldz, fdivp
  XC "fadd inf-inf", fld dword [f_ninf], fld dword [f_ninf], fchs, faddp
  XC "fmul denormal", fld dword [f_1_5], fmul dword [f_den]
  XC "pc 24 1/3", fldcw [cw_pc24], fld1, fdiv qword [d_3]
  XC "pc 53 1/3", fldcw [cw_pc53], fld1, fdiv qword [d_3]
  XC "pc 24 fsqrt", fldcw [cw_pc24], fld1, fld1, faddp, fsqrt
  XC "fmul overflow", fld tword [t_maxnorm], {fmul st0, st0}
  XC "fmul underflow", fld tword [t_tiny80], {fmul st0, st0}
  ; NaN operands: a QNaN beats an SNaN whatever the significands, else
  ; the larger significand wins
  XC "qnan(small) + snan m32", fld tword [t_qnan_small], fadd dword [f_snan_big]
  XC "snan(small) + qnan m32", fld tword [t_snan_small], fadd dword [f_qnan_big]
  XC "snan(big) + qnan(small)", fld tword [t_qnan_small], fld tword [t_snan_big], faddp
  XC "qnan + qnan", fld tword [t_qnan_small], fld tword [t_qnan_big], fsubp
  XC "snan + snan m64", fld tword [t_snan_small], fmul qword [d_snan]
  XC "nan + 1", fld1, fadd dword [f_qnan]
  XC "unsupported + 1", fld tword [t_unnormal], fld1, faddp
  XC "fld m32 snan (quieted)", {fld dword [f_snan_big]}
  ; ---- FXTRACT, FSCALE ----
  XC "fxtract 10", fild word [i16_10], fxtract
  XC "fxtract -0", fldz, fchs, fxtract
  XC "fxtract denormal", fld tword [t_pden], fxtract
  XC "fscale 3 * 2^-2.5", fld qword [d_m2_5], fld1, fld1, faddp, fld1, faddp, fscale
  XC "fscale overflow", fild dword [i32_max], fld1, fscale
  ret

section .data
align 4
cw_rc:      dw 0x037f, 0x077f, 0x0b7f, 0x0f7f
cw_pc24:    dw 0x007f
cw_pc53:    dw 0x027f
f_1_5:      dd 1.5
f_den:      dd 0x00012345
f_snan:     dd 0x7f812345
f_snan_big: dd 0x7fa00000
f_qnan:     dd 0x7fc00000
f_qnan_big: dd 0x7fe00000
f_ninf:     dd 0xff800000
f_1e5:      dd 1.0e5
i16_m2:     dw -2
i16_10:     dw 10
i32_max:    dd 0x7fffffff
align 8
i64_min:    dq 0x8000000000000000
d_pi:       dq 3.14159265358979
d_den:      dq 0x000123456789abcd
d_snan:     dq 0x7ff0000000000001
d_nzero:    dq 0x8000000000000000
d_2_5:      dq 2.5
d_m2_5:     dq -2.5
d_m0_5:     dq -0.5
d_1_5:      dq 1.5
d_3:        dq 3.0
d_m1234_5:  dq -1234.5
d_1e18:     dq 1.0e18
d_m32768_4: dq -32768.4
; 80-bit operands: significand, then sign and exponent
t_snan:       dq 0x8000000000000001
              dw 0x7fff
t_unnormal:   dq 0x4000000000000000
              dw 0x3fff
t_pden:       dq 0x8000000000000000
              dw 0x0000
t_third:      dq 0xaaaaaaaaaaaaaaab
              dw 0x3ffd
t_huge:       dq 0x8000000000000000
              dw 0x43ff
t_tiny:       dq 0x8000000000000000
              dw 0x3b00
t_d_den:      dq 0xc000000000000000
              dw 0x3bfe
t_ulp_half:   dq 0x8000000000000000
              dw 0x3fbf
t_maxnorm:    dq 0xffffffffffffffff
              dw 0x7ffe
t_tiny80:     dq 0x8000000000000000
              dw 0x0100
t_qnan_small: dq 0xc000000000000001
              dw 0x7fff
t_qnan_big:   dq 0xe000000000000000
              dw 0xffff
t_snan_small: dq 0x8000000000000001
              dw 0xffff
t_snan_big:   dq 0xa000000000000000
              dw 0x7fff
bcd_1:        db 0x67, 0x45, 0x23, 0x01, 0x89, 0x67, 0x45, 0x23, 0x01, 0x00
bcd_neg:      db 0x99, 0x99, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80
