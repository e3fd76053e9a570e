; The smallest useful guest, and the one the README runs.  It does not use
; lib.inc on purpose: everything a Multiboot kernel needs is on this page.
; Build: nasm -f elf32 hello.asm && ld -m elf_i386 -T link.ld -o hello.elf hello.o
; Run:   build/xlat -nographic -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel hello.elf

bits 32

section .multiboot                      ; must be in the first 8 KiB
align 4
  dd 0x1BADB002                         ; magic
  dd 0                                  ; flags: nothing requested
  dd -0x1BADB002                        ; checksum: magic + flags + this = 0

section .text
global _start
_start:                                 ; flat 32-bit protected mode, IF=0
  mov esi, msg
.next:
  mov al, [esi]
  test al, al
  jz .done
  mov dx, 0x3FD                         ; COM1 line status register
.wait:
  in al, dx
  test al, 0x20                         ; transmitter holding register empty?
  jz .wait
  mov al, [esi]
  mov dx, 0x3F8                         ; COM1 data register
  out dx, al
  inc esi
  jmp .next
.done:
  mov dx, 0xF4                          ; isa-debug-exit: exit status (0 << 1) | 1
  xor al, al
  out dx, al
  cli                                   ; without that device: stop here
  hlt

section .rodata
msg: db "Hello from xlat", 10, 0
