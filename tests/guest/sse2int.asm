; not-qemu: QEMU (TCG) neither checks the alignment of the m128 shift count nor rejects the register forms of MOVNTDQ/MOVNTQ; the host CPU is the reference
; SSE2 128-bit integer instructions (66 0F ..., SDM Vol. 2): arithmetic,
; compares, logic, packs, unpacks over operand pairs in register and memory
; forms; shifts by register/memory counts (only the low quadword counts)
; and by imm8, PSRLDQ/PSLLDQ; PSHUFD/HW/LW, PEXTRW, PINSRW, PMOVMSKB;
; MOVD, MOVQ, MOVDQA, MOVDQU, MOVNTDQ, MOVQ2DQ, MOVDQ2Q, MASKMOVDQU;
; #GP(0) for a misaligned m128 (and none for m64/m32/MOVDQU) with nothing
; changed; #UD for register/memory forms that do not exist.
; The expected output is the host CPU's: tests/guest/mmx_native.sh sse2int.
%define MMX_NATIVE
%include "fp_head.inc"
cpu willamette

; BINX op: "op xmm0, xmm1" over every pair in xpairs, printed; the memory
; form "op xmm2, m128" must agree (else "!mem=...").
%macro BINX 1
  OPLOOP %1, ":", movdqa, xmm, [esi], [esi + 16], 32, xpairs
%endmacro

; SHRX op: shift shval by each count vector, register and memory forms.
%macro SHRX 1
  OPLOOP %1, " by reg:", movdqa, xmm, [xshval], [esi], 16, xcounts
%endmacro

; SHIX op: "op xmm0, imm8" for a spread of immediates.
%macro SHIX 1
  %defstr %%name %1
  PUTS %%name, " by imm:"
  %assign %%i 0
  %rep 11
    %assign %%imm (%%i == 0) ? 0 : (%%i == 1) ? 1 : (%%i == 2) ? 7 : (%%i == 3) ? 8 : (%%i == 4) ? 15 : (%%i == 5) ? 16 : (%%i == 6) ? 31 : (%%i == 7) ? 32 : (%%i == 8) ? 63 : (%%i == 9) ? 64 : 255
    movdqa xmm0, [xshval]
    %1 xmm0, %%imm
    call show_xmm0
    %assign %%i %%i + 1
  %endrep
  PUTS 10
%endmacro

main:
  call idt_init
  FPU_ON
  fninit

  BINX paddb
  BINX paddw
  BINX paddd
  BINX paddq
  BINX paddsb
  BINX paddsw
  BINX paddusb
  BINX paddusw
  BINX psubb
  BINX psubw
  BINX psubd
  BINX psubq
  BINX psubsb
  BINX psubsw
  BINX psubusb
  BINX psubusw
  BINX pmullw
  BINX pmulhw
  BINX pmulhuw
  BINX pmuludq
  BINX pmaddwd
  BINX pavgb
  BINX pavgw
  BINX psadbw
  BINX pminub
  BINX pmaxub
  BINX pminsw
  BINX pmaxsw
  BINX pcmpeqb
  BINX pcmpeqw
  BINX pcmpeqd
  BINX pcmpgtb
  BINX pcmpgtw
  BINX pcmpgtd
  BINX pand
  BINX pandn
  BINX por
  BINX pxor
  BINX packsswb
  BINX packssdw
  BINX packuswb
  BINX punpcklbw
  BINX punpcklwd
  BINX punpckldq
  BINX punpcklqdq
  BINX punpckhbw
  BINX punpckhwd
  BINX punpckhdq
  BINX punpckhqdq

  SHRX psllw
  SHRX pslld
  SHRX psllq
  SHRX psrlw
  SHRX psrld
  SHRX psrlq
  SHRX psraw
  SHRX psrad
  SHIX psllw
  SHIX pslld
  SHIX psllq
  SHIX psrlw
  SHIX psrld
  SHIX psrlq
  SHIX psraw
  SHIX psrad
  SHIX psrldq
  SHIX pslldq

  call shuffles
  call moves
  call masked
  call faults
  jmp exit_ok

shuffles:
%assign i 0
%rep 4
  %assign imm (i == 0) ? 0x1b : (i == 1) ? 0x00 : (i == 2) ? 0xe4 : 0xb1
  PUTS "pshufd/hw/lw:"
  movdqa xmm1, [xpairs]
  pshufd xmm0, xmm1, imm
  call show_xmm0
  pshufd xmm0, [xpairs], imm
  call show_xmm0
  pshufhw xmm0, xmm1, imm
  call show_xmm0
  pshufhw xmm0, [xpairs], imm
  call show_xmm0
  pshuflw xmm0, xmm1, imm
  call show_xmm0
  pshuflw xmm0, [xpairs], imm
  call show_xmm0
  PUTS 10
  %assign i i + 1
%endrep

  PUTS "pextrw:"
  movdqa xmm1, [xpairs]
%assign i 0
%rep 16
  mov eax, -1
  pextrw eax, xmm1, i           ; the index is imm8 & 7
  PUTS " "
  PUTHEX eax
