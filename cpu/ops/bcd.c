/* bcd.c - DAA DAS AAA AAS AAM AAD, following the SDM Vol. 2A pseudocode.
 * Flags the SDM leaves undefined are computed as 0 / from the result. */
#include "ops.h"

static void bcd_flags(struct cpu *c, u32 al, bool cf, bool af)
{
	u32 f = cpu_get_eflags(c) & ~F_ARITH;
	f |= (cf ? F_CF : 0) | (af ? F_AF : 0) | ((al & 0xff) ? 0 : F_ZF) | (al & 0x80 ? F_SF : 0);
	f |= parity8(al) ? F_PF : 0;
	cpu_set_arith_flags(c, f);
}

HANDLER(h_daa)
{
	u32 al = c->r[R_EAX].b[0], old_al = al;
	bool old_cf = cpu_cf(c), cf = false, af = false;
	if ((al & 0xf) > 9 || cpu_af(c)) {
		cf = old_cf || al + 6 > 0xff;
		al = (al + 6) & 0xff;
		af = true;
	}
	if (old_al > 0x99 || old_cf) {
		al = (al + 0x60) & 0xff;
		cf = true;
	} else {
		cf = false;
	}
	c->r[R_EAX].b[0] = (u8)al;
	bcd_flags(c, al, cf, af);
	NEXT;
}

HANDLER(h_das)
{
	u32 al = c->r[R_EAX].b[0], old_al = al;
	bool old_cf = cpu_cf(c), cf = false, af = false;
	if ((al & 0xf) > 9 || cpu_af(c)) {
		cf = old_cf || al < 6;
		al = (al - 6) & 0xff;
		af = true;
	}
	if (old_al > 0x99 || old_cf) {
		al = (al - 0x60) & 0xff;
		cf = true;
	}
	c->r[R_EAX].b[0] = (u8)al;
	bcd_flags(c, al, cf, af);
	NEXT;
}

HANDLER(h_aaa)
{
	bool adj = (c->r[R_EAX].b[0] & 0xf) > 9 || cpu_af(c);
	if (adj)
		c->r[R_EAX].w = (u16)(c->r[R_EAX].w + 0x106);
	c->r[R_EAX].b[0] &= 0xf;
	bcd_flags(c, c->r[R_EAX].b[0], adj, adj);
	NEXT;
}

HANDLER(h_aas)
{
	bool adj = (c->r[R_EAX].b[0] & 0xf) > 9 || cpu_af(c);
	if (adj) {
		c->r[R_EAX].w = (u16)(c->r[R_EAX].w - 6);
		c->r[R_EAX].b[1]--;
	}
	c->r[R_EAX].b[0] &= 0xf;
	bcd_flags(c, c->r[R_EAX].b[0], adj, adj);
	NEXT;
}

HANDLER(h_aam)
{
	u32 base = in->imm & 0xff, al = c->r[R_EAX].b[0];
	if (!base)
		cpu_fault_noerr(c, EX_DE);
	c->r[R_EAX].b[1] = (u8)(al / base);
	c->r[R_EAX].b[0] = (u8)(al % base);
	bcd_flags(c, c->r[R_EAX].b[0], false, false);
	NEXT;
}

HANDLER(h_aad)
{
	u32 al = (c->r[R_EAX].b[0] + c->r[R_EAX].b[1] * (in->imm & 0xff)) & 0xff;
	c->r[R_EAX].w = (u16)al;
	bcd_flags(c, al, false, false);
	NEXT;
}

HSET_ONE(daa, h_daa);
HSET_ONE(das, h_das);
HSET_ONE(aaa, h_aaa);
HSET_ONE(aas, h_aas);
HSET_ONE(aam, h_aam);
HSET_ONE(aad, h_aad);
