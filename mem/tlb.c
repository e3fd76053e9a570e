/* tlb.c - the softMMU TLB (DESIGN 7): banks per address space, fills, and
 * the slow paths.
 *
 * An entry maps a guest-virtual page to host memory for reads, writes and
 * fetches separately. A tag with TLB_INVALID means "walk first": the access
 * may fault, or needs an Accessed/Dirty bit set. A tag with TLB_SLOW means
 * the page is MMIO, ROM, holds translated code or is a page-table page, so
 * the access is done here, where stores into code invalidate blocks and
 * stores into page tables drop the translations derived from them.
 *
 * Banks: CR3 writes select the bank tagged with the new CR3 (least recently
 * used one is recycled), so a switch back to a recent address space keeps
 * its translations. That is only correct because every bank stays coherent
 * with the guest's page tables: the walker marks each table page with the
 * banks that read it, and a store to such a page clears the entries of
 * those banks that came from it (the classic shadow-paging scheme). */
#include "xlat/machine.h"

#define CR0_PG 0x80000000u
#define CR4_PAE 0x20u
#define CR4_PGE 0x80u

static void entry_clear(struct tlb_entry *e)
{
	e->tag_r = e->tag_w = e->tag_x = TLB_INVALID;
	e->pd = e->pt = TLB_NO_PT;
}

static void bank_flush(struct tlb_bank *b)
{
	for (u32 i = 0; i < b->n_filled; i++) {
		u16 f = b->filled[i];
		entry_clear(&b->e[f >> TLB_BITS][f & (TLB_SIZE - 1)]);
	}
	b->n_filled = 0;
}

static void bank_init(struct tlb_bank *b)
{
	for (unsigned u = 0; u < 2; u++)
		for (unsigned i = 0; i < TLB_SIZE; i++)
			entry_clear(&b->e[u][i]);
	b->n_filled = 0;
	b->used = false;
}

static void epoch_bump(struct cpu *c)
{
	if (c->m)
		c->m->bc.epoch++; /* lookup-cache entries and links assumed the old mapping */
}

static bool cpu_user(const struct cpu *c) { return cpu_cpl(c) == 3; }

void tlb_flush_all(struct cpu *c)
{
	if (!c->bank) {
		tlb_reset(c);
		return;
	}
	bank_flush(c->bank);
	tlb_point(c);
	epoch_bump(c);
}

/* Forget every bank: paging switched on or off, or CR4/EFER/WP changed
 * what a walk would give. */
void tlb_reset(struct cpu *c)
{
	for (unsigned b = 0; b <= TLB_GLOBAL; b++) {
		if (c->bank)
			bank_flush(&c->banks[b]); /* the fill logs say what to clear */
		else
			bank_init(&c->banks[b]);  /* first use: nothing is known */
		c->banks[b].used = false;
	}
	c->bank = &c->banks[0];
	if (c->cr0 & CR0_PG) {
		c->bank->used = true;
		c->bank->cr3 = c->cr3 & ~0x1fu;
		if (c->cr4 & CR4_PAE)
			paging_load_pdptes(c, c->bank->pdpte);
	}
	tlb_point(c);
	epoch_bump(c);
}

void tlb_flush_phys_page(struct cpu *c, u32 pa)
{
	pa &= PAGE_MASK;
	for (unsigned b = 0; b <= TLB_GLOBAL; b++) {
		struct tlb_bank *k = &c->banks[b];
		for (u32 i = 0; i < k->n_filled; i++) {
			u16 f = k->filled[i];
			struct tlb_entry *e = &k->e[f >> TLB_BITS][f & (TLB_SIZE - 1)];
			if (e->phys == pa)
				e->tag_r = e->tag_w = e->tag_x = TLB_INVALID;
		}
	}
}

/* INVLPG drops the page's global translation too (SDM Vol. 3A, 4.10.4.1) */
void tlb_flush_page(struct cpu *c, u32 lin)
{
	unsigned i = (lin >> PAGE_SHIFT) & (TLB_SIZE - 1);
	for (unsigned u = 0; u < 2; u++) {
		entry_clear(&c->bank->e[u][i]);
		entry_clear(&c->banks[TLB_GLOBAL].e[u][i]);
	}
	epoch_bump(c);
}

