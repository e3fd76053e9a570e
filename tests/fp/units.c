/* units.c - runs the FP unit suites (fp, fp_trans) with minicheck.h in
 * place of check: the same literal vectors, on whatever host this is
 * built for. Prints one line per failed assertion and, last, the plain
 * "N passed, M failed" over test runs (each loop index counts once). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include "tests/fp/minicheck.h"

Suite *fp_suite(void);
Suite *fp_trans_suite(void);

/* set up once by main before any test runs; a test harness, not cpu/ */
static jmp_buf mc_jmp;

Suite *suite_create(const char *name)
{
	Suite *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->name = name;
	return s;
}

TCase *tcase_create(const char *name)
{
	TCase *tc = calloc(1, sizeof(*tc));
	if (!tc)
		abort();
	tc->name = name;
	return tc;
}

void suite_add_tcase(Suite *s, TCase *tc)
{
	if (s->n == (int)(sizeof(s->tcases) / sizeof(s->tcases[0])))
		abort();
	s->tcases[s->n++] = tc;
}

void mc_add(TCase *tc, const char *name, mc_fn fn, int from, int to)
{
	if (tc->n == (int)(sizeof(tc->tests) / sizeof(tc->tests[0])))
		abort();
	tc->tests[tc->n++] = (struct mc_test){ name, fn, from, to };
}

void mc_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stdout, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	longjmp(mc_jmp, 1);
}

/* One run of one test: true when no assertion failed. */
static bool run_one(mc_fn fn, int i)
{
	if (setjmp(mc_jmp))
		return false;
	fn(i);
	return true;
}

static void run_suite(Suite *s, unsigned *passed, unsigned *failed)
{
	for (int t = 0; t < s->n; t++) {
		TCase *tc = s->tcases[t];
		for (int k = 0; k < tc->n; k++) {
			const struct mc_test *x = &tc->tests[k];
			for (int i = x->from; i < x->to; i++) {
				if (run_one(x->fn, i)) {
					++*passed;
					continue;
				}
				printf("  in %s/%s/%s, index %d\n", s->name, tc->name, x->name, i);
				++*failed;
			}
		}
	}
}

int main(void)
{
	unsigned passed = 0, failed = 0;
	run_suite(fp_suite(), &passed, &failed);
	run_suite(fp_trans_suite(), &passed, &failed);
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
