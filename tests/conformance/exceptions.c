/* exceptions.c - the reviewed table of 286-vs-386 differences.
 *
 * The vectors are 80286 truth; xlat is a 386-class CPU. Where the two
 * documented CPUs differ, a test fails for a reason that is not a bug.
 * Each entry below names one such difference, the forms it can touch, and
 * a check as narrow as the difference itself. Where it can, the check does
 * not just recognise the 286's side but proves xlat's: it builds what a
 * 386 does (a "model": the test with its expected end state replaced) and
 * re-runs the test against it, which must then pass exactly.
 *
 * A failure no entry covers is a failure. Keep the table short; an entry
 * needs a documented difference (cited in its reason), never "xlat does
 * something else here".
 *
 * References: Intel 80286 Programmer's Reference Manual (1987) and the
 * 80C286 data sheet ("real address mode: a segment overrun exception (13)
 * will occur if a word operand at offset FFFFH is attempted"; "the IOPL
 * and NT fields will remain 0"); Intel 80386 Programmer's Reference Manual
 * (1986); Intel SDM Vol. 2 and Vol. 3A chapter 6 (faults are restartable). */
#include <string.h>
#include "xlat/machine.h"
#include "moo.h"

struct excuse {
	const char *name;
	const char *forms; /* space-separated forms it may cover; NULL: any */
	bool (*covers)(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d);
	const char *reason;
};

#define FLAGS_OF 0x0800u
#define FLAGS_IOPL_NT 0x7000u
#define FLAGS_IF_TF 0x0300u
#define I286_MAX_LEN 10u /* 80286: longer instructions raise #GP (13) */
#define I386_MAX_LEN 15u

/* ---- reading the test ---- */
static const u8 rm_reg[8] = { MR_AX, MR_CX, MR_DX, MR_BX, MR_SP, MR_BP, MR_SI, MR_DI };

static u8 init_byte(const struct moo_test *t, u32 a) { return (u8)moo_init_word(t, a); }

/* The byte the 286 left at a: FINA's, else INIT's (unchanged). */
static u8 fina_byte(const struct moo_test *t, u32 a)
{
	for (u32 i = 0; i < t->fina.ram.n; i++)
		if (moo_ram_addr(&t->fina.ram, i) == a)
			return moo_ram_val(&t->fina.ram, i);
	return init_byte(t, a);
}

static u32 lin(u16 seg, u16 off) { return ((u32)seg << 4) + off; }

/* Words at seg:off, the high byte at off + 1 inside the segment. */
static u16 init_word_seg(const struct moo_test *t, u16 seg, u16 off)
{
	return (u16)(init_byte(t, lin(seg, off)) | init_byte(t, lin(seg, (u16)(off + 1))) << 8);
}

static u16 fina_word_seg(const struct moo_test *t, u16 seg, u16 off)
{
	return (u16)(fina_byte(t, lin(seg, off)) | fina_byte(t, lin(seg, (u16)(off + 1))) << 8);
}

/* FLAGS as a 386 holds the INIT image: bit 1 set, bits 3, 5 and 12-15 clear. */
static u16 norm_flags(u16 f) { return (u16)((f & 0x0fd5u) | 2u); }

/* The 286 took vec before the instruction changed anything visible: its
 * frame holds the instruction's own CS:IP. */
static bool took_at_start(const struct moo_test *t, unsigned vec)
{
	u16 ss = moo_want(t, MR_SS), sp = moo_want(t, MR_SP);
	return t->has_excp && t->excp_vec == vec && fina_word_seg(t, ss, sp) == t->init.reg[MR_IP] &&
	       fina_word_seg(t, ss, (u16)(sp + 2)) == t->init.reg[MR_CS];
}

/* A ModRM memory operand: its segment (as an MR_ register) and offset. */
struct ea {
	bool is_reg;
	unsigned rm;   /* register operand, as an MR_ index */
	unsigned seg;  /* MR_ES..MR_DS */
	u16 off;
};

static unsigned seg_of_prefix(int prefix)
{
	return prefix == 0x26 ? MR_ES : prefix == 0x2e ? MR_CS : prefix == 0x36 ? MR_SS : MR_DS;
}

