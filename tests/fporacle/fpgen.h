/* fpgen.h - the FP oracle's case generator: one instruction form per case
 * (or a short sequence), the x87/MMX/SSE state it starts from, and how its
 * result is compared. */
#ifndef XLAT_TESTS_FPORACLE_FPGEN_H
#define XLAT_TESTS_FPORACLE_FPGEN_H

#include <stdint.h>
#include "fporacle.h"

enum fp_family { FAM_X87, FAM_MMX, FAM_SSE, FAM_SSE2, FAM_SEQ, FAM_N };

/* How a case's results are compared (everything not named is exact). */
enum fp_check {
	CHK_EXACT,
	CHK_ULP,   /* x87 transcendental: the stack registers within 1 ulp, C1 free then */
	CHK_RCP,   /* RCPPS/RCPSS: XMM result within 1.5 * 2^-12 of 1/x */
	CHK_RSQRT, /* RSQRTPS/RSQRTSS: within 1.5 * 2^-12 of 1/sqrt(x) */
};

/* A form: one encoding shape of one instruction. The fields are read by the
 * generator named by gen (fpforms.c says what each means for it). */
struct fpform {
	const char *name;
	uint8_t fam;   /* enum fp_family */
	uint8_t gen;   /* generator: GEN_* in fpforms.c */
	uint8_t pfx;   /* SIMD mandatory prefix (0, 0x66, 0xf3, 0xf2); x87: 0x9b or 0x66 */
	uint8_t op;    /* SIMD: the byte after 0F; x87: the escape byte D8-DF */
	uint8_t modrm; /* x87: ModRM.reg (memory) or the ModRM byte; SIMD: a group's reg */
	uint8_t dst;   /* operand kinds (K_* in fpforms.c) */
	uint8_t src;
	uint8_t msize; /* memory operand size in bytes (0: no memory form) */
	uint8_t et;    /* element/value type of the sources (ET_*) */
	uint8_t dt;    /* and of the destination's old value */
	uint32_t flags;
};

/* ---- the vocabulary of the form table (fpforms.c) ---- */
enum { GEN_X87, GEN_SIMD, GEN_SEQ };

/* x87 operand kinds (dst field) */
enum { XK_NONE, XK_STI, XK_MEM };
/* x87 memory operands (et field): what the generator puts there */
enum {
	MT_I16 = 1, MT_I32, MT_I64, MT_F32, MT_F64, MT_F80, MT_BCD,
	MT_CW,      /* FLDCW: a control word */
	MT_OUT,     /* a pure destination: random bytes */
	MT_ENV,     /* FLDENV image (msize 28, or 14 under 66) */
	MT_ENVOUT,  /* FNSTENV: instruction/data pointers not compared */
	MT_SAVE,    /* FRSTOR image (108 or 94) */
	MT_SAVEOUT, /* FNSAVE */
	MT_FXRSTOR, /* FXRSTOR image, 16-aligned */
	MT_FXSAVE,  /* FXSAVE area */
	MT_MXCSR,   /* LDMXCSR: an MXCSR value */
	MT_ANY,     /* CLFLUSH, PREFETCH: contents unused */
};

/* SIMD operand kinds */
enum { K_NONE, K_MM, K_XMM, K_R32 };
/* SIMD element types */
enum { ET_BITS = 1, ET_I8, ET_I16, ET_I32, ET_I64, ET_F32, ET_F64, ET_CNT, ET_MASK };

#define F_IMM 0x0001u   /* imm8, random */
#define F_CMP 0x0002u   /* imm8 comparison predicate 0-7 */
#define F_SHI 0x0004u   /* imm8 shift count */
#define F_ALIGN 0x0008u /* m128 must be 16-aligned (#GP otherwise) */
#define F_STORE 0x0010u /* the r/m operand is the destination */
#define F_NOREG 0x0020u /* memory form only */
#define F_NOMEM 0x0040u /* register form only */
#define F_GRP 0x0080u   /* 0F 71-73/AE group: ModRM.reg is the modrm field */
#define F_EDI 0x0100u   /* MASKMOVQ/MASKMOVDQU: stores to [EDI] */
#define F_ULP 0x0200u   /* x87 transcendental: 1-ulp tolerance */
#define F_RCP 0x0400u   /* approximate reciprocal */
#define F_RSQ 0x0800u   /* approximate reciprocal square root */
#define F_OPT 0x1000u   /* not in default runs (not an instruction xlat claims) */
#define F_DOM1 0x2000u  /* ST(0) operand within [-1, 1] (F2XM1) */
#define F_DOMS 0x4000u  /* ST(0) operand within |x| < 1 - sqrt(2)/2 (FYL2XP1) */
#define F_FIXED 0x8000u /* SIMD: the ModRM byte is the modrm field (fences) */
#define F_U023 0x10000u /* x87: C0, C2, C3 undefined after it */
#define F_U03 0x20000u  /* x87: C0, C3 undefined */
#define F_U0123 0x40000u /* x87: C0-C3 undefined */
#define F_SWST 0x80000u /* stores the status word (not in sequences: it would show
			 * an earlier member's undefined condition codes) */

extern const struct fpform fp_forms[];
extern const unsigned fp_nforms;
extern const char *const fp_family_name[FAM_N];

struct tcase {
	struct fpo_in in;
	unsigned form;
	unsigned nsub;
	unsigned sub[3];        /* a sequence's forms */
	unsigned check;         /* enum fp_check */
	uint8_t approx_src[16]; /* CHK_RCP/RSQRT: the source operand */
	unsigned approx_n;      /* elements computed (1 scalar, 4 packed) */
	uint8_t ignore[FPO_DATA_SIZE / 8]; /* data bytes not compared (bit set) */
	uint16_t sw_free;       /* status word bits not compared (undefined C0-C3) */
};

/* Is form f in the run? sel is a bitmap over fp_forms. */
static inline int fp_selected(const uint8_t *sel, unsigned f) { return sel[f / 8] >> (f % 8) & 1; }

/* Case number index of the run with this seed; the same (seed, index, sel)
 * gives the same case. */
void gen_case(uint64_t seed, uint64_t index, const uint8_t *sel, unsigned nsel, struct tcase *tc);

/* The forms a default run draws from (not the optional ones). */
int fp_form_default(unsigned f);

#endif
