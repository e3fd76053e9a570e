; not-qemu: QEMU's TCG does not raise #AC
; Alignment checking (SDM Vol. 3A, 6.15): with CR0.AM and EFLAGS.AC, an
; unaligned data access at CPL 3 raises #AC(0); aligned ones and any at
; ring 0 do not.
%include "lib.inc"
%include "rings.inc"

GATE_USER_INT equ 0xEE00

main:
  call idt_init
  mov eax, 0x80
  mov edx, syscall
  mov ecx, GATE_USER_INT
  call idt_set
  mov eax, 17
  mov edx, ac_handler
  mov ecx, GATE_INT
  call idt_set
  call rings_init
  mov eax, cr0
  or eax, 0x40000               ; AM
  mov cr0, eax
  pushfd
  or dword [esp], 0x40000       ; AC, at ring 0: no checks here
  popfd
  mov eax, [buf + 1]
  PUTS "ring 0 unaligned load ran", 10
  push dword UDATA
  push dword user_stack_top
  push dword 0x40002            ; AC
  push dword UCODE
  push dword user_main
  iret

user_main:
  mov ax, UDATA
  mov ds, ax
  mov eax, [buf]                ; aligned: fine
  mov eax, [buf + 2]            ; #AC; the handler steps over it (5 bytes)
  mov ax, [buf + 2]             ; aligned for a word: fine
  mov ebx, 1
  int 0x80

ac_handler:                     ; error code, EIP, CS, EFLAGS, ESP, SS
  mov ebp, esp
  mov ax, KDATA
  mov ds, ax
  SHOW "#AC err", [ebp]
  mov eax, [ebp + 4]
  sub eax, user_main
  SHOW "#AC eip-user_main", eax
  add dword [ebp + 4], 5
  mov ax, UDATA
  mov ds, ax
  add esp, 4
  iret

syscall:
  mov ax, KDATA
  mov ds, ax
  SHOW "back from ring 3, ebx", ebx
  jmp exit_ok

section .data
align 8
buf: dd 0x11223344, 0x55667788
