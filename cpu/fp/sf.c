/* sf.c - binary32/binary64 arithmetic with SSE rules, integers only.
 *
 * Where SSE differs from IEEE 754 and from the x87 (SDM Vol. 1 11.5 and
 * table 4-7): a NaN result is the first source operand if it is a NaN,
 * else the second, quieted; invalid operations give the negative default
 * QNaN; DAZ reads denormal operands as signed zeros before anything else
 * (so they raise no DE); FTZ turns a tiny result into a signed zero,
 * raising UE and PE, but only while UE is masked; tininess is detected
 * after rounding. MIN/MAX return the second operand whenever either is a
 * NaN or both are zeros.
 *
 * Values are unpacked with their format's own bias into struct fp_unpacked
 * and go through the significand cores of f80.c, then fp_pack_narrow.
 */
#include "cpu/fp/fp_internal.h"

struct sf_fmt {
	unsigned fb;   /* fraction bits: 23 or 52 */
	unsigned emax; /* all-ones exponent */
	unsigned bits; /* 32 or 64 */
	int bias;
	u64 default_nan;
};

static const struct sf_fmt F32 = { 23, 0xff, 32, 127, F32_DEFAULT_NAN };
static const struct sf_fmt F64 = { 52, 0x7ff, 64, 1023, F64_DEFAULT_NAN };

static inline bool sf_sign(u64 a, const struct sf_fmt *f) { return a >> (f->bits - 1) & 1; }
static inline unsigned sf_exp(u64 a, const struct sf_fmt *f) { return (unsigned)(a >> f->fb) & f->emax; }
static inline u64 sf_frac(u64 a, const struct sf_fmt *f) { return a & ((1ull << f->fb) - 1); }
static inline u64 sf_zero(bool sign, const struct sf_fmt *f) { return (u64)sign << (f->bits - 1); }
static inline u64 sf_inf(bool sign, const struct sf_fmt *f)
{
	return sf_zero(sign, f) | (u64)f->emax << f->fb;
}
static inline bool sf_is_zero(u64 a, const struct sf_fmt *f) { return !(a << (65 - f->bits)); }
static inline bool sf_is_inf(u64 a, const struct sf_fmt *f)
{
	return sf_exp(a, f) == f->emax && !sf_frac(a, f);
}
static inline bool sf_is_nan(u64 a, const struct sf_fmt *f)
{
	return sf_exp(a, f) == f->emax && sf_frac(a, f);
}
static inline bool sf_is_snan(u64 a, const struct sf_fmt *f)
{
	return sf_is_nan(a, f) && !(a >> (f->fb - 1) & 1);
}
static inline bool sf_is_denormal(u64 a, const struct sf_fmt *f)
{
	return sf_exp(a, f) == 0 && sf_frac(a, f);
}
static inline u64 sf_quiet(u64 a, const struct sf_fmt *f) { return a | 1ull << (f->fb - 1); }

/* finite nonzero a: value = sig / 2^63 * 2^(exp - bias) */
static inline struct fp_unpacked sf_unpack(u64 a, const struct sf_fmt *f)
{
	unsigned x = sf_exp(a, f);
	u64 fr = sf_frac(a, f);
	if (x)
		return (struct fp_unpacked){ (fr | 1ull << f->fb) << (63 - f->fb), (s32)x, sf_sign(a, f) };
	unsigned z = fp_clz64(fr);
	return (struct fp_unpacked){ fr << z, (s32)(1 - f->fb + 63 - z), sf_sign(a, f) };
}

static inline u64 sf_daz(struct fp_env *e, u64 a, const struct sf_fmt *f)
{
	return e->daz && sf_is_denormal(a, f) ? sf_zero(sf_sign(a, f), f) : a;
}

static u64 sf_invalid(struct fp_env *e, const struct sf_fmt *f)
{
	e->flags |= FPX_IE;
	return f->default_nan;
}

/* ---- the rounding step ---- */

/* The rounding of every result that stays normal, the fast paths' and
 * pack's: value = m * 2^(x - bias - 62), m's leading bit at 62, the bits
 * below the field at least ten (63 - fb), so a sticky bit ORed into bit 0
 * never reaches the rounding bit. False, with e untouched, when the rounded
 * result would overflow or be tiny. */
