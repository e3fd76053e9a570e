/* stack.c - PUSH and POP in all forms, PUSHA/POPA, PUSHF/POPF, ENTER/LEAVE. */
#include "ops.h"

static inline void push_e(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	push_v(c, ld_E(c, in, S, M), S); /* PUSH ESP pushes the old value */
}
GEN_RM_V(push_E, push_e);

/* POP to memory addressed through ESP uses the incremented ESP
 * (SDM Vol. 2B, POP); ESP changes only once the store has succeeded. */
static inline void pop_e(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 v = pop_peek(c, S, 0);
	if (!M) {
		sp_set(c, sp_get(c) + S);
		wreg(c, in->d, v, S);
		return;
	}
	u32 old = c->r[R_ESP].d;
	sp_set(c, sp_get(c) + S);
	u32 ea = ea_of(c, in), newsp = c->r[R_ESP].d;
	c->r[R_ESP].d = old;
	mem_wr(c, seg_lin(c, in->seg, ea, S, true), v, S);
	c->r[R_ESP].d = newsp;
}
GEN_RM_V(pop_E, pop_e);

static inline void push_i(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	push_v(c, in->imm & sz_mask(S), S);
}
GEN_RM_V(push_I, push_i);

static inline void pusha_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)in;
	(void)M;
	u32 sp = sp_get(c);
	for (unsigned i = 0; i < 8; i++) {
		u32 a = sp - (i + 1) * S;
		if (!ss32(c))
			a &= 0xffff;
		mem_wr(c, seg_lin(c, S_SS, a, S, true), rreg(c, i, S), S);
	}
	sp_set(c, sp - 8 * S);
}
GEN_RM_V(pusha, pusha_body);

static inline void popa_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)in;
	(void)M;
	u32 v[8];
	for (unsigned i = 0; i < 8; i++)
		v[i] = pop_peek(c, S, (7 - i) * S);
	for (unsigned i = 0; i < 8; i++)
		if (i != R_ESP)
			wreg(c, i, v[i], S);
	sp_set(c, sp_get(c) + 8 * S);
}
GEN_RM_V(popa, popa_body);

/* PUSHF, POPF (and INT n, IRET, CLI, STI) are IOPL-sensitive in
 * virtual-8086 mode: below IOPL 3 they #GP to the monitor (SDM Vol. 3B, 20.2.7). */
static inline void vm86_iopl_check(struct cpu *c)
{
	if ((c->eflags & F_VM) && (c->eflags & F_IOPL) != F_IOPL)
		cpu_fault(c, EX_GP, 0);
}

/* The pushed image has VM and RF clear (SDM Vol. 2B, PUSHF). */
static inline void pushf_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)in;
	(void)M;
	vm86_iopl_check(c);
	push_v(c, cpu_get_eflags(c) & ~(F_VM | F_RF) & sz_mask(S), S);
}
GEN_RM_V(pushf, pushf_body);

/* Which bits POPF may change depends on CPL and IOPL (SDM Vol. 2B, POPF). */
static inline void popf_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)in;
	(void)M;
	vm86_iopl_check(c);
	u32 v = pop_peek(c, S, 0);
	unsigned cpl = cpu_cpl(c);
	u32 iopl = (c->eflags & F_IOPL) >> 12;
	u32 mask = F_ARITH | F_TF | F_DF | F_NT | F_AC | F_ID;
	if (cpl == 0)
		mask |= F_IOPL;
	if (cpl <= iopl)
		mask |= F_IF;
	mask &= sz_mask(S);
	sp_set(c, sp_get(c) + S);
	cpu_set_eflags(c, v, mask);
}
GEN_RM_V(popf, popf_body);

static inline void enter_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	unsigned level = in->imm2 & 31;
	u32 sp = sp_get(c), bp = ss32(c) ? c->r[R_EBP].d : c->r[R_EBP].w;
	u32 smask = ss32(c) ? 0xffffffffu : 0xffffu;
	sp = (sp - S) & smask;
	mem_wr(c, seg_lin(c, S_SS, sp, S, true), rreg(c, R_EBP, S), S);
	u32 frame = sp;
	if (level) {
		for (unsigned i = 1; i < level; i++) {
			bp = (bp - S) & smask;
			u32 v = mem_rd(c, seg_lin(c, S_SS, bp, S, false), S);
			sp = (sp - S) & smask;
			mem_wr(c, seg_lin(c, S_SS, sp, S, true), v, S);
		}
		sp = (sp - S) & smask;
		mem_wr(c, seg_lin(c, S_SS, sp, S, true), frame, S);
	}
	sp = (sp - in->imm) & smask;
	wreg(c, R_EBP, frame, ss32(c) ? 4 : 2);
	sp_set(c, sp);
}
GEN_RM_V(enter, enter_body);

static inline void leave_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)in;
	(void)M;
	u32 bp = ss32(c) ? c->r[R_EBP].d : c->r[R_EBP].w;
	u32 v = mem_rd(c, seg_lin(c, S_SS, bp, S, false), S);
	sp_set(c, bp + S);
	wreg(c, R_EBP, v, S);
}
GEN_RM_V(leave, leave_body);

static inline void push_sreg(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	push_v(c, c->seg[in->op].sel, S);
}
GEN_RM_V(push_sreg, push_sreg);

static inline void pop_sreg(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)M;
	u16 sel = (u16)pop_peek(c, S, 0);
	seg_load_pm(c, in->op, sel);
	sp_set(c, sp_get(c) + S);
}
GEN_RM_V(pop_sreg, pop_sreg);
