/* harness.c - running one MOO test through xlat's real path: the block
 * cache, the decoder, tier-1 dispatch and IVT delivery, in one bare machine
 * (no devices: ports read all ones, writes vanish) that serves every test.
 *
 * RAM is not cleared wholesale between tests (1 MiB per test would cost
 * more than the tests). Instead `want` holds the RAM the test expects:
 * INIT bytes overlaid by FINA bytes, zero elsewhere. After the run the
 * pages that may differ - those the test names, every page in the TLB
 * (after cpu_reset_real()'s flush, every page the CPU touched) and every
 * page holding translated code - are compared with `want` in full, which
 * also catches stray writes, and are zeroed again before the next test. Zeroing drops the blocks translated
 * from those pages, and INIT bytes go in through phys_write(), so no block
 * decoded from an earlier test's bytes can run.
 *
 * Traps: every interrupt vector the test leaves unset (its four IVT bytes
 * named by neither INIT nor FINA) points at one HLT the harness places,
 * each through its own segment: vector v enters at (P >> 4) - v :
 * (P & 15) + 16 v, where P is the HLT's address. The 286 never took those
 * vectors, so they change nothing it did; but when xlat takes one, the run
 * stops at once instead of running through zeroed memory (or faulting
 * forever), and the CS it stops with names the vector. */
#include <stdlib.h>
#include <string.h>
#include "xlat/machine.h"
#include "moo.h"

#define RAM_MB 2u           /* the tests reach 1 MiB + 64 KiB */
#define INSN_SLACK 16u     /* the instruction, a fault's handler, HLTs */
#define NPAGES ((RAM_MB << 20) >> PAGE_SHIFT)
#define IVT_BYTES 0x400u
#define TRAP_FIRST 0x1800u  /* trap HLT candidates: P >> 4 >= 255, one per 4 KiB */
#define TRAP_LAST 0xff800u
#define TRAP_CLEAR 16u      /* no test byte this close to the trap HLT */

struct harness {
	struct machine *m;
	u8 *want;                   /* RAM as the test expects it */
	u64 seen[NPAGES / 64];      /* pages to compare and then clear */
	u32 trap;                   /* address of this test's trap HLT, 0: none */
};

static const u8 gpr_of[MR_N] = { [MR_AX] = R_EAX, [MR_BX] = R_EBX, [MR_CX] = R_ECX, [MR_DX] = R_EDX,
				 [MR_SP] = R_ESP, [MR_BP] = R_EBP, [MR_SI] = R_ESI, [MR_DI] = R_EDI };
static const u8 seg_of[MR_N] = { [MR_CS] = S_CS, [MR_SS] = S_SS, [MR_DS] = S_DS, [MR_ES] = S_ES };

static bool is_seg(unsigned r) { return r >= MR_CS && r <= MR_ES; }

struct harness *harness_new(char *err, size_t errlen)
{
	struct machine_opts o = { .ram_mb = RAM_MB, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .bare = true, .no_reboot = true };
	struct harness *h = calloc(1, sizeof(*h));
	if (!h || !(h->want = calloc(1, RAM_MB << 20))) {
		snprintf(err, errlen, "out of memory");
		harness_free(h);
		return NULL;
	}
	if (!(h->m = machine_new(&o, err, errlen))) {
		harness_free(h);
		return NULL;
	}
	return h;
}

void harness_free(struct harness *h)
{
	if (!h)
		return;
	machine_free(h->m);
	free(h->want);
	free(h);
}

struct machine *harness_machine(struct harness *h) { return h->m; }

u16 harness_peek16(struct harness *h, u16 seg, u16 off)
{
	const u8 *ram = h->m->phys.ram;
	u32 a = ((u32)seg << 4) + off;
	return (u16)(ram[a] | ram[a + 1] << 8); /* a + 1 <= 0x110000, inside RAM */
}

