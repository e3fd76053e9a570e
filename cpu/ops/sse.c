/* sse.c - SSE and SSE2 floating point: moves, logic, shuffles, arithmetic,
 * compares, MXCSR and cache control (SDM Vol. 1 ch. 10-11, Vol. 2).
 *
 * The arithmetic is include/xlat/fp.h's; this file picks operands, runs
 * the elements with one fp_env made from MXCSR, and stores the results only
 * after sse_finish() has decided the instruction does not fault, so a
 * faulting instruction leaves its destination as it was. Conversions and
 * the reciprocal approximations are in sse_cvt.c. */
#include "cpu/ops/sse.h"

_Noreturn void sse_raise(struct cpu *c)
{
	cpu_fault_noerr(c, (c->cr4 & CR4_OSXMMEXCPT) ? EX_XM : EX_UD);
}

/* The W operand as a destination. */
static inline void st_W128(struct cpu *c, const struct insn *in, bool M, bool align, const union xmm *v)
{
	if (M)
		mem_wr128(c, sse_lin(c, in, 16, true, align), v);
	else
		*xreg(c, in->s) = *v;
}

/* ---- whole-register moves (0F 10/11 none/66, 0F 28/29, 0F 2B) ---- */
static inline void movu_ld(struct cpu *c, const struct insn *in, bool M)
{
	union xmm v;
	ld_W128(c, in, M, false, &v);
	*xreg(c, in->d) = v;
}
static inline void mova_ld(struct cpu *c, const struct insn *in, bool M)
{
	union xmm v;
	ld_W128(c, in, M, true, &v);
	*xreg(c, in->d) = v;
}
static inline void movu_st(struct cpu *c, const struct insn *in, bool M)
{
	union xmm v = *xreg(c, in->d);
	st_W128(c, in, M, false, &v);
}
static inline void mova_st(struct cpu *c, const struct insn *in, bool M)
{
	union xmm v = *xreg(c, in->d);
	st_W128(c, in, M, true, &v);
}
GEN_XM(movups, movu_ld);
GEN_XM(movups_st, movu_st);
GEN_XM(movaps, mova_ld);
GEN_XM(movaps_st, mova_st);
HSET_XM(movupd, h_movups_r, h_movups_m);
HSET_XM(movupd_st, h_movups_st_r, h_movups_st_m);
HSET_XM(movapd, h_movaps_r, h_movaps_m);
HSET_XM(movapd_st, h_movaps_st_r, h_movaps_st_m);
/* MOVNTPS/MOVNTPD: a store with a hint we have no cache for */
HSET_XM(movntps, NULL, h_movaps_st_m);
HSET_XM(movntpd, NULL, h_movaps_st_m);

/* ---- scalar moves: from memory the upper elements are zeroed, between
 * registers they are kept (MOVSS/MOVSD, F3/F2 0F 10/11) ---- */
static inline void movss_ld(struct cpu *c, const struct insn *in, bool M)
{
	if (M) {
		u32 v = ld_W32(c, in, true);
		*xreg(c, in->d) = (union xmm){ .d = { v, 0, 0, 0 } };
	} else {
		xreg(c, in->d)->d[0] = xreg(c, in->s)->d[0];
	}
}
static inline void movsd_ld(struct cpu *c, const struct insn *in, bool M)
{
	if (M) {
		u64 v = ld_W64(c, in, true);
		*xreg(c, in->d) = (union xmm){ .q = { v, 0 } };
	} else {
		xreg(c, in->d)->q[0] = xreg(c, in->s)->q[0];
	}
}
static inline void movss_st(struct cpu *c, const struct insn *in, bool M)
{
	u32 v = xreg(c, in->d)->d[0];
	if (M)
		mem_wr32(c, sse_lin(c, in, 4, true, false), v);
	else
		xreg(c, in->s)->d[0] = v;
}
static inline void movsd_st(struct cpu *c, const struct insn *in, bool M)
{
	u64 v = xreg(c, in->d)->q[0];
	if (M)
		mem_wr64(c, sse_lin(c, in, 8, true, false), v);
	else
		xreg(c, in->s)->q[0] = v;
}
GEN_XM(movss, movss_ld);
GEN_XM(movsd, movsd_ld);
GEN_XM(movss_st, movss_st);
GEN_XM(movsd_st, movsd_st);

/* ---- half moves (0F 12/13/16/17): the memory forms move a quadword, the
 * register forms are MOVHLPS/MOVLHPS; the 66 forms have no register form ---- */
