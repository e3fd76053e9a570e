; SSE/SSE2 conversions, case by case (see sse_case.inc): rounding modes,
; out-of-range and NaN inputs (the integer indefinite and IE), denormals
; with and without DAZ, overflow/underflow of CVTPD2PS, scalar forms that
; keep the upper elements, the MMX forms. The expected output is the host
; CPU's (sse_native.sh).
; not-qemu: QEMU 7.2 flags no DE and raises no #XM; the host CPU is the reference
%include "fp_head.inc"
cpu p4
%include "sse_case.inc"

main:
  call idt_init
  SSE_ON
  ; ---- doublewords <-> singles
  T "cvtdq2ps rn", {cvtdq2ps xmm0, xmm1}, RN, fA, iA
  T "cvtdq2ps rd", {cvtdq2ps xmm0, xmm1}, RD, fA, iA
  T "cvtdq2ps ru", {cvtdq2ps xmm0, [iA]}, RU, fA, fA
  T "cvtdq2ps rz", {cvtdq2ps xmm0, xmm1}, RZ, fA, iA
  T "cvtps2dq rn", {cvtps2dq xmm0, xmm1}, RN, fA, fC
  T "cvtps2dq rd", {cvtps2dq xmm0, xmm1}, RD, fA, fC
  T "cvtps2dq ru", {cvtps2dq xmm0, xmm1}, RU, fA, fC
  T "cvtps2dq rz", {cvtps2dq xmm0, [fC]}, RZ, fA, fA
  T "cvtps2dq 2", {cvtps2dq xmm0, xmm1}, RN, fA, fC2
  T "cvtps2dq den", {cvtps2dq xmm0, xmm1}, RN, fA, fDen
  T "cvtps2dq daz", {cvtps2dq xmm0, xmm1}, RU | DAZ, fA, fDen
  T "cvttps2dq", {cvttps2dq xmm0, xmm1}, RU, fA, fC
  T "cvttps2dq 2", {cvttps2dq xmm0, xmm1}, RN, fA, fC2
  ; ---- doublewords <-> doubles
  T "cvtdq2pd", {cvtdq2pd xmm0, xmm1}, RN, fA, iA
  T "cvtdq2pd mem", {cvtdq2pd xmm0, [iA + 8]}, RZ, fA, fA
  T "cvtpd2dq rn", {cvtpd2dq xmm0, xmm1}, RN, fA, dC
  T "cvtpd2dq rd", {cvtpd2dq xmm0, xmm1}, RD, fA, dC
  T "cvtpd2dq ru", {cvtpd2dq xmm0, [dC]}, RU, fA, fA
  T "cvtpd2dq big", {cvtpd2dq xmm0, xmm1}, RN, fA, dC2
  T "cvtpd2dq big rz", {cvtpd2dq xmm0, xmm1}, RZ, fA, dC2
  T "cvtpd2dq nan", {cvtpd2dq xmm0, xmm1}, RN, fA, dNaN
  T "cvttpd2dq", {cvttpd2dq xmm0, xmm1}, RU, fA, dC
  T "cvttpd2dq big", {cvttpd2dq xmm0, xmm1}, RN, fA, dC2
  ; ---- singles <-> doubles
  T "cvtps2pd", {cvtps2pd xmm0, xmm1}, RN, fA, fA
  T "cvtps2pd hi", {cvtps2pd xmm0, [fA + 8]}, RN, fA, fA
  T "cvtps2pd nan", {cvtps2pd xmm0, xmm1}, RN, fA, fNaN
  T "cvtps2pd den", {cvtps2pd xmm0, xmm1}, RN, fA, fDen
  T "cvtps2pd daz", {cvtps2pd xmm0, xmm1}, RN | DAZ, fA, fDen
  T "cvtpd2ps", {cvtpd2ps xmm0, xmm1}, RN, fA, dA
  T "cvtpd2ps rz", {cvtpd2ps xmm0, [dA]}, RZ, fA, fA
  T "cvtpd2ps big", {cvtpd2ps xmm0, xmm1}, RN, fA, dBig
  T "cvtpd2ps big ru", {cvtpd2ps xmm0, xmm1}, RU, fA, dBig
  T "cvtpd2ps big ftz", {cvtpd2ps xmm0, xmm1}, RN | FTZ, fA, dBig
  T "cvtpd2ps tiny", {cvtpd2ps xmm0, xmm1}, RN, fA, dTiny
  T "cvtpd2ps nan", {cvtpd2ps xmm0, xmm1}, RN, fA, dNaN
  T "cvtpd2ps den", {cvtpd2ps xmm0, xmm1}, RN, fA, dDen
  T "cvtpd2ps daz", {cvtpd2ps xmm0, xmm1}, RN | DAZ, fA, dDen
  T "cvtss2sd", {cvtss2sd xmm0, xmm1}, RN, dA, fC
  T "cvtss2sd snan", {cvtss2sd xmm0, [fNaN + 4]}, RN, dA, dA
  T "cvtss2sd den", {cvtss2sd xmm0, xmm1}, RN, dA, fDen
  T "cvtsd2ss", {cvtsd2ss xmm0, xmm1}, RN, fA, dA + 8
  T "cvtsd2ss ru", {cvtsd2ss xmm0, [dB + 8]}, RU, fA, fA
  T "cvtsd2ss ovf", {cvtsd2ss xmm0, xmm1}, RZ, fA, dBig
  T "cvtsd2ss unf", {cvtsd2ss xmm0, xmm1}, RN, fA, dBig + 8
  ; ---- general registers <-> scalars
  mov ecx, 0x7fffffff
  T "cvtsi2ss rn", {cvtsi2ss xmm0, ecx}, RN, fA, fA
  T "cvtsi2ss rz", {cvtsi2ss xmm0, ecx}, RZ, fA, fA
  T "cvtsi2ss mem", {cvtsi2ss xmm0, [iA + 12]}, RD, fA, fA
  mov ecx, -5
  T "cvtsi2ss exact", {cvtsi2ss xmm0, ecx}, RN, fA, fA
  T "cvtsi2sd", {cvtsi2sd xmm0, ecx}, RN, fA, fA
  T "cvtsi2sd mem", {cvtsi2sd xmm0, [iA + 8]}, RZ, fA, fA
  TG "cvtss2si", {cvtss2si eax, xmm1}, RN, fA, fC
  TG "cvtss2si rd", {cvtss2si eax, xmm1}, RD, fA, fC + 4
  TG "cvtss2si mem", {cvtss2si eax, [fC + 8]}, RN, fA, fA
  TG "cvtss2si big", {cvtss2si eax, [fC + 12]}, RN, fA, fA
  TG "cvtss2si nan", {cvtss2si eax, xmm1}, RN, fA, fNaN
  TG "cvtss2si -2^31", {cvtss2si eax, xmm1}, RN, fA, fC2 + 12
  TG "cvttss2si", {cvttss2si eax, xmm1}, RU, fA, fC + 4
  TG "cvttss2si den", {cvttss2si eax, xmm1}, RN, fA, fDen + 4
  TG "cvtsd2si", {cvtsd2si eax, xmm1}, RN, fA, dC
  TG "cvtsd2si ru", {cvtsd2si eax, [dC + 8]}, RU, fA, fA
  TG "cvtsd2si big", {cvtsd2si eax, xmm1}, RN, fA, dC2
  TG "cvtsd2si big rz", {cvtsd2si eax, xmm1}, RZ, fA, dC2 + 8
  TG "cvttsd2si", {cvttsd2si eax, xmm1}, RN, fA, dC2 + 8
  TG "cvttsd2si nan", {cvttsd2si eax, [dNaN + 8]}, RN, fA, fA
  ; ---- MMX forms
  movq mm1, [iA + 8]
  T "cvtpi2ps reg", {cvtpi2ps xmm0, mm1}, RN, fA, fA
  T "cvtpi2ps mem", {cvtpi2ps xmm0, [iA + 8]}, RZ, fA, fA
  T "cvtpi2pd reg", {cvtpi2pd xmm0, mm1}, RN, fA, fA
  T "cvtpi2pd mem", {cvtpi2pd xmm0, [iA]}, RN, fA, fA
  TM "cvtps2pi", {cvtps2pi mm0, xmm1}, RN, fA, fC
  TM "cvtps2pi mem", {cvtps2pi mm0, [fC + 8]}, RD, fA, fA
  TM "cvttps2pi", {cvttps2pi mm0, xmm1}, RN, fA, fC
  TM "cvtpd2pi", {cvtpd2pi mm0, xmm1}, RN, fA, dC
  TM "cvtpd2pi mem", {cvtpd2pi mm0, [dC2]}, RN, fA, fA
  TM "cvttpd2pi", {cvttpd2pi mm0, xmm1}, RN, fA, dC
  emms
  ret

section .data
align 16
fA:    dd 1.0, -2.5, 3.0e38, 1.0e-38
iA:    dd 1, -2, 0x7fffffff, 0x80000001
fC:    dd 1.5, -2.5, 2.5, 3.0e9
fC2:   dd 0x7fc00000, -0.5, 0x3effffff, -2147483648.0  ; QNaN, -0.5, 0.49999997, -2^31
fDen:  dd 0x00000001, 0x80400000, 0x007fffff, 1.0
fNaN:  dd 0x7fc00001, 0x7f800001, 0xffc00002, 1.0
dA:    dq 1.0, -2.5
dB:    dq 3.0, 0.1
dC:    dq 2.5, -3.5
dC2:   dq 2147483647.5, -2147483648.9
dBig:  dq 1.0e308, 1.0e-300
dTiny: dq 1.0e-39, -1.4e-45
dNaN:  dq 0x7ff8000000000001, 0xfff0000000000001       ; QNaN -SNaN
dDen:  dq 0x0000000000000001, 0x8008000000000000
