/* fporacle.c - runs generated x87/MMX/SSE/SSE2 cases natively and in xlat
 * and compares the whole architectural result.
 *
 *   fporacle -x NATIVE32 [-s SEED] [-n COUNT] [-f FORMS] [-i INDEX] [-m MAXSHOW] [-v] [-b] [-l]
 *
 * -b prints one line per failure (the differing fields, native/xlat).
 *
 * FORMS is a comma-separated list of family names (x87 mmx sse sse2 seq),
 * form names (see -l), NAME* prefixes, or "all" (optional forms included).
 *
 * Compared: the general registers but ESP, CF PF AF ZF SF OF, the x87
 * control word, status word (TOP, C0-C3, flags, SF, ES, B), abridged tag
 * word and all eight physical registers (80 bits each, empty or not),
 * MXCSR, XMM0-7 (MMX registers are the x87 registers' significands), the
 * data buffer (but for bytes the generator marks: FIP/FDP/FOP in saved
 * environments, FXSAVE's reserved areas), and whether and how the code
 * faulted. The x87 transcendentals may differ from the host by one ulp of
 * the 64-bit significand (C1 may then differ too), RCPPS/RSQRTPS and their
 * scalar forms by the SDM's 1.5 * 2^-12 relative error bound; both kinds
 * are counted, exact and not.
 *
 * As in tests/oracle (and with its orc_common.c), NATIVE32 runs as one
 * child process fed through a pipe, at most WINDOW cases in flight. Every
 * case is reproducible alone: -i INDEX reruns case INDEX of the run with the
 * same -s and -f and prints it in full. The last line is "N passed, M
 * failed". Exit status: 0 when every case matched, 1 on a mismatch, 2 on a
 * usage or set-up error. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xlat/machine.h"
#include "fpgen.h"
#include "fxrun.h"
#include "../oracle/orc_common.h"

#define WINDOW 40u /* in flight: 40 records of either kind fit in a 64 KiB pipe */
#define DEFAULT_SEED 0xf10a7ca5eull
#define DEFAULT_COUNT 100000u
#define MAX_FORMS 512u

struct opts {
	const char *native;
	uint64_t seed;
	uint64_t count;
	uint8_t sel[MAX_FORMS / 8];
	unsigned nsel;
	const char *sel_arg;
	int64_t index; /* -1: all cases */
	unsigned maxshow;
	int verbose;
	int brief; /* one line per failure */
};

struct slot {
	struct tcase tc;
	struct fpo_out xl;
	uint64_t index;
};

struct tally {
	uint64_t pass[MAX_FORMS], fail[MAX_FORMS], faulted[MAX_FORMS];
	uint64_t exact[MAX_FORMS], near[MAX_FORMS]; /* tolerance forms: bit-exact or within bounds */
	unsigned shown;
};

/* What a comparison found. */
struct diff {
	int same;     /* within the rules */
	int tolerant; /* and some value differed within tolerance */
	char what[512];
};

/* ---- field access ---- */
static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static unsigned fx_top(const uint8_t *fx) { return (unsigned)le(fx + FX_FSW, 2) >> 11 & 7; }
static const uint8_t *st_of(const uint8_t *fx, unsigned i) { return fx + FX_ST + 16 * i; }

static int ignored(const struct tcase *tc, unsigned i) { return tc->ignore[i / 8] >> (i % 8) & 1; }

/* ---- tolerances ---- */

/* Position of a finite x87 value on the number line of its sign: adjacent
 * values (one ulp apart, denormals included) differ by one. */
static int x80_key(const uint8_t *p, __int128 *key)
{
	uint64_t sig = le(p, 8);
	unsigned exp = (unsigned)le(p + 8, 2) & 0x7fff;
	if (exp == 0x7fff || (exp && !(sig >> 63)))
		return 0;
	*key = exp ? ((__int128)exp << 63) + (sig & ~(1ull << 63)) : sig;
	return 1;
}

static int within_ulp(const uint8_t *a, const uint8_t *b)
{
	__int128 ka, kb;
	if ((a[9] ^ b[9]) & 0x80 || !x80_key(a, &ka) || !x80_key(b, &kb))
		return 0;
	return ka - kb <= 1 && kb - ka <= 1;
}

static float f32_of(uint32_t b)
{
	float f;
	memcpy(&f, &b, 4);
	return f;
}

/* RCPPS/RSQRTPS element: x the source bits, r xlat's result. Zero,
 * denormal, infinite and NaN sources and negative RSQRT sources have exact
 * results (SDM Vol. 2, RCPPS); otherwise r must lie within 1.5 * 2^-12 of
 * the true value, or be the zero a tiny reciprocal may be flushed to. */
