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

/* The data buffer ends at a page end, so that a generator bug that runs past
 * it faults natively instead of passing silently. Code sits on a page of its
 * own. In xlat the same addresses are guest-physical RAM (flat segments). */
#define ORC_DATA_PAGE 0x00100000u
#define ORC_DATA_SIZE 256u
#define ORC_DATA_BASE (ORC_DATA_PAGE + 4096u - ORC_DATA_SIZE)
#define ORC_CODE_BASE 0x00200000u
#define ORC_CODE_MAX 32u /* one instruction plus room for the tail */

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
	uint32_t code_len;
	uint8_t code[ORC_CODE_MAX];
};

struct orc_out {
	struct orc_state s;
	uint32_t vector; /* exception vector, or ORC_NO_FAULT / ORC_NO_FINISH */
};

#endif
