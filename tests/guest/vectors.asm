; The exception vectors the earlier tests leave out, each with its error
; code and saved EIP (T+0: a fault, at the instruction; T+n: a trap, after
; it): #DB from TF, #BR, #NM, #DF, #TS, #NP, #SS. (#DE #BP #OF #UD #GP are
; in exceptions.asm, #PF with CR2 in paging.asm.)
%include "lib.inc"

NP_DATA equ 0x18                ; a data segment marked not present
SMALL_TSS equ 0x20              ; a TSS whose limit is below 0x67

main:
  call idt_init
  mov eax, 1
  mov edx, db_handler
  mov ecx, GATE_INT
  call idt_set
  lgdt [gdt4_ptr]

  TRY .r1, "tf"                 ; a trap after the instruction TF covers
  pushfd
  or dword [esp], 0x100
  popfd
  nop                           ; the trap comes after this NOP
.r1:
  TRY .r2, "bound"
  mov eax, 10
  bound eax, [bounds]
.r2:
  TRY .r3, "fninit with cr0.ts"
  mov eax, cr0
  or eax, 8
  mov cr0, eax
  fninit
.r3:
  clts
  TRY .r4, "mov ds, not present"
  mov ax, NP_DATA
  mov ds, ax
.r4:
  TRY .r5, "mov ss, not present"
  mov ax, NP_DATA
  mov ss, ax
.r5:
  TRY .r6, "call tss with small limit"
  call SMALL_TSS:0
.r6:
  ; #DF: INT 0x40 finds a not-present gate (#NP), and #NP's own gate is
  ; not present either: a contributory fault while delivering one
  mov dword [idt + 0x40 * 8 + 4], 0x0E00 ; vector 0x40: gate not present
  mov dword [idt + 11 * 8 + 4], 0x0E00   ; vector 11: gate not present
  mov eax, 8
  mov edx, [exc_stubs + 8 * 4]
  mov ecx, GATE_INT
  call idt_set
  TRY .r7, "int 0x40, no #NP gate"
  int 0x40
.r7:
  SHOW "ds", ds
  jmp exit_ok

; #DB: clear TF in the frame, so the IRET to the recovery point does not
; trap again, then report it like every other vector
db_handler:
  and dword [esp + 8], ~0x100
  jmp [exc_stubs + 1 * 4]

section .data
align 8
bounds: dd 0, 5
gdt4:
  dq 0
  dq 0x00CF9A000000FFFF         ; 0x08 code
  dq 0x00CF92000000FFFF         ; 0x10 data
  dq 0x00CF12000000FFFF         ; 0x18 data, not present
  dq 0x0000890000000020         ; 0x20 TSS, limit 0x20
gdt4_end:
gdt4_ptr:
  dw gdt4_end - gdt4 - 1
  dd gdt4
