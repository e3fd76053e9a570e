; Integer ALU spot checks: ADD/ADC/SUB/SBB/CMP/NEG/INC/DEC, logic ops,
; shifts and rotates (incl. RCL/RCR and count masking), MOVZX/MOVSX,
; CBW/CWDE/CWD/CDQ, XCHG and LEA address forms.  Each line prints EAX (or
; the register named) and the flags the SDM defines for that instruction;
; undefined ones print as '-'.
%include "lib.inc"

F_LOGIC equ F_ALL & ~F_AF       ; AND/OR/XOR/TEST leave AF undefined
F_SHIFT equ F_ALL & ~F_AF & ~F_OF   ; shift count > 1: OF undefined too
F_ROT1  equ F_ALL               ; rotate by 1: CF, OF set; S Z A P kept
F_ROTN  equ F_ALL & ~F_OF       ; rotate by more than 1: OF undefined

main:
  ; --- add / adc
  mov eax, 0x7FFFFFFF
  add eax, 1
  RESULT "add 7fffffff+1", eax, F_ALL
  mov eax, 0xFFFFFFFF
  add eax, 1
  RESULT "add ffffffff+1", eax, F_ALL
  mov eax, 0x12345680
  add al, 0x80
  RESULT "add8 80+80", eax, F_ALL
  mov eax, 0x0000FFF8
  mov ebx, 0x00000009
  add ax, bx
  RESULT "add16 fff8+9", eax, F_ALL
  xor eax, eax
  SETFLAGS F_CF
  adc eax, 0xFFFFFFFF
  RESULT "adc 0+ffffffff+1", eax, F_ALL
  mov eax, 0x4F
  SETFLAGS F_CF
  adc al, 0x30
  RESULT "adc8 4f+30+1", eax, F_ALL

  ; --- sub / sbb / cmp / neg
  xor eax, eax
  sub eax, 1
  RESULT "sub 0-1", eax, F_ALL
  mov eax, 0x80
  sub al, 1
  RESULT "sub8 80-1", eax, F_ALL
  mov eax, 5
  SETFLAGS F_CF
  sbb eax, 3
  RESULT "sbb 5-3-1", eax, F_ALL
  SETFLAGS F_CF
  sbb eax, eax
  RESULT "sbb eax,eax cf=1", eax, F_ALL
  mov eax, 0x00018000
  SETFLAGS F_CF
  sbb ax, 0x7FFF
  RESULT "sbb16 8000-7fff-1", eax, F_ALL
  mov eax, -5
  cmp eax, 3
  RESULT "cmp -5,3", eax, F_ALL
  xor eax, eax
  neg eax
  RESULT "neg 0", eax, F_ALL
  mov eax, 0x80000000
  neg eax
  RESULT "neg 80000000", eax, F_ALL
  mov eax, 1
  neg eax
  RESULT "neg 1", eax, F_ALL

  ; --- inc / dec leave CF alone
  mov eax, 0x7FFFFFFF
  SETFLAGS F_CF
  inc eax
  RESULT "inc 7fffffff cf=1", eax, F_ALL
  xor eax, eax
  SETFLAGS 0
  dec eax
  RESULT "dec 0 cf=0", eax, F_ALL
  mov eax, 0x1234FFFF
  inc ax
  RESULT "inc16 ffff", eax, F_ALL

  ; --- logic: CF = OF = 0, AF undefined; NOT touches no flags
  mov eax, 0xF0F0F0F0
  SETFLAGS F_CF | F_OF
  and eax, 0x0FF00FF0
  RESULT "and", eax, F_LOGIC
  mov eax, 0x00000001
  or eax, 0x80000000
  RESULT "or", eax, F_LOGIC
  mov eax, 0x12345678
  xor eax, eax
  RESULT "xor self", eax, F_LOGIC
  mov eax, 0x000000FF
  test al, 0x80
  RESULT "test8", eax, F_LOGIC
  mov eax, 0x0F0F0F0F
  SETFLAGS F_ALL
  not eax
  RESULT "not", eax, F_ALL

  ; --- shifts: CF = last bit out; OF only defined for count 1
  mov eax, 0x80000001
  shl eax, 1
  RESULT "shl 80000001,1", eax, F_ALL & ~F_AF
  mov eax, 0x80000001
  shr eax, 1
  RESULT "shr 80000001,1", eax, F_ALL & ~F_AF
  mov eax, 0x80000001
  sar eax, 1
  RESULT "sar 80000001,1", eax, F_ALL & ~F_AF
  mov eax, 0x12345678
  mov cl, 4
  shl eax, cl
  RESULT "shl 12345678,cl=4", eax, F_SHIFT
  mov eax, 0x12345678
  mov cl, 33                    ; masked to 1
  shl eax, cl
  RESULT "shl 12345678,cl=33", eax, F_ALL & ~F_AF
  mov eax, 0xAAAA8421
  shr ax, 4
  RESULT "shr16 8421,4", eax, F_SHIFT
  mov eax, 0x80
  sar al, 7
  RESULT "sar8 80,7", eax, F_SHIFT
  mov eax, 0x12345678
  mov cl, 0
  SETFLAGS F_CF | F_ZF | F_OF
  shl eax, cl                   ; count 0: no flags change
  RESULT "shl count 0", eax, F_ALL
  mov eax, 0x12345678
  mov cl, 32                    ; masked to 0
  SETFLAGS F_SF | F_PF
  sar eax, cl
  RESULT "sar count 32", eax, F_ALL

  ; --- rotates: CF and (count 1) OF; SF ZF AF PF are preserved
  mov eax, 0x80000001
  SETFLAGS F_ZF | F_AF
  rol eax, 1
  RESULT "rol 80000001,1", eax, F_ROT1
  mov eax, 0x80000001
  SETFLAGS F_SF | F_PF
  ror eax, 1
  RESULT "ror 80000001,1", eax, F_ROT1
  mov eax, 0x80000000
  SETFLAGS 0
  rcl eax, 1
  RESULT "rcl 80000000,1 cf=0", eax, F_ROT1
  mov eax, 0x00000001
  SETFLAGS F_CF
  rcr eax, 1
  RESULT "rcr 1,1 cf=1", eax, F_ROT1
  mov eax, 0x12
  SETFLAGS F_ZF
  rol al, 4
  RESULT "rol8 12,4", eax, F_ROTN
  mov eax, 0x000000F0
  mov cl, 9                     ; 8-bit RCL rotates by count mod 9
  SETFLAGS F_CF
  rcl al, cl
  RESULT "rcl8 f0,9 cf=1", eax, F_ROTN
  mov eax, 0x00008001
  SETFLAGS F_CF
  rcr ax, 5
  RESULT "rcr16 8001,5 cf=1", eax, F_ROTN
  mov eax, 0x12345678
  mov cl, 36                    ; masked to 4
  ror eax, cl
  RESULT "ror 12345678,cl=36", eax, F_ROTN

  ; --- widening moves and conversions
  movzx eax, byte [b80]
  SHOW "movzx byte 80", eax
  movsx eax, byte [b80]
  SHOW "movsx byte 80", eax
  movsx eax, word [w8000]
  SHOW "movsx word 8000", eax
  mov eax, 0x12345678
  mov bl, 0x90
  movsx ax, bl
  SHOW "movsx16 90", eax
  movzx ax, bl
  SHOW "movzx16 90", eax
  mov eax, 0x12345680
  cbw
  SHOW "cbw 80", eax
  mov eax, 0x12348000
  cwde
  SHOW "cwde 8000", eax
  mov edx, 0x12345678
  mov eax, 0x00008000
  cwd
  SHOW2 "cwd 8000 dx:ax", edx, eax
  mov eax, 0x80000000
  cdq
  SHOW2 "cdq 80000000", edx, eax
  mov eax, 0x7FFFFFFF
  cdq
  SHOW2 "cdq 7fffffff", edx, eax

  ; --- xchg
  mov eax, 1
  mov ebx, 2
  xchg eax, ebx
  SHOW2 "xchg eax,ebx", eax, ebx
  mov ecx, 3
  xchg [dword_var], ecx
  SHOW2 "xchg mem,ecx", [dword_var], ecx
  mov eax, 0x1234
  xchg al, ah
  SHOW "xchg al,ah", eax

  ; --- lea: address arithmetic without flags or memory access
  mov ebx, 0x1000
  mov ecx, 0x20
  SETFLAGS F_ZF
  lea eax, [ebx + ecx * 8 + 0x10]
  RESULT "lea base+index*8+disp8", eax, F_ALL
  lea eax, [ecx * 4 + 0x12345678]
  SHOW "lea index*4+disp32", eax
  lea eax, [ebx - 1]
  SHOW "lea base-1", eax
  mov ebp, 0x3000
  lea eax, [ebp + 0]            ; EBP base needs a disp8 in the encoding
  SHOW "lea ebp+0", eax
  lea eax, [esp + 8]
  sub eax, esp
  SHOW "lea esp+8 - esp", eax
  mov eax, 0xFFFFFFFF
  mov ebx, 0x0001FFFF
  mov esi, 2
  a16 lea eax, [bx + si]        ; 16-bit address: wraps at 64K, zero-extends
  SHOW "a16 lea bx+si", eax
  mov eax, 0xAAAAAAAA
  lea ax, [ebx + esi]           ; 16-bit destination: truncated
  SHOW "lea16 ebx+esi", eax
  ret

section .data
b80:       db 0x80
w8000:     dw 0x8000
dword_var: dd 0x77777777
