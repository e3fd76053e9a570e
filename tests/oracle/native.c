/* native.c - the oracle's native side: a 32-bit static program that runs
 * each test case on the host CPU.
 *
 * It reads struct orc_in records on stdin and writes one struct orc_out per
 * record on stdout. For each case it copies the data buffer and the code
 * to fixed addresses (oracle.h), appends a jump back to nat_back, and runs
 * the code from a trampoline that swaps in the case's registers and flags
 * (orc_native.h, shared with tests/fporacle/native.c).
 * A fault in the snippet arrives as a signal; the handler records the CPU's
 * trap number and resumes at nat_back, so the registers and flags saved are
 * those at the faulting instruction, as an exception would leave them.
 *
 * 32-bit mode is needed for DAA/DAS/AAA/AAS/AAM/AAD and to get 32-bit
 * address arithmetic; built with gcc -m32 -static (see oracle.mk). */
#define _GNU_SOURCE
#include "oracle.h"
#define NAT_NAME "native32"
#include "orc_native.h"

NAT_TRAMPOLINE("", "");

static void run_case(const struct orc_in *in, struct orc_out *out)
{
	memcpy((void *)ORC_DATA_BASE, in->s.data, ORC_DATA_SIZE);
	nat_place_code(in->code_at, in->code, in->code_len, ORC_CODE_PAGE, ORC_CODE_MAX - ORC_TAIL_MAX);
	/* only the arithmetic flags and DF come from the case */
	out->vector = nat_run(in->s.r, in->s.eflags, ORC_FLAGS_IN, out->s.r, &out->s.eflags);
	memcpy(out->s.data, (void *)ORC_DATA_BASE, ORC_DATA_SIZE);
}

int main(void)
{
	static struct orc_in in;
	static struct orc_out out;
	nat_setup(ORC_DATA_PAGE, ORC_CODE_PAGE, ORC_MAP_SIZE);
	while (nat_read_full(&in, sizeof(in))) {
		run_case(&in, &out);
		nat_write_full(&out, sizeof(out));
	}
	return 0;
}
