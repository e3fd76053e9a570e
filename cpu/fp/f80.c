/* f80.c - x87 80-bit arithmetic with integer operations only.
 *
 * Every result goes through f80_round_pack, which implements the x87's one
 * rounding step: the significand is rounded to the precision control's 24,
 * 53 or 64 bits while the exponent keeps its 15-bit range; tininess is
 * detected after rounding; a masked underflow denormalizes and rounds at
 * the same fixed bit position (so a pc=24 denormal keeps the bits a pc=24
 * normal at exponent 1 would); unmasked overflow/underflow deliver the
 * rounded value with its exponent biased by -/+ 0x6000 (SDM Vol. 1 8.4,
 * 4.9.1.4-5). C1 reports whether the delivered magnitude was rounded up.
 *
 * Operand checks follow the x87's priority (SDM Vol. 1 4.9.2 and 8.5):
 * unsupported encodings and SNaNs (IE) before QNaN propagation, before the
 * denormal operand check (DE), before zero divide (ZE), before the result's
 * OE/UE/PE. When IE, DE or ZE is unmasked the instruction delivers nothing,
 * so these functions stop there and the caller must not store the result.
 */
#include "cpu/fp/fp_internal.h"

#define F80_UNF_BIAS 0x6000 /* unmasked OE/UE exponent adjustment, 24576 */

/* ---- 128 by 64 division ---- */

#if !defined(__x86_64__) || defined(XLAT_FP_NO_INT128)
/* Two 32-bit quotient digits, each estimated from the divisor's top half
 * and corrected at most twice (Knuth 4.3.1, algorithm D with n = 2). */
static u64 div_digit(u64 *num, u64 next, u64 d)
{
	u64 dh = d >> 32, dl = (u32)d;
	u64 q = *num / dh, r = *num - q * dh;
	while ((q >> 32) || q * dl > ((r << 32) | next)) {
		q--;
		r += dh;
		if (r >> 32)
			break;
	}
	*num = ((*num << 32) | next) - q * d;
	return q;
}
#endif

u64 fp_div128by64(u64 hi, u64 lo, u64 d, u64 *rem)
{
#if defined(__x86_64__) && !defined(XLAT_FP_NO_INT128)
	u64 q, r;
	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d) : "cc");
	*rem = r;
	return q;
#else
	unsigned s = fp_clz64(d);
	if (s) {
		d <<= s;
		hi = (hi << s) | (lo >> (64 - s));
		lo <<= s;
	}
	u64 q1 = div_digit(&hi, lo >> 32, d);
	u64 q0 = div_digit(&hi, (u32)lo, d);
	*rem = hi >> s;
	return (q1 << 32) | q0;
#endif
}

/* ---- classification ---- */

enum fp_class f80_classify(f80 a)
{
	unsigned e = f80_exp(a);
	if (e == 0)
		return a.sig ? FPC_DENORMAL : FPC_ZERO;
	if (!(a.sig >> 63))
		return FPC_UNSUPPORTED;
	if (e != F80_EXP_MAX)
		return FPC_NORMAL;
	if (!(a.sig << 1))
		return FPC_INF;
	return (a.sig >> 62 & 1) ? FPC_QNAN : FPC_SNAN;
}

bool f80_is_pseudo_denormal(f80 a) { return f80_exp(a) == 0 && (a.sig >> 63); }

static inline bool is_normal(f80 a) { return (f80_exp(a) - 1u) < 0x7ffeu && (a.sig >> 63); }
static inline bool is_zero(f80 a) { return f80_exp(a) == 0 && a.sig == 0; }
static inline f80 f80_inf(bool sign) { return f80_make(sign, F80_EXP_MAX, 1ull << 63); }
static inline f80 f80_zero(bool sign) { return f80_make(sign, 0, 0); }

f80 fp80_invalid(struct fp_env *e)
{
	e->flags |= FPX_IE;
	e->c1 = false;
	return F80_INDEFINITE;
}

/* SDM Vol. 1 table 4-7: the larger significand wins (a QNaN's is always
 * larger than an SNaN's); equal significands: the positive one. */
