; x87 state images (SDM Vol. 1 figures 8-9 and 8-11, Vol. 2 FXSAVE):
; FNSTENV/FLDENV and FNSAVE/FRSTOR in the 32-bit and 16-bit (66 prefix)
; protected-mode formats, FXSAVE/FXRSTOR, byte by byte. The full tag word
; is computed from the registers (valid, zero, special, empty); FLDENV
; and FXRSTOR keep only "empty"; FXSAVE writes the abridged tag and leaves
; bytes 288-511 alone. FIP/FDP are printed relative to the instruction and
; its operand, and the selectors (FCS, FDS) and MXCSR_MASK as 0, since
; those differ between the host and a guest. The expected output is the
; host CPU's (tests/guest/sse_native.sh).
; not-qemu: QEMU 7.2 writes zeros where the host writes ones in the FSTENV image; the host is the reference
%include "fp_head.inc"
cpu p4
%include "x87_case.inc"

; the state every image is taken of: ST0 = 3 (valid), ST1 = 0 (zero),
; ST2 = an SNaN (special), ST3 = a denormal (special), TOP = 4, PE pending
; (so the host's FXSAVE stores the pointers too), last instruction an
; FDIV m64
%macro STATE 0
  fninit
  fldcw [cw_pe]
  fld tword [t_den]
  fld tword [t_snan]
  fldz
  fld1
  fld1
  faddp
  fld1
  faddp
  fld1
  fxch st1
%%insn:
  fdiv qword [d_7]              ; ST(0) = 3 / 7: inexact
  mov dword [state_insn], %%insn
%endmacro

main:
  call idt_init
  SSE_ON
  mov esi, xmm_init
  movups xmm0, [esi]
  movups xmm1, [esi + 16]
  movups xmm2, [esi + 32]
  movups xmm3, [esi + 48]
  movups xmm4, [esi + 64]
  movups xmm5, [esi + 80]
  movups xmm6, [esi + 96]
  movups xmm7, [esi + 112]

  ; ---- FNSTENV, 32-bit ----
  call fill
  STATE
  fnstenv [buf]
  fnstcw [cw_out]
  mov ecx, 28
  call fix32
  PUTS "fnstenv32:"
  call dump
  movzx eax, word [cw_out]
  SHOW "cw after fnstenv", eax

  ; ---- FNSTENV, 16-bit ----
  call fill
  STATE
  o16 fnstenv [buf]
  mov eax, [buf + 6]
  sub eax, [state_insn]
  mov [buf + 6], ax
  mov word [buf + 8], 0
  mov eax, [buf + 10]
  sub eax, d_7
  mov [buf + 10], ax
  mov word [buf + 12], 0
  mov ecx, 14
  PUTS "fnstenv16:"
  call dump

  ; ---- FNSAVE 32 and 16, then FRSTOR of an edited image ----
  call fill
  STATE
  fnsave [buf]
  fnstsw [cw_out]
  fnstcw [cw_out + 2]
  movzx eax, word [cw_out]
  SHOW "sw after fnsave", eax
  movzx eax, word [cw_out + 2]
  SHOW "cw after fnsave", eax
  mov esi, buf
  mov edi, img
  mov ecx, 108 / 4
  rep movsd
  mov ecx, 108
  call fix32
  PUTS "fnsave32:"
  call dump
  call fill
  STATE
  o16 fnsave [buf]
  mov ecx, 94
  mov word [buf + 6], 0
  mov word [buf + 8], 0
  mov word [buf + 10], 0
  mov word [buf + 12], 0
  PUTS "fnsave16:"
  call dump
  ; FRSTOR the 32-bit image with ST(1) made empty in the tag word and
  ; ST(3) 01 (zero) although it holds a denormal: only 11 counts
  mov word [img + 8], 0x0dff
  frstor [img]
  mov esi, s_frstor
  call x87_dump
  PUTS 10
  ; FLDENV: TOP = 2, R2 and R5 in use
  fninit
  fld1
  fnstenv [img]
  mov word [img + 4], 0x1000
  mov word [img + 8], 0xf3cf
  fldenv [img]
  mov esi, s_fldenv
  call x87_dump
  PUTS 10
  fninit
  fldenv [img]
  o16 fnstenv [buf]
  mov word [buf + 6], 0
  mov word [buf + 8], 0
  mov word [buf + 10], 0
  mov word [buf + 12], 0
  mov ecx, 14
  PUTS "fnstenv16 after fldenv:"
  call dump

  ; ---- FXSAVE ----
  call fill
  STATE
  fxsave [buf]
  mov esi, buf
  mov edi, img
  mov ecx, 512 / 4
  rep movsd
  mov eax, [state_insn]
  sub [buf + 8], eax
  mov word [buf + 12], 0
  sub dword [buf + 16], d_7
  mov word [buf + 20], 0
  mov dword [buf + 28], 0       ; MXCSR_MASK: ours is Intel's 0000ffff
  mov ecx, 512
  PUTS "fxsave:"
  call dump
  ; FXRSTOR an edited image: abridged tag 0x30 (R4, R5 in use), TOP = 3,
  ; XMM3 changed
  mov byte [img + 4], 0x30
  mov word [img + 2], 0x1800
  mov dword [img + 160 + 48], 0x11223344
  fninit
  xorps xmm3, xmm3
  fxrstor [img]
  mov esi, s_fxrstor
  call x87_dump
  PUTS 10
  movups [buf], xmm3
  SHOW "xmm3[0] after fxrstor", [buf]
  SHOW "xmm3[1] after fxrstor", [buf + 4]
  ; faults: an unaligned area, a reserved MXCSR bit
  TRY fx1, "fxsave unaligned"
  fxsave [buf + 8]
  PUTS "no fault", 10
fx1:
  mov dword [img + 24], 0x00011f80
  TRY fx2, "fxrstor reserved mxcsr bit"
  fxrstor [img]
  PUTS "no fault", 10
fx2:
  stmxcsr [cw_out]
  SHOW "mxcsr", [cw_out]
  ret

; buf = 0xa5 everywhere
fill:
  pushad
  mov edi, buf
  mov eax, 0xa5a5a5a5
  mov ecx, 512 / 4
  rep stosd
  popad
  ret

; the 32-bit protected-mode environment at buf: pointers relative, selectors 0
fix32:
  push eax
  mov eax, [state_insn]
  sub [buf + 12], eax
  mov word [buf + 16], 0
  sub dword [buf + 20], d_7
  mov word [buf + 24], 0
  pop eax
  ret

; print ECX bytes of buf, 16 to a line
DUMP_ROUTINE buf

section .rodata
s_frstor:  db "after frstor: ", 0
s_fldenv:  db "after fldenv: ", 0
s_fxrstor: db "after fxrstor: ", 0

section .data
align 16
xmm_init:
%assign i 0
%rep 32
  dd 0x01020304 * (i + 1)
%assign i i + 1
%endrep
cw_pe:      dw 0x035f
d_7:        dq 7.0
t_snan:     dq 0x8000000000000001
            dw 0x7fff
t_den:      dq 0x0000000000000123
            dw 0x0000
state_insn: dd 0
cw_out:     dd 0

section .bss
alignb 16
buf:        resb 512
img:        resb 512
