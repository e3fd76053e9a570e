/* fphost.c - cpu/fp against this machine's own x87 and SSE.
 *
 *   fphost [-s SEED] [-n CASES] [-o OPNAME] [-v]
 *
 * Each case picks an operation, a rounding mode, a precision control and
 * exception masks, and operands biased to the hard values (zeros,
 * denormals, pseudo-denormals, unnormals, infinities, NaNs, rounding
 * boundaries, the edges of the exponent range); runs the instruction
 * natively with inline asm and the library on the same inputs, and
 * requires the same result bits, exception flags and (x87) C1.
 *
 * x87 exceptions may be unmasked: an unmasked exception only faults at the
 * NEXT waiting x87 instruction, so each sequence reads the status word
 * with FNSTSW and clears it with FNCLEX before anything can wait. When IE,
 * DE or ZE is unmasked and raised, or a store to memory raises an unmasked
 * exception, the hardware delivers no result and only the flags are
 * compared. SSE exceptions may be unmasked too: the instruction then
 * faults at once (SIGFPE) and delivers nothing; the handler reads MXCSR
 * from the signal context, so the flags are compared.
 *
 * The last line is "N passed, M failed"; the exit status is non-zero on
 * any mismatch.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "xlat/fp.h"

#if !defined(__x86_64__)
int main(void)
{
	printf("fphost: needs an x86-64 host\n0 passed, 0 failed\n");
	return 0;
}
#else

/* ---- random numbers ---- */

static u64 rng_state;

