/* fpgen.c - the FP oracle's case generator.
 *
 * A case is one instruction form (fpforms.c) or a short sequence of them,
 * with a full state: general registers and flags, the x87 stack, control
 * and status words, MXCSR, the XMM registers and a data buffer. Every case
 * comes from its own random stream, seeded by the run's seed and the case
 * number, so any single case can be regenerated alone.
 *
 * Values lean on the places FP arithmetic goes wrong: zeros, denormals,
 * infinities, quiet and signalling NaNs, the x87's unsupported encodings
 * (pseudo-NaN, pseudo-infinity, unnormal) and pseudo-denormals, numbers at
 * the edges of the f32/f64/f80 exponent ranges, significands whose low bits
 * sit on a rounding boundary of 24, 53 or 64 bits, integers and halves near
 * the integer formats' limits, and operand pairs that are equal, opposite or
 * a few ulps apart. Control words draw every rounding mode, every x87
 * precision (24, 53, 64 bits), exceptions masked, unmasked or mixed, DAZ and
 * FTZ on and off, and now and then an unmasked exception already pending.
 *
 * Memory operands address the data buffer through every addressing form;
 * in a sequence they use [disp32] only, so that one instruction's register
 * results cannot move another's operand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fpgen.h"
#include "../oracle/orc_common.h"

enum { EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI };
#define BIT(r) (1u << (r))

struct gen {
	uint64_t rng;
	struct tcase *tc;
	int second;    /* a later instruction of a sequence: the state is set */
	int seq;       /* in a sequence: memory operands are [disp32] */
	uint32_t used; /* GPRs the instruction reads or writes as operands */
};

/* ---- random numbers (orc_common.h) ---- */
static uint64_t next64(struct gen *g) { return orc_next64(&g->rng); }
static uint32_t rnd32(struct gen *g) { return orc_rnd32(&g->rng); }
static uint32_t below(struct gen *g, uint32_t n) { return orc_below(&g->rng, n); }
static int chance(struct gen *g, unsigned one_in) { return below(g, one_in) == 0; }

