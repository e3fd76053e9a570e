/* system.c - flag instructions, CLI/STI/HLT, port I/O, CPUID, RDTSC, MSRs,
 * descriptor-table and control-register moves, segment-register loads,
 * and the #UD/#GP handlers the decoder plants for bad encodings. */
#include "ops.h"
#include "xlat/machine.h"

static inline unsigned iopl(const struct cpu *c) { return (c->eflags & F_IOPL) >> 12; }
static inline void need_cpl0(struct cpu *c)
{
	if (cpu_cpl(c))
		cpu_fault(c, EX_GP, 0);
}

HANDLER(h_ud) { (void)in; cpu_fault_noerr(c, EX_UD); }
HANDLER(h_gp) { (void)in; cpu_fault(c, EX_GP, 0); }
insn_fn op_ud_fn(void) { return h_ud; }
insn_fn op_gp_fn(void) { return h_gp; }
/* x87/MMX/SSE instructions decoded while CR0.TS or EM make them trap */
HANDLER(h_nm) { (void)in; cpu_fault_noerr(c, EX_NM); }
insn_fn op_nm_fn(void) { return h_nm; }
HSET_ONE(ud, h_ud);

/* ---- flags ---- */
HANDLER(h_clc) { flags_set_cf_of(c, 0, cpu_of(c)); NEXT; }
HANDLER(h_stc) { flags_set_cf_of(c, 1, cpu_of(c)); NEXT; }
HANDLER(h_cmc) { flags_set_cf_of(c, !cpu_cf(c), cpu_of(c)); NEXT; }
HANDLER(h_cld) { c->eflags &= ~F_DF; NEXT; }
HANDLER(h_std) { c->eflags |= F_DF; NEXT; }
HSET_ONE(clc, h_clc);
HSET_ONE(stc, h_stc);
HSET_ONE(cmc, h_cmc);
HSET_ONE(cld, h_cld);
HSET_ONE(std, h_std);

/* CLI/STI need CPL <= IOPL (SDM Vol. 2A, CLI); both end the block so the
 * dispatcher sees the new IF. */
HANDLER(h_cli)
{
	if (cpu_cpl(c) > iopl(c))
		cpu_fault(c, EX_GP, 0);
	c->eflags &= ~F_IF;
	return next_insn(c, in);
}
HANDLER(h_sti)
{
	if (cpu_cpl(c) > iopl(c))
		cpu_fault(c, EX_GP, 0);
	c->eflags |= F_IF;
	return next_insn(c, in);
}
HSET_ONE(cli, h_cli);
HSET_ONE(sti, h_sti);

HANDLER(h_hlt)
{
	need_cpl0(c);
	cpu_halt(c);
	return next_insn(c, in);
}
HSET_ONE(hlt, h_hlt);

/* ---- port I/O ---- */
/* Above IOPL (and always in virtual-8086 mode) the ports must be allowed
 * by the 32-bit TSS's I/O permission bitmap (SDM Vol. 1, 19.5.2). */
static void io_check(struct cpu *c, u16 port, unsigned S)
{
	if (!(c->cr0 & 1) || (!(c->eflags & F_VM) && cpu_cpl(c) <= iopl(c)))
		return;
	unsigned type = c->tr.attr & 0xf;
	if ((type != 0x9 && type != 0xb) || c->tr.limit < 0x67)
		cpu_fault(c, EX_GP, 0);
	u32 base = mem_rd16(c, c->tr.base + 0x66) + (u32)(port >> 3);
	if (base + 1 > c->tr.limit)
		cpu_fault(c, EX_GP, 0);
	u32 bits = mem_rd16(c, c->tr.base + base) >> (port & 7);
	if (bits & ((1u << S) - 1))
		cpu_fault(c, EX_GP, 0);
}

u32 io_in(struct cpu *c, u16 port, unsigned S)
{
	io_check(c, port, S);
	u32 v = iobus_read(&c->m->io, port, S);
	XLOG(&c->m->log, LOG_IOPORT, "in%u  port 0x%04x -> 0x%x\n", S * 8, port, v);
	return v;
}

void io_out(struct cpu *c, u16 port, u32 v, unsigned S)
{
	io_check(c, port, S);
	XLOG(&c->m->log, LOG_IOPORT, "out%u port 0x%04x <- 0x%x\n", S * 8, port, v);
	iobus_write(&c->m->io, port, v, S);
}

