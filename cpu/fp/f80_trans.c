/* f80_trans.c - the x87 transcendentals: FSIN, FCOS, FSINCOS, FPTAN, FPATAN,
 * F2XM1, FYL2X, FYL2XP1.
 *
 * Each result is computed in "xf", an internal float with a 128-bit
 * significand and a 32-bit exponent, and rounded once by f80_round_pack to
 * 64 bits: the precision control does not apply to these instructions
 * (SDM Vol. 1 8.1.5.2). xf arithmetic truncates but ORs every lost bit into
 * bit 0 ("sticky"), so a result lying just beside an f80 value (sin x for a
 * tiny x is a hair below x) still rounds the right way in every rounding
 * mode and raises PE. Every series keeps the exact leading term apart
 * (sin r = r + r*S) for the same reason. About 120 of the 128 bits are
 * right, so the f80 result is the correctly rounded one except when the
 * exact value is within ~2^-120 of a rounding boundary; the x87 itself is
 * off by up to ~0.53 ulp, so the two differ by one ulp now and then, never
 * more (tests/fp/transcmp.c counts how often).
 *
 * FSIN, FCOS, FSINCOS and FPTAN reduce their argument modulo pi/2 exactly,
 * but with the x87's 66-bit pi (SDM Vol. 1 8.3.10: pi rounded to 64
 * fraction bits), not the true one: the host's results for large arguments
 * match that reduction and no other.
 *
 * The instruction pages' special cases (tables in SDM Vol. 2 FPATAN, FYL2X,
 * FYL2XP1, F2XM1) come first in each function; the quirks that go beyond
 * the tables (F2XM1 outside [-1, 1], PE on exact FYL2X results) are those
 * of the host x87, an AMD EPYC, found with transcmp.
 *
 * The constants were computed with integer arithmetic only by this Python
 * program (W = 300 fraction bits, then rounded to 128 bits):
 *
 *   W = 300; ONE = 1 << W
 *   def atan_inv(n):             # atan(1/n), alternating series
 *       s, t, k = 0, ONE // n, 1
 *       while t: s += t // k if k % 4 == 1 else -(t // k); t //= n * n; k += 2
 *       return s
 *   def atanh_inv(n):            # atanh(1/n)
 *       s, t, k = 0, ONE // n, 1
 *       while t: s += t // k; t //= n * n; k += 2
 *       return s
 *   def atan_fix(x):             # atan(x), 0 <= x <= 1: halve the angle 3 times
 *       from math import isqrt   # (atan x = 2 atan(x / (1 + sqrt(1 + x^2))))
 *       for _ in range(3): x = x * ONE // (ONE + isqrt(ONE * ONE + x * x))
 *       s, t, k, x2 = 0, x, 1, x * x // ONE
 *       while t: s += t // k if k % 4 == 1 else -(t // k); t = t * x2 // ONE; k += 2
 *       return s * 8
 *   PI = 4 * (4 * atan_inv(5) - atan_inv(239))     # Machin
 *   LN2 = 2 * atanh_inv(3)
 *   def xconst(v):               # -> (hi, lo, exp): v = hi:lo / 2^127 * 2^exp
 *       e = v.bit_length() - 1 - W
 *       m = (v * 2 ** 127 + (1 << (W + e - 1))) >> (W + e)
 *       if m >> 128: m >>= 1; e += 1
 *       return (m >> 64, m & (2 ** 64 - 1), e)
 *   xconst(PI), xconst(PI // 2), xconst(LN2), xconst(2 * ONE * ONE // LN2)
 *   [xconst(atan_fix(j * ONE // 16)) for j in range(1, 17)]
 *   pi66 = (PI + (1 << (W - 65))) >> (W - 64)      # = 0x3243f6a8885a308d3
 */
#include "fp_internal.h"

/* value = (-1)^sign * m / 2^127 * 2^exp; m has bit 127 set unless zero */
struct xf {
	u128 m;
	s32 exp;
	bool sign;
};

struct xconst {
	u64 hi, lo;
	s32 exp;
};

