; Control flow: the 16 Jcc conditions (rel8 and rel32 forms) against a set
; of flag patterns, LOOP/LOOPE/LOOPNE/JECXZ (and their 16-bit address-size
; forms), CALL/RET/RET imm16, indirect CALL/JMP through registers and
; memory, a jump table, recursion and a far JMP through memory.
%include "lib.inc"

; JBIT cc, bit, reg, short|near: if Jcc is taken, add (1 << bit) to reg.
; LEA adds without touching the flags the next Jcc looks at.
%macro JBIT 4
  j%1 %4 %%taken
  jmp %%next
%%taken:
  lea %3, [%3 + (1 << %2)]
%%next:
%endmacro

; JCC16 reg, dist: bit i of reg = Jcc with condition code i was taken
%macro JCC16 2
  JBIT o,  0, %1, %2
  JBIT no, 1, %1, %2
  JBIT b,  2, %1, %2
  JBIT nb, 3, %1, %2
  JBIT z,  4, %1, %2
  JBIT nz, 5, %1, %2
  JBIT be, 6, %1, %2
  JBIT a,  7, %1, %2
  JBIT s,  8, %1, %2
  JBIT ns, 9, %1, %2
  JBIT p, 10, %1, %2
  JBIT np,11, %1, %2
  JBIT l, 12, %1, %2
  JBIT ge,13, %1, %2
  JBIT le,14, %1, %2
  JBIT g, 15, %1, %2
%endmacro

main:
  ; --- Jcc: each pattern prints which of the 16 conditions were taken
  mov esi, patterns
.pattern:
  mov eax, [esi]
  cmp eax, -1
  je .patterns_done
  xor ebx, ebx
  xor ecx, ecx
  push eax
  popfd
  JCC16 ebx, short
  JCC16 ecx, near
  PUTS "jcc flags="
  PUTHEX eax
  PUTS " short="
  PUTHEX ebx
  PUTS " near="
  PUTHEX ecx
  PUTS 10
  add esi, 4
  jmp .pattern
.patterns_done:

  ; backward Jcc, both forms: count down from 3
  mov ecx, 3
  xor eax, eax
.back8:
  inc eax
  dec ecx
  jnz short .back8
  mov ecx, 3
.back32:
  inc eax
  dec ecx
  jnz near .back32
  SHOW "backward jcc iterations", eax

  ; --- LOOP family
  mov ecx, 5
  xor eax, eax
.l1:
  inc eax
  loop .l1
  SHOW2 "loop count:ecx", eax, ecx

  mov esi, sevens               ; 7,7,7,9,7: LOOPE stops at the 9
  mov ecx, 5
.l2:
  mov al, [esi]
  inc esi
  cmp al, 7
  loope .l2
  sub esi, sevens
  SHOW2 "loope ecx:consumed", ecx, esi

  mov esi, sevens               ; LOOPNE stops at the first 7 at once
  mov ecx, 5
.l3:
  mov al, [esi]
  inc esi
  cmp al, 7
  loopne .l3
  sub esi, sevens
  SHOW2 "loopne ecx:consumed", ecx, esi

  mov esi, sevens               ; no 8 at all: LOOPNE runs out, ECX = 0
  mov ecx, 5
.l4:
  mov al, [esi]
  inc esi
  cmp al, 8
  loopne .l4
  FLAGS "loopne exhausted", F_ZF
  sub esi, sevens
  SHOW2 "loopne ecx:consumed", ecx, esi

  ; LOOP with a 16-bit address size counts in CX and leaves ECX[31:16]
  mov ecx, 0x00010003
  xor eax, eax
.l5:
  inc eax
  a16 loop .l5
  SHOW2 "a16 loop count:ecx", eax, ecx

  ; JECXZ tests all of ECX; JCXZ (0x67) only CX
  xor ecx, ecx
  mov eax, 0
  jecxz .z1
  mov eax, 1
.z1:
  mov ecx, 0x10000
  mov ebx, 0
  jecxz .z2
  mov ebx, 1
.z2:
  mov edx, 0
  jcxz .z3
  mov edx, 1
.z3:
  SHOW "jecxz ecx=0 fell through", eax
  SHOW "jecxz ecx=0x10000 fell through", ebx
  SHOW "jcxz ecx=0x10000 fell through", edx

  ; --- CALL / RET
  call ret_1234
  SHOW "call rel32", eax

  call return_address           ; returns the address it was called from
.after_call:
  sub eax, .after_call
  SHOW "pushed return address - label", eax

  mov ebp, esp
  push dword 0x1000
  push dword 0x0234
  call add_args                 ; RET 8 pops both arguments
  sub ebp, esp
  SHOW2 "ret imm16 sum:esp change", eax, ebp

  mov eax, 0
  mov edx, ret_1234
  call edx
  SHOW "call reg", eax

  mov eax, 0
  call [fn_ptr]
  SHOW "call mem", eax

  mov eax, 0
  mov ecx, 1
  call [fn_table + ecx * 4]     ; SIB with index*4
  SHOW "call mem sib", eax

  mov eax, 0
  mov edx, .jreg_done
  jmp edx
  mov eax, 0xbad
.jreg_done:
  SHOW "jmp reg (0 = skipped)", eax

  jmp [jmp_target]
  mov eax, 0xbad
.jmem_done:
  SHOW "jmp mem (0 = skipped)", eax

  jmp far [far_target]          ; FF /5: far JMP through a 6-byte pointer
  mov eax, 0xbad
.jfar_done:
  mov eax, 0
  mov ax, cs
  SHOW "jmp far mem cs", eax

  ; --- a jump table: case i appends letter 'a'+3-i, so 0..3 spells "dcba"
  mov edi, letters
  xor ecx, ecx
.switch:
  jmp [cases + ecx * 4]
.case0:
  mov byte [edi], 'd'
  jmp .endcase
.case1:
  mov byte [edi], 'c'
  jmp .endcase
.case2:
  mov byte [edi], 'b'
  jmp .endcase
.case3:
  mov byte [edi], 'a'
.endcase:
  inc edi
  inc ecx
  cmp ecx, 4
  jb .switch
  mov byte [edi], 10
  PUTS "jump table: "
  mov esi, letters
  call puts

  ; --- recursion: fib(20) = 6765 = 0x1a6d, some 22000 calls deep-ish
  mov eax, 20
  call fib
  SHOW "fib(20)", eax
  ret

ret_1234:
  mov eax, 0x1234
  ret

ret_5678:
  mov eax, 0x5678
  ret

return_address:
  mov eax, [esp]
  ret

add_args:                       ; stdcall: (a, b) -> a + b, callee pops
  mov eax, [esp + 4]
  add eax, [esp + 8]
  ret 8

fib:                            ; EAX = n -> EAX = fib(n); naive on purpose
  cmp eax, 2
  jb .done
  push eax
  dec eax
  call fib
  xchg eax, [esp]               ; save fib(n-1), get n back
  sub eax, 2
  call fib
  add eax, [esp]
  add esp, 4
.done:
  ret

section .data
patterns:
  dd 0, F_CF, F_PF, F_ZF, F_SF, F_OF, F_SF | F_OF, F_ZF | F_CF
  dd F_ZF | F_SF, F_ZF | F_OF, F_ALL
  dd -1
sevens:     db 7, 7, 7, 9, 7
fn_ptr:     dd ret_1234
fn_table:   dd ret_1234, ret_5678
jmp_target: dd main.jmem_done
far_target: dd main.jfar_done
            dw 0x08
cases:      dd main.case0, main.case1, main.case2, main.case3
letters:    times 8 db 0
