; not-qemu: with -serial stdio QEMU cannot also put -debugcon on stdout
; args: -serial none -debugcon stdio
; Port 0xE9 prints each byte written, on the same output as COM1.  This
; test writes only there (mixing the two would make the order of bytes
; depend on buffering).
%include "lib.inc"

main:
  mov esi, msg
  mov dx, 0xE9
.next:
  mov al, [esi]
  test al, al
  jz .done
  out dx, al
  inc esi
  jmp .next
.done:
  ret

section .rodata
msg: db "hello via port 0xe9", 10, 0
