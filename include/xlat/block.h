/* block.h - translated blocks and the block cache (DESIGN 5). */
#ifndef XLAT_XLAT_BLOCK_H
#define XLAT_XLAT_BLOCK_H

#include "xlat/insn.h"

#define BLOCK_MAX_INSNS 64
#define BLOCK_MAX_EXITS 6 /* chain-link slots: taken branches, then the fall-through */

struct block {
	u32 eip;                 /* virtual EIP of the first instruction */
	u32 phys;                /* guest-physical address of the first byte */
	u32 page2;               /* second physical page when the block straddles, else ~0 */
	u16 len;                 /* guest bytes covered */
	u32 mode_key;            /* CPU mode the block was decoded for */
	u32 cs_base;             /* CS base it was decoded under */
	u16 n_insn;              /* instructions, not counting the exit stub */
	bool valid;              /* false once invalidated */
	struct block *hash_next; /* hash chain */
	struct block *page_next[2]; /* per-page lists (first page, second page) */
	struct block *link[BLOCK_MAX_EXITS]; /* chained successor per exit slot */
	u32 link_epoch[BLOCK_MAX_EXITS];     /* cache epoch each link was made in */
	struct block *ret_link;  /* where the block's CALL came back to last time */
	u32 ret_epoch;           /* cache epoch of ret_link */
	struct insn insn[];      /* n_insn + 1 (the exit stub) */
};

#define BC_HASH_BITS 15

struct block_cache {
	u8 *arena;               /* bump-allocated block storage */
	size_t arena_size, arena_used;
	struct block *hash[1u << BC_HASH_BITS];
	u32 epoch;               /* bumped on invalidation, flush, mode change */
	u64 n_translated, n_flushes, n_invalidated, n_smc_hits; /* -d stats */
};

int bc_init(struct block_cache *bc, size_t arena_size);
void bc_free(struct block_cache *bc);
void bc_flush(struct machine *m);
struct block *bc_find(struct machine *m, struct cpu *c);
void bc_invalidate_phys(struct machine *m, struct cpu *c, u32 pa, unsigned size);
/* handler that leaves the block before its instruction runs */
const struct insn *bc_stop_here(struct cpu *c, const struct insn *in);

#endif