#define IO_PAIR(S, N)                                                               \
	HANDLER(h_in_i##N) { wreg(c, R_EAX, io_in(c, (u16)in->imm, S), S); return next_insn(c, in); } \
	HANDLER(h_out_i##N) { io_out(c, (u16)in->imm, rreg(c, R_EAX, S), S); return next_insn(c, in); } \
	HANDLER(h_in_d##N) { wreg(c, R_EAX, io_in(c, c->r[R_EDX].w, S), S); return next_insn(c, in); } \
	HANDLER(h_out_d##N) { io_out(c, c->r[R_EDX].w, rreg(c, R_EAX, S), S); return next_insn(c, in); }
IO_PAIR(1, 8)
IO_PAIR(2, 16)
IO_PAIR(4, 32)
HSET_RM(in_I, h_in_i8, h_in_i16, h_in_i32, h_in_i8, h_in_i16, h_in_i32);
HSET_RM(out_I, h_out_i8, h_out_i16, h_out_i32, h_out_i8, h_out_i16, h_out_i32);
HSET_RM(in_D, h_in_d8, h_in_d16, h_in_d32, h_in_d8, h_in_d16, h_in_d32);
HSET_RM(out_D, h_out_d8, h_out_d16, h_out_d32, h_out_d8, h_out_d16, h_out_d32);

/* ---- identification and time ---- */
HANDLER(h_cpuid)
{
	u32 out[4];
	cpu_cpuid(c, c->r[R_EAX].d, c->r[R_ECX].d, out);
	c->r[R_EAX].d = out[0];
	c->r[R_EBX].d = out[1];
	c->r[R_ECX].d = out[2];
	c->r[R_EDX].d = out[3];
	return next_insn(c, in);
}
HSET_ONE(cpuid, h_cpuid);

/* The TSC counts retired instructions (DESIGN 10): deterministic. */
HANDLER(h_rdtsc)
{
	if ((c->cr4 & 4) && cpu_cpl(c))
		cpu_fault(c, EX_GP, 0);
	u64 t = cpu_icount_now(c) + c->tsc_offset;
	c->r[R_EAX].d = (u32)t;
	c->r[R_EDX].d = (u32)(t >> 32);
	NEXT;
}
HSET_ONE(rdtsc, h_rdtsc);

#define MSR_TSC 0x10u
#define MSR_SYSENTER_CS 0x174u
#define MSR_SYSENTER_ESP 0x175u
#define MSR_SYSENTER_EIP 0x176u
#define MSR_EFER 0xc0000080u
#define EFER_NXE 0x800u
HANDLER(h_rdmsr)
{
	need_cpl0(c);
	u32 msr = c->r[R_ECX].d;
	u64 t;
	if (msr == MSR_EFER) {
		t = c->efer;
	} else if (msr >= MSR_SYSENTER_CS && msr <= MSR_SYSENTER_EIP) {
		t = c->sysenter[msr - MSR_SYSENTER_CS];
	} else if (msr == MSR_TSC) {
		t = cpu_icount_now(c) + c->tsc_offset;
	} else {
		XLOG(&c->m->log, LOG_UNIMP, "rdmsr 0x%x: unknown MSR, #GP\n", msr);
		cpu_fault(c, EX_GP, 0);
	}
	c->r[R_EAX].d = (u32)t;
	c->r[R_EDX].d = (u32)(t >> 32);
	NEXT;
}
HANDLER(h_wrmsr)
{
	need_cpl0(c);
	u32 msr = c->r[R_ECX].d;
	u64 v = ((u64)c->r[R_EDX].d << 32) | c->r[R_EAX].d;
	if (msr == MSR_EFER) {
		if (v & ~(u64)EFER_NXE)
			cpu_fault(c, EX_GP, 0); /* only NXE exists without long mode */
		if ((v ^ c->efer) & EFER_NXE) {
			c->efer = v;
			tlb_reset(c);
		}
	} else if (msr >= MSR_SYSENTER_CS && msr <= MSR_SYSENTER_EIP) {
		c->sysenter[msr - MSR_SYSENTER_CS] = (u32)v;
	} else if (msr == MSR_TSC) {
		c->tsc_offset = v - cpu_icount_now(c);
	} else {
		XLOG(&c->m->log, LOG_UNIMP, "wrmsr 0x%x: unknown MSR, #GP\n", msr);
		cpu_fault(c, EX_GP, 0);
	}
	return next_insn(c, in);
}
HSET_ONE(rdmsr, h_rdmsr);
HSET_ONE(wrmsr, h_wrmsr);

/* ---- SYSENTER / SYSEXIT: flat segments derived from IA32_SYSENTER_CS,
 * not read from the GDT (SDM Vol. 2B, SYSENTER and SYSEXIT) ---- */
static void sys_flat(struct cpu *c, u16 cs, u16 ss, unsigned dpl)
{
	u32 d = (u32)dpl << 13;
	seg_set_desc(&c->seg[S_CS], cs, 0x0000ffffu, 0x00cf9b00u | d);
	seg_set_desc(&c->seg[S_SS], ss, 0x0000ffffu, 0x00cf9300u | d);
	cpu_update_mode(c);
}

HANDLER(h_sysenter)
{
	(void)in;
	u16 cs = (u16)(c->sysenter[0] & 0xfffc);
	if (!(c->cr0 & 1) || !cs)
		cpu_fault(c, EX_GP, 0);
	c->eflags &= ~(F_VM | F_IF | F_RF);
	sys_flat(c, cs, (u16)(cs + 8), 0);
	c->r[R_ESP].d = c->sysenter[1];
	return op_exit(c, c->sysenter[2], EXIT_NOLINK);
}
HANDLER(h_sysexit)
{
	(void)in;
	u16 cs = (u16)(c->sysenter[0] & 0xfffc);
	if (!(c->cr0 & 1) || (c->eflags & F_VM) || cpu_cpl(c) || !cs)
		cpu_fault(c, EX_GP, 0);
	sys_flat(c, (u16)((cs + 16) | 3), (u16)((cs + 24) | 3), 3);
	c->r[R_ESP].d = c->r[R_ECX].d;
	return op_exit(c, c->r[R_EDX].d, EXIT_NOLINK);
}
HSET_ONE(sysenter, h_sysenter);
HSET_ONE(sysexit, h_sysexit);

/* ---- descriptor tables ---- */
static inline void lxdt(struct cpu *c, const struct insn *in, bool idt)
{
	need_cpl0(c);
	u32 lin = lin_of(c, in, 6, false);
	u16 limit = mem_rd16(c, lin);
	u32 base = mem_rd32(c, lin + 2);
	if (in->flags & INSN_O16)
		base &= 0xffffff;
	if (idt) {
		c->idt_limit = limit;
		c->idt_base = base;
	} else {
		c->gdt_limit = limit;
		c->gdt_base = base;
	}
}
static inline void sxdt(struct cpu *c, const struct insn *in, bool idt)
{
	u32 lin = lin_of(c, in, 6, true);
	mem_wr16(c, lin, idt ? c->idt_limit : c->gdt_limit);
	mem_wr32(c, lin + 2, idt ? c->idt_base : c->gdt_base);
}
HANDLER(h_lgdt) { lxdt(c, in, false); return next_insn(c, in); }
HANDLER(h_lidt) { lxdt(c, in, true); return next_insn(c, in); }
HANDLER(h_sgdt) { sxdt(c, in, false); NEXT; }
HANDLER(h_sidt) { sxdt(c, in, true); NEXT; }
HSET_ONE(lgdt, h_lgdt);
HSET_ONE(lidt, h_lidt);
HSET_ONE(sgdt, h_sgdt);
HSET_ONE(sidt, h_sidt);

/* ---- LDT and task register: protected mode only (#UD in real and
 * virtual-8086 mode, SDM Vol. 2A, LLDT/LTR) ---- */
static void need_pm(struct cpu *c)
{
	if (!(c->cr0 & 1) || (c->eflags & F_VM))
		cpu_fault_noerr(c, EX_UD);
}

static inline void sldt_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)S;
	need_pm(c);
	st_E(c, in, c->ldtr.sel, M ? 2 : OPSZ(in), M);
}
static inline void str_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)S;
	need_pm(c);
	st_E(c, in, c->tr.sel, M ? 2 : OPSZ(in), M);
}
GEN_RM_V(sldt, sldt_body);
GEN_RM_V(str, str_body);

