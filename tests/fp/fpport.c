/* fpport.c - the same FP bits on every host.
 *
 *   fpport [-s SEED] [-n PER_FUNCTION]            print one hash per function
 *   fpport [-s SEED] [-n PER_FUNCTION] -c FILE    compare with FILE's hashes
 *
 * Runs a seeded pseudo-random sequence of operations through every function
 * of cpu/fp's core (f80.c, sf.c and the 128-bit helpers), with random
 * rounding, precision, masks, DAZ and FTZ, and hashes the results, flags
 * and C1. It uses no host floating point, so tests/fp/fp.mk can build it
 * for x86-64 and aarch64, with and without unsigned __int128, and require
 * identical output. With -c the last line is "N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cpu/fp/fp_internal.h"

static u64 rng;

static u64 rnd(void)
{
	u64 z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

struct hash {
	u64 h;
};
static void mix(struct hash *h, u64 v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		h->h = (h->h ^ (v & 0xff)) * 0x100000001b3ull; /* FNV-1a */
}

/* Every draw sits in its own statement: the order in which a function's
 * arguments or an operator's operands are evaluated differs between
 * compilers and targets, and the sequence must not. */
static u64 gen_sig(void)
{
	u64 s = rnd();
	unsigned k = rndn(6), m = rndn(64), n = rndn(64);
	switch (k) {
	case 0: s = s >> m << n; break;
	case 1: s |= (1ull << m) - 1; break;
	case 2: s = 0; break;
	default: break;
	}
	return s;
}

static f80 gen_f80(void)
{
	bool s = rnd() & 1;
	unsigned k = rndn(12), x = rndn(0x7ffe), d = rndn(64), t = rndn(3);
	u64 sig = gen_sig();
	switch (k) {
	case 0: return f80_make(s, 0, t ? 0 : sig >> d);                 /* zero, denormal */
	case 1: return f80_make(s, 0, sig | 1ull << 63);                 /* pseudo-denormal */
	case 2: return f80_make(s, 0x7fff, sig >> t);                    /* inf, NaNs, pseudo */
	case 3: return f80_make(s, 1 + x, sig >> (t & 1));               /* maybe unnormal */
	case 4: return f80_make(s, 0x7ffe - d, sig | 1ull << 63);
	case 5: return f80_make(s, 1 + d, sig | 1ull << 63);
	case 6: return f80_make(s, 0x3fff + 2 * d - 64, sig | 1ull << 63);
	default: return f80_make(s, 1 + x, sig | 1ull << 63);
	}
}

static u64 gen_narrow(unsigned fb)
{
	unsigned emax = fb == 23 ? 0xff : 0x7ff;
	u64 sbit = (u64)(rnd() & 1) << (fb == 23 ? 31 : 63);
	u64 frac = gen_sig() >> (64 - fb);
	unsigned k = rndn(8), d = rndn(fb), t = rndn(2), x = rndn(8), y = rndn(emax - 1);
	switch (k) {
	case 0: return sbit | frac >> d;
	case 1: return sbit | (u64)emax << fb | frac >> t * d;
	case 2: return sbit | (u64)(1 + x) << fb | frac;
	case 3: return sbit | (u64)(emax - 1 - x) << fb | frac;
	default: return sbit | (u64)(1 + y) << fb | frac;
	}
}

static struct fp_env gen_env(void)
{
	static const u8 pcs[] = { 24, 53, 64 };
	struct fp_env e = { 0 };
	e.rc = (u8)rndn(4);
	e.pc = pcs[rndn(3)];
	e.masks = 0x3f;
	if (!rndn(3))
		e.masks = (u8)rndn(64);
	e.daz = rndn(4) == 0;
	e.ftz = rndn(4) == 0;
	return e;
}

static void mix_env(struct hash *h, const struct fp_env *e) { mix(h, (u64)e->flags | (u64)e->c1 << 8); }
static void mix_f80(struct hash *h, f80 a) { mix(h, a.sig); mix(h, a.se); }