static u64 rnd(void)
{
	/* splitmix64 */
	u64 z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

/* A significand biased to rounding boundaries: the bits below 24, 53 and
 * 64 (and the narrow formats' 24/53 relative to f80) hold patterns. */
static u64 gen_sig(void)
{
	u64 s = rnd();
	switch (rndn(10)) {
	case 0: { /* short: few significant bits, so products and sums land exactly,
		   * some on the ties of 24, 53 and 64 bits */
		static const unsigned ks[] = { 12, 13, 14, 26, 27, 28, 32, 33, 34 };
		unsigned k = rndn(2) ? 1 + rndn(40) : ks[rndn(9)];
		s = s >> (64 - k) << (64 - k);
		break;
	}
	case 1: case 2: { /* low bits of a precision boundary set to a pattern */
		static const unsigned cut[] = { 40, 11, 1, 2, 3 };
		unsigned c = cut[rndn(5)];
		u64 m = (1ull << c) - 1, half = 1ull << (c - 1);
		u64 pat[] = { 0, half, half - 1, half + 1, m, 1, m - 1 };
		s = (s & ~m) | (pat[rndn(7)] & m);
		break;
	}
	case 3: /* all ones, or nearly */
		s = ~0ull << rndn(4);
		break;
	case 4:
		s = 0;
		break;
	default:
		break;
	}
	return s | 1ull << 63;
}

static unsigned gen_exp(void)
{
	switch (rndn(8)) {
	case 0: return 0x7ffe - rndn(80);                   /* near overflow */
	case 1: return 1 + rndn(2) * rndn(80);              /* near underflow */
	case 2: return 0x3fff + rndn(130) - 65;             /* near 1 */
	case 3: return 1 + rndn(0x7ffe);
	case 4: return 0x3fff - 0x3f80 + rndn(0x3f80 * 2); /* mid range */
	default: return 0x3fff + rndn(2 * 1100) - 1100;    /* f64 range */
	}
}

static f80 gen_f80(void)
{
	bool s = rnd() & 1;
	unsigned r = rndn(100);
	if (r < 4)
		return f80_make(s, 0, 0);
	if (r < 9) /* denormals, many just below the smallest normal */
		return f80_make(s, 0, (gen_sig() >> 1) >> (rndn(2) ? rndn(3) : rndn(63)) |
					      1ull << rndn(62) >> rndn(2) * 62);
	if (r < 11)
		return f80_make(s, 0, gen_sig());
	if (r < 14)
		return f80_make(s, 0x7fff, 1ull << 63);
	if (r < 17) /* QNaN */
		return f80_make(s, 0x7fff, (3ull << 62) | (rndn(2) ? rnd() >> 2 : 0));
	if (r < 20) /* SNaN */
		return f80_make(s, 0x7fff, (1ull << 63) | ((rnd() >> 2) | 1) >> rndn(2) * 61);
	if (r < 22) { /* unnormal, pseudo-infinity, pseudo-NaN */
		switch (rndn(3)) {
		case 0: return f80_make(s, 1 + rndn(0x7ffe), gen_sig() >> (1 + rndn(63)));
		case 1: return f80_make(s, 0x7fff, 0);
		default: return f80_make(s, 0x7fff, (rnd() >> 1) | 1);
		}
	}
	if (r < 26) { /* a small integer, or one near the integer limits */
		static const unsigned bits[] = { 1, 2, 4, 8, 15, 16, 31, 32, 53, 63, 64 };
		unsigned k = bits[rndn(11)];
		u64 v = rnd() >> (64 - k);
		unsigned z = v ? (unsigned)__builtin_clzll(v) : 0;
		if (!v)
			return f80_make(s, 0, 0);
		u64 sig = v << z;
		if (rndn(2)) /* plus a fraction */
			sig = v >> 62 ? sig : sig | (rnd() >> (64 - z));
		return f80_make(s, 0x3fff + 63 - z, sig);
	}
	if (r < 30) /* near 0.5, 1, 1.5 */
		return f80_make(s, 0x3ffe + rndn(2), (1ull << 63) | (rndn(2) ? 1ull << 62 : 0) |
							(rnd() >> (40 + rndn(24))));
	return f80_make(s, gen_exp(), gen_sig());
}

/* Second operands related to the first: same exponent (cancellation,
 * aligned sums), sums of exponents at the range's edges (mul/div). */
static f80 gen_f80_pair(f80 a, int op_kind)
{
	if (rndn(2))
		return gen_f80();
	int ea = f80_exp(a);
	bool s = rnd() & 1;
	switch (rndn(5)) {
	case 4: /* 1.0 give or take a few ulps: the result lands next to a */
		if (rndn(2))
			return f80_make(s, 0x3fff, (1ull << 63) + rndn(4));
		return f80_make(s, 0x3ffe, ~0ull - rndn(4));
	case 0: { /* near a */
		u64 sig = a.sig + (u64)(rndn(9)) - 4;
		return f80_make(s, (unsigned)(ea + (int)rndn(3) - 1) & 0x7fff, sig | (a.sig & 1ull << 63));
	}
	case 1: /* shifted far */
		return f80_make(s, (unsigned)(ea - 60 + (int)rndn(130)) & 0x7fff, gen_sig());
	default: {
		/* exponent so that the product/quotient lands near the range's edges */
		int target = rndn(2) ? 0x7ffe - (int)rndn(4) + 2 : (int)rndn(70) - 66;
		int eb = op_kind == 1 ? target - ea + 0x3fff : ea - target + 0x3fff;
		if (eb < 0 || eb > 0x7ffe)
			eb = (int)(1 + rndn(0x7ffe));
		return f80_make(s, (unsigned)eb, gen_sig());
	}
	}
}

static u64 gen_narrow(unsigned fb)
{
	unsigned eb = fb == 23 ? 8 : 11, emax = (1u << eb) - 1;
	u64 sbit = (u64)(rnd() & 1) << (fb + eb);
	u64 fmask = (1ull << fb) - 1, frac = (gen_sig() << 1) >> (64 - fb);
	unsigned r = rndn(100);
	if (r < 5)
		return sbit;
	if (r < 12)
		return sbit | ((frac >> rndn(fb)) | (rndn(2) ? 0 : 1));
	if (r < 15)
		return sbit | (u64)emax << fb;
	if (r < 19)
		return sbit | (u64)emax << fb | 1ull << (fb - 1) | (frac & (rndn(2) ? fmask : 0));
	if (r < 23)
		return sbit | (u64)emax << fb | (((frac >> 1) | 1) >> rndn(2) * (fb - 2));
	u64 e;
	switch (rndn(5)) {
	case 0: e = emax - 1 - rndn(30); break;
	case 1: e = rndn(2) * rndn(30); frac |= rndn(2) ? fmask >> rndn(3) : 0; break;
	case 2: e = (emax >> 1) + rndn(60) - 30; break;
	case 3: { /* an integer near the s32 limits */
		e = (emax >> 1) + 28 + rndn(6);
		break;
	}
	default: e = 1 + rndn(emax - 1); break;
	}
	return sbit | e << fb | frac;
}

static u64 gen_narrow_pair(u64 a, unsigned fb)
{
	if (rndn(2))
		return gen_narrow(fb);
	unsigned eb = fb == 23 ? 8 : 11, emax = (1u << eb) - 1;
	u64 sbit = (u64)(rnd() & 1) << (fb + eb);
	u64 ea = (a >> fb) & emax;
	u64 frac = (gen_sig() << 1) >> (64 - fb);
	switch (rndn(4)) {
	case 3: /* 1.0 give or take a few ulps */
		return sbit | (((u64)(emax >> 1) << fb) + rndn(5) - 2);
	case 0: return (sbit | (a & ~(1ull << (fb + eb)))) + rndn(9) - 4;
	case 1: {
		long e = (long)ea + (long)rndn(2 * fb + 10) - fb - 5;
		if (e < 0 || e >= (long)emax)
			e = 1;
		return sbit | (u64)e << fb | frac;
	}
	default: {
		long bias = emax >> 1;
		long target = rndn(2) ? (long)emax - 1 - (long)rndn(3) + 1 : (long)rndn((unsigned)fb + 8) - (long)fb - 4;
		long e = rndn(2) ? target - (long)ea + bias : (long)ea - target + bias;
		if (e < 0 || e >= (long)emax)
			e = 1 + rndn(emax - 1);
		return sbit | (u64)e << fb | frac;
	}
	}
}

/* ---- environments ---- */

static u16 gen_cw(void)
{
	static const unsigned pcs[] = { 0, 2, 3, 3 };
	u16 masks = rndn(4) ? 0x3f : (u16)rndn(64);
	return (u16)(0x40 | masks | pcs[rndn(4)] << 8 | rndn(4) << 10);
}

static struct fp_env env_of_cw(u16 cw)
{
	static const u8 pc_bits[] = { 24, 64, 53, 64 };
	return (struct fp_env){ .rc = (cw >> 10) & 3, .pc = pc_bits[(cw >> 8) & 3], .masks = cw & 0x3f };
}

static u32 gen_mxcsr(void)
{
	u32 m = 0x1f80 | rndn(4) << 13 | (rndn(4) ? 0 : 0x40) | (rndn(4) ? 0 : 0x8000);
	if (!rndn(4))
		m &= ~(rndn(64) << 7);
	return m;
}

static struct fp_env env_of_mxcsr(u32 m)
{
	return (struct fp_env){ .rc = (m >> 13) & 3, .pc = 64, .masks = (m >> 7) & 0x3f,
				.daz = (m >> 6) & 1, .ftz = (m >> 15) & 1 };
}

/* ---- the native instructions ---- */

struct x87res {
	f80 r, r2;
	u64 i;
	u16 sw;
};

#define X87_BIN(name, insn)                                                            \
	static void name(const f80 *a, const f80 *b, u16 cw, struct x87res *o)     \
	{                                                                              \
		__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn \
				 "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r]\n\tfstp %%st(0)"    \
				 : [sw] "=m"(o->sw), [r] "=m"(o->r)                           \
				 : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw));                   \
	}
