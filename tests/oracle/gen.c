/* gen.c - the oracle's case generator.
 *
 * A case is one instruction (or a pair, see gen_pair), a full register and
 * flag state, a data buffer and where the code goes. Every case comes from
 * its own random stream, seeded by the run's seed and the case number, so
 * any single case can be regenerated alone.
 *
 * Memory operands address the data buffer (oracle.h): the generator picks
 * an addressing form and loads its base and index registers so that the
 * address comes out inside the buffer. Both sides put the buffer at the
 * same address, so those register values are the same on both sides.
 * ESP never takes part: each side has its own stack.
 *
 * Each form also says which flags to compare: those the SDM (Vol. 2)
 * defines after the instruction, plus those it leaves unchanged. Where AMD
 * and Intel differ, it is on flags the SDM leaves undefined. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "orc_common.h"

enum { EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI };
#define BIT(r) (1u << (r))

struct gen {
	uint64_t rng;
	struct tcase *tc;
	/* Generating the second instruction of a pair: its operands are what
	 * the first leaves, so no value is written and no operand needs one
	 * (no memory, no CL counts). */
	int second;
	uint32_t reads; /* flags the instruction reads */
};

/* ---- random numbers (orc_common.h) ---- */
static uint64_t next64(struct gen *g) { return orc_next64(&g->rng); }
static uint32_t rnd32(struct gen *g) { return orc_rnd32(&g->rng); }
static uint32_t below(struct gen *g, uint32_t n) { return orc_below(&g->rng, n); }
static int chance(struct gen *g, unsigned one_in) { return below(g, one_in) == 0; }

/* ---- values ---- */
static uint32_t size_mask(unsigned size) { return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1; }

static uint32_t sext(uint32_t v, unsigned size)
{
	unsigned sh = 32 - 8 * size;
	return (uint32_t)((int32_t)(v << sh) >> sh);
}

/* An operand value: the edges of the size's signed and unsigned ranges a
 * quarter of the time, small magnitudes sometimes, random bits otherwise. */
static uint32_t opval(struct gen *g, unsigned size)
{
	uint32_t top = 1u << (8 * size - 1), umax = size_mask(size);
	const uint32_t edge[8] = { 0, 1, 2, top - 1, top, top + 1, umax, umax - 1 };
	switch (below(g, 8)) {
	case 0:
	case 1:
		return edge[below(g, 8)];
	case 2:
		return (below(g, 256) - 128) & umax;
	default:
		return rnd32(g) & umax;
	}
}

static unsigned pick_size(struct gen *g)
{
	static const unsigned sizes[4] = { 1, 2, 4, 4 };
	return sizes[below(g, 4)];
}

static unsigned pick_size_v(struct gen *g) { return chance(g, 2) ? 2 : 4; }

/* ---- code bytes ---- */
static void emit(struct gen *g, uint32_t b)
{
	struct orc_in *in = &g->tc->in;
	if (in->code_len >= ORC_CODE_MAX - ORC_TAIL_MAX) {
		fprintf(stderr, "oracle: generated code too long (form %s)\n", gen_forms[g->tc->form].name);
		abort();
	}
	in->code[in->code_len++] = (uint8_t)b;
}

static void emit_n(struct gen *g, uint32_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		emit(g, v >> (8 * i));
}

static void prefix66(struct gen *g, unsigned size)
{
	if (size == 2)
		emit(g, 0x66);
}

/* LOCK on a memory destination, now and then: it must not change results. */
static void maybe_lock(struct gen *g, int mem)
{
	if (mem && chance(g, 4))
		emit(g, 0xf0);
}

/* ---- registers ---- */
static unsigned gpr_of(unsigned field, unsigned size) { return size == 1 ? field & 3 : field; }

static uint32_t get_reg(struct gen *g, unsigned field, unsigned size)
{
	uint32_t r = g->tc->in.s.r[gpr_of(field, size)];
	return (size == 1 && field >= 4 ? r >> 8 : r) & size_mask(size);
}

/* Write the operand-sized part only: the rest of the register stays random. */
static void set_reg(struct gen *g, unsigned field, unsigned size, uint32_t v)
{
	uint32_t *r = &g->tc->in.s.r[gpr_of(field, size)];
	if (g->second)
		return;
	unsigned shift = size == 1 && field >= 4 ? 8 : 0;
	uint32_t m = size_mask(size) << shift;
	*r = (*r & ~m) | ((v << shift) & m);
}

/* A ModRM register field whose GPR is outside avoid, never ESP. */
static unsigned pick_reg(struct gen *g, unsigned size, uint32_t avoid)
{
	for (;;) {
		unsigned f = below(g, 8);
		if ((size > 1 && f == ESP) || (avoid & BIT(gpr_of(f, size))))
			continue;
		return f;
	}
}

static unsigned pick_gpr(struct gen *g, uint32_t avoid) { return pick_reg(g, 4, avoid); }

/* ---- the data buffer ---- */
static void mem_put(struct gen *g, unsigned off, uint32_t v, unsigned n)
{
	if (g->second)
		return;
	for (unsigned i = 0; i < n; i++)
		g->tc->in.s.data[off + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t mem_get(struct gen *g, unsigned off, unsigned n)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint32_t)g->tc->in.s.data[off + i] << (8 * i);
	return v;
}

/* An operand offset that leaves 64 bytes either side for wide accesses. */
static unsigned pick_off(struct gen *g)
{
	if (chance(g, 4)) /* at or just before the page boundary in the middle */
		return ORC_DATA_SIZE / 2 - 8 + below(g, 9);
	return 64 + below(g, ORC_DATA_SIZE - 128);
}

