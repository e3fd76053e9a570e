/* loader_elf.c - Multiboot v1 loading of a 32-bit ELF through libelf.
 *
 * Everything in the file is checked before a byte reaches guest memory, so
 * a malformed image gets one line naming the problem. The Multiboot
 * information (mem_lower/mem_upper, a memory map, the command line, the
 * loader name) is built at MBI_ADDR, below the 640 KiB line where kernels
 * linked at 1 MiB do not reach. Multiboot Specification 0.6.96, 3.1-3.3. */
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include "xlat/machine.h"

#define MB_MAGIC 0x1badb002u
#define MB_BOOT_MAGIC 0x2badb002u
#define MB_SEARCH 8192
#define MBI_ADDR 0x9000u
#define MBI_MMAP (MBI_ADDR + 0x100)
#define MBI_NAME (MBI_ADDR + 0x300)
#define MBI_CMDLINE (MBI_ADDR + 0x400)
#define MBI_END 0xa000u
#define MAX_SEGS 64

struct seg_plan {
	u32 pa, memsz, off, filesz;
};

static int mb_header_check(const u8 *img, size_t len, char *err, size_t errlen)
{
	size_t lim = len < MB_SEARCH ? len : MB_SEARCH;
	for (size_t o = 0; o + 12 <= lim; o += 4) {
		u32 h[3];
		memcpy(h, img + o, 12);
		if (h[0] == MB_MAGIC && h[0] + h[1] + h[2] == 0)
			return 0;
	}
	snprintf(err, errlen, "no Multiboot header in the first 8 KiB of the kernel");
	return -1;
}

static int elf_plan(Elf *e, size_t len, struct seg_plan *plan, unsigned *n, u32 *entry, u32 ram,
		    char *err, size_t errlen)
{
	Elf32_Ehdr *eh = elf32_getehdr(e);
	if (!eh) {
		snprintf(err, errlen, "kernel: not a 32-bit ELF file");
		return -1;
	}
	if (eh->e_machine != EM_386) {
		snprintf(err, errlen, "kernel: ELF machine %u is not i386", eh->e_machine);
		return -1;
	}
	size_t phnum;
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || elf_getphdrnum(e, &phnum)) {
		snprintf(err, errlen, "kernel: bad ELF program headers");
		return -1;
	}
	*n = 0;
	for (size_t i = 0; i < phnum; i++) {
		/* gelf_getphdr copies: the table in the image may be misaligned */
		GElf_Phdr gp;
		if (!gelf_getphdr(e, (int)i, &gp)) {
			snprintf(err, errlen, "kernel: bad ELF program header %zu", i);
			return -1;
		}
		if (gp.p_type != PT_LOAD || gp.p_memsz == 0)
			continue;
		const Elf32_Phdr ph32 = { (Elf32_Word)gp.p_type, (Elf32_Off)gp.p_offset, (Elf32_Addr)gp.p_vaddr,
					  (Elf32_Addr)gp.p_paddr, (Elf32_Word)gp.p_filesz, (Elf32_Word)gp.p_memsz,
					  (Elf32_Word)gp.p_flags, (Elf32_Word)gp.p_align };
		const Elf32_Phdr *p = &ph32;
		if (p->p_filesz > p->p_memsz) {
			snprintf(err, errlen, "kernel: segment %zu has a file size larger than its memory size", i);
			return -1;
		}
		if ((u64)p->p_offset + p->p_filesz > len) {
			snprintf(err, errlen, "kernel: segment %zu extends past the end of the file", i);
			return -1;
		}
		if ((u64)p->p_paddr + p->p_memsz > ram) {
			snprintf(err, errlen, "kernel: segment %zu at 0x%x (0x%x bytes) lies outside guest RAM",
				 i, p->p_paddr, p->p_memsz);
			return -1;
		}
		if (p->p_paddr < MBI_END && p->p_paddr + p->p_memsz > MBI_ADDR) {
			snprintf(err, errlen, "kernel: segment %zu overlaps the Multiboot information at 0x%x", i, MBI_ADDR);
			return -1;
		}
		if (*n == MAX_SEGS) {
			snprintf(err, errlen, "kernel: more than %d loadable segments", MAX_SEGS);
			return -1;
		}
		plan[(*n)++] = (struct seg_plan){ p->p_paddr, p->p_memsz, p->p_offset, p->p_filesz };
	}
	if (!*n) {
		snprintf(err, errlen, "kernel: no loadable segments");
		return -1;
	}
	for (unsigned a = 0; a < *n; a++)
		for (unsigned b = a + 1; b < *n; b++)
			if (plan[a].pa < plan[b].pa + plan[b].memsz && plan[b].pa < plan[a].pa + plan[a].memsz) {
				snprintf(err, errlen, "kernel: loadable segments overlap at 0x%x", plan[b].pa);
				return -1;
			}
	*entry = eh->e_entry;
	for (unsigned a = 0; a < *n; a++)
		if (*entry - plan[a].pa < plan[a].memsz)
			return 0;
	snprintf(err, errlen, "kernel: entry point 0x%x is outside the loaded segments", *entry);
	return -1;
}

