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

/* ---- far transfers ---- */
/* A call gate named by a far JMP or CALL (SDM Vol. 3A, 5.8.4): the gate's
 * DPL must admit the caller, the code segment it names may be more
 * privileged (for CALL only). Fills the target; false if sel is no gate. */
struct gate_target {
	u16 cs;
	u32 off;
	unsigned dpl;     /* the code segment's DPL */
	bool conforming;
	unsigned params;  /* dwords (or words) to copy */
	bool gate32;
};

static bool call_gate(struct cpu *c, u16 sel, struct gate_target *t)
{
	u32 lo, hi;
	if (!(c->cr0 & 1) || (c->eflags & F_VM) || (sel & ~3u) == 0)
		return false;
	seg_desc_read(c, sel, &lo, &hi);
	unsigned type = (hi >> 8) & 0x1f;
	if (type != 0x0c && type != 0x04)
		return false;
	unsigned gdpl = (hi >> 13) & 3, cpl = cpu_cpl(c);
	if (gdpl < cpl || gdpl < (sel & 3u))
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
	t->cs = (u16)(lo >> 16);
	t->gate32 = type == 0x0c;
	t->off = t->gate32 ? ((lo & 0xffff) | (hi & 0xffff0000u)) : (lo & 0xffff);
	t->params = hi & 0x1f;
	seg_gate_cs(c, t->cs, cpl, 0, &t->dpl, &t->conforming);
	return true;
}

/* A far JMP or CALL naming a TSS or a task gate switches tasks. */
static bool task_target(struct cpu *c, u16 sel, u16 *tss)
{
	u32 lo, hi;
	if (!(c->cr0 & 1) || (c->eflags & F_VM) || (sel & ~3u) == 0)
		return false;
	seg_desc_read(c, sel, &lo, &hi);
	unsigned type = (hi >> 8) & 0x1f, dpl = (hi >> 13) & 3;
	if (type != 0x09 && type != 0x05)
		return false;
	if (dpl < cpu_cpl(c) || dpl < (sel & 3u))
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
	*tss = type == 0x05 ? (u16)(lo >> 16) : sel;
	return true;
}

static const struct insn *far_jump(struct cpu *c, u16 sel, u32 off)
{
	struct gate_target t;
	if (call_gate(c, sel, &t)) {
		/* a JMP through a gate never changes privilege */
		if (!t.conforming && t.dpl != cpu_cpl(c))
			cpu_fault(c, EX_GP, t.cs & ~3u);
		struct seg ncs;
		seg_fetch_cs_cpl(c, t.cs, cpu_cpl(c), EX_GP, &ncs);
		seg_mark_accessed(c, &ncs);
		c->seg[S_CS] = ncs;
		cpu_update_mode(c);
		return op_exit(c, t.off, EXIT_NOLINK);
	}
	seg_load_pm(c, S_CS, sel);
	return op_exit(c, off, EXIT_NOLINK);
}

static const struct insn *far_jump_in(struct cpu *c, const struct insn *in, u16 sel, u32 off)
{
	u16 tss;
	if (task_target(c, sel, &tss)) {
		task_switch(c, tss, TASK_JMP, next_eip(in));
		return op_exit(c, c->eip, EXIT_NOLINK);
	}
	return far_jump(c, sel, off);
}

/* CALL through a gate to an inner ring: the TSS stack, the old SS:ESP, the
 * gate's parameter count of stack entries copied across, then CS:EIP. */
static const struct insn *call_gate_inner(struct cpu *c, const struct insn *in, const struct gate_target *t)
{
	unsigned S = t->gate32 ? 4 : 2;
	u32 params[31];
	for (unsigned i = 0; i < t->params; i++)
		params[i] = pop_peek(c, S, i * S);
	u16 nss;
	u32 nesp;
	tss_stack(c, t->dpl, &nss, &nesp);
	u16 old_ss = c->seg[S_SS].sel, old_cs = c->seg[S_CS].sel;
	u32 old_esp = c->r[R_ESP].d;
	seg_load_cs_ss_cpl(c, t->cs, nss, t->dpl, EX_GP, EX_TS);
	if (ss32(c))
		c->r[R_ESP].d = nesp;
	else
		c->r[R_ESP].w = (u16)nesp;
	push_v(c, old_ss, S);
	push_v(c, old_esp & sz_mask(S), S);
	for (unsigned i = t->params; i-- > 0;)
		push_v(c, params[i] & sz_mask(S), S);
	push_v(c, old_cs, S);
	push_v(c, next_eip(in) & sz_mask(S), S);
	return op_exit(c, t->off, EXIT_NOLINK);
}

