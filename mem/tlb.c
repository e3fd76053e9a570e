/* tlb.c - the softMMU TLB (DESIGN 7): fills and the slow paths.
 *
 * An entry maps a guest-virtual page to host memory for reads, writes and
 * fetches separately. A write tag carries TLB_SLOW when the page holds
 * translated code, is ROM or is MMIO, so such stores come here, where
 * translated code on the page is invalidated before the store lands.
 * Paging (the guest page walk, banks per CR3) arrives with issue C; until
 * then a linear address is the physical address, masked by the A20 gate. */
#include "xlat/machine.h"

void tlb_flush_all(struct cpu *c)
{
	for (unsigned i = 0; i < TLB_SIZE; i++)
		c->tlb[i].tag_r = c->tlb[i].tag_w = c->tlb[i].tag_x = TLB_INVALID;
	if (c->m)
		c->m->bc.epoch++; /* lookup-cache entries assumed the old mapping */
}

void tlb_flush_phys_page(struct cpu *c, u32 pa)
{
	pa &= PAGE_MASK;
	for (unsigned i = 0; i < TLB_SIZE; i++)
		if (c->tlb[i].phys == pa && !(c->tlb[i].tag_r & TLB_INVALID))
			c->tlb[i].tag_r = c->tlb[i].tag_w = c->tlb[i].tag_x = TLB_INVALID;
}

u32 mem_translate(struct cpu *c, u32 lin, int access)
{
	(void)access;
	return lin & c->a20_mask;
}

static struct tlb_entry *tlb_fill(struct cpu *c, u32 lin, int access)
{
	struct machine *m = c->m;
	u32 page = lin & PAGE_MASK;
	u32 pa = mem_translate(c, page, access);
	struct tlb_entry *e = tlb_entry_of(c, lin);
	c->stats.tlb_fills++;
	u8 *host = phys_host(&m->phys, pa, false);
	e->phys = pa;
	e->addend = (uintptr_t)host - (uintptr_t)page;
	if (!host) {
		e->tag_r = e->tag_w = e->tag_x = page | TLB_SLOW;
		return e;
	}
	bool ram = phys_host(&m->phys, pa, true) == host;
	bool code = ram && m->phys.meta[pa >> PAGE_SHIFT].code_lines;
	e->tag_r = e->tag_x = page;
	e->tag_w = (ram && !code) ? page : (page | TLB_SLOW);
	return e;
}

static struct tlb_entry *tlb_get(struct cpu *c, u32 lin, int access)
{
	struct tlb_entry *e = tlb_entry_of(c, lin);
	u32 tag = access == ACC_WRITE ? e->tag_w : access == ACC_EXEC ? e->tag_x : e->tag_r;
	if ((tag & PAGE_MASK) != (lin & PAGE_MASK) || (tag & TLB_INVALID))
		e = tlb_fill(c, lin, access);
	return e;
}

u32 mem_read_slow(struct cpu *c, u32 lin, unsigned size)
{
	c->stats.slow_reads++;
	if ((lin & 0xfff) + size > PAGE_SIZE) {
		u32 v = 0;
		for (unsigned i = 0; i < size; i++)
			v |= (u32)mem_rd8(c, lin + i) << (8 * i);
		return v;
	}
	struct tlb_entry *e = tlb_get(c, lin, ACC_READ);
	if (!(e->tag_r & TLB_SLOW)) {
		u32 v = 0;
		memcpy(&v, (const void *)(e->addend + lin), size);
		return v;
	}
	return phys_read(c->m, e->phys | (lin & 0xfff), size);
}

void mem_write_slow(struct cpu *c, u32 lin, u32 v, unsigned size)
{
	c->stats.slow_writes++;
	if ((lin & 0xfff) + size > PAGE_SIZE) {
		/* both pages must be writable before either half is written */
		tlb_get(c, lin, ACC_WRITE);
		tlb_get(c, lin + size - 1, ACC_WRITE);
		for (unsigned i = 0; i < size; i++)
			mem_wr8(c, lin + i, (u8)(v >> (8 * i)));
		return;
	}
	struct tlb_entry *e = tlb_get(c, lin, ACC_WRITE);
	if (!(e->tag_w & TLB_SLOW)) {
		memcpy((void *)(e->addend + lin), &v, size);
		return;
	}
	phys_write(c->m, e->phys | (lin & 0xfff), v, size);
}

void mem_check_write(struct cpu *c, u32 lin, unsigned size)
{
	tlb_get(c, lin, ACC_WRITE);
	tlb_get(c, lin + size - 1, ACC_WRITE);
}

u8 *mem_fetch_ptr(struct cpu *c, u32 lin, u32 *phys)
{
	struct tlb_entry *e = tlb_get(c, lin, ACC_EXEC);
	*phys = e->phys | (lin & 0xfff);
	if (e->tag_x & TLB_SLOW)
		return NULL;
	return (u8 *)(e->addend + lin);
}
