/* transcmp.c - xlat's x87 transcendentals, FPREM/FPREM1 and BCD conversions
 * against this machine's own x87.
 *
 *   transcmp [-n cases] [-s seed] [-v]     compare with the host x87
 *   transcmp -H [-n cases] [-s seed]         hash xlat's results (any host)
 *
 * For each function: special operands (zeros, denormals, infinities, NaNs,
 * unsupported encodings, the ends of each instruction's domain) and seeded
 * random ones (for the trig functions spread over the whole range up to
 * 2^63 and clustered at multiples of pi/2), in all four rounding modes,
 * with every exception masked and again with all but PE unmasked. Prints,
 * per function, the cases, how many results are bit-identical, how many
 * differ by one ulp (and how many of those in round-to-nearest), how many
 * by more, and how many status words differ.
 *
 * Exit status 1 when a result is more than one ulp off, when an FPREM,
 * FPREM1 or BCD result or status differs at all, or when a transcendental's
 * IE/DE/ZE/OE or C2 differs (its PE, UE and C1 follow the last bit of the
 * result, so they may differ with a one-ulp difference or where the host
 * rounds a tiny argument oddly; they are counted, not failed).
 *
 * The oracle runs the instruction with inline assembly and reads the
 * registers back with FNSAVE, which does not trigger pending unmasked
 * exceptions. Only x86-64 hosts have the oracle. -H instead prints one
 * hash of xlat's results and status words per function, for the same
 * operands: check-fp-trans-portable compares the hashes of builds with and
 * without __int128 and, when it can, of an aarch64 build under qemu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlat/fp.h"
#include "cpu/fp/fp_internal.h"

#if defined(__x86_64__)
#define HOST_X87 1
#endif

enum fn {
	FN_SIN, FN_COS, FN_SINCOS, FN_TAN, FN_ATAN, FN_2XM1, FN_YL2X, FN_YL2XP1,
	FN_PREM, FN_PREM1, FN_BLD, FN_BSTP, FN_COUNT
};
static const char *const fn_names[FN_COUNT] = {
	"fsin", "fcos", "fsincos", "fptan", "fpatan", "f2xm1", "fyl2x", "fyl2xp1",
	"fprem", "fprem1", "fbld", "fbstp",
};

#define SW_FLAGS 0x3fu
#define SW_C0 0x0100u
#define SW_C1 0x0200u
#define SW_C2 0x0400u
#define SW_C3 0x4000u
#define SW_COND (SW_C0 | SW_C1 | SW_C2 | SW_C3)

/* One run: up to two f80 results (st0, st1 or sin, cos) or ten BCD bytes,
 * and the status word bits compared. */
struct outcome {
	f80 r[2];
	unsigned nres;
	u8 bcd[10];
	unsigned sw;
	bool stopped; /* an unmasked IE/DE/ZE: no result to compare */
};

struct stats {
	unsigned long cases, same, ulp1, ulp1_near, worse, swdiff;
	u64 hash;
};

static int verbose, hash_mode;

/* ---- the host ---- */

#ifdef HOST_X87
static unsigned long shown; /* differences printed so far */

struct fnsave_area {
	u16 cw, pad0, sw, pad1, tw, pad2;
	u32 fip, fcs_fop, fdp, fds;
	u8 st[8][10];
} __attribute__((packed));

static f80 f80_at(const u8 *p)
{
	f80 r;
	memcpy(&r.sig, p, 8);
	memcpy(&r.se, p + 8, 2);
	return r;
}

static void put_f80(u8 *p, f80 a)
{
	memcpy(p, &a.sig, 8);
	memcpy(p + 8, &a.se, 2);
}

/* Loads b then a (a = ST0, b = ST1), runs op, saves the state. */
#define HOST_RUN(insn, cw, a, b, save)                                                  \
	__asm__ volatile("fninit\n\tfldcw %1\n\tfldt %2\n\tfldt %3\n\t" insn "\n\tfnsave %0" \
			 : "=m"(save)                                                    \
			 : "m"(cw), "m"(*(const u8(*)[10])(b)), "m"(*(const u8(*)[10])(a)) \
			 : "memory")