static inline bool sf_round_fast(struct fp_env *e, bool sign, s32 x, u64 m, const struct sf_fmt *f,
				 u64 *out)
{
	unsigned g = 62 - f->fb;
	u64 mask = (1ull << g) - 1, rem = m & mask, t = m >> g;
	/* what to add below the cut so that truncating rounds as rc says:
	 * nearest-even adds just under half (half on an odd t), towards an
	 * infinity adds all ones on its side, towards zero nothing */
	u64 bias = e->rc == FPR_NEAR ? (mask >> 1) + (t & 1)
		 : e->rc == (sign ? FPR_DOWN : FPR_UP) ? mask : 0;
	u64 q = (m + bias) >> g;
	bool up = q != t;
	if (q >> (f->fb + 1)) { /* rounded up to the next power of two */
		q >>= 1;
		x++;
	}
	if (unlikely(x < 1 || x >= (s32)f->emax))
		return false;
	if (rem)
		e->flags |= FPX_PE;
	e->c1 = up;
	*out = sf_zero(sign, f) | (u64)x << f->fb | (q & ((1ull << f->fb) - 1));
	return true;
}

static u64 pack_overflow(struct fp_env *e, bool sign, unsigned how, bool sse,
			 const struct sf_fmt *f)
{
	if (FP_UNMASKED(e, FPX_OE)) { /* no result is delivered: the flags matter */
		e->flags |= FPX_OE | (sse && (how & FP_INEXACT) ? FPX_PE : 0);
		e->c1 = false;
		return sf_inf(sign, f);
	}
	e->flags |= FPX_OE | FPX_PE;
	bool to_inf = e->rc == FPR_NEAR || e->rc == (sign ? FPR_DOWN : FPR_UP);
	e->c1 = to_inf;
	return to_inf ? sf_inf(sign, f) : sf_inf(sign, f) - 1;
}

static u64 pack_tiny(struct fp_env *e, bool sign, s32 exp, u64 sig, unsigned how, bool sse,
		     const struct sf_fmt *f)
{
	if (FP_UNMASKED(e, FPX_UE)) { /* no result is delivered */
		e->flags |= FPX_UE | (sse && (how & FP_INEXACT) ? FPX_PE : 0);
		e->c1 = false;
		return sf_zero(sign, f);
	}
	if (sse && e->ftz) {
		e->flags |= FPX_UE | FPX_PE;
		return sf_zero(sign, f);
	}
	u64 r = fp_round_field(e->rc, sign, fp_shr64_sticky(sig, (unsigned)(1 - exp)), 0, f->fb + 1,
			       &how);
	if (how & FP_INEXACT)
		e->flags |= FPX_UE | FPX_PE;
	e->c1 = how & FP_ROUNDED_UP;
	/* a carry into bit 63 lands on the exponent field's lowest bit */
	return sf_zero(sign, f) | r >> (63 - f->fb);
}

static u64 pack(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, bool sse,
		const struct sf_fmt *f)
{
	if (unlikely(!(hi >> 63))) {
		if (!(hi | lo))
			return sf_zero(sign, f);
		unsigned z = u128_clz(u128_make(hi, lo));
		u128 n = u128_shl(u128_make(hi, lo), z);
		hi = u128_hi(n);
		lo = u128_lo(n);
		exp -= (s32)z;
	}
	u64 sig = hi | (lo != 0), r;
	if (likely(sf_round_fast(e, sign, exp, (sig >> 1) | (sig & 1), f, &r)))
		return r;
	/* Out of range once rounded: with exp >= 1 that can only be an
	 * overflow (a carry at emax - 1 included), else it is tiny. */
	unsigned how = (sig << (f->fb + 1)) ? FP_INEXACT : 0;
	if (exp >= 1)
		return pack_overflow(e, sign, how, sse, f);
	return pack_tiny(e, sign, exp, sig, how, sse, f);
}

u64 fp_pack_narrow(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, unsigned frac_bits,
		   bool sse)
{
	return pack(e, sign, exp, hi, lo, sse, frac_bits == 23 ? &F32 : &F64);
}

/* ---- arithmetic ---- */