f80 fp80_nan_result(struct fp_env *e, f80 a, f80 b)
{
	if (fp80_is_snan(a) || fp80_is_snan(b))
		e->flags |= FPX_IE;
	f80 r = a;
	if (!fp80_is_nan(a))
		r = b;
	else if (fp80_is_nan(b) && (b.sig > a.sig || (b.sig == a.sig && !f80_sign(b))))
		r = b;
	r.sig |= 1ull << 62;
	e->c1 = false;
	return r;
}

/* ---- the rounding step ---- */

static f80 overflow(struct fp_env *e, bool sign, s32 x, u64 sig, unsigned how, unsigned prec)
{
	bool unmasked = FP_UNMASKED(e, FPX_OE);
	if (unmasked && x - F80_UNF_BIAS < F80_EXP_MAX) {
		e->flags |= FPX_OE | ((how & FP_INEXACT) ? FPX_PE : 0);
		e->c1 = how & FP_ROUNDED_UP;
		return f80_make(sign, (unsigned)(x - F80_UNF_BIAS), sig);
	}
	/* Only FSCALE leaves the range even after the bias: unmasked, that
	 * gives infinity in every rounding mode (as measured) */
	e->flags |= FPX_OE | FPX_PE;
	bool to_inf = unmasked || e->rc == FPR_NEAR || e->rc == (sign ? FPR_DOWN : FPR_UP);
	e->c1 = to_inf;
	if (to_inf)
		return f80_inf(sign);
	return f80_make(sign, F80_EXP_MAX - 1, ~((1ull << (64 - prec)) - 1));
}

static f80 underflow(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, unsigned prec)
{
	unsigned how;
	u128 d = u128_shr_sticky(u128_make(hi, lo), (unsigned)(1 - exp));
	u64 sig = fp_round_field(e->rc, sign, u128_hi(d), u128_lo(d), prec, &how);
	if (how & FP_INEXACT)
		e->flags |= FPX_UE | FPX_PE;
	e->c1 = how & FP_ROUNDED_UP;
	return f80_make(sign, sig >> 63, sig);
}

f80 f80_round_pack(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, unsigned prec)
{
	if (unlikely(!(hi >> 63))) {
		if (!(hi | lo)) {
			e->c1 = false;
			return f80_zero(sign);
		}
		unsigned z = u128_clz(u128_make(hi, lo));
		u128 n = u128_shl(u128_make(hi, lo), z);
		hi = u128_hi(n);
		lo = u128_lo(n);
		exp -= (s32)z;
	}
	unsigned how;
	u64 sig = fp_round_field(e->rc, sign, hi, lo, prec, &how);
	s32 x = exp;
	if (sig == 0) { /* carried out: 1.0 at the next exponent */
		sig = 1ull << 63;
		x++;
	}
	if (likely(x >= 1 && x < F80_EXP_MAX)) {
		/* x >= 1 with exp == 0: rounded up to the smallest normal, not tiny */
		if (how & FP_INEXACT)
			e->flags |= FPX_PE;
		e->c1 = how & FP_ROUNDED_UP;
		return f80_make(sign, (unsigned)x, sig);
	}
	if (x >= F80_EXP_MAX)
		return overflow(e, sign, x, sig, how, prec);
	if (FP_UNMASKED(e, FPX_UE)) {
		if (x + F80_UNF_BIAS < 1) { /* FSCALE only: zero in every mode */
			e->flags |= FPX_UE | FPX_PE;
			e->c1 = false;
			return f80_zero(sign);
		}
		e->flags |= FPX_UE | ((how & FP_INEXACT) ? FPX_PE : 0);
		e->c1 = how & FP_ROUNDED_UP;
		return f80_make(sign, (unsigned)(x + F80_UNF_BIAS), sig);
	}
	return underflow(e, sign, exp, hi, lo, prec);
}

/* f80_round_pack for the common case, inlined into the fast paths: hi
 * normalized and the exponent well inside the range, so neither overflow
 * nor underflow can happen. */