HANDLER(h_movlps_m) { xreg(c, in->d)->q[0] = ld_W64(c, in, true); NEXT; }
HANDLER(h_movhps_m) { xreg(c, in->d)->q[1] = ld_W64(c, in, true); NEXT; }
HANDLER(h_movhlps) { xreg(c, in->d)->q[0] = xreg(c, in->s)->q[1]; NEXT; }
HANDLER(h_movlhps) { xreg(c, in->d)->q[1] = xreg(c, in->s)->q[0]; NEXT; }
HANDLER(h_movlps_st) { mem_wr64(c, sse_lin(c, in, 8, true, false), xreg(c, in->d)->q[0]); NEXT; }
HANDLER(h_movhps_st) { mem_wr64(c, sse_lin(c, in, 8, true, false), xreg(c, in->d)->q[1]); NEXT; }
HSET_XM(movlps, h_movhlps, h_movlps_m);
HSET_XM(movhps, h_movlhps, h_movhps_m);
HSET_XM(movlpd, NULL, h_movlps_m);
HSET_XM(movhpd, NULL, h_movhps_m);
HSET_XM(movlps_st, NULL, h_movlps_st);
HSET_XM(movhps_st, NULL, h_movhps_st);
HSET_XM(movlpd_st, NULL, h_movlps_st);
HSET_XM(movhpd_st, NULL, h_movhps_st);

/* MOVMSKPS/MOVMSKPD r32, xmm: the sign bits; register source only */
HANDLER(h_movmskps)
{
	const union xmm *s = xreg(c, in->s);
	u32 m = 0;
	for (unsigned i = 0; i < 4; i++)
		m |= (s->d[i] >> 31) << i;
	c->r[in->d].d = m;
	NEXT;
}
HANDLER(h_movmskpd)
{
	const union xmm *s = xreg(c, in->s);
	c->r[in->d].d = (u32)(s->q[0] >> 63) | (u32)(s->q[1] >> 63) << 1;
	NEXT;
}
HSET_XM(movmskps, h_movmskps, NULL);
HSET_XM(movmskpd, h_movmskpd, NULL);

/* MOVNTI m32, r32 (SSE2): an ordinary store here, and not gated by CR0/CR4 */
HANDLER(h_movnti) { mem_wr32(c, lin_of(c, in, 4, true), c->r[in->d].d); NEXT; }
HSET_XM(movnti, NULL, h_movnti);

/* ---- bitwise logic on all 128 bits (PS and PD forms alike) ---- */
#define GEN_LOGIC(name, EXPR)                                                 \
	static inline void name##_(struct cpu *c, const struct insn *in, bool M) \
	{                                                                     \
		union xmm s;                                                  \
		ld_W128(c, in, M, true, &s);                                  \
		union xmm *d = xreg(c, in->d);                                \
		for (unsigned i = 0; i < 2; i++) {                            \
			u64 a = d->q[i], b = s.q[i];                          \
			d->q[i] = (EXPR);                                     \
		}                                                             \
	}                                                                     \
	GEN_XM(name, name##_);                                                \
	HSET_XM(name##_pd, h_##name##_r, h_##name##_m)
GEN_LOGIC(andps, a & b);
GEN_LOGIC(andnps, ~a & b);
GEN_LOGIC(orps, a | b);
GEN_LOGIC(xorps, a ^ b);

/* ---- interleave and shuffle ---- */
static inline void unpcklps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	*d = (union xmm){ .d = { d->d[0], s.d[0], d->d[1], s.d[1] } };
}
static inline void unpckhps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	*d = (union xmm){ .d = { d->d[2], s.d[2], d->d[3], s.d[3] } };
}
static inline void unpcklpd_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	xreg(c, in->d)->q[1] = s.q[0];
}
static inline void unpckhpd_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	*d = (union xmm){ .q = { d->q[1], s.q[1] } };
}
/* SHUFPS: the two low results come from the destination, the two high
 * ones from the source, each picked by two bits of imm8. */
static inline void shufps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	unsigned k = in->imm;
	*d = (union xmm){ .d = { d->d[k & 3], d->d[(k >> 2) & 3], s.d[(k >> 4) & 3], s.d[(k >> 6) & 3] } };
}
static inline void shufpd_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	*d = (union xmm){ .q = { d->q[in->imm & 1], s.q[(in->imm >> 1) & 1] } };
}
GEN_XM(unpcklps, unpcklps_);
GEN_XM(unpckhps, unpckhps_);
GEN_XM(unpcklpd, unpcklpd_);
GEN_XM(unpckhpd, unpckhpd_);
GEN_XM(shufps, shufps_);
GEN_XM(shufpd, shufpd_);