static int approx_ok(int rsqrt, uint32_t x, uint32_t r)
{
	unsigned e = x >> 23 & 0xff;
	if (e == 0 || e == 0xff || (rsqrt && (x >> 31)))
		return 0;
	double v = fabs((double)f32_of(x)), t = rsqrt ? 1.0 / sqrt(v) : 1.0 / v;
	double got = (double)f32_of(r);
	if ((r ^ x) >> 31 && !rsqrt)
		return 0;
	got = fabs(got);
	if (!rsqrt && t < 0x1.0p-126 * (1 + 0x1.0p-10) && got == 0)
		return 1;
	return fabs(got - t) <= 1.5 * 0x1.0p-12 * t;
}

/* ---- comparing ---- */
static void note(struct diff *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct diff *d, const char *fmt, ...)
{
	size_t n = strlen(d->what);
	va_list ap;
	va_start(ap, fmt);
	if (n < sizeof(d->what) - 1)
		vsnprintf(d->what + n, sizeof(d->what) - n, fmt, ap);
	va_end(ap);
}

static void cmp_gprs(struct diff *d, const struct fpo_out *n, const struct fpo_out *x)
{
	if (n->vector != x->vector) {
		d->same = 0;
		note(d, " fault:%d/%d", (int)n->vector, (int)x->vector);
	}
	for (unsigned i = 0; i < 8; i++)
		if (i != 4 && n->s.r[i] != x->s.r[i]) {
			d->same = 0;
			note(d, " %s:%08x/%08x", orc_reg_name[i], n->s.r[i], x->s.r[i]);
		}
	if ((n->s.eflags ^ x->s.eflags) & FPO_FLAGS_IN) {
		d->same = 0;
		note(d, " eflags:%03x/%03x", n->s.eflags & FPO_FLAGS_IN, x->s.eflags & FPO_FLAGS_IN);
	}
}

/* Is ST(i) of the image empty, a NaN, an unsupported encoding, or (want
 * set) zero or infinite? */
static int x87_odd(const uint8_t *fx, unsigned i, int zero, int inf)
{
	const uint8_t *p = st_of(fx, i);
	uint64_t sig = le(p, 8);
	unsigned exp = (unsigned)le(p + 8, 2) & 0x7fff;
	if (!(fx[FX_FTW] >> ((fx_top(fx) + i) & 7) & 1))
		return 1;
	if (exp && !(sig >> 63)) /* unnormal, pseudo-NaN, pseudo-infinity */
		return 1;
	if (exp == 0x7fff)
		return sig << 1 ? 1 : inf;
	return zero && !exp && !sig;
}

/* Status word bits a case leaves free: the undefined condition codes of
 * its form(s); for FPREM/FPREM1 with an invalid operand (no quotient) C0,
 * C1 and C3; for the transcendentals C1, the rounding direction, which
 * depends on how close each CPU's approximation came. */
static unsigned sw_free(const struct tcase *tc)
{
	const struct fpform *f = &fp_forms[tc->form];
	unsigned free = tc->sw_free;
	if (f->gen == GEN_X87 && f->op == 0xd9 && (f->modrm == 0xf8 || f->modrm == 0xf5) &&
	    (x87_odd(tc->in.s.fx, 0, 0, 1) || x87_odd(tc->in.s.fx, 1, 1, 0)))
		free |= 0x4300;
	if (tc->check == CHK_ULP)
		free |= 0x200;
	return free;
}

static void cmp_x87(struct diff *d, const struct tcase *tc, const uint8_t *n, const uint8_t *x)
{
	unsigned free = sw_free(tc);
	for (unsigned i = 0; i < 8; i++) {
		if (!memcmp(st_of(n, i), st_of(x, i), 10))
			continue;
		if (tc->check == CHK_ULP && within_ulp(st_of(n, i), st_of(x, i))) {
			d->tolerant = 1;
			continue;
		}
		d->same = 0;
		note(d, " st%u:%04x.%016" PRIx64 "/%04x.%016" PRIx64, i, (unsigned)le(st_of(n, i) + 8, 2),
		     le(st_of(n, i), 8), (unsigned)le(st_of(x, i) + 8, 2), le(st_of(x, i), 8));
	}
	if (le(n + FX_FCW, 2) != le(x + FX_FCW, 2)) {
		d->same = 0;
		note(d, " fcw:%04x/%04x", (unsigned)le(n + FX_FCW, 2), (unsigned)le(x + FX_FCW, 2));
	}
	if (tc->check == CHK_ULP && (le(n + FX_FSW, 2) ^ le(x + FX_FSW, 2)) & 0x200)
		d->tolerant = 1;
	if ((le(n + FX_FSW, 2) ^ le(x + FX_FSW, 2)) & ~free) {
		d->same = 0;
		note(d, " fsw:%04x/%04x", (unsigned)le(n + FX_FSW, 2), (unsigned)le(x + FX_FSW, 2));
	}
	if (n[FX_FTW] != x[FX_FTW]) {
		d->same = 0;
		note(d, " ftw:%02x/%02x", n[FX_FTW], x[FX_FTW]);
	}
}

