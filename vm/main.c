/* main.c - xlat's entry point: parse options, build the machine, run it. */
#include <stdio.h>
#include "options.h"

int main(int argc, char **argv)
{
	struct machine_opts o;
	enum opt_action act;
	char err[512];
	if (options_parse(argc, argv, &o, &act, err, sizeof(err))) {
		fprintf(stderr, "xlat: %s\n", err);
		return 1;
	}
	switch (act) {
	case OPT_HELP: options_usage(stdout); return 0;
	case OPT_VERSION: printf("xlat version " XLAT_VERSION "\n"); return 0;
	case OPT_LOG_HELP: log_print_items(stdout); return 0;
	case OPT_RUN: break;
	}
	struct machine *m = machine_new(&o, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "xlat: %s\n", err);
		return 1;
	}
	int status = machine_run(m);
	machine_free(m);
	return status;
}
