/* unit.h - the suites of the check unit tests and what they share. */
#ifndef XLAT_TESTS_UNIT_H
#define XLAT_TESTS_UNIT_H

#include <check.h>
#include "xlat/machine.h"

Suite *decode_suite(void);
Suite *flags_suite(void);
Suite *block_suite(void);
Suite *devices_suite(void);
Suite *tlb_suite(void);
Suite *fp_suite(void);
Suite *simd_suite(void);
Suite *fp_trans_suite(void);
Suite *x87_suite(void);

/* A bare machine as the tests use it: 4 MiB of RAM, no kernel, serial and
 * debugcon going nowhere, so nothing but the test touches its state. */
static inline struct machine *unit_machine(bool no_reboot)
{
	struct machine_opts o = { .ram_mb = 4, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .no_reboot = no_reboot };
	char err[256] = "";
	struct machine *m = machine_new(&o, err, sizeof(err));
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	return m;
}

#endif
