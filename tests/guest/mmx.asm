; MMX instructions and the SSE/SSE2 additions on MMX registers (SDM Vol. 2):
; every arithmetic, compare, logic, pack and unpack operation over operand
; pairs chosen for saturation and signedness, in register and memory forms;
; shifts by register, memory and immediate counts past the element width;
; moves, PSHUFW, PEXTRW, PINSRW, PMOVMSKB, MASKMOVQ, MOVNTQ.
; The expected output is the host CPU's: tests/guest/mmx_native.sh mmx.
%define MMX_NATIVE
%include "fp_head.inc"
cpu willamette

; BIN op: "op mm0, mm1" over every pair in pairs; each result is printed,
; and the memory form "op mm2, m64" must agree (else "!mem=...").
%macro BIN 1
  OPLOOP %1, ":", movq, mm, [esi], [esi + 8], 16, pairs
%endmacro

; SHR op: "op mm0, mm1" and "op mm2, m64" for every count in counts.
%macro SHR 1
  OPLOOP %1, " by reg:", movq, mm, [shval], [esi], 8, counts
%endmacro

; SHI op: "op mm0, imm8" for a spread of immediates.
%macro SHI 1
  %defstr %%name %1
  PUTS %%name, " by imm:"
  %assign %%i 0
  %rep 10
    %assign %%imm (%%i == 0) ? 0 : (%%i == 1) ? 1 : (%%i == 2) ? 7 : (%%i == 3) ? 15 : (%%i == 4) ? 16 : (%%i == 5) ? 31 : (%%i == 6) ? 32 : (%%i == 7) ? 63 : (%%i == 8) ? 64 : 255
    movq mm0, [shval]
    %1 mm0, %%imm
    call show_mm0
    %assign %%i %%i + 1
  %endrep
  PUTS 10
%endmacro

main:
  call idt_init
  FPU_ON
  fninit

  BIN paddb
  BIN paddw
  BIN paddd
  BIN paddq
  BIN paddsb
  BIN paddsw
  BIN paddusb
  BIN paddusw
  BIN psubb
  BIN psubw
  BIN psubd
  BIN psubq
  BIN psubsb
  BIN psubsw
  BIN psubusb
  BIN psubusw
  BIN pmullw
  BIN pmulhw
  BIN pmulhuw
  BIN pmuludq
  BIN pmaddwd
  BIN pavgb
  BIN pavgw
  BIN psadbw
  BIN pminub
  BIN pmaxub
  BIN pminsw
  BIN pmaxsw
  BIN pcmpeqb
  BIN pcmpeqw
  BIN pcmpeqd
  BIN pcmpgtb
  BIN pcmpgtw
  BIN pcmpgtd
  BIN pand
  BIN pandn
  BIN por
  BIN pxor
  BIN packsswb
  BIN packssdw
  BIN packuswb
  BIN punpcklbw
  BIN punpcklwd
  BIN punpckldq
  BIN punpckhbw
  BIN punpckhwd
  BIN punpckhdq

  SHR psllw
  SHR pslld
  SHR psllq
  SHR psrlw
  SHR psrld
  SHR psrlq
  SHR psraw
  SHR psrad
  SHI psllw
  SHI pslld
  SHI psllq
  SHI psrlw
  SHI psrld
  SHI psrlq
  SHI psraw
  SHI psrad

  ; an MMX memory operand needs no alignment
  movq mm0, [pairs]
  paddw mm0, [unal + 1]
  PUTS "paddw unaligned:"
  call show_mm0
  PUTS 10

  call moves
  call shuffles
  call masked
  jmp exit_ok

moves:
  PUTS "movd:"
  movq mm0, [pairs]
  mov eax, 0x89abcdef
  movd mm0, eax                 ; zero-extends
  call show_mm0
  movq mm0, [pairs]
  movd mm0, [pairs + 8]
  call show_mm0
  movq mm3, [pairs + 16]
  mov ebx, 0x11111111
  movd ebx, mm3
  PUTS " "
  PUTHEX ebx
  mov dword [scratch], 0x22222222
  mov dword [scratch + 4], 0x33333333
  movd [scratch], mm3           ; stores 32 bits only
  PUTS " "
  PUTHEX [scratch + 4]
  PUTS ":"
  PUTHEX [scratch]
  PUTS 10

  PUTS "movq:"
  movq mm4, [pairs + 24]
  movq mm0, mm4                 ; 0F 6F
  call show_mm0
  movq mm0, [pairs]
  db 0x0f, 0x7f, 0xe0           ; movq mm0, mm4 as 0F 7F /r
  call show_mm0
  movq [scratch], mm4
  movq mm0, [scratch]
  call show_mm0
  movq mm0, [unal + 3]          ; unaligned load
  call show_mm0
  movntq [scratch], mm3
  movq mm0, [scratch]
  call show_mm0
  PUTS 10
  ret

