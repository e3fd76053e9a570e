/* fp_internal.h - integer helpers shared by the files of cpu/fp.
 *
 * Everything in cpu/fp computes with integers only, so a 128-bit unsigned
 * type carries the wide intermediate significands. It is the compiler's
 * unsigned __int128 where it has one, else a pair of u64 with the same
 * operations; define XLAT_FP_NO_INT128 to force the pair (tests/fp checks
 * that both give the same bits). Use only the functions below on a u128,
 * never its operators or fields, so the code builds either way.
 */
#ifndef XLAT_CPU_FP_INTERNAL_H
#define XLAT_CPU_FP_INTERNAL_H

#include "xlat/fp.h"

#if defined(__SIZEOF_INT128__) && !defined(XLAT_FP_NO_INT128)
typedef unsigned __int128 u128;

static inline u128 u128_make(u64 hi, u64 lo) { return ((u128)hi << 64) | lo; }
static inline u64 u128_hi(u128 a) { return (u64)(a >> 64); }
static inline u64 u128_lo(u128 a) { return (u64)a; }
static inline u128 u128_add(u128 a, u128 b) { return a + b; }
static inline u128 u128_sub(u128 a, u128 b) { return a - b; }
static inline u128 u128_or(u128 a, u128 b) { return a | b; }
static inline bool u128_eq(u128 a, u128 b) { return a == b; }
static inline bool u128_lt(u128 a, u128 b) { return a < b; }
static inline bool u128_is_zero(u128 a) { return a == 0; }
static inline u128 u128_mul64(u64 a, u64 b) { return (u128)a * b; }
/* n >= 128 gives 0 */
static inline u128 u128_shl(u128 a, unsigned n) { return n < 128 ? a << n : 0; }
static inline u128 u128_shr(u128 a, unsigned n) { return n < 128 ? a >> n : 0; }
#else
typedef struct { u64 lo, hi; } u128;

static inline u128 u128_make(u64 hi, u64 lo) { return (u128){ lo, hi }; }
static inline u64 u128_hi(u128 a) { return a.hi; }
static inline u64 u128_lo(u128 a) { return a.lo; }
static inline u128 u128_add(u128 a, u128 b)
{
	u64 lo = a.lo + b.lo;
	return (u128){ lo, a.hi + b.hi + (lo < a.lo) };
}
static inline u128 u128_sub(u128 a, u128 b)
{
	return (u128){ a.lo - b.lo, a.hi - b.hi - (a.lo < b.lo) };
}
static inline u128 u128_or(u128 a, u128 b) { return (u128){ a.lo | b.lo, a.hi | b.hi }; }
static inline bool u128_eq(u128 a, u128 b) { return a.lo == b.lo && a.hi == b.hi; }
static inline bool u128_lt(u128 a, u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
static inline bool u128_is_zero(u128 a) { return (a.lo | a.hi) == 0; }
/* Schoolbook on 32-bit halves: no partial sum can overflow 64 bits. */
static inline u128 u128_mul64(u64 a, u64 b)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
	return (u128){ (mid << 32) | (u32)ll, hh + (lh >> 32) + (hl >> 32) + (mid >> 32) };
}
static inline u128 u128_shl(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return (u128){ 0, 0 };
	if (n >= 64)
		return (u128){ 0, a.lo << (n - 64) };
	return (u128){ a.lo << n, (a.hi << n) | (a.lo >> (64 - n)) };
}
static inline u128 u128_shr(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return (u128){ 0, 0 };
	if (n >= 64)
		return (u128){ a.hi >> (n - 64), 0 };
	return (u128){ (a.lo >> n) | (a.hi << (64 - n)), a.hi >> n };
}
#endif

static inline u128 u128_from64(u64 a) { return u128_make(0, a); }

