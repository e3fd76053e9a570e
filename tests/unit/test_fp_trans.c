/* test_fp_trans.c - the x87 transcendentals, FPREM/FPREM1 and the BCD
 * conversions of cpu/fp (f80_trans.c, f80_prem.c, f80_bcd.c).
 *
 * Every expected value below is what the host x87 (an AMD EPYC) produced
 * for the same operands and control word, status word included (IE..PE,
 * C0-C3). tests/fp/transcmp.c compares far more operands against the live
 * x87; these literal vectors keep the special cases pinned on any host.
 */
#include <string.h>
#include "unit.h"
#include "xlat/fp.h"

#define F(s, e) { s, e }

enum op { SIN, COS, SINCOS, TAN, ATAN, F2XM1, YL2X, YL2XP1, PREM, PREM1 };

#define SW_C0 0x0100u
#define SW_C1 0x0200u
#define SW_C2 0x0400u
#define SW_C3 0x4000u

/* a = ST(0), b = ST(1); r the result (sin for FSINCOS, tan for FPTAN, ST(0)
 * when C2 says out of range), r2 FSINCOS's cosine; sw the status word bits
 * IE..PE and C0-C3. */
struct vec {
	enum op op;
	u16 cw;
	f80 a, b, r, r2;
	u16 sw;
};

