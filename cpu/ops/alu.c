/* alu.c - ADD OR ADC SBB AND SUB XOR CMP TEST, INC DEC NEG NOT. */
#include "ops.h"

static inline u32 alu_add(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_add(c, a, b, a + b, S); }
static inline u32 alu_or(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_logic(c, a | b, S); }
static inline u32 alu_adc(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_add(c, a, b, a + b + cpu_cf(c), S); }
static inline u32 alu_sbb(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_sub(c, a, b, a - b - cpu_cf(c), S); }
static inline u32 alu_and(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_logic(c, a & b, S); }
static inline u32 alu_sub(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_sub(c, a, b, a - b, S); }
static inline u32 alu_xor(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_logic(c, a ^ b, S); }
static inline u32 alu_cmp(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_sub(c, a, b, a - b, S); }
static inline u32 alu_test(struct cpu *c, u32 a, u32 b, unsigned S) { return flags_logic(c, a & b, S); }

/* WB: the result is written back (not CMP/TEST) */
#define ALU_SIZE(OP, WB, S, N)                                                       \
	HANDLER(h_##OP##_rr##N)                                                      \
	{                                                                            \
		u32 r = alu_##OP(c, rreg(c, in->d, S), rreg(c, in->s, S), S);        \
		if (WB)                                                              \
			wreg(c, in->d, r, S);                                        \
		NEXT;                                                                \
	}                                                                            \
	HANDLER(h_##OP##_ri##N)                                                      \
	{                                                                            \
		u32 r = alu_##OP(c, rreg(c, in->d, S), in->imm & sz_mask(S), S);     \
		if (WB)                                                              \
			wreg(c, in->d, r, S);                                        \
		NEXT;                                                                \
	}                                                                            \
	HANDLER(h_##OP##_rm##N)                                                      \
	{                                                                            \
		u32 v = mem_rd(c, lin_of(c, in, S, false), S);                       \
		u32 r = alu_##OP(c, rreg(c, in->d, S), v, S);                        \
		if (WB)                                                              \
			wreg(c, in->d, r, S);                                        \
		NEXT;                                                                \
	}                                                                            \
	HANDLER(h_##OP##_mr##N)                                                      \
	{                                                                            \
		if (WB)                                                              \
			RMW(S, alu_##OP(c, v, rreg(c, in->s, S), S));                \
		else                                                                 \
			alu_##OP(c, mem_rd(c, lin_of(c, in, S, false), S), rreg(c, in->s, S), S); \
		NEXT;                                                                \
	}                                                                            \
	HANDLER(h_##OP##_mi##N)                                                      \
	{                                                                            \
		if (WB)                                                              \
			RMW(S, alu_##OP(c, v, in->imm & sz_mask(S), S));             \
		else                                                                 \
			alu_##OP(c, mem_rd(c, lin_of(c, in, S, false), S), in->imm & sz_mask(S), S); \
		NEXT;                                                                \
	}

#define ALU_OP(OP, WB)                                                              \
	ALU_SIZE(OP, WB, 1, 8)                                                      \
	ALU_SIZE(OP, WB, 2, 16)                                                     \
	ALU_SIZE(OP, WB, 4, 32)                                                     \
	HSET_RM(OP##_EG, h_##OP##_rr8, h_##OP##_rr16, h_##OP##_rr32,                \
		h_##OP##_mr8, h_##OP##_mr16, h_##OP##_mr32);                        \
	HSET_RM(OP##_GE, h_##OP##_rr8, h_##OP##_rr16, h_##OP##_rr32,                \
		h_##OP##_rm8, h_##OP##_rm16, h_##OP##_rm32);                        \
	HSET_RM(OP##_EI, h_##OP##_ri8, h_##OP##_ri16, h_##OP##_ri32,                \
		h_##OP##_mi8, h_##OP##_mi16, h_##OP##_mi32);

ALU_OP(add, 1)
ALU_OP(or, 1)
ALU_OP(adc, 1)
ALU_OP(sbb, 1)
ALU_OP(and, 1)
ALU_OP(sub, 1)
ALU_OP(xor, 1)
ALU_OP(cmp, 0)
ALU_OP(test, 0)

/* ---- one-operand forms ---- */
/* INC and DEC leave CF alone (SDM Vol. 2A, INC). */
static inline u32 alu_inc(struct cpu *c, u32 a, unsigned S)
{
	u32 cf = cpu_cf(c);
	u32 r = flags_add(c, a, 1, a + 1, S);
	flags_set_cf_of(c, cf, cpu_of(c));
	return r;
}

static inline u32 alu_dec(struct cpu *c, u32 a, unsigned S)
{
	u32 cf = cpu_cf(c);
	u32 r = flags_sub(c, a, 1, a - 1, S);
	flags_set_cf_of(c, cf, cpu_of(c));
	return r;
}

static inline u32 alu_neg(struct cpu *c, u32 a, unsigned S) { return flags_sub(c, 0, a, 0 - a, S); }
static inline u32 alu_not(struct cpu *c, u32 a, unsigned S) { (void)c; return ~a & sz_mask(S); }

#define UNARY_SIZE(OP, S, N)                                                 \
	HANDLER(h_##OP##_r##N)                                               \
	{                                                                    \
		wreg(c, in->d, alu_##OP(c, rreg(c, in->d, S), S), S);        \
		NEXT;                                                        \
	}                                                                    \
	HANDLER(h_##OP##_m##N)                                               \
	{                                                                    \
		RMW(S, alu_##OP(c, v, S));                                   \
		NEXT;                                                        \
	}

#define UNARY_OP(OP)                                                         \
	UNARY_SIZE(OP, 1, 8)                                                 \
	UNARY_SIZE(OP, 2, 16)                                                \
	UNARY_SIZE(OP, 4, 32)                                                \
	HSET_RM(OP##_E, h_##OP##_r8, h_##OP##_r16, h_##OP##_r32,             \
		h_##OP##_m8, h_##OP##_m16, h_##OP##_m32);

UNARY_OP(inc)
UNARY_OP(dec)
UNARY_OP(neg)
UNARY_OP(not)
