/* main.c - xlat's entry point: parse options, build the machine, run it. */
#include <stdio.h>
#include "options.h"

/* One line, whatever the user typed into an argument we quote. */
static void print_error(const char *msg)
{
	fputs("xlat: ", stderr);
	for (const char *p = msg; *p; p++)
		fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	struct machine_opts o;
	enum opt_action act;
	char err[512];
	if (options_parse(argc, argv, &o, &act, err, sizeof(err))) {
		print_error(err);
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
		print_error(err);
		return 1;
	}
	int status = machine_run(m);
	machine_free(m);
	return status;
}
