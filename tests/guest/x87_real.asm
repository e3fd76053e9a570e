; The real-mode x87 images (SDM Vol. 1 figures 8-10 and 8-12), which
; virtual-8086 mode uses too: FNSTENV/FNSAVE in the 16-bit and 32-bit
; formats, where FIP and FDP are 20-bit linear addresses split around FOP,
; and FLDENV/FRSTOR reading them back. The code runs in virtual-8086 mode
; at 2000:0000 and ends with INT 3, which #GPs to ring 0 (IOPL 0), where
; the images are printed. Written from the SDM's figures (the host CPU
; cannot run this); the reserved words read as ones, as the host's
; protected-mode images show.
; not-qemu: QEMU 7.2 writes zeros in the reserved halves of the 32-bit image
%include "fp_head.inc"
%include "rings.inc"

V86_SEG equ 0x2000
ENV16 equ 0x100                 ; the images, at offsets of V86_SEG
ENV32 equ 0x120
SAVE16 equ 0x140
ENV16B equ 0x1a0                ; FLDENV then FNSTENV of ENV32 (o32)
SAVE16B equ 0x1c0               ; FRSTOR then FNSAVE of SAVE16
DATA equ 0x280

main:
  call idt_init
  mov eax, 13
  mov edx, v86_gp
  mov ecx, GATE_INT
  call idt_set
  call rings_init
  mov esi, v86_code
  mov edi, V86_SEG * 16
  mov ecx, v86_end - v86_code
  rep movsb
  mov edi, V86_SEG * 16 + ENV16 ; 0xa5 where nothing is stored
  mov al, 0xa5
  mov ecx, DATA - ENV16
  rep stosb
  V86_IRET V86_SEG

v86_gp:
  mov ax, KDATA
  mov ds, ax
  mov es, ax
  PUTS "fnstenv16 real:"
  mov esi, V86_SEG * 16 + ENV16
  mov ecx, 14
  call dump
  PUTS "fnstenv32 real:"
  mov esi, V86_SEG * 16 + ENV32
  mov ecx, 28
  call dump
  PUTS "fnsave16 real:"
  mov esi, V86_SEG * 16 + SAVE16
  mov ecx, 94
  call dump
  PUTS "fldenv32 then fnstenv16:"
  mov esi, V86_SEG * 16 + ENV16B
  mov ecx, 14
  call dump
  PUTS "frstor16 then fnsave16:"
  mov esi, V86_SEG * 16 + SAVE16B
  mov ecx, 94
  call dump
  PUTS "fadd at 2000:"
  mov eax, fadd_ip - v86_code
  call puthex8
  PUTS 10
  jmp exit_ok

; ESI = bytes, ECX = count
DUMP_ROUTINE esi

bits 16
v86_code:
  fninit
  fld1
fadd_ip equ $
  fadd qword [DATA]             ; FOP 0x406, FDP 2000:0280
  fnstenv [ENV16]
  o32 fnstenv [ENV32]
  fnsave [SAVE16]
  fninit
  o32 fldenv [ENV32]
  fnstenv [ENV16B]
  fninit
  frstor [SAVE16]
  fnsave [SAVE16B]
  int 3
v86_data:
  times DATA - (v86_data - v86_code) db 0
  dq 2.0
v86_end:
bits 32
