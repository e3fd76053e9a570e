/* branch.c - Jcc, JMP, CALL, RET, LOOP/JECXZ, far transfers, INT n, IRET,
 * BOUND. A conditional branch that is not taken goes on in the block
 * (superblocks); a taken branch leaves it through its own chain-link slot. */
#include "ops.h"
#include "xlat/machine.h"

static inline u32 next_eip(const struct insn *in) { return in->eip + in->len; }

#define JCC(name, cc)                                                       \
	HANDLER(h_j##name)                                                  \
	{                                                                   \
		if (cpu_cond(c, cc))                                        \
			return op_exit(c, in->imm, in->exit);               \
		NEXT;                                                       \
	}                                                                   \
	HSET_ONE(j##name, h_j##name);
JCC(o, 0) JCC(no, 1) JCC(b, 2) JCC(nb, 3) JCC(z, 4) JCC(nz, 5) JCC(be, 6) JCC(nbe, 7)
JCC(s, 8) JCC(ns, 9) JCC(p, 10) JCC(np, 11) JCC(l, 12) JCC(nl, 13) JCC(le, 14) JCC(nle, 15)

HANDLER(h_jmp) { return op_exit(c, in->imm, in->exit); }
HSET_ONE(jmp, h_jmp);

static inline void ras_push(struct cpu *c, u32 ret)
{
	struct ras_entry *e = &c->ras[c->ras_top++ % RAS_SIZE];
	e->eip = ret;
	e->epoch = c->m->bc.epoch;
	e->caller = c->cur_block;
}

HANDLER(h_call16)
{
	push_v(c, next_eip(in) & 0xffff, 2);
	ras_push(c, next_eip(in) & 0xffff);
	return op_exit(c, in->imm, in->exit);
}
HANDLER(h_call32)
{
	push_v(c, next_eip(in), 4);
	ras_push(c, next_eip(in));
	return op_exit(c, in->imm, in->exit);
}
HSET_RM(call, NULL, h_call16, h_call32, NULL, h_call16, h_call32);

HANDLER(h_ret16)
{
	u32 t = pop_peek(c, 2, 0);
	sp_set(c, sp_get(c) + 2 + in->imm);
	return op_exit(c, t, EXIT_RET);
}
HANDLER(h_ret32)
{
	u32 t = pop_peek(c, 4, 0);
	sp_set(c, sp_get(c) + 4 + in->imm);
	return op_exit(c, t, EXIT_RET);
}
HSET_RM(ret, NULL, h_ret16, h_ret32, NULL, h_ret16, h_ret32);

#define IND_BRANCH(name, S, M, PUSH)                                        \
	HANDLER(name)                                                       \
	{                                                                   \
		u32 t = ld_E(c, in, S, M);                                  \
		if (PUSH) {                                                 \
			push_v(c, next_eip(in) & sz_mask(S), S);            \
			ras_push(c, next_eip(in) & sz_mask(S));             \
		}                                                           \
		return op_exit(c, t, in->exit);                                    \
	}
IND_BRANCH(h_jmp_r16, 2, false, 0)
IND_BRANCH(h_jmp_r32, 4, false, 0)
IND_BRANCH(h_jmp_m16, 2, true, 0)
IND_BRANCH(h_jmp_m32, 4, true, 0)
IND_BRANCH(h_call_r16, 2, false, 1)
IND_BRANCH(h_call_r32, 4, false, 1)
IND_BRANCH(h_call_m16, 2, true, 1)
IND_BRANCH(h_call_m32, 4, true, 1)
HSET_RM(jmp_E, NULL, h_jmp_r16, h_jmp_r32, NULL, h_jmp_m16, h_jmp_m32);
HSET_RM(call_E, NULL, h_call_r16, h_call_r32, NULL, h_call_m16, h_call_m32);

/* LOOP and JECXZ count in CX or ECX by address size. */
static inline u32 count_dec(struct cpu *c, const struct insn *in)
{
	if (in->flags & INSN_A16)
		return --c->r[R_ECX].w;
	return --c->r[R_ECX].d;
}
static inline u32 count_get(struct cpu *c, const struct insn *in)
{
	return (in->flags & INSN_A16) ? c->r[R_ECX].w : c->r[R_ECX].d;
}
static inline const struct insn *jump_if(struct cpu *c, const struct insn *in, bool t)
{
	return t ? op_exit(c, in->imm, in->exit) : next_insn(c, in);
}
HANDLER(h_loop) { return jump_if(c, in, count_dec(c, in) != 0); }
HANDLER(h_loope) { return jump_if(c, in, count_dec(c, in) != 0 && cpu_zf(c)); }
HANDLER(h_loopne) { return jump_if(c, in, count_dec(c, in) != 0 && !cpu_zf(c)); }
HANDLER(h_jecxz) { return jump_if(c, in, count_get(c, in) == 0); }
HSET_ONE(loop, h_loop);
HSET_ONE(loope, h_loope);
HSET_ONE(loopne, h_loopne);
HSET_ONE(jecxz, h_jecxz);

/* ---- far transfers (same privilege; privilege changes come with issue C) */
static const struct insn *far_jump(struct cpu *c, u16 sel, u32 off)
{
	seg_load_pm(c, S_CS, sel);
	return op_exit(c, off, EXIT_NOLINK);
}

/* Check the target first and write both stack slots before ESP moves, so a
 * fault anywhere leaves the instruction restartable. */
static const struct insn *far_call(struct cpu *c, const struct insn *in, u16 sel, u32 off, unsigned S)
{
	seg_check_pm(c, S_CS, sel);
	u32 smask = ss32(c) ? 0xffffffffu : 0xffffu, sp = sp_get(c);
	u32 a1 = (sp - S) & smask, a2 = (sp - 2 * S) & smask;
	mem_wr(c, seg_lin(c, S_SS, a1, S, true), c->seg[S_CS].sel, S);
	mem_wr(c, seg_lin(c, S_SS, a2, S, true), next_eip(in) & sz_mask(S), S);
	sp_set(c, a2);
	seg_load_pm(c, S_CS, sel);
	return op_exit(c, off, EXIT_NOLINK);
}

HANDLER(h_jmp_far) { return far_jump(c, in->imm2, in->imm); }
HSET_ONE(jmp_far, h_jmp_far);
HANDLER(h_call_far16) { return far_call(c, in, in->imm2, in->imm & 0xffff, 2); }
HANDLER(h_call_far32) { return far_call(c, in, in->imm2, in->imm, 4); }
HSET_RM(call_far, NULL, h_call_far16, h_call_far32, NULL, h_call_far16, h_call_far32);

#define FAR_M(name, S, CALL)                                                \
	HANDLER(name)                                                       \
	{                                                                   \
		u32 lin = lin_of(c, in, S + 2, false);                      \
		u32 off = mem_rd(c, lin, S);                                \
		u16 sel = mem_rd16(c, lin + S);                             \
		return CALL ? far_call(c, in, sel, off, S) : far_jump(c, sel, off); \
	}
FAR_M(h_jmp_far_m16, 2, 0)
FAR_M(h_jmp_far_m32, 4, 0)
FAR_M(h_call_far_m16, 2, 1)
FAR_M(h_call_far_m32, 4, 1)
HSET_RM(jmp_far_M, NULL, h_jmp_far_m16, h_jmp_far_m32, NULL, h_jmp_far_m16, h_jmp_far_m32);
HSET_RM(call_far_M, NULL, h_call_far_m16, h_call_far_m32, NULL, h_call_far_m16, h_call_far_m32);

static const struct insn *retf(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 off = pop_peek(c, S, 0);
	u16 sel = (u16)pop_peek(c, S, S);
	seg_load_pm(c, S_CS, sel);
	sp_set(c, sp_get(c) + 2 * S + in->imm);
	return op_exit(c, off, EXIT_NOLINK);
}
HANDLER(h_retf16) { return retf(c, in, 2); }
HANDLER(h_retf32) { return retf(c, in, 4); }
HSET_RM(retf, NULL, h_retf16, h_retf32, NULL, h_retf16, h_retf32);

/* ---- software interrupts ---- */
static const struct insn *soft_int(struct cpu *c, const struct insn *in, unsigned vec)
{
	cpu_deliver(c, vec, false, 0, next_eip(in), true);
	return op_exit(c, c->eip, EXIT_NOLINK);
}
HANDLER(h_int_n) { return soft_int(c, in, in->imm & 0xff); }
HANDLER(h_int3) { return soft_int(c, in, EX_BP); }
HANDLER(h_into) { return cpu_of(c) ? soft_int(c, in, EX_OF) : next_insn(c, in); }
HANDLER(h_int1)
{
	cpu_deliver(c, EX_DB, false, 0, next_eip(in), false);
	return op_exit(c, c->eip, EXIT_NOLINK);
}
HSET_ONE(int_n, h_int_n);
HSET_ONE(int3, h_int3);
HSET_ONE(into, h_into);
HSET_ONE(int1, h_int1);

/* IRET to the same privilege level (protected mode) or in real mode. */
static const struct insn *iret(struct cpu *c, unsigned S)
{
	u32 off = pop_peek(c, S, 0);
	u16 sel = (u16)pop_peek(c, S, S);
	u32 fl = pop_peek(c, S, 2 * S);
	seg_load_pm(c, S_CS, sel);
	sp_set(c, sp_get(c) + 3 * S);
	u32 mask = F_ARITH | F_TF | F_DF | F_NT | F_IF | F_IOPL | F_AC | F_ID | F_RF;
	cpu_set_eflags(c, fl, mask & sz_mask(S));
	return op_exit(c, off, EXIT_NOLINK);
}
HANDLER(h_iret16) { (void)in; return iret(c, 2); }
HANDLER(h_iret32) { (void)in; return iret(c, 4); }
HSET_RM(iret, NULL, h_iret16, h_iret32, NULL, h_iret16, h_iret32);

static inline void bound_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	u32 lin = lin_of(c, in, 2 * S, false);
	s32 lo = (s32)sz_sext(mem_rd(c, lin, S), S), hi = (s32)sz_sext(mem_rd(c, lin + S, S), S);
	s32 v = (s32)sz_sext(rreg(c, in->d, S), S);
	if (v < lo || v > hi)
		cpu_fault_noerr(c, EX_BR);
}
GEN_RM_V(bound, bound_body);
