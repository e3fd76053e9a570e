/* seg.c - segment-register loads and the checked (non-flat) address path.
 * Protected-mode loads check what a same-privilege transfer needs; gates,
 * privilege changes and task switches arrive with issue C. */
#include "xlat/cpu.h"
#include "xlat/mem.h"

#define ATTR_P 0x80u
#define ATTR_S 0x10u
#define ATTR_CODE 0x08u
#define ATTR_CONFORM_OR_EXPDOWN 0x04u
#define ATTR_RW 0x02u
#define ATTR_DB 0x4000u
#define ATTR_G 0x8000u

static bool seg_is_flat(const struct seg *s)
{
	u16 a = s->attr;
	return s->base == 0 && s->limit == 0xffffffffu && (a & ATTR_P) && (a & ATTR_S) &&
	       !(a & ATTR_CODE) && (a & ATTR_RW) && !(a & ATTR_CONFORM_OR_EXPDOWN);
}

void seg_set_desc(struct seg *s, u16 sel, u32 lo, u32 hi)
{
	s->sel = sel;
	s->base = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000u);
	s->limit = (lo & 0xffff) | (hi & 0xf0000u);
	s->attr = (u16)((hi >> 8) & 0xf0ff);
	if (s->attr & ATTR_G)
		s->limit = (s->limit << 12) | 0xfff;
	s->flat = seg_is_flat(s);
}

void seg_load_flat(struct seg *s, u16 sel, bool code)
{
	seg_set_desc(s, sel, 0x0000ffffu, code ? 0x00cf9b00u : 0x00cf9300u);
}

static unsigned cur_cpl(const struct cpu *c) { return (c->mode_key >> MK_CPL_SHIFT) & 3; }

/* Read the descriptor for sel, faulting #GP(sel) when outside its table. */
static void desc_read(struct cpu *c, u16 sel, u32 *lo, u32 *hi)
{
	bool ldt = sel & 4;
	u32 base = ldt ? c->ldtr.base : c->gdt_base;
	u32 limit = ldt ? c->ldtr.limit : c->gdt_limit;
	u32 off = sel & ~7u;
	if (off + 7 > limit)
		cpu_fault(c, EX_GP, sel & ~3u);
	*lo = mem_rd32(c, base + off);
	*hi = mem_rd32(c, base + off + 4);
}

/* Check a load of sreg with sel; fill *out. Faults as the SDM's MOV, POP,
 * JMP/CALL/RET far say for a same-privilege load. */
static void seg_fetch(struct cpu *c, unsigned sreg, u16 sel, struct seg *out)
{
	unsigned cpl = cur_cpl(c), rpl = sel & 3;
	if ((sel & ~3u) == 0) {
		if (sreg == S_SS || sreg == S_CS)
			cpu_fault(c, EX_GP, 0);
		*out = (struct seg){ .sel = sel }; /* null: unusable, accesses #GP */
		return;
	}
	u32 lo, hi;
	desc_read(c, sel, &lo, &hi);
	seg_set_desc(out, sel, lo, hi);
	u16 a = out->attr;
	unsigned dpl = (a >> 5) & 3;
	bool code = a & ATTR_CODE, sys = !(a & ATTR_S);
	u32 err = sel & ~3u;
	if (sreg == S_CS) {
		bool conforming = a & ATTR_CONFORM_OR_EXPDOWN;
		if (sys || !code || (conforming ? dpl > cpl : (dpl != cpl || rpl > cpl)))
			cpu_fault(c, EX_GP, err);
		if (!(a & ATTR_P))
			cpu_fault(c, EX_NP, err);
		out->sel = (u16)((sel & ~3u) | cpl);
	} else if (sreg == S_SS) {
		if (sys || code || !(a & ATTR_RW) || rpl != cpl || dpl != cpl)
			cpu_fault(c, EX_GP, err);
		if (!(a & ATTR_P))
			cpu_fault(c, EX_SS, err);
	} else {
		bool conforming_code = code && (a & ATTR_CONFORM_OR_EXPDOWN);
		if (sys || (code && !(a & ATTR_RW)) || (!conforming_code && (dpl < cpl || dpl < rpl)))
			cpu_fault(c, EX_GP, err);
		if (!(a & ATTR_P))
			cpu_fault(c, EX_NP, err);
	}
}

void seg_check_pm(struct cpu *c, unsigned sreg, u16 sel)
{
	struct seg tmp;
	if ((c->cr0 & 1) && !(c->eflags & F_VM))
		seg_fetch(c, sreg, sel, &tmp);
}

void seg_load_pm(struct cpu *c, unsigned sreg, u16 sel)
{
	struct seg s;
	if (!(c->cr0 & 1) || (c->eflags & F_VM)) {
		/* real and virtual-8086 mode: base = selector * 16, limit kept */
		s = c->seg[sreg];
		s.sel = sel;
		s.base = (u32)sel << 4;
		s.flat = false;
	} else {
		seg_fetch(c, sreg, sel, &s);
	}
	c->seg[sreg] = s;
	if (sreg == S_CS)
		cpu_update_mode(c);
}

/* The checked address path for segments that are not flat. */
u32 seg_lin_slow(struct cpu *c, unsigned sreg, u32 ea, unsigned size, bool write)
{
	const struct seg *s = &c->seg[sreg];
	unsigned vec = sreg == S_SS ? EX_SS : EX_GP;
	u32 last = ea + size - 1;
	bool pm = (c->cr0 & 1) && !(c->eflags & F_VM);
	if (pm) {
		u16 a = s->attr;
		if (!(a & ATTR_P))
			cpu_fault(c, vec, 0);
		if ((a & ATTR_CODE) ? (write || !(a & ATTR_RW)) : (write && !(a & ATTR_RW)))
			cpu_fault(c, EX_GP, 0);
		if (!(a & ATTR_CODE) && (a & ATTR_CONFORM_OR_EXPDOWN)) {
			u32 top = (a & ATTR_DB) ? 0xffffffffu : 0xffffu;
			if (ea <= s->limit || last > top || last < ea)
				cpu_fault(c, vec, 0);
			return s->base + ea;
		}
	}
	if (last > s->limit || last < ea)
		cpu_fault(c, vec, 0);
	return s->base + ea;
}