static bool pdptes_match(struct cpu *c, const struct tlb_bank *b)
{
	u64 now[4];
	if (!(c->cr4 & CR4_PAE))
		return true;
	paging_load_pdptes(c, now);
	return !memcmp(now, b->pdpte, sizeof(now));
}

/* After a CR3 write: the bank for the new address space, or a recycled one. */
void tlb_select_bank(struct cpu *c)
{
	u32 tag = c->cr3 & ~0x1fu;
	struct tlb_bank *pick = NULL, *lru = &c->banks[0];
	for (unsigned b = 0; b < TLB_BANKS; b++) {
		struct tlb_bank *k = &c->banks[b];
		if (k->used && k->cr3 == tag && pdptes_match(c, k))
			pick = k;
		if (!k->used || (lru->used && k->last_use < lru->last_use))
			lru = k;
	}
	if (pick) {
		c->stats.bank_hits++;
	} else {
		c->stats.bank_misses++;
		pick = lru;
		bank_flush(pick);
		pick->used = true;
		pick->cr3 = tag;
		if (c->cr4 & CR4_PAE)
			paging_load_pdptes(c, pick->pdpte);
	}
	pick->last_use = ++c->bank_clock;
	c->bank = pick;
	tlb_point(c);
	epoch_bump(c);
}

/* A store hit a page-table page: drop, in every bank that walked through
 * it, the entries whose PDE or PTE it holds. */
void tlb_pt_write(struct cpu *c, u32 pa)
{
	struct phys *p = &c->m->phys;
	if (pa >= p->ram_size)
		return;
	struct page_meta *pm = &p->meta[pa >> PAGE_SHIFT];
	u32 page = pa & PAGE_MASK;
	c->stats.pt_writes++;
	for (unsigned b = 0; b <= TLB_GLOBAL; b++) {
		if (!(pm->pt_banks & (1ull << b)))
			continue;
		struct tlb_bank *k = &c->banks[b];
		for (u32 i = 0; i < k->n_filled; i++) {
			u16 f = k->filled[i];
			struct tlb_entry *e = &k->e[f >> TLB_BITS][f & (TLB_SIZE - 1)];
			if (e->pd == page || e->pt == page)
				e->tag_r = e->tag_w = e->tag_x = TLB_INVALID;
		}
	}
	epoch_bump(c);
}

u32 mem_translate(struct cpu *c, u32 lin, int access)
{
	if (!(c->cr0 & CR0_PG))
		return lin & c->a20_mask;
	struct walk w;
	paging_walk(c, lin, access, cpu_user(c), &w);
	return (w.phys | (lin & ~PAGE_MASK)) & c->a20_mask;
}

/* Log an entry of bank b that goes from empty to filled. Entries
 * invalidated one by one may be logged twice; when the log is full the
 * whole bank is cleared, which is always correct. */
static void fill_log(struct tlb_bank *b, bool user, unsigned idx)
{
	struct tlb_entry *e = &b->e[user][idx];
	if (!(e->tag_r & e->tag_w & e->tag_x & TLB_INVALID))
		return;
	if (b->n_filled == 2 * TLB_SIZE) {
		bool used = b->used;
		bank_init(b);
		b->used = used;
	}
	b->filled[b->n_filled++] = (u16)(((unsigned)user << TLB_BITS) | idx);
}

/* Global pages (PTE.G with CR4.PGE) also go to the global bank, which CR3
 * writes leave alone; a miss in the current bank finds them there without
 * a walk. Either copy is dropped when its page tables are written. */
