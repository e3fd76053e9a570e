/* fxrun.h - running FP oracle cases in xlat. */
#ifndef XLAT_TESTS_FPORACLE_FXRUN_H
#define XLAT_TESTS_FPORACLE_FXRUN_H

#include <stddef.h>
#include "fporacle.h"
#include "../oracle/xrun.h"

/* Run one case from its start state in a machine from xrun_new (the
 * integer oracle's, tests/oracle/xrun.h) with CR0.NE (x87 errors as #MF,
 * as the native side's OS sets it) and CR4.OSFXSR/OSXMMEXCPT; fill out as
 * native.c does. */
void fxrun_case(struct machine *m, const struct fpo_in *in, struct fpo_out *out);

#endif
