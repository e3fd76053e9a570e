; TLB bank coherence (DESIGN 7): address spaces A and B both map 0x800000,
; to different pages. Both translations are cached, then B's page table is
; edited while A is current; switching to B must show the new mapping.
; Then the current space's PTE is edited and INVLPG makes it visible.
%include "lib.inc"

PD_A equ 0x320000
PD_B equ 0x321000
PT_A equ 0x310000
PT_B equ 0x311000
PAGE1 equ 0x300000
PAGE2 equ 0x301000
PAGE3 equ 0x302000
WINDOW equ 0x800000

main:
  mov dword [PAGE1], 0x11111111
  mov dword [PAGE2], 0x22222222
  mov dword [PAGE3], 0x33333333
  mov edi, PD_A                 ; clear both directories and tables
  mov ecx, 4 * 1024
  xor eax, eax
  rep stosd
  mov edi, PT_A
  mov ecx, 2 * 1024
  rep stosd
  mov dword [PD_A], 0x83        ; 0..4 MiB identity, one 4 MiB page
  mov dword [PD_B], 0x83
  mov dword [PD_A + 2 * 4], PT_A | 3
  mov dword [PD_B + 2 * 4], PT_B | 3
  mov dword [PT_A], PAGE1 | 3
  mov dword [PT_B], PAGE2 | 3
  mov eax, cr4
  or eax, 0x10                  ; PSE
  mov cr4, eax
  mov eax, PD_A
  mov cr3, eax
  mov eax, cr0
  or eax, 0x80000000
  mov cr0, eax
  SHOW "a sees", [WINDOW]
  mov eax, PD_B
  mov cr3, eax
  SHOW "b sees", [WINDOW]
  mov eax, PD_A
  mov cr3, eax
  SHOW "a again", [WINDOW]
  mov dword [PT_B], PAGE3 | 3   ; edit B's table while A is current
  mov eax, PD_B
  mov cr3, eax
  SHOW "b after its table changed", [WINDOW]
  mov dword [PT_B], PAGE1 | 3   ; edit the current space, then INVLPG
  invlpg [WINDOW]
  SHOW "b after invlpg", [WINDOW]
  mov eax, PD_A
  mov cr3, eax
  SHOW "a at the end", [WINDOW]
  mov eax, [PT_A]
  and eax, 0x60
  SHOW "a pte a/d", eax
  mov eax, cr0
  and eax, 0x7FFFFFFF
  mov cr0, eax
  jmp exit_ok