static bool global_hit(struct cpu *c, u32 lin, int access, struct tlb_entry *e)
{
	bool user = cpu_user(c);
	unsigned idx = (lin >> PAGE_SHIFT) & (TLB_SIZE - 1);
	const struct tlb_entry *g = &c->banks[TLB_GLOBAL].e[user][idx];
	u32 tag = access == ACC_WRITE ? g->tag_w : access == ACC_EXEC ? g->tag_x : g->tag_r;
	if ((tag & PAGE_MASK) != (lin & PAGE_MASK) || (tag & TLB_INVALID))
		return false;
	unsigned b = (unsigned)(c->bank - c->banks);
	if (g->pd != TLB_NO_PT)
		paging_mark_pt(c, g->pd, b);
	if (g->pt != TLB_NO_PT)
		paging_mark_pt(c, g->pt, b);
	fill_log(c->bank, user, idx);
	*e = *g;
	return true;
}

static void global_keep(struct cpu *c, const struct tlb_entry *e)
{
	bool user = cpu_user(c);
	unsigned idx = (unsigned)(e - c->tlb);
	struct tlb_bank *g = &c->banks[TLB_GLOBAL];
	if (e->pd != TLB_NO_PT)
		paging_mark_pt(c, e->pd, TLB_GLOBAL);
	if (e->pt != TLB_NO_PT)
		paging_mark_pt(c, e->pt, TLB_GLOBAL);
	fill_log(g, user, idx);
	g->e[user][idx] = *e;
}

static struct tlb_entry *tlb_fill(struct cpu *c, u32 lin, int access)
{
	struct machine *m = c->m;
	u32 page = lin & PAGE_MASK;
	struct tlb_entry *e = tlb_entry_of(c, lin);
	struct walk w = { .phys = page, .write_ok = true, .user_ok = true, .exec_ok = true,
			  .pd = TLB_NO_PT, .pt = TLB_NO_PT };
	c->stats.tlb_fills++;
	if ((c->cr0 & CR0_PG) && (c->cr4 & CR4_PGE) && !c->ac_check && global_hit(c, lin, access, e))
		return e;
	if (c->cr0 & CR0_PG)
		paging_walk(c, lin, access, cpu_user(c), &w);
	u32 pa = w.phys & c->a20_mask;
	u8 *host = phys_host(&m->phys, pa, false);
	fill_log(c->bank, cpu_user(c), (unsigned)(e - c->tlb));
	e->phys = pa;
	e->pd = w.pd;
	e->pt = w.pt;
	e->addend = (uintptr_t)host - (uintptr_t)page;
	bool user = cpu_user(c);
	u32 rd = (user && !w.user_ok) ? TLB_INVALID : 0;
	if (!host) {
		e->tag_r = e->tag_x = page | TLB_SLOW | rd;
		e->tag_w = page | TLB_SLOW | rd | (w.write_ok ? 0 : TLB_INVALID);
		return e;
	}
	bool ram = phys_host(&m->phys, pa, true) == host;
	const struct page_meta *pm = ram ? &m->phys.meta[pa >> PAGE_SHIFT] : NULL;
	bool slow = !ram || pm->code_lines || pm->pt_banks;
	u32 ac = c->ac_check ? TLB_SLOW : 0; /* every data access checks alignment */
	e->tag_r = page | rd | ac;
	e->tag_x = page | rd | (w.exec_ok ? 0 : TLB_INVALID);
	e->tag_w = page | rd | (w.write_ok ? 0 : TLB_INVALID) | (slow ? TLB_SLOW : 0) | ac;
	if (w.global && !ac)
		global_keep(c, e);
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
	if (unlikely(c->ac_check) && (lin & (size - 1)))
		cpu_fault(c, EX_AC, 0);
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
	if (unlikely(c->ac_check) && (lin & (size - 1)))
		cpu_fault(c, EX_AC, 0);
	if ((lin & 0xfff) + size > PAGE_SIZE) {
		/* both pages must be writable before either half is written */
		mem_check_write(c, lin, size);
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
	/* a fault in the second page reports its first byte in CR2, as CPUs do */
	tlb_get(c, (lin + size - 1) & PAGE_MASK, ACC_WRITE);
}

u8 *mem_fetch_ptr(struct cpu *c, u32 lin, u32 *phys)
{
	struct tlb_entry *e = tlb_get(c, lin, ACC_EXEC);
	*phys = e->phys | (lin & 0xfff);
	if (e->tag_x & TLB_SLOW)
		return NULL;
	return (u8 *)(e->addend + lin);
}
