/* orc_native.h - what the two oracles' native runners (tests/oracle/native.c
 * and tests/fporacle/native.c) have in common: the trampoline that swaps a
 * case's registers and flags in and out, the fault handler, the fixed
 * mappings and the record I/O on stdin/stdout.
 *
 * Header-only, so that each runner stays one .c file on its gcc -m32 -static
 * command line. Each runner names its program (NAT_NAME) before including
 * it and expands NAT_TRAMPOLINE once with its own FP load and save steps. */
#ifndef XLAT_TESTS_ORC_NATIVE_H
#define XLAT_TESTS_ORC_NATIVE_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#if !defined(__i386__)
#error "the native runners run the cases in 32-bit mode: build them with -m32"
#endif

#ifndef NAT_NAME
#error "define NAT_NAME (the program's name for messages) before orc_native.h"
#endif

/* The trampoline's view of the state: EAX..EDI then EFLAGS. Not static:
 * the assembly names them. */
struct nat_regs {
	uint32_t r[8];
	uint32_t eflags;
};
struct nat_regs nat_in_regs, nat_out_regs;
uint32_t nat_host_esp, nat_stack_top, nat_code_addr;
static volatile uint32_t nat_fault_vector;

/* A stack of its own for the snippet, big enough for a signal frame. */
static uint8_t nat_stack[1u << 16] __attribute__((aligned(64)));

void nat_enter(void);
extern char nat_back[];

/* nat_enter: save the callee-saved registers and ESP, run LOAD (assembly
 * text, may be empty), load the case's flags and registers, jump to the
 * code. nat_back: where the code (or the fault handler) comes back; save
 * the registers and flags, run SAVE, clear DF as the ABI wants, return. */
#define NAT_TRAMPOLINE(LOAD, SAVE)                \
	__asm__(".text\n"                         \
		".globl nat_enter\n"              \
		"nat_enter:\n"                    \
		"	pushl %ebp\n"             \
		"	pushl %ebx\n"             \
		"	pushl %esi\n"             \
		"	pushl %edi\n"             \
		"	movl %esp, nat_host_esp\n"  \
		"	movl nat_stack_top, %esp\n" \
		LOAD                              \
		"	pushl nat_in_regs+32\n"   \
		"	popfl\n"                  \
		"	movl nat_in_regs+0, %eax\n" \
		"	movl nat_in_regs+4, %ecx\n" \
		"	movl nat_in_regs+8, %edx\n" \
		"	movl nat_in_regs+12, %ebx\n" \
		"	movl nat_in_regs+20, %ebp\n" \
		"	movl nat_in_regs+24, %esi\n" \
		"	movl nat_in_regs+28, %edi\n" \
		"	jmp *nat_code_addr\n"     \
		".globl nat_back\n"               \
		"nat_back:\n"                     \
		"	movl %eax, nat_out_regs+0\n" \
		"	movl %ecx, nat_out_regs+4\n" \
		"	movl %edx, nat_out_regs+8\n" \
		"	movl %ebx, nat_out_regs+12\n" \
		"	movl %esp, nat_out_regs+16\n" \
		"	movl %ebp, nat_out_regs+20\n" \
		"	movl %esi, nat_out_regs+24\n" \
		"	movl %edi, nat_out_regs+28\n" \
		"	pushfl\n"                 \
		"	popl nat_out_regs+32\n"   \
		SAVE                              \
		"	cld\n"                    \
		"	movl nat_host_esp, %esp\n" \
		"	popl %edi\n"              \
		"	popl %esi\n"              \
		"	popl %ebx\n"              \
		"	popl %ebp\n"              \
		"	ret\n")

static void nat_on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	(void)sig;
	(void)si;
	nat_fault_vector = (uint32_t)uc->uc_mcontext.gregs[REG_TRAPNO];
	uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)nat_back;
}

static void nat_die(const char *what)
{
	fprintf(stderr, NAT_NAME ": %s: %s\n", what, strerror(errno));
	exit(2);
}

/* Map the data and code pages at their fixed addresses (map_size bytes
 * each) and catch every signal a faulting snippet raises. */
static void nat_setup(uint32_t data_page, uint32_t code_page, uint32_t map_size)
{
	void *d = mmap((void *)(uintptr_t)data_page, map_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *c = mmap((void *)(uintptr_t)code_page, map_size, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (d != (void *)(uintptr_t)data_page || c != (void *)(uintptr_t)code_page)
		nat_die("cannot map the data and code pages at their fixed addresses");
	nat_stack_top = (uint32_t)(uintptr_t)(nat_stack + sizeof(nat_stack));

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = nat_on_fault;
	sa.sa_flags = SA_SIGINFO;
	int sigs[] = { SIGFPE, SIGSEGV, SIGILL, SIGBUS, SIGTRAP };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			nat_die("sigaction");
}

/* 0 at a clean end of input, 1 with a whole record. */
static int nat_read_full(void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = read(0, (char *)buf + got, n - got);
		if (k == 0 && got == 0)
			return 0;
		if (k == 0) {
			errno = EPIPE;
			nat_die("truncated case record");
		}
		if (k < 0 && errno != EINTR)
			nat_die("read");
		if (k > 0)
			got += (size_t)k;
	}
	return 1;
}

static void nat_write_full(const void *buf, size_t n)
{
	size_t put = 0;
	while (put < n) {
		ssize_t k = write(1, (const char *)buf + put, n - put);
		if (k < 0 && errno != EINTR)
			nat_die("write");
		if (k > 0)
			put += (size_t)k;
	}
}

/* Place the code (len bytes at at, which must lie in the first code page
 * and leave room for the tail) and a "jmp nat_back" after it. */
static void nat_place_code(uint32_t at, const uint8_t *code, uint32_t len, uint32_t code_page,
			   uint32_t len_max)
{
	if (len > len_max || at - code_page >= 4096) {
		fprintf(stderr, NAT_NAME ": bad code placement (%u bytes at %08x)\n", len, at);
		exit(2);
	}
	uint8_t *p = (uint8_t *)(uintptr_t)at;
	memcpy(p, code, len);
	uint32_t next = at + len + 5;
	int32_t rel = (int32_t)((uint32_t)(uintptr_t)nat_back - next);
	p[len] = 0xe9;
	memcpy(p + len + 1, &rel, 4);
	nat_code_addr = at;
}

/* Load the case's registers and flags (only the bits in flags_in; bit 1
 * is fixed), run it, and take back what it left. */
static uint32_t nat_run(const uint32_t r_in[8], uint32_t eflags_in, uint32_t flags_in, uint32_t r_out[8],
			uint32_t *eflags_out)
{
	memcpy(nat_in_regs.r, r_in, sizeof(nat_in_regs.r));
	nat_in_regs.eflags = (eflags_in & flags_in) | 2u;
	nat_fault_vector = 0xffffffffu; /* ORC_NO_FAULT / FPO_NO_FAULT */
	nat_enter();
	memcpy(r_out, nat_out_regs.r, sizeof(nat_out_regs.r));
	*eflags_out = nat_out_regs.eflags;
	return nat_fault_vector;
}

#endif
