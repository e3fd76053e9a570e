; Microbenchmark: N x87 FADD ST(0),ST(1) (issue D: x87 throughput beside
; QEMU). Eight to a loop iteration, so the loop itself costs little.
%include "lib.inc"
%ifndef N
%define N 1000000
%endif

main:
  fninit
  fld1
  fld1                          ; ST0 = ST1 = 1.0: sums stay exact
  mov ecx, N / 8
  test ecx, ecx
  jz .done
.loop:
%rep 8
  fadd st0, st1
%endrep
  dec ecx
  jnz .loop
.done:
  PUTS "DONE", 10
  jmp exit_ok
