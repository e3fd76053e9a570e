/* x87.c - the x87 FPU instructions (SDM Vol. 1 ch. 8 and each instruction's
 * page in Vol. 2), FWAIT and FXSAVE/FXRSTOR.
 *
 * The stack is kept by physical register (struct fpu: st[8], top and the
 * abridged tag `full`): ST(i) is st[(top + i) & 7], a push or pop moves TOP
 * and one bit. The 2-bit tags of FSTENV/FSAVE are derived from the register
 * contents when they are stored, and FLDENV/FRSTOR keep only "empty" from
 * the tags they load (SDM 8.1.7), so nothing else needs them.
 *
 * The arithmetic is fp.h's. What this file adds is what the x87 does with
 * the flags an operation raised (SDM 4.9.2, 8.5): a masked exception
 * delivers fp.h's result; an unmasked invalid-operation, denormal or
 * zero-divide exception leaves every destination and TOP as they were; an
 * unmasked overflow or underflow does the same for a memory destination but
 * stores the bias-adjusted value fp.h returns into a register; an unmasked
 * precision exception still stores. Any unmasked exception sets ES and B
 * and is reported as #MF by the next waiting instruction (fpu_check_mf).
 * Stack overflow and underflow are invalid operations with SF (8.5.1.1).
 *
 * A fault restarts the instruction, so each handler checks everything that
 * can fault (the pending #MF, the memory operand) before it changes state.
 *
 * Speed: one handler per form, chosen when the block is decoded, so the hot
 * forms gcc emits for double-precision code (FLD/FSTP m64, FADD/FMUL m64
 * and ST(i), FXCH, FUCOMIP) are a few loads and stores around the fp.h call
 * and one test of the raised flags.
 */
#include "ops.h"
#include "xlat/machine.h"

#define SW_SF 0x0040u
#define SW_C0 0x0100u
#define SW_C1 0x0200u
#define SW_C2 0x0400u
#define SW_C3 0x4000u
#define SW_B 0x8000u
#define SW_CC (SW_C0 | SW_C1 | SW_C2 | SW_C3)
#define SW_TOP 0x3800u
#define CR0_PE 0x01u
#define CR0_MP 0x02u
#define CR0_TS 0x08u
#define CR0_NE 0x20u
#define CR4_OSFXSR 0x200u
/* Only the defined CW bits are kept and bit 6 reads as one (measured on
 * the host: FLDCW 0xFFFF then FNSTCW gives 0x1F7F, FLDCW 0 gives 0x0040). */
#define CW_KEEP 0x1f3fu
#define CW_ONES 0x0040u

typedef f80 (*fp_binop)(struct fp_env *e, f80 x, f80 y);
typedef f80 (*fp_unop)(struct fp_env *e, f80 x);

static const f80 f80_one = { 0x8000000000000000ull, 0x3fff };
static const f80 f80_zero = { 0, 0 };
static const struct fp_env fp_exact = { 0 }; /* for moves that cannot raise */

/* ---- the stack ---- */
static inline unsigned st_phys(const struct cpu *c, unsigned i) { return (c->fpu.top + i) & 7; }
static inline bool st_full(const struct cpu *c, unsigned i) { return (c->fpu.full >> st_phys(c, i)) & 1; }
static inline f80 *st_ref(struct cpu *c, unsigned i) { return &c->fpu.st[st_phys(c, i)]; }

static inline void st_set(struct cpu *c, unsigned i, f80 v)
{
	unsigned p = st_phys(c, i);
	c->fpu.st[p] = v;
	c->fpu.full |= (u8)(1u << p);
}

static inline void fpu_push(struct cpu *c, f80 v)
{
	c->fpu.top = (c->fpu.top - 1) & 7;
	c->fpu.st[c->fpu.top] = v;
	c->fpu.full |= (u8)(1u << c->fpu.top);
}

static inline void fpu_pop(struct cpu *c)
{
	c->fpu.full &= (u8)~(1u << c->fpu.top);
	c->fpu.top = (c->fpu.top + 1) & 7;
}

static inline void sw_set(struct cpu *c, unsigned mask, unsigned bits)
{
	c->fpu.sw = (u16)((c->fpu.sw & ~mask) | bits);
}

static inline u16 fpu_sw(const struct cpu *c) { return (u16)(c->fpu.sw | c->fpu.top << 11); }

static inline bool f80_nan(f80 a) { return f80_exp(a) == F80_EXP_MAX && (a.sig << 1); }

/* ---- rounding and exceptions ---- */

/* PC 01 is reserved; the host's x87 rounds to 64 bits under it. */
static const u8 fpu_pc_bits[4] = { 24, 64, 53, 64 };

/* CW as an fp_env, built afresh by each instruction (a few ALU operations
 * in a register, see fp_env_make) rather than kept beside CW. */
static inline struct fp_env fpu_env(const struct cpu *c)
{
	unsigned cw = c->fpu.cw;
	return fp_env_make(cw >> 10, fpu_pc_bits[(cw >> 8) & 3], cw, false, false);
}

/* An unmasked exception is now pending. With CR0.NE clear a PC reports it
 * through FERR# as IRQ13, which needs the PIC: until then it just stays
 * pending (logged once per exception). */
static void fpu_set_pending(struct cpu *c)
{
	if (!(c->fpu.sw & FPU_SW_ES) && !(c->cr0 & CR0_NE) && c->m)
		XLOG(&c->m->log, LOG_GUEST_ERRORS,
		     "x87 exception pending with CR0.NE=0 (FIP 0x%08x): FERR#/IRQ13 not emulated, it stays pending\n",
		     c->fpu.fip);
	c->fpu.sw |= FPU_SW_ES | SW_B;
}

/* ES and B summarise the unmasked flags after FLDCW, FLDENV, FRSTOR,
 * FXRSTOR and FNSTENV (measured: each recomputes them both ways). */
static void fpu_update_es(struct cpu *c)
{
	if (c->fpu.sw & ~c->fpu.cw & FPX_ALL)
		fpu_set_pending(c);
	else
		c->fpu.sw &= (u16)~(FPU_SW_ES | SW_B);
}

/* What an instruction writes, for the unmasked responses */
enum { DEST_REG, DEST_MEM, DEST_LOAD };

/* May the destination be written, given the flags raised? (SDM 4.9.2)
 * Measured on the host: FLD m32/m64 of a denormal loads it even with DE
 * unmasked (an exact conversion), and a memory destination is not
 * written under an unmasked overflow or underflow. */
static bool fpu_may_store(const struct cpu *c, unsigned flags, int dest)
{
	unsigned un = flags & ~c->fpu.cw & FPX_ALL;
	if (un & (FPX_IE | FPX_ZE))
		return false;
	if ((un & FPX_DE) && dest != DEST_LOAD)
		return false;
	return dest != DEST_MEM || !(un & (FPX_OE | FPX_UE));
}

/* OR the flags into SW. An unmasked pre-computation exception stops the
 * operation, so the later ones it would have found are not reported
 * (SDM 4.9.2 priorities); an aborted store reports no precision loss
 * (measured: FST m32 of a huge value with OE unmasked sets OE only). */
static void fpu_raise(struct cpu *c, unsigned flags, int dest)
{
	unsigned un = flags & ~c->fpu.cw & FPX_ALL;
	if (un & FPX_IE)
		flags &= FPX_IE;
	else if (un & (FPX_DE | FPX_ZE))
		flags &= FPX_IE | FPX_DE | FPX_ZE;
	else if (dest == DEST_MEM && (un & (FPX_OE | FPX_UE)))
		flags &= FPX_OE | FPX_UE;
	c->fpu.sw |= (u16)flags;
	if (un)
		fpu_set_pending(c);
}

