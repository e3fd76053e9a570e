; Microbenchmark: N MOV CR3 writes round-robin over 32 address spaces, each
; followed by a load through a page private to that space (issue C).
%include "lib.inc"
%ifndef N
%define N 1000000
%endif
PDS equ 0x400000                ; 32 page directories, then 32 page tables
PTS equ PDS + 32 * 4096
PAGES equ PTS + 32 * 4096

main:
  xor ebx, ebx
.space:                         ; EBX = space: PD, PT and private page
  mov edi, ebx
  shl edi, 12
  lea esi, [edi + PDS]
  mov dword [esi], 0x83         ; 0..4 MiB identity (PSE)
  lea eax, [edi + PTS]
  or eax, 3
  mov [esi + 8 * 4], eax        ; 0x2000000 -> this space's table
  lea eax, [edi + PAGES]
  mov [eax], ebx
  or eax, 3
  mov [edi + PTS], eax
  inc ebx
  cmp ebx, 32
  jne .space
  mov eax, cr4
  or eax, 0x10
  mov cr4, eax
  mov eax, PDS
  mov cr3, eax
  mov eax, cr0
  or eax, 0x80000000
  mov cr0, eax
  mov ecx, N
  xor ebx, ebx
  test ecx, ecx
  jz .done
.loop:
  mov eax, ebx
  and eax, 31
  shl eax, 12
  add eax, PDS
  mov cr3, eax
  add edx, [0x2000000]
  inc ebx
  dec ecx
  jnz .loop
.done:
  PUTS "DONE", 10
  jmp exit_ok