enum {
	XC_PI, XC_PI_2, XC_LN2, XC_2_LN2, XC_ATAN_16TH, /* atan(j/16), j = 1..16 */
	XC_COUNT = XC_ATAN_16TH + 16
};

static const struct xconst xconsts[XC_COUNT] = {
	[XC_PI] = { 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, 1 },
	[XC_PI_2] = { 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, 0 },
	[XC_LN2] = { 0xb17217f7d1cf79abull, 0xc9e3b39803f2f6afull, -1 },
	[XC_2_LN2] = { 0xb8aa3b295c17f0bbull, 0xbe87fed0691d3e89ull, 1 },
	[XC_ATAN_16TH + 0] = { 0xffaaddb967ef4e36ull, 0xcb2792dc0e2e0d51ull, -5 },
	[XC_ATAN_16TH + 1] = { 0xfeadd4d5617b6e32ull, 0xc897989f3e888ef8ull, -4 },
	[XC_ATAN_16TH + 2] = { 0xbdcbda5e72d81134ull, 0x7b0b4f881c9c7488ull, -3 },
	[XC_ATAN_16TH + 3] = { 0xfadbafc96406eb15ull, 0x6dc79ef5f7a217e6ull, -3 },
	[XC_ATAN_16TH + 4] = { 0x9b13b9b83f5e5e69ull, 0xc5abb498d27af328ull, -2 },
	[XC_ATAN_16TH + 5] = { 0xb7b0ca0f26f78473ull, 0x8aa32122dcfe4483ull, -2 },
	[XC_ATAN_16TH + 6] = { 0xd327761e611fe5b6ull, 0x427c95e9001e7136ull, -2 },
	[XC_ATAN_16TH + 7] = { 0xed63382b0dda7b45ull, 0x6fe445ecbc3a8d03ull, -2 },
	[XC_ATAN_16TH + 8] = { 0x832bf4a6d9867e2aull, 0x4b6a09cb61a515c1ull, -1 },
	[XC_ATAN_16TH + 9] = { 0x8f005d5ef7f59f9bull, 0x5c835e1665c43748ull, -1 },
	[XC_ATAN_16TH + 10] = { 0x9a2f80e671bdda20ull, 0x4226f8e2204ff3bdull, -1 },
	[XC_ATAN_16TH + 11] = { 0xa4bc7d1934f70924ull, 0x19a87f2a457dac9full, -1 },
	[XC_ATAN_16TH + 12] = { 0xaeac4c38b4d8c080ull, 0x14725e2f3e52070aull, -1 },
	[XC_ATAN_16TH + 13] = { 0xb8053e2bc2319e73ull, 0xcb2da55210a4443dull, -1 },
	[XC_ATAN_16TH + 14] = { 0xc0ce85b8ac526640ull, 0x89dd62c46e92fa25ull, -1 },
	[XC_ATAN_16TH + 15] = { 0xc90fdaa22168c234ull, 0xc4c6628b80dc1cd1ull, -1 },
};

/* The reduction pi/2 of FSIN & co.: PI66_HALF * 2^-65 (pi66 above). */
#define PI66_HALF_HI 0x3ull
#define PI66_HALF_LO 0x243f6a8885a308d3ull

/* A series stops once its terms fall this many bits below the sum. */
#define XF_TAIL_BITS 132

/* ---- xf arithmetic ---- */

static struct xf xf_norm(bool sign, s32 exp, u128 m)
{
	if (u128_is_zero(m))
		return (struct xf){ m, 0, sign };
	unsigned n = u128_clz(m);
	return (struct xf){ u128_shl(m, n), exp - (s32)n, sign };
}

static bool xf_is_zero(struct xf a) { return u128_is_zero(a.m); }
static struct xf xf_neg(struct xf a) { a.sign = !a.sign; return a; }
static struct xf xf_abs(struct xf a) { a.sign = false; return a; }
static struct xf xf_scale(struct xf a, s32 n) { a.exp += n; return a; }

static struct xf xf_const(unsigned i)
{
	const struct xconst *c = &xconsts[i];
	return (struct xf){ u128_make(c->hi, c->lo), c->exp, false };
}

static struct xf xf_from_u64(bool sign, u64 v) { return xf_norm(sign, 127, u128_from64(v)); }
static struct xf xf_one(void) { return xf_from_u64(false, 1); }

