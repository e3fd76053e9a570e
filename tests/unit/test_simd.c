/* test_simd.c - MMX and SSE2 integer rows: the decoder's choice of row by
 * mandatory prefix, the forms that must be #UD, #UD/#NM from CR0.EM/TS and
 * CR4.OSFXSR; then, on a machine, what the guest tests cannot see from
 * outside: the x87 state an MMX instruction leaves (TOP, tags, exponent),
 * and that a faulting instruction (#MF, alignment #GP, a masked store past
 * the segment limit) changes no register, no x87 state and no memory.
 * Expected values come from the SDM (Vol. 1 9.5, Vol. 2 instruction pages). */
#include <string.h>
#include "unit.h"
#include "cpu/ops/ops.h"

#define M32 (MK_CODE32 | MK_PE)
#define MX (M32 | MK_OSFXSR)

#define BY UNIT_BY

static const struct unit_row scases[] = {
	{ MX, "paddb", 3, BY(0x0f, 0xfc, 0xc1) },
	{ MX, "paddb_x", 4, BY(0x66, 0x0f, 0xfc, 0xc1) },
	{ MX, "#UD", 4, BY(0xf3, 0x0f, 0xfc, 0xc1) },           /* no F3 row */
	{ MX, "emms", 2, BY(0x0f, 0x77) },                      /* no ModRM, even at the end */
	{ MX, "ud", 3, BY(0x66, 0x0f, 0x77) },                  /* 66 EMMS: #UD on hardware */
	{ MX, "movq_x_load", 4, BY(0xf3, 0x0f, 0x7e, 0xc1) },
	{ MX, "movd_x_store", 4, BY(0x66, 0x0f, 0x7e, 0xc1) },
	{ MX, "movd_mm_store", 3, BY(0x0f, 0x7e, 0xc1) },
	{ MX, "movdqu_load", 4, BY(0xf3, 0x0f, 0x6f, 0x00) },
	{ MX, "movdqa_load", 4, BY(0x66, 0x0f, 0x6f, 0x00) },
	{ MX, "movq2dq", 4, BY(0xf3, 0x0f, 0xd6, 0xc1) },
	{ MX, "movdq2q", 4, BY(0xf2, 0x0f, 0xd6, 0xc1) },
	{ MX, "pshufhw", 5, BY(0xf3, 0x0f, 0x70, 0xc1, 0x1b) },
	{ MX, "pshuflw", 5, BY(0xf2, 0x0f, 0x70, 0xc1, 0x1b) },
	{ MX, "psrldq_xi", 5, BY(0x66, 0x0f, 0x73, 0xd9, 0x08) },
	{ MX, "psrlq_i", 4, BY(0x0f, 0x73, 0xd1, 0x08) },
	{ MX, "#UD", 3, BY(0x0f, 0x73, 0xd9, 0x08) },           /* PSRLDQ needs 66 */
	{ MX, "#UD", 4, BY(0x0f, 0x71, 0x10, 0x08) },           /* shift by imm: no memory form */
	{ MX, "#UD", 4, BY(0x0f, 0xc5, 0x00, 0x01) },           /* PEXTRW: register only */
	{ MX, "#UD", 3, BY(0x0f, 0xe7, 0xc1) },                 /* MOVNTQ: memory only */
	{ MX, "#UD", 3, BY(0x0f, 0x6c, 0xc1) },                 /* PUNPCKLQDQ: XMM only */
	{ M32, "#UD", 4, BY(0x66, 0x0f, 0xfc, 0xc1) },          /* SSE2 without OSFXSR */
	{ M32, "paddb", 3, BY(0x0f, 0xfc, 0xc1) },              /* MMX does not need it */
	{ MX | MK_EM, "#UD", 3, BY(0x0f, 0xfc, 0xc1) },
	{ MX | MK_TS, "#NM", 3, BY(0x0f, 0xfc, 0xc1) },
	{ MX | MK_TS, "#NM", 2, BY(0x0f, 0x77) },
};

START_TEST(test_simd_rows)
{
	unit_check_row(&scases[_i], _i);
}
END_TEST

/* ---- on a machine (unit_fp_boot): the code at UNIT_CODE, data at DATA ---- */
#define DATA UNIT_DATA

static struct machine *simd_boot(const u8 *code, size_t n)
{
	struct machine *m = unit_fp_boot(code, n, true);
	for (unsigned i = 0; i < 64; i++)
		m->phys.ram[DATA + i] = (u8)(0x11 * i + 1);
	return m;
}

/* MMX mode: TOP 0, every register full, the written register's sign and
 * exponent all ones; EMMS then empties all without moving TOP. */