/* DAZ, the SSE NaN rule and DE for a two-operand operation; true when *r
 * is the result (or DE is unmasked and there is none). */
static bool prep2(struct fp_env *e, u64 *a, u64 *b, const struct sf_fmt *f, u64 *r)
{
	*a = sf_daz(e, *a, f);
	*b = sf_daz(e, *b, f);
	if (sf_is_nan(*a, f) || sf_is_nan(*b, f)) {
		if (sf_is_snan(*a, f) || sf_is_snan(*b, f))
			e->flags |= FPX_IE;
		*r = sf_quiet(sf_is_nan(*a, f) ? *a : *b, f);
		return true;
	}
	if (sf_is_denormal(*a, f) || sf_is_denormal(*b, f)) {
		e->flags |= FPX_DE;
		if (FP_UNMASKED(e, FPX_DE)) {
			*r = *a;
			return true;
		}
	}
	return false;
}

/* ---- fast paths: both operands normal, result normal ----
 * The common case in SSE code needs none of the special-operand rules: the
 * significands are combined in 64-bit integers (128-bit for products) into
 * a significand with its leading bit at bit 62 and the bits shifted out
 * ORed into bit 0, and rounded once. Anything else, including a result
 * that could be tiny or overflow, returns false before touching e, and the
 * general path starts afresh. */
static inline bool sf_normal(u64 a, const struct sf_fmt *f) { return sf_exp(a, f) - 1u < f->emax - 1u; }
static inline u64 sf_sig(u64 a, const struct sf_fmt *f) { return sf_frac(a, f) | 1ull << f->fb; }

static inline bool sf_add_fast(struct fp_env *e, u64 a, u64 b, bool neg, const struct sf_fmt *f, u64 *out)
{
	if (!sf_normal(a, f) || !sf_normal(b, f))
		return false;
	bool sa = sf_sign(a, f), sb = sf_sign(b, f) ^ neg;
	unsigned ea = sf_exp(a, f), eb = sf_exp(b, f);
	u64 ma = sf_sig(a, f) << (61 - f->fb), mb = sf_sig(b, f) << (61 - f->fb);
	if (ea < eb || (ea == eb && ma < mb)) { /* a: the larger magnitude */
		unsigned te = ea;
		u64 tm = ma;
		bool ts = sa;
		ea = eb, ma = mb, sa = sb;
		eb = te, mb = tm, sb = ts;
	}
	mb = fp_shr64_sticky(mb, ea - eb);
	u64 m;
	unsigned p;
	if (sa == sb) { /* the sum's leading bit is at 61 or 62: no scan */
		m = ma + mb;
		p = 61 + (unsigned)(m >> 62);
	} else {
		m = ma - mb;
		if (!m) { /* exact cancellation: +0, or -0 rounding down */
			*out = sf_zero(e->rc == FPR_DOWN, f);
			return true;
		}
		p = 63 - fp_clz64(m);
	}
	return sf_round_fast(e, sa, (s32)ea + (s32)p - 61, m << (62 - p), f, out);
}

static inline bool sf_mul_fast(struct fp_env *e, u64 a, u64 b, const struct sf_fmt *f, u64 *out)
{
	if (!sf_normal(a, f) || !sf_normal(b, f))
		return false;
	u128 p = u128_mul64(sf_sig(a, f), sf_sig(b, f));
	unsigned l = 127 - u128_clz(p);
	u64 m = l > 62 ? u128_lo(u128_shr_sticky(p, l - 62)) : u128_lo(p) << (62 - l);
	s32 x = (s32)sf_exp(a, f) + (s32)sf_exp(b, f) - f->bias - 2 * (s32)f->fb + (s32)l;
	return sf_round_fast(e, sf_sign(a, f) ^ sf_sign(b, f), x, m, f, out);
}

static inline bool sf_div_fast(struct fp_env *e, u64 a, u64 b, const struct sf_fmt *f, u64 *out)
{
	if (!sf_normal(a, f) || !sf_normal(b, f))
		return false;
	u64 ma = sf_sig(a, f), mb = sf_sig(b, f), rem;
	u64 q = fp_div128by64(ma >> 1, ma << 63, mb, &rem); /* ma / mb * 2^63, in (2^62, 2^64) */
	s32 x = (s32)sf_exp(a, f) - (s32)sf_exp(b, f) + f->bias;
	u64 m = q | (rem != 0);
	if (q >> 63)
		m = (q >> 1) | (q & 1) | (rem != 0);
	else
		x--;
	return sf_round_fast(e, sf_sign(a, f) ^ sf_sign(b, f), x, m, f, out);
}

