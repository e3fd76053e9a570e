/* ops.h - what every instruction handler in cpu/ops/ shares: operand access
 * by size, effective addresses, the lazy-flag writers and the macros that
 * stamp out one handler per operand size. Included only by cpu/ops/ and the
 * decoder. Sizes (S) are byte counts 1, 2, 4 and always compile-time
 * constants inside a handler, so the branches on S fold away. */
#ifndef XLAT_CPU_OPS_H
#define XLAT_CPU_OPS_H

#include "xlat/insn.h"
#include "xlat/mem.h"

#define HANDLER(name) static const struct insn *name(struct cpu *c, const struct insn *in)
/* helpers of hot handlers that gcc would otherwise leave out of line */
#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* x87 status word ES (exception summary): an unmasked exception is pending */
#define FPU_SW_ES 0x0080u
/* the MXCSR bits LDMXCSR accepts, which FXSAVE stores as MXCSR_MASK (DAZ
 * supported, bits 16-31 reserved) */
#define MXCSR_VALID 0x0000ffffu

/* Go on with the next instruction of the block: a tail call, so each
 * handler ends in its own indirect jump and the host predicts them apart.
 * cpu->cur always names the instruction running, for fault unwinding. */
static inline const struct insn *next_insn(struct cpu *c, const struct insn *in)
{
	in++;
	c->cur = in;
	return in->fn(c, in);
}
#define NEXT return next_insn(c, in)

/* Leave the block: continue at eip through chain-link slot (EXIT_NOLINK:
 * look the target up afresh). */
static inline const struct insn *op_exit(struct cpu *c, u32 eip, unsigned slot)
{
	c->eip = eip;
	c->exit_slot = (u8)slot;
	return NULL;
}

/* handlers the decoder uses for invalid encodings */
insn_fn op_ud_fn(void);
insn_fn op_gp_fn(void);
insn_fn op_nm_fn(void);

/* ---- sizes ---- */
static inline u32 sz_mask(unsigned S) { return S == 1 ? 0xffu : S == 2 ? 0xffffu : 0xffffffffu; }
static inline u32 sz_sext(u32 v, unsigned S) { return S == 1 ? sext8(v) : S == 2 ? sext16(v) : v; }
static inline u32 sz_msb(u32 v, unsigned S) { return (v >> (8 * S - 1)) & 1; }

/* ---- registers ---- */
static inline u32 rreg(struct cpu *c, unsigned r, unsigned S)
{
	if (S == 1)
		return *cpu_reg8(c, r);
	if (S == 2)
		return c->r[r].w;
	return c->r[r].d;
}

static inline void wreg(struct cpu *c, unsigned r, u32 v, unsigned S)
{
	if (S == 1)
		*cpu_reg8(c, r) = (u8)v;
	else if (S == 2)
		c->r[r].w = (u16)v;
	else
		c->r[r].d = v;
}

/* ---- memory operands ---- */
static inline u32 ea_of(struct cpu *c, const struct insn *in)
{
	u32 ea = c->r[in->base].d + (c->r[in->index].d << in->scale) + in->disp;
	return (in->flags & INSN_A16) ? (ea & 0xffff) : ea;
}

u32 seg_lin_slow(struct cpu *c, unsigned seg, u32 ea, unsigned size, bool write);

/* Linear address of seg:ea, checked against the segment unless it is flat. */
static inline u32 seg_lin(struct cpu *c, unsigned seg, u32 ea, unsigned size, bool write)
{
	if (likely(c->seg[seg].flat))
		return ea;
	return seg_lin_slow(c, seg, ea, size, write);
}

static inline u32 lin_of(struct cpu *c, const struct insn *in, unsigned S, bool write)
{
	return seg_lin(c, in->seg, ea_of(c, in), S, write);
}

static inline u32 host_ld(const u8 *p, unsigned S)
{
	if (S == 1)
		return *p;
	if (S == 2) {
		u16 v;
		memcpy(&v, p, 2);
		return v;
	}
	u32 v;
	memcpy(&v, p, 4);
	return v;
}

static inline void host_st(u8 *p, u32 v, unsigned S)
{
	if (S == 1)
		*p = (u8)v;
	else if (S == 2) {
		u16 w = (u16)v;
		memcpy(p, &w, 2);
	} else
		memcpy(p, &v, 4);
}

/* Read-modify-write of the memory operand: v is the old value, EXPR the new. */
#define RMW(S, EXPR)                                                  \
	do {                                                          \
		u32 lin_ = lin_of(c, in, S, true);                    \
		u8 *p_ = mem_rmw_ptr(c, lin_, S);                     \
		if (likely(p_ != NULL)) {                             \
			u32 v = host_ld(p_, S);                       \
			host_st(p_, (EXPR), S);                       \
		} else {                                              \
			u32 v = mem_rd(c, lin_, S);                   \
			mem_wr(c, lin_, (EXPR), S);                   \
		}                                                     \
	} while (0)

