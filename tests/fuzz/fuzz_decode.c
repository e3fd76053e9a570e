/* fuzz_decode.c - libFuzzer target for the instruction decoder.
 *
 * Input: one mode byte (bit 0 set: 32-bit protected mode, clear: 16-bit
 * real mode), then code bytes. The target walks the code instruction by
 * instruction, as the block translator does (decode_one() in block.c:
 * at most INSN_MAX_LEN + 1 bytes at a time, fewer at the end), and checks
 * what the rest of xlat relies on:
 *   - with INSN_MAX_LEN or more bytes at hand the decoder always finishes;
 *   - the length is 1..INSN_MAX_LEN and never more than the bytes given,
 *     and a handler is always set;
 *   - operand fields index inside the register file and segment array;
 *   - decoding is a pure function of the bytes (same input, same insn);
 *   - a cut-short buffer either asks for more bytes (returns 0) or yields
 *     exactly what the whole buffer yields, since the translator decodes
 *     from what is left of a page before fetching the next one.
 * With capstone, the length of every instruction xlat accepts is compared
 * with capstone's; the exceptions are listed at known_length_mismatch().
 *
 * Regression inputs for bugs this target found, all fixed since:
 *   - corpus/decode/bug-short-gp: 13 x F0 gave #GP of length 15 from 13
 *     bytes, where more bytes could still make a legal instruction;
 *   - bug-prefix-toggle: 66 66 E8 cw, a repeated 66 toggled the size back;
 *   - bug-long-ud: 14 x 3E, FE D0, an undefined opcode ending past byte 15
 *     gave #UD of length 16 instead of #GP of length 15. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "xlat/insn.h"
#include "cpu/ops/ops.h"
#if HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

#define CODE_EIP 0x1000u
#define MAX_REG_FIELD 26u /* register numbers < 8, byte-register offsets <= 25 */

static void fail(const char *what, const u8 *p, unsigned n, u32 mk)
{
	fprintf(stderr, "fuzz_decode: %s (mode_key 0x%x) bytes:", what, mk);
	for (unsigned i = 0; i < n && i < 2 * INSN_MAX_LEN; i++)
		fprintf(stderr, " %02x", p[i]);
	fprintf(stderr, "\n");
	abort();
}

/* Decode into a zeroed struct, so memcmp() of two results never sees
 * stale padding (should struct insn ever get some). */
static unsigned decode0(struct insn *in, const u8 *p, unsigned n, u32 eip, u32 mk)
{
	memset(in, 0, sizeof(*in));
	return decode_insn(in, p, n, eip, mk);
}

static bool is_invalid(const struct insn *in)
{
	return in->fn == op_ud_fn() || in->fn == op_gp_fn();
}

static bool reg_ok(unsigned r) { return r < 8 || r == R_NONE; }

/* Is the opcode after the prefixes an x87 escape (D8-DF)? */
static bool is_x87(const u8 *p, unsigned n)
{
	static const u8 prefixes[] = { 0x66, 0x67, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0xf0, 0xf2, 0xf3 };
	for (unsigned i = 0; i < n; i++) {
		if (!memchr(prefixes, p[i], sizeof(prefixes)))
			return p[i] >= 0xd8 && p[i] <= 0xdf;
	}
	return false;
}

static void check_fields(const struct insn *in, const u8 *p, unsigned n, u32 mk)
{
	if (!in->fn)
		fail("no handler", p, n, mk);
	if (in->seg >= S_NSEG)
		fail("segment out of range", p, n, mk);
	if (in->flags & INSN_MEM) {
		if (!reg_ok(in->base) || !reg_ok(in->index) || in->scale > 3)
			fail("memory operand register out of range", p, n, mk);
	}
	if (is_invalid(in))
		return; /* the #UD and #GP handlers read no operand field */
	if (in->d >= MAX_REG_FIELD)
		fail("destination register out of range", p, n, mk);
	/* x87 rows keep the raw ModRM byte in s (FORM_X87) */
	if (in->s >= MAX_REG_FIELD && !is_x87(p, n))
		fail("source register out of range", p, n, mk);
}

/* Every shorter view of the bytes must ask for more or agree. */
static void check_truncation(const struct insn *full, const u8 *p, u32 eip, u32 mk)
{
	for (unsigned k = 1; k < full->len; k++) {
		struct insn t;
		unsigned len = decode0(&t, p, k, eip, mk);
		if (len && memcmp(&t, full, sizeof(t)))
			fail("a truncated buffer decodes to a different instruction", p, full->len, mk);
	}
}

#if HAVE_CAPSTONE
static csh cs[2]; /* [0] 16-bit, [1] 32-bit */

