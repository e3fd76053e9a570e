/* gen.h - the oracle's case generator: one instruction per case, with the
 * state it starts from and the flags the SDM defines after it. */
#ifndef XLAT_TESTS_ORACLE_GEN_H
#define XLAT_TESTS_ORACLE_GEN_H

#include <stdint.h>
#include "oracle.h"

/* EFLAGS bits (the same values as xlat's F_*, repeated so that this header
 * does not depend on the emulator's) */
#define OF_CF 0x0001u
#define OF_PF 0x0004u
#define OF_AF 0x0010u
#define OF_ZF 0x0040u
#define OF_SF 0x0080u
#define OF_DF 0x0400u
#define OF_OF 0x0800u
#define OF_ARITH (OF_CF | OF_PF | OF_AF | OF_ZF | OF_SF | OF_OF)

struct tcase {
	struct orc_in in;
	unsigned form;  /* index into gen_forms */
	unsigned sub[2]; /* for a pair: the forms of its two instructions */
	uint32_t fmask; /* flags to compare: defined or left unchanged */
};

struct gen;
struct form {
	const char *name;
	void (*fn)(struct gen *g, unsigned arg);
	unsigned arg; /* which operation of a family */
	int second;   /* may be the second instruction of a pair */
};

extern const struct form gen_forms[];
extern const unsigned gen_nforms;
extern const unsigned gen_form_pair; /* the index of the "pair" form */

/* Case number index of the run with this seed; the same (seed, index) gives
 * the same case. form < gen_nforms forces the form, otherwise it is drawn. */
void gen_case(uint64_t seed, uint64_t index, unsigned form, struct tcase *tc);

#endif
