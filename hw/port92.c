/* port92.c - System Control Port A (0x92), the "fast A20" port of PS/2 and
 * later PCs: bit 1 opens the A20 gate, writing bit 0 as 1 resets the CPU. */
#include "xlat/machine.h"

struct port92 {
	struct machine *m;
	u8 value;
};

static u32 port92_read(void *dev, u32 off, unsigned size)
{
	struct port92 *p = dev;
	(void)off;
	(void)size;
	return (p->value & ~1u) | (p->m->cpu.a20_mask == 0xffffffffu ? 2 : 0);
}

static void port92_write(void *dev, u32 off, u32 v, unsigned size)
{
	struct port92 *p = dev;
	(void)off;
	(void)size;
	p->value = (u8)(v & ~1u);
	cpu_set_a20(&p->m->cpu, v & 2);
	if (v & 1)
		machine_request_reset(p->m);
}

static const struct io_ops port92_ops = { port92_read, port92_write, 1 };

int port92_init(struct machine *m)
{
	struct port92 *p = machine_add_dev(m, sizeof(*p));
	if (!p)
		return -1;
	p->m = m;
	p->value = 2;
	return iobus_register(&m->io, 0x92, 1, &port92_ops, p);
}