/* one case of function id into h */
static void run_one(int id, struct hash *h)
{
	struct fp_env e = gen_env();
	f80 a = gen_f80();
	f80 b = gen_f80();
	if (!rndn(4)) { /* near a */
		unsigned de = rndn(3), ds = rndn(5);
		b = f80_make(f80_sign(b), f80_exp(a) + de - 1, a.sig + ds - 2);
	}
	u64 x32 = gen_narrow(23);
	u64 y32 = gen_narrow(23);
	u64 x64 = gen_narrow(52);
	u64 y64 = gen_narrow(52);
	bool flag = rnd() & 1;
	unsigned pick = rndn(3);
	u64 ir = rnd();
	s64 iv = (s64)(ir >> rndn(64));
	f80 r, r2;
	switch (id) {
	case 0: r = f80_add(&e, a, b); mix_f80(h, r); break;
	case 1: r = f80_sub(&e, a, b); mix_f80(h, r); break;
	case 2: r = f80_mul(&e, a, b); mix_f80(h, r); break;
	case 3: r = f80_div(&e, a, b); mix_f80(h, r); break;
	case 4: r = f80_sqrt(&e, a); mix_f80(h, r); break;
	case 5: mix(h, (u64)f80_compare(&e, a, b, flag)); break;
	case 6: r = f80_round_int(&e, a); mix_f80(h, r); break;
	case 7:
		if (flag)
			b = f80_from_i64(iv % 20000);
		r = f80_scale(&e, a, b);
		mix_f80(h, r);
		break;
	case 8: f80_xtract(&e, a, &r, &r2); mix_f80(h, r); mix_f80(h, r2); break;
	case 9: mix_f80(h, f80_from_i64(flag ? iv : -iv)); break;
	case 10: {
		static const unsigned bits[] = { 16, 32, 64 };
		mix(h, (u64)f80_to_int(&e, a, bits[pick], flag));
		break;
	}
	case 11: r = f80_from_f32(&e, (u32)x32); mix_f80(h, r); break;
	case 12: r = f80_from_f64(&e, x64); mix_f80(h, r); break;
	case 13: mix(h, f80_to_f32(&e, a)); break;
	case 14: mix(h, f80_to_f64(&e, a)); break;
	case 15:
		r = f80_round_pack(&e, flag, (s32)(iv % 0x8100) - 100, x64 << 11 | pick, ~y64, e.pc);
		mix_f80(h, r);
		break;
	case 16: mix(h, (u64)f80_classify(a) | (u64)f80_is_pseudo_denormal(a) << 8); break;
	case 17: mix(h, f32_add(&e, (u32)x32, (u32)y32)); break;
	case 18: mix(h, f32_sub(&e, (u32)x32, (u32)y32)); break;
	case 19: mix(h, f32_mul(&e, (u32)x32, (u32)y32)); break;
	case 20: mix(h, f32_div(&e, (u32)x32, (u32)y32)); break;
	case 21: mix(h, f32_sqrt(&e, (u32)x32)); break;
	case 22: mix(h, (u64)f32_compare(&e, (u32)x32, (u32)y32, flag)); break;
	case 23: mix(h, f32_min(&e, (u32)x32, (u32)y32)); break;
	case 24: mix(h, f32_max(&e, (u32)x32, (u32)y32)); break;
	case 25: mix(h, f64_add(&e, x64, y64)); break;
	case 26: mix(h, f64_sub(&e, x64, y64)); break;
	case 27: mix(h, f64_mul(&e, x64, y64)); break;
	case 28: mix(h, f64_div(&e, x64, y64)); break;
	case 29: mix(h, f64_sqrt(&e, x64)); break;
	case 30: mix(h, (u64)f64_compare(&e, x64, y64, flag)); break;
	case 31: mix(h, f64_min(&e, x64, y64)); break;
	case 32: mix(h, f64_max(&e, x64, y64)); break;
	case 33: mix(h, f32_to_f64(&e, (u32)x32)); break;
	case 34: mix(h, f64_to_f32(&e, x64)); break;
	case 35: mix(h, f32_from_i32(&e, (s32)iv)); break;
	case 36: mix(h, f64_from_i32((s32)(iv >> pick))); break;
	case 37: mix(h, (u64)(u32)f32_to_i32(&e, (u32)x32, flag)); break;
	case 38: mix(h, (u64)(u32)f64_to_i32(&e, x64, flag)); break;
	case 39: { /* the 128-bit helpers themselves */
		u64 p = x64, q = ~y64, d = a.sig | 1, rem;
		u128 m = u128_mul64(p, q), n = u128_make(b.sig, x32 << 32 ^ y32);
		unsigned k = (unsigned)(iv & 0x7f) + pick;
		mix(h, u128_hi(m)); mix(h, u128_lo(m));
		m = u128_mulhi(m, n); mix(h, u128_hi(m)); mix(h, u128_lo(m));
		m = u128_shr_sticky(n, k); mix(h, u128_hi(m)); mix(h, u128_lo(m));
		m = u128_shl(n, k); mix(h, u128_hi(m)); mix(h, u128_lo(m));
		m = u128_sub(n, u128_make(p, q)); mix(h, u128_hi(m)); mix(h, u128_lo(m));
		mix(h, u128_clz(n) | (u64)u128_lt(n, u128_make(p, q)) << 8);
		mix(h, fp_div128by64(p % d, q, d, &rem)); mix(h, rem);
		mix(h, fp_shr64_sticky(p, k));
		break;
	}
	}
	mix_env(h, &e);
}

