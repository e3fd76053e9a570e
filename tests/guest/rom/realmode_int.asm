; Real-mode interrupts through IVT entries the test installs itself:
; #DE (vector 0) from DIV/IDIV by zero and quotient overflow, a software
; INT 0x40 whose handler changes registers and the saved FLAGS, INT3 (CC
; and CD 03), INTO, and an IVT moved by LIDT.  (TF: singlestep.asm.)
;
; Each handler records the frame the CPU pushed (IP, CS, FLAGS, in that
; order upwards from SP), its own FLAGS and the frame size, and REPORT
; prints them.  The saved IP is shown relative to MARK: #DE is a fault on
; a 286+ (IP of the DIV itself, prefixes included), INT n/INT3/INTO are
; traps (IP of the next instruction).  FLAGS are set with SETFLAGS
; just before each event so the pushed value is fully defined.
%include "rom.inc"

; variables in low RAM (SS = DS = 0)
rec_vec  equ 0x500              ; vector of the last recorded interrupt
rec_ip   equ 0x502              ; its saved IP - [mark]
rec_cs   equ 0x504
rec_fl   equ 0x506              ; the pushed FLAGS
rec_own  equ 0x508              ; FLAGS inside the handler
rec_sp   equ 0x50A              ; SP after the CPU's pushes
mark     equ 0x50C
resume   equ 0x50E              ; nonzero: IRET there instead
skip     equ 0x510              ; else: add this to the saved IP
sp_at    equ 0x512              ; SP before the event
ivt2     equ 0x1000             ; a second IVT for LIDT

; MARK [resume] - the next instruction is the one interrupts are shown
; relative to; the handler resumes at the label (or, without one, at the
; saved IP + [skip]).  Flags are not touched.
%macro MARK 0-1 0
  mov word [ss:resume], %1
  mov word [ss:mark], %%here
  mov [ss:sp_at], sp
%%here:
%endmacro

; REPORT "label" - "label: vec=vv ip=T+iiii cs=cccc fl=ffff own=ffff
; frame=n\n" from what the last RECORD saw.  Keeps AX (and flags).
%macro REPORT 1
  push ax
  PUTS %1, ": vec="
  mov ax, [rec_vec]
  call puthex8
  PUTS " ip=T+"
  mov ax, [rec_ip]
  call puthex16
  PUTS " cs="
  mov ax, [rec_cs]
  call puthex16
  PUTS " fl="
  mov ax, [rec_fl]
  call puthex16
  PUTS " own="
  mov ax, [rec_own]
  call puthex16
  PUTS " frame="
  mov ax, [sp_at]
  sub ax, [rec_sp]
  call puthex16
  PUTS 10
  pop ax
%endmacro

; RECORD v - body of a recording handler for vector v: leaves BP pointing
; at the frame (BP+2 IP, +4 CS, +6 FLAGS), all else as it was.
%macro RECORD 1
  push bp
  mov bp, sp
  pushf                         ; first: nothing has changed FLAGS yet
  pop word [ss:rec_own]
  push ax
  mov word [ss:rec_vec], %1
  lea ax, [bp + 2]
  mov [ss:rec_sp], ax
  mov ax, [bp + 2]
  sub ax, [ss:mark]
  mov [ss:rec_ip], ax
  mov ax, [bp + 4]
  mov [ss:rec_cs], ax
  mov ax, [bp + 6]
  mov [ss:rec_fl], ax
  mov ax, [ss:resume]           ; where to go back to
  test ax, ax
  jnz %%set
  mov ax, [bp + 2]
  add ax, [ss:skip]
%%set:
  mov [bp + 2], ax
  pop ax
%endmacro

main:
  ; --- install our handlers over rom.inc's reporting stubs
  SETVEC 0, de_handler
  SETVEC 3, bp_handler
  SETVEC 4, of_handler
  SETVEC 0x40, int40_handler
  SHOW "ivt[40] segment", [4 * 0x40 + 2]
  sidt [0x580]
  SHOW "idtr limit at reset", [0x580]
  SHOW32 "idtr base at reset", [0x582]

  ; --- #DE: the saved IP is the DIV's own, registers are unchanged
  mov ax, 0x1234
  mov bl, 0
  SETFLAGS F_CF | F_ZF
  MARK .de1
  div bl
