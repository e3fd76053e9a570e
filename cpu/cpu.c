/* cpu.c - CPU set-up, the mode key, CR0 writes and CPUID. */
#include <string.h>
#include "xlat/machine.h"

#define CPUID_SIGNATURE 0x000006f1u /* family 6, model 15, stepping 1 */

void cpu_init(struct cpu *c, struct machine *m)
{
	memset(c, 0, sizeof(*c));
	c->m = m;
	c->a20_mask = 0xffffffffu;
	tlb_flush_all(c);
}

/* The state a Multiboot loader leaves (Multiboot spec 3.2): 32-bit
 * protected mode, flat CS/DS/ES/SS, interrupts off, paging off. */
void cpu_reset_flat32(struct cpu *c, u32 eip)
{
	struct machine *m = c->m;
	memset(c->r, 0, sizeof(c->r));
	c->eflags = 0;
	cpu_set_arith_flags(c, 0);
	c->cr0 = 0x11; /* PE, ET */
	c->cr2 = c->cr3 = c->cr4 = 0;
	seg_load_flat(&c->seg[S_CS], 0x08, true);
	for (unsigned s = 0; s < S_NSEG; s++)
		if (s != S_CS)
			seg_load_flat(&c->seg[s], 0x10, false);
	c->ldtr = (struct seg){ 0 };
	c->tr = (struct seg){ .limit = 0xffff, .attr = 0x8b };
	c->gdt_base = c->idt_base = 0;
	c->gdt_limit = c->idt_limit = 0;
	c->fpu_cw = 0x37f;
	c->fpu_tw = 0xffff;
	c->eip = eip;
	c->halted = false;
	c->m = m;
	cpu_update_mode(c);
	tlb_flush_all(c);
}

/* Power-on/RESET state (SDM Vol. 3A, 10.1.1, table 10-1): real mode, CS
 * selector F000 with base FFFF0000 so the first fetch is at FFFFFFF0, EDX
 * holding the processor signature CPUID reports. */
void cpu_reset_real(struct cpu *c)
{
	memset(c->r, 0, sizeof(c->r));
	c->eflags = 0;
	cpu_set_arith_flags(c, 0);
	c->cr0 = 0x60000010u; /* CD, NW, ET */
	c->cr2 = c->cr3 = c->cr4 = 0;
	for (unsigned s = 0; s < S_NSEG; s++)
		c->seg[s] = (struct seg){ .limit = 0xffff, .attr = 0x93 };
	c->seg[S_CS] = (struct seg){ .sel = 0xf000, .base = 0xffff0000u, .limit = 0xffff, .attr = 0x9b };
	c->ldtr = (struct seg){ .limit = 0xffff, .attr = 0x82 };
	c->tr = (struct seg){ .limit = 0xffff, .attr = 0x8b };
	c->gdt_base = c->idt_base = 0;
	c->gdt_limit = c->idt_limit = 0xffff;
	memset(c->dr, 0, sizeof(c->dr));
	c->dr[6] = 0xffff0ff0u;
	c->dr[7] = 0x400;
	c->r[R_EDX].d = CPUID_SIGNATURE;
	c->fpu_cw = 0x40;
	c->fpu_sw = 0;
	c->fpu_tw = 0x5555;
	c->tsc_offset = 0;
	c->a20_mask = 0xffffffffu;
	c->eip = 0xfff0;
	c->halted = false;
	c->ras_top = 0;
	cpu_update_mode(c);
	tlb_flush_all(c);
}

void cpu_update_mode(struct cpu *c)
{
	u32 k = 0;
	if (c->cr0 & 1) {
		k |= MK_PE;
		if (c->eflags & F_VM)
			k |= MK_VM86 | (3u << MK_CPL_SHIFT);
		else
			k |= (u32)(c->seg[S_CS].sel & 3) << MK_CPL_SHIFT;
	}
	if (c->seg[S_CS].attr & 0x4000)
		k |= MK_CODE32;
	if (c->cr0 & 0x80000000u)
		k |= MK_PG;
	if (c->a20_mask == 0xffffffffu)
		k |= MK_A20;
	if (k != c->mode_key) {
		c->mode_key = k;
		c->m->bc.epoch++; /* blocks decoded under the old key are not reused */
	}
}

/* The A20 gate masks physical address bit 20 when off (8086 wrap-around). */
void cpu_set_a20(struct cpu *c, bool on)
{
	u32 mask = on ? 0xffffffffu : ~(1u << 20);
	if (mask == c->a20_mask)
		return;
	c->a20_mask = mask;
	tlb_flush_all(c);
	cpu_update_mode(c);
}

void cpu_write_cr0(struct cpu *c, u32 v)
{
	v |= 0x10; /* ET is hard-wired on 486 and later */
	if ((v & 0x80000000u) && !(v & 1))
		cpu_fault(c, EX_GP, 0);
	if ((v & 0x80000000u) && !(c->cr0 & 0x80000000u))
		XLOG(&c->m->log, LOG_UNIMP, "paging enabled at eip 0x%08x: paging arrives with issue C\n", c->eip);
	c->cr0 = v;
	tlb_flush_all(c);
	cpu_update_mode(c);
}

/* What we report is what we implement: no FPU until issue D, no paging
 * extensions until issue C. */
#define FEAT_TSC (1u << 4)
#define FEAT_MSR (1u << 5)
#define FEAT_CX8 (1u << 8)
#define FEAT_CMOV (1u << 15)

void cpu_cpuid(struct cpu *c, u32 leaf, u32 sub, u32 out[4])
{
	(void)c;
	(void)sub;
	out[0] = out[1] = out[2] = out[3] = 0;
	switch (leaf) {
	case 0:
		out[0] = 1;
		memcpy(&out[1], "Genu", 4);
		memcpy(&out[3], "ineI", 4);
		memcpy(&out[2], "ntel", 4);
		break;
	case 1:
		out[0] = CPUID_SIGNATURE;
		out[3] = FEAT_TSC | FEAT_MSR | FEAT_CX8 | FEAT_CMOV;
		break;
	case 0x80000000u:
		out[0] = 0x80000000u;
		break;
	}
}
