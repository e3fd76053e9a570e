/* test_fp.c - cpu/fp's x87 and SSE arithmetic on literal vectors.
 *
 * Every expected value here was produced by this project's x86-64 host (an
 * AMD EPYC) executing the instruction natively, then frozen as a literal:
 * zeros, infinities, NaNs, denormals, pseudo-denormals and unsupported
 * encodings; rounding boundaries in every rounding mode and precision
 * control with C1; masked and unmasked overflow and underflow; the SSE
 * rules (DAZ, FTZ, NaN order, MIN/MAX, COMISS, conversions). tests/fp/
 * fphost keeps comparing against the live hardware with random operands.
 *
 * Status words are compared as flags (bits 0-5) and C1 (0x200). When IE,
 * DE or ZE is unmasked and raised the x87 delivers no result, so only the
 * flags are compared (as on the hardware, where the register is left as
 * it was). */
#include "unit.h"
#include "xlat/fp.h"

#define SW_C1 0x200

static struct fp_env env_cw(u16 cw)
{
	static const u8 pc_bits[] = { 24, 64, 53, 64 };
	return (struct fp_env){ .rc = (cw >> 10) & 3, .pc = pc_bits[(cw >> 8) & 3], .masks = cw & 0x3f };
}

static struct fp_env env_mxcsr(u32 m)
{
	return (struct fp_env){ .rc = (m >> 13) & 3, .pc = 64, .masks = (m >> 7) & 0x3f,
				.daz = (m >> 6) & 1, .ftz = (m >> 15) & 1 };
}

static u16 env_sw(const struct fp_env *e) { return (u16)(e->flags | (e->c1 ? SW_C1 : 0)); }

/* ---- f80 arithmetic ---- */

enum { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_RNDINT, FOP_SCALE };

struct f80_vec {
	int op;
	u16 cw;
	struct { u16 se; u64 sig; } a, b, r;
	u16 sw;
};

