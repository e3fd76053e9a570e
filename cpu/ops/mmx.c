/* mmx.c - MMX and SSE2 integer arithmetic, compares, logic, shifts, packs,
 * unpacks and shuffles (SDM Vol. 2; Vol. 1 chapters 9 and 11.4).
 *
 * Each operation is written once over a union xmm of n bytes (8 for an MMX
 * register, 16 for an XMM register) and stamped into the MMX pair of
 * handlers (hs_NAME) and the XMM pair (hs_NAME_x). n is a constant in every
 * handler, so the element loops unroll and the operation inlines.
 *
 * MMX forms report a pending x87 exception first, read the source (which
 * may fault), and only then switch the x87 state to MMX mode; XMM forms
 * never touch the x87 state. A 128-bit memory operand in the legacy SSE
 * encoding must be 16-byte aligned (#GP(0)), a 64-bit one need not be. */
#include "cpu/ops/ops.h"

static inline s32 i8v(u64 x) { return (s32)sext8((u32)x); }
static inline s32 i16v(u64 x) { return (s32)sext16((u32)x); }
static inline s64 i32v(u64 x) { return (s64)(s32)(u32)x; }
static inline s32 clamp(s32 v, s32 lo, s32 hi) { return v < lo ? lo : v > hi ? hi : v; }
static inline u64 umin(u64 x, u64 y) { return x < y ? x : y; }
static inline u64 umax(u64 x, u64 y) { return x > y ? x : y; }
/* all ones when cond holds (compares, masks) */
static inline u64 ones_if(bool cond) { return 0 - (u64)cond; }

/* ---- element-wise operations: x and y are the zero-extended elements ---- */
#define ELEMWISE(name, f, EXPR)                                                             \
	static inline void name(union xmm *r, const union xmm *a, const union xmm *b, unsigned n) \
	{                                                                                   \
		for (unsigned i = 0; i < n / sizeof(r->f[0]); i++) {                        \
			u64 x = a->f[i], y = b->f[i];                                       \
			r->f[i] = (__typeof__(r->f[0]))(EXPR);                              \
		}                                                                           \
	}

ELEMWISE(op_paddb, b, x + y)
ELEMWISE(op_paddw, w, x + y)
ELEMWISE(op_paddd, d, x + y)
ELEMWISE(op_paddq, q, x + y)
ELEMWISE(op_paddsb, b, clamp(i8v(x) + i8v(y), -128, 127))
ELEMWISE(op_paddsw, w, clamp(i16v(x) + i16v(y), -32768, 32767))
ELEMWISE(op_paddusb, b, umin(x + y, 0xff))
ELEMWISE(op_paddusw, w, umin(x + y, 0xffff))
ELEMWISE(op_psubb, b, x - y)
ELEMWISE(op_psubw, w, x - y)
ELEMWISE(op_psubd, d, x - y)
ELEMWISE(op_psubq, q, x - y)
ELEMWISE(op_psubsb, b, clamp(i8v(x) - i8v(y), -128, 127))
ELEMWISE(op_psubsw, w, clamp(i16v(x) - i16v(y), -32768, 32767))
ELEMWISE(op_psubusb, b, umax(x, y) - y)
ELEMWISE(op_psubusw, w, umax(x, y) - y)
ELEMWISE(op_pmullw, w, x * y)
/* the high half of the two's-complement product, without shifting a
 * negative number */
ELEMWISE(op_pmulhw, w, (u32)(i16v(x) * i16v(y)) >> 16)
ELEMWISE(op_pmulhuw, w, (x * y) >> 16)
ELEMWISE(op_pavgb, b, (x + y + 1) >> 1)
ELEMWISE(op_pavgw, w, (x + y + 1) >> 1)
ELEMWISE(op_pminub, b, umin(x, y))
ELEMWISE(op_pmaxub, b, umax(x, y))
ELEMWISE(op_pminsw, w, i16v(x) < i16v(y) ? x : y)
ELEMWISE(op_pmaxsw, w, i16v(x) > i16v(y) ? x : y)
ELEMWISE(op_pcmpeqb, b, ones_if(x == y))
ELEMWISE(op_pcmpeqw, w, ones_if(x == y))
ELEMWISE(op_pcmpeqd, d, ones_if(x == y))
ELEMWISE(op_pcmpgtb, b, ones_if(i8v(x) > i8v(y)))
ELEMWISE(op_pcmpgtw, w, ones_if(i16v(x) > i16v(y)))
ELEMWISE(op_pcmpgtd, d, ones_if(i32v(x) > i32v(y)))
ELEMWISE(op_pand, q, x & y)
ELEMWISE(op_pandn, q, ~x & y)
ELEMWISE(op_por, q, x | y)
ELEMWISE(op_pxor, q, x ^ y)

