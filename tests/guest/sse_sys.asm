; SSE under the system's control (ring 0 only, so not run on the host):
; CR4.OSXMMEXCPT picks #XM or #UD for an unmasked SIMD exception;
; CR4.OSFXSR, CR0.TS and CR0.EM gate the SSE instructions but not MOVNTI,
; the fences, CLFLUSH, PAUSE or PREFETCH; encodings without a register or
; memory form are #UD; CLFLUSH faults like a read (#PF on a not-present
; page, none on a read-only one); alignment #GP comes before #PF; a
; 16-byte store across into a read-only page writes nothing.
; Expected output written from the SDM (Vol. 1 11.5.3, Vol. 2 CLFLUSH,
; Vol. 3A 2.5, 13.1) and checked against the host CPU where it can be.
%include "lib.inc"
cpu p4
; not-qemu: QEMU 7.2 raises no #XM/#UD for unmasked SIMD exceptions

CR0_EM equ 4
CR0_TS equ 8
CR0_WP equ 0x10000
CR0_PG equ 0x80000000
CR4_PSE equ 0x10
CR4_OSFXSR equ 0x200
CR4_OSXMMEXCPT equ 0x400
RO_PAGE equ 0x00800000          ; 4 MiB page, read-only
NP_PAGE equ 0x00c00000          ; not present

%macro CR4SET 1                 ; CR4 = (CR4 & ~(OSFXSR|OSXMMEXCPT)) | %1
  mov eax, cr4
  and eax, ~(CR4_OSFXSR | CR4_OSXMMEXCPT)
  or eax, %1
  mov cr4, eax
%endmacro
%macro CR0SET 1                 ; CR0 = (CR0 & ~(EM|TS)) | %1
  mov eax, cr0
  and eax, ~(CR0_EM | CR0_TS)
  or eax, %1
  mov cr0, eax
%endmacro

; XMM0 and MXCSR, after a fault
%macro STATE 0
  movups [buf], xmm0
  stmxcsr [mx]
  PUTS "  xmm0="
  PUTHEX [buf + 12]
  PUTS ":"
  PUTHEX [buf + 8]
  PUTS ":"
  PUTHEX [buf + 4]
  PUTS ":"
  PUTHEX [buf]
  PUTS " mxcsr="
  PUTHEX [mx]
  PUTS 10
%endmacro

; the instructions that no CR0/CR4 bit gates; prints "name: ran"
%macro UNGATED 1
  mov ecx, 0x1234
  mov ebx, buf
  movnti [ebx], ecx
  sfence
  lfence
  mfence
  clflush [ebx]
  pause
  prefetchnta [ebx]
  prefetcht0 [ebx]
  PUTS %1, ": ran", 10
%endmacro

main:
  call idt_init
  ; ---- an unmasked exception: #UD without OSXMMEXCPT, #XM with it; the
  ; destination is kept and the flag set either way
  CR4SET CR4_OSFXSR
  ldmxcsr [mx_ze]
  movaps xmm0, [fA]
  movaps xmm1, [fZ]
  TRY .r1, "divps ZE unmasked, OSXMMEXCPT=0"
  divps xmm0, xmm1
.r1:
  STATE
  ldmxcsr [mx_ze]
  CR4SET CR4_OSFXSR | CR4_OSXMMEXCPT
  TRY .r2, "divps ZE unmasked, OSXMMEXCPT=1"
  divps xmm0, xmm1
.r2:
  STATE
  ldmxcsr [mx_def]
  divps xmm0, xmm1              ; masked now: the result lands
  STATE

  ; ---- CR4.OSFXSR = 0: SSE is #UD
  CR4SET 0
  TRY .r3, "no OSFXSR: addps"
  addps xmm0, xmm1
.r3:
  TRY .r4, "no OSFXSR: ldmxcsr"
  ldmxcsr [mx_def]
.r4:
  TRY .r5, "no OSFXSR: stmxcsr"
  stmxcsr [mx]
.r5:
  TRY .r6, "no OSFXSR: cvtpi2ps"
  cvtpi2ps xmm0, mm0
.r6:
  TRY .r7, "no OSFXSR: comisd"
  comisd xmm0, xmm1