X87_BIN(hw_fadd, "fadd %%st(1), %%st")
X87_BIN(hw_fsub, "fsub %%st(1), %%st")
X87_BIN(hw_fmul, "fmul %%st(1), %%st")
X87_BIN(hw_fdiv, "fdiv %%st(1), %%st")
X87_BIN(hw_fscale, "fscale")

#define X87_UN(name, insn)                                                               \
	static void name(const f80 *a, u16 cw, struct x87res *o)                         \
	{                                                                                \
		__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn                \
				 "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r]"                      \
				 : [sw] "=m"(o->sw), [r] "=m"(o->r)                             \
				 : [a] "m"(*a), [cw] "m"(cw));                                  \
	}
X87_UN(hw_fsqrt, "fsqrt")
X87_UN(hw_frndint, "frndint")

static void hw_fxtract(const f80 *a, u16 cw, struct x87res *o)
{
	__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\tfxtract\n\tfnstsw %[sw]\n\tfnclex\n\t"
			 "fstpt %[r]\n\tfstpt %[r2]"
			 : [sw] "=m"(o->sw), [r] "=m"(o->r), [r2] "=m"(o->r2)
			 : [a] "m"(*a), [cw] "m"(cw));
}

#define X87_CMP(name, insn)                                                              \
	static void name(const f80 *a, const f80 *b, u16 cw, struct x87res *o)       \
	{                                                                                \
		__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn   \
				 "\n\tfnstsw %[sw]\n\tfnclex\n\tfstp %%st(0)\n\tfstp %%st(0)"    \
				 : [sw] "=m"(o->sw)                                             \
				 : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw));                     \
	}
X87_CMP(hw_fcom, "fcom %%st(1)")
X87_CMP(hw_fucom, "fucom %%st(1)")

static void hw_fild(const s64 *v, struct x87res *o)
{
	__asm__ volatile("fninit\n\tfildll %[v]\n\tfnstsw %[sw]\n\tfstpt %[r]"
			 : [sw] "=m"(o->sw), [r] "=m"(o->r)
			 : [v] "m"(*v));
}

#define X87_STORE(name, insn, T)                                                         \
	static void name(const f80 *a, u16 cw, struct x87res *o)                         \
	{                                                                                \
		T v = 0;                                                                 \
		__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn " %[v]"       \
				 "\n\tfnstsw %[sw]\n\tfnclex\n\tfninit"                          \
				 : [sw] "=m"(o->sw), [v] "+m"(v)                                \
				 : [a] "m"(*a), [cw] "m"(cw));                                  \
		o->i = (u64)v;                                                           \
	}
X87_STORE(hw_fist16, "fistps", u16)
X87_STORE(hw_fist32, "fistpl", u32)
X87_STORE(hw_fist64, "fistpll", u64)
X87_STORE(hw_fisttp16, "fisttps", u16)
X87_STORE(hw_fisttp32, "fisttpl", u32)
X87_STORE(hw_fisttp64, "fisttpll", u64)
X87_STORE(hw_fst32, "fstps", u32)
X87_STORE(hw_fst64, "fstpl", u64)

#define X87_LOAD(name, insn, T)                                                         \
	static void name(const T *v, u16 cw, struct x87res *o)                          \
	{                                                                               \
		__asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn " %[v]"                    \
				 "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r]"                     \
				 : [sw] "=m"(o->sw), [r] "=m"(o->r)                            \
				 : [v] "m"(*v), [cw] "m"(cw));                                 \
	}
X87_LOAD(hw_fld32, "flds", u32)
X87_LOAD(hw_fld64, "fldl", u64)

struct sseres {
	u64 r;
	u32 mxcsr;
	bool faulted; /* unmasked exception: no result */
};

/* An unmasked SSE exception faults on the instruction itself: the handler
 * takes MXCSR as the fault left it and jumps back to the case. */
static sigjmp_buf sse_fault_jmp;
static volatile u32 sse_fault_mxcsr;

static void on_sigfpe(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	sse_fault_mxcsr = ((ucontext_t *)ctx)->uc_mcontext.fpregs->mxcsr;
	siglongjmp(sse_fault_jmp, 1);
}

#define SSE_RUN(hw, call)                                  \
	do {                                               \
		(hw).faulted = false;                      \
		if (!sigsetjmp(sse_fault_jmp, 1)) {        \
			call;                              \
		} else {                                   \
			(hw).faulted = true;               \
			(hw).mxcsr = sse_fault_mxcsr;      \
			(hw).r = 0;                        \
		}                                          \
	} while (0)