/* Count of leading zero bits; 64 (128) for zero. */
static inline unsigned fp_clz64(u64 a) { return a ? (unsigned)__builtin_clzll(a) : 64; }
static inline unsigned u128_clz(u128 a)
{
	return u128_hi(a) ? fp_clz64(u128_hi(a)) : 64 + fp_clz64(u128_lo(a));
}

/* Shift right, ORing every bit shifted out into bit 0 ("sticky"), so the
 * result still rounds the same way as the exact value. Any n. */
static inline u64 fp_shr64_sticky(u64 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 64)
		return a != 0;
	return (a >> n) | ((a << (64 - n)) != 0);
}
static inline u128 u128_shr_sticky(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return u128_from64(!u128_is_zero(a));
	u128 r = u128_shr(a, n);
	bool lost = !u128_is_zero(u128_shl(a, 128 - n));
	return u128_make(u128_hi(r), u128_lo(r) | lost);
}

/* The 256-bit product a*b: the high 128 bits, *low the low ones. */
static inline u128 u128_mul128(u128 a, u128 b, u128 *low)
{
	u128 ll = u128_mul64(u128_lo(a), u128_lo(b));
	u128 lh = u128_mul64(u128_lo(a), u128_hi(b));
	u128 hl = u128_mul64(u128_hi(a), u128_lo(b));
	u128 hh = u128_mul64(u128_hi(a), u128_hi(b));
	u128 mid = u128_add(u128_from64(u128_hi(ll)), u128_from64(u128_lo(lh)));
	mid = u128_add(mid, u128_from64(u128_lo(hl)));
	*low = u128_make(u128_lo(mid), u128_lo(ll));
	u128 r = u128_add(hh, u128_from64(u128_hi(lh)));
	r = u128_add(r, u128_from64(u128_hi(hl)));
	return u128_add(r, u128_from64(u128_hi(mid)));
}

/* High 128 bits of the 256-bit product a*b (truncated), for fixed-point
 * arithmetic with 128-bit fractions. */
static inline u128 u128_mulhi(u128 a, u128 b)
{
	u128 low;
	return u128_mul128(a, b, &low);
}

/* (hi:lo) / d for hi < d (so the quotient fits 64 bits); *rem gets the
 * remainder. Exact on every host. */
u64 fp_div128by64(u64 hi, u64 lo, u64 d, u64 *rem);

/* ---- the unpacked f80 ----
 * A finite nonzero f80 with its significand normalized: value =
 * (-1)^sign * (sig / 2^63) * 2^(exp - 16383), bit 63 of sig set. Denormals
 * and pseudo-denormals get exp <= 1 (a denormal's weight is that of
 * exponent 1). exp matches f80_round_pack's, which takes sig as hi. */
struct fp_unpacked {
	u64 sig;  /* bit 63 set */
	s32 exp;  /* biased, may be < 1 */
	bool sign;
};

/* a must be finite, nonzero and supported (not an unnormal). */
static inline struct fp_unpacked fp80_unpack(f80 a)
{
	unsigned e = f80_exp(a), z = fp_clz64(a.sig);
	return (struct fp_unpacked){ a.sig << z, (s32)(e ? e : 1) - (s32)z, f80_sign(a) };
}

static inline bool fp80_is_nan(f80 a)
{
	return f80_exp(a) == F80_EXP_MAX && (a.sig >> 63) && (a.sig << 1);
}
static inline bool fp80_is_snan(f80 a) { return fp80_is_nan(a) && !(a.sig >> 62 & 1); }
static inline bool fp80_is_inf(f80 a) { return f80_exp(a) == F80_EXP_MAX && a.sig == 1ull << 63; }
/* pseudo-NaN, pseudo-infinity, unnormal: integer bit clear with exp != 0 */
static inline bool fp80_is_unsupported(f80 a) { return f80_exp(a) != 0 && !(a.sig >> 63); }
/* denormal or pseudo-denormal */
static inline bool fp80_is_denormal(f80 a) { return f80_exp(a) == 0 && a.sig != 0; }

