; Ring 3 and back: an IRET and a far RET down to ring 3, INT 0x80 up to
; ring 0 through a DPL 3 gate with the stack from the TSS, and a #GP from a
; privileged instruction in ring 3 delivered on the ring-0 stack.
%include "lib.inc"
%macro RINGS_GDT_EXTRA 0
  dq 0x00CF92000000FFFF         ; 0x30 data, Accessed clear
%endmacro
%include "rings.inc"

GATE_USER_INT equ 0xEE00        ; present, DPL 3, 32-bit interrupt gate

main:
  call idt_init
  mov eax, 0x80
  mov edx, syscall
  mov ecx, GATE_USER_INT
  call idt_set
  mov eax, 13
  mov edx, user_gp
  mov ecx, GATE_INT
  call idt_set
  call rings_init
  str bx
  SHOW "tr", ebx
  mov ax, 0x30                  ; a data descriptor not loaded before
  mov fs, ax
  movzx eax, byte [gdt3 + 0x30 + 5]
  SHOW "type byte after mov fs (accessed set)", eax
  ; down to ring 3 with IRET: SS, ESP, EFLAGS, CS, EIP
  push dword UDATA
  push dword user_stack_top
  push dword 0x002
  push dword UCODE
  push dword user_main
  iret

; ring 3: cannot do I/O, so it asks the kernel through INT 0x80
user_main:
  mov ax, ss
  movzx ebx, ax
  mov ax, cs
  movzx ecx, ax
  mov eax, 1                    ; report EBX=SS, ECX=CS
  int 0x80
  cli                           ; privileged at CPL 3: #GP
  mov eax, 2                    ; back in ring 0 via RETF? no: the kernel
  int 0x80                      ;   sends us to user2, this is not reached

user2:
  mov ax, ds                    ; RETF to the outer ring nulls DS (DPL 0)
  movzx ebx, ax
  mov ax, cs
  movzx ecx, ax
  mov eax, 3
  int 0x80

; ring 0, interrupt gate from ring 3: frame EIP, CS, EFLAGS, ESP, SS
syscall:
  mov ebp, esp                  ; SHOW pushes: address the frame through EBP
  push eax
  mov ax, KDATA                 ; the return to ring 3 nulled DS and ES (DPL 0)
  mov ds, ax
  mov es, ax
  pop eax
  cmp eax, 1
  je .report
  cmp eax, 3
  je .done
  PUTS "bad syscall", 10
  jmp exit_fail
.report:
  mov ax, cs
  movzx eax, ax
  SHOW "kernel cs", eax
  SHOW "user ss", ebx
  SHOW "user cs", ecx
  SHOW "frame cs", [ebp + 4]
  SHOW "frame ss", [ebp + 16]
  mov eax, [ebp + 12]
  sub eax, user_stack_top
  SHOW "frame esp-top", eax
  mov eax, esp
  sub eax, kernel_stack_top
  SHOW "esp-tss.esp0", eax
  iret
.done:
  SHOW "user2 ds", ebx
  SHOW "user2 cs", ecx
  jmp exit_ok

; #GP from ring 3: error code, EIP, CS, EFLAGS, ESP, SS on the ring-0 stack
user_gp:
  mov ebp, esp
  mov ax, KDATA
  mov ds, ax
  mov es, ax
  mov eax, [ebp + 4]
  sub eax, user_main
  SHOW "gp err", [ebp]
  SHOW "gp eip-user_main", eax
  SHOW "gp cs", [ebp + 8]
  SHOW "gp ss", [ebp + 20]
  ; down to ring 3 again, this time with a far RET: SS, ESP, CS, EIP
  mov esp, kernel_stack_top
  push dword UDATA
  push dword user_stack_top
  push dword UCODE
  push dword user2
  retf