/* a must be finite, nonzero and supported */
static struct xf xf_from_f80(f80 a)
{
	struct fp_unpacked u = fp80_unpack(a);
	return (struct xf){ u128_make(u.sig, 0), u.exp - F80_BIAS, u.sign };
}

static f80 xf_round(struct fp_env *e, struct xf a)
{
	if (xf_is_zero(a))
		return f80_make(a.sign, 0, 0);
	return f80_round_pack(e, a.sign, a.exp + F80_BIAS, u128_hi(a.m), u128_lo(a.m), 64);
}

/* |a| < |b| */
static bool xf_less_mag(struct xf a, struct xf b)
{
	if (xf_is_zero(a) || xf_is_zero(b))
		return !xf_is_zero(b) && xf_is_zero(a);
	return a.exp < b.exp || (a.exp == b.exp && u128_lt(a.m, b.m));
}

/* The aligned operand keeps its lost bits as a sticky bit, so a tiny
 * addend still nudges the sum the right way. Catastrophic cancellation of
 * inexact operands never occurs in this file's formulas. */
static struct xf xf_add(struct xf a, struct xf b)
{
	if (xf_is_zero(b))
		return a;
	if (xf_is_zero(a))
		return b;
	if (xf_less_mag(a, b)) {
		struct xf t = a;
		a = b;
		b = t;
	}
	u32 d = (u32)(a.exp - b.exp);
	u128 bm = u128_shr_sticky(b.m, d > 200 ? 200 : d);
	if (a.sign != b.sign)
		return xf_norm(a.sign, a.exp, u128_sub(a.m, bm));
	u128 s = u128_add(a.m, bm);
	if (!u128_lt(s, a.m))
		return (struct xf){ s, a.exp, a.sign };
	s = u128_or(u128_shr_sticky(s, 1), u128_make(1ull << 63, 0)); /* carry out */
	return (struct xf){ s, a.exp + 1, a.sign };
}

static struct xf xf_sub(struct xf a, struct xf b) { return xf_add(a, xf_neg(b)); }

static struct xf xf_mul(struct xf a, struct xf b)
{
	bool sign = a.sign != b.sign;
	if (xf_is_zero(a) || xf_is_zero(b))
		return (struct xf){ u128_from64(0), 0, sign };
	u128 low, top = u128_mul128(a.m, b.m, &low); /* in [2^254, 2^256) */
	u64 below = u128_hi(low);
	bool sticky = u128_lo(low) != 0;
	s32 exp = a.exp + b.exp + 1;
	if (!(u128_hi(top) >> 63)) {
		top = u128_or(u128_shl(top, 1), u128_from64(below >> 63));
		below <<= 1;
		exp--;
	}
	sticky |= below != 0;
	return (struct xf){ u128_or(top, u128_from64(sticky)), exp, sign };
}

/* Restoring division, one quotient bit per step: slow but short, and the
 * transcendentals need at most two divisions each. b nonzero. */
static struct xf xf_div(struct xf a, struct xf b)
{
	bool sign = a.sign != b.sign;
	if (xf_is_zero(a))
		return (struct xf){ a.m, 0, sign };
	u128 r = a.m, d = b.m, q = u128_from64(0);
	s32 exp = a.exp - b.exp;
	bool carry = false; /* bit 128 of the partial remainder */
	if (u128_lt(r, d)) {
		carry = u128_hi(r) >> 63;
		r = u128_shl(r, 1);
		exp--;
	}
	for (int i = 0; i < 128; i++) {
		q = u128_shl(q, 1);
		if (carry || !u128_lt(r, d)) {
			r = u128_sub(r, d);
			q = u128_or(q, u128_from64(1));
		}
		carry = u128_hi(r) >> 63;
		r = u128_shl(r, 1);
	}
	bool sticky = carry || !u128_is_zero(r);
	return (struct xf){ u128_or(q, u128_from64(sticky)), exp, sign };
}

/* a / d for a small integer d (< 2^32): three limbs of quotient, so the
 * normalized result still has 128 bits. */
