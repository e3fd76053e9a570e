/* fpforms.c - every x87, MMX, SSE and SSE2 instruction form the FP oracle
 * generates (SDM Vol. 2 opcode maps A-7..A-10 for the x87 escapes, A-3 for
 * the 0F map), with the values its operands take.
 *
 * x87 rows: XM (memory, ModRM.reg and what the operand holds), XR (ST(i)
 * forms: the ModRM byte for i = 0), XN (one fixed ModRM byte). The escape
 * 0xAE means 0F AE (FXSAVE/FXRSTOR). A prefix of 0x9b makes the waiting
 * form (FSTCW...), 0x66 the 16-bit FLDENV/FNSTENV/FRSTOR/FNSAVE layouts.
 *
 * SIMD rows: S(name, family, prefix, op, dst, src, msize, et, dt, flags):
 * dst is in ModRM.reg and src in ModRM.rm (or the memory operand), except
 * with F_STORE, where the r/m operand (register or memory) is written from
 * the register in ModRM.reg (then src names the ModRM.reg kind). et is what
 * the sources hold, dt what the destination holds before (0: same as et). */
#include "fpgen.h"

/* condition codes the SDM leaves undefined after the instruction ("FPU
 * Flags Affected"): not compared */
#define U023 F_U023
#define U03 F_U03
#define U0123 F_U0123
#define XM(n, esc, reg, mt, size, fl) { n, FAM_X87, GEN_X87, 0, esc, reg, XK_MEM, 0, size, mt, 0, fl }
#define XM66(n, esc, reg, mt, size, fl) { n, FAM_X87, GEN_X87, 0x66, esc, reg, XK_MEM, 0, size, mt, 0, fl }
#define XMW(n, esc, reg, mt, size, fl) { n, FAM_X87, GEN_X87, 0x9b, esc, reg, XK_MEM, 0, size, mt, 0, fl }
#define XR(n, esc, modrm, fl) { n, FAM_X87, GEN_X87, 0, esc, modrm, XK_STI, 0, 0, 0, 0, fl }
#define XN(n, esc, modrm, fl) { n, FAM_X87, GEN_X87, 0, esc, modrm, XK_NONE, 0, 0, 0, 0, fl }
#define XNW(n, esc, modrm, fl) { n, FAM_X87, GEN_X87, 0x9b, esc, modrm, XK_NONE, 0, 0, 0, 0, fl }
#define S(n, fam, pfx, op, d, s, ms, et, dt, fl) { n, fam, GEN_SIMD, pfx, op, 0, d, s, ms, et, dt, fl }
#define SG(n, fam, pfx, op, reg, et, fl) \
	{ n, fam, GEN_SIMD, pfx, op, reg, (pfx) ? K_XMM : K_MM, K_NONE, 0, et, 0, (fl) | F_GRP | F_NOMEM | F_SHI }
/* an MMX row and its SSE2 XMM twin (66 prefix, m128 aligned) */
#define MX(n, fam, op, ms, et, fl) \
	S(n, fam, 0, op, K_MM, K_MM, ms, et, 0, fl), \
	S(n "_x", FAM_SSE2, 0x66, op, K_XMM, K_XMM, 16, et, 0, (fl) | F_ALIGN)
/* packed single, scalar single, packed double, scalar double */
#define PSD(n, op, fl) \
	S(n "ps", FAM_SSE, 0, op, K_XMM, K_XMM, 16, ET_F32, 0, (fl) | F_ALIGN), \
	S(n "ss", FAM_SSE, 0xf3, op, K_XMM, K_XMM, 4, ET_F32, 0, fl), \
	S(n "pd", FAM_SSE2, 0x66, op, K_XMM, K_XMM, 16, ET_F64, 0, (fl) | F_ALIGN), \
	S(n "sd", FAM_SSE2, 0xf2, op, K_XMM, K_XMM, 8, ET_F64, 0, fl)
/* the eight D8/DC/DA/DE arithmetic rows of one memory type */
#define XARITH(sfx, esc, mt, size) \
	XM("fadd_" sfx, esc, 0, mt, size, U023), XM("fmul_" sfx, esc, 1, mt, size, U023), \
	XM("fcom_" sfx, esc, 2, mt, size, 0), XM("fcomp_" sfx, esc, 3, mt, size, 0), \
	XM("fsub_" sfx, esc, 4, mt, size, U023), XM("fsubr_" sfx, esc, 5, mt, size, U023), \
	XM("fdiv_" sfx, esc, 6, mt, size, U023), XM("fdivr_" sfx, esc, 7, mt, size, U023)
#define XIARITH(sfx, esc, mt, size) \
	XM("fiadd_" sfx, esc, 0, mt, size, U023), XM("fimul_" sfx, esc, 1, mt, size, U023), \
	XM("ficom_" sfx, esc, 2, mt, size, 0), XM("ficomp_" sfx, esc, 3, mt, size, 0), \
	XM("fisub_" sfx, esc, 4, mt, size, U023), XM("fisubr_" sfx, esc, 5, mt, size, U023), \
	XM("fidiv_" sfx, esc, 6, mt, size, U023), XM("fidivr_" sfx, esc, 7, mt, size, U023)