static unsigned free_gprs(uint32_t avoid) { return (unsigned)__builtin_popcount(~avoid & 0xffu); }

static void emit_disp(struct gen *g, unsigned mod, uint32_t disp)
{
	if (mod == 1)
		emit(g, disp);
	else
		emit_n(g, disp, 4);
}

/* mod 0 without displacement (not with EBP: that encoding means disp32),
 * mod 1 with disp8, mod 2 with a random disp32 so that the sum wraps. */
static unsigned pick_mod(struct gen *g, unsigned base, uint32_t *disp)
{
	unsigned mod = below(g, 3);
	if (mod == 0 && base == EBP)
		mod = 1;
	*disp = mod == 0 ? 0 : mod == 1 ? sext(below(g, 256), 1) : rnd32(g);
	return mod;
}

/* [base + disp] */
static void emit_mem_base(struct gen *g, unsigned regf, uint32_t target, uint32_t avoid)
{
	unsigned b = pick_gpr(g, avoid);
	uint32_t disp;
	unsigned mod = pick_mod(g, b, &disp);
	g->tc->in.s.r[b] = target - disp;
	emit(g, mod << 6 | regf << 3 | b);
	if (mod)
		emit_disp(g, mod, disp);
}

/* [base + index * scale + disp], [index * scale + disp32] or, with
 * index field 4, [base + disp] through a SIB byte. */
static void emit_mem_sib(struct gen *g, unsigned regf, uint32_t target, uint32_t avoid)
{
	uint32_t *r = g->tc->in.s.r;
	unsigned scale = below(g, 4), idx = ESP, base;
	if (!chance(g, 6)) {
		idx = pick_gpr(g, avoid);
		r[idx] = chance(g, 2) ? below(g, 64) : rnd32(g);
	}
	uint32_t scaled = idx == ESP ? 0 : r[idx] << scale;
	if (chance(g, 6)) { /* no base: mod 0, base field 5, disp32 */
		emit(g, regf << 3 | 4);
		emit(g, scale << 6 | idx << 3 | 5);
		emit_n(g, target - scaled, 4);
		return;
	}
	base = pick_gpr(g, avoid | (idx == ESP ? 0 : BIT(idx)));
	uint32_t disp;
	unsigned mod = pick_mod(g, base, &disp);
	r[base] = target - scaled - disp;
	emit(g, mod << 6 | regf << 3 | 4);
	emit(g, scale << 6 | idx << 3 | base);
	if (mod)
		emit_disp(g, mod, disp);
}

/* ModRM (reg field regf), SIB and displacement for a memory operand at
 * data offset off. Base and index registers come from outside avoid. */
static void emit_mem(struct gen *g, unsigned regf, unsigned off, uint32_t avoid)
{
	uint32_t target = ORC_DATA_BASE + off;
	avoid |= BIT(ESP);
	unsigned n = free_gprs(avoid), mode = n >= 2 ? below(g, 4) : n == 1 ? below(g, 2) : 0;
	if (mode == 0) { /* [disp32] */
		emit(g, regf << 3 | 5);
		emit_n(g, target, 4);
	} else if (mode == 1) {
		emit_mem_base(g, regf, target, avoid);
	} else {
		emit_mem_sib(g, regf, target, avoid);
	}
}

/* ---- the r/m operand ---- */
struct eop {
	int mem;
	unsigned field; /* register field when !mem */
	unsigned off;   /* data offset when mem */
	unsigned size;
};

/* Emit the ModRM for an r/m operand (register or memory, per mem) with
 * reg field regf and give it a fresh value. For memory, avoid names the
 * registers the instruction reads otherwise; a register operand may
 * coincide with them unless they are in avoid_reg. */
static struct eop emit_E(struct gen *g, unsigned regf, unsigned size, int mem, uint32_t avoid, uint32_t avoid_reg)
{
	struct eop e = { mem, 0, 0, size };
	if (mem) {
		e.off = pick_off(g);
		mem_put(g, e.off, opval(g, size), size);
		emit_mem(g, regf, e.off, avoid);
	} else {
		e.field = pick_reg(g, size, avoid_reg);
		set_reg(g, e.field, size, opval(g, size));
		emit(g, 0xc0 | regf << 3 | e.field);
	}
	return e;
}

static uint32_t get_E(struct gen *g, const struct eop *e)
{
	return e->mem ? mem_get(g, e->off, e->size) : get_reg(g, e->field, e->size);
}

static void set_E(struct gen *g, const struct eop *e, uint32_t v)
{
	if (e->mem)
		mem_put(g, e->off, v, e->size);
	else
		set_reg(g, e->field, e->size, v);
}

static int want_mem(struct gen *g) { return !g->second && chance(g, 3); }

/* G in the reg field with a fresh value, then E: the common E,G / G,E shape
 * after the opcode bytes. Returns E; *gf gets G's field. */
static struct eop emit_GE(struct gen *g, unsigned size, unsigned esize, int mem, unsigned *gf)
{
	*gf = pick_reg(g, size, 0);
	set_reg(g, *gf, size, opval(g, size));
	return emit_E(g, *gf, esize, mem, BIT(gpr_of(*gf, size)), 0);
}

static void set_fmask(struct gen *g, uint32_t m) { g->tc->fmask = m; }

/* ---- ADD OR ADC SBB AND SUB XOR CMP, TEST ---- */
enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

/* logic results define OF = CF = 0 but leave AF undefined */
static uint32_t alu_fmask(unsigned op)
{
	return op == ALU_OR || op == ALU_AND || op == ALU_XOR ? OF_ARITH & ~OF_AF : OF_ARITH;
}

