; SSE/SSE2 moves, logic, shuffles and the reciprocal approximations, case
; by case (see sse_case.inc). Register-to-register forms of the store
; opcodes (0F 11/29 with ModRM C8: xmm0 <- xmm1) are written as bytes.
; The expected output is the host CPU's (sse_native.sh).
; not-qemu: QEMU 7.2 computes RSQRTPS of denormals and NaNs otherwise; the host CPU is the reference
%include "fp_head.inc"
cpu p4
%include "sse_case.inc"

; RCPPS/RSQRTPS: only the relative error is architectural, so the normal
; inputs print a mask: all ones where |rcp(x) * x - 1| < 1.5 * 2^-12, or
; |rsqrt(x)^2 * x - 1| < 3 * 2^-12 (plus rounding)
%macro RCPCHECK 1
  %1 xmm2, xmm1
  mulps xmm2, xmm1
%ifidn %1, rsqrtps
  rsqrtps xmm3, [fNorm]
  mulps xmm2, xmm3
  movaps xmm0, [rsq_bound]
%else
  movaps xmm0, [rcp_bound]
%endif
  subps xmm2, [ones]
  andps xmm2, [absmask]
  cmpps xmm0, xmm2, 6           ; NLE: bound > error
%endmacro

main:
  call idt_init
  SSE_ON
  ; ---- whole registers
  T "movaps", {movaps xmm0, xmm1}, RN, vA, vB
  T "movaps mem", {movaps xmm0, [vB]}, RN, vA, vA
  T "movups mem", {movups xmm0, [vB + 4]}, RN, vA, vA
  T "movapd mem", {movapd xmm0, [vB]}, RN, vA, vA
  T "movupd mem", {movupd xmm0, [vB + 8]}, RN, vA, vA
  T "movups st reg", {db 0x0f, 0x11, 0xc8}, RN, vA, vB
  T "movaps st reg", {db 0x0f, 0x29, 0xc8}, RN, vA, vB
  T "movupd st reg", {db 0x66, 0x0f, 0x11, 0xc8}, RN, vA, vB
  TB "movaps st", {movaps [case_buf], xmm1}, RN, vA, vB
  TB "movups st", {movups [case_buf + 4], xmm1}, RN, vA, vB
  TB "movapd st", {movapd [case_buf], xmm1}, RN, vA, vB
  TB "movupd st", {movupd [case_buf + 2], xmm1}, RN, vA, vB
  TB "movntps", {movntps [case_buf], xmm1}, RN, vA, vB
  TB "movntpd", {movntpd [case_buf], xmm1}, RN, vA, vB
  mov ecx, 0x12345678
  TB "movnti", {movnti [case_buf + 4], ecx}, RN, vA, vB
  ; ---- scalar moves: memory loads zero the rest, register moves keep it
  T "movss reg", {movss xmm0, xmm1}, RN, vA, vB
  T "movss mem", {movss xmm0, [vB + 4]}, RN, vA, vA
  T "movss st reg", {db 0xf3, 0x0f, 0x11, 0xc8}, RN, vA, vB
  TB "movss st", {movss [case_buf + 4], xmm1}, RN, vA, vB
  T "movsd reg", {movsd xmm0, xmm1}, RN, vA, vB
  T "movsd mem", {movsd xmm0, [vB + 8]}, RN, vA, vA
  T "movsd st reg", {db 0xf2, 0x0f, 0x11, 0xc8}, RN, vA, vB
  TB "movsd st", {movsd [case_buf + 4], xmm1}, RN, vA, vB
  ; ---- halves
  T "movlps", {movlps xmm0, [vB + 8]}, RN, vA, vA
  T "movhps", {movhps xmm0, [vB + 4]}, RN, vA, vA
  T "movhlps", {movhlps xmm0, xmm1}, RN, vA, vB
  T "movlhps", {movlhps xmm0, xmm1}, RN, vA, vB
  T "movlpd", {movlpd xmm0, [vB + 8]}, RN, vA, vA
  T "movhpd", {movhpd xmm0, [vB]}, RN, vA, vA
  TB "movlps st", {movlps [case_buf + 4], xmm1}, RN, vA, vB
  TB "movhps st", {movhps [case_buf + 4], xmm1}, RN, vA, vB
  TB "movlpd st", {movlpd [case_buf], xmm1}, RN, vA, vB
  TB "movhpd st", {movhpd [case_buf + 8], xmm1}, RN, vA, vB
  ; ---- sign masks
  TG "movmskps", {movmskps eax, xmm1}, RN, vA, vB
  TG "movmskps 2", {movmskps eax, xmm1}, RN, vA, vA
  TG "movmskpd", {movmskpd eax, xmm1}, RN, vA, vB
  TG "movmskpd 2", {movmskpd eax, xmm1}, RN, vA, vA
  ; ---- logic
  T "andps", {andps xmm0, xmm1}, RN, vA, vB
  T "andnps", {andnps xmm0, xmm1}, RN, vA, vB
  T "orps", {orps xmm0, xmm1}, RN, vA, vB
  T "xorps", {xorps xmm0, xmm1}, RN, vA, vB
  T "andpd mem", {andpd xmm0, [vB]}, RN, vA, vA
  T "andnpd", {andnpd xmm0, xmm1}, RN, vA, vB
  T "orpd", {orpd xmm0, xmm1}, RN, vA, vB
  T "xorpd same", {xorpd xmm0, xmm0}, RN, vA, vB
  ; ---- interleave and shuffle
  T "unpcklps", {unpcklps xmm0, xmm1}, RN, vA, vB
  T "unpckhps", {unpckhps xmm0, xmm1}, RN, vA, vB
  T "unpcklpd", {unpcklpd xmm0, xmm1}, RN, vA, vB
  T "unpckhpd mem", {unpckhpd xmm0, [vB]}, RN, vA, vA
  T "shufps 1b", {shufps xmm0, xmm1, 0x1b}, RN, vA, vB
  T "shufps e4", {shufps xmm0, xmm1, 0xe4}, RN, vA, vB
  T "shufps self", {shufps xmm0, xmm0, 0x39}, RN, vA, vB
  T "shufps mem", {shufps xmm0, [vB], 0x8d}, RN, vA, vA
  T "shufpd 0", {shufpd xmm0, xmm1, 0}, RN, vA, vB
  T "shufpd 1", {shufpd xmm0, xmm1, 1}, RN, vA, vB
  T "shufpd 2", {shufpd xmm0, xmm1, 2}, RN, vA, vB
  T "shufpd fe", {shufpd xmm0, xmm1, 0xfe}, RN, vA, vB
  ; ---- RCP/RSQRT: exact at the special values (no flags, whatever MXCSR)
  T "rcpps special", {rcpps xmm0, xmm1}, RN, vA, fSpec
  T "rcpps special 2", {rcpps xmm0, [fSpec2]}, 0x0040, vA, vA
  T "rsqrtps special", {rsqrtps xmm0, xmm1}, 0x1e00, vA, fSpec
  T "rsqrtps special 2", {rsqrtps xmm0, [fSpec2]}, RN, vA, vA
  T "rcpss special", {rcpss xmm0, xmm1}, RN, vA, fSpec
  T "rsqrtss special", {rsqrtss xmm0, [fSpec + 4]}, RN, vA, vA
  T "rcpps accuracy", {RCPCHECK rcpps}, RN, vA, fNorm
  T "rsqrtps accuracy", {RCPCHECK rsqrtps}, RN, vA, fNorm
  ret

section .data
align 16
vA:      dd 0x11111111, 0x82222222, 0x33333333, 0xc4444444
vB:      dd 0xf0f0a5a5, 0x0f0fc3c3, 0x89abcdef, 0x76543210
         dd 0x01020304, 0x05060708
align 16
fSpec:   dd 0.0, 0x80000000, 0x7f800000, 0xff800000    ; +0 -0 +inf -inf
fSpec2:  dd 0x00000001, 0x807fffff, 0x7fa00000, 0xffc00001 ; denormals, NaNs
fNorm:   dd 3.0, 0.1, 1.0e30, 7.5e-30
ones:    dd 1.0, 1.0, 1.0, 1.0
absmask: dd 0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff
rcp_bound: times 4 dd 0x39c00000                    ; 1.5 * 2^-12
rsq_bound: times 4 dd 0x3a410000                    ; ~3 * 2^-12
