/* bochs_shutdown.c - Bochs's power-off port: the bytes "Shutdown" written
 * in order to port 0x8900 end the run (as Bochs's BIOS and tests use it). */
#include "xlat/machine.h"

struct bochs_shutdown {
	struct machine *m;
	u8 matched; /* how much of "Shutdown" has arrived */
};

static u32 shutdown_read(void *dev, u32 off, unsigned size)
{
	(void)dev;
	(void)off;
	(void)size;
	return 0xff;
}

static void shutdown_write(void *dev, u32 off, u32 v, unsigned size)
{
	static const char word[] = "Shutdown";
	struct bochs_shutdown *s = dev;
	(void)off;
	(void)size;
	if ((char)v == word[s->matched])
		s->matched++;
	else
		s->matched = (char)v == word[0];
	if (s->matched == sizeof(word) - 1) {
		s->matched = 0;
		machine_request_exit(s->m, 0);
	}
}

static const struct io_ops shutdown_ops = { shutdown_read, shutdown_write, 1 };

int bochs_shutdown_init(struct machine *m, u16 port)
{
	struct bochs_shutdown *s = machine_add_dev(m, sizeof(*s));
	if (!s)
		return -1;
	s->m = m;
	return iobus_register(&m->io, port, 1, &shutdown_ops, s);
}
