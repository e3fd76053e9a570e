; SSE/SSE2 arithmetic, compares and MXCSR flags, case by case: each line
; is the destination, MXCSR after the instruction and EFLAGS (see
; sse_case.inc). The expected output is the host CPU's (sse_native.sh):
; rounding modes, DAZ, FTZ, NaN propagation, masked exceptions, packed,
; scalar (upper elements kept) and memory forms.
; not-qemu: QEMU 7.2 flags no DE and raises no #XM; the host CPU is the reference
%include "fp_head.inc"
cpu p4
%include "sse_case.inc"

main:
  call idt_init
  SSE_ON
  ; ---- single precision, packed
  T "addps rn", {addps xmm0, xmm1}, RN, fA, fB
  T "addps rd", {addps xmm0, xmm1}, RD, fA, fB
  T "addps ru", {addps xmm0, xmm1}, RU, fA, fB
  T "addps rz", {addps xmm0, xmm1}, RZ, fA, fB
  T "addps mem", {addps xmm0, [fB]}, RN, fA, fA
  T "subps rn", {subps xmm0, xmm1}, RN, fA, fB
  T "subps rd zeros", {subps xmm0, xmm1}, RD, fInf, fInf
  T "subps rn zeros", {subps xmm0, xmm1}, RN, fInf, fInf
  T "mulps rn", {mulps xmm0, xmm1}, RN, fA, fB
  T "mulps rz", {mulps xmm0, xmm1}, RZ, fA, fB
  T "mulps inf", {mulps xmm0, xmm1}, RN, fInf, fInf2
  T "divps rn", {divps xmm0, xmm1}, RN, fA, fB
  T "divps ru", {divps xmm0, [fB]}, RU, fA, fA
  T "divps zero", {divps xmm0, xmm1}, RN, fA, fInf2
  T "divps 0/0", {divps xmm0, xmm1}, RN, fInf2, fInf2
  T "sqrtps", {sqrtps xmm0, xmm1}, RN, fA, fA
  T "sqrtps inf", {sqrtps xmm0, xmm1}, RN, fA, fInf
  T "sqrtps den", {sqrtps xmm0, xmm1}, RN, fA, fDen
  T "sqrtps daz", {sqrtps xmm0, xmm1}, RN | DAZ, fA, fDen
  T "minps", {minps xmm0, xmm1}, RN, fA, fB
  T "maxps", {maxps xmm0, xmm1}, RN, fA, fB
  T "minps nan", {minps xmm0, xmm1}, RN, fNaN, fA
  T "maxps nan", {maxps xmm0, xmm1}, RN, fA, fNaN
  T "minps zeros", {minps xmm0, xmm1}, RN, fInf, fInf2
  T "maxps zeros", {maxps xmm0, xmm1}, RN, fInf2, fInf
  T "maxps den", {maxps xmm0, xmm1}, RN, fDen, fA
  ; denormals, DAZ, FTZ, underflow
  T "addps den", {addps xmm0, xmm1}, RN, fDen, fDen
  T "addps daz", {addps xmm0, xmm1}, RN | DAZ, fDen, fDen
  T "mulps tiny", {mulps xmm0, xmm1}, RN, fTiny, fHalf
  T "mulps tiny ftz", {mulps xmm0, xmm1}, RN | FTZ, fTiny, fHalf
  T "mulps tiny rz", {mulps xmm0, xmm1}, RZ, fTiny, fHalf
  T "mulps tiny ru ftz", {mulps xmm0, xmm1}, RU | FTZ, fTiny, fHalf
  T "mulps den daz ftz", {mulps xmm0, xmm1}, RN | DAZ | FTZ, fDen, fHalf
  ; overflow in each rounding mode
  T "mulps ovf rn", {mulps xmm0, xmm1}, RN, fBig, fBig
  T "mulps ovf rd", {mulps xmm0, xmm1}, RD, fBig, fBig
  T "mulps ovf ru", {mulps xmm0, xmm1}, RU, fBig, fBig
  T "mulps ovf rz", {mulps xmm0, xmm1}, RZ, fBig, fBig
  ; NaN propagation: the first operand's NaN wins, SNaNs come back quiet
  T "addps nan ab", {addps xmm0, xmm1}, RN, fNaN, fNaN2
  T "addps nan ba", {addps xmm0, xmm1}, RN, fNaN2, fNaN
  T "mulps nan/num", {mulps xmm0, xmm1}, RN, fA, fNaN
  T "subps inf-inf", {subps xmm0, xmm1}, RN, fInf, fInf
  ; ---- single precision, scalar: upper elements kept
  T "addss", {addss xmm0, xmm1}, RN, fA, fB
  T "addss mem", {addss xmm0, [fB + 4]}, RZ, fB, fA
  T "subss", {subss xmm0, xmm1}, RU, fB, fA
  T "mulss", {mulss xmm0, xmm1}, RN, fBig, fBig
  T "divss", {divss xmm0, xmm1}, RN, fA, fB
  T "divss zero", {divss xmm0, xmm1}, RN, fA, fInf2 + 8
  T "sqrtss", {sqrtss xmm0, xmm1}, RN, fA, fB
  T "sqrtss neg", {sqrtss xmm0, [fA + 4]}, RN, fA, fA
  T "minss", {minss xmm0, xmm1}, RN, fB, fA
  T "maxss", {maxss xmm0, xmm1}, RN, fB, fA
  T "maxss snan", {maxss xmm0, xmm1}, RN, fB, fNaN2
  ; ---- double precision
  T "addpd rn", {addpd xmm0, xmm1}, RN, dA, dB
  T "addpd rd", {addpd xmm0, xmm1}, RD, dA, dB
  T "addpd ru", {addpd xmm0, xmm1}, RU, dA, dB
  T "addpd rz", {addpd xmm0, [dB]}, RZ, dA, dA
  T "subpd", {subpd xmm0, xmm1}, RN, dA, dB
  T "mulpd", {mulpd xmm0, xmm1}, RN, dA, dB
  T "mulpd big", {mulpd xmm0, xmm1}, RN, dBig, dBig
  T "mulpd big ftz", {mulpd xmm0, xmm1}, RN | FTZ, dBig, dBig
  T "divpd", {divpd xmm0, xmm1}, RN, dA, dB
  T "divpd zero", {divpd xmm0, xmm1}, RN, dA, dInf
  T "sqrtpd", {sqrtpd xmm0, xmm1}, RN, dA, dB
  T "sqrtpd neg", {sqrtpd xmm0, xmm1}, RN, dA, dA
  T "minpd", {minpd xmm0, xmm1}, RN, dA, dB
  T "maxpd nan", {maxpd xmm0, xmm1}, RN, dNaN, dA
  T "minpd nan", {minpd xmm0, xmm1}, RN, dA, dNaN
  T "addpd nan", {addpd xmm0, xmm1}, RN, dNaN, dNaN2
  T "addpd den", {addpd xmm0, xmm1}, RN, dDen, dDen
  T "addpd daz", {addpd xmm0, xmm1}, RN | DAZ, dDen, dDen
  T "addsd", {addsd xmm0, xmm1}, RN, dA, dB
  T "subsd mem", {subsd xmm0, [dB + 8]}, RD, dB, dA
  T "mulsd", {mulsd xmm0, xmm1}, RU, dBig, dBig
  T "divsd", {divsd xmm0, xmm1}, RZ, dA, dB
  T "sqrtsd", {sqrtsd xmm0, xmm1}, RN, dA, dB
  T "minsd", {minsd xmm0, xmm1}, RN, dB, dA
  T "maxsd", {maxsd xmm0, xmm1}, RN, dB, dA
  ; ---- compares: predicates 0-7, imm8 bits 3-7 ignored
  T "cmpps 0", {cmpps xmm0, xmm1, 0}, RN, fCa, fCb
  T "cmpps 1", {cmpps xmm0, xmm1, 1}, RN, fCa, fCb
  T "cmpps 2", {cmpps xmm0, xmm1, 2}, RN, fCa, fCb
  T "cmpps 3", {cmpps xmm0, xmm1, 3}, RN, fCa, fCb
  T "cmpps 4", {cmpps xmm0, xmm1, 4}, RN, fCa, fCb
  T "cmpps 5", {cmpps xmm0, xmm1, 5}, RN, fCa, fCb
  T "cmpps 6", {cmpps xmm0, xmm1, 6}, RN, fCa, fCb
  T "cmpps 7", {cmpps xmm0, xmm1, 7}, RN, fCa, fCb
  T "cmpps 0x0e", {cmpps xmm0, xmm1, 0x0e}, RN, fCa, fCb
  T "cmpps 0xf9 mem", {cmpps xmm0, [fCb], 0xf9}, RN, fCa, fCa
  T "cmpps eq snan", {cmpps xmm0, xmm1, 0}, RN, fNaN, fA
  T "cmpps den", {cmpps xmm0, xmm1, 1}, RN, fDen, fA
  T "cmpps den daz", {cmpps xmm0, xmm1, 0}, RN | DAZ, fDen, fInf
  T "cmpss 1", {cmpss xmm0, xmm1, 1}, RN, fA, fB
  T "cmpss 5 nan", {cmpss xmm0, xmm1, 5}, RN, fCa + 8, fCb
  T "cmppd 1", {cmppd xmm0, xmm1, 1}, RN, dA, dB
  T "cmppd 3 nan", {cmppd xmm0, xmm1, 3}, RN, dNaN, dA
  T "cmppd 4 nan", {cmppd xmm0, xmm1, 4}, RN, dA, dNaN2
  T "cmpsd 2", {cmpsd xmm0, xmm1, 2}, RN, dA, dA
  T "cmpsd 6 mem", {cmpsd xmm0, [dB], 6}, RN, dA, dA
  ; COMISS and friends: ZF PF CF, OF SF AF cleared
  T "comiss lt", {comiss xmm0, xmm1}, RN, fA, fB
  T "comiss gt", {comiss xmm0, xmm1}, RN, fB, fA
  T "comiss eq", {comiss xmm0, xmm1}, RN, fA, fA
  T "comiss qnan", {comiss xmm0, xmm1}, RN, fA, fNaN
  T "ucomiss qnan", {ucomiss xmm0, xmm1}, RN, fA, fNaN
  T "ucomiss snan", {ucomiss xmm0, xmm1}, RN, fNaN2, fA
  T "ucomiss zeros", {ucomiss xmm0, xmm1}, RN, fInf + 8, fInf + 12
  T "comiss den", {comiss xmm0, [fDen]}, RN, fA, fA
  T "comiss den daz", {comiss xmm0, [fDen]}, RN | DAZ, fInf + 8, fA
  T "comisd lt", {comisd xmm0, xmm1}, RN, dA, dB
  T "comisd gt mem", {comisd xmm0, [dA]}, RN, dB, dB
  T "comisd qnan", {comisd xmm0, xmm1}, RN, dNaN, dA
  T "ucomisd qnan", {ucomisd xmm0, xmm1}, RN, dNaN, dA
  T "ucomisd snan", {ucomisd xmm0, xmm1}, RN, dA, dNaN + 8
  ret

