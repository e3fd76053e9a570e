/* fuzz_exec.c - libFuzzer target that runs the input as guest code.
 *
 * Input: one mode byte (bit 0 set: flat 32-bit protected mode at CPL 0,
 * clear: real mode, as in fuzz_decode; bit 1: CR4.OSFXSR and OSXMMEXCPT,
 * so SSE runs; bit 2: CR0.NE, so x87 exceptions are #MF; bit 3: every x87
 * and SSE exception unmasked), then the code, loaded at 0x10000
 * and run for at most MAX_INSNS instructions in a 4 MiB machine with no
 * kernel, no serial output and -no-reboot (a triple fault ends the run).
 *
 * So that faults do not all end at once in a triple fault, RAM holds a
 * small world the code can use or wreck: a GDT (flat ring-0 and ring-3
 * code and data, 16-bit code and data) with its LGDT operand at GDTR_ADDR
 * (loaded already in protected mode), an IDT or real-mode IVT whose
 * every vector goes to a handler that counts deliveries in a word at
 * COUNTER and IRETs back (or HLTs, ending the run, after 16 of them).
 *
 * Checked after each run, besides "no crash, no sanitizer report":
 *   - the run stops at or before MAX_INSNS, and exactly there when the
 *     guest did not end it (the dispatcher's exact deadlines);
 *   - r[16], the zero register absent base/index operands read, is 0;
 *   - the mode key matches the CPU state it is derived from.
 *
 * One machine serves every input: RAM, the CPU and the block cache are
 * reset each time. Device registers (UART scratch, Bochs shutdown match)
 * carry over between inputs; none of them can make a run crash.
 *
 * Regression inputs for bugs this target found, now fixed:
 * corpus/exec/bug-rep-budget (a REP STOS that retired one instruction
 * past the limit, icount 10001) and bug-fault-loop (01 31 E4 C7 05 00 80
 * 00 00 0F 0B 0F 0B: a #UD handler that faults at once, with ESP = 0 so
 * the pushes land above RAM; before deliveries counted as instructions
 * cpu_run() never reached its limit and the run hung). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlat/insn.h"
#include "xlat/machine.h"

#define RAM_MB 4
#define MAX_INSNS 10000
#define MAX_CODE 4096
#define CODE_ADDR 0x10000u
#define GDTR_ADDR 0x4f0u
#define GDT_ADDR 0x500u
#define IDT_ADDR 0x1000u
#define COUNTER 0x7000u
#define STACK_TOP 0x7f00u
#define HANDLER 0x8000u     /* vectors without an error code */
#define HANDLER_ERR 0x8040u /* vectors with one: drop it, then HANDLER */
#define REAL_CS 0x1000u     /* CODE_ADDR >> 4 */

/* flat code/data at CPL 0 and 3, 16-bit code/data (SDM Vol. 3A, 3.4.5) */
static const u32 gdt[][2] = {
	{ 0, 0 },
	{ 0x0000ffff, 0x00cf9b00 }, /* 0x08 code32 DPL0 */
	{ 0x0000ffff, 0x00cf9300 }, /* 0x10 data32 DPL0 */
	{ 0x0000ffff, 0x00009b00 }, /* 0x18 code16 DPL0, base 0, 64 KiB */
	{ 0x0000ffff, 0x00009300 }, /* 0x20 data16 DPL0 */
	{ 0x0000ffff, 0x00cffb00 }, /* 0x28 code32 DPL3 */
	{ 0x0000ffff, 0x00cff300 }, /* 0x30 data32 DPL3 */
};

/* inc dword ss:[COUNTER]; cmp dword ss:[COUNTER], 16; jae 1f; iret; 1: hlt
 * (SS because delivery has just pushed through it, so it works) */
static const u8 pm_handler[] = {
	0x36, 0xff, 0x05, 0x00, 0x70, 0x00, 0x00,
	0x36, 0x83, 0x3d, 0x00, 0x70, 0x00, 0x00, 0x10,
	0x73, 0x01, 0xcf, 0xf4,
};
/* add esp, 4; jmp HANDLER */
static const u8 pm_handler_err[] = { 0x83, 0xc4, 0x04, 0xeb, 0xbb };
/* the same with cs: in 16-bit code at 0000:HANDLER */
static const u8 rm_handler[] = {
	0x2e, 0xff, 0x06, 0x00, 0x70,
	0x2e, 0x83, 0x3e, 0x00, 0x70, 0x10,
	0x73, 0x01, 0xcf, 0xf4,
};

static struct machine *m;

static void fail(const char *what)
{
	struct cpu *c = &m->cpu;
	fprintf(stderr, "fuzz_exec: %s (eip %08x, icount %llu, mode_key 0x%x)\n", what, c->eip,
		(unsigned long long)cpu_icount(c), c->mode_key);
	abort();
}