/* ---- operations across elements ---- */
static inline void op_pmuludq(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned i = 0; i < n / 8; i++)
		r->q[i] = (u64)a->d[2 * i] * b->d[2 * i];
}

/* Two signed products per dword; only -32768 * -32768 twice overflows, and
 * the SDM's result for it (80000000H) is the wrapped sum. */
static inline void op_pmaddwd(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned i = 0; i < n / 4; i++)
		r->d[i] = (u32)(i16v(a->w[2 * i]) * i16v(b->w[2 * i])) +
			  (u32)(i16v(a->w[2 * i + 1]) * i16v(b->w[2 * i + 1]));
}

static inline void op_psadbw(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned l = 0; l < n / 8; l++) {
		u64 sum = 0;
		for (unsigned i = 8 * l; i < 8 * l + 8; i++)
			sum += umax(a->b[i], b->b[i]) - umin(a->b[i], b->b[i]);
		r->q[l] = sum;
	}
}

/* Packs: the destination's elements narrow into the low half, the
 * source's into the high half. */
static inline void op_packsswb(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned i = 0; i < n / 2; i++) {
		r->b[i] = (u8)clamp(i16v(a->w[i]), -128, 127);
		r->b[n / 2 + i] = (u8)clamp(i16v(b->w[i]), -128, 127);
	}
}

static inline void op_packuswb(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned i = 0; i < n / 2; i++) {
		r->b[i] = (u8)clamp(i16v(a->w[i]), 0, 255);
		r->b[n / 2 + i] = (u8)clamp(i16v(b->w[i]), 0, 255);
	}
}

static inline s32 sat16_of32(u32 x)
{
	s64 v = i32v(x);
	return (s32)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
}

static inline void op_packssdw(union xmm *r, const union xmm *a, const union xmm *b, unsigned n)
{
	for (unsigned i = 0; i < n / 4; i++) {
		r->w[i] = (u16)sat16_of32(a->d[i]);
		r->w[n / 4 + i] = (u16)sat16_of32(b->d[i]);
	}
}

/* Unpacks interleave the low (or high) halves, destination element first. */
#define UNPACK(name, f, HIGH)                                                               \
	static inline void name(union xmm *r, const union xmm *a, const union xmm *b, unsigned n) \
	{                                                                                   \
		unsigned half = n / 2 / sizeof(r->f[0]), at = (HIGH) ? half : 0;            \
		for (unsigned i = 0; i < half; i++) {                                       \
			r->f[2 * i] = a->f[at + i];                                         \
			r->f[2 * i + 1] = b->f[at + i];                                     \
		}                                                                           \
	}
UNPACK(op_punpcklbw, b, 0)
UNPACK(op_punpcklwd, w, 0)
UNPACK(op_punpckldq, d, 0)
UNPACK(op_punpcklqdq, q, 0)
UNPACK(op_punpckhbw, b, 1)
UNPACK(op_punpckhwd, w, 1)
UNPACK(op_punpckhdq, d, 1)
UNPACK(op_punpckhqdq, q, 1)

/* ---- shifts: the count is the whole low quadword (or imm8), and a count
 * past the element width empties the element (or fills it with the sign) ---- */
static inline u64 lsl_or_0(u64 x, u64 cnt, unsigned bits)
{
	return (x << (cnt & (bits - 1))) & ones_if(cnt < bits);
}
static inline u64 lsr_or_0(u64 x, u64 cnt, unsigned bits)
{
	return (x >> (cnt & (bits - 1))) & ones_if(cnt < bits);
}
/* arithmetic shift of a bits-wide value (16 or 32), computed on its
 * sign-folded form: the ones shifted in come from folding back */
static inline u64 asr_sat(u64 x, u64 cnt, unsigned bits)
{
	u64 sign = ones_if((x >> (bits - 1)) & 1) & (((u64)1 << bits) - 1);
	unsigned s = (unsigned)umin(cnt, bits - 1);
	return ((x ^ sign) >> s) ^ sign;
}

#define SHIFT(name, f, bits, EXPR)                                                          \
	static inline void name(union xmm *r, const union xmm *a, u64 cnt, unsigned n)      \
	{                                                                                   \
		for (unsigned i = 0; i < n / sizeof(r->f[0]); i++) {                        \
			u64 x = a->f[i];                                                    \
			r->f[i] = (__typeof__(r->f[0]))(EXPR(x, cnt, bits));                \
		}                                                                           \
	}
SHIFT(sh_psllw, w, 16, lsl_or_0)
SHIFT(sh_pslld, d, 32, lsl_or_0)
SHIFT(sh_psllq, q, 64, lsl_or_0)
SHIFT(sh_psrlw, w, 16, lsr_or_0)
SHIFT(sh_psrld, d, 32, lsr_or_0)
SHIFT(sh_psrlq, q, 64, lsr_or_0)
SHIFT(sh_psraw, w, 16, asr_sat)
SHIFT(sh_psrad, d, 32, asr_sat)

