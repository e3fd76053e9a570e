; From real mode into 32-bit protected mode and back, twice: once with
; MOV CR0, once with LMSW (which can set PE but never clear it).  The
; textbook sequence, no "unreal mode" tricks:
;   real: LGDT, PE=1, far JMP to a 32-bit code segment, load data selectors
;   pm32: print, use memory above 1 MiB, far JMP to a 16-bit code segment
;   pm16: load 16-bit data selectors (limit FFFF), PE=0, far JMP to F000
;   real: reload segments; seg:off arithmetic works again
;
; The GDT lives in the ROM.  LGDT needs its linear address (ROM_BASE +
; offset), and its descriptors already have the Accessed bit set because
; the CPU could not write it into read-only memory.  Both code segments
; have base ROM_BASE, so nasm's offsets are valid EIPs in either mode.
%include "rom.inc"

SEL_CODE32 equ 0x08
SEL_DATA32 equ 0x10
SEL_CODE16 equ 0x18
SEL_DATA16 equ 0x20
back_ptr   equ 0x0580           ; far pointer pm16 jumps through to real mode

; PM32_SEGS - first thing in 32-bit code: flat data selectors everywhere.
; The stack stays where it was (SS base was 0 and is 0), so ESP = SP.
%macro PM32_SEGS 0
  mov ax, SEL_DATA32
  mov ds, ax
  mov es, ax
  mov fs, ax
  mov gs, ax
  mov ss, ax
  movzx esp, sp
%endmacro

main:
  in al, 0x92                   ; open A20 (bit 1; bit 0 would reset)
  or al, 2
  and al, ~1
  out 0x92, al
  smsw ax
  SHOW "smsw in real mode", ax
  mov eax, cr0
  SHOW32 "cr0 at reset", eax

  ; --- round 1: MOV CR0
  mov word [back_ptr], .real1
  mov [back_ptr + 2], cs
  lgdt [cs:gdt_ptr]
  mov eax, cr0
  or al, 1
  mov cr0, eax
  jmp dword SEL_CODE32:pm32     ; 66 EA: a 32-bit offset
.real1:
  call real_again

  ; --- round 2: LMSW
  mov word [back_ptr], .real2
  smsw ax
  or al, 1
  lmsw ax
  jmp dword SEL_CODE32:pm32_lmsw
.real2:
  call real_again
  ret

; real_again: the first thing after PE=0 and the far jump to F000; the
; other segment registers still hold protected-mode descriptors (base 0,
; limit FFFF) until reloaded.
real_again:
  xor ax, ax
  mov ds, ax
  mov es, ax
  mov fs, ax
  mov gs, ax
  mov ss, ax                    ; SP went through PM unchanged
  PUTS "back in real mode", 10
  SHOW "  cs", cs
  smsw ax
  SHOW "  smsw", ax
  mov ax, 0xFFFF                ; FFFF:0610 = 0x100600, written in PM
  mov es, ax
  SHOW32 "  ffff:0610", [es:0x0610]
  mov ax, 0x1234                ; 1234:0005 = 1000:2345 = 0x12345
  mov es, ax
  mov ax, 0x1000
  mov fs, ax
  inc word [es:0x0005]          ; RAM starts zeroed: counts the rounds
  SHOW "  1000:2345 (round)", [fs:0x2345]
  xor ax, ax
  mov es, ax
  mov fs, ax
  ret

bits 32
pm32:                           ; round 1
  PM32_SEGS
  PUTS "in 32-bit protected mode", 10
  xor eax, eax
  mov ax, cs
  SHOW32 "  cs", eax
  xor eax, eax
  smsw ax
  SHOW32 "  smsw", eax
  ; memory above 1 MiB, out of real mode's reach (without unreal mode)
  mov dword [0x200000], 0x12345678
  mov dword [0x200004], 0x9ABCDEF0
  mov eax, [0x200002]
  SHOW32 "  [200002]", eax
  mov dword [0x100600], 0xCAFEF00D   ; real mode reads it at FFFF:0610
  ; the ROM is there twice: at ROM_BASE and in the last 64 KiB below 4 GiB
  mov esi, ROM_BASE
  mov edi, 0xFFFF0000
  mov ecx, 0x10000 / 4
  repe cmpsd
  je .same
  PUTS "  rom copies differ", 10
.same:
  SHOW32 "  rom at f0000 vs ffff0000, dwords left", ecx
  movzx eax, byte [0xFFFFFFF0]
  SHOW32 "  byte at fffffff0", eax
  jmp SEL_CODE16:pm16

pm32_lmsw:                      ; round 2
  PM32_SEGS
  PUTS "in 32-bit protected mode, entered with lmsw", 10
  xor eax, eax
  smsw ax
  SHOW32 "  smsw", eax
  xor eax, eax
  lmsw ax                       ; cannot clear PE
  smsw ax
  SHOW32 "  smsw after lmsw 0", eax
  SHOW32 "  [200002] still", [0x200002]
  add dword [0x100600], 1
  jmp SEL_CODE16:pm16

bits 16
; 16-bit protected mode: CS is SEL_CODE16 (D=0, limit FFFF).  Give every
; data segment register a real-mode-like descriptor (base 0, limit FFFF,
; 16-bit) before dropping PE, then a far jump reloads CS in real mode.
pm16:
  mov ax, SEL_DATA16
  mov ds, ax
  mov es, ax
  mov fs, ax
  mov gs, ax
  mov ss, ax
  PUTS "in 16-bit protected mode", 10
  mov eax, cr0
  and al, ~1
  mov cr0, eax
  jmp far [back_ptr]            ; F000:.realN

section .rodata
align 8
gdt:
  dq 0
  ; base ROM_BASE, limit FFFF bytes, present, DPL 0, code execute/read,
  ; accessed; flags: D=1 (32-bit)
  dw 0xFFFF, ROM_BASE & 0xFFFF
  db ROM_BASE >> 16, 0x9B, 0x40, 0
  ; base 0, limit 4 GiB (G=1), data read/write, accessed, B=1
  dw 0xFFFF, 0
  db 0, 0x93, 0xCF, 0
  ; as code32 but D=0: 16-bit code
  dw 0xFFFF, ROM_BASE & 0xFFFF
  db ROM_BASE >> 16, 0x9B, 0x00, 0
  ; base 0, limit FFFF bytes, data read/write, accessed, 16-bit
  dw 0xFFFF, 0
  db 0, 0x93, 0x00, 0
gdt_end:
gdt_ptr:
  dw gdt_end - gdt - 1
  dd ROM_BASE + gdt
