/* fporacle.h - what the FP oracle (64-bit, tests/fporacle/fporacle.c) and
 * its native runner (32-bit, tests/fporacle/native.c) share: the guest
 * addresses both sides use and the records that cross the pipe.
 *
 * The x87/MMX/SSE state travels as the first FPO_FX_SIZE bytes of an
 * FXSAVE image (SDM Vol. 1, 10.5.1): the native side loads it with FXRSTOR
 * and takes it back with FXSAVE, which (like FNSAVE) does not wait, so a
 * pending unmasked x87 exception is captured instead of delivered. The xlat
 * side converts the same image to and from struct fpu.
 *
 * Both programs include this header, one built -m32 and one -m64, so the
 * records hold only 32-bit words and byte arrays whose sizes are multiples
 * of four: the layout is then the same without packing attributes. */
#ifndef XLAT_TESTS_FPORACLE_H
#define XLAT_TESTS_FPORACLE_H

#include <stdint.h>

/* The data buffer straddles the boundary between its two pages, so that
 * operands crossing a page are tested; FXSAVE/FXRSTOR areas (512 bytes)
 * fit in it. Code may start anywhere in the first code page. */
#define FPO_DATA_PAGE 0x00100000u
#define FPO_DATA_SIZE 1024u
#define FPO_DATA_BASE (FPO_DATA_PAGE + 4096u - FPO_DATA_SIZE / 2)
#define FPO_CODE_PAGE 0x00200000u
#define FPO_MAP_SIZE 8192u
#define FPO_CODE_MAX 64u
#define FPO_TAIL_MAX 5u /* native appends a 5-byte jump, xlat a HLT */

/* FXSAVE image: the x87 and XMM0-7 part (bytes 288-511 are reserved or
 * XMM8-15, which 32-bit code does not have). */
#define FPO_FX_SIZE 288u
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4    /* abridged tag: bit i set when physical R(i) is not empty */
#define FX_FOP 6
#define FX_FIP 8
#define FX_FDP 16
#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_ST 32    /* ST(i) at FX_ST + 16 * i, 10 bytes used */
#define FX_XMM 160  /* XMMi at FX_XMM + 16 * i */

/* EFLAGS bits a case sets: CF PF AF ZF SF OF (DF stays clear: the ABI) */
#define FPO_FLAGS_IN 0x8d5u

#define FPO_NO_FAULT 0xffffffffu  /* vector: the code ran to its end */
#define FPO_NO_FINISH 0xfffffffeu /* vector: xlat neither ended nor faulted */

/* Registers in encoding order: EAX ECX EDX EBX ESP EBP ESI EDI. ESP is
 * carried but never compared (each side has its own stack). */
struct fpo_state {
	uint32_t r[8];
	uint32_t eflags;
	uint8_t fx[FPO_FX_SIZE];
	uint8_t data[FPO_DATA_SIZE];
};

struct fpo_in {
	struct fpo_state s;
	uint32_t code_at; /* address of the code, in the first code page */
	uint32_t code_len;
	uint8_t code[FPO_CODE_MAX];
};

struct fpo_out {
	struct fpo_state s;
	uint32_t vector; /* exception vector, or FPO_NO_FAULT / FPO_NO_FINISH */
};

#endif