/* whole-register byte shifts (XMM only) */
static inline void sh_psrldq(union xmm *r, const union xmm *a, u64 cnt, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		r->b[i] = cnt < n - i ? a->b[i + cnt] : 0;
}
static inline void sh_pslldq(union xmm *r, const union xmm *a, u64 cnt, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		r->b[i] = cnt <= i ? a->b[i - cnt] : 0;
}

/* ---- shuffles by imm8: two bits pick each element ---- */
static inline void sf_pshufw(union xmm *r, const union xmm *s, u32 imm, unsigned n)
{
	(void)n;
	for (unsigned i = 0; i < 4; i++)
		r->w[i] = s->w[(imm >> (2 * i)) & 3];
}
static inline void sf_pshufd(union xmm *r, const union xmm *s, u32 imm, unsigned n)
{
	(void)n;
	for (unsigned i = 0; i < 4; i++)
		r->d[i] = s->d[(imm >> (2 * i)) & 3];
}
static inline void sf_pshuflw(union xmm *r, const union xmm *s, u32 imm, unsigned n)
{
	(void)n;
	for (unsigned i = 0; i < 4; i++)
		r->w[i] = s->w[(imm >> (2 * i)) & 3];
	r->q[1] = s->q[1];
}
static inline void sf_pshufhw(union xmm *r, const union xmm *s, u32 imm, unsigned n)
{
	(void)n;
	r->q[0] = s->q[0];
	for (unsigned i = 0; i < 4; i++)
		r->w[4 + i] = s->w[4 + ((imm >> (2 * i)) & 3)];
}

/* ---- operand access ---- */

/* The MMX source (register s or m64); then the x87 state turns MMX. */
static inline u64 mm_src(struct cpu *c, const struct insn *in, bool M)
{
	fpu_check_mf(c);
	u64 v = M ? mem_rd64(c, lin_of(c, in, 8, false)) : mmx_get(c, in->s);
	mmx_enter(c);
	return v;
}

/* Handler bodies are macros, not functions taking fn: the compiler would
 * not always inline through the pointer, and each handler should be one
 * straight run of code. */
#define MM_BINOP(M, fn)                                  \
	do {                                             \
		union xmm a_ = { 0 }, b_ = { 0 }, r_;    \
		b_.q[0] = mm_src(c, in, M);              \
		a_.q[0] = mmx_get(c, in->d);             \
		fn(&r_, &a_, &b_, 8);                    \
		mmx_set(c, in->d, r_.q[0]);              \
	} while (0)

#define XMM_BINOP(M, fn)                                 \
	do {                                             \
		union xmm b_, r_;                        \
		ld_W128(c, in, M, true, &b_);                  \
		fn(&r_, &c->fpu.xmm[in->d], &b_, 16);    \
		c->fpu.xmm[in->d] = r_;                  \
	} while (0)

