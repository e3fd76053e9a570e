; Multiply, divide and BCD spot checks.  MUL/IMUL define only CF and OF,
; DIV/IDIV no flags at all, DAA/DAS all but OF, AAA/AAS only AF and CF,
; AAM/AAD only SF ZF PF; the rest print as '-'.  Division faults (#DE)
; are in exceptions.asm.
%include "lib.inc"

F_MUL equ F_CF | F_OF

main:
  ; --- MUL: unsigned, double-width result, CF = OF = upper half nonzero
  mov eax, 0xAAAA0080
  mov bl, 3
  mul bl
  RESULT "mul8 80*3", eax, F_MUL
  mov eax, 0xAAAA0007
  mov bl, 6
  mul bl
  RESULT "mul8 7*6", eax, F_MUL
  mov eax, 0x1234
  mov edx, 0xEEEEEEEE
  mov cx, 0x5678
  mul cx
  RESULT "mul16 1234*5678 ax", eax, F_MUL
  SHOW "mul16 dx", edx
  mov eax, 0x12345678
  mov ebx, 0x9ABCDEF0
  mul ebx
  RESULT "mul32 12345678*9abcdef0 eax", eax, F_MUL
  SHOW "mul32 edx", edx
  mov eax, 0x10000
  mul dword [d10000]
  RESULT "mul32 mem 10000*10000 eax", eax, F_MUL
  SHOW "mul32 mem edx", edx

  ; --- IMUL: one-operand (signed double width), two- and three-operand
  ; (truncated, CF = OF = result did not fit)
  mov eax, 0xFE                 ; -2
  mov bl, 3
  imul bl
  RESULT "imul8 -2*3", eax, F_MUL
  mov eax, 0x40
  mov bl, 4
  imul bl
  RESULT "imul8 40*4", eax, F_MUL
  mov eax, -1000
  mov cx, 1000
  imul cx
  RESULT "imul16 -1000*1000 ax", eax, F_MUL
  SHOW "imul16 dx", edx
  mov eax, -7
  mov ebx, 0x10000000
  imul ebx
  RESULT "imul32 -7*10000000 eax", eax, F_MUL
  SHOW "imul32 edx", edx
  mov ecx, 0x10000
  mov edx, 0x10000
  imul ecx, edx
  RESULT "imul r,r 10000*10000", ecx, F_MUL
  mov ebx, 1234
  imul eax, ebx, -3             ; 6B /r ib
  RESULT "imul r,r,imm8 1234*-3", eax, F_MUL
  imul eax, [d10000], 100000    ; 69 /r id
  RESULT "imul r,m,imm32 10000*100000", eax, F_MUL
  mov eax, 0x55550000
  mov bx, 300
  imul ax, bx, 100
  RESULT "imul16 r,r,imm 300*100", eax, F_MUL

  ; --- DIV / IDIV: quotient truncates toward zero, remainder has the
  ; dividend's sign
  mov eax, 1000
  mov bl, 7
  div bl
  SHOW "div8 1000/7 ah:al", eax
  mov edx, 1
  mov eax, 0
  mov cx, 3
  div cx
  SHOW2 "div16 10000h/3 dx:ax", edx, eax
  mov edx, 1
  mov eax, 0
  mov ecx, 7
  div ecx
  SHOW2 "div32 100000000h/7 edx:eax", edx, eax
  mov edx, 0
  mov eax, 0xFFFFFFFF
  div dword [d10000]
  SHOW2 "div32 mem ffffffff/10000 edx:eax", edx, eax
  mov eax, -100
  mov bl, 7
  idiv bl
  SHOW "idiv8 -100/7 ah:al", eax
  mov edx, 0
  mov ax, -30000
  cwd
  mov cx, -7
  idiv cx
  SHOW2 "idiv16 -30000/-7 dx:ax", edx, eax
  mov eax, -1000000007
  cdq
  mov ecx, 10
  idiv ecx
  SHOW2 "idiv32 -1000000007/10 edx:eax", edx, eax
  mov eax, 7
  cdq
  mov ecx, -2
  idiv ecx
  SHOW2 "idiv32 7/-2 edx:eax", edx, eax

  ; --- packed BCD: DAA after ADD, DAS after SUB
  mov eax, 0x79
  add al, 0x35
  daa
  RESULT "daa 79+35", eax, F_ALL & ~F_OF
  mov eax, 0x38
  add al, 0x49
  daa
  RESULT "daa 38+49", eax, F_ALL & ~F_OF
  mov eax, 0x42
  sub al, 0x17
  das
  RESULT "das 42-17", eax, F_ALL & ~F_OF
  mov eax, 0x17
  sub al, 0x42
  das
  RESULT "das 17-42", eax, F_ALL & ~F_OF

  ; --- unpacked (ASCII) BCD
  mov eax, '9'
  add al, '5'
  aaa
  RESULT "aaa '9'+'5'", eax, F_AF | F_CF
  mov eax, '3'
  add al, '4'
  aaa
  RESULT "aaa '3'+'4'", eax, F_AF | F_CF
  mov eax, '3'
  sub al, '5'
  aas
  RESULT "aas '3'-'5'", eax, F_AF | F_CF
  mov eax, 0x0905
  sub al, 3
  aas
  RESULT "aas 0905-3", eax, F_AF | F_CF
  mov eax, 79
  aam
  RESULT "aam 79", eax, F_SZP
  mov eax, 0x4F
  aam 16
  RESULT "aam16 4f", eax, F_SZP
  mov eax, 0x0709
  aad
  RESULT "aad 0709", eax, F_SZP
  mov eax, 0x0203
  aad 7
  RESULT "aad7 0203", eax, F_SZP
  mov eax, 0x1000
  aad
  RESULT "aad 1000", eax, F_SZP
  ret

section .data
d10000: dd 0x10000
