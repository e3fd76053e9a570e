; Microbenchmark: N true self-modifying-code events: the immediate of an
; instruction already translated is rewritten and the code run again.
%include "lib.inc"
%ifndef N
%define N 1000000
%endif

main:
  mov ecx, N
  test ecx, ecx
  jz .done
.loop:
  mov [func + 1], ecx           ; the imm32 of "mov eax, imm32"
  call func
  dec ecx
  jnz .loop
.done:
  PUTS "DONE", 10
  jmp exit_ok

section .text
align 4096
func:
  mov eax, 0
  ret
  align 4096, db 0x90