static void cmp_xmm(struct diff *d, const struct tcase *tc, const uint8_t *n, const uint8_t *x)
{
	if (le(n + FX_MXCSR, 4) != le(x + FX_MXCSR, 4)) {
		d->same = 0;
		note(d, " mxcsr:%04x/%04x", (unsigned)le(n + FX_MXCSR, 4), (unsigned)le(x + FX_MXCSR, 4));
	}
	for (unsigned i = 0; i < 8; i++) {
		const uint8_t *a = n + FX_XMM + 16 * i, *b = x + FX_XMM + 16 * i;
		if (!memcmp(a, b, 16))
			continue;
		for (unsigned k = 0; k < 4; k++) {
			uint32_t ea = (uint32_t)le(a + 4 * k, 4), eb = (uint32_t)le(b + 4 * k, 4);
			if (ea == eb)
				continue;
			if ((tc->check == CHK_RCP || tc->check == CHK_RSQRT) && k < tc->approx_n &&
			    approx_ok(tc->check == CHK_RSQRT, (uint32_t)le(tc->approx_src + 4 * k, 4), eb)) {
				d->tolerant = 1;
				continue;
			}
			d->same = 0;
			note(d, " xmm%u:%016" PRIx64 "%016" PRIx64 "/%016" PRIx64 "%016" PRIx64, i, le(a + 8, 8),
			     le(a, 8), le(b + 8, 8), le(b, 8));
			break;
		}
	}
}

static void cmp_data(struct diff *d, const struct tcase *tc, const struct fpo_out *n, const struct fpo_out *x)
{
	unsigned shown = 0;
	for (unsigned i = 0; i < FPO_DATA_SIZE; i++) {
		if (n->s.data[i] == x->s.data[i] || ignored(tc, i))
			continue;
		d->same = 0;
		if (shown++ < 6)
			note(d, " mem[+%u]:%02x/%02x", i, n->s.data[i], x->s.data[i]);
	}
}

static void compare(const struct tcase *tc, const struct fpo_out *n, const struct fpo_out *x, struct diff *d)
{
	d->same = 1;
	d->tolerant = 0;
	d->what[0] = 0;
	cmp_gprs(d, n, x);
	cmp_x87(d, tc, n->s.fx, x->s.fx);
	cmp_xmm(d, tc, n->s.fx, x->s.fx);
	cmp_data(d, tc, n, x);
}

/* ---- printing ---- */
static void print_x80(const uint8_t *p)
{
	long double v;
	memcpy(&v, p, 10);
	printf("%04x:%016" PRIx64 " %-13.6Lg", (unsigned)le(p + 8, 2), le(p, 8), v);
}

static void print_fp(const uint8_t *fx, const uint8_t *ref)
{
	unsigned top = fx_top(fx);
	printf("    fcw=%04x fsw=%04x(top %u) ftw=%02x mxcsr=%08x\n", (unsigned)le(fx + FX_FCW, 2),
	       (unsigned)le(fx + FX_FSW, 2), top, fx[FX_FTW], (unsigned)le(fx + FX_MXCSR, 4));
	for (unsigned i = 0; i < 8; i++) {
		unsigned phys = (top + i) & 7;
		const uint8_t *x = fx + FX_XMM + 16 * i;
		if (ref && !memcmp(st_of(fx, i), st_of(ref, i), 10) && !memcmp(x, ref + FX_XMM + 16 * i, 16))
			continue;
		printf("    st%u(r%u%s) ", i, phys, fx[FX_FTW] >> phys & 1 ? "" : ",empty");
		print_x80(st_of(fx, i));
		printf("  xmm%u=%016" PRIx64 "%016" PRIx64 "\n", i, le(x + 8, 8), le(x, 8));
	}
}