/* A result not written leaves C1 clear (measured: FADD m32 of a denormal
 * with DE unmasked clears the C1 its rounding would have set). */
static bool fpu_commit_slow(struct cpu *c, unsigned flags, int dest)
{
	bool ok = fpu_may_store(c, flags, dest);
	if (!ok)
		c->fpu.sw &= (u16)~SW_C1;
	fpu_raise(c, flags, dest);
	return ok;
}

/* After an operation into a register: C1 from the rounding, the flags into
 * SW. True when the result is to be stored. */
ALWAYS_INLINE bool fpu_commit(struct cpu *c, const struct fp_env *e, int dest)
{
	unsigned sw = (c->fpu.sw & ~SW_C1) | (e->c1 ? SW_C1 : 0);
	if (likely(!(e->flags & ~c->fpu.cw & FPX_ALL))) { /* inexact results are the rule */
		c->fpu.sw = (u16)(sw | e->flags);
		return true;
	}
	c->fpu.sw = (u16)sw;
	return fpu_commit_slow(c, e->flags, dest);
}

/* Stack overflow (C1 = 1) or underflow (C1 = 0): IE and SF. True when IE
 * is masked, so the caller delivers the indefinite (SDM 8.5.1.1). */
static bool fpu_stack_fault(struct cpu *c, bool overflow)
{
	sw_set(c, SW_C1, overflow ? SW_C1 : 0);
	c->fpu.sw |= FPX_IE | SW_SF;
	if (c->fpu.cw & FPX_IE)
		return true;
	fpu_set_pending(c);
	return false;
}

/* The last non-control instruction, as FSTENV/FSAVE/FXSAVE show it: FOP is
 * the escape's low 3 bits and the ModRM byte (SDM 8.1.9). */
static inline void fpu_note(struct cpu *c, const struct insn *in)
{
	c->fpu.fop = (u16)(((in->op >> 3) << 8) | in->s);
	c->fpu.fip = in->eip;
	c->fpu.fcs = c->seg[S_CS].sel;
}

static inline void fpu_note_mem(struct cpu *c, const struct insn *in, u32 ea)
{
	fpu_note(c, in);
	c->fpu.fdp = ea;
	c->fpu.fds = c->seg[in->seg].sel;
}

/* ---- memory operands ---- */
enum { M_F32, M_F64, M_I16, M_I32, M_I64, M_F80, M_BCD };
static const u8 m_size[] = { 4, 8, 2, 4, 8, 10, 10 };

/* An arithmetic operand that is a NaN keeps its signalling bit, so that
 * fp.h can let a QNaN win over an SNaN (SDM table 4-7; measured: QNaN in
 * ST(0) + SNaN m32 gives the QNaN whatever the significands). */
static f80 nan_from_f32(u32 v)
{
	return f80_make(v >> 31, F80_EXP_MAX, 1ull << 63 | (u64)(v & 0x7fffffu) << 40);
}

static f80 nan_from_f64(u64 v)
{
	return f80_make(v >> 63, F80_EXP_MAX, 1ull << 63 | (v & 0xfffffffffffffull) << 11);
}

/* The memory operand of an arithmetic or compare instruction. A denormal
 * f32/f64 is a normal f80, so its DE is left out here (*den set) and
 * decided by den_probe once the other operand is known. */
ALWAYS_INLINE f80 load_operand(struct cpu *c, u32 lin, unsigned fmt, struct fp_env *e, bool *den)
{
	f80 r;
	switch (fmt) {
	case M_F32: {
		u32 v = mem_rd32(c, lin);
		if (unlikely((v & 0x7fffffffu) > 0x7f800000u))
			return nan_from_f32(v);
		r = f80_from_f32(e, v);
		*den = !(v & 0x7f800000u) && (v << 9);
		break;
	}
	case M_F64: {
		u64 v = mem_rd64(c, lin);
		if (unlikely((v & ~(1ull << 63)) > 0x7ff0000000000000ull))
			return nan_from_f64(v);
		r = f80_from_f64(e, v);
		*den = !(v & 0x7ff0000000000000ull) && (v << 12);
		break;
	}
	case M_I16: return f80_from_i64((s16)mem_rd16(c, lin));
	case M_I32: return f80_from_i64((s32)mem_rd32(c, lin));
	default: return f80_from_i64((s64)mem_rd64(c, lin));
	}
	if (unlikely(*den))
		e->flags &= (u8)~FPX_DE;
	return r;
}

/* Whether the x87 reports DE for a denormal operand y against x: fp.h's
 * rules for an f80 denormal of y's sign decide (measured on the host: no
 * DE beside a NaN, none for a denormal divided by zero). cmp: for a
 * compare rather than op. */
static unsigned den_probe(const struct cpu *c, fp_binop op, bool cmp, f80 x, f80 y)
{
	struct fp_env s = fpu_env(c);
	f80 d = f80_make(f80_sign(y), 0, 1);
	if (cmp)
		f80_compare(&s, x, d, false);
	else
		op(&s, x, d);
	return s.flags & FPX_DE;
}

/* ST(0) in a memory format: the low 8 bytes, and *hi for 10-byte ones */
ALWAYS_INLINE u64 store_value(struct fp_env *e, f80 x, unsigned fmt, u16 *hi)
{
	switch (fmt) {
	case M_F32: return f80_to_f32(e, x);
	case M_F64: return f80_to_f64(e, x);
	case M_I16: return (u16)f80_to_int(e, x, 16, false);
	case M_I32: return (u32)f80_to_int(e, x, 32, false);
	case M_I64: return (u64)f80_to_int(e, x, 64, false);
	case M_F80: *hi = x.se; return x.sig;
	default: {
		u8 b[10];
		u64 lo;
		f80_to_bcd(e, x, b);
		memcpy(&lo, b, 8);
		*hi = (u16)(b[8] | b[9] << 8);
		return lo;
	}
	}
}

ALWAYS_INLINE void write_value(struct cpu *c, u32 lin, unsigned fmt, u64 lo, u16 hi)
{
	switch (m_size[fmt]) {
	case 2: mem_wr16(c, lin, (u16)lo); break;
	case 4: mem_wr32(c, lin, (u32)lo); break;
	case 8: mem_wr64(c, lin, lo); break;
	default: /* within one page the first store proves the second can be made (as mem_wr128) */
		if (unlikely(((lin + 9) ^ lin) & PAGE_MASK))
			mem_check_write(c, lin, 10);
		mem_wr64(c, lin, lo);
		mem_wr16(c, lin + 8, hi);
	}
}

/* Byte areas of FSTENV/FSAVE/FXSAVE, once every page has been checked */
static void mem_write_bytes(struct cpu *c, u32 lin, const u8 *b, unsigned n)
{
	for (unsigned i = 0; i < n; i += 2)
		mem_wr16(c, lin + i, (u16)(b[i] | b[i + 1] << 8));
}

static void mem_write_area(struct cpu *c, u32 lin, const u8 *b, unsigned n)
{
	mem_check_write(c, lin, n);
	mem_write_bytes(c, lin, b, n);
}

static void mem_read_area(struct cpu *c, u32 lin, u8 *b, unsigned n)
{
	for (unsigned i = 0; i < n; i += 2) {
		u16 v = mem_rd16(c, lin + i);
		b[i] = (u8)v;
		b[i + 1] = (u8)(v >> 8);
	}
}

static inline void put16(u8 *p, u32 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }
static inline void put32(u8 *p, u32 v) { put16(p, v); put16(p + 2, v >> 16); }
static inline u16 get16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static inline u32 get32(const u8 *p) { return get16(p) | (u32)get16(p + 2) << 16; }
static inline void put_f80(u8 *p, f80 v) { memcpy(p, &v.sig, 8); put16(p + 8, v.se); }
static inline f80 get_f80(const u8 *p)
{
	f80 v;
	memcpy(&v.sig, p, 8);
	v.se = get16(p + 8);
	return v;
}

