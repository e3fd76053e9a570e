; The stack: PUSH/POP of registers, immediates (imm8 sign-extended, imm32),
; memory and segment registers; PUSH ESP / POP ESP / POP [ESP]; PUSHA/POPA;
; PUSHF/POPF; ENTER/LEAVE at nesting levels 0, 1 and 3; and 16-bit pushes
; and pops with the 0x66 prefix.  Addresses are printed relative to ESP so
; the output does not depend on where the linker put the stack.
%include "lib.inc"

; MARK / DELTA "label": print how far ESP has moved down since MARK
%macro MARK 0
  mov [esp0], esp
%endmacro
%macro DELTA 1
  push eax
  mov eax, [esp0]
  sub eax, esp
  sub eax, 4                    ; the push eax just above
  SHOW %1, eax
  pop eax
%endmacro

main:
  ; --- registers and immediates
  mov eax, 0x11111111
  mov ebx, 0x22222222
  push eax
  push ebx
  pop eax                       ; swapped
  pop ebx
  SHOW2 "push/pop swap", eax, ebx

  MARK
  push byte -2                  ; 6A FE: sign-extended to 32 bits
  push byte 0x7F
  push strict dword 0x80000000  ; 68 imm32
  DELTA "esp down after 3 pushes"
  pop eax
  pop ebx
  pop ecx
  PUTS "push imm: "
  PUTHEX eax
  PUTS " "
  PUTHEX ebx
  PUTS " "
  PUTHEX ecx
  PUTS 10

  ; --- memory operands
  push dword [src_val]          ; FF /6
  pop dword [dst_val]           ; 8F /0
  SHOW "push mem / pop mem", [dst_val]

  ; PUSH ESP pushes the value before the decrement
  push esp
  pop eax
  sub eax, esp
  SHOW "push esp - esp", eax

  ; POP ESP: ESP ends up with the popped value, not popped value + 4
  mov ebx, esp
  lea eax, [esp - 64]
  push eax
  pop esp
  sub ebx, esp
  add esp, 64
  SHOW "pop esp moved esp by", ebx

  ; POP [ESP]: the address is computed after ESP is incremented
  push dword 0xAAAAAAAA
  push dword 0xBBBBBBBB
  pop dword [esp]
  pop eax
  SHOW "pop [esp] wrote the next slot", eax

  ; PUSH [ESP+4]: the address is computed before ESP is decremented
  push dword 0xCCCCCCCC
  push dword 0xDDDDDDDD
  push dword [esp + 4]
  pop eax
  add esp, 8
  SHOW "push [esp+4]", eax

  ; --- segment registers: 4 bytes (2 with 0x66); only the low 16 bits of
  ; a 32-bit slot are defined (newer CPUs leave the upper half alone)
  MARK
  push ds
  DELTA "push ds size"
  movzx eax, word [esp]
  SHOW "push ds value", eax
  pop es
  MARK
  push fs
  DELTA "push fs size"
  pop gs
  MARK
  o16 push ss
  DELTA "o16 push ss size"
  movzx eax, word [esp]
  SHOW "o16 push ss value", eax
  o16 pop ds
  mov eax, 0
  mov ax, ds
  SHOW "ds after o16 pop", eax

  ; --- PUSHAD / POPAD
  mov eax, 0xA0A0A0A0
  mov ecx, 0xC0C0C0C0
  mov edx, 0xD0D0D0D0
  mov ebx, 0xB0B0B0B0
  mov ebp, 0xB9B9B9B9
  mov esi, 0x51515151
  mov edi, 0xD1D1D1D1
  MARK
  pushad
  DELTA "pushad size"
  mov eax, [esp + 12]           ; the ESP slot: ESP before PUSHAD
  sub eax, [esp0]
  SHOW "pushad esp slot - esp", eax
  PUTS "pushad edi esi ebp . ebx edx ecx eax:"
  mov ecx, 0
.slot:
  cmp ecx, 3                    ; skip the ESP slot, already shown
  je .next
  PUTS " "
  mov eax, [esp + ecx * 4]
  PUTHEX eax