static const u32 mxcsr_default = 0x1f80;

#define SSE_BIN(name, insn, T, mov)                                                          \
	static void name(T a, T b, u32 m, struct sseres *o)                                 \
	{                                                                                    \
		T r;                                                                         \
		__asm__ volatile("ldmxcsr %[m]\n\t" mov " %[a], %%xmm0\n\t" insn " %[b], %%xmm0" \
				 "\n\t" mov " %%xmm0, %[r]\n\tstmxcsr %[o]\n\tldmxcsr %[d]"     \
				 : [r] "=m"(r), [o] "=m"(o->mxcsr)                                \
				 : [a] "m"(a), [b] "m"(b), [m] "m"(m), [d] "m"(mxcsr_default)      \
				 : "xmm0");                                                       \
		o->r = r;                                                                    \
	}
SSE_BIN(hw_addss, "addss", u32, "movd")
SSE_BIN(hw_subss, "subss", u32, "movd")
SSE_BIN(hw_mulss, "mulss", u32, "movd")
SSE_BIN(hw_divss, "divss", u32, "movd")
SSE_BIN(hw_minss, "minss", u32, "movd")
SSE_BIN(hw_maxss, "maxss", u32, "movd")
SSE_BIN(hw_sqrtss, "sqrtss", u32, "movd")
SSE_BIN(hw_addsd, "addsd", u64, "movq")
SSE_BIN(hw_subsd, "subsd", u64, "movq")
SSE_BIN(hw_mulsd, "mulsd", u64, "movq")
SSE_BIN(hw_divsd, "divsd", u64, "movq")
SSE_BIN(hw_minsd, "minsd", u64, "movq")
SSE_BIN(hw_maxsd, "maxsd", u64, "movq")
SSE_BIN(hw_sqrtsd, "sqrtsd", u64, "movq")

/* COMISS/UCOMISS: ZF PF CF as 3 bits */
#define SSE_CMP(name, insn, T, mov)                                                        \
	static void name(T a, T b, u32 m, struct sseres *o)                               \
	{                                                                                  \
		u8 z, p, c;                                                                \
		__asm__ volatile("ldmxcsr %[m]\n\t" mov " %[a], %%xmm0\n\t" insn " %[b], %%xmm0" \
				 "\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[c]\n\tstmxcsr %[o]\n\t"  \
				 "ldmxcsr %[d]"                                                 \
				 : [z] "=&r"(z), [p] "=&r"(p), [c] "=&r"(c), [o] "=m"(o->mxcsr)    \
				 : [a] "m"(a), [b] "m"(b), [m] "m"(m), [d] "m"(mxcsr_default)    \
				 : "xmm0", "cc");                                               \
		o->r = (u64)(z << 2 | p << 1 | c);                                         \
	}
SSE_CMP(hw_comiss, "comiss", u32, "movd")
SSE_CMP(hw_ucomiss, "ucomiss", u32, "movd")
SSE_CMP(hw_comisd, "comisd", u64, "movq")
SSE_CMP(hw_ucomisd, "ucomisd", u64, "movq")

#define SSE_CVT(name, insn, TI, TO, reg, movo)                                             \
	static void name(TI a, u32 m, struct sseres *o)                                    \
	{                                                                                  \
		TO r;                                                                      \
		__asm__ volatile("ldmxcsr %[m]\n\t" insn " %[a], " reg "\n\t" movo          \
				 "\n\tstmxcsr %[o]\n\tldmxcsr %[d]"                             \
				 : [r] "=m"(r), [o] "=m"(o->mxcsr)                              \
				 : [a] "m"(a), [m] "m"(m), [d] "m"(mxcsr_default)                \
				 : "xmm0", "eax");                                              \
		o->r = (u64)r;                                                             \
	}
SSE_CVT(hw_cvtss2sd, "cvtss2sd", u32, u64, "%%xmm0", "movq %%xmm0, %[r]")
SSE_CVT(hw_cvtsd2ss, "cvtsd2ss", u64, u32, "%%xmm0", "movd %%xmm0, %[r]")
SSE_CVT(hw_cvtsi2ss, "cvtsi2ssl", s32, u32, "%%xmm0", "movd %%xmm0, %[r]")
SSE_CVT(hw_cvtsi2sd, "cvtsi2sdl", s32, u64, "%%xmm0", "movq %%xmm0, %[r]")
SSE_CVT(hw_cvtss2si, "cvtss2si", u32, u32, "%%eax", "movl %%eax, %[r]")
SSE_CVT(hw_cvttss2si, "cvttss2si", u32, u32, "%%eax", "movl %%eax, %[r]")
SSE_CVT(hw_cvtsd2si, "cvtsd2si", u64, u32, "%%eax", "movl %%eax, %[r]")
SSE_CVT(hw_cvttsd2si, "cvttsd2si", u64, u32, "%%eax", "movl %%eax, %[r]")

/* ---- comparing ---- */

static bool verbose;
static unsigned long long failures;

static void fail_head(const char *op, unsigned long long idx)
{
	if (++failures <= 30 || verbose)
		printf("FAIL %s case %llu:", op, idx);
}
static bool show(void) { return failures <= 30 || verbose; }