static void capstone_open(void)
{
	static bool opened;
	if (opened)
		return;
	if (cs_open(CS_ARCH_X86, CS_MODE_16, &cs[0]) != CS_ERR_OK ||
	    cs_open(CS_ARCH_X86, CS_MODE_32, &cs[1]) != CS_ERR_OK) {
		fprintf(stderr, "fuzz_decode: cs_open failed\n");
		abort();
	}
	opened = true;
}

static bool is_prefix(u8 b)
{
	switch (b) {
	case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
	case 0x66: case 0x67: case 0xf0: case 0xf2: case 0xf3:
		return true;
	}
	return false;
}

/* Legacy prefix bytes before the opcode (x86-32 has no REX). */
static unsigned prefix_len(const u8 *p, unsigned n)
{
	unsigned i = 0;
	while (i < n && is_prefix(p[i]))
		i++;
	return i;
}

static bool has_byte(const u8 *p, unsigned n, u8 b)
{
	return memchr(p, b, n) != NULL;
}

/* Where capstone 4.0.2 is wrong about the length (checked against the
 * SDM, Vol. 2 "CALL" and 2.1.1; each seen in a fuzz run):
 *   - E8 (CALL rel) with 66 followed by an F2 or F3 prefix, in 32-bit
 *     code: capstone drops the 66 and reads rel32 ("bnd call", 7 bytes
 *     for 66 F2 E8 cw), where the operand size is 16 and the length 5;
 *     with F2 before 66 capstone gets 5. */
static bool known_length_mismatch(const u8 *p, unsigned n, u32 mk)
{
	unsigned np = prefix_len(p, n);
	if ((mk & MK_CODE32) && np < n && p[np] == 0xe8 && has_byte(p, np, 0x66) &&
	    (has_byte(p, np, 0xf2) || has_byte(p, np, 0xf3)))
		return true;
	return false;
}

static void capstone_compare(const struct insn *in, const u8 *p, unsigned n, u32 eip, u32 mk)
{
	cs_insn *ci;
	capstone_open();
	size_t got = cs_disasm(cs[(mk & MK_CODE32) != 0], p, n, eip, 1, &ci);
	if (!got)
		return; /* capstone has no opinion */
	unsigned clen = ci->size;
	cs_free(ci, got);
	if (clen != in->len && !known_length_mismatch(p, n, mk)) {
		fprintf(stderr, "fuzz_decode: xlat length %u (%s), capstone %u\n", in->len, decode_name(in), clen);
		fail("length differs from capstone", p, n, mk);
	}
}
#endif

/* Decode one instruction at p and check it; returns its length, 0 at the end. */
static unsigned step(const u8 *p, unsigned n, u32 eip, u32 mk)
{
	struct insn in, again;
	unsigned len = decode0(&in, p, n, eip, mk);
	if (!len) {
		if (n >= INSN_MAX_LEN)
			fail("needs more than INSN_MAX_LEN bytes", p, n, mk);
		return 0;
	}
	if (len != in.len || len > INSN_MAX_LEN || len > n)
		fail("bad length", p, n, mk);
	check_fields(&in, p, n, mk);
	decode0(&again, p, n, eip, mk);
	if (memcmp(&in, &again, sizeof(in)))
		fail("decoding is not deterministic", p, n, mk);
	check_truncation(&in, p, eip, mk);
#if HAVE_CAPSTONE
	if (!is_invalid(&in))
		capstone_compare(&in, p, n, eip, mk);
#endif
	return len;
}

/* The mode byte picks 16- or 32-bit decoding; XLAT_FUZZ_MODE=16 or 32 in
 * the environment forces one, for a run that covers only that mode. */
static unsigned fuzz_mode(u8 mode_byte)
{
	static int forced = -1;
	if (forced < 0) {
		const char *e = getenv("XLAT_FUZZ_MODE");
		forced = e ? atoi(e) : 0;
	}
	if (forced == 16 || forced == 32)
		return (unsigned)forced;
	return (mode_byte & 1) ? 32 : 16;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 2 || size > 4096)
		return 0;
	u32 mk = fuzz_mode(data[0]) == 32 ? (MK_CODE32 | MK_PE) : 0;
	const u8 *code = data + 1;
	unsigned n = (unsigned)size - 1, pos = 0;
	while (pos < n) {
		unsigned avail = n - pos < INSN_MAX_LEN + 1 ? n - pos : INSN_MAX_LEN + 1;
		unsigned len = step(code + pos, avail, CODE_EIP + pos, mk);
		if (!len)
			break;
		pos += len;
	}
	return 0;
}