static inline f80 pack_normal(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo)
{
	if (unlikely(exp < 1 || exp >= F80_EXP_MAX - 1))
		return f80_round_pack(e, sign, exp, hi, lo, e->pc);
	unsigned how;
	u64 sig = fp_round_field(e->rc, sign, hi, lo, e->pc, &how);
	if (unlikely(sig == 0)) {
		sig = 1ull << 63;
		exp++;
	}
	e->flags |= (u8)((how & FP_INEXACT) ? FPX_PE : 0);
	e->c1 = how & FP_ROUNDED_UP;
	return f80_make(sign, (unsigned)exp, sig);
}

/* ---- exact significand cores ---- */

bool fp_add_sig(bool sa, s32 ea, u64 ma, bool sb, s32 eb, u64 mb,
		bool *sign, s32 *exp, u128 *sig)
{
	if (ea < eb || (ea == eb && ma < mb)) { /* make |a| >= |b| */
		bool ts = sa; sa = sb; sb = ts;
		s32 te = ea; ea = eb; eb = te;
		u64 tm = ma; ma = mb; mb = tm;
	}
	/* a's significand at bits 126..63 leaves bit 127 for the carry */
	u128 A = u128_make(ma >> 1, ma << 63);
	u128 B = u128_shr_sticky(u128_make(mb >> 1, mb << 63), (unsigned)(ea - eb));
	*sign = sa;
	*exp = ea + 1;
	if (sa == sb) {
		*sig = u128_add(A, B);
		return true;
	}
	*sig = u128_sub(A, B);
	return !u128_is_zero(*sig);
}

int fp_div_sig(u64 ma, u64 mb, u64 *hi, u64 *lo)
{
	u64 r;
	int adj;
	if (ma < mb) { /* quotient in (1/2, 1): 64 bits of it from ma * 2^64 */
		*hi = fp_div128by64(ma, 0, mb, &r);
		adj = -1;
	} else {
		*hi = fp_div128by64(ma >> 1, ma << 63, mb, &r);
		adj = 0;
	}
	if (r == 0)
		*lo = 0;
	else if (r < mb - r)
		*lo = 1;
	else
		*lo = (1ull << 63) + (r != mb - r);
	return adj;
}

/* 2^15 / sqrt(t) at the middle of each t interval [i/128, (i+1)/128),
 * i = 32..127: a 7-bit start for the reciprocal square root. */
static const u16 rsqrt_table[96] = {
	65030, 64052, 63117, 62222, 61363, 60540, 59748, 58987, 58254, 57548, 56867, 56210,
	55574, 54960, 54366, 53791, 53233, 52693, 52169, 51660, 51165, 50685, 50218, 49763,
	49321, 48890, 48470, 48061, 47663, 47273, 46894, 46523, 46161, 45807, 45462, 45124,
	44793, 44470, 44153, 43843, 43540, 43243, 42951, 42666, 42386, 42112, 41843, 41579,
	41320, 41065, 40816, 40571, 40330, 40093, 39861, 39632, 39408, 39187, 38970, 38756,
	38546, 38340, 38136, 37936, 37739, 37545, 37354, 37166, 36980, 36798, 36618, 36441,
	36266, 36093, 35924, 35756, 35591, 35428, 35267, 35109, 34953, 34798, 34646, 34496,
	34347, 34201, 34056, 33913, 33772, 33633, 33496, 33360, 33225, 33093, 32962, 32832,
};

/* y = 1/sqrt(t) for t = T / 2^64 in [1/4, 1), as y * 2^62, good to about
 * 2^-55: Newton's y' = y (3 - t y^2) / 2 twice at 30-bit precision, once at
 * 62-bit, all multiplications (no division). */
static u64 rsqrt62(u64 T)
{
	u64 t32 = T >> 32;
	u64 y = (u64)rsqrt_table[(T >> 57) - 32] << 15; /* y * 2^30 */
	for (int i = 0; i < 2; i++) {
		u64 ty2 = (t32 * ((y * y) >> 30)) >> 32;   /* t y^2 2^30 */
		y = (y * ((3ull << 30) - ty2)) >> 31;
	}
	y <<= 32;
	u64 y2 = u128_hi(u128_mul64(y, y));             /* y^2 2^60 */
	u64 ty2 = u128_hi(u128_mul64(T, y2));           /* t y^2 2^60 */
	u128 p = u128_mul64(y, (3ull << 60) - ty2);
	return u128_lo(u128_shr(p, 61));
}

