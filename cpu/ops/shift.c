/* shift.c - ROL ROR RCL RCR SHL SHR SAR, SHLD SHRD. The count is masked to
 * five bits; a masked count of zero changes nothing, not even flags
 * (SDM Vol. 2B, SAL/SAR/SHL/SHR and RCL/RCR/ROL/ROR). */
#include "ops.h"

/* A zero count writes nothing, but the operand is still checked for a
 * write, so a read-only or absent operand faults as on hardware. */
static void mem_probe_rmw(struct cpu *c, const struct insn *in, unsigned S)
{
	mem_check_write(c, lin_of(c, in, S, true), S);
}

static inline u32 sh_shl(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	u64 w = (u64)a << n;
	u32 r = (u32)w & sz_mask(S), cf = (u32)(w >> (8 * S)) & 1;
	flags_result_cf_of(c, r, S, cf, sz_msb(r, S) ^ cf);
	return r;
}

static inline u32 sh_shr(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	u32 r = a >> n, cf = (a >> (n - 1)) & 1;
	/* OF is defined for a count of 1 (the old top bit); for other counts
	 * hardware gives the XOR of the result's top two bits, which is 0 */
	flags_result_cf_of(c, r, S, cf, n == 1 ? sz_msb(a, S) : sz_msb(r ^ (r << 1), S));
	return r;
}

static inline u32 sh_sar(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	s32 sa = (s32)sz_sext(a, S);
	u32 r = (u32)(sa >> n) & sz_mask(S), cf = (u32)(sa >> (n - 1)) & 1;
	flags_result_cf_of(c, r, S, cf, 0);
	return r;
}

static inline u32 rotl(u32 a, unsigned n, unsigned S)
{
	unsigned bits = 8 * S;
	return n ? ((a << n) | (a >> (bits - n))) & sz_mask(S) : a;
}

static inline u32 sh_rol(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	u32 r = rotl(a, n & (8 * S - 1), S), cf = r & 1;
	flags_set_cf_of(c, cf, sz_msb(r, S) ^ cf);
	return r;
}

static inline u32 sh_ror(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	unsigned k = n & (8 * S - 1);
	u32 r = rotl(a, k ? 8 * S - k : 0, S), cf = sz_msb(r, S);
	flags_set_cf_of(c, cf, cf ^ ((r >> (8 * S - 2)) & 1));
	return r;
}

/* RCL/RCR rotate through CF: a (bits + 1)-bit rotation done in 64 bits. */
static inline u32 sh_rcl(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	unsigned bits = 8 * S;
	if (S < 4)
		n %= bits + 1;
	if (!n)
		return a;
	u64 m = (2ull << bits) - 1, v = ((u64)cpu_cf(c) << bits) | a;
	u64 w = ((v << n) | (v >> (bits + 1 - n))) & m;
	u32 r = (u32)w & sz_mask(S), cf = (u32)(w >> bits) & 1;
	flags_set_cf_of(c, cf, sz_msb(r, S) ^ cf);
	return r;
}

static inline u32 sh_rcr(struct cpu *c, u32 a, unsigned n, unsigned S)
{
	unsigned bits = 8 * S;
	if (S < 4)
		n %= bits + 1;
	if (!n)
		return a;
	u64 m = (2ull << bits) - 1, v = ((u64)cpu_cf(c) << bits) | a;
	u64 w = ((v >> n) | (v << (bits + 1 - n))) & m;
	u32 r = (u32)w & sz_mask(S), cf = (u32)(w >> bits) & 1;
	flags_set_cf_of(c, cf, sz_msb(r, S) ^ ((r >> (bits - 2)) & 1));
	return r;
}

