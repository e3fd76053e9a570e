/* native.c - the FP oracle's native side: a 32-bit static program that runs
 * each case on the host CPU's x87, MMX and SSE units.
 *
 * It reads struct fpo_in records on stdin and writes one struct fpo_out per
 * record on stdout. For each case it copies the data buffer and the code to
 * fixed addresses (fporacle.h), appends a jump back to nat_back, loads the
 * case's FP state with FXRSTOR and its registers and flags, and jumps to the
 * code (tests/oracle/orc_native.h has the trampoline and the I/O, shared
 * with the integer oracle). nat_back saves the registers and flags, then the FP state with
 * FXSAVE, which does not wait: an unmasked x87 exception the code left
 * pending (SW.ES) is recorded, not delivered.
 *
 * A fault arrives as a signal (an unmasked x87 exception at the next waiting
 * instruction, an unmasked SSE exception at the instruction itself, both
 * SIGFPE; #GP, #UD). The handler records the CPU's trap number and resumes
 * at nat_back. The kernel saved the FP state at the fault in the signal frame
 * and restores it on return from the handler, so nat_back's FXSAVE sees the
 * state the exception left, as an exception handler in a guest would.
 *
 * Built with gcc -m32 -static (see fporacle.mk). */
#define _GNU_SOURCE
#include "fporacle.h"
#define NAT_NAME "fpnative32"
#include "../oracle/orc_native.h"

/* Not static: the trampoline's assembly names them. */
uint8_t fpo_fx_in[512] __attribute__((aligned(16)));
uint8_t fpo_fx_out[512] __attribute__((aligned(16)));
uint32_t fpo_host_mxcsr = 0x1f80;

/* Load the FP state before the registers; after saving it, give the host a
 * clean FPU (FNINIT and the default MXCSR, so that nothing pending reaches
 * the C code). */
NAT_TRAMPOLINE("	fxrstor fpo_fx_in\n",
	       "	fxsave fpo_fx_out\n"
	       "	fninit\n"
	       "	ldmxcsr fpo_host_mxcsr\n");

static void run_case(const struct fpo_in *in, struct fpo_out *out)
{
	memcpy((void *)FPO_DATA_BASE, in->s.data, FPO_DATA_SIZE);
	nat_place_code(in->code_at, in->code, in->code_len, FPO_CODE_PAGE, FPO_CODE_MAX - FPO_TAIL_MAX);
	memcpy(fpo_fx_in, in->s.fx, FPO_FX_SIZE);
	out->vector = nat_run(in->s.r, in->s.eflags, FPO_FLAGS_IN, out->s.r, &out->s.eflags);
	memcpy(out->s.fx, fpo_fx_out, FPO_FX_SIZE);
	memcpy(out->s.data, (void *)FPO_DATA_BASE, FPO_DATA_SIZE);
}

int main(void)
{
	static struct fpo_in in;
	static struct fpo_out out;
	nat_setup(FPO_DATA_PAGE, FPO_CODE_PAGE, FPO_MAP_SIZE);
	while (nat_read_full(&in, sizeof(in))) {
		run_case(&in, &out);
		nat_write_full(&out, sizeof(out));
	}
	return 0;
}
