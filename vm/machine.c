/* machine.c - build a PC from options, run it, reset it, tear it down. */
#include <stdlib.h>
#include <string.h>
#include "xlat/machine.h"

#define BLOCK_ARENA_BYTES (64u << 20)

void *machine_add_dev(struct machine *m, size_t size)
{
	if (m->n_dev == sizeof(m->dev) / sizeof(m->dev[0]))
		return NULL;
	void *d = calloc(1, size);
	if (d)
		m->dev[m->n_dev++] = d;
	return d;
}

static FILE *open_sink(enum serial_mode mode, const char *path, char *err, size_t errlen, bool *fail)
{
	*fail = false;
	if (mode == SERIAL_STDIO)
		return stdout;
	if (mode == SERIAL_NONE)
		return NULL;
	FILE *f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errlen, "cannot open '%s' for writing", path);
		*fail = true;
	}
	return f;
}

static u8 *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open '%s'", path);
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	u8 *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= (512u << 20)) {
			snprintf(err, errlen, "'%s' is larger than 512 MiB", path);
			free(buf);
			buf = NULL;
			break;
		}
		u8 *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
		}
		buf = nb;
		cap *= 2;
	}
	if (buf && ferror(f)) {
		snprintf(err, errlen, "cannot read '%s'", path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

#define ROM_MIN (64u << 10)
#define ROM_MAX (2u << 20)

static int load_bios(struct machine *m, const char *path, char *err, size_t errlen)
{
	size_t len;
	u8 *img = read_file(path, &len, err, errlen);
	if (!img)
		return -1;
	int rc = 0;
	if (len < ROM_MIN || len > ROM_MAX || len % ROM_MIN) {
		snprintf(err, errlen, "-bios: '%s' is %zu bytes; a ROM is 64 KiB to 2 MiB, in 64 KiB steps", path, len);
		rc = -1;
	} else if (phys_set_rom(&m->phys, img, (u32)len)) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	free(img);
	return rc;
}

struct machine *machine_new(const struct machine_opts *o, char *err, size_t errlen)
{
	struct machine *m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->opts = *o;
	m->log.mask = o->log_mask;
	m->log.out = stderr;
	bool fail = false;
	if (o->log_file && !(m->log.out = fopen(o->log_file, "w"))) {
		snprintf(err, errlen, "-D: cannot open '%s' for writing", o->log_file);
		goto fail;
	}
	m->serial_out = open_sink(o->serial, o->serial_path, err, errlen, &fail);
	if (fail)
		goto fail;
	m->debugcon_out = open_sink(o->debugcon, o->debugcon_path, err, errlen, &fail);
	if (fail)
		goto fail;
	if (phys_init(&m->phys, o->ram_mb << 20) || bc_init(&m->bc, BLOCK_ARENA_BYTES)) {
		snprintf(err, errlen, "-m %u: cannot allocate guest memory", o->ram_mb);
		goto fail;
	}
	iobus_init(&m->io);
	cpu_init(&m->cpu, m);
	if (!o->bare && pc_init(m, err, errlen))
		goto fail;
	if (o->bios && load_bios(m, o->bios, err, errlen))
		goto fail;
	if (!o->kernel)
		cpu_reset_real(&m->cpu);
	if (o->kernel) {
		m->boot.image = read_file(o->kernel, &m->boot.size, err, errlen);
		if (!m->boot.image)
			goto fail;
		m->boot.cmdline = strdup(o->append ? o->append : "");
		if (multiboot_load(m, m->boot.image, m->boot.size, m->boot.cmdline, err, errlen))
			goto fail;
	}
	m->state = RUN_RUNNING;
	return m;
fail:
	machine_free(m);
	return NULL;
}

void machine_free(struct machine *m)
{
	if (!m)
		return;
	if (m->serial_out && m->serial_out != stdout)
		fclose(m->serial_out);
	if (m->debugcon_out && m->debugcon_out != stdout && m->debugcon_out != m->serial_out)
		fclose(m->debugcon_out);
	if (m->log.out && m->log.out != stderr)
		fclose(m->log.out);
	for (unsigned i = 0; i < m->n_dev; i++)
		free(m->dev[i]);
	phys_free(&m->phys);
	bc_free(&m->bc);
	free(m->boot.image);
	free(m->boot.cmdline);
	free(m);
}

void machine_request_exit(struct machine *m, int status)
{
	if (m->state == RUN_EXIT)
		return;
	m->state = RUN_EXIT;
	m->exit_status = status;
	cpu_request_stop(&m->cpu);
}

void machine_request_reset(struct machine *m)
{
	if (m->opts.no_reboot) {
		machine_request_exit(m, 0);
		return;
	}
	if (m->state == RUN_RUNNING)
		m->state = RUN_RESET;
	cpu_request_stop(&m->cpu);
}

/* A PC reset restarts the loaded kernel, as QEMU does for -kernel, or the
 * firmware at its reset vector. */
void machine_reset(struct machine *m)
{
	char err[256];
	cpu_request_stop(&m->cpu);
	bc_flush(m);
	if (!m->boot.image)
		cpu_reset_real(&m->cpu);
	else if (multiboot_load(m, m->boot.image, m->boot.size, m->boot.cmdline, err, sizeof(err)))
		machine_request_exit(m, 1);
}

static void print_stats(struct machine *m)
{
	struct block_cache *bc = &m->bc;
	const struct cpu *c = &m->cpu;
	log_printf(&m->log, "stats: icount=%llu blocks=%llu flushes=%llu invalidated=%llu smc_hits=%llu\n",
		   (unsigned long long)cpu_icount(c), (unsigned long long)bc->n_translated,
		   (unsigned long long)bc->n_flushes, (unsigned long long)bc->n_invalidated,
		   (unsigned long long)bc->n_smc_hits);
	log_printf(&m->log, "stats: tlb_fills=%llu slow_reads=%llu slow_writes=%llu faults=%llu ras_hits=%llu ras_misses=%llu\n",
		   (unsigned long long)c->stats.tlb_fills, (unsigned long long)c->stats.slow_reads,
		   (unsigned long long)c->stats.slow_writes, (unsigned long long)c->stats.faults,
		   (unsigned long long)c->stats.ras_hits, (unsigned long long)c->stats.ras_misses);
}

int machine_run(struct machine *m)
{
	for (;;) {
		cpu_run(m, &m->cpu, m->opts.max_insns);
		if (m->state != RUN_RESET)
			break;
		machine_reset(m);
		m->state = RUN_RUNNING;
	}
	if (m->log.mask & LOG_STATS)
		print_stats(m);
	if (m->serial_out)
		fflush(m->serial_out);
	return m->state == RUN_EXIT ? m->exit_status : 0;
}
