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

void f80_to_bcd(struct fp_env *e, f80 a, u8 bcd[10])
{
	/* FIST's rounding and checks (IE for NaNs, infinities, unsupported
	 * encodings and 64-bit overflow; no DE), but PE only if the value
	 * fits 18 digits, so the flags go to a scratch environment first */
	struct fp_env t = *e;
	t.flags = 0;
	s64 n = f80_to_int(&t, a, 64, false);
	u64 v = n < 0 ? 0 - (u64)n : (u64)n;
	if ((t.flags & FPX_IE) || v > BCD_MAX) {
		bcd_indefinite(e, bcd);
		return;
	}
	e->flags |= t.flags;
	e->c1 = t.c1;
	for (int i = 0; i < BCD_DIGITS / 2; i++) {
		bcd[i] = (u8)(v % 10 | (v / 10 % 10) << 4);
		v /= 100;
	}
	bcd[9] = f80_sign(a) ? 0x80 : 0;
}
