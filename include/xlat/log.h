/* log.h - -d categories and the log sink (owned by struct machine). */
#ifndef XLAT_XLAT_LOG_H
#define XLAT_XLAT_LOG_H

#include <stdio.h>
#include "xlat/types.h"

enum {
	LOG_IN_ASM = 1u << 0,
	LOG_EXEC = 1u << 1,
	LOG_INT = 1u << 2,
	LOG_CPU = 1u << 3,
	LOG_GUEST_ERRORS = 1u << 4,
	LOG_UNIMP = 1u << 5,
	LOG_STATS = 1u << 6,
	LOG_IOPORT = 1u << 7,
};

struct logger {
	u32 mask;
	FILE *out; /* stderr unless -D */
};

/* Parse a -d list ("in_asm,int"); returns -1 and names the bad item in err. */
int log_parse_mask(const char *list, u32 *mask, char *err, size_t errlen);
void log_printf(struct logger *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_print_items(FILE *f);
#define XLOG(lg, cat, ...)                              \
	do {                                            \
		if (unlikely((lg)->mask & (cat)))       \
			log_printf((lg), __VA_ARGS__);  \
	} while (0)

#endif