static const struct vec vecs[] = {
	{ SIN, 0x37f, F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0xd76aa47848677021, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0220 },
	{ SIN, 0x37f, F(0xc90fdaa22168c235, 0x4000), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0xbfbf), F(0x0000000000000000, 0x0000), 0x0220 },
	{ SIN, 0x77f, F(0xc90fdaa22168c234, 0x4000), F(0x0000000000000000, 0x0000),
	  F(0xbfffffffffffffff, 0x3fc0), F(0x0000000000000000, 0x0000), 0x0020 },
	{ SIN, 0x37f, F(0xffffffffffffffff, 0xc03d), F(0x0000000000000000, 0x0000),
	  F(0xe0ab9300da6d2684, 0xbffe), F(0x0000000000000000, 0x0000), 0x0020 },
	{ SIN, 0xf7f, F(0x8000000000000000, 0x3fb9), F(0x0000000000000000, 0x0000),
	  F(0xffffffffffffffff, 0x3fb8), F(0x0000000000000000, 0x0000), 0x0020 },
	{ SIN, 0x37f, F(0x0000000000000123, 0x0000), F(0x0000000000000000, 0x0000),
	  F(0x0000000000000123, 0x0000), F(0x0000000000000000, 0x0000), 0x0232 },
	{ SIN, 0x37f, F(0x8000000000000000, 0x403e), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0x403e), F(0x0000000000000000, 0x0000), 0x0400 },
	{ SIN, 0x37f, F(0x8000000000000000, 0xffff), F(0x0000000000000000, 0x0000),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ SIN, 0x37f, F(0x8000000000000001, 0x7fff), F(0x0000000000000000, 0x0000),
	  F(0xc000000000000001, 0x7fff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ SIN, 0x37f, F(0x4000000000000000, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ SIN, 0x37f, F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000),
	  F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000), 0x0000 },
	{ COS, 0x37f, F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0x8a51407da8345c92, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0220 },
	{ COS, 0x37f, F(0xc90fdaa22168c235, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0xbfbe), F(0x0000000000000000, 0x0000), 0x0220 },
	{ COS, 0x77f, F(0x0000000000000123, 0x8000), F(0x0000000000000000, 0x0000),
	  F(0xffffffffffffffff, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0022 },
	{ COS, 0x37f, F(0x9a5c3e1f0b6d7e21, 0x403c), F(0x0000000000000000, 0x0000),
	  F(0xdca634bb9934b4a3, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0020 },
	{ COS, 0x37f, F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x0000 },
	{ SINCOS, 0x37f, F(0x8000000000000000, 0x4000), F(0x0000000000000000, 0x0000),
	  F(0xe8c7b7568da22efd, 0x3ffe), F(0xd51132ba9b902522, 0xbffd), 0x0020 },
	{ SINCOS, 0x37f, F(0xc90fdaa22168c235, 0x4000), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0xbfbf), F(0x8000000000000000, 0xbfff), 0x0220 },
	{ SINCOS, 0x37f, F(0xc000000000000001, 0x7fff), F(0x0000000000000000, 0x0000),
	  F(0xc000000000000001, 0x7fff), F(0xc000000000000001, 0x7fff), 0x0000 },
	{ TAN, 0x37f, F(0x8000000000000000, 0x3ffe), F(0x0000000000000000, 0x0000),
	  F(0x8bda7adf9a3a5219, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0220 },
	{ TAN, 0x37f, F(0x8000000000000000, 0x3fe0), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000001, 0x3fe0), F(0x0000000000000000, 0x0000), 0x0220 },
	{ TAN, 0x37f, F(0xd1c2b3a495867788, 0xc02a), F(0x0000000000000000, 0x0000),
	  F(0x9c9f489f1dcee979, 0xc000), F(0x0000000000000000, 0x0000), 0x0020 },
	{ TAN, 0x37f, F(0x8000000000000000, 0x403e), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0x403e), F(0x0000000000000000, 0x0000), 0x0400 },
	{ ATAN, 0x37f, F(0x8000000000000000, 0x3fff), F(0x8000000000000000, 0x3fff),
	  F(0xc90fdaa22168c235, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x37f, F(0x8000000000000000, 0xbfff), F(0x0000000000000000, 0x0000),
	  F(0xc90fdaa22168c235, 0x4000), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x77f, F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x8000),
	  F(0xc90fdaa22168c235, 0xc000), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x37f, F(0x0000000000000000, 0x0000), F(0x8000000000000000, 0x3fff),
	  F(0xc90fdaa22168c235, 0x3fff), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x37f, F(0x8000000000000000, 0xffff), F(0x8000000000000000, 0x7fff),
	  F(0x96cbe3f9990e91a8, 0x4000), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x37f, F(0xc000000000000000, 0xc000), F(0xa000000000000000, 0x4001),
	  F(0x871e28fd02ce22f6, 0x4000), F(0x0000000000000000, 0x0000), 0x0020 },
	{ ATAN, 0x37f, F(0x8000000000000000, 0x3fff), F(0x8000000000000000, 0x0001),
	  F(0x8000000000000000, 0x0001), F(0x0000000000000000, 0x0000), 0x0220 },
	{ ATAN, 0x37f, F(0x8000000000000000, 0x3fff), F(0xc000000000000001, 0xffff),
	  F(0xc000000000000001, 0xffff), F(0x0000000000000000, 0x0000), 0x0000 },
	{ ATAN, 0xb7f, F(0x8000000000000000, 0x4100), F(0x8000000000000000, 0x3f00),
	  F(0x8000000000000000, 0x3dff), F(0x0000000000000000, 0x0000), 0x0220 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0x3ffe), F(0x0000000000000000, 0x0000),
	  F(0xd413cccfe7799211, 0x3ffd), F(0x0000000000000000, 0x0000), 0x0020 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0xbffe), F(0x0000000000000000, 0x0000),
	  F(0x95f619980c4336f7, 0xbffd), F(0x0000000000000000, 0x0000), 0x0020 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x0220 },
	{ F2XM1, 0x77f, F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000),
	  F(0xffffffffffffffff, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0020 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0xbfff), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0xbffe), F(0x0000000000000000, 0x0000), 0x0020 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0x4000), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0x4000), F(0x0000000000000000, 0x0000), 0x0020 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0xffff), F(0x0000000000000000, 0x0000),
	  F(0x8000000000000000, 0xbfff), F(0x0000000000000000, 0x0000), 0x0000 },
	{ F2XM1, 0x37f, F(0x0000000000000123, 0x0000), F(0x0000000000000000, 0x0000),
	  F(0x00000000000000ca, 0x0000), F(0x0000000000000000, 0x0000), 0x0232 },
	{ F2XM1, 0x37f, F(0x8000000000000000, 0x3fb9), F(0x0000000000000000, 0x0000),
	  F(0xb17217f7d1cf79ac, 0x3fb8), F(0x0000000000000000, 0x0000), 0x0220 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0x4002), F(0xc000000000000000, 0x4000),
	  F(0x9000000000000000, 0x4002), F(0x0000000000000000, 0x0000), 0x0020 },
	{ YL2X, 0x37f, F(0xc000000000000000, 0x4000), F(0x8000000000000000, 0x3fff),
	  F(0xcae00d1cfdeb43d0, 0x3fff), F(0x0000000000000000, 0x0000), 0x0220 },
	{ YL2X, 0x37f, F(0x0000000000000000, 0x0000), F(0x8000000000000000, 0x3fff),
	  F(0x8000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0004 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0xbfff), F(0x8000000000000000, 0x3fff),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0x3fff), F(0x8000000000000000, 0x7fff),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0x3fff), F(0x8000000000000000, 0xbfff),
	  F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000), 0x0000 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0x3ffe), F(0x0000000000000001, 0x0000),
	  F(0x0000000000000001, 0x8000), F(0x0000000000000000, 0x0000), 0x0032 },
	{ YL2X, 0x37f, F(0x8000000000000000, 0x7fff), F(0x8000000000000000, 0xbfff),
	  F(0x8000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0000 },
	{ YL2X, 0x37f, F(0xb8aa3b295c17f0bc, 0x3fff), F(0x8000000000000000, 0x3fff),
	  F(0x875d3ba705db19d0, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0020 },
	{ YL2XP1, 0x37f, F(0x8000000000000000, 0x3ffd), F(0x8000000000000000, 0x3fff),
	  F(0xa4d3c25e68dc57f2, 0x3ffd), F(0x0000000000000000, 0x0000), 0x0020 },
	{ YL2XP1, 0x37f, F(0x8000000000000000, 0x3fc0), F(0x8000000000000000, 0x3fff),
	  F(0xb8aa3b295c17f0bb, 0x3fc0), F(0x0000000000000000, 0x0000), 0x0020 },
	{ YL2XP1, 0x37f, F(0x8000000000000000, 0xc000), F(0xc000000000000000, 0x4000),
	  F(0x8000000000000000, 0xc000), F(0x0000000000000000, 0x0000), 0x0020 },
	{ YL2XP1, 0x37f, F(0x0000000000000000, 0x0000), F(0x8000000000000000, 0xbfff),
	  F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000), 0x0000 },
	{ YL2XP1, 0x37f, F(0x0000000000000000, 0x0000), F(0x8000000000000000, 0x7fff),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ YL2XP1, 0x37f, F(0x8000000000000000, 0x3fff), F(0x8000000000000000, 0x3fff),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x0020 },
	{ PREM, 0x37f, F(0xa000000000000000, 0x4002), F(0xc000000000000000, 0x4000),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x4200 },
	{ PREM1, 0x37f, F(0xa000000000000000, 0x4002), F(0xc000000000000000, 0x4000),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x4200 },
	{ PREM, 0x37f, F(0xe000000000000000, 0xc003), F(0x8000000000000000, 0x4000),
	  F(0x0000000000000000, 0x8000), F(0x0000000000000000, 0x0000), 0x4100 },
	{ PREM1, 0x37f, F(0xb000000000000000, 0x4003), F(0xc000000000000000, 0x4000),
	  F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x0000), 0x4300 },
	{ PREM, 0x37f, F(0x9234567890abcdef, 0x4060), F(0xc90fdaa22168c235, 0x4000),
	  F(0x914ff638d4bb1640, 0x403f), F(0x0000000000000000, 0x0000), 0x0400 },
	{ PREM1, 0x37f, F(0x9234567890abcdef, 0x4060), F(0xc90fdaa22168c235, 0x4000),
	  F(0x914ff638d4bb1640, 0x403f), F(0x0000000000000000, 0x0000), 0x0400 },
	{ PREM, 0x37f, F(0x9234567890abcdef, 0x403e), F(0xc90fdaa22168c235, 0x4000),
	  F(0xc5aa9208ecaf5f10, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0100 },
	{ PREM1, 0x37f, F(0x9234567890abcdef, 0x403e), F(0xc90fdaa22168c235, 0x4000),
	  F(0xc5aa9208ecaf5f10, 0x3ffe), F(0x0000000000000000, 0x0000), 0x0100 },
	{ PREM, 0x37f, F(0x8000000000000000, 0x7fff), F(0x8000000000000000, 0x3fff),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ PREM, 0x37f, F(0x8000000000000000, 0x3fff), F(0x0000000000000000, 0x8000),
	  F(0xc000000000000000, 0xffff), F(0x0000000000000000, 0x0000), 0x0001 },
	{ PREM, 0x37f, F(0x8000000000000000, 0x4000), F(0x8000000000000000, 0xffff),
	  F(0x8000000000000000, 0x4000), F(0x0000000000000000, 0x0000), 0x0000 },
	{ PREM, 0x37f, F(0xc000000000000000, 0x0005), F(0x8000000000000001, 0x0003),
	  F(0xfffffffffffffff6, 0x0002), F(0x0000000000000000, 0x0000), 0x0300 },
	{ PREM, 0x360, F(0xc000000000000000, 0x0005), F(0x8000000000000001, 0x0003),
	  F(0xfffffffffffffff6, 0x0002), F(0x0000000000000000, 0x0000), 0x0300 },
	{ PREM, 0x37f, F(0x8000000000000000, 0x3fff), F(0x0000000000000003, 0x0000),
	  F(0x8000000000000000, 0x3fc3), F(0x0000000000000000, 0x0000), 0x0402 },
};

