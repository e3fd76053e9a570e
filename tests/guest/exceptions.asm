; Exceptions through an IDT of 32-bit interrupt gates.  Each fault prints
; "EXC vector err=error-code eip=T+offset" (offset of the saved EIP from
; the faulting instruction: 0 for faults, the instruction length for
; traps such as INT3), then resumes at the recovery label.
%include "lib.inc"

main:
  call idt_init
  mov [esp_at_start], esp

  ; --- #UD (6): UD2, UD0, LOCK where no locked RMW is possible, LEA
  ; with a register operand.  (LOCK MOV etc. are in lockud.asm: QEMU 7.2
  ; does not fault on them.)
  TRY .r1, "ud2"
  ud2
.r1:
  TRY .r2, "ud0"
  db 0x0F, 0xFF                 ; UD0
.r2:
  TRY .r3, "lock nop"
  db 0xF0, 0x90                 ; lock nop
.r3:
  TRY .r4, "lock add reg"
  db 0xF0                       ; lock add eax, ebx: register destination
  add eax, ebx
.r4:
  TRY .r5, "lock cmp mem"
  db 0xF0                       ; lock cmp [var], eax: CMP does not write
  cmp [var], eax
.r5:
  TRY .r6, "lea reg"
  db 0x8D, 0xC0                 ; lea eax, eax: LEA needs a memory operand
.r6:

  ; --- #DE (0): divide by zero, quotient overflow, AAM 0
  mov eax, 1
  xor edx, edx
  xor ecx, ecx
  TRY .r7, "div by 0"
  div ecx
.r7:
  mov edx, 0xFFFFFFFF           ; EDX:EAX = -2^31
  mov eax, 0x80000000
  mov ecx, -1
  TRY .r8, "idiv overflow"
  idiv ecx                      ; +2^31 does not fit
.r8:
  mov eax, 0x1000
  mov bl, 2
  TRY .r9, "div8 overflow"
  div bl                        ; 0x800 does not fit in AL
.r9:
  SHOW "registers kept after #DE, eax", eax
  TRY .r10, "aam 0"
  aam 0
.r10:

  ; --- #GP (13): instruction longer than 15 bytes, bad selector
  TRY .r11, "16-byte insn"
  times 15 db 0x66              ; 15 prefixes + NOP = 16 bytes
  nop
.r11:
  times 14 db 0x66              ; 14 + 1 = 15 bytes: still legal
  nop
  PUTS "15-byte instruction ran", 10
  mov ax, 0x18                  ; past the end of our 3-entry GDT
  TRY .r12, "mov ds,0x18"
  mov ds, ax
.r12:
  mov ax, 0
  TRY .r13, "mov ss,0"
  mov ss, ax                    ; null SS is not allowed
.r13:
  mov eax, 0
  mov ax, ds
  SHOW "ds, ss still", eax

  ; --- traps: INT3 and INTO report the address after the instruction
  TRY .r14, "int3"
  int3
.r14:
  SETFLAGS F_OF
  TRY .r15, "into OF=1"
  into
.r15:
  SETFLAGS 0
  into                          ; OF = 0: no trap
  PUTS "into with OF=0 ran", 10

  ; --- INT 0x80 through a trap gate, IRET back to the next instruction
  mov eax, 0x80
  mov edx, int80
  mov ecx, GATE_TRAP
  call idt_set
  mov eax, 41
  SETFLAGS F_CF | F_ZF
  int 0x80
  FLAGS "after int 0x80", F_ALL ; IRET restored the caller's flags
  SHOW "int 0x80 returned", eax
  mov eax, [esp_at_start]
  sub eax, esp
  SHOW "esp moved by (0)", eax
  ret

; int80: EAX = EAX + 1, and check the frame the CPU pushed
int80:
  push ebx
  mov ebx, [esp + 8]            ; saved CS
  SHOW "int80 saw eax", eax
  SHOW "int80 saved cs", ebx
  mov ebx, [esp + 12]           ; saved EFLAGS
  and ebx, F_ALL
  SHOW "int80 saved arith flags", ebx
  inc eax
  xor ebx, ebx                  ; clobber the flags; IRET restores them
  pop ebx
  iretd

section .data
var:          dd 0x5A5A5A5A
esp_at_start: dd 0
