/* cpu.h - the x86 CPU state and the small inline helpers every handler uses. */
#ifndef XLAT_XLAT_CPU_H
#define XLAT_XLAT_CPU_H

#include <setjmp.h>
#include "xlat/types.h"
#include "xlat/fp.h"

struct machine;
struct block;
struct insn;

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI, R_NONE = 16 };
enum { S_ES, S_CS, S_SS, S_DS, S_FS, S_GS, S_NSEG };

/* EFLAGS bits */
#define F_CF 0x0001u
#define F_PF 0x0004u
#define F_AF 0x0010u
#define F_ZF 0x0040u
#define F_SF 0x0080u
#define F_TF 0x0100u
#define F_IF 0x0200u
#define F_DF 0x0400u
#define F_OF 0x0800u
#define F_IOPL 0x3000u
#define F_NT 0x4000u
#define F_RF 0x10000u
#define F_VM 0x20000u
#define F_AC 0x40000u
#define F_ID 0x200000u
#define F_ARITH (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

/* exception vectors */
enum { EX_DE = 0, EX_DB = 1, EX_BP = 3, EX_OF = 4, EX_BR = 5, EX_UD = 6, EX_NM = 7,
       EX_DF = 8, EX_TS = 10, EX_NP = 11, EX_SS = 12, EX_GP = 13, EX_PF = 14, EX_MF = 16,
       EX_AC = 17, EX_XM = 19 };

/* mode_key bits: everything decoding depends on (DESIGN 3) */
#define MK_CODE32 0x01u  /* CS.D */
#define MK_PE 0x02u      /* CR0.PE */
#define MK_CPL_SHIFT 2   /* two bits of CPL */
#define MK_VM86 0x10u
#define MK_PG 0x20u
#define MK_A20 0x40u     /* A20 gate open */
#define MK_EM 0x80u      /* CR0.EM: x87 #NM, MMX/SSE #UD */
#define MK_TS 0x100u     /* CR0.TS: x87/MMX/SSE #NM (lazy FPU switching) */
#define MK_OSFXSR 0x200u /* CR4.OSFXSR: SSE allowed */

union gpr {
	u64 q;
	u32 d;
	u16 w;
	u8 b[2]; /* b[1] is AH/CH/DH/BH for the first four */
};

struct seg {
	u32 base;   /* descriptor cache: linear base */
	u32 limit;  /* byte-granular limit */
	u16 sel;    /* visible selector */
	u16 attr;   /* descriptor bits 40-47 and 52-55 (type, S, DPL, P, AVL, L, D/B, G) */
	bool flat;  /* base 0, limit 4 GiB, expand-up: handlers skip checks */
};

/* A TLB entry maps one guest-virtual page to host memory: host = addend + va.
 * The tags hold the page address; any low (flag) bit set sends the access
 * to the slow path. */
#define TLB_BITS 10
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_INVALID 0x1u /* no translation for this access: walk (and maybe fault) */
#define TLB_SLOW 0x2u    /* MMIO, ROM, code or page-table page: take the slow path */
#define TLB_BANKS 32        /* selected by CR3 */
#define TLB_GLOBAL TLB_BANKS /* index of the global bank, after them */
#define TLB_NO_PT 0xffffffffu

struct tlb_entry {
	u32 tag_r;        /* page | flags for reads */
	u32 tag_w;        /* page | flags for writes */
	u32 tag_x;        /* page | flags for instruction fetch */
	u32 phys;         /* guest-physical page this maps to */
	uintptr_t addend; /* host address minus guest-virtual address */
	u32 pd, pt;       /* physical pages of the PDE and PTE it came from */
};

/* A TLB bank holds the translations of one address space (DESIGN 7): a
 * CR3 write selects the bank tagged with the new CR3, so switching back to
 * a recent address space finds its translations still there. Entries for
 * supervisor and user accesses are kept apart, so each fast path needs no
 * privilege check. The fill log lists what to clear on a flush. */
struct tlb_bank {
	u32 cr3;                          /* address-space tag */
	u32 last_use;                     /* LRU stamp */
	bool used;                        /* tagged with an address space */
	u64 pdpte[4];                     /* PAE: PDPTEs as loaded with this CR3 */
	u32 n_filled;                     /* entries in the fill log */
	u16 filled[2 * TLB_SIZE];         /* (user << TLB_BITS) | index */
	struct tlb_entry e[2][TLB_SIZE];  /* [0] supervisor, [1] user accesses */
};

/* Lazily kept arithmetic flags (DESIGN 3): res is the result sign-extended to
 * 32 bits (ZF, SF, PF); aux bit 31 = CF, bit 30 = CF^OF, bit 3 = AF, bits 8-15
 * flip the parity byte, bit 16 flips SF, so any flag combination can be kept. */
