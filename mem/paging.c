/* paging.c - the guest page walk: 32-bit paging with 4 KiB and 4 MiB (PSE)
 * pages, and PAE with 2 MiB pages and NX (SDM Vol. 3A, 4.3 and 4.4).
 *
 * Tables are read through the host RAM mapping, never through the TLB. All
 * checks come before any Accessed or Dirty bit is set, so a faulting access
 * changes nothing. Each page a PDE or PTE was read from is marked as a
 * page-table page of the current TLB bank: a later guest store to it takes
 * the slow path, which drops the translations derived from it (the
 * shadow-page-table scheme, DESIGN 7). */
#include "xlat/machine.h"

#define PTE_P 0x1u
#define PTE_RW 0x2u
#define PTE_US 0x4u
#define PTE_A 0x20u
#define PTE_D 0x40u
#define PTE_PS 0x80u
#define PF_P 0x1u
#define PF_W 0x2u
#define PF_U 0x4u
#define PF_I 0x10u
#define CR0_WP 0x10000u
#define CR4_PSE 0x10u
#define CR4_PAE 0x20u
#define EFER_NXE 0x800u

/* The host address of a table entry; tables outside RAM read as zero
 * (not present) rather than letting a guest point the walker anywhere. */
static u8 *entry_ptr(struct cpu *c, u64 pa, unsigned size)
{
	struct phys *p = &c->m->phys;
	if (pa + size > p->ram_size)
		return NULL;
	return p->ram + pa;
}

static u64 entry_read(struct cpu *c, u64 pa, unsigned size)
{
	u8 *h = entry_ptr(c, pa, size);
	u64 v = 0;
	if (h)
		memcpy(&v, h, size);
	return v;
}

static void entry_set_bits(struct cpu *c, u64 pa, u32 bits)
{
	u8 *h = entry_ptr(c, pa, 4);
	u32 v;
	if (!h)
		return;
	memcpy(&v, h, 4);
	if ((v & bits) != bits) {
		v |= bits;
		memcpy(h, &v, 4);
	}
}

/* Mark pa as a page-table page that bank b holds translations through. */
void paging_mark_pt(struct cpu *c, u64 pa, unsigned b)
{
	struct phys *p = &c->m->phys;
	if (pa >= p->ram_size)
		return;
	u64 bit = 1ull << b;
	struct page_meta *pm = &p->meta[pa >> PAGE_SHIFT];
	if (pm->pt_banks & bit)
		return;
	pm->pt_banks |= bit;
	tlb_flush_phys_page(c, (u32)pa); /* its write entries must now take the slow path */
}

static void mark_pt_page(struct cpu *c, u64 pa)
{
	paging_mark_pt(c, pa, (unsigned)(c->bank - c->banks));
}

_Noreturn static void page_fault(struct cpu *c, u32 lin, u32 err)
{
	c->cr2 = lin;
	cpu_fault(c, EX_PF, err);
}

struct rights {
	bool rw, us, nx;
};

static void check_rights(struct cpu *c, u32 lin, int access, bool user, struct rights r, u32 err)
{
	bool wr = access == ACC_WRITE;
	if (user && !r.us)
		page_fault(c, lin, err | PF_P);
	if (wr && !r.rw && (user || (c->cr0 & CR0_WP)))
		page_fault(c, lin, err | PF_P);
	if (access == ACC_EXEC && r.nx)
		page_fault(c, lin, err | PF_P);
}

#define PTE_G 0x100u
#define CR4_PGE 0x80u

static void walk_result(struct cpu *c, struct walk *w, struct rights r, bool user, bool dirty)
{
	w->user_ok = r.us;
	w->exec_ok = !r.nx;
	w->write_ok = dirty && (r.rw || (!user && !(c->cr0 & CR0_WP)));
}