static void gen_alu_rm(struct gen *g, unsigned op, unsigned size)
{
	unsigned dir = below(g, 2), gf; /* 0: E,G  1: G,E */
	int mem = want_mem(g);
	if (dir == 0 && op != ALU_CMP)
		maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, op * 8 + dir * 2 + (size > 1));
	emit_GE(g, size, size, mem, &gf);
}

/* 80 /op ib, 81 /op iz, 83 /op ib sign-extended, and 82 (80's alias) */
static void gen_alu_grp(struct gen *g, unsigned op, unsigned size)
{
	int mem = want_mem(g);
	unsigned opc = size == 1 ? (chance(g, 8) ? 0x82 : 0x80) : chance(g, 2) ? 0x83 : 0x81;
	if (op != ALU_CMP)
		maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, opc);
	emit_E(g, op, size, mem, 0, 0);
	if (opc == 0x81)
		emit_n(g, opval(g, size), size);
	else
		emit(g, opval(g, 1));
}

static void gen_alu(struct gen *g, unsigned op)
{
	unsigned size = pick_size(g);
	set_fmask(g, alu_fmask(op));
	if (op == ALU_ADC || op == ALU_SBB)
		g->reads = OF_CF;
	switch (below(g, 3)) {
	case 0:
		gen_alu_rm(g, op, size);
		break;
	case 1: /* AL/AX/EAX, imm */
		prefix66(g, size);
		emit(g, op * 8 + 4 + (size > 1));
		set_reg(g, EAX, size, opval(g, size));
		emit_n(g, opval(g, size), size);
		break;
	default:
		gen_alu_grp(g, op, size);
		break;
	}
}

static void gen_test(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g), gf;
	int mem = want_mem(g);
	(void)arg;
	set_fmask(g, OF_ARITH & ~OF_AF);
	prefix66(g, size);
	switch (below(g, 3)) {
	case 0: /* 84/85 E,G */
		emit(g, 0x84 + (size > 1));
		emit_GE(g, size, size, mem, &gf);
		break;
	case 1: /* A8/A9 accumulator, imm */
		emit(g, 0xa8 + (size > 1));
		set_reg(g, EAX, size, opval(g, size));
		emit_n(g, opval(g, size), size);
		break;
	default: /* F6/F7 /0 imm */
		emit(g, 0xf6 + (size > 1));
		emit_E(g, 0, size, mem, 0, 0);
		emit_n(g, opval(g, size), size);
		break;
	}
}

/* ---- INC DEC NOT NEG ---- */
static void gen_incdec(struct gen *g, unsigned dec)
{
	unsigned size = pick_size(g);
	int mem = want_mem(g);
	if (size > 1 && chance(g, 3)) { /* 40+r / 48+r */
		unsigned r = pick_reg(g, size, 0);
		prefix66(g, size);
		emit(g, 0x40 + 8 * dec + r);
		set_reg(g, r, size, opval(g, size));
		return;
	}
	maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0xfe + (size > 1));
	emit_E(g, dec, size, mem, 0, 0);
}

static void gen_unary(struct gen *g, unsigned op) /* F6/F7 /2 NOT, /3 NEG */
{
	unsigned size = pick_size(g);
	int mem = want_mem(g);
	maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0xf6 + (size > 1));
	emit_E(g, op, size, mem, 0, 0);
}

/* ---- shifts and rotates ---- */
enum { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL6, SH_SAR };

static unsigned pick_count(struct gen *g)
{
	static const uint8_t edge[] = { 0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63, 64, 255 };
	return chance(g, 2) ? edge[below(g, sizeof(edge))] : below(g, 256);
}

/* SDM Vol. 2B: a masked count of 0 changes no flag. Rotates: CF set, OF
 * only for count 1, SF ZF AF PF unchanged. Shifts: SF ZF PF from the
 * result, AF undefined, OF only for count 1, and for SHL/SHR CF undefined
 * once the count reaches the operand width. */
static uint32_t shift_fmask(unsigned op, unsigned size, unsigned count)
{
	unsigned n = count & 31;
	uint32_t m;
	if (n == 0)
		return OF_ARITH;
	if (op <= SH_RCR) {
		m = OF_ARITH & ~OF_OF;
	} else {
		m = OF_SF | OF_ZF | OF_PF;
		if (op == SH_SAR || n < 8 * size)
			m |= OF_CF;
	}
	return n == 1 ? m | OF_OF : m;
}

static void gen_shift(struct gen *g, unsigned op)
{
	static const uint8_t opc[3] = { 0xd0, 0xd2, 0xc0 }; /* by 1, by CL, by imm8 */
	unsigned size = pick_size(g), kind = below(g, 3), count = 1;
	int mem = want_mem(g);
	if (kind == 1 && g->second)
		kind = 2; /* CL is whatever the first instruction left */
	if (op == SH_RCL || op == SH_RCR)
		g->reads = OF_CF;
	prefix66(g, size);
	emit(g, opc[kind] + (size > 1));
	if (kind == 1)
		set_reg(g, ECX, 1, pick_count(g));
	/* /6 is an alias of SHL (/4) that both vendors decode */
	unsigned regf = op == SH_SHL && chance(g, 8) ? SH_SAL6 : op;
	/* a register operand may be CL itself: the count is read back below */
	emit_E(g, regf, size, mem, kind == 1 ? BIT(ECX) : 0, 0);
	if (kind == 1)
		count = get_reg(g, ECX, 1);
	if (kind == 2) {
		count = pick_count(g);
		emit(g, count);
	}
	set_fmask(g, shift_fmask(op, size, count));
}

