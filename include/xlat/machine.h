/* machine.h - the machine as a whole: CPU, memory, I/O, devices, run state. */
#ifndef XLAT_XLAT_MACHINE_H
#define XLAT_XLAT_MACHINE_H

#include "xlat/cpu.h"
#include "xlat/mem.h"
#include "xlat/iobus.h"
#include "xlat/block.h"
#include "xlat/log.h"

struct chardev;

enum serial_mode { SERIAL_STDIO, SERIAL_FILE, SERIAL_NONE };

struct machine_opts {
	u32 ram_mb;
	const char *kernel;
	const char *bios;
	const char *append;
	enum serial_mode serial;
	const char *serial_path;
	enum serial_mode debugcon;
	const char *debugcon_path;
	bool no_reboot;
	bool debug_exit;
	u16 debug_exit_base, debug_exit_size;
	u32 log_mask;
	const char *log_file;
	u64 max_insns;       /* 0: unlimited; for tests */
	bool bare;           /* no devices at all: every port reads all ones (tests) */
};

enum run_state { RUN_RUNNING, RUN_EXIT, RUN_RESET };

struct machine {
	struct cpu cpu;
	struct phys phys;
	struct iobus io;
	struct block_cache bc;
	struct logger log;
	struct machine_opts opts;
	FILE *serial_out;       /* COM1 sink, NULL for none */
	enum run_state state;
	int exit_status;        /* process exit status when state == RUN_EXIT */
	u8 shutdown_match;      /* progress through "Shutdown" on port 0x8900 */
	void *dev[16];          /* device states, owned (freed) by the machine */
	unsigned n_dev;
	FILE *debugcon_out;     /* port 0xE9 sink, NULL for none */
	struct {
		u8 *image;      /* the kernel file, kept to reload on reset */
		size_t size;
		char *cmdline;
		u32 entry;
	} boot;
};

/* Build a machine from options; on failure returns NULL with one line in err. */
struct machine *machine_new(const struct machine_opts *o, char *err, size_t errlen);
void machine_free(struct machine *m);
/* Run until the guest ends the run; returns the process exit status. */
int machine_run(struct machine *m);
void machine_request_exit(struct machine *m, int status);
void machine_reset(struct machine *m);
/* A guest-triggered reset: done at the next instruction boundary, or the
 * run ends (status 0) with -no-reboot, as in QEMU. */
void machine_request_reset(struct machine *m);
/* Run the CPU until the run state changes or max insns retire. */
void cpu_run(struct machine *m, struct cpu *c, u64 max_insns);

/* Hand a device state to the machine, which frees it; NULL on failure. */
void *machine_add_dev(struct machine *m, size_t size);

/* Board and devices (hw/) */
int pc_init(struct machine *m, char *err, size_t errlen);
int ns16550_init(struct machine *m, u16 base, FILE *out);
int debugcon_init(struct machine *m, u16 port, FILE *out);
int debugexit_init(struct machine *m, u16 base, u16 size);
int bochs_shutdown_init(struct machine *m, u16 port);
int port92_init(struct machine *m);

/* Multiboot v1 loader (vm/loader_elf.c): check and load an ELF image held
 * in memory; on failure one line in err. */
int multiboot_load(struct machine *m, const u8 *img, size_t len, const char *cmdline, char *err, size_t errlen);

#endif