static void mark(struct harness *h, u32 addr)
{
	u32 pg = addr >> PAGE_SHIFT;
	h->seen[pg / 64] |= 1ull << (pg % 64);
}

/* Zero what the last test touched, dropping blocks decoded from it. */
static void clear_pages(struct harness *h)
{
	struct machine *m = h->m;
	for (unsigned w = 0; w < NPAGES / 64; w++) {
		for (u64 bits = h->seen[w]; bits; bits &= bits - 1) {
			u32 pa = (u32)(w * 64 + (unsigned)__builtin_ctzll(bits)) << PAGE_SHIFT;
			bc_invalidate_phys(m, &m->cpu, pa, PAGE_SIZE);
			memset(m->phys.ram + pa, 0, PAGE_SIZE);
			memset(h->want + pa, 0, PAGE_SIZE);
		}
		h->seen[w] = 0;
	}
}

/* Pages that hold translated code, wherever they are. */
static void mark_code_pages(struct harness *h)
{
	const struct page_meta *pm = h->m->phys.meta;
	for (u32 pg = 0; pg < NPAGES; pg++)
		if (pm[pg].code_lines || pm[pg].blocks)
			mark(h, pg << PAGE_SHIFT);
}

static bool ram_in_range(const struct moo_ram *r, u32 size)
{
	for (u32 i = 0; i < r->n; i++)
		if (moo_ram_addr(r, i) >= size)
			return false;
	return true;
}

static void put_ram(struct harness *h, const struct moo_ram *r, bool init)
{
	for (u32 i = 0; i < r->n; i++) {
		u32 a = moo_ram_addr(r, i);
		u8 v = moo_ram_val(r, i);
		if (init)
			phys_write(h->m, a, v, 1);
		h->want[a] = v;
		mark(h, a);
	}
}

static void load_regs(struct cpu *c, const struct moo_state *s)
{
	cpu_reset_real(c);
	for (unsigned r = 0; r < MR_N; r++) {
		if (is_seg(r))
			seg_load_pm(c, seg_of[r], s->reg[r]);
		else if (r != MR_IP && r != MR_FLAGS)
			c->r[gpr_of[r]].w = s->reg[r];
	}
	c->eip = s->reg[MR_IP];
	/* a real-mode 286 cannot hold IOPL and NT (README, step 1) */
	cpu_set_eflags(c, s->reg[MR_FLAGS] & 0x0fffu, 0x3fffffu);
}

static bool near_any(const struct moo_ram *r, u32 p)
{
	for (u32 i = 0; i < r->n; i++)
		if (moo_ram_addr(r, i) + TRAP_CLEAR >= p && moo_ram_addr(r, i) <= p + TRAP_CLEAR)
			return true;
	return false;
}

static void mark_low(u64 *low, const struct moo_ram *r)
{
	for (u32 i = 0; i < r->n; i++)
		if (moo_ram_addr(r, i) < IVT_BYTES)
			low[moo_ram_addr(r, i) / 64] |= 1ull << (moo_ram_addr(r, i) % 64);
}

static void poke(struct harness *h, u32 a, u8 v)
{
	h->m->phys.ram[a] = v;
	h->want[a] = v;
}

/* Where the test's trap HLT goes: clear of every byte the test names. */
static u32 trap_addr(const struct moo_test *t)
{
	for (u32 p = TRAP_FIRST; p <= TRAP_LAST; p += PAGE_SIZE)
		if (!near_any(&t->init.ram, p) && !near_any(&t->fina.ram, p))
			return p;
	return 0;
}

static bool names_any(const struct moo_ram *r, u32 lo, u32 n)
{
	for (u32 i = 0; i < r->n; i++)
		if (moo_ram_addr(r, i) - lo < n)
			return true;
	return false;
}

