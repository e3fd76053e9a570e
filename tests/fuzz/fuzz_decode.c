/* fuzz_decode.c - libFuzzer target for the instruction decoder.
 *
 * Input: one mode byte (bit 0 set: 32-bit protected mode, clear: 16-bit
 * real mode), then code bytes. The target walks the code instruction by
 * instruction, as the block translator does, and checks what the rest of
 * xlat relies on:
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
 * Known decoder bug, tolerated while KNOWN_BUG_SHORT_GP is 1: with fewer
 * than INSN_MAX_LEN bytes at hand, decode_insn() counts the bytes it did
 * not get towards the 15-byte limit and returns #GP (length 15, more than
 * it was given) instead of 0, e.g. for 13 bytes of F0. A legal 15-byte
 * instruction that straddles a page is then raised as #GP.
 *
 * Known decoder bug, tolerated while KNOWN_BUG_PREFIX_TOGGLE is 1: a
 * repeated 66 or 67 prefix toggles the size back (decode_prefixes() XORs
 * INSN_O16/INSN_A16), where the SDM makes a repeated prefix the same as
 * one: 66 66 E8 rel16 in 32-bit code is a 5-byte CALL rel16, xlat reads
 * a 7-byte CALL rel32. Only the capstone comparison can see it.
 *
 * Known decoder bug, tolerated while KNOWN_BUG_LONG_UD is 1: an undefined
 * opcode or group member after more than 15 bytes of prefixes decodes to
 * #UD with the full length (e.g. 32 for 27 x 3E, 66 66 FE D0) instead of
 * #GP with length at most 15: the !d->hs exit in decode_insn() comes
 * before the INSN_MAX_LEN check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "xlat/insn.h"
#include "cpu/ops/ops.h"
#if HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

#ifndef KNOWN_BUG_SHORT_GP
#define KNOWN_BUG_SHORT_GP 1
#endif

#ifndef KNOWN_BUG_PREFIX_TOGGLE
#define KNOWN_BUG_PREFIX_TOGGLE 1
#endif

#ifndef KNOWN_BUG_LONG_UD
#define KNOWN_BUG_LONG_UD 1
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

static bool is_invalid(const struct insn *in)
{
	return in->fn == op_ud_fn() || in->fn == op_gp_fn();
}

/* the shape of the known bug: #GP decided from a short buffer */
static bool short_gp(const struct insn *in, unsigned n)
{
	return KNOWN_BUG_SHORT_GP && in->fn == op_gp_fn() && n < INSN_MAX_LEN;
}

static bool reg_ok(unsigned r) { return r < 8 || r == R_NONE; }

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
	if (in->d >= MAX_REG_FIELD)
		fail("destination register out of range", p, n, mk);
	/* x87 rows keep the raw ModRM byte in s (FORM_X87) */
	if (in->s >= MAX_REG_FIELD && strcmp(decode_name(in), "x87"))
		fail("source register out of range", p, n, mk);
}

/* Every shorter view of the bytes must ask for more or agree. */
static void check_truncation(const struct insn *full, const u8 *p, unsigned n, u32 eip, u32 mk)
{
	for (unsigned k = 1; k < full->len && k < n; k++) {
		struct insn t;
		unsigned len = decode_insn(&t, p, k, eip, mk);
		if (len && memcmp(&t, full, sizeof(t)) && !short_gp(&t, k))
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

static unsigned count_byte(const u8 *p, unsigned n, u8 b)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n; i++)
		k += p[i] == b;
	return k;
}

/* Length disagreements that are known and explained (see the top). */
static bool known_length_mismatch(const u8 *p, unsigned n, const struct insn *in)
{
	unsigned np = prefix_len(p, n);
	(void)in;
	if (KNOWN_BUG_PREFIX_TOGGLE && (count_byte(p, np, 0x66) > 1 || count_byte(p, np, 0x67) > 1))
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
	if (clen != in->len && !known_length_mismatch(p, n, in)) {
		fprintf(stderr, "fuzz_decode: xlat length %u (%s), capstone %u\n", in->len, decode_name(in), clen);
		fail("length differs from capstone", p, n, mk);
	}
}
#endif

/* Decode one instruction at p and check it; returns its length, 0 at the end. */
static unsigned step(const u8 *p, unsigned n, u32 eip, u32 mk)
{
	struct insn in, again;
	unsigned len = decode_insn(&in, p, n, eip, mk);
	if (!len) {
		if (n >= INSN_MAX_LEN)
			fail("needs more than INSN_MAX_LEN bytes", p, n, mk);
		return 0;
	}
	if (KNOWN_BUG_LONG_UD && len > INSN_MAX_LEN && in.fn == op_ud_fn() && len <= n)
		return len;
	if (len != in.len || len > INSN_MAX_LEN || (len > n && !short_gp(&in, n)))
		fail("bad length", p, n, mk);
	check_fields(&in, p, n, mk);
	decode_insn(&again, p, n, eip, mk);
	if (memcmp(&in, &again, sizeof(in)))
		fail("decoding is not deterministic", p, n, mk);
	check_truncation(&in, p, n, eip, mk);
#if HAVE_CAPSTONE
	if (!is_invalid(&in))
		capstone_compare(&in, p, n, eip, mk);
#else
	(void)is_invalid;
#endif
	return len;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 2 || size > 4096)
		return 0;
	u32 mk = (data[0] & 1) ? (MK_CODE32 | MK_PE) : 0;
	const u8 *code = data + 1;
	unsigned n = (unsigned)size - 1, pos = 0;
	while (pos < n) {
		unsigned len = step(code + pos, n - pos, CODE_EIP + pos, mk);
		if (!len)
			break;
		pos += len;
	}
	return 0;
}
