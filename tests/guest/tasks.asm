; Hardware task switches (SDM Vol. 3A, 8.3): a far CALL to a TSS, IRET
; back through the back link (NT), and INT through a task gate in the IDT
; (as Linux i386 handles #DF), with the state of the old task saved.
%include "lib.inc"

KCODE equ 0x08
KDATA equ 0x10
TSS_A equ 0x18
TSS_B equ 0x20
TSS_C equ 0x28
GATE_TASK equ 0x8500            ; present, DPL 0, task gate

main:
  call idt_init
  call tasks_init
  lgdt [gdt3_ptr]
  mov ax, TSS_A
  ltr ax
  mov eax, 0x50                 ; INT 0x50 -> task gate -> TSS C
  mov ebx, TSS_C << 16
  mov [idt + 0x50 * 8], ebx
  mov dword [idt + 0x50 * 8 + 4], GATE_TASK
  mov esi, 0xA0A0A0A0           ; must survive: saved in TSS A, restored
  call TSS_B:0                  ; the offset is ignored
back_a:
  SHOW "back in a, esi", esi
  str ax
  movzx eax, ax
  SHOW "tr", eax
  pushfd
  pop eax
  and eax, 0x4000
  SHOW "a nt", eax
  mov eax, [tss_a + 0x20]       ; A's saved EIP is just after the CALL
  sub eax, after_call
  SHOW "a saved eip-after_call", eax
  int 0x50
  SHOW "after int 0x50, esi", esi
  jmp exit_ok
after_call equ back_a

task_b:                         ; runs with its own registers and stack
  str ax
  movzx eax, ax
  SHOW "in b, tr", eax
  pushfd
  pop eax
  and eax, 0x4000
  SHOW "b nt", eax
  movzx eax, word [tss_b]
  SHOW "b back link", eax
  SHOW "b esi", esi
  mov esi, 0xB0B0B0B0
  iret                          ; NT set: back to the task that called
  jmp task_b                    ; a second switch to B would resume here

task_c:
  SHOW "in c, back link", [tss_c]
  iret
  jmp task_c

; A TSS descriptor for each task, and B's and C's starting state.
tasks_init:
  mov eax, tss_a
  mov edi, gdt3 + TSS_A
  call set_base
  mov eax, tss_b
  mov edi, gdt3 + TSS_B
  call set_base
  mov eax, tss_c
  mov edi, gdt3 + TSS_C
  call set_base
  mov edi, tss_b
  mov edx, task_b
  mov ecx, stack_b
  call init_tss
  mov edi, tss_c
  mov edx, task_c
  mov ecx, stack_c
  call init_tss
  ret

set_base:                       ; EDI = descriptor, EAX = base
  mov [edi + 2], ax
  shr eax, 16
  mov [edi + 4], al
  mov [edi + 7], ah
  ret

init_tss:                       ; EDI = TSS, EDX = EIP, ECX = ESP
  mov [edi + 0x20], edx
  mov dword [edi + 0x24], 0x002 ; EFLAGS
  mov [edi + 0x38], ecx         ; ESP
  mov dword [edi + 0x40], 0x5555 ; ESI
  mov dword [edi + 0x4c], KCODE
  mov dword [edi + 0x48], KDATA ; ES
  mov dword [edi + 0x50], KDATA ; SS
  mov dword [edi + 0x54], KDATA ; DS
  mov dword [edi + 0x58], KDATA ; FS
  mov dword [edi + 0x5c], KDATA ; GS
  ret

section .data
align 8
gdt3:
  dq 0
  dq 0x00CF9A000000FFFF         ; 0x08 code
  dq 0x00CF92000000FFFF         ; 0x10 data
  dq 0x0000890000000067         ; 0x18 TSS A
  dq 0x0000890000000067         ; 0x20 TSS B
  dq 0x0000890000000067         ; 0x28 TSS C
gdt3_end:
gdt3_ptr:
  dw gdt3_end - gdt3 - 1
  dd gdt3

section .bss
alignb 16
tss_a: resb 104
tss_b: resb 104
tss_c: resb 104
alignb 16
       resb 2048
stack_b:
       resb 2048
stack_c:
