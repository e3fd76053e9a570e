; tiny.asm - the smallest useful Multiboot v1 kernel, the starting point the
; bad-input tests and the ELF fuzz seeds corrupt. It has two loadable
; segments (code, then data and bss) so that overlapping segments can be
; made by moving one, and exits through isa-debug-exit (port 0xf4) with
; status (0x10 << 1) | 1 = 33, which no error path returns.
bits 32

section .multiboot
align 4
    dd 0x1BADB002               ; magic
    dd 0                        ; flags: nothing asked of the loader
    dd -0x1BADB002              ; checksum

section .text
global _start
_start:
    mov eax, [value]
    out 0xf4, al
    cli
    hlt

section .data
value: dd 0x10

section .bss
    resb 256
