; exit: 0
; A triple fault in real mode.  LIDT with limit 0 leaves no vector in
; range: INT 3 needs bytes 12..15 of the IVT, so it raises #GP, which is
; out of range too (#DF), and so is #DF: shutdown.  With -no-reboot the
; emulator must stop (status 0) instead of starting the ROM again.
%include "rom.inc"

main:
  PUTS "before the triple fault", 10
  lidt [cs:empty_ivt]
  int3
  PUTS "still running", 10
  jmp exit_fail

section .rodata
empty_ivt:
  dw 0
  dd 0
