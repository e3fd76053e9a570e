; String instructions: MOVS/STOS/LODS/CMPS/SCAS in byte, word and dword
; sizes, with REP/REPE/REPNE, forwards and backwards (DF=1), with ECX=0,
; overlapping copies (REP MOVS is defined as one element at a time), a
; segment override on the source, and a long REP STOSD.
%include "lib.inc"

; DUMP "label", addr, n: print n bytes at addr as hex pairs
%macro DUMP 3
  pushad
  PUTS %1, " "
  mov esi, %2
  mov ecx, %3
  call dump
  popad
%endmacro

; PTRS "label", esi_base, edi_base: print ESI, EDI relative to bases, ECX
%macro PTRS 3
  pushad
  sub esi, %2
  sub edi, %3
  PUTS %1, " esi+"
  PUTHEX esi
  PUTS " edi+"
  PUTHEX edi
  PUTS " ecx="
  PUTHEX ecx
  PUTS 10
  popad
%endmacro

main:
  ; --- MOVS forwards
  mov esi, text
  mov edi, buf
  mov ecx, 13
  rep movsb
  PTRS "rep movsb 13", text, buf
  DUMP "buf", buf, 16
  call clear
  mov esi, text
  mov edi, buf
  mov ecx, 3
  rep movsw
  movsd                         ; one more, no REP
  PTRS "rep movsw 3 + movsd", text, buf
  DUMP "buf", buf, 16
  call clear

  ; --- STOS
  mov edi, buf
  mov eax, 0x44332211
  stosb
  stosw
  mov ecx, 2
  rep stosd
  PTRS "stosb stosw rep stosd 2", text, buf
  DUMP "buf", buf, 16
  call clear

  ; --- LODS leaves the rest of EAX alone; FS override on the source
  mov esi, text
  mov eax, 0xFFFFFFFF
  lodsb
  SHOW "lodsb", eax
  lodsw
  SHOW "lodsw", eax
  fs lodsd
  SHOW "fs lodsd", eax
  PTRS "after lods", text, edi   ; EDI unused: prints 0

  ; --- CMPS: REPE stops at the first difference, REPNE at the first match
  mov esi, hello_world
  mov edi, hello_there
  mov ecx, 11
  repe cmpsb                    ; 'w' vs 't' at index 6
  FLAGS "repe cmpsb", F_ALL
  PTRS "repe cmpsb", hello_world, hello_there
  mov esi, hello_world
  mov edi, hello_there
  mov ecx, 11
  repne cmpsb                   ; 'h' = 'h' at once
  FLAGS "repne cmpsb", F_ALL
  PTRS "repne cmpsb", hello_world, hello_there
  mov esi, words1
  mov edi, words2
  cmpsw                         ; 0x8000 - 0x0001: signed overflow
  FLAGS "cmpsw 8000-0001", F_ALL
  cmpsd                         ; 1 - 2: borrow
  FLAGS "cmpsd 1-2", F_ALL

  ; --- SCAS: strlen with REPNE, skip spaces with REPE
  mov edi, hello_world
  xor eax, eax
  mov ecx, -1
  repne scasb
  not ecx
  dec ecx
  SHOW "strlen via repne scasb", ecx
  mov edi, spaces
  mov al, ' '
  mov ecx, 16
  repe scasb
  FLAGS "repe scasb", F_ALL
  PTRS "repe scasb", esi, spaces
  mov edi, words2
  mov ax, 1
  scasw
  FLAGS "scasw equal", F_ALL
  mov edi, words2 + 2
  mov eax, 3
  scasd
  FLAGS "scasd 3-2", F_ALL

  ; --- ECX = 0: nothing moves, pointers and flags stay as they were
  xor ecx, ecx
  SETFLAGS F_CF | F_SF
  mov esi, text
  mov edi, buf
  rep movsb
  repe cmpsb
  repne scasb
  FLAGS "ecx=0 flags kept", F_ALL
  PTRS "ecx=0", text, buf
  DUMP "buf", buf, 4

  ; --- DF = 1: memmove 8 bytes up by 3 (overlapping), copying from the end
  mov esi, text
  mov edi, buf
  mov ecx, 8
  rep movsb
  std
  mov esi, buf + 7
  mov edi, buf + 10
  mov ecx, 8
  rep movsb
  cld
  PTRS "std rep movsb", buf, buf
  DUMP "buf", buf, 16
  std
  mov edi, buf + 12
  mov eax, 0xDDCCBBAA
  mov ecx, 2
  rep stosd
  mov esi, text + 3
  lodsb
  lodsw                         ; reads text+2..3, ESI ends at text
  cld
  PTRS "std stosd lods", text, buf
  SHOW "std lodsb lodsw", eax
  DUMP "buf", buf, 16
  call clear

  ; --- overlapping forward copies replicate the pattern
  mov esi, text
  mov edi, buf
  mov ecx, 4
  rep movsb                     ; buf = "0123"
  mov esi, buf
  mov edi, buf + 1
  mov ecx, 11
  rep movsb                     ; every byte copies the one before it
  DUMP "overlap movsb +1", buf, 12
  call clear
  mov esi, text
  mov edi, buf
  mov ecx, 4
  rep movsb
  mov esi, buf
  mov edi, buf + 2
  mov ecx, 3
  rep movsd                     ; dword steps over a 2-byte overlap
  DUMP "overlap movsd +2", buf, 16
  call clear

  ; --- a long REP STOSD
  mov edi, big
  mov eax, 0x600DF00D
  mov ecx, 4096
  rep stosd
  PTRS "rep stosd 4096", esi, big
  SHOW "big last", [big + 4095 * 4]
  SHOW "big after", [big + 4096 * 4]
  ret

clear:                          ; zero buf
  pushad
  mov edi, buf
  xor eax, eax
  mov ecx, 8
  rep stosd
  popad
  ret

dump:                           ; ESI = address, ECX = count (> 0)
  mov al, [esi]
  call puthex8
  inc esi
  dec ecx
  jnz dump
  PUTS 10
  ret

section .data
text:        db "0123456789abcdefghijklmnopqrstuv"
hello_world: db "hello world", 0
hello_there: db "hello there", 0
spaces:      db "    x   "
words1:      dw 0x8000
             dd 1
words2:      dw 0x0001
             dd 2
buf:         times 32 db 0
big:         times 4097 dd 0x0BADBAD0
