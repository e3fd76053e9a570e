/* unit.h - the suites of the check unit tests and what they share. */
#ifndef XLAT_TESTS_UNIT_H
#define XLAT_TESTS_UNIT_H

#ifdef XLAT_FP_UNITS_ONLY
/* tests/fp/units.sh: the FP suites alone, with a check stand-in, built for
 * other hosts (aarch64) that have neither libcheck nor the rest of xlat */
#include <string.h>
#include "tests/fp/minicheck.h"
Suite *fp_suite(void);
Suite *fp_trans_suite(void);
#else
#include <check.h>
#include <string.h>
#include "xlat/machine.h"

Suite *decode_suite(void);
Suite *flags_suite(void);
Suite *block_suite(void);
Suite *devices_suite(void);
Suite *tlb_suite(void);
Suite *fp_suite(void);
Suite *simd_suite(void);
Suite *fp_trans_suite(void);
Suite *x87_suite(void);

/* A bare machine as the tests use it: 4 MiB of RAM, no kernel, serial and
 * debugcon going nowhere, so nothing but the test touches its state. */
static inline struct machine *unit_machine(bool no_reboot)
{
	struct machine_opts o = { .ram_mb = 4, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .no_reboot = no_reboot };
	char err[256] = "";
	struct machine *m = machine_new(&o, err, sizeof(err));
	ck_assert_msg(m != NULL, "machine_new: %s", err);
	return m;
}

/* ---- what the x87/MMX/SSE suites share (unit_fp.c) ---- */

/* A decoder row: the bytes, in mode, decode to len bytes of row name, or
 * to #UD / #NM. */
struct unit_row {
	u32 mode;
	const char *name; /* row, or "#UD" / "#NM" */
	u8 len;
	u8 n;
	u8 bytes[8];
};
#define UNIT_BY(...) .bytes = { __VA_ARGS__ }, .n = (u8)sizeof((const u8[]){ __VA_ARGS__ })
void unit_check_row(const struct unit_row *t, int i);

/* A machine in flat 32-bit protected mode with CR0.NE (#MF rather than
 * FERR#) and, with osfxsr, CR4.OSFXSR: the code at UNIT_CODE followed by
 * a HLT, every exception vector to a HLT at UNIT_HANDLERS + 16 * vector,
 * data at UNIT_DATA (left as it is). */
#define UNIT_CODE 0x1000u
#define UNIT_DATA 0x2000u
#define UNIT_HANDLERS 0x3000u
struct machine *unit_fp_boot(const u8 *code, size_t n, bool osfxsr);
/* Run to the HLT; the vector taken, or -1 when the n bytes of code ran through. */
int unit_fp_run(struct machine *m, size_t n);

static inline u32 unit_rd32(const struct machine *m, u32 pa)
{
	u32 v;
	memcpy(&v, m->phys.ram + pa, 4);
	return v;
}

static inline u64 unit_rd64(const struct machine *m, u32 pa)
{
	u64 v;
	memcpy(&v, m->phys.ram + pa, 8);
	return v;
}

static inline void unit_wr32(struct machine *m, u32 pa, u32 v) { memcpy(m->phys.ram + pa, &v, 4); }

#endif /* XLAT_FP_UNITS_ONLY */

#endif
