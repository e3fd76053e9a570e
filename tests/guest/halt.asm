; exit: 0
; not-qemu: QEMU waits forever in hlt with interrupts off
; HLT with IF=0 can never resume, so the emulator ends the run, status 0.
%include "lib.inc"

main:
  PUTS "halting", 10
  cli
  hlt
  PUTS "still running", 10
  jmp exit_fail
