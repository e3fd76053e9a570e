/* debugexit.c - QEMU's isa-debug-exit: a write of v ends the run with
 * process exit status (v << 1) | 1, so a guest can report pass/fail. */
#include "xlat/machine.h"

struct debugexit {
	struct machine *m;
};

static u32 debugexit_read(void *dev, u32 off, unsigned size)
{
	(void)dev;
	(void)off;
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

static void debugexit_write(void *dev, u32 off, u32 v, unsigned size)
{
	struct debugexit *d = dev;
	(void)off;
	(void)size;
	machine_request_exit(d->m, (int)(((v << 1) | 1) & 0xff));
}

static const struct io_ops debugexit_ops = { debugexit_read, debugexit_write, 1 | 2 | 4 };

int debugexit_init(struct machine *m, u16 base, u16 size)
{
	struct debugexit *d = machine_add_dev(m, sizeof(*d));
	if (!d)
		return -1;
	d->m = m;
	return iobus_register(&m->io, base, size, &debugexit_ops, d);
}