.r7:
  UNGATED "no OSFXSR: movnti fences clflush pause prefetch"
  CR4SET CR4_OSFXSR | CR4_OSXMMEXCPT

  ; ---- CR0.TS: SSE is #NM; CR0.EM: SSE is #UD
  CR0SET CR0_TS
  TRY .r8, "TS: mulsd"
  mulsd xmm0, xmm1
.r8:
  TRY .r9, "TS: stmxcsr"
  stmxcsr [mx]
.r9:
  UNGATED "TS: movnti fences clflush pause prefetch"
  clts
  CR0SET CR0_EM
  TRY .r10, "EM: movaps"
  movaps xmm0, xmm1
.r10:
  UNGATED "EM: movnti fences clflush pause prefetch"
  CR0SET 0

  ; ---- no register form, or no memory form: #UD
  mov eax, buf
  TRY .r11, "movnti reg"
  db 0x0f, 0xc3, 0xc1
.r11:
  TRY .r12, "movlpd reg"
  db 0x66, 0x0f, 0x12, 0xc1
.r12:
  TRY .r13, "movhps st reg"
  db 0x0f, 0x17, 0xc1
.r13:
  TRY .r14, "movntps reg"
  db 0x0f, 0x2b, 0xc1
.r14:
  TRY .r15, "movmskps mem"
  db 0x0f, 0x50, 0x00
.r15:
  TRY .r16, "ldmxcsr reg"
  db 0x0f, 0xae, 0xd0
.r16:
  TRY .r17, "0f ae /5 mem"
  db 0x0f, 0xae, 0x28
.r17:
  TRY .r18, "0f ae /6 mem"
  db 0x0f, 0xae, 0x30
.r18:
  db 0x0f, 0xae, 0xe8           ; LFENCE
  db 0x0f, 0xae, 0xf0           ; MFENCE
  db 0x0f, 0xae, 0xf8           ; SFENCE
  PUTS "fences by ModRM ran", 10

  ; ---- paging: 4 MiB pages, 0-8 MiB writable, 8-12 MiB read-only,
  ; 12-16 MiB not present; CR0.WP so ring 0 honours read-only
  mov dword [pd], 0x00000083
  mov dword [pd + 4], 0x00400083
  mov dword [pd + 8], RO_PAGE | 0x81
  mov eax, pd
  mov cr3, eax
  mov eax, cr4
  or eax, CR4_PSE
  mov cr4, eax
  mov eax, cr0
  or eax, CR0_PG | CR0_WP
  mov cr0, eax
  TRY .p1, "clflush not present"
  clflush [NP_PAGE + 0x40]
.p1:
  mov eax, cr2
  SHOW "  cr2", eax
  clflush [RO_PAGE + 0x40]
  PUTS "clflush read-only ran", 10
  mov ecx, 0x5678
  TRY .p2, "movnti read-only"
  movnti [RO_PAGE], ecx
.p2:
  TRY .p3, "movaps not present, unaligned"
  movaps xmm0, [NP_PAGE + 4]
.p3:
  TRY .p4, "movaps not present"
  movaps xmm0, [NP_PAGE]
.p4:
  mov dword [RO_PAGE - 8], 0x11111111
  mov dword [RO_PAGE - 4], 0x22222222
  movaps xmm0, [fA]
  TRY .p5, "movups across into read-only"
  movups [RO_PAGE - 8], xmm0
.p5:
  mov eax, cr2
  SHOW "  cr2", eax
  SHOW2 "  below the page", [RO_PAGE - 4], [RO_PAGE - 8]
  TRY .p6, "movsd st across into read-only"
  movsd [RO_PAGE - 4], xmm0
.p6:
  SHOW2 "  below the page", [RO_PAGE - 4], [RO_PAGE - 8]
  mov eax, cr0
  and eax, ~CR0_PG
  mov cr0, eax
  ret

section .data
align 16
fA:     dd 1.0, 2.0, 3.0, 4.0
fZ:     dd 3.0, 0.0, 1.0, 2.0
buf:    times 4 dd 0
mx:     dd 0
mx_def: dd 0x1f80
mx_ze:  dd 0x1d80

section .bss
alignb 4096
pd:     resb 4096