static const char *f80s(f80 a, char *buf)
{
	sprintf(buf, "%04x:%016llx", a.se, (unsigned long long)a.sig);
	return buf;
}

#define SW_C1 0x200

/* hardware result delivered to its register? */
static bool delivered(u16 sw, u16 cw) { return !(sw & ~cw & (FPX_IE | FPX_DE | FPX_ZE)); }

static bool same_f80(f80 a, f80 b) { return a.sig == b.sig && a.se == b.se; }

static bool check_x87(const char *op, unsigned long long idx, u16 cw, const f80 *in, int nin,
		      const struct x87res *hw, f80 lr, const struct fp_env *le, bool cmp_result)
{
	u16 lsw = (u16)(le->flags | (le->c1 ? SW_C1 : 0));
	u16 hsw = hw->sw & (0x3f | SW_C1);
	bool ok = (hsw & 0x3f) == (lsw & 0x3f);
	if (cmp_result)
		ok = ok && same_f80(hw->r, lr) && hsw == lsw;
	if (ok)
		return true;
	fail_head(op, idx);
	if (show()) {
		char b1[32], b2[32];
		printf(" cw=%04x in", cw);
		for (int i = 0; i < nin; i++)
			printf(" %s", f80s(in[i], b1));
		printf(" hw %s sw=%03x lib %s sw=%03x\n", f80s(hw->r, b1), hsw, f80s(lr, b2), lsw);
	}
	return false;
}

/* ---- the cases ---- */

typedef bool (*case_fn)(unsigned long long idx, int which);

static bool case_f80_bin(unsigned long long idx, int which)
{
	static const char *names[] = { "fadd", "fsub", "fmul", "fdiv", "fscale" };
	f80 a = gen_f80(), b;
	if (which == 4) {
		switch (rndn(4)) {
		case 0: b = f80_from_i64((s64)rndn(140) - 70); break;
		case 1: b = f80_from_i64((s64)rndn(70000) - 35000); break;
		default: b = gen_f80(); break;
		}
	} else {
		b = gen_f80_pair(a, which == 2 ? 1 : which == 3 ? 2 : 0);
	}
	u16 cw = gen_cw();
	struct x87res hw;
	switch (which) {
	case 0: hw_fadd(&a, &b, cw, &hw); break;
	case 1: hw_fsub(&a, &b, cw, &hw); break;
	case 2: hw_fmul(&a, &b, cw, &hw); break;
	case 3: hw_fdiv(&a, &b, cw, &hw); break;
	default: hw_fscale(&a, &b, cw, &hw); break;
	}
	struct fp_env e = env_of_cw(cw);
	f80 r;
	switch (which) {
	case 0: r = f80_add(&e, a, b); break;
	case 1: r = f80_sub(&e, a, b); break;
	case 2: r = f80_mul(&e, a, b); break;
	case 3: r = f80_div(&e, a, b); break;
	default: r = f80_scale(&e, a, b); break;
	}
	f80 in[2] = { a, b };
	return check_x87(names[which], idx, cw, in, 2, &hw, r, &e, delivered(hw.sw, cw));
}

static f80 gen_sqrt_operand(void)
{
	if (rndn(3))
		return gen_f80();
	/* a perfect square, maybe nudged by an ulp */
	u64 m = rnd() >> (32 + rndn(32));
	if (!m)
		m = 3;
	unsigned __int128 sq = (unsigned __int128)m * m;
	u64 v = (u64)sq;
	unsigned z = (unsigned)__builtin_clzll(v);
	u64 sig = (v << z) + (u64)rndn(3) - 1;
	return f80_make(rnd() & 1 && rndn(4) == 0, (gen_exp() & ~1u) | rndn(2), sig | 1ull << 63);
}

static bool case_f80_un(unsigned long long idx, int which)
{
	f80 a = which == 0 ? gen_sqrt_operand() : gen_f80();
	u16 cw = gen_cw();
	struct x87res hw;
	struct fp_env e = env_of_cw(cw);
	f80 r;
	if (which == 0) {
		hw_fsqrt(&a, cw, &hw);
		r = f80_sqrt(&e, a);
	} else {
		hw_frndint(&a, cw, &hw);
		r = f80_round_int(&e, a);
	}
	return check_x87(which ? "frndint" : "fsqrt", idx, cw, &a, 1, &hw, r, &e,
			 delivered(hw.sw, cw));
}

static bool case_fxtract(unsigned long long idx, int which)
{
	(void)which;
	f80 a = gen_f80();
	u16 cw = gen_cw();
	struct x87res hw;
	hw_fxtract(&a, cw, &hw);
	struct fp_env e = env_of_cw(cw);
	f80 ex, sig;
	f80_xtract(&e, a, &ex, &sig);
	bool d = delivered(hw.sw, cw);
	bool ok = check_x87("fxtract.sig", idx, cw, &a, 1, &hw, sig, &e, d);
	struct x87res hw2 = hw;
	hw2.r = hw.r2;
	return check_x87("fxtract.exp", idx, cw, &a, 1, &hw2, ex, &e, d) && ok;
}

