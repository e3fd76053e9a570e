/* test_decode.c - the decoder against a table of encodings: length, operand
 * fields, prefixes, addressing forms, immediates, branch targets, and the
 * encodings that must raise #UD or #GP or ask for more bytes.
 *
 * Expected values come from the SDM (Vol. 2, chapter 2 and the opcode maps,
 * appendix A), not from running the decoder. Fields a form leaves
 * meaningless (the register number of a memory operand, the scale of an
 * absent index) are not checked, so the test pins what handlers rely on. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "cpu/ops/ops.h"

#define M32 (MK_CODE32 | MK_PE)
#define M16 0u

/* byte registers AL CL DL BL AH CH DH BH as byte offsets into the file */
#define BR(n) ((u8)(((n) & 3) * sizeof(union gpr) + ((n) >> 2)))
#define AL BR(0)
#define CL BR(1)
#define DL BR(2)
#define BL BR(3)
#define AH BR(4)
#define CH BR(5)
#define DH BR(6)
#define BH BR(7)

#define O16 INSN_O16
#define A16 INSN_A16
#define MEM INSN_MEM
#define LK INSN_LOCK
#define REP INSN_REP
#define RNE INSN_REPNE
#define END INSN_END
#define JC INSN_JCC /* conditional branch: the block may go on past it */
#define D16 (INSN_O16 | INSN_A16) /* the defaults of 16-bit code */

#define N R_NONE
#define ANY 0xff /* d or s: not checked (the ModRM.rm of a memory operand) */

enum expect { EXP_OK, EXP_UD, EXP_GP, EXP_SHORT };

struct dcase {
	u32 mode;         /* mode_key */
	const char *name; /* decode_name() of the chosen row */
	u8 len;
	u8 flags;         /* all INSN_* bits */
	u8 d, s, base, index, scale, seg, op;
	u32 disp, imm;
	u16 imm2;
	u32 eip;
	u8 ex;            /* enum expect */
	u8 n;             /* bytes handed to the decoder */
	u8 bytes[20];
};

#define BY(...) .bytes = { __VA_ARGS__ }, .n = (u8)sizeof((const u8[]){ __VA_ARGS__ })
#define NOMEM .base = N, .index = N, .seg = S_DS
#define EA(b, i, sc, sg, dp) .base = (b), .index = (i), .scale = (sc), .seg = (sg), .disp = (u32)(dp)
#define RR(d_, s_) .d = (d_), .s = (s_)
/* invalid encodings: only the handler is checked */
#define UD(md, ...) { md, NULL, 0, 0, .ex = EXP_UD, BY(__VA_ARGS__) }
#define GP(md, ...) { md, NULL, 0, 0, .ex = EXP_GP, BY(__VA_ARGS__) }
#define SHORT(md, ...) { md, NULL, 0, 0, .ex = EXP_SHORT, BY(__VA_ARGS__) }

#define P14 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e
#define O15 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66

