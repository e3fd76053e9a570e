/* test_x87.c - the x87 rows and what the guest tests cannot print: the
 * decoder's choice of row for the undocumented aliases and the #UD forms
 * (FISTTP without SSE3), FWAIT's #NM, MXCSR_MASK in the FXSAVE image and
 * the fields FXSAVE leaves alone without CR4.OSFXSR, and that a faulting
 * x87 instruction (#MF, #GP) changes no x87 state and no memory. Expected
 * values come from the SDM (Vol. 2 instruction pages, Vol. 3A table 2-2). */
#include <string.h>
#include "unit.h"
#include "cpu/ops/ops.h"

#define M32 (MK_CODE32 | MK_PE)

#define BY UNIT_BY

static const struct unit_row xcases[] = {
	{ M32, "fadd_m64", 6, BY(0xdc, 0x05, 0, 0, 0, 0) },
	{ M32, "fsub_sti", 2, BY(0xdc, 0xe1) },       /* FSUBR ST(1),ST(0): ST(1) = ST(0) - ST(1) */
	{ M32, "fsubr_st0", 2, BY(0xd8, 0xe9) },
	{ M32, "fstp1", 2, BY(0xd9, 0xd9) },          /* FSTP1 */
	{ M32, "fstp_sti", 2, BY(0xdf, 0xd1) },       /* FSTP8 */
	{ M32, "fstp_sti", 2, BY(0xdf, 0xd9) },       /* FSTP9 */
	{ M32, "fcom_sti", 2, BY(0xdc, 0xd1) },       /* FCOM2 */
	{ M32, "fcomp_sti", 2, BY(0xdc, 0xd9) },      /* FCOMP3 */
	{ M32, "fcomp_sti", 2, BY(0xde, 0xd1) },      /* FCOMP5 */
	{ M32, "fxch", 2, BY(0xdd, 0xc9) },           /* FXCH4 */
	{ M32, "fxch", 2, BY(0xdf, 0xc9) },           /* FXCH7 */
	{ M32, "ffreep", 2, BY(0xdf, 0xc1) },
	{ M32, "fnop_legacy", 2, BY(0xdb, 0xe0) },    /* FENI */
	{ M32, "fnop_legacy", 2, BY(0xdb, 0xe4) },    /* FSETPM */
	{ M32, "fldconst", 2, BY(0xd9, 0xeb) },       /* FLDPI */
	{ M32, "fcompp", 2, BY(0xde, 0xd9) },
	{ M32, "fnstsw_ax", 2, BY(0xdf, 0xe0) },
	{ M32, "fwait", 1, BY(0x9b) },
	{ M32, "#UD", 2, BY(0xdb, 0x08) },            /* FISTTP m32: SSE3 */
	{ M32, "#UD", 2, BY(0xdd, 0x08) },            /* FISTTP m64 */
	{ M32, "#UD", 2, BY(0xdf, 0x08) },            /* FISTTP m16 */
	{ M32, "#UD", 2, BY(0xd9, 0xd1) },
	{ M32, "#UD", 2, BY(0xde, 0xd8) },
	{ M32, "#UD", 2, BY(0xdf, 0xe1) },
	{ M32, "#UD", 2, BY(0xdb, 0xe5) },
	{ M32, "#UD", 2, BY(0xd9, 0x08) },            /* D9 /1 */
	{ M32 | MK_TS, "#NM", 2, BY(0xd9, 0xe8) },
	{ M32 | MK_EM, "#NM", 2, BY(0xd9, 0xe8) },
	{ M32 | MK_TS, "fwait", 1, BY(0x9b) },        /* decided when it runs: MP too */
	{ M32 | MK_OSFXSR, "fxsave", 3, BY(0x0f, 0xae, 0x00) },
	{ M32, "fxrstor", 3, BY(0x0f, 0xae, 0x08) },  /* FXSR needs no OSFXSR */
	{ M32, "#UD", 3, BY(0x0f, 0xae, 0xc0) },      /* no register form */
};

START_TEST(test_x87_rows)
{
	unit_check_row(&xcases[_i], _i);
}
END_TEST

/* ---- on a machine (unit_fp_boot): the code at UNIT_CODE, data at DATA ---- */
#define DATA UNIT_DATA

static struct machine *x87_boot(const u8 *code, size_t n, bool osfxsr)
{
	struct machine *m = unit_fp_boot(code, n, osfxsr);
	memset(m->phys.ram + DATA, 0xa5, 1024);
	return m;
}

/* FXSAVE: MXCSR_MASK 0000FFFF (DAZ supported); without CR4.OSFXSR, MXCSR,
 * its mask and the XMM registers are not written */