/* The last segment prefix is the one that counts (as the vectors show). */
static int last_seg_prefix(const struct moo_test *t, const struct moo_insn *in)
{
	int p = -1;
	for (unsigned i = 0; i < in->n_prefix; i++)
		if (t->bytes[i] != 0xf0 && t->bytes[i] != 0xf2 && t->bytes[i] != 0xf3)
			p = t->bytes[i];
	return p;
}

static bool decode_ea(const struct moo_test *t, const struct moo_insn *in, struct ea *e)
{
	static const u8 base[8] = { MR_BX, MR_BX, MR_BP, MR_BP, MR_N, MR_N, MR_BP, MR_BX };
	static const u8 index[8] = { MR_SI, MR_DI, MR_SI, MR_DI, MR_SI, MR_DI, MR_N, MR_N };
	unsigned at = in->n_prefix + (in->op > 0xff ? 2 : 1), mod, rm, disp;
	if (in->modrm < 0)
		return false;
	mod = (unsigned)in->modrm >> 6;
	rm = (unsigned)in->modrm & 7;
	disp = mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 6) ? 2 : 0;
	if (at + 1 + disp > t->n_bytes)
		return false;
	*e = (struct ea){ .is_reg = mod == 3, .rm = rm_reg[rm], .seg = MR_DS };
	if (e->is_reg)
		return true;
	const u8 *d = t->bytes + at + 1;
	u16 off = 0;
	if (mod == 0 && rm == 6)
		off = (u16)(d[0] | d[1] << 8);
	else {
		off = (u16)((base[rm] < MR_N ? t->init.reg[base[rm]] : 0) +
			    (index[rm] < MR_N ? t->init.reg[index[rm]] : 0));
		off = (u16)(off + (mod == 1 ? (u16)(s16)(s8)d[0] : mod == 2 ? (u16)(d[0] | d[1] << 8) : 0));
		if (base[rm] == MR_BP)
			e->seg = MR_SS;
	}
	int p = last_seg_prefix(t, in);
	if (p >= 0)
		e->seg = seg_of_prefix(p);
	e->off = off;
	return true;
}

/* ---- models: what a 386 does, checked by re-running the test ---- */
#define MODEL_RAM 16

struct model {
	struct moo_test t;
	u8 rec[MODEL_RAM * 5];
	int trap;      /* the harness trap the run must stop at, or -1 */
};

/* Nothing happens yet: every register as INIT, RAM as INIT. */
static void model_init(struct model *md, const struct moo_test *t)
{
	md->t = *t;
	md->t.fina.mask = (1u << MR_N) - 1;
	memcpy(md->t.fina.reg, t->init.reg, sizeof(md->t.fina.reg));
	md->t.fina.reg[MR_FLAGS] = norm_flags(t->init.reg[MR_FLAGS]);
	md->t.fina.ram = (struct moo_ram){ 0, md->rec };
	md->t.has_excp = false;
	md->trap = -1;
}

static void model_poke(struct model *md, u32 a, u8 v)
{
	if (md->t.fina.ram.n == MODEL_RAM)
		return; /* never: a model writes one frame at most */
	u8 *r = md->rec + 5 * md->t.fina.ram.n;
	r[0] = (u8)a;
	r[1] = (u8)(a >> 8);
	r[2] = (u8)(a >> 16);
	r[3] = (u8)(a >> 24);
	r[4] = v;
	md->t.fina.ram.n++;
}

static void model_word(struct model *md, u16 seg, u16 off, u16 v)
{
	model_poke(md, lin(seg, off), (u8)v);
	model_poke(md, lin(seg, (u16)(off + 1)), (u8)(v >> 8));
}

/* A fault at the instruction, as a 386 takes it: nothing of the
 * instruction done, FLAGS CS IP pushed, IF TF cleared, the handler's HLT
 * executed. */
