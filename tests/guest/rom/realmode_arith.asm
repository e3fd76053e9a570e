; Real-mode integer and memory basics, run straight from the reset vector:
; 8/16-bit arithmetic with flags, 32-bit operand size (0x66) and 32-bit
; addressing (0x67) in real mode, string instructions with DS/ES segments
; and DF both ways, segment arithmetic, the stack (PUSHA, PUSH SP, POPF),
; near and far CALL/RET (far into code copied to RAM), LOOP/JCXZ, XLAT,
; LDS/LES and ENTER/LEAVE.
;
; Flags that the architecture leaves undefined (after MUL, DIV, logic ops'
; AF, multi-bit shifts' OF and AF) are masked out ('-').  Offsets always
; stay inside the 64 KiB segment limit: QEMU's TCG does not check limits
; in real mode, real CPUs raise #GP/#SS.
%include "rom.inc"

sp0 equ 0x05A0                  ; scratch words in low RAM (SS = 0)
bp1 equ 0x05A2

; PTRS "label", sbase, dbase - "label si+xxxx di+xxxx cx=xxxx\n" (SI, DI
; relative to the bases, so the line does not change with the ROM layout)
%macro PTRS 3
  push si
  push di
  sub si, %2
  sub di, %3
  PUTS %1, " si+"
  SHOWX si
  PUTS " di+"
  SHOWX di
  PUTS " cx="
  SHOWX cx
  PUTS 10
  pop di
  pop si
%endmacro

%macro SHOWX 1                  ; 4 hex digits, no label, no newline
  push ax
  mov ax, %1
  call puthex16
  pop ax
%endmacro

main:
  ; ------------------------------------------------ 8/16-bit arithmetic
  mov ax, 0x7FFF
  add ax, 1
  RESULT "add 7fff+1", ax, F_ALL
  mov ax, 0x12FF
  add al, 1                     ; AH untouched
  RESULT "add8 ff+1", ax, F_ALL
  mov ax, 0x1234
  SETFLAGS F_CF
  adc ax, 0x0FFF
  RESULT "adc 1234+fff+1", ax, F_ALL
  xor ax, ax
  SETFLAGS F_CF
  sbb ax, 0
  RESULT "sbb 0-0-1", ax, F_ALL
  mov ax, 0x8000
  sub ax, 1
  RESULT "sub 8000-1", ax, F_ALL
  mov bx, 0x0080
  neg bl
  RESULT "neg8 80", bx, F_ALL
  mov ax, 0xFFFF
  SETFLAGS F_CF
  inc ax                        ; INC leaves CF alone
  RESULT "inc ffff, cf=1", ax, F_ALL
  mov ax, 0x5A5A
  and ax, 0x0FF0                ; logic ops: AF undefined
  RESULT "and", ax, F_ALL & ~F_AF
  mov ax, 0x1234
  cmp ax, 0x1235
  RESULT "cmp 1234,1235", ax, F_ALL

  ; MUL/IMUL define only CF and OF; DIV/IDIV no flags at all
  mov ax, 0x1234
  mov cx, 0x0100
  mul cx
  RESULT "mul16 dx", dx, F_CF | F_OF
  SHOW "mul16 ax", ax
  mov ax, 0x0010
  mov bl, 0x0F
  mul bl
  RESULT "mul8", ax, F_CF | F_OF
  mov al, -2
  mov bl, 100
  imul bl                       ; -200 does not fit in 8 bits
  RESULT "imul8 -2*100", ax, F_CF | F_OF
  mov ax, -3
  mov bx, 7
  imul ax, bx
  RESULT "imul16 -3*7", ax, F_CF | F_OF
  imul cx, bx, -5000            ; -35000 does not fit in 16 bits
  RESULT "imul16 7*-5000", cx, F_CF | F_OF
  mov dx, 1
  xor ax, ax
  mov cx, 3
  div cx
  SHOW "div16 10000/3 q", ax
  SHOW "div16 10000/3 r", dx
  mov ax, 1000
  mov bl, 7
  div bl
  SHOW "div8 1000/7 r:q", ax
  mov ax, -1000
  cwd
  mov cx, 7
  idiv cx
  SHOW "idiv16 -1000/7 q", ax
  SHOW "idiv16 -1000/7 r", dx
  mov ax, -100
  mov bl, 7
  idiv bl
  SHOW "idiv8 -100/7 r:q", ax

  ; shifts: OF only for 1-bit shifts, AF never
  mov ax, 0x8001
  shr ax, 1
  RESULT "shr16 8001,1", ax, F_ALL & ~F_AF
  mov ax, 0x0081
  sar al, 1
  RESULT "sar8 81,1", ax, F_ALL & ~F_AF
  mov ax, 0x1234
  mov cl, 4
  shl ax, cl
  RESULT "shl16 1234,4", ax, F_CF | F_SZP
  mov ax, 0x4001
  mov cl, 33                    ; counts are masked to 5 bits: 1
  shl ax, cl
  RESULT "shl16 4001,33", ax, F_ALL & ~F_AF
  ; rotates change only CF (and OF for 1-bit ones): SZAP must survive
  mov ax, 0x8421
  SETFLAGS F_ZF | F_SF
  rol ax, 4
  RESULT "rol16 8421,4", ax, F_CF | F_SZP | F_AF
  mov ax, 0x0001
  ror al, 1
  RESULT "ror8 01,1", ax, F_CF | F_OF
  mov ax, 0x8000
  SETFLAGS F_CF
  rcl ax, 1
  RESULT "rcl16 8000,1 cf=1", ax, F_CF | F_OF
  mov ax, 0x0001
  SETFLAGS 0
  rcr ax, 1
  RESULT "rcr16 0001,1 cf=0", ax, F_CF | F_OF
  mov ax, 0x4000
  mov cl, 18                    ; 16-bit RCL rotates 17 bits: 18 = 1
  SETFLAGS 0
  rcl ax, cl
  RESULT "rcl16 4000,18", ax, F_CF
  mov ax, 0x1234
  xchg al, ah
  SHOW "xchg al,ah", ax

  ; ------------------------------------------------ 32-bit operand size
  mov eax, 0xFFFFFFFF
  add eax, 1
  RESULT32 "add32 ffffffff+1", eax, F_ALL
  mov eax, 0x12345678
  mov ebx, 0x9ABCDEF0
  add eax, ebx
  RESULT32 "add32", eax, F_ALL
  mov eax, 0x00010000
  mul eax
  RESULT32 "mul32 edx", edx, F_CF | F_OF
  SHOW32 "mul32 eax", eax
  xor edx, edx
  mov eax, 1000000
  mov ecx, 7
  div ecx
  SHOW32 "div32 1000000/7 q", eax
  SHOW32 "div32 1000000/7 r", edx
  mov eax, 0x12345678
  mov ax, 0                     ; a 16-bit write keeps the top half
  SHOW32 "mov ax into eax", eax
  mov eax, -1
  movzx ecx, ax
  SHOW32 "movzx ecx,ax", ecx
  mov bl, 0x80
  movsx edx, bl
  SHOW32 "movsx edx,bl", edx
  mov eax, 0x00000003
  shl eax, 30
  RESULT32 "shl32 3,30", eax, F_CF | F_SZP
  mov bx, sp
  push eax                      ; 0x66 PUSH moves SP by 4
  sub bx, sp
  pop eax
  SHOW "push eax moves sp by", bx

  ; ------------------------------------------------ 32-bit addressing
  mov di, 0x500                 ; bytes 00 01 02 .. 0f at 0000:0500
  xor al, al
.fill:
  stosb
  inc al
  cmp al, 16
  jne .fill
  mov ebx, 0x500
  mov eax, 2
  mov dx, [ebx + eax * 4]
  SHOW "[ebx+eax*4]", dx
  mov dx, [ebx + eax * 4 + 3]
  SHOW "[ebx+eax*4+3]", dx
  lea ecx, [eax + ebx * 2 + 0x10]
  SHOW32 "lea ecx,[eax+ebx*2+10]", ecx
  mov esi, 0x50E
  a32 lodsb
  SHOW32 "a32 lodsb esi", esi
  SHOW8 "a32 lodsb al", al
  ; 16-bit effective addresses wrap at 64 KiB: FFFF + 0502 = 0501
  mov bx, 0xFFFF
  mov al, [bx + 0x502]
  SHOW8 "[bx+502] bx=ffff", al

  ; ------------------------------------------------ string instructions
  push cs
  pop ds                        ; source: the ROM
  mov ax, 0x0060
  mov es, ax                    ; destination: 0000:0600
  mov si, hello
  xor di, di
  mov cx, 12                    ; with the NUL
  rep movsb
  PTRS "rep movsb", hello, 0
  push es
  pop ds
  xor si, si
  call puts                     ; DS:SI
  PUTS 10
  ; move bytes 0..9 up by 2 inside the same buffer: overlapping, so it
  ; must go backwards (DF=1), from the last word down
  std
  mov si, 8
  mov di, 10
  mov cx, 5
  rep movsw
  cld
  PTRS "std rep movsw", 0, 0
  xor si, si
  call puts
  PUTS 10
  mov ax, 0x0070
  mov es, ax
  xor di, di
  mov ax, 'AB'                  ; nasm: AL='A', AH='B'
  mov cx, 4
  rep stosw
  mov al, 0
  stosb
  PTRS "rep stosw", 0, 0
  push es
  pop ds
  xor si, si
  call puts
  PUTS 10
  ; DI wraps within the segment: FFFF, then 0000
  mov ax, 0x0200
  mov es, ax
  mov di, 0xFFFF
  mov al, 0xA5
  mov cx, 2
  rep stosb
  SHOW "stosb at ffff, di after", di
  mov ax, 0x1000                ; 0200:FFFF is linear 0x11FFF
  mov ds, ax
  SHOW8 "byte at 11fff", [0x1FFF]
  xor ax, ax
  mov ds, ax
  SHOW8 "byte at 02000", [0x2000]
  ; segment override on the source: FS:SI -> ES:DI
  push cs
  pop fs
  xor ax, ax
  mov ds, ax                    ; DS would read zeros
  mov ax, 0x0080
  mov es, ax
  mov si, hello
  xor di, di
  mov cx, 6
  fs rep movsb
  mov byte [es:di], 0
  push es
  pop ds
  xor si, si
  call puts
  PUTS " (fs rep movsb)", 10
  ; compare and scan in the ROM itself (DS = ES = CS)
  push cs
  pop ds
  push cs
  pop es
  mov si, hello
  mov di, there
  mov cx, 11
  repe cmpsb                    ; stops after 'w' vs 't' at index 6
  RESULT "repe cmpsb cx", cx, F_ALL
  PTRS "repe cmpsb", hello, there
  mov di, hello
  mov al, 'o'
  mov cx, 11
  repne scasb                   ; finds index 4
  pushf                         ; keep ZF from SCASB
  sub di, hello
  popf
  RESULT "repne scasb di-hello", di, F_ZF
  SHOW "  cx", cx
  std
  mov di, hello + 10
  mov cx, 11
  repne scasb                   ; backwards: finds index 7
  cld
  sub di, hello
  SHOW "std repne scasb di-hello", di
  SHOW "  cx", cx
  xor ax, ax
  mov ds, ax
  mov es, ax

  ; ------------------------------------------------ segment arithmetic
  ; 1234:0005, 1000:2345 and 1200:0345 are all linear 0x12345
  mov ax, 0x1234
  mov ds, ax
  mov word [0x0005], 0xBEEF
  mov ax, 0x1000
  mov es, ax
  SHOW "1000:2345", [es:0x2345]
  mov ax, 0x1200
  mov gs, ax
  SHOW "1200:0345", [gs:0x0345]
  xor ax, ax
  mov ds, ax
  mov es, ax
  ; the ROM ignores writes
  mov ax, ROM_SEG
  mov ds, ax
  mov al, [rom_byte]
  mov byte [rom_byte], 0x00
  SHOW8 "rom byte after write", [rom_byte]
  SHOW8 "reset vector opcode", [0xFFF0]
  xor ax, ax
  mov ds, ax

  ; ------------------------------------------------ stack
  push word 0x1234
  pop ax
  SHOW "push imm, pop", ax
  mov bx, sp
  push sp                       ; 286+: the value before the push
  pop ax
  sub ax, bx
  SHOW "push sp - sp", ax
  mov ax, 1
  mov cx, 2
  mov dx, 3
  mov bx, 4
  mov bp, 6
  mov si, 7
  mov di, 8
  pusha                         ; AX CX DX BX SP BP SI DI, DI lowest
  mov bp, sp
  SHOW "pusha di", [bp + 0]
  SHOW "pusha si", [bp + 2]
  SHOW "pusha bp", [bp + 4]
  mov ax, [bp + 6]
  sub ax, sp
  SHOW "pusha sp-now", ax
  SHOW "pusha bx", [bp + 8]
  SHOW "pusha dx", [bp + 10]
  SHOW "pusha cx", [bp + 12]
  SHOW "pusha ax", [bp + 14]
  xor ax, ax
  mov cx, ax
  mov dx, ax
  mov bx, ax
  mov bp, ax
  mov si, ax
  mov di, ax
  mov [ss:sp0], sp
  popa                          ; SP from the stack is skipped
  cmp ax, 1
  jne exit_fail
  cmp bp, 6
  jne exit_fail
  cmp di, 8
  jne exit_fail
  PUTS "popa restored ax..di", 10
  mov ax, [ss:sp0]
  add ax, 16
  sub ax, sp
  SHOW "popa sp-(sp0+16)", ax
  ; POPF in real mode on a 386+: bits 12-14 (IOPL, NT) writable, bit 15
  ; and bits 3, 5 read as 0, bit 1 as 1.  TF and IF are left clear.
  push word 0xFFFF & ~(F_TF | F_IF)
  popf
  pushf
  SETFLAGS 0
  pop ax
  SHOW "popf fcff, pushf", ax

  ; ------------------------------------------------ calls
  call .near
.near:
  pop ax
  sub ax, .near
  SHOW "call pushes next ip, +", ax
  mov bx, sp
  push word 0x5555
  call ret2
  sub bx, sp
  SHOW "ret 2 leaves sp moved by", bx
  mov bx, ret2
  push word 0x5555
  call bx
  SHOW "call bx", ax
  ; far: copy far_code to 0800:0000 (linear 0x8000), then reach it as
  ; 0800:0000 and as 07F0:0100, and through a far pointer in RAM
  push cs
  pop ds
  mov ax, 0x0800
  mov es, ax
  mov si, far_code
  xor di, di
  mov cx, far_code_end - far_code
  rep movsb
  xor ax, ax
  mov ds, ax
  mov es, ax
  mov dx, 1                     ; no argument
  call 0x0800:0x0000
  SHOW "call 0800:0000 cs", ax
  SHOW "  ip of .here", bx
  call 0x07F0:0x0100
  SHOW "call 07f0:0100 cs", ax
  SHOW "  ip of .here", bx
  mov word [0x0580], 0x0080
  mov word [0x0582], 0x07F8
  mov si, sp
  push word 0x7777
  mov dx, 0                     ; one word argument, popped by RETF 2
  call far [0x0580]             ; 07F8:0080
  sub si, sp
  SHOW "call far [mem] cs", ax
  SHOW "  ip of .here", bx
  SHOW "  argument", dx
  SHOW "  sp moved by", si
  ; a far return to a different segment: push F000:.back and RETF
  push cs
  push word .back
  retf
  jmp exit_fail
.back:
  PUTS "retf to pushed cs:ip", 10

  ; ------------------------------------------------ loop / jcxz
  mov cx, 10
  xor ax, ax
.sum:
  add ax, cx
  loop .sum
  SHOW "loop sum 1..10", ax
  xor cx, cx
  jcxz .cx0
  jmp exit_fail
.cx0:
  xor ax, ax                    ; LOOP decrements first: CX=0 runs 65536x
.wrap:
  inc ax
  loop .wrap
  SHOW "loop from cx=0, count mod 10000", ax
  mov cx, 10
  xor ax, ax
.ne:
  inc ax
  cmp ax, 3
  loopne .ne
  SHOW "loopne until ax=3, cx", cx
  mov ecx, 0x00050003           ; 16-bit LOOP only uses CX
.cxonly:
  loop .cxonly
  SHOW32 "loop (a16) ecx", ecx
  mov ecx, 0x00010002           ; 0x67 LOOP uses all of ECX
.ecx:
  a32 loop .ecx
  SHOW32 "a32 loop ecx", ecx

  ; ------------------------------------------------ xlat
  push cs
  pop ds
  mov bx, hexdigits
  mov al, 0x0C
  xlatb
  SHOW8 "xlat c", al
  xor ax, ax
  mov ds, ax
  mov al, 0x0A
  cs xlatb                      ; override with DS = 0
  SHOW8 "cs xlat a", al

  ; ------------------------------------------------ lds / les / lfs
  mov word [0x0590], 0x1234
  mov word [0x0592], 0x5678
  les di, [0x0590]
  lfs bx, [0x0590]
  lds si, [0x0590]              ; last: it replaces DS
  mov ax, ds
  SHOW "lds ds", ax
  SHOW "lds si", si
  mov ax, es
  SHOW "les es", ax
  SHOW "les di", di
  mov ax, fs
  SHOW "lfs fs", ax
  SHOW "lfs bx", bx
  xor ax, ax
  mov ds, ax
  mov es, ax
  mov fs, ax

  ; ------------------------------------------------ enter / leave
  mov bp, 0x1111
  mov [ss:sp0], sp
  enter 6, 0
  mov ax, [ss:sp0]
  sub ax, bp
  SHOW "enter 6,0 sp0-bp", ax
  mov ax, bp
  sub ax, sp
  SHOW "  bp-sp", ax
  SHOW "  [bp]", [bp]
  leave
  mov ax, [ss:sp0]
  sub ax, sp
  SHOW "leave sp0-sp", ax
  SHOW "  bp", bp
  ; nesting level 2: copies one frame pointer from the outer frame
  ; ([old bp - 2]) and pushes the new frame pointer
  enter 2, 0
  mov word [bp - 2], 0xABCD     ; the outer frame's "display" slot
  mov [ss:bp1], bp
  enter 4, 2
  mov ax, [ss:bp1]
  sub ax, bp
  SHOW "enter 4,2 outer bp-bp", ax
  SHOW "  [bp-2]", [bp - 2]
  mov ax, [bp - 4]
  sub ax, bp
  SHOW "  [bp-4]-bp", ax
  mov ax, bp
  sub ax, sp
  SHOW "  bp-sp", ax
  leave
  leave
  mov ax, [ss:sp0]
  sub ax, sp
  SHOW "two leaves sp0-sp", ax
  SHOW "  bp", bp

  PUTS "done", 10
  ret

; ret2: returns with RET 2 (drops one word argument); AX = the argument
ret2:
  push bp
  mov bp, sp
  mov ax, [bp + 4]
  pop bp
  ret 2

; Position-independent, so it runs wherever it is copied.  Returns AX = CS,
; BX = the offset of .here in that segment, DX = the word argument if the
; caller passed DX=0 (then it pops it with RETF 2) else nothing.
far_code:
  mov ax, cs
  call .here
.here:
  pop bx
  test dx, dx
  jz .arg
  retf
.arg:
  push bp
  mov bp, sp
  mov dx, [bp + 6]              ; above BP, IP, CS
  pop bp
  retf 2
far_code_end:

section .rodata
hello:     db "hello world", 0
there:     db "hello there", 0
hexdigits: db "0123456789abcdef"
rom_byte:  db 0x5A
