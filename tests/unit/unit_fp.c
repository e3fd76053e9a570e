/* unit_fp.c - the decoder-row check and the machine the x87 and SIMD
 * suites (test_x87.c, test_simd.c) run their code on (unit.h). */
#include <string.h>
#include "unit.h"
#include "cpu/ops/ops.h"

#define GDT 0x0800u
#define IDT 0x0900u
#define STACK 0x8000u

void unit_check_row(const struct unit_row *t, int i)
{
	struct insn in;
	unsigned len = decode_insn(&in, t->bytes, t->n, 0, t->mode);
	ck_assert_msg(len == t->len, "case %d: length %u, want %u", i, len, t->len);
	if (!strcmp(t->name, "#UD"))
		ck_assert_msg(in.fn == op_ud_fn(), "case %d: '%s', want #UD", i, decode_name(&in));
	else if (!strcmp(t->name, "#NM"))
		ck_assert_msg(in.fn == op_nm_fn(), "case %d: '%s', want #NM", i, decode_name(&in));
	else
		ck_assert_msg(!strcmp(decode_name(&in), t->name), "case %d: '%s', want '%s'", i,
			      decode_name(&in), t->name);
}

struct machine *unit_fp_boot(const u8 *code, size_t n, bool osfxsr)
{
	static const u32 gdt[6] = { 0, 0, 0x0000ffff, 0x00cf9b00, 0x0000ffff, 0x00cf9300 };
	struct machine *m = unit_machine(false);
	struct cpu *c = &m->cpu;
	memcpy(m->phys.ram + UNIT_CODE, code, n);
	m->phys.ram[UNIT_CODE + n] = 0xf4;
	memcpy(m->phys.ram + GDT, gdt, sizeof(gdt));
	for (unsigned v = 0; v < 32; v++) {
		u32 h = UNIT_HANDLERS + 16 * v;
		unit_wr32(m, IDT + v * 8, (0x08u << 16) | (h & 0xffff));
		unit_wr32(m, IDT + v * 8 + 4, (h & 0xffff0000u) | 0x8e00u);
		m->phys.ram[h] = 0xf4;
	}
	cpu_reset_flat32(c, UNIT_CODE);
	c->gdt_base = GDT;
	c->gdt_limit = sizeof(gdt) - 1;
	c->idt_base = IDT;
	c->idt_limit = 32 * 8 - 1;
	c->r[R_ESP].d = STACK;
	c->cr0 |= 0x20; /* NE: #MF rather than FERR# */
	if (osfxsr)
		cpu_write_cr4(c, c->cr4 | 0x200);
	return m;
}

int unit_fp_run(struct machine *m, size_t n)
{
	cpu_run(m, &m->cpu, 1000);
	u32 eip = m->cpu.eip - 1;
	if (eip == UNIT_CODE + n)
		return -1;
	ck_assert_msg(eip >= UNIT_HANDLERS && eip < UNIT_HANDLERS + 16 * 32 && (eip & 15) == 0,
		      "stopped at %08x", eip);
	return (int)((eip - UNIT_HANDLERS) / 16);
}
