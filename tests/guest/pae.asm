; PAE paging (SDM Vol. 3A, 4.4): a PDPT, a 2 MiB page, 4 KiB pages, and
; NX (EFER.NXE): fetching from an NX page faults with the I/D bit in the
; error code, reading from it does not.
; qemu-args: -cpu qemu32,+nx
%include "lib.inc"

PDPT equ 0x380000
PD equ 0x381000
PT equ 0x382000
FRAME equ 0x300000              ; one frame, mapped twice: NX and not
MSR_EFER equ 0xC0000080

main:
  call idt_init
  mov eax, 0x80000001
  cpuid
  and edx, 1 << 20
  SHOW "cpuid nx", edx
  mov byte [FRAME], 0xC3        ; ret
  mov dword [FRAME + 4], 0x600DF00D
  mov edi, PDPT                 ; clear PDPT, PD, PT
  mov ecx, 3 * 1024
  xor eax, eax
  rep stosd
  mov dword [PDPT], PD | 1
  mov dword [PD], 0x83          ; 0..2 MiB: one 2 MiB page
  mov dword [PD + 8], PT | 3    ; 2..4 MiB: 4 KiB pages
  mov dword [PT], FRAME | 3     ; 0x200000: NX
  mov dword [PT + 4], 0x80000000
  mov dword [PT + 8], FRAME | 3 ; 0x201000: executable
  mov dword [PT + (PT - 0x200000) / 4096 * 8], PT | 3   ; the PT itself, identity
  mov ecx, MSR_EFER
  rdmsr
  or eax, 0x800                 ; NXE
  wrmsr
  mov eax, cr4
  or eax, 0x20                  ; PAE
  mov cr4, eax
  mov eax, PDPT
  mov cr3, eax
  mov eax, cr0
  or eax, 0x80000000
  mov cr0, eax
  call 0x201000
  PUTS "ran code at 0x201000", 10
  SHOW "read through the nx page", [0x200004]
  TRY .r1, "call into the nx page"
  call 0x200000
.r1:
  mov eax, cr2
  SHOW "cr2", eax
  mov eax, [PT + 8]
  and eax, 0x60
  SHOW "executable pte a/d", eax
  mov eax, cr0
  and eax, 0x7FFFFFFF
  mov cr0, eax
  jmp exit_ok
