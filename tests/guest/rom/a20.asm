; The A20 gate, through System Control Port A (0x92, bit 1).  FFFF:0510 is
; linear 0x100500; with the gate closed physical address bit 20 is forced
; to 0, so it is 0x000500 (0000:0500) instead: reads, writes and
; instruction fetches all wrap at 1 MiB.
;
; Bit 0 of port 0x92 is a fast CPU reset: every write keeps it 0.  The
; gate is opened and closed explicitly; only the first line reports the
; state the machine starts in (open, as in QEMU).  The port's initial
; read-back is not shown: QEMU reads 0 there although the gate is open.
%include "rom.inc"

LO equ 0x0500                   ; 0000:0500 = 0x000500
HI equ 0x0510                   ; FFFF:0510 = 0x100500 (or 0x000500)

; A20 on|off - set or clear bit 1 of port 0x92, never bit 0
%macro A20 1
  in al, 0x92
 %ifidn %1, on
  or al, 2
  and al, ~1
 %else
  and al, ~3
 %endif
  out 0x92, al
%endmacro

main:
  xor ax, ax
  mov ds, ax                    ; DS: 0000, ES: FFFF
  mov ax, 0xFFFF
  mov es, ax

  ; --- the reset state: two different words, unless they are one
  mov word [LO], 0x1111
  mov word [es:HI], 0x2222
  cmp word [LO], 0x1111
  jne .closed
  PUTS "a20 at reset: open", 10
  jmp .explicit
.closed:
  PUTS "a20 at reset: closed", 10
.explicit:

  ; --- open: 0x000500 and 0x100500 are distinct
  A20 on
  in al, 0x92
  SHOW8 "port 92 after opening", al
  mov word [LO], 0x1111
  mov word [es:HI], 0x2222
  SHOW "open: 0000:0500", [LO]
  SHOW "open: ffff:0510", [es:HI]

  ; --- closed: FFFF:0510 is 0000:0500, both ways
  A20 off
  in al, 0x92
  SHOW8 "port 92 after closing", al
  SHOW "closed: ffff:0510", [es:HI]
  mov word [es:HI], 0x3333
  SHOW "closed: wrote ffff:0510, 0000:0500", [LO]
  mov ax, 0xFFFF                ; 32-bit address arithmetic wraps too
  mov fs, ax
  mov ebx, HI
  SHOW "closed: [fs:ebx]", [fs:ebx]

  ; --- open again: the word at 0x100500 was never touched
  A20 on
  in al, 0x92
  SHOW8 "port 92 after reopening", al
  SHOW "reopened: 0000:0500", [LO]
  SHOW "reopened: ffff:0510", [es:HI]

  ; --- instruction fetch: "mov ax, imm16; retf" at 0x000600 and at
  ; 0x100600, different immediates; call FFFF:0610 with the gate in each
  ; state (an emulator caching translated code must see the switch)
  mov dword [0x0600], 0xCBAAAAB8            ; mov ax, 0xAAAA; retf
  mov dword [es:0x0610], 0xCBBBBBB8         ; mov ax, 0xBBBB; retf
  xor ax, ax
  call 0xFFFF:0x0610
  SHOW "open: call ffff:0610 returns", ax
  A20 off
  xor ax, ax
  call 0xFFFF:0x0610
  SHOW "closed: call ffff:0610 returns", ax
  A20 on
  xor ax, ax
  call 0xFFFF:0x0610
  SHOW "reopened: call ffff:0610 returns", ax
  ret