static void wr32(u8 *ram, u32 pa, u32 v) { memcpy(ram + pa, &v, 4); }

static void mmap_entry(u8 *ram, u32 at, u64 base, u64 len, u32 type)
{
	wr32(ram, at, 20);
	memcpy(ram + at + 4, &base, 8);
	memcpy(ram + at + 12, &len, 8);
	wr32(ram, at + 20, type);
}

static void mbi_build(struct machine *m, const char *cmdline)
{
	u8 *ram = m->phys.ram;
	u32 ram_kb = m->phys.ram_size >> 10;
	memset(ram + MBI_ADDR, 0, MBI_END - MBI_ADDR);
	wr32(ram, MBI_ADDR + 0, (1u << 0) | (1u << 2) | (1u << 6) | (1u << 9));
	wr32(ram, MBI_ADDR + 4, 639);           /* mem_lower in KiB */
	wr32(ram, MBI_ADDR + 8, ram_kb - 1024); /* mem_upper: KiB above 1 MiB */
	wr32(ram, MBI_ADDR + 16, MBI_CMDLINE);
	mmap_entry(ram, MBI_MMAP, 0, 0x9fc00, 1);
	mmap_entry(ram, MBI_MMAP + 24, 0x9fc00, 0x400, 2);
	mmap_entry(ram, MBI_MMAP + 48, 0xf0000, 0x10000, 2);
	mmap_entry(ram, MBI_MMAP + 72, 0x100000, (u64)m->phys.ram_size - 0x100000, 1);
	wr32(ram, MBI_ADDR + 44, 4 * 24);
	wr32(ram, MBI_ADDR + 48, MBI_MMAP);
	wr32(ram, MBI_ADDR + 64, MBI_NAME);
	memcpy(ram + MBI_NAME, "xlat", 5);
	memcpy(ram + MBI_CMDLINE, cmdline, strlen(cmdline) + 1);
}

int multiboot_load(struct machine *m, const u8 *img, size_t len, const char *cmdline, char *err, size_t errlen)
{
	struct seg_plan plan[MAX_SEGS];
	unsigned n = 0;
	u32 entry = 0;
	if (len < 4 || memcmp(img, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "kernel: not an ELF file (bad magic)");
		return -1;
	}
	if (len < EI_NIDENT || img[EI_CLASS] != ELFCLASS32) {
		snprintf(err, errlen, "kernel: not a 32-bit ELF file (Multiboot kernels are ELF32)");
		return -1;
	}
	if (m->phys.ram_size < 2u << 20) {
		snprintf(err, errlen, "kernel: Multiboot needs at least 2 MiB of RAM");
		return -1;
	}
	if (strlen(cmdline) >= MBI_END - MBI_CMDLINE) {
		snprintf(err, errlen, "-append: command line longer than %u bytes", MBI_END - MBI_CMDLINE - 1);
		return -1;
	}
	if (mb_header_check(img, len, err, errlen))
		return -1;
	elf_version(EV_CURRENT);
	Elf *e = elf_memory((char *)img, len);
	if (!e) {
		snprintf(err, errlen, "kernel: libelf cannot read it: %s", elf_errmsg(-1));
		return -1;
	}
	int rc = elf_plan(e, len, plan, &n, &entry, m->phys.ram_size, err, errlen);
	elf_end(e);
	if (rc)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		memset(m->phys.ram + plan[i].pa, 0, plan[i].memsz);
		memcpy(m->phys.ram + plan[i].pa, img + plan[i].off, plan[i].filesz);
	}
	mbi_build(m, cmdline);
	m->boot.entry = entry;
	cpu_reset_flat32(&m->cpu, entry);
	m->cpu.r[R_EAX].d = MB_BOOT_MAGIC;
	m->cpu.r[R_EBX].d = MBI_ADDR;
	return 0;
}
