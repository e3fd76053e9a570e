/* block.c - the block cache (DESIGN 5): translation of guest code into
 * blocks of decoded instructions, lookup by (physical address, EIP, mode),
 * per-page block lists and code-line bitmaps for self-modifying code, and
 * invalidation.
 *
 * Blocks live in one bump-allocated arena. Nothing is freed one by one:
 * an invalidated block is unlinked and marked invalid, and when the arena
 * fills everything is flushed at once. Invalidation bumps the cache epoch,
 * which retires every chain link and lookup-cache entry without touching
 * them; they are re-resolved through the hash table on next use. */
#include <stdlib.h>
#include "xlat/machine.h"
#include "cpu/ops/ops.h"

int bc_init(struct block_cache *bc, size_t arena_size)
{
	memset(bc, 0, sizeof(*bc));
	bc->arena = malloc(arena_size);
	if (!bc->arena)
		return -1;
	bc->arena_size = arena_size;
	bc->epoch = 1;
	return 0;
}

void bc_free(struct block_cache *bc)
{
	free(bc->arena);
	bc->arena = NULL;
}

void bc_flush(struct machine *m)
{
	struct block_cache *bc = &m->bc;
	bc->arena_used = 0;
	memset(bc->hash, 0, sizeof(bc->hash));
	memset(m->phys.meta, 0, (m->phys.ram_size >> PAGE_SHIFT) * sizeof(*m->phys.meta));
	bc->epoch++;
	bc->n_flushes++;
	tlb_flush_all(&m->cpu);
}

static u32 bc_hash(u32 phys, u32 eip)
{
	return ((phys ^ (eip << 7)) * 0x9e3779b1u) >> (32 - BC_HASH_BITS);
}

/* the stub after a block's last instruction: fall through to the next EIP */
static const struct insn *h_exit_stub(struct cpu *c, const struct insn *in)
{
	return op_exit(c, in->eip, in->exit);
}

/* Planted over instructions that must not run now: the rest of a block a
 * store just invalidated, or the first instruction past the budget. */
const struct insn *bc_stop_here(struct cpu *c, const struct insn *in)
{
	c->budget++; /* this slot did not retire an instruction */
	return op_exit(c, in->eip, EXIT_NOLINK);
}

static struct page_meta *meta_of(struct machine *m, u32 pa)
{
	if (pa >= m->phys.ram_size)
		return NULL;
	return &m->phys.meta[pa >> PAGE_SHIFT];
}

static u64 line_mask(u32 start, u32 end) /* [start, end) within one page */
{
	unsigned a = (start & 0xfff) >> 6, b = ((end - 1) & 0xfff) >> 6;
	u64 hi = b == 63 ? ~0ull : ((2ull << b) - 1);
	return hi & ~((1ull << a) - 1);
}

/* The byte ranges a block covers on page pa: [*s, *e) */
static bool block_range_on(const struct block *b, u32 page, u32 *s, u32 *e)
{
	u32 first_end = (b->phys & PAGE_MASK) + PAGE_SIZE;
	u32 part1 = b->phys + b->len <= first_end ? b->len : first_end - b->phys;
	if ((b->phys & PAGE_MASK) == page) {
		*s = b->phys;
		*e = b->phys + part1;
		return true;
	}
	if (b->page2 == page && b->len > part1) {
		*s = page;
		*e = page + (b->len - part1);
		return true;
	}
	return false;
}

static void page_register(struct machine *m, struct block *b, u32 page, unsigned which)
{
	struct page_meta *pm = meta_of(m, page);
	u32 s, e;
	if (!pm || !block_range_on(b, page, &s, &e))
		return;
	b->page_next[which] = pm->blocks;
	pm->blocks = b;
	if (!pm->code_lines)
		tlb_flush_phys_page(&m->cpu, page);
	pm->code_lines |= line_mask(s, e);
}

static struct block **page_link_of(struct block *b, u32 page)
{
	return (b->phys & PAGE_MASK) == page ? &b->page_next[0] : &b->page_next[1];
}

static void page_unregister(struct machine *m, struct block *b, u32 page)
{
	struct page_meta *pm = meta_of(m, page);
	if (!pm)
		return;
	for (struct block **pp = &pm->blocks; *pp; pp = page_link_of(*pp, page)) {
		if (*pp == b) {
			*pp = *page_link_of(b, page);
			return;
		}
	}
}

static void hash_remove(struct block_cache *bc, struct block *b)
{
	for (struct block **pp = &bc->hash[bc_hash(b->phys, b->eip)]; *pp; pp = &(*pp)->hash_next) {
		if (*pp == b) {
			*pp = b->hash_next;
			return;
		}
	}
}

static void block_kill(struct machine *m, struct cpu *c, struct block *b)
{
	b->valid = false;
	hash_remove(&m->bc, b);
	page_unregister(m, b, b->phys & PAGE_MASK);
	if (b->page2 != ~0u)
		page_unregister(m, b, b->page2);
	m->bc.n_invalidated++;
	if (b == c->cur_block && c->cur) {
		/* the storing instruction completes; leave at the next boundary */
		struct insn *rest = (struct insn *)c->cur + 1;
		for (; rest < b->insn + b->n_insn; rest++)
			rest->fn = bc_stop_here;
		m->bc.n_smc_hits++;
	}
}

