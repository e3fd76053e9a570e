/* fp.h - xlat's own floating point (DESIGN 13: no packaged softfloat).
 *
 * The 80-bit extended format of the x87 and the 32/64-bit formats of SSE,
 * computed with integer arithmetic only, so every host (aarch64 included)
 * gets the same bits as an Intel CPU. Nothing here touches struct cpu: the
 * caller passes the rounding/precision/mask settings in a struct fp_env and
 * reads back the exception flags the operation raised.
 *
 * Semantics follow the Intel SDM (Vol. 1, ch. 4, 8, 11 and the instruction
 * pages), not generic IEEE 754 where the two differ:
 *  - f80 operations follow x87 rules: NaN propagation picks the NaN with the
 *    larger significand, SNaNs are quieted and raise IE, unsupported
 *    encodings (pseudo-NaN, pseudo-infinity, unnormal) raise IE and give the
 *    indefinite, pseudo-denormals are read as denormals with exponent 1, the
 *    precision control (pc) rounds add/sub/mul/div/sqrt only, and unmasked
 *    overflow/underflow give the result scaled by 2^-24576 / 2^+24576 as the
 *    x87 delivers it to a register.
 *  - f32/f64 operations follow SSE rules: a NaN result is the first source
 *    operand if it is a NaN (quieted), else the second; DAZ reads denormal
 *    inputs as zero (no DE); FTZ flushes tiny results to zero when UE is
 *    masked (raising UE and PE); the default NaN is the negative QNaN.
 *  - Underflow: when UE is masked it is raised only for a tiny and inexact
 *    result; when unmasked, for any tiny result. Tininess is detected after
 *    rounding, as Intel CPUs do.
 */
#ifndef XLAT_XLAT_FP_H
#define XLAT_XLAT_FP_H

#include <string.h>
#include "xlat/types.h"

/* An x87 register value: sig holds the 64-bit significand with the explicit
 * integer bit at bit 63, se the sign (bit 15) and biased exponent (bits
 * 0-14, bias 16383). */
typedef struct f80 {
	u64 sig;
	u16 se;
} f80;

#define F80_BIAS 16383
#define F80_EXP_MAX 0x7fff
static inline f80 f80_make(bool sign, unsigned exp, u64 sig)
{
	return (f80){ sig, (u16)((sign ? 0x8000u : 0) | (exp & 0x7fff)) };
}
static inline bool f80_sign(f80 a) { return a.se >> 15; }
static inline unsigned f80_exp(f80 a) { return a.se & 0x7fff; }

/* Exception flags: the same bits in the x87 status word and in MXCSR. */
#define FPX_IE 0x01u /* invalid operation */
#define FPX_DE 0x02u /* denormal operand */
#define FPX_ZE 0x04u /* zero divide */
#define FPX_OE 0x08u /* overflow */
#define FPX_UE 0x10u /* underflow */
#define FPX_PE 0x20u /* precision (inexact) */
#define FPX_ALL 0x3fu

/* Rounding control: the encoding of x87 CW.RC and MXCSR.RC */
enum { FPR_NEAR = 0, FPR_DOWN = 1, FPR_UP = 2, FPR_ZERO = 3 };

struct fp_env {
	u8 rc;     /* FPR_* */
	u8 pc;     /* x87 precision control: 24, 53 or 64 significand bits */
	u8 masks;  /* FPX_* exceptions that are masked (x87 CW / MXCSR bits 7-12 >> 7) */
	u8 flags;  /* FPX_* raised: operations OR bits in, never clear them */
	bool daz;  /* SSE: denormal inputs are read as zero */
	bool ftz;  /* SSE: tiny results become zero when UE is masked */
	bool c1;   /* x87: set when the delivered result was rounded up (away from zero
	            * in magnitude), cleared by operations that round otherwise */
	u8 pad;    /* to eight bytes, so fp_env_make can build it in a register */
};

/* A fresh environment (no flags raised). Handlers build one per
 * instruction, so it is assembled in a register and stored whole: built
 * field by field, compilers store it in pieces and the first 8-byte load
 * of it stalls on store forwarding. Little-endian hosts only, as is the
 * rest of xlat. */
