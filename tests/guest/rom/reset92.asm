; exit: 0
; The fast reset of System Control Port A: writing bit 0 of port 0x92 as 1
; resets the CPU.  With -no-reboot a guest-requested reset stops the
; emulator (status 0) instead of starting the ROM again.  The reset need
; not be instantaneous (it is not on real chipsets either), so spin a
; while before declaring failure.
%include "rom.inc"

main:
  PUTS "before the reset", 10
  in al, 0x92
  or al, 1
  out 0x92, al
  mov ecx, 1000000
.spin:
  a32 loop .spin
  PUTS "still running", 10
  jmp exit_fail