void fp_sqrt_sig(u64 m, unsigned odd, u64 *hi, u64 *lo)
{
	/* M = m 2^(63+odd) is in [2^126, 2^128); S = floor(sqrt(M)) */
	u128 M = u128_shl(u128_from64(m), 63 + odd);
	u64 T = u128_hi(M), y = rsqrt62(T);
	u128 p = u128_shr(u128_mul64(T, y), 62);
	u64 s = u128_hi(p) ? ~0ull : u128_lo(p);
	/* one Newton step on the residual: s += (M - s^2) / (2s), 1/(2s) = y 2^-65 */
	u128 s2 = u128_mul64(s, s);
	bool neg = u128_lt(M, s2);
	u128 R = neg ? u128_sub(s2, M) : u128_sub(M, s2);
	u64 corr = u128_lo(u128_shr(u128_mul64(u128_lo(u128_shr(R, 16)), y), 111));
	s = neg ? s - corr : s + corr;
	/* now within one or two of the floor: settle it exactly */
	s2 = u128_mul64(s, s);
	while (u128_lt(M, s2)) {
		s--;
		s2 = u128_mul64(s, s);
	}
	R = u128_sub(M, s2);
	while (u128_lt(u128_from64(s), u128_shr(R, 1)) ||
	       (u128_eq(u128_from64(s), u128_shr(R, 1)) && (u128_lo(R) & 1))) {
		/* R > 2s: (s + 1)^2 <= M */
		R = u128_sub(R, u128_add(u128_from64(s), u128_from64(s + 1)));
		s++;
	}
	*hi = s;
	/* sqrt(M) - s < 1/2 exactly when R <= s (it is never exactly 1/2) */
	if (u128_is_zero(R))
		*lo = 0;
	else if (u128_lt(u128_from64(s), R))
		*lo = (1ull << 63) + 1;
	else
		*lo = 1;
}

/* ---- arithmetic ---- */

/* Checks shared by the two-operand operations; true when *r is the result. */
static bool special2(struct fp_env *e, f80 a, f80 b, f80 *r)
{
	if (fp80_is_unsupported(a) || fp80_is_unsupported(b)) {
		*r = fp80_invalid(e);
		return true;
	}
	if (fp80_is_nan(a) || fp80_is_nan(b)) {
		*r = fp80_nan_result(e, a, b);
		return true;
	}
	if (fp80_denormal_stops(e, a, b)) {
		*r = a;
		return true;
	}
	return false;
}

/* Two normals whose exponents differ by less than 64: the aligned
 * operands fit 128 bits exactly, and the sum needs at most a one-bit
 * renormalization (a difference, a clz). */
static inline f80 add_near(struct fp_env *e, struct fp_unpacked a, struct fp_unpacked b,
			   unsigned d)
{
	u64 bh = d ? b.sig >> d : b.sig, bl = d ? b.sig << (64 - d) : 0, hi, lo;
	s32 exp = a.exp;
	if (a.sign == b.sign) {
		hi = a.sig + bh;
		lo = bl;
		if (hi < bh) { /* carry out: shift it back in, keeping the sticky bit */
			lo = (lo >> 1) | (lo & 1) | (hi << 63);
			hi = (hi >> 1) | (1ull << 63);
			exp++;
		}
		return pack_normal(e, a.sign, exp, hi, lo);
	}
	lo = 0 - bl;
	hi = a.sig - bh - (bl != 0);
	if (!(hi >> 63)) {
		if (!(hi | lo)) {
			e->c1 = false;
			return f80_zero(e->rc == FPR_DOWN);
		}
		unsigned z = u128_clz(u128_make(hi, lo));
		u128 n = u128_shl(u128_make(hi, lo), z);
		hi = u128_hi(n);
		lo = u128_lo(n);
		exp -= (s32)z;
	}
	return pack_normal(e, a.sign, exp, hi, lo);
}