#define AUX_CF 0x80000000u
#define AUX_CO 0x40000000u
#define AUX_AF 0x00000008u
#define AUX_PDB_SHIFT 8
#define AUX_SFD 0x00010000u

#define JC_BITS 12
#define JC_SIZE (1u << JC_BITS)

struct jc_entry {
	u32 eip;          /* virtual EIP the block starts at */
	u32 epoch;        /* cache epoch when filled */
	struct block *b;  /* the block */
};

/* Return-address stack: CALL pushes where it will return and the block that
 * called, RET pops it and follows that block's remembered return link. */
#define RAS_SIZE 16
struct ras_entry {
	u32 eip;              /* return address */
	u32 epoch;            /* cache epoch at the CALL */
	struct block *caller; /* block that made the call */
};

/* One XMM register, viewed at every element width (little-endian host). */
union xmm {
	u8 b[16];
	u16 w[8];
	u32 d[4];
	u64 q[2];
};

/* x87/MMX/SSE state (DESIGN 3: one struct, FXSAVE-shaped). The x87 stack is
 * kept by physical register; MMX register i is the significand of R(i). */
struct fpu {
	f80 st[8];       /* R0-R7: ST(i) is st[(top + i) & 7] */
	u16 cw;          /* control word */
	u16 sw;          /* status word; its TOP field (bits 11-13) lives in top */
	u8 top;          /* TOP, 0-7 */
	u8 full;         /* bit i set: R(i) is not empty (FXSAVE's abridged tag) */
	u16 fop;         /* last non-control opcode, 11 bits */
	u32 fip, fdp;    /* last non-control instruction and data offsets */
	u16 fcs, fds;    /* and their selectors */
	u32 mxcsr;       /* SSE control/status */
	union xmm xmm[8];
};

struct cpu {
	union gpr r[17];  /* GPRs; r[16] stays 0 for absent base/index */
	u32 eip;          /* EIP between blocks and after faults */
	u32 fl_res;       /* lazy flags: result */
	u32 fl_aux;       /* lazy flags: carry vector and deltas */
	u32 eflags;       /* non-arithmetic EFLAGS bits (arith bits kept 0) */
	struct seg seg[S_NSEG];
	struct seg ldtr, tr;
	u32 gdt_base, idt_base;
	u16 gdt_limit, idt_limit;
	u32 cr0, cr2, cr3, cr4;
	u32 dr[8];         /* debug registers, stored only */
	u32 a20_mask;     /* ~0 or ~(1 << 20) */
	u32 mode_key;     /* what decoding depends on */
	bool halted;      /* in HLT, waiting for an interrupt */
	bool ac_check;    /* CR0.AM, EFLAGS.AC and CPL 3: unaligned data accesses #AC */

	s64 budget;       /* instructions left before the dispatcher must look up */
	u64 icount_target;/* icount = icount_target - budget (at block boundaries) */
	const struct insn *cur;    /* instruction being executed */
	struct block *cur_block;   /* block being executed */
	u8 exit_slot;     /* which chain link the last block left by */
	u8 delivering;    /* 1 while delivering a fault, 2 while delivering #DF */
	u32 fault_vec;    /* last fault raised */
	u32 fault_err;
	bool fault_has_err;
	jmp_buf fault_jmp; /* where cpu_fault() unwinds to */

	struct tlb_entry *tlb;   /* the current bank's array for the current privilege */
	struct tlb_bank *bank;    /* the current bank */
	u32 bank_clock;           /* LRU clock */
	u64 efer;                 /* IA32_EFER (NXE) */
	u32 sysenter[3];          /* IA32_SYSENTER_CS, _ESP, _EIP */
	struct tlb_bank banks[TLB_BANKS + 1]; /* the last holds global pages */
	struct jc_entry jc[JC_SIZE];
	struct ras_entry ras[RAS_SIZE];
	unsigned ras_top; /* index of the next push, modulo RAS_SIZE */

	struct {          /* -d stats: counted on slow paths only */
		u64 tlb_fills, slow_reads, slow_writes, faults, ras_hits, ras_misses;
		u64 walks, bank_hits, bank_misses, pt_writes;
	} stats;

	struct fpu fpu;   /* x87, MMX and SSE state */
	u64 tsc_offset;   /* TSC = icount + tsc_offset */

	struct machine *m;
};

/* The current privilege level; mode_key holds it (3 in virtual-8086 mode). */
static inline unsigned cpu_cpl(const struct cpu *c) { return (c->mode_key >> MK_CPL_SHIFT) & 3; }

/* ---- register access (little-endian host) ---- */
static inline u8 *cpu_reg8(struct cpu *c, unsigned enc)
{
	/* enc is the byte offset into the register file, see decode */
	return (u8 *)c->r + enc;
}

static inline u32 sext8(u32 v) { return (u32)(s32)(s8)v; }
static inline u32 sext16(u32 v) { return (u32)(s32)(s16)v; }

