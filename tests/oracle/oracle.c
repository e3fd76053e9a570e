/* oracle.c - runs generated instruction cases natively and in xlat and
 * compares registers, the data buffer, the defined flags and whether (and
 * how) the instruction faulted.
 *
 *   oracle -x NATIVE32 [-s SEED] [-n COUNT] [-f FORM] [-i INDEX] [-m MAXSHOW] [-v]
 *
 * NATIVE32 (native.c) runs as one child process: cases go down a pipe and
 * results come back up another, at most WINDOW in flight (orc_common.h).
 * Each case runs in xlat as it is sent.
 *
 * Every case is reproducible on its own: -i INDEX reruns case INDEX of the
 * run with the same -s (and -f) and prints it in full. Exit status: 0 when
 * every case matched, 1 on a mismatch, 2 on a usage or set-up error. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xlat/machine.h"
#include "gen.h"
#include "orc_common.h"
#include "xrun.h"

#define WINDOW 128u /* in flight: 128 records of either kind fit in a 64 KiB pipe */
#define DEFAULT_SEED 0x0dd1ce5eedull
#define DEFAULT_COUNT 120000u

struct opts {
	const char *native;
	uint64_t seed;
	uint64_t count;
	unsigned form;  /* gen_nforms: any */
	int64_t index;  /* -1: all cases */
	unsigned maxshow;
	int verbose;
};

struct slot {
	struct tcase tc;
	struct orc_out xl;
	uint64_t index;
};

struct tally {
	uint64_t pass[256], fail[256], faulted[256];
	unsigned shown;
};