static f80 add_finite(struct fp_env *e, struct fp_unpacked a, struct fp_unpacked b)
{
	bool sign;
	s32 exp;
	u128 sig;
	if (!fp_add_sig(a.sign, a.exp, a.sig, b.sign, b.exp, b.sig, &sign, &exp, &sig)) {
		e->c1 = false;
		return f80_zero(e->rc == FPR_DOWN);
	}
	return f80_round_pack(e, sign, exp, u128_hi(sig), u128_lo(sig), e->pc);
}

static f80 add_slow(struct fp_env *e, f80 a, f80 b, bool negb)
{
	f80 r;
	if (special2(e, a, b, &r))
		return r;
	bool sa = f80_sign(a), sb = f80_sign(b) ^ negb;
	e->c1 = false;
	if (fp80_is_inf(a))
		return fp80_is_inf(b) && sa != sb ? fp80_invalid(e) : a;
	if (fp80_is_inf(b))
		return f80_inf(sb);
	if (is_zero(a) && is_zero(b))
		return f80_zero(sa == sb ? sa : e->rc == FPR_DOWN);
	if (is_zero(a) || is_zero(b)) { /* still rounded to pc */
		struct fp_unpacked u = fp80_unpack(is_zero(a) ? b : a);
		return f80_round_pack(e, is_zero(a) ? sb : sa, u.exp, u.sig, 0, e->pc);
	}
	struct fp_unpacked ua = fp80_unpack(a), ub = fp80_unpack(b);
	ub.sign = sb;
	return add_finite(e, ua, ub);
}

static inline struct fp_unpacked unpack_normal(f80 a)
{
	return (struct fp_unpacked){ a.sig, (s32)f80_exp(a), f80_sign(a) };
}

static inline f80 addsub(struct fp_env *e, f80 a, f80 b, bool negb)
{
	if (likely(is_normal(a) && is_normal(b))) {
		struct fp_unpacked ua = unpack_normal(a), ub = unpack_normal(b);
		ub.sign ^= negb;
		if (ua.exp < ub.exp || (ua.exp == ub.exp && ua.sig < ub.sig)) {
			struct fp_unpacked t = ua;
			ua = ub;
			ub = t;
		}
		unsigned d = (unsigned)(ua.exp - ub.exp);
		if (likely(d < 64))
			return add_near(e, ua, ub, d);
		return add_finite(e, ua, ub);
	}
	return add_slow(e, a, b, negb);
}

f80 f80_add(struct fp_env *e, f80 a, f80 b) { return addsub(e, a, b, false); }
f80 f80_sub(struct fp_env *e, f80 a, f80 b) { return addsub(e, a, b, true); }

static f80 mul_finite(struct fp_env *e, struct fp_unpacked a, struct fp_unpacked b)
{
	u128 p = u128_mul64(a.sig, b.sig);
	u64 hi = u128_hi(p), lo = u128_lo(p);
	s32 exp = a.exp + b.exp - F80_BIAS + 1;
	if (!(hi >> 63)) { /* the product is in [2^126, 2^128) */
		hi = hi << 1 | lo >> 63;
		lo <<= 1;
		exp--;
	}
	return pack_normal(e, a.sign ^ b.sign, exp, hi, lo);
}

f80 f80_mul(struct fp_env *e, f80 a, f80 b)
{
	if (likely(is_normal(a) && is_normal(b)))
		return mul_finite(e, unpack_normal(a), unpack_normal(b));
	f80 r;
	if (special2(e, a, b, &r))
		return r;
	bool sign = f80_sign(a) ^ f80_sign(b);
	e->c1 = false;
	if (fp80_is_inf(a) || fp80_is_inf(b))
		return is_zero(a) || is_zero(b) ? fp80_invalid(e) : f80_inf(sign);
	if (is_zero(a) || is_zero(b))
		return f80_zero(sign);
	return mul_finite(e, fp80_unpack(a), fp80_unpack(b));
}