static void host_run(enum fn f, u16 cw, f80 a, f80 b, struct outcome *o)
{
	struct fnsave_area s;
	u8 ab[10], bb[10];
	put_f80(ab, a);
	put_f80(bb, b);
	switch (f) {
	case FN_SIN: HOST_RUN("fsin", cw, ab, bb, s); break;
	case FN_COS: HOST_RUN("fcos", cw, ab, bb, s); break;
	case FN_SINCOS: HOST_RUN("fsincos", cw, ab, bb, s); break;
	case FN_TAN: HOST_RUN("fptan", cw, ab, bb, s); break;
	case FN_ATAN: HOST_RUN("fpatan", cw, ab, bb, s); break;
	case FN_2XM1: HOST_RUN("f2xm1", cw, ab, bb, s); break;
	case FN_YL2X: HOST_RUN("fyl2x", cw, ab, bb, s); break;
	case FN_YL2XP1: HOST_RUN("fyl2xp1", cw, ab, bb, s); break;
	case FN_PREM: HOST_RUN("fprem", cw, ab, bb, s); break;
	case FN_PREM1: HOST_RUN("fprem1", cw, ab, bb, s); break;
	default: abort();
	}
	o->sw = s.sw & (SW_FLAGS | SW_COND);
	unsigned top = (s.sw >> 11) & 7; /* 7 after fninit + 2 loads = 6 */
	o->r[0] = f80_at(s.st[0]);
	o->r[1] = f80_at(s.st[1]);
	o->nres = 1;
	/* FSINCOS pushes cos over sin; FPTAN pushes 1 over tan: compare both */
	if ((f == FN_SINCOS || f == FN_TAN) && top == 5)
		o->nres = 2;
}

static void host_bld(const u8 bcd[10], struct outcome *o)
{
	struct fnsave_area s;
	__asm__ volatile("fninit\n\tfbld %1\n\tfnsave %0" : "=m"(s) : "m"(*(const u8(*)[10])bcd) : "memory");
	o->sw = s.sw & (SW_FLAGS | SW_COND);
	o->r[0] = f80_at(s.st[0]);
	o->nres = 1;
}

static void host_bstp(u16 cw, f80 a, struct outcome *o)
{
	struct fnsave_area s;
	u8 ab[10];
	put_f80(ab, a);
	memset(o->bcd, 0x5a, 10); /* an unmasked IE stores nothing */
	__asm__ volatile("fninit\n\tfldcw %2\n\tfldt %3\n\tfbstp %1\n\tfnsave %0"
			 : "=m"(s), "=m"(*(u8(*)[10])o->bcd)
			 : "m"(cw), "m"(*(const u8(*)[10])ab)
			 : "memory");
	o->sw = s.sw & (SW_FLAGS | SW_COND);
	o->nres = 0;
}

#endif

/* ---- xlat ---- */

static bool is_nan(f80 a) { return f80_exp(a) == F80_EXP_MAX && (a.sig << 1); }

static struct fp_env env_of(u16 cw)
{
	return (struct fp_env){ .rc = (cw >> 10) & 3, .pc = 64, .masks = cw & SW_FLAGS };
}

static unsigned sw_of(const struct fp_env *e, unsigned cond)
{
	return (e->flags & SW_FLAGS) | (e->c1 ? SW_C1 : 0) | cond;
}

static bool stops(const struct fp_env *e)
{
	return e->flags & ~e->masks & (FPX_IE | FPX_DE | FPX_ZE);
}

