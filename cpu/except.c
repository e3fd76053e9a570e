/* except.c - raising faults and delivering exceptions and interrupts.
 *
 * A handler that detects a fault calls cpu_fault(), which unwinds with
 * longjmp to the dispatcher (translate/exec.c). The dispatcher puts EIP back
 * at the faulting instruction and calls cpu_deliver(). Every fault is
 * checked before state changes, so the instruction is simply restarted
 * after the handler returns. A fault while delivering becomes a double
 * fault; one while delivering the double fault is a triple fault, which
 * resets the machine or ends the run (-no-reboot), as on a PC. */
#include "xlat/machine.h"
#include "cpu/ops/ops.h"

void cpu_fault(struct cpu *c, unsigned vec, u32 err)
{
	c->fault_vec = vec;
	c->fault_err = err;
	c->fault_has_err = true;
	longjmp(c->fault_jmp, 1);
}

void cpu_fault_noerr(struct cpu *c, unsigned vec)
{
	c->fault_vec = vec;
	c->fault_err = 0;
	c->fault_has_err = false;
	longjmp(c->fault_jmp, 1);
}

static void deliver_real(struct cpu *c, unsigned vec, u32 ret_eip)
{
	u32 off = vec * 4;
	if (off + 3 > c->idt_limit)
		cpu_fault(c, EX_GP, 0);
	u32 ent = mem_rd32(c, c->idt_base + off);
	push_v(c, cpu_get_eflags(c) & 0xffff, 2);
	push_v(c, c->seg[S_CS].sel, 2);
	push_v(c, ret_eip & 0xffff, 2);
	c->eflags &= ~(F_IF | F_TF | F_AC);
	seg_load_pm(c, S_CS, (u16)(ent >> 16));
	c->eip = ent & 0xffff;
}

/* To an inner ring: the stack comes from the TSS, the old SS:ESP go on it
 * first (and from virtual-8086 mode the data segments too, which become
 * null). State changes before the pushes, so a fault while pushing is a
 * contributory fault during delivery: a double fault (SDM Vol. 3A, 6.12.1). */
static void deliver_inner(struct cpu *c, u16 sel, unsigned dpl, u32 vals[4], unsigned n, unsigned S)
{
	u16 nss;
	u32 nesp;
	bool vm86 = c->eflags & F_VM;
	u32 old_ss = c->seg[S_SS].sel, old_esp = c->r[R_ESP].d;
	tss_stack(c, dpl, &nss, &nesp);
	if (vm86 && dpl != 0)
		cpu_fault(c, EX_GP, sel & ~3u);
	/* everything is checked before anything changes */
	struct seg ncs, nseg;
	seg_fetch_cs_cpl(c, sel, dpl, EX_GP, &ncs);
	seg_fetch_ss_cpl(c, nss, dpl, EX_TS, &nseg);
	seg_mark_accessed(c, &ncs);
	seg_mark_accessed(c, &nseg);
	c->eflags &= ~F_VM;
	c->seg[S_CS] = ncs;
	c->seg[S_SS] = nseg;
	cpu_update_mode(c);
	c->r[R_ESP].d = ss32(c) ? nesp : (c->r[R_ESP].d & 0xffff0000u) | (nesp & 0xffff);
	if (vm86) {
		static const u8 order[] = { S_GS, S_FS, S_DS, S_ES };
		for (unsigned i = 0; i < 4; i++) {
			push_v(c, c->seg[order[i]].sel, S);
			c->seg[order[i]] = (struct seg){ .sel = 0 };
		}
	}
	push_v(c, old_ss, S);
	push_v(c, old_esp & sz_mask(S), S);
	for (unsigned i = 0; i < n; i++)
		push_v(c, vals[i] & sz_mask(S), S);
}

/* Delivery through an interrupt or trap gate (SDM Vol. 3A, 6.12.1); task
 * gates come with the task switch. */