START_TEST(test_fxsave_mxcsr_mask)
{
	static const u8 code[] = { 0x0f, 0xae, 0x05, 0x00, 0x20, 0x00, 0x00 }; /* fxsave [DATA] */
	for (int osfxsr = 0; osfxsr < 2; osfxsr++) {
		struct machine *m = x87_boot(code, sizeof(code), osfxsr);
		m->cpu.fpu.xmm[0].d[0] = 0x12345678;
		ck_assert_int_eq(unit_fp_run(m, sizeof(code)), -1);
		ck_assert_uint_eq(unit_rd32(m, DATA), 0x0000037f);          /* FCW, FSW */
		ck_assert_uint_eq(unit_rd32(m, DATA + 24), osfxsr ? 0x1f80 : 0xa5a5a5a5);
		ck_assert_uint_eq(unit_rd32(m, DATA + 28), osfxsr ? 0xffff : 0xa5a5a5a5);
		ck_assert_uint_eq(unit_rd32(m, DATA + 160), osfxsr ? 0x12345678 : 0xa5a5a5a5);
		ck_assert_uint_eq(unit_rd32(m, DATA + 288), 0xa5a5a5a5);    /* never written */
		ck_assert_uint_eq(unit_rd32(m, DATA + 508), 0xa5a5a5a5);
		machine_free(m);
	}
}
END_TEST

/* FWAIT: #NM only when CR0.MP and CR0.TS are both set */
START_TEST(test_fwait_nm)
{
	static const u8 code[] = { 0x9b };
	static const u32 bits[3] = { 0x8, 0x2, 0xa };
	for (int i = 0; i < 3; i++) {
		struct machine *m = x87_boot(code, sizeof(code), false);
		m->cpu.cr0 |= bits[i];
		cpu_update_mode(&m->cpu);
		ck_assert_int_eq(unit_fp_run(m, sizeof(code)), bits[i] == 0xa ? EX_NM : -1);
		machine_free(m);
	}
}
END_TEST

/* A pending exception: FSTP m64 raises #MF before storing or popping */
START_TEST(test_pending_mf_changes_nothing)
{
	static const u8 code[] = { 0xdd, 0x1d, 0x00, 0x20, 0x00, 0x00 }; /* fstp qword [DATA] */
	struct machine *m = x87_boot(code, sizeof(code), false);
	struct cpu *c = &m->cpu;
	c->fpu.cw = 0x37b;
	c->fpu.sw = 0x8084; /* B, ES, ZE */
	c->fpu.top = 7;
	c->fpu.full = 0x80;
	c->fpu.st[7] = (f80){ 0x8000000000000000ull, 0x3fff };
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), EX_MF);
	ck_assert_uint_eq(c->fpu.top, 7);
	ck_assert_uint_eq(c->fpu.full, 0x80);
	ck_assert_uint_eq(c->fpu.sw, 0x8084);
	ck_assert_uint_eq(unit_rd32(m, DATA), 0xa5a5a5a5);
	machine_free(m);
}
END_TEST

/* FXRSTOR with a reserved MXCSR bit: #GP(0) before any state is loaded */
START_TEST(test_fxrstor_reserved_mxcsr)
{
	static const u8 code[] = { 0x0f, 0xae, 0x0d, 0x00, 0x20, 0x00, 0x00 }; /* fxrstor [DATA] */
	struct machine *m = x87_boot(code, sizeof(code), true);
	struct cpu *c = &m->cpu;
	memset(m->phys.ram + DATA, 0, 512);
	unit_wr32(m, DATA, 0x0000007f);       /* FCW 007f */
	unit_wr32(m, DATA + 24, 0x00021f80); /* MXCSR with bit 17 */
	ck_assert_int_eq(unit_fp_run(m, sizeof(code)), EX_GP);
	ck_assert_uint_eq(c->fpu.cw, 0x37f);
	ck_assert_uint_eq(c->fpu.mxcsr, 0x1f80);
	machine_free(m);
}
END_TEST

Suite *x87_suite(void)
{
	Suite *s = suite_create("x87");
	TCase *tc = tcase_create("x87");
	tcase_add_loop_test(tc, test_x87_rows, 0, (int)(sizeof(xcases) / sizeof(xcases[0])));
	tcase_add_test(tc, test_fxsave_mxcsr_mask);
	tcase_add_test(tc, test_fwait_nm);
	tcase_add_test(tc, test_pending_mf_changes_nothing);
	tcase_add_test(tc, test_fxrstor_reserved_mxcsr);
	suite_add_tcase(s, tc);
	return s;
}