/* ---- arithmetic: packed forms do every element, scalar forms the low one
 * and keep the rest of the destination ---- */
typedef u32 (*f32_fn2)(struct fp_env *e, u32 a, u32 b);
typedef u64 (*f64_fn2)(struct fp_env *e, u64 a, u64 b);

/* Forced inline: used by 48 handlers, these are too big for gcc to inline
 * on its own, and then every element would cost a call through fn. */
ALWAYS_INLINE void ps_op2(struct cpu *c, const struct insn *in, bool M, f32_fn2 fn)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	for (unsigned i = 0; i < 4; i++)
		r.d[i] = fn(&e, d->d[i], s.d[i]);
	sse_finish(c, &e);
	*d = r;
}
ALWAYS_INLINE void pd_op2(struct cpu *c, const struct insn *in, bool M, f64_fn2 fn)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	for (unsigned i = 0; i < 2; i++)
		r.q[i] = fn(&e, d->q[i], s.q[i]);
	sse_finish(c, &e);
	*d = r;
}
ALWAYS_INLINE void ss_op2(struct cpu *c, const struct insn *in, bool M, f32_fn2 fn)
{
	u32 b = ld_W32(c, in, M);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	u32 r = fn(&e, d->d[0], b);
	sse_finish(c, &e);
	d->d[0] = r;
}
ALWAYS_INLINE void sd_op2(struct cpu *c, const struct insn *in, bool M, f64_fn2 fn)
{
	u64 b = ld_W64(c, in, M);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	u64 r = fn(&e, d->q[0], b);
	sse_finish(c, &e);
	d->q[0] = r;
}