static bool case_fcom(unsigned long long idx, int which)
{
	f80 a = gen_f80(), b = rndn(4) ? gen_f80_pair(a, 0) : a;
	u16 cw = gen_cw();
	struct x87res hw;
	if (which)
		hw_fucom(&a, &b, cw, &hw);
	else
		hw_fcom(&a, &b, cw, &hw);
	struct fp_env e = env_of_cw(cw);
	int c = f80_compare(&e, a, b, which);
	/* C3 C2 C0 */
	static const u16 cc[] = { 0x0100, 0x4000, 0x0000, 0x4500 };
	u16 lsw = (u16)(e.flags | cc[c] | (e.c1 ? SW_C1 : 0));
	u16 hsw = hw.sw & (0x3f | SW_C1 | 0x4500);
	if (hsw == lsw)
		return true;
	fail_head(which ? "fucom" : "fcom", idx);
	if (show()) {
		char b1[32], b2[32];
		printf(" cw=%04x %s %s hw sw=%04x lib sw=%04x\n", cw, f80s(a, b1), f80s(b, b2), hsw, lsw);
	}
	return false;
}

static bool case_fild(unsigned long long idx, int which)
{
	(void)which;
	s64 v = (s64)(rnd() >> rndn(64));
	if (rndn(2))
		v = -v;
	struct x87res hw;
	hw_fild(&v, &hw);
	f80 r = f80_from_i64(v);
	if (same_f80(r, hw.r) && !(hw.sw & 0x3f))
		return true;
	fail_head("fild", idx);
	if (show())
		printf(" %lld\n", (long long)v);
	return false;
}

static bool case_fist(unsigned long long idx, int which)
{
	static const char *names[] = { "fist16", "fist32", "fist64", "fisttp16", "fisttp32", "fisttp64" };
	static const unsigned bits[] = { 16, 32, 64 };
	f80 a = gen_f80();
	u16 cw = gen_cw();
	struct x87res hw;
	switch (which) {
	case 0: hw_fist16(&a, cw, &hw); break;
	case 1: hw_fist32(&a, cw, &hw); break;
	case 2: hw_fist64(&a, cw, &hw); break;
	case 3: hw_fisttp16(&a, cw, &hw); break;
	case 4: hw_fisttp32(&a, cw, &hw); break;
	default: hw_fisttp64(&a, cw, &hw); break;
	}
	struct fp_env e = env_of_cw(cw);
	unsigned n = bits[which % 3];
	u64 r = (u64)f80_to_int(&e, a, n, which >= 3);
	u64 mask = n == 64 ? ~0ull : (1ull << n) - 1;
	u16 lsw = (u16)(e.flags | (e.c1 ? SW_C1 : 0)), hsw = hw.sw & (0x3f | SW_C1);
	bool stored = !(hw.sw & ~cw & FPX_IE);
	if (hsw == lsw && (!stored || (r & mask) == hw.i))
		return true;
	fail_head(names[which], idx);
	if (show()) {
		char b1[32];
		printf(" cw=%04x %s hw %llx sw=%03x lib %llx sw=%03x\n", cw, f80s(a, b1),
		       (unsigned long long)hw.i, hsw, (unsigned long long)(r & mask), lsw);
	}
	return false;
}

static bool case_fst(unsigned long long idx, int which)
{
	f80 a = gen_f80();
	if (rndn(2)) { /* in or near the narrow format's exponent range */
		int span = which ? 1100 : 160;
		a = f80_make(rnd() & 1, (unsigned)(0x3fff + (int)rndn(2 * span) - span), gen_sig());
		if (rndn(4) == 0) /* just below the narrow format's smallest normal */
			a = f80_make(rnd() & 1, 0x3fff - (which ? 1023 : 127) + rndn(2),
				     ~0ull << rndn(12));
	}
	u16 cw = gen_cw();
	struct x87res hw;
	struct fp_env e = env_of_cw(cw);
	u64 r, mask;
	if (which) {
		hw_fst64(&a, cw, &hw);
		r = f80_to_f64(&e, a);
		mask = ~0ull;
	} else {
		hw_fst32(&a, cw, &hw);
		r = f80_to_f32(&e, a);
		mask = 0xffffffffull;
	}
	u16 lsw = (u16)(e.flags | (e.c1 ? SW_C1 : 0)), hsw = hw.sw & (0x3f | SW_C1);
	bool stored = !(hw.sw & ~cw & 0x3f & ~FPX_PE);
	if (hsw == lsw && (!stored || r == (hw.i & mask)))
		return true;
	fail_head(which ? "fst64" : "fst32", idx);
	if (show()) {
		char b1[32];
		printf(" cw=%04x %s hw %llx sw=%03x lib %llx sw=%03x\n", cw, f80s(a, b1),
		       (unsigned long long)hw.i, hsw, (unsigned long long)r, lsw);
	}
	return false;
}

static bool case_fld(unsigned long long idx, int which)
{
	u16 cw = gen_cw();
	struct x87res hw;
	struct fp_env e = env_of_cw(cw);
	f80 r;
	u64 v = gen_narrow(which ? 52 : 23);
	if (which) {
		hw_fld64(&v, cw, &hw);
		r = f80_from_f64(&e, v);
	} else {
		u32 v32 = (u32)v;
		hw_fld32(&v32, cw, &hw);
		r = f80_from_f32(&e, v32);
	}
	f80 in = f80_make(0, 0, v);
	return check_x87(which ? "fld64" : "fld32", idx, cw, &in, 1, &hw, r, &e,
			 delivered(hw.sw, cw));
}

