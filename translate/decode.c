/* decode.c - turn guest bytes into struct insn, driven by x86.def.
 *
 * The decoder normalises every form into the same few fields so handlers do
 * not care where an operand came from: d is the destination register, s the
 * source register, the memory operand is base + (index << scale) + disp in
 * segment seg, imm the immediate (or the absolute branch target). Byte
 * registers are stored as byte offsets into the register file so AH..BH need
 * no special case at run time. The handler is chosen here, once, from the
 * row's handler set by register/memory (or REP) variant and operand size. */
#include "xlat/insn.h"
#include "cpu/ops/ops.h"

enum form {
	FORM_INVALID, FORM_NONE, FORM_EbGb, FORM_EvGv, FORM_GbEb, FORM_GvEv,
	FORM_EbIb, FORM_EvIz, FORM_EvIbs, FORM_EvIb, FORM_ALIb, FORM_AXIz,
	FORM_Eb, FORM_Ev, FORM_Ew, FORM_Eb1, FORM_Ev1, FORM_Zv, FORM_ZbIb,
	FORM_ZvIv, FORM_Jb, FORM_Jz, FORM_Ib, FORM_Ibs, FORM_Iz, FORM_Iw,
	FORM_IwIb, FORM_Ob, FORM_Ov, FORM_Ap, FORM_GvEvIz, FORM_GvEvIbs,
	FORM_EvGvIb, FORM_GvEb, FORM_GvEw, FORM_RdCd, FORM_CdRd, FORM_EwSw,
	FORM_SwEw, FORM_M, FORM_SEGOP, FORM_SB, FORM_SV, FORM_PORTb, FORM_PORTv,
	FORM_XLAT, FORM_X87, FORM_VW, FORM_VWIb, FORM_UIb,
};

/* X_X87, X_MMX, X_SSE, X_FXSR: the class whose CR0.EM/TS (and CR4.OSFXSR)
 * checks the decoder applies, from the mode key (SDM Vol. 3A, 2.5 and
 * table 13-1/22-x): a block decoded while they trap holds #NM/#UD. */
enum { X_LOCK = 1, X_END = 2, X_MEM = 4, X_STR = 8, X_O32 = 16, X_PRIV = 32, X_JCC = 64,
       X_X87 = 128, X_MMX = 256, X_SSE = 512, X_FXSR = 1024 };
/* mandatory prefixes of the SIMD rows */
enum { PNONE, P66, PF3, PF2 };

struct opdesc {
	const struct hset *hs;
	u8 form;
	u16 flags;
	const char *name;
};

#define O(map, op, form, hs, fl) extern const struct hset hs_##hs;
#define G(map, op, reg, form, hs, fl) extern const struct hset hs_##hs;
#define XM(esc, reg, hs, fl) extern const struct hset hs_##hs;
#define XR(esc, reg, hs, fl) extern const struct hset hs_##hs;
#define XRR(esc, modrm, hs, fl) extern const struct hset hs_##hs;
#define P(op, pfx, form, hs, fl) extern const struct hset hs_##hs;
#define PG(op, pfx, reg, form, hs, fl) extern const struct hset hs_##hs;
#include "x86.def"
#include "x87.def"
#include "mmx.def"
#include "sse.def"
#undef O
#undef G
#undef XM
#undef XR
#undef XRR
#undef P
#undef PG

static const struct opdesc tab_op[512] = {
#define O(map, op, form, hs, fl) [(map) * 256 + (op)] = { &hs_##hs, form, fl, #hs },
#define G(map, op, reg, form, hs, fl)
#include "x86.def"
#undef O
#undef G
};

static const struct opdesc tab_grp[512 * 8] = {
#define O(map, op, form, hs, fl)
#define G(map, op, reg, form, hs, fl) [((map) * 256 + (op)) * 8 + (reg)] = { &hs_##hs, form, fl, #hs },
#include "x86.def"
#undef O
#undef G
};

/* x87 escapes D8-DF: memory forms by (escape, ModRM.reg), register forms
 * by (escape, ModRM 0xC0-0xFF). */
