/* orc_common.c - the oracles' shared driver plumbing (orc_common.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "orc_common.h"

const char *const orc_reg_name[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

static int spawn(const char *path, struct orc_child *ch)
{
	int down[2], up[2];
	if (pipe(down) || pipe(up))
		return -1;
	ch->pid = fork();
	if (ch->pid < 0)
		return -1;
	if (ch->pid == 0) {
		dup2(down[0], 0);
		dup2(up[1], 1);
		close(down[0]);
		close(down[1]);
		close(up[0]);
		close(up[1]);
		execl(path, path, (char *)NULL);
		fprintf(stderr, "%s: cannot run %s: %s\n", ch->prog, path, strerror(errno));
		_exit(127);
	}
	close(down[0]);
	close(up[1]);
	ch->to = down[1];
	ch->from = up[0];
	return 0;
}

int orc_start(struct orc_child *ch, const char *prog, const char *path)
{
	ch->prog = prog;
	signal(SIGPIPE, SIG_IGN); /* a dead child shows as a write error instead */
	if (spawn(path, ch)) {
		fprintf(stderr, "%s: cannot start %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	return 0;
}

int orc_stop(struct orc_child *ch, int rc)
{
	int status = 0;
	close(ch->to);
	waitpid(ch->pid, &status, 0);
	if (rc || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "%s: the native runner failed (status 0x%x)\n", ch->prog, status);
		return -1;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	for (size_t put = 0; put < n;) {
		ssize_t k = write(fd, (const char *)buf + put, n - put);
		if (k < 0 && errno != EINTR)
			return -1;
		if (k > 0)
			put += (size_t)k;
	}
	return 0;
}

static int read_full(int fd, void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t k = read(fd, (char *)buf + got, n - got);
		if (k == 0 || (k < 0 && errno != EINTR))
			return -1;
		if (k > 0)
			got += (size_t)k;
	}
	return 0;
}

int orc_pump_run(struct orc_child *ch, const struct orc_pump *p, int64_t index, uint64_t count)
{
	uint64_t first = index >= 0 ? (uint64_t)index : 0, end = index >= 0 ? first + 1 : count;
	uint64_t sent = first, done = first;
	char *ring = calloc(p->window, p->slot_size);
	void *nat = malloc(p->out_size);
	int rc = ring && nat ? 0 : -1;
	while (!rc && done < end) {
		if (sent < end && sent - done < p->window) {
			const void *in = p->send(p->ctx, ring + sent % p->window * p->slot_size, sent);
			if (write_full(ch->to, in, p->in_size)) {
				fprintf(stderr, "%s: cannot send to the native runner: %s\n", ch->prog, strerror(errno));
				rc = -1;
			}
			sent++;
			continue;
		}
		if (read_full(ch->from, nat, p->out_size)) {
			fprintf(stderr, "%s: the native runner stopped answering\n", ch->prog);
			rc = -1;
			continue;
		}
		p->check(p->ctx, ring + done % p->window * p->slot_size, nat);
		done++;
	}
	free(ring);
	free(nat);
	return rc;
}

uint64_t orc_num(const char *s, void (*usage)(void))
{
	char *e;
	errno = 0;
	uint64_t v = strtoull(s, &e, 0);
	if (errno || *e || !*s)
		usage();
	return v;
}

double orc_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