START_TEST(test_mmx_enters_and_emms)
{
	static const u8 code[] = { 0x0f, 0x6f, 0x15, 0x00, 0x20, 0x00, 0x00, /* movq mm2, [DATA] */
				   0x0f, 0x7e, 0xd0 };                       /* movd eax, mm2 */
	struct machine *m = simd_boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	c->fpu.top = 5;
	c->fpu.full = 0x20;
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), -1);
	ck_assert_uint_eq(c->fpu.top, 0);
	ck_assert_uint_eq(c->fpu.full, 0xff);
	ck_assert_uint_eq(c->fpu.st[2].se, 0xffff);
	ck_assert(c->fpu.st[2].sig == unit_rd64(m, DATA));
	ck_assert_uint_eq(c->r[R_EAX].d, (u32)unit_rd64(m, DATA));
	machine_free(m);

	static const u8 emms[] = { 0x0f, 0x77, 0x0f, 0x77 };
	m = simd_boot(emms, sizeof(emms));
	c = &m->cpu;
	c->fpu.top = 3;
	c->fpu.full = 0xff;
	ck_assert_int_eq(unit_fp_run(m, sizeof(emms)), -1); /* two 2-byte instructions, then HLT */
	ck_assert_uint_eq(c->fpu.top, 0); /* EMMS resets TOP too (the host does) */
	ck_assert_uint_eq(c->fpu.full, 0);
	machine_free(m);
}
END_TEST

/* A pending unmasked x87 exception: the MMX instruction raises #MF before
 * touching TOP, the tags or its destination; an XMM one goes on. */
START_TEST(test_mmx_pending_mf)
{
	static const u8 code[] = { 0x66, 0x0f, 0xfc, 0xc0, /* paddb xmm0, xmm0 */
				   0x0f, 0xfc, 0xc0 };      /* paddb mm0, mm0 */
	struct machine *m = simd_boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	c->fpu.sw = 0x81; /* ES, IE */
	c->fpu.cw = 0x37e;
	c->fpu.top = 6;
	c->fpu.full = 0xc0;
	c->fpu.st[0].sig = 0x0101010101010101ull;
	c->fpu.xmm[0].q[0] = 1;
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), EX_MF);
	ck_assert_uint_eq(c->fpu.xmm[0].q[0], 2);
	ck_assert_uint_eq(c->fpu.top, 6);
	ck_assert_uint_eq(c->fpu.full, 0xc0);
	ck_assert(c->fpu.st[0].sig == 0x0101010101010101ull);
	machine_free(m);
}
END_TEST

/* A misaligned m128 source: #GP(0), the destination as it was. */
START_TEST(test_sse2_misaligned_gp)
{
	static const u8 code[] = { 0x66, 0x0f, 0xfc, 0x05, 0x08, 0x20, 0x00, 0x00, /* paddb xmm0, [DATA+8] */ };
	struct machine *m = simd_boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	c->fpu.xmm[0].q[0] = 0x1234;
	c->fpu.xmm[0].q[1] = 0x5678;
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), EX_GP);
	ck_assert_uint_eq(c->fpu.xmm[0].q[0], 0x1234);
	ck_assert_uint_eq(c->fpu.xmm[0].q[1], 0x5678);
	machine_free(m);
}
END_TEST

/* MASKMOVQ whose 8 bytes pass the DS limit: #GP with no byte stored, even
 * those inside the limit, and the x87 state still x87. */
START_TEST(test_maskmovq_limit)
{
	static const u8 code[] = { 0x0f, 0xf7, 0xc1 }; /* maskmovq mm0, mm1 */
	struct machine *m = simd_boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	u64 before = unit_rd64(m, DATA);
	c->seg[S_DS] = (struct seg){ .base = 0, .limit = DATA + 3, .sel = 0x10, .attr = 0x4093, .flat = false };
	c->r[R_EDI].d = DATA;
	c->fpu.st[0].sig = 0xa5a5a5a5a5a5a5a5ull;
	c->fpu.st[1].sig = ~0ull;
	c->fpu.top = 4;
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), EX_GP);
	ck_assert(unit_rd64(m, DATA) == before);
	ck_assert_uint_eq(c->fpu.top, 4);

	machine_free(m);

	/* within the limit it stores the masked bytes only */
	m = simd_boot(code, sizeof(code));
	c = &m->cpu;
	c->seg[S_DS] = (struct seg){ .base = 0, .limit = DATA + 7, .sel = 0x10, .attr = 0x4093, .flat = false };
	c->r[R_EDI].d = DATA;
	c->fpu.st[0].sig = 0xa5a5a5a5a5a5a5a5ull;
	c->fpu.st[1].sig = 0x80000000000000ffull;
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), -1);
	ck_assert(unit_rd64(m, DATA) == ((before & 0x00ffffffffffff00ull) | 0xa5000000000000a5ull));
	ck_assert_uint_eq(c->fpu.top, 0);
	machine_free(m);
}
END_TEST

Suite *simd_suite(void)
{
	Suite *s = suite_create("simd");
	TCase *tc = tcase_create("rows");
	tcase_add_loop_test(tc, test_simd_rows, 0, (int)(sizeof(scases) / sizeof(scases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("state");
	tcase_add_test(tc, test_mmx_enters_and_emms);
	tcase_add_test(tc, test_mmx_pending_mf);
	tcase_add_test(tc, test_sse2_misaligned_gp);
	tcase_add_test(tc, test_maskmovq_limit);
	suite_add_tcase(s, tc);
	return s;
}