#define P(op, pfx, form, hs, fl)
#define PG(op, pfx, reg, form, hs, fl)
static const struct opdesc tab_x87m[64] = {
#define XM(esc, reg, hs, fl) [((esc) & 7) * 8 + (reg)] = { &hs_##hs, FORM_X87, (fl) | X_X87, #hs },
#define XR(esc, reg, hs, fl)
#define XRR(esc, modrm, hs, fl)
#include "x87.def"
#undef XM
#undef XR
#undef XRR
};

#define XR_ROW(esc, reg, rm, hs, fl) [((esc) & 7) * 64 + (reg) * 8 + (rm)] = { &hs_##hs, FORM_X87, (fl) | X_X87, #hs },
static const struct opdesc tab_x87r[512] = {
#define XM(esc, reg, hs, fl)
#define XR(esc, reg, hs, fl)                                                      \
	XR_ROW(esc, reg, 0, hs, fl) XR_ROW(esc, reg, 1, hs, fl) XR_ROW(esc, reg, 2, hs, fl) \
	XR_ROW(esc, reg, 3, hs, fl) XR_ROW(esc, reg, 4, hs, fl) XR_ROW(esc, reg, 5, hs, fl) \
	XR_ROW(esc, reg, 6, hs, fl) XR_ROW(esc, reg, 7, hs, fl)
#define XRR(esc, modrm, hs, fl) [((esc) & 7) * 64 + ((modrm) & 63)] = { &hs_##hs, FORM_X87, (fl) | X_X87, #hs },
#include "x87.def"
#undef XM
#undef XR
#undef XRR
};
#undef XR_ROW
#undef P
#undef PG

/* x87.def also holds FXSAVE/FXRSTOR, which belong with the x87 state */
#define XM(esc, reg, hs, fl)
#define XR(esc, reg, hs, fl)
#define XRR(esc, modrm, hs, fl)

/* 0F-map SIMD rows by mandatory prefix; groups 0F 71/72/73/AE by slot. */
static const struct opdesc tab_simd[4 * 256] = {
#define P(op, pfx, form, hs, fl) [(pfx) * 256 + (op)] = { &hs_##hs, form, fl, #hs },
#define PG(op, pfx, reg, form, hs, fl)
#include "x87.def"
#include "mmx.def"
#include "sse.def"
#undef P
#undef PG
};

/* -1 for an opcode that is no SIMD group: a PG row on one does not compile */
#define SIMD_GRP_SLOT(op) ((op) == 0x71 ? 0 : (op) == 0x72 ? 1 : (op) == 0x73 ? 2 : (op) == 0xae ? 3 : -1)

static const struct opdesc tab_simd_grp[4 * 4 * 8] = {
#define P(op, pfx, form, hs, fl)
#define PG(op, pfx, reg, form, hs, fl) [((pfx) * 4 + SIMD_GRP_SLOT(op)) * 8 + (reg)] = { &hs_##hs, form, fl, #hs },
#include "x87.def"
#include "mmx.def"
#include "sse.def"
#undef P
#undef PG
};
#undef XM
#undef XR
#undef XRR

/* byte offset of byte register n (AL CL DL BL AH CH DH BH) in the file */
static u8 breg(unsigned n) { return (u8)((n & 3) * sizeof(union gpr) + (n >> 2)); }

struct dstate {
	const u8 *p;     /* bytes */
	unsigned avail;  /* bytes available */
	unsigned pos;    /* next byte */
	bool short_;     /* ran out of bytes */
};