static f80 div_finite(struct fp_env *e, struct fp_unpacked a, struct fp_unpacked b)
{
	u64 hi, lo;
	int adj = fp_div_sig(a.sig, b.sig, &hi, &lo);
	return pack_normal(e, a.sign ^ b.sign, a.exp - b.exp + F80_BIAS + adj, hi, lo);
}

f80 f80_div(struct fp_env *e, f80 a, f80 b)
{
	if (likely(is_normal(a) && is_normal(b)))
		return div_finite(e, unpack_normal(a), unpack_normal(b));
	f80 r;
	bool sign = f80_sign(a) ^ f80_sign(b);
	if (is_zero(b) && !fp80_is_unsupported(a) && !fp80_is_nan(a) && !fp80_is_inf(a)) {
		/* zero divide comes before the denormal check (a denormal
		 * dividend raises ZE alone) */
		e->c1 = false;
		if (is_zero(a))
			return fp80_invalid(e);
		e->flags |= FPX_ZE;
		return f80_inf(sign);
	}
	if (special2(e, a, b, &r))
		return r;
	e->c1 = false;
	if (fp80_is_inf(a))
		return fp80_is_inf(b) ? fp80_invalid(e) : f80_inf(sign);
	if (fp80_is_inf(b))
		return f80_zero(sign);
	if (is_zero(a))
		return f80_zero(sign);
	return div_finite(e, fp80_unpack(a), fp80_unpack(b));
}

static f80 sqrt_finite(struct fp_env *e, struct fp_unpacked a)
{
	s32 x = a.exp - F80_BIAS; /* unbiased; the result's is floor(x / 2) */
	unsigned odd = (unsigned)x & 1;
	u64 hi, lo;
	fp_sqrt_sig(a.sig, odd, &hi, &lo);
	return pack_normal(e, false, (x - (s32)odd) / 2 + F80_BIAS, hi, lo);
}

f80 f80_sqrt(struct fp_env *e, f80 a)
{
	if (likely(is_normal(a) && !f80_sign(a)))
		return sqrt_finite(e, unpack_normal(a));
	f80 r;
	if (f80_sign(a) && !is_zero(a) && !fp80_is_nan(a)) /* before DE */
		return fp80_invalid(e);
	if (special2(e, a, a, &r))
		return r;
	e->c1 = false;
	if (is_zero(a) || fp80_is_inf(a))
		return a;
	return sqrt_finite(e, fp80_unpack(a));
}

/* ---- comparison and integer-valued operations ---- */

/* Orders finite/infinite magnitudes: -1, 0, 1 */
static int mag_cmp(f80 a, f80 b)
{
	if (is_zero(a) || is_zero(b))
		return is_zero(a) ? (is_zero(b) ? 0 : -1) : 1;
	struct fp_unpacked ua = fp80_unpack(a), ub = fp80_unpack(b);
	if (ua.exp != ub.exp)
		return ua.exp < ub.exp ? -1 : 1;
	return ua.sig == ub.sig ? 0 : (ua.sig < ub.sig ? -1 : 1);
}

int f80_compare(struct fp_env *e, f80 a, f80 b, bool quiet)
{
	e->c1 = false;
	if (fp80_is_unsupported(a) || fp80_is_unsupported(b)) {
		e->flags |= FPX_IE;
		return FP_UN;
	}
	if (fp80_is_nan(a) || fp80_is_nan(b)) {
		if (!quiet || fp80_is_snan(a) || fp80_is_snan(b))
			e->flags |= FPX_IE;
		return FP_UN;
	}
	if (fp80_is_denormal(a) || fp80_is_denormal(b))
		e->flags |= FPX_DE;
	bool sa = f80_sign(a), sb = f80_sign(b);
	if (is_zero(a) && is_zero(b))
		return FP_EQ;
	if (sa != sb)
		return sa ? FP_LT : FP_GT;
	int m = mag_cmp(a, b);
	if (m == 0)
		return FP_EQ;
	return (m < 0) != sa ? FP_LT : FP_GT;
}

/* Rounds the magnitude of finite nonzero a to an integer in rc: true
 * exponent x (unbiased) below 63. *how gets FP_INEXACT/FP_ROUNDED_UP. */
