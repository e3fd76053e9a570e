/* mov.c - data movement: MOV forms, MOVZX/MOVSX, LEA, XCHG, XADD, CMPXCHG,
 * CMPXCHG8B, CMOVcc, SETcc, XLAT, CBW/CWD, LAHF/SAHF, BSWAP, NOP. */
#include "ops.h"

static inline void mov_eg(struct cpu *c, const struct insn *in, unsigned S, bool M) { st_E(c, in, rreg(c, in->s, S), S, M); }
static inline void mov_ge(struct cpu *c, const struct insn *in, unsigned S, bool M) { wreg(c, in->d, ld_Es(c, in, S, M), S); }
static inline void mov_ei(struct cpu *c, const struct insn *in, unsigned S, bool M) { st_E(c, in, in->imm, S, M); }
static inline void mov_ao(struct cpu *c, const struct insn *in, unsigned S, bool M) { (void)M; wreg(c, in->d, mem_rd(c, lin_of(c, in, S, false), S), S); }
static inline void mov_oa(struct cpu *c, const struct insn *in, unsigned S, bool M) { (void)M; mem_wr(c, lin_of(c, in, S, true), rreg(c, in->d, S), S); }
GEN_RM(mov_EG, mov_eg);
GEN_RM(mov_GE, mov_ge);
GEN_RM(mov_EI, mov_ei);
GEN_RM(mov_AO, mov_ao);
GEN_RM(mov_OA, mov_oa);

static inline void movzx_b(struct cpu *c, const struct insn *in, unsigned S, bool M) { wreg(c, in->d, ld_Es(c, in, 1, M), S); }
static inline void movzx_w(struct cpu *c, const struct insn *in, unsigned S, bool M) { wreg(c, in->d, ld_Es(c, in, 2, M), S); }
static inline void movsx_b(struct cpu *c, const struct insn *in, unsigned S, bool M) { wreg(c, in->d, sext8(ld_Es(c, in, 1, M)), S); }
static inline void movsx_w(struct cpu *c, const struct insn *in, unsigned S, bool M) { wreg(c, in->d, sext16(ld_Es(c, in, 2, M)), S); }
GEN_RM_V(movzx_b, movzx_b);
GEN_RM_V(movzx_w, movzx_w);
GEN_RM_V(movsx_b, movsx_b);
GEN_RM_V(movsx_w, movsx_w);

static inline void lea_body(struct cpu *c, const struct insn *in, unsigned S, bool M) { (void)M; wreg(c, in->d, ea_of(c, in), S); }
GEN_RM_V(lea, lea_body);

/* XCHG with memory is locked on hardware; single-threaded, a plain RMW. */
static inline void xchg_eg(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 g = rreg(c, in->s, S), old;
	if (M) {
		u32 lin = lin_of(c, in, S, true);
		old = mem_rd(c, lin, S);
		mem_wr(c, lin, g, S);
	} else {
		old = rreg(c, in->d, S);
		wreg(c, in->d, g, S);
	}
	wreg(c, in->s, old, S);
}
GEN_RM(xchg_EG, xchg_eg);

static inline void xchg_az(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	u32 t = rreg(c, in->d, S);
	wreg(c, in->d, rreg(c, R_EAX, S), S);
	wreg(c, R_EAX, t, S);
}
GEN_RM_V(xchg_AZ, xchg_az);

static inline void xadd_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 src = rreg(c, in->s, S);
	if (M) {
		u32 lin = lin_of(c, in, S, true);
		u32 old = mem_rd(c, lin, S);
		mem_wr(c, lin, (old + src) & sz_mask(S), S);
		flags_add(c, old, src, old + src, S);
		wreg(c, in->s, old, S);
	} else {
		u32 old = rreg(c, in->d, S);
		u32 r = flags_add(c, old, src, old + src, S);
		wreg(c, in->s, old, S);
		wreg(c, in->d, r, S);
	}
}
GEN_RM(xadd, xadd_body);

/* CMPXCHG always writes the destination on hardware (the old value when the
 * compare fails), so a read-only page faults either way (SDM Vol. 2A). */
static inline void cmpxchg_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 acc = rreg(c, R_EAX, S);
	if (M) {
		u32 lin = lin_of(c, in, S, true);
		u32 old = mem_rd(c, lin, S);
		bool eq = old == acc;
		mem_wr(c, lin, eq ? rreg(c, in->s, S) : old, S);
		flags_sub(c, acc, old, acc - old, S);
		if (!eq)
			wreg(c, R_EAX, old, S);
	} else {
		u32 old = rreg(c, in->d, S);
		flags_sub(c, acc, old, acc - old, S);
		if (old == acc)
			wreg(c, in->d, rreg(c, in->s, S), S);
		else
			wreg(c, R_EAX, old, S);
	}
}
GEN_RM(cmpxchg, cmpxchg_body);