/* ---- lazy flags readers ---- */
static inline u32 parity8(u32 v)
{
	v &= 0xff;
	v ^= v >> 4;
	return (0x6996u >> (v & 15)) & 1 ? 0 : 1; /* 1 when even parity */
}

static inline bool cpu_cf(const struct cpu *c) { return c->fl_aux >> 31; }
static inline bool cpu_of(const struct cpu *c) { return ((c->fl_aux ^ (c->fl_aux << 1)) >> 31) & 1; }
static inline bool cpu_zf(const struct cpu *c) { return c->fl_res == 0; }
static inline bool cpu_sf(const struct cpu *c) { return ((c->fl_res >> 31) ^ (c->fl_aux >> 16)) & 1; }
static inline bool cpu_af(const struct cpu *c) { return (c->fl_aux >> 3) & 1; }
static inline bool cpu_pf(const struct cpu *c) { return parity8(c->fl_res ^ (c->fl_aux >> AUX_PDB_SHIFT)); }

u32 cpu_get_eflags(const struct cpu *c);
void cpu_set_eflags(struct cpu *c, u32 v, u32 mask);
void cpu_set_arith_flags(struct cpu *c, u32 f);

/* Evaluate condition code cc (0-15, as in Jcc). */
static inline bool cpu_cond(const struct cpu *c, unsigned cc)
{
	bool r;
	switch (cc >> 1) {
	case 0: r = cpu_of(c); break;
	case 1: r = cpu_cf(c); break;
	case 2: r = cpu_zf(c); break;
	case 3: r = cpu_cf(c) || cpu_zf(c); break;
	case 4: r = cpu_sf(c); break;
	case 5: r = cpu_pf(c); break;
	case 6: r = cpu_sf(c) != cpu_of(c); break;
	default: r = cpu_zf(c) || (cpu_sf(c) != cpu_of(c)); break;
	}
	return r ^ (cc & 1);
}

/* ---- faults ---- */
_Noreturn void cpu_fault(struct cpu *c, unsigned vec, u32 err);
_Noreturn void cpu_fault_noerr(struct cpu *c, unsigned vec);

/* ---- state set-up and queries ---- */
void cpu_init(struct cpu *c, struct machine *m);
void cpu_reset_flat32(struct cpu *c, u32 eip);
void cpu_reset_real(struct cpu *c);
void cpu_update_mode(struct cpu *c);
void cpu_fpu_init(struct cpu *c, bool power_on);
u64 cpu_icount(const struct cpu *c);
void seg_load_flat(struct seg *s, u16 sel, bool code);
void seg_load_pm(struct cpu *c, unsigned sreg, u16 sel);
void seg_check_pm(struct cpu *c, unsigned sreg, u16 sel);
void seg_desc_read(struct cpu *c, u16 sel, u32 *lo, u32 *hi);
void seg_mark_accessed(struct cpu *c, struct seg *s);
void seg_fetch_cs_cpl(struct cpu *c, u16 sel, unsigned cpl, unsigned vec, struct seg *out);
void seg_fetch_ss_cpl(struct cpu *c, u16 sel, unsigned cpl, unsigned vec, struct seg *out);
void seg_gate_cs(struct cpu *c, u16 sel, unsigned cpl, u32 null_err, unsigned *dpl, bool *conforming);
void seg_load_cs_ss_cpl(struct cpu *c, u16 cs, u16 ss, unsigned cpl, unsigned vec_cs, unsigned vec_ss);
void seg_null_inaccessible(struct cpu *c);
void tss_stack(struct cpu *c, unsigned cpl, u16 *ss, u32 *esp);
void seg_load_tr(struct cpu *c, u16 sel);
void seg_load_ldtr(struct cpu *c, u16 sel);
enum task_kind { TASK_JMP, TASK_CALL, TASK_INT, TASK_IRET };
/* Switch to the task of TSS selector sel; sets EIP to the new task's. */
void task_switch(struct cpu *c, u16 sel, enum task_kind kind, u32 ret_eip);
void seg_set_desc(struct seg *s, u16 sel, u32 lo, u32 hi);
void cpu_deliver(struct cpu *c, unsigned vec, bool has_err, u32 err, u32 ret_eip, bool soft);
void cpu_cpuid(struct cpu *c, u32 leaf, u32 sub, u32 out[4]);
u64 cpu_icount_now(const struct cpu *c);
void cpu_write_cr0(struct cpu *c, u32 v);
void cpu_halt(struct cpu *c);
void cpu_set_a20(struct cpu *c, bool on);
void cpu_update_ac(struct cpu *c);
void cpu_write_cr3(struct cpu *c, u32 v);
void cpu_write_cr4(struct cpu *c, u32 v);
void cpu_request_stop(struct cpu *c);

#endif