bool harness_vector(const struct moo_test *t, unsigned v, u16 *cs, u16 *ip)
{
	u32 p = trap_addr(t);
	if (names_any(&t->init.ram, 4 * v, 4) || names_any(&t->fina.ram, 4 * v, 4)) {
		*ip = moo_init_word(t, 4 * v);
		*cs = moo_init_word(t, 4 * v + 2);
		return true;
	}
	*ip = (u16)((p & 15) + 16 * v);
	*cs = (u16)((p >> 4) - v);
	return false;
}

/* Point the vectors the test leaves unset at a trap HLT (see the top). */
static void set_traps(struct harness *h, const struct moo_test *t)
{
	u64 low[IVT_BYTES / 64] = { 0 };
	h->trap = trap_addr(t);
	if (!h->trap)
		return;
	mark_low(low, &t->init.ram);
	mark_low(low, &t->fina.ram);
	for (u32 v = 0; v < 256; v++) {
		if ((low[v / 16] >> (v % 16 * 4)) & 0xf)
			continue; /* the test's own vector, or its data */
		u32 off = (h->trap & 15) + 16 * v, seg = (h->trap >> 4) - v;
		poke(h, 4 * v, (u8)off);
		poke(h, 4 * v + 1, (u8)(off >> 8));
		poke(h, 4 * v + 2, (u8)seg);
		poke(h, 4 * v + 3, (u8)(seg >> 8));
	}
	poke(h, h->trap, 0xf4);
	/* written behind the block cache's back: drop what was decoded there */
	bc_invalidate_phys(h->m, &h->m->cpu, 0, IVT_BYTES);
	bc_invalidate_phys(h->m, &h->m->cpu, h->trap, 1);
	mark(h, 0);
	mark(h, h->trap);
}

/* The vector whose trap the run stopped at, or -1. */
static int trap_taken(const struct harness *h)
{
	const struct cpu *c = &h->m->cpu;
	u32 seg = c->seg[S_CS].sel, v = (h->trap >> 4) - seg;
	if (!h->trap || !c->halted || v > 255 || c->seg[S_CS].base + c->eip != h->trap + 1)
		return -1;
	return (int)v;
}

/* Load the test; false if it names memory this machine does not have. */
static bool load(struct harness *h, const struct moo_test *t, const struct patch *p, unsigned n_patch)
{
	u32 size = h->m->phys.ram_size;
	if (!ram_in_range(&t->init.ram, size) || !ram_in_range(&t->fina.ram, size) ||
	    (t->has_excp && t->excp_addr + 2 >= size))
		return false;
	for (unsigned i = 0; i < n_patch; i++)
		if (p[i].addr >= size)
			return false;
	load_regs(&h->m->cpu, &t->init);
	set_traps(h, t);
	put_ram(h, &t->init.ram, true);
	for (unsigned i = 0; i < n_patch; i++) {
		phys_write(h->m, p[i].addr, p[i].val, 1);
		h->want[p[i].addr] = p[i].val;
		mark(h, p[i].addr);
	}
	put_ram(h, &t->fina.ram, false);
	return true;
}

/* The register's full value in xlat and whether its hidden part is sane:
 * upper halves zero, EIP inside 64 KiB, segment base = selector * 16. */
static u32 got_reg(const struct cpu *c, unsigned r, bool *sane)
{
	u32 v;
	if (is_seg(r)) {
		const struct seg *s = &c->seg[seg_of[r]];
		*sane = s->base == (u32)s->sel << 4;
		return s->sel;
	}
	v = r == MR_IP ? c->eip : r == MR_FLAGS ? cpu_get_eflags(c) : c->r[gpr_of[r]].d;
	*sane = v <= 0xffffu;
	return v;
}

static void compare_regs(const struct cpu *c, const struct moo_test *t, struct diff *d)
{
	for (unsigned r = 0; r < MR_N; r++) {
		bool sane;
		u32 v = got_reg(c, r, &sane);
		u16 mask = r == MR_FLAGS ? d->flags_mask : 0xffff;
		d->got[r] = (u16)v;
		d->want[r] = moo_want(t, r);
		d->got_hi[r] = v;
		if ((d->got[r] ^ d->want[r]) & mask)
			d->regs |= (u16)(1u << r);
		if (!sane)
			d->wide |= (u16)(1u << r);
	}
}