static void model_fault(struct model *md, unsigned vec)
{
	u16 *r = md->t.fina.reg, ss = r[MR_SS], sp = r[MR_SP], cs, ip;
	model_word(md, ss, (u16)(sp - 2), r[MR_FLAGS]);
	model_word(md, ss, (u16)(sp - 4), r[MR_CS]);
	model_word(md, ss, (u16)(sp - 6), r[MR_IP]);
	if (!harness_vector(&md->t, vec, &cs, &ip)) /* after the frame: it may move the trap */
		md->trap = (int)vec;
	r[MR_SP] = (u16)(sp - 6);
	r[MR_FLAGS] &= (u16)~FLAGS_IF_TF;
	r[MR_CS] = cs;
	r[MR_IP] = (u16)(ip + 1);
}

/* The instruction completed and the HLT after it ran. */
static void model_done(struct model *md)
{
	md->t.fina.reg[MR_IP] = (u16)(md->t.init.reg[MR_IP] + md->t.n_bytes);
}

static bool model_holds(struct harness *h, struct model *md)
{
	struct diff d;
	harness_run(h, &md->t, 0xffff, NULL, 0, &d);
	d.trap_vec = d.trap_vec == md->trap ? -1 : d.trap_vec;
	return diff_none(&d);
}

static bool faults_like_386(struct harness *h, const struct moo_test *t, unsigned vec)
{
	struct model md;
	model_init(&md, t);
	model_fault(&md, vec);
	return model_holds(h, &md);
}

/* ---- the entries' checks ---- */

/* i386 PRM, LOCK: lockable are ADD ADC AND OR SBB SUB XOR NOT NEG INC DEC
 * with a memory destination, XCHG with memory, and BT/BTS/BTR/BTC (0F). */
static bool lockable_386(const struct moo_insn *in)
{
	unsigned op = in->op, reg = in->modrm >= 0 ? ((unsigned)in->modrm >> 3) & 7 : 8;
	bool mem = in->modrm >= 0 && ((unsigned)in->modrm >> 6) != 3;
	if (!mem)
		return false;
	if (op < 0x40 && (op & 7) <= 1 && (op >> 3) != 7) /* ALU r/m,reg; not CMP */
		return true;
	if (op >= 0x80 && op <= 0x83)
		return reg != 7;
	if (op == 0x86 || op == 0x87)
		return true;
	if (op == 0xf6 || op == 0xf7)
		return reg == 2 || reg == 3;
	if (op == 0xfe || op == 0xff)
		return reg <= 1;
	return op == 0x1a3 || op == 0x1ab || op == 0x1b3 || op == 0x1bb || op == 0x1ba;
}

static bool lock_ud(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	(void)mask, (void)d;
	moo_split(t, &in);
	return in.lock && !lockable_386(&in) && faults_like_386(h, t, EX_UD);
}

/* The 286 is one iteration ahead: SI and DI one step each; CX one, or
 * two when the store faulted (DI moved). Nothing else differs. */
static bool one_step_more(const struct moo_test *t, const struct diff *d)
{
	struct moo_insn in;
	moo_split(t, &in);
	u16 size = (in.op & 1) ? 2 : 1;
	u16 step = (t->init.reg[MR_FLAGS] & 0x400) ? (u16)-size : size;
	u16 cx_ahead = (u16)(d->got[MR_CX] - d->want[MR_CX]);
	for (unsigned r = 0; r < MR_N; r++) {
		if (!(d->regs >> r & 1))
			continue;
		if ((r == MR_SI || r == MR_DI) && d->want[r] == (u16)(d->got[r] + step))
			continue;
		if (r == MR_CX && in.rep && (cx_ahead == 1 || (cx_ahead == 2 && (d->regs >> MR_DI & 1))))
			continue;
		return false;
	}
	return !d->wide && !d->no_hlt && !d->n_ram;
}

static bool is_string_op(unsigned op)
{
	return (op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf) || (op >= 0x6c && op <= 0x6f);
}

/* The instruction reaches memory through SS: the stack, or an operand
 * based on BP or overridden to SS. */