static struct fp_env env_of(u16 cw)
{
	return (struct fp_env){ .rc = (cw >> 10) & 3, .pc = 64, .masks = cw & FPX_ALL };
}

/* Runs v as the x87 instruction would and returns its status word bits. */
static u16 run(const struct vec *v, f80 *r, f80 *r2)
{
	struct fp_env e = env_of(v->cw);
	u16 cond = 0;
	bool ok = true;
	*r = v->a;
	*r2 = (f80){ 0, 0 };
	switch (v->op) {
	case SIN: ok = f80_sin(&e, v->a, r); break;
	case COS: ok = f80_cos(&e, v->a, r); break;
	case SINCOS: ok = f80_sincos(&e, v->a, r, r2); break;
	case TAN: ok = f80_tan(&e, v->a, r); break;
	case ATAN: *r = f80_atan2(&e, v->b, v->a); break;
	case F2XM1: *r = f80_2xm1(&e, v->a); break;
	case YL2X: *r = f80_yl2x(&e, v->a, v->b); break;
	case YL2XP1: *r = f80_yl2xp1(&e, v->a, v->b); break;
	case PREM:
	case PREM1:
		cond = f80_prem(&e, r, v->b, v->op == PREM1);
		e.c1 = false; /* C1 is Q0, in cond */
		break;
	}
	if (!ok) {
		*r = v->a; /* the operand stays */
		cond |= SW_C2;
	}
	return (u16)((e.flags & FPX_ALL) | (e.c1 ? SW_C1 : 0) | cond);
}