/* Check the target first and write both stack slots before ESP moves, so a
 * fault anywhere leaves the instruction restartable. */
static const struct insn *far_call(struct cpu *c, const struct insn *in, u16 sel, u32 off, unsigned S)
{
	struct gate_target t;
	u16 tss;
	if (task_target(c, sel, &tss)) {
		task_switch(c, tss, TASK_CALL, next_eip(in));
		return op_exit(c, c->eip, EXIT_NOLINK);
	}
	if (call_gate(c, sel, &t)) {
		if (!t.conforming && t.dpl < cpu_cpl(c))
			return call_gate_inner(c, in, &t);
		sel = (u16)((t.cs & ~3u) | cpu_cpl(c));
		off = t.off;
		S = t.gate32 ? 4 : 2;
	}
	seg_check_pm(c, S_CS, sel);
	u32 smask = ss32(c) ? 0xffffffffu : 0xffffu, sp = sp_get(c);
	u32 a1 = (sp - S) & smask, a2 = (sp - 2 * S) & smask;
	mem_wr(c, seg_lin(c, S_SS, a1, S, true), c->seg[S_CS].sel, S);
	mem_wr(c, seg_lin(c, S_SS, a2, S, true), next_eip(in) & sz_mask(S), S);
	sp_set(c, a2);
	seg_load_pm(c, S_CS, sel);
	return op_exit(c, off, EXIT_NOLINK);
}

HANDLER(h_jmp_far) { return far_jump_in(c, in, in->imm2, in->imm); }
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
		return CALL ? far_call(c, in, sel, off, S) : far_jump_in(c, in, sel, off); \
	}
FAR_M(h_jmp_far_m16, 2, 0)
FAR_M(h_jmp_far_m32, 4, 0)
FAR_M(h_call_far_m16, 2, 1)
FAR_M(h_call_far_m32, 4, 1)
HSET_RM(jmp_far_M, NULL, h_jmp_far_m16, h_jmp_far_m32, NULL, h_jmp_far_m16, h_jmp_far_m32);
HSET_RM(call_far_M, NULL, h_call_far_m16, h_call_far_m32, NULL, h_call_far_m16, h_call_far_m32);

static inline bool pm_not_vm86(const struct cpu *c) { return (c->cr0 & 1) && !(c->eflags & F_VM); }

/* The code segment a return to an outer ring lands in: its DPL must equal
 * the new CPL, or not exceed it for a conforming segment (SDM Vol. 2B, RET). */
static void check_outer_cs(struct cpu *c, u16 sel)
{
	u32 lo, hi;
	unsigned rpl = sel & 3;
	seg_desc_read(c, sel, &lo, &hi);
	unsigned dpl = (hi >> 13) & 3;
	bool code = (hi & 0x1800) == 0x1800, conforming = hi & 0x400;
	if (!code || (conforming ? dpl > rpl : dpl != rpl))
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
}

/* Return to ring sel & 3 with the stack the frame names at offset skip. */
static void return_outer(struct cpu *c, u16 sel, unsigned S, u32 skip)
{
	u32 nesp = pop_peek(c, S, skip);
	u16 nss = (u16)pop_peek(c, S, skip + S);
	unsigned rpl = sel & 3;
	check_outer_cs(c, sel);
	seg_load_cs_ss_cpl(c, sel, nss, rpl, EX_GP, EX_GP);
	if (ss32(c))
		c->r[R_ESP].d = nesp;
	else
		c->r[R_ESP].w = (u16)nesp;
	seg_null_inaccessible(c);
}