/* The stack as the instruction leaves it: what the host's FNSAVE shows. */
static void xlat_run(enum fn f, u16 cw, f80 a, f80 b, struct outcome *o)
{
	struct fp_env e = env_of(cw);
	unsigned cond = 0;
	bool ok = true;
	o->nres = 1;
	o->r[0] = a;
	o->r[1] = b;
	switch (f) {
	case FN_SIN: ok = f80_sin(&e, a, &o->r[0]); break;
	case FN_COS: ok = f80_cos(&e, a, &o->r[0]); break;
	case FN_SINCOS:
		ok = f80_sincos(&e, a, &o->r[1], &o->r[0]);
		o->nres = ok ? 2 : 1;
		if (!ok)
			o->r[0] = a;
		break;
	case FN_TAN:
		ok = f80_tan(&e, a, &o->r[1]);
		/* the host pushes 1, or the NaN again when the result is one */
		o->r[0] = !ok ? a : is_nan(o->r[1]) ? o->r[1] : f80_make(false, F80_BIAS, 1ull << 63);
		o->nres = ok ? 2 : 1;
		break;
	case FN_ATAN: o->r[0] = f80_atan2(&e, b, a); break;
	case FN_2XM1: o->r[0] = f80_2xm1(&e, a); break;
	case FN_YL2X: o->r[0] = f80_yl2x(&e, a, b); break;
	case FN_YL2XP1: o->r[0] = f80_yl2xp1(&e, a, b); break;
	case FN_PREM:
	case FN_PREM1: /* C1 is Q0 here, part of what f80_prem returns */
		cond = f80_prem(&e, &o->r[0], b, f == FN_PREM1);
		e.c1 = false;
		break;
	default: abort();
	}
	if (!ok)
		cond |= SW_C2;
	o->sw = sw_of(&e, cond);
	o->stopped = stops(&e);
}

/* ---- comparison ---- */

#ifdef HOST_X87
/* Position on the number line, so that neighbours differ by one. */
static __int128 ordinal(f80 a)
{
	__int128 m = ((__int128)f80_exp(a) << 63) | (a.sig & ~(1ull << 63));
	return f80_sign(a) ? -m : m;
}

/* 0 identical, 1 one ulp apart, 2 more */
static int distance(f80 h, f80 x)
{
	if (h.se == x.se && h.sig == x.sig)
		return 0;
	if (is_nan(h) || is_nan(x) || f80_exp(h) == F80_EXP_MAX || f80_exp(x) == F80_EXP_MAX)
		return 2;
	if (!(h.sig >> 63) != !(x.sig >> 63) && f80_exp(h) && f80_exp(x))
		return 2; /* unnormal vs normal */
	__int128 d = ordinal(h) - ordinal(x);
	return d == 1 || d == -1 ? 1 : 2;
}

static void show(enum fn f, u16 cw, f80 a, f80 b, const struct outcome *h, const struct outcome *x)
{
	if (shown++ >= 40 && !verbose)
		return;
	printf("  %s cw=%04x a=%04x:%016llx b=%04x:%016llx\n    host", fn_names[f], cw, a.se,
	       (unsigned long long)a.sig, b.se, (unsigned long long)b.sig);
	for (unsigned i = 0; i < h->nres; i++)
		printf(" %04x:%016llx", h->r[i].se, (unsigned long long)h->r[i].sig);
	printf(" sw=%04x\n    xlat", h->sw);
	for (unsigned i = 0; i < x->nres; i++)
		printf(" %04x:%016llx", x->r[i].se, (unsigned long long)x->r[i].sig);
	printf(" sw=%04x\n", x->sw);
}

static bool exact_fn(enum fn f) { return f >= FN_PREM; }

/* Returns false on a failure (see the top of the file). */
static bool judge(struct stats *st, enum fn f, u16 cw, f80 a, f80 b, const struct outcome *h,
		  const struct outcome *x)
{
	int d = 0;
	st->cases++;
	bool stopped = x->stopped || (h->sw & ~cw & (FPX_IE | FPX_DE | FPX_ZE));
	if (h->nres != x->nres && !stopped) {
		d = 2;
	} else if (!stopped) {
		for (unsigned i = 0; i < h->nres; i++) {
			int di = distance(h->r[i], x->r[i]);
			d = di > d ? di : d;
		}
	}
	unsigned hard = exact_fn(f) ? SW_FLAGS | SW_COND : FPX_IE | FPX_DE | FPX_ZE | FPX_OE | SW_C2;
	bool swbad = (h->sw ^ x->sw) & hard;
	if (h->sw != x->sw)
		st->swdiff++;
	if (d == 0)
		st->same++;
	else if (d == 1)
		st->ulp1++, st->ulp1_near += ((cw >> 10) & 3) == FPR_NEAR;
	else
		st->worse++;
	bool fail = swbad || d == 2 || (exact_fn(f) && d != 0);
	if (fail || (verbose && (d || h->sw != x->sw)))
		show(f, cw, a, b, h, x);
	return !fail;
}

#endif

/* ---- operands ---- */

static u64 rng_state;
static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned rnd_below(unsigned n) { return (unsigned)(rnd() % n); }