static u64 round_to_integer(unsigned rc, struct fp_unpacked u, unsigned *how)
{
	s32 x = u.exp - F80_BIAS;
	u64 kept, extra;
	if (x >= 0) {
		kept = u.sig >> (63 - x);
		extra = u.sig << (x + 1);
	} else {
		kept = 0;
		extra = fp_shr64_sticky(u.sig, (unsigned)(-x - 1));
	}
	/* round_field on the integer placed at the top of a 64-bit word */
	unsigned prec = 64 - (unsigned)fp_clz64(kept);
	if (prec == 0) /* only a fraction: 0 or 1 */
		return fp_round_field(rc, u.sign, 0, extra, 64, how);
	u64 hi = (kept << (64 - prec)) | (prec < 64 ? extra >> prec : 0);
	u64 lo = prec < 64 ? extra << (64 - prec) : extra;
	u64 r = fp_round_field(rc, u.sign, hi, lo, prec, how);
	return r == 0 ? 1ull << prec : r >> (64 - prec);
}

f80 f80_round_int(struct fp_env *e, f80 a)
{
	f80 r;
	if (special2(e, a, a, &r))
		return r;
	e->c1 = false;
	if (is_zero(a) || fp80_is_inf(a))
		return a;
	struct fp_unpacked u = fp80_unpack(a);
	if (u.exp - F80_BIAS >= 63)
		return a;
	unsigned how;
	u64 v = round_to_integer(e->rc, u, &how);
	if (how & FP_INEXACT)
		e->flags |= FPX_PE;
	e->c1 = how & FP_ROUNDED_UP;
	if (v == 0)
		return f80_zero(u.sign);
	unsigned z = fp_clz64(v);
	return f80_make(u.sign, F80_BIAS + 63 - z, v << z);
}

s64 f80_to_int(struct fp_env *e, f80 a, unsigned bits, bool trunc)
{
	s64 indefinite = (s64)(~0ull << (bits - 1));
	e->c1 = false;
	if (fp80_is_unsupported(a) || fp80_is_nan(a) || fp80_is_inf(a)) {
		e->flags |= FPX_IE;
		return indefinite;
	}
	if (is_zero(a))
		return 0;
	struct fp_unpacked u = fp80_unpack(a);
	unsigned how = 0;
	u64 v;
	if (u.exp - F80_BIAS >= 63)
		v = u.exp - F80_BIAS == 63 ? u.sig : ~0ull;
	else
		v = round_to_integer(trunc ? FPR_ZERO : e->rc, u, &how);
	u64 limit = (1ull << (bits - 1)) - !u.sign;
	if (v > limit) {
		e->flags |= FPX_IE;
		return indefinite;
	}
	if (how & FP_INEXACT)
		e->flags |= FPX_PE;
	e->c1 = how & FP_ROUNDED_UP;
	return u.sign ? (s64)(0 - v) : (s64)v;
}

/* Clamp for FSCALE's integer: beyond this every finite result over- or
 * underflows even after the unmasked-exception bias. */
#define SCALE_LIMIT 0x10000

f80 f80_scale(struct fp_env *e, f80 a, f80 b)
{
	f80 r;
	if (special2(e, a, b, &r))
		return r;
	e->c1 = false;
	bool binf = fp80_is_inf(b), bneg = f80_sign(b);
	if (is_zero(a))
		return binf && !bneg ? fp80_invalid(e) : a;
	if (fp80_is_inf(a))
		return binf && bneg ? fp80_invalid(e) : a;
	if (binf)
		return bneg ? f80_zero(f80_sign(a)) : f80_inf(f80_sign(a));
	s32 n = 0;
	if (!is_zero(b)) {
		struct fp_unpacked ub = fp80_unpack(b);
		s32 x = ub.exp - F80_BIAS;
		if (x >= 17)
			n = SCALE_LIMIT;
		else if (x >= 0)
			n = (s32)(ub.sig >> (63 - x));
		n = bneg ? -n : n;
	}
	struct fp_unpacked ua = fp80_unpack(a);
	return f80_round_pack(e, ua.sign, ua.exp + n, ua.sig, 0, 64);
}