#define SHIFT_SIZE(OP, S, N)                                                   \
	HANDLER(h_##OP##_ri##N)                                                \
	{                                                                      \
		unsigned n = in->imm & 31;                                     \
		if (n)                                                         \
			wreg(c, in->d, sh_##OP(c, rreg(c, in->d, S), n, S), S); \
		NEXT;                                                          \
	}                                                                      \
	HANDLER(h_##OP##_mi##N)                                                \
	{                                                                      \
		unsigned n = in->imm & 31;                                     \
		if (n)                                                         \
			RMW(S, sh_##OP(c, v, n, S));                           \
		else                                                           \
			mem_probe_rmw(c, in, S);                               \
		NEXT;                                                          \
	}                                                                      \
	HANDLER(h_##OP##_rc##N)                                                \
	{                                                                      \
		unsigned n = c->r[R_ECX].b[0] & 31;                            \
		if (n)                                                         \
			wreg(c, in->d, sh_##OP(c, rreg(c, in->d, S), n, S), S); \
		NEXT;                                                          \
	}                                                                      \
	HANDLER(h_##OP##_mc##N)                                                \
	{                                                                      \
		unsigned n = c->r[R_ECX].b[0] & 31;                            \
		if (n)                                                         \
			RMW(S, sh_##OP(c, v, n, S));                           \
		else                                                           \
			mem_probe_rmw(c, in, S);                               \
		NEXT;                                                          \
	}

#define SHIFT_OP(OP)                                                           \
	SHIFT_SIZE(OP, 1, 8)                                                   \
	SHIFT_SIZE(OP, 2, 16)                                                  \
	SHIFT_SIZE(OP, 4, 32)                                                  \
	HSET_RM(OP##_EI, h_##OP##_ri8, h_##OP##_ri16, h_##OP##_ri32,           \
		h_##OP##_mi8, h_##OP##_mi16, h_##OP##_mi32);                   \
	HSET_RM(OP##_ECL, h_##OP##_rc8, h_##OP##_rc16, h_##OP##_rc32,          \
		h_##OP##_mc8, h_##OP##_mc16, h_##OP##_mc32);

SHIFT_OP(rol)
SHIFT_OP(ror)
SHIFT_OP(rcl)
SHIFT_OP(rcr)
SHIFT_OP(shl)
SHIFT_OP(shr)
SHIFT_OP(sar)

/* ---- double shifts: a is the destination, b supplies the shifted-in bits.
 * For 16-bit counts above 16 the result is undefined (SDM); we compute one. */
static inline u32 sh_shld(struct cpu *c, u32 a, u32 b, unsigned n, unsigned S)
{
	unsigned bits = 8 * S;
	u64 x = ((u64)a << bits) | b;
	u32 r = (u32)((x << n) >> bits) & sz_mask(S);
	u32 cf = (u32)(x >> (2 * bits - n)) & 1;
	flags_result_cf_of(c, r, S, cf, sz_msb(r ^ a, S));
	return r;
}

static inline u32 sh_shrd(struct cpu *c, u32 a, u32 b, unsigned n, unsigned S)
{
	unsigned bits = 8 * S;
	u64 x = ((u64)b << bits) | a;
	u32 r = (u32)(x >> n) & sz_mask(S);
	u32 cf = (u32)(x >> (n - 1)) & 1;
	flags_result_cf_of(c, r, S, cf, sz_msb(r ^ a, S));
	return r;
}

#define DSHIFT_SIZE(OP, S, N)                                                       \
	HANDLER(h_##OP##_ri##N)                                                     \
	{                                                                           \
		unsigned n = in->imm & 31;                                          \
		if (n)                                                              \
			wreg(c, in->d, sh_##OP(c, rreg(c, in->d, S), rreg(c, in->s, S), n, S), S); \
		NEXT;                                                               \
	}                                                                           \
	HANDLER(h_##OP##_mi##N)                                                     \
	{                                                                           \
		unsigned n = in->imm & 31;                                          \
		if (n)                                                              \
			RMW(S, sh_##OP(c, v, rreg(c, in->s, S), n, S));             \
		else                                                                \
			mem_probe_rmw(c, in, S);                                    \
		NEXT;                                                               \
	}                                                                           \
	HANDLER(h_##OP##_rc##N)                                                     \
	{                                                                           \
		unsigned n = c->r[R_ECX].b[0] & 31;                                 \
		if (n)                                                              \
			wreg(c, in->d, sh_##OP(c, rreg(c, in->d, S), rreg(c, in->s, S), n, S), S); \
		NEXT;                                                               \
	}                                                                           \
	HANDLER(h_##OP##_mc##N)                                                     \
	{                                                                           \
		unsigned n = c->r[R_ECX].b[0] & 31;                                 \
		if (n)                                                              \
			RMW(S, sh_##OP(c, v, rreg(c, in->s, S), n, S));             \
		else                                                                \
			mem_probe_rmw(c, in, S);                                    \
		NEXT;                                                               \
	}

#define DSHIFT_OP(OP)                                                               \
	DSHIFT_SIZE(OP, 2, 16)                                                      \
	DSHIFT_SIZE(OP, 4, 32)                                                      \
	HSET_RM(OP##_I, NULL, h_##OP##_ri16, h_##OP##_ri32, NULL, h_##OP##_mi16, h_##OP##_mi32); \
	HSET_RM(OP##_CL, NULL, h_##OP##_rc16, h_##OP##_rc32, NULL, h_##OP##_mc16, h_##OP##_mc32);

DSHIFT_OP(shld)
DSHIFT_OP(shrd)
