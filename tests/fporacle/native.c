/* native.c - the FP oracle's native side: a 32-bit static program that runs
 * each case on the host CPU's x87, MMX and SSE units.
 *
 * It reads struct fpo_in records on stdin and writes one struct fpo_out per
 * record on stdout. For each case it copies the data buffer and the code to
 * fixed addresses (fporacle.h), appends a jump back to fpo_back, loads the
 * case's FP state with FXRSTOR and its registers and flags, and jumps to the
 * code. fpo_back saves the registers and flags, then the FP state with
 * FXSAVE, which does not wait: an unmasked x87 exception the code left
 * pending (SW.ES) is recorded, not delivered.
 *
 * A fault arrives as a signal (an unmasked x87 exception at the next waiting
 * instruction, an unmasked SSE exception at the instruction itself, both
 * SIGFPE; #GP, #UD). The handler records the CPU's trap number and resumes
 * at fpo_back. The kernel saved the FP state at the fault in the signal frame
 * and restores it on return from the handler, so fpo_back's FXSAVE sees the
 * state the exception left, as an exception handler in a guest would.
 *
 * Built with gcc -m32 -static (see fporacle.mk). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "fporacle.h"

#if !defined(__i386__)
#error "native.c runs the cases in 32-bit mode: build it with -m32"
#endif

/* The trampoline's view of the state: EAX..EDI then EFLAGS. Not static:
 * the assembly below names them. */
struct tramp_regs {
	uint32_t r[8];
	uint32_t eflags;
};
struct tramp_regs fpo_in_regs, fpo_out_regs;
uint32_t fpo_host_esp, fpo_stack_top, fpo_code_addr;
uint8_t fpo_fx_in[512] __attribute__((aligned(16)));
uint8_t fpo_fx_out[512] __attribute__((aligned(16)));
uint32_t fpo_host_mxcsr = 0x1f80;
static volatile uint32_t fault_vector;

/* A stack of its own for the code, big enough for a signal frame. */
static uint8_t snippet_stack[1u << 16] __attribute__((aligned(64)));

void fpo_enter(void);
extern char fpo_back[];

/* fpo_enter: save the callee-saved registers and ESP, load the FP state,
 * then the case's flags and registers, jump to the code. fpo_back: save the
 * registers, flags and FP state, give the host a clean FPU (FNINIT and the
 * default MXCSR, so that nothing pending reaches the C code), return. */
__asm__(".text\n"
	".globl fpo_enter\n"
	"fpo_enter:\n"
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"
	"	movl %esp, fpo_host_esp\n"
	"	movl fpo_stack_top, %esp\n"
	"	fxrstor fpo_fx_in\n"
	"	pushl fpo_in_regs+32\n"
	"	popfl\n"
	"	movl fpo_in_regs+0, %eax\n"
	"	movl fpo_in_regs+4, %ecx\n"
	"	movl fpo_in_regs+8, %edx\n"
	"	movl fpo_in_regs+12, %ebx\n"
	"	movl fpo_in_regs+20, %ebp\n"
	"	movl fpo_in_regs+24, %esi\n"
	"	movl fpo_in_regs+28, %edi\n"
	"	jmp *fpo_code_addr\n"
	".globl fpo_back\n"
	"fpo_back:\n"
	"	movl %eax, fpo_out_regs+0\n"
	"	movl %ecx, fpo_out_regs+4\n"
	"	movl %edx, fpo_out_regs+8\n"
	"	movl %ebx, fpo_out_regs+12\n"
	"	movl %esp, fpo_out_regs+16\n"
	"	movl %ebp, fpo_out_regs+20\n"
	"	movl %esi, fpo_out_regs+24\n"
	"	movl %edi, fpo_out_regs+28\n"
	"	pushfl\n"
	"	popl fpo_out_regs+32\n"
	"	fxsave fpo_fx_out\n"
	"	fninit\n"
	"	ldmxcsr fpo_host_mxcsr\n"
	"	cld\n"
	"	movl fpo_host_esp, %esp\n"
	"	popl %edi\n"
	"	popl %esi\n"
	"	popl %ebx\n"
	"	popl %ebp\n"
	"	ret\n");

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	(void)sig;
	(void)si;
	fault_vector = (uint32_t)uc->uc_mcontext.gregs[REG_TRAPNO];
	uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)fpo_back;
}

static void die(const char *what)
{
	fprintf(stderr, "fpnative32: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void setup(void)
{
	void *d = mmap((void *)FPO_DATA_PAGE, FPO_MAP_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *c = mmap((void *)FPO_CODE_PAGE, FPO_MAP_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (d != (void *)FPO_DATA_PAGE || c != (void *)FPO_CODE_PAGE)
		die("cannot map the data and code pages at their fixed addresses");
	fpo_stack_top = (uint32_t)(uintptr_t)(snippet_stack + sizeof(snippet_stack));

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	int sigs[] = { SIGFPE, SIGSEGV, SIGILL, SIGBUS, SIGTRAP };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			die("sigaction");
}

static int read_full(void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(0, (char *)buf + got, n - got);
		if (k == 0 && got == 0)
			return 0;
		if (k == 0) {
			errno = EPIPE;
			die("truncated case record");
		}
		if (k < 0 && errno != EINTR)
			die("read");
		if (k > 0)
			got += (size_t)k;
	}
	return 1;
}

static void write_full(const void *buf, size_t n)
{
	size_t put = 0;
	while (put < n) {
		ssize_t k = write(1, (const char *)buf + put, n - put);
		if (k < 0 && errno != EINTR)
			die("write");
		if (k > 0)
			put += (size_t)k;
	}
}

/* Place the code and a "jmp fpo_back" after it. */
static void place_code(const struct fpo_in *in)
{
	uint8_t *p = (uint8_t *)(uintptr_t)in->code_at;
	memcpy(p, in->code, in->code_len);
	uint32_t next = in->code_at + in->code_len + 5;
	int32_t rel = (int32_t)((uint32_t)(uintptr_t)fpo_back - next);
	p[in->code_len] = 0xe9;
	memcpy(p + in->code_len + 1, &rel, 4);
}

static void run_case(const struct fpo_in *in, struct fpo_out *out)
{
	memcpy((void *)FPO_DATA_BASE, in->s.data, FPO_DATA_SIZE);
	place_code(in);
	fpo_code_addr = in->code_at;
	memcpy(fpo_in_regs.r, in->s.r, sizeof(fpo_in_regs.r));
	fpo_in_regs.eflags = (in->s.eflags & FPO_FLAGS_IN) | 2u;
	memcpy(fpo_fx_in, in->s.fx, FPO_FX_SIZE);
	fault_vector = FPO_NO_FAULT;
	fpo_enter();
	memcpy(out->s.r, fpo_out_regs.r, sizeof(out->s.r));
	out->s.eflags = fpo_out_regs.eflags;
	memcpy(out->s.fx, fpo_fx_out, FPO_FX_SIZE);
	memcpy(out->s.data, (void *)FPO_DATA_BASE, FPO_DATA_SIZE);
	out->vector = fault_vector;
}

int main(void)
{
	static struct fpo_in in;
	static struct fpo_out out;
	setup();
	while (read_full(&in, sizeof(in))) {
		if (in.code_len > FPO_CODE_MAX - FPO_TAIL_MAX || in.code_at - FPO_CODE_PAGE >= 4096) {
			fprintf(stderr, "fpnative32: bad code placement (%u bytes at %08x)\n", in.code_len,
				in.code_at);
			return 2;
		}
		run_case(&in, &out);
		write_full(&out, sizeof(out));
	}
	return 0;
}