.de1:
  REPORT "div8 by 0"
  SHOW "  ax kept", ax
  mov dx, 3
  xor ax, ax
  mov cx, 2
  SETFLAGS F_SF
  MARK .de2
  div cx                        ; 0x30000 / 2 does not fit in 16 bits
.de2:
  REPORT "div16 overflow"
  SHOW "  dx kept", dx
  mov dx, 0xFFFF
  mov ax, 0x8000
  mov cx, -1
  SETFLAGS 0
  MARK .de3
  idiv cx                       ; -32768 / -1 = +32768 does not fit
.de3:
  REPORT "idiv16 -8000/-1"
  mov ax, -128
  mov bl, -1
  SETFLAGS F_OF
  MARK .de4
  idiv bl                       ; +128 does not fit in 8 bits
.de4:
  REPORT "idiv8 -80/-1"
  xor ecx, ecx
  SETFLAGS 0
  MARK .de5
  div ecx                       ; IP includes the 0x66 prefix
.de5:
  REPORT "o32 div ecx=0"
  SETFLAGS 0
  MARK .de6
  div byte [cs:zero]            ; and a segment override
.de6:
  REPORT "div byte [cs:zero]"
  SETFLAGS 0
  MARK .de7
  aam 0
.de7:
  REPORT "aam 0"
  ; the other way to carry on: step over the 2-byte DIV in the handler
  mov word [skip], 2
  mov ax, 0x00FF
  mov bl, 0
  SETFLAGS 0
  MARK
  div bl
  mov word [skip], 0
  REPORT "div8 skipped by handler"
  SHOW "  ax kept", ax

  ; --- INT 0x40 with IF=1: the handler sees IF=0 and the pushed IF=1; it
  ; returns AX*2+1, BX=4040 and sets CF in the saved FLAGS, which IRET
  ; restores together with IF.  (All IRQs are masked: IF=1 is harmless.)
  mov ax, 0x1000
  mov bx, 0
  SETFLAGS F_ZF | F_IF
  MARK
  int 0x40
  pushf
  cli
  REPORT "int 40"
  SHOW "  ax", ax
  SHOW "  bx", bx
  pop ax
  SHOW "  flags after iret", ax

  ; --- INT3 in its two encodings, INTO with OF=1 and OF=0
  SETFLAGS F_PF
  MARK
  int3                          ; CC
  REPORT "int3"
  SETFLAGS F_PF
  MARK
  int 3                         ; CD 03
  REPORT "int 3"
  SETFLAGS F_OF
  MARK
  into
  REPORT "into of=1"
  mov word [rec_vec], 0xEE
  SETFLAGS 0
  into
  SHOW8 "into of=0 recorded vec (ee = none)", [rec_vec]

  ; --- LIDT moves the real-mode IVT: a copy at 0x1000 whose vector 0x40
  ; goes to the vector-3 handler
  push ds
  pop es
  xor si, si
  mov di, ivt2
  mov cx, 0x200
  rep movsw
  mov ax, [4 * 3]
  mov [ivt2 + 4 * 0x40], ax
  lidt [cs:ivt2_ptr]
  SETFLAGS 0
  MARK
  int 0x40
  REPORT "int 40 via ivt at 1000"
  lidt [cs:ivt0_ptr]
  SETFLAGS 0
  MARK
  int 0x40
  REPORT "int 40 via ivt at 0"

  ; --- and rom.inc's stubs still catch the rest: #UD
  TRY .ud, "ud2"
  ud2
.ud:
  PUTS "done", 10
  ret

; ---------------------------------------------------------------- handlers

de_handler:
  RECORD 0
  pop bp
  iret

bp_handler:
  RECORD 3
  pop bp
  iret

of_handler:
  RECORD 4
  pop bp
  iret

int40_handler:
  RECORD 0x40
  shl ax, 1
  inc ax
  mov bx, 0x4040
  or word [bp + 6], F_CF        ; the caller's CF, via the saved FLAGS
  pop bp
  iret

section .rodata
zero:     db 0
ivt2_ptr: dw 0x3FF
          dd ivt2
ivt0_ptr: dw 0x3FF
          dd 0
