/* test_tlb.c - the softMMU's TLB banks (mem/tlb.c, mem/paging.c) and the
 * per-page code-line bitmaps: bank reuse across CR3 writes, coherence with
 * page-table stores made while another bank is current, the global bank,
 * INVLPG, flushes through the fill log. */
#include "unit.h"
#include "xlat/block.h"

#define PD_A 0x100000u
#define PD_B 0x101000u
#define PT_A 0x102000u
#define PT_B 0x103000u
#define FRAME_A 0x200000u
#define FRAME_B 0x201000u
#define FRAME_C 0x202000u
#define WINDOW 0x400000u /* PDE 1: through PT_A or PT_B */

static void wr32(struct machine *m, u32 pa, u32 v) { memcpy(m->phys.ram + pa, &v, 4); }

/* Two address spaces: 0..4 MiB identity (one PSE page) in both; WINDOW maps
 * FRAME_A in space A and FRAME_B in space B. Paging on, space A current. */
static struct machine *two_spaces(void)
{
	struct machine *m = unit_machine(true);
	struct cpu *c = &m->cpu;
	cpu_reset_flat32(c, 0x1000);
	wr32(m, PD_A, 0x83);
	wr32(m, PD_B, 0x83);
	wr32(m, PD_A + 4, PT_A | 3);
	wr32(m, PD_B + 4, PT_B | 3);
	wr32(m, PT_A, FRAME_A | 3);
	wr32(m, PT_B, FRAME_B | 3);
	wr32(m, FRAME_A, 0xaaaaaaaa);
	wr32(m, FRAME_B, 0xbbbbbbbb);
	wr32(m, FRAME_C, 0xcccccccc);
	cpu_write_cr4(c, 0x10); /* PSE */
	cpu_write_cr3(c, PD_A);
	cpu_write_cr0(c, c->cr0 | 0x80000000u);
	return m;
}

START_TEST(test_bank_kept_across_cr3)
{
	struct machine *m = two_spaces();
	struct cpu *c = &m->cpu;
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	cpu_write_cr3(c, PD_B);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xbbbbbbbb);
	u64 walks = c->stats.walks, hits = c->stats.bank_hits;
	cpu_write_cr3(c, PD_A);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	ck_assert_uint_eq(c->stats.walks, walks);        /* no walk: A's bank kept it */
	ck_assert_uint_eq(c->stats.bank_hits, hits + 1);
	machine_free(m);
}
END_TEST

/* A guest store to space B's page table while A is current must reach B's
 * bank, or switching back to B would use the old translation. */
START_TEST(test_pt_store_reaches_other_bank)
{
	struct machine *m = two_spaces();
	struct cpu *c = &m->cpu;
	cpu_write_cr3(c, PD_B);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xbbbbbbbb);
	cpu_write_cr3(c, PD_A);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	u64 pt_writes = c->stats.pt_writes;
	mem_wr32(c, PT_B, FRAME_C | 3); /* through the identity map, as a guest would */
	ck_assert_uint_gt(c->stats.pt_writes, pt_writes);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa); /* A is untouched */
	cpu_write_cr3(c, PD_B);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xcccccccc);
	machine_free(m);
}
END_TEST

/* Stores to a page-table page take the slow path even after its TLB entry
 * was filled for plain data. */
START_TEST(test_pt_page_write_entry_is_slow)
{
	struct machine *m = two_spaces();
	struct cpu *c = &m->cpu;
	mem_wr32(c, PT_B + 8, 0); /* a data store first: entry filled writable */
	cpu_write_cr3(c, PD_B);
	mem_rd32(c, WINDOW);      /* now PT_B is a page-table page of bank B */
	cpu_write_cr3(c, PD_A);
	struct tlb_entry *e = tlb_entry_of(c, PT_B);
	ck_assert(e->tag_w != (PT_B & PAGE_MASK)); /* no fast write any more */
	machine_free(m);
}
END_TEST

START_TEST(test_global_bank)
{
	struct machine *m = two_spaces();
	struct cpu *c = &m->cpu;
	cpu_write_cr4(c, 0x10 | 0x80); /* PSE, PGE */
	wr32(m, PT_A, FRAME_A | 0x103); /* global */
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	cpu_write_cr3(c, PD_B);
	u64 walks = c->stats.walks;
	/* a global translation outlives the CR3 write (SDM Vol. 3A, 4.10.2.4) */
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	ck_assert_uint_eq(c->stats.walks, walks);
	tlb_flush_page(c, WINDOW); /* INVLPG drops it everywhere */
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xbbbbbbbb);
	cpu_write_cr4(c, 0x10); /* clearing PGE flushes global entries too */
	cpu_write_cr3(c, PD_A);
	ck_assert_uint_eq(mem_rd32(c, WINDOW), 0xaaaaaaaa);
	machine_free(m);
}
END_TEST

START_TEST(test_flush_clears_filled_entries)
{
	struct machine *m = two_spaces();
	struct cpu *c = &m->cpu;
	for (u32 p = 0; p < 64; p++)
		mem_rd32(c, p * PAGE_SIZE);
	ck_assert_uint_ge(c->bank->n_filled, 64);
	tlb_flush_all(c);
	ck_assert_uint_eq(c->bank->n_filled, 0);
	for (unsigned i = 0; i < TLB_SIZE; i++)
		ck_assert(c->tlb[i].tag_r & TLB_INVALID);
	machine_free(m);
}
END_TEST

/* Translating code marks exactly the 64-byte lines it covers. */
START_TEST(test_code_lines)
{
	struct machine *m = unit_machine(true);
	struct cpu *c = &m->cpu;
	const u8 code[] = { 0x40, 0x40, 0x40, 0xf4 }; /* inc eax x3; hlt */
	u32 at = 0x5000 + 62;                          /* straddles lines 0 and 1 */
	memcpy(m->phys.ram + at, code, sizeof(code));
	cpu_reset_flat32(c, at);
	cpu_run(m, c, 100);
	ck_assert_uint_eq(c->r[R_EAX].d, 3);
	ck_assert_uint_eq(m->phys.meta[0x5].code_lines, 0x3);
	ck_assert_uint_eq(m->phys.meta[0x6].code_lines, 0);
	machine_free(m);
}
END_TEST

Suite *tlb_suite(void)
{
	Suite *s = suite_create("tlb");
	TCase *tc = tcase_create("banks");
	tcase_add_test(tc, test_bank_kept_across_cr3);
	tcase_add_test(tc, test_pt_store_reaches_other_bank);
	tcase_add_test(tc, test_pt_page_write_entry_is_slow);
	tcase_add_test(tc, test_global_bank);
	tcase_add_test(tc, test_flush_clears_filled_entries);
	tcase_add_test(tc, test_code_lines);
	suite_add_tcase(s, tc);
	return s;
}
