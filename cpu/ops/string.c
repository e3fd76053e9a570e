/* string.c - MOVS CMPS STOS LODS SCAS INS OUTS, plain and with REP.
 * A REP instruction is restartable after every iteration: ECX, ESI and EDI
 * are updated as it goes, each iteration counts as one instruction, and
 * when the budget runs out it leaves the block at its own EIP so pending
 * events are handled and it resumes where it stopped (SDM Vol. 1, 7.3.9). */
#include "ops.h"
#include "xlat/block.h"

static inline bool a16(const struct insn *in) { return in->flags & INSN_A16; }

static inline u32 idx_get(struct cpu *c, const struct insn *in, unsigned r)
{
	return a16(in) ? c->r[r].w : c->r[r].d;
}

static inline void idx_step(struct cpu *c, const struct insn *in, unsigned r, unsigned S)
{
	u32 step = (c->eflags & F_DF) ? (u32)-(s32)S : S;
	if (a16(in))
		c->r[r].w = (u16)(c->r[r].w + step);
	else
		c->r[r].d += step;
}

static inline u32 src_lin(struct cpu *c, const struct insn *in, unsigned S)
{
	return seg_lin(c, in->seg, idx_get(c, in, R_ESI), S, false);
}

static inline u32 dst_lin(struct cpu *c, const struct insn *in, unsigned S, bool write)
{
	return seg_lin(c, S_ES, idx_get(c, in, R_EDI), S, write);
}

/* one iteration of each; returns false for CMPS/SCAS when ZF ends a REPE/REPNE */
static inline void it_movs(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 v = mem_rd(c, src_lin(c, in, S), S);
	mem_wr(c, dst_lin(c, in, S, true), v, S);
	idx_step(c, in, R_ESI, S);
	idx_step(c, in, R_EDI, S);
}

static inline void it_stos(struct cpu *c, const struct insn *in, unsigned S)
{
	mem_wr(c, dst_lin(c, in, S, true), rreg(c, R_EAX, S), S);
	idx_step(c, in, R_EDI, S);
}

static inline void it_lods(struct cpu *c, const struct insn *in, unsigned S)
{
	wreg(c, R_EAX, mem_rd(c, src_lin(c, in, S), S), S);
	idx_step(c, in, R_ESI, S);
}

static inline void it_cmps(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 a = mem_rd(c, src_lin(c, in, S), S);
	u32 b = mem_rd(c, dst_lin(c, in, S, false), S);
	flags_sub(c, a, b, a - b, S);
	idx_step(c, in, R_ESI, S);
	idx_step(c, in, R_EDI, S);
}

static inline void it_scas(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 a = rreg(c, R_EAX, S);
	u32 b = mem_rd(c, dst_lin(c, in, S, false), S);
	flags_sub(c, a, b, a - b, S);
	idx_step(c, in, R_EDI, S);
}

/* INS checks the destination before reading the port: a port read can
 * have side effects that must not happen twice on restart. */
static inline void it_ins(struct cpu *c, const struct insn *in, unsigned S)
{
	u32 lin = dst_lin(c, in, S, true);
	mem_wr(c, lin, mem_rd(c, lin, S), S);
	mem_wr(c, lin, io_in(c, c->r[R_EDX].w, S), S);
	idx_step(c, in, R_EDI, S);
}

static inline void it_outs(struct cpu *c, const struct insn *in, unsigned S)
{
	io_out(c, c->r[R_EDX].w, mem_rd(c, src_lin(c, in, S), S), S);
	idx_step(c, in, R_ESI, S);
}

static inline bool zf_cond(const struct cpu *c, const struct insn *in, bool cmp)
{
	if (!cmp)
		return true;
	return (in->flags & INSN_REPNE) ? !cpu_zf(c) : cpu_zf(c);
}

/* Each iteration counts as one instruction: the block charges the REP
 * instruction once, for its last (or only) iteration, and every iteration
 * that is followed by another is charged here. That keeps the count exact
 * however often the instruction is interrupted or faults part way. */
static inline const struct insn *rep_run(struct cpu *c, const struct insn *in, unsigned S,
					 void (*it)(struct cpu *, const struct insn *, unsigned), bool cmp)
{
	s64 room = c->budget - (in - c->cur_block->insn) - 1; /* budget after this one */
	for (;;) {
		u32 n = idx_get(c, in, R_ECX);
		if (!n)
			return next_insn(c, in);
		it(c, in, S);
		if (a16(in))
			c->r[R_ECX].w = (u16)(n - 1);
		else
			c->r[R_ECX].d = n - 1;
		if (n == 1 || !zf_cond(c, in, cmp))
			break;
		if (room-- <= 0)
			return op_exit(c, in->eip, EXIT_NOLINK); /* resume here later */
		c->budget--;
	}
	/* the extra iterations may have used up what the rest of the block had */
	if (room + 1 < c->cur_block->n_insn - (in - c->cur_block->insn))
		return op_exit(c, in->eip + in->len, EXIT_NOLINK);
	return next_insn(c, in);
}

#define STR_OP(name, cmp)                                                                  \
	HANDLER(h_##name##8) { it_##name(c, in, 1); NEXT; }                                \
	HANDLER(h_##name##16) { it_##name(c, in, 2); NEXT; }                               \
	HANDLER(h_##name##32) { it_##name(c, in, 4); NEXT; }                               \
	HANDLER(h_rep_##name##8) { return rep_run(c, in, 1, it_##name, cmp); }             \
	HANDLER(h_rep_##name##16) { return rep_run(c, in, 2, it_##name, cmp); }            \
	HANDLER(h_rep_##name##32) { return rep_run(c, in, 4, it_##name, cmp); }            \
	HSET_RM(name, h_##name##8, h_##name##16, h_##name##32,                             \
		h_rep_##name##8, h_rep_##name##16, h_rep_##name##32);

STR_OP(movs, false)
STR_OP(stos, false)
STR_OP(lods, false)
STR_OP(cmps, true)
STR_OP(scas, true)
STR_OP(ins, false)
STR_OP(outs, false)