static void walk32(struct cpu *c, u32 lin, int access, bool user, struct walk *w, u32 err)
{
	u64 pde_pa = (c->cr3 & PAGE_MASK) + ((lin >> 22) << 2);
	u32 pde = (u32)entry_read(c, pde_pa, 4);
	if (!(pde & PTE_P))
		page_fault(c, lin, err);
	mark_pt_page(c, pde_pa);
	w->pd = (u32)pde_pa & PAGE_MASK;
	bool wr = access == ACC_WRITE;
	if ((pde & PTE_PS) && (c->cr4 & CR4_PSE)) {
		struct rights r = { pde & PTE_RW, pde & PTE_US, false };
		check_rights(c, lin, access, user, r, err);
		entry_set_bits(c, pde_pa, PTE_A | (wr ? PTE_D : 0));
		w->phys = (pde & 0xffc00000u) | (lin & 0x3ff000u);
		w->pt = TLB_NO_PT;
		w->global = (c->cr4 & CR4_PGE) && (pde & PTE_G);
		walk_result(c, w, r, user, wr || (pde & PTE_D));
		return;
	}
	u64 pte_pa = (pde & PAGE_MASK) + (((lin >> 12) & 0x3ff) << 2);
	u32 pte = (u32)entry_read(c, pte_pa, 4);
	if (!(pte & PTE_P))
		page_fault(c, lin, err);
	mark_pt_page(c, pte_pa);
	struct rights r = { (pde & pte & PTE_RW) != 0, (pde & pte & PTE_US) != 0, false };
	check_rights(c, lin, access, user, r, err);
	entry_set_bits(c, pde_pa, PTE_A);
	entry_set_bits(c, pte_pa, PTE_A | (wr ? PTE_D : 0));
	w->phys = pte & PAGE_MASK;
	w->pt = (u32)pte_pa & PAGE_MASK;
	w->global = (c->cr4 & CR4_PGE) && (pte & PTE_G);
	walk_result(c, w, r, user, wr || (pte & PTE_D));
}

/* PAE physical addresses above 4 GiB lie outside RAM: not present. */
static u64 pae_addr(u64 e) { return e & 0x000ffffffffff000ull; }

static void walk_pae(struct cpu *c, u32 lin, int access, bool user, struct walk *w, u32 err)
{
	bool nxe = c->efer & EFER_NXE, wr = access == ACC_WRITE;
	u64 pdpte = c->bank->pdpte[lin >> 30];
	if (!(pdpte & PTE_P))
		page_fault(c, lin, err);
	u64 pde_pa = pae_addr(pdpte) + (((lin >> 21) & 0x1ff) << 3);
	u64 pde = entry_read(c, pde_pa, 8);
	if (!(pde & PTE_P))
		page_fault(c, lin, err);
	mark_pt_page(c, pde_pa);
	w->pd = (u32)pde_pa & PAGE_MASK;
	bool nx_pde = nxe && (pde >> 63);
	if (pde & PTE_PS) {
		struct rights r = { pde & PTE_RW, pde & PTE_US, nx_pde };
		check_rights(c, lin, access, user, r, err);
		entry_set_bits(c, pde_pa, PTE_A | (wr ? PTE_D : 0));
		w->phys = (u32)(pde & 0xffe00000u) | (lin & 0x1ff000u);
		w->pt = TLB_NO_PT;
		w->global = (c->cr4 & CR4_PGE) && (pde & PTE_G);
		walk_result(c, w, r, user, wr || (pde & PTE_D));
		return;
	}
	u64 pte_pa = pae_addr(pde) + (((lin >> 12) & 0x1ff) << 3);
	u64 pte = entry_read(c, pte_pa, 8);
	if (!(pte & PTE_P))
		page_fault(c, lin, err);
	mark_pt_page(c, pte_pa);
	struct rights r = { (pde & pte & PTE_RW) != 0, (pde & pte & PTE_US) != 0, nx_pde || (nxe && (pte >> 63)) };
	check_rights(c, lin, access, user, r, err);
	entry_set_bits(c, pde_pa, PTE_A);
	entry_set_bits(c, pte_pa, PTE_A | (wr ? PTE_D : 0));
	w->phys = (u32)pae_addr(pte);
	if (pae_addr(pte) >= c->m->phys.ram_size && pae_addr(pte) > 0xffffffffull)
		w->phys = 0xfffff000u; /* beyond 4 GiB: nothing there */
	w->pt = (u32)pte_pa & PAGE_MASK;
	w->global = (c->cr4 & CR4_PGE) && (pte & PTE_G);
	walk_result(c, w, r, user, wr || (pte & PTE_D));
}

void paging_walk(struct cpu *c, u32 lin, int access, bool user, struct walk *w)
{
	u32 err = (access == ACC_WRITE ? PF_W : 0) | (user ? PF_U : 0);
	if (access == ACC_EXEC && (c->cr4 & CR4_PAE) && (c->efer & EFER_NXE))
		err |= PF_I;
	c->stats.walks++;
	w->global = false;
	if (c->cr4 & CR4_PAE)
		walk_pae(c, lin, access, user, w, err);
	else
		walk32(c, lin, access, user, w, err);
}

/* PAE: the four PDPTEs are loaded when CR3 is written (SDM Vol. 3A, 4.4.1). */
bool paging_load_pdptes(struct cpu *c, u64 out[4])
{
	u64 base = c->cr3 & ~0x1fu;
	for (unsigned i = 0; i < 4; i++)
		out[i] = entry_read(c, base + 8 * i, 8);
	return true;
}