static struct xf xf_div_small(struct xf a, u32 d)
{
	if (xf_is_zero(a))
		return a;
	u64 rem, q2 = u128_hi(a.m) / d;
	u64 q1 = fp_div128by64(u128_hi(a.m) % d, u128_lo(a.m), d, &rem);
	u64 q0 = fp_div128by64(rem, 0, d, &rem);
	unsigned n = fp_clz64(q2); /* q2 >= 2^31 */
	u128 m = u128_or(u128_shl(u128_make(q2, q1), n), u128_shr(u128_from64(q0), 64 - n));
	bool sticky = rem != 0 || (n < 64 && (q0 << n) != 0);
	return (struct xf){ u128_or(m, u128_from64(sticky)), a.exp - (s32)n, a.sign };
}

/* sum_{k>=1} t_k with t_1 = x / den(1), t_k = t_{k-1} * x / den(k): the
 * Taylor series of sin, cos and exp, whose denominators are products of
 * small integers. Stops once a term no longer reaches the sum's bits. */
static struct xf xf_series_ratio(struct xf x, u32 (*den)(unsigned))
{
	struct xf t = xf_div_small(x, den(1)), sum = t;
	for (unsigned k = 2; k < 64 && !xf_is_zero(t); k++) {
		t = xf_div_small(xf_mul(t, x), den(k));
		sum = xf_add(sum, t);
		if (t.exp < sum.exp - XF_TAIL_BITS)
			break;
	}
	return sum;
}

/* sum_{k>=1} x^k / (2k+1): atan (x = -u^2) and atanh (x = s^2) less their
 * leading term, divided by it. |x| <= 1/32. */
static struct xf xf_series_odd(struct xf x)
{
	struct xf p = x, sum = xf_div_small(x, 3);
	for (u32 k = 2; k < 64; k++) {
		p = xf_mul(p, x);
		struct xf t = xf_div_small(p, 2 * k + 1);
		sum = xf_add(sum, t);
		if (t.exp < sum.exp - XF_TAIL_BITS)
			break;
	}
	return sum;
}

/* ---- sine, cosine, tangent ---- */

static u32 den_sin(unsigned k) { return (2 * k) * (2 * k + 1); }
static u32 den_cos(unsigned k) { return (2 * k - 1) * (2 * k); }

/* S = sin(r)/r - 1 and C = cos(r) - 1 for z = r^2, |r| <= pi/4 */
static struct xf trig_s(struct xf z) { return xf_series_ratio(xf_neg(z), den_sin); }
static struct xf trig_c(struct xf z) { return xf_series_ratio(xf_neg(z), den_cos); }

static struct xf trig_sin(struct xf r, struct xf z) { return xf_add(r, xf_mul(r, trig_s(z))); }
static struct xf trig_cos(struct xf z) { return xf_add(xf_one(), trig_c(z)); }

/* tan r = r (1 + (S - C) / (1 + C)) and cot r = (1 + (C - S) / (1 + S)) / r:
 * the exact r (or 1/r) stays apart from the small correction. */
static struct xf trig_tan(struct xf r, struct xf z, bool cot)
{
	struct xf s = trig_s(z), c = trig_c(z);
	if (!cot)
		return xf_add(r, xf_mul(r, xf_div(xf_sub(s, c), xf_add(xf_one(), c))));
	struct xf q = xf_div(xf_one(), r);
	return xf_add(q, xf_mul(q, xf_div(xf_sub(c, s), xf_add(xf_one(), s))));
}

/* |a| = k (P/2) + r exactly, |r| <= P/4, with the x87's pi P (top of file):
 * in units of 2^-65, |a| = sig << (e + 2) and P/2 is an integer. */
