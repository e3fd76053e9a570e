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

#endif