/* A state; with ref, only the registers that differ from ref. */
static void print_state(const char *who, const struct fpo_state *s, uint32_t vector, const struct fpo_state *ref)
{
	printf("  %-6s", who);
	for (unsigned i = 0; i < 8; i++)
		if (i != 4)
			printf(" %s=%08x", orc_reg_name[i], s->r[i]);
	printf(" fl=%03x", s->eflags & FPO_FLAGS_IN);
	if (vector == FPO_NO_FINISH)
		printf(" (did not finish)");
	else if (vector != FPO_NO_FAULT)
		printf(" fault=%u", vector);
	putchar('\n');
	print_fp(s->fx, ref ? ref->fx : NULL);
}

static void print_name(const struct tcase *tc)
{
	printf("%s", fp_forms[tc->form].name);
	for (unsigned k = 0; k < tc->nsub; k++)
		printf("%s%s", k ? "," : "(", fp_forms[tc->sub[k]].name);
	if (tc->nsub)
		putchar(')');
}

static void report(const struct opts *o, const struct slot *s, const struct fpo_out *nat, const struct diff *d)
{
	const struct tcase *tc = &s->tc;
	printf("%s case %" PRIu64 " ", d->same ? "ok" : "FAIL", s->index);
	print_name(tc);
	putchar(':');
	for (unsigned i = 0; i < tc->in.code_len; i++)
		printf(" %02x", tc->in.code[i]);
	if (o->brief) {
		printf(" |%s\n", d->what);
		return;
	}
	printf("   (rerun: -s 0x%" PRIx64 " -i %" PRIu64 "%s%s)\n", o->seed, s->index, o->sel_arg ? " -f " : "",
	       o->sel_arg ? o->sel_arg : "");
	print_state("in", &tc->in.s, FPO_NO_FAULT, NULL);
	print_state("native", &nat->s, nat->vector, o->verbose ? NULL : &tc->in.s);
	print_state("xlat", &s->xl.s, s->xl.vector, o->verbose ? NULL : &nat->s);
	if (!d->same)
		printf("  differ:%s\n", d->what);
	else if (d->tolerant)
		printf("  within tolerance\n");
}

static void check(const struct opts *o, struct tally *t, const struct slot *s, const struct fpo_out *nat)
{
	struct diff d;
	unsigned f = s->tc.form;
	compare(&s->tc, nat, &s->xl, &d);
	if (nat->vector != FPO_NO_FAULT)
		t->faulted[f]++;
	if (d.same) {
		t->pass[f]++;
		if (s->tc.check != CHK_EXACT)
			(d.tolerant ? t->near : t->exact)[f]++;
	} else {
		t->fail[f]++;
	}
	if (o->verbose || (!d.same && t->shown++ < o->maxshow))
		report(o, s, nat, &d);
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
	gen_case(r->o->seed, index, r->o->sel, r->o->nsel, &s->tc);
	fxrun_case(r->m, &s->tc.in, &s->xl);
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
	const struct orc_pump p = { &r, WINDOW, sizeof(struct slot), sizeof(struct fpo_in), sizeof(struct fpo_out),
				    send_case, check_case };
	return orc_pump_run(ch, &p, o->index, o->count);
}

/* Forms three to a line, then the families, then the tolerance counts. */
static void summary(const struct tally *t, double secs)
{
	uint64_t pass = 0, fail = 0, fp[FAM_N] = { 0 }, ff[FAM_N] = { 0 };
	unsigned col = 0;
	printf("%-15s %6s %5s %5s | %-15s %6s %5s %5s | %-15s %6s %5s %5s\n", "form", "pass", "fail", "flt",
	       "form", "pass", "fail", "flt", "form", "pass", "fail", "flt");
	for (unsigned f = 0; f < fp_nforms; f++) {
		if (t->pass[f] + t->fail[f] == 0)
			continue;
		printf("%-15s %6" PRIu64 " %5" PRIu64 " %5" PRIu64 "%s", fp_forms[f].name, t->pass[f], t->fail[f],
		       t->faulted[f], ++col % 3 ? (t->fail[f] ? " * " : " | ") : (t->fail[f] ? " *\n" : "\n"));
		pass += t->pass[f];
		fail += t->fail[f];
		fp[fp_forms[f].fam] += t->pass[f];
		ff[fp_forms[f].fam] += t->fail[f];
	}
	if (col % 3)
		putchar('\n');
	printf("families:");
	for (unsigned k = 0; k < FAM_N; k++)
		if (fp[k] + ff[k])
			printf("  %s %" PRIu64 "/%" PRIu64, fp_family_name[k], fp[k], fp[k] + ff[k]);
	printf("  (passed/run)\n");
	for (unsigned f = 0; f < fp_nforms; f++)
		if ((fp_forms[f].flags & (F_ULP | F_RCP | F_RSQ)) && t->pass[f] + t->fail[f])
			printf("tolerance %-10s %6" PRIu64 " bit-exact %6" PRIu64 " within %s %6" PRIu64 " failed\n",
			       fp_forms[f].name, t->exact[f], t->near[f], fp_forms[f].flags & F_ULP ? "1 ulp    " : "1.5*2^-12",
			       t->fail[f]);
	printf("time: %.1f s\n", secs);
	printf("%" PRIu64 " passed, %" PRIu64 " failed\n", pass, fail);
}

