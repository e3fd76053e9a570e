/* muldiv.c - MUL, IMUL (one, two and three operands), DIV, IDIV.
 * After a multiply only CF and OF are defined (SDM Vol. 2A, MUL/IMUL); we
 * derive SF ZF PF from the low half as most hardware does. */
#include "ops.h"

/* write the double-width product/dividend halves: AL/AH, AX/DX, EAX/EDX */
static inline void acc_set(struct cpu *c, u64 v, unsigned S)
{
	if (S == 1) {
		c->r[R_EAX].w = (u16)v;
	} else {
		wreg(c, R_EAX, (u32)v, S);
		wreg(c, R_EDX, (u32)(v >> (8 * S)), S);
	}
}

static inline u64 acc_get(struct cpu *c, unsigned S)
{
	if (S == 1)
		return c->r[R_EAX].w;
	return ((u64)rreg(c, R_EDX, S) << (8 * S)) | rreg(c, R_EAX, S);
}

static inline void mul_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u64 p = (u64)rreg(c, R_EAX, S) * ld_E(c, in, S, M);
	u32 hi = (u32)(p >> (8 * S)) != 0;
	acc_set(c, p, S);
	flags_result_cf_of(c, (u32)p & sz_mask(S), S, hi, hi);
}

static inline void imul_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	s64 p = (s64)(s32)sz_sext(rreg(c, R_EAX, S), S) * (s32)sz_sext(ld_E(c, in, S, M), S);
	u32 lo = (u32)p & sz_mask(S), ov = (s64)(s32)sz_sext(lo, S) != p;
	acc_set(c, (u64)p, S);
	flags_result_cf_of(c, lo, S, ov, ov);
}

static inline void div_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u64 d = ld_E(c, in, S, M), n = acc_get(c, S);
	if (d == 0 || n / d > sz_mask(S))
		cpu_fault_noerr(c, EX_DE);
	u64 q = n / d, r = n % d;
	if (S == 1)
		c->r[R_EAX].w = (u16)(q | (r << 8));
	else
		acc_set(c, q | (r << (8 * S)), S);
}

static inline void idiv_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	s64 d = (s32)sz_sext(ld_E(c, in, S, M), S);
	u64 raw = acc_get(c, S);
	s64 n = S == 4 ? (s64)raw : S == 2 ? (s32)raw : (s16)raw;
	if (d == 0 || (n == INT64_MIN && d == -1))
		cpu_fault_noerr(c, EX_DE);
	s64 q = n / d, r = n % d;
	s64 lim = (s64)1 << (8 * S - 1);
	if (q >= lim || q < -lim)
		cpu_fault_noerr(c, EX_DE);
	u64 qm = (u64)q & sz_mask(S), rm = (u64)r & sz_mask(S);
	if (S == 1)
		c->r[R_EAX].w = (u16)(qm | (rm << 8));
	else
		acc_set(c, qm | (rm << (8 * S)), S);
}

GEN_RM(mul_E, mul_body);
GEN_RM(imul_E, imul_body);
GEN_RM(div_E, div_body);
GEN_RM(idiv_E, idiv_body);

/* two- and three-operand IMUL: G = E * (G or imm) */
static inline void imul2(struct cpu *c, const struct insn *in, u32 a, u32 b, unsigned S)
{
	s64 p = (s64)(s32)sz_sext(a, S) * (s32)sz_sext(b, S);
	u32 lo = (u32)p & sz_mask(S), ov = (s64)(s32)sz_sext(lo, S) != p;
	wreg(c, in->d, lo, S);
	flags_result_cf_of(c, lo, S, ov, ov);
}

static inline void imul_ge_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	imul2(c, in, rreg(c, in->d, S), ld_Es(c, in, S, M), S);
}

static inline void imul_gei_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	imul2(c, in, ld_Es(c, in, S, M), in->imm, S);
}

GEN_RM_V(imul_GE, imul_ge_body);
GEN_RM_V(imul_GEI, imul_gei_body);