static inline struct fp_env fp_env_make(unsigned rc, unsigned pc, unsigned masks, bool daz, bool ftz)
{
	_Static_assert(sizeof(struct fp_env) == 8, "fp_env is packed into one u64");
	_Static_assert(offsetof(struct fp_env, daz) == 4 && offsetof(struct fp_env, ftz) == 5,
		       "fp_env layout");
	u64 v = (u64)(rc & 3) | (u64)(pc & 0xff) << 8 | (u64)(masks & FPX_ALL) << 16 | (u64)daz << 32 |
		(u64)ftz << 40;
	struct fp_env e;
	memcpy(&e, &v, sizeof(e));
	return e;
}

/* Constants */
#define F80_INDEFINITE ((f80){ 0xc000000000000000ull, 0xffff })
#define F32_DEFAULT_NAN 0xffc00000u
#define F64_DEFAULT_NAN 0xfff8000000000000ull

/* Comparison results */
enum { FP_LT = 0, FP_EQ = 1, FP_GT = 2, FP_UN = 3 };

/* ---- classification ---- */
enum fp_class {
	FPC_ZERO, FPC_DENORMAL, FPC_NORMAL, FPC_INF, FPC_QNAN, FPC_SNAN,
	FPC_UNSUPPORTED /* f80 only: pseudo-NaN/-infinity, unnormal */
};
enum fp_class f80_classify(f80 a);     /* pseudo-denormals count as FPC_DENORMAL */
bool f80_is_pseudo_denormal(f80 a);

/* ---- f80 arithmetic (x87 rules; pc applies to these five) ---- */
f80 f80_add(struct fp_env *e, f80 a, f80 b);
f80 f80_sub(struct fp_env *e, f80 a, f80 b);  /* a - b */
f80 f80_mul(struct fp_env *e, f80 a, f80 b);
f80 f80_div(struct fp_env *e, f80 a, f80 b);  /* a / b */
f80 f80_sqrt(struct fp_env *e, f80 a);

/* Round a (exact, possibly wider) value to the destination: value =
 * (-1)^sign * (hi:lo as a 128-bit significand whose bit 127 has weight 2^0)
 * * 2^(exp - 16383). prec is 24, 53 or 64 significand bits; the exponent
 * range is always the f80's. Raises OE/UE/PE per e->masks and sets e->c1.
 * This is the one rounding step every f80 result goes through. */
f80 f80_round_pack(struct fp_env *e, bool sign, s32 exp, u64 hi, u64 lo, unsigned prec);

/* x87 FCOM/FUCOM/FCOMI: quiet=false raises IE for any NaN operand,
 * quiet=true only for SNaNs. Denormal operands raise DE. */
int f80_compare(struct fp_env *e, f80 a, f80 b, bool quiet);

/* FRNDINT: round to an integer in e->rc (pc does not apply). */
f80 f80_round_int(struct fp_env *e, f80 a);
/* FSCALE: a * 2^trunc(b). */
f80 f80_scale(struct fp_env *e, f80 a, f80 b);
/* FXTRACT: *exp = unbiased exponent of a, *sig = a with exponent 0 (bias). */
void f80_xtract(struct fp_env *e, f80 a, f80 *exp, f80 *sig);
/* FPREM (ieee=false, truncating quotient) / FPREM1 (ieee=true, nearest):
 * partial remainder of *a by b, at most 63 quotient bits per call as the
 * x87 does. Returns the status-word condition bits: C2 (0x400) when
 * incomplete, else C0 (0x100) = Q2, C3 (0x4000) = Q1, C1 (0x200) = Q0. */
u16 f80_prem(struct fp_env *e, f80 *a, f80 b, bool ieee);

/* ---- conversions ---- */
f80 f80_from_i64(s64 v);                        /* exact: FILD m16/m32/m64 */
/* FIST/FISTP (trunc=false: e->rc) and FISTTP (trunc=true). bits 16/32/64.
 * Out of range or NaN: IE and the integer indefinite (only the sign bit). */
