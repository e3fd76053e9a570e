; Two-level 32-bit paging with 4 KiB pages: identity map for the low
; 4 MiB, an alias window at 4 MiB, #PF error codes and CR2, CR0.WP,
; accessed/dirty bits, and a TLB flush by reloading CR3.
%include "lib.inc"

PTE_P   equ 1
PTE_W   equ 2
PTE_A   equ 0x20
PTE_D   equ 0x40
WINDOW  equ 0x400000            ; virtual 4 MiB: page table 1

main:
  call idt_init
  mov edi, pd                   ; do not trust the loader to zero .bss
  xor eax, eax
  mov ecx, 5 * 1024
  rep stosd

  ; page table 0: identity map 0..4 MiB (this image lives at 1 MiB)
  mov edi, pt0
  mov eax, PTE_P | PTE_W
.ident:
  mov [edi], eax
  add eax, 0x1000
  add edi, 4
  cmp edi, pt0 + 4096
  jne .ident
  ; page table 1: WINDOW -> page_a writable, WINDOW+0x2000 -> page_b
  ; read-only, WINDOW+0x1000 not present
  mov dword [pt1], page_a + (PTE_P | PTE_W)
  mov dword [pt1 + 8], page_b + PTE_P
  mov dword [pd], pt0 + (PTE_P | PTE_W)
  mov dword [pd + 4], pt1 + (PTE_P | PTE_W)

  mov eax, pd
  mov cr3, eax
  mov eax, cr0
  or eax, 0x80000000            ; PG
  mov cr0, eax
  PUTS "paging on", 10

  ; --- an alias: write through the window, read the physical page
  mov dword [WINDOW + 0x10], 0x12345678
  SHOW "page_a+0x10 via identity", [page_a + 0x10]
  mov eax, [pt1]
  and eax, PTE_A | PTE_D
  SHOW "pte a/d after write", eax
  mov eax, [WINDOW + 0x2000]    ; read page_b through its read-only mapping
  mov eax, [pt1 + 8]
  and eax, PTE_A | PTE_D
  SHOW "pte a/d after read", eax

  ; --- #PF: not present (error 0: read, supervisor), CR2 = the address
  TRY .r1, "read not present"
  mov eax, [WINDOW + 0x1234]
.r1:
  mov eax, cr2
  SHOW "cr2", eax
  TRY .r2, "write not present"
  mov dword [WINDOW + 0x1000], 0
.r2:

  ; --- read-only page: supervisor writes pass unless CR0.WP is set
  mov dword [WINDOW + 0x2004], 0xAAAAAAAA
  SHOW "page_b+4 after write with wp=0", [page_b + 4]
  mov eax, cr0
  or eax, 0x10000               ; WP
  mov cr0, eax
  TRY .r3, "write read-only wp=1"
  mov dword [WINDOW + 0x2008], 0xBBBBBBBB
.r3:
  mov eax, cr2
  SHOW "cr2", eax
  SHOW "page_b+8 untouched", [page_b + 8]

  ; --- remap the window to page_b; reloading CR3 drops the stale entry
  mov eax, [WINDOW + 4]         ; make sure the old mapping is cached
  mov dword [pt1], page_b + (PTE_P | PTE_W)
  mov eax, cr3
  mov cr3, eax
  SHOW "window+4 after remap", [WINDOW + 4]

  mov eax, cr0
  and eax, 0x7FFEFFFF           ; paging and WP off again
  mov cr0, eax
  PUTS "paging off", 10
  ret

section .bss
alignb 4096
pd:     resb 4096
pt0:    resb 4096
pt1:    resb 4096
page_a: resb 4096
page_b: resb 4096
