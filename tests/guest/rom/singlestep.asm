; Single-step traps in real mode: with TF=1 the CPU raises #DB (vector 1)
; after each instruction, pushing the IP of the next one.  TF is looked at
; when an instruction starts, so a POPF or IRET that sets TF is not itself
; traced, and the POPF that clears it still is.  The INT clears TF (else
; the handler would step itself) and IRET restores it from the frame.
%include "rom.inc"

steps    equ 0x500              ; #DB count
step_ip0 equ 0x502              ; first and last saved IP
step_ip1 equ 0x504
step_tf  equ 0x506              ; OR of the pushed TF bits
step_own equ 0x508              ; OR of the handler's own TF bits

; REPORT "label", first, last - the count and the first and last saved IP
; relative to the labels where they are expected.  Resets the counters.
%macro REPORT 3
  SHOW %1, [steps]
  mov ax, [step_ip0]
  sub ax, %2
  SHOW "  first saved ip - expected", ax
  mov ax, [step_ip1]
  sub ax, %3
  SHOW "  last saved ip - expected", ax
  SHOW "  pushed TF seen", [step_tf]
  SHOW "  TF inside handler", [step_own]
  mov word [steps], 0
  mov word [step_tf], 0
  mov word [step_own], 0
%endmacro

main:
  SETVEC 1, db_handler

  ; --- TF set and cleared by POPF
  pushf
  pop ax
  or ax, F_TF
  push ax
  popf                          ; not traced
  nop                           ; step 1
.a1:
  nop
  mov ax, 1
  pushf
  pop ax
  and ax, ~F_TF
  push ax
  popf                          ; step 8
.a2:
  nop                           ; not traced
  REPORT "popf: steps", .a1, .a2

  ; --- TF set by IRET (a far return with FLAGS), cleared by POPF
  pushf
  pop ax
  or ax, F_TF
  push ax                       ; FLAGS, CS, IP for IRET
  push cs
  push word .b0
  iret                          ; not traced
.b0:
  nop                           ; step 1
.b1:
  pushf
  pop ax
  and ax, ~F_TF
  push ax
  popf                          ; step 6
.b2:
  REPORT "iret: steps", .b1, .b2

  ; --- a traced loop: every iteration's LOOP is a step of its own
  pushf
  pop ax
  or ax, F_TF
  push ax
  popf
  mov cx, 5                     ; step 1
.c0:
  loop .c0                      ; steps 2-6
.c1:
  push word 0x0002              ; step 7
  popf                          ; step 8: TF off
.c2:
  REPORT "loop: steps", .c0, .c2
  ret

; #DB: count, and remember the first and last saved IP and the TF bits
db_handler:
  push bp
  mov bp, sp
  pushf
  push ax
  mov ax, [bp - 2]              ; own FLAGS
  and ax, F_TF
  or [ss:step_own], ax
  mov ax, [bp + 6]              ; pushed FLAGS
  and ax, F_TF
  or [ss:step_tf], ax
  mov ax, [bp + 2]              ; pushed IP
  cmp word [ss:steps], 0
  jne .later
  mov [ss:step_ip0], ax
.later:
  mov [ss:step_ip1], ax
  inc word [ss:steps]
  pop ax
  popf
  pop bp
  iret