section .data
align 16
fA:    dd 1.0, -2.5, 3.0e38, 1.0e-38
fB:    dd 3.0, 0.1, 3.0e38, 1.0e-3
fDen:  dd 0x00000001, 0x80400000, 0x007fffff, 1.0
fNaN:  dd 0x7fc00001, 0x7f800001, 0xffc00002, 1.0      ; QNaN SNaN -QNaN 1
fNaN2: dd 0x7f800005, 0x7fc00003, 2.0, 0xff800007      ; SNaN QNaN 2 -SNaN
fInf:  dd 0x7f800000, 0xff800000, 0.0, 0x80000000      ; +inf -inf +0 -0
fInf2: dd 0x7f800000, 0x7f800000, 0x80000000, 0.0      ; +inf +inf -0 +0
fTiny: dd 0x00800000, 0x00c00000, 0x80800001, 0x00800003
fHalf: dd 0.5, 0.5, 0.5, 0.25
fBig:  dd 3.0e38, -3.0e38, 2.0e19, 1.0e20
fCa:   dd 1.0, 2.0, 0x7fc00000, 3.0                     ; = < unordered >
fCb:   dd 1.0, 3.0, 1.0, 2.0
dA:    dq 1.0, -2.5
dB:    dq 3.0, 0.1
dBig:  dq 1.0e308, 1.0e-300
dNaN:  dq 0x7ff8000000000001, 0x7ff0000000000001       ; QNaN SNaN
dNaN2: dq 0x7ff0000000000002, 0xfff8000000000003       ; SNaN -QNaN
dDen:  dq 0x0000000000000001, 0x8008000000000000
dInf:  dq 0x7ff0000000000000, 0.0
