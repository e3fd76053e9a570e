; exit: 0
; not-qemu: QEMU has no Bochs shutdown port (this would hang in hlt)
; Writing the bytes of "Shutdown" to port 0x8900 ends the run, status 0,
; without isa-debug-exit.
%include "lib.inc"

main:
  PUTS "shutting down", 10
  mov dx, BOCHS_SHUTDOWN
  mov esi, shutdown_str         ; "Shutdown", from lib.inc
.next:
  mov al, [esi]
  test al, al
  jz .done
  out dx, al
  inc esi
  jmp .next
.done:
  PUTS "still running", 10
  jmp exit_fail
