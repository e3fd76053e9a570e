/* xrun.c - the oracle's xlat side: run one case in an emulated machine.
 *
 * One machine serves every case. The code goes where the case says, followed
 * by a HLT, which ends the run; the data buffer at ORC_DATA_BASE. A fault
 * enters the IDT, whose vector v leads to a HLT at STUB_BASE + v, so the
 * EIP the run stops at tells completion from each exception.
 *
 * tests/fporacle/fxrun.c runs its cases with the same steps. */
#include <string.h>
#include "xlat/machine.h"
#include "xrun.h"

#define GDT_BASE 0x1000u
#define IDT_BASE 0x2000u
#define STUB_BASE 0x3000u /* one HLT per vector */
#define STACK_TOP 0x80000u
#define NVEC 32u
#define INSN_LIMIT 100000u /* far above what any case retires */
#define FLUSH_EVERY 256u
#define CODE_MAX 64u /* the longer of ORC_CODE_MAX and FPO_CODE_MAX */

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

struct machine *xrun_new(char *err, size_t errlen)
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
void xrun_place_code(struct machine *m, u32 at, const u8 *code, u32 len)
{
	static unsigned since_flush;
	/* Blocks of earlier cases pile up on the code pages' lists, which every
	 * code write walks; dropping them all now and then keeps that short. */
	if (++since_flush == FLUSH_EVERY) {
		since_flush = 0;
		bc_flush(m);
	}
	u32 start = at & ~3u, end = (at + len + 1 + 3) & ~3u;
	u8 img[CODE_MAX + 8];
	memcpy(img, m->phys.ram + start, end - start);
	memcpy(img + (at - start), code, len);
	img[at - start + len] = 0xf4;
	for (u32 a = start; a < end; a += 4) {
		u32 w;
		memcpy(&w, img + (a - start), 4);
		phys_write(m, a, w, 4);
	}
}

/* cpu_update_mode() makes the decoder see the CR0/CR4 bits set here. */
void xrun_load_cpu(struct machine *m, u32 eip, u32 cr0_set, u32 cr4_set, const u32 r[8], u32 eflags,
		   u32 flags_in)
{
	struct cpu *c = &m->cpu;
	cpu_reset_flat32(c, eip);
	c->gdt_base = GDT_BASE;
	c->gdt_limit = 3 * 8 - 1;
	c->idt_base = IDT_BASE;
	c->idt_limit = NVEC * 8 - 1;
	c->cr0 |= cr0_set;
	c->cr4 |= cr4_set;
	cpu_update_mode(c);
	for (unsigned i = 0; i < 8; i++)
		c->r[i].d = r[i];
	c->r[R_ESP].d = STACK_TOP;
	cpu_set_eflags(c, eflags, flags_in);
}

static u32 end_vector(const struct machine *m, u32 end_eip)
{
	u32 eip = m->cpu.eip;
	if (m->state != RUN_EXIT)
		return ORC_NO_FINISH;
	if (eip == end_eip)
		return ORC_NO_FAULT;
	if (eip > STUB_BASE && eip <= STUB_BASE + NVEC)
		return eip - STUB_BASE - 1;
	return ORC_NO_FINISH;
}

u32 xrun_go(struct machine *m, u32 end_eip)
{
	struct cpu *c = &m->cpu;
	m->state = RUN_RUNNING;
	/* the limit counts from the machine's total, which runs on across cases */
	cpu_run(m, c, cpu_icount(c) + INSN_LIMIT);
	return end_vector(m, end_eip);
}

void xrun_get_regs(struct machine *m, u32 r[8], u32 *eflags)
{
	for (unsigned i = 0; i < 8; i++)
		r[i] = m->cpu.r[i].d;
	*eflags = cpu_get_eflags(&m->cpu);
}

void xrun_case(struct machine *m, const struct orc_in *in, struct orc_out *out)
{
	xrun_place_code(m, in->code_at, in->code, in->code_len);
	xrun_load_cpu(m, in->code_at, 0, 0, in->s.r, in->s.eflags, ORC_FLAGS_IN);
	memcpy(m->phys.ram + ORC_DATA_BASE, in->s.data, ORC_DATA_SIZE);
	out->vector = xrun_go(m, in->code_at + in->code_len + 1);
	xrun_get_regs(m, out->s.r, &out->s.eflags);
	memcpy(out->s.data, m->phys.ram + ORC_DATA_BASE, ORC_DATA_SIZE);
}
