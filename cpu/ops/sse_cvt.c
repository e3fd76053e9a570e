/* sse_cvt.c - SSE and SSE2 conversions (CVT*, CVTT*) and the reciprocal
 * approximations RCPPS/RSQRTPS (SDM Vol. 2).
 *
 * The CVT forms with an MMX register are MMX instructions: a pending x87
 * exception is reported first (#MF) and they switch the x87 to MMX use
 * (TOP = 0, all tags valid). CVTPI2PS/CVTPI2PD read an MMX register only
 * in their register form, and only that form does either (what the CPU
 * does, and what the SDM says for CVTPI2PD); CVT*2PI write one in every
 * form. */
#include "cpu/ops/sse.h"

/* ---- MMX <-> XMM (0F 2A/2C/2D none/66) ---- */
static inline u64 ld_Q64(struct cpu *c, const struct insn *in, bool M)
{
	if (M)
		return mem_rd64(c, sse_lin(c, in, 8, false, false));
	fpu_check_mf(c);
	return mmx_get(c, in->s);
}

static inline void cvtpi2ps_(struct cpu *c, const struct insn *in, bool M)
{
	u64 v = ld_Q64(c, in, M);
	struct fp_env e = sse_env(c);
	u32 r0 = f32_from_i32(&e, (s32)(u32)v), r1 = f32_from_i32(&e, (s32)(u32)(v >> 32));
	if (!M)
		mmx_enter(c); /* even when #XM follows, as the CPU does */
	sse_finish(c, &e);
	union xmm *d = xreg(c, in->d);
	d->d[0] = r0;
	d->d[1] = r1;
}
static inline void cvtpi2pd_(struct cpu *c, const struct insn *in, bool M)
{
	u64 v = ld_Q64(c, in, M);
	if (!M)
		mmx_enter(c);
	*xreg(c, in->d) = (union xmm){ .q = { f64_from_i32((s32)(u32)v), f64_from_i32((s32)(u32)(v >> 32)) } };
}

/* The rounding (name) and truncating (tname) forms of a conversion from
 * fn(c, in, M, trunc) */
