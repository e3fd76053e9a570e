; SYSEXIT down to ring 3 and SYSENTER back (flat segments from
; IA32_SYSENTER_CS), and the TSS I/O permission bitmap: ring 3 with IOPL 0
; may use the COM1 ports the bitmap allows, and #GPs on port 0xF4.
%include "lib.inc"
IOMAP equ 0x68                  ; bitmap right after the 104-byte TSS
IOMAP_BYTES equ 0x81            ; ports 0..0x407; the byte after ends it
%define TSS_LIMIT (IOMAP + IOMAP_BYTES)
%define TSS_BYTES (IOMAP + IOMAP_BYTES)
%include "rings.inc"
MSR_SYSENTER_CS equ 0x174
MSR_SYSENTER_ESP equ 0x175
MSR_SYSENTER_EIP equ 0x176

main:
  call idt_init
  mov eax, 13
  mov edx, user_gp
  mov ecx, GATE_INT
  call idt_set
  call iomap_init
  call rings_init
  xor edx, edx
  mov ecx, MSR_SYSENTER_CS
  mov eax, 0x08
  wrmsr
  mov ecx, MSR_SYSENTER_ESP
  mov eax, kernel_stack_top
  wrmsr
  mov ecx, MSR_SYSENTER_EIP
  mov eax, kernel_entry
  wrmsr
  mov ecx, MSR_SYSENTER_CS
  rdmsr
  SHOW "sysenter_cs", eax
  mov ecx, user_stack_top       ; SYSEXIT: ESP = ECX, EIP = EDX
  mov edx, user_main
  sysexit

user_main:
  mov ax, cs
  movzx ebx, ax
  mov ax, ss
  movzx ecx, ax
  mov esi, user_msg
.next:                          ; ring 3, IOPL 0: only the bitmap allows this
  mov dx, 0x3FD
.wait:
  in al, dx
  test al, 0x20
  jz .wait
  mov al, [esi]
  test al, al
  jz .done
  mov dx, 0x3F8
  out dx, al
  inc esi
  jmp .next
.done:
  mov al, 7
  out 0xF4, al                  ; not in the bitmap: #GP, skipped by the handler
  sysenter                      ; to kernel_entry, flat ring 0

kernel_entry:
  mov ax, KDATA                 ; SYSENTER loads CS and SS only
  mov ds, ax
  mov es, ax
  SHOW "user cs", ebx
  SHOW "user ss", ecx
  mov ax, cs
  movzx eax, ax
  SHOW "kernel cs", eax
  mov ax, ss
  movzx eax, ax
  SHOW "kernel ss", eax
  mov eax, esp
  sub eax, kernel_stack_top
  SHOW "esp-msr", eax
  jmp exit_ok

; #GP from the OUT in ring 3: show it, step over the 2-byte OUT, go back
user_gp:
  mov ebp, esp
  push ds
  mov ax, KDATA
  mov ds, ax
  SHOW "gp err", [ebp]
  mov eax, [ebp + 4]
  sub eax, user_main
  SHOW "gp eip-user_main", eax
  add dword [ebp + 4], 2
  pop ds
  add esp, 4                    ; drop the error code
  iret

iomap_init:
  mov word [tss + 0x66], IOMAP
  mov edi, tss + IOMAP          ; deny every port ...
  mov ecx, IOMAP_BYTES
  mov al, 0xFF
  rep stosb
  mov byte [tss + IOMAP + 0x3F8 / 8], 0   ; ... but COM1's eight
  ret

section .rodata
user_msg: db "ring 3 writes COM1 through the I/O bitmap", 10, 0
