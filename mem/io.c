/* io.c - the I/O port bus (DESIGN 9): a 64K table of (device, callbacks).
 * Accesses of a width the device does not take are split into bytes;
 * unmapped ports read as all ones and ignore writes. */
#include <string.h>
#include "xlat/iobus.h"

void iobus_init(struct iobus *b)
{
	memset(b, 0, sizeof(*b));
}

int iobus_register(struct iobus *b, u16 base, u32 count, const struct io_ops *ops, void *dev)
{
	if (base + count > 65536)
		return -1;
	for (u32 i = 0; i < count; i++)
		b->port[base + i] = (struct io_port){ ops, dev, base };
	return 0;
}

static u32 ones(unsigned size) { return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1; }

u32 iobus_read(struct iobus *b, u16 port, unsigned size)
{
	const struct io_port *p = &b->port[port];
	if (p->ops && (p->ops->sizes & size))
		return p->ops->read(p->dev, (u32)(port - p->base), size) & ones(size);
	if (size == 1)
		return ones(1);
	u32 v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= iobus_read(b, (u16)(port + i), 1) << (8 * i);
	return v;
}

void iobus_write(struct iobus *b, u16 port, u32 v, unsigned size)
{
	const struct io_port *p = &b->port[port];
	if (p->ops && (p->ops->sizes & size)) {
		p->ops->write(p->dev, (u32)(port - p->base), v & ones(size), size);
		return;
	}
	if (size == 1)
		return;
	for (unsigned i = 0; i < size; i++)
		iobus_write(b, (u16)(port + i), (v >> (8 * i)) & 0xff, 1);
}
