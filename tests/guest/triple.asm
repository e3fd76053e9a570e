; exit: 0
; A fault with no usable IDT is a triple fault.  With -no-reboot the
; emulator must stop (status 0) rather than reset and run us again.
; The loader's IDTR is unknown (QEMU leaves the real-mode IVT there), so
; load an empty IDT (limit 0) explicitly: every vector is then out of range.
%include "lib.inc"

main:
  PUTS "before the triple fault", 10
  lidt [empty_idt]
  ud2                           ; #UD -> #GP -> #DF -> shutdown
  PUTS "still running", 10
  jmp exit_fail

section .data
empty_idt:
  dw 0
  dd 0
