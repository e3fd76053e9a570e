; exit: 85
; isa-debug-exit makes the emulator exit with status (v << 1) | 1, so the
; value 0x2A written below must come out as 85.
%include "lib.inc"

main:
  PUTS "exiting with 0x2a", 10
  mov al, 0x2A
  jmp exit_with