static bool same(f80 x, f80 y) { return x.sig == y.sig && x.se == y.se; }

START_TEST(test_host_vectors)
{
	const struct vec *v = &vecs[_i];
	f80 r, r2;
	u16 sw = run(v, &r, &r2);
	ck_assert_msg(same(r, v->r) && same(r2, v->r2) && sw == v->sw,
		      "vector %d (op %d, a %04x:%016llx): got %04x:%016llx %04x:%016llx sw %04x, "
		      "host %04x:%016llx %04x:%016llx sw %04x",
		      _i, v->op, v->a.se, (unsigned long long)v->a.sig, r.se, (unsigned long long)r.sig,
		      r2.se, (unsigned long long)r2.sig, sw, v->r.se, (unsigned long long)v->r.sig,
		      v->r2.se, (unsigned long long)v->r2.sig, v->sw);
}
END_TEST

/* |x| >= 2^63: false, the result untouched, no flag (SDM FSIN: C2 = 1) */
START_TEST(test_trig_out_of_range)
{
	const f80 big[] = { F(0x8000000000000000ull, 0x403e), F(0xffffffffffffffffull, 0xc03e),
			    F(0x8000000000000000ull, 0x7ffe) };
	for (unsigned i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		struct fp_env e = env_of(0x37f);
		f80 r = F(0x1234, 0x5678), r2 = r;
		ck_assert(!f80_sin(&e, big[i], &r));
		ck_assert(!f80_cos(&e, big[i], &r));
		ck_assert(!f80_tan(&e, big[i], &r));
		ck_assert(!f80_sincos(&e, big[i], &r, &r2));
		ck_assert(r.sig == 0x1234 && r.se == 0x5678 && r2.sig == 0x1234);
		ck_assert_uint_eq(e.flags, 0);
	}
	/* the largest in range is computed: sin(2^63 - 1) from the host */
	struct fp_env e = env_of(0x37f);
	f80 r, a = F(0xffffffffffffffffull, 0x403d);
	ck_assert(f80_sin(&e, a, &r));
	ck_assert(r.sig == 0xe0ab9300da6d2684ull && r.se == 0x3ffe);
}
END_TEST

