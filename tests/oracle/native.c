/* native.c - the oracle's native side: a 32-bit static program that runs
 * each test case on the host CPU.
 *
 * It reads struct orc_in records on stdin and writes one struct orc_out per
 * record on stdout. For each case it copies the data buffer and the code
 * to fixed addresses (oracle.h), appends a jump back to orc_back, and runs
 * the code from a trampoline that swaps in the case's registers and flags.
 * A fault in the snippet arrives as a signal; the handler records the CPU's
 * trap number and resumes at orc_back, so the registers and flags saved are
 * those at the faulting instruction, as an exception would leave them.
 *
 * 32-bit mode is needed for DAA/DAS/AAA/AAS/AAM/AAD and to get 32-bit
 * address arithmetic; built with gcc -m32 -static (see oracle.mk). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "oracle.h"

#if !defined(__i386__)
#error "native.c runs the cases in 32-bit mode: build it with -m32"
#endif

/* The trampoline's view of the state: EAX..EDI then EFLAGS. Not static:
 * the assembly below names them. */
struct tramp_regs {
	uint32_t r[8];
	uint32_t eflags;
};
struct tramp_regs orc_in_regs, orc_out_regs;
uint32_t orc_host_esp, orc_stack_top, orc_code_addr;
static volatile uint32_t fault_vector;

/* A stack of its own for the snippet, big enough for a signal frame. */
static uint8_t snippet_stack[1u << 16] __attribute__((aligned(64)));

void orc_enter(void);
extern char orc_back[];

/* orc_enter: save the callee-saved registers and ESP, load the case's
 * state, jump to the code. orc_back: where the code (or the fault handler)
 * comes back; save the state, clear DF as the ABI wants, return. */
__asm__(".text\n"
	".globl orc_enter\n"
	"orc_enter:\n"
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"
	"	movl %esp, orc_host_esp\n"
	"	movl orc_stack_top, %esp\n"
	"	pushl orc_in_regs+32\n"
	"	popfl\n"
	"	movl orc_in_regs+0, %eax\n"
	"	movl orc_in_regs+4, %ecx\n"
	"	movl orc_in_regs+8, %edx\n"
	"	movl orc_in_regs+12, %ebx\n"
	"	movl orc_in_regs+20, %ebp\n"
	"	movl orc_in_regs+24, %esi\n"
	"	movl orc_in_regs+28, %edi\n"
	"	jmp *orc_code_addr\n"
	".globl orc_back\n"
	"orc_back:\n"
	"	movl %eax, orc_out_regs+0\n"
	"	movl %ecx, orc_out_regs+4\n"
	"	movl %edx, orc_out_regs+8\n"
	"	movl %ebx, orc_out_regs+12\n"
	"	movl %esp, orc_out_regs+16\n"
	"	movl %ebp, orc_out_regs+20\n"
	"	movl %esi, orc_out_regs+24\n"
	"	movl %edi, orc_out_regs+28\n"
	"	pushfl\n"
	"	popl orc_out_regs+32\n"
	"	cld\n"
	"	movl orc_host_esp, %esp\n"
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
	uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)orc_back;
}

static void die(const char *what)
{
	fprintf(stderr, "native32: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void setup(void)
{
	void *d = mmap((void *)ORC_DATA_PAGE, ORC_MAP_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *c = mmap((void *)ORC_CODE_PAGE, ORC_MAP_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (d != (void *)ORC_DATA_PAGE || c != (void *)ORC_CODE_PAGE)
		die("cannot map the data and code pages at their fixed addresses");
	orc_stack_top = (uint32_t)(uintptr_t)(snippet_stack + sizeof(snippet_stack));

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

/* Place the code and a "jmp orc_back" after it. */
static void place_code(const struct orc_in *in)
{
	uint8_t *p = (uint8_t *)(uintptr_t)in->code_at;
	memcpy(p, in->code, in->code_len);
	uint32_t next = in->code_at + in->code_len + 5;
	int32_t rel = (int32_t)((uint32_t)(uintptr_t)orc_back - next);
	p[in->code_len] = 0xe9;
	memcpy(p + in->code_len + 1, &rel, 4);
}

static void run_case(const struct orc_in *in, struct orc_out *out)
{
	memcpy((void *)ORC_DATA_BASE, in->s.data, ORC_DATA_SIZE);
	place_code(in);
	orc_code_addr = in->code_at;
	memcpy(orc_in_regs.r, in->s.r, sizeof(orc_in_regs.r));
	/* only the arithmetic flags and DF come from the case; bit 1 is fixed */
	orc_in_regs.eflags = (in->s.eflags & ORC_FLAGS_IN) | 2u;
	fault_vector = ORC_NO_FAULT;
	orc_enter();
	memcpy(out->s.r, orc_out_regs.r, sizeof(out->s.r));
	out->s.eflags = orc_out_regs.eflags;
	memcpy(out->s.data, (void *)ORC_DATA_BASE, ORC_DATA_SIZE);
	out->vector = fault_vector;
}

int main(void)
{
	static struct orc_in in;
	static struct orc_out out;
	setup();
	while (read_full(&in, sizeof(in))) {
		if (in.code_len > ORC_CODE_MAX - ORC_TAIL_MAX || in.code_at - ORC_CODE_PAGE >= 4096) {
			fprintf(stderr, "native32: bad code placement (%u bytes at %08x)\n", in.code_len,
				in.code_at);
			return 2;
		}
		run_case(&in, &out);
		write_full(&out, sizeof(out));
	}
	return 0;
}
