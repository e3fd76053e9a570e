/* f80_bcd.c - FBLD and FBSTP: 18-digit packed BCD integers.
 *
 * Bytes 0-8 hold the digits, two a byte, the low digit in the low nibble;
 * bit 7 of byte 9 is the sign and its other bits are ignored (SDM Vol. 1
 * 4.7). FBLD of a nibble above 9 is undefined: the host x87 simply weighs
 * it like a digit (0x0f loads as 15), as done here. FBSTP rounds per RC;
 * NaNs, infinities, unsupported encodings and values that round beyond 18
 * digits raise IE and give the packed BCD indefinite, which the host writes
 * as bytes 9..0 = ff ff c0 00 00 00 00 00 00 00 (SDM Vol. 1 table 4-3), and
 * without PE. A denormal source does not raise DE.
 */
#include "fp_internal.h"

#define BCD_DIGITS 18
#define BCD_MAX 999999999999999999ull

f80 f80_from_bcd(const u8 bcd[10])
{
	u64 v = 0;
	for (int i = BCD_DIGITS / 2 - 1; i >= 0; i--)
		v = v * 100 + (u64)(bcd[i] >> 4) * 10 + (bcd[i] & 15);
	bool sign = bcd[9] >> 7;
	if (!v)
		return f80_make(sign, 0, 0);
	unsigned z = fp_clz64(v);
	return f80_make(sign, F80_BIAS + 63 - z, v << z); /* exact: v < 2^61 */
}

static void bcd_indefinite(struct fp_env *e, u8 bcd[10])
{
	for (int i = 0; i < 10; i++)
		bcd[i] = 0;
	bcd[7] = 0xc0;
	bcd[8] = bcd[9] = 0xff;
	e->flags |= FPX_IE;
	e->c1 = false;
}

/* |a| rounded to an integer per rc; false if it is 2^64 or more */
static bool bcd_round(struct fp_env *e, f80 a, u64 *v)
{
	struct fp_unpacked u = fp80_unpack(a);
	s32 sh = F80_BIAS + 63 - u.exp; /* |a| = sig / 2^sh */
	if (sh <= 0)
		return false;
	u64 ip = sh >= 64 ? 0 : u.sig >> sh;
	bool half, rest; /* the first bit below the point, and any other */
	if (sh > 64) {
		half = false;
		rest = true;
	} else {
		half = (u.sig >> (sh - 1)) & 1;
		rest = sh > 1 && (u.sig << (65 - sh)) != 0;
	}
	bool up = false;
	switch (e->rc) {
	case FPR_NEAR: up = half && (rest || (ip & 1)); break;
	case FPR_DOWN: up = u.sign && (half || rest); break;
	case FPR_UP: up = !u.sign && (half || rest); break;
	default: break;
	}
	*v = ip + up;
	e->c1 = up;
	if (half || rest)
		e->flags |= FPX_PE;
	return !(up && *v == 0);
}

void f80_to_bcd(struct fp_env *e, f80 a, u8 bcd[10])
{
	enum fp_class c = f80_classify(a);
	u64 v = 0;
	e->c1 = false;
	if (c == FPC_QNAN || c == FPC_SNAN || c == FPC_INF || c == FPC_UNSUPPORTED) {
		bcd_indefinite(e, bcd);
		return;
	}
	if (c != FPC_ZERO) {
		struct fp_env t = *e; /* PE only if the value fits */
		if (!bcd_round(&t, a, &v) || v > BCD_MAX) {
			bcd_indefinite(e, bcd);
			return;
		}
		*e = t;
	}
	for (int i = 0; i < BCD_DIGITS / 2; i++) {
		bcd[i] = (u8)(v % 10 | (v / 10 % 10) << 4);
		v /= 100;
	}
	bcd[9] = f80_sign(a) ? 0x80 : 0;
}