static void deliver_pm(struct cpu *c, unsigned vec, bool has_err, u32 err, u32 ret_eip, bool soft)
{
	u32 gerr = vec * 8 + 2 + (soft ? 0 : 1);
	if (vec * 8 + 7 > c->idt_limit)
		cpu_fault(c, EX_GP, gerr);
	u32 lo = mem_rd32(c, c->idt_base + vec * 8), hi = mem_rd32(c, c->idt_base + vec * 8 + 4);
	unsigned type = (hi >> 8) & 0x1f, dpl = (hi >> 13) & 3, cpl = cpu_cpl(c);
	bool gate32 = type & 8, trap = type & 1;
	if (type == 0x05) { /* task gate: the handler is a task (Linux i386's #DF) */
		if (soft && dpl < cpl)
			cpu_fault(c, EX_GP, gerr);
		if (!(hi & 0x8000))
			cpu_fault(c, EX_NP, gerr);
		task_switch(c, (u16)(lo >> 16), TASK_INT, ret_eip);
		if (has_err)
			push_v(c, err, ss32(c) ? 4 : 2);
		return;
	}
	if ((type & 0x16) != 0x06)
		cpu_fault(c, EX_GP, gerr);
	if (soft && dpl < cpl)
		cpu_fault(c, EX_GP, gerr);
	if (!(hi & 0x8000))
		cpu_fault(c, EX_NP, gerr);
	u16 sel = (u16)(lo >> 16);
	u32 off = gate32 ? ((lo & 0xffff) | (hi & 0xffff0000u)) : (lo & 0xffff);
	unsigned S = gate32 ? 4 : 2;
	unsigned cdpl;
	bool conforming;
	seg_gate_cs(c, sel, cpl, soft ? 0 : 1, &cdpl, &conforming);
	if (!conforming && cdpl < cpl) {
		u32 ivals[4] = { cpu_get_eflags(c) & ~F_RF, c->seg[S_CS].sel, ret_eip, err };
		XLOG(&c->m->log, LOG_INT, "  to ring %u through the TSS stack\n", cdpl);
		deliver_inner(c, sel, cdpl, ivals, has_err ? 4 : 3, S);
		c->eflags &= ~(F_TF | F_NT | F_RF | F_VM);
		if (!trap)
			c->eflags &= ~F_IF;
		c->eip = off;
		return;
	}
	if (c->eflags & F_VM)
		cpu_fault(c, EX_GP, sel & ~3u); /* virtual-8086 mode may only go to ring 0 */
	seg_check_pm(c, S_CS, sel);
	u32 smask = ss32(c) ? 0xffffffffu : 0xffffu, sp = sp_get(c);
	u32 vals[4] = { cpu_get_eflags(c) & ~F_RF, c->seg[S_CS].sel, ret_eip, err };
	unsigned n = has_err ? 4 : 3;
	for (unsigned i = 0; i < n; i++) {
		u32 a = (sp - (i + 1) * S) & smask;
		mem_wr(c, seg_lin(c, S_SS, a, S, true), vals[i] & sz_mask(S), S);
	}
	sp_set(c, (sp - n * S) & smask);
	c->eflags &= ~(F_TF | F_NT | F_RF | F_VM);
	if (!trap)
		c->eflags &= ~F_IF;
	seg_load_pm(c, S_CS, sel);
	c->eip = off;
}

void cpu_deliver(struct cpu *c, unsigned vec, bool has_err, u32 err, u32 ret_eip, bool soft)
{
	XLOG(&c->m->log, LOG_INT, "%s vector 0x%02x err=0x%x at %04x:%08x\n",
	     soft ? "int" : "exception", vec, has_err ? err : 0, c->seg[S_CS].sel, c->eip);
	if (!(c->cr0 & 1))
		deliver_real(c, vec, ret_eip);
	else
		deliver_pm(c, vec, has_err, err, ret_eip, soft);
}
