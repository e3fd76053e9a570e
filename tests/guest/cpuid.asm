; CPUID: only facts every i686-class CPU model must agree on.  The vendor
; string is printed as-is: GenuineIntel is what QEMU's default 32-bit CPU
; reports; an emulator reporting another vendor should update this file.
%include "lib.inc"

main:
  ; CPUID exists iff software can toggle EFLAGS.ID (bit 21)
  pushfd
  pop eax
  mov ebx, eax
  xor eax, 1 << 21
  push eax
  popfd
  pushfd
  pop eax
  push ebx                      ; put the original back
  popfd
  xor eax, ebx
  and eax, 1 << 21
  SHOW "eflags.id toggled", eax

  xor eax, eax
  cpuid
  mov [vendor], ebx
  mov [vendor + 4], edx
  mov [vendor + 8], ecx
  PUTS "vendor: "
  mov esi, vendor
  call puts
  PUTS 10
  cmp eax, 1
  jb .no_leaf1
  PUTS "max leaf >= 1", 10

  mov eax, 1
  cpuid
  mov ebx, eax                  ; family = bits 11..8, + 27..20 if it is 0xF
  shr ebx, 8
  and ebx, 0xF
  cmp ebx, 0xF
  jne .family
  mov ecx, eax
  shr ecx, 20
  and ecx, 0xFF
  add ebx, ecx
.family:
  SHOW "family", ebx
  ; features this emulator implements and so must advertise
  and edx, (1 << 4) | (1 << 8) | (1 << 15)
  SHOW "tsc|cx8|cmov bits", edx
  ret
.no_leaf1:
  PUTS "max leaf < 1", 10
  jmp exit_fail

section .data
vendor: times 13 db 0