const struct fpform fp_forms[] = {
	/* ---- x87 arithmetic ---- */
	XARITH("m32", 0xd8, MT_F32, 4),
	XARITH("m64", 0xdc, MT_F64, 8),
	XIARITH("m32i", 0xda, MT_I32, 4),
	XIARITH("m16i", 0xde, MT_I16, 2),
	XR("fadd_st0_sti", 0xd8, 0xc0, U023), XR("fmul_st0_sti", 0xd8, 0xc8, U023),
	XR("fcom_sti", 0xd8, 0xd0, 0), XR("fcomp_sti", 0xd8, 0xd8, 0),
	XR("fsub_st0_sti", 0xd8, 0xe0, U023), XR("fsubr_st0_sti", 0xd8, 0xe8, U023),
	XR("fdiv_st0_sti", 0xd8, 0xf0, U023), XR("fdivr_st0_sti", 0xd8, 0xf8, U023),
	XR("fadd_sti_st0", 0xdc, 0xc0, U023), XR("fmul_sti_st0", 0xdc, 0xc8, U023),
	XR("fsubr_sti_st0", 0xdc, 0xe0, U023), XR("fsub_sti_st0", 0xdc, 0xe8, U023),
	XR("fdivr_sti_st0", 0xdc, 0xf0, U023), XR("fdiv_sti_st0", 0xdc, 0xf8, U023),
	XR("faddp", 0xde, 0xc0, U023), XR("fmulp", 0xde, 0xc8, U023),
	XR("fsubrp", 0xde, 0xe0, U023), XR("fsubp", 0xde, 0xe8, U023),
	XR("fdivrp", 0xde, 0xf0, U023), XR("fdivp", 0xde, 0xf8, U023),
	XN("fsqrt", 0xd9, 0xfa, U023), XN("fchs", 0xd9, 0xe0, U023), XN("fabs", 0xd9, 0xe1, U023),
	XN("frndint", 0xd9, 0xfc, U023), XN("fscale", 0xd9, 0xfd, U023), XN("fxtract", 0xd9, 0xf4, U023),
	XN("fprem", 0xd9, 0xf8, 0), XN("fprem1", 0xd9, 0xf5, 0),
	/* ---- x87 compare and classify ---- */
	XN("fcompp", 0xde, 0xd9, 0), XN("fucompp", 0xda, 0xe9, 0),
	XR("fucom", 0xdd, 0xe0, 0), XR("fucomp", 0xdd, 0xe8, 0),
	XR("fcomi", 0xdb, 0xf0, 0), XR("fucomi", 0xdb, 0xe8, 0),
	XR("fcomip", 0xdf, 0xf0, 0), XR("fucomip", 0xdf, 0xe8, 0),
	XN("ftst", 0xd9, 0xe4, 0), XN("fxam", 0xd9, 0xe5, 0),
	XR("fcom2", 0xdc, 0xd0, 0), XR("fcomp3", 0xdc, 0xd8, 0), XR("fcomp5", 0xde, 0xd0, 0),
	/* ---- x87 transcendental ---- */
	XN("fsin", 0xd9, 0xfe, F_ULP | U03), XN("fcos", 0xd9, 0xff, F_ULP | U03),
	XN("fsincos", 0xd9, 0xfb, F_ULP | U03), XN("fptan", 0xd9, 0xf2, F_ULP | U03),
	XN("fpatan", 0xd9, 0xf3, F_ULP | U023), XN("f2xm1", 0xd9, 0xf0, F_ULP | F_DOM1 | U023),
	XN("fyl2x", 0xd9, 0xf1, F_ULP | U023), XN("fyl2xp1", 0xd9, 0xf9, F_ULP | F_DOMS | U023),
	/* ---- x87 load, store, convert, constants ---- */
	XM("fld_m32", 0xd9, 0, MT_F32, 4, U023), XM("fld_m64", 0xdd, 0, MT_F64, 8, U023),
	XM("fld_m80", 0xdb, 5, MT_F80, 10, U023),
	XM("fst_m32", 0xd9, 2, MT_OUT, 4, U023), XM("fstp_m32", 0xd9, 3, MT_OUT, 4, U023),
	XM("fst_m64", 0xdd, 2, MT_OUT, 8, U023), XM("fstp_m64", 0xdd, 3, MT_OUT, 8, U023),
	XM("fstp_m80", 0xdb, 7, MT_OUT, 10, U023),
	XM("fild_m16", 0xdf, 0, MT_I16, 2, U023), XM("fild_m32", 0xdb, 0, MT_I32, 4, U023),
	XM("fild_m64", 0xdf, 5, MT_I64, 8, U023),
	XM("fist_m16", 0xdf, 2, MT_OUT, 2, U023), XM("fist_m32", 0xdb, 2, MT_OUT, 4, U023),
	XM("fistp_m16", 0xdf, 3, MT_OUT, 2, U023), XM("fistp_m32", 0xdb, 3, MT_OUT, 4, U023),
	XM("fistp_m64", 0xdf, 7, MT_OUT, 8, U023),
	XM("fisttp_m16", 0xdf, 1, MT_OUT, 2, F_OPT | U023), XM("fisttp_m32", 0xdb, 1, MT_OUT, 4, F_OPT | U023),
	XM("fisttp_m64", 0xdd, 1, MT_OUT, 8, F_OPT | U023),
	XM("fbld", 0xdf, 4, MT_BCD, 10, U023), XM("fbstp", 0xdf, 6, MT_OUT, 10, U023),
	XR("fld_sti", 0xd9, 0xc0, U023), XR("fst_sti", 0xdd, 0xd0, U023), XR("fstp_sti", 0xdd, 0xd8, U023),
	XR("fxch", 0xd9, 0xc8, U023), XR("fxch4", 0xdd, 0xc8, U023), XR("fxch7", 0xdf, 0xc8, U023),
	XR("fstp1", 0xd9, 0xd8, U023), XR("fstp8", 0xdf, 0xd0, U023), XR("fstp9", 0xdf, 0xd8, U023),
	XR("fcmovb", 0xda, 0xc0, U023), XR("fcmove", 0xda, 0xc8, U023),
	XR("fcmovbe", 0xda, 0xd0, U023), XR("fcmovu", 0xda, 0xd8, U023),
	XR("fcmovnb", 0xdb, 0xc0, U023), XR("fcmovne", 0xdb, 0xc8, U023),
	XR("fcmovnbe", 0xdb, 0xd0, U023), XR("fcmovnu", 0xdb, 0xd8, U023),
	XN("fld1", 0xd9, 0xe8, U023), XN("fldl2t", 0xd9, 0xe9, U023), XN("fldl2e", 0xd9, 0xea, U023),
	XN("fldpi", 0xd9, 0xeb, U023), XN("fldlg2", 0xd9, 0xec, U023), XN("fldln2", 0xd9, 0xed, U023),
	XN("fldz", 0xd9, 0xee, U023),
	/* ---- x87 control ---- */
	XR("ffree", 0xdd, 0xc0, U0123), XR("ffreep", 0xdf, 0xc0, U0123),
	XN("fdecstp", 0xd9, 0xf6, U023), XN("fincstp", 0xd9, 0xf7, U023), XN("fnop", 0xd9, 0xd0, U0123),
	XN("feni", 0xdb, 0xe0, U0123), XN("fdisi", 0xdb, 0xe1, U0123), XN("fsetpm", 0xdb, 0xe4, U0123),
	XN("fnclex", 0xdb, 0xe2, U0123), XN("fninit", 0xdb, 0xe3, 0), XN("fnstsw_ax", 0xdf, 0xe0, U0123 | F_SWST),
	XM("fldcw", 0xd9, 5, MT_CW, 2, U0123), XM("fnstcw", 0xd9, 7, MT_OUT, 2, U0123),
	XM("fnstsw_m", 0xdd, 7, MT_OUT, 2, U0123 | F_SWST),
	XM("fldenv", 0xd9, 4, MT_ENV, 28, 0), XM("fnstenv", 0xd9, 6, MT_ENVOUT, 28, U0123 | F_SWST),
	XM("frstor", 0xdd, 4, MT_SAVE, 108, 0), XM("fnsave", 0xdd, 6, MT_SAVEOUT, 108, F_SWST),
	XM66("fldenv16", 0xd9, 4, MT_ENV, 14, 0), XM66("fnstenv16", 0xd9, 6, MT_ENVOUT, 14, U0123 | F_SWST),
	XM66("frstor16", 0xdd, 4, MT_SAVE, 94, 0), XM66("fnsave16", 0xdd, 6, MT_SAVEOUT, 94, F_SWST),
	XNW("fwait", 0, 0, U0123), XNW("fclex", 0xdb, 0xe2, U0123), XNW("finit", 0xdb, 0xe3, 0),
	XNW("fstsw_ax", 0xdf, 0xe0, U0123 | F_SWST), XMW("fstcw", 0xd9, 7, MT_OUT, 2, U0123), XMW("fstsw_m", 0xdd, 7, MT_OUT, 2, U0123 | F_SWST),
	XMW("fstenv", 0xd9, 6, MT_ENVOUT, 28, U0123 | F_SWST), XMW("fsave", 0xdd, 6, MT_SAVEOUT, 108, F_SWST),
	XM("fxsave", 0xae, 0, MT_FXSAVE, 0, F_SWST), XM("fxrstor", 0xae, 1, MT_FXRSTOR, 0, 0),

	/* ---- MMX, with their SSE2 XMM twins ---- */
	MX("punpcklbw", FAM_MMX, 0x60, 4, ET_I8, 0), MX("punpcklwd", FAM_MMX, 0x61, 4, ET_I16, 0),
	MX("punpckldq", FAM_MMX, 0x62, 4, ET_I32, 0), MX("packsswb", FAM_MMX, 0x63, 8, ET_I16, 0),
	MX("pcmpgtb", FAM_MMX, 0x64, 8, ET_I8, 0), MX("pcmpgtw", FAM_MMX, 0x65, 8, ET_I16, 0),
	MX("pcmpgtd", FAM_MMX, 0x66, 8, ET_I32, 0), MX("packuswb", FAM_MMX, 0x67, 8, ET_I16, 0),
	MX("punpckhbw", FAM_MMX, 0x68, 8, ET_I8, 0), MX("punpckhwd", FAM_MMX, 0x69, 8, ET_I16, 0),
	MX("punpckhdq", FAM_MMX, 0x6a, 8, ET_I32, 0), MX("packssdw", FAM_MMX, 0x6b, 8, ET_I32, 0),
	MX("pcmpeqb", FAM_MMX, 0x74, 8, ET_I8, 0), MX("pcmpeqw", FAM_MMX, 0x75, 8, ET_I16, 0),
	MX("pcmpeqd", FAM_MMX, 0x76, 8, ET_I32, 0),
	MX("psrlw", FAM_MMX, 0xd1, 8, ET_CNT, 0), MX("psrld", FAM_MMX, 0xd2, 8, ET_CNT, 0),
	MX("psrlq", FAM_MMX, 0xd3, 8, ET_CNT, 0), MX("pmullw", FAM_MMX, 0xd5, 8, ET_I16, 0),
	MX("psubusb", FAM_MMX, 0xd8, 8, ET_I8, 0), MX("psubusw", FAM_MMX, 0xd9, 8, ET_I16, 0),
	MX("pand", FAM_MMX, 0xdb, 8, ET_BITS, 0), MX("paddusb", FAM_MMX, 0xdc, 8, ET_I8, 0),
	MX("paddusw", FAM_MMX, 0xdd, 8, ET_I16, 0), MX("pandn", FAM_MMX, 0xdf, 8, ET_BITS, 0),
	MX("psraw", FAM_MMX, 0xe1, 8, ET_CNT, 0), MX("psrad", FAM_MMX, 0xe2, 8, ET_CNT, 0),
	MX("pmulhw", FAM_MMX, 0xe5, 8, ET_I16, 0),
	MX("psubsb", FAM_MMX, 0xe8, 8, ET_I8, 0), MX("psubsw", FAM_MMX, 0xe9, 8, ET_I16, 0),
	MX("por", FAM_MMX, 0xeb, 8, ET_BITS, 0), MX("paddsb", FAM_MMX, 0xec, 8, ET_I8, 0),
	MX("paddsw", FAM_MMX, 0xed, 8, ET_I16, 0), MX("pxor", FAM_MMX, 0xef, 8, ET_BITS, 0),
	MX("psllw", FAM_MMX, 0xf1, 8, ET_CNT, 0), MX("pslld", FAM_MMX, 0xf2, 8, ET_CNT, 0),
	MX("psllq", FAM_MMX, 0xf3, 8, ET_CNT, 0), MX("pmaddwd", FAM_MMX, 0xf5, 8, ET_I16, 0),
	MX("psubb", FAM_MMX, 0xf8, 8, ET_I8, 0), MX("psubw", FAM_MMX, 0xf9, 8, ET_I16, 0),
	MX("psubd", FAM_MMX, 0xfa, 8, ET_I32, 0), MX("paddb", FAM_MMX, 0xfc, 8, ET_I8, 0),
	MX("paddw", FAM_MMX, 0xfd, 8, ET_I16, 0), MX("paddd", FAM_MMX, 0xfe, 8, ET_I32, 0),
	/* SSE's MMX-register integer instructions, SSE2's 64-bit ones */
	MX("pminub", FAM_SSE, 0xda, 8, ET_I8, 0), MX("pmaxub", FAM_SSE, 0xde, 8, ET_I8, 0),
	MX("pavgb", FAM_SSE, 0xe0, 8, ET_I8, 0), MX("pavgw", FAM_SSE, 0xe3, 8, ET_I16, 0),
	MX("pmulhuw", FAM_SSE, 0xe4, 8, ET_I16, 0), MX("pminsw", FAM_SSE, 0xea, 8, ET_I16, 0),
	MX("pmaxsw", FAM_SSE, 0xee, 8, ET_I16, 0), MX("psadbw", FAM_SSE, 0xf6, 8, ET_I8, 0),
	MX("paddq", FAM_SSE2, 0xd4, 8, ET_I64, 0), MX("pmuludq", FAM_SSE2, 0xf4, 8, ET_I32, 0),
	MX("psubq", FAM_SSE2, 0xfb, 8, ET_I64, 0),
	SG("psrlw_i", FAM_MMX, 0, 0x71, 2, ET_I16, 0), SG("psraw_i", FAM_MMX, 0, 0x71, 4, ET_I16, 0),
	SG("psllw_i", FAM_MMX, 0, 0x71, 6, ET_I16, 0), SG("psrld_i", FAM_MMX, 0, 0x72, 2, ET_I32, 0),
	SG("psrad_i", FAM_MMX, 0, 0x72, 4, ET_I32, 0), SG("pslld_i", FAM_MMX, 0, 0x72, 6, ET_I32, 0),
	SG("psrlq_i", FAM_MMX, 0, 0x73, 2, ET_I64, 0), SG("psllq_i", FAM_MMX, 0, 0x73, 6, ET_I64, 0),
	SG("psrlw_i_x", FAM_SSE2, 0x66, 0x71, 2, ET_I16, 0), SG("psraw_i_x", FAM_SSE2, 0x66, 0x71, 4, ET_I16, 0),
	SG("psllw_i_x", FAM_SSE2, 0x66, 0x71, 6, ET_I16, 0), SG("psrld_i_x", FAM_SSE2, 0x66, 0x72, 2, ET_I32, 0),
	SG("psrad_i_x", FAM_SSE2, 0x66, 0x72, 4, ET_I32, 0), SG("pslld_i_x", FAM_SSE2, 0x66, 0x72, 6, ET_I32, 0),
	SG("psrlq_i_x", FAM_SSE2, 0x66, 0x73, 2, ET_I64, 0), SG("psllq_i_x", FAM_SSE2, 0x66, 0x73, 6, ET_I64, 0),
	SG("psrldq", FAM_SSE2, 0x66, 0x73, 3, ET_I8, 0), SG("pslldq", FAM_SSE2, 0x66, 0x73, 7, ET_I8, 0),
	S("emms", FAM_MMX, 0, 0x77, K_NONE, K_NONE, 0, 0, 0, 0),
	S("movd_mm_r", FAM_MMX, 0, 0x6e, K_MM, K_R32, 4, ET_I32, 0, 0),
	S("movd_r_mm", FAM_MMX, 0, 0x7e, K_R32, K_MM, 4, ET_I32, 0, F_STORE),
	S("movq_mm", FAM_MMX, 0, 0x6f, K_MM, K_MM, 8, ET_BITS, 0, 0),
	S("movq_mm_st", FAM_MMX, 0, 0x7f, K_MM, K_MM, 8, ET_BITS, 0, F_STORE),
	S("pshufw", FAM_SSE, 0, 0x70, K_MM, K_MM, 8, ET_I16, 0, F_IMM),
	S("pinsrw", FAM_SSE, 0, 0xc4, K_MM, K_R32, 2, ET_I16, 0, F_IMM),
	S("pextrw", FAM_SSE, 0, 0xc5, K_R32, K_MM, 0, ET_I16, 0, F_IMM | F_NOMEM),
	S("pmovmskb", FAM_SSE, 0, 0xd7, K_R32, K_MM, 0, ET_I8, 0, F_NOMEM),
	S("movntq", FAM_SSE, 0, 0xe7, K_MM, K_MM, 8, ET_BITS, 0, F_STORE | F_NOREG),
	S("maskmovq", FAM_SSE, 0, 0xf7, K_MM, K_MM, 0, ET_MASK, ET_BITS, F_NOMEM | F_EDI),
	/* ---- SSE2 integer on XMM registers ---- */
	S("punpcklqdq", FAM_SSE2, 0x66, 0x6c, K_XMM, K_XMM, 16, ET_I64, 0, F_ALIGN),
	S("punpckhqdq", FAM_SSE2, 0x66, 0x6d, K_XMM, K_XMM, 16, ET_I64, 0, F_ALIGN),
	S("movd_x_r", FAM_SSE2, 0x66, 0x6e, K_XMM, K_R32, 4, ET_I32, 0, 0),
	S("movd_r_x", FAM_SSE2, 0x66, 0x7e, K_R32, K_XMM, 4, ET_I32, 0, F_STORE),
	S("movdqa", FAM_SSE2, 0x66, 0x6f, K_XMM, K_XMM, 16, ET_BITS, 0, F_ALIGN),
	S("movdqu", FAM_SSE2, 0xf3, 0x6f, K_XMM, K_XMM, 16, ET_BITS, 0, 0),
	S("movdqa_st", FAM_SSE2, 0x66, 0x7f, K_XMM, K_XMM, 16, ET_BITS, 0, F_ALIGN | F_STORE),
	S("movdqu_st", FAM_SSE2, 0xf3, 0x7f, K_XMM, K_XMM, 16, ET_BITS, 0, F_STORE),
	S("movq_x", FAM_SSE2, 0xf3, 0x7e, K_XMM, K_XMM, 8, ET_BITS, 0, 0),
	S("movq_x_st", FAM_SSE2, 0x66, 0xd6, K_XMM, K_XMM, 8, ET_BITS, 0, F_STORE),
	S("movq2dq", FAM_SSE2, 0xf3, 0xd6, K_XMM, K_MM, 0, ET_BITS, 0, F_NOMEM),
	S("movdq2q", FAM_SSE2, 0xf2, 0xd6, K_MM, K_XMM, 0, ET_BITS, 0, F_NOMEM),
	S("pshufd", FAM_SSE2, 0x66, 0x70, K_XMM, K_XMM, 16, ET_I32, 0, F_IMM | F_ALIGN),
	S("pshufhw", FAM_SSE2, 0xf3, 0x70, K_XMM, K_XMM, 16, ET_I16, 0, F_IMM | F_ALIGN),
	S("pshuflw", FAM_SSE2, 0xf2, 0x70, K_XMM, K_XMM, 16, ET_I16, 0, F_IMM | F_ALIGN),
	S("pinsrw_x", FAM_SSE2, 0x66, 0xc4, K_XMM, K_R32, 2, ET_I16, 0, F_IMM),
	S("pextrw_x", FAM_SSE2, 0x66, 0xc5, K_R32, K_XMM, 0, ET_I16, 0, F_IMM | F_NOMEM),
	S("pmovmskb_x", FAM_SSE2, 0x66, 0xd7, K_R32, K_XMM, 0, ET_I8, 0, F_NOMEM),
	S("movntdq", FAM_SSE2, 0x66, 0xe7, K_XMM, K_XMM, 16, ET_BITS, 0, F_STORE | F_NOREG | F_ALIGN),
	S("maskmovdqu", FAM_SSE2, 0x66, 0xf7, K_XMM, K_XMM, 0, ET_MASK, ET_BITS, F_NOMEM | F_EDI),

	/* ---- SSE/SSE2 floating point ---- */
	PSD("add", 0x58, 0), PSD("mul", 0x59, 0), PSD("sub", 0x5c, 0), PSD("min", 0x5d, 0),
	PSD("div", 0x5e, 0), PSD("max", 0x5f, 0), PSD("sqrt", 0x51, 0), PSD("cmp", 0xc2, F_CMP),
	S("rsqrtps", FAM_SSE, 0, 0x52, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN | F_RSQ),
	S("rsqrtss", FAM_SSE, 0xf3, 0x52, K_XMM, K_XMM, 4, ET_F32, 0, F_RSQ),
	S("rcpps", FAM_SSE, 0, 0x53, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN | F_RCP),
	S("rcpss", FAM_SSE, 0xf3, 0x53, K_XMM, K_XMM, 4, ET_F32, 0, F_RCP),
	S("andps", FAM_SSE, 0, 0x54, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("andnps", FAM_SSE, 0, 0x55, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("orps", FAM_SSE, 0, 0x56, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("xorps", FAM_SSE, 0, 0x57, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("andpd", FAM_SSE2, 0x66, 0x54, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("andnpd", FAM_SSE2, 0x66, 0x55, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("orpd", FAM_SSE2, 0x66, 0x56, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("xorpd", FAM_SSE2, 0x66, 0x57, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("ucomiss", FAM_SSE, 0, 0x2e, K_XMM, K_XMM, 4, ET_F32, 0, 0),
	S("comiss", FAM_SSE, 0, 0x2f, K_XMM, K_XMM, 4, ET_F32, 0, 0),
	S("ucomisd", FAM_SSE2, 0x66, 0x2e, K_XMM, K_XMM, 8, ET_F64, 0, 0),
	S("comisd", FAM_SSE2, 0x66, 0x2f, K_XMM, K_XMM, 8, ET_F64, 0, 0),
	S("shufps", FAM_SSE, 0, 0xc6, K_XMM, K_XMM, 16, ET_F32, 0, F_IMM | F_ALIGN),
	S("shufpd", FAM_SSE2, 0x66, 0xc6, K_XMM, K_XMM, 16, ET_F64, 0, F_IMM | F_ALIGN),
	S("unpcklps", FAM_SSE, 0, 0x14, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("unpckhps", FAM_SSE, 0, 0x15, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("unpcklpd", FAM_SSE2, 0x66, 0x14, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("unpckhpd", FAM_SSE2, 0x66, 0x15, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("movmskps", FAM_SSE, 0, 0x50, K_R32, K_XMM, 0, ET_F32, 0, F_NOMEM),
	S("movmskpd", FAM_SSE2, 0x66, 0x50, K_R32, K_XMM, 0, ET_F64, 0, F_NOMEM),
	/* moves */
	S("movups", FAM_SSE, 0, 0x10, K_XMM, K_XMM, 16, ET_F32, 0, 0),
	S("movups_st", FAM_SSE, 0, 0x11, K_XMM, K_XMM, 16, ET_F32, 0, F_STORE),
	S("movss", FAM_SSE, 0xf3, 0x10, K_XMM, K_XMM, 4, ET_F32, 0, 0),
	S("movss_st", FAM_SSE, 0xf3, 0x11, K_XMM, K_XMM, 4, ET_F32, 0, F_STORE),
	S("movaps", FAM_SSE, 0, 0x28, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN),
	S("movaps_st", FAM_SSE, 0, 0x29, K_XMM, K_XMM, 16, ET_F32, 0, F_ALIGN | F_STORE),
	S("movlps", FAM_SSE, 0, 0x12, K_XMM, K_XMM, 8, ET_F32, 0, F_NOREG),
	S("movhlps", FAM_SSE, 0, 0x12, K_XMM, K_XMM, 0, ET_F32, 0, F_NOMEM),
	S("movlps_st", FAM_SSE, 0, 0x13, K_XMM, K_XMM, 8, ET_F32, 0, F_STORE | F_NOREG),
	S("movhps", FAM_SSE, 0, 0x16, K_XMM, K_XMM, 8, ET_F32, 0, F_NOREG),
	S("movlhps", FAM_SSE, 0, 0x16, K_XMM, K_XMM, 0, ET_F32, 0, F_NOMEM),
	S("movhps_st", FAM_SSE, 0, 0x17, K_XMM, K_XMM, 8, ET_F32, 0, F_STORE | F_NOREG),
	S("movntps", FAM_SSE, 0, 0x2b, K_XMM, K_XMM, 16, ET_F32, 0, F_STORE | F_NOREG | F_ALIGN),
	S("movupd", FAM_SSE2, 0x66, 0x10, K_XMM, K_XMM, 16, ET_F64, 0, 0),
	S("movupd_st", FAM_SSE2, 0x66, 0x11, K_XMM, K_XMM, 16, ET_F64, 0, F_STORE),
	S("movsd", FAM_SSE2, 0xf2, 0x10, K_XMM, K_XMM, 8, ET_F64, 0, 0),
	S("movsd_st", FAM_SSE2, 0xf2, 0x11, K_XMM, K_XMM, 8, ET_F64, 0, F_STORE),
	S("movapd", FAM_SSE2, 0x66, 0x28, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN),
	S("movapd_st", FAM_SSE2, 0x66, 0x29, K_XMM, K_XMM, 16, ET_F64, 0, F_ALIGN | F_STORE),
	S("movlpd", FAM_SSE2, 0x66, 0x12, K_XMM, K_XMM, 8, ET_F64, 0, F_NOREG),
	S("movlpd_st", FAM_SSE2, 0x66, 0x13, K_XMM, K_XMM, 8, ET_F64, 0, F_STORE | F_NOREG),
	S("movhpd", FAM_SSE2, 0x66, 0x16, K_XMM, K_XMM, 8, ET_F64, 0, F_NOREG),
	S("movhpd_st", FAM_SSE2, 0x66, 0x17, K_XMM, K_XMM, 8, ET_F64, 0, F_STORE | F_NOREG),
	S("movntpd", FAM_SSE2, 0x66, 0x2b, K_XMM, K_XMM, 16, ET_F64, 0, F_STORE | F_NOREG | F_ALIGN),
	S("movnti", FAM_SSE2, 0, 0xc3, K_R32, K_R32, 4, ET_I32, 0, F_STORE | F_NOREG),
	/* conversions */
	S("cvtpi2ps", FAM_SSE, 0, 0x2a, K_XMM, K_MM, 8, ET_I32, ET_F32, 0),
	S("cvtsi2ss", FAM_SSE, 0xf3, 0x2a, K_XMM, K_R32, 4, ET_I32, ET_F32, 0),
	S("cvttps2pi", FAM_SSE, 0, 0x2c, K_MM, K_XMM, 8, ET_F32, ET_BITS, 0),
	S("cvtps2pi", FAM_SSE, 0, 0x2d, K_MM, K_XMM, 8, ET_F32, ET_BITS, 0),
	S("cvttss2si", FAM_SSE, 0xf3, 0x2c, K_R32, K_XMM, 4, ET_F32, 0, 0),
	S("cvtss2si", FAM_SSE, 0xf3, 0x2d, K_R32, K_XMM, 4, ET_F32, 0, 0),
	S("cvtpi2pd", FAM_SSE2, 0x66, 0x2a, K_XMM, K_MM, 8, ET_I32, ET_F64, 0),
	S("cvtsi2sd", FAM_SSE2, 0xf2, 0x2a, K_XMM, K_R32, 4, ET_I32, ET_F64, 0),
	S("cvttpd2pi", FAM_SSE2, 0x66, 0x2c, K_MM, K_XMM, 16, ET_F64, ET_BITS, F_ALIGN),
	S("cvtpd2pi", FAM_SSE2, 0x66, 0x2d, K_MM, K_XMM, 16, ET_F64, ET_BITS, F_ALIGN),
	S("cvttsd2si", FAM_SSE2, 0xf2, 0x2c, K_R32, K_XMM, 8, ET_F64, 0, 0),
	S("cvtsd2si", FAM_SSE2, 0xf2, 0x2d, K_R32, K_XMM, 8, ET_F64, 0, 0),
	S("cvtps2pd", FAM_SSE2, 0, 0x5a, K_XMM, K_XMM, 8, ET_F32, ET_F64, 0),
	S("cvtpd2ps", FAM_SSE2, 0x66, 0x5a, K_XMM, K_XMM, 16, ET_F64, ET_F32, F_ALIGN),
	S("cvtss2sd", FAM_SSE2, 0xf3, 0x5a, K_XMM, K_XMM, 4, ET_F32, ET_F64, 0),
	S("cvtsd2ss", FAM_SSE2, 0xf2, 0x5a, K_XMM, K_XMM, 8, ET_F64, ET_F32, 0),
	S("cvtdq2ps", FAM_SSE2, 0, 0x5b, K_XMM, K_XMM, 16, ET_I32, ET_F32, F_ALIGN),
	S("cvtps2dq", FAM_SSE2, 0x66, 0x5b, K_XMM, K_XMM, 16, ET_F32, ET_I32, F_ALIGN),
	S("cvttps2dq", FAM_SSE2, 0xf3, 0x5b, K_XMM, K_XMM, 16, ET_F32, ET_I32, F_ALIGN),
	S("cvttpd2dq", FAM_SSE2, 0x66, 0xe6, K_XMM, K_XMM, 16, ET_F64, ET_I32, F_ALIGN),
	S("cvtdq2pd", FAM_SSE2, 0xf3, 0xe6, K_XMM, K_XMM, 8, ET_I32, ET_F64, 0),
	S("cvtpd2dq", FAM_SSE2, 0xf2, 0xe6, K_XMM, K_XMM, 16, ET_F64, ET_I32, F_ALIGN),
	/* MXCSR, cache control, fences */
	{ "ldmxcsr", FAM_SSE, GEN_SIMD, 0, 0xae, 2, K_NONE, K_NONE, 4, ET_BITS, 0, F_GRP | F_NOREG },
	{ "stmxcsr", FAM_SSE, GEN_SIMD, 0, 0xae, 3, K_NONE, K_NONE, 4, ET_BITS, 0, F_GRP | F_NOREG | F_STORE },
	{ "prefetchnta", FAM_SSE, GEN_SIMD, 0, 0x18, 0, K_NONE, K_NONE, 1, ET_BITS, 0, F_GRP | F_NOREG },
	{ "prefetcht0", FAM_SSE, GEN_SIMD, 0, 0x18, 1, K_NONE, K_NONE, 1, ET_BITS, 0, F_GRP | F_NOREG },
	{ "prefetcht1", FAM_SSE, GEN_SIMD, 0, 0x18, 2, K_NONE, K_NONE, 1, ET_BITS, 0, F_GRP | F_NOREG },
	{ "prefetcht2", FAM_SSE, GEN_SIMD, 0, 0x18, 3, K_NONE, K_NONE, 1, ET_BITS, 0, F_GRP | F_NOREG },
	{ "clflush", FAM_SSE2, GEN_SIMD, 0, 0xae, 7, K_NONE, K_NONE, 1, ET_BITS, 0, F_GRP | F_NOREG },
	{ "sfence", FAM_SSE, GEN_SIMD, 0, 0xae, 0xf8, K_NONE, K_NONE, 0, 0, 0, F_FIXED },
	{ "lfence", FAM_SSE2, GEN_SIMD, 0, 0xae, 0xe8, K_NONE, K_NONE, 0, 0, 0, F_FIXED },
	{ "mfence", FAM_SSE2, GEN_SIMD, 0, 0xae, 0xf0, K_NONE, K_NONE, 0, 0, 0, F_FIXED },

	/* ---- sequences: two or three forms of a family back to back ---- */
	{ "seq_x87", FAM_SEQ, GEN_SEQ, 0, 0, FAM_X87, 0, 0, 0, 0, 0, 0 },
	{ "seq_mmx", FAM_SEQ, GEN_SEQ, 0, 0, FAM_MMX, 0, 0, 0, 0, 0, 0 },
	{ "seq_sse", FAM_SEQ, GEN_SEQ, 0, 0, FAM_SSE, 0, 0, 0, 0, 0, 0 },
	{ "seq_mixed", FAM_SEQ, GEN_SEQ, 0, 0, FAM_N, 0, 0, 0, 0, 0, 0 },
};
const unsigned fp_nforms = sizeof(fp_forms) / sizeof(fp_forms[0]);

const char *const fp_family_name[FAM_N] = { "x87", "mmx", "sse", "sse2", "seq" };

int fp_form_default(unsigned f) { return !(fp_forms[f].flags & F_OPT); }