/* SHLD/SHRD: for 16-bit operands a count above 16 gives an undefined
 * result (SDM Vol. 2B), so such counts are not generated. */
static unsigned pick_shxd_count(struct gen *g, unsigned size)
{
	for (;;) {
		unsigned c = pick_count(g);
		if (size == 4 || (c & 31) <= 16)
			return c;
	}
}

static void gen_shxd(struct gen *g, unsigned right)
{
	unsigned size = pick_size_v(g), cl = !g->second && below(g, 2), count = pick_shxd_count(g, size);
	int mem = want_mem(g);
	uint32_t keep = cl ? BIT(ECX) : 0;
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, (right ? 0xac : 0xa4) + cl);
	unsigned gf = pick_reg(g, size, keep);
	set_reg(g, gf, size, opval(g, size));
	if (cl)
		set_reg(g, ECX, 1, count);
	emit_E(g, gf, size, mem, keep | BIT(gf), keep);
	if (!cl)
		emit(g, count);
	unsigned n = count & 31;
	set_fmask(g, n == 0 ? OF_ARITH : (OF_SF | OF_ZF | OF_PF | OF_CF | (n == 1 ? OF_OF : 0)));
}

/* ---- multiply and divide ---- */
static void gen_mul1(struct gen *g, unsigned op) /* F6/F7 /4 MUL, /5 IMUL */
{
	unsigned size = pick_size(g);
	int mem = want_mem(g);
	prefix66(g, size);
	emit(g, 0xf6 + (size > 1));
	set_reg(g, EAX, size, opval(g, size));
	emit_E(g, op, size, mem, BIT(EAX), 0);
	set_fmask(g, OF_CF | OF_OF);
}

static void gen_imul2(struct gen *g, unsigned arg) /* 0F AF */
{
	unsigned size = pick_size_v(g), gf;
	(void)arg;
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, 0xaf);
	emit_GE(g, size, size, want_mem(g), &gf);
	set_fmask(g, OF_CF | OF_OF);
}

static void gen_imul3(struct gen *g, unsigned arg) /* 69 iz, 6B ib */
{
	unsigned size = pick_size_v(g), gf, ib = below(g, 2);
	(void)arg;
	prefix66(g, size);
	emit(g, ib ? 0x6b : 0x69);
	emit_GE(g, size, size, want_mem(g), &gf);
	emit_n(g, opval(g, ib ? 1 : size), ib ? 1 : size);
	set_fmask(g, OF_CF | OF_OF);
}

/* A quotient for the dividend: mostly in range, sometimes just outside it
 * (one past either end), where #DE starts. */
static int64_t pick_quotient(struct gen *g, unsigned sgn, unsigned size)
{
	int64_t lim = (int64_t)1 << (8 * size - (sgn ? 1 : 0));
	if (chance(g, 8))
		return sgn && chance(g, 2) ? -lim - 1 : lim;
	return sgn ? (int32_t)sext(opval(g, size), size) : (int64_t)opval(g, size);
}

/* A dividend giving a chosen quotient and a random remainder; now and then
 * (and for a zero divisor) anything at all, so that #DE comes up too. */
static uint64_t make_dividend(struct gen *g, unsigned sgn, unsigned size, uint32_t d)
{
	unsigned bits = 8 * size;
	uint64_t m2 = bits == 32 ? ~0ull : (1ull << (2 * bits)) - 1;
	if (d == 0 || chance(g, 16))
		return next64(g) & m2;
	int64_t q = pick_quotient(g, sgn, size);
	if (!sgn)
		return ((uint64_t)q * d + rnd32(g) % d) & m2;
	int64_t sd = (int32_t)sext(d, size);
	int64_t mag = sd < 0 ? -sd : sd, r = (int64_t)(rnd32(g) % (uint64_t)mag);
	int64_t prod = q * sd;
	if (prod < 0 || (prod == 0 && chance(g, 2)))
		r = -r;
	return (uint64_t)(prod + r) & m2;
}

static void gen_div(struct gen *g, unsigned sgn) /* F6/F7 /6 DIV, /7 IDIV */
{
	unsigned size = pick_size(g);
	int mem = want_mem(g);
	uint32_t implicit = BIT(EAX) | (size > 1 ? BIT(EDX) : 0);
	prefix66(g, size);
	emit(g, 0xf6 + (size > 1));
	struct eop e = emit_E(g, 6 + sgn, size, mem, implicit, implicit);
	uint64_t n = make_dividend(g, sgn, size, get_E(g, &e));
	if (size == 1) {
		set_reg(g, EAX, 2, (uint32_t)n);
	} else {
		set_reg(g, EAX, size, (uint32_t)n);
		set_reg(g, EDX, size, (uint32_t)(n >> (8 * size)));
	}
	set_fmask(g, 0); /* all six are undefined */
}

/* ---- BT BTS BTR BTC, BSF BSR, BSWAP ---- */

/* A register bit offset for a memory operand at off: signed, reaching
 * well outside the operand but not outside the buffer. */
static uint32_t bt_mem_offset(struct gen *g, unsigned size, unsigned off)
{
	int lo = -8 * (int)(off - 8), hi = 8 * (int)(ORC_DATA_SIZE - off - 8);
	if (chance(g, 4))
		return below(g, 8 * size);
	return (uint32_t)(lo + (int)below(g, (uint32_t)(hi - lo)));
}

