/* debugcon.c - the port 0xE9 console of Bochs and QEMU's -debugcon: bytes
 * written are printed; a read returns 0xE9 so guests can detect it. */
#include "xlat/machine.h"

struct debugcon {
	FILE *out;
};

static u32 debugcon_read(void *dev, u32 off, unsigned size)
{
	(void)dev;
	(void)off;
	(void)size;
	return 0xe9;
}

static void debugcon_write(void *dev, u32 off, u32 v, unsigned size)
{
	struct debugcon *d = dev;
	(void)off;
	(void)size;
	if (d->out) {
		fputc((int)(v & 0xff), d->out);
		fflush(d->out);
	}
}

static const struct io_ops debugcon_ops = { debugcon_read, debugcon_write, 1 };

int debugcon_init(struct machine *m, u16 port, FILE *out)
{
	struct debugcon *d = machine_add_dev(m, sizeof(*d));
	if (!d)
		return -1;
	d->out = out;
	return iobus_register(&m->io, port, 1, &debugcon_ops, d);
}