#define GEN_ARITH(op)                                                                                 \
	static inline void op##ps_(struct cpu *c, const struct insn *in, bool M) { ps_op2(c, in, M, f32_##op); } \
	static inline void op##pd_(struct cpu *c, const struct insn *in, bool M) { pd_op2(c, in, M, f64_##op); } \
	static inline void op##ss_(struct cpu *c, const struct insn *in, bool M) { ss_op2(c, in, M, f32_##op); } \
	static inline void op##sd_(struct cpu *c, const struct insn *in, bool M) { sd_op2(c, in, M, f64_##op); } \
	GEN_XM(op##ps, op##ps_);                                                                      \
	GEN_XM(op##pd, op##pd_);                                                                      \
	GEN_XM(op##ss, op##ss_);                                                                      \
	GEN_XM(op##sd, op##sd_)
GEN_ARITH(add);
GEN_ARITH(sub);
GEN_ARITH(mul);
GEN_ARITH(div);
GEN_ARITH(min);
GEN_ARITH(max);

/* SQRT: one operand, the source */
static inline void sqrtps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	for (unsigned i = 0; i < 4; i++)
		r.d[i] = f32_sqrt(&e, s.d[i]);
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
static inline void sqrtpd_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	for (unsigned i = 0; i < 2; i++)
		r.q[i] = f64_sqrt(&e, s.q[i]);
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
SSE_SCALAR1(sqrtss, u32, ld_W32, u32, d, f32_sqrt(&e, a))
SSE_SCALAR1(sqrtsd, u64, ld_W64, u64, q, f64_sqrt(&e, a))
GEN_XM(sqrtps, sqrtps_);
GEN_XM(sqrtpd, sqrtpd_);
GEN_XM(sqrtss, sqrtss_);
GEN_XM(sqrtsd, sqrtsd_);

/* ---- compares ----
 * CMPPS predicates imm8 0-7: EQ LT LE UNORD NEQ NLT NLE ORD; the legacy
 * encodings ignore imm8 bits 3-7. EQ, UNORD and their negations are quiet
 * (IE only for an SNaN), the ordering ones signal on any NaN. */
static inline bool cmp_quiet(u32 imm) { return (imm & 3) == 0 || (imm & 3) == 3; }

static inline u32 cmp_result(int rel, u32 imm)
{
	bool t;
	switch (imm & 3) {
	case 0: t = rel == FP_EQ; break;
	case 1: t = rel == FP_LT; break;
	case 2: t = rel == FP_LT || rel == FP_EQ; break;
	default: t = rel == FP_UN; break;
	}
	return (t ^ ((imm >> 2) & 1)) ? 0xffffffffu : 0;
}

static inline void cmpps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	for (unsigned i = 0; i < 4; i++)
		r.d[i] = cmp_result(f32_compare(&e, d->d[i], s.d[i], cmp_quiet(in->imm)), in->imm);
	sse_finish(c, &e);
	*d = r;
}
static inline void cmppd_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	for (unsigned i = 0; i < 2; i++) {
		u32 t = cmp_result(f64_compare(&e, d->q[i], s.q[i], cmp_quiet(in->imm)), in->imm);
		r.q[i] = (u64)t << 32 | t;
	}
	sse_finish(c, &e);
	*d = r;
}
static inline void cmpss_(struct cpu *c, const struct insn *in, bool M)
{
	u32 b = ld_W32(c, in, M);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	u32 r = cmp_result(f32_compare(&e, d->d[0], b, cmp_quiet(in->imm)), in->imm);
	sse_finish(c, &e);
	d->d[0] = r;
}
static inline void cmpsd_(struct cpu *c, const struct insn *in, bool M)
{
	u64 b = ld_W64(c, in, M);
	struct fp_env e = sse_env(c);
	union xmm *d = xreg(c, in->d);
	u32 t = cmp_result(f64_compare(&e, d->q[0], b, cmp_quiet(in->imm)), in->imm);
	sse_finish(c, &e);
	d->q[0] = (u64)t << 32 | t;
}
GEN_XM(cmpps, cmpps_);
GEN_XM(cmppd, cmppd_);
GEN_XM(cmpss, cmpss_);
GEN_XM(cmpsd, cmpsd_);

/* COMISS/UCOMISS and the SD forms: ZF PF CF = unordered 111, greater 000,
 * less 001, equal 100; OF SF AF cleared. EFLAGS stay as they were when
 * the compare faults. */
static void comi_flags(struct cpu *c, int rel)
{
	static const u8 f[4] = { [FP_LT] = F_CF, [FP_EQ] = F_ZF, [FP_GT] = 0, [FP_UN] = F_ZF | F_PF | F_CF };
	cpu_set_arith_flags(c, f[rel & 3]);
}
static inline void comiss(struct cpu *c, const struct insn *in, bool M, bool quiet)
{
	u32 b = ld_W32(c, in, M);
	struct fp_env e = sse_env(c);
	int rel = f32_compare(&e, xreg(c, in->d)->d[0], b, quiet);
	sse_finish(c, &e);
	comi_flags(c, rel);
}
static inline void comisd(struct cpu *c, const struct insn *in, bool M, bool quiet)
{
	u64 b = ld_W64(c, in, M);
	struct fp_env e = sse_env(c);
	int rel = f64_compare(&e, xreg(c, in->d)->q[0], b, quiet);
	sse_finish(c, &e);
	comi_flags(c, rel);
}
static inline void comiss_(struct cpu *c, const struct insn *in, bool M) { comiss(c, in, M, false); }
static inline void ucomiss_(struct cpu *c, const struct insn *in, bool M) { comiss(c, in, M, true); }
static inline void comisd_(struct cpu *c, const struct insn *in, bool M) { comisd(c, in, M, false); }
static inline void ucomisd_(struct cpu *c, const struct insn *in, bool M) { comisd(c, in, M, true); }
GEN_XM(comiss, comiss_);
GEN_XM(ucomiss, ucomiss_);
GEN_XM(comisd, comisd_);
GEN_XM(ucomisd, ucomisd_);

/* ---- MXCSR (0F AE /2 /3, memory only) ---- */
HANDLER(h_ldmxcsr)
{
	u32 v = mem_rd32(c, lin_of(c, in, 4, false));
	if (v & ~MXCSR_VALID)
		cpu_fault(c, EX_GP, 0);
	c->fpu.mxcsr = v;
	NEXT;
}
HANDLER(h_stmxcsr)
{
	mem_wr32(c, lin_of(c, in, 4, true), c->fpu.mxcsr);
	NEXT;
}
HSET_XM(ldmxcsr, NULL, h_ldmxcsr);
HSET_XM(stmxcsr, NULL, h_stmxcsr);

/* ---- cache control: every access is already in order and there is no
 * cache to flush. CLFLUSH still translates its address as a read would,
 * so it faults where a read would (without touching a device). ---- */
HANDLER(h_fence) { NEXT; }
HANDLER(h_clflush)
{
	mem_translate(c, lin_of(c, in, 1, false), ACC_READ);
	NEXT;
}
HSET_XM(lfence, h_fence, NULL);
HSET_XM(mfence, h_fence, NULL);
HSET_XM(sfence_clflush, h_fence, h_clflush);