static struct xf trig_reduce(struct fp_unpacked u, unsigned *quadrant)
{
	s32 e = u.exp - F80_BIAS; /* |a| = sig / 2^63 * 2^e, e <= 62 */
	*quadrant = 0;
	if (e < -1)
		return (struct xf){ u128_make(u.sig, 0), e, false };
	u128 half_pi = u128_make(PI66_HALF_HI, PI66_HALF_LO); /* < 2^66 */
	u128 rem = u128_shl(u128_from64(u.sig), (unsigned)(e + 2));
	u64 k = 0;
	for (int bit = e; bit >= 0; bit--) { /* k < 2^(e+1) */
		u128 d = u128_shl(half_pi, (unsigned)bit);
		if (!u128_lt(rem, d)) {
			rem = u128_sub(rem, d);
			k |= 1ull << bit;
		}
	}
	bool neg = u128_lt(u128_sub(half_pi, rem), rem); /* rem > P/4: round k up */
	if (neg) {
		rem = u128_sub(half_pi, rem);
		k++;
	}
	*quadrant = (unsigned)(k & 3);
	return xf_norm(neg, 127 - 65, rem); /* never zero: P/2 is odd and > 2^64 */
}

enum trig_check { TRIG_DONE, TRIG_ZERO, TRIG_RANGE, TRIG_COMPUTE };

/* The operand rules of FSIN/FCOS/FSINCOS/FPTAN: NaNs propagate, infinities
 * and unsupported encodings are invalid, |a| >= 2^63 is out of range (C2,
 * nothing changes), denormals raise DE and are computed with. */
static enum trig_check trig_check(struct fp_env *e, f80 a, f80 *res)
{
	e->c1 = false;
	switch (f80_classify(a)) {
	case FPC_ZERO:
		return TRIG_ZERO;
	case FPC_QNAN:
	case FPC_SNAN:
		*res = fp80_nan_result(e, a, a);
		return TRIG_DONE;
	case FPC_INF:
	case FPC_UNSUPPORTED:
		*res = fp80_invalid(e);
		return TRIG_DONE;
	case FPC_DENORMAL:
		if (fp80_denormal_stops(e, a, a)) {
			*res = a;
			return TRIG_DONE;
		}
		return TRIG_COMPUTE;
	default:
		return f80_exp(a) >= F80_BIAS + 63 ? TRIG_RANGE : TRIG_COMPUTE;
	}
}

/* sin or cos of a for quadrant-shifted r: cos(r + k pi/2) = sin(r + (k+1) pi/2) */
static f80 trig_sincos_one(struct fp_env *e, f80 a, struct xf r, struct xf z, unsigned q)
{
	struct xf v = (q & 1) ? trig_cos(z) : trig_sin(r, z);
	if (q & 2)
		v = xf_neg(v);
	if (f80_sign(a) && !(q & 4)) /* q & 4: cosine, which is even */
		v = xf_neg(v);
	return xf_round(e, v);
}

/* The start FSIN/FCOS/FSINCOS/FPTAN share: 1 with a reduced to r (z = r^2)
 * in quadrant q, to compute with; 0 with *res the result already (zero_res
 * for a zero operand); -1 when a is out of range. */
static int trig_start(struct fp_env *e, f80 a, f80 zero_res, f80 *res, struct xf *r, struct xf *z, unsigned *q)
{
	switch (trig_check(e, a, res)) {
	case TRIG_DONE:
		return 0;
	case TRIG_ZERO:
		*res = zero_res;
		return 0;
	case TRIG_RANGE:
		return -1;
	case TRIG_COMPUTE:
		break;
	}
	*r = trig_reduce(fp80_unpack(a), q);
	*z = xf_mul(*r, *r);
	return 1;
}

bool f80_sin(struct fp_env *e, f80 a, f80 *res)
{
	unsigned q;
	struct xf r, z;
	int st = trig_start(e, a, a, res, &r, &z, &q);
	if (st > 0)
		*res = trig_sincos_one(e, a, r, z, q);
	return st >= 0;
}

bool f80_cos(struct fp_env *e, f80 a, f80 *res)
{
	unsigned q;
	struct xf r, z;
	int st = trig_start(e, a, f80_make(false, F80_BIAS, 1ull << 63), res, &r, &z, &q);
	if (st > 0)
		*res = trig_sincos_one(e, a, r, z, ((q + 1) & 3) | 4);
	return st >= 0;
}

/* FSINCOS: *s = sin a, *c = cos a. The flags come from both, C1 from the
 * sine (as on the host). */