static u32 take(struct dstate *s, unsigned n)
{
	u32 v = 0;
	if (s->pos + n > s->avail) {
		s->short_ = true;
		s->pos += n;
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v |= (u32)s->p[s->pos + i] << (8 * i);
	s->pos += n;
	return v;
}

static void modrm_mem16(struct insn *in, struct dstate *s, unsigned mod, unsigned rm)
{
	static const u8 base16[8] = { R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX };
	static const u8 index16[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_NONE, R_NONE, R_NONE, R_NONE };
	in->base = base16[rm];
	in->index = index16[rm];
	in->scale = 0;
	in->disp = 0;
	if (mod == 0 && rm == 6) {
		in->base = R_NONE;
		in->disp = take(s, 2);
	} else if (mod == 1) {
		in->disp = sext8(take(s, 1));
	} else if (mod == 2) {
		in->disp = take(s, 2);
	}
	in->seg = in->base == R_EBP ? S_SS : S_DS;
}

static void modrm_mem32(struct insn *in, struct dstate *s, unsigned mod, unsigned rm)
{
	in->index = R_NONE;
	in->scale = 0;
	in->base = (u8)rm;
	if (rm == 4) {
		unsigned sib = take(s, 1);
		in->scale = (u8)(sib >> 6);
		in->index = ((sib >> 3) & 7) == 4 ? R_NONE : (u8)((sib >> 3) & 7);
		in->base = (u8)(sib & 7);
		if (in->base == 5 && mod == 0)
			in->base = R_NONE;
	} else if (rm == 5 && mod == 0) {
		in->base = R_NONE;
	}
	in->disp = 0;
	if (mod == 1)
		in->disp = sext8(take(s, 1));
	else if (mod == 2 || (mod == 0 && in->base == R_NONE))
		in->disp = take(s, 4);
	in->seg = (in->base == R_ESP || in->base == R_EBP) ? S_SS : S_DS;
}

/* Parse the ModRM memory operand or note the register; returns rm. */
static unsigned modrm_parse(struct insn *in, struct dstate *s, unsigned modrm)
{
	unsigned mod = modrm >> 6, rm = modrm & 7;
	if (mod == 3)
		return rm;
	in->flags |= INSN_MEM;
	if (in->flags & INSN_A16)
		modrm_mem16(in, s, mod, rm);
	else
		modrm_mem32(in, s, mod, rm);
	return rm;
}

static u32 imm_v(struct dstate *s, bool o16) { return o16 ? take(s, 2) : take(s, 4); }

/* Fill operand fields per form. Returns the size index for the handler. */
static int form_parse(struct insn *in, struct dstate *s, unsigned form, unsigned opc, unsigned modrm, bool o16)
{
	int szv = o16 ? SZ16 : SZ32;
	unsigned reg = (modrm >> 3) & 7, rm;
	switch (form) {
	case FORM_NONE: return szv;
	case FORM_EbGb: rm = modrm_parse(in, s, modrm); in->d = breg(rm); in->s = breg(reg); return SZ8;
	case FORM_EvGv: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->s = (u8)reg; return szv;
	case FORM_GbEb: rm = modrm_parse(in, s, modrm); in->d = breg(reg); in->s = breg(rm); return SZ8;
	case FORM_GvEv: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; return szv;
	case FORM_EbIb: rm = modrm_parse(in, s, modrm); in->d = breg(rm); in->imm = take(s, 1); return SZ8;
	case FORM_EvIz: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->imm = imm_v(s, o16); return szv;
	case FORM_EvIbs: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->imm = sext8(take(s, 1)); return szv;
	case FORM_EvIb: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->imm = take(s, 1); return szv;
	case FORM_ALIb: in->d = breg(0); in->imm = take(s, 1); return SZ8;
	case FORM_AXIz: in->d = R_EAX; in->imm = imm_v(s, o16); return szv;
	case FORM_Eb: rm = modrm_parse(in, s, modrm); in->d = breg(rm); return SZ8;
	case FORM_Ev: case FORM_M: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; return szv;
	case FORM_Ew: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; return SZ16;
	case FORM_Eb1: rm = modrm_parse(in, s, modrm); in->d = breg(rm); in->imm = 1; return SZ8;
	case FORM_Ev1: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->imm = 1; return szv;
	case FORM_Zv: in->d = opc & 7; return szv;
	case FORM_ZbIb: in->d = breg(opc & 7); in->imm = take(s, 1); return SZ8;
	case FORM_ZvIv: in->d = opc & 7; in->imm = imm_v(s, o16); return szv;
	case FORM_Jb: in->imm = sext8(take(s, 1)); return szv;
	case FORM_Jz: in->imm = o16 ? sext16(take(s, 2)) : take(s, 4); return szv;
	case FORM_Ib: case FORM_PORTb: in->imm = take(s, 1); return form == FORM_PORTb ? SZ8 : szv;
	case FORM_PORTv: in->imm = take(s, 1); return szv;
	case FORM_Ibs: in->imm = sext8(take(s, 1)); return szv;
	case FORM_Iz: in->imm = imm_v(s, o16); return szv;
	case FORM_Iw: in->imm = take(s, 2); return szv;
	case FORM_IwIb: in->imm = take(s, 2); in->imm2 = (u16)take(s, 1); return szv;
	case FORM_Ob: case FORM_Ov:
		in->flags |= INSN_MEM;
		in->base = in->index = R_NONE;
		in->scale = 0;
		in->seg = S_DS;
		in->disp = (in->flags & INSN_A16) ? take(s, 2) : take(s, 4);
		in->d = form == FORM_Ob ? breg(0) : R_EAX;
		return form == FORM_Ob ? SZ8 : szv;
	case FORM_Ap: in->imm = imm_v(s, o16); in->imm2 = (u16)take(s, 2); return szv;
	case FORM_GvEvIz: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; in->imm = imm_v(s, o16); return szv;
	case FORM_GvEvIbs: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; in->imm = sext8(take(s, 1)); return szv;
	case FORM_EvGvIb: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->s = (u8)reg; in->imm = take(s, 1); return szv;
	case FORM_GvEb: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = breg(rm); return szv;
	case FORM_GvEw: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; return szv;
	case FORM_RdCd: in->d = modrm & 7; in->s = (u8)reg; return SZ32;
	case FORM_CdRd: in->d = (u8)reg; in->s = modrm & 7; return SZ32;
	case FORM_EwSw: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->s = (u8)reg; return (in->flags & INSN_MEM) ? SZ16 : szv;
	case FORM_SwEw: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; return SZ16;
	case FORM_SEGOP: in->op = (opc >> 3) & 7; return szv;
	case FORM_SB: case FORM_SV:
		in->seg = S_DS;
		return form == FORM_SB ? SZ8 : szv;
	case FORM_XLAT: in->flags |= INSN_MEM; in->base = R_EBX; in->index = R_NONE; in->scale = 0; in->disp = 0; in->seg = S_DS; return SZ8;
	case FORM_X87: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->s = (u8)modrm; in->op = (u8)(((opc & 7) << 3) | reg); return szv;
	case FORM_VW: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; return SZ32;
	case FORM_VWIb: rm = modrm_parse(in, s, modrm); in->d = (u8)reg; in->s = (u8)rm; in->imm = take(s, 1); return SZ32;
	case FORM_UIb: rm = modrm_parse(in, s, modrm); in->d = (u8)rm; in->imm = take(s, 1); return SZ32;
	}
	return szv;
}

static bool form_has_modrm(unsigned form)
{
	switch (form) {
	case FORM_NONE: case FORM_ALIb: case FORM_AXIz: case FORM_Zv: case FORM_ZbIb:
	case FORM_ZvIv: case FORM_Jb: case FORM_Jz: case FORM_Ib: case FORM_Ibs:
	case FORM_Iz: case FORM_Iw: case FORM_IwIb: case FORM_Ob: case FORM_Ov:
	case FORM_Ap: case FORM_SEGOP: case FORM_SB: case FORM_SV: case FORM_PORTb:
	case FORM_PORTv: case FORM_XLAT:
		return false;
	}
	return true;
}

static unsigned decode_fail(struct insn *in, unsigned len, unsigned vec)
{
	in->fn = vec == EX_GP ? op_gp_fn() : op_ud_fn();
	in->len = (u8)(len ? len : 1);
	in->flags |= INSN_END;
	return in->len;
}

/* The mandatory prefix of a SIMD row: the last of F2/F3, else 66, else none. */
static unsigned simd_pfx(const struct insn *in, bool p66)
{
	return (in->flags & INSN_REPNE) ? PF2 : (in->flags & INSN_REP) ? PF3 : p66 ? P66 : PNONE;
}

/* Is 0F op with prefix pfx a SIMD row? Only that prefix's row is looked
 * at: with no row of its own an F2/F3 or a 66 is #UD (as this host's CPU
 * and QEMU do, e.g. 66 0F 53), and the one-byte tables it then falls to
 * hold no row for a SIMD opcode, so they give that #UD, at the same length. */
static bool simd_op(unsigned op, unsigned pfx)
{
	return SIMD_GRP_SLOT(op) >= 0 || tab_simd[pfx * 256 + op].hs;
}

/* The row of a SIMD opcode, or none: in the groups by ModRM.reg, and in
 * group 0F AE a 66 is an operand-size prefix FXSAVE, LDMXCSR and the
 * fences ignore. The prefix chosen is used up. */
static const struct opdesc *simd_select(struct insn *in, unsigned op, unsigned pfx, unsigned modrm)
{
	static const struct opdesc none = { 0 };
	int slot = SIMD_GRP_SLOT(op);
	const struct opdesc *d = slot >= 0 ? &tab_simd_grp[(pfx * 4 + (unsigned)slot) * 8 + ((modrm >> 3) & 7)]
					   : &tab_simd[pfx * 256 + op];
	if (!d->hs && pfx == P66 && slot == 3)
		d = &tab_simd_grp[(unsigned)slot * 8 + ((modrm >> 3) & 7)];
	if (pfx == PF2 || pfx == PF3)
		in->flags &= (u8)~(INSN_REP | INSN_REPNE);
	return d->hs ? d : &none;
}

/* CR0.EM/TS and CR4.OSFXSR, as the mode key held them at decode time:
 * SSE is #UD under EM or without OSFXSR, MMX #UD under EM, and all of them
 * (x87 under EM too) #NM under TS. */
static unsigned fpu_gate(struct insn *in, unsigned fl, u32 k)
{
	if (((fl & X_SSE) && ((k & MK_EM) || !(k & MK_OSFXSR))) || ((fl & X_MMX) && (k & MK_EM)))
		return decode_fail(in, in->len, EX_UD);
	if (k & (MK_EM | MK_TS)) {
		in->fn = op_nm_fn();
		in->flags |= INSN_END;
	}
	return in->len;
}

static void decode_prefixes(struct insn *in, struct dstate *s, u8 *seg_ovr)
{
	for (;;) {
		u8 b = (u8)take(s, 1);
		if (s->short_)
			return;
		switch (b) {
		case 0x66: in->flags |= INSN_O16; break; /* repeating a prefix changes nothing */
		case 0x67: in->flags |= INSN_A16; break;
		case 0x26: *seg_ovr = S_ES; break;
		case 0x2e: *seg_ovr = S_CS; break;
		case 0x36: *seg_ovr = S_SS; break;
		case 0x3e: *seg_ovr = S_DS; break;
		case 0x64: *seg_ovr = S_FS; break;
		case 0x65: *seg_ovr = S_GS; break;
		case 0xf0: in->flags |= INSN_LOCK; break;
		case 0xf2: in->flags = (u8)((in->flags & ~INSN_REP) | INSN_REPNE); break;
		case 0xf3: in->flags = (u8)((in->flags & ~INSN_REPNE) | INSN_REP); break;
		default: s->pos--; return;
		}
	}
}

unsigned decode_insn(struct insn *in, const u8 *bytes, unsigned avail, u32 eip, u32 mode_key)
{
	struct dstate s = { bytes, avail, 0, false };
	u8 seg_ovr = 0xff;
	bool code32 = mode_key & MK_CODE32;

	*in = (struct insn){ .eip = eip, .base = R_NONE, .index = R_NONE, .seg = S_DS, .exit = EXIT_NOLINK };
	/* 0x66 and 0x67 select the size that is not the default */
	decode_prefixes(in, &s, &seg_ovr);
	bool p66 = in->flags & INSN_O16;
	bool o16 = ((in->flags & INSN_O16) != 0) == code32;
	bool a16 = ((in->flags & INSN_A16) != 0) == code32;
	in->flags &= (u8)~(INSN_O16 | INSN_A16);
	in->flags |= (o16 ? INSN_O16 : 0) | (a16 ? INSN_A16 : 0);

	unsigned map = 0, op = take(&s, 1);
	if (op == 0x0f) {
		map = 1;
		op = take(&s, 1);
	}
	unsigned modrm = 0;
	const struct opdesc *d;
	if (map == 0 && op >= 0xd8 && op <= 0xdf) {
		modrm = take(&s, 1);
		d = modrm >= 0xc0 ? &tab_x87r[(op & 7) * 64 + (modrm & 63)]
				  : &tab_x87m[(op & 7) * 8 + ((modrm >> 3) & 7)];
	} else if (map == 1 && simd_op(op, simd_pfx(in, p66))) {
		unsigned at = s.pos;
		bool was_short = s.short_;
		modrm = take(&s, 1);
		d = simd_select(in, op, simd_pfx(in, p66), modrm);
		if (d->hs && !form_has_modrm(d->form)) { /* EMMS: no ModRM byte */
			s.pos = at;
			s.short_ = was_short;
			modrm = 0;
		}
	} else {
		d = &tab_op[map * 256 + op];
		bool has_modrm = d->hs ? form_has_modrm(d->form) : true;
		if (has_modrm)
			modrm = take(&s, 1);
		if (!d->hs)
			d = &tab_grp[(map * 256 + op) * 8 + ((modrm >> 3) & 7)];
	}
	if (s.short_) /* more bytes are needed: past 15 there is no such instruction */
		return avail >= INSN_MAX_LEN ? decode_fail(in, INSN_MAX_LEN, EX_GP) : 0;
	if (s.pos > INSN_MAX_LEN) /* over 15 bytes is #GP, whatever the opcode */
		return decode_fail(in, INSN_MAX_LEN, EX_GP);
	if (!d->hs)
		return decode_fail(in, s.pos, EX_UD);

	if (d->flags & X_O32)
		o16 = false;
	int sz = form_parse(in, &s, d->form, op, modrm, o16);
	if (s.short_) /* more bytes are needed: past 15 there is no such instruction */
		return avail >= INSN_MAX_LEN ? decode_fail(in, INSN_MAX_LEN, EX_GP) : 0;
	if (s.pos > INSN_MAX_LEN)
		return decode_fail(in, INSN_MAX_LEN, EX_GP);
	in->len = (u8)s.pos;

	bool mem = in->flags & INSN_MEM;
	if ((d->flags & X_MEM) && !mem)
		return decode_fail(in, s.pos, EX_UD);
	if ((in->flags & INSN_LOCK) && (!(d->flags & X_LOCK) || !mem))
		return decode_fail(in, s.pos, EX_UD);
	if (seg_ovr != 0xff)
		in->seg = seg_ovr;
	if (d->form == FORM_Jb || d->form == FORM_Jz) {
		in->imm += eip + in->len;
		if (o16)
			in->imm &= 0xffff;
	}
	if (d->flags & X_END)
		in->flags |= INSN_END;
	if (d->flags & X_JCC)
		in->flags |= INSN_JCC;
	if (d->form == FORM_SwEw && (in->d > S_GS || in->d == S_CS))
		return decode_fail(in, s.pos, EX_UD);
	if (d->form == FORM_EwSw && in->s > S_GS)
		return decode_fail(in, s.pos, EX_UD);

	unsigned variant = (d->flags & X_STR) ? ((in->flags & (INSN_REP | INSN_REPNE)) != 0) : mem;
	in->fn = d->hs->h[variant][sz];
	if (!in->fn)
		return decode_fail(in, s.pos, EX_UD);
	if (d->flags & (X_X87 | X_MMX | X_SSE | X_FXSR))
		return fpu_gate(in, d->flags, mode_key);
	return in->len;
}

const char *decode_name(const struct insn *in)
{
	for (unsigned i = 0; i < 512; i++)
		for (unsigned v = 0; tab_op[i].hs && v < 6; v++)
			if (tab_op[i].hs->h[v / 3][v % 3] == in->fn)
				return tab_op[i].name;
	for (unsigned i = 0; i < 512 * 8; i++)
		for (unsigned v = 0; tab_grp[i].hs && v < 6; v++)
			if (tab_grp[i].hs->h[v / 3][v % 3] == in->fn)
				return tab_grp[i].name;
	const struct opdesc *tabs[] = { tab_x87m, tab_x87r, tab_simd, tab_simd_grp };
	const unsigned ns[] = { 64, 512, 4 * 256, 4 * 4 * 8 };
	for (unsigned t = 0; t < 4; t++)
		for (unsigned i = 0; i < ns[t]; i++)
			for (unsigned v = 0; tabs[t][i].hs && v < 6; v++)
				if (tabs[t][i].hs->h[v / 3][v % 3] == in->fn)
					return tabs[t][i].name;
	return "?";
}