static void gen_bt(struct gen *g, unsigned op) /* 0 BT 1 BTS 2 BTR 3 BTC */
{
	unsigned size = pick_size_v(g), gf;
	int mem = want_mem(g);
	set_fmask(g, OF_CF | OF_ZF); /* ZF unchanged, OF SF AF PF undefined */
	if (op)
		maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0x0f);
	if (chance(g, 3)) { /* 0F BA /4+op ib: the offset is taken modulo the width */
		emit(g, 0xba);
		emit_E(g, 4 + op, size, mem, 0, 0);
		emit(g, below(g, 256));
		return;
	}
	emit(g, 0xa3 + 8 * op);
	struct eop e = emit_GE(g, size, size, mem, &gf);
	if (mem)
		set_reg(g, gf, size, bt_mem_offset(g, size, e.off));
}

static uint32_t bsf_source(struct gen *g, unsigned size)
{
	switch (below(g, 4)) {
	case 0:
		return 0;
	case 1:
		return (1u << below(g, 8 * size)) & size_mask(size);
	default:
		return opval(g, size);
	}
}

/* With a zero source only ZF is defined; the destination is compared too:
 * AMD documents it unchanged and Intel processors leave it so. */
static void gen_bsf(struct gen *g, unsigned rev) /* 0F BC BSF, 0F BD BSR */
{
	unsigned size = pick_size_v(g), gf;
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, 0xbc + rev);
	struct eop e = emit_GE(g, size, size, want_mem(g), &gf);
	set_E(g, &e, bsf_source(g, size));
	set_fmask(g, OF_ZF);
}

static void gen_bswap(struct gen *g, unsigned arg) /* 0F C8+r, 32-bit only */
{
	(void)arg;
	emit(g, 0x0f);
	emit(g, 0xc8 + pick_reg(g, 4, 0));
}

/* ---- XADD CMPXCHG CMPXCHG8B ---- */
static void gen_xadd(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g), gf;
	int mem = want_mem(g);
	(void)arg;
	maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, 0xc0 + (size > 1));
	emit_GE(g, size, size, mem, &gf);
}

/* Half the cases make the accumulator equal to the destination. */
static void gen_cmpxchg(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g);
	int mem = want_mem(g);
	(void)arg;
	maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, 0xb0 + (size > 1));
	unsigned gf = pick_reg(g, size, 0);
	set_reg(g, gf, size, opval(g, size));
	set_reg(g, EAX, size, opval(g, size));
	struct eop e = emit_E(g, gf, size, mem, BIT(gpr_of(gf, size)) | BIT(EAX), 0);
	if (chance(g, 2))
		set_reg(g, EAX, size, get_E(g, &e));
}

static void gen_cmpxchg8b(struct gen *g, unsigned arg) /* 0F C7 /1 */
{
	unsigned off = pick_off(g);
	uint32_t *r = g->tc->in.s.r;
	(void)arg;
	maybe_lock(g, 1);
	emit(g, 0x0f);
	emit(g, 0xc7);
	emit_mem(g, 1, off, BIT(EAX) | BIT(ECX) | BIT(EDX) | BIT(EBX));
	if (chance(g, 2)) {
		mem_put(g, off, r[EAX], 4);
		mem_put(g, off + 4, r[EDX], 4);
	}
}

/* ---- BCD ---- */
static uint32_t bcd_byte(struct gen *g)
{
	static const uint8_t edge[] = { 0x00, 0x09, 0x0a, 0x0f, 0x10, 0x19, 0x1a, 0x60, 0x90,
					0x99, 0x9a, 0x9f, 0xa0, 0xf9, 0xfa, 0xff };
	return chance(g, 2) ? edge[below(g, sizeof(edge))] : below(g, 256);
}

/* DAA DAS: OF undefined. AAA AAS: only AF and CF defined. */
static void gen_bcd(struct gen *g, unsigned op)
{
	static const uint8_t opc[4] = { 0x27, 0x2f, 0x37, 0x3f };
	set_reg(g, EAX, 1, bcd_byte(g));
	set_reg(g, 4, 1, bcd_byte(g)); /* AH */
	emit(g, opc[op]);
	g->reads = op < 2 ? OF_AF | OF_CF : OF_AF;
	set_fmask(g, op < 2 ? OF_ARITH & ~OF_OF : OF_AF | OF_CF);
}

/* AAM/AAD imm8: SF ZF PF defined. AAM with 0 raises #DE. */
static void gen_aam(struct gen *g, unsigned aad)
{
	set_reg(g, EAX, 1, bcd_byte(g));
	set_reg(g, 4, 1, bcd_byte(g));
	emit(g, 0xd4 + aad);
	emit(g, chance(g, 2) ? 10 : chance(g, 16) ? 0 : below(g, 256));
	set_fmask(g, OF_SF | OF_ZF | OF_PF);
}

/* ---- CBW CWDE / CWD CDQ, SETcc CMOVcc, LAHF SAHF ---- */
static void gen_cbw(struct gen *g, unsigned cwd) /* 98 or 99, 66 for the 16-bit form */
{
	unsigned size = pick_size_v(g);
	prefix66(g, size);
	emit(g, 0x98 + cwd);
	/* edges of the half (CBW/CWDE) or whole (CWD/CDQ) register read */
	set_reg(g, EAX, size, opval(g, cwd ? size : size / 2));
}

/* The flags condition cc (as in Jcc) reads. */
static uint32_t cc_reads(unsigned cc)
{
	static const uint32_t r[8] = { OF_OF, OF_CF, OF_ZF, OF_CF | OF_ZF,
				       OF_SF, OF_PF, OF_SF | OF_OF, OF_ZF | OF_SF | OF_OF };
	return r[(cc >> 1) & 7];
}

