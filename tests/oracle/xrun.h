/* xrun.h - running oracle cases in xlat. */
#ifndef XLAT_TESTS_ORACLE_XRUN_H
#define XLAT_TESTS_ORACLE_XRUN_H

#include <stddef.h>
#include "oracle.h"

struct machine;

/* A machine set up for cases: flat 32-bit protected mode with a GDT and an
 * IDT whose every vector lands on a HLT of its own. NULL with err on failure. */
struct machine *xrun_new(char *err, size_t errlen);
/* Run one case from its start state; fill out as native.c does. */
void xrun_case(struct machine *m, const struct orc_in *in, struct orc_out *out);

/* The steps of a case, shared with tests/fporacle/fxrun.c. */
/* Store len bytes of code at at (len < 60), then the HLT that ends the run. */
void xrun_place_code(struct machine *m, uint32_t at, const uint8_t *code, uint32_t len);
/* Flat 32-bit protected mode at eip with the tables of xrun_new, cr0_set
 * and cr4_set ORed in, the registers but ESP and the flags_in bits of
 * eflags from the case. */
void xrun_load_cpu(struct machine *m, uint32_t eip, uint32_t cr0_set, uint32_t cr4_set, const uint32_t r[8],
		   uint32_t eflags, uint32_t flags_in);
/* Run from the loaded state; ORC_NO_FAULT when it stopped at end_eip (after
 * the HLT), the vector of a fault, or ORC_NO_FINISH. */
uint32_t xrun_go(struct machine *m, uint32_t end_eip);
/* The registers and flags after the run. */
void xrun_get_regs(struct machine *m, uint32_t r[8], uint32_t *eflags);

#endif
