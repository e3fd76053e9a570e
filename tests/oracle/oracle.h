/* oracle.h - what the oracle (64-bit, tests/oracle/oracle.c) and its native
 * runner (32-bit, tests/oracle/native.c) share: the guest addresses both
 * sides use and the records that cross the pipe between them.
 *
 * Both programs include this header, one built -m32 and one -m64, so the
 * records hold only 32-bit words and byte arrays whose sizes are multiples
 * of four: the layout is then the same without any packing attributes. */
#ifndef XLAT_TESTS_ORACLE_H
#define XLAT_TESTS_ORACLE_H

#include <stdint.h>

/* Data and code each get two pages. The data buffer straddles the boundary
 * between its pages, and a case's code may start anywhere in the first code
 * page, so that accesses and instructions that cross a page are tested. In
 * xlat the same addresses are guest-physical RAM (flat segments). */
#define ORC_DATA_PAGE 0x00100000u
#define ORC_DATA_SIZE 256u
#define ORC_DATA_BASE (ORC_DATA_PAGE + 4096u - ORC_DATA_SIZE / 2)
#define ORC_CODE_PAGE 0x00200000u
#define ORC_MAP_SIZE 8192u
#define ORC_CODE_MAX 48u /* two instructions plus room for the tail */
#define ORC_TAIL_MAX 5u  /* native appends a 5-byte jump, xlat a HLT */

/* The EFLAGS bits a case sets: CF PF AF ZF SF DF OF. */
#define ORC_FLAGS_IN 0xcd5u

#define ORC_NO_FAULT 0xffffffffu  /* vector: the snippet ran to its end */
#define ORC_NO_FINISH 0xfffffffeu /* vector: xlat neither ended nor faulted */

/* Register order is the encoding order: EAX ECX EDX EBX ESP EBP ESI EDI.
 * ESP is carried but never compared (each side has its own stack). */
struct orc_state {
	uint32_t r[8];
	uint32_t eflags;
	uint8_t data[ORC_DATA_SIZE];
};

struct orc_in {
	struct orc_state s;
	uint32_t code_at; /* address of the code, in the first code page */
	uint32_t code_len;
	uint8_t code[ORC_CODE_MAX];
};

struct orc_out {
	struct orc_state s;
	uint32_t vector; /* exception vector, or ORC_NO_FAULT / ORC_NO_FINISH */
};

#endif
