/* moo.h - the conformance harness (tests/conformance/): the SingleStepTests
 * MOO format, the per-form metadata, and running one test through xlat.
 *
 * The format is described in ../shared/conformance/sst-80286-real-mode/
 * README.md. A test's registers are 16-bit (the 80286 set); the views of
 * the file stay inside the gunzipped buffer, nothing is copied per test. */
#ifndef XLAT_TESTS_CONFORMANCE_MOO_H
#define XLAT_TESTS_CONFORMANCE_MOO_H

#include <stdio.h>
#include "xlat/types.h"

/* Registers in the order of a REGS bitmask. */
enum { MR_AX, MR_BX, MR_CX, MR_DX, MR_CS, MR_SS, MR_DS, MR_ES, MR_SP, MR_BP,
       MR_SI, MR_DI, MR_IP, MR_FLAGS, MR_N };
extern const char *const moo_reg_name[MR_N];

/* RAM entries as stored: n records of u32 address, u8 value. */
struct moo_ram {
	u32 n;
	const u8 *rec;
};

static inline u32 moo_ram_addr(const struct moo_ram *r, u32 i)
{
	const u8 *p = r->rec + 5 * (size_t)i;
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u8 moo_ram_val(const struct moo_ram *r, u32 i) { return r->rec[5 * (size_t)i + 4]; }

struct moo_state {
	u16 mask;        /* bit i: register i is listed */
	u16 reg[MR_N];
	struct moo_ram ram;
};

struct moo_test {
	u32 index;
	const char *name;   /* disassembly, not NUL-terminated */
	u32 name_len;
	const u8 *bytes;    /* instruction bytes, prefixes included */
	u32 n_bytes;
	struct moo_state init, fina;
	bool has_excp;
	u8 excp_vec;        /* the exception or interrupt the 286 took */
	u32 excp_addr;      /* where it pushed FLAGS */
	const u8 *hash;     /* 20-byte SHA-1, or NULL */
};

/* One gunzipped file; the buffer is reused from file to file. */
struct moo_file {
	u8 *buf;
	size_t len, cap, pos;
	u32 count;          /* tests the header announces */
};

int moo_open(struct moo_file *f, const char *path, char *err, size_t errlen);
/* 1: *t holds the next test; 0: end of file; -1: malformed (err says why). */
int moo_next(struct moo_file *f, struct moo_test *t, char *err, size_t errlen);
void moo_free(struct moo_file *f);

/* What the 286 expects a register to hold: FINA if listed, else INIT. */
static inline u16 moo_want(const struct moo_test *t, unsigned r)
{
	return (t->fina.mask >> r & 1) ? t->fina.reg[r] : t->init.reg[r];
}

/* ---- metadata.json: the undefined-flags mask per form ---- */
struct moo_meta {
	u16 mask[0x200][9]; /* [opcode, 0x1xx for 0F xx][reg field, 8: any] */
	u8 (*revoked)[20];  /* revocation_list.txt hashes */
	size_t n_revoked;
};

void meta_init(struct moo_meta *m);
int meta_load(struct moo_meta *m, const char *path, char *err, size_t errlen);
int meta_load_revocations(struct moo_meta *m, const char *path, char *err, size_t errlen);
void meta_free(struct moo_meta *m);
bool meta_revoked(const struct moo_meta *m, const u8 *hash);

/* How an instruction's bytes break down: prefixes, opcode, ModRM. */
struct moo_insn {
	unsigned n_prefix;
	bool lock, rep;
	int seg;            /* override prefix byte, or -1 */
	unsigned op;        /* opcode, 0x1xx for 0F xx */
	int modrm;          /* the byte after the opcode, or -1 */
};
void moo_split(const struct moo_test *t, struct moo_insn *d);
u16 meta_flags_mask(const struct moo_meta *m, const struct moo_test *t);

/* ---- running a test in xlat (harness.c) ---- */
#define DIFF_SHOW 8

struct ram_diff {
	u32 addr;
	u8 want, got;
};

/* How xlat's end state differs from the 286's. */
struct diff {
	u16 regs;           /* bit per MR_* register whose 16-bit value differs */
	u16 wide;           /* bit per register whose upper bits, or segment base, are wrong */
	u16 got[MR_N], want[MR_N];
	u32 got_hi[MR_N];   /* full 32-bit value where wide */
	u16 flags_mask;     /* mask the FLAGS compare used */
	bool no_hlt;        /* the run did not stop at a HLT */
	int trap_vec;       /* xlat took this vector, which the test left unset; -1: none */
	bool bad_addr;      /* the test names memory outside guest RAM */
	u32 n_ram;          /* RAM bytes that differ */
	struct ram_diff ram[DIFF_SHOW]; /* the first few */
};

static inline bool diff_none(const struct diff *d)
{
	return !d->regs && !d->wide && !d->no_hlt && !d->bad_addr && !d->n_ram && d->trap_vec < 0;
}

/* Extra RAM bytes for a re-run (the exception table's checks). */
struct patch {
	u32 addr;
	u8 val;
};

struct harness;
struct harness *harness_new(char *err, size_t errlen);
void harness_free(struct harness *h);
/* Run t with the given flags mask (plus, if n_patch, extra bytes written to
 * RAM and expected to stay) and fill *d. */
void harness_run(struct harness *h, const struct moo_test *t, u16 flags_mask,
		 const struct patch *p, unsigned n_patch, struct diff *d);
/* The machine, in the state the last run left it (until the next run). */
struct machine *harness_machine(struct harness *h);
/* The word at real-mode address seg:off after the last run. */
u16 harness_peek16(struct harness *h, u16 seg, u16 off);
/* The handler a run of t enters for vector v: the test's own IVT entry
 * (true) or the harness's trap for it (false). */
bool harness_vector(const struct moo_test *t, unsigned v, u16 *cs, u16 *ip);
/* The word the test's INIT RAM has at physical address a (0 if absent). */
u16 moo_init_word(const struct moo_test *t, u32 a);

/* ---- the reviewed table of 286-vs-386 differences (exceptions.c) ---- */
struct excuse;
/* The entry that covers this failure, or NULL. */
const struct excuse *excuse_find(struct harness *h, const char *form, const struct moo_test *t,
				 u16 flags_mask, const struct diff *d);
const char *excuse_name(const struct excuse *e);
unsigned excuse_count(void);
unsigned excuse_index(const struct excuse *e);
const struct excuse *excuse_at(unsigned i);
const char *excuse_reason(const struct excuse *e);
const char *excuse_forms(const struct excuse *e);

#endif
