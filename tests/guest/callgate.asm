; A far CALL from ring 3 through a DPL 3 call gate into ring 0: the stack
; comes from the TSS, two parameters are copied across, and RETF 8 goes
; back to ring 3 dropping them from both stacks (SDM Vol. 3A, 5.8.5-5.8.6).
%include "lib.inc"
%macro RINGS_GDT_EXTRA 0
  dq 0x0000EC0200080000         ; 0x30 32-bit call gate, DPL 3, 2 params, to 0x08:gate_entry
%endmacro
%include "rings.inc"

GATE  equ 0x30 | 3

main:
  call idt_init
  call rings_init
  mov eax, gate_entry           ; the gate's offset is known at link time only
  mov [gdt3 + 0x30], ax
  shr eax, 16
  mov [gdt3 + 0x36], ax
  push dword UDATA              ; down to ring 3
  push dword user_stack_top
  push dword 0x002
  push dword UCODE
  push dword user_main
  iret

user_main:
  push dword 0x11111111         ; parameter 1 (deeper)
  push dword 0x22222222         ; parameter 2
  call GATE:0                   ; the offset is ignored: the gate names it
  mov ebx, esp                  ; RETF 8 popped the parameters here too
  sub ebx, user_stack_top
  push dword ebx                ; report it through the gate: exit request
  push dword 0xE817
  call GATE:0

; ring 0. Stack: EIP, CS, param 2, param 1, ESP, SS (SDM Vol. 3A, fig. 5-13)
gate_entry:
  mov ebp, esp
  mov ax, KDATA
  mov ds, ax
  cmp dword [ebp + 8], 0xE817
  je .exit
  mov ax, cs
  movzx eax, ax
  SHOW "gate cs", eax
  mov ax, ss
  movzx eax, ax
  SHOW "gate ss", eax
  SHOW "param 1", [ebp + 12]
  SHOW "param 2", [ebp + 8]
  SHOW "caller cs", [ebp + 4]
  SHOW "caller ss", [ebp + 20]
  mov eax, [ebp + 16]
  sub eax, user_stack_top
  SHOW "caller esp-top", eax
  mov eax, esp
  sub eax, kernel_stack_top
  SHOW "esp-tss.esp0", eax
  retf 8
.exit:
  SHOW "after retf esp-top", [ebp + 12]
  jmp exit_ok
