; not-qemu: QEMU (TCG) leaves the exponent of an MMX-written register 0, has no x87 stack overflow here and raises no #MF for MMX instructions; the host CPU is the reference
; MMX registers alias the x87 stack (SDM Vol. 1, 9.5): an MMX instruction
; sets TOP to 0 and every tag to valid, a write sets the register's
; sign/exponent to all ones, EMMS empties every tag and leaves TOP; x87
; values read back through MMX registers and the other way round, seen
; with FNSTENV (full tag word), FNSTSW and FXSAVE (abridged tags, raw
; registers). A pending unmasked x87 exception makes the next MMX
; instruction (and EMMS, MOVQ2DQ) raise #MF before it changes anything,
; while XMM instructions ignore it.
; The expected output is the host CPU's: tests/guest/mmx_native.sh mmx_fpu.
%define MMX_NATIVE
%include "fp_head.inc"
cpu willamette

; ENV "label": FNSTENV, print its FSW and FTW
%macro ENV 1
  fnstenv [env]
  fldenv [env]                  ; FNSTENV masked every exception: undo it
  PUTS %1, ": fsw="
  movzx eax, word [env + 4]
  PUTHEX eax
  PUTS " ftw="
  movzx eax, word [env + 8]
  PUTHEX eax
  PUTS 10
%endmacro

; FX "label": FXSAVE, print FSW, the abridged tag byte and R3/R0's fields
%macro FX 1
  fxsave [fxarea]
  PUTS %1, ": fxsave fsw="
  movzx eax, word [fxarea + 2]
  PUTHEX eax
  PUTS " tags="
  movzx eax, byte [fxarea + 4]
  PUTHEX eax
  PUTS " st0="
  movzx eax, word [fxarea + 32 + 8]
  PUTHEX eax
  PUTS ":"
  PUTHEX [fxarea + 32 + 4]
  PUTHEX [fxarea + 32]
  PUTS " st3="
  movzx eax, word [fxarea + 80 + 8]
  PUTHEX eax
  PUTS ":"
  PUTHEX [fxarea + 80 + 4]
  PUTHEX [fxarea + 80]
  PUTS 10
%endmacro

main:
  call idt_init
  FPU_ON                        ; MP, NE: #MF, not IRQ13
  ; every physical register +0.0, then empty
  fninit
%rep 8
  fldz
%endrep
  fninit
  ENV "fninit"
  fld1
  fldz                          ; R7 = 1.0, R6 = 0.0, TOP = 6
  ENV "two pushes"
  movq mm3, [val]               ; TOP = 0, all valid; R3 = FFFF:val
  ENV "movq mm3"
  xor eax, eax
  fnstsw ax
  SHOW "fnstsw", eax
  FX "movq mm3"
  movq mm1, mm7                 ; the significand of 1.0
  movq [tmp], mm1
  SHOW2 "mm7 (1.0)", [tmp + 4], [tmp]
  movd eax, mm6
  SHOW "mm6 (0.0) low", eax
  emms
  ENV "emms"
  FX "emms"

  ; x87 reads an MMX-written register
  movq mm0, [val + 8]
  fstp tword [tmp]              ; ST0 = R0: FFFF:val+8, then TOP = 1
  PUTS "fstp m80 of mm0="
  movzx eax, word [tmp + 8]
  PUTHEX eax
  PUTS ":"
  PUTHEX [tmp + 4]
  PUTHEX [tmp]
  PUTS 10
  ENV "after fstp"
  ; an MMX store sets TOP to 0 as well
  movq [tmp], mm0
  ENV "movq m64, mm0"
  ; x87 code after MMX code without EMMS: the stack is full
  fld1
  ENV "fld1 without emms"
  fnclex
  emms

  ; #MF: a pending unmasked invalid operation
  movq mm0, [val]               ; FNINIT keeps the registers' contents
  fninit
  fldcw [cw_im_unmasked]
  fld1
  fchs
  fsqrt                         ; IE and ES pending
  FAULT "movq2dq pending", movq2dq xmm0, mm0
  FAULT "paddb mm pending", paddb mm0, mm0
  FAULT "movd store pending", movd [tmp], mm0
  FAULT "emms pending", emms
  FAULT "paddb xmm pending", paddb xmm0, xmm0
  FAULT "movdqa pending", movdqa xmm1, xmm0
  xor eax, eax
  fnstsw ax
  SHOW "fnstsw after #MF", eax
  ENV "unchanged by the faults"
  fnclex
  paddb mm0, mm0
  xor eax, eax
  fnstsw ax
  SHOW "fnstsw after fnclex, paddb", eax
  emms
  jmp exit_ok

section .data
align 16
fxarea:  times 512 db 0
val:     dq 0x0123456789abcdef, 0xfedcba9876543210
tmp:     times 16 db 0
env:     times 28 db 0
cw_im_unmasked: dw 0x037e