static bool uses_ss(const struct moo_test *t)
{
	static const u8 stack_ops[] = { 0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x60, 0x61, 0x68, 0x6a,
					0x8f, 0x9a, 0x9c, 0x9d, 0xc2, 0xc3, 0xc8, 0xc9, 0xca, 0xcb, 0xcc,
					0xcd, 0xce, 0xcf, 0xe8 };
	struct moo_insn in;
	struct ea e;
	moo_split(t, &in);
	if ((in.op >= 0x50 && in.op <= 0x5f) || memchr(stack_ops, (int)in.op, sizeof(stack_ops)))
		return true;
	unsigned reg = in.modrm >= 0 ? ((unsigned)in.modrm >> 3) & 7 : 0;
	if (in.op == 0xff && (reg == 2 || reg == 3 || reg == 6))
		return true; /* CALL near, CALL far, PUSH */
	if (in.op >= 0xa4 && in.op <= 0xaf && last_seg_prefix(t, &in) == 0x36)
		return true; /* SS: on a string source */
	return decode_ea(t, &in, &e) && !e.is_reg && e.seg == MR_SS;
}

/* A string instruction's fault after some iterations: the 286's end
 * state, but entered through vec, and one iteration less done. */
static bool string_faults_via(struct harness *h, const struct moo_test *t, u16 mask, unsigned vec)
{
	struct model md;
	struct diff d;
	u16 cs, ip;
	md.t = *t; /* FINA RAM, the frame's mask and all */
	md.t.fina.mask = (1u << MR_N) - 1;
	for (unsigned r = 0; r < MR_N; r++)
		md.t.fina.reg[r] = moo_want(t, r);
	md.trap = harness_vector(&md.t, vec, &cs, &ip) ? -1 : (int)vec;
	md.t.fina.reg[MR_CS] = cs;
	md.t.fina.reg[MR_IP] = (u16)(ip + 1);
	harness_run(h, &md.t, mask, NULL, 0, &d);
	return d.trap_vec == md.trap && (!d.regs || one_step_more(t, &d));
}

static bool ss_limit(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	(void)d;
	moo_split(t, &in);
	if (!took_at_start(t, EX_GP) || !uses_ss(t))
		return false;
	if (is_string_op(in.op))
		return string_faults_via(h, t, mask, EX_SS);
	return faults_like_386(h, t, EX_SS);
}

static bool string_commit(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	(void)h, (void)mask;
	return t->has_excp && t->excp_vec == EX_GP && d->regs && d->trap_vec < 0 && one_step_more(t, d);
}

static bool only_flags_differ(const struct diff *d)
{
	return d->regs == 1u << MR_FLAGS && !d->wide && !d->no_hlt && !d->n_ram && d->trap_vec < 0;
}

static bool popf_iopl_nt(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	(void)h;
	moo_split(t, &in);
	u16 ss = t->init.reg[MR_SS], sp = t->init.reg[MR_SP];
	u16 popped = init_word_seg(t, ss, (u16)(sp + (in.op == 0xcf ? 4 : 0)));
	u16 delta = (u16)((d->want[MR_FLAGS] ^ d->got[MR_FLAGS]) & mask);
	return only_flags_differ(d) && !(delta & ~FLAGS_IOPL_NT) &&
	       (d->got[MR_FLAGS] & FLAGS_IOPL_NT) == (popped & FLAGS_IOPL_NT);
}

static bool rcl_rcr_full_turn(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	(void)h;
	moo_split(t, &in);
	bool by_cl = in.op == 0xd2 || in.op == 0xd3, word = in.op & 1;
	unsigned count = (by_cl ? t->init.reg[MR_CX] : t->bytes[t->n_bytes - 2]) & 31;
	unsigned turn = word ? 17 : 9;
	u16 delta = (u16)((d->want[MR_FLAGS] ^ d->got[MR_FLAGS]) & mask);
	return only_flags_differ(d) && delta == FLAGS_OF && count && count % turn == 0 &&
	       d->got[MR_FLAGS] == norm_flags(t->init.reg[MR_FLAGS]);
}

/* MOV r/m16, FS/GS (8C /4 /5) and MOV FS/GS, r/m16 (8E /4 /5), as a 386
 * runs them; xlat's FS and GS hold 0 after cpu_reset_real(). */