static unsigned pick_cc(struct gen *g)
{
	unsigned cc = below(g, 16);
	g->reads = cc_reads(cc);
	return cc;
}

static void gen_setcc(struct gen *g, unsigned arg)
{
	(void)arg;
	emit(g, 0x0f);
	emit(g, 0x90 + pick_cc(g));
	emit_E(g, 0, 1, want_mem(g), 0, 0);
}

static void gen_cmovcc(struct gen *g, unsigned arg)
{
	unsigned size = pick_size_v(g), gf;
	(void)arg;
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, 0x40 + pick_cc(g));
	emit_GE(g, size, size, want_mem(g), &gf);
}

static void gen_lahf(struct gen *g, unsigned sahf)
{
	emit(g, sahf ? 0x9e : 0x9f);
	if (!sahf)
		g->reads = OF_ARITH & ~OF_OF;
}

/* Jcc rel8 or rel32 over a NOT of a register: whether EIP moved shows in
 * the register. */
static void gen_jcc(struct gen *g, unsigned arg)
{
	unsigned cc = pick_cc(g), r = pick_reg(g, 4, 0);
	(void)arg;
	if (chance(g, 2)) {
		emit(g, 0x70 + cc);
		emit(g, 2);
	} else {
		emit(g, 0x0f);
		emit(g, 0x80 + cc);
		emit_n(g, 2, 4);
	}
	emit(g, 0xf7);
	emit(g, 0xd0 + r);
}

/* CMC CLC STC CLD STD */
static void gen_flagop(struct gen *g, unsigned arg)
{
	static const uint8_t opc[5] = { 0xf5, 0xf8, 0xf9, 0xfc, 0xfd };
	unsigned k = below(g, 5);
	(void)arg;
	emit(g, opc[k]);
	if (k == 0)
		g->reads = OF_CF;
}

/* ---- LEA MOVZX MOVSX XCHG ---- */

/* Random 16-bit addressing (67 prefix): no memory is touched by LEA. */
static void emit_lea16(struct gen *g, unsigned regf)
{
	unsigned mod = below(g, 3), rm = below(g, 8);
	emit(g, mod << 6 | regf << 3 | rm);
	if (mod == 1)
		emit(g, rnd32(g));
	else if (mod == 2 || (mod == 0 && rm == 6))
		emit_n(g, rnd32(g), 2);
}

/* Random 32-bit addressing with any base but ESP (whose value the sides
 * do not share); mod 0 with EBP as base means disp32 without a base. */
static void emit_lea32(struct gen *g, unsigned regf)
{
	unsigned mod = below(g, 3), sib = chance(g, 3), rm = sib ? 4 : pick_gpr(g, 0);
	unsigned base = pick_gpr(g, 0);
	emit(g, mod << 6 | regf << 3 | rm);
	if (sib)
		emit(g, below(g, 4) << 6 | below(g, 8) << 3 | base);
	if (mod == 1)
		emit(g, rnd32(g));
	else if (mod == 2 || (mod == 0 && (sib ? base : rm) == EBP))
		emit_n(g, rnd32(g), 4);
}

static void gen_lea(struct gen *g, unsigned arg)
{
	unsigned size = pick_size_v(g), a16 = chance(g, 3);
	(void)arg;
	prefix66(g, size);
	if (a16)
		emit(g, 0x67);
	emit(g, 0x8d);
	unsigned gf = pick_reg(g, size, 0);
	if (a16)
		emit_lea16(g, gf);
	else
		emit_lea32(g, gf);
}

static void gen_movx(struct gen *g, unsigned sx) /* 0F B6/B7 MOVZX, 0F BE/BF MOVSX */
{
	unsigned size = pick_size_v(g), ssize = chance(g, 2) ? 1 : 2, gf;
	prefix66(g, size);
	emit(g, 0x0f);
	emit(g, (sx ? 0xbe : 0xb6) + (ssize == 2));
	emit_GE(g, size, ssize, want_mem(g), &gf);
}

static void gen_xchg(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g), gf;
	int mem = want_mem(g);
	(void)arg;
	if (size > 1 && chance(g, 3)) { /* 90+r with the accumulator */
		prefix66(g, size);
		emit(g, 0x90 + pick_reg(g, size, BIT(EAX)));
		return;
	}
	maybe_lock(g, mem);
	prefix66(g, size);
	emit(g, 0x86 + (size > 1));
	emit_GE(g, size, size, mem, &gf);
}

static void gen_mov(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g), gf, off;
	int mem = want_mem(g);
	(void)arg;
	prefix66(g, size);
	switch (below(g, 4)) {
	case 0: /* 88-8B */
		emit(g, 0x88 + 2 * below(g, 2) + (size > 1));
		emit_GE(g, size, size, mem, &gf);
		break;
	case 1: /* C6/C7 /0 imm */
		emit(g, 0xc6 + (size > 1));
		emit_E(g, 0, size, mem, 0, 0);
		emit_n(g, opval(g, size), size);
		break;
	case 2: /* B0+r, B8+r imm */
		emit(g, (size == 1 ? 0xb0 : 0xb8) + pick_reg(g, size, 0));
		emit_n(g, opval(g, size), size);
		break;
	default: /* A0-A3: AL/AX/EAX to or from moffs32 */
		off = pick_off(g);
		emit(g, 0xa0 + 2 * below(g, 2) + (size > 1));
		emit_n(g, ORC_DATA_BASE + off, 4);
		mem_put(g, off, opval(g, size), size);
		break;
	}
}

/* XLAT: AL = [EBX + AL] */
static void gen_xlat(struct gen *g, unsigned arg)
{
	uint32_t *r = g->tc->in.s.r;
	(void)arg;
	emit(g, 0xd7);
	r[EBX] = ORC_DATA_BASE + pick_off(g) - (r[EAX] & 0xff);
}

