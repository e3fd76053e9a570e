; Virtual-8086 mode (SDM Vol. 3B, 20): IRET with VM set enters it, code runs
; with real-mode segments, and with IOPL 0 the IOPL-sensitive CLI, PUSHF
; and INT n trap to the ring-0 #GP handler on the TSS stack, which sees the
; VM86 frame (EIP CS EFLAGS ESP SS ES DS FS GS) and resumes or ends.
%include "lib.inc"
%include "rings.inc"

V86_SEG equ 0x2000              ; the VM86 code and data at linear 0x20000

main:
  call idt_init
  mov eax, 13
  mov edx, v86_gp
  mov ecx, GATE_INT
  call idt_set
  call rings_init
  mov esi, v86_code             ; copy the 16-bit code below 1 MiB
  mov edi, V86_SEG * 16
  mov ecx, v86_end - v86_code
  rep movsb
  V86_IRET V86_SEG

; ring 0: error code, then EIP CS EFLAGS ESP SS ES DS FS GS
v86_gp:
  mov ebp, esp
  mov ax, KDATA
  mov ds, ax
  movzx eax, word [ebp + 8]     ; CS
  shl eax, 4
  add eax, [ebp + 4]            ; + IP: the faulting instruction
  movzx ebx, byte [eax]
  SHOW "gp in vm86 at ip", [ebp + 4]
  SHOW "opcode", ebx
  cmp ebx, 0xCD
  je .done
  inc dword [ebp + 4]           ; CLI and PUSHF are one byte: step over
  add esp, 4
  iret
.done:
  SHOW "vm86 cs", [ebp + 8]
  mov eax, [ebp + 12]
  and eax, 0x23000
  SHOW "vm86 eflags vm|iopl|if", eax
  SHOW "vm86 ds", [ebp + 28]
  SHOW "vm86 sp", [ebp + 16]
  movzx eax, word [V86_SEG * 16 + 0x100]
  SHOW "word at 2000:0100", eax
  mov ax, ds
  movzx eax, ax
  SHOW "kernel ds", eax
  jmp exit_ok

bits 16
v86_code:
  mov ax, 0x1233
  add ax, 1
  mov [0x100], ax               ; DS = 0x2000: linear 0x20100
  cli                           ; #GP, stepped over
  pushf                         ; #GP, stepped over
  int 0x30                      ; #GP: the monitor ends the test
v86_end:
bits 32