.next:
  inc ecx
  cmp ecx, 8
  jne .slot
  PUTS 10
  mov dword [esp + 12], 0       ; POPAD must ignore the ESP slot
  mov dword [esp + 28], 0x12345678
  xor eax, eax
  xor ebx, ebx
  xor ecx, ecx
  popad
  SHOW2 "popad eax:ecx", eax, ecx
  mov eax, [esp0]
  sub eax, esp
  SHOW "popad esp restored (0)", eax

  ; PUSHA/POPA with 0x66: eight 16-bit slots
  mov eax, 0x5555AAAA
  MARK
  o16 pusha
  DELTA "o16 pusha size"
  movzx eax, word [esp + 14]    ; AX is pushed first, so it is highest
  SHOW "o16 pusha ax slot", eax
  mov word [esp + 14], 0x1234
  mov eax, 0xFFFFFFFF
  o16 popa
  SHOW "o16 popa eax", eax      ; only AX is replaced

  ; --- PUSHFD / POPFD
  SETFLAGS F_ALL | F_DF
  pushfd
  pop eax
  cld
  SHOW "pushfd after popfd all arith + DF", eax
  push dword 0x0000802A         ; reserved bits 3, 5, 15 cannot be set
  popfd
  pushfd
  pop eax
  SHOW "pushfd after popfd reserved bits", eax
  SETFLAGS F_CF | F_ZF
  MARK
  o16 pushf
  DELTA "o16 pushf size"
  movzx eax, word [esp]
  SHOW "o16 pushf value", eax
  mov word [esp], 0x0882        ; SF, OF
  o16 popf
  FLAGS "o16 popf", F_ALL

  ; --- ENTER / LEAVE.  EBP points at a fake outer frame whose display
  ; (the words just below it) ENTER copies for nesting levels > 1.
  mov ebp, fake_frame
  MARK
  enter 8, 0
  call show_frame
  leave
  call show_after_leave

  mov ebp, fake_frame
  enter 8, 1
  call show_frame
  mov eax, [ebp - 4]
  sub eax, ebp
  SHOW "enter 8,1 [ebp-4] - ebp", eax
  leave
  call show_after_leave

  mov ebp, fake_frame
  enter 8, 3
  call show_frame
  SHOW "enter 8,3 [ebp-4]", [ebp - 4]
  SHOW "enter 8,3 [ebp-8]", [ebp - 8]
  mov eax, [ebp - 12]
  sub eax, ebp
  SHOW "enter 8,3 [ebp-12] - ebp", eax
  leave
  call show_after_leave

  ; --- 16-bit pushes and pops of data (0x66)
  MARK
  push word 0x1234              ; 66 68 iw
  push word -3                  ; 66 6A ib, sign-extended to 16 bits
  mov eax, 0xAAAA5678
  push ax                       ; 66 50
  DELTA "3 word pushes size"
  mov ebx, 0xFFFFFFFF
  pop bx                        ; upper half of EBX untouched
  SHOW "pop bx", ebx
  pop word [dst_val]            ; 66 8F /0
  SHOW "pop word [mem]", [dst_val]
  movzx eax, word [esp]
  add esp, 2
  SHOW "push word", eax
  ret

; show_frame: called right after ENTER 8, n.  Prints where EBP and ESP
; ended up relative to ESP before ENTER, and the saved EBP.
show_frame:
  mov eax, [esp0]
  sub eax, ebp
  SHOW "enter: esp before - ebp", eax
  lea eax, [esp + 4]            ; ESP in the caller
  mov ebx, ebp
  sub ebx, eax
  SHOW "enter: ebp - esp", ebx
  mov eax, [ebp]
  sub eax, fake_frame
  SHOW "enter: saved ebp - outer ebp", eax
  ret

show_after_leave:
  lea eax, [esp + 4]
  sub eax, [esp0]
  mov ebx, ebp
  sub ebx, fake_frame
  SHOW2 "leave: esp, ebp moved by", eax, ebx
  ret

section .data
esp0:     dd 0
src_val:  dd 0xFEEDF00D
dst_val:  dd 0x55555555
          dd 0x22222222, 0x11111111         ; the outer frame's display
fake_frame:
          dd 0x99999999
