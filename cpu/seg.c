/* seg.c - segment-register loads, the checked (non-flat) address path,
 * loads for privilege changes and the hardware task switch. seg_fetch()
 * checks what a same-privilege load needs; callers crossing privilege
 * levels check privilege themselves and use the *_cpl loads. */
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

/* Read the descriptor for sel, faulting #GP(sel) when outside its table. */
void seg_desc_read(struct cpu *c, u16 sel, u32 *lo, u32 *hi)
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

/* A code or data descriptor gets its Accessed bit set when loaded (SDM
 * Vol. 3A, 3.4.5.1); the write goes to the table like any supervisor store. */
void seg_mark_accessed(struct cpu *c, struct seg *s)
{
	if (!(s->attr & ATTR_S) || (s->attr & 1) || (s->sel & ~3u) == 0)
		return;
	u32 base = (s->sel & 4) ? c->ldtr.base : c->gdt_base;
	u32 a = base + (s->sel & ~7u) + 4;
	mem_wr32(c, a, mem_rd32(c, a) | 0x100);
	s->attr |= 1;
}

/* Check a load of sreg with sel; fill *out. Faults as the SDM's MOV, POP,
 * JMP/CALL/RET far say for a same-privilege load. */
static void seg_fetch(struct cpu *c, unsigned sreg, u16 sel, struct seg *out)
{
	unsigned cpl = cpu_cpl(c), rpl = sel & 3;
	if ((sel & ~3u) == 0) {
		if (sreg == S_SS || sreg == S_CS)
			cpu_fault(c, EX_GP, 0);
		*out = (struct seg){ .sel = sel }; /* null: unusable, accesses #GP */
		return;
	}
	u32 lo, hi;
	seg_desc_read(c, sel, &lo, &hi);
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
		seg_mark_accessed(c, &s);
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

/* ---- privilege changes (SDM Vol. 3A, 5.8 and 6.12.1) ----
 * The callers check privilege; these load a segment for an explicit new CPL. */

/* CS for code that will run at cpl: a present code segment. */
void seg_fetch_cs_cpl(struct cpu *c, u16 sel, unsigned cpl, unsigned vec, struct seg *out)
{
	struct seg s;
	u32 lo, hi;
	if ((sel & ~3u) == 0)
		cpu_fault(c, vec, 0);
	seg_desc_read(c, sel, &lo, &hi);
	seg_set_desc(&s, sel, lo, hi);
	if (!(s.attr & ATTR_S) || !(s.attr & ATTR_CODE))
		cpu_fault(c, vec, sel & ~3u);
	if (!(s.attr & ATTR_P))
		cpu_fault(c, EX_NP, sel & ~3u);
	s.sel = (u16)((sel & ~3u) | cpl);
	*out = s;
}

/* The code segment an interrupt, trap or call gate names (SDM Vol. 3A,
 * 5.8.4 and 6.12.1.1): present, and no less privileged than cpl. A null
 * selector faults #GP(null_err), which carries EXT for a hardware event. */
void seg_gate_cs(struct cpu *c, u16 sel, unsigned cpl, u32 null_err, unsigned *dpl, bool *conforming)
{
	u32 lo, hi;
	if ((sel & ~3u) == 0)
		cpu_fault(c, EX_GP, null_err);
	seg_desc_read(c, sel, &lo, &hi);
	*dpl = (hi >> 13) & 3;
	*conforming = hi & 0x400;
	if ((hi & 0x1800) != 0x1800 || *dpl > cpl)
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
}

/* SS for cpl: RPL and DPL equal to cpl, a present writable data segment. */
void seg_fetch_ss_cpl(struct cpu *c, u16 sel, unsigned cpl, unsigned vec, struct seg *out)
{
	struct seg s;
	u32 lo, hi;
	if ((sel & ~3u) == 0 || (sel & 3) != cpl)
		cpu_fault(c, vec, sel & ~3u);
	seg_desc_read(c, sel, &lo, &hi);
	seg_set_desc(&s, sel, lo, hi);
	unsigned dpl = (s.attr >> 5) & 3;
	if (!(s.attr & ATTR_S) || (s.attr & ATTR_CODE) || !(s.attr & ATTR_RW) || dpl != cpl)
		cpu_fault(c, vec, sel & ~3u);
	if (!(s.attr & ATTR_P))
		cpu_fault(c, EX_SS, sel & ~3u);
	*out = s;
}

/* Both checked first, then both loaded: a fault changes nothing. */
void seg_load_cs_ss_cpl(struct cpu *c, u16 cs, u16 ss, unsigned cpl, unsigned vec_cs, unsigned vec_ss)
{
	struct seg ncs, nss;
	seg_fetch_cs_cpl(c, cs, cpl, vec_cs, &ncs);
	seg_fetch_ss_cpl(c, ss, cpl, vec_ss, &nss);
	seg_mark_accessed(c, &ncs);
	seg_mark_accessed(c, &nss);
	c->seg[S_CS] = ncs;
	c->seg[S_SS] = nss;
	cpu_update_mode(c);
}

/* After a return to an outer level, data segments the new CPL may not use
 * become null (SDM Vol. 2A, IRET and RET). */
void seg_null_inaccessible(struct cpu *c)
{
	unsigned cpl = cpu_cpl(c);
	static const u8 data_segs[] = { S_ES, S_DS, S_FS, S_GS };
	for (unsigned i = 0; i < sizeof(data_segs); i++) {
		struct seg *s = &c->seg[data_segs[i]];
		bool conforming_code = (s->attr & ATTR_CODE) && (s->attr & ATTR_CONFORM_OR_EXPDOWN);
		if ((s->attr & ATTR_P) && !conforming_code && ((s->attr >> 5) & 3) < cpl)
			*s = (struct seg){ .sel = 0 };
	}
}

/* The stack for ring cpl from the current TSS (32- or 16-bit). */
void tss_stack(struct cpu *c, unsigned cpl, u16 *ss, u32 *esp)
{
	bool tss32 = (c->tr.attr & 0xf) == 0x9 || (c->tr.attr & 0xf) == 0xb;
	u32 off = tss32 ? 4 + 8 * cpl : 2 + 4 * cpl;
	u32 need = off + (tss32 ? 6 : 4) - 1;
	if (!(c->tr.attr & ATTR_P) || need > c->tr.limit)
		cpu_fault(c, EX_TS, c->tr.sel & ~3u);
	if (tss32) {
		*esp = mem_rd32(c, c->tr.base + off);
		*ss = mem_rd16(c, c->tr.base + off + 4);
	} else {
		*esp = mem_rd16(c, c->tr.base + off);
		*ss = mem_rd16(c, c->tr.base + off + 2);
	}
}

/* LTR: an available TSS from the GDT, which becomes busy. */
void seg_load_tr(struct cpu *c, u16 sel)
{
	u32 lo, hi;
	if ((sel & ~3u) == 0 || (sel & 4))
		cpu_fault(c, EX_GP, sel & ~3u);
	seg_desc_read(c, sel, &lo, &hi);
	unsigned type = (hi >> 8) & 0x1f;
	if (type != 0x09 && type != 0x01)
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
	hi |= 0x200; /* busy */
	mem_wr32(c, c->gdt_base + (sel & ~7u) + 4, hi);
	seg_set_desc(&c->tr, sel, lo, hi);
}

/* LLDT: an LDT descriptor from the GDT, or null (no LDT). */
void seg_load_ldtr(struct cpu *c, u16 sel)
{
	u32 lo, hi;
	if ((sel & ~3u) == 0) {
		c->ldtr = (struct seg){ .sel = sel };
		return;
	}
	if (sel & 4)
		cpu_fault(c, EX_GP, sel & ~3u);
	seg_desc_read(c, sel, &lo, &hi);
	if (((hi >> 8) & 0x1f) != 0x02)
		cpu_fault(c, EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
	seg_set_desc(&c->ldtr, sel, lo, hi);
}

/* ---- hardware task switch (SDM Vol. 3A, 8.3), 32-bit TSSs ----
 * Everything about the new task is checked before the old one is saved. */
enum { TSS_LINK = 0x00, TSS_CR3 = 0x1c, TSS_EIP = 0x20, TSS_EFLAGS = 0x24, TSS_EAX = 0x28,
       TSS_ES = 0x48, TSS_LDT = 0x60 };

static void tss_desc_busy(struct cpu *c, u16 sel, bool busy)
{
	u32 a = c->gdt_base + (sel & ~7u) + 4;
	u32 hi = mem_rd32(c, a);
	mem_wr32(c, a, busy ? (hi | 0x200) : (hi & ~0x200u));
}

static void task_save(struct cpu *c, u32 eip, u32 eflags)
{
	u32 b = c->tr.base;
	mem_wr32(c, b + TSS_EIP, eip);
	mem_wr32(c, b + TSS_EFLAGS, eflags);
	for (unsigned r = 0; r < 8; r++)
		mem_wr32(c, b + TSS_EAX + 4 * r, c->r[r].d);
	for (unsigned s = 0; s < S_NSEG; s++)
		mem_wr16(c, b + TSS_ES + 4 * s, c->seg[s].sel);
}

/* Segment registers of the new task: raw descriptor loads; a selector
 * whose descriptor is not present faults in the new task (#TS). */
static void task_load_segs(struct cpu *c, const u16 sel[S_NSEG])
{
	for (unsigned s = 0; s < S_NSEG; s++) {
		if (c->eflags & F_VM) {
			c->seg[s] = (struct seg){ .sel = sel[s], .base = (u32)sel[s] << 4, .limit = 0xffff,
						  .attr = 0xf3 };
			continue;
		}
		if ((sel[s] & ~3u) == 0) {
			if (s == S_CS || s == S_SS)
				cpu_fault(c, EX_TS, sel[s] & ~3u);
			c->seg[s] = (struct seg){ .sel = sel[s] };
			continue;
		}
		u32 lo, hi;
		seg_desc_read(c, sel[s], &lo, &hi);
		seg_set_desc(&c->seg[s], sel[s], lo, hi);
		if (!(hi & 0x8000))
			cpu_fault(c, s == S_SS ? EX_SS : EX_NP, sel[s] & ~3u);
		seg_mark_accessed(c, &c->seg[s]);
	}
	cpu_update_mode(c);
}

void task_switch(struct cpu *c, u16 sel, enum task_kind kind, u32 ret_eip)
{
	u32 lo, hi;
	if ((sel & 4) || (sel & ~3u) == 0)
		cpu_fault(c, EX_GP, sel & ~3u);
	seg_desc_read(c, sel, &lo, &hi);
	unsigned type = (hi >> 8) & 0x1f;
	if (type != (kind == TASK_IRET ? 0x0b : 0x09))
		cpu_fault(c, kind == TASK_IRET ? EX_TS : EX_GP, sel & ~3u);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, sel & ~3u);
	struct seg ntr;
	seg_set_desc(&ntr, sel, lo, hi);
	if (ntr.limit < 0x67)
		cpu_fault(c, EX_TS, sel & ~3u);

	u32 old_flags = cpu_get_eflags(c);
	if (kind == TASK_IRET)
		old_flags &= ~F_NT;
	task_save(c, ret_eip, old_flags);
	if (kind == TASK_JMP || kind == TASK_IRET)
		tss_desc_busy(c, c->tr.sel, false);
	u16 old_tr = c->tr.sel;
	if (kind != TASK_IRET)
		tss_desc_busy(c, sel, true);
	ntr.attr |= 0x2;
	c->tr = ntr;
	if (kind == TASK_CALL || kind == TASK_INT)
		mem_wr16(c, ntr.base + TSS_LINK, old_tr);

	u32 b = ntr.base, nflags = mem_rd32(c, b + TSS_EFLAGS);
	if (kind == TASK_CALL || kind == TASK_INT)
		nflags |= F_NT;
	u32 ncr3 = mem_rd32(c, b + TSS_CR3), neip = mem_rd32(c, b + TSS_EIP);
	u32 regs[8];
	u16 segs[S_NSEG];
	for (unsigned r = 0; r < 8; r++)
		regs[r] = mem_rd32(c, b + TSS_EAX + 4 * r);
	for (unsigned s = 0; s < S_NSEG; s++)
		segs[s] = mem_rd16(c, b + TSS_ES + 4 * s);
	u16 ldt = mem_rd16(c, b + TSS_LDT);

	c->cr0 |= 0x8; /* TS: the new task's first FPU use traps */
	if (c->cr0 & 0x80000000u)
		cpu_write_cr3(c, ncr3);
	for (unsigned r = 0; r < 8; r++)
		c->r[r].d = regs[r];
	cpu_set_eflags(c, nflags, 0x003f7fd5u);
	c->eip = neip;
	seg_load_ldtr(c, ldt);
	task_load_segs(c, segs);
}