bool f80_sincos(struct fp_env *e, f80 a, f80 *s, f80 *c)
{
	unsigned q;
	struct xf r, z;
	int st = trig_start(e, a, a, s, &r, &z, &q);
	if (st == 0) /* sin 0 = 0, cos 0 = 1; otherwise both the same */
		*c = f80_classify(a) == FPC_ZERO ? f80_make(false, F80_BIAS, 1ull << 63) : *s;
	if (st > 0) {
		*c = trig_sincos_one(e, a, r, z, ((q + 1) & 3) | 4);
		*s = trig_sincos_one(e, a, r, z, q);
	}
	return st >= 0;
}

bool f80_tan(struct fp_env *e, f80 a, f80 *res)
{
	unsigned q;
	struct xf r, z;
	int st = trig_start(e, a, a, res, &r, &z, &q);
	if (st <= 0)
		return st == 0;
	struct xf v = trig_tan(r, z, q & 1);
	if ((q & 1) != f80_sign(a)) /* tan(r + pi/2) = -cot r; tan is odd */
		v = xf_neg(v);
	*res = xf_round(e, v);
	return true;
}

/* ---- arctangent ---- */

/* atan u = u (1 + sum (-u^2)^k / (2k+1)), |u| <= 1/32 or so */
static struct xf atan_small(struct xf u)
{
	if (xf_is_zero(u))
		return u;
	return xf_add(u, xf_mul(u, xf_series_odd(xf_neg(xf_mul(u, u)))));
}

/* j = 16 n / d rounded, from the top 64 bits: 0 < n <= d */
static unsigned atan_pick(struct xf n, struct xf d)
{
	u64 nh = u128_hi(n.m), dh = u128_hi(d.m), rem;
	u64 q = fp_div128by64(nh >> 1, nh << 63, dh, &rem); /* (nh / dh) * 2^63 */
	s32 sh = 59 - (n.exp - d.exp);                      /* 16 n/d = q / 2^sh */
	if (sh > 64)
		return 0;
	unsigned j = (unsigned)(((q >> (sh - 1)) + 1) >> 1);
	return j > 16 ? 16 : j;
}

/* atan(n / d), 0 < n <= d: with c = j/16 next to n/d,
 * atan(n/d) = atan c + atan((n - c d) / (d + c n)). n - c d and d + c n are
 * exact (n and d have 64-bit significands, c five bits, and n/d >= 1/32). */
static struct xf atan_ratio(struct xf n, struct xf d)
{
	unsigned j = atan_pick(n, d);
	if (j == 0)
		return atan_small(xf_div(n, d));
	struct xf c = xf_scale(xf_from_u64(false, j), -4);
	struct xf u = xf_div(xf_sub(n, xf_mul(c, d)), xf_add(d, xf_mul(c, n)));
	return xf_add(xf_const(XC_ATAN_16TH + j - 1), atan_small(u));
}

/* FPATAN's table (SDM Vol. 2 FPATAN): zeros and infinities. The angle's
 * sign is y's. */
static f80 atan_table(struct fp_env *e, f80 y, f80 x)
{
	enum fp_class cy = f80_classify(y), cx = f80_classify(x);
	struct xf v = { u128_from64(0), 0, false };
	if (cy == FPC_ZERO || (cx == FPC_INF && cy != FPC_INF)) {
		if (f80_sign(x))
			v = xf_const(XC_PI);
	} else if (cy == FPC_INF && cx == FPC_INF) {
		v = xf_const(XC_ATAN_16TH + 15); /* pi/4 */
		if (f80_sign(x))
			v = xf_sub(xf_const(XC_PI), v);
	} else {
		v = xf_const(XC_PI_2);
	}
	v.sign = f80_sign(y);
	return xf_round(e, v);
}

static bool is_nan_class(enum fp_class c) { return c == FPC_QNAN || c == FPC_SNAN; }

/* The first operand rules of the two-operand instructions: unsupported
 * encodings are invalid, then NaNs propagate (x = ST(0), y = ST(1)).
 * Returns true when *res is the result already. */
