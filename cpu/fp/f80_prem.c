/* f80_prem.c - FPREM and FPREM1, the x87 partial remainders.
 *
 * The remainder of two f80 values is always exact, so this is integer
 * division of the significands. SDM Vol. 2 FPREM/FPREM1: with D the
 * difference of the exponents, D < 64 gives the whole remainder and the
 * quotient's low three bits; otherwise one step of at most 63 quotient bits
 * and C2 = 1, so that software loops until C2 clears. How many bits a step
 * takes is "implementation dependent": the host x87 leaves an exponent
 * difference that is a multiple of 32, i.e. N = 32 + D mod 32, and both
 * instructions truncate that partial quotient.
 */
#include "fp_internal.h"

#define PREM_C0 0x0100u
#define PREM_C1 0x0200u
#define PREM_C2 0x0400u
#define PREM_C3 0x4000u

static u16 prem_quotient_bits(u64 q)
{
	return (u16)(((q & 4) ? PREM_C0 : 0) | ((q & 2) ? PREM_C3 : 0) | ((q & 1) ? PREM_C1 : 0));
}

/* The remainder rem * 2^(exp - 16383 - 63), exact: zero keeps the
 * dividend's sign, tiny values go through the rounding step so that they
 * are denormalized (and raise UE when it is unmasked) as stores do. */
static f80 prem_pack(struct fp_env *e, bool sign, s32 exp, u64 rem)
{
	f80 r = f80_round_pack(e, sign, exp, rem, 0, 64); /* it normalizes */
	e->c1 = false;
	return r;
}

/* Special operands (SDM Vol. 2 FPREM table). Returns true with *a set, or
 * left alone when an unmasked DE stops the instruction. */
static bool prem_special(struct fp_env *e, f80 *a, f80 b)
{
	enum fp_class ca = f80_classify(*a), cb = f80_classify(b);
	e->c1 = false;
	if (ca == FPC_UNSUPPORTED || cb == FPC_UNSUPPORTED) {
		*a = fp80_invalid(e);
		return true;
	}
	if (ca == FPC_QNAN || ca == FPC_SNAN || cb == FPC_QNAN || cb == FPC_SNAN) {
		*a = fp80_nan_result(e, *a, b);
		return true;
	}
	if (ca == FPC_INF || cb == FPC_ZERO) {
		*a = fp80_invalid(e);
		return true;
	}
	if (fp80_denormal_stops(e, *a, b))
		return true;
	if (ca != FPC_ZERO && cb != FPC_INF)
		return false;
	if (ca == FPC_DENORMAL) /* a finite a over an infinite b: a itself */
		*a = prem_pack(e, f80_sign(*a), fp80_unpack(*a).exp, fp80_unpack(*a).sig);
	return true;
}

/* FPREM1's quotient rounds to nearest, ties to even: past half the
 * divisor, one more quotient and the remainder's complement, of the other
 * sign. Returns whether the sign flipped. */
static bool prem_round_nearest(u64 *q, u64 *rem, u64 div)
{
	u64 other = div - *rem;
	if (*rem < other || (*rem == other && !(*q & 1)))
		return false;
	*q += 1;
	*rem = other;
	return true;
}

u16 f80_prem(struct fp_env *e, f80 *a, f80 b, bool ieee)
{
	if (prem_special(e, a, b))
		return 0;
	struct fp_unpacked ua = fp80_unpack(*a), ub = fp80_unpack(b);
	s32 d = ua.exp - ub.exp;
	if (ieee && d == -1 && ua.sig > ub.sig) { /* 1/2 < a/b < 1: quotient 1 */
		*a = prem_pack(e, !ua.sign, ua.exp, ub.sig - (ua.sig - ub.sig));
		return prem_quotient_bits(1);
	}
	if (d < 0) { /* quotient 0: a itself */
		*a = prem_pack(e, ua.sign, ua.exp, ua.sig);
		return 0;
	}
	bool partial = d >= 64;
	s32 step = partial ? 32 + d % 32 : d; /* quotient bits this time */
	u128 x = u128_shl(u128_from64(ua.sig), (unsigned)step); /* < 2^127 */
	u64 rem, q = fp_div128by64(u128_hi(x), u128_lo(x), ub.sig, &rem);
	bool sign = ua.sign;
	if (ieee && !partial)
		sign ^= prem_round_nearest(&q, &rem, ub.sig);
	*a = prem_pack(e, sign, ua.exp - step, rem);
	return partial ? PREM_C2 : prem_quotient_bits(q);
}