static inline void cmpxchg8b_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)S;
	(void)M;
	u32 lin = lin_of(c, in, 8, true);
	u32 lo = mem_rd32(c, lin), hi = mem_rd32(c, lin + 4);
	bool eq = lo == c->r[R_EAX].d && hi == c->r[R_EDX].d;
	u32 nlo = eq ? c->r[R_EBX].d : lo, nhi = eq ? c->r[R_ECX].d : hi;
	mem_wr32(c, lin, nlo);
	mem_wr32(c, lin + 4, nhi);
	if (!eq) {
		c->r[R_EAX].d = lo;
		c->r[R_EDX].d = hi;
	}
	u32 f = cpu_get_eflags(c);
	cpu_set_arith_flags(c, eq ? (f | F_ZF) : (f & ~F_ZF));
}
GEN_RM_V(cmpxchg8b, cmpxchg8b_body);

#define CC_LIST(X) X(o, 0) X(no, 1) X(b, 2) X(nb, 3) X(z, 4) X(nz, 5) X(be, 6) X(nbe, 7) \
	X(s, 8) X(ns, 9) X(p, 10) X(np, 11) X(l, 12) X(nl, 13) X(le, 14) X(nle, 15)

#define CMOV_SET(name, cc)                                                              \
	static inline void cmov##name##_b(struct cpu *c, const struct insn *in, unsigned S, bool M) \
	{                                                                               \
		u32 v = ld_Es(c, in, S, M);                                             \
		if (cpu_cond(c, cc))                                                    \
			wreg(c, in->d, v, S);                                           \
	}                                                                               \
	GEN_RM_V(cmov##name, cmov##name##_b);                                           \
	static inline void set##name##_b(struct cpu *c, const struct insn *in, unsigned S, bool M) \
	{                                                                               \
		st_E(c, in, cpu_cond(c, cc), S, M);                                     \
	}                                                                               \
	GEN_RM(set##name, set##name##_b);
CC_LIST(CMOV_SET)

static inline void xlat_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)S;
	(void)M;
	u32 ea = c->r[R_EBX].d + c->r[R_EAX].b[0];
	if (in->flags & INSN_A16)
		ea &= 0xffff;
	c->r[R_EAX].b[0] = mem_rd8(c, seg_lin(c, in->seg, ea, 1, false));
}
GEN_RM(xlat, xlat_body);

HANDLER(h_cbw16) { c->r[R_EAX].w = (u16)sext8(c->r[R_EAX].b[0]); NEXT; }
HANDLER(h_cwde) { c->r[R_EAX].d = sext16(c->r[R_EAX].w); NEXT; }
HANDLER(h_cwd16) { c->r[R_EDX].w = (c->r[R_EAX].w & 0x8000) ? 0xffff : 0; NEXT; }
HANDLER(h_cdq) { c->r[R_EDX].d = (c->r[R_EAX].d & 0x80000000u) ? 0xffffffffu : 0; NEXT; }
HSET_RM(cbw, NULL, h_cbw16, h_cwde, NULL, h_cbw16, h_cwde);
HSET_RM(cwd, NULL, h_cwd16, h_cdq, NULL, h_cwd16, h_cdq);

HANDLER(h_lahf)
{
	c->r[R_EAX].b[1] = (u8)((cpu_get_eflags(c) & (F_SF | F_ZF | F_AF | F_PF | F_CF)) | 2);
	NEXT;
}
HANDLER(h_sahf)
{
	u32 f = cpu_get_eflags(c) & ~(F_SF | F_ZF | F_AF | F_PF | F_CF);
	cpu_set_arith_flags(c, f | (c->r[R_EAX].b[1] & (F_SF | F_ZF | F_AF | F_PF | F_CF)));
	NEXT;
}
HSET_ONE(lahf, h_lahf);

/* SALC (D6), undocumented but present on every x86 since the 8086: AL = CF ? FF : 00 */
HANDLER(h_salc) { c->r[R_EAX].b[0] = cpu_cf(c) ? 0xff : 0; NEXT; }
HSET_ONE(salc, h_salc);
HSET_ONE(sahf, h_sahf);

/* BSWAP of a 16-bit register is undefined; hardware leaves zero. */
HANDLER(h_bswap16) { c->r[in->d].w = 0; NEXT; }
HANDLER(h_bswap32) { c->r[in->d].d = __builtin_bswap32(c->r[in->d].d); NEXT; }
HSET_RM(bswap, NULL, h_bswap16, h_bswap32, NULL, h_bswap16, h_bswap32);

HANDLER(h_nop) { (void)c; NEXT; }
HSET_ONE(nop, h_nop);
