; not-qemu: QEMU's TCG does not raise #AC
; Alignment checking (SDM Vol. 3A, 6.15): with CR0.AM and EFLAGS.AC, an
; unaligned data access at CPL 3 raises #AC(0); aligned ones and any at
; ring 0 do not.
%include "lib.inc"

KDATA equ 0x10
UCODE equ 0x18 | 3
UDATA equ 0x20 | 3
TSSEL equ 0x28
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
  mov dword [tss + 4], kernel_stack_top
  mov dword [tss + 8], KDATA
  mov eax, tss
  mov [gdt3 + TSSEL + 2], ax
  shr eax, 16
  mov [gdt3 + TSSEL + 4], al
  mov [gdt3 + TSSEL + 7], ah
  lgdt [gdt3_ptr]
  mov ax, TSSEL
  ltr ax
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
gdt3:
  dq 0
  dq 0x00CF9A000000FFFF
  dq 0x00CF92000000FFFF
  dq 0x00CFFA000000FFFF
  dq 0x00CFF2000000FFFF
  dq 0x0000890000000067
gdt3_end:
gdt3_ptr:
  dw gdt3_end - gdt3 - 1
  dd gdt3

section .bss
alignb 16
tss: resb 104
alignb 16
     resb 4096
kernel_stack_top:
     resb 4096
user_stack_top:
