/* log.c - the -d categories and the log sink. */
#include <stdarg.h>
#include <string.h>
#include "xlat/log.h"

static const struct {
	const char *name;
	u32 bit;
	const char *help;
} log_items[] = {
	{ "in_asm", LOG_IN_ASM, "show the guest code of each new block" },
	{ "exec", LOG_EXEC, "show each block executed" },
	{ "int", LOG_INT, "show interrupts and exceptions" },
	{ "cpu", LOG_CPU, "show CPU registers before each block" },
	{ "guest_errors", LOG_GUEST_ERRORS, "log invalid guest behaviour (faults, triple faults)" },
	{ "unimp", LOG_UNIMP, "log unimplemented functionality" },
	{ "stats", LOG_STATS, "print block-cache and TLB statistics on exit" },
	{ "ioport", LOG_IOPORT, "log port I/O" },
};

int log_parse_mask(const char *list, u32 *mask, char *err, size_t errlen)
{
	*mask = 0;
	while (*list) {
		size_t n = strcspn(list, ",");
		bool found = false;
		for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
			if (strlen(log_items[i].name) == n && !strncmp(list, log_items[i].name, n)) {
				*mask |= log_items[i].bit;
				found = true;
			}
		}
		if (!found) {
			snprintf(err, errlen, "-d: unknown log item '%.*s' (try -d help)", (int)n, list);
			return -1;
		}
		list += n;
		if (*list == ',')
			list++;
	}
	return 0;
}

void log_print_items(FILE *f)
{
	fprintf(f, "Log items (comma separated):\n");
	for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++)
		fprintf(f, "%-13s %s\n", log_items[i].name, log_items[i].help);
}

void log_printf(struct logger *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(l->out ? l->out : stderr, fmt, ap);
	va_end(ap);
}