static f80 mk(bool s, unsigned e, u64 sig) { return f80_make(s, e, sig); }
static f80 rnd_normal(int lo, int hi) /* unbiased exponent range, random sign */
{
	int e = lo + (int)rnd_below((unsigned)(hi - lo + 1));
	e = e < 1 - F80_BIAS ? 1 - F80_BIAS : e > F80_BIAS ? F80_BIAS : e;
	bool sign = rnd() & 1;
	return mk(sign, (unsigned)(F80_BIAS + e), rnd() | 1ull << 63);
}

#define ONE_SIG (1ull << 63)
static const f80 specials[] = {
	{ 0, 0 }, { 0, 0x8000 },                                   /* zeros */
	{ 1, 0 }, { 0x123, 0x8000 }, { 0x7fffffffffffffffull, 0 }, /* denormals */
	{ 0x8000000000000123ull, 0 },                              /* pseudo-denormal */
	{ ONE_SIG, 1 }, { ONE_SIG, 0x8001 },                       /* smallest normals */
	{ ONE_SIG, 0x3fff }, { ONE_SIG, 0xbfff },                  /* +-1 */
	{ ONE_SIG, 0x3ffe }, { ONE_SIG, 0xbffe },                  /* +-0.5 */
	{ ONE_SIG, 0x4000 }, { 0xc000000000000000ull, 0x4000 },    /* 2, 3 */
	{ ONE_SIG, 0x4002 }, { ~0ull, 0x3ffe }, { ~0ull, 0xbffe }, /* 8, 1-ulp */
	{ 0x8000000000000001ull, 0x3fff }, { 0x8000000000000001ull, 0xbfff },
	{ 0x95f619980c4336f7ull, 0x3ffd }, { 0x95f619980c4336f7ull, 0xbffd }, /* ~0.29 */
	{ ~0ull, 0x403d }, { ONE_SIG, 0x403e }, { ~0ull, 0xc03d },            /* 2^63 */
	{ 0xc90fdaa22168c235ull, 0x4000 }, { 0xc90fdaa22168c234ull, 0x3fff }, /* pi, pi/2 */
	{ ~0ull, 0x7ffe }, { ~0ull, 0xfffe },                                 /* max */
	{ ONE_SIG, 0x7fff }, { ONE_SIG, 0xffff },                             /* infinities */
	{ 0xc000000000000000ull, 0xffff }, { 0xc000000000000001ull, 0x7fff }, /* QNaNs */
	{ 0x8000000000000001ull, 0x7fff }, { 0xc000000000000001ull, 0xffff },
	{ 0x8000000000000002ull, 0xffff },                                    /* SNaN */
	{ 0x4000000000000000ull, 0x3fff }, { 0, 0x7fff }, { 0x4000000000000000ull, 0x7fff },
};
#define NSPECIALS (sizeof(specials) / sizeof(specials[0]))

/* Random operands shaped for each function. */
static f80 trig_arg(void)
{
	switch (rnd_below(6)) {
	case 0: return rnd_normal(-80, 0);
	case 1: { /* next to k P/2, P the x87's 66-bit pi: k up to 2^40 */
		unsigned sh = 24 + rnd_below(40);
		u64 k = (rnd() >> sh) | 1;
		u128 p = u128_add(u128_mul64(0x243f6a8885a308d3ull, k), u128_make(3 * k, 0)); /* P/2 2^65 k */
		unsigned t = 127 - u128_clz(p);
		u64 sig = u128_lo(u128_shr(p, t - 63)) + rnd_below(5) - 2;
		bool sign = rnd() & 1;
		return mk(sign, (unsigned)(F80_BIAS + (int)t - 65), sig | ONE_SIG);
	}
	default: return rnd_normal(-2, 62);
	}
}