static u64 sf_addsub(struct fp_env *e, u64 a, u64 b, bool neg, const struct sf_fmt *f)
{
	u64 r;
	if (prep2(e, &a, &b, f, &r))
		return r;
	bool sa = sf_sign(a, f), sb = sf_sign(b, f) ^ neg;
	if (sf_is_inf(a, f))
		return sf_is_inf(b, f) && sa != sb ? sf_invalid(e, f) : a;
	if (sf_is_inf(b, f))
		return sf_inf(sb, f);
	bool za = sf_is_zero(a, f), zb = sf_is_zero(b, f);
	if (za && zb)
		return sf_zero(sa == sb ? sa : e->rc == FPR_DOWN, f);
	if (za || zb) {
		struct fp_unpacked u = sf_unpack(za ? b : a, f);
		return pack(e, za ? sb : sa, u.exp, u.sig, 0, true, f);
	}
	struct fp_unpacked ua = sf_unpack(a, f), ub = sf_unpack(b, f);
	bool sign;
	s32 exp;
	u128 sig;
	if (!fp_add_sig(sa, ua.exp, ua.sig, sb, ub.exp, ub.sig, &sign, &exp, &sig))
		return sf_zero(e->rc == FPR_DOWN, f);
	return pack(e, sign, exp, u128_hi(sig), u128_lo(sig), true, f);
}

static u64 sf_mul(struct fp_env *e, u64 a, u64 b, const struct sf_fmt *f)
{
	u64 r;
	if (prep2(e, &a, &b, f, &r))
		return r;
	bool sign = sf_sign(a, f) ^ sf_sign(b, f);
	bool za = sf_is_zero(a, f), zb = sf_is_zero(b, f);
	if (sf_is_inf(a, f) || sf_is_inf(b, f))
		return za || zb ? sf_invalid(e, f) : sf_inf(sign, f);
	if (za || zb)
		return sf_zero(sign, f);
	struct fp_unpacked ua = sf_unpack(a, f), ub = sf_unpack(b, f);
	u128 p = u128_mul64(ua.sig, ub.sig);
	return pack(e, sign, ua.exp + ub.exp - f->bias + 1, u128_hi(p), u128_lo(p), true, f);
}

static u64 sf_div(struct fp_env *e, u64 a, u64 b, const struct sf_fmt *f)
{
	u64 r;
	b = sf_daz(e, b, f);
	if (sf_is_zero(b, f) && !sf_is_nan(a, f) && !sf_is_inf(a, f)) {
		/* zero divide comes before the denormal check */
		if (sf_is_zero(sf_daz(e, a, f), f))
			return sf_invalid(e, f);
		e->flags |= FPX_ZE;
		return sf_inf(sf_sign(a, f) ^ sf_sign(b, f), f);
	}
	if (prep2(e, &a, &b, f, &r))
		return r;
	bool sign = sf_sign(a, f) ^ sf_sign(b, f);
	bool za = sf_is_zero(a, f);
	if (sf_is_inf(a, f))
		return sf_is_inf(b, f) ? sf_invalid(e, f) : sf_inf(sign, f);
	if (sf_is_inf(b, f))
		return sf_zero(sign, f);
	if (za)
		return sf_zero(sign, f);
	struct fp_unpacked ua = sf_unpack(a, f), ub = sf_unpack(b, f);
	u64 hi, lo;
	int adj = fp_div_sig(ua.sig, ub.sig, &hi, &lo);
	return pack(e, sign, ua.exp - ub.exp + f->bias + adj, hi, lo, true, f);
}

