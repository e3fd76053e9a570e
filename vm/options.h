/* options.h - the command line, in QEMU's spelling. */
#ifndef XLAT_VM_OPTIONS_H
#define XLAT_VM_OPTIONS_H

#include "xlat/machine.h"

enum opt_action { OPT_RUN, OPT_HELP, OPT_VERSION, OPT_LOG_HELP };

/* Parse argv; on error returns -1 with one line in err. */
int options_parse(int argc, char **argv, struct machine_opts *o, enum opt_action *act, char *err, size_t errlen);
void options_usage(FILE *f);

#define XLAT_VERSION "0.1"
#define RAM_MIN_MB 2u
#define RAM_MAX_MB 3584u /* below the PCI hole and firmware under 4 GiB */

#endif
