; Bit operations: SHLD/SHRD, BSF/BSR, BT/BTS/BTR/BTC (incl. the signed bit
; offset of the memory forms), BSWAP, SETcc and CMOVcc for all 16
; conditions, LAHF/SAHF.
%include "lib.inc"

; EACHCC m: invoke macro m with (cc, i) for the 16 condition codes
%macro EACHCC 1
  %1 o, 0
  %1 no, 1
  %1 b, 2
  %1 nb, 3
  %1 z, 4
  %1 nz, 5
  %1 be, 6
  %1 a, 7
  %1 s, 8
  %1 ns, 9
  %1 p, 10
  %1 np, 11
  %1 l, 12
  %1 ge, 13
  %1 le, 14
  %1 g, 15
%endmacro

%macro SET1 2
  set%1 [cc_bytes + %2]
%endmacro
%macro CMOV1 2                  ; EBX = 1; cc_bytes[i] = 1 if moved
  mov edx, 0
  cmov%1 edx, ebx
  mov [cc_bytes + %2], dl
%endmacro

F_BT   equ F_CF | F_ZF          ; BT*: CF = the bit, ZF kept, rest undefined
F_DBL  equ F_CF | F_SZP         ; SHLD/SHRD by more than 1
F_BSF  equ F_ZF                 ; BSF/BSR: only ZF is defined

main:
  ; --- SHLD / SHRD
  mov eax, 0x12345678
  mov ebx, 0x9ABCDEF0
  shld eax, ebx, 4
  RESULT "shld 12345678,9abcdef0,4", eax, F_DBL
  mov eax, 0x40000000
  mov ebx, 0x80000000
  mov cl, 1
  shld eax, ebx, cl
  RESULT "shld 40000000,80000000,cl=1", eax, F_DBL | F_OF
  mov eax, 0x12345678
  mov ebx, 0x9ABCDEF0
  mov cl, 8
  shrd eax, ebx, cl
  RESULT "shrd 12345678,9abcdef0,cl=8", eax, F_DBL
  mov eax, 0xAAAA1234
  mov ebx, 0xF000
  shld ax, bx, 3
  RESULT "shld16 1234,f000,3", eax, F_DBL
  mov ebx, 0xCAFEBABE
  shrd [dword_var], ebx, 16
  RESULT "shrd mem 01234567,cafebabe,16", [dword_var], F_DBL
  mov eax, 0x12345678
  SETFLAGS F_OF | F_ZF | F_CF
  shld eax, ebx, 0              ; count 0: nothing changes
  RESULT "shld count 0", eax, F_ALL
  mov cl, 32                    ; masked to 0
  SETFLAGS F_SF | F_AF
  shrd eax, ebx, cl
  RESULT "shrd count 32", eax, F_ALL

  ; --- BSF / BSR: index of lowest / highest set bit; source 0 sets ZF
  ; and leaves the destination undefined, so it is not printed
  mov ebx, 0x00018000
  bsf eax, ebx
  RESULT "bsf 00018000", eax, F_BSF
  bsr eax, ebx
  RESULT "bsr 00018000", eax, F_BSF
  mov ebx, 0x80000000
  bsf eax, ebx
  RESULT "bsf 80000000", eax, F_BSF
  bsr eax, [one]
  RESULT "bsr mem 1", eax, F_BSF
  mov eax, 0x55550000
  mov bx, 0x0100
  bsf ax, bx
  RESULT "bsf16 0100", eax, F_BSF
  xor ebx, ebx
  bsf eax, ebx
  FLAGS "bsf 0", F_BSF
  bsr eax, ebx
  FLAGS "bsr 0", F_BSF

  ; --- BT family
  mov eax, 0x00000010
  SETFLAGS F_ZF
  bt eax, 4
  RESULT "bt 10,4", eax, F_BT
  mov ecx, 36                   ; register form: offset taken mod 32
  bts eax, ecx
  RESULT "bts 10,36", eax, F_BT
  btr eax, 4
  RESULT "btr 10,4", eax, F_BT
  btc eax, 31
  RESULT "btc 10,31", eax, F_BT
  mov ecx, 35                   ; memory form: bit 3 of the next dword
  bts [bitmap], ecx
  RESULT "bts [bitmap],35 +4", [bitmap + 4], F_BT
  mov ecx, -1                   ; bit 7 of the byte before bitmap
  btc [bitmap], ecx
  RESULT "btc [bitmap],-1 -4", [bitmap - 4], F_BT
  bt dword [bitmap], 35           ; immediate form: taken mod 32, bit 3 of bitmap
  RESULT "bt [bitmap],imm 35", [bitmap], F_BT
  mov cx, 17                    ; 16-bit: bit 1 of the next word
  btr word [bitmap], cx
  RESULT "btr16 [bitmap],17", [bitmap], F_BT

  ; --- BSWAP
  mov eax, 0x12345678
  bswap eax
  SHOW "bswap eax", eax
  mov edi, 0xAABBCCDD
  bswap edi
  SHOW "bswap edi", edi

  ; --- SETcc / CMOVcc: bit i set = condition i true
  mov esi, patterns
.pattern:
  mov eax, [esi]
  cmp eax, -1
  je .patterns_done
  push eax
  popfd
  EACHCC SET1
  call cc_mask
  PUTS "setcc flags="
  PUTHEX eax
  PUTS " true="
  PUTHEX edx
  push eax
  popfd
  mov ebx, 1
  EACHCC CMOV1
  call cc_mask
  PUTS " cmov moved="
  PUTHEX edx
  PUTS 10
  add esi, 4
  jmp .pattern
.patterns_done:
  mov eax, 0x12345678
  SETFLAGS F_ZF
  setz al
  setnz ah
  SHOW "setz al, setnz ah", eax
  mov eax, 0x11112222
  cmovnz eax, [dword_var]       ; not taken: EAX keeps its value
  cmovz ax, [w_beef]
  SHOW "cmovnz mem (no), cmovz ax mem", eax

  ; --- LAHF / SAHF: SF ZF AF PF CF <-> AH bits 7 6 4 2 0; OF untouched
  SETFLAGS F_OF
  mov ah, 0xFF
  sahf
  FLAGS "sahf ff", F_ALL
  lahf
  movzx eax, ah
  SHOW "lahf", eax
  mov ah, 0
  sahf
  FLAGS "sahf 00", F_ALL
  lahf
  movzx eax, ah
  SHOW "lahf", eax
  mov ah, 0x2A                  ; bits 1, 3, 5 are not flags
  sahf
  lahf
  movzx eax, ah
  SHOW "sahf 2a lahf", eax
  ret

; cc_mask: EDX = bit i set iff cc_bytes[i] != 0
cc_mask:
  push ecx
  xor edx, edx
  mov ecx, 15
.bit:
  cmp byte [cc_bytes + ecx], 0
  je .zero
  bts edx, ecx
.zero:
  dec ecx
  jns .bit
  pop ecx
  ret

section .data
patterns:
  dd F_ZF | F_CF, F_SF, F_OF | F_PF, F_SF | F_OF | F_ZF, -1
one:       dd 1
dword_var: dd 0x01234567
w_beef:    dw 0xBEEF
           dd 0
bitmap:    dd 0, 0
cc_bytes:  times 16 db 0