#define GEN_MM(name, fn)                                                  \
	HANDLER(h_##name##_mr) { MM_BINOP(false, fn); NEXT; }             \
	HANDLER(h_##name##_mm) { MM_BINOP(true, fn); NEXT; }              \
	HSET_XM(name, h_##name##_mr, h_##name##_mm);
#define GEN_X(name, fn)                                                   \
	HANDLER(h_##name##_xr) { XMM_BINOP(false, fn); NEXT; }            \
	HANDLER(h_##name##_xm) { XMM_BINOP(true, fn); NEXT; }             \
	HSET_XM(name##_x, h_##name##_xr, h_##name##_xm);
/* both register files */
#define GEN_BOTH(name) GEN_MM(name, op_##name) GEN_X(name, op_##name)

GEN_BOTH(paddb) GEN_BOTH(paddw) GEN_BOTH(paddd) GEN_BOTH(paddq)
GEN_BOTH(paddsb) GEN_BOTH(paddsw) GEN_BOTH(paddusb) GEN_BOTH(paddusw)
GEN_BOTH(psubb) GEN_BOTH(psubw) GEN_BOTH(psubd) GEN_BOTH(psubq)
GEN_BOTH(psubsb) GEN_BOTH(psubsw) GEN_BOTH(psubusb) GEN_BOTH(psubusw)
GEN_BOTH(pmullw) GEN_BOTH(pmulhw) GEN_BOTH(pmulhuw) GEN_BOTH(pmuludq)
GEN_BOTH(pmaddwd) GEN_BOTH(pavgb) GEN_BOTH(pavgw) GEN_BOTH(psadbw)
GEN_BOTH(pminub) GEN_BOTH(pmaxub) GEN_BOTH(pminsw) GEN_BOTH(pmaxsw)
GEN_BOTH(pcmpeqb) GEN_BOTH(pcmpeqw) GEN_BOTH(pcmpeqd)
GEN_BOTH(pcmpgtb) GEN_BOTH(pcmpgtw) GEN_BOTH(pcmpgtd)
GEN_BOTH(pand) GEN_BOTH(pandn) GEN_BOTH(por) GEN_BOTH(pxor)
GEN_BOTH(packsswb) GEN_BOTH(packssdw) GEN_BOTH(packuswb)
GEN_BOTH(punpcklbw) GEN_BOTH(punpcklwd) GEN_BOTH(punpckldq)
GEN_BOTH(punpckhbw) GEN_BOTH(punpckhwd) GEN_BOTH(punpckhdq)
GEN_X(punpcklqdq, op_punpcklqdq) GEN_X(punpckhqdq, op_punpckhqdq)

/* ---- shifts by a register or memory count ---- */
#define SHIFT_BY_REG(name)                                                                      \
	static inline void op_##name(union xmm *r, const union xmm *a, const union xmm *b, unsigned n) \
	{                                                                                        \
		sh_##name(r, a, b->q[0], n);                                                     \
	}                                                                                        \
	GEN_BOTH(name)
SHIFT_BY_REG(psllw) SHIFT_BY_REG(pslld) SHIFT_BY_REG(psllq)
SHIFT_BY_REG(psrlw) SHIFT_BY_REG(psrld) SHIFT_BY_REG(psrlq)
SHIFT_BY_REG(psraw) SHIFT_BY_REG(psrad)

/* ---- shifts by imm8 (groups 0F 71/72/73: register d = ModRM.rm) ---- */
#define MM_SHIFT_IMM(fn)                                 \
	do {                                             \
		union xmm a_ = { 0 }, r_;                \
		mmx_begin(c);                            \
		a_.q[0] = mmx_get(c, in->d);             \
		fn(&r_, &a_, in->imm & 0xff, 8);         \
		mmx_set(c, in->d, r_.q[0]);              \
	} while (0)

#define XMM_SHIFT_IMM(fn)                                \
	do {                                             \
		union xmm r_;                            \
		fn(&r_, &c->fpu.xmm[in->d], in->imm & 0xff, 16); \
		c->fpu.xmm[in->d] = r_;                  \
	} while (0)

#define GEN_SHIFT_IMM_X(name)                                                     \
	HANDLER(h_##name##_xi) { XMM_SHIFT_IMM(sh_##name); NEXT; }                  \
	HSET_XM(name##_xi, h_##name##_xi, NULL);
#define GEN_SHIFT_IMM(name)                                                       \
	HANDLER(h_##name##_i) { MM_SHIFT_IMM(sh_##name); NEXT; }                    \
	HSET_XM(name##_i, h_##name##_i, NULL);                                    \
	GEN_SHIFT_IMM_X(name)
GEN_SHIFT_IMM(psllw) GEN_SHIFT_IMM(pslld) GEN_SHIFT_IMM(psllq)
GEN_SHIFT_IMM(psrlw) GEN_SHIFT_IMM(psrld) GEN_SHIFT_IMM(psrlq)
GEN_SHIFT_IMM(psraw) GEN_SHIFT_IMM(psrad)
GEN_SHIFT_IMM_X(psrldq) GEN_SHIFT_IMM_X(pslldq)

/* ---- shuffles: d = shuffle(s, imm8); the destination is not read ---- */
#define MM_SHUF(M, fn)                                   \
	do {                                             \
		union xmm s_ = { 0 }, r_;                \
		s_.q[0] = mm_src(c, in, M);              \
		fn(&r_, &s_, in->imm & 0xff, 8);         \
		mmx_set(c, in->d, r_.q[0]);              \
	} while (0)

#define XMM_SHUF(M, fn)                                  \
	do {                                             \
		union xmm s_;                            \
		ld_W128(c, in, M, true, &s_);                  \
		fn(&c->fpu.xmm[in->d], &s_, in->imm & 0xff, 16); \
	} while (0)

HANDLER(h_pshufw_r) { MM_SHUF(false, sf_pshufw); NEXT; }
HANDLER(h_pshufw_m) { MM_SHUF(true, sf_pshufw); NEXT; }
HSET_XM(pshufw, h_pshufw_r, h_pshufw_m);
#define GEN_SHUF_X(name)                                                          \
	HANDLER(h_##name##_r) { XMM_SHUF(false, sf_##name); NEXT; }        \
	HANDLER(h_##name##_m) { XMM_SHUF(true, sf_##name); NEXT; }         \
	HSET_XM(name, h_##name##_r, h_##name##_m);
GEN_SHUF_X(pshufd) GEN_SHUF_X(pshufhw) GEN_SHUF_X(pshuflw)
