; Who may use the FPU: CR0.EM/TS/MP and CR4.OSFXSR decide between running,
; #NM (7) and #UD (6) for x87, MMX and SSE instructions (SDM Vol. 3A,
; tables 2-2 and 13-1). The decoder bakes the answer into each block, so
; every switch below must be seen by the very next instruction.
%include "lib.inc"
cpu p4                          ; MMX, SSE, SSE2
; not-qemu: QEMU 7.2 raises #NM for MMX under EM+TS; SDM Vol. 3A 12.1 says #UD

%macro CR0SET 1                 ; CR0 = (CR0 & ~0xe) | %1  (MP EM TS)
  mov eax, cr0
  and eax, ~0xe
  or eax, %1
  mov cr0, eax
%endmacro
%macro CR4SET 1                 ; CR4.OSFXSR (0x200) = %1
  mov eax, cr4
  and eax, ~0x200
  or eax, %1
  mov cr4, eax
%endmacro

main:
  call idt_init
  CR4SET 0x200
  CR0SET 0
  fninit
  fld1
  fstp dword [val]
  SHOW "plain fld1/fstp", [val]
  paddb mm0, mm1
  emms
  xorps xmm0, xmm0
  PUTS "all run", 10

  CR0SET 8                      ; TS: everything #NM, FWAIT only with MP
  TRY .r1, "TS fld1"
  fld1
.r1:
  TRY .r2, "TS fninit"
  fninit
.r2:
  TRY .r3, "TS paddb"
  paddb mm0, mm1
.r3:
  TRY .r4, "TS xorps"
  xorps xmm0, xmm0
.r4:
  TRY .r5, "TS fxsave"
  fxsave [area]
.r5:
  fwait
  PUTS "TS fwait runs", 10
  CR0SET 0xa                    ; MP+TS
  TRY .r6, "MP+TS fwait"
  fwait
.r6:
  clts                          ; the next instruction must see TS clear
  fld1
  fstp dword [val]
  SHOW "after clts", [val]

  CR0SET 4                      ; EM: x87 #NM, MMX and SSE #UD
  TRY .r7, "EM fld1"
  fld1
.r7:
  TRY .r8, "EM paddb"
  paddb mm0, mm1
.r8:
  TRY .r9, "EM xorps"
  xorps xmm0, xmm0
.r9:
  CR0SET 0xc
  TRY .r10, "EM+TS paddb"       ; #UD wins over #NM
  paddb mm0, mm1
.r10:
  CR0SET 0

  CR4SET 0                      ; no OSFXSR: SSE #UD, MMX and x87 run
  TRY .r11, "no OSFXSR xorps"
  xorps xmm0, xmm0
.r11:
  TRY .r12, "no OSFXSR ldmxcsr"
  ldmxcsr [mx]
.r12:
  paddb mm0, mm1
  emms
  fld1
  fstp dword [val]
  PUTS "no OSFXSR: MMX and x87 run", 10
  CR4SET 0x200
  xorps xmm0, xmm0
  PUTS "OSFXSR back: SSE runs", 10
  jmp exit_ok

section .bss
alignb 16
area: resb 512
val: resd 1
section .rodata
mx: dd 0x1f80