static void machine_once(void)
{
	char err[256];
	struct machine_opts o = { .ram_mb = RAM_MB, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .no_reboot = true };
	if (m)
		return;
	m = machine_new(&o, err, sizeof(err));
	if (!m) {
		fprintf(stderr, "fuzz_exec: machine_new: %s\n", err);
		abort();
	}
}

static void put32(u32 pa, u32 v) { memcpy(m->phys.ram + pa, &v, 4); }

/* The interrupt gates: present, DPL 3 (so INT n works from ring 3 too),
 * 32-bit interrupt gate to HANDLER or HANDLER_ERR in selector 0x08. */
static void build_idt(void)
{
	for (u32 v = 0; v < 256; v++) {
		bool errcode = v == 8 || (v >= 10 && v <= 14) || v == 17;
		u32 off = errcode ? HANDLER_ERR : HANDLER;
		put32(IDT_ADDR + v * 8, (0x08u << 16) | (off & 0xffff));
		put32(IDT_ADDR + v * 8 + 4, (off & 0xffff0000u) | 0xee00u);
	}
}

static void build_ivt(void)
{
	for (u32 v = 0; v < 256; v++)
		put32(v * 4, HANDLER); /* segment 0, offset HANDLER */
}

static void build_gdt(struct cpu *c)
{
	memcpy(m->phys.ram + GDT_ADDR, gdt, sizeof(gdt));
	put32(GDTR_ADDR, sizeof(gdt) - 1);
	put32(GDTR_ADDR + 2, GDT_ADDR);
	c->gdt_base = GDT_ADDR;
	c->gdt_limit = sizeof(gdt) - 1;
}

static void start_flat32(struct cpu *c)
{
	cpu_reset_flat32(c, CODE_ADDR);
	build_gdt(c);
	build_idt();
	memcpy(m->phys.ram + HANDLER, pm_handler, sizeof(pm_handler));
	memcpy(m->phys.ram + HANDLER_ERR, pm_handler_err, sizeof(pm_handler_err));
	c->idt_base = IDT_ADDR;
	c->idt_limit = 256 * 8 - 1;
	c->r[R_ESP].d = STACK_TOP;
}

/* Real mode as after a far jump to REAL_CS:0: every segment a 64 KiB
 * window at selector * 16. */
static void start_real(struct cpu *c)
{
	cpu_reset_flat32(c, 0);
	c->cr0 = 0x10;
	for (unsigned s = 0; s < S_NSEG; s++) {
		u16 sel = s == S_CS ? REAL_CS : 0;
		u32 base = (u32)sel << 4, attr = s == S_CS ? 0x9b00u : 0x9300u;
		seg_set_desc(&c->seg[s], sel, 0xffffu | (base << 16), attr | ((base >> 16) & 0xff));
	}
	build_gdt(c);
	build_ivt();
	memcpy(m->phys.ram + HANDLER, rm_handler, sizeof(rm_handler));
	c->idt_base = 0;
	c->idt_limit = 0x3ff;
	c->r[R_ESP].d = STACK_TOP;
	cpu_update_mode(c);
}

static void check_after_run(void)
{
	struct cpu *c = &m->cpu;
	u64 n = cpu_icount(c);
	if (n > MAX_INSNS || (m->state == RUN_RUNNING && n != MAX_INSNS))
		fail("the run did not stop at its instruction limit");
	if (c->r[R_NONE].q != 0)
		fail("the zero register r[16] was written");
	u32 key = c->mode_key;
	cpu_update_mode(c);
	if (c->mode_key != key)
		fail("mode key out of date");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 2 || size > MAX_CODE + 1)
		return 0;
	machine_once();
	struct cpu *c = &m->cpu;
	memset(m->phys.ram, 0, m->phys.ram_size);
	cpu_init(c, m);
	bc_flush(m);
	m->state = RUN_RUNNING;
	m->exit_status = 0;
	if (data[0] & 1)
		start_flat32(c);
	else
		start_real(c);
	if (data[0] & 2)
		cpu_write_cr4(c, c->cr4 | 0x600);
	if (data[0] & 4)
		cpu_write_cr0(c, c->cr0 | 0x20);
	if (data[0] & 8) {
		c->fpu.cw = 0x340;
		c->fpu.mxcsr = 0;
	}
	/* running off the end of the code halts, rather than spending the
	 * run on thousands of "add [eax], al" (00 00) */
	memset(m->phys.ram + CODE_ADDR, 0xf4, MAX_CODE + INSN_MAX_LEN);
	memcpy(m->phys.ram + CODE_ADDR, data + 1, size - 1);
	cpu_run(m, c, MAX_INSNS);
	check_after_run();
	return 0;
}