static void args_for(enum fn f, f80 *a, f80 *b)
{
	*b = rnd_normal(-20, 20);
	switch (f) {
	case FN_SIN: case FN_COS: case FN_SINCOS: case FN_TAN:
		*a = trig_arg();
		break;
	case FN_ATAN:
		*a = rnd_normal(-40, 40);
		*b = rnd_below(8) ? rnd_normal(-40, 40) : rnd_normal(-16000, 16000);
		if (!rnd_below(8))
			*a = rnd_normal(-16000, 16000);
		break;
	case FN_2XM1:
		*a = rnd_below(16) ? rnd_normal(-70, -1) : rnd_normal(-16382, -70);
		break;
	case FN_YL2X:
		*a = rnd_below(4) ? rnd_normal(-200, 200) : rnd_normal(-16382, 16383);
		if (!rnd_below(4)) { /* near 1 */
			unsigned below = rnd_below(2);
			u64 sig = rnd() >> 40;
			*a = mk(0, F80_BIAS - below, sig | (below ? ~0ull << 24 : ONE_SIG));
		}
		a->se &= 0x7fff;
		break;
	case FN_YL2XP1:
		*a = rnd_below(8) ? rnd_normal(-70, -3) : rnd_normal(-3, 3);
		if (!rnd_below(16))
			*a = rnd_normal(-16382, -70);
		break;
	case FN_PREM: case FN_PREM1: {
		int eb = (int)rnd_below(200) - 100, d = (int)rnd_below(140) - 10;
		if (!rnd_below(8))
			eb = -16382 + (int)rnd_below(80); /* tiny divisors, denormal remainders */
		*b = rnd_normal(eb, eb);
		*a = rnd_normal(eb + d, eb + d);
		if (!rnd_below(4)) { /* short significands: small quotients, exact cases */
			a->sig &= ~0ull << rnd_below(64);
			b->sig &= ~0ull << rnd_below(64);
		}
		break;
	}
	case FN_BSTP:
		*a = rnd_normal(-3, 62);
		if (!rnd_below(4)) { /* around 10^18 */
			u64 off = rnd_below(4096);
			*a = mk(rnd() & 1, 0x403a, 0xde0b6b3a76400000ull + off - 2048);
		}
		break;
	default:
		break;
	}
}

static void random_bcd(u8 bcd[10])
{
	for (int i = 0; i < 10; i++) {
		u8 lo = (u8)rnd_below(10), hi = (u8)rnd_below(10);
		bcd[i] = (u8)(hi << 4 | lo);
	}
	if (!rnd_below(8)) { /* invalid digits */
		unsigned i = rnd_below(9);
		bcd[i] |= (u8)(0xa0 + rnd_below(6) * 0x10);
	}
	bcd[9] = (u8)(rnd_below(2) ? 0x80 : 0);
	bcd[9] |= (u8)(rnd() & 0x7f);
	if (rnd_below(4))
		bcd[9] &= 0x80;
}

/* ---- driver ---- */

static const u16 cws[] = {
	0x037f, 0x077f, 0x0b7f, 0x0f7f,  /* masked, each rounding mode */
	0x0360, 0x0760, 0x0b60, 0x0f60,  /* unmasked but PE */
};
#define NCWS (sizeof(cws) / sizeof(cws[0]))

static void xlat_bstp(u16 cw, f80 a, struct outcome *x)
{
	struct fp_env e = env_of(cw);
	f80_to_bcd(&e, a, x->bcd);
	x->sw = sw_of(&e, 0);
	x->stopped = stops(&e);
}

/* FNV-1a over what the instruction leaves: results, BCD bytes, status */
static void hash_outcome(struct stats *st, const struct outcome *x, bool bcd)
{
	u8 buf[2 * 10 + 10 + 2];
	unsigned n = 0;
	for (unsigned i = 0; i < x->nres; i++) {
		for (int b = 0; b < 8; b++)
			buf[n++] = (u8)(x->r[i].sig >> (8 * b));
		buf[n++] = (u8)x->r[i].se;
		buf[n++] = (u8)(x->r[i].se >> 8);
	}
	if (bcd && !x->stopped)
		for (int b = 0; b < 10; b++)
			buf[n++] = x->bcd[b];
	buf[n++] = (u8)x->sw;
	buf[n++] = (u8)(x->sw >> 8);
	if (!st->hash)
		st->hash = 0xcbf29ce484222325ull;
	for (unsigned i = 0; i < n; i++)
		st->hash = (st->hash ^ buf[i]) * 0x100000001b3ull;
	st->cases++;
}

