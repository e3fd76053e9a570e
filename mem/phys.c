/* phys.c - the guest-physical map: RAM from 0, an optional firmware ROM
 * below 4 GiB, MMIO ranges with device callbacks. Unmapped reads return
 * all ones and unmapped writes are dropped, as on a PC bus. */
#include <stdlib.h>
#include <string.h>
#include "xlat/machine.h"

int phys_init(struct phys *p, u32 ram_size)
{
	memset(p, 0, sizeof(*p));
	p->ram = calloc(1, ram_size);
	p->meta = calloc(ram_size >> PAGE_SHIFT, sizeof(*p->meta));
	if (!p->ram || !p->meta) {
		phys_free(p);
		return -1;
	}
	p->ram_size = ram_size;
	return 0;
}

void phys_free(struct phys *p)
{
	free(p->ram);
	free(p->meta);
	free(p->rom);
	p->ram = p->rom = NULL;
	p->meta = NULL;
}

#define ALIAS_MAX (128u << 10)
#define ALIAS_TOP 0x100000u

int phys_set_rom(struct phys *p, const u8 *img, u32 size)
{
	u8 *rom = malloc(size);
	if (!rom)
		return -1;
	memcpy(rom, img, size);
	free(p->rom);
	p->rom = rom;
	p->rom_size = size;
	p->rom_base = (u32)(0x100000000ull - size);
	p->alias_base = ALIAS_TOP - (size < ALIAS_MAX ? size : ALIAS_MAX);
	return 0;
}

/* The firmware's top is also visible just below 1 MiB, over RAM, as on a PC
 * whose chipset has not yet been told to shadow it. */
u8 *phys_host(struct phys *p, u32 pa, bool write)
{
	if (p->rom && pa >= p->alias_base && pa < ALIAS_TOP)
		return write ? NULL : p->rom + p->rom_size - (ALIAS_TOP - pa);
	if (pa < p->ram_size)
		return p->ram + pa;
	if (!write && p->rom && pa >= p->rom_base && pa - p->rom_base < p->rom_size)
		return p->rom + (pa - p->rom_base);
	return NULL;
}

static const struct mmio_range *mmio_find(const struct phys *p, u32 pa)
{
	for (unsigned i = 0; i < p->n_mmio; i++)
		if (pa - p->mmio[i].base < p->mmio[i].size)
			return &p->mmio[i];
	return NULL;
}

int phys_add_mmio(struct phys *p, u32 base, u32 size, const struct mmio_ops *ops, void *dev)
{
	if (p->n_mmio == PHYS_MAX_MMIO)
		return -1;
	p->mmio[p->n_mmio++] = (struct mmio_range){ base, size, ops, dev };
	return 0;
}

static u32 ld_le(const u8 *h, unsigned size)
{
	u32 v = 0;
	memcpy(&v, h, size);
	return v;
}

u32 phys_read(struct machine *m, u32 pa, unsigned size)
{
	u8 *h = phys_host(&m->phys, pa, false);
	if (h)
		return ld_le(h, size);
	const struct mmio_range *r = mmio_find(&m->phys, pa);
	if (r)
		return r->ops->read(r->dev, pa - r->base, size);
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

void phys_write(struct machine *m, u32 pa, u32 v, unsigned size)
{
	u8 *h = phys_host(&m->phys, pa, true);
	if (h) {
		bc_invalidate_phys(m, &m->cpu, pa, size);
		memcpy(h, &v, size);
		if (pa < m->phys.ram_size && m->phys.meta[pa >> PAGE_SHIFT].pt_banks)
			tlb_pt_write(&m->cpu, pa);
		return;
	}
	const struct mmio_range *r = mmio_find(&m->phys, pa);
	if (r)
		r->ops->write(r->dev, pa - r->base, v, size);
	/* writes to ROM and to unmapped space are dropped */
}
