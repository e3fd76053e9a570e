/* fxrun.h - running FP oracle cases in xlat. */
#ifndef XLAT_TESTS_FPORACLE_FXRUN_H
#define XLAT_TESTS_FPORACLE_FXRUN_H

#include <stddef.h>
#include "fporacle.h"

struct machine;

/* A machine set up for cases: flat 32-bit protected mode with a GDT and an
 * IDT whose every vector lands on a HLT of its own, CR0.NE (x87 errors as
 * #MF, as the native side's OS sets it) and CR4.OSFXSR/OSXMMEXCPT. NULL
 * with err on failure. */
struct machine *fxrun_new(char *err, size_t errlen);
/* Run one case from its start state; fill out as native.c does. */
void fxrun_case(struct machine *m, const struct fpo_in *in, struct fpo_out *out);

#endif
