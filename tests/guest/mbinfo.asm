; args: -m 32 -append "xlat test=1"
; What the Multiboot loader hands over: EAX magic, and in the info block
; at EBX the memory sizes and the command line.  Only stable facts are
; printed: loaders differ in mem_lower (639 or 640 KiB), in mem_upper
; (firmware may keep the top of RAM for ACPI tables: QEMU reports 31616
; KiB of 31744 with -m 32) and in whether the command line starts with
; the kernel's path (GRUB and QEMU add it).
%include "lib.inc"

MBI_FLAGS     equ 0
MBI_MEM_LOWER equ 4
MBI_MEM_UPPER equ 8
MBI_CMDLINE   equ 16

main:
  SHOW "eax at entry", [boot_eax]
  mov ebx, [boot_ebx]
  mov eax, [ebx + MBI_FLAGS]
  and eax, 0x5                  ; bit 0: mem_*, bit 2: cmdline
  SHOW "info flags & 5", eax

  mov eax, [ebx + MBI_MEM_LOWER]
  cmp eax, 512
  jb .bad_lower
  cmp eax, 640
  ja .bad_lower
  PUTS "mem_lower in 512..640 KiB", 10
  mov eax, [ebx + MBI_MEM_UPPER]
  cmp eax, 31744 - 1024
  jb .bad_upper
  cmp eax, 31744
  ja .bad_upper
  PUTS "mem_upper in 30..31 MiB (-m 32)", 10

  ; the command line must end with the -append text
  mov esi, [ebx + MBI_CMDLINE]
  mov edi, esi
.end:
  cmp byte [edi], 0
  je .found_end
  inc edi
  jmp .end
.found_end:
  sub edi, want_len
  cmp edi, esi
  jb .bad_cmdline
  mov esi, want
  mov ecx, want_len
  repe cmpsb
  jne .bad_cmdline
  PUTS "cmdline ends with: ", 0x22
  mov esi, want
  call puts
  PUTS 0x22, 10
  ret
.bad_lower:
  SHOW "mem_lower out of range", eax
  jmp exit_fail
.bad_upper:
  SHOW "mem_upper out of range", eax
  jmp exit_fail
.bad_cmdline:
  PUTS "cmdline: "
  mov esi, [ebx + MBI_CMDLINE]
  call puts
  PUTS 10
  jmp exit_fail

section .rodata
want:     db "xlat test=1"
want_len  equ $ - want
          db 0