static bool two_operand_check(struct fp_env *e, f80 x, f80 y, f80 *res)
{
	enum fp_class cx = f80_classify(x), cy = f80_classify(y);
	e->c1 = false;
	if (cx == FPC_UNSUPPORTED || cy == FPC_UNSUPPORTED) {
		*res = fp80_invalid(e);
		return true;
	}
	if (is_nan_class(cx) || is_nan_class(cy)) {
		*res = fp80_nan_result(e, x, y);
		return true;
	}
	return false;
}

static bool finite_nonzero(f80 a)
{
	enum fp_class c = f80_classify(a);
	return c == FPC_NORMAL || c == FPC_DENORMAL;
}

f80 f80_atan2(struct fp_env *e, f80 y, f80 x)
{
	f80 res;
	if (two_operand_check(e, x, y, &res))
		return res;
	if (fp80_denormal_stops(e, x, y))
		return x;
	if (!finite_nonzero(y) || !finite_nonzero(x))
		return atan_table(e, y, x);
	struct xf ay = xf_abs(xf_from_f80(y)), ax = xf_abs(xf_from_f80(x)), v;
	if (xf_less_mag(ax, ay))
		v = xf_sub(xf_const(XC_PI_2), atan_ratio(ax, ay));
	else
		v = atan_ratio(ay, ax);
	if (f80_sign(x))
		v = xf_sub(xf_const(XC_PI), v);
	v.sign = f80_sign(y);
	return xf_round(e, v);
}

/* ---- 2^x - 1 ---- */

static u32 den_exp(unsigned k) { return k; }

f80 f80_2xm1(struct fp_env *e, f80 a)
{
	e->c1 = false;
	switch (f80_classify(a)) {
	case FPC_ZERO:
		return a;
	case FPC_QNAN:
	case FPC_SNAN:
		return fp80_nan_result(e, a, a);
	case FPC_UNSUPPORTED:
		return fp80_invalid(e);
	case FPC_INF: /* 2^-inf - 1 = -1 */
		return f80_sign(a) ? f80_make(true, F80_BIAS, 1ull << 63) : a;
	case FPC_DENORMAL:
		if (fp80_denormal_stops(e, a, a))
			return a;
		break;
	default:
		break;
	}
	unsigned ex = f80_exp(a);
	if (ex > F80_BIAS || (ex == F80_BIAS && a.sig != 1ull << 63)) {
		/* SDM: undefined outside [-1, 1]; the host x87 returns a, inexact */
		e->flags |= FPX_PE;
		return a;
	}
	if (ex == F80_BIAS && f80_sign(a)) { /* the host: -0.5, inexact, not rounded */
		e->flags |= FPX_PE;
		return f80_make(true, F80_BIAS - 1, 1ull << 63);
	}
	if (ex == F80_BIAS) /* the host rounds 2^1 - 1 as if just below 1 */
		return xf_round(e, (struct xf){ u128_make(~0ull, ~0ull), -1, false });
	/* 2^a - 1 = expm1(a ln 2), |a ln 2| < 0.7 */
	struct xf t = xf_mul(xf_from_f80(a), xf_const(XC_LN2));
	return xf_round(e, xf_series_ratio(t, den_exp));
}

/* ---- logarithms ---- */

/* sqrt(2) * 2^63 = 0xb504f333f9de6484.597d...: significands above it are
 * halved so that the atanh argument stays within 0.172 */
#define SQRT2_SIG 0xb504f333f9de6484ull

/* log2(1 + x) = (2 / ln 2) atanh(s) with s = x / (2 + x), given s */
static struct xf log2_atanh(struct xf s)
{
	if (xf_is_zero(s))
		return s;
	struct xf at = xf_add(s, xf_mul(s, xf_series_odd(xf_mul(s, s))));
	return xf_mul(xf_const(XC_2_LN2), at);
}

/* log2 v for v > 0: e + log2 m with m in [sqrt(1/2), sqrt(2)), whose
 * (m - 1) / (m + 1) is exact to the division */
static struct xf xf_log2(struct xf v)
{
	s32 e = v.exp;
	struct xf m = { v.m, 0, false };
	if (u128_hi(v.m) > SQRT2_SIG) {
		m.exp = -1;
		e++;
	}
	struct xf s = xf_div(xf_sub(m, xf_one()), xf_add(m, xf_one()));
	struct xf ev = xf_from_u64(e < 0, e < 0 ? (u64)-(s64)e : (u64)e);
	return xf_add(ev, log2_atanh(s));
}

