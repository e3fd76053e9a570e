; CMPXCHG (8/16/32, register and memory), CMPXCHG8B, XADD, and LOCK on
; the memory forms that allow it (single CPU: LOCK only has to not fault).
; CMPXCHG sets all flags like CMP accumulator,dest; CMPXCHG8B only ZF.
%include "lib.inc"

main:
  ; --- CMPXCHG 32: equal -> dest = src; not equal -> EAX = dest
  mov eax, 5
  mov ecx, 9
  cmpxchg [var], ecx            ; var = 5
  RESULT "cmpxchg32 equal eax", eax, F_ALL
  SHOW "cmpxchg32 equal var", [var]
  mov eax, 4
  mov ecx, 7
  cmpxchg [var], ecx            ; var = 9 now
  RESULT "cmpxchg32 differ eax", eax, F_ALL
  SHOW "cmpxchg32 differ var", [var]

  mov eax, 0xAAAAAA80
  mov ebx, 0x00000080
  mov ecx, 0x0000007F
  cmpxchg bl, cl                ; register destination
  RESULT "cmpxchg8 reg equal bl", ebx, F_ALL
  mov eax, 0xBBBB1234
  mov word [var], 0x8000
  mov dx, 0x5555
  lock cmpxchg [var], dx        ; 0x1234 vs 0x8000: differ, signed overflow
  RESULT "lock cmpxchg16 differ eax", eax, F_ALL
  SHOW "lock cmpxchg16 var", [var]

  ; --- CMPXCHG8B: compares EDX:EAX with m64, stores ECX:EBX if equal
  mov edx, 0x11111111
  mov eax, 0x22222222
  mov ecx, 0x33333333
  mov ebx, 0x44444444
  SETFLAGS F_CF | F_SF | F_OF   ; must survive: only ZF is written
  cmpxchg8b [qvar]
  FLAGS "cmpxchg8b equal", F_ALL
  SHOW2 "cmpxchg8b equal m64", [qvar + 4], [qvar]
  mov edx, 0
  mov eax, 0
  SETFLAGS F_ZF | F_PF
  lock cmpxchg8b [qvar]
  FLAGS "lock cmpxchg8b differ", F_ALL
  SHOW2 "lock cmpxchg8b differ edx:eax", edx, eax

  ; --- XADD: dest = dest + src, src = old dest, flags as ADD
  mov dword [var], 10
  mov eax, 3
  xadd [var], eax
  RESULT "xadd32 mem src", eax, F_ALL
  SHOW "xadd32 mem dest", [var]
  mov eax, 0x000000FF
  mov ebx, 0x00000001
  xadd al, bl
  RESULT "xadd8 ff+1 dest", eax, F_ALL
  SHOW "xadd8 src", ebx
  mov eax, 0x7FFF
  mov word [var], 1
  lock xadd [var], ax
  RESULT "lock xadd16 7fff+1 dest", [var], F_ALL
  SHOW "lock xadd16 src", eax

  ; --- other lockable read-modify-write forms work normally
  mov dword [var], 0
  lock inc dword [var]
  lock add dword [var], 0x10
  lock or dword [var], 0x100
  lock bts dword [var], 31
  mov eax, 5
  lock xchg [var], eax          ; XCHG with memory is locked anyway
  SHOW2 "locked ops var:old", [var], eax
  ret

section .data
align 8
var:  dd 5
qvar: dd 0x22222222, 0x11111111