#ifdef HOST_X87
static bool compare_bstp(struct stats *st, u16 cw, f80 a, const struct outcome *x)
{
	struct outcome h = { 0 };
	host_bstp(cw, a, &h);
	bool differs = (memcmp(h.bcd, x->bcd, 10) != 0 && !x->stopped) || h.sw != x->sw;
	st->cases++;
	st->same += !differs;
	st->worse += differs;
	st->swdiff += h.sw != x->sw;
	if (differs && (shown++ < 40 || verbose))
		printf("  fbstp cw=%04x a=%04x:%016llx sw host %04x xlat %04x\n", cw, a.se,
		       (unsigned long long)a.sig, h.sw, x->sw);
	return !differs;
}
#endif

static bool run_case(struct stats *st, enum fn f, f80 a, f80 b, u16 cw)
{
	struct outcome x = { 0 };
	if (f == FN_BSTP)
		xlat_bstp(cw, a, &x);
	else
		xlat_run(f, cw, a, b, &x);
	if (hash_mode) {
		hash_outcome(st, &x, f == FN_BSTP);
		return true;
	}
#ifdef HOST_X87
	if (f == FN_BSTP)
		return compare_bstp(st, cw, a, &x);
	struct outcome h = { 0 };
	host_run(f, cw, a, b, &h);
	return judge(st, f, cw, a, b, &h, &x);
#else
	return false;
#endif
}

static bool run_bld(struct stats *st, const u8 bcd[10])
{
	struct outcome x = { 0 };
	x.r[0] = f80_from_bcd(bcd);
	x.nres = 1;
	if (hash_mode) {
		hash_outcome(st, &x, false);
		return true;
	}
#ifdef HOST_X87
	struct outcome h = { 0 };
	host_bld(bcd, &h);
	return judge(st, FN_BLD, 0x37f, x.r[0], x.r[0], &h, &x);
#else
	return false;
#endif
}

static bool run_fn(struct stats *st, enum fn f, unsigned n)
{
	bool ok = true;
	if (f == FN_BLD) {
		u8 bcd[10];
		for (unsigned i = 0; i < n * 4; i++) {
			random_bcd(bcd);
			ok &= run_bld(st, bcd);
		}
		return ok;
	}
	for (unsigned c = 0; c < NCWS; c++) {
		for (unsigned i = 0; i < NSPECIALS; i++)
			for (unsigned j = 0; j < NSPECIALS; j++)
				if (j == 0 || f == FN_ATAN || f == FN_YL2X || f == FN_YL2XP1 || f == FN_PREM ||
				    f == FN_PREM1)
					ok &= run_case(st, f, specials[i], j ? specials[j] : specials[8], cws[c]);
		unsigned reps = c < 4 ? n : n / 8;
		for (unsigned i = 0; i < reps; i++) {
			f80 a, b;
			args_for(f, &a, &b);
			ok &= run_case(st, f, a, b, cws[c]);
		}
	}
	return ok;
}

static void print_stats(enum fn f, const struct stats *st)
{
	if (hash_mode)
		printf("%-8s %9lu %016llx\n", fn_names[f], st->cases, (unsigned long long)st->hash);
	else
		printf("%-8s %9lu %9lu %9lu %9lu %9lu %9lu\n", fn_names[f], st->cases, st->same, st->ulp1,
		       st->ulp1_near, st->worse, st->swdiff);
}

int main(int argc, char **argv)
{
	unsigned n = 2000;
	u64 seed = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = (unsigned)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "-H"))
			hash_mode = 1;
		else {
			fprintf(stderr, "usage: %s [-H] [-n cases] [-s seed] [-v]\n", argv[0]);
			return 2;
		}
	}
#ifndef HOST_X87
	if (!hash_mode) {
		puts("transcmp: not an x86-64 host, no x87 to compare with");
		return 0;
	}
#endif
	rng_state = seed * 0x9e3779b97f4a7c15ull | 1;
	bool ok = true;
	if (hash_mode)
		printf("%-8s %9s %16s\n", "function", "cases", "hash");
	else
		printf("%-8s %9s %9s %9s %9s %9s %9s\n", "function", "cases", "identical", "1 ulp", "(in RN)",
		       "worse", "sw diff");
	for (enum fn f = 0; f < FN_COUNT; f++) {
		struct stats st = { 0 };
		ok &= run_fn(&st, f, n);
		print_stats(f, &st);
	}
	if (!hash_mode)
		printf("transcmp: %s\n", ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
