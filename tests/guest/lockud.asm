; not-qemu: QEMU 7.2 executes LOCK MOV/TEST/BT/MOVZX instead of raising #UD
; LOCK is only allowed on the read-modify-write memory forms of ADD ADC
; AND BTC BTR BTS CMPXCHG CMPXCHG8B DEC INC NEG NOT OR SBB SUB XOR XADD
; XCHG; anything else, or a register destination, is #UD.  Expected output
; checked on real hardware (as SIGILL in a 32-bit Linux process).
%include "lib.inc"

main:
  call idt_init
  mov eax, 0x11111111
  TRY .r1, "lock mov mem"
  db 0xF0
  mov [var], eax
.r1:
  TRY .r2, "lock mov reg"
  db 0xF0
  mov eax, ebx
.r2:
  TRY .r3, "lock test mem"
  db 0xF0
  test [var], eax
.r3:
  TRY .r4, "lock bt mem"
  db 0xF0
  bt [var], eax
.r4:
  TRY .r5, "lock movzx"
  db 0xF0
  movzx eax, byte [var]
.r5:
  TRY .r6, "lock inc reg"
  db 0xF0
  inc eax
.r6:
  TRY .r7, "lock xchg reg"
  db 0xF0
  xchg eax, ebx
.r7:
  SHOW "var untouched", [var]
  ; the allowed forms must still just work
  lock add dword [var], 2
  lock not dword [var]
  lock bts dword [var], 3
  SHOW "allowed lock ops", [var]
  ret

section .data
var: dd 0x10
