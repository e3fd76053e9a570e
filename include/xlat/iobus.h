/* iobus.h - the I/O port bus: devices register port ranges with callbacks. */
#ifndef XLAT_XLAT_IOBUS_H
#define XLAT_XLAT_IOBUS_H

#include "xlat/types.h"

struct io_ops {
	u32 (*read)(void *dev, u32 offset, unsigned size);
	void (*write)(void *dev, u32 offset, u32 value, unsigned size);
	u8 sizes; /* accepted access sizes as a bit mask: 1, 2, 4 */
};

struct io_port {
	const struct io_ops *ops; /* NULL: unmapped */
	void *dev;
	u16 base;                 /* first port of the device's range */
};

struct iobus {
	struct io_port port[65536];
};

void iobus_init(struct iobus *b);
int iobus_register(struct iobus *b, u16 base, u32 count, const struct io_ops *ops, void *dev);
u32 iobus_read(struct iobus *b, u16 port, unsigned size);
void iobus_write(struct iobus *b, u16 port, u32 v, unsigned size);

#endif