/* An unmasked DE stops the instruction before it computes: only DE. */
START_TEST(test_unmasked_denormal_stops)
{
	f80 den = F(0x123ull, 0), one = F(0x8000000000000000ull, 0x3fff), r;
	struct fp_env e = env_of(0x37d); /* DE unmasked */
	f80_sin(&e, den, &r);
	ck_assert_uint_eq(e.flags, FPX_DE);
	e = env_of(0x37d);
	f80_yl2x(&e, one, den);
	ck_assert_uint_eq(e.flags, FPX_DE);
	e = env_of(0x37d);
	f80 a = F(0x8000000000000000ull, 0x4000);
	f80_prem(&e, &a, den, false);
	ck_assert_uint_eq(e.flags, FPX_DE);
	ck_assert(a.se == 0x4000 && a.sig == 0x8000000000000000ull);
}
END_TEST

/* Software loops on FPREM until C2 clears; the end values are the host's. */
START_TEST(test_prem_loop)
{
	static const struct {
		f80 a, b, r;
		int steps;
		u16 cc;
	} loops[] = {
		{ F(0xabcdef0123456789ull, 0x4200), F(0xc90fdaa22168c235ull, 0x4000),
		  F(0xa6d8c238677e8079ull, 0x4000), 10, SW_C1 | SW_C3 },
		{ F(0xabcdef0123456789ull, 0x7ffe), F(0x8000000000000001ull, 0x0001),
		  F(0x79bde02468acf0f6ull, 0x0000), 512, SW_C3 },
	};
	for (unsigned i = 0; i < sizeof(loops) / sizeof(loops[0]); i++) {
		struct fp_env e = env_of(0x37f);
		f80 a = loops[i].a;
		u16 cc;
		int n = 0;
		do {
			cc = f80_prem(&e, &a, loops[i].b, false);
			n++;
		} while ((cc & SW_C2) && n < 1000);
		ck_assert_int_eq(n, loops[i].steps);
		ck_assert_uint_eq(cc, loops[i].cc);
		ck_assert(same(a, loops[i].r));
	}
}
END_TEST

/* ---- BCD ---- */

struct bcd_vec {
	u8 bcd[10]; /* byte 0 first */
	f80 v;
};

/* FBLD: digits, sign, -0, nibbles above 9 weighed like digits */
static const struct bcd_vec bld_vecs[] = {
	{ { 0x89, 0x67, 0x45, 0x23, 0x01 }, F(0xeb79a2a000000000ull, 0x4019) },
	{ { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },
	  F(0xde0b6b3a763ffff0ull, 0xc03a) },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 }, F(0, 0x8000) },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f }, F(0, 0) },
	{ { 0x0f }, F(0xf000000000000000ull, 0x4002) },
	{ { 0xf0 }, F(0x9600000000000000ull, 0x4006) },
	{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	  F(0xb90984060d355548ull, 0xc03b) },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0xa0 }, F(0xde0b6b3a76400000ull, 0x403a) },
};

START_TEST(test_bcd_load)
{
	for (unsigned i = 0; i < sizeof(bld_vecs) / sizeof(bld_vecs[0]); i++)
		ck_assert_msg(same(f80_from_bcd(bld_vecs[i].bcd), bld_vecs[i].v), "FBLD vector %u", i);
}
END_TEST