static bool fs_gs_mov(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	struct ea e;
	struct model md;
	(void)mask, (void)d;
	moo_split(t, &in);
	unsigned reg = in.modrm >= 0 ? ((unsigned)in.modrm >> 3) & 7 : 0;
	if ((reg != 4 && reg != 5) || !took_at_start(t, EX_UD) || !decode_ea(t, &in, &e))
		return false;
	model_init(&md, t);
	if (!e.is_reg && e.off == 0xffff) {
		model_fault(&md, e.seg == MR_SS ? EX_SS : EX_GP); /* a word at FFFF */
		return model_holds(h, &md);
	}
	model_done(&md);
	if (in.op == 0x8c && e.is_reg)
		md.t.fina.reg[e.rm] = 0;
	else if (in.op == 0x8c)
		model_word(&md, t->init.reg[e.seg], e.off, 0);
	return model_holds(h, &md);
}

/* Where a JMP/CALL far ptr16:16 (EA, 9A) goes. */
static bool far_target(const struct moo_test *t, u16 *cs, u16 *ip)
{
	struct moo_insn in;
	moo_split(t, &in);
	const u8 *p = t->bytes + in.n_prefix + 1;
	if ((in.op != 0xea && in.op != 0x9a) || in.n_prefix + 5 > t->n_bytes)
		return false;
	*ip = (u16)(p[0] | p[1] << 8);
	*cs = (u16)(p[2] | p[3] << 8);
	return true;
}

/* xlat ran the long instruction: it stopped at the HLT after it, or, for
 * a far jump or call, at a HLT placed at the target for this check. */
static bool long_insn(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	u32 len = t->n_bytes - 1;
	u16 cs = t->init.reg[MR_CS], ip = (u16)(t->init.reg[MR_IP] + t->n_bytes);
	struct patch hlt;
	struct diff d2;
	bool far;
	(void)d;
	if (len <= I286_MAX_LEN || len > I386_MAX_LEN || !took_at_start(t, EX_GP))
		return false;
	far = far_target(t, &cs, &ip);
	hlt = (struct patch){ lin(cs, ip), 0xf4 };
	if (far)
		ip++;
	harness_run(h, t, mask, &hlt, far ? 1 : 0, &d2);
	const struct cpu *c = &harness_machine(h)->cpu;
	return !d2.no_hlt && d2.trap_vec < 0 && c->seg[S_CS].sel == cs && c->eip == ip;
}

/* POP r/m16 whose store faults: the 286 has already raised SP by 2. */
static bool pop_mem_sp(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	struct ea e;
	(void)mask, (void)d;
	moo_split(t, &in);
	if (in.op != 0x8f || !decode_ea(t, &in, &e) || e.is_reg || !t->has_excp || t->excp_vec != EX_GP ||
	    moo_want(t, MR_SP) != (u16)(t->init.reg[MR_SP] + 2 - 6))
		return false;
	return faults_like_386(h, t, e.seg == MR_SS ? EX_SS : EX_GP);
}

static bool aam_zero(struct harness *h, const struct moo_test *t, u16 mask, const struct diff *d)
{
	struct moo_insn in;
	(void)mask;
	moo_split(t, &in);
	if (in.op != 0xd4 || in.n_prefix + 2 > t->n_bytes || t->bytes[in.n_prefix + 1] != 0 ||
	    !took_at_start(t, EX_DE) || (d->regs & ~(1u << MR_FLAGS)))
		return false;
	return faults_like_386(h, t, EX_DE);
}