static const struct insn *retf(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 off = pop_peek(c, S, 0);
	u16 sel = (u16)pop_peek(c, S, S);
	if (pm_not_vm86(c) && (sel & 3) > cpu_cpl(c)) {
		return_outer(c, sel, S, 2 * S + in->imm);
		sp_set(c, sp_get(c) + in->imm);
		return op_exit(c, off & sz_mask(S), EXIT_NOLINK);
	}
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
/* INT n is IOPL-sensitive in virtual-8086 mode (SDM Vol. 3B, 20.2.7) */
HANDLER(h_int_n)
{
	if ((c->eflags & F_VM) && (c->eflags & F_IOPL) != F_IOPL)
		cpu_fault(c, EX_GP, 0);
	return soft_int(c, in, in->imm & 0xff);
}
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

/* Which EFLAGS bits IRET may load: IOPL only at CPL 0, IF only at
 * CPL <= IOPL (SDM Vol. 2A, IRET). */
static u32 iret_mask(const struct cpu *c, unsigned S)
{
	u32 mask = F_ARITH | F_TF | F_DF | F_NT | F_AC | F_ID | F_RF;
	unsigned cpl = cpu_cpl(c), iopl = (c->eflags & F_IOPL) >> 12;
	if (cpl == 0)
		mask |= F_IOPL;
	if (cpl <= iopl)
		mask |= F_IF;
	return mask & sz_mask(S);
}

/* IRET from ring 0 with VM set in the image: back to virtual-8086 mode,
 * with the segment registers popped as real-mode selectors. */
static const struct insn *iret_to_vm86(struct cpu *c, u32 off, u16 cs, u32 fl)
{
	u32 v[6];
	for (unsigned i = 0; i < 6; i++)
		v[i] = pop_peek(c, 4, 12 + 4 * i);
	cpu_set_eflags(c, fl, 0x003f7fd5u);
	static const u8 order[] = { S_SS, S_ES, S_DS, S_FS, S_GS };
	c->seg[S_CS] = (struct seg){ .sel = cs, .base = (u32)cs << 4, .limit = 0xffff, .attr = 0xf3 };
	for (unsigned i = 0; i < 5; i++)
		c->seg[order[i]] = (struct seg){ .sel = (u16)v[i + 1], .base = (v[i + 1] & 0xffff) << 4,
						 .limit = 0xffff, .attr = 0xf3 };
	c->r[R_ESP].d = v[0];
	cpu_update_mode(c);
	return op_exit(c, off & 0xffff, EXIT_NOLINK);
}

static const struct insn *iret(struct cpu *c, const struct insn *in, unsigned S)
{
	if (pm_not_vm86(c) && (c->eflags & F_NT)) { /* return to the task that called */
		task_switch(c, mem_rd16(c, c->tr.base), TASK_IRET, next_eip(in));
		return op_exit(c, c->eip, EXIT_NOLINK);
	}
	u32 off = pop_peek(c, S, 0);
	u16 sel = (u16)pop_peek(c, S, S);
	u32 fl = pop_peek(c, S, 2 * S);
	if (c->eflags & F_VM) {
		if (((c->eflags & F_IOPL) >> 12) < 3)
			cpu_fault(c, EX_GP, 0); /* IOPL-sensitive in virtual-8086 mode */
	} else if ((c->cr0 & 1) && S == 4 && (fl & F_VM) && cpu_cpl(c) == 0) {
		return iret_to_vm86(c, off, sel, fl);
	} else if ((c->cr0 & 1) && (sel & 3) > cpu_cpl(c)) {
		u32 mask = iret_mask(c, S);
		return_outer(c, sel, S, 3 * S);
		cpu_set_eflags(c, fl, mask);
		return op_exit(c, off & sz_mask(S), EXIT_NOLINK);
	}
	u32 mask = iret_mask(c, S);
	seg_load_pm(c, S_CS, sel);
	sp_set(c, sp_get(c) + 3 * S);
	cpu_set_eflags(c, fl, mask);
	return op_exit(c, off, EXIT_NOLINK);
}
HANDLER(h_iret16) { return iret(c, in, 2); }
HANDLER(h_iret32) { return iret(c, in, 4); }
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
