; Microbenchmark: N stores into a page that holds translated code, outside
; the code's 64-byte lines (issue C: they should cost next to nothing).
%include "lib.inc"
%ifndef N
%define N 1000000
%endif

main:
  call func                     ; translate the code on that page
  mov ecx, N
  test ecx, ecx
  jz .done
.loop:
  mov [data], ecx
  dec ecx
  jnz .loop
.done:
  call func
  PUTS "DONE", 10
  jmp exit_ok

section .text
align 4096
func:
  mov eax, 1
  ret
  times 256 db 0x90             ; code lines end well before the data
data: dd 0
  align 4096, db 0
