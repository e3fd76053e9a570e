/* test_flags.c - the lazy arithmetic flags (cpu.h, cpu/ops/ops.h, cpu/flags.c)
 * against flags computed bit by bit the way the SDM defines them: CF from
 * wider arithmetic, OF from the operand and result signs, AF from the carry
 * out of bit 3, PF from the parity of the low byte, ZF and SF from the
 * result. Operands are edge values plus a fixed-seed random stream. */
#include <stdlib.h>
#include "unit.h"
#include "cpu/ops/ops.h"

#define N_RANDOM 20000

static const u32 edges[] = {
	0, 1, 2, 0x0f, 0x10, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x7fff, 0x8000, 0x8001,
	0xfffe, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
};
#define N_EDGES (sizeof(edges) / sizeof(edges[0]))

static const unsigned sizes[] = { 1, 2, 4 };

static u64 rng_state;

static u32 rnd(void)
{
	/* xorshift64*: fixed seed, so a failure repeats */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (u32)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static struct cpu *new_cpu(void)
{
	struct cpu *c = calloc(1, sizeof(*c));
	ck_assert_ptr_nonnull(c);
	rng_state = 0x9e3779b97f4a7c15ull;
	return c;
}

/* ---- the reference ---- */

static u32 ref_mask(unsigned S) { return S == 4 ? 0xffffffffu : (1u << (8 * S)) - 1; }
static u32 ref_sign(u32 v, unsigned S) { return (v >> (8 * S - 1)) & 1; }

static u32 ref_pf(u32 r)
{
	unsigned ones = 0;
	for (unsigned i = 0; i < 8; i++)
		ones += (r >> i) & 1;
	return ones % 2 ? 0 : F_PF;
}

static u32 ref_szp(u32 r, unsigned S)
{
	return (r == 0 ? F_ZF : 0) | (ref_sign(r, S) ? F_SF : 0) | ref_pf(r);
}

/* a + b + cin: flags, and the result in *r */
static u32 ref_add(u32 a, u32 b, u32 cin, unsigned S, u32 *r)
{
	u64 wide = (u64)a + b + cin;
	*r = (u32)wide & ref_mask(S);
	u32 f = ref_szp(*r, S);
	f |= wide > ref_mask(S) ? F_CF : 0;
	f |= (a & 0xf) + (b & 0xf) + cin > 0xf ? F_AF : 0;
	f |= ref_sign(a, S) == ref_sign(b, S) && ref_sign(*r, S) != ref_sign(a, S) ? F_OF : 0;
	return f;
}

/* a - b - bin */
static u32 ref_sub(u32 a, u32 b, u32 bin, unsigned S, u32 *r)
{
	*r = (u32)((u64)a - b - bin) & ref_mask(S);
	u32 f = ref_szp(*r, S);
	f |= (u64)a < (u64)b + bin ? F_CF : 0;
	f |= (a & 0xf) < (b & 0xf) + bin ? F_AF : 0;
	f |= ref_sign(a, S) != ref_sign(b, S) && ref_sign(*r, S) != ref_sign(a, S) ? F_OF : 0;
	return f;
}

/* Jcc conditions as the SDM's table of condition codes states them */
static bool ref_cond(u32 f, unsigned cc)
{
	bool cf = f & F_CF, zf = f & F_ZF, sf = f & F_SF, of = f & F_OF, pf = f & F_PF, r;
	switch (cc >> 1) {
	case 0: r = of; break;
	case 1: r = cf; break;
	case 2: r = zf; break;
	case 3: r = cf || zf; break;
	case 4: r = sf; break;
	case 5: r = pf; break;
	case 6: r = sf != of; break;
	default: r = zf || sf != of; break;
	}
	return (cc & 1) ? !r : r;
}

/* ---- checks ---- */

enum aop { OP_ADD, OP_ADC, OP_SUB, OP_SBB, OP_AND, OP_OR, OP_XOR, OP_N };
static const char *const aop_name[OP_N] = { "add", "adc", "sub", "sbb", "and", "or", "xor" };

/* Run op the way the handlers in cpu/ops/alu.c do and return the result. */
static u32 lazy_op(struct cpu *c, enum aop op, u32 a, u32 b, u32 cin, unsigned S)
{
	switch (op) {
	case OP_ADD: return flags_add(c, a, b, a + b, S);
	case OP_ADC: return flags_add(c, a, b, a + b + cin, S);
	case OP_SUB: return flags_sub(c, a, b, a - b, S);
	case OP_SBB: return flags_sub(c, a, b, a - b - cin, S);
	case OP_AND: return flags_logic(c, a & b, S);
	case OP_OR: return flags_logic(c, a | b, S);
	default: return flags_logic(c, a ^ b, S);
	}
}

static u32 ref_op(enum aop op, u32 a, u32 b, u32 cin, unsigned S, u32 *r)
{
	switch (op) {
	case OP_ADD: return ref_add(a, b, 0, S, r);
	case OP_ADC: return ref_add(a, b, cin, S, r);
	case OP_SUB: return ref_sub(a, b, 0, S, r);
	case OP_SBB: return ref_sub(a, b, cin, S, r);
	case OP_AND: *r = a & b; break;
	case OP_OR: *r = a | b; break;
	default: *r = a ^ b; break;
	}
	return ref_szp(*r, S); /* logic: CF = OF = 0 */
}

static void check_op(struct cpu *c, enum aop op, u32 a, u32 b, u32 cin, unsigned S)
{
	a &= ref_mask(S);
	b &= ref_mask(S);
	u32 want_r, want_f = ref_op(op, a, b, cin, S, &want_r);
	u32 got_r = lazy_op(c, op, a, b, cin, S) & ref_mask(S);
	/* AF is undefined after logic instructions (SDM Vol. 2, AND/OR/XOR) */
	u32 mask = op >= OP_AND ? F_ARITH & ~F_AF : F_ARITH;
	u32 got_f = cpu_get_eflags(c) & mask;
	ck_assert_msg(got_r == want_r, "%s%u 0x%x, 0x%x (c%u): result 0x%x, want 0x%x", aop_name[op], 8 * S,
		      a, b, cin, got_r, want_r);
	ck_assert_msg(got_f == (want_f & mask), "%s%u 0x%x, 0x%x (c%u): flags 0x%03x, want 0x%03x", aop_name[op],
		      8 * S, a, b, cin, got_f, want_f & mask);
	for (unsigned cc = 0; cc < 16; cc++)
		ck_assert_msg(cpu_cond(c, cc) == ref_cond(want_f, cc), "%s%u 0x%x, 0x%x: cond %u", aop_name[op],
			      8 * S, a, b, cc);
}

/* The loop index names the operation. */
START_TEST(test_arith_edges)
{
	struct cpu *c = new_cpu();
	for (unsigned s = 0; s < 3; s++)
		for (unsigned i = 0; i < N_EDGES; i++)
			for (unsigned j = 0; j < N_EDGES; j++)
				for (u32 cin = 0; cin < 2; cin++)
					check_op(c, (enum aop)_i, edges[i], edges[j], cin, sizes[s]);
	free(c);
}
END_TEST

START_TEST(test_arith_random)
{
	struct cpu *c = new_cpu();
	for (unsigned k = 0; k < N_RANDOM; k++) {
		u32 a = rnd(), b = rnd(), cin = rnd() & 1;
		/* small operands reach the carry and zero cases more often */
		if (k & 1)
			b = a + (rnd() & 3) - 2;
		check_op(c, (enum aop)_i, a, b, cin, sizes[k % 3]);
	}
	free(c);
}
END_TEST

/* A flag reader must not depend on what a previous writer left behind:
 * each writer replaces all the state. */
START_TEST(test_writers_overwrite)
{
	struct cpu *c = new_cpu();
	for (unsigned f = 0; f < 64; f++) {
		for (unsigned op = 0; op < OP_N; op++) {
			cpu_set_arith_flags(c, F_ARITH); /* every delta bit set */
			check_op(c, (enum aop)op, 0x80 + f, 0x7f * f, f & 1, sizes[f % 3]);
		}
	}
	free(c);
}
END_TEST

static u32 flags_of_index(unsigned i)
{
	static const u32 bit[6] = { F_CF, F_PF, F_AF, F_ZF, F_SF, F_OF };
	u32 f = 0;
	for (unsigned k = 0; k < 6; k++)
		if (i >> k & 1)
			f |= bit[k];
	return f;
}

/* CF/OF replacement keeps ZF SF PF AF (rotates, CLC, STC, CMC), also
 * after cpu_set_arith_flags() put them in its delta-bit form. */
START_TEST(test_set_cf_of)
{
	struct cpu *c = new_cpu();
	for (unsigned k = 0; k < N_RANDOM; k++) {
		u32 a = rnd() & 0xff, b = rnd() & 0xff, cf = rnd() & 1, of = rnd() & 1, r;
		u32 f = ref_add(a, b, 0, 1, &r);
		flags_add(c, a, b, a + b, 1);
		flags_set_cf_of(c, cf, of);
		u32 want = (f & ~(F_CF | F_OF)) | (cf ? F_CF : 0) | (of ? F_OF : 0);
		ck_assert_msg((cpu_get_eflags(c) & F_ARITH) == want, "add 0x%x, 0x%x then cf=%u of=%u: 0x%03x, want 0x%03x",
			      a, b, cf, of, cpu_get_eflags(c) & F_ARITH, want);
	}
	for (u32 f = 0; f < 64; f++)
		for (u32 cf = 0; cf < 2; cf++)
			for (u32 of = 0; of < 2; of++) {
				u32 fl = flags_of_index(f);
				cpu_set_arith_flags(c, fl);
				flags_set_cf_of(c, cf, of);
				u32 want = (fl & ~(F_CF | F_OF)) | (cf ? F_CF : 0) | (of ? F_OF : 0);
				ck_assert_uint_eq(cpu_get_eflags(c) & F_ARITH, want);
			}
	free(c);
}
END_TEST

/* Shifts: ZF SF PF from the result, CF and OF as given. */
START_TEST(test_result_cf_of)
{
	struct cpu *c = new_cpu();
	for (unsigned k = 0; k < N_RANDOM; k++) {
		unsigned S = sizes[k % 3];
		u32 r = rnd() & ref_mask(S), cf = rnd() & 1, of = rnd() & 1;
		if (k % 7 == 0)
			r = 0;
		cpu_set_arith_flags(c, F_ARITH);
		flags_result_cf_of(c, r, S, cf, of);
		u32 want = ref_szp(r, S) | (cf ? F_CF : 0) | (of ? F_OF : 0);
		u32 mask = F_ARITH & ~F_AF; /* AF is undefined after shifts */
		ck_assert_msg((cpu_get_eflags(c) & mask) == want, "r=0x%x S=%u cf=%u of=%u: 0x%03x, want 0x%03x", r, S,
			      cf, of, cpu_get_eflags(c) & mask, want);
	}
	free(c);
}
END_TEST

/* Every combination comes back, including ones no arithmetic produces
 * (ZF with SF, ZF without PF), as POPF and SAHF can set them. */
START_TEST(test_set_arith_roundtrip)
{
	struct cpu *c = new_cpu();
	for (unsigned i = 0; i < 64; i++) {
		u32 f = flags_of_index(i);
		c->eflags = F_IF | F_DF;
		cpu_set_arith_flags(c, f);
		ck_assert_msg(cpu_get_eflags(c) == (f | F_IF | F_DF | 2u), "set 0x%03x, got 0x%x", f, cpu_get_eflags(c));
		ck_assert_uint_eq(cpu_cf(c), !!(f & F_CF));
		ck_assert_uint_eq(cpu_pf(c), !!(f & F_PF));
		ck_assert_uint_eq(cpu_af(c), !!(f & F_AF));
		ck_assert_uint_eq(cpu_zf(c), !!(f & F_ZF));
		ck_assert_uint_eq(cpu_sf(c), !!(f & F_SF));
		ck_assert_uint_eq(cpu_of(c), !!(f & F_OF));
	}
	free(c);
}
END_TEST

START_TEST(test_cond_all_flags)
{
	struct cpu *c = new_cpu();
	for (unsigned i = 0; i < 64; i++) {
		u32 f = flags_of_index(i);
		cpu_set_arith_flags(c, f);
		for (unsigned cc = 0; cc < 16; cc++)
			ck_assert_msg(cpu_cond(c, cc) == ref_cond(f, cc), "flags 0x%03x cond %u: %u", f, cc,
				      cpu_cond(c, cc));
	}
	free(c);
}
END_TEST

/* cpu_set_eflags writes only the bits under mask; reserved bits read as
 * the SDM fixes them (bit 1 one, bits 3, 5, 15 and 22-31 zero). */
START_TEST(test_set_eflags_mask)
{
	struct cpu *c = new_cpu();
	cpu_set_eflags(c, 0xffffffffu, 0xffffffffu);
	ck_assert_uint_eq(cpu_get_eflags(c), 0x003f7fd7u);
	ck_assert_msg((c->eflags & (F_ARITH | 2u)) == 0, "arithmetic bits belong to the lazy state");
	cpu_set_eflags(c, 0, 0xffffffffu);
	ck_assert_uint_eq(cpu_get_eflags(c), 2u);

	cpu_set_arith_flags(c, F_ZF | F_SF);
	cpu_set_eflags(c, F_DF | F_CF, F_DF);
	ck_assert_uint_eq(cpu_get_eflags(c), F_ZF | F_SF | F_DF | 2u);
	cpu_set_eflags(c, F_CF | F_IF, F_CF | F_ZF);
	ck_assert_uint_eq(cpu_get_eflags(c), F_CF | F_SF | F_DF | 2u);
	cpu_set_eflags(c, F_IOPL | F_IF, F_IF);
	ck_assert_uint_eq(cpu_get_eflags(c), F_CF | F_SF | F_DF | F_IF | 2u);
	cpu_set_eflags(c, 0x1000, F_IOPL);
	ck_assert_uint_eq(cpu_get_eflags(c) & F_IOPL, 0x1000);
	ck_assert_uint_eq(cpu_get_eflags(c) & ~F_IOPL, F_CF | F_SF | F_DF | F_IF | 2u);

	/* arithmetic flags that came from an operation survive a mask without them */
	flags_sub(c, 0, 1, 0xffffffffu, 4); /* CF SF AF PF */
	u32 arith = cpu_get_eflags(c) & F_ARITH;
	cpu_set_eflags(c, F_AC, F_AC | F_TF);
	ck_assert_uint_eq(cpu_get_eflags(c) & F_ARITH, arith);
	ck_assert_uint_eq(cpu_get_eflags(c) & (F_AC | F_TF), F_AC);
	free(c);
}
END_TEST

Suite *flags_suite(void)
{
	Suite *s = suite_create("flags");
	TCase *tc = tcase_create("arith");
	tcase_add_loop_test(tc, test_arith_edges, 0, OP_N);
	tcase_add_loop_test(tc, test_arith_random, 0, OP_N);
	tcase_add_test(tc, test_writers_overwrite);
	suite_add_tcase(s, tc);
	tc = tcase_create("state");
	tcase_add_test(tc, test_set_cf_of);
	tcase_add_test(tc, test_result_cf_of);
	tcase_add_test(tc, test_set_arith_roundtrip);
	tcase_add_test(tc, test_cond_all_flags);
	tcase_add_test(tc, test_set_eflags_mask);
	suite_add_tcase(s, tc);
	return s;
}