HANDLER(h_lldt)
{
	need_pm(c);
	need_cpl0(c);
	seg_load_ldtr(c, (u16)ld_E(c, in, 2, in->flags & INSN_MEM));
	NEXT;
}
HANDLER(h_ltr)
{
	need_pm(c);
	need_cpl0(c);
	seg_load_tr(c, (u16)ld_E(c, in, 2, in->flags & INSN_MEM));
	NEXT;
}
HSET_ONE(lldt, h_lldt);
HSET_ONE(ltr, h_ltr);

/* ---- control registers ---- */
static inline void smsw_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	(void)S;
	st_E(c, in, c->cr0 & 0xffff, M ? 2 : OPSZ(in), M);
}
GEN_RM_V(smsw, smsw_body);

/* LMSW can set PE but never clear it (SDM Vol. 2A, LMSW). */
HANDLER(h_lmsw)
{
	need_cpl0(c);
	u32 v = ld_E(c, in, 2, in->flags & INSN_MEM);
	cpu_write_cr0(c, (c->cr0 & ~0xeu) | (v & 0xf) | (c->cr0 & 1));
	return next_insn(c, in);
}
HSET_ONE(lmsw, h_lmsw);

HANDLER(h_clts)
{
	need_cpl0(c);
	c->cr0 &= ~8u;
	cpu_update_mode(c); /* MK_TS: the block ends here (X_END) */
	NEXT;
}
HSET_ONE(clts, h_clts);

