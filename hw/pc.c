/* pc.c - the board: what sits where on a PC, wired in one straight line.
 * So far the devices bare-metal guests need; the PIC, PIT, RTC, PCI and
 * the rest join here as they arrive. */
#include <stdio.h>
#include "xlat/machine.h"

#define COM1_BASE 0x3f8
#define DEBUGCON_PORT 0xe9
#define BOCHS_SHUTDOWN_PORT 0x8900

int pc_init(struct machine *m, char *err, size_t errlen)
{
	int rc = 0;
	rc |= ns16550_init(m, COM1_BASE, m->serial_out);
	rc |= debugcon_init(m, DEBUGCON_PORT, m->debugcon_out);
	rc |= bochs_shutdown_init(m, BOCHS_SHUTDOWN_PORT);
	rc |= port92_init(m);
	if (m->opts.debug_exit)
		rc |= debugexit_init(m, m->opts.debug_exit_base, m->opts.debug_exit_size);
	if (rc) {
		snprintf(err, errlen, "cannot create the PC's devices");
		return -1;
	}
	return 0;
}