#define GEN_XM_RT(name, tname, fn)                                                          \
	static inline void name##_(struct cpu *c, const struct insn *in, bool M) { fn(c, in, M, false); } \
	static inline void tname##_(struct cpu *c, const struct insn *in, bool M) { fn(c, in, M, true); } \
	GEN_XM(name, name##_);                                                              \
	GEN_XM(tname, tname##_)

/* The destination of CVT*2PI is MMX register ModRM.reg. The switch to
 * MMX use happens once the operands are read, even when #XM follows (what
 * the CPU does); the register keeps its value then. */
static inline void mmx_result(struct cpu *c, const struct insn *in, const struct fp_env *e, u32 lo, u32 hi)
{
	mmx_enter(c);
	sse_finish(c, e);
	mmx_set(c, in->d, (u64)hi << 32 | lo);
}
static inline void cvtps2pi(struct cpu *c, const struct insn *in, bool M, bool trunc)
{
	fpu_check_mf(c);
	u64 v = ld_W64(c, in, M);
	struct fp_env e = sse_env(c);
	u32 lo = (u32)f32_to_i32(&e, (u32)v, trunc), hi = (u32)f32_to_i32(&e, (u32)(v >> 32), trunc);
	mmx_result(c, in, &e, lo, hi);
}
static inline void cvtpd2pi(struct cpu *c, const struct insn *in, bool M, bool trunc)
{
	fpu_check_mf(c);
	union xmm s;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	u32 lo = (u32)f64_to_i32(&e, s.q[0], trunc), hi = (u32)f64_to_i32(&e, s.q[1], trunc);
	mmx_result(c, in, &e, lo, hi);
}
GEN_XM(cvtpi2ps, cvtpi2ps_);
GEN_XM(cvtpi2pd, cvtpi2pd_);
GEN_XM_RT(cvtps2pi, cvttps2pi, cvtps2pi);
GEN_XM_RT(cvtpd2pi, cvttpd2pi, cvtpd2pi);

/* ---- general register <-> scalar (F3/F2 0F 2A/2C/2D) ---- */
/* the r/m32 source: ops.h's ld_Es at 32 bits */
static inline u32 ld_E32(struct cpu *c, const struct insn *in, bool M) { return ld_Es(c, in, 4, M); }
SSE_SCALAR1(cvtsi2ss, u32, ld_E32, u32, d, f32_from_i32(&e, (s32)a))
static inline void cvtsi2sd_(struct cpu *c, const struct insn *in, bool M)
{
	xreg(c, in->d)->q[0] = f64_from_i32((s32)ld_E32(c, in, M));
}
/* CVT(T)SS2SI, CVT(T)SD2SI: a general register = the scalar source,
 * rounded under MXCSR or truncated */
#define CVT_TO_SI(name, TA, LD, FN)                                                          \
	static inline void name(struct cpu *c, const struct insn *in, bool M, bool trunc) \
	{                                                                                \
		TA a = LD(c, in, M);                                                     \
		struct fp_env e = sse_env(c);                                            \
		u32 r = (u32)FN(&e, a, trunc);                                           \
		sse_finish(c, &e);                                                       \
		c->r[in->d].d = r;                                                       \
	}
CVT_TO_SI(cvtss2si, u32, ld_W32, f32_to_i32)
CVT_TO_SI(cvtsd2si, u64, ld_W64, f64_to_i32)
GEN_XM(cvtsi2ss, cvtsi2ss_);
GEN_XM(cvtsi2sd, cvtsi2sd_);
GEN_XM_RT(cvtss2si, cvttss2si, cvtss2si);
GEN_XM_RT(cvtsd2si, cvttsd2si, cvtsd2si);

/* ---- single <-> double (0F 5A) ---- */
static inline void cvtps2pd_(struct cpu *c, const struct insn *in, bool M)
{
	u64 v = ld_W64(c, in, M);
	struct fp_env e = sse_env(c);
	union xmm r = { .q = { f32_to_f64(&e, (u32)v), f32_to_f64(&e, (u32)(v >> 32)) } };
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
static inline void cvtpd2ps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm r = { .d = { f64_to_f32(&e, s.q[0]), f64_to_f32(&e, s.q[1]), 0, 0 } };
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
SSE_SCALAR1(cvtss2sd, u32, ld_W32, u64, q, f32_to_f64(&e, a))
SSE_SCALAR1(cvtsd2ss, u64, ld_W64, u32, d, f64_to_f32(&e, a))
GEN_XM(cvtps2pd, cvtps2pd_);
GEN_XM(cvtpd2ps, cvtpd2ps_);
GEN_XM(cvtss2sd, cvtss2sd_);
GEN_XM(cvtsd2ss, cvtsd2ss_);

/* ---- packed doublewords (0F 5B, 0F E6) ---- */
static inline void cvtdq2ps_(struct cpu *c, const struct insn *in, bool M)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	for (unsigned i = 0; i < 4; i++)
		r.d[i] = f32_from_i32(&e, (s32)s.d[i]);
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
static inline void cvtps2dq(struct cpu *c, const struct insn *in, bool M, bool trunc)
{
	union xmm s, r;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	for (unsigned i = 0; i < 4; i++)
		r.d[i] = (u32)f32_to_i32(&e, s.d[i], trunc);
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
static inline void cvtdq2pd_(struct cpu *c, const struct insn *in, bool M)
{
	u64 v = ld_W64(c, in, M);
	*xreg(c, in->d) = (union xmm){ .q = { f64_from_i32((s32)(u32)v), f64_from_i32((s32)(u32)(v >> 32)) } };
}
static inline void cvtpd2dq(struct cpu *c, const struct insn *in, bool M, bool trunc)
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	struct fp_env e = sse_env(c);
	union xmm r = { .d = { (u32)f64_to_i32(&e, s.q[0], trunc), (u32)f64_to_i32(&e, s.q[1], trunc), 0, 0 } };
	sse_finish(c, &e);
	*xreg(c, in->d) = r;
}
GEN_XM(cvtdq2ps, cvtdq2ps_);
GEN_XM_RT(cvtps2dq, cvttps2dq, cvtps2dq);
GEN_XM(cvtdq2pd, cvtdq2pd_);
GEN_XM_RT(cvtpd2dq, cvttpd2dq, cvtpd2dq);

/* ---- RCPPS/RSQRTPS (0F 53/52, F3 for the scalar forms) ----
 * The SDM bounds only the relative error (|e| <= 1.5 * 2^-12) and Intel
 * and AMD CPUs return different bits. We return the correctly rounded
 * value, which is within the bound and the same on every host, and keep
 * what both vendors do at the edges: no exception is ever flagged,
 * denormal inputs read as zero (so 1/x is an infinity), tiny results are
 * flushed to zero, NaNs come back quieted, negative inputs of RSQRT give
 * the default NaN. MXCSR plays no part. */
static inline struct fp_env approx_env(void)
{
	return (struct fp_env){ .rc = FPR_NEAR, .pc = 64, .masks = FPX_ALL, .daz = true, .ftz = true };
}
#define F32_ONE 0x3f800000u
static u32 rcp32(u32 a)
{
	struct fp_env e = approx_env();
	return f32_div(&e, F32_ONE, a);
}
static u32 rsqrt32(u32 a)
{
	struct fp_env e = approx_env();
	return f32_div(&e, F32_ONE, f32_sqrt(&e, a));
}

static inline void approx_ps(struct cpu *c, const struct insn *in, bool M, u32 (*fn)(u32))
{
	union xmm s;
	ld_W128(c, in, M, true, &s);
	union xmm *d = xreg(c, in->d);
	for (unsigned i = 0; i < 4; i++)
		d->d[i] = fn(s.d[i]);
}
static inline void rcpps_(struct cpu *c, const struct insn *in, bool M) { approx_ps(c, in, M, rcp32); }
static inline void rsqrtps_(struct cpu *c, const struct insn *in, bool M) { approx_ps(c, in, M, rsqrt32); }
static inline void rcpss_(struct cpu *c, const struct insn *in, bool M) { xreg(c, in->d)->d[0] = rcp32(ld_W32(c, in, M)); }
static inline void rsqrtss_(struct cpu *c, const struct insn *in, bool M) { xreg(c, in->d)->d[0] = rsqrt32(ld_W32(c, in, M)); }
GEN_XM(rcpps, rcpps_);
GEN_XM(rsqrtps, rsqrtps_);
GEN_XM(rcpss, rcpss_);
GEN_XM(rsqrtss, rsqrtss_);
