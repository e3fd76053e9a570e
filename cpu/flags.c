/* flags.c - materialising EFLAGS from the lazy form and back (DESIGN 3). */
#include "xlat/cpu.h"

u32 cpu_get_eflags(const struct cpu *c)
{
	u32 f = c->eflags | 2; /* bit 1 always reads as 1 */
	f |= cpu_cf(c) ? F_CF : 0;
	f |= cpu_pf(c) ? F_PF : 0;
	f |= cpu_af(c) ? F_AF : 0;
	f |= cpu_zf(c) ? F_ZF : 0;
	f |= cpu_sf(c) ? F_SF : 0;
	f |= cpu_of(c) ? F_OF : 0;
	return f;
}

/* Encode arbitrary arithmetic flags: res carries ZF, the delta bits in aux
 * make SF and PF come out as asked whatever res is (see cpu.h). */
void cpu_set_arith_flags(struct cpu *c, u32 f)
{
	u32 res = (f & F_ZF) ? 0 : 1;
	u32 cf = (f & F_CF) != 0, of = (f & F_OF) != 0;
	u32 pdb = parity8(res) != ((f & F_PF) != 0);
	c->fl_res = res;
	c->fl_aux = (cf << 31) | ((cf ^ of) << 30) | ((f & F_AF) ? AUX_AF : 0) |
		    (pdb << AUX_PDB_SHIFT) | ((f & F_SF) ? AUX_SFD : 0);
}

void cpu_set_eflags(struct cpu *c, u32 v, u32 mask)
{
	u32 f = (cpu_get_eflags(c) & ~mask) | (v & mask);
	cpu_set_arith_flags(c, f);
	c->eflags = f & ~(F_ARITH | 2u) & 0x003f7fd5u;
	if (c->eflags & F_TF)
		cpu_request_stop(c); /* the dispatcher single-steps from the next instruction */
	if (c->m)
		cpu_update_ac(c);
}