#define FP_UNMASKED(e, x) (!((e)->masks & (x)))

/* Raises DE when a denormal operand (pseudo-denormals included) is present;
 * true when DE is unmasked, so the instruction stops there. */
static inline bool fp80_denormal_stops(struct fp_env *e, f80 a, f80 b)
{
	if (!fp80_is_denormal(a) && !fp80_is_denormal(b))
		return false;
	e->flags |= FPX_DE;
	return FP_UNMASKED(e, FPX_DE);
}

/* ---- x87 operand rules, in f80.c ---- */
/* IE and the indefinite. */
f80 fp80_invalid(struct fp_env *e);
/* The x87 result for operands a, b of which one at least is a NaN (neither
 * unsupported): SNaNs raise IE, the NaN with the larger significand wins,
 * quieted (SDM Vol. 1 table 4-7). For a one-operand instruction pass a
 * twice. */
f80 fp80_nan_result(struct fp_env *e, f80 a, f80 b);

/* ---- exact significand cores shared by f80.c and sf.c (in f80.c) ----
 * Inputs are normalized u64 significands (bit 63 set) read as sig / 2^63.
 * Outputs use f80_round_pack's hi:lo convention (bit 127 has weight 2^0);
 * when only hi is exact, lo stands for the rest: 0 none, 1 less than half
 * an ulp of hi, 1 << 63 exactly half, (1 << 63) + 1 more than half. */

/* Rounding outcome bits */
#define FP_INEXACT 1u
#define FP_ROUNDED_UP 2u

/* Rounds hi:lo to its top prec bits (1..64) in rc, as a 64-bit field with
 * the discarded bits cleared. The result wraps to 0 when rounding carries
 * out of bit 63. *how gets FP_INEXACT / FP_ROUNDED_UP. */
static inline u64 fp_round_field(unsigned rc, bool sign, u64 hi, u64 lo, unsigned prec,
				 unsigned *how)
{
	u64 lsb = 1ull << (64 - prec), kept = hi & ~(lsb - 1), rest = hi & (lsb - 1);
	bool up;
	if (!(rest | lo)) {
		*how = 0;
		return kept;
	}
	switch (rc) {
	case FPR_NEAR:
		if (prec == 64)
			up = (lo >> 63) && ((lo << 1) || (kept & 1));
		else
			up = rest > lsb / 2 || (rest == lsb / 2 && (lo || (kept & lsb)));
		break;
	case FPR_DOWN: up = sign; break;
	case FPR_UP: up = !sign; break;
	default: up = false; break;
	}
	*how = FP_INEXACT | (up ? FP_ROUNDED_UP : 0);
	return up ? kept + lsb : kept;
}

/* The exact sum of two nonzero finite values (-1)^s * m * 2^(e - 16383):
 * false when it is exactly zero, else *sign, *exp, *sig (not normalized;
 * f80_round_pack normalizes). */
bool fp_add_sig(bool sa, s32 ea, u64 ma, bool sb, s32 eb, u64 mb,
		bool *sign, s32 *exp, u128 *sig);
/* ma / mb: *hi normalized, *lo as above; returns the exponent adjustment
 * (value = hi:lo * 2^adj in round_pack's convention): 0 or -1. */
int fp_div_sig(u64 ma, u64 mb, u64 *hi, u64 *lo);
/* sqrt(m / 2^63 * 2^odd), odd 0 or 1: normalized *hi, *lo as above. */
void fp_sqrt_sig(u64 m, unsigned odd, u64 *hi, u64 *lo);

/* f80_round_pack's counterpart for binary32 (frac_bits 23) and binary64
 * (52), in sf.c: exp is biased for that format, the result is its bits.
 * sse selects the SSE rules (FTZ) over the x87 store's. */
u64 fp_pack_narrow(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, unsigned frac_bits,
		   bool sse);


#endif