/* The E operand as a source: register d, or memory (M is constant). */
static inline u32 ld_E(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	return M ? mem_rd(c, lin_of(c, in, S, false), S) : rreg(c, in->d, S);
}

/* The source operand of G,E forms: register s, or memory. */
static inline u32 ld_Es(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	return M ? mem_rd(c, lin_of(c, in, S, false), S) : rreg(c, in->s, S);
}

static inline void st_E(struct cpu *c, const struct insn *in, u32 v, unsigned S, bool M)
{
	if (M)
		mem_wr(c, lin_of(c, in, S, true), v, S);
	else
		wreg(c, in->d, v, S);
}

/* Stamp out FN##_r8 .. FN##_m32 from BODY_FN(c, in, S, M) and name the set. */
#define GEN_RM(name, BODY)                                                   \
	HANDLER(h_##name##_r8) { BODY(c, in, 1, false); NEXT; }              \
	HANDLER(h_##name##_r16) { BODY(c, in, 2, false); NEXT; }             \
	HANDLER(h_##name##_r32) { BODY(c, in, 4, false); NEXT; }             \
	HANDLER(h_##name##_m8) { BODY(c, in, 1, true); NEXT; }               \
	HANDLER(h_##name##_m16) { BODY(c, in, 2, true); NEXT; }              \
	HANDLER(h_##name##_m32) { BODY(c, in, 4, true); NEXT; }              \
	HSET_RM(name, h_##name##_r8, h_##name##_r16, h_##name##_r32,         \
		h_##name##_m8, h_##name##_m16, h_##name##_m32)
/* The same without byte forms. */
#define GEN_RM_V(name, BODY)                                                 \
	HANDLER(h_##name##_r16) { BODY(c, in, 2, false); NEXT; }             \
	HANDLER(h_##name##_r32) { BODY(c, in, 4, false); NEXT; }             \
	HANDLER(h_##name##_m16) { BODY(c, in, 2, true); NEXT; }              \
	HANDLER(h_##name##_m32) { BODY(c, in, 4, true); NEXT; }              \
	HSET_RM(name, NULL, h_##name##_r16, h_##name##_r32,                  \
		NULL, h_##name##_m16, h_##name##_m32)

/* ---- lazy flags writers (see cpu.h for the encoding) ---- */
static inline u32 aux_of_carries(u32 cv, unsigned S)
{
	return ((cv << (32 - 8 * S)) & (AUX_CF | AUX_CO)) | (cv & AUX_AF);
}

static inline u32 flags_add(struct cpu *c, u32 a, u32 b, u32 r, unsigned S)
{
	r &= sz_mask(S);
	c->fl_res = sz_sext(r, S);
	c->fl_aux = aux_of_carries((a & b) | ((a | b) & ~r), S);
	return r;
}

static inline u32 flags_sub(struct cpu *c, u32 a, u32 b, u32 r, unsigned S)
{
	r &= sz_mask(S);
	c->fl_res = sz_sext(r, S);
	c->fl_aux = aux_of_carries((~a & b) | (~(a ^ b) & r), S);
	return r;
}

static inline u32 flags_logic(struct cpu *c, u32 r, unsigned S)
{
	c->fl_res = sz_sext(r, S);
	c->fl_aux = 0;
	return r;
}

/* Replace CF and OF, keep ZF SF PF AF (rotates, multiply). */
static inline void flags_set_cf_of(struct cpu *c, u32 cf, u32 of)
{
	c->fl_aux = (c->fl_aux & ~(AUX_CF | AUX_CO)) | (cf << 31) | ((cf ^ of) << 30);
}

/* Result flags from r, with explicit CF and OF (shifts). */
static inline void flags_result_cf_of(struct cpu *c, u32 r, unsigned S, u32 cf, u32 of)
{
	c->fl_res = sz_sext(r, S);
	c->fl_aux = (cf << 31) | ((cf ^ of) << 30);
}

/* ---- stack ---- */
static inline bool ss32(const struct cpu *c) { return (c->seg[S_SS].attr >> 14) & 1; }

static inline u32 sp_get(struct cpu *c) { return ss32(c) ? c->r[R_ESP].d : c->r[R_ESP].w; }

static inline void sp_set(struct cpu *c, u32 v)
{
	if (ss32(c))
		c->r[R_ESP].d = v;
	else
		c->r[R_ESP].w = (u16)v;
}

/* Push/pop check every fault before changing ESP (DESIGN 8). */
static inline void push_v(struct cpu *c, u32 v, unsigned S)
{
	u32 sp = sp_get(c) - S;
	if (!ss32(c))
		sp &= 0xffff;
	mem_wr(c, seg_lin(c, S_SS, sp, S, true), v, S);
	sp_set(c, sp);
}

static inline u32 pop_peek(struct cpu *c, unsigned S, u32 offset)
{
	u32 sp = sp_get(c) + offset;
	if (!ss32(c))
		sp &= 0xffff;
	return mem_rd(c, seg_lin(c, S_SS, sp, S, false), S);
}

static inline u32 pop_v(struct cpu *c, unsigned S)
{
	u32 v = pop_peek(c, S, 0);
	sp_set(c, sp_get(c) + S);
	return v;
}

/* ---- port I/O (system.c): permission-checked ---- */
u32 io_in(struct cpu *c, u16 port, unsigned S);
void io_out(struct cpu *c, u16 port, u32 v, unsigned S);

/* ---- handler set definitions ---- */
#define OPSZ(in) (((in)->flags & INSN_O16) ? 2u : 4u)

/* One handler for every variant and size */
#define HSET_ONE(name, fn) \
	const struct hset hs_##name = { { { fn, fn, fn }, { fn, fn, fn } } }
/* reg variants r8 r16 r32, mem variants m8 m16 m32 */
#define HSET_RM(name, r8, r16, r32, m8, m16, m32) \
	const struct hset hs_##name = { { { r8, r16, r32 }, { m8, m16, m32 } } }

/* SIMD rows: one handler for the register form, one for memory (NULL: #UD) */
#define HSET_XM(name, reg, mem) HSET_RM(name, reg, reg, reg, mem, mem, mem)

/* ---- 128-bit memory operands: both halves checked before any store ---- */
static inline void mem_rd128(struct cpu *c, u32 lin, union xmm *v)
{
	v->q[0] = mem_rd64(c, lin);
	v->q[1] = mem_rd64(c, lin + 8);
}

static inline void mem_wr128(struct cpu *c, u32 lin, const union xmm *v)
{
	if (unlikely(((lin + 15) ^ lin) & PAGE_MASK))
		mem_check_write(c, lin, 16);
	mem_wr64(c, lin, v->q[0]);
	mem_wr64(c, lin + 8, v->q[1]);
}

/* MOVAPS and friends: #GP(0) unless 16-byte aligned */
static inline void sse_align16(struct cpu *c, u32 lin)
{
	if (unlikely(lin & 15))
		cpu_fault(c, EX_GP, 0);
}

/* ---- XMM operands, for the SSE and the SSE2 integer handlers alike ---- */
static inline union xmm *xreg(struct cpu *c, unsigned i) { return &c->fpu.xmm[i & 7]; }

/* Linear address of the memory operand of n bytes; align: the 16-byte
 * operands of packed instructions, #GP(0) unless aligned. */
static inline u32 sse_lin(struct cpu *c, const struct insn *in, unsigned n, bool write, bool align)
{
	u32 lin = lin_of(c, in, n, write);
	if (align)
		sse_align16(c, lin);
	return lin;
}

/* The W operand (ModRM.rm register, or memory when M). */
static inline void ld_W128(struct cpu *c, const struct insn *in, bool M, bool align, union xmm *v)
{
	if (M)
		mem_rd128(c, sse_lin(c, in, 16, false, align), v);
	else
		*v = *xreg(c, in->s);
}

static inline u64 ld_W64(struct cpu *c, const struct insn *in, bool M)
{
	return M ? mem_rd64(c, sse_lin(c, in, 8, false, false)) : xreg(c, in->s)->q[0];
}

static inline u32 ld_W32(struct cpu *c, const struct insn *in, bool M)
{
	return M ? mem_rd32(c, sse_lin(c, in, 4, false, false)) : xreg(c, in->s)->d[0];
}

/* ---- MMX registers (SDM Vol. 1, 9.5): MMi is R(i)'s significand. Every
 * MMX instruction sets TOP to 0 and marks all registers full; a write also
 * sets the register's sign/exponent to all ones. ---- */
static inline void mmx_enter(struct cpu *c)
{
	c->fpu.top = 0;
	c->fpu.full = 0xff;
}
static inline u64 mmx_get(const struct cpu *c, unsigned i) { return c->fpu.st[i & 7].sig; }
static inline void mmx_set(struct cpu *c, unsigned i, u64 v)
{
	c->fpu.st[i & 7].sig = v;
	c->fpu.st[i & 7].se = 0xffff;
}

/* A pending unmasked x87 exception (SW.ES) is reported by the next waiting
 * x87 instruction, FWAIT, or MMX instruction (x87.c). */
void fpu_signal_mf(struct cpu *c);
static inline void fpu_check_mf(struct cpu *c)
{
	if (unlikely(c->fpu.sw & FPU_SW_ES))
		fpu_signal_mf(c);
}

/* An MMX instruction with nothing else to fault on (register operands
 * only): the pending #MF, then MMX mode. The others check, access memory,
 * and only then call mmx_enter. */
static inline void mmx_begin(struct cpu *c)
{
	fpu_check_mf(c);
	mmx_enter(c);
}

#endif
