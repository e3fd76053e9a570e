/* mmx_native.c - driver for mmx_native.inc: runs a guest test's core on
 * the host CPU and reports its faults the way lib.inc's handler does. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

extern unsigned recover, try_point;
void native_entry(void);

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;
	char buf[96];
	int n;
	(void)si;
	if (!recover) {
		n = snprintf(buf, sizeof buf, "EXC %02x err=%08x eip=%08x unexpected (signal %d)\n",
			     (unsigned)g[REG_TRAPNO], (unsigned)g[REG_ERR], (unsigned)g[REG_EIP], sig);
		write(1, buf, (size_t)n);
		_exit(1);
	}
	n = snprintf(buf, sizeof buf, "EXC %02x err=%08x eip=T+%08x\n", (unsigned)g[REG_TRAPNO],
		     (unsigned)g[REG_ERR], (unsigned)g[REG_EIP] - try_point);
	write(1, buf, (size_t)n);
	g[REG_EIP] = (greg_t)recover;
	recover = 0;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	native_entry();
	return 0;
}