/* Results of FYL2X and FYL2XP1 that are not computed: y * L where L is
 * the logarithm's sign (lneg) and kind (log_zero: L = 0, log_inf: |L| = inf).
 * 0 * inf is invalid. */
static f80 log_product_special(struct fp_env *e, f80 y, bool lneg, bool log_zero, bool log_inf)
{
	enum fp_class cy = f80_classify(y);
	bool sign = f80_sign(y) != lneg;
	if ((log_zero && cy == FPC_INF) || (log_inf && cy == FPC_ZERO))
		return fp80_invalid(e);
	if (log_zero || cy == FPC_ZERO)
		return f80_make(sign, 0, 0);
	return f80_make(sign, F80_EXP_MAX, 1ull << 63);
}

/* The host treats every computed FYL2X/FYL2XP1 result as inexact, even an
 * exact one (3 = 1 * log2 8): PE, and UE when it is tiny, but no rounding. */
static f80 log_round(struct fp_env *e, struct xf v)
{
	u8 before = e->flags;
	f80 r = xf_round(e, v);
	if (!((e->flags & ~before) & FPX_PE) && f80_exp(r) == 0)
		e->flags |= FPX_UE;
	e->flags |= FPX_PE;
	return r;
}

/* FYL2X, SDM Vol. 2 table: x < 0 invalid; x = 0 is a zero divide unless
 * y is 0 (invalid) or infinite; x = 1 gives a zero, x = +inf an infinity. */
f80 f80_yl2x(struct fp_env *e, f80 x, f80 y)
{
	f80 res;
	if (two_operand_check(e, x, y, &res))
		return res;
	enum fp_class cx = f80_classify(x), cy = f80_classify(y);
	if (cx != FPC_ZERO && f80_sign(x))
		return fp80_invalid(e);
	if (cx == FPC_ZERO) {
		if (cy != FPC_ZERO && cy != FPC_INF)
			e->flags |= FPX_ZE;
		return log_product_special(e, y, true, false, true);
	}
	if (fp80_denormal_stops(e, x, y))
		return x;
	bool is_one = f80_exp(x) == F80_BIAS && x.sig == 1ull << 63;
	bool below_one = f80_exp(x) < F80_BIAS || cx == FPC_DENORMAL;
	if (cx == FPC_INF || is_one || cy == FPC_ZERO || cy == FPC_INF)
		return log_product_special(e, y, below_one, is_one, cx == FPC_INF);
	return log_round(e, xf_mul(xf_from_f80(y), xf_log2(xf_from_f80(x))));
}

/* FYL2XP1: the SDM defines |x| < 1 - sqrt(2)/2 only. Beyond it the host
 * computes y log2(1 + x) for x > -1, and for x <= -1 returns x itself. */
f80 f80_yl2xp1(struct fp_env *e, f80 x, f80 y)
{
	f80 res;
	if (two_operand_check(e, x, y, &res))
		return res;
	enum fp_class cx = f80_classify(x), cy = f80_classify(y);
	if (cx == FPC_INF && f80_sign(x))
		return fp80_invalid(e);
	if (fp80_denormal_stops(e, x, y))
		return x;
	bool at_most_m1 = f80_sign(x) && f80_exp(x) >= F80_BIAS && cx != FPC_INF;
	if (cx == FPC_ZERO || cx == FPC_INF || cy == FPC_ZERO || cy == FPC_INF)
		return log_product_special(e, y, f80_sign(x), cx == FPC_ZERO, cx == FPC_INF);
	if (at_most_m1) {
		e->flags |= FPX_PE;
		return x;
	}
	struct xf xv = xf_from_f80(x), l;
	if (xv.exp < -2) /* |x| < 1/4: keep the precision of a tiny x */
		l = log2_atanh(xf_div(xv, xf_add(xf_from_u64(false, 2), xv)));
	else
		l = xf_log2(xf_add(xf_one(), xv));
	return log_round(e, xf_mul(xf_from_f80(y), l));
}