static const struct excuse table[] = {
	{ "lock-ud", NULL, lock_ud,
	  "LOCK on an instruction a 386 cannot lock (anything but ADD ADC AND OR SBB SUB XOR NOT NEG "
	  "INC DEC XCHG BTx with a memory destination). The 286 accepts LOCK before any instruction; "
	  "the 386 raises #UD (i386 PRM, LOCK: 'interrupt 6 if LOCK is used with an instruction not "
	  "listed'). Checked: xlat takes #UD at the instruction with nothing else changed." },
	{ "ss-limit-ss-fault", NULL, ss_limit,
	  "A real-mode stack-segment limit violation (a word at SS:FFFF). The 286 reports every "
	  "real-mode segment overrun as exception 13 (80C286 data sheet); the 386 raises #SS, 12, when "
	  "the segment is SS (i386 PRM). Checked: the 286 took 13 at the instruction, the instruction "
	  "addresses SS, and xlat takes a clean #SS there (for a string instruction: the 286's state "
	  "through vector 12, as string-fault-commit allows)." },
	{ "string-fault-commit", "A4 A5 A6 A7 AA AB AC AD AE AF 6C 6D 6E 6F", string_commit,
	  "A string instruction faulting on a segment limit. The 286 has already stepped SI/DI (and "
	  "with REP, CX) for the faulting iteration; a 386 fault leaves the iteration undone so it can "
	  "restart (SDM Vol. 3A 6.5, i386 PRM). Checked: the only differences are SI and DI one step "
	  "ahead in the 286's state, and CX one ahead (two when the store faulted: the 286 has "
	  "already counted the next iteration)." },
	{ "popf-iret-iopl-nt", "9D CF", popf_iopl_nt,
	  "POPF/IRET in real mode. The 286 keeps IOPL and NT 0 (80C286 data sheet: 'the IOPL and NT "
	  "fields will remain 0'); a 386 loads them from the popped image (README, 386 differences). "
	  "Checked: FLAGS differ only in bits 12-14, and xlat's equal the popped image's." },
	{ "rcl-rcr-full-turn-of", "C0.2 C0.3 C1.2 C1.3 D2.2 D2.3 D3.2 D3.3", rcl_rcr_full_turn,
	  "RCL/RCR by a nonzero multiple of 9 (bytes) or 17 (words). The 286 rotates that many times "
	  "and leaves OF from the last step; a 386 reduces the count modulo 9/17 and, with nothing to "
	  "rotate, changes no flag. OF is undefined for counts other than 1 (SDM RCL/RCR). Checked: "
	  "only OF differs and xlat's FLAGS are unchanged." },
	{ "fs-gs-mov", "8C 8E", fs_gs_mov,
	  "MOV to or from segment register 4 or 5. The 286 has no FS and GS and raises #UD; a 386 "
	  "moves FS/GS. Checked: the 286 took #UD at the instruction and xlat runs the MOV (FS = GS "
	  "= 0 after reset), or faults on a word at offset FFFF as a 386 must." },
	{ "insn-over-10-bytes", NULL, long_insn,
	  "An instruction of 11-15 bytes (redundant prefixes). The 286 limits instructions to 10 "
	  "bytes and raises #GP (13); the 386 limit is 15 (i386 PRM). Checked: the 286 took 13 at the "
	  "instruction, and xlat ran it to the HLT after it (or to its far target)." },
	{ "pop-mem-fault-sp", "8F", pop_mem_sp,
	  "POP r/m16 whose store faults. The 286 has already raised SP by 2 when the fault is taken; "
	  "a 386 fault restores SP (SDM Vol. 3A 6.5: faults are restartable). Checked: the 286's SP "
	  "is 2 higher than a clean fault's, and xlat takes the clean fault." },
	{ "aam-0-flags", "D4", aam_zero,
	  "AAM 0. The 286 sets SF/ZF/PF before raising #DE; a 386 faults with FLAGS untouched "
	  "(faults are restartable). Checked: xlat takes a clean #DE at the instruction." },
};

#define N_EXCUSES (sizeof(table) / sizeof(table[0]))

static bool form_listed(const char *forms, const char *form)
{
	size_t n = strlen(form);
	if (!forms)
		return true;
	for (const char *p = forms; (p = strstr(p, form)); p += n)
		if ((p == forms || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

const struct excuse *excuse_find(struct harness *h, const char *form, const struct moo_test *t, u16 mask,
				 const struct diff *d)
{
	if (d->bad_addr)
		return NULL;
	for (unsigned i = 0; i < N_EXCUSES; i++)
		if (form_listed(table[i].forms, form) && table[i].covers(h, t, mask, d))
			return &table[i];
	return NULL;
}

unsigned excuse_count(void) { return N_EXCUSES; }
const struct excuse *excuse_at(unsigned i) { return &table[i]; }
unsigned excuse_index(const struct excuse *e) { return (unsigned)(e - table); }
const char *excuse_name(const struct excuse *e) { return e->name; }
const char *excuse_reason(const struct excuse *e) { return e->reason; }
const char *excuse_forms(const struct excuse *e) { return e->forms ? e->forms : "any"; }
