/* bit.c - BT BTS BTR BTC (register and immediate offsets), BSF BSR. */
#include "ops.h"

/* CF is the bit; ZF is kept; OF SF AF PF are undefined (SDM Vol. 2A, BT). */
static inline void bt_flags(struct cpu *c, u32 bit)
{
	c->fl_aux = bit ? (AUX_CF | AUX_CO) : 0;
}

enum { BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT };

static inline u32 bt_apply(u32 v, u32 mask, int kind)
{
	switch (kind) {
	case BT_SET: return v | mask;
	case BT_RESET: return v & ~mask;
	case BT_COMPLEMENT: return v ^ mask;
	}
	return v;
}

/* A register bit offset may address memory outside the operand: the
 * signed offset selects the operand-sized unit (SDM Vol. 2A, BT). */
static inline void bt_do(struct cpu *c, const struct insn *in, unsigned S, bool M, u32 off, bool reg_off, int kind)
{
	unsigned bits = 8 * S;
	u32 mask = 1u << (off & (bits - 1));
	if (!M) {
		u32 v = rreg(c, in->d, S);
		bt_flags(c, v & mask);
		if (kind != BT_TEST)
			wreg(c, in->d, bt_apply(v, mask, kind), S);
		return;
	}
	u32 ea = ea_of(c, in);
	if (reg_off) {
		s32 soff = S == 2 ? (s16)off : (s32)off;
		ea += (u32)((soff >> (S == 2 ? 4 : 5)) * (s32)S);
		if (in->flags & INSN_A16)
			ea &= 0xffff;
	}
	u32 lin = seg_lin(c, in->seg, ea, S, kind != BT_TEST);
	u32 v = mem_rd(c, lin, S);
	if (kind != BT_TEST)
		mem_wr(c, lin, bt_apply(v, mask, kind), S);
	bt_flags(c, v & mask);
}

#define BT_OP(name, kind)                                                                           \
	static inline void name##_eg(struct cpu *c, const struct insn *in, unsigned S, bool M)     \
	{                                                                                           \
		bt_do(c, in, S, M, rreg(c, in->s, S), true, kind);                                  \
	}                                                                                           \
	static inline void name##_ei(struct cpu *c, const struct insn *in, unsigned S, bool M)     \
	{                                                                                           \
		bt_do(c, in, S, M, in->imm, false, kind);                                           \
	}                                                                                           \
	GEN_RM_V(name##_EG, name##_eg);                                                             \
	GEN_RM_V(name##_EI, name##_ei);

BT_OP(bt, BT_TEST)
BT_OP(bts, BT_SET)
BT_OP(btr, BT_RESET)
BT_OP(btc, BT_COMPLEMENT)

/* A zero source sets ZF and leaves the destination as it was. */
static inline void bsf_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 v = ld_Es(c, in, S, M);
	c->fl_aux = 0;
	c->fl_res = v != 0;
	if (v)
		wreg(c, in->d, (u32)__builtin_ctz(v), S);
}

static inline void bsr_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	u32 v = ld_Es(c, in, S, M);
	c->fl_aux = 0;
	c->fl_res = v != 0;
	if (v)
		wreg(c, in->d, 31u - (u32)__builtin_clz(v), S);
}
GEN_RM_V(bsf, bsf_body);
GEN_RM_V(bsr, bsr_body);
