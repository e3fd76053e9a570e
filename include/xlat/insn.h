/* insn.h - a decoded instruction, the handler signature and the decoder API. */
#ifndef XLAT_XLAT_INSN_H
#define XLAT_XLAT_INSN_H

#include "xlat/cpu.h"

struct insn;
/* A handler executes one instruction and then tail-calls the next one in its
 * block (threaded code); the branch that leaves the block returns NULL with
 * cpu->eip holding the target and cpu->exit_slot its chain-link slot. */
typedef const struct insn *(*insn_fn)(struct cpu *c, const struct insn *in);

#define INSN_O16 0x01   /* 16-bit operand size */
#define INSN_A16 0x02   /* 16-bit address size */
#define INSN_REP 0x04   /* F3 prefix */
#define INSN_REPNE 0x08 /* F2 prefix */
#define INSN_MEM 0x10   /* ModRM names memory */
#define INSN_LOCK 0x20  /* LOCK prefix */
#define INSN_END 0x40   /* ends its block */
#define INSN_JCC 0x80   /* conditional branch: the block may go on past it */
#define EXIT_NOLINK 0xff /* exit slot of transfers that are never chained */
#define EXIT_RET 0xfe    /* exit slot of RET: the return-address stack predicts it */

struct insn {
	insn_fn fn;   /* handler */
	u32 eip;      /* guest EIP of this instruction */
	u32 disp;     /* displacement, or moffs */
	u32 imm;      /* immediate, or branch target */
	u16 imm2;     /* second immediate: ENTER level, far selector */
	u8 len;       /* bytes */
	u8 d, s;      /* dst / src register; byte regs are byte offsets into r[] */
	u8 base;      /* memory base register (R_NONE when absent) */
	u8 index;     /* memory index register (R_NONE when absent) */
	u8 scale;     /* index shift 0-3 */
	u8 seg;       /* segment of the memory operand */
	u8 flags;     /* INSN_* */
	u8 op;        /* sub-operation for handlers shared by a group */
	u8 exit;      /* branches: the block's chain-link slot (set by the block builder) */
};

#define INSN_MAX_LEN 15

/* Decode one instruction from bytes[0..avail). Returns the length, or 0 when
 * the bytes run out before the instruction ends (the caller fetches more).
 * Invalid encodings decode to a handler that raises #UD (or #GP when over
 * 15 bytes), so decoding itself never fails. */
unsigned decode_insn(struct insn *in, const u8 *bytes, unsigned avail, u32 eip, u32 mode_key);

/* The name of the handler's row in the instruction table, for -d in_asm. */
const char *decode_name(const struct insn *in);

struct logger;
/* Log one instruction's address, bytes and disassembly (translate/disas.c). */
void disas_insn(struct logger *l, const struct insn *in, const u8 *bytes, unsigned n, bool code32);

/* Handler sets: one handler per (variant, operand size 8/16/32). The variant
 * is register-vs-memory for ModRM forms and plain-vs-REP for strings. */
struct hset {
	insn_fn h[2][3];
};


/* Operand-size index of a handler set entry */
enum { SZ8, SZ16, SZ32 };

#endif
