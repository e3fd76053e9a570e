/* main.c - runs every unit suite; the exit status says whether all passed.
 * CK_RUN_SUITE / CK_RUN_CASE in the environment pick a subset (check's own). */
#include <stdlib.h>
#include "unit.h"

int main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	srunner_add_suite(sr, flags_suite());
	srunner_add_suite(sr, block_suite());
	srunner_add_suite(sr, devices_suite());
	srunner_add_suite(sr, tlb_suite());
	srunner_add_suite(sr, fp_suite());
	srunner_add_suite(sr, simd_suite());
	srunner_add_suite(sr, fp_trans_suite());
	srunner_add_suite(sr, x87_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