/* Every page in the TLB was touched by this run. */
static void mark_tlb_pages(struct harness *h)
{
	const struct cpu *c = &h->m->cpu;
	for (unsigned i = 0; i < TLB_SIZE; i++)
		if (!(c->tlb[i].tag_r & TLB_INVALID) && c->tlb[i].phys < h->m->phys.ram_size)
			mark(h, c->tlb[i].phys);
}

static void diff_page(struct harness *h, u32 pa, struct diff *d)
{
	const u8 *got = h->m->phys.ram + pa, *want = h->want + pa;
	if (!memcmp(got, want, PAGE_SIZE))
		return;
	for (u32 i = 0; i < PAGE_SIZE; i++) {
		if (got[i] == want[i])
			continue;
		if (d->n_ram < DIFF_SHOW)
			d->ram[d->n_ram] = (struct ram_diff){ pa + i, want[i], got[i] };
		d->n_ram++;
	}
}

/* Where the exception frame's FLAGS image is: SS:SP+4 after the pushes.
 * EXCP names the even address of the bus word, one below when SP is odd. */
static void excp_flags_addr(const struct moo_test *t, u32 *lo, u32 *hi)
{
	u32 base = (u32)moo_want(t, MR_SS) << 4;
	u16 sp = moo_want(t, MR_SP);
	*lo = base + (u16)(sp + 4);
	*hi = base + (u16)(sp + 5);
	if (*lo != t->excp_addr && *lo != t->excp_addr + 1) {
		*lo = t->excp_addr; /* not a plain frame: trust the file */
		*hi = t->excp_addr + 1;
	}
}

static void compare_ram(struct harness *h, const struct moo_test *t, struct diff *d)
{
	const u8 *ram = h->m->phys.ram;
	if (t->has_excp) {
		/* the FLAGS image the exception pushed: undefined bits masked too */
		u32 a, b;
		u8 lo = (u8)d->flags_mask, hi = (u8)(d->flags_mask >> 8);
		excp_flags_addr(t, &a, &b);
		h->want[a] = (u8)((h->want[a] & lo) | (ram[a] & ~lo));
		h->want[b] = (u8)((h->want[b] & hi) | (ram[b] & ~hi));
	}
	mark_tlb_pages(h);
	mark_code_pages(h);
	for (unsigned w = 0; w < NPAGES / 64; w++)
		for (u64 bits = h->seen[w]; bits; bits &= bits - 1)
			diff_page(h, (u32)(w * 64 + (unsigned)__builtin_ctzll(bits)) << PAGE_SHIFT, d);
}

void harness_run(struct harness *h, const struct moo_test *t, u16 flags_mask, const struct patch *p,
		 unsigned n_patch, struct diff *d)
{
	struct machine *m = h->m;
	struct cpu *c = &m->cpu;
	memset(d, 0, sizeof(*d));
	d->flags_mask = flags_mask;
	d->trap_vec = -1;
	clear_pages(h);
	if (!load(h, t, p, n_patch)) {
		d->bad_addr = true;
		return;
	}
	m->state = RUN_RUNNING;
	/* The icount runs on from test to test, so the limit is relative. It
	 * is tight, since a run that goes astray runs until it: each REP
	 * iteration counts as an instruction, nothing else needs more than a
	 * few. */
	struct moo_insn in;
	moo_split(t, &in);
	cpu_run(m, c, cpu_icount(c) + INSN_SLACK + (in.rep ? t->init.reg[MR_CX] : 0u));
	d->no_hlt = !(m->state == RUN_EXIT && c->halted);
	d->trap_vec = trap_taken(h);
	compare_regs(c, t, d);
	compare_ram(h, t, d);
}