static u64 sf_sqrt(struct fp_env *e, u64 a, const struct sf_fmt *f)
{
	u64 r;
	a = sf_daz(e, a, f);
	if (sf_sign(a, f) && !sf_is_zero(a, f) && !sf_is_nan(a, f)) /* before DE */
		return sf_invalid(e, f);
	if (prep2(e, &a, &a, f, &r))
		return r;
	if (sf_is_zero(a, f))
		return a;
	if (sf_is_inf(a, f))
		return a;
	struct fp_unpacked u = sf_unpack(a, f);
	s32 x = u.exp - f->bias;
	unsigned odd = (unsigned)x & 1;
	u64 hi, lo;
	fp_sqrt_sig(u.sig, odd, &hi, &lo);
	return pack(e, false, (x - (s32)odd) / 2 + f->bias, hi, lo, true, f);
}

#define SF_FAST_THEN(fast, slow) \
	do {                            \
		u64 r_;                 \
		if (fast)               \
			return r_;      \
		return slow;            \
	} while (0)
u32 f32_add(struct fp_env *e, u32 a, u32 b) { SF_FAST_THEN(sf_add_fast(e, a, b, false, &F32, &r_), (u32)sf_addsub(e, a, b, false, &F32)); }
u32 f32_sub(struct fp_env *e, u32 a, u32 b) { SF_FAST_THEN(sf_add_fast(e, a, b, true, &F32, &r_), (u32)sf_addsub(e, a, b, true, &F32)); }
u32 f32_mul(struct fp_env *e, u32 a, u32 b) { SF_FAST_THEN(sf_mul_fast(e, a, b, &F32, &r_), (u32)sf_mul(e, a, b, &F32)); }
u32 f32_div(struct fp_env *e, u32 a, u32 b) { SF_FAST_THEN(sf_div_fast(e, a, b, &F32, &r_), (u32)sf_div(e, a, b, &F32)); }
u32 f32_sqrt(struct fp_env *e, u32 a) { return (u32)sf_sqrt(e, a, &F32); }
u64 f64_add(struct fp_env *e, u64 a, u64 b) { SF_FAST_THEN(sf_add_fast(e, a, b, false, &F64, &r_), sf_addsub(e, a, b, false, &F64)); }
u64 f64_sub(struct fp_env *e, u64 a, u64 b) { SF_FAST_THEN(sf_add_fast(e, a, b, true, &F64, &r_), sf_addsub(e, a, b, true, &F64)); }
u64 f64_mul(struct fp_env *e, u64 a, u64 b) { SF_FAST_THEN(sf_mul_fast(e, a, b, &F64, &r_), sf_mul(e, a, b, &F64)); }
u64 f64_div(struct fp_env *e, u64 a, u64 b) { SF_FAST_THEN(sf_div_fast(e, a, b, &F64, &r_), sf_div(e, a, b, &F64)); }
u64 f64_sqrt(struct fp_env *e, u64 a) { return sf_sqrt(e, a, &F64); }

/* ---- comparisons, min and max ---- */

static int sf_compare(struct fp_env *e, u64 a, u64 b, bool quiet, const struct sf_fmt *f)
{
	a = sf_daz(e, a, f);
	b = sf_daz(e, b, f);
	if (sf_is_nan(a, f) || sf_is_nan(b, f)) {
		if (!quiet || sf_is_snan(a, f) || sf_is_snan(b, f))
			e->flags |= FPX_IE;
		return FP_UN;
	}
	if (sf_is_denormal(a, f) || sf_is_denormal(b, f))
		e->flags |= FPX_DE;
	bool sa = sf_sign(a, f), sb = sf_sign(b, f);
	if (sf_is_zero(a, f) && sf_is_zero(b, f))
		return FP_EQ;
	if (sa != sb)
		return sa ? FP_LT : FP_GT;
	/* same sign: the magnitudes order as the integers without the sign */
	u64 ma = a & ~sf_zero(true, f), mb = b & ~sf_zero(true, f);
	if (ma == mb)
		return FP_EQ;
	return (ma < mb) != sa ? FP_LT : FP_GT;
}

int f32_compare(struct fp_env *e, u32 a, u32 b, bool quiet) { return sf_compare(e, a, b, quiet, &F32); }
int f64_compare(struct fp_env *e, u64 a, u64 b, bool quiet) { return sf_compare(e, a, b, quiet, &F64); }