shuffles:
  PUTS "pshufw:"
  movq mm1, [pairs + 16]
  pshufw mm0, mm1, 0x1b
  call show_mm0
  pshufw mm0, mm1, 0x00
  call show_mm0
  pshufw mm0, [pairs + 16], 0xe4
  call show_mm0
  pshufw mm0, [pairs + 16], 0xb1
  call show_mm0
  PUTS 10

  PUTS "pextrw:"
  movq mm1, [pairs + 16]
  mov eax, -1
%assign i 0
%rep 8
  pextrw eax, mm1, i            ; the index is imm8 & 3
  PUTS " "
  PUTHEX eax
%assign i i + 1
%endrep
  PUTS 10

  PUTS "pinsrw:"
  mov eax, 0xdead8765
%assign i 0
%rep 8
  movq mm0, [pairs + 16]
  pinsrw mm0, eax, i
  call show_mm0
%assign i i + 1
%endrep
  movq mm0, [pairs + 16]
  pinsrw mm0, [unal + 1], 2
  call show_mm0
  PUTS 10

  PUTS "pmovmskb:"
  mov esi, pairs
.mask:
  movq mm1, [esi]
  mov eax, -1
  pmovmskb eax, mm1
  PUTS " "
  PUTHEX eax
  add esi, 8
  cmp esi, pairs_end
  jne .mask
  PUTS 10
  ret

masked:
  PUTS "maskmovq:"
  mov dword [scratch], 0x11111111
  mov dword [scratch + 4], 0x22222222
  movq mm0, [pairs + 16]
  movq mm1, [pairs]             ; byte masks 80 7F 01 FF 7F FF 80 00 (high first)
  mov edi, scratch
  maskmovq mm0, mm1
  PUTS " "
  PUTHEX [scratch + 4]
  PUTS ":"
  PUTHEX [scratch]
  pxor mm1, mm1                 ; an all-zero mask stores nothing
  mov edi, scratch
  maskmovq mm3, mm1
  PUTS " "
  PUTHEX [scratch + 4]
  PUTS ":"
  PUTHEX [scratch]
  mov edi, unal + 1             ; no alignment needed
  pcmpeqb mm1, mm1
  maskmovq mm4, mm1
  PUTS " "
  PUTHEX [unal + 5]
  PUTS ":"
  PUTHEX [unal + 1]
  PUTS 10
  ret

; show_rm: print " mm0" and, if mm2 differs, "!mem=mm2"
show_rm:
  call show_mm0
  movq [tmp], mm0
  movq [tmp + 8], mm2
  mov eax, [tmp]
  cmp eax, [tmp + 8]
  jne .diff
  mov eax, [tmp + 4]
  cmp eax, [tmp + 12]
  jne .diff
  ret
.diff:
  PUTS "!mem="
  PUTHEX [tmp + 12]
  PUTHEX [tmp + 8]
  ret

; show_mm0: print " hhhhhhhhllllllll" for mm0
show_mm0:
  movq [tmp], mm0
  PUTS " "
  PUTHEX [tmp + 4]
  PUTHEX [tmp]
  ret

section .data
align 16
pairs:
  dq 0x807F01FF7FFF8000, 0x01017F8000017FFF
  dq 0x0123456789ABCDEF, 0xFEDCBA9876543210
  dq 0x8000800080008000, 0x8000FFFF7FFF0001
  dq 0xFFFFFFFF00000001, 0x00000000FFFFFFFF
  dq 0x7FFF7FFF80000000, 0x7FFF800180000000
  dq 0x00FF00FF00FF00FF, 0xFF00FF00FF01FF02
pairs_end:
shval:
  dq 0x8001F00F7FFF0F0F
counts:
  dq 0, 1, 4, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0x100000001, -1
counts_end:
unal:
  db 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x21, 0x43, 0x65, 0x87, 0xa9, 0xcb, 0xed, 0x0f
tmp:     dq 0, 0
scratch: dq 0, 0
