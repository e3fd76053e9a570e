/* sse.h - what sse.c and sse_cvt.c share: MXCSR as an fp_env, the two-step
 * exception report of SIMD floating point, and the handler generators.
 * Included only by those two files. */
#ifndef XLAT_CPU_OPS_SSE_H
#define XLAT_CPU_OPS_SSE_H

#include "cpu/ops/ops.h"

#define MXCSR_DAZ 0x40u
#define MXCSR_FTZ 0x8000u
#define CR4_OSXMMEXCPT 0x400u
#define FPX_PRE (FPX_IE | FPX_DE | FPX_ZE)

static inline struct fp_env sse_env(const struct cpu *c)
{
	u32 m = c->fpu.mxcsr;
	return fp_env_make(m >> 13, 64, m >> 7, (m & MXCSR_DAZ) != 0, (m & MXCSR_FTZ) != 0);
}

/* An unmasked SIMD exception is #XM, or #UD when the OS did not say it
 * handles #XM (SDM Vol. 1, 11.5.3.2). */
_Noreturn void sse_raise(struct cpu *c);

/* Report what the elements of one instruction raised (e->flags, the OR of
 * all of them). SDM Vol. 1, 11.5.3: pre-computation exceptions (IE DE ZE)
 * are looked at first; if one is unmasked, only they are flagged and the
 * post-computation ones (OE UE PE) are never reached. The caller stores
 * its results only when this returns. */
static inline void sse_finish(struct cpu *c, const struct fp_env *e)
{
	unsigned f = e->flags & FPX_ALL;
	if (likely(!(f & ~e->masks))) {
		c->fpu.mxcsr |= f;
		return;
	}
	if (f & FPX_PRE & ~e->masks)
		f &= FPX_PRE;
	c->fpu.mxcsr |= f;
	sse_raise(c);
}

/* Reg and mem handlers from BODY(c, in, M) with M constant. */
#define GEN_XM(name, BODY)                                     \
	HANDLER(h_##name##_r) { BODY(c, in, false); NEXT; }    \
	HANDLER(h_##name##_m) { BODY(c, in, true); NEXT; }     \
	HSET_XM(name, h_##name##_r, h_##name##_m)

/* name##_: a scalar operation of one operand: element 0 (field F) of the
 * destination = EXPR (of type TR) of a, the source as LD loads it (type
 * TA), under MXCSR (e); the other elements stay. */
#define SSE_SCALAR1(name, TA, LD, TR, F, EXPR)                                  \
	static inline void name##_(struct cpu *c, const struct insn *in, bool M) \
	{                                                                       \
		TA a = LD(c, in, M);                                            \
		struct fp_env e = sse_env(c);                                   \
		TR r = (EXPR);                                                  \
		sse_finish(c, &e);                                              \
		xreg(c, in->d)->F[0] = r;                                       \
	}

#endif