%assign i i + 1
%endrep
  PUTS 10

  PUTS "pinsrw:"
  mov eax, 0xdead8765
%assign i 0
%rep 9
  movdqa xmm0, [xpairs]
  pinsrw xmm0, eax, i + 3
  call show_xmm0
%assign i i + 1
%endrep
  movdqa xmm0, [xpairs]
  pinsrw xmm0, [unal + 1], 5    ; m16, unaligned
  call show_xmm0
  PUTS 10

  PUTS "pmovmskb:"
  mov esi, xpairs
.mask:
  movdqa xmm1, [esi]
  mov eax, -1
  pmovmskb eax, xmm1
  PUTS " "
  PUTHEX eax
  add esi, 16
  cmp esi, xpairs_end
  jne .mask
  PUTS 10
  ret

moves:
  PUTS "movd:"
  movdqa xmm0, [xpairs]
  mov eax, 0x89abcdef
  movd xmm0, eax                ; zero-extends to 128 bits
  call show_xmm0
  movdqa xmm0, [xpairs]
  movd xmm0, [unal + 1]
  call show_xmm0
  movdqa xmm3, [xpairs + 16]
  mov ebx, 0x11111111
  movd ebx, xmm3
  PUTS " "
  PUTHEX ebx
  mov dword [scratch], 0x22222222
  mov dword [scratch + 4], 0x33333333
  movd [scratch], xmm3
  PUTS " "
  PUTHEX [scratch + 4]
  PUTS ":"
  PUTHEX [scratch]
  PUTS 10

  PUTS "movq:"
  movdqa xmm0, [xpairs]
  movdqa xmm1, [xpairs + 32]
  movq xmm0, xmm1               ; F3 0F 7E: upper half zeroed
  call show_xmm0
  movdqa xmm0, [xpairs]
  movq xmm0, [unal + 3]         ; m64, unaligned
  call show_xmm0
  movdqa xmm0, [xpairs]
  db 0x66, 0x0f, 0xd6, 0xc8     ; movq xmm0, xmm1 as 66 0F D6 /r
  call show_xmm0
  mov dword [scratch + 8], 0x44444444
  movq [scratch], xmm1          ; 66 0F D6 to m64: 8 bytes only
  movdqu xmm0, [scratch]
  call show_xmm0
  PUTS 10

  PUTS "movdq:"
  movdqa xmm1, [xpairs + 32]
  movdqa xmm0, [xpairs]
  movdqa xmm0, xmm1
  call show_xmm0
  movdqa xmm0, [xpairs]
  db 0x66, 0x0f, 0x7f, 0xc8     ; movdqa xmm0, xmm1 as 66 0F 7F /r
  call show_xmm0
  movdqa xmm0, [xpairs]
  db 0xf3, 0x0f, 0x7f, 0xc8     ; movdqu xmm0, xmm1 as F3 0F 7F /r
  call show_xmm0
  movdqu xmm0, [unal + 1]
  call show_xmm0
  movdqu [unal2 + 3], xmm1
  movdqu xmm0, [unal2 + 3]
  call show_xmm0
  movdqa [scratch], xmm1
  movdqa xmm0, [scratch]
  call show_xmm0
  movdqa xmm2, [xpairs + 64]
  movntdq [scratch], xmm2
  movdqa xmm0, [scratch]
  call show_xmm0
  PUTS 10

  PUTS "movq2dq/movdq2q:"
  movq mm1, [xpairs + 8]
  movdqa xmm0, [xpairs]
  movq2dq xmm0, mm1
  call show_xmm0
  movq mm0, [xpairs]
  movdqa xmm1, [xpairs + 48]
  movdq2q mm0, xmm1
  movq [tmp], mm0
  PUTS " "
  PUTHEX [tmp + 4]
  PUTHEX [tmp]
  emms
  PUTS 10
  ret

masked:
  PUTS "maskmovdqu:"
  movdqa xmm1, [xpairs]         ; a mask with mixed top bits
  movdqa xmm0, [xpairs + 32]
  movdqa xmm2, [xpairs + 96]
  movdqa [scratch], xmm2
  mov edi, scratch
  maskmovdqu xmm0, xmm1
  movdqa xmm0, [scratch]
  call show_xmm0
  movdqu [unal2], xmm2
  mov edi, unal2 + 1            ; no alignment needed
  pcmpeqb xmm1, xmm1
  movdqa xmm0, [xpairs + 32]
  maskmovdqu xmm0, xmm1
  movdqu xmm0, [unal2]
  call show_xmm0
  PUTS 10
  ret