static bool check_sse(const char *op, unsigned long long idx, u32 m, u64 a, u64 b,
		      const struct sseres *hw, u64 r, const struct fp_env *e)
{
	bool unmasked = e->flags & ~e->masks;
	if ((hw->mxcsr & 0x3f) == e->flags && unmasked == hw->faulted && (hw->faulted || hw->r == r))
		return true;
	fail_head(op, idx);
	if (show())
		printf(" mxcsr=%04x %llx %llx hw %llx fl=%02x%s lib %llx fl=%02x\n", m,
		       (unsigned long long)a, (unsigned long long)b, (unsigned long long)hw->r,
		       hw->mxcsr & 0x3f, hw->faulted ? " (fault)" : "", (unsigned long long)r, e->flags);
	return false;
}

static bool case_sse32(unsigned long long idx, int which)
{
	static const char *names[] = { "addss", "subss", "mulss", "divss", "minss", "maxss",
				       "sqrtss", "comiss", "ucomiss" };
	u32 a = (u32)gen_narrow(23), b = (u32)gen_narrow_pair(a, 23);
	u32 m = gen_mxcsr();
	struct sseres hw;
	struct fp_env e = env_of_mxcsr(m);
	u64 r;
	static const u64 zpc[] = { 1, 4, 0, 7 }; /* LT EQ GT UN as ZF PF CF */
	switch (which) {
	case 0: SSE_RUN(hw, hw_addss(a, b, m, &hw)); r = f32_add(&e, a, b); break;
	case 1: SSE_RUN(hw, hw_subss(a, b, m, &hw)); r = f32_sub(&e, a, b); break;
	case 2: SSE_RUN(hw, hw_mulss(a, b, m, &hw)); r = f32_mul(&e, a, b); break;
	case 3: SSE_RUN(hw, hw_divss(a, b, m, &hw)); r = f32_div(&e, a, b); break;
	case 4: SSE_RUN(hw, hw_minss(a, b, m, &hw)); r = f32_min(&e, a, b); break;
	case 5: SSE_RUN(hw, hw_maxss(a, b, m, &hw)); r = f32_max(&e, a, b); break;
	case 6: SSE_RUN(hw, hw_sqrtss(a, b, m, &hw)); r = f32_sqrt(&e, b); break;
	case 7: SSE_RUN(hw, hw_comiss(a, b, m, &hw)); r = zpc[f32_compare(&e, a, b, false)]; break;
	default: SSE_RUN(hw, hw_ucomiss(a, b, m, &hw)); r = zpc[f32_compare(&e, a, b, true)]; break;
	}
	return check_sse(names[which], idx, m, a, b, &hw, r, &e);
}

static bool case_sse64(unsigned long long idx, int which)
{
	static const char *names[] = { "addsd", "subsd", "mulsd", "divsd", "minsd", "maxsd",
				       "sqrtsd", "comisd", "ucomisd" };
	u64 a = gen_narrow(52), b = gen_narrow_pair(a, 52);
	u32 m = gen_mxcsr();
	struct sseres hw;
	struct fp_env e = env_of_mxcsr(m);
	u64 r;
	static const u64 zpc[] = { 1, 4, 0, 7 };
	switch (which) {
	case 0: SSE_RUN(hw, hw_addsd(a, b, m, &hw)); r = f64_add(&e, a, b); break;
	case 1: SSE_RUN(hw, hw_subsd(a, b, m, &hw)); r = f64_sub(&e, a, b); break;
	case 2: SSE_RUN(hw, hw_mulsd(a, b, m, &hw)); r = f64_mul(&e, a, b); break;
	case 3: SSE_RUN(hw, hw_divsd(a, b, m, &hw)); r = f64_div(&e, a, b); break;
	case 4: SSE_RUN(hw, hw_minsd(a, b, m, &hw)); r = f64_min(&e, a, b); break;
	case 5: SSE_RUN(hw, hw_maxsd(a, b, m, &hw)); r = f64_max(&e, a, b); break;
	case 6: SSE_RUN(hw, hw_sqrtsd(a, b, m, &hw)); r = f64_sqrt(&e, b); break;
	case 7: SSE_RUN(hw, hw_comisd(a, b, m, &hw)); r = zpc[f64_compare(&e, a, b, false)]; break;
	default: SSE_RUN(hw, hw_ucomisd(a, b, m, &hw)); r = zpc[f64_compare(&e, a, b, true)]; break;
	}
	return check_sse(names[which], idx, m, a, b, &hw, r, &e);
}

