/* cpu.c - CPU set-up, the mode key, CR0 writes and CPUID. */
#include <string.h>
#include "xlat/machine.h"

#define CPUID_SIGNATURE 0x000006f1u /* family 6, model 15, stepping 1 */

void cpu_init(struct cpu *c, struct machine *m)
{
	memset(c, 0, sizeof(*c));
	c->m = m;
	c->a20_mask = 0xffffffffu;
	tlb_reset(c);
}

/* The state a Multiboot loader leaves (Multiboot spec 3.2): 32-bit
 * protected mode, flat CS/DS/ES/SS, interrupts off, paging off. */
/* x87/SSE state at RESET (SDM Vol. 3A, table 10-1: FCW 0040H, FTW 5555H,
 * every register +0.0) or as FNINIT leaves it, which Multiboot loaders
 * hand over. */
void cpu_fpu_init(struct cpu *c, bool power_on)
{
	c->fpu = (struct fpu){ .cw = power_on ? 0x40 : 0x37f, .full = power_on ? 0xff : 0, .mxcsr = 0x1f80 };
}

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
	cpu_fpu_init(c, false);
	c->eip = eip;
	c->halted = false;
	c->m = m;
	c->efer = 0;
	memset(c->sysenter, 0, sizeof(c->sysenter));
	cpu_update_mode(c);
	tlb_reset(c);
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
	cpu_fpu_init(c, true);
	c->tsc_offset = 0;
	c->efer = 0;
	memset(c->sysenter, 0, sizeof(c->sysenter));
	c->a20_mask = 0xffffffffu;
	c->eip = 0xfff0;
	c->halted = false;
	c->ras_top = 0;
	cpu_update_mode(c);
	tlb_reset(c);
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
	/* FPU availability is decided when an instruction is decoded: blocks
	 * made while EM or TS is set hold #NM/#UD handlers instead */
	if (c->cr0 & 4)
		k |= MK_EM;
	if (c->cr0 & 8)
		k |= MK_TS;
	if (c->cr4 & 0x200)
		k |= MK_OSFXSR;
	if (k != c->mode_key) {
		c->mode_key = k;
		c->m->bc.epoch++; /* blocks decoded under the old key are not reused */
	}
	if (c->bank)
		tlb_point(c);
	cpu_update_ac(c);
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

/* Alignment checking (SDM Vol. 3A, 6.15, #AC): while it is on, user
 * entries take the slow path, which checks alignment, so the fast path
 * needs no test of its own. */
void cpu_update_ac(struct cpu *c)
{
	bool on = (c->cr0 & 0x40000u) && (c->eflags & F_AC) && cpu_cpl(c) == 3;
	if (on == c->ac_check)
		return;
	c->ac_check = on;
	if (c->bank)
		tlb_flush_all(c);
}

void cpu_write_cr0(struct cpu *c, u32 v)
{
	v |= 0x10; /* ET is hard-wired on 486 and later */
	if ((v & 0x80000000u) && !(v & 1))
		cpu_fault(c, EX_GP, 0);
	u32 old = c->cr0;
	c->cr0 = v;
	cpu_update_mode(c); /* (and cpu_update_ac: AM may have changed) */
	/* PG and WP change what every walk gives: forget all banks */
	if ((old ^ v) & 0x80010000u)
		tlb_reset(c);
	else
		tlb_flush_all(c);
}

void cpu_write_cr3(struct cpu *c, u32 v)
{
	c->cr3 = v;
	if (c->cr0 & 0x80000000u)
		tlb_select_bank(c);
	else
		tlb_flush_all(c);
}

/* PSE, PAE and PGE change how walks go (SDM Vol. 3A, 4.10.4.1). */
void cpu_write_cr4(struct cpu *c, u32 v)
{
	u32 old = c->cr4;
	c->cr4 = v;
	if ((old ^ v) & 0xb0u)
		tlb_reset(c);
	cpu_update_mode(c); /* OSFXSR */
}

/* What we report is what we implement. */
#define FEAT_FPU (1u << 0)
#define FEAT_CLFSH (1u << 19)
#define FEAT_MMX (1u << 23)
#define FEAT_FXSR (1u << 24)
#define FEAT_SSE (1u << 25)
#define FEAT_SSE2 (1u << 26)
#define FEAT_PSE (1u << 3)
#define FEAT_TSC (1u << 4)
#define FEAT_PAE (1u << 6)
#define FEAT_PGE (1u << 13)
#define EXT_NX (1u << 20)
#define FEAT_MSR (1u << 5)
#define FEAT_SEP (1u << 11)
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
		out[1] = 8u << 8; /* CLFLUSH line size: 8 * 8 bytes */
		out[3] = FEAT_FPU | FEAT_PSE | FEAT_TSC | FEAT_MSR | FEAT_PAE | FEAT_CX8 | FEAT_SEP |
			 FEAT_PGE | FEAT_CMOV | FEAT_CLFSH | FEAT_MMX | FEAT_FXSR | FEAT_SSE | FEAT_SSE2;
		break;
	case 0x80000000u:
		out[0] = 0x80000001u;
		break;
	case 0x80000001u:
		out[3] = EXT_NX;
		break;
	}
}
