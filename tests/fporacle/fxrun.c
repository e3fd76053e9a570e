/* fxrun.c - the FP oracle's xlat side: run one case in an emulated machine.
 *
 * One machine serves every case (the same layout as tests/oracle/xrun.c):
 * the code goes where the case says, followed by a HLT, which ends the run;
 * the data buffer at FPO_DATA_BASE. A fault enters the IDT, whose vector v
 * leads to a HLT at STUB_BASE + v, so the EIP the run stops at tells
 * completion from each exception.
 *
 * The FP state is not read back through the guest's FXSAVE (which may be
 * the instruction under test): fx_to_fpu/fpu_to_fx convert between the
 * case's FXSAVE image and struct fpu directly. */
#include <string.h>
#include "xlat/machine.h"
#include "fxrun.h"

#define GDT_BASE 0x1000u
#define IDT_BASE 0x2000u
#define STUB_BASE 0x3000u /* one HLT per vector */
#define STACK_TOP 0x80000u
#define NVEC 32u
#define INSN_LIMIT 100000u /* far above what any case retires */
#define FLUSH_EVERY 256u
#define CR0_MP 0x2u
#define CR0_NE 0x20u
#define CR4_OSFXSR 0x200u
#define CR4_OSXMMEXCPT 0x400u

static void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }

/* GDT: null, flat code 0x08, flat data 0x10 (what cpu_reset_flat32 loads).
 * IDT: 32-bit interrupt gates, DPL 0, present, to the HLT stubs. */
static void build_tables(struct machine *m)
{
	u8 *ram = m->phys.ram;
	put32(ram + GDT_BASE + 8, 0x0000ffffu);
	put32(ram + GDT_BASE + 12, 0x00cf9b00u);
	put32(ram + GDT_BASE + 16, 0x0000ffffu);
	put32(ram + GDT_BASE + 20, 0x00cf9300u);
	for (u32 v = 0; v < NVEC; v++) {
		u32 off = STUB_BASE + v;
		put32(ram + IDT_BASE + 8 * v, 0x00080000u | (off & 0xffffu));
		put32(ram + IDT_BASE + 8 * v + 4, (off & 0xffff0000u) | 0x8e00u);
	}
	memset(ram + STUB_BASE, 0xf4, NVEC);
}

struct machine *fxrun_new(char *err, size_t errlen)
{
	struct machine_opts o = { .ram_mb = 16, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .no_reboot = true };
	struct machine *m = machine_new(&o, err, errlen);
	if (m)
		build_tables(m);
	return m;
}

/* Store the code with phys_write(), which drops the blocks translated from
 * earlier cases' code there. Aligned words, so that no write crosses a page. */
static void place_code(struct machine *m, const struct fpo_in *in)
{
	u32 start = in->code_at & ~3u, end = (in->code_at + in->code_len + 1 + 3) & ~3u;
	u8 img[FPO_CODE_MAX + 8];
	memcpy(img, m->phys.ram + start, end - start);
	memcpy(img + (in->code_at - start), in->code, in->code_len);
	img[in->code_at - start + in->code_len] = 0xf4;
	for (u32 a = start; a < end; a += 4) {
		u32 w;
		memcpy(&w, img + (a - start), 4);
		phys_write(m, a, w, 4);
	}
}

static u16 get16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static void put16(u8 *p, u16 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }

/* FXSAVE keeps ST(i) in stack order; struct fpu keeps physical R(i). */
static void fx_to_fpu(struct fpu *f, const u8 *fx)
{
	u16 sw = get16(fx + FX_FSW);
	*f = (struct fpu){ 0 };
	f->cw = get16(fx + FX_FCW);
	f->sw = sw & ~0x3800u;
	f->top = (sw >> 11) & 7;
	f->full = fx[FX_FTW];
	memcpy(&f->mxcsr, fx + FX_MXCSR, 4);
	for (unsigned i = 0; i < 8; i++) {
		const u8 *p = fx + FX_ST + 16 * i;
		f80 *r = &f->st[(f->top + i) & 7];
		memcpy(&r->sig, p, 8);
		r->se = get16(p + 8);
		memcpy(f->xmm[i].b, fx + FX_XMM + 16 * i, 16);
	}
}

static void fpu_to_fx(const struct fpu *f, u8 *fx)
{
	memset(fx, 0, FPO_FX_SIZE);
	put16(fx + FX_FCW, f->cw);
	put16(fx + FX_FSW, (u16)((f->sw & ~0x3800u) | (f->top & 7) << 11));
	fx[FX_FTW] = f->full;
	put16(fx + FX_FOP, f->fop);
	memcpy(fx + FX_FIP, &f->fip, 4);
	memcpy(fx + FX_FDP, &f->fdp, 4);
	memcpy(fx + FX_MXCSR, &f->mxcsr, 4);
	for (unsigned i = 0; i < 8; i++) {
		u8 *p = fx + FX_ST + 16 * i;
		const f80 *r = &f->st[(f->top + i) & 7];
		memcpy(p, &r->sig, 8);
		put16(p + 8, r->se);
		memcpy(fx + FX_XMM + 16 * i, f->xmm[i].b, 16);
	}
}

/* CR0.NE and the OSFXSR/OSXMMEXCPT bits are what the native side's OS sets;
 * cpu_update_mode() makes the decoder see them. */
static void load_state(struct machine *m, const struct fpo_in *in)
{
	struct cpu *c = &m->cpu;
	cpu_reset_flat32(c, in->code_at);
	c->gdt_base = GDT_BASE;
	c->gdt_limit = 3 * 8 - 1;
	c->idt_base = IDT_BASE;
	c->idt_limit = NVEC * 8 - 1;
	c->cr0 |= CR0_MP | CR0_NE;
	c->cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	cpu_update_mode(c);
	for (unsigned i = 0; i < 8; i++)
		c->r[i].d = in->s.r[i];
	c->r[R_ESP].d = STACK_TOP;
	cpu_set_eflags(c, in->s.eflags, FPO_FLAGS_IN);
	fx_to_fpu(&c->fpu, in->s.fx);
	memcpy(m->phys.ram + FPO_DATA_BASE, in->s.data, FPO_DATA_SIZE);
}

static u32 end_vector(const struct machine *m, const struct fpo_in *in)
{
	u32 eip = m->cpu.eip;
	if (m->state != RUN_EXIT)
		return FPO_NO_FINISH;
	if (eip == in->code_at + in->code_len + 1)
		return FPO_NO_FAULT;
	if (eip > STUB_BASE && eip <= STUB_BASE + NVEC)
		return eip - STUB_BASE - 1;
	return FPO_NO_FINISH;
}

void fxrun_case(struct machine *m, const struct fpo_in *in, struct fpo_out *out)
{
	static unsigned since_flush;
	struct cpu *c = &m->cpu;
	/* Blocks of earlier cases pile up on the code pages' lists, which every
	 * code write walks; dropping them all now and then keeps that short. */
	if (++since_flush == FLUSH_EVERY) {
		since_flush = 0;
		bc_flush(m);
	}
	place_code(m, in);
	load_state(m, in);
	m->state = RUN_RUNNING;
	/* the limit counts from the machine's total, which runs on across cases */
	cpu_run(m, c, cpu_icount(c) + INSN_LIMIT);
	for (unsigned i = 0; i < 8; i++)
		out->s.r[i] = c->r[i].d;
	out->s.eflags = cpu_get_eflags(c);
	fpu_to_fx(&c->fpu, out->s.fx);
	memcpy(out->s.data, m->phys.ram + FPO_DATA_BASE, FPO_DATA_SIZE);
	out->vector = end_vector(m, in);
}
