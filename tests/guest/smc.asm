; Self-modifying code.  x86 has no instruction-cache flush instruction:
; a store to code must be seen by the next fetch of those bytes, even when
; the code was translated long ago or is the very next instruction in the
; block doing the store.  The warm-up loops make the code hot, so a
; translator has compiled it before it is changed.
%include "lib.inc"

main:
  ; --- patch the imm32 of a hot function
  mov ecx, 1000
.warm1:
  call get_value
  loop .warm1
  SHOW "get_value before", eax
  mov dword [get_value + 1], 0x22222222   ; B8 id: imm32 starts at +1
  call get_value
  SHOW "get_value after", eax

  ; --- patch the opcode: INC EAX (40) becomes DEC EAX (48)
  mov ecx, 1000
  xor eax, eax
.warm2:
  call step
  loop .warm2
  SHOW "step x1000", eax
  mov byte [step], 0x48
  call step
  SHOW "step after patch", eax

  ; --- patch a jump displacement: go to the other arm
  call pick
  SHOW "pick before", eax
  mov byte [pick.jump + 1], pick.other - (pick.jump + 2)
  call pick
  SHOW "pick after", eax

  ; --- the next instruction, and one three instructions ahead, in the
  ; same straight-line block as the stores
  mov byte [.next + 1], 0x42
.next:
  mov al, 0x00                  ; B0 ib: executes as mov al, 0x42
  movzx ebx, al
  mov byte [.later + 1], 0x43
  nop
  nop
.later:
  mov cl, 0x00                  ; executes as mov cl, 0x43
  movzx ecx, cl
  SHOW2 "next insn, later insn", ebx, ecx

  ; --- a loop that rewrites its own immediate every iteration
  mov ecx, 5
  xor ebx, ebx
.loop:
.add:
  add ebx, strict dword 1       ; 81 C3 id
  inc dword [.add + 2]
  loop .loop
  SHOW "1+2+3+4+5", ebx

  ; --- code copied into a data buffer with REP MOVSB, run, replaced, run
  mov esi, tmpl_a
  mov edi, code_buf
  mov ecx, tmpl_end - tmpl_a
  rep movsb
  mov ecx, 100
.warm3:
  call code_buf
  loop .warm3
  SHOW "buffer code a", eax
  mov esi, tmpl_b
  mov edi, code_buf
  mov ecx, tmpl_end - tmpl_b
  rep movsb
  call code_buf
  SHOW "buffer code b", eax
  ret

get_value:
  mov eax, 0x11111111
  ret

step:
  inc eax
  ret

pick:
.jump:
  jmp short .first
.first:
  mov eax, 1
  ret
.other:
  mov eax, 2
  ret

tmpl_a:                         ; both templates are the same length
  mov eax, 0xAAAA0001
  ret
tmpl_b:
  mov eax, 0xBBBB0002
  ret
tmpl_end:

section .data
code_buf: times 16 db 0xCC      ; INT3 if it ever runs uninitialised