/* FBSTP, per rounding control: the host's bytes, PE, C1 (rounded up) */
static const struct {
	f80 a;
	u16 cw;
	u8 bcd[10];
	u16 sw;
} bstp_vecs[] = {
	{ F(0xc000000000000000ull, 0x3fff), 0x37f, { 0x02 }, FPX_PE | SW_C1 },
	{ F(0xc000000000000000ull, 0x3fff), 0x77f, { 0x01 }, FPX_PE },
	{ F(0xc000000000000000ull, 0x3fff), 0xb7f, { 0x02 }, FPX_PE | SW_C1 },
	{ F(0xc000000000000000ull, 0x3fff), 0xf7f, { 0x01 }, FPX_PE },
	{ F(0xc000000000000000ull, 0xbfff), 0x77f, { 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 }, FPX_PE | SW_C1 },
	{ F(0xa000000000000000ull, 0x4000), 0x37f, { 0x02 }, FPX_PE },             /* 2.5 */
	{ F(0x8000000000000000ull, 0x3ffe), 0xb7f, { 0x01 }, FPX_PE | SW_C1 },     /* 0.5 */
	{ F(0x0000000000000123ull, 0x8000), 0x77f, { 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 }, FPX_PE | SW_C1 },
	{ F(0, 0x8000), 0x37f, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 }, 0 },
	{ F(0xde0b6b3a763ffff0ull, 0x403a), 0x37f,
	  { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99 }, 0 },
	{ F(0xde0b6b3a763fffffull, 0x403a), 0x77f, /* 999999999999999999.9375 */
	  { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99 }, FPX_PE },
	{ F(0xbc16d674ec7ffffeull, 0xc03a), 0x37f,
	  { 0x24, 0x30, 0x15, 0x93, 0x53, 0x49, 0x78, 0x70, 0x84, 0x80 }, FPX_PE | SW_C1 },
	/* out of range once rounded, NaN, infinity, unsupported: IE and the
	 * packed BCD indefinite, no PE */
	{ F(0xde0b6b3a763fffffull, 0x403a), 0x37f, { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff }, FPX_IE },
	{ F(0xde0b6b3a76400000ull, 0x403b), 0xf7f, { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff }, FPX_IE },
	{ F(0xc000000000000001ull, 0x7fff), 0x37f, { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff }, FPX_IE },
	{ F(0x8000000000000000ull, 0xffff), 0x37f, { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff }, FPX_IE },
	{ F(0x4000000000000000ull, 0x3fff), 0x37f, { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff }, FPX_IE },
};

START_TEST(test_bcd_store)
{
	for (unsigned i = 0; i < sizeof(bstp_vecs) / sizeof(bstp_vecs[0]); i++) {
		struct fp_env e = env_of(bstp_vecs[i].cw);
		u8 out[10];
		memset(out, 0x5a, sizeof(out));
		f80_to_bcd(&e, bstp_vecs[i].a, out);
		u16 sw = (u16)(e.flags | (e.c1 ? SW_C1 : 0));
		ck_assert_msg(!memcmp(out, bstp_vecs[i].bcd, 10) && sw == bstp_vecs[i].sw,
			      "FBSTP vector %u: sw %04x", i, sw);
	}
}
END_TEST

/* Any 18 digits and sign survive FBLD then FBSTP, exactly and silently. */
START_TEST(test_bcd_round_trip)
{
	u64 x = 0x243f6a8885a308d3ull;
	for (int n = 0; n < 2000; n++) {
		u8 in[10], out[10];
		for (int i = 0; i < 10; i++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			unsigned d = (unsigned)(x >> 33);
			in[i] = (u8)((d % 10) << 4 | (d / 10) % 10);
		}
		in[9] &= 0x80;
		struct fp_env e = env_of(0x37f);
		f80_to_bcd(&e, f80_from_bcd(in), out);
		ck_assert(!memcmp(in, out, 10));
		ck_assert_uint_eq(e.flags, 0);
	}
}
END_TEST

Suite *fp_trans_suite(void)
{
	Suite *s = suite_create("fp_trans");
	TCase *tc = tcase_create("transcendental");
	tcase_add_loop_test(tc, test_host_vectors, 0, (int)(sizeof(vecs) / sizeof(vecs[0])));
	tcase_add_test(tc, test_trig_out_of_range);
	tcase_add_test(tc, test_unmasked_denormal_stops);
	suite_add_tcase(s, tc);
	tc = tcase_create("prem");
	tcase_add_test(tc, test_prem_loop);
	suite_add_tcase(s, tc);
	tc = tcase_create("bcd");
	tcase_add_test(tc, test_bcd_load);
	tcase_add_test(tc, test_bcd_store);
	tcase_add_test(tc, test_bcd_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