static const struct dcase cases[] = {
	/* ---- ALU, register forms ---- */
	{ M32, "add_EG", 2, 0, RR(R_EAX, R_ECX), NOMEM, BY(0x01, 0xc8) },
	{ M32, "add_GE|add_EG", 2, 0, RR(R_ECX, R_EAX), NOMEM, BY(0x03, 0xc8) },
	{ M32, "add_EG", 2, 0, RR(BL, AH), NOMEM, BY(0x00, 0xe3) },
	{ M32, "add_GE|add_EG", 2, 0, RR(BH, AH), NOMEM, BY(0x02, 0xfc) },
	{ M32, "mov_GE", 2, 0, RR(DH, CL), NOMEM, BY(0x8a, 0xf1) },
	{ M32, "mov_EG", 2, 0, RR(BL, AH), NOMEM, BY(0x88, 0xe3) },
	{ M32, "add_EG", 3, O16, RR(R_EAX, R_ECX), NOMEM, BY(0x66, 0x01, 0xc8) },
	{ M32, "add_EI", 2, 0, RR(AL, 0), NOMEM, .imm = 0x7f, BY(0x04, 0x7f) },
	{ M32, "add_EI", 5, 0, RR(R_EAX, 0), NOMEM, .imm = 0x12345678, BY(0x05, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "add_EI", 4, O16, RR(R_EAX, 0), NOMEM, .imm = 0x1234, BY(0x66, 0x05, 0x34, 0x12) },
	{ M32, "add_EI", 3, 0, RR(AH, 0), NOMEM, .imm = 1, BY(0x80, 0xc4, 0x01) },
	{ M32, "add_EI", 6, 0, RR(R_EBX, 0), NOMEM, .imm = 0x12345678, BY(0x81, 0xc3, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "add_EI", 3, 0, RR(R_EBX, 0), NOMEM, .imm = 0xffffffff, BY(0x83, 0xc3, 0xff) },
	{ M32, "sub_EI", 3, 0, RR(R_EBX, 0), NOMEM, .imm = 0xffffff80, BY(0x83, 0xeb, 0x80) },
	{ M32, "xor_EI", 3, 0, RR(CL, 0), NOMEM, .imm = 5, BY(0x82, 0xf1, 0x05) },
	{ M32, "add_EI", 5, O16, RR(R_EBX, 0), NOMEM, .imm = 0x1234, BY(0x66, 0x81, 0xc3, 0x34, 0x12) },
	{ M32, "add_EI", 4, O16, RR(R_EBX, 0), NOMEM, .imm = 0xffffffff, BY(0x66, 0x83, 0xc3, 0xff) },
	{ M32, "cmp_EG", 2, 0, RR(AH, AL), NOMEM, BY(0x38, 0xc4) },
	{ M32, "cmp_EI", 5, 0, RR(R_EAX, 0), NOMEM, .imm = 0x80000000, BY(0x3d, 0x00, 0x00, 0x00, 0x80) },
	{ M32, "test_EG", 2, 0, RR(R_EAX, R_EAX), NOMEM, BY(0x85, 0xc0) },
	{ M32, "test_EI", 2, 0, RR(AL, 0), NOMEM, .imm = 1, BY(0xa8, 0x01) },
	{ M32, "test_EI", 3, 0, RR(BL, 0), NOMEM, .imm = 0x7f, BY(0xf6, 0xc3, 0x7f) },
	{ M32, "test_EI", 3, 0, RR(BL, 0), NOMEM, .imm = 0x7f, BY(0xf6, 0xcb, 0x7f) }, /* /1 alias */
	{ M32, "test_EI", 6, 0, RR(R_ECX, 0), NOMEM, .imm = 0x100, BY(0xf7, 0xc1, 0x00, 0x01, 0x00, 0x00) },
	{ M32, "not_E", 2, 0, RR(AH, 0), NOMEM, BY(0xf6, 0xd4) },
	{ M32, "neg_E", 2, 0, RR(R_EAX, 0), NOMEM, BY(0xf7, 0xd8) },
	{ M32, "mul_E", 2, 0, RR(R_EBX, 0), NOMEM, BY(0xf7, 0xe3) },
	{ M32, "idiv_E", 2, 0, RR(R_EBX, 0), NOMEM, BY(0xf7, 0xfb) },
	{ M32, "xchg_EG", 2, 0, RR(AL, AH), NOMEM, BY(0x86, 0xe0) },
	{ M32, "xchg_AZ", 1, 0, RR(R_ECX, 0), NOMEM, BY(0x91) },
	{ M32, "inc_E", 1, 0, RR(R_EAX, 0), NOMEM, BY(0x40) },
	{ M32, "dec_E", 1, 0, RR(R_EDI, 0), NOMEM, BY(0x4f) },
	{ M16, "inc_E", 1, D16, RR(R_EAX, 0), NOMEM, BY(0x40) },
	{ M32, "push_E", 1, 0, RR(R_EDI, 0), NOMEM, BY(0x57) },
	{ M32, "pop_E", 1, 0, RR(R_EBP, 0), NOMEM, BY(0x5d) },
	{ M32, "inc_E", 2, 0, RR(DH, 0), NOMEM, BY(0xfe, 0xc6) },
	{ M32, "setz", 3, 0, RR(AH, 0), NOMEM, BY(0x0f, 0x94, 0xc4) },
	{ M32, "cmovz", 3, 0, RR(R_EAX, R_ECX), NOMEM, BY(0x0f, 0x44, 0xc1) },
	{ M32, "movzx_b", 3, 0, RR(R_EAX, BH), NOMEM, BY(0x0f, 0xb6, 0xc7) },
	{ M32, "movzx_b", 4, O16, RR(R_EAX, AL), NOMEM, BY(0x66, 0x0f, 0xb6, 0xc0) },
	{ M32, "movzx_w", 3, 0, RR(R_EAX, R_EBX), NOMEM, BY(0x0f, 0xb7, 0xc3) },
	{ M32, "imul_GE", 3, 0, RR(R_EAX, R_ECX), NOMEM, BY(0x0f, 0xaf, 0xc1) },
	{ M32, "bswap", 2, 0, RR(R_EAX, 0), NOMEM, BY(0x0f, 0xc8) },
	{ M32, "bswap", 2, 0, RR(R_EDI, 0), NOMEM, BY(0x0f, 0xcf) },

	/* ---- 32-bit addressing: every mod, SIB, default segments ---- */
	{ M32, "mov_GE", 2, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_DS, 0), BY(0x8b, 0x00) },
	{ M32, "mov_GE", 2, MEM, RR(R_ECX, ANY), EA(R_EBX, N, 0, S_DS, 0), BY(0x8b, 0x0b) },
	{ M32, "mov_GE", 2, MEM, RR(R_ECX, ANY), EA(R_EDI, N, 0, S_DS, 0), BY(0x8b, 0x0f) },
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 0), BY(0x8b, 0x04, 0x24) },
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 8), BY(0x8b, 0x45, 0x08) },
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, -8), BY(0x8b, 0x45, 0xf8) },
	{ M32, "mov_GE", 6, MEM, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x12345678), BY(0x8b, 0x05, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_GE", 7, MEM, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x12345678), BY(0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_GE", 7, MEM, RR(R_EAX, ANY), EA(N, R_ECX, 2, S_DS, 0x1000), BY(0x8b, 0x04, 0x8d, 0x00, 0x10, 0x00, 0x00) },
	/* SIB base 5 with mod 0 is disp32: EBP as index keeps DS */
	{ M32, "mov_GE", 7, MEM, RR(R_EAX, ANY), EA(N, R_EBP, 0, S_DS, 0x1000), BY(0x8b, 0x04, 0x2d, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "mov_GE", 4, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 4), BY(0x8b, 0x44, 0x24, 0x04) },
	{ M32, "mov_GE", 7, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 0x100), BY(0x8b, 0x84, 0x24, 0x00, 0x01, 0x00, 0x00) },
	{ M32, "mov_GE", 7, MEM, RR(R_EAX, ANY), EA(R_EAX, R_ECX, 3, S_DS, 0x12345678), BY(0x8b, 0x84, 0xc8, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_GE", 4, MEM, RR(R_ECX, ANY), EA(R_EBP, R_EBX, 2, S_SS, -4), BY(0x8b, 0x4c, 0x9d, 0xfc) },
	/* SIB index 4 means no index, whatever the scale */
	{ M32, "mov_GE", 3, MEM, RR(R_EDX, ANY), EA(R_EAX, N, 0, S_DS, 0), BY(0x8b, 0x14, 0x60) },
	{ M32, "mov_GE", 3, MEM, RR(R_ESI, ANY), EA(R_EDI, R_ESI, 2, S_DS, 0), BY(0x8b, 0x34, 0xb7) },
	{ M32, "mov_GE", 6, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_DS, 0x1000), BY(0x8b, 0x80, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "mov_GE", 6, MEM, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 0x1000), BY(0x8b, 0x85, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "mov_GE", 4, MEM, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 0x10), BY(0x8b, 0x44, 0x25, 0x10) },
	{ M32, "mov_GE", 4, MEM, RR(R_ECX, ANY), EA(R_EBP, R_EAX, 0, S_SS, 0x10), BY(0x8b, 0x4c, 0x05, 0x10) },
	{ M32, "mov_GE", 7, MEM, RR(R_ECX, ANY), EA(N, R_EAX, 3, S_DS, 0), BY(0x8b, 0x0c, 0xc5, 0x00, 0x00, 0x00, 0x00) },
	{ M32, "mov_EG", 2, MEM, RR(ANY, R_EBX), EA(R_EAX, N, 0, S_DS, 0), BY(0x89, 0x18) },
	{ M32, "mov_EG", 2, MEM, RR(ANY, AH), EA(R_EAX, N, 0, S_DS, 0), BY(0x88, 0x20) },
	{ M32, "add_EG", 3, MEM, RR(ANY, R_EBX), EA(R_ESP, N, 0, S_SS, 0), BY(0x01, 0x1c, 0x24) },
	{ M32, "mov_EI", 8, MEM, RR(ANY, 0), EA(R_ESP, N, 0, S_SS, 8), .imm = 0x12345678,
	  BY(0xc7, 0x44, 0x24, 0x08, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_EI", 10, MEM, RR(ANY, 0), EA(N, N, 0, S_DS, 0x2000), .imm = 1,
	  BY(0xc7, 0x05, 0x00, 0x20, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00) },
	{ M32, "mov_EI", 7, MEM, RR(ANY, 0), EA(N, N, 0, S_DS, 0x2000), .imm = 0xff,
	  BY(0xc6, 0x05, 0x00, 0x20, 0x00, 0x00, 0xff) },
	{ M32, "mov_EI", 9, MEM | O16, RR(ANY, 0), EA(N, N, 0, S_DS, 0x2000), .imm = 0x1234,
	  BY(0x66, 0xc7, 0x05, 0x00, 0x20, 0x00, 0x00, 0x34, 0x12) },
	{ M32, "add_EI", 11, MEM, RR(ANY, 0), EA(R_EAX, R_ECX, 2, S_DS, 0x11223344), .imm = 0x12345678,
	  BY(0x81, 0x84, 0x88, 0x44, 0x33, 0x22, 0x11, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "cmp_EI", 4, MEM, RR(ANY, 0), EA(R_EBP, N, 0, S_SS, 8), BY(0x83, 0x7d, 0x08, 0x00) },
	{ M32, "cmp_EI", 5, MEM, RR(ANY, 0), EA(R_ESP, N, 0, S_SS, 4), .imm = 10, BY(0x80, 0x7c, 0x24, 0x04, 0x0a) },
	{ M32, "push_E", 3, MEM, RR(ANY, 0), EA(R_EBP, N, 0, S_SS, 8), BY(0xff, 0x75, 0x08) },
	{ M32, "pop_E", 2, MEM, RR(ANY, 0), EA(R_EAX, N, 0, S_DS, 0), BY(0x8f, 0x00) },
	{ M32, "call_E", 6, MEM | END, RR(ANY, 0), EA(N, N, 0, S_DS, 0x3000), BY(0xff, 0x15, 0x00, 0x30, 0x00, 0x00) },
	{ M32, "jmp_E", 2, END, RR(R_EAX, 0), NOMEM, BY(0xff, 0xe0) },
	{ M32, "jmp_far_M", 6, MEM | END, RR(ANY, 0), EA(N, N, 0, S_DS, 0x3000), BY(0xff, 0x2d, 0x00, 0x30, 0x00, 0x00) },
	{ M32, "call_far_M", 6, MEM | END, RR(ANY, 0), EA(N, N, 0, S_DS, 0x3000), BY(0xff, 0x1d, 0x00, 0x30, 0x00, 0x00) },
	{ M32, "lea", 7, MEM, RR(R_EAX, ANY), EA(N, R_ECX, 2, S_DS, 0), BY(0x8d, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00) },
	{ M32, "lea", 4, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 16), BY(0x8d, 0x44, 0x24, 0x10) },
	{ M32, "movzx_b", 4, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 0), BY(0x0f, 0xb6, 0x04, 0x24) },
	{ M32, "movsx_w", 4, MEM, RR(R_EAX, ANY), EA(R_EBX, N, 0, S_DS, 2), BY(0x0f, 0xbf, 0x43, 0x02) },
	{ M32, "movsx_b", 5, MEM, RR(R_ECX, ANY), EA(R_ESP, N, 0, S_SS, 4), BY(0x0f, 0xbe, 0x4c, 0x24, 0x04) },
	{ M32, "xadd", 3, MEM, RR(ANY, R_EAX), EA(R_EBX, N, 0, S_DS, 0), BY(0x0f, 0xc1, 0x03) },
	{ M32, "nop", 5, MEM, RR(ANY, 0), EA(R_EAX, R_EAX, 0, S_DS, 0), BY(0x0f, 0x1f, 0x44, 0x00, 0x00) },
	{ M32, "nop", 9, MEM | O16, RR(ANY, 0), EA(R_EAX, R_EAX, 0, S_DS, 0),
	  BY(0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00) },

	/* ---- segment overrides ---- */
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_ES, 0), BY(0x26, 0x8b, 0x00) },
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_CS, 0), BY(0x2e, 0x8b, 0x00) },
	{ M32, "mov_GE", 3, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_SS, 0), BY(0x36, 0x8b, 0x00) },
	{ M32, "mov_GE", 4, MEM, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_DS, 0), BY(0x3e, 0x8b, 0x45, 0x00) },
	{ M32, "mov_GE", 7, MEM, RR(R_ECX, ANY), EA(N, N, 0, S_FS, 0x30), BY(0x64, 0x8b, 0x0d, 0x30, 0x00, 0x00, 0x00) },
	{ M32, "mov_AO", 6, MEM, RR(R_EAX, 0), EA(N, N, 0, S_GS, 0x14), BY(0x65, 0xa1, 0x14, 0x00, 0x00, 0x00) },
	{ M32, "mov_GE", 4, MEM, RR(R_EAX, ANY), EA(R_EAX, N, 0, S_FS, 0), BY(0x26, 0x64, 0x8b, 0x00) },
	{ M32, "xlat", 1, MEM, RR(0, 0), EA(R_EBX, N, 0, S_DS, 0), BY(0xd7) },
	{ M32, "xlat", 2, MEM, RR(0, 0), EA(R_EBX, N, 0, S_ES, 0), BY(0x26, 0xd7) },

	/* ---- moffs ---- */
	{ M32, "mov_AO", 5, MEM, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x12345678), BY(0xa1, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_AO", 5, MEM, RR(AL, 0), EA(N, N, 0, S_DS, 0x12345678), BY(0xa0, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_OA", 5, MEM, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x1000), BY(0xa3, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "mov_AO", 6, MEM | O16, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x1000), BY(0x66, 0xa1, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "mov_AO", 4, MEM | A16, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x1000), BY(0x67, 0xa1, 0x00, 0x10) },
	{ M16, "mov_AO", 3, MEM | D16, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x1000), BY(0xa1, 0x00, 0x10) },
	{ M16, "mov_AO", 6, MEM | O16, RR(R_EAX, 0), EA(N, N, 0, S_DS, 0x1000), BY(0x67, 0xa1, 0x00, 0x10, 0x00, 0x00) },
	{ M16, "mov_OA", 4, MEM | D16, RR(AL, 0), EA(N, N, 0, S_ES, 0x1234), BY(0x26, 0xa2, 0x34, 0x12) },

	/* ---- 16-bit addressing: the eight rm forms, disp8, disp16 ---- */
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EBX, R_ESI, 0, S_DS, 0), BY(0x8b, 0x00) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EBX, R_EDI, 0, S_DS, 0), BY(0x8b, 0x01) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, R_ESI, 0, S_SS, 0), BY(0x8b, 0x02) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, R_EDI, 0, S_SS, 0), BY(0x8b, 0x03) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_ESI, N, 0, S_DS, 0), BY(0x8b, 0x04) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EDI, N, 0, S_DS, 0), BY(0x8b, 0x05) },
	{ M16, "mov_GE", 4, MEM | D16, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x1234), BY(0x8b, 0x06, 0x34, 0x12) },
	{ M16, "mov_GE", 2, MEM | D16, RR(R_EAX, ANY), EA(R_EBX, N, 0, S_DS, 0), BY(0x8b, 0x07) },
	{ M16, "mov_GE", 3, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 0), BY(0x8b, 0x46, 0x00) },
	{ M16, "mov_GE", 3, MEM | D16, RR(R_EAX, ANY), EA(R_EBX, R_ESI, 0, S_DS, 5), BY(0x8b, 0x40, 0x05) },
	{ M16, "mov_GE", 3, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, R_EDI, 0, S_SS, 0xffff), BY(0x8b, 0x43, 0xff) },
	{ M16, "mov_GE", 4, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 0x1234), BY(0x8b, 0x86, 0x34, 0x12) },
	{ M16, "mov_GE", 4, MEM | D16, RR(R_ECX, ANY), EA(R_EBX, N, 0, S_DS, 0xfffe), BY(0x8b, 0x8f, 0xfe, 0xff) },
	{ M16, "mov_GE", 4, MEM | D16, RR(R_EDX, ANY), EA(R_ESI, N, 0, S_DS, 0x8000), BY(0x8b, 0x94, 0x00, 0x80) },
	{ M16, "mov_GE", 4, MEM | D16, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_DS, 0), BY(0x3e, 0x8b, 0x46, 0x00) },
	{ M16, "mov_GE", 3, MEM | D16, RR(R_EAX, ANY), EA(R_EBX, N, 0, S_SS, 0), BY(0x36, 0x8b, 0x07) },
	{ M16, "mov_GE", 3, MEM | A16, RR(R_EAX, ANY), EA(R_EBX, N, 0, S_DS, 0), BY(0x66, 0x8b, 0x07) },
	{ M16, "mov_GE", 4, MEM | O16, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 0), BY(0x67, 0x8b, 0x04, 0x24) },
	{ M16, "mov_GE", 6, MEM, RR(R_EAX, ANY), EA(R_EBP, R_ECX, 2, S_SS, 0x10), BY(0x66, 0x67, 0x8b, 0x44, 0x8d, 0x10) },
	{ M16, "mov_EI", 6, MEM | D16, RR(ANY, 0), EA(N, N, 0, S_DS, 0x1000), .imm = 0x1234,
	  BY(0xc7, 0x06, 0x00, 0x10, 0x34, 0x12) },
	{ M16, "mov_EI", 9, MEM | A16, RR(ANY, 0), EA(N, N, 0, S_DS, 0x1000), .imm = 0x12345678,
	  BY(0x66, 0xc7, 0x06, 0x00, 0x10, 0x78, 0x56, 0x34, 0x12) },
	/* 0x67 in 32-bit code selects 16-bit addressing */
	{ M32, "mov_GE", 3, MEM | A16, RR(R_EAX, ANY), EA(R_EBX, R_ESI, 0, S_DS, 0), BY(0x67, 0x8b, 0x00) },
	{ M32, "mov_GE", 4, MEM | A16, RR(R_EAX, ANY), EA(R_EBP, N, 0, S_SS, 0xfffe), BY(0x67, 0x8b, 0x46, 0xfe) },
	{ M32, "mov_GE", 5, MEM | A16, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x1234), BY(0x67, 0x8b, 0x06, 0x34, 0x12) },
	{ M32, "mov_GE", 5, MEM | A16, RR(R_EAX, ANY), EA(R_EBX, N, 0, S_ES, 2), BY(0x67, 0x26, 0x8b, 0x47, 0x02) },

	/* ---- immediates of every kind ---- */
	{ M16, "mov_EI", 3, D16, RR(R_EAX, 0), NOMEM, .imm = 0x1234, BY(0xb8, 0x34, 0x12) },
	{ M32, "mov_EI", 5, 0, RR(R_EAX, 0), NOMEM, .imm = 0x12345678, BY(0xb8, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_EI", 4, O16, RR(R_EAX, 0), NOMEM, .imm = 0x1234, BY(0x66, 0xb8, 0x34, 0x12) },
	{ M16, "mov_EI", 6, A16, RR(R_EAX, 0), NOMEM, .imm = 0x12345678, BY(0x66, 0xb8, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_EI", 2, 0, RR(AH, 0), NOMEM, .imm = 0x12, BY(0xb4, 0x12) },
	{ M32, "mov_EI", 2, 0, RR(BH, 0), NOMEM, .imm = 0xff, BY(0xb7, 0xff) },
	{ M32, "mov_EI", 2, 0, RR(CL, 0), NOMEM, .imm = 1, BY(0xb1, 0x01) },
	{ M32, "mov_EI", 2, 0, RR(CH, 0), NOMEM, .imm = 2, BY(0xb5, 0x02) },
	{ M32, "mov_EI", 5, 0, RR(R_EDI, 0), NOMEM, .imm = 0x10000, BY(0xbf, 0x00, 0x00, 0x01, 0x00) },
	{ M32, "push_I", 2, 0, NOMEM, .imm = 0xffffffff, BY(0x6a, 0xff) },
	{ M32, "push_I", 2, 0, NOMEM, .imm = 0x7f, BY(0x6a, 0x7f) },
	{ M32, "push_I", 5, 0, NOMEM, .imm = 0x12345678, BY(0x68, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "push_I", 4, O16, NOMEM, .imm = 0x1234, BY(0x66, 0x68, 0x34, 0x12) },
	{ M16, "push_I", 3, D16, NOMEM, .imm = 0x1234, BY(0x68, 0x34, 0x12) },
	{ M32, "imul_GEI", 6, 0, RR(R_EAX, R_EBX), NOMEM, .imm = 10000, BY(0x69, 0xc3, 0x10, 0x27, 0x00, 0x00) },
	{ M32, "imul_GEI", 3, 0, RR(R_EAX, R_EBX), NOMEM, .imm = 0xfffffffe, BY(0x6b, 0xc3, 0xfe) },
	{ M32, "imul_GEI", 5, MEM, RR(R_EAX, ANY), EA(R_ESP, N, 0, S_SS, 4), .imm = 3, BY(0x6b, 0x44, 0x24, 0x04, 0x03) },
	{ M32, "imul_GEI", 5, O16, RR(R_EAX, R_EBX), NOMEM, .imm = 0x1234, BY(0x66, 0x69, 0xc3, 0x34, 0x12) },
	{ M32, "shl_EI", 3, 0, RR(R_EAX, 0), NOMEM, .imm = 5, BY(0xc1, 0xe0, 0x05) },
	{ M32, "shr_EI", 3, 0, RR(CH, 0), NOMEM, .imm = 4, BY(0xc0, 0xed, 0x04) },
	{ M32, "shl_EI", 2, 0, RR(R_EAX, 0), NOMEM, .imm = 1, BY(0xd1, 0xe0) },
	{ M32, "sar_EI", 2, 0, RR(AL, 0), NOMEM, .imm = 1, BY(0xd0, 0xf8) },
	{ M32, "shl_EI", 2, 0, RR(R_EAX, 0), NOMEM, .imm = 1, BY(0xd1, 0xf0) }, /* /6 = SAL */
	{ M32, "shl_ECL", 2, 0, RR(R_EAX, 0), NOMEM, BY(0xd3, 0xe0) },
	{ M32, "shl_ECL", 2, 0, RR(BH, 0), NOMEM, BY(0xd2, 0xe7) },
	{ M32, "rcr_EI", 5, MEM, RR(ANY, 0), EA(R_ESP, N, 0, S_SS, 4), .imm = 3, BY(0xc1, 0x5c, 0x24, 0x04, 0x03) },
	{ M32, "bt_EI", 4, 0, RR(R_EAX, 0), NOMEM, .imm = 5, BY(0x0f, 0xba, 0xe0, 0x05) },
	{ M32, "bts_EI", 5, MEM, RR(ANY, 0), EA(R_EAX, N, 0, S_DS, 4), .imm = 7, BY(0x0f, 0xba, 0x68, 0x04, 0x07) },
	{ M32, "shld_I", 4, 0, RR(R_EDX, R_EAX), NOMEM, .imm = 4, BY(0x0f, 0xa4, 0xc2, 0x04) },
	{ M32, "shrd_CL", 3, 0, RR(R_EDX, R_EAX), NOMEM, BY(0x0f, 0xad, 0xc2) },
	{ M32, "ret", 3, END, NOMEM, .imm = 8, BY(0xc2, 0x08, 0x00) },
	{ M32, "ret", 1, END, NOMEM, BY(0xc3) },
	{ M32, "retf", 3, END, NOMEM, .imm = 4, BY(0xca, 0x04, 0x00) },
	{ M32, "enter", 4, 0, NOMEM, .imm = 16, .imm2 = 1, BY(0xc8, 0x10, 0x00, 0x01) },
	{ M32, "int_n", 2, END, NOMEM, .imm = 0x80, BY(0xcd, 0x80) },
	{ M32, "int3", 1, END, NOMEM, BY(0xcc) },
	{ M32, "in_I", 2, END, NOMEM, .imm = 0x60, BY(0xe4, 0x60) },
	{ M32, "out_I", 2, END, NOMEM, .imm = 0x80, BY(0xe7, 0x80) },
	{ M32, "in_D", 1, END, NOMEM, BY(0xec) },
	{ M32, "out_D", 2, O16 | END, NOMEM, BY(0x66, 0xef) },
	{ M32, "aam", 2, 0, NOMEM, .imm = 10, BY(0xd4, 0x0a) },
	{ M32, "aad", 2, 0, NOMEM, .imm = 10, BY(0xd5, 0x0a) },

	/* ---- far pointers ---- */
	{ M32, "jmp_far", 7, END, NOMEM, .imm = 0x12345678, .imm2 = 8, BY(0xea, 0x78, 0x56, 0x34, 0x12, 0x08, 0x00) },
	{ M32, "jmp_far", 6, O16 | END, NOMEM, .imm = 0x1234, .imm2 = 0xf000, BY(0x66, 0xea, 0x34, 0x12, 0x00, 0xf0) },
	{ M16, "jmp_far", 5, D16 | END, NOMEM, .imm = 0x7c05, .imm2 = 0xf000, BY(0xea, 0x05, 0x7c, 0x00, 0xf0) },
	{ M32, "call_far", 7, END, NOMEM, .imm = 0x1000, .imm2 = 0x10, BY(0x9a, 0x00, 0x10, 0x00, 0x00, 0x10, 0x00) },
	{ M16, "call_far", 8, A16 | END, NOMEM, .imm = 0x12345678, .imm2 = 8,
	  BY(0x66, 0x9a, 0x78, 0x56, 0x34, 0x12, 0x08, 0x00) },

	/* ---- branch targets: eip + len + rel, 16-bit operand size wraps ---- */
	{ M32, "jz", 2, JC, NOMEM, .eip = 0x1000, .imm = 0x1007, BY(0x74, 0x05) },
	{ M32, "jmp", 2, END, NOMEM, .eip = 0x1000, .imm = 0x1000, BY(0xeb, 0xfe) },
	{ M32, "jnz", 2, JC, NOMEM, .eip = 0x1000, .imm = 0x0f82, BY(0x75, 0x80) },
	{ M32, "jmp", 5, END, NOMEM, .eip = 0x1000, .imm = 0x1000, BY(0xe9, 0xfb, 0xff, 0xff, 0xff) },
	{ M32, "call", 5, END, NOMEM, .eip = 0x1000, .imm = 0x2005, BY(0xe8, 0x00, 0x10, 0x00, 0x00) },
	{ M32, "jz", 6, JC, NOMEM, .eip = 0x1000, .imm = 0x1106, BY(0x0f, 0x84, 0x00, 0x01, 0x00, 0x00) },
	{ M32, "jnle", 6, JC, NOMEM, .eip = 0x1000, .imm = 0x0ff6, BY(0x0f, 0x8f, 0xf0, 0xff, 0xff, 0xff) },
	{ M32, "jmp", 5, END, NOMEM, .eip = 0xfffffff0, .imm = 0x15, BY(0xe9, 0x20, 0x00, 0x00, 0x00) },
	{ M32, "jmp", 4, O16 | END, NOMEM, .eip = 0x12345, .imm = 0x3349, BY(0x66, 0xe9, 0x00, 0x10) },
	{ M32, "jmp", 3, O16 | END, NOMEM, .eip = 0x10000, .imm = 0x0001, BY(0x66, 0xeb, 0xfe) },
	{ M32, "jz", 5, O16 | JC, NOMEM, .eip = 0x1000, .imm = 0x1015, BY(0x66, 0x0f, 0x84, 0x10, 0x00) },
	{ M32, "jnz", 5, O16 | JC, NOMEM, .eip = 0xfff0, .imm = 0x0015, BY(0x66, 0x0f, 0x85, 0x20, 0x00) },
	{ M32, "call", 4, O16 | END, NOMEM, .eip = 0xfffe, .imm = 0x0002, BY(0x66, 0xe8, 0x00, 0x00) },
	{ M16, "jz", 2, D16 | JC, NOMEM, .eip = 0x0010, .imm = 0xff92, BY(0x74, 0x80) },
	{ M16, "jmp", 2, D16 | END, NOMEM, .eip = 0xfffe, .imm = 0x0000, BY(0xeb, 0x00) },
	{ M16, "jmp", 3, D16 | END, NOMEM, .eip = 0x0100, .imm = 0x8103, BY(0xe9, 0x00, 0x80) },
	{ M16, "jmp", 6, A16 | END, NOMEM, .eip = 0xfff0, .imm = 0x1fff6, BY(0x66, 0xe9, 0x00, 0x00, 0x01, 0x00) },
	{ M16, "jz", 4, D16 | JC, NOMEM, .eip = 0x0200, .imm = 0x0200, BY(0x0f, 0x84, 0xfc, 0xff) },
	{ M32, "loop", 2, JC, NOMEM, .eip = 0x1000, .imm = 0x1000, BY(0xe2, 0xfe) },
	{ M32, "jecxz", 2, JC, NOMEM, .eip = 0x1000, .imm = 0x1012, BY(0xe3, 0x10) },
	/* 0x67 picks CX as the counter; the target keeps its 32 bits */
	{ M32, "jecxz", 3, A16 | JC, NOMEM, .eip = 0x11000, .imm = 0x11001, BY(0x67, 0xe3, 0xfe) },

	/* ---- string instructions and REP ---- */
	{ M32, "movs", 2, REP, NOMEM, BY(0xf3, 0xa4) },
	{ M32, "movs", 2, REP, NOMEM, BY(0xf3, 0xa5) },
	{ M32, "movs", 1, 0, NOMEM, BY(0xa4) },
	{ M32, "scas", 2, RNE, NOMEM, BY(0xf2, 0xae) },
	{ M32, "stos", 3, REP | O16, NOMEM, BY(0xf3, 0x66, 0xab) },
	{ M32, "cmps", 2, REP, NOMEM, BY(0xf3, 0xa6) },
	{ M32, "movs", 2, 0, .base = N, .index = N, .seg = S_ES, BY(0x26, 0xa4) },
	{ M32, "lods", 3, REP, .base = N, .index = N, .seg = S_FS, BY(0xf3, 0x64, 0xac) },
	{ M32, "ins", 2, REP | END, NOMEM, BY(0xf3, 0x6c) },
	{ M32, "outs", 1, END, NOMEM, BY(0x6f) },
	{ M32, "nop", 2, REP, NOMEM, BY(0xf3, 0x90) }, /* PAUSE */
	{ M32, "nop", 1, 0, NOMEM, BY(0x90) },

	/* ---- LOCK on lockable memory forms ---- */
	{ M32, "add_EG", 3, LK | MEM, RR(ANY, R_EAX), EA(R_EBX, N, 0, S_DS, 0), BY(0xf0, 0x01, 0x03) },
	{ M32, "cmpxchg", 4, LK | MEM, RR(ANY, R_ECX), EA(R_EBX, N, 0, S_DS, 0), BY(0xf0, 0x0f, 0xb1, 0x0b) },
	{ M32, "cmpxchg8b", 4, LK | MEM, RR(ANY, 0), EA(R_ESI, N, 0, S_DS, 0), BY(0xf0, 0x0f, 0xc7, 0x0e) },
	{ M32, "xchg_EG", 3, LK | MEM, RR(ANY, R_EAX), EA(R_EBX, N, 0, S_DS, 0), BY(0xf0, 0x87, 0x03) },
	{ M32, "inc_E", 3, LK | MEM, RR(ANY, 0), EA(R_EAX, N, 0, S_DS, 0), BY(0xf0, 0xff, 0x00) },
	{ M32, "bts_EI", 5, LK | MEM, RR(ANY, 0), EA(R_EAX, N, 0, S_DS, 0), .imm = 1, BY(0xf0, 0x0f, 0xba, 0x28, 0x01) },
	{ M32, "not_E", 3, LK | MEM, RR(ANY, 0), EA(R_EBX, N, 0, S_DS, 0), BY(0xf0, 0xf6, 0x13) },
	{ M32, "xor_EI", 4, LK | MEM, RR(ANY, 0), EA(R_EAX, N, 0, S_DS, 0), .imm = 1, BY(0xf0, 0x80, 0x30, 0x01) },
	{ M32, "add_EG", 5, LK | MEM | O16, RR(ANY, R_EAX), EA(R_EBX, N, 0, S_ES, 0), BY(0xf0, 0x26, 0x66, 0x01, 0x03) },

	/* ---- segment registers ---- */
	{ M32, "mov_SE", 2, END, RR(S_DS, R_EAX), NOMEM, BY(0x8e, 0xd8) },
	{ M32, "mov_SE", 2, END, RR(S_SS, R_EAX), NOMEM, BY(0x8e, 0xd0) },
	{ M32, "mov_SE", 2, MEM | END, RR(S_GS, ANY), EA(R_EBX, N, 0, S_DS, 0), BY(0x8e, 0x2b) },
	{ M32, "mov_ES", 2, 0, RR(R_EAX, S_CS), NOMEM, BY(0x8c, 0xc8) },
	{ M16, "mov_ES", 4, MEM | D16, RR(ANY, S_DS), EA(N, N, 0, S_DS, 0x1000), BY(0x8c, 0x1e, 0x00, 0x10) },
	{ M32, "push_sreg", 1, 0, NOMEM, .op = S_ES, BY(0x06) },
	{ M32, "push_sreg", 1, 0, NOMEM, .op = S_CS, BY(0x0e) },
	{ M32, "pop_sreg", 1, END, NOMEM, .op = S_SS, BY(0x17) },
	{ M32, "pop_sreg", 1, END, NOMEM, .op = S_DS, BY(0x1f) },
	{ M32, "push_sreg", 2, 0, NOMEM, .op = S_FS, BY(0x0f, 0xa0) },
	{ M32, "pop_sreg", 2, END, NOMEM, .op = S_GS, BY(0x0f, 0xa9) },

	/* ---- system, x87 ---- */
	{ M32, "mov_RC", 3, 0, RR(R_EAX, 0), NOMEM, BY(0x0f, 0x20, 0xc0) },
	{ M32, "mov_RC", 3, 0, RR(R_EAX, 0), NOMEM, BY(0x0f, 0x20, 0x00) }, /* mod is ignored */
	{ M32, "mov_CR", 3, END, RR(3, R_EAX), NOMEM, BY(0x0f, 0x22, 0xd8) },
	{ M32, "mov_RDR", 3, 0, RR(R_EAX, 7), NOMEM, BY(0x0f, 0x21, 0xf8) },
	{ M16, "mov_CR", 3, D16 | END, RR(0, R_EAX), NOMEM, BY(0x0f, 0x22, 0xc0) },
	{ M32, "lgdt", 7, MEM | END, RR(ANY, 0), EA(N, N, 0, S_DS, 0x2000), BY(0x0f, 0x01, 0x15, 0x00, 0x20, 0x00, 0x00) },
	{ M32, "smsw", 3, 0, RR(R_EAX, 0), NOMEM, BY(0x0f, 0x01, 0xe0) },
	{ M32, "bound", 6, MEM, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x2000), BY(0x62, 0x05, 0x00, 0x20, 0x00, 0x00) },
	{ M32, "les", 6, MEM | END, RR(R_EAX, ANY), EA(N, N, 0, S_DS, 0x2000), BY(0xc4, 0x05, 0x00, 0x20, 0x00, 0x00) },
	{ M32, "lss", 3, MEM | END, RR(R_ESP, ANY), EA(R_EAX, N, 0, S_DS, 0), BY(0x0f, 0xb2, 0x20) },
	{ M32, "hlt", 1, END, NOMEM, BY(0xf4) },
	{ M32, "cli", 1, END, NOMEM, BY(0xfa) },
	{ M32, "popf", 1, END, NOMEM, BY(0x9d) },
	{ M32, "pushf", 1, 0, NOMEM, BY(0x9c) },
	{ M32, "cpuid", 2, END, NOMEM, BY(0x0f, 0xa2) },
	{ M32, "fldconst", 2, 0, RR(0, 0xe8), NOMEM, .op = (1 << 3) | 5, BY(0xd9, 0xe8) },
	{ M32, "fninit", 2, 0, RR(3, 0xe3), NOMEM, .op = (3 << 3) | 4, BY(0xdb, 0xe3) },
	{ M32, "fld_m64", 3, MEM, RR(ANY, 0x45), EA(R_EBP, N, 0, S_SS, -8), .op = (5 << 3) | 0, BY(0xdd, 0x45, 0xf8) },

	/* ---- prefixes: the 15-byte limit, repeats ---- */
	{ M32, "nop", 15, 0, NOMEM, BY(P14, 0x90) },
	{ M32, "add_EI", 15, MEM, RR(ANY, 0), EA(R_EAX, R_ECX, 2, S_DS, 0x11223344), .imm = 0x12345678,
	  BY(0x3e, 0x3e, 0x3e, 0x3e, 0x81, 0x84, 0x88, 0x44, 0x33, 0x22, 0x11, 0x78, 0x56, 0x34, 0x12) },
	/* SALC (D6): undocumented, but every x86 executes it */
	{ M32, "salc", 1, 0, RR(0, 0), NOMEM, BY(0xd6, 0x90) },
	/* a repeated 0x66 or 0x67 is redundant (SDM Vol. 2, 2.1.1): it does not toggle back */
	{ M32, "mov_EI", 5, O16, RR(R_EAX, 0), NOMEM, .imm = 0x1234, BY(0x66, 0x66, 0xb8, 0x34, 0x12, 0x90, 0x90) },
	{ M16, "mov_EI", 7, A16, RR(R_EAX, 0), NOMEM, .imm = 0x12345678, BY(0x66, 0x66, 0xb8, 0x78, 0x56, 0x34, 0x12) },
	{ M32, "mov_GE", 4, MEM | A16, RR(R_EAX, ANY), EA(R_EBX, R_ESI, 0, S_DS, 0), BY(0x67, 0x67, 0x8b, 0x00) },

	/* ---- invalid: #GP over 15 bytes ---- */
	GP(M32, P14, 0x3e, 0x90),
	GP(M32, O15, 0x66),
	GP(M32, O15), /* only prefixes, and already too long: no more bytes can help */
	GP(M32, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x81, 0x84, 0x88, 0x44, 0x33, 0x22, 0x11, 0x78, 0x56, 0x34, 0x12),

	/* ---- invalid: #UD ---- */
	UD(M32, 0x0f, 0x0b),
	UD(M32, 0x0f, 0x04, 0x00), UD(M32, 0x0f, 0x0a, 0x00), UD(M32, 0x0f, 0xff, 0x00),
	UD(M32, 0x0f, 0x0f, 0xc0, 0x00), UD(M32, 0x0f, 0x24, 0xc0), UD(M32, 0x0f, 0x0e, 0x00),
	UD(M32, 0xfe, 0xd0), UD(M32, 0xff, 0xf8), UD(M32, 0xff, 0x38), UD(M32, 0x8f, 0xc8),
	UD(M32, 0xc6, 0xc8, 0x00), UD(M32, 0xc7, 0xc8, 0x00, 0x00, 0x00, 0x00),
	UD(M32, 0x0f, 0xba, 0x00, 0x00), UD(M32, 0x0f, 0xc7, 0x00), UD(M32, 0x0f, 0x01, 0x28),
	/* memory-only forms with a register operand */
	UD(M32, 0x8d, 0xc0), UD(M32, 0x0f, 0xb2, 0xc0), UD(M32, 0xff, 0xd8), UD(M32, 0xff, 0xe8),
	UD(M32, 0x0f, 0xc7, 0xc8), UD(M32, 0x0f, 0x01, 0x10 | 0xc0),
	/* MOV to CS, and segment register numbers 6 and 7 */
	UD(M32, 0x8e, 0xc8), UD(M32, 0x8e, 0x0b), UD(M16, 0x8e, 0xc8), UD(M32, 0x8e, 0xf0),
	UD(M32, 0x8e, 0xf8), UD(M32, 0x8c, 0xf0),
	/* LOCK on what cannot be locked, or with a register destination */
	UD(M32, 0xf0, 0x89, 0x03), UD(M32, 0xf0, 0x01, 0xc3), UD(M32, 0xf0, 0x38, 0x03),
	UD(M32, 0xf0, 0x90), UD(M32, 0xf0, 0x0f, 0xa3, 0x03), UD(M32, 0xf0, 0x0f, 0xba, 0x20, 0x01),
	UD(M32, 0xf0, 0xf6, 0x03, 0x01), UD(M32, 0xf0, 0x8d, 0x00), UD(M32, 0xf0, 0x0f, 0xc1, 0xc0),
	UD(M32, 0xf0, 0x87, 0xc3), UD(M32, 0xf0, 0x8b, 0x03), UD(M32, 0xf0, 0xa4),

	/* ---- truncated: decode asks for more bytes ---- */
	SHORT(M32, 0xb8, 0x01, 0x02), SHORT(M32, 0x8b), SHORT(M32, 0x8b, 0x04), SHORT(M32, 0x8b, 0x44, 0x24),
	SHORT(M32, 0x0f), SHORT(M32, 0x66), SHORT(M32, 0xf0), SHORT(M32, 0xe9, 0x00, 0x00, 0x00),
	SHORT(M32, 0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00),
	SHORT(M32, 0xea, 0x00, 0x00, 0x00, 0x00, 0x08), SHORT(M32, 0x67, 0x8b, 0x06, 0x34),
	SHORT(M16, 0x8b, 0x86, 0x34), SHORT(M32, 0x0f, 0x84, 0x00, 0x00, 0x00), SHORT(M32, 0xc8, 0x10, 0x00),
	SHORT(M16, 0xb8, 0x34), SHORT(M32, 0x8b, 0x04, 0x8d, 0x00, 0x10, 0x00),
	/* fourteen prefixes leave room for a one-byte opcode: not yet too long */
	SHORT(M32, P14),
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static const char *hex(const struct dcase *t)
{
	static char buf[3 * sizeof(t->bytes) + 1];
	buf[0] = 0;
	for (unsigned i = 0; i < t->n; i++)
		snprintf(buf + 3 * i, 4, "%02x ", t->bytes[i]);
	return buf;
}

static void check_invalid(const struct dcase *t, const struct insn *in, unsigned got)
{
	const char *h = hex(t);
	if (t->ex == EXP_SHORT) {
		ck_assert_msg(got == 0, "[%s] truncated input decoded to length %u (%s)", h, got, decode_name(in));
		return;
	}
	insn_fn want = t->ex == EXP_UD ? op_ud_fn() : op_gp_fn();
	ck_assert_msg(got >= 1 && got <= INSN_MAX_LEN, "[%s] length %u", h, got);
	ck_assert_msg(in->fn == want, "[%s] decoded to '%s', want %s", h, decode_name(in),
		      t->ex == EXP_UD ? "#UD" : "#GP");
	ck_assert_msg(in->flags & INSN_END, "[%s] a faulting instruction must end its block", h);
}

static void check_fields(const struct dcase *t, const struct insn *in)
{
	const char *h = hex(t);
	ck_assert_msg(in->flags == t->flags, "[%s] flags 0x%02x, want 0x%02x", h, in->flags, t->flags);
	if (t->d != ANY)
		ck_assert_msg(in->d == t->d, "[%s] d %u, want %u", h, in->d, t->d);
	if (t->s != ANY)
		ck_assert_msg(in->s == t->s, "[%s] s %u, want %u", h, in->s, t->s);
	ck_assert_msg(in->imm == t->imm, "[%s] imm 0x%x, want 0x%x", h, in->imm, t->imm);
	ck_assert_msg(in->imm2 == t->imm2, "[%s] imm2 0x%x, want 0x%x", h, in->imm2, t->imm2);
	ck_assert_msg(in->op == t->op, "[%s] op %u, want %u", h, in->op, t->op);
	ck_assert_msg(in->eip == t->eip, "[%s] eip 0x%x, want 0x%x", h, in->eip, t->eip);
	if (!(t->flags & INSN_MEM))
		return;
	ck_assert_msg(in->base == t->base, "[%s] base %u, want %u", h, in->base, t->base);
	ck_assert_msg(in->index == t->index, "[%s] index %u, want %u", h, in->index, t->index);
	if (t->index != R_NONE)
		ck_assert_msg(in->scale == t->scale, "[%s] scale %u, want %u", h, in->scale, t->scale);
	/* 16-bit effective addresses wrap at 64 KiB: only the low half matters */
	u32 dmask = (t->flags & INSN_A16) ? 0xffffu : 0xffffffffu;
	ck_assert_msg((in->disp & dmask) == (t->disp & dmask), "[%s] disp 0x%x, want 0x%x", h, in->disp, t->disp);
}

/* want is a row name or several separated by '|': rows that share their
 * register-form handlers (add_EG and add_GE) cannot be told apart by it. */
static bool name_is(const char *got, const char *want)
{
	size_t n = strlen(got);
	for (const char *p = want; *p;) {
		size_t k = strcspn(p, "|");
		if (k == n && strncmp(p, got, n) == 0)
			return true;
		p += k + (p[k] == '|');
	}
	return false;
}

/* String instructions name their segment without a ModRM operand. */
static void check_seg(const struct dcase *t, const struct insn *in)
{
	if ((t->flags & INSN_MEM) || t->seg != S_DS)
		ck_assert_msg(in->seg == t->seg, "[%s] seg %u, want %u", hex(t), in->seg, t->seg);
}

START_TEST(test_decode_table)
{
	const struct dcase *t = &cases[_i];
	struct insn in;
	memset(&in, 0xcc, sizeof(in)); /* nothing may survive from before */
	unsigned got = decode_insn(&in, t->bytes, t->n, t->eip, t->mode);
	if (t->ex != EXP_OK) {
		check_invalid(t, &in, got);
		return;
	}
	const char *h = hex(t);
	ck_assert_msg(got == t->len, "[%s] length %u, want %u", h, got, t->len);
	ck_assert_msg(in.len == t->len, "[%s] in.len %u, want %u", h, in.len, t->len);
	ck_assert_msg(in.fn != NULL && in.fn != op_ud_fn() && in.fn != op_gp_fn(),
		      "[%s] valid encoding decoded to '%s'", h, decode_name(&in));
	ck_assert_msg(name_is(decode_name(&in), t->name), "[%s] row '%s', want '%s'", h,
		      decode_name(&in), t->name);
	check_fields(t, &in);
	check_seg(t, &in);
	/* one byte less must ask for more rather than decode something shorter */
	ck_assert_msg(decode_insn(&in, t->bytes, t->len - 1u, t->eip, t->mode) == 0,
		      "[%s] decodes with only %u bytes", h, t->len - 1u);
}
END_TEST

/* UD2 is a real instruction whose whole job is #UD. */
START_TEST(test_ud2_raises_ud)
{
	static const u8 ud2[] = { 0x0f, 0x0b };
	struct insn in;
	ck_assert_uint_eq(decode_insn(&in, ud2, sizeof(ud2), 0, M32), 2);
	ck_assert(in.fn == op_ud_fn());
}
END_TEST

static insn_fn fn_of(const u8 *b, unsigned n, u32 mode)
{
	struct insn in;
	ck_assert_uint_gt(decode_insn(&in, b, n, 0, mode), 0);
	return in.fn;
}

#define FN(mode, ...) fn_of((const u8[]){ __VA_ARGS__ }, sizeof((const u8[]){ __VA_ARGS__ }), mode)

/* The handler is specialised at decode time by register/memory, operand
 * size and REP: each variant must get its own handler, and the same form
 * with other registers the same one. */
START_TEST(test_handler_variants)
{
	insn_fn r8 = FN(M32, 0x00, 0xc0), r16 = FN(M32, 0x66, 0x01, 0xc0), r32 = FN(M32, 0x01, 0xc0);
	insn_fn m8 = FN(M32, 0x00, 0x00), m16 = FN(M32, 0x66, 0x01, 0x00), m32 = FN(M32, 0x01, 0x00);
	insn_fn all[] = { r8, r16, r32, m8, m16, m32 };
	for (unsigned i = 0; i < 6; i++)
		for (unsigned j = i + 1; j < 6; j++)
			ck_assert_msg(all[i] != all[j], "ADD variants %u and %u share a handler", i, j);
	ck_assert(FN(M32, 0x01, 0xd9) == r32);
	ck_assert(FN(M16, 0x01, 0xc0) == r16);
	ck_assert(FN(M16, 0x66, 0x01, 0xc0) == r32);
	ck_assert(FN(M32, 0x01, 0x44, 0x24, 0x04) == m32);
	ck_assert(FN(M32, 0xa4) != FN(M32, 0xf3, 0xa4));
	ck_assert(FN(M32, 0xa4) != FN(M32, 0xa5));
}
END_TEST

/* Every opcode, with every ModRM byte, decodes to a handler and a length
 * within 1..15, and never reads past what it was given. */
START_TEST(test_decode_total)
{
	u8 buf[INSN_MAX_LEN + 1];
	for (unsigned map = 0; map < 2; map++)
		for (unsigned op = 0; op < 256; op++)
			for (unsigned modrm = 0; modrm < 256; modrm++) {
				unsigned k = 0;
				if (map)
					buf[k++] = 0x0f;
				buf[k++] = (u8)op;
				buf[k++] = (u8)modrm;
				while (k < sizeof(buf))
					buf[k++] = 0x24; /* SIB and immediates */
				for (unsigned m = 0; m < 2; m++) {
					struct insn in;
					unsigned len = decode_insn(&in, buf, sizeof(buf), 0, m ? M32 : M16);
					ck_assert_msg(len >= 1 && len <= INSN_MAX_LEN && in.fn && in.len == len,
						      "map %u op %02x modrm %02x: length %u", map, op, modrm, len);
				}
			}
}
END_TEST

Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("table");
	tcase_add_loop_test(tc, test_decode_table, 0, (int)N_CASES);
	suite_add_tcase(s, tc);
	tc = tcase_create("handlers");
	tcase_add_test(tc, test_ud2_raises_ud);
	tcase_add_test(tc, test_handler_variants);
	tcase_add_test(tc, test_decode_total);
	suite_add_tcase(s, tc);
	return s;
}
