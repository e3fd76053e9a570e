/* simdint.c - MMX and SSE2 integer data movement: MOVD, MOVQ, MOVDQA/U,
 * the non-temporal and masked stores, MOVQ2DQ/MOVDQ2Q, PMOVMSKB, PEXTRW,
 * PINSRW and EMMS (SDM Vol. 2; Vol. 1 9.5 for the x87 aliasing).
 *
 * FORM_VW gives d = ModRM.reg and s = ModRM.rm: a store form such as
 * MOVQ mm/m64, mm therefore reads register d and writes register s.
 * Every fault (segment, page, alignment, pending x87 #MF) is raised before
 * any register or memory changes. */
#include "cpu/ops/ops.h"

static inline void xmm_set_q(struct cpu *c, unsigned r, u64 lo)
{
	c->fpu.xmm[r].q[0] = lo;
	c->fpu.xmm[r].q[1] = 0;
}

/* MOVD/MOVQ between memory and an MMX register: the access, which may
 * fault, comes before the switch to MMX mode. */
#define MM_MEM_MOVES(name, bits)                                                             \
	HANDLER(h_##name##_mm_load_m)                                                        \
	{                                                                                    \
		fpu_check_mf(c);                                                             \
		u64 v = mem_rd##bits(c, lin_of(c, in, bits / 8, false));                     \
		mmx_enter(c);                                                                \
		mmx_set(c, in->d, v);                                                        \
		NEXT;                                                                        \
	}                                                                                    \
	HANDLER(h_##name##_mm_store_m)                                                       \
	{                                                                                    \
		fpu_check_mf(c);                                                             \
		mem_wr##bits(c, lin_of(c, in, bits / 8, true), (u##bits)mmx_get(c, in->d));  \
		mmx_enter(c);                                                                \
		NEXT;                                                                        \
	}
MM_MEM_MOVES(movd, 32)
MM_MEM_MOVES(movq, 64)

/* ---- MOVD ---- */
HANDLER(h_movd_mm_load_r)
{
	u32 v = c->r[in->s].d;
	mmx_begin(c);
	mmx_set(c, in->d, v);
	NEXT;
}
HSET_XM(movd_mm_load, h_movd_mm_load_r, h_movd_mm_load_m);

HANDLER(h_movd_mm_store_r)
{
	mmx_begin(c);
	c->r[in->s].d = (u32)mmx_get(c, in->d);
	NEXT;
}
HSET_XM(movd_mm_store, h_movd_mm_store_r, h_movd_mm_store_m);

HANDLER(h_movd_x_load_r) { xmm_set_q(c, in->d, c->r[in->s].d); NEXT; }
HANDLER(h_movd_x_load_m) { xmm_set_q(c, in->d, mem_rd32(c, lin_of(c, in, 4, false))); NEXT; }
HSET_XM(movd_x_load, h_movd_x_load_r, h_movd_x_load_m);

HANDLER(h_movd_x_store_r) { c->r[in->s].d = c->fpu.xmm[in->d].d[0]; NEXT; }
HANDLER(h_movd_x_store_m) { mem_wr32(c, lin_of(c, in, 4, true), c->fpu.xmm[in->d].d[0]); NEXT; }
HSET_XM(movd_x_store, h_movd_x_store_r, h_movd_x_store_m);

/* ---- MOVQ on MMX registers; MOVNTQ is its memory-only store ---- */
HANDLER(h_movq_mm_load_r)
{
	mmx_begin(c);
	mmx_set(c, in->d, mmx_get(c, in->s));
	NEXT;
}
HSET_XM(movq_mm_load, h_movq_mm_load_r, h_movq_mm_load_m);

HANDLER(h_movq_mm_store_r)
{
	mmx_begin(c);
	mmx_set(c, in->s, mmx_get(c, in->d));
	NEXT;
}
HSET_XM(movq_mm_store, h_movq_mm_store_r, h_movq_mm_store_m);
HSET_XM(movntq, NULL, h_movq_mm_store_m);

/* ---- MOVQ on XMM registers: an XMM destination gets its upper quadword
 * zeroed ---- */
HANDLER(h_movq_x_load_r) { xmm_set_q(c, in->d, c->fpu.xmm[in->s].q[0]); NEXT; }
HANDLER(h_movq_x_load_m) { xmm_set_q(c, in->d, mem_rd64(c, lin_of(c, in, 8, false))); NEXT; }
HSET_XM(movq_x_load, h_movq_x_load_r, h_movq_x_load_m);

HANDLER(h_movq_x_store_r) { xmm_set_q(c, in->s, c->fpu.xmm[in->d].q[0]); NEXT; }
HANDLER(h_movq_x_store_m) { mem_wr64(c, lin_of(c, in, 8, true), c->fpu.xmm[in->d].q[0]); NEXT; }
HSET_XM(movq_x_store, h_movq_x_store_r, h_movq_x_store_m);

/* MOVQ2DQ xmm, mm and MOVDQ2Q mm, xmm: SSE2 instructions that still make
 * the x87 state MMX (SDM Vol. 2, their "x87 FPU transition") */
HANDLER(h_movq2dq)
{
	mmx_begin(c);
	xmm_set_q(c, in->d, mmx_get(c, in->s));
	NEXT;
}
HSET_XM(movq2dq, h_movq2dq, NULL);

HANDLER(h_movdq2q)
{
	mmx_begin(c);
	mmx_set(c, in->d, c->fpu.xmm[in->s].q[0]);
	NEXT;
}
HSET_XM(movdq2q, h_movdq2q, NULL);

/* ---- MOVDQA (aligned), MOVDQU, MOVNTDQ (aligned, memory only) ---- */
HANDLER(h_movdq_load_r) { c->fpu.xmm[in->d] = c->fpu.xmm[in->s]; NEXT; }
/* through a copy: the second half may fault after the first is read */
HANDLER(h_movdqa_load_m)
{
	union xmm v;
	mem_rd128(c, sse_lin(c, in, 16, false, true), &v);
	c->fpu.xmm[in->d] = v;
	NEXT;
}
HANDLER(h_movdqu_load_m)
{
	union xmm v;
	mem_rd128(c, lin_of(c, in, 16, false), &v);
	c->fpu.xmm[in->d] = v;
	NEXT;
}
HSET_XM(movdqa_load, h_movdq_load_r, h_movdqa_load_m);
HSET_XM(movdqu_load, h_movdq_load_r, h_movdqu_load_m);

HANDLER(h_movdq_store_r) { c->fpu.xmm[in->s] = c->fpu.xmm[in->d]; NEXT; }
HANDLER(h_movdqa_store_m) { mem_wr128(c, sse_lin(c, in, 16, true, true), &c->fpu.xmm[in->d]); NEXT; }
HANDLER(h_movdqu_store_m) { mem_wr128(c, lin_of(c, in, 16, true), &c->fpu.xmm[in->d]); NEXT; }
HSET_XM(movdqa_store, h_movdq_store_r, h_movdqa_store_m);
HSET_XM(movdqu_store, h_movdq_store_r, h_movdqu_store_m);
HSET_XM(movntdq, NULL, h_movdqa_store_m);

/* ---- MASKMOVQ / MASKMOVDQU: the bytes of d whose mask byte (in s) has
 * its top bit set go to DS:(E)DI. The whole n-byte span is checked for
 * segment and page faults first, whatever the mask (SDM: a zero mask may
 * still fault), so nothing is stored by a faulting instruction. ---- */
static inline void masked_store(struct cpu *c, const struct insn *in, const u8 *data, const u8 *mask, unsigned n)
{
	u32 ea = (in->flags & INSN_A16) ? c->r[R_EDI].w : c->r[R_EDI].d;
	u32 lin = seg_lin(c, in->seg, ea, n, true);
	mem_check_write(c, lin, n);
	for (unsigned i = 0; i < n; i++)
		if (mask[i] & 0x80)
			mem_wr8(c, lin + i, data[i]);
}

HANDLER(h_maskmovq)
{
	union xmm v = { 0 }, m = { 0 };
	fpu_check_mf(c);
	v.q[0] = mmx_get(c, in->d);
	m.q[0] = mmx_get(c, in->s);
	masked_store(c, in, v.b, m.b, 8);
	mmx_enter(c);
	NEXT;
}
HSET_XM(maskmovq, h_maskmovq, NULL);

HANDLER(h_maskmovdqu)
{
	masked_store(c, in, c->fpu.xmm[in->d].b, c->fpu.xmm[in->s].b, 16);
	NEXT;
}
HSET_XM(maskmovdqu, h_maskmovdqu, NULL);

/* ---- PMOVMSKB r32, mm/xmm: byte sign bits, zero-extended ---- */
static inline u32 byte_signs(const u8 *b, unsigned n)
{
	u32 m = 0;
	for (unsigned i = 0; i < n; i++)
		m |= (u32)(b[i] >> 7) << i;
	return m;
}

HANDLER(h_pmovmskb)
{
	union xmm v = { 0 };
	mmx_begin(c);
	v.q[0] = mmx_get(c, in->s);
	c->r[in->d].d = byte_signs(v.b, 8);
	NEXT;
}
HSET_XM(pmovmskb, h_pmovmskb, NULL);

HANDLER(h_pmovmskb_x) { c->r[in->d].d = byte_signs(c->fpu.xmm[in->s].b, 16); NEXT; }
HSET_XM(pmovmskb_x, h_pmovmskb_x, NULL);

/* ---- PEXTRW r32, mm/xmm, imm8 (register form only) ---- */
HANDLER(h_pextrw)
{
	mmx_begin(c);
	c->r[in->d].d = (u16)(mmx_get(c, in->s) >> (16 * (in->imm & 3)));
	NEXT;
}
HSET_XM(pextrw, h_pextrw, NULL);

HANDLER(h_pextrw_x) { c->r[in->d].d = c->fpu.xmm[in->s].w[in->imm & 7]; NEXT; }
HSET_XM(pextrw_x, h_pextrw_x, NULL);

/* ---- PINSRW mm/xmm, r32/m16, imm8 ---- */

HANDLER(h_pinsrw)
{
	fpu_check_mf(c);
	u16 v = (u16)ld_Es(c, in, 2, (in->flags & INSN_MEM) != 0);
	unsigned sh = 16 * (in->imm & 3);
	mmx_enter(c);
	mmx_set(c, in->d, (mmx_get(c, in->d) & ~((u64)0xffff << sh)) | (u64)v << sh);
	NEXT;
}
HSET_XM(pinsrw, h_pinsrw, h_pinsrw);

HANDLER(h_pinsrw_x)
{
	c->fpu.xmm[in->d].w[in->imm & 7] = (u16)ld_Es(c, in, 2, (in->flags & INSN_MEM) != 0);
	NEXT;
}
HSET_XM(pinsrw_x, h_pinsrw_x, h_pinsrw_x);

/* ---- EMMS: every x87 register empty and, like every MMX instruction
 * (SDM Vol. 3A, 12.2), TOP 0, as this host does; the registers stay ---- */
HANDLER(h_emms)
{
	fpu_check_mf(c);
	c->fpu.top = 0;
	c->fpu.full = 0;
	NEXT;
}
HSET_XM(emms, h_emms, h_emms);