void f80_xtract(struct fp_env *e, f80 a, f80 *exp, f80 *sig)
{
	e->c1 = false;
	if (special2(e, a, a, sig)) {
		*exp = *sig;
		return;
	}
	if (is_zero(a)) {
		e->flags |= FPX_ZE;
		*exp = f80_inf(true);
		*sig = a;
		return;
	}
	if (fp80_is_inf(a)) {
		*exp = f80_inf(false);
		*sig = a;
		return;
	}
	struct fp_unpacked u = fp80_unpack(a);
	*exp = f80_from_i64(u.exp - F80_BIAS);
	*sig = f80_make(u.sign, F80_BIAS, u.sig);
}

/* ---- conversions ---- */

f80 f80_from_i64(s64 v)
{
	if (v == 0)
		return f80_zero(false);
	u64 m = v < 0 ? 0 - (u64)v : (u64)v;
	unsigned z = fp_clz64(m);
	return f80_make(v < 0, F80_BIAS + 63 - z, m << z);
}

/* A binary32/64 value widened: frac_bits 23 or 52, bias 127 or 1023. */
static f80 from_narrow(struct fp_env *e, bool sign, unsigned exp, u64 frac, unsigned frac_bits,
		       unsigned emax, int bias)
{
	e->c1 = false;
	if (exp == emax) {
		if (frac == 0)
			return f80_inf(sign);
		if (!(frac >> (frac_bits - 1)))
			e->flags |= FPX_IE;
		return f80_make(sign, F80_EXP_MAX, (3ull << 62) | (frac << (63 - frac_bits)));
	}
	if (exp == 0) {
		if (frac == 0)
			return f80_zero(sign);
		e->flags |= FPX_DE;
		unsigned z = fp_clz64(frac);
		return f80_make(sign, (unsigned)(F80_BIAS - bias + 1 - (int)frac_bits + 63 - (int)z),
				frac << z);
	}
	return f80_make(sign, (unsigned)((int)exp - bias + F80_BIAS),
			(1ull << 63) | (frac << (63 - frac_bits)));
}

f80 f80_from_f32(struct fp_env *e, u32 a)
{
	return from_narrow(e, a >> 31, a >> 23 & 0xff, a & 0x7fffff, 23, 0xff, 127);
}

f80 f80_from_f64(struct fp_env *e, u64 a)
{
	return from_narrow(e, a >> 63, a >> 52 & 0x7ff, a & 0xfffffffffffffull, 52, 0x7ff, 1023);
}

/* FST m32/m64: rounded in rc to the narrow format (pc does not apply) */
static u64 to_narrow(struct fp_env *e, f80 a, unsigned frac_bits, unsigned total_bits, int bias)
{
	u64 sbit = (u64)f80_sign(a) << (total_bits - 1);
	unsigned emax = (1u << (total_bits - 1 - frac_bits)) - 1;
	e->c1 = false;
	if (fp80_is_unsupported(a)) {
		e->flags |= FPX_IE;
		return total_bits == 32 ? F32_DEFAULT_NAN : F64_DEFAULT_NAN;
	}
	if (fp80_is_nan(a)) {
		if (fp80_is_snan(a))
			e->flags |= FPX_IE;
		u64 frac = (a.sig << 1) >> (64 - frac_bits);
		return sbit | (u64)emax << frac_bits | frac | 1ull << (frac_bits - 1);
	}
	if (fp80_is_inf(a))
		return sbit | (u64)emax << frac_bits;
	if (is_zero(a))
		return sbit;
	struct fp_unpacked u = fp80_unpack(a);
	return fp_pack_narrow(e, u.sign, u.exp - F80_BIAS + bias, u.sig, 0, frac_bits, false);
}

u32 f80_to_f32(struct fp_env *e, f80 a) { return (u32)to_narrow(e, a, 23, 32, 127); }
u64 f80_to_f64(struct fp_env *e, f80 a) { return to_narrow(e, a, 52, 64, 1023); }
