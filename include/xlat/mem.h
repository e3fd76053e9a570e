/* mem.h - guest-physical memory map, the softMMU TLB fast paths, and the
 * per-page code metadata used to catch self-modifying code. */
#ifndef XLAT_XLAT_MEM_H
#define XLAT_XLAT_MEM_H

#include <string.h>
#include "xlat/cpu.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE 4096u
#define PAGE_MASK (~(PAGE_SIZE - 1))

struct mmio_ops {
	u32 (*read)(void *dev, u32 offset, unsigned size);
	void (*write)(void *dev, u32 offset, u32 value, unsigned size);
};

struct mmio_range {
	u32 base, size;
	const struct mmio_ops *ops;
	void *dev;
};

struct block;

/* Per RAM page: which 64-byte lines hold translated code, the blocks, and
 * which TLB banks hold translations walked through this page. */
struct page_meta {
	u64 code_lines;
	struct block *blocks;
	u64 pt_banks;    /* bit b: bank b read a PDE or PTE from this page */
};

#define PHYS_MAX_MMIO 16

struct phys {
	u8 *ram;          /* RAM at guest-physical 0 */
	u32 ram_size;     /* bytes, multiple of 4 KiB */
	u8 *rom;          /* firmware ROM mapped below 4 GiB (may be NULL) */
	u32 rom_base, rom_size;
	u32 alias_base;   /* low alias of the ROM's top: [alias_base, 1 MiB) */
	struct page_meta *meta; /* one per RAM page */
	struct mmio_range mmio[PHYS_MAX_MMIO];
	unsigned n_mmio;
};

int phys_init(struct phys *p, u32 ram_size);
void phys_free(struct phys *p);
u8 *phys_host(struct phys *p, u32 pa, bool write); /* NULL: MMIO or unmapped */
u32 phys_read(struct machine *m, u32 pa, unsigned size);
void phys_write(struct machine *m, u32 pa, u32 v, unsigned size);
int phys_add_mmio(struct phys *p, u32 base, u32 size, const struct mmio_ops *ops, void *dev);
/* Map a firmware image (64 KiB..2 MiB) below 4 GiB and its top 128 KiB below 1 MiB. */
int phys_set_rom(struct phys *p, const u8 *img, u32 size);

/* TLB */
void tlb_flush_all(struct cpu *c);                 /* the current bank */
void tlb_reset(struct cpu *c);                     /* every bank */
void tlb_flush_phys_page(struct cpu *c, u32 pa);   /* every entry mapping pa, all banks */
void tlb_flush_page(struct cpu *c, u32 lin);       /* INVLPG */
void tlb_select_bank(struct cpu *c);               /* after CR3 / CPL changes */
void tlb_pt_write(struct cpu *c, u32 pa);          /* a store hit a page-table page */

/* Point the fast path at the current bank's array for the current
 * privilege: after a bank change, and after a CPL change (mode key). */
static inline void tlb_point(struct cpu *c)
{
	c->tlb = c->bank->e[cpu_cpl(c) == 3];
}

/* Paging (mem/paging.c): walk the guest page tables for lin; fault (#PF)
 * unless the access is allowed. Sets A and D bits as the SDM says. */
struct walk {
	u32 phys;        /* physical address of the 4 KiB frame */
	bool write_ok;   /* writable for this privilege, and D already set */
	bool user_ok;    /* user accesses allowed */
	bool exec_ok;    /* not NX */
	u32 pd, pt;      /* page-table pages read */
	bool global;     /* G set and CR4.PGE on: kept across CR3 writes */
};
void paging_walk(struct cpu *c, u32 lin, int access, bool user, struct walk *w);
bool paging_load_pdptes(struct cpu *c, u64 out[4]);
void paging_mark_pt(struct cpu *c, u64 pa, unsigned bank);
u32 mem_read_slow(struct cpu *c, u32 lin, unsigned size);
void mem_write_slow(struct cpu *c, u32 lin, u32 v, unsigned size);
u8 *mem_fetch_ptr(struct cpu *c, u32 lin, u32 *phys); /* code page, may fault */
/* Fault now if [lin, lin+size) could not be written; write nothing. */
void mem_check_write(struct cpu *c, u32 lin, unsigned size);
u32 mem_translate(struct cpu *c, u32 lin, int access); /* lin -> phys, may fault */
enum { ACC_READ, ACC_WRITE, ACC_EXEC };