static bool case_cvt(unsigned long long idx, int which)
{
	static const char *names[] = { "cvtss2sd", "cvtsd2ss", "cvtsi2ss", "cvtsi2sd", "cvtss2si",
				       "cvttss2si", "cvtsd2si", "cvttsd2si" };
	u32 m = gen_mxcsr();
	struct sseres hw;
	struct fp_env e = env_of_mxcsr(m);
	u64 a = gen_narrow(which & 1 ? 52 : 23), r;
	if (which == 1 && rndn(2)) { /* f64 in and around f32 range */
		u64 ex = 1023 + rndn(320) - 160;
		a = (a & 0x800fffffffffffffull) | ex << 52;
		if (rndn(4) == 0) /* just below f32's smallest normal */
			a = (a & 1ull << 63) | (u64)(1023 - 127 + rndn(2)) << 52 |
			    (0xfffffffffffffull << rndn(12) & 0xfffffffffffffull);
	}
	s32 iv = (s32)(rnd() >> rndn(64));
	switch (which) {
	case 0: SSE_RUN(hw, hw_cvtss2sd((u32)a, m, &hw)); r = f32_to_f64(&e, (u32)a); break;
	case 1: SSE_RUN(hw, hw_cvtsd2ss(a, m, &hw)); r = f64_to_f32(&e, a); break;
	case 2: a = (u32)iv; SSE_RUN(hw, hw_cvtsi2ss(iv, m, &hw)); r = f32_from_i32(&e, iv); break;
	case 3: a = (u32)iv; SSE_RUN(hw, hw_cvtsi2sd(iv, m, &hw)); r = f64_from_i32(iv); break;
	case 4: SSE_RUN(hw, hw_cvtss2si((u32)a, m, &hw)); r = (u32)f32_to_i32(&e, (u32)a, false); break;
	case 5: SSE_RUN(hw, hw_cvttss2si((u32)a, m, &hw)); r = (u32)f32_to_i32(&e, (u32)a, true); break;
	case 6: SSE_RUN(hw, hw_cvtsd2si(a, m, &hw)); r = (u32)f64_to_i32(&e, a, false); break;
	default: SSE_RUN(hw, hw_cvttsd2si(a, m, &hw)); r = (u32)f64_to_i32(&e, a, true); break;
	}
	return check_sse(names[which], idx, m, a, 0, &hw, r, &e);
}

struct op {
	const char *name;
	case_fn fn;
	int which;
	unsigned weight;
};

static const struct op ops[] = {
	{ "fadd", case_f80_bin, 0, 6 },     { "fsub", case_f80_bin, 1, 6 },
	{ "fmul", case_f80_bin, 2, 6 },     { "fdiv", case_f80_bin, 3, 6 },
	{ "fscale", case_f80_bin, 4, 2 },   { "fsqrt", case_f80_un, 0, 5 },
	{ "frndint", case_f80_un, 1, 2 },   { "fxtract", case_fxtract, 0, 1 },
	{ "fcom", case_fcom, 0, 1 },        { "fucom", case_fcom, 1, 1 },
	{ "fild", case_fild, 0, 1 },        { "fist16", case_fist, 0, 1 },
	{ "fist32", case_fist, 1, 1 },      { "fist64", case_fist, 2, 1 },
	{ "fisttp16", case_fist, 3, 1 },    { "fisttp32", case_fist, 4, 1 },
	{ "fisttp64", case_fist, 5, 1 },    { "fst32", case_fst, 0, 2 },
	{ "fst64", case_fst, 1, 2 },        { "fld32", case_fld, 0, 1 },
	{ "fld64", case_fld, 1, 1 },        { "addss", case_sse32, 0, 2 },
	{ "subss", case_sse32, 1, 2 },      { "mulss", case_sse32, 2, 2 },
	{ "divss", case_sse32, 3, 2 },      { "minss", case_sse32, 4, 1 },
	{ "maxss", case_sse32, 5, 1 },      { "sqrtss", case_sse32, 6, 2 },
	{ "comiss", case_sse32, 7, 1 },     { "ucomiss", case_sse32, 8, 1 },
	{ "addsd", case_sse64, 0, 2 },      { "subsd", case_sse64, 1, 2 },
	{ "mulsd", case_sse64, 2, 2 },      { "divsd", case_sse64, 3, 2 },
	{ "minsd", case_sse64, 4, 1 },      { "maxsd", case_sse64, 5, 1 },
	{ "sqrtsd", case_sse64, 6, 2 },     { "comisd", case_sse64, 7, 1 },
	{ "ucomisd", case_sse64, 8, 1 },    { "cvtss2sd", case_cvt, 0, 1 },
	{ "cvtsd2ss", case_cvt, 1, 2 },     { "cvtsi2ss", case_cvt, 2, 1 },
	{ "cvtsi2sd", case_cvt, 3, 1 },     { "cvtss2si", case_cvt, 4, 1 },
	{ "cvttss2si", case_cvt, 5, 1 },    { "cvtsd2si", case_cvt, 6, 1 },
	{ "cvttsd2si", case_cvt, 7, 1 },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

int main(int argc, char **argv)
{
	unsigned long long seed = 1, n = 1000000;
	const char *only = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			n = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else {
			fprintf(stderr, "usage: fphost [-s SEED] [-n CASES] [-o OP] [-v]\n");
			return 2;
		}
	}
	unsigned total = 0;
	for (unsigned i = 0; i < NOPS; i++)
		if (!only || !strcmp(only, ops[i].name))
			total += ops[i].weight;
	if (!total) {
		fprintf(stderr, "fphost: no operation %s\n", only);
		return 2;
	}
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_sigfpe;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGFPE, &sa, NULL);
	rng_state = seed;
	unsigned long long passed = 0;
	for (unsigned long long idx = 0; idx < n; idx++) {
		unsigned pick = rndn(total), i = 0;
		for (;; i++) {
			if (only && strcmp(only, ops[i].name))
				continue;
			if (pick < ops[i].weight)
				break;
			pick -= ops[i].weight;
		}
		passed += ops[i].fn(idx, ops[i].which);
	}
	printf("%llu passed, %llu failed\n", passed, failures);
	return failures ? 1 : 0;
}
#endif
