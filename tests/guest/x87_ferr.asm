; With CR0.NE clear a PC reports an unmasked x87 exception through FERR#
; and IRQ 13 (SDM Vol. 1, D.2), not #MF: with interrupts off nothing is
; delivered, the waiting instructions go on, and the exception stays
; pending (ES and B set) until FNCLEX.
; not-qemu: QEMU 7.2 aborts (tcg_handle_interrupt assertion) when FERR# is raised
%include "lib.inc"

main:
  call idt_init                 ; an #MF would print as unexpected
  mov eax, cr0
  and eax, ~0x2c                ; NE, TS, EM clear
  mov cr0, eax
  fninit
  fldcw [cw_ze]
  fld1
  fldz
  fdivp                         ; ZE unmasked: pending, nothing popped
  fwait
  fld1                          ; a waiting instruction: executes
  fnstsw ax
  movzx eax, ax
  SHOW "sw after fwait and fld1", eax
  fnclex
  fnstsw ax
  movzx eax, ax
  SHOW "sw after fnclex", eax
  ret

section .data
cw_ze: dw 0x037b