static const char *const names[] = {
	"f80_add", "f80_sub", "f80_mul", "f80_div", "f80_sqrt", "f80_compare", "f80_round_int",
	"f80_scale", "f80_xtract", "f80_from_i64", "f80_to_int", "f80_from_f32", "f80_from_f64",
	"f80_to_f32", "f80_to_f64", "f80_round_pack", "f80_classify", "f32_add", "f32_sub",
	"f32_mul", "f32_div", "f32_sqrt", "f32_compare", "f32_min", "f32_max", "f64_add",
	"f64_sub", "f64_mul", "f64_div", "f64_sqrt", "f64_compare", "f64_min", "f64_max",
	"f32_to_f64", "f64_to_f32", "f32_from_i32", "f64_from_i32", "f32_to_i32", "f64_to_i32",
	"u128_helpers",
};
#define NFUNCS (int)(sizeof(names) / sizeof(names[0]))

int main(int argc, char **argv)
{
	unsigned long long seed = 1, n = 20000;
	const char *ref = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			ref = argv[++i];
		else {
			fprintf(stderr, "usage: fpport [-s SEED] [-n N] [-c REFERENCE]\n");
			return 2;
		}
	}
	u64 hashes[NFUNCS];
	for (int f = 0; f < NFUNCS; f++) {
		rng = seed * 0x100 + (u64)f;
		struct hash h = { 0xcbf29ce484222325ull };
		for (unsigned long long i = 0; i < n; i++)
			run_one(f, &h);
		hashes[f] = h.h;
	}
	if (!ref) {
		for (int f = 0; f < NFUNCS; f++)
			printf("%s %016llx\n", names[f], (unsigned long long)hashes[f]);
		return 0;
	}
	FILE *fh = fopen(ref, "r");
	if (!fh) {
		perror(ref);
		return 2;
	}
	int passed = 0, failed = 0;
	char name[64];
	unsigned long long want;
	for (int f = 0; f < NFUNCS; f++) {
		if (fscanf(fh, "%63s %llx", name, &want) != 2 || strcmp(name, names[f])) {
			printf("%s: missing from %s\n", names[f], ref);
			failed++;
			continue;
		}
		if (want == hashes[f]) {
			passed++;
		} else {
			printf("%s: %016llx, reference %016llx\n", names[f],
			       (unsigned long long)hashes[f], want);
			failed++;
		}
	}
	fclose(fh);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