static inline struct tlb_entry *tlb_entry_of(struct cpu *c, u32 lin)
{
	return &c->tlb[(lin >> PAGE_SHIFT) & (TLB_SIZE - 1)];
}

/* One compare covers the tag, the flag bits and a page-crossing access:
 * the page of the access's last byte must equal the tag of its first. */
#define MEM_FAST_READ(bits)                                                   \
	static inline u##bits mem_rd##bits(struct cpu *c, u32 lin)            \
	{                                                                     \
		struct tlb_entry *e = tlb_entry_of(c, lin);                   \
		if (likely(e->tag_r == ((lin + bits / 8 - 1) & PAGE_MASK))) { \
			u##bits v;                                            \
			memcpy(&v, (const void *)(e->addend + lin), bits / 8); \
			return v;                                             \
		}                                                             \
		return (u##bits)mem_read_slow(c, lin, bits / 8);              \
	}
#define MEM_FAST_WRITE(bits)                                                  \
	static inline void mem_wr##bits(struct cpu *c, u32 lin, u##bits v)    \
	{                                                                     \
		struct tlb_entry *e = tlb_entry_of(c, lin);                   \
		if (likely(e->tag_w == ((lin + bits / 8 - 1) & PAGE_MASK))) { \
			memcpy((void *)(e->addend + lin), &v, bits / 8);      \
			return;                                               \
		}                                                             \
		mem_write_slow(c, lin, v, bits / 8);                          \
	}
MEM_FAST_READ(8)
MEM_FAST_READ(16)
MEM_FAST_READ(32)
MEM_FAST_WRITE(8)
MEM_FAST_WRITE(16)
MEM_FAST_WRITE(32)

/* 64-bit accesses (MMX, SSE, x87 m64): one fast-path compare; the slow
 * path checks the whole operand is writable before storing any of it. */
static inline u64 mem_rd64(struct cpu *c, u32 lin)
{
	struct tlb_entry *e = tlb_entry_of(c, lin);
	if (likely(e->tag_r == ((lin + 7) & PAGE_MASK))) {
		u64 v;
		memcpy(&v, (const void *)(e->addend + lin), 8);
		return v;
	}
	u64 lo = mem_read_slow(c, lin, 4);
	return lo | (u64)mem_read_slow(c, lin + 4, 4) << 32;
}

static inline void mem_wr64(struct cpu *c, u32 lin, u64 v)
{
	struct tlb_entry *e = tlb_entry_of(c, lin);
	if (likely(e->tag_w == ((lin + 7) & PAGE_MASK))) {
		memcpy((void *)(e->addend + lin), &v, 8);
		return;
	}
	mem_check_write(c, lin, 8);
	mem_write_slow(c, lin, (u32)v, 4);
	mem_write_slow(c, lin + 4, (u32)(v >> 32), 4);
}

/* Host pointer for a read-modify-write, or NULL for the slow path. */
static inline u8 *mem_rmw_ptr(struct cpu *c, u32 lin, unsigned size)
{
	struct tlb_entry *e = tlb_entry_of(c, lin);
	if (likely(e->tag_w == ((lin + size - 1) & PAGE_MASK) && e->tag_r == e->tag_w))
		return (u8 *)(e->addend + lin);
	return NULL;
}

static inline u32 mem_rd(struct cpu *c, u32 lin, unsigned size)
{
	return size == 1 ? mem_rd8(c, lin) : size == 2 ? mem_rd16(c, lin) : mem_rd32(c, lin);
}

static inline void mem_wr(struct cpu *c, u32 lin, u32 v, unsigned size)
{
	if (size == 1)
		mem_wr8(c, lin, (u8)v);
	else if (size == 2)
		mem_wr16(c, lin, (u16)v);
	else
		mem_wr32(c, lin, v);
}

#endif
