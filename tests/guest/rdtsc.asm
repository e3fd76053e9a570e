; RDTSC counts up: never backwards over 100 back-to-back reads, and
; strictly forward across a short busy loop.  The values themselves are
; not printed: they differ between runs and emulators.
%include "lib.inc"

main:
  rdtsc
  mov esi, eax                  ; EDI:ESI = previous reading
  mov edi, edx
  mov ebx, 100
.again:
  rdtsc
  cmp edx, edi
  jb .backwards
  ja .fine
  cmp eax, esi
  jb .backwards
.fine:
  mov esi, eax
  mov edi, edx
  dec ebx
  jnz .again

  mov ecx, 1000
.spin:
  loop .spin
  rdtsc
  cmp edx, edi
  ja .ok
  jb .stuck
  cmp eax, esi
  ja .ok
.stuck:
  PUTS "rdtsc did not advance", 10
  jmp exit_fail
.backwards:
  PUTS "rdtsc went backwards", 10
  jmp exit_fail
.ok:
  PUTS "rdtsc ok", 10
  ret