/* LOCK where it is not allowed (a register destination, an instruction that
 * cannot take it) must raise #UD on both sides. */
static void gen_lock_ud(struct gen *g, unsigned arg)
{
	unsigned size = pick_size(g), gf;
	(void)arg;
	emit(g, 0xf0);
	prefix66(g, size);
	switch (below(g, 4)) {
	case 0: /* ADD..CMP E,G with a register E */
		emit(g, below(g, 8) * 8 + (size > 1));
		emit_GE(g, size, size, 0, &gf);
		break;
	case 1: /* CMP to memory */
		emit(g, 0x38 + (size > 1));
		emit_GE(g, size, size, 1, &gf);
		break;
	case 2: /* TEST */
		emit(g, 0x84 + (size > 1));
		emit_GE(g, size, size, want_mem(g), &gf);
		break;
	default: /* MOV */
		emit(g, 0x88 + (size > 1));
		emit_GE(g, size, size, want_mem(g), &gf);
		break;
	}
}

/* ---- string instructions ---- */
enum { STR_MOVS, STR_STOS, STR_LODS, STR_CMPS, STR_SCAS };

/* Let REPE run: make the bytes around EDI a copy of those around ESI (or
 * the accumulator repeated, for SCAS), then maybe plant one difference. */
static void str_make_equal(struct gen *g, unsigned op, unsigned size, unsigned src, unsigned dst)
{
	uint8_t *d = g->tc->in.s.data;
	uint32_t acc = g->tc->in.s.r[EAX];
	for (int k = -40; k < 40; k++) {
		unsigned j = (unsigned)((int)dst + k);
		if (op == STR_CMPS)
			d[j] = d[(unsigned)((int)src + k)];
		else
			d[j] = (uint8_t)(acc >> (8 * (unsigned)((k + 40) % (int)size)));
	}
	if (chance(g, 2))
		d[(unsigned)((int)dst - 36 + (int)below(g, 72))] ^= (uint8_t)(1 + below(g, 255));
}

/* ESI and EDI in the middle of the buffer (at most 8 elements of 4 bytes
 * move either way), ECX small under a REP prefix, DF as drawn. */
static void gen_string(struct gen *g, unsigned op)
{
	static const uint8_t opc[5] = { 0xa4, 0xaa, 0xac, 0xa6, 0xae };
	uint32_t *r = g->tc->in.s.r;
	unsigned size = pick_size(g), rep = below(g, 3); /* none, F3, F2 */
	if (rep == 2 && op < STR_CMPS)
		rep = 1; /* F2 is only defined for CMPS and SCAS */
	unsigned src = 64 + below(g, 128), dst = chance(g, 4) ? src - 8 + below(g, 17) : 64 + below(g, 128);
	if (rep)
		emit(g, rep == 1 ? 0xf3 : 0xf2);
	prefix66(g, size);
	emit(g, opc[op] + (size > 1));
	if (rep)
		r[ECX] = chance(g, 8) ? 0 : below(g, 9);
	r[ESI] = ORC_DATA_BASE + src;
	r[EDI] = ORC_DATA_BASE + dst;
	if ((op == STR_CMPS || op == STR_SCAS) && !chance(g, 4))
		str_make_equal(g, op, size, src, dst);
}

/* ---- pairs ---- */

/* Pick a form at random among those allowed (second-capable if second). */
static unsigned pick_form(struct gen *g, int second);

/* Two instructions back to back: the second sees the flags the first left
 * in xlat's lazy form, and so tests that every instruction reads and keeps
 * flags right whatever produced them. The second may only read flags the
 * first defines; what is compared after both is what both define. */
static void gen_pair(struct gen *g, unsigned arg)
{
	struct tcase *tc = g->tc;
	(void)arg;
	tc->sub[0] = pick_form(g, 0);
	gen_forms[tc->sub[0]].fn(g, gen_forms[tc->sub[0]].arg);
	uint32_t first = tc->fmask, len = tc->in.code_len;
	g->second = 1;
	do {
		tc->in.code_len = len;
		tc->fmask = OF_ARITH;
		g->reads = 0;
		tc->sub[1] = pick_form(g, 1);
		gen_forms[tc->sub[1]].fn(g, gen_forms[tc->sub[1]].arg);
	} while (g->reads & ~first);
	g->second = 0;
	tc->fmask &= first;
}