/* ---- printing ---- */
static void print_flags(uint32_t f)
{
	static const struct { uint32_t bit; char c; } fl[] = {
		{ OF_OF, 'O' }, { OF_DF, 'D' }, { OF_SF, 'S' }, { OF_ZF, 'Z' },
		{ OF_AF, 'A' }, { OF_PF, 'P' }, { OF_CF, 'C' },
	};
	printf("fl=%04x[", f & 0xffffu);
	for (unsigned i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		putchar(f & fl[i].bit ? fl[i].c : '-');
	putchar(']');
}

static void print_state(const char *who, const struct orc_state *s, uint32_t vector)
{
	printf("  %-6s", who);
	for (unsigned i = 0; i < 8; i++)
		if (i != 4)
			printf(" %s=%08x", orc_reg_name[i], s->r[i]);
	putchar(' ');
	print_flags(s->eflags);
	if (vector == ORC_NO_FINISH)
		printf(" (did not finish)");
	else if (vector != ORC_NO_FAULT)
		printf(" fault=%u", vector);
	putchar('\n');
}

static void print_bytes(const struct tcase *tc)
{
	for (unsigned i = 0; i < tc->in.code_len; i++)
		printf(" %02x", tc->in.code[i]);
}

/* Data bytes that differ: offset, native, xlat (at most 8 shown). */
static void print_data_diff(const struct orc_out *nat, const struct orc_out *xl)
{
	unsigned shown = 0;
	for (unsigned i = 0; i < ORC_DATA_SIZE && shown < 8; i++) {
		if (nat->s.data[i] == xl->s.data[i])
			continue;
		printf(" mem[%08x]:%02x/%02x", ORC_DATA_BASE + i, nat->s.data[i], xl->s.data[i]);
		shown++;
	}
}

/* ---- comparing ---- */

/* The flags to compare: a faulting instruction changes none of them. */
static uint32_t compare_mask(const struct tcase *tc, const struct orc_out *nat)
{
	return nat->vector == ORC_NO_FAULT ? tc->fmask | OF_DF : OF_ARITH | OF_DF;
}

static int same(const struct tcase *tc, const struct orc_out *nat, const struct orc_out *xl)
{
	uint32_t fm = compare_mask(tc, nat);
	if (nat->vector != xl->vector || ((nat->s.eflags ^ xl->s.eflags) & fm))
		return 0;
	for (unsigned i = 0; i < 8; i++)
		if (i != 4 && nat->s.r[i] != xl->s.r[i])
			return 0;
	return memcmp(nat->s.data, xl->s.data, ORC_DATA_SIZE) == 0;
}

static void print_diff_line(const struct tcase *tc, const struct orc_out *nat, const struct orc_out *xl)
{
	uint32_t fm = compare_mask(tc, nat), fd = (nat->s.eflags ^ xl->s.eflags) & fm;
	printf("  differ:");
	if (nat->vector != xl->vector)
		printf(" fault");
	for (unsigned i = 0; i < 8; i++)
		if (i != 4 && nat->s.r[i] != xl->s.r[i])
			printf(" %s", orc_reg_name[i]);
	if (fd) {
		printf(" flags(");
		print_flags(fd);
		putchar(')');
	}
	print_data_diff(nat, xl);
	printf("   [compared flags: ");
	print_flags(fm);
	printf("]\n");
}

static void report(const struct opts *o, const struct slot *s, const struct orc_out *nat, int ok)
{
	const struct tcase *tc = &s->tc;
	printf("%s case %" PRIu64 " %s", ok ? "ok" : "FAIL", s->index, gen_forms[tc->form].name);
	if (tc->form == gen_form_pair)
		printf("(%s,%s)", gen_forms[tc->sub[0]].name, gen_forms[tc->sub[1]].name);
	putchar(':');
	print_bytes(tc);
	printf("   (rerun: -s 0x%" PRIx64 " -i %" PRIu64 "%s%s)\n", o->seed, s->index,
	       o->form < gen_nforms ? " -f " : "", o->form < gen_nforms ? gen_forms[o->form].name : "");
	print_state("in", &tc->in.s, ORC_NO_FAULT);
	print_state("native", &nat->s, nat->vector);
	print_state("xlat", &s->xl.s, s->xl.vector);
	if (!ok)
		print_diff_line(tc, nat, &s->xl);
}

static void check(const struct opts *o, struct tally *t, const struct slot *s, const struct orc_out *nat)
{
	int ok = same(&s->tc, nat, &s->xl);
	if (nat->vector != ORC_NO_FAULT)
		t->faulted[s->tc.form]++;
	if (ok)
		t->pass[s->tc.form]++;
	else
		t->fail[s->tc.form]++;
	if (o->verbose || (!ok && t->shown++ < o->maxshow))
		report(o, s, nat, ok);
}

/* ---- the run ---- */
struct run {
	const struct opts *o;
	struct machine *m;
	struct tally *t;
};

static const void *send_case(void *ctx, void *slot, uint64_t index)
{
	struct run *r = ctx;
	struct slot *s = slot;
	s->index = index;
	gen_case(r->o->seed, index, r->o->form, &s->tc);
	xrun_case(r->m, &s->tc.in, &s->xl);
	return &s->tc.in;
}

static void check_case(void *ctx, const void *slot, const void *nat)
{
	struct run *r = ctx;
	check(r->o, r->t, slot, nat);
}

static int run_all(const struct opts *o, struct machine *m, struct orc_child *ch, struct tally *t)
{
	struct run r = { o, m, t };
	const struct orc_pump p = { &r, WINDOW, sizeof(struct slot), sizeof(struct orc_in), sizeof(struct orc_out),
				    send_case, check_case };
	return orc_pump_run(ch, &p, o->index, o->count);
}

static void summary(const struct tally *t, double secs)
{
	uint64_t pass = 0, fail = 0;
	printf("%-10s %8s %8s %8s\n", "form", "passed", "failed", "faulted");
	for (unsigned f = 0; f < gen_nforms; f++) {
		if (t->pass[f] + t->fail[f] == 0)
			continue;
		printf("%-10s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "%s\n", gen_forms[f].name, t->pass[f],
		       t->fail[f], t->faulted[f], t->fail[f] ? "  <--" : "");
		pass += t->pass[f];
		fail += t->fail[f];
	}
	printf("time: %.1f s\n", secs);
	printf("%" PRIu64 " passed, %" PRIu64 " failed\n", pass, fail);
}

/* ---- options ---- */
static void usage(void)
{
	fprintf(stderr, "usage: oracle -x NATIVE32 [-s SEED] [-n COUNT] [-f FORM] [-i INDEX] [-m MAXSHOW] [-v]\n"
			"forms:");
	for (unsigned f = 0; f < gen_nforms; f++)
		fprintf(stderr, " %s", gen_forms[f].name);
	fputc('\n', stderr);
	exit(2);
}

static unsigned form_by_name(const char *name)
{
	for (unsigned f = 0; f < gen_nforms; f++)
		if (!strcmp(gen_forms[f].name, name))
			return f;
	fprintf(stderr, "oracle: no form '%s'\n", name);
	usage();
	return 0;
}

static void parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ NULL, DEFAULT_SEED, DEFAULT_COUNT, gen_nforms, -1, 20, 0 };
	int c;
	while ((c = getopt(argc, argv, "x:s:n:f:i:m:v")) != -1) {
		switch (c) {
		case 'x': o->native = optarg; break;
		case 's': o->seed = orc_num(optarg, usage); break;
		case 'n': o->count = orc_num(optarg, usage); break;
		case 'f': o->form = form_by_name(optarg); break;
		case 'i': o->index = (int64_t)orc_num(optarg, usage); o->verbose = 1; break;
		case 'm': o->maxshow = (unsigned)orc_num(optarg, usage); break;
		case 'v': o->verbose = 1; break;
		default: usage();
		}
	}
	if (!o->native || optind != argc)
		usage();
}

int main(int argc, char **argv)
{
	struct opts o;
	static struct tally t;
	struct orc_child ch;
	char err[256];
	parse(argc, argv, &o);
	struct machine *m = xrun_new(err, sizeof(err));
	if (!m) {
		fprintf(stderr, "oracle: %s\n", err);
		return 2;
	}
	if (orc_start(&ch, "oracle", o.native))
		return 2;
	printf("oracle: seed 0x%" PRIx64 ", %" PRIu64 " cases\n", o.seed, o.index >= 0 ? 1 : o.count);
	double t0 = orc_now();
	int rc = orc_stop(&ch, run_all(&o, m, &ch, &t));
	double secs = orc_now() - t0;
	machine_free(m);
	if (rc)
		return 2;
	summary(&t, secs);
	for (unsigned f = 0; f < gen_nforms; f++)
		if (t.fail[f])
			return 1;
	return 0;
}