faults:
  movdqa xmm0, [xpairs]
  mov esi, unal
  FAULT "paddb m128+1", paddb xmm0, [esi + 1]
  FAULT "psubq m128+8", psubq xmm0, [esi + 8]
  FAULT "punpcklbw m128+8", punpcklbw xmm0, [esi + 8]
  FAULT "packsswb m128+4", packsswb xmm0, [esi + 4]
  FAULT "psllw count m128+8", psllw xmm0, [esi + 8]
  FAULT "pshufd m128+2", pshufd xmm0, [esi + 2], 0x1b
  FAULT "movdqa load +8", movdqa xmm0, [esi + 8]
  PUTS "xmm0 after the faults:"
  call show_xmm0
  PUTS 10
  movdqa xmm3, [xpairs + 32]
  FAULT "movdqa store +4", movdqa [esi + 4], xmm3
  FAULT "movntdq store +8", movntdq [esi + 8], xmm3
  PUTS "memory after the faults:"
  movdqu xmm0, [esi]
  call show_xmm0
  movdqu xmm0, [esi + 16]
  call show_xmm0
  PUTS 10
  FAULT "movdqu +1", movdqu xmm0, [esi + 1]
  FAULT "movq m64+1", movq xmm0, [esi + 1]
  FAULT "movd m32+1", movd xmm0, [esi + 1]
  FAULT "paddb mm, m64+1", paddb mm0, [esi + 1]
  emms
  ; encodings that do not exist
  FAULT "pextrw mem", db 0x66, 0x0f, 0xc5, 0x06, 0x00
  FAULT "pextrw mm mem", db 0x0f, 0xc5, 0x06, 0x00
  FAULT "pmovmskb mem", db 0x66, 0x0f, 0xd7, 0x06
  FAULT "pmovmskb mm mem", db 0x0f, 0xd7, 0x06
  FAULT "movntdq reg", db 0x66, 0x0f, 0xe7, 0xc1
  FAULT "movntq reg", db 0x0f, 0xe7, 0xc1
  FAULT "maskmovdqu mem", db 0x66, 0x0f, 0xf7, 0x06
  FAULT "maskmovq mem", db 0x0f, 0xf7, 0x06
  FAULT "psrldq no 66", db 0x0f, 0x73, 0xd8, 0x01
  FAULT "pslldq mem", db 0x66, 0x0f, 0x73, 0x3e, 0x01
  FAULT "psrlw imm mem", db 0x0f, 0x71, 0x16, 0x01
  FAULT "group 12 /1", db 0x66, 0x0f, 0x71, 0xc8, 0x01
  FAULT "punpcklqdq mm", db 0x0f, 0x6c, 0xc1
  FAULT "movq2dq mem", db 0xf3, 0x0f, 0xd6, 0x06
  FAULT "movdq2q mem", db 0xf2, 0x0f, 0xd6, 0x06
  FAULT "66 emms", db 0x66, 0x0f, 0x77
  FAULT "f3 paddb mm", db 0xf3, 0x0f, 0xfc, 0xc1
  FAULT "f2 movd mm", db 0xf2, 0x0f, 0x6e, 0xc1
  emms
  ret

; show_rm: print " xmm0" and, if xmm2 differs, "!mem=xmm2"
show_rm:
  call show_xmm0
  movdqu [tmp], xmm0
  movdqu [tmp + 16], xmm2
  push ecx
  xor ecx, ecx
.cmp:
  mov eax, [tmp + ecx]
  cmp eax, [tmp + 16 + ecx]
  jne .diff
  add ecx, 4
  cmp ecx, 16
  jne .cmp
  pop ecx
  ret
.diff:
  pop ecx
  PUTS "!mem="
  PUTHEX [tmp + 28]
  PUTHEX [tmp + 24]
  PUTHEX [tmp + 20]
  PUTHEX [tmp + 16]
  ret

; show_xmm0: print " " and xmm0 as 32 hex digits, most significant first
show_xmm0:
  movdqu [tmp], xmm0
  PUTS " "
  PUTHEX [tmp + 12]
  PUTHEX [tmp + 8]
  PUTHEX [tmp + 4]
  PUTHEX [tmp]
  ret

section .data
align 16
xpairs:
  dq 0x807F01FF7FFF8000, 0x0123456789ABCDEF, 0x01017F8000017FFF, 0xFEDCBA9876543210
  dq 0x8000800080008000, 0xFFFFFFFF00000001, 0x8000FFFF7FFF0001, 0x00000000FFFFFFFF
  dq 0x7FFF7FFF80000000, 0x00FF00FF00FF00FF, 0x7FFF800180000000, 0xFF00FF00FF01FF02
  dq 0x7FFFFFFF80000001, 0x8000000000000000, 0x8000000080000000, 0x7FFFFFFFFFFFFFFF
xpairs_end:
xshval:
  dq 0x8001F00F7FFF0F0F, 0x123456789ABCDEF0
xcounts:
  dq 0, 0, 1, -1, 4, 0, 15, 0, 16, 0, 17, 0, 31, 0, 32, 0, 33, 0
  dq 63, 0, 64, 0, 65, 0, 0x100000001, 0, -1, 0
xcounts_end:
align 16
unal:
  db 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x21, 0x43, 0x65, 0x87, 0xa9, 0xcb, 0xed, 0x0f
  db 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88, 0x97, 0xa6, 0xb5, 0xc4, 0xd3, 0xe2, 0xf1, 0x00
align 16
unal2:   times 32 db 0x5a
align 16
tmp:     times 32 db 0
scratch: times 16 db 0
