; Microbenchmark: N SSE2 ADDPD xmm,xmm (issue D: SSE2 throughput beside
; QEMU). Eight to a loop iteration, so the loop itself costs little.
%include "lib.inc"
cpu p4                          ; SSE2
%ifndef N
%define N 1000000
%endif

main:
  mov eax, cr4
  or eax, 0x600                 ; OSFXSR, OSXMMEXCPT
  mov cr4, eax
  xorpd xmm0, xmm0
  movupd xmm1, [ones]
  mov ecx, N / 8
  test ecx, ecx
  jz .done
.loop:
%rep 8
  addpd xmm0, xmm1
%endrep
  dec ecx
  jnz .loop
.done:
  PUTS "DONE", 10
  jmp exit_ok

section .rodata
ones: dq 1.0, 1.0