/* MINPS/MAXPS: "a < b ? a : b" (or >), so NaNs and equal zeros give b */
static u64 sf_minmax(struct fp_env *e, u64 a, u64 b, bool max, const struct sf_fmt *f)
{
	u64 da = sf_daz(e, a, f), db = sf_daz(e, b, f);
	int c = sf_compare(e, da, db, false, f);
	return c == (max ? FP_GT : FP_LT) ? da : db;
}

u32 f32_min(struct fp_env *e, u32 a, u32 b) { return (u32)sf_minmax(e, a, b, false, &F32); }
u32 f32_max(struct fp_env *e, u32 a, u32 b) { return (u32)sf_minmax(e, a, b, true, &F32); }
u64 f64_min(struct fp_env *e, u64 a, u64 b) { return sf_minmax(e, a, b, false, &F64); }
u64 f64_max(struct fp_env *e, u64 a, u64 b) { return sf_minmax(e, a, b, true, &F64); }

/* ---- conversions ---- */

/* CVTSS2SD / CVTSD2SS */
static u64 sf_convert(struct fp_env *e, u64 a, const struct sf_fmt *from, const struct sf_fmt *to)
{
	a = sf_daz(e, a, from);
	bool sign = sf_sign(a, from);
	if (sf_is_nan(a, from)) {
		if (sf_is_snan(a, from))
			e->flags |= FPX_IE;
		u64 frac = sf_frac(a, from);
		frac = to->fb > from->fb ? frac << (to->fb - from->fb) : frac >> (from->fb - to->fb);
		return sf_quiet(sf_inf(sign, to) | frac, to);
	}
	if (sf_is_inf(a, from))
		return sf_inf(sign, to);
	if (sf_is_zero(a, from))
		return sf_zero(sign, to);
	if (sf_is_denormal(a, from)) {
		e->flags |= FPX_DE;
		if (FP_UNMASKED(e, FPX_DE))
			return a;
	}
	struct fp_unpacked u = sf_unpack(a, from);
	return pack(e, sign, u.exp - from->bias + to->bias, u.sig, 0, true, to);
}

u64 f32_to_f64(struct fp_env *e, u32 a) { return sf_convert(e, a, &F32, &F64); }
u32 f64_to_f32(struct fp_env *e, u64 a) { return (u32)sf_convert(e, a, &F64, &F32); }

u32 f32_from_i32(struct fp_env *e, s32 v)
{
	if (v == 0)
		return 0;
	u64 m = v < 0 ? 0 - (u64)(s64)v : (u64)v;
	unsigned z = fp_clz64(m);
	return (u32)pack(e, v < 0, 127 + 63 - (s32)z, m << z, 0, true, &F32);
}

u64 f64_from_i32(s32 v)
{
	if (v == 0)
		return 0;
	u64 m = v < 0 ? 0 - (u64)(s64)v : (u64)v;
	unsigned z = fp_clz64(m);
	return (u64)(v < 0) << 63 | (u64)(1023 + 63 - z) << 52 | ((m << z << 1) >> 12);
}

/* CVTSS2SI / CVTTSS2SI and the SD forms: through the f80, which holds every
 * binary32/64 value exactly, and the x87's integer conversion, whose flags
 * (IE out of range or NaN, PE inexact) are the same. */
static s32 sf_to_i32(struct fp_env *e, u64 a, bool trunc, const struct sf_fmt *f)
{
	a = sf_daz(e, a, f);
	if (sf_is_nan(a, f) || sf_is_inf(a, f)) {
		e->flags |= FPX_IE;
		return INT32_MIN;
	}
	f80 x = f80_make(sf_sign(a, f), 0, 0);
	if (!sf_is_zero(a, f)) {
		struct fp_unpacked u = sf_unpack(a, f);
		x = f80_make(u.sign, (unsigned)(u.exp - f->bias + F80_BIAS), u.sig);
	}
	return (s32)f80_to_int(e, x, 32, trunc);
}

s32 f32_to_i32(struct fp_env *e, u32 a, bool trunc) { return sf_to_i32(e, a, trunc, &F32); }
s32 f64_to_i32(struct fp_env *e, u64 a, bool trunc) { return sf_to_i32(e, a, trunc, &F64); }