/* ---- FADD FSUB FSUBR FMUL FDIV FDIVR and their P and I forms ----
 * Every form computes op(ST(0), other); the opcode decides only where the
 * result goes (SDM: D8/DC/DE share ModRM.reg for the same x op y). */
static inline f80 op_add(struct fp_env *e, f80 x, f80 y) { return f80_add(e, x, y); }
static inline f80 op_mul(struct fp_env *e, f80 x, f80 y) { return f80_mul(e, x, y); }
static inline f80 op_sub(struct fp_env *e, f80 x, f80 y) { return f80_sub(e, x, y); }
static inline f80 op_subr(struct fp_env *e, f80 x, f80 y) { return f80_sub(e, y, x); }
static inline f80 op_div(struct fp_env *e, f80 x, f80 y) { return f80_div(e, x, y); }
static inline f80 op_divr(struct fp_env *e, f80 x, f80 y) { return f80_div(e, y, x); }

/* An operand was empty: the masked response puts the indefinite in the
 * destination (and still pops) */
static void arith_underflow(struct cpu *c, unsigned dst_phys, bool pop)
{
	if (!fpu_stack_fault(c, false))
		return;
	c->fpu.st[dst_phys] = F80_INDEFINITE;
	c->fpu.full |= (u8)(1u << dst_phys);
	if (pop)
		fpu_pop(c);
}

/* The start of the instructions that read a memory operand of format fmt
 * as the second operand: the pending exception, the operand (den: it was a
 * denormal, DE to be decided against ST(0)), FDP. */
ALWAYS_INLINE f80 mem_operand(struct cpu *c, const struct insn *in, unsigned fmt, struct fp_env *e, bool *den)
{
	fpu_check_mf(c);
	u32 ea = ea_of(c, in);
	u32 lin = seg_lin(c, in->seg, ea, m_size[fmt], false);
	*e = fpu_env(c);
	*den = false;
	f80 y = load_operand(c, lin, fmt, e, den);
	fpu_note_mem(c, in, ea);
	return y;
}

ALWAYS_INLINE void arith_mem(struct cpu *c, const struct insn *in, fp_binop op, unsigned fmt)
{
	struct fp_env e;
	bool den;
	f80 y = mem_operand(c, in, fmt, &e, &den);
	unsigned p = c->fpu.top;
	if (unlikely(!((c->fpu.full >> p) & 1))) {
		arith_underflow(c, p, false);
		return;
	}
	f80 r = op(&e, c->fpu.st[p], y);
	if (unlikely(den))
		e.flags |= (u8)den_probe(c, op, false, c->fpu.st[p], y);
	if (fpu_commit(c, &e, DEST_REG))
		c->fpu.st[p] = r;
}

/* op(ST(0), ST(i)) into ST(0), or into ST(i) (to_sti), then pop or not */
ALWAYS_INLINE void arith_reg(struct cpu *c, const struct insn *in, fp_binop op, unsigned i, bool to_sti, bool pop)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	unsigned p0 = c->fpu.top, pi = (p0 + i) & 7, pd = to_sti ? pi : p0;
	if (unlikely(!((c->fpu.full >> p0) & (c->fpu.full >> pi) & 1))) {
		arith_underflow(c, pd, pop);
		return;
	}
	struct fp_env e = fpu_env(c);
	f80 r = op(&e, c->fpu.st[p0], c->fpu.st[pi]);
	if (fpu_commit(c, &e, DEST_REG)) {
		c->fpu.st[pd] = r;
		if (pop)
			fpu_pop(c);
	}
}

/* fNAME_m32/_m64 and fiNAME_m16/_m32: ST(0) = ST(0) op mem; fNAME_st0:
 * ST(0) = ST(0) op ST(i); fNAME_sti: ST(i) = ST(0) op ST(i); fNAMEp: the
 * same and pop. */
