/* fuzz_elf.c - libFuzzer target for the Multiboot ELF loader.
 *
 * The input is the kernel image, loaded by multiboot_load() into a 4 MiB
 * machine that serves every input. Checked, besides "no crash, no
 * sanitizer report" (libFuzzer itself catches writes to the input):
 *   - a refusal is one non-empty line without a newline, as main() prints
 *     it after "xlat: ";
 *   - a refusal leaves guest RAM untouched ("everything in the file is
 *     checked before a byte reaches guest memory", loader_elf.c);
 *   - a success leaves the CPU at an entry point inside RAM, in the
 *     Multiboot state: EAX = 0x2BADB002, EBX = the information block.
 *
 * Regression input for a fixed bug: corpus/elf/bug-misaligned-phdr
 * (tiny.elf with its program headers at offset 390). elf_plan() used the
 * Elf32_Phdr array elf32_getphdr() returns, which elfutils leaves inside
 * the image, unaligned when e_phoff is not a multiple of 4: undefined
 * behaviour that an --enable-ubsan xlat aborted on. It now copies each
 * entry with gelf_getphdr(). KNOWN_BUG_MISALIGNED_PHDR=1 skips such inputs
 * again, should the bug need to be reproduced without aborting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlat/machine.h"

#define RAM_MB 4
#define MB_BOOT_MAGIC 0x2badb002u
#define CMDLINE "console=ttyS0 fuzz"
#define E_PHOFF 28 /* in the ELF32 header */

#ifndef KNOWN_BUG_MISALIGNED_PHDR
#define KNOWN_BUG_MISALIGNED_PHDR 0
#endif

static struct machine *m;
static u8 *zeros;        /* RAM_MB of zeros to compare RAM with */
static bool ram_dirty;   /* a load succeeded since RAM was last cleared */

static void fail(const char *what, const char *err)
{
	fprintf(stderr, "fuzz_elf: %s: \"%s\"\n", what, err);
	abort();
}

static void machine_once(void)
{
	char err[256];
	struct machine_opts o = { .ram_mb = RAM_MB, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .no_reboot = true };
	if (m)
		return;
	m = machine_new(&o, err, sizeof(err));
	zeros = calloc(1, (size_t)RAM_MB << 20);
	if (!m || !zeros) {
		fprintf(stderr, "fuzz_elf: machine_new: %s\n", m ? "out of memory" : err);
		abort();
	}
}

static void check_refusal(const char *err)
{
	if (!err[0])
		fail("refused without a message", err);
	if (strchr(err, '\n'))
		fail("the message has more than one line", err);
	if (memcmp(m->phys.ram, zeros, m->phys.ram_size))
		fail("a refused kernel changed guest RAM", err);
}

static void check_success(void)
{
	const struct cpu *c = &m->cpu;
	if (c->eip >= m->phys.ram_size)
		fail("entry point outside RAM", "");
	if (c->r[R_EAX].d != MB_BOOT_MAGIC || c->r[R_EBX].d >= m->phys.ram_size)
		fail("not the Multiboot entry state", "");
	if (!(c->mode_key & MK_PE) || !(c->mode_key & MK_CODE32))
		fail("not in 32-bit protected mode", "");
}

static bool known_misaligned_phdr(const u8 *data, size_t size)
{
	u32 phoff;
	if (!KNOWN_BUG_MISALIGNED_PHDR || size < E_PHOFF + 4)
		return false;
	memcpy(&phoff, data + E_PHOFF, 4);
	return phoff % 4 != 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char err[256] = "";
	if (known_misaligned_phdr(data, size))
		return 0;
	machine_once();
	if (ram_dirty) {
		memset(m->phys.ram, 0, m->phys.ram_size);
		ram_dirty = false;
	}
	if (multiboot_load(m, data, size, CMDLINE, err, sizeof(err))) {
		check_refusal(err);
	} else {
		ram_dirty = true;
		check_success();
	}
	return 0;
}