void bc_invalidate_phys(struct machine *m, struct cpu *c, u32 pa, unsigned size)
{
	struct page_meta *pm = meta_of(m, pa);
	u32 page = pa & PAGE_MASK, end = pa + size;
	if (!pm || !(pm->code_lines & line_mask(pa, end)))
		return;
	struct block *b = pm->blocks;
	while (b) {
		struct block *next = *page_link_of(b, page);
		u32 s, e;
		if (block_range_on(b, page, &s, &e) && s < end && pa < e)
			block_kill(m, c, b);
		b = next;
	}
	pm->code_lines = 0;
	for (b = pm->blocks; b; b = *page_link_of(b, page)) {
		u32 s, e;
		if (block_range_on(b, page, &s, &e))
			pm->code_lines |= line_mask(s, e);
	}
	m->bc.epoch++;
	tlb_flush_phys_page(c, page);
}

/* Copy up to n code bytes at lin into buf; returns how many could be had
 * without crossing into the next page. */
static unsigned fetch_page(struct cpu *c, u32 lin, u8 *buf, unsigned n, u32 *pa)
{
	u8 *p = mem_fetch_ptr(c, lin, pa);
	unsigned room = PAGE_SIZE - (lin & 0xfff);
	if (n > room)
		n = room;
	if (p)
		memcpy(buf, p, n);
	else
		memset(buf, 0xff, n); /* executing unmapped space reads all ones */
	return n;
}

static struct block *block_alloc(struct machine *m)
{
	struct block_cache *bc = &m->bc;
	size_t need = sizeof(struct block) + (BLOCK_MAX_INSNS + 1) * sizeof(struct insn);
	if (bc->arena_used + need > bc->arena_size)
		bc_flush(m);
	return (struct block *)(bc->arena + bc->arena_used);
}

/* Decode one instruction at eip; false if it would need bytes from a page
 * that is not the block's own and it is not the first instruction. */
static bool decode_one(struct cpu *c, struct block *b, struct insn *in, u32 eip, bool first)
{
	u8 buf[INSN_MAX_LEN + 1];
	u32 lin = c->seg[S_CS].base + eip, pa, pa2;
	unsigned got = fetch_page(c, lin, buf, INSN_MAX_LEN + 1, &pa);
	if (decode_insn(in, buf, got, eip, c->mode_key))
		return true;
	if (!first)
		return false;
	/* the first instruction straddles: fetch from the next page (may fault) */
	fetch_page(c, lin + got, buf + got, INSN_MAX_LEN + 1 - got, &pa2);
	decode_insn(in, buf, INSN_MAX_LEN + 1, eip, c->mode_key);
	b->page2 = pa2 & PAGE_MASK;
	return true;
}

static struct block *translate(struct machine *m, struct cpu *c, u32 phys)
{
	struct block *b = block_alloc(m);
	u32 eip = c->eip, start = c->seg[S_CS].base + eip;
	*b = (struct block){ .eip = eip, .phys = phys, .page2 = ~0u, .mode_key = c->mode_key,
			     .cs_base = c->seg[S_CS].base, .valid = true };
	unsigned n = 0, exits = 0;
	while (n < BLOCK_MAX_INSNS) {
		struct insn *in = &b->insn[n];
		if (!decode_one(c, b, in, eip, n == 0))
			break;
		n++;
		eip += in->len;
		if (!(c->mode_key & MK_CODE32))
			eip &= 0xffff; /* IP wraps within the code segment */
		if (in->flags & (INSN_END | INSN_JCC))
			in->exit = (u8)exits++;
		/* a superblock goes on past conditional branches while slots last */
		if ((in->flags & INSN_END) || exits == BLOCK_MAX_EXITS - 1 || b->page2 != ~0u)
			break;
		if (((c->seg[S_CS].base + eip) & PAGE_MASK) != (start & PAGE_MASK))
			break;
	}
	b->insn[n] = (struct insn){ .fn = h_exit_stub, .eip = eip, .exit = (u8)exits };
	b->n_insn = (u16)n;
	b->len = (u16)(eip - b->eip); /* (a wrapped 16-bit block ends at the wrap) */
	m->bc.arena_used += sizeof(struct block) + (n + 1) * sizeof(struct insn);
	m->bc.arena_used = (m->bc.arena_used + 15) & ~(size_t)15;
	m->bc.n_translated++;

	u32 h = bc_hash(phys, b->eip);
	b->hash_next = m->bc.hash[h];
	m->bc.hash[h] = b;
	page_register(m, b, phys & PAGE_MASK, 0);
	if (b->page2 != ~0u)
		page_register(m, b, b->page2, 1);
	return b;
}

static void log_block(struct machine *m, const struct block *b);

/* The block for the CPU's current EIP: hash lookup, else translate. */
struct block *bc_find(struct machine *m, struct cpu *c)
{
	u32 lin = c->seg[S_CS].base + c->eip, phys;
	mem_fetch_ptr(c, lin, &phys);
	for (struct block *b = m->bc.hash[bc_hash(phys, c->eip)]; b; b = b->hash_next)
		if (b->phys == phys && b->eip == c->eip && b->mode_key == c->mode_key &&
		    b->cs_base == c->seg[S_CS].base)
			return b;
	struct block *b = translate(m, c, phys);
	if (m->log.mask & LOG_IN_ASM)
		log_block(m, b);
	return b;
}

static void log_block(struct machine *m, const struct block *b)
{
	log_printf(&m->log, "IN: block at %08x (phys %08x, %u insns)\n", b->eip, b->phys, b->n_insn);
	for (unsigned i = 0; i < b->n_insn; i++) {
		const struct insn *in = &b->insn[i];
		u8 buf[INSN_MAX_LEN];
		u32 pa;
		u8 *p = mem_fetch_ptr(&m->cpu, b->cs_base + in->eip, &pa);
		unsigned n = in->len;
		if (p && ((b->cs_base + in->eip) & 0xfff) + n <= PAGE_SIZE)
			memcpy(buf, p, n);
		else
			n = 0;
		disas_insn(&m->log, in, buf, n, b->mode_key & MK_CODE32);
	}
}