#define X87_ARITH(name)                                                                  \
	HANDLER(h_f##name##_m32) { arith_mem(c, in, op_##name, M_F32); NEXT; }              \
	HANDLER(h_f##name##_m64) { arith_mem(c, in, op_##name, M_F64); NEXT; }              \
	HANDLER(h_fi##name##_m16) { arith_mem(c, in, op_##name, M_I16); NEXT; }             \
	HANDLER(h_fi##name##_m32) { arith_mem(c, in, op_##name, M_I32); NEXT; }             \
	HANDLER(h_f##name##_st0) { arith_reg(c, in, op_##name, in->d, false, false); NEXT; }        \
	HANDLER(h_f##name##_sti) { arith_reg(c, in, op_##name, in->d, true, false); NEXT; }         \
	HANDLER(h_f##name##p) { arith_reg(c, in, op_##name, in->d, true, true); NEXT; }             \
	HSET_ONE(f##name##_m32, h_f##name##_m32);                                           \
	HSET_ONE(f##name##_m64, h_f##name##_m64);                                           \
	HSET_ONE(fi##name##_m16, h_fi##name##_m16);                                         \
	HSET_ONE(fi##name##_m32, h_fi##name##_m32);                                         \
	HSET_ONE(f##name##_st0, h_f##name##_st0);                                           \
	HSET_ONE(f##name##_sti, h_f##name##_sti);                                           \
	HSET_ONE(f##name##p, h_f##name##p)
X87_ARITH(add);
X87_ARITH(mul);
X87_ARITH(sub);
X87_ARITH(subr);
X87_ARITH(div);
X87_ARITH(divr);

/* ---- comparisons ---- */
static const u16 fcom_cc[4] = {
	[FP_LT] = SW_C0, [FP_EQ] = SW_C3, [FP_GT] = 0, [FP_UN] = SW_C3 | SW_C2 | SW_C0,
};

/* FCOMI & co. set ZF PF CF and clear OF SF AF, and leave C1 alone
 * (measured: the SDM says they clear it, the host keeps it). The
 * lazy-flag words for each result (cpu.h: res gives ZF, aux bit 31 CF,
 * bit 30 CF^OF, bit 8 flips PF). */
static const struct {
	u32 res, aux;
} fcomi_flags[4] = {
	[FP_GT] = { 1, 0 },
	[FP_LT] = { 1, AUX_CF | AUX_CO },
	[FP_EQ] = { 0, 1u << AUX_PDB_SHIFT },
	[FP_UN] = { 0, AUX_CF | AUX_CO },
};

/* Compare x (ST(0)) with y. present: both operands are in use. The
 * result is written even under an unmasked exception (measured on the
 * host: FCOMP of a QNaN with IE unmasked sets C3 C2 C0, FCOMI of a
 * denormal with DE unmasked sets CF), which only stops the pops: *ok. */
static int fcompare(struct cpu *c, bool present, f80 x, f80 y, struct fp_env *e, bool quiet, bool *ok)
{
	if (unlikely(!present)) {
		*ok = fpu_stack_fault(c, false);
		return FP_UN;
	}
	int r = f80_compare(e, x, y, quiet);
	*ok = true;
	if (unlikely(e->flags)) {
		*ok = fpu_may_store(c, e->flags, DEST_REG);
		fpu_raise(c, e->flags, DEST_REG);
	}
	return r;
}

static void fcom_finish(struct cpu *c, int r, bool ok, unsigned pops)
{
	sw_set(c, SW_CC, fcom_cc[r]);
	while (ok && pops--)
		fpu_pop(c);
}

ALWAYS_INLINE void fcom_mem(struct cpu *c, const struct insn *in, unsigned fmt, unsigned pops)
{
	struct fp_env e;
	bool den;
	f80 y = mem_operand(c, in, fmt, &e, &den);
	if (unlikely(den) && st_full(c, 0))
		e.flags |= (u8)den_probe(c, NULL, true, *st_ref(c, 0), y);
	bool ok;
	int r = fcompare(c, st_full(c, 0), *st_ref(c, 0), y, &e, false, &ok);
	fcom_finish(c, r, ok, pops);
}

static void fcom_reg(struct cpu *c, const struct insn *in, unsigned i, bool quiet, unsigned pops)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	struct fp_env e = fpu_env(c);
	bool present = st_full(c, 0) && st_full(c, i);
	bool ok;
	int r = fcompare(c, present, *st_ref(c, 0), *st_ref(c, i), &e, quiet, &ok);
	fcom_finish(c, r, ok, pops);
}

#define X87_FCOM_MEM(name, fmt, pops)                                 \
	HANDLER(h_##name) { fcom_mem(c, in, fmt, pops); NEXT; }        \
	HSET_ONE(name, h_##name)
X87_FCOM_MEM(fcom_m32, M_F32, 0);
X87_FCOM_MEM(fcomp_m32, M_F32, 1);
X87_FCOM_MEM(fcom_m64, M_F64, 0);
X87_FCOM_MEM(fcomp_m64, M_F64, 1);
X87_FCOM_MEM(ficom_m16, M_I16, 0);
X87_FCOM_MEM(ficomp_m16, M_I16, 1);
X87_FCOM_MEM(ficom_m32, M_I32, 0);
X87_FCOM_MEM(ficomp_m32, M_I32, 1);

HANDLER(h_fcom_sti) { fcom_reg(c, in, in->d, false, 0); NEXT; }
HANDLER(h_fcomp_sti) { fcom_reg(c, in, in->d, false, 1); NEXT; }
HANDLER(h_fcompp) { fcom_reg(c, in, 1, false, 2); NEXT; }
HANDLER(h_fucom_sti) { fcom_reg(c, in, in->d, true, 0); NEXT; }
HANDLER(h_fucomp_sti) { fcom_reg(c, in, in->d, true, 1); NEXT; }
HANDLER(h_fucompp) { fcom_reg(c, in, 1, true, 2); NEXT; }
HSET_ONE(fcom_sti, h_fcom_sti);
HSET_ONE(fcomp_sti, h_fcomp_sti);
HSET_ONE(fcompp, h_fcompp);
HSET_ONE(fucom_sti, h_fucom_sti);
HSET_ONE(fucomp_sti, h_fucomp_sti);
HSET_ONE(fucompp, h_fucompp);

/* FTST: ST(0) against +0.0; any NaN is invalid (SDM FTST #IA) */
HANDLER(h_ftst)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	struct fp_env e = fpu_env(c);
	bool ok;
	int r = fcompare(c, st_full(c, 0), *st_ref(c, 0), f80_zero, &e, false, &ok);
	fcom_finish(c, r, ok, 0);
	NEXT;
}
HSET_ONE(ftst, h_ftst);

ALWAYS_INLINE void fcomi(struct cpu *c, const struct insn *in, bool quiet, bool pop)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	struct fp_env e = fpu_env(c);
	unsigned p0 = c->fpu.top, pi = (p0 + in->d) & 7;
	bool present = (c->fpu.full >> p0) & (c->fpu.full >> pi) & 1;
	bool ok;
	int r = fcompare(c, present, c->fpu.st[p0], c->fpu.st[pi], &e, quiet, &ok);
	c->fl_res = fcomi_flags[r].res;
	c->fl_aux = fcomi_flags[r].aux;
	if (pop && ok)
		fpu_pop(c);
}

HANDLER(h_fcomi) { fcomi(c, in, false, false); NEXT; }
HANDLER(h_fcomip) { fcomi(c, in, false, true); NEXT; }
HANDLER(h_fucomi) { fcomi(c, in, true, false); NEXT; }
HANDLER(h_fucomip) { fcomi(c, in, true, true); NEXT; }
HSET_ONE(fcomi, h_fcomi);
HSET_ONE(fcomip, h_fcomip);
HSET_ONE(fucomi, h_fucomi);
HSET_ONE(fucomip, h_fucomip);

/* FXAM: C3 C2 C0 name the class, C1 the sign. An empty register still
 * shows the sign of what it holds (measured: FLD1, FCHS, FFREE ST(0),
 * FXAM gives C1 = 1). */
HANDLER(h_fxam)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	f80 v = *st_ref(c, 0);
	unsigned cc = f80_sign(v) ? SW_C1 : 0;
	if (!st_full(c, 0))
		cc |= SW_C3 | SW_C0;
	else {
		switch (f80_classify(v)) {
		case FPC_ZERO: cc |= SW_C3; break;
		case FPC_DENORMAL: cc |= SW_C3 | SW_C2; break;
		case FPC_NORMAL: cc |= SW_C2; break;
		case FPC_INF: cc |= SW_C2 | SW_C0; break;
		case FPC_QNAN:
		case FPC_SNAN: cc |= SW_C0; break;
		case FPC_UNSUPPORTED: break;
		}
	}
	sw_set(c, SW_CC, cc);
	NEXT;
}
HSET_ONE(fxam, h_fxam);

/* ---- loads ---- */

/* Push v (its conversion raised e's flags), or handle the overflow when
 * ST(7) is in use: the masked response pushes the indefinite. */
ALWAYS_INLINE void push_result(struct cpu *c, f80 v, const struct fp_env *e)
{
	unsigned t = (c->fpu.top - 1) & 7;
	if (unlikely((c->fpu.full >> t) & 1)) {
		if (fpu_stack_fault(c, true))
			fpu_push(c, F80_INDEFINITE);
		return;
	}
	if (fpu_commit(c, e, DEST_LOAD))
		fpu_push(c, v);
}

ALWAYS_INLINE void fld_mem(struct cpu *c, const struct insn *in, unsigned fmt)
{
	fpu_check_mf(c);
	u32 ea = ea_of(c, in);
	u32 lin = seg_lin(c, in->seg, ea, m_size[fmt], false);
	struct fp_env e = fpu_env(c);
	f80 v;
	switch (fmt) {
	case M_F32: v = f80_from_f32(&e, mem_rd32(c, lin)); break;
	case M_F64: v = f80_from_f64(&e, mem_rd64(c, lin)); break;
	case M_F80: {
		u64 sig = mem_rd64(c, lin);
		v = (f80){ sig, mem_rd16(c, lin + 8) };
		break;
	}
	case M_BCD: {
		u8 b[10];
		mem_read_area(c, lin, b, 10);
		v = f80_from_bcd(b);
		break;
	}
	default: {
		bool den;
		v = load_operand(c, lin, fmt, &e, &den);
		break;
	}
	}
	fpu_note_mem(c, in, ea);
	push_result(c, v, &e);
}

#define X87_FLD(name, fmt)                                     \
	HANDLER(h_##name) { fld_mem(c, in, fmt); NEXT; }        \
	HSET_ONE(name, h_##name)
X87_FLD(fld_m32, M_F32);
X87_FLD(fld_m64, M_F64);
X87_FLD(fld_m80, M_F80);
X87_FLD(fild_m16, M_I16);
X87_FLD(fild_m32, M_I32);
X87_FLD(fild_m64, M_I64);
X87_FLD(fbld, M_BCD);

/* FLD ST(i): an empty source is checked before a full ST(7) (measured). */
HANDLER(h_fld_sti)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	if (unlikely(!st_full(c, in->d))) {
		if (fpu_stack_fault(c, false))
			fpu_push(c, F80_INDEFINITE);
		NEXT;
	}
	push_result(c, *st_ref(c, in->d), &fp_exact);
	NEXT;
}
HSET_ONE(fld_sti, h_fld_sti);

/* The constants of FLD1..FLDZ: the significand truncated to 64 bits and
 * whether the exact value lies above it and past the half-way point. They
 * are rounded in RC, and only in RC (measured on the host in every mode:
 * FLDPI is ...C235 in nearest and up, ...C234 in down and zero; C1 stays 0
 * as the SDM says). */
struct x87_const {
	u64 sig;
	u16 se;
	bool inexact, near_up;
};
static const struct x87_const x87_consts[] = {
	{ 0x8000000000000000ull, 0x3fff, false, false }, /* 1 */
	{ 0xd49a784bcd1b8afeull, 0x4000, true, false },  /* log2(10) */
	{ 0xb8aa3b295c17f0bbull, 0x3fff, true, true },   /* log2(e) */
	{ 0xc90fdaa22168c234ull, 0x4000, true, true },   /* pi */
	{ 0x9a209a84fbcff798ull, 0x3ffd, true, true },   /* log10(2) */
	{ 0xb17217f7d1cf79abull, 0x3ffe, true, true },   /* ln(2) */
	{ 0, 0, false, false },                          /* +0 */
};

HANDLER(h_fldconst)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	const struct x87_const *k = &x87_consts[in->s - 0xe8];
	unsigned rc = (c->fpu.cw >> 10) & 3;
	bool up = k->inexact && (rc == FPR_UP || (rc == FPR_NEAR && k->near_up));
	push_result(c, (f80){ k->sig + up, k->se }, &fp_exact);
	NEXT;
}
HSET_ONE(fldconst, h_fldconst);

/* ---- stores ---- */

/* The slow path of a store: an empty ST(0) or raised flags. The memory
 * is written before any FPU state changes, since the store may fault. */
static void store_slow(struct cpu *c, const struct insn *in, u32 lin, u32 ea, unsigned fmt, bool pop)
{
	struct fp_env e = fpu_env(c);
	u16 hi = 0;
	if (!st_full(c, 0)) {
		bool masked = c->fpu.cw & FPX_IE;
		if (masked) {
			u64 v = store_value(&e, F80_INDEFINITE, fmt, &hi);
			write_value(c, lin, fmt, v, hi);
		}
		fpu_stack_fault(c, false);
		fpu_note_mem(c, in, ea);
		if (masked && pop)
			fpu_pop(c);
		return;
	}
	u64 v = store_value(&e, *st_ref(c, 0), fmt, &hi);
	bool ok = fpu_may_store(c, e.flags, DEST_MEM);
	if (ok)
		write_value(c, lin, fmt, v, hi);
	sw_set(c, SW_C1, e.c1 && ok ? SW_C1 : 0);
	fpu_raise(c, e.flags, DEST_MEM);
	fpu_note_mem(c, in, ea);
	if (ok && pop)
		fpu_pop(c);
}

ALWAYS_INLINE void store_st0(struct cpu *c, const struct insn *in, unsigned fmt, bool pop)
{
	fpu_check_mf(c);
	u32 ea = ea_of(c, in);
	u32 lin = seg_lin(c, in->seg, ea, m_size[fmt], true);
	if (likely(st_full(c, 0))) {
		struct fp_env e = fpu_env(c);
		u16 hi = 0;
		u64 v = store_value(&e, *st_ref(c, 0), fmt, &hi);
		if (likely(!(e.flags & ~c->fpu.cw & FPX_ALL))) {
			write_value(c, lin, fmt, v, hi);
			sw_set(c, SW_C1, (e.c1 ? SW_C1 : 0) | e.flags);
			fpu_note_mem(c, in, ea);
			if (pop)
				fpu_pop(c);
			return;
		}
	}
	store_slow(c, in, lin, ea, fmt, pop);
}

#define X87_FST(name, fmt, pop)                                    \
	HANDLER(h_##name) { store_st0(c, in, fmt, pop); NEXT; }     \
	HSET_ONE(name, h_##name)
X87_FST(fst_m32, M_F32, false);
X87_FST(fstp_m32, M_F32, true);
X87_FST(fst_m64, M_F64, false);
X87_FST(fstp_m64, M_F64, true);
X87_FST(fstp_m80, M_F80, true);
X87_FST(fist_m16, M_I16, false);
X87_FST(fistp_m16, M_I16, true);
X87_FST(fist_m32, M_I32, false);
X87_FST(fistp_m32, M_I32, true);
X87_FST(fistp_m64, M_I64, true);
X87_FST(fbstp, M_BCD, true);

/* FST/FSTP ST(i), and the aliases D9 D8+i, DF D0+i, DF D8+i */
ALWAYS_INLINE void fst_reg(struct cpu *c, const struct insn *in, bool pop)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	f80 v = *st_ref(c, 0);
	if (unlikely(!st_full(c, 0))) {
		if (!fpu_stack_fault(c, false))
			return;
		v = F80_INDEFINITE;
	} else
		c->fpu.sw &= (u16)~SW_C1;
	st_set(c, in->d, v);
	if (pop)
		fpu_pop(c);
}
/* FSTP1 (D9 D8+i) does not check ST(0): an empty one is just popped,
 * with no exception, C1 cleared and ST(i) as it was (measured). */
HANDLER(h_fstp1)
{
	if (unlikely(!st_full(c, 0))) {
		fpu_check_mf(c);
		fpu_note(c, in);
		c->fpu.sw &= (u16)~SW_C1;
		fpu_pop(c);
		NEXT;
	}
	fst_reg(c, in, true);
	NEXT;
}
HSET_ONE(fstp1, h_fstp1);

HANDLER(h_fst_sti) { fst_reg(c, in, false); NEXT; }
HANDLER(h_fstp_sti) { fst_reg(c, in, true); NEXT; }
HSET_ONE(fst_sti, h_fst_sti);
HSET_ONE(fstp_sti, h_fstp_sti);

/* ---- register moves ---- */

/* FXCH, and the aliases DD C8+i, DF C8+i: an empty register takes the
 * indefinite before the exchange (measured). */
HANDLER(h_fxch)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	unsigned a = c->fpu.top, b = (a + in->d) & 7;
	if (unlikely(!((c->fpu.full >> a) & (c->fpu.full >> b) & 1))) {
		if (!fpu_stack_fault(c, false))
			NEXT;
		if (!((c->fpu.full >> a) & 1))
			c->fpu.st[a] = F80_INDEFINITE;
		if (!((c->fpu.full >> b) & 1))
			c->fpu.st[b] = F80_INDEFINITE;
		c->fpu.full |= (u8)(1u << a | 1u << b);
	} else
		c->fpu.sw &= (u16)~SW_C1;
	f80 t = c->fpu.st[a];
	c->fpu.st[a] = c->fpu.st[b];
	c->fpu.st[b] = t;
	NEXT;
}
HSET_ONE(fxch, h_fxch);

/* FCMOVcc: with an operand empty, ST(0) takes the indefinite whatever the
 * condition (measured). cc is the Jcc condition number. */
ALWAYS_INLINE void fcmov(struct cpu *c, const struct insn *in, unsigned cc)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	if (unlikely(!(st_full(c, 0) && st_full(c, in->d)))) {
		if (fpu_stack_fault(c, false))
			st_set(c, 0, F80_INDEFINITE);
		return;
	}
	if (cpu_cond(c, cc))
		*st_ref(c, 0) = *st_ref(c, in->d);
}
#define X87_FCMOV(name, cc)                                   \
	HANDLER(h_##name) { fcmov(c, in, cc); NEXT; }          \
	HSET_ONE(name, h_##name)
X87_FCMOV(fcmovb, 2);
X87_FCMOV(fcmovnb, 3);
X87_FCMOV(fcmove, 4);
X87_FCMOV(fcmovne, 5);
X87_FCMOV(fcmovbe, 6);
X87_FCMOV(fcmovnbe, 7);
X87_FCMOV(fcmovu, 10);
X87_FCMOV(fcmovnu, 11);

/* FFREEP (DF C0+i): undocumented, FFREE then pop, on every x86 since the 287 */
ALWAYS_INLINE void ffree(struct cpu *c, const struct insn *in, bool pop)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	c->fpu.full &= (u8)~(1u << st_phys(c, in->d));
	if (pop)
		fpu_pop(c);
}
HANDLER(h_ffree) { ffree(c, in, false); NEXT; }
HANDLER(h_ffreep) { ffree(c, in, true); NEXT; }
HSET_ONE(ffree, h_ffree);
HSET_ONE(ffreep, h_ffreep);

/* FINCSTP/FDECSTP: TOP moves, the tags stay */
ALWAYS_INLINE void fmovstp(struct cpu *c, const struct insn *in, unsigned delta)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	c->fpu.top = (c->fpu.top + delta) & 7;
	c->fpu.sw &= (u16)~SW_C1;
}
HANDLER(h_fincstp) { fmovstp(c, in, 1); NEXT; }
HANDLER(h_fdecstp) { fmovstp(c, in, 7); NEXT; }
HSET_ONE(fincstp, h_fincstp);
HSET_ONE(fdecstp, h_fdecstp);

HANDLER(h_fnop)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	NEXT;
}
HSET_ONE(fnop, h_fnop);

/* FENI, FDISI, FSETPM (DB E0, E1, E4): 8087/287 controls, no-ops since the 387 */
HANDLER(h_fnop_legacy) { (void)c; NEXT; }
HSET_ONE(fnop_legacy, h_fnop_legacy);

/* ---- one-operand arithmetic on ST(0) ---- */

/* FCHS and FABS only touch the sign: no NaN or denormal checks */
ALWAYS_INLINE void fsign(struct cpu *c, const struct insn *in, unsigned keep, unsigned flip)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	if (unlikely(!st_full(c, 0))) {
		if (fpu_stack_fault(c, false))
			st_set(c, 0, F80_INDEFINITE);
		return;
	}
	f80 *p = st_ref(c, 0);
	p->se = (u16)((p->se & keep) ^ flip);
	c->fpu.sw &= (u16)~SW_C1;
}
HANDLER(h_fchs) { fsign(c, in, 0xffff, 0x8000); NEXT; }
HANDLER(h_fabs) { fsign(c, in, 0x7fff, 0); NEXT; }
HSET_ONE(fchs, h_fchs);
HSET_ONE(fabs, h_fabs);

ALWAYS_INLINE void unary(struct cpu *c, const struct insn *in, fp_unop op)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	unsigned p = c->fpu.top;
	if (unlikely(!((c->fpu.full >> p) & 1))) {
		arith_underflow(c, p, false);
		return;
	}
	struct fp_env e = fpu_env(c);
	f80 r = op(&e, c->fpu.st[p]);
	if (fpu_commit(c, &e, DEST_REG))
		c->fpu.st[p] = r;
}
HANDLER(h_fsqrt) { unary(c, in, f80_sqrt); NEXT; }
HANDLER(h_frndint) { unary(c, in, f80_round_int); NEXT; }
HANDLER(h_f2xm1) { unary(c, in, f80_2xm1); NEXT; }
HSET_ONE(fsqrt, h_fsqrt);
HSET_ONE(frndint, h_frndint);
HSET_ONE(f2xm1, h_f2xm1);

/* ---- ST(0) and ST(1) ---- */

/* result = op(ST(0), ST(1)) into ST(0), or into ST(1) and pop */
static void binary01(struct cpu *c, const struct insn *in, fp_binop op, bool to_st1_pop)
{
	arith_reg(c, in, op, 1, to_st1_pop, to_st1_pop);
}
static f80 op_patan(struct fp_env *e, f80 x, f80 y) { return f80_atan2(e, y, x); }
HANDLER(h_fpatan) { binary01(c, in, op_patan, true); NEXT; }
HANDLER(h_fyl2x) { binary01(c, in, f80_yl2x, true); NEXT; }
HANDLER(h_fyl2xp1) { binary01(c, in, f80_yl2xp1, true); NEXT; }
HANDLER(h_fscale) { binary01(c, in, f80_scale, false); NEXT; }
HSET_ONE(fpatan, h_fpatan);
HSET_ONE(fyl2x, h_fyl2x);
HSET_ONE(fyl2xp1, h_fyl2xp1);
HSET_ONE(fscale, h_fscale);

/* FPREM/FPREM1: C0 C3 C1 = quotient bits Q2 Q1 Q0, C2 = incomplete */
static void fprem(struct cpu *c, const struct insn *in, bool ieee)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	unsigned p0 = c->fpu.top, p1 = (p0 + 1) & 7;
	c->fpu.sw &= (u16)~SW_C2; /* also when a fault stops it (measured) */
	if (unlikely(!((c->fpu.full >> p0) & (c->fpu.full >> p1) & 1))) {
		arith_underflow(c, p0, false);
		return;
	}
	struct fp_env e = fpu_env(c);
	f80 a = c->fpu.st[p0];
	u16 cc = f80_prem(&e, &a, c->fpu.st[p1], ieee);
	if (fpu_commit(c, &e, DEST_REG)) {
		c->fpu.st[p0] = a;
		/* a NaN result has no quotient: C3 and C0 stay (measured) */
		if (f80_nan(a))
			sw_set(c, SW_C1 | SW_C2, 0);
		else
			sw_set(c, SW_CC, cc);
	}
}
HANDLER(h_fprem) { fprem(c, in, false); NEXT; }
HANDLER(h_fprem1) { fprem(c, in, true); NEXT; }
HSET_ONE(fprem, h_fprem);
HSET_ONE(fprem1, h_fprem1);

/* ---- two results: ST(0) is replaced and one more value pushed ---- */

/* An empty ST(0) or a full ST(7): the masked response makes both results
 * the indefinite (measured for FPTAN, FSINCOS, FXTRACT), and C2 is
 * cleared (measured for FPTAN). */
static bool two_results_check(struct cpu *c)
{
	bool under = !st_full(c, 0);
	if (likely(!under && !st_full(c, 7)))
		return true;
	c->fpu.sw &= (u16)~SW_C2;
	if (fpu_stack_fault(c, !under)) {
		st_set(c, 0, F80_INDEFINITE);
		fpu_push(c, F80_INDEFINITE);
	}
	return false;
}

HANDLER(h_fxtract)
{
	fpu_check_mf(c);
	fpu_note(c, in);
	if (!two_results_check(c))
		NEXT;
	struct fp_env e = fpu_env(c);
	f80 ex, sig;
	f80_xtract(&e, *st_ref(c, 0), &ex, &sig);
	if (fpu_commit(c, &e, DEST_REG)) {
		*st_ref(c, 0) = ex;
		fpu_push(c, sig);
	}
	NEXT;
}
HSET_ONE(fxtract, h_fxtract);

/* |ST(0)| >= 2^63: C2 set and nothing else changes (SDM FSIN etc.) */
static void trig_out_of_range(struct cpu *c) { sw_set(c, SW_C1 | SW_C2, SW_C2); }

/* FPTAN and FSINCOS: fn(ST(0)) gives the new ST(0) (*r0) and the value
 * pushed (*r1), or false out of range */
ALWAYS_INLINE void trig2(struct cpu *c, const struct insn *in, bool (*fn)(struct fp_env *, f80, f80 *, f80 *))
{
	fpu_check_mf(c);
	fpu_note(c, in);
	if (!two_results_check(c))
		return;
	struct fp_env e = fpu_env(c);
	f80 r0, r1;
	if (!fn(&e, *st_ref(c, 0), &r0, &r1)) {
		trig_out_of_range(c);
		return;
	}
	c->fpu.sw &= (u16)~SW_C2;
	if (fpu_commit(c, &e, DEST_REG)) {
		*st_ref(c, 0) = r0;
		fpu_push(c, r1);
	}
}

/* FPTAN pushes 1.0, or the NaN result itself when there is one (measured:
 * FPTAN of a QNaN leaves it in both ST(0) and ST(1)). */
static bool op_ptan(struct fp_env *e, f80 a, f80 *r0, f80 *r1)
{
	if (!f80_tan(e, a, r0))
		return false;
	*r1 = f80_nan(*r0) ? *r0 : f80_one;
	return true;
}
HANDLER(h_fptan) { trig2(c, in, op_ptan); NEXT; }
HSET_ONE(fptan, h_fptan);

/* FSINCOS: ST(1) = sin, ST(0) = cos */
HANDLER(h_fsincos) { trig2(c, in, f80_sincos); NEXT; }
HSET_ONE(fsincos, h_fsincos);

static void trig(struct cpu *c, const struct insn *in, bool (*fn)(struct fp_env *, f80, f80 *))
{
	fpu_check_mf(c);
	fpu_note(c, in);
	unsigned p = c->fpu.top;
	if (unlikely(!((c->fpu.full >> p) & 1))) {
		c->fpu.sw &= (u16)~SW_C2;
		arith_underflow(c, p, false);
		return;
	}
	struct fp_env e = fpu_env(c);
	f80 r;
	if (!fn(&e, c->fpu.st[p], &r)) {
		trig_out_of_range(c);
		return;
	}
	c->fpu.sw &= (u16)~SW_C2;
	if (fpu_commit(c, &e, DEST_REG))
		c->fpu.st[p] = r;
}
HANDLER(h_fsin) { trig(c, in, f80_sin); NEXT; }
HANDLER(h_fcos) { trig(c, in, f80_cos); NEXT; }
HSET_ONE(fsin, h_fsin);
HSET_ONE(fcos, h_fcos);

/* ---- control: these are the non-waiting forms (the waiting ones are
 * FWAIT followed by these), and none of them records FIP/FOP ---- */

static void fpu_reset(struct cpu *c)
{
	c->fpu.cw = 0x37f;
	c->fpu.sw = 0;
	c->fpu.top = 0;
	c->fpu.full = 0;
	c->fpu.fop = 0;
	c->fpu.fip = c->fpu.fdp = 0;
	c->fpu.fcs = c->fpu.fds = 0;
}

HANDLER(h_fninit) { fpu_reset(c); NEXT; }
HSET_ONE(fninit, h_fninit);

HANDLER(h_fnclex) { c->fpu.sw &= 0x7f00; NEXT; }
HSET_ONE(fnclex, h_fnclex);

HANDLER(h_fnstsw_ax) { c->r[R_EAX].w = fpu_sw(c); NEXT; }
HSET_ONE(fnstsw_ax, h_fnstsw_ax);

HANDLER(h_fnstsw_m16) { mem_wr16(c, lin_of(c, in, 2, true), fpu_sw(c)); NEXT; }
HSET_ONE(fnstsw_m16, h_fnstsw_m16);

HANDLER(h_fnstcw) { mem_wr16(c, lin_of(c, in, 2, true), c->fpu.cw); NEXT; }
HSET_ONE(fnstcw, h_fnstcw);

/* FLDCW waits; unmasking a flag that is set makes it pending (SDM FLDCW) */
HANDLER(h_fldcw)
{
	fpu_check_mf(c);
	u16 v = mem_rd16(c, lin_of(c, in, 2, false));
	c->fpu.cw = (u16)((v & CW_KEEP) | CW_ONES);
	fpu_update_es(c);
	NEXT;
}
HSET_ONE(fldcw, h_fldcw);

/* ---- FSTENV/FLDENV/FSAVE/FRSTOR (SDM Vol. 1, figures 8-9 to 8-12) ---- */

/* The 2-bit tag of physical register p: 00 valid, 01 zero, 10 special
 * (NaN, infinity, denormal, unsupported), 11 empty */
static unsigned fpu_tag(const struct cpu *c, unsigned p)
{
	if (!((c->fpu.full >> p) & 1))
		return 3;
	f80 v = c->fpu.st[p];
	if (f80_exp(v) == 0)
		return v.sig ? 2 : 1;
	return (f80_exp(v) == F80_EXP_MAX || !(v.sig >> 63)) ? 2 : 0;
}

static u16 fpu_tag_word(const struct cpu *c)
{
	unsigned tw = 0;
	for (unsigned p = 0; p < 8; p++)
		tw |= fpu_tag(c, p) << (2 * p);
	return (u16)tw;
}

/* Real-address and virtual-8086 mode use the real-mode layouts, where the
 * pointers are 20-bit linear addresses */
static bool fpu_real_layout(const struct cpu *c) { return !(c->cr0 & CR0_PE) || (c->eflags & F_VM); }

/* The environment image (SDM Vol. 1, figures 8-9 to 8-12): seven fields,
 * 16 bits each under a 16-bit operand size, 32 bits each otherwise, so one
 * list of field values serves both (the 16-bit image keeps the low
 * halves). Returns its size (14 or 28). The reserved upper halves of the
 * 32-bit format read as ones (measured on the host). */
static unsigned fpu_env_image(const struct cpu *c, u8 *b, bool o16)
{
	u32 ip = c->fpu.fip, dp = c->fpu.fdp, fop = c->fpu.fop & 0x7ffu;
	u32 f[7] = { 0xffff0000u | c->fpu.cw, 0xffff0000u | fpu_sw(c), 0xffff0000u | fpu_tag_word(c) };
	if (fpu_real_layout(c)) {
		ip += (u32)c->fpu.fcs << 4;
		dp += (u32)c->fpu.fds << 4;
		f[3] = 0xffff0000u | (ip & 0xffff);
		f[4] = (ip >> 16) << 12 | fop;
		f[5] = 0xffff0000u | (dp & 0xffff);
		f[6] = (dp >> 16) << 12;
	} else {
		f[3] = ip;
		f[4] = c->fpu.fcs | fop << 16;
		f[5] = dp;
		f[6] = 0xffff0000u | c->fpu.fds;
	}
	for (unsigned i = 0; i < 7; i++) {
		if (o16)
			put16(b + 2 * i, f[i]);
		else
			put32(b + 4 * i, f[i]);
	}
	return o16 ? 14 : 28;
}

/* CW, SW and the abridged tags (FXSAVE's byte; FLDENV/FRSTOR keep only
 * "empty" of the 2-bit tags) */
static void fpu_load_cw_sw_full(struct cpu *c, u16 cw, u16 sw, u8 full)
{
	c->fpu.cw = (u16)((cw & CW_KEEP) | CW_ONES);
	c->fpu.top = (sw >> 11) & 7;
	c->fpu.sw = sw & (u16)~SW_TOP;
	c->fpu.full = full;
	fpu_update_es(c);
}

/* The inverse of fpu_env_image. FOP is not in the protected-mode 16-bit
 * image, so it stays. */
static void fpu_env_load(struct cpu *c, const u8 *b, bool o16)
{
	u32 f[7];
	for (unsigned i = 0; i < 7; i++)
		f[i] = o16 ? get16(b + 2 * i) : get32(b + 4 * i);
	if (fpu_real_layout(c)) {
		c->fpu.fip = (f[3] & 0xffff) | ((f[4] >> 12) & 0xffff) << 16;
		c->fpu.fop = f[4] & 0x7ff;
		c->fpu.fdp = (f[5] & 0xffff) | ((f[6] >> 12) & 0xffff) << 16;
		c->fpu.fcs = c->fpu.fds = 0;
	} else {
		c->fpu.fip = f[3];
		c->fpu.fcs = (u16)f[4];
		if (!o16)
			c->fpu.fop = (f[4] >> 16) & 0x7ff;
		c->fpu.fdp = f[5];
		c->fpu.fds = (u16)f[6];
	}
	unsigned full = 0;
	for (unsigned p = 0; p < 8; p++)
		if (((f[2] >> (2 * p)) & 3) != 3)
			full |= 1u << p;
	fpu_load_cw_sw_full(c, (u16)f[0], (u16)f[1], (u8)full);
}

/* FNSTENV then masks every exception, which clears ES (measured) */
ALWAYS_INLINE void fnstenv(struct cpu *c, const struct insn *in, bool o16)
{
	u8 b[28];
	unsigned n = fpu_env_image(c, b, o16);
	mem_write_area(c, lin_of(c, in, n, true), b, n);
	c->fpu.cw |= FPX_ALL;
	fpu_update_es(c);
}
HANDLER(h_fnstenv16) { fnstenv(c, in, true); NEXT; }
HANDLER(h_fnstenv32) { fnstenv(c, in, false); NEXT; }
HSET_RM(fnstenv, NULL, NULL, NULL, NULL, h_fnstenv16, h_fnstenv32);

ALWAYS_INLINE void fldenv(struct cpu *c, const struct insn *in, bool o16)
{
	fpu_check_mf(c);
	u8 b[28];
	unsigned n = o16 ? 14 : 28;
	mem_read_area(c, lin_of(c, in, n, false), b, n);
	fpu_env_load(c, b, o16);
}
HANDLER(h_fldenv16) { fldenv(c, in, true); NEXT; }
HANDLER(h_fldenv32) { fldenv(c, in, false); NEXT; }
HSET_RM(fldenv, NULL, NULL, NULL, NULL, h_fldenv16, h_fldenv32);

/* FNSAVE: the environment, ST(0)..ST(7) in stack order, then FNINIT */
ALWAYS_INLINE void fnsave(struct cpu *c, const struct insn *in, bool o16)
{
	u8 b[28 + 80];
	unsigned n = fpu_env_image(c, b, o16);
	for (unsigned i = 0; i < 8; i++)
		put_f80(b + n + 10 * i, *st_ref(c, i));
	mem_write_area(c, lin_of(c, in, n + 80, true), b, n + 80);
	fpu_reset(c);
}
HANDLER(h_fnsave16) { fnsave(c, in, true); NEXT; }
HANDLER(h_fnsave32) { fnsave(c, in, false); NEXT; }
HSET_RM(fnsave, NULL, NULL, NULL, NULL, h_fnsave16, h_fnsave32);

ALWAYS_INLINE void frstor(struct cpu *c, const struct insn *in, bool o16)
{
	fpu_check_mf(c);
	u8 b[28 + 80];
	unsigned n = o16 ? 14 : 28;
	mem_read_area(c, lin_of(c, in, n + 80, false), b, n + 80);
	fpu_env_load(c, b, o16);
	for (unsigned i = 0; i < 8; i++)
		*st_ref(c, i) = get_f80(b + n + 10 * i);
}
HANDLER(h_frstor16) { frstor(c, in, true); NEXT; }
HANDLER(h_frstor32) { frstor(c, in, false); NEXT; }
HSET_RM(frstor, NULL, NULL, NULL, NULL, h_frstor16, h_frstor32);

/* ---- FXSAVE/FXRSTOR (SDM Vol. 2 FXSAVE, table 3-53: the 32-bit layout)
 * Neither waits nor records FIP. Bytes 288-511 are not written (measured:
 * the host leaves them), the padding after each register is zeroed. The
 * XMM registers and MXCSR are saved and restored only under CR4.OSFXSR,
 * as the SDM allows and QEMU does. ---- */
#define FXSAVE_X87 160 /* bytes 0-159: x87 state and MXCSR */
#define FXSAVE_ALL 288 /* through XMM7 */

static void fxsave_image(const struct cpu *c, u8 *b)
{
	memset(b, 0, FXSAVE_ALL);
	put16(b, c->fpu.cw);
	put16(b + 2, fpu_sw(c));
	b[4] = c->fpu.full;
	put16(b + 6, c->fpu.fop & 0x7ff);
	put32(b + 8, c->fpu.fip);
	put16(b + 12, c->fpu.fcs);
	put32(b + 16, c->fpu.fdp);
	put16(b + 20, c->fpu.fds);
	put32(b + 24, c->fpu.mxcsr);
	put32(b + 28, MXCSR_VALID);
	for (unsigned i = 0; i < 8; i++)
		put_f80(b + 32 + 16 * i, c->fpu.st[(c->fpu.top + i) & 7]);
	memcpy(b + FXSAVE_X87, c->fpu.xmm, sizeof(c->fpu.xmm));
}

HANDLER(h_fxsave)
{
	u32 lin = lin_of(c, in, 512, true);
	sse_align16(c, lin);
	mem_check_write(c, lin, 512);
	u8 b[FXSAVE_ALL];
	fxsave_image(c, b);
	if (c->cr4 & CR4_OSFXSR) {
		mem_write_bytes(c, lin, b, FXSAVE_ALL);
	} else {
		mem_write_bytes(c, lin, b, 24);
		mem_write_bytes(c, lin + 32, b + 32, FXSAVE_X87 - 32);
	}
	NEXT;
}
HSET_ONE(fxsave, h_fxsave);

HANDLER(h_fxrstor)
{
	u32 lin = lin_of(c, in, 512, false);
	sse_align16(c, lin);
	bool sse = c->cr4 & CR4_OSFXSR;
	u8 b[FXSAVE_ALL];
	mem_read_area(c, lin, b, sse ? FXSAVE_ALL : FXSAVE_X87);
	if (sse && (get32(b + 24) & ~MXCSR_VALID))
		cpu_fault(c, EX_GP, 0);
	fpu_load_cw_sw_full(c, get16(b), get16(b + 2), b[4]);
	c->fpu.fop = get16(b + 6) & 0x7ff;
	c->fpu.fip = get32(b + 8);
	c->fpu.fcs = get16(b + 12);
	c->fpu.fdp = get32(b + 16);
	c->fpu.fds = get16(b + 20);
	for (unsigned i = 0; i < 8; i++)
		c->fpu.st[(c->fpu.top + i) & 7] = get_f80(b + 32 + 16 * i);
	if (sse) {
		c->fpu.mxcsr = get32(b + 24);
		memcpy(c->fpu.xmm, b + FXSAVE_X87, sizeof(c->fpu.xmm));
	}
	NEXT;
}
HSET_ONE(fxrstor, h_fxrstor);

/* ---- FWAIT and #MF ---- */

/* #NM when CR0.MP and TS are both set (SDM Vol. 3A table 2-2), then any
 * pending unmasked exception. */
HANDLER(h_fwait)
{
	if ((c->cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS))
		cpu_fault_noerr(c, EX_NM);
	fpu_check_mf(c);
	NEXT;
}
HSET_ONE(fwait, h_fwait);

/* With CR0.NE the pending exception is #MF at the waiting instruction;
 * without, see fpu_set_pending. */
void fpu_signal_mf(struct cpu *c)
{
	if (c->cr0 & CR0_NE)
		cpu_fault_noerr(c, EX_MF);
}