static void put(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* ---- values ---- */

/* Random bits whose lowest k bits are a rounding boundary: exact, half,
 * just below or above half, all ones (rounding carries out), one. */
static uint64_t boundary_bits(struct gen *g, unsigned k)
{
	uint64_t m = k >= 64 ? ~0ull : (1ull << k) - 1, half = 1ull << (k - 1), low;
	switch (below(g, 6)) {
	case 0: low = 0; break;
	case 1: low = half; break;
	case 2: low = half - 1; break;
	case 3: low = half + 1; break;
	case 4: low = m; break;
	default: low = 1; break;
	}
	return (next64(g) & ~m) | (low & m);
}

/* Integers at the limits of 16, 32 and 64 bits, small ones, random ones. */
static uint64_t int_magnitude(struct gen *g)
{
	static const uint64_t edge[] = { 0, 1, 2, 3, 0x7fff, 0x8000, 0x8001, 0xffff, 0x10000,
					 0x7fffffff, 0x80000000u, 0x80000001u, 0xffffffffu,
					 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull };
	switch (below(g, 4)) {
	case 0: return edge[below(g, sizeof(edge) / sizeof(edge[0]))] + below(g, 3) - 1;
	case 1: return below(g, 1000);
	default: return next64(g) >> below(g, 64);
	}
}

/* An x87 register value: sig with the explicit integer bit, se = sign and
 * biased exponent. */
struct x80 {
	uint64_t sig;
	uint16_t se;
};

static void x80_put(uint8_t *p, struct x80 v)
{
	put(p, v.sig, 8);
	put(p + 8, v.se, 2);
}

static struct x80 x80_get(const uint8_t *p) { return (struct x80){ get(p, 8), (uint16_t)get(p + 8, 2) }; }

/* n + q/4, exactly (n below 2^62 when q is not 0) */
static struct x80 x80_from_quarters(uint64_t n, unsigned q)
{
	int shift = -2;
	uint64_t v = n << 2 | q;
	if (n >> 62) {
		v = n;
		shift = 0;
	}
	if (!v)
		return (struct x80){ 0, 0 };
	unsigned lz = (unsigned)__builtin_clzll(v);
	return (struct x80){ v << lz, (uint16_t)(16383 + 63 - lz + shift) };
}

static uint64_t x80_sig(struct gen *g)
{
	const uint64_t j = 1ull << 63;
	switch (below(g, 8)) {
	case 0: return boundary_bits(g, 40) | j; /* 24-bit precision */
	case 1: return boundary_bits(g, 11) | j; /* 53-bit */
	case 2: return boundary_bits(g, 1 + below(g, 63)) | j;
	case 3: return (next64(g) >> 40 << 40) | j; /* an f32's significand */
	case 4: return (next64(g) >> 11 << 11) | j;
	case 5: return chance(g, 2) ? j : ~0ull;
	default: return next64(g) | j;
	}
}

static unsigned x80_exp(struct gen *g)
{
	int side = chance(g, 2) ? 1 : -1;
	switch (below(g, 10)) {
	case 0: return 1 + below(g, 0x7ffe);
	case 1: return (unsigned)(16383 + side * (int)(120 + below(g, 34))); /* f32 range edges */
	case 2: return (unsigned)(16383 + side * (int)(1018 + below(g, 60))); /* f64 range edges */
	case 3: return side > 0 ? 0x7ffe - below(g, 70) : 1 + below(g, 70);
	case 4: return 16383 + below(g, 66); /* integer conversions */
	default: return 16383 + below(g, 41) - 20;
	}
}

static struct x80 x80_val(struct gen *g)
{
	uint16_t s = chance(g, 2) ? 0x8000 : 0;
	const uint64_t j = 1ull << 63;
	struct x80 v;
	switch (below(g, 32)) {
	case 0: case 1: v = (struct x80){ 0, 0 }; break;
	case 2: v = (struct x80){ (next64(g) >> (1 + below(g, 63))) | 1, 0 }; break; /* denormal */
	case 3: v = (struct x80){ next64(g) | j, 0 }; break;                          /* pseudo-denormal */
	case 4: v = (struct x80){ (next64(g) >> 1) >> below(g, 64), (uint16_t)x80_exp(g) }; break; /* unnormal */
	case 5: case 6: v = (struct x80){ j, 0x7fff }; break;
	case 7: {                                                                    /* pseudo-inf/NaN */
		uint64_t r = next64(g);
		unsigned k = below(g, 65);
		v = (struct x80){ k == 64 ? 0 : r >> k >> 1, 0x7fff };
		break;
	}
	case 8: case 9: v = (struct x80){ j | j >> 1 | (chance(g, 3) ? 0 : next64(g) >> 2), 0x7fff }; break;
	case 10: case 11: v = (struct x80){ j | ((next64(g) >> (2 + below(g, 62))) | 1), 0x7fff }; break;
	case 12: case 13: case 14: case 15: {
		uint64_t n = int_magnitude(g);
		v = x80_from_quarters(n, n >> 62 ? 0 : below(g, 4) * !chance(g, 3));
		break;
	}
	default: v = (struct x80){ x80_sig(g), (uint16_t)x80_exp(g) }; break;
	}
	v.se |= s;
	return v;
}

/* A second operand near the first: equal, negated, one ulp away, other
 * low bits, or an exponent or two away. */
static struct x80 x80_related(struct gen *g, struct x80 a)
{
	switch (below(g, 5)) {
	case 0: return a;
	case 1: a.se ^= 0x8000; return a;
	case 2: a.sig += chance(g, 2) ? 1 : ~0ull; a.sig |= a.se & 0x7fff ? 1ull << 63 : 0; return a;
	case 3: a.sig ^= next64(g) >> (1 + below(g, 63)); return a;
	default: a.se = (uint16_t)((a.se & 0x8000) | ((a.se + below(g, 5) - 2) & 0x7fff)); return a;
	}
}

/* An IEEE value of eb exponent bits and fb fraction bits (f32: 8/23, f64: 11/52). */
static uint64_t ieee_val(struct gen *g, unsigned eb, unsigned fb)
{
	uint64_t emax = (1ull << eb) - 1, bias = emax >> 1, fm = (1ull << fb) - 1, e, f;
	uint64_t sign = chance(g, 2) ? 1ull << (eb + fb) : 0;
	switch (below(g, 32)) {
	case 0: case 1: e = 0; f = 0; break;
	case 2: case 3: e = 0; f = ((next64(g) >> below(g, 64)) & fm) | 1; break;
	case 4: case 5: e = emax; f = 0; break;
	case 6: case 7: e = emax; f = 1ull << (fb - 1) | (chance(g, 3) ? 0 : next64(g) & fm); break;
	case 8: case 9: e = emax; f = ((next64(g) >> below(g, 64)) & (fm >> 1)) | 1; break;
	case 10: e = chance(g, 2) ? 1 : emax - 1; f = chance(g, 2) ? 0 : chance(g, 2) ? fm : next64(g) & fm; break;
	case 11: case 12: case 13: case 14: {
		/* integers and halves at the int32 limits (the host's rounding is fine here) */
		long double v = (long double)int_magnitude(g) + below(g, 4) * 0.25L;
		if (fb == 23) {
			float x = (float)v;
			uint32_t b;
			memcpy(&b, &x, 4);
			return b | sign;
		}
		double x = (double)v;
		uint64_t b;
		memcpy(&b, &x, 8);
		return b | sign;
	}
	case 15: case 16: e = chance(g, 2) ? 1 + below(g, 30) : emax - 1 - below(g, 30); f = next64(g) & fm; break;
	default:
		e = chance(g, 4) ? 1 + below(g, (uint32_t)emax - 1) : bias + below(g, 61) - 30;
		f = (chance(g, 2) ? boundary_bits(g, fb == 52 ? 29 : 1 + below(g, fb)) : next64(g)) & fm;
		break;
	}
	return sign | e << fb | f;
}

static uint64_t ieee_related(struct gen *g, uint64_t a, unsigned eb, unsigned fb)
{
	uint64_t m = eb + fb == 63 ? ~0ull : (1ull << (eb + fb + 1)) - 1;
	switch (below(g, 5)) {
	case 0: return a;
	case 1: return a ^ (1ull << (eb + fb));
	case 2: return (a + (chance(g, 2) ? 1 : m)) & m;
	case 3: return a ^ (next64(g) & ((1ull << below(g, fb)) - 1));
	default: return (a + ((uint64_t)below(g, 5) - 2) * (1ull << fb)) & m;
	}
}

static uint64_t int_val(struct gen *g, unsigned bits)
{
	uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1, top = 1ull << (bits - 1);
	const uint64_t edge[8] = { 0, 1, 2, top - 1, top, top + 1, m, m - 1 };
	switch (below(g, 8)) {
	case 0: case 1: return edge[below(g, 8)] & m;
	case 2: return ((uint64_t)below(g, 256) - 128) & m;
	case 3: return (chance(g, 2) ? int_magnitude(g) : -int_magnitude(g)) & m;
	default: return next64(g) & m;
	}
}

/* A shift count operand: mostly within the element, sometimes far out. */
static uint64_t count_val(struct gen *g)
{
	switch (below(g, 6)) {
	case 0: return next64(g);
	case 1: return (1ull << (32 + below(g, 32))) + below(g, 16);
	case 2: return below(g, 16);
	default: return below(g, 70);
	}
}

/* One element of type et, n bytes wide. */
static uint64_t elem_val(struct gen *g, unsigned et, unsigned n)
{
	switch (et) {
	case ET_F32: return ieee_val(g, 8, 23);
	case ET_F64: return ieee_val(g, 11, 52);
	case ET_I8: case ET_I16: case ET_I32: case ET_I64: return int_val(g, 8 * n);
	case ET_MASK: return chance(g, 4) ? (chance(g, 2) ? 0 : ~0ull) : next64(g);
	default: return next64(g);
	}
}

static unsigned elem_size(unsigned et)
{
	switch (et) {
	case ET_I8: return 1;
	case ET_I16: return 2;
	case ET_I32: case ET_F32: return 4;
	default: return 8;
	}
}

/* n bytes (8 or 16) of elements; a count goes in the low quadword. */
static void fill_vec(struct gen *g, uint8_t *p, unsigned n, unsigned et)
{
	if (et == ET_CNT) {
		put(p, count_val(g), 8);
		for (unsigned i = 8; i < n; i += 8)
			put(p + i, next64(g), 8);
		return;
	}
	unsigned es = elem_size(et);
	for (unsigned i = 0; i < n; i += es)
		put(p + i, elem_val(g, et, es), es);
}

/* Rewrite b's elements as near relations of a's (binary FP operations). */
static void relate_vec(struct gen *g, const uint8_t *a, uint8_t *b, unsigned n, unsigned et)
{
	if ((et != ET_F32 && et != ET_F64) || !chance(g, 4))
		return;
	unsigned es = elem_size(et);
	for (unsigned i = 0; i < n; i += es)
		if (!chance(g, 4))
			put(b + i, ieee_related(g, get(a + i, es), es == 4 ? 8 : 11, es == 4 ? 23 : 52), es);
}

/* ---- the ignore map: data bytes whose contents the CPUs may choose ---- */
static void ignore(struct gen *g, unsigned off, unsigned n)
{
	for (unsigned i = off; i < off + n && i < FPO_DATA_SIZE; i++)
		g->tc->ignore[i / 8] |= (uint8_t)(1u << (i % 8));
}

/* ---- control words and the initial FP state ---- */
static unsigned pick_masks(struct gen *g)
{
	switch (below(g, 10)) {
	case 0: case 1: return 0;
	case 2: case 3: case 4: return below(g, 64);
	default: return 0x3f;
	}
}

/* Precision 24, 53 or 64 bits (PC 01 is reserved), any rounding, and now
 * and then the infinity-control bit, which the 387 and later ignore. */
static uint16_t pick_cw(struct gen *g)
{
	static const unsigned pc[3] = { 0, 2, 3 };
	uint16_t cw = (uint16_t)(pick_masks(g) | 0x40 | pc[below(g, 3)] << 8 | below(g, 4) << 10);
	return chance(g, 8) ? cw | 0x1000 : cw;
}

/* Sticky flags only where masked, unless pending: then one unmasked flag
 * and ES/B set, so the next waiting instruction takes #MF. */
static uint16_t pick_sw(struct gen *g, uint16_t cw, unsigned top, int pending)
{
	unsigned masks = cw & 0x3f, flags = chance(g, 2) ? 0 : rnd32(g) & masks;
	uint16_t sw = (uint16_t)((rnd32(g) & 0x4700) | flags | top << 11);
	if (pending && masks != 0x3f) {
		unsigned e;
		do
			e = 1u << below(g, 6);
		while (e & masks);
		sw |= (uint16_t)(e | 0x8080);
	}
	return sw;
}

static uint32_t pick_mxcsr(struct gen *g)
{
	uint32_t m = (uint32_t)pick_masks(g) << 7 | below(g, 4) << 13;
	if (chance(g, 2))
		m |= rnd32(g) & 0x3f;
	if (chance(g, 2))
		m |= 0x40; /* DAZ */
	if (chance(g, 2))
		m |= 0x8000; /* FTZ */
	return m;
}

/* An FXSAVE image of a random state (registers in ST order). */
static void random_fx(struct gen *g, uint8_t *fx, int pending)
{
	uint16_t cw = pick_cw(g);
	unsigned top = below(g, 8);
	put(fx + FX_FCW, cw, 2);
	put(fx + FX_FSW, pick_sw(g, cw, top, pending), 2);
	fx[FX_FTW] = (uint8_t)rnd32(g);
	put(fx + FX_MXCSR, pick_mxcsr(g), 4);
	for (unsigned i = 0; i < 8; i++) {
		x80_put(fx + FX_ST + 16 * i, x80_val(g));
		fill_vec(g, fx + FX_XMM + 16 * i, 16, ET_BITS);
	}
}

static void init_state(struct gen *g)
{
	struct fpo_state *s = &g->tc->in.s;
	for (unsigned i = 0; i < 8; i++)
		s->r[i] = rnd32(g);
	s->r[ESP] = 0;
	s->eflags = rnd32(g) & FPO_FLAGS_IN;
	for (unsigned i = 0; i < FPO_DATA_SIZE; i += 8)
		put(s->data + i, next64(g), 8);
	random_fx(g, s->fx, chance(g, 16));
}

/* ---- code bytes ---- */
static void emit(struct gen *g, uint32_t b)
{
	struct fpo_in *in = &g->tc->in;
	if (in->code_len >= FPO_CODE_MAX - FPO_TAIL_MAX) {
		fprintf(stderr, "fporacle: generated code too long (form %s)\n", fp_forms[g->tc->form].name);
		abort();
	}
	in->code[in->code_len++] = (uint8_t)b;
}

static void emit32(struct gen *g, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		emit(g, v >> (8 * i));
}

/* A GPR outside avoid and never ESP. */
static unsigned pick_gpr(struct gen *g, uint32_t avoid)
{
	for (;;) {
		unsigned r = below(g, 8);
		if (r != ESP && !(avoid & BIT(r)))
			return r;
	}
}

static void emit_disp(struct gen *g, unsigned mod, uint32_t disp)
{
	if (mod == 1)
		emit(g, disp);
	else
		emit32(g, disp);
}

static unsigned pick_mod(struct gen *g, unsigned base, uint32_t *disp)
{
	unsigned mod = below(g, 3);
	if (mod == 0 && base == EBP)
		mod = 1;
	*disp = mod == 0 ? 0 : mod == 1 ? (uint32_t)(int32_t)(int8_t)below(g, 256) : rnd32(g);
	return mod;
}

/* ModRM (reg field regf), SIB and displacement addressing data offset off:
 * [disp32], [base + disp] or [base + index * scale + disp]. */
static void emit_mem(struct gen *g, unsigned regf, unsigned off)
{
	uint32_t target = FPO_DATA_BASE + off, *r = g->tc->in.s.r, avoid = g->used | BIT(ESP), disp;
	unsigned mode = g->seq ? 0 : below(g, 4);
	if (mode == 0) {
		emit(g, regf << 3 | 5);
		emit32(g, target);
		return;
	}
	if (mode == 1) {
		unsigned b = pick_gpr(g, avoid), mod = pick_mod(g, b, &disp);
		r[b] = target - disp;
		emit(g, mod << 6 | regf << 3 | b);
		if (mod)
			emit_disp(g, mod, disp);
		return;
	}
	unsigned scale = below(g, 4), idx = pick_gpr(g, avoid);
	r[idx] = chance(g, 2) ? below(g, 64) : rnd32(g);
	unsigned base = pick_gpr(g, avoid | BIT(idx)), mod = pick_mod(g, base, &disp);
	r[base] = target - (r[idx] << scale) - disp;
	emit(g, mod << 6 | regf << 3 | 4);
	emit(g, scale << 6 | idx << 3 | base);
	if (mod)
		emit_disp(g, mod, disp);
}

/* A data offset for an operand of n bytes: a quarter of the small ones
 * straddle the page boundary in the middle of the buffer; align (a power
 * of two) is kept but for one case in 32, which then faults. */
static unsigned pick_off(struct gen *g, unsigned n, unsigned align)
{
	unsigned half = FPO_DATA_SIZE / 2, off;
	if (n > 1 && n <= 16 && chance(g, 4))
		off = half - n + 1 + below(g, n - 1);
	else
		off = below(g, FPO_DATA_SIZE - n + 1);
	if (align > 1 && !chance(g, 32))
		off &= ~(align - 1);
	return off;
}

/* ---- x87 forms ---- */
static uint8_t *st_slot(struct gen *g, unsigned i) { return g->tc->in.s.fx + FX_ST + 16 * (i & 7); }
static unsigned fx_top(struct gen *g) { return (unsigned)get(g->tc->in.s.fx + FX_FSW, 2) >> 11 & 7; }

/* Most cases find their operands present (ST(0), ST(1), ST(i)) and room
 * to push (ST(7) empty); one in twelve keeps random tags, for stack
 * overflow and underflow. */
static void ready_stack(struct gen *g, unsigned i)
{
	uint8_t *ftw = &g->tc->in.s.fx[FX_FTW];
	unsigned top = fx_top(g);
	if (chance(g, 12))
		return;
	*ftw |= (uint8_t)(1u << top | 1u << ((top + 1) & 7) | 1u << ((top + i) & 7));
	if (i != 7)
		*ftw &= (uint8_t)~(1u << ((top + 7) & 7));
}

/* F2XM1 and FYL2XP1 are undefined outside their domains (SDM Vol. 2). */
static void x87_domain(struct gen *g, const struct fpform *f)
{
	if (!(f->flags & (F_DOM1 | F_DOMS)) || chance(g, 8))
		return;
	unsigned maxe = f->flags & F_DOM1 ? 16382 : 16381;
	struct x80 v = { x80_sig(g), (uint16_t)(maxe - (chance(g, 4) ? below(g, 16400) : below(g, 40))) };
	if (v.se == 0)
		v.sig >>= 1;
	if ((f->flags & F_DOM1) && chance(g, 8))
		v = (struct x80){ 1ull << 63, 16383 };
	v.se |= chance(g, 2) ? 0x8000 : 0;
	x80_put(st_slot(g, 0), v);
}

static uint64_t f32_near(struct gen *g, struct x80 a)
{
	long double x;
	memcpy(&x, &a, 10); /* the host's long double is the x87's format */
	float f = (float)x;
	uint32_t b;
	memcpy(&b, &f, 4);
	return ieee_related(g, b, 8, 23);
}

static uint64_t f64_near(struct gen *g, struct x80 a)
{
	long double x;
	memcpy(&x, &a, 10);
	double d = (double)x;
	uint64_t b;
	memcpy(&b, &d, 8);
	return ieee_related(g, b, 11, 52);
}

/* Packed BCD: up to 18 digits, sign in bit 7 of byte 9 (SDM Vol. 1, 4.7). */
static void bcd_val(struct gen *g, uint8_t *p)
{
	unsigned digits = chance(g, 4) ? 18 : below(g, 19);
	memset(p, 0, 10);
	for (unsigned d = 0; d < digits; d++)
		p[d / 2] |= (uint8_t)(below(g, 10) << (4 * (d % 2)));
	p[9] = chance(g, 2) ? 0x80 : 0;
}

/* FLDENV's image: 32-bit layout (28 bytes) or 16-bit (14); the tag word's
 * non-empty codes need not match the registers (the CPU recomputes them). */
static void env_val(struct gen *g, uint8_t *p, unsigned size)
{
	unsigned w = size == 28 || size == 108 ? 4 : 2;
	uint16_t cw = pick_cw(g), tw = 0;
	for (unsigned i = 0; i < 8; i++)
		tw |= (uint16_t)((chance(g, 3) ? 3 : below(g, 3)) << (2 * i));
	put(p, (uint64_t)rnd32(g) << 16 | cw, w);
	put(p + w, (uint64_t)rnd32(g) << 16 | pick_sw(g, cw, below(g, 8), chance(g, 8)), w);
	put(p + 2 * w, (uint64_t)rnd32(g) << 16 | tw, w);
}

static void x87_mem_value(struct gen *g, const struct fpform *f, unsigned off)
{
	uint8_t *p = g->tc->in.s.data + off;
	struct x80 st0 = x80_get(st_slot(g, 0));
	switch (f->et) {
	case MT_I16: put(p, int_val(g, 16), 2); break;
	case MT_I32: put(p, int_val(g, 32), 4); break;
	case MT_I64: put(p, int_val(g, 64), 8); break;
	case MT_F32: put(p, chance(g, 4) ? f32_near(g, st0) : ieee_val(g, 8, 23), 4); break;
	case MT_F64: put(p, chance(g, 4) ? f64_near(g, st0) : ieee_val(g, 11, 52), 8); break;
	case MT_F80: x80_put(p, x80_val(g)); break;
	case MT_BCD: bcd_val(g, p); break;
	case MT_CW: put(p, chance(g, 4) ? rnd32(g) : pick_cw(g), 2); break;
	case MT_ENV: env_val(g, p, f->msize); break;
	case MT_SAVE:
		env_val(g, p, f->msize);
		for (unsigned i = 0; i < 8; i++)
			x80_put(p + f->msize - 80 + 10 * i, x80_val(g));
		break;
	case MT_FXRSTOR:
		random_fx(g, p, chance(g, 8));
		if (chance(g, 16)) /* a reserved MXCSR bit: #GP */
			p[FX_MXCSR + 2] |= (uint8_t)(4u << below(g, 6));
		break;
	}
}

/* What the CPU writes but the oracle does not compare: the last
 * instruction and operand pointers (different addresses on each side), and
 * FXSAVE's MXCSR_MASK, reserved bytes and XMM8-15 area. */
static void x87_mem_ignore(struct gen *g, const struct fpform *f, unsigned off)
{
	if (f->et == MT_ENVOUT || f->et == MT_SAVEOUT) {
		int w32 = f->msize == 28 || f->msize == 108;
		ignore(g, off + (w32 ? 12 : 6), w32 ? 16 : 8);
	} else if (f->et == MT_FXSAVE) {
		ignore(g, off + 6, 18);
		ignore(g, off + 28, 4);
		for (unsigned i = 0; i < 8; i++)
			ignore(g, off + FX_ST + 16 * i + 10, 6);
		ignore(g, off + FPO_FX_SIZE, 512 - FPO_FX_SIZE);
	}
}

static void gen_x87(struct gen *g, const struct fpform *f)
{
	unsigned i = below(g, 8), fx = f->et == MT_FXSAVE || f->et == MT_FXRSTOR;
	if (!g->second) {
		ready_stack(g, f->dst == XK_STI ? i : 1);
		x87_domain(g, f);
		if (f->dst == XK_STI && chance(g, 4))
			x80_put(st_slot(g, i), x80_related(g, x80_get(st_slot(g, 0))));
		else if (f->dst == XK_NONE && chance(g, 4)) /* FPREM, FSCALE, FPATAN... */
			x80_put(st_slot(g, 1), x80_related(g, x80_get(st_slot(g, 0))));
	}
	if (f->pfx)
		emit(g, f->pfx);
	if (f->op == 0) /* FWAIT alone */
		return;
	if (f->op == 0xae)
		emit(g, 0x0f);
	emit(g, f->op);
	if (f->dst == XK_NONE) {
		emit(g, f->modrm);
	} else if (f->dst == XK_STI) {
		emit(g, f->modrm | i);
	} else {
		unsigned size = fx ? 512 : f->msize, off = pick_off(g, size, fx ? 16 : 1);
		x87_mem_value(g, f, off);
		x87_mem_ignore(g, f, off);
		emit_mem(g, f->modrm, off);
	}
}

/* ---- MMX/SSE forms ---- */
static uint8_t *xmm_slot(struct gen *g, unsigned i) { return g->tc->in.s.fx + FX_XMM + 16 * i; }

/* The register file a form touches gets values of its types: XMM registers
 * all 128 bits, MMX registers (the significands of R0-R7) 64. */
static void simd_regs(struct gen *g, const struct fpform *f, unsigned dreg, int dst_is_xmm)
{
	unsigned et = f->et == ET_CNT ? ET_BITS : f->et, dt = f->dt ? f->dt : et;
	int xmm = f->dst == K_XMM || f->src == K_XMM, mm = f->dst == K_MM || f->src == K_MM;
	for (unsigned i = 0; i < 8; i++) {
		if (xmm)
			fill_vec(g, xmm_slot(g, i), 16, et);
		if (mm)
			fill_vec(g, st_slot(g, i), 8, et);
	}
	if (dst_is_xmm && dt != et)
		fill_vec(g, xmm_slot(g, dreg), 16, dt);
	else if (f->dst == K_MM && !dst_is_xmm && dt != et)
		fill_vec(g, st_slot(g, (dreg - fx_top(g)) & 7), 8, dt);
}

/* The imm8 of a form */
static unsigned simd_imm(struct gen *g, const struct fpform *f)
{
	if (f->flags & F_CMP)
		return below(g, 8);
	if (f->flags & F_SHI)
		return chance(g, 6) ? below(g, 256) : below(g, f->et == ET_I8 ? 18 : 8 * elem_size(f->et) + 2);
	return below(g, 256);
}

/* LDMXCSR's operand: valid, or with a reserved bit (#GP). Bit 17 is left
 * alone: AMD's MXCSR_MASK has it (misaligned SSE mode), Intel's does not. */
static uint32_t mxcsr_operand(struct gen *g)
{
	uint32_t m = pick_mxcsr(g);
	return chance(g, 16) ? m | 1u << (18 + below(g, 14)) : m;
}

/* A memory source of msize bytes: built as a vector, stored as far as the
 * operand goes. */
static void simd_mem_value(struct gen *g, const struct fpform *f, uint8_t *p, unsigned dreg)
{
	uint8_t v[16];
	if (f->dst == K_NONE && !(f->op == 0xae && f->modrm == 2))
		return; /* PREFETCH, CLFLUSH: contents unused */
	if (f->op == 0xae)
		put(v, mxcsr_operand(g), 4);
	else if (f->src == K_R32 || f->dst == K_R32)
		put(v, elem_val(g, f->et, f->msize), f->msize);
	else
		fill_vec(g, v, 16, f->et);
	if (f->dst == K_XMM)
		relate_vec(g, xmm_slot(g, dreg), v, f->msize, f->et);
	memcpy(p, v, f->msize);
}

/* The approximate forms' comparison needs their source values. */
static void simd_approx(struct gen *g, const struct fpform *f, const uint8_t *src)
{
	if (!(f->flags & (F_RCP | F_RSQ)) || g->second)
		return;
	g->tc->check = f->flags & F_RCP ? CHK_RCP : CHK_RSQRT;
	g->tc->approx_n = f->pfx == 0xf3 ? 1 : 4;
	memcpy(g->tc->approx_src, src, 4 * g->tc->approx_n);
}

/* ModRM.reg and ModRM.rm operand kinds of a form */
static unsigned reg_kind(const struct fpform *f) { return f->flags & F_STORE ? f->src : f->dst; }
static unsigned rm_kind(const struct fpform *f) { return f->flags & F_STORE ? f->dst : f->src; }

static unsigned pick_operand_reg(struct gen *g, unsigned kind)
{
	if (kind != K_R32)
		return below(g, 8);
	unsigned r = pick_gpr(g, g->used);
	g->used |= BIT(r);
	return r;
}

static void gen_simd_rm(struct gen *g, const struct fpform *f, unsigned regf, unsigned dreg, int mem)
{
	uint8_t *s = g->tc->in.s.data;
	if (mem) {
		unsigned n = f->msize, off = pick_off(g, n, f->flags & F_ALIGN ? 16 : 1);
		if (!(f->flags & F_STORE))
			simd_mem_value(g, f, s + off, dreg);
		simd_approx(g, f, s + off);
		emit_mem(g, regf, off);
		return;
	}
	unsigned k = f->flags & F_GRP ? f->dst : rm_kind(f), rm = pick_operand_reg(g, k);
	if (k == K_R32 && !g->second && !(f->flags & F_STORE))
		g->tc->in.s.r[rm] = (uint32_t)elem_val(g, f->et, 4);
	if (k == K_XMM && !g->second && !(f->flags & (F_GRP | F_STORE)) && rm != dreg)
		relate_vec(g, xmm_slot(g, dreg), xmm_slot(g, rm), 16, f->et);
	if (k == K_XMM)
		simd_approx(g, f, xmm_slot(g, rm));
	emit(g, 0xc0 | regf << 3 | rm);
}

/* MASKMOVQ/MASKMOVDQU store through DS:EDI into the buffer. */
static void simd_edi(struct gen *g)
{
	g->used |= BIT(EDI);
	if (!g->second)
		g->tc->in.s.r[EDI] = FPO_DATA_BASE + pick_off(g, 16, 1);
}

static void gen_simd(struct gen *g, const struct fpform *f)
{
	int mem = f->msize && !(f->flags & F_NOMEM) && ((f->flags & F_NOREG) || chance(g, 3));
	unsigned regk = reg_kind(f), regf = 0, dreg = 0;
	if (f->flags & F_EDI)
		simd_edi(g);
	if (!(f->flags & F_GRP) && regk != K_NONE)
		regf = pick_operand_reg(g, regk);
	dreg = f->flags & F_STORE ? 0 : regf;
	if (!g->second && !(f->flags & F_GRP))
		simd_regs(g, f, dreg, f->dst == K_XMM);
	else if (!g->second)
		simd_regs(g, f, 0, 0);
	if (f->pfx)
		emit(g, f->pfx);
	emit(g, 0x0f);
	emit(g, f->op);
	if (f->flags & F_FIXED)
		emit(g, f->modrm);
	else if (f->flags & F_GRP)
		gen_simd_rm(g, f, f->modrm, 0, mem);
	else if (f->dst != K_NONE)
		gen_simd_rm(g, f, regf, dreg, mem);
	if (f->flags & (F_IMM | F_CMP | F_SHI))
		emit(g, simd_imm(g, f));
}

/* ---- sequences ---- */
static int seq_member(unsigned f, unsigned fam)
{
	const struct fpform *p = &fp_forms[f];
	if (p->gen == GEN_SEQ || (p->flags & (F_ULP | F_RCP | F_RSQ | F_EDI | F_OPT | F_SWST)))
		return 0;
	if (fam == FAM_N)
		return 1;
	if (fam == FAM_SSE)
		return p->fam == FAM_SSE || p->fam == FAM_SSE2;
	return p->fam == fam;
}

static void gen_one(struct gen *g, const struct fpform *f);

static void gen_seq(struct gen *g, const struct fpform *f)
{
	unsigned n = 2 + below(g, 2);
	g->seq = 1;
	for (unsigned k = 0; k < n; k++) {
		unsigned s;
		do
			s = below(g, fp_nforms);
		while (!seq_member(s, f->modrm));
		g->tc->sub[g->tc->nsub++] = s;
		g->second = k > 0;
		g->used = 0;
		gen_one(g, &fp_forms[s]);
	}
}

/* C0-C3 bits the SDM leaves undefined after the form */
static uint16_t cc_undefined(const struct fpform *f)
{
	if (f->flags & F_U0123)
		return 0x4700;
	if (f->flags & F_U023)
		return 0x4500;
	return f->flags & F_U03 ? 0x4100 : 0;
}

static void gen_one(struct gen *g, const struct fpform *f)
{
	g->tc->sw_free |= cc_undefined(f);
	switch (f->gen) {
	case GEN_X87: gen_x87(g, f); break;
	case GEN_SIMD: gen_simd(g, f); break;
	default: gen_seq(g, f); break;
	}
}

/* Mostly the start of the code page; sometimes so close to its end that an
 * instruction straddles into the next page; sometimes anywhere. */
static uint32_t pick_code_at(struct gen *g)
{
	switch (below(g, 8)) {
	case 0: return FPO_CODE_PAGE + 4096 - 1 - below(g, 16);
	case 1: return FPO_CODE_PAGE + below(g, 4096 - FPO_CODE_MAX);
	default: return FPO_CODE_PAGE;
	}
}

static unsigned pick_form(struct gen *g, const uint8_t *sel, unsigned nsel)
{
	unsigned k = below(g, nsel);
	for (unsigned f = 0; f < fp_nforms; f++)
		if (fp_selected(sel, f) && k-- == 0)
			return f;
	return 0;
}

void gen_case(uint64_t seed, uint64_t index, const uint8_t *sel, unsigned nsel, struct tcase *tc)
{
	struct gen g = { .rng = orc_seed(seed, index), .tc = tc };
	memset(tc, 0, sizeof(*tc));
	tc->form = pick_form(&g, sel, nsel);
	const struct fpform *f = &fp_forms[tc->form];
	init_state(&g);
	gen_one(&g, f);
	if (f->flags & F_ULP)
		tc->check = CHK_ULP;
	/* a waiting instruction after an x87 one delivers what it left pending */
	if (f->gen == GEN_X87 && f->op != 0 && chance(&g, 8))
		emit(&g, 0x9b);
	tc->in.code_at = pick_code_at(&g);
}