HANDLER(h_invlpg)
{
	need_cpl0(c);
	tlb_flush_page(c, seg_lin(c, in->seg, ea_of(c, in), 1, false));
	return next_insn(c, in);
}
HSET_ONE(invlpg, h_invlpg);

HANDLER(h_mov_rc)
{
	need_cpl0(c);
	u32 v;
	switch (in->s) {
	case 0: v = c->cr0; break;
	case 2: v = c->cr2; break;
	case 3: v = c->cr3; break;
	case 4: v = c->cr4; break;
	default: cpu_fault_noerr(c, EX_UD);
	}
	c->r[in->d].d = v;
	NEXT;
}
HSET_ONE(mov_RC, h_mov_rc);

HANDLER(h_mov_cr)
{
	need_cpl0(c);
	u32 v = c->r[in->s].d;
	switch (in->d) {
	case 0: cpu_write_cr0(c, v); break;
	case 2: c->cr2 = v; break;
	case 3: cpu_write_cr3(c, v); break;
	case 4: cpu_write_cr4(c, v); break;
	default: cpu_fault_noerr(c, EX_UD);
	}
	return next_insn(c, in);
}
HSET_ONE(mov_CR, h_mov_cr);

HANDLER(h_mov_rdr) { need_cpl0(c); c->r[in->d].d = c->dr[in->s]; NEXT; }
HANDLER(h_mov_drr) { need_cpl0(c); c->dr[in->d] = c->r[in->s].d; NEXT; }
HSET_ONE(mov_RDR, h_mov_rdr);
HSET_ONE(mov_DRR, h_mov_drr);

/* ---- segment registers ---- */
static inline void mov_es_body(struct cpu *c, const struct insn *in, unsigned S, bool M)
{
	st_E(c, in, c->seg[in->s].sel, M ? 2 : S, M);
}
GEN_RM_V(mov_ES, mov_es_body);

HANDLER(h_mov_se)
{
	u16 sel = (u16)ld_Es(c, in, 2, in->flags & INSN_MEM);
	seg_load_pm(c, in->d, sel);
	return next_insn(c, in);
}
HSET_ONE(mov_SE, h_mov_se);

static inline const struct insn *load_far_ptr(struct cpu *c, const struct insn *in, unsigned sreg)
{
	unsigned S = OPSZ(in);
	u32 lin = lin_of(c, in, S + 2, false);
	u32 off = mem_rd(c, lin, S);
	u16 sel = mem_rd16(c, lin + S);
	seg_load_pm(c, sreg, sel);
	wreg(c, in->d, off, S);
	return next_insn(c, in);
}
HANDLER(h_les) { return load_far_ptr(c, in, S_ES); }
HANDLER(h_lds) { return load_far_ptr(c, in, S_DS); }
HANDLER(h_lss) { return load_far_ptr(c, in, S_SS); }
HANDLER(h_lfs) { return load_far_ptr(c, in, S_FS); }
HANDLER(h_lgs) { return load_far_ptr(c, in, S_GS); }
HSET_ONE(les, h_les);
HSET_ONE(lds, h_lds);
HSET_ONE(lss, h_lss);
HSET_ONE(lfs, h_lfs);
HSET_ONE(lgs, h_lgs);