/* ---- options ---- */
static void usage(void)
{
	fprintf(stderr, "usage: fporacle -x NATIVE32 [-s SEED] [-n COUNT] [-f FORMS] [-i INDEX] [-m MAXSHOW] [-v] [-b] [-l]\n"
			"  FORMS: comma-separated families (x87 mmx sse sse2 seq), form names, NAME*, all\n");
	exit(2);
}

static void list_forms(void)
{
	for (unsigned f = 0; f < fp_nforms; f++)
		printf("%-16s %s%s\n", fp_forms[f].name, fp_family_name[fp_forms[f].fam],
		       fp_form_default(f) ? "" : " (optional)");
	exit(0);
}

static void select_form(struct opts *o, unsigned f)
{
	o->sel[f / 8] |= (uint8_t)(1u << (f % 8));
}

/* One token of -f: a family, "all", a NAME* prefix or a form name. */
static void select_token(struct opts *o, const char *tok, size_t len)
{
	int hit = 0;
	for (unsigned f = 0; f < fp_nforms; f++) {
		const char *name = fp_forms[f].name, *fam = fp_family_name[fp_forms[f].fam];
		int m = (len == 3 && !strncmp(tok, "all", 3)) ||
			(strlen(fam) == len && !strncmp(tok, fam, len) && fp_form_default(f)) ||
			(len && tok[len - 1] == '*' && !strncmp(tok, name, len - 1)) ||
			(strlen(name) == len && !strncmp(tok, name, len));
		if (m) {
			select_form(o, f);
			hit = 1;
		}
	}
	if (!hit) {
		fprintf(stderr, "fporacle: no form or family '%.*s' (see -l)\n", (int)len, tok);
		exit(2);
	}
}

static void select_forms(struct opts *o)
{
	if (!o->sel_arg) {
		for (unsigned f = 0; f < fp_nforms; f++)
			if (fp_form_default(f))
				select_form(o, f);
	} else {
		for (const char *p = o->sel_arg; *p;) {
			size_t len = strcspn(p, ",");
			select_token(o, p, len);
			p += len + (p[len] == ',');
		}
	}
	for (unsigned f = 0; f < fp_nforms; f++)
		o->nsel += fp_selected(o->sel, f);
}

static void parse(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = DEFAULT_SEED;
	o->count = DEFAULT_COUNT;
	o->index = -1;
	o->maxshow = 20;
	int c;
	while ((c = getopt(argc, argv, "x:s:n:f:i:m:vlb")) != -1) {
		switch (c) {
		case 'x': o->native = optarg; break;
		case 's': o->seed = orc_num(optarg, usage); break;
		case 'n': o->count = orc_num(optarg, usage); break;
		case 'f': o->sel_arg = optarg; break;
		case 'i': o->index = (int64_t)orc_num(optarg, usage); o->verbose = 1; break;
		case 'm': o->maxshow = (unsigned)orc_num(optarg, usage); break;
		case 'v': o->verbose = 1; break;
		case 'l': list_forms(); break;
		case 'b': o->brief = 1; break;
		default: usage();
		}
	}
	if (!o->native || optind != argc || fp_nforms > MAX_FORMS)
		usage();
	select_forms(o);
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
		fprintf(stderr, "fporacle: %s\n", err);
		return 2;
	}
	if (orc_start(&ch, "fporacle", o.native))
		return 2;
	printf("fporacle: seed 0x%" PRIx64 ", %" PRIu64 " cases over %u forms\n", o.seed,
	       o.index >= 0 ? 1 : o.count, o.nsel);
	double t0 = orc_now();
	int rc = orc_stop(&ch, run_all(&o, m, &ch, &t));
	double secs = orc_now() - t0;
	machine_free(m);
	if (rc)
		return 2;
	summary(&t, secs);
	for (unsigned f = 0; f < fp_nforms; f++)
		if (t.fail[f])
			return 1;
	return 0;
}