static const struct f80_vec f80_vecs[] = {
/* specials */
	{ FOP_ADD, 0x037f, { 0x0000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x000 }, /* +0 + -0 = +0 */
	{ FOP_ADD, 0x077f, { 0x0000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, 0x000 }, /* +0 + -0 = -0 rounding down */
	{ FOP_SUB, 0x037f, { 0x3fff, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x000 }, /* 1 - 1 = +0 */
	{ FOP_SUB, 0x077f, { 0x3fff, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, { 0x8000, 0x0000000000000000ull }, 0x000 }, /* 1 - 1 = -0 rounding down */
	{ FOP_SUB, 0x037f, { 0x7fff, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* inf - inf: IE, indefinite */
	{ FOP_ADD, 0x037f, { 0x7fff, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, 0x000 }, /* inf + 1 */
	{ FOP_MUL, 0x037f, { 0x0000, 0x0000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* 0 * inf: IE */
	{ FOP_DIV, 0x037f, { 0x0000, 0x0000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* 0 / 0: IE */
	{ FOP_DIV, 0x037f, { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* inf / -inf: IE */
	{ FOP_DIV, 0x037f, { 0x3fff, 0x8000000000000000ull }, { 0x8000, 0x0000000000000000ull }, { 0xffff, 0x8000000000000000ull }, 0x004 }, /* 1 / -0: ZE, -inf */
	{ FOP_DIV, 0x037f, { 0x0000, 0x0000000000001234ull }, { 0x0000, 0x0000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, 0x004 }, /* denormal / 0: ZE alone */
	{ FOP_ADD, 0x037f, { 0x7fff, 0xc000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, { 0x7fff, 0xc000000000000001ull }, 0x000 }, /* QNaN + 1 */
	{ FOP_ADD, 0x037f, { 0x3fff, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000005ull }, { 0x7fff, 0xc000000000000005ull }, 0x001 }, /* 1 + SNaN: IE, quieted */
	{ FOP_ADD, 0x037f, { 0x7fff, 0x8000000000000005ull }, { 0x7fff, 0xc000000000000001ull }, { 0x7fff, 0xc000000000000001ull }, 0x001 }, /* SNaN + QNaN: the larger significand */
	{ FOP_MUL, 0x037f, { 0xffff, 0xc000000000000001ull }, { 0x7fff, 0xc000000000000001ull }, { 0x7fff, 0xc000000000000001ull }, 0x000 }, /* equal significands: the positive one */
	{ FOP_MUL, 0x037f, { 0x7fff, 0xc000000000000001ull }, { 0xffff, 0xc000000000000001ull }, { 0x7fff, 0xc000000000000001ull }, 0x000 }, /* equal significands, swapped */
	{ FOP_ADD, 0x037f, { 0x0000, 0x0000000000001234ull }, { 0x3fff, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x022 }, /* denormal operand: DE */
	{ FOP_MUL, 0x037f, { 0x0000, 0x8000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, { 0x0001, 0x8000000000000001ull }, 0x002 }, /* pseudo-denormal: DE, read with exponent 1 */
	{ FOP_ADD, 0x037f, { 0x3fff, 0x4000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* unnormal: IE */
	{ FOP_ADD, 0x037f, { 0x7fff, 0x0000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* pseudo-infinity: IE */
	{ FOP_MUL, 0x037f, { 0x7fff, 0x0000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* pseudo-NaN: IE */
	{ FOP_ADD, 0x037f, { 0x7fff, 0xc000000000000001ull }, { 0x3fff, 0x4000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* QNaN and unnormal: IE */
	{ FOP_ADD, 0x037d, { 0x0000, 0x0000000000001234ull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000000000001234ull }, 0x002 }, /* DE unmasked: flag only */
	{ FOP_SQRT, 0x037f, { 0xbfff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* sqrt(-1): IE */
	{ FOP_SQRT, 0x037f, { 0x8000, 0x0000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, 0x000 }, /* sqrt(-0) = -0 */
	{ FOP_SQRT, 0x037f, { 0x8000, 0x0000000000000005ull }, { 0x0000, 0x0000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* sqrt(-denormal): IE, no DE */
	{ FOP_SQRT, 0x037f, { 0x0000, 0x0000000000001234ull }, { 0x0000, 0x0000000000000000ull }, { 0x1fe6, 0xc1148e28c617bc61ull }, 0x222 }, /* sqrt(denormal): DE */
/* rounding boundaries, every rc and pc, C1 */
	{ FOP_ADD, 0x037f, { 0x3fff, 0x8000000000000000ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* 1 + 2^-64: a tie at 64 bits */
	{ FOP_ADD, 0x037f, { 0x3fff, 0x8000000000000001ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000002ull }, 0x220 }, /* odd + half ulp */
	{ FOP_SUB, 0x037f, { 0xbfff, 0x8000000000000000ull }, { 0x3fb9, 0x8000000000000001ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* -1 - tiny */
	{ FOP_ADD, 0x007f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 1 + 2^-24 */
	{ FOP_ADD, 0x007f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000001ull }, { 0x3fff, 0x8000010000000000ull }, 0x220 }, /* pc=24: just above the tie */
	{ FOP_ADD, 0x027f, { 0x3fff, 0x8000000000000000ull }, { 0x3fca, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=53: 1 + 2^-53 */
	{ FOP_ADD, 0x027f, { 0xbfff, 0x8000000000000000ull }, { 0xbfc3, 0x8000000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* pc=53: -1 - 2^-60 */
	{ FOP_MUL, 0x007f, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 3 * 1/3 */
	{ FOP_DIV, 0x037f, { 0x3fff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, 0x220 }, /* 1/3 */
	{ FOP_DIV, 0x027f, { 0xbfff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0xbffd, 0xaaaaaaaaaaaaa800ull }, 0x020 }, /* pc=53: -1/3 */
	{ FOP_SQRT, 0x037f, { 0x4000, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xb504f333f9de6484ull }, 0x020 }, /* sqrt 2 */
	{ FOP_SQRT, 0x007f, { 0x4000, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xddb3d70000000000ull }, 0x020 }, /* pc=24: sqrt 3 */
	{ FOP_RNDINT, 0x037f, { 0x4000, 0xa000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x4000, 0x8000000000000000ull }, 0x020 }, /* rndint 2.5 */
	{ FOP_RNDINT, 0x007f, { 0xbffe, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x220 }, /* rndint -0.75 (pc ignored) */
	{ FOP_ADD, 0x077f, { 0x3fff, 0x8000000000000000ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* 1 + 2^-64: a tie at 64 bits */
	{ FOP_ADD, 0x077f, { 0x3fff, 0x8000000000000001ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000001ull }, 0x020 }, /* odd + half ulp */
	{ FOP_SUB, 0x077f, { 0xbfff, 0x8000000000000000ull }, { 0x3fb9, 0x8000000000000001ull }, { 0xbfff, 0x8000000000000001ull }, 0x220 }, /* -1 - tiny */
	{ FOP_ADD, 0x047f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 1 + 2^-24 */
	{ FOP_ADD, 0x047f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: just above the tie */
	{ FOP_ADD, 0x067f, { 0x3fff, 0x8000000000000000ull }, { 0x3fca, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=53: 1 + 2^-53 */
	{ FOP_ADD, 0x067f, { 0xbfff, 0x8000000000000000ull }, { 0xbfc3, 0x8000000000000000ull }, { 0xbfff, 0x8000000000000800ull }, 0x220 }, /* pc=53: -1 - 2^-60 */
	{ FOP_MUL, 0x047f, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 3 * 1/3 */
	{ FOP_DIV, 0x077f, { 0x3fff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaaaull }, 0x020 }, /* 1/3 */
	{ FOP_DIV, 0x067f, { 0xbfff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0xbffd, 0xaaaaaaaaaaaab000ull }, 0x220 }, /* pc=53: -1/3 */
	{ FOP_SQRT, 0x077f, { 0x4000, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xb504f333f9de6484ull }, 0x020 }, /* sqrt 2 */
	{ FOP_SQRT, 0x047f, { 0x4000, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xddb3d70000000000ull }, 0x020 }, /* pc=24: sqrt 3 */
	{ FOP_RNDINT, 0x077f, { 0x4000, 0xa000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x4000, 0x8000000000000000ull }, 0x020 }, /* rndint 2.5 */
	{ FOP_RNDINT, 0x047f, { 0xbffe, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x220 }, /* rndint -0.75 (pc ignored) */
	{ FOP_ADD, 0x0b7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000001ull }, 0x220 }, /* 1 + 2^-64: a tie at 64 bits */
	{ FOP_ADD, 0x0b7f, { 0x3fff, 0x8000000000000001ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000002ull }, 0x220 }, /* odd + half ulp */
	{ FOP_SUB, 0x0b7f, { 0xbfff, 0x8000000000000000ull }, { 0x3fb9, 0x8000000000000001ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* -1 - tiny */
	{ FOP_ADD, 0x087f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000000ull }, { 0x3fff, 0x8000010000000000ull }, 0x220 }, /* pc=24: 1 + 2^-24 */
	{ FOP_ADD, 0x087f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000001ull }, { 0x3fff, 0x8000010000000000ull }, 0x220 }, /* pc=24: just above the tie */
	{ FOP_ADD, 0x0a7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fca, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000800ull }, 0x220 }, /* pc=53: 1 + 2^-53 */
	{ FOP_ADD, 0x0a7f, { 0xbfff, 0x8000000000000000ull }, { 0xbfc3, 0x8000000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* pc=53: -1 - 2^-60 */
	{ FOP_MUL, 0x087f, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, { 0x3fff, 0x8000010000000000ull }, 0x220 }, /* pc=24: 3 * 1/3 */
	{ FOP_DIV, 0x0b7f, { 0x3fff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, 0x220 }, /* 1/3 */
	{ FOP_DIV, 0x0a7f, { 0xbfff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0xbffd, 0xaaaaaaaaaaaaa800ull }, 0x020 }, /* pc=53: -1/3 */
	{ FOP_SQRT, 0x0b7f, { 0x4000, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xb504f333f9de6485ull }, 0x220 }, /* sqrt 2 */
	{ FOP_SQRT, 0x087f, { 0x4000, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xddb3d80000000000ull }, 0x220 }, /* pc=24: sqrt 3 */
	{ FOP_RNDINT, 0x0b7f, { 0x4000, 0xa000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x4000, 0xc000000000000000ull }, 0x220 }, /* rndint 2.5 */
	{ FOP_RNDINT, 0x087f, { 0xbffe, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, 0x020 }, /* rndint -0.75 (pc ignored) */
	{ FOP_ADD, 0x0f7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* 1 + 2^-64: a tie at 64 bits */
	{ FOP_ADD, 0x0f7f, { 0x3fff, 0x8000000000000001ull }, { 0x3fbf, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000001ull }, 0x020 }, /* odd + half ulp */
	{ FOP_SUB, 0x0f7f, { 0xbfff, 0x8000000000000000ull }, { 0x3fb9, 0x8000000000000001ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* -1 - tiny */
	{ FOP_ADD, 0x0c7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 1 + 2^-24 */
	{ FOP_ADD, 0x0c7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fe7, 0x8000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: just above the tie */
	{ FOP_ADD, 0x0e7f, { 0x3fff, 0x8000000000000000ull }, { 0x3fca, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=53: 1 + 2^-53 */
	{ FOP_ADD, 0x0e7f, { 0xbfff, 0x8000000000000000ull }, { 0xbfc3, 0x8000000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x020 }, /* pc=53: -1 - 2^-60 */
	{ FOP_MUL, 0x0c7f, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull }, { 0x3fff, 0x8000000000000000ull }, 0x020 }, /* pc=24: 3 * 1/3 */
	{ FOP_DIV, 0x0f7f, { 0x3fff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaaaull }, 0x020 }, /* 1/3 */
	{ FOP_DIV, 0x0e7f, { 0xbfff, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0xbffd, 0xaaaaaaaaaaaaa800ull }, 0x020 }, /* pc=53: -1/3 */
	{ FOP_SQRT, 0x0f7f, { 0x4000, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xb504f333f9de6484ull }, 0x020 }, /* sqrt 2 */
	{ FOP_SQRT, 0x0c7f, { 0x4000, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x3fff, 0xddb3d70000000000ull }, 0x020 }, /* pc=24: sqrt 3 */
	{ FOP_RNDINT, 0x0f7f, { 0x4000, 0xa000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x4000, 0x8000000000000000ull }, 0x020 }, /* rndint 2.5 */
	{ FOP_RNDINT, 0x0c7f, { 0xbffe, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, { 0x8000, 0x0000000000000000ull }, 0x020 }, /* rndint -0.75 (pc ignored) */
/* overflow and underflow */
	{ FOP_MUL, 0x037f, { 0x7ffe, 0xffffffffffffffffull }, { 0x4000, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, 0x228 }, /* overflow masked */
	{ FOP_MUL, 0x007f, { 0xfffe, 0xffffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull }, 0x228 }, /* pc=24: rounds to -inf or -max(24 bits) */
	{ FOP_DIV, 0x037f, { 0x0001, 0x8000000000000000ull }, { 0x4002, 0xc000000000000000ull }, { 0x0000, 0x0aaaaaaaaaaaaaabull }, 0x230 }, /* tiny and inexact: UE */
	{ FOP_MUL, 0x037f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffffffffffffffull }, 0x002 }, /* pc=64 exact denormal result: no UE */
	{ FOP_MUL, 0x007f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0001, 0x8000000000000000ull }, 0x222 }, /* pc=24: rounds up to the smallest normal (tininess after rounding) */
	{ FOP_MUL, 0x007f, { 0x0000, 0x00000000ffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x032 }, /* pc=24 denormal rounded at its fixed position */
	{ FOP_MUL, 0x077f, { 0x7ffe, 0xffffffffffffffffull }, { 0x4000, 0x8000000000000000ull }, { 0x7ffe, 0xffffffffffffffffull }, 0x028 }, /* overflow masked */
	{ FOP_MUL, 0x047f, { 0xfffe, 0xffffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull }, 0x228 }, /* pc=24: rounds to -inf or -max(24 bits) */
	{ FOP_DIV, 0x077f, { 0x0001, 0x8000000000000000ull }, { 0x4002, 0xc000000000000000ull }, { 0x0000, 0x0aaaaaaaaaaaaaaaull }, 0x030 }, /* tiny and inexact: UE */
	{ FOP_MUL, 0x077f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffffffffffffffull }, 0x002 }, /* pc=64 exact denormal result: no UE */
	{ FOP_MUL, 0x047f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffff0000000000ull }, 0x032 }, /* pc=24: rounds up to the smallest normal (tininess after rounding) */
	{ FOP_MUL, 0x047f, { 0x0000, 0x00000000ffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x032 }, /* pc=24 denormal rounded at its fixed position */
	{ FOP_MUL, 0x0b7f, { 0x7ffe, 0xffffffffffffffffull }, { 0x4000, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, 0x228 }, /* overflow masked */
	{ FOP_MUL, 0x087f, { 0xfffe, 0xffffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0xfffe, 0xffffff0000000000ull }, 0x020 }, /* pc=24: rounds to -inf or -max(24 bits) */
	{ FOP_DIV, 0x0b7f, { 0x0001, 0x8000000000000000ull }, { 0x4002, 0xc000000000000000ull }, { 0x0000, 0x0aaaaaaaaaaaaaabull }, 0x230 }, /* tiny and inexact: UE */
	{ FOP_MUL, 0x0b7f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffffffffffffffull }, 0x002 }, /* pc=64 exact denormal result: no UE */
	{ FOP_MUL, 0x087f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0001, 0x8000000000000000ull }, 0x222 }, /* pc=24: rounds up to the smallest normal (tininess after rounding) */
	{ FOP_MUL, 0x087f, { 0x0000, 0x00000000ffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000010000000000ull }, 0x232 }, /* pc=24 denormal rounded at its fixed position */
	{ FOP_MUL, 0x0f7f, { 0x7ffe, 0xffffffffffffffffull }, { 0x4000, 0x8000000000000000ull }, { 0x7ffe, 0xffffffffffffffffull }, 0x028 }, /* overflow masked */
	{ FOP_MUL, 0x0c7f, { 0xfffe, 0xffffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0xfffe, 0xffffff0000000000ull }, 0x020 }, /* pc=24: rounds to -inf or -max(24 bits) */
	{ FOP_DIV, 0x0f7f, { 0x0001, 0x8000000000000000ull }, { 0x4002, 0xc000000000000000ull }, { 0x0000, 0x0aaaaaaaaaaaaaaaull }, 0x030 }, /* tiny and inexact: UE */
	{ FOP_MUL, 0x0f7f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffffffffffffffull }, 0x002 }, /* pc=64 exact denormal result: no UE */
	{ FOP_MUL, 0x0c7f, { 0x0000, 0x7fffffffffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x7fffff0000000000ull }, 0x032 }, /* pc=24: rounds up to the smallest normal (tininess after rounding) */
	{ FOP_MUL, 0x0c7f, { 0x0000, 0x00000000ffffffffull }, { 0x3fff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x032 }, /* pc=24 denormal rounded at its fixed position */
	{ FOP_MUL, 0x0377, { 0x7ffe, 0xffffffffffffffffull }, { 0x4000, 0x8000000000000000ull }, { 0x1fff, 0xffffffffffffffffull }, 0x008 }, /* OE unmasked: exponent - 0x6000 */
	{ FOP_MUL, 0x0b77, { 0x7ffe, 0xffffffffffffffffull }, { 0x7ffe, 0xffffffffffffffffull }, { 0x5ffe, 0xffffffffffffffffull }, 0x228 }, /* OE unmasked, rounded */
	{ FOP_MUL, 0x036f, { 0x0001, 0x8000000000000000ull }, { 0x3ffe, 0x8000000000000000ull }, { 0x6000, 0x8000000000000000ull }, 0x010 }, /* UE unmasked: exponent + 0x6000, exact */
	{ FOP_DIV, 0x006f, { 0x0001, 0x8000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x5fff, 0xaaaaab0000000000ull }, 0x230 }, /* UE unmasked pc=24 */
	{ FOP_SCALE, 0x0377, { 0x3fff, 0x8000000000000000ull }, { 0x400e, 0xc000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, 0x228 }, /* fscale far beyond even the bias: inf */
	{ FOP_SCALE, 0x036f, { 0x3fff, 0x8000000000000000ull }, { 0xc00e, 0xc000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x030 }, /* fscale far below: 0 */
	{ FOP_SCALE, 0x037f, { 0x4000, 0xc000000000000000ull }, { 0xc000, 0xb000000000000000ull }, { 0x3ffe, 0xc000000000000000ull }, 0x000 }, /* fscale by -2.75 (truncated to -2) */
	{ FOP_SCALE, 0x037f, { 0x0000, 0x0000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0xc000000000000000ull }, 0x001 }, /* fscale 0 by +inf: IE */
};

START_TEST(test_f80_arith)
{
	const struct f80_vec *v = &f80_vecs[_i];
	struct fp_env e = env_cw(v->cw);
	f80 a = f80_make(v->a.se >> 15, v->a.se, v->a.sig), b = f80_make(v->b.se >> 15, v->b.se, v->b.sig), r;
	switch (v->op) {
	case FOP_ADD: r = f80_add(&e, a, b); break;
	case FOP_SUB: r = f80_sub(&e, a, b); break;
	case FOP_MUL: r = f80_mul(&e, a, b); break;
	case FOP_DIV: r = f80_div(&e, a, b); break;
	case FOP_SQRT: r = f80_sqrt(&e, a); break;
	case FOP_RNDINT: r = f80_round_int(&e, a); break;
	default: r = f80_scale(&e, a, b); break;
	}
	bool delivered = !(v->sw & ~v->cw & (FPX_IE | FPX_DE | FPX_ZE));
	ck_assert_msg((env_sw(&e) & 0x3f) == (v->sw & 0x3f), "row %d: flags %02x, want %02x", _i,
		      env_sw(&e) & 0x3f, v->sw & 0x3f);
	if (delivered) {
		ck_assert_msg(r.se == v->r.se && r.sig == v->r.sig, "row %d: %04x:%016llx, want %04x:%016llx",
			      _i, r.se, (unsigned long long)r.sig, v->r.se, (unsigned long long)v->r.sig);
		ck_assert_msg(env_sw(&e) == v->sw, "row %d: C1 %d", _i, e.c1);
	}
}
END_TEST

/* ---- f80 conversions, comparison, FXTRACT ---- */

struct int_vec {
	u16 cw;
	struct { u16 se; u64 sig; } a;
	unsigned bits;
	bool trunc;
	u64 r;
	u16 sw;
};

static const struct int_vec int_vecs[] = {
	{ 0x037f, { 0x4000, 0xa000000000000000ull }, 32, false, 0x2ull, 0x020 }, /* 2.5 */
	{ 0x037f, { 0xbfff, 0xc000000000000000ull }, 32, false, 0xfffffffeull, 0x220 }, /* -1.5 */
	{ 0x037f, { 0x400d, 0xffff000000000000ull }, 16, false, 0x8000ull, 0x001 }, /* 32767.5 */
	{ 0x077f, { 0x4000, 0xa000000000000000ull }, 32, false, 0x2ull, 0x020 }, /* 2.5 */
	{ 0x077f, { 0xbfff, 0xc000000000000000ull }, 32, false, 0xfffffffeull, 0x220 }, /* -1.5 */
	{ 0x077f, { 0x400d, 0xffff000000000000ull }, 16, false, 0x7fffull, 0x020 }, /* 32767.5 */
	{ 0x0b7f, { 0x4000, 0xa000000000000000ull }, 32, false, 0x3ull, 0x220 }, /* 2.5 */
	{ 0x0b7f, { 0xbfff, 0xc000000000000000ull }, 32, false, 0xffffffffull, 0x020 }, /* -1.5 */
	{ 0x0b7f, { 0x400d, 0xffff000000000000ull }, 16, false, 0x8000ull, 0x001 }, /* 32767.5 */
	{ 0x0f7f, { 0x4000, 0xa000000000000000ull }, 32, false, 0x2ull, 0x020 }, /* 2.5 */
	{ 0x0f7f, { 0xbfff, 0xc000000000000000ull }, 32, false, 0xffffffffull, 0x020 }, /* -1.5 */
	{ 0x0f7f, { 0x400d, 0xffff000000000000ull }, 16, false, 0x7fffull, 0x020 }, /* 32767.5 */
	{ 0x037f, { 0xc00e, 0x8000000000000000ull }, 16, false, 0x8000ull, 0x000 }, /* -32768 fits */
	{ 0x037f, { 0x400e, 0x8000000000000000ull }, 16, false, 0x8000ull, 0x001 }, /* 32768: IE, indefinite */
	{ 0x037f, { 0x7fff, 0xc000000000000000ull }, 32, false, 0x80000000ull, 0x001 }, /* NaN: IE */
	{ 0x037f, { 0xc03e, 0x8000000000000000ull }, 64, false, 0x8000000000000000ull, 0x000 }, /* -2^63 fits */
	{ 0x037f, { 0x403e, 0x8000000000000000ull }, 64, false, 0x8000000000000000ull, 0x001 }, /* 2^63: IE */
	{ 0x037f, { 0xbfff, 0xf333333333333333ull }, 32, true, 0xffffffffull, 0x020 }, /* fisttp -1.9 */
	{ 0x077f, { 0x8000, 0x0000000000000001ull }, 32, false, 0xffffffffull, 0x220 }, /* denormal rounded down: -1, no DE */
	{ 0x0b7f, { 0x403d, 0xffffffffffffffffull }, 64, true, 0x7fffffffffffffffull, 0x020 }, /* fisttp ignores rc */
	{ 0x037e, { 0x401f, 0x8000000000000000ull }, 32, false, 0x0ull, 0x001 }, /* IE unmasked: no store */
};

START_TEST(test_f80_to_int)
{
	const struct int_vec *v = &int_vecs[_i];
	struct fp_env e = env_cw(v->cw);
	u64 r = (u64)f80_to_int(&e, f80_make(v->a.se >> 15, v->a.se, v->a.sig), v->bits, v->trunc);
	u64 mask = v->bits == 64 ? ~0ull : (1ull << v->bits) - 1;
	ck_assert_msg(env_sw(&e) == v->sw, "row %d: sw %03x, want %03x", _i, env_sw(&e), v->sw);
	if (!(v->sw & ~v->cw & FPX_IE)) /* unmasked IE: nothing stored */
		ck_assert_msg((r & mask) == v->r, "row %d: %llx, want %llx", _i,
			      (unsigned long long)(r & mask), (unsigned long long)v->r);
}
END_TEST

struct store_vec {
	u16 cw;
	struct { u16 se; u64 sig; } a;
	unsigned bits;
	u64 r;
	u16 sw;
};

static const struct store_vec store_vecs[] = {
	{ 0x037f, { 0x3fff, 0x8000008000000000ull }, 32, 0x3f800000ull, 0x020 }, /* f32 tie */
	{ 0x037f, { 0xc07f, 0x8000000000000000ull }, 32, 0xff800000ull, 0x228 }, /* f32 overflow */
	{ 0x037f, { 0x3c00, 0xffffffffffffffffull }, 64, 0x10000000000000ull, 0x220 }, /* f64 just below the smallest normal */
	{ 0x077f, { 0x3fff, 0x8000008000000000ull }, 32, 0x3f800000ull, 0x020 }, /* f32 tie */
	{ 0x077f, { 0xc07f, 0x8000000000000000ull }, 32, 0xff800000ull, 0x228 }, /* f32 overflow */
	{ 0x077f, { 0x3c00, 0xffffffffffffffffull }, 64, 0xfffffffffffffull, 0x030 }, /* f64 just below the smallest normal */
	{ 0x0b7f, { 0x3fff, 0x8000008000000000ull }, 32, 0x3f800001ull, 0x220 }, /* f32 tie */
	{ 0x0b7f, { 0xc07f, 0x8000000000000000ull }, 32, 0xff7fffffull, 0x028 }, /* f32 overflow */
	{ 0x0b7f, { 0x3c00, 0xffffffffffffffffull }, 64, 0x10000000000000ull, 0x220 }, /* f64 just below the smallest normal */
	{ 0x0f7f, { 0x3fff, 0x8000008000000000ull }, 32, 0x3f800000ull, 0x020 }, /* f32 tie */
	{ 0x0f7f, { 0xc07f, 0x8000000000000000ull }, 32, 0xff7fffffull, 0x028 }, /* f32 overflow */
	{ 0x0f7f, { 0x3c00, 0xffffffffffffffffull }, 64, 0xfffffffffffffull, 0x030 }, /* f64 just below the smallest normal */
	{ 0x007f, { 0x3fff, 0x8000000000000001ull }, 32, 0x3f800000ull, 0x020 }, /* pc does not apply to stores */
	{ 0x037f, { 0x7fff, 0x8000012345678000ull }, 32, 0x7fc00001ull, 0x001 }, /* SNaN: IE, quieted, truncated */
	{ 0x037f, { 0x3fff, 0x4000000000000000ull }, 64, 0xfff8000000000000ull, 0x001 }, /* unnormal: IE, default NaN */
	{ 0x0377, { 0x4200, 0x8000000000000000ull }, 32, 0x0ull, 0x008 }, /* OE unmasked: OE alone, no store */
	{ 0x036f, { 0x3e00, 0x8000000000000001ull }, 32, 0x0ull, 0x010 }, /* UE unmasked: UE alone */
	{ 0x037f, { 0x0000, 0x8000000000000000ull }, 64, 0x0ull, 0x030 }, /* pseudo-denormal to f64: 0, UE PE, no DE */
};

START_TEST(test_f80_store)
{
	const struct store_vec *v = &store_vecs[_i];
	struct fp_env e = env_cw(v->cw);
	f80 a = f80_make(v->a.se >> 15, v->a.se, v->a.sig);
	u64 r = v->bits == 32 ? f80_to_f32(&e, a) : f80_to_f64(&e, a);
	ck_assert_msg(env_sw(&e) == v->sw, "row %d: sw %03x, want %03x", _i, env_sw(&e), v->sw);
	if (!(v->sw & ~v->cw & 0x1f)) /* unmasked IE/OE/UE: nothing stored */
		ck_assert_msg(r == v->r, "row %d: %llx, want %llx", _i, (unsigned long long)r,
			      (unsigned long long)v->r);
}
END_TEST

struct load_vec {
	unsigned bits;
	u64 a;
	struct { u16 se; u64 sig; } r;
	u16 sw;
};

static const struct load_vec load_vecs[] = {
	{ 32, 0x7f800001ull, { 0x7fff, 0xc000010000000000ull }, 0x001 }, /* f32 SNaN: IE */
	{ 32, 0x1ull, { 0x3f6a, 0x8000000000000000ull }, 0x002 }, /* f32 smallest denormal: DE */
	{ 32, 0xff800000ull, { 0xffff, 0x8000000000000000ull }, 0x000 }, /* -inf */
	{ 64, 0xfffffffffffffull, { 0x3c00, 0xfffffffffffff000ull }, 0x002 }, /* f64 largest denormal: DE */
	{ 64, 0xfff8000000000001ull, { 0xffff, 0xc000000000000800ull }, 0x000 }, /* f64 QNaN */
};

START_TEST(test_f80_load)
{
	const struct load_vec *v = &load_vecs[_i];
	struct fp_env e = env_cw(0x37f);
	f80 r = v->bits == 32 ? f80_from_f32(&e, (u32)v->a) : f80_from_f64(&e, v->a);
	ck_assert_msg(r.se == v->r.se && r.sig == v->r.sig && env_sw(&e) == v->sw,
		      "row %d: %04x:%016llx sw %03x", _i, r.se, (unsigned long long)r.sig, env_sw(&e));
}
END_TEST

struct cmp_vec {
	bool quiet;
	struct { u16 se; u64 sig; } a, b;
	u16 sw; /* flags and C3 C2 C0 */
};

static const struct cmp_vec cmp_vecs[] = {
	{ false, { 0x7fff, 0xc000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x4501 }, /* FCOM QNaN: IE */
	{ true, { 0x7fff, 0xc000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x4500 }, /* FUCOM QNaN: no IE */
	{ true, { 0x7fff, 0x8000000000000001ull }, { 0x3fff, 0x8000000000000000ull }, 0x4501 }, /* FUCOM SNaN: IE */
	{ false, { 0x8000, 0x0000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x4000 }, /* -0 == +0 */
	{ false, { 0x0000, 0x0000000000000001ull }, { 0x0000, 0x0000000000000000ull }, 0x0002 }, /* denormal > 0: DE */
	{ false, { 0x3fff, 0x4000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x4501 }, /* unnormal: IE, unordered */
	{ false, { 0xbfff, 0x8000000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x0100 }, /* -1 < 1 */
	{ false, { 0x0000, 0x8000000000000000ull }, { 0x0001, 0x8000000000000000ull }, 0x4002 }, /* pseudo-denormal == smallest normal */
};

START_TEST(test_f80_compare)
{
	static const u16 cc[] = { 0x0100, 0x4000, 0x0000, 0x4500 }; /* LT EQ GT UN */
	const struct cmp_vec *v = &cmp_vecs[_i];
	struct fp_env e = env_cw(0x37f);
	int c = f80_compare(&e, f80_make(v->a.se >> 15, v->a.se, v->a.sig),
			    f80_make(v->b.se >> 15, v->b.se, v->b.sig), v->quiet);
	ck_assert_msg((env_sw(&e) | cc[c]) == v->sw, "row %d: %04x, want %04x", _i,
		      env_sw(&e) | cc[c], v->sw);
}
END_TEST

struct xtract_vec {
	struct { u16 se; u64 sig; } a, exp, sig;
	u16 sw;
};

static const struct xtract_vec xtract_vecs[] = {
	{ { 0x4002, 0xc000000000000000ull }, { 0x4000, 0xc000000000000000ull }, { 0x3fff, 0xc000000000000000ull }, 0x000 }, /* 12 = 1.5 * 2^3 */
	{ { 0x8000, 0x0000000000000001ull }, { 0xc00d, 0x807a000000000000ull }, { 0xbfff, 0x8000000000000000ull }, 0x002 }, /* -denormal: DE, normalized */
	{ { 0x0000, 0x0000000000000000ull }, { 0xffff, 0x8000000000000000ull }, { 0x0000, 0x0000000000000000ull }, 0x004 }, /* 0: ZE, -inf */
	{ { 0xffff, 0x8000000000000000ull }, { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull }, 0x000 }, /* -inf */
	{ { 0x0000, 0x8000000000000000ull }, { 0xc00c, 0xfff8000000000000ull }, { 0x3fff, 0x8000000000000000ull }, 0x002 }, /* pseudo-denormal: DE */
};

START_TEST(test_f80_xtract)
{
	const struct xtract_vec *v = &xtract_vecs[_i];
	struct fp_env e = env_cw(0x37f);
	f80 x, s;
	f80_xtract(&e, f80_make(v->a.se >> 15, v->a.se, v->a.sig), &x, &s);
	ck_assert_msg(x.se == v->exp.se && x.sig == v->exp.sig, "row %d: exponent %04x:%016llx", _i,
		      x.se, (unsigned long long)x.sig);
	ck_assert_msg(s.se == v->sig.se && s.sig == v->sig.sig, "row %d: significand %04x:%016llx",
		      _i, s.se, (unsigned long long)s.sig);
	ck_assert_msg(env_sw(&e) == v->sw, "row %d: sw %03x", _i, env_sw(&e));
}
END_TEST

START_TEST(test_f80_misc)
{
	ck_assert_int_eq(f80_classify(f80_make(0, 0, 0)), FPC_ZERO);
	ck_assert_int_eq(f80_classify(f80_make(1, 0, 1ull << 63)), FPC_DENORMAL);
	ck_assert(f80_is_pseudo_denormal(f80_make(1, 0, 1ull << 63)));
	ck_assert(!f80_is_pseudo_denormal(f80_make(1, 0, 1)));
	ck_assert_int_eq(f80_classify(f80_make(0, 5, 1ull << 62)), FPC_UNSUPPORTED);
	ck_assert_int_eq(f80_classify(f80_make(0, 0x7fff, 0)), FPC_UNSUPPORTED);
	ck_assert_int_eq(f80_classify(f80_make(0, 0x7fff, 1ull << 63)), FPC_INF);
	ck_assert_int_eq(f80_classify(f80_make(0, 0x7fff, 3ull << 62)), FPC_QNAN);
	ck_assert_int_eq(f80_classify(f80_make(0, 0x7fff, (1ull << 63) | 1)), FPC_SNAN);
	ck_assert_int_eq(f80_classify(f80_make(0, 0x3fff, 1ull << 63)), FPC_NORMAL);
	f80 m = f80_from_i64(INT64_MIN), p = f80_from_i64(-3);
	ck_assert(m.se == 0xc03e && m.sig == 1ull << 63);
	ck_assert(p.se == 0xc000 && p.sig == 0xc000000000000000ull);
	ck_assert(f80_from_i64(0).se == 0 && f80_from_i64(0).sig == 0);
	/* f80_round_pack directly: 1 + 2^-24 + 2^-100 at pc=24 rounds up (C1) */
	struct fp_env e = env_cw(0x007f);
	f80 r = f80_round_pack(&e, false, 0x3fff, (1ull << 63) | (1ull << 39), 1ull << 36, 24);
	ck_assert(r.se == 0x3fff && r.sig == ((1ull << 63) | (1ull << 40)) && e.c1 && e.flags == FPX_PE);
}
END_TEST

/* ---- SSE f32/f64 ---- */

enum { SOP_ADD32, SOP_SUB32, SOP_MUL32, SOP_DIV32, SOP_SQRT32, SOP_MIN32, SOP_MAX32, SOP_COMI32,
       SOP_UCOMI32, SOP_ADD64, SOP_MUL64, SOP_DIV64, SOP_SQRT64, SOP_MIN64, SOP_COMI64,
       SOP_CVT32TO64, SOP_CVT64TO32, SOP_CVTI2F32, SOP_CVT32TOI, SOP_CVTT32TOI, SOP_CVT64TOI,
       SOP_CVTT64TOI };

struct sse_vec {
	int op;
	u32 mxcsr;
	u64 a, b, r; /* compares: r is FP_LT/EQ/GT/UN */
	u8 flags;
};

static const struct sse_vec sse_vecs[] = {
	{ SOP_ADD32, 0x1f80, 0x123ull, 0x3f800000ull, 0x3f800000ull, 0x22 }, /* denormal operand: DE */
	{ SOP_ADD32, 0x1fc0, 0x123ull, 0x3f800000ull, 0x3f800000ull, 0x00 }, /* DAZ: read as zero, no DE */
	{ SOP_MUL32, 0x1fc0, 0x80400000ull, 0x3f800000ull, 0x80000000ull, 0x00 }, /* DAZ: -denormal * 1 = -0 */
	{ SOP_MUL32, 0x1f80, 0x800000ull, 0x3f000001ull, 0x400000ull, 0x30 }, /* tiny, inexact: UE PE */
	{ SOP_MUL32, 0x9f80, 0x800000ull, 0x3f000001ull, 0x0ull, 0x30 }, /* FTZ: +0, UE PE */
	{ SOP_MUL32, 0x9f80, 0x800000ull, 0x3f000000ull, 0x0ull, 0x30 }, /* FTZ on an exact tiny result */
	{ SOP_MUL32, 0x5f80, 0x3f7fffffull, 0x800001ull, 0x800001ull, 0x20 }, /* rounds up to the smallest normal: not tiny */
	{ SOP_ADD32, 0x1f80, 0x7fc00001ull, 0x7f800005ull, 0x7fc00001ull, 0x01 }, /* QNaN, SNaN: the first, IE */
	{ SOP_ADD32, 0x1f80, 0x7f800005ull, 0x7fc00001ull, 0x7fc00005ull, 0x01 }, /* SNaN, QNaN: the first quieted, IE */
	{ SOP_ADD32, 0x1f80, 0x3f800000ull, 0xffc00002ull, 0xffc00002ull, 0x00 }, /* 1 + -QNaN: the NaN */
	{ SOP_MUL32, 0x1f80, 0x0ull, 0x7f800000ull, 0xffc00000ull, 0x01 }, /* 0 * inf: default NaN, IE */
	{ SOP_SUB32, 0x1f80, 0x7f800000ull, 0x7f800000ull, 0xffc00000ull, 0x01 }, /* inf - inf: default NaN */
	{ SOP_DIV32, 0x1f80, 0x3f800000ull, 0x0ull, 0x7f800000ull, 0x04 }, /* 1/0: ZE */
	{ SOP_DIV32, 0x1f80, 0x123ull, 0x80000000ull, 0xff800000ull, 0x04 }, /* denormal/-0: ZE alone */
	{ SOP_SQRT32, 0x1f80, 0xbf800000ull, 0x0ull, 0xffc00000ull, 0x01 }, /* sqrt(-1): default NaN */
	{ SOP_SQRT32, 0x1f80, 0x80000001ull, 0x0ull, 0xffc00000ull, 0x01 }, /* sqrt(-denormal): IE alone */
	{ SOP_SQRT32, 0x1fc0, 0x80000001ull, 0x0ull, 0x80000000ull, 0x00 }, /* DAZ: sqrt(-denormal) = -0 */
	{ SOP_MIN32, 0x1f80, 0x0ull, 0x80000000ull, 0x80000000ull, 0x00 }, /* min(+0, -0): the second */
	{ SOP_MIN32, 0x1f80, 0x80000000ull, 0x0ull, 0x0ull, 0x00 }, /* min(-0, +0): the second */
	{ SOP_MIN32, 0x1f80, 0x7fc00001ull, 0x3f800000ull, 0x3f800000ull, 0x01 }, /* min(QNaN, 1): 1, IE */
	{ SOP_MAX32, 0x1f80, 0x3f800000ull, 0x7f800005ull, 0x7f800005ull, 0x01 }, /* max(1, SNaN): the SNaN unquieted, IE */
	{ SOP_MAX32, 0x1fc0, 0x123ull, 0x80000000ull, 0x80000000ull, 0x00 }, /* DAZ max(denormal, -0) */
	{ SOP_MAX32, 0x1f80, 0x123ull, 0x80000000ull, 0x123ull, 0x02 }, /* max(denormal, -0): DE */
	{ SOP_COMI32, 0x1f80, 0x7fc00001ull, 0x3f800000ull, 0x3ull, 0x01 }, /* COMISS QNaN: IE */
	{ SOP_UCOMI32, 0x1f80, 0x7fc00001ull, 0x3f800000ull, 0x3ull, 0x00 }, /* UCOMISS QNaN: no IE */
	{ SOP_UCOMI32, 0x1f80, 0x7f800005ull, 0x3f800000ull, 0x3ull, 0x01 }, /* UCOMISS SNaN: IE */
	{ SOP_COMI32, 0x1f80, 0x80000000ull, 0x0ull, 0x1ull, 0x00 }, /* -0 == +0 */
	{ SOP_COMI32, 0x1f80, 0x123ull, 0x0ull, 0x2ull, 0x02 }, /* denormal > 0, DE */
	{ SOP_COMI32, 0x1fc0, 0x123ull, 0x0ull, 0x1ull, 0x00 }, /* DAZ: denormal == 0 */
	{ SOP_ADD32, 0x1f80, 0x3f800000ull, 0x33800000ull, 0x3f800000ull, 0x20 }, /* 1 + 2^-24: a tie */
	{ SOP_ADD32, 0x1f80, 0xbf800001ull, 0xb3800000ull, 0xbf800002ull, 0x20 }, /* -odd - half ulp */
	{ SOP_MUL32, 0x1f80, 0x7f7fffffull, 0x40000000ull, 0x7f800000ull, 0x28 }, /* overflow */
	{ SOP_DIV64, 0x1f80, 0x3ff0000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull, 0x20 }, /* 1/3 */
	{ SOP_SQRT64, 0x1f80, 0x4000000000000000ull, 0x0ull, 0x3ff6a09e667f3bcdull, 0x20 }, /* sqrt 2 */
	{ SOP_CVT64TO32, 0x1f80, 0x3ff0000010000000ull, 0x0ull, 0x3f800000ull, 0x20 }, /* f64 -> f32 tie */
	{ SOP_CVT64TO32, 0x1f80, 0x47f0000000000000ull, 0x0ull, 0x7f800000ull, 0x28 }, /* f64 -> f32 overflow */
	{ SOP_CVT64TO32, 0x1f80, 0x380fffffffffffffull, 0x0ull, 0x800000ull, 0x20 }, /* f64 -> f32 just below the f32 smallest normal */
	{ SOP_CVTI2F32, 0x1f80, 0x7fffffffull, 0x0ull, 0x4f000000ull, 0x20 }, /* int 2^31-1 -> f32 */
	{ SOP_CVT32TOI, 0x1f80, 0x40200000ull, 0x0ull, 0x2ull, 0x20 }, /* cvtss2si 2.5 */
	{ SOP_CVT32TOI, 0x1f80, 0xbfc00000ull, 0x0ull, 0xfffffffeull, 0x20 }, /* cvtss2si -1.5 */
	{ SOP_CVT64TOI, 0x1f80, 0xc1e0000000100000ull, 0x0ull, 0x80000000ull, 0x20 }, /* cvtsd2si -2^31 - 0.5 */
	{ SOP_ADD32, 0x3f80, 0x3f800000ull, 0x33800000ull, 0x3f800000ull, 0x20 }, /* 1 + 2^-24: a tie */
	{ SOP_ADD32, 0x3f80, 0xbf800001ull, 0xb3800000ull, 0xbf800002ull, 0x20 }, /* -odd - half ulp */
	{ SOP_MUL32, 0x3f80, 0x7f7fffffull, 0x40000000ull, 0x7f7fffffull, 0x28 }, /* overflow */
	{ SOP_DIV64, 0x3f80, 0x3ff0000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull, 0x20 }, /* 1/3 */
	{ SOP_SQRT64, 0x3f80, 0x4000000000000000ull, 0x0ull, 0x3ff6a09e667f3bccull, 0x20 }, /* sqrt 2 */
	{ SOP_CVT64TO32, 0x3f80, 0x3ff0000010000000ull, 0x0ull, 0x3f800000ull, 0x20 }, /* f64 -> f32 tie */
	{ SOP_CVT64TO32, 0x3f80, 0x47f0000000000000ull, 0x0ull, 0x7f7fffffull, 0x28 }, /* f64 -> f32 overflow */
	{ SOP_CVT64TO32, 0x3f80, 0x380fffffffffffffull, 0x0ull, 0x7fffffull, 0x30 }, /* f64 -> f32 just below the f32 smallest normal */
	{ SOP_CVTI2F32, 0x3f80, 0x7fffffffull, 0x0ull, 0x4effffffull, 0x20 }, /* int 2^31-1 -> f32 */
	{ SOP_CVT32TOI, 0x3f80, 0x40200000ull, 0x0ull, 0x2ull, 0x20 }, /* cvtss2si 2.5 */
	{ SOP_CVT32TOI, 0x3f80, 0xbfc00000ull, 0x0ull, 0xfffffffeull, 0x20 }, /* cvtss2si -1.5 */
	{ SOP_CVT64TOI, 0x3f80, 0xc1e0000000100000ull, 0x0ull, 0x80000000ull, 0x01 }, /* cvtsd2si -2^31 - 0.5 */
	{ SOP_ADD32, 0x5f80, 0x3f800000ull, 0x33800000ull, 0x3f800001ull, 0x20 }, /* 1 + 2^-24: a tie */
	{ SOP_ADD32, 0x5f80, 0xbf800001ull, 0xb3800000ull, 0xbf800001ull, 0x20 }, /* -odd - half ulp */
	{ SOP_MUL32, 0x5f80, 0x7f7fffffull, 0x40000000ull, 0x7f800000ull, 0x28 }, /* overflow */
	{ SOP_DIV64, 0x5f80, 0x3ff0000000000000ull, 0x4008000000000000ull, 0x3fd5555555555556ull, 0x20 }, /* 1/3 */
	{ SOP_SQRT64, 0x5f80, 0x4000000000000000ull, 0x0ull, 0x3ff6a09e667f3bcdull, 0x20 }, /* sqrt 2 */
	{ SOP_CVT64TO32, 0x5f80, 0x3ff0000010000000ull, 0x0ull, 0x3f800001ull, 0x20 }, /* f64 -> f32 tie */
	{ SOP_CVT64TO32, 0x5f80, 0x47f0000000000000ull, 0x0ull, 0x7f800000ull, 0x28 }, /* f64 -> f32 overflow */
	{ SOP_CVT64TO32, 0x5f80, 0x380fffffffffffffull, 0x0ull, 0x800000ull, 0x20 }, /* f64 -> f32 just below the f32 smallest normal */
	{ SOP_CVTI2F32, 0x5f80, 0x7fffffffull, 0x0ull, 0x4f000000ull, 0x20 }, /* int 2^31-1 -> f32 */
	{ SOP_CVT32TOI, 0x5f80, 0x40200000ull, 0x0ull, 0x3ull, 0x20 }, /* cvtss2si 2.5 */
	{ SOP_CVT32TOI, 0x5f80, 0xbfc00000ull, 0x0ull, 0xffffffffull, 0x20 }, /* cvtss2si -1.5 */
	{ SOP_CVT64TOI, 0x5f80, 0xc1e0000000100000ull, 0x0ull, 0x80000000ull, 0x20 }, /* cvtsd2si -2^31 - 0.5 */
	{ SOP_ADD32, 0x7f80, 0x3f800000ull, 0x33800000ull, 0x3f800000ull, 0x20 }, /* 1 + 2^-24: a tie */
	{ SOP_ADD32, 0x7f80, 0xbf800001ull, 0xb3800000ull, 0xbf800001ull, 0x20 }, /* -odd - half ulp */
	{ SOP_MUL32, 0x7f80, 0x7f7fffffull, 0x40000000ull, 0x7f7fffffull, 0x28 }, /* overflow */
	{ SOP_DIV64, 0x7f80, 0x3ff0000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull, 0x20 }, /* 1/3 */
	{ SOP_SQRT64, 0x7f80, 0x4000000000000000ull, 0x0ull, 0x3ff6a09e667f3bccull, 0x20 }, /* sqrt 2 */
	{ SOP_CVT64TO32, 0x7f80, 0x3ff0000010000000ull, 0x0ull, 0x3f800000ull, 0x20 }, /* f64 -> f32 tie */
	{ SOP_CVT64TO32, 0x7f80, 0x47f0000000000000ull, 0x0ull, 0x7f7fffffull, 0x28 }, /* f64 -> f32 overflow */
	{ SOP_CVT64TO32, 0x7f80, 0x380fffffffffffffull, 0x0ull, 0x7fffffull, 0x30 }, /* f64 -> f32 just below the f32 smallest normal */
	{ SOP_CVTI2F32, 0x7f80, 0x7fffffffull, 0x0ull, 0x4effffffull, 0x20 }, /* int 2^31-1 -> f32 */
	{ SOP_CVT32TOI, 0x7f80, 0x40200000ull, 0x0ull, 0x2ull, 0x20 }, /* cvtss2si 2.5 */
	{ SOP_CVT32TOI, 0x7f80, 0xbfc00000ull, 0x0ull, 0xffffffffull, 0x20 }, /* cvtss2si -1.5 */
	{ SOP_CVT64TOI, 0x7f80, 0xc1e0000000100000ull, 0x0ull, 0x80000000ull, 0x20 }, /* cvtsd2si -2^31 - 0.5 */
	{ SOP_ADD64, 0x1f80, 0x123ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x22 }, /* f64 denormal: DE */
	{ SOP_ADD64, 0x9fc0, 0x123ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x00 }, /* f64 DAZ */
	{ SOP_MUL64, 0x9f80, 0x10000000000000ull, 0x3fe0000000000001ull, 0x0ull, 0x30 }, /* f64 FTZ */
	{ SOP_MIN64, 0x1f80, 0x7ff8000000000000ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x01 }, /* f64 min(QNaN, 1) */
	{ SOP_COMI64, 0x1f80, 0x3ff0000000000000ull, 0x7ff0000000000001ull, 0x3ull, 0x01 }, /* f64 COMISD SNaN */
	{ SOP_CVT32TO64, 0x1f80, 0x7f800005ull, 0x0ull, 0x7ff80000a0000000ull, 0x01 }, /* f32 SNaN -> f64: IE, quieted */
	{ SOP_CVT32TO64, 0x1f80, 0x123ull, 0x0ull, 0x3722300000000000ull, 0x02 }, /* f32 denormal -> f64: DE, exact */
	{ SOP_CVT32TO64, 0x1fc0, 0x123ull, 0x0ull, 0x0ull, 0x00 }, /* DAZ: f32 denormal -> f64 zero */
	{ SOP_CVT64TO32, 0x1f80, 0x7ff0000000000001ull, 0x0ull, 0x7fc00000ull, 0x01 }, /* f64 SNaN -> f32: IE, truncated, quieted */
	{ SOP_CVT32TOI, 0x1f80, 0x4f000000ull, 0x0ull, 0x80000000ull, 0x01 }, /* cvtss2si 2^31: IE, indefinite */
	{ SOP_CVT32TOI, 0x1f80, 0x7fc00001ull, 0x0ull, 0x80000000ull, 0x01 }, /* cvtss2si NaN: IE */
	{ SOP_CVTT32TOI, 0x1f80, 0xc0399999ull, 0x0ull, 0xfffffffeull, 0x20 }, /* cvttss2si -2.9 */
	{ SOP_CVTT64TOI, 0x1f80, 0xc1e00000001fffffull, 0x0ull, 0x80000000ull, 0x20 }, /* cvttsd2si -2^31 - a fraction */
	{ SOP_CVT32TOI, 0x1f80, 0x123ull, 0x0ull, 0x0ull, 0x20 }, /* cvtss2si denormal: PE, no DE */
};

static u64 sse_run(struct fp_env *e, int op, u64 a, u64 b)
{
	u32 a32 = (u32)a, b32 = (u32)b;
	switch (op) {
	case SOP_ADD32: return f32_add(e, a32, b32);
	case SOP_SUB32: return f32_sub(e, a32, b32);
	case SOP_MUL32: return f32_mul(e, a32, b32);
	case SOP_DIV32: return f32_div(e, a32, b32);
	case SOP_SQRT32: return f32_sqrt(e, a32);
	case SOP_MIN32: return f32_min(e, a32, b32);
	case SOP_MAX32: return f32_max(e, a32, b32);
	case SOP_COMI32: return (u64)f32_compare(e, a32, b32, false);
	case SOP_UCOMI32: return (u64)f32_compare(e, a32, b32, true);
	case SOP_ADD64: return f64_add(e, a, b);
	case SOP_MUL64: return f64_mul(e, a, b);
	case SOP_DIV64: return f64_div(e, a, b);
	case SOP_SQRT64: return f64_sqrt(e, a);
	case SOP_MIN64: return f64_min(e, a, b);
	case SOP_COMI64: return (u64)f64_compare(e, a, b, false);
	case SOP_CVT32TO64: return f32_to_f64(e, a32);
	case SOP_CVT64TO32: return f64_to_f32(e, a);
	case SOP_CVTI2F32: return f32_from_i32(e, (s32)a32);
	case SOP_CVT32TOI: return (u32)f32_to_i32(e, a32, false);
	case SOP_CVTT32TOI: return (u32)f32_to_i32(e, a32, true);
	case SOP_CVT64TOI: return (u32)f64_to_i32(e, a, false);
	default: return (u32)f64_to_i32(e, a, true);
	}
}

START_TEST(test_sse)
{
	const struct sse_vec *v = &sse_vecs[_i];
	struct fp_env e = env_mxcsr(v->mxcsr);
	u64 r = sse_run(&e, v->op, v->a, v->b);
	ck_assert_msg(r == v->r && e.flags == v->flags, "row %d: %llx flags %02x, want %llx %02x", _i,
		      (unsigned long long)r, e.flags, (unsigned long long)v->r, v->flags);
}
END_TEST

START_TEST(test_sse_exact_int)
{
	ck_assert_uint_eq(f64_from_i32(INT32_MIN), 0xc1e0000000000000ull);
	ck_assert_uint_eq(f64_from_i32(-1), 0xbff0000000000000ull);
	ck_assert_uint_eq(f64_from_i32(0), 0);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *fp_suite(void)
{
	Suite *s = suite_create("fp");
	TCase *tc = tcase_create("f80");
	tcase_add_loop_test(tc, test_f80_arith, 0, N(f80_vecs));
	tcase_add_loop_test(tc, test_f80_to_int, 0, N(int_vecs));
	tcase_add_loop_test(tc, test_f80_store, 0, N(store_vecs));
	tcase_add_loop_test(tc, test_f80_load, 0, N(load_vecs));
	tcase_add_loop_test(tc, test_f80_compare, 0, N(cmp_vecs));
	tcase_add_loop_test(tc, test_f80_xtract, 0, N(xtract_vecs));
	tcase_add_test(tc, test_f80_misc);
	suite_add_tcase(s, tc);
	tc = tcase_create("sse");
	tcase_add_loop_test(tc, test_sse, 0, N(sse_vecs));
	tcase_add_test(tc, test_sse_exact_int);
	suite_add_tcase(s, tc);
	return s;
}
