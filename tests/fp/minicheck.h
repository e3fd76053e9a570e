/* minicheck.h - just enough of check's API to run the FP unit suites
 * (tests/unit/test_fp.c, test_fp_trans.c) where libcheck is not installed:
 * cross-built for aarch64 and run under qemu-aarch64 by tests/fp/units.sh,
 * so the suites' literal vectors are checked on a host without an x87.
 * A failed assertion prints its message and abandons that test (longjmp),
 * as check's no-fork mode does. */
#ifndef XLAT_TESTS_FP_MINICHECK_H
#define XLAT_TESTS_FP_MINICHECK_H

#include <setjmp.h>
#include <stdio.h>

typedef void (*mc_fn)(int);
struct mc_test {
	const char *name;
	mc_fn fn;
	int from, to; /* loop tests run fn(_i) for _i in [from, to) */
};
typedef struct TCase {
	const char *name;
	struct mc_test tests[32];
	int n;
} TCase;
typedef struct Suite {
	const char *name;
	TCase *tcases[16];
	int n;
} Suite;

Suite *suite_create(const char *name);
TCase *tcase_create(const char *name);
void suite_add_tcase(Suite *s, TCase *tc);
void mc_add(TCase *tc, const char *name, mc_fn fn, int from, int to);
_Noreturn void mc_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define tcase_add_test(tc, fn) mc_add(tc, #fn, fn, 0, 1)
#define tcase_add_loop_test(tc, fn, from, to) mc_add(tc, #fn, fn, from, to)
#define START_TEST(name) static void name(int _i __attribute__((unused)))
#define END_TEST

#define ck_assert_msg(expr, ...) \
	((expr) ? (void)0 : mc_fail(__FILE__, __LINE__, __VA_ARGS__))
#define ck_assert(expr) ck_assert_msg(expr, "%s", #expr)
#define ck_assert_int_eq(a, b) \
	ck_assert_msg((long long)(a) == (long long)(b), "%s == %s: %lld, %lld", #a, #b, \
		      (long long)(a), (long long)(b))
#define ck_assert_uint_eq(a, b) \
	ck_assert_msg((unsigned long long)(a) == (unsigned long long)(b), "%s == %s: %llu, %llu", #a, #b, \
		      (unsigned long long)(a), (unsigned long long)(b))

#endif