/* ---- the table ---- */
const struct form gen_forms[] = {
	{ "add", gen_alu, ALU_ADD, 1 },
	{ "or", gen_alu, ALU_OR, 1 },
	{ "adc", gen_alu, ALU_ADC, 1 },
	{ "sbb", gen_alu, ALU_SBB, 1 },
	{ "and", gen_alu, ALU_AND, 1 },
	{ "sub", gen_alu, ALU_SUB, 1 },
	{ "xor", gen_alu, ALU_XOR, 1 },
	{ "cmp", gen_alu, ALU_CMP, 1 },
	{ "test", gen_test, 0, 1 },
	{ "inc", gen_incdec, 0, 1 },
	{ "dec", gen_incdec, 1, 1 },
	{ "not", gen_unary, 2, 1 },
	{ "neg", gen_unary, 3, 1 },
	{ "rol", gen_shift, SH_ROL, 1 },
	{ "ror", gen_shift, SH_ROR, 1 },
	{ "rcl", gen_shift, SH_RCL, 1 },
	{ "rcr", gen_shift, SH_RCR, 1 },
	{ "shl", gen_shift, SH_SHL, 1 },
	{ "shr", gen_shift, SH_SHR, 1 },
	{ "sar", gen_shift, SH_SAR, 1 },
	{ "shld", gen_shxd, 0, 1 },
	{ "shrd", gen_shxd, 1, 1 },
	{ "mul", gen_mul1, 4, 1 },
	{ "imul", gen_mul1, 5, 1 },
	{ "imul2", gen_imul2, 0, 1 },
	{ "imul3", gen_imul3, 0, 1 },
	{ "div", gen_div, 0, 0 }, /* operands need constraints: never second */
	{ "idiv", gen_div, 1, 0 },
	{ "bt", gen_bt, 0, 1 },
	{ "bts", gen_bt, 1, 1 },
	{ "btr", gen_bt, 2, 1 },
	{ "btc", gen_bt, 3, 1 },
	{ "bsf", gen_bsf, 0, 1 },
	{ "bsr", gen_bsf, 1, 1 },
	{ "bswap", gen_bswap, 0, 1 },
	{ "xadd", gen_xadd, 0, 1 },
	{ "cmpxchg", gen_cmpxchg, 0, 1 },
	{ "cmpxchg8b", gen_cmpxchg8b, 0, 0 },
	{ "daa", gen_bcd, 0, 1 },
	{ "das", gen_bcd, 1, 1 },
	{ "aaa", gen_bcd, 2, 1 },
	{ "aas", gen_bcd, 3, 1 },
	{ "aam", gen_aam, 0, 0 }, /* AAM 0 faults */
	{ "aad", gen_aam, 1, 1 },
	{ "cbw", gen_cbw, 0, 1 },
	{ "cwd", gen_cbw, 1, 1 },
	{ "setcc", gen_setcc, 0, 1 },
	{ "cmovcc", gen_cmovcc, 0, 1 },
	{ "jcc", gen_jcc, 0, 1 },
	{ "flagop", gen_flagop, 0, 1 },
	{ "lahf", gen_lahf, 0, 1 },
	{ "sahf", gen_lahf, 1, 1 },
	{ "lea", gen_lea, 0, 1 },
	{ "movzx", gen_movx, 0, 1 },
	{ "movsx", gen_movx, 1, 1 },
	{ "xchg", gen_xchg, 0, 1 },
	{ "mov", gen_mov, 0, 1 },
	{ "xlat", gen_xlat, 0, 0 }, /* EBX must point at the table */
	{ "lock_ud", gen_lock_ud, 0, 0 },
	{ "movs", gen_string, STR_MOVS, 0 },
	{ "stos", gen_string, STR_STOS, 0 },
	{ "lods", gen_string, STR_LODS, 0 },
	{ "cmps", gen_string, STR_CMPS, 0 },
	{ "scas", gen_string, STR_SCAS, 0 },
	{ "pair", gen_pair, 0, 0 }, /* must stay last: see pick_form */
};
const unsigned gen_nforms = sizeof(gen_forms) / sizeof(gen_forms[0]);
const unsigned gen_form_pair = sizeof(gen_forms) / sizeof(gen_forms[0]) - 1;

static unsigned pick_form(struct gen *g, int second)
{
	for (;;) {
		unsigned f = below(g, gen_form_pair);
		if (!second || gen_forms[f].second)
			return f;
	}
}

/* Random registers and flags (DF included), random buffer contents with
 * edge values sprinkled in. */
static void init_state(struct gen *g)
{
	struct orc_state *s = &g->tc->in.s;
	for (unsigned i = 0; i < 8; i++)
		s->r[i] = chance(g, 4) ? opval(g, 4) : rnd32(g);
	s->r[ESP] = 0;
	s->eflags = rnd32(g) & ORC_FLAGS_IN;
	for (unsigned i = 0; i < ORC_DATA_SIZE; i += 4)
		mem_put(g, i, chance(g, 4) ? opval(g, 4) : rnd32(g), 4);
}

/* A segment override in front of the first instruction, now and then: all
 * segments are flat, except that CS cannot be written through (#GP). */
static void maybe_seg_prefix(struct gen *g)
{
	static const uint8_t seg[4] = { 0x26, 0x2e, 0x36, 0x3e };
	struct orc_in *in = &g->tc->in;
	if (!chance(g, 8) || in->code_len >= ORC_CODE_MAX - ORC_TAIL_MAX)
		return;
	memmove(in->code + 1, in->code, in->code_len);
	in->code[0] = seg[below(g, 4)];
	in->code_len++;
}

/* Mostly the start of the code page; sometimes so close to its end that an
 * instruction straddles into the next page; sometimes anywhere. */
static uint32_t pick_code_at(struct gen *g)
{
	switch (below(g, 8)) {
	case 0:
		return ORC_CODE_PAGE + 4096 - 1 - below(g, 16);
	case 1:
		return ORC_CODE_PAGE + below(g, 4096);
	default:
		return ORC_CODE_PAGE;
	}
}

void gen_case(uint64_t seed, uint64_t index, unsigned form, struct tcase *tc)
{
	struct gen g = { .rng = orc_seed(seed, index), .tc = tc };
	memset(tc, 0, sizeof(*tc));
	init_state(&g);
	/* a fifth of the cases are pairs, the rest spread over the single forms */
	if (form >= gen_nforms)
		form = chance(&g, 5) ? gen_form_pair : pick_form(&g, 0);
	tc->form = form;
	tc->fmask = OF_ARITH;
	gen_forms[tc->form].fn(&g, gen_forms[tc->form].arg);
	maybe_seg_prefix(&g);
	tc->in.code_at = pick_code_at(&g);
}