s64 f80_to_int(struct fp_env *e, f80 a, unsigned bits, bool trunc);
f80 f80_from_f32(struct fp_env *e, u32 a);      /* exact; SNaN -> IE, quieted; denormal -> DE */
f80 f80_from_f64(struct fp_env *e, u64 a);
u32 f80_to_f32(struct fp_env *e, f80 a);        /* rounded per e->rc */
u64 f80_to_f64(struct fp_env *e, f80 a);
f80 f80_from_bcd(const u8 bcd[10]);             /* FBLD */
void f80_to_bcd(struct fp_env *e, f80 a, u8 bcd[10]); /* FBSTP; invalid -> BCD indefinite */

/* ---- transcendentals: computed at higher precision, rounded once ----
 * Arguments out of range (|x| >= 2^63 for the trig functions) leave the
 * operand unchanged and return false (the caller sets C2). */
bool f80_sin(struct fp_env *e, f80 a, f80 *r);
bool f80_cos(struct fp_env *e, f80 a, f80 *r);
bool f80_sincos(struct fp_env *e, f80 a, f80 *s, f80 *c);
bool f80_tan(struct fp_env *e, f80 a, f80 *r);  /* FPTAN (the caller pushes 1.0) */
f80 f80_atan2(struct fp_env *e, f80 y, f80 x);  /* FPATAN: atan(y / x), quadrant from signs */
f80 f80_2xm1(struct fp_env *e, f80 a);          /* F2XM1: 2^a - 1, -1 <= a <= 1 */
f80 f80_yl2x(struct fp_env *e, f80 x, f80 y);   /* FYL2X: y * log2(x) */
f80 f80_yl2xp1(struct fp_env *e, f80 x, f80 y); /* FYL2XP1: y * log2(x + 1) */

/* ---- f32 / f64 (SSE rules; raw IEEE bits) ---- */
u32 f32_add(struct fp_env *e, u32 a, u32 b);
u32 f32_sub(struct fp_env *e, u32 a, u32 b);
u32 f32_mul(struct fp_env *e, u32 a, u32 b);
u32 f32_div(struct fp_env *e, u32 a, u32 b);
u32 f32_sqrt(struct fp_env *e, u32 a);
u64 f64_add(struct fp_env *e, u64 a, u64 b);
u64 f64_sub(struct fp_env *e, u64 a, u64 b);
u64 f64_mul(struct fp_env *e, u64 a, u64 b);
u64 f64_div(struct fp_env *e, u64 a, u64 b);
u64 f64_sqrt(struct fp_env *e, u64 a);
/* Compare for CMPPS/COMISS and MIN/MAX: quiet=false raises IE on any NaN
 * (COMISS, CMPLT/LE/NLT/NLE), quiet=true only on SNaN (UCOMISS, CMPEQ...).
 * DAZ applies; denormal operands raise DE unless DAZ. */
int f32_compare(struct fp_env *e, u32 a, u32 b, bool quiet);
int f64_compare(struct fp_env *e, u64 a, u64 b, bool quiet);
/* MINPS/MAXPS etc.: x86 semantics (the second operand when either is a NaN
 * or both are zeros); IE for any NaN, DE for denormals (DAZ applies). */
u32 f32_min(struct fp_env *e, u32 a, u32 b);
u32 f32_max(struct fp_env *e, u32 a, u32 b);
u64 f64_min(struct fp_env *e, u64 a, u64 b);
u64 f64_max(struct fp_env *e, u64 a, u64 b);
/* conversions between formats and to/from integers (CVT*, CVTT*) */
u64 f32_to_f64(struct fp_env *e, u32 a);
u32 f64_to_f32(struct fp_env *e, u64 a);
u32 f32_from_i32(struct fp_env *e, s32 v);
u64 f64_from_i32(s32 v);                        /* exact */
/* trunc=false rounds per e->rc; out of range/NaN -> IE, 0x80000000 */
s32 f32_to_i32(struct fp_env *e, u32 a, bool trunc);
s32 f64_to_i32(struct fp_env *e, u64 a, bool trunc);

#endif
