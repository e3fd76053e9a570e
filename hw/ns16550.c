/* ns16550.c - a 16550A UART: enough for polled transmit, the loopback test
 * Linux and SeaBIOS run when probing, and the scratch register. Received
 * data will arrive through the input journal (DESIGN 10); interrupts come
 * with the PIC. Register map: PC16550D datasheet, table II. */
#include "xlat/machine.h"

struct ns16550 {
	FILE *out;
	u8 ier, lcr, mcr, scr, dll, dlm, fcr;
	u8 rbr;        /* loopback receive holding register */
	bool rx_full;  /* LSR.DR */
};

#define LCR_DLAB 0x80
#define MCR_LOOP 0x10
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

static void uart_tx(struct ns16550 *u, u8 v)
{
	if (u->mcr & MCR_LOOP) {
		u->rbr = v;
		u->rx_full = true;
		return;
	}
	if (u->out) {
		fputc(v, u->out);
		fflush(u->out);
	}
}

static u32 uart_read(void *dev, u32 off, unsigned size)
{
	struct ns16550 *u = dev;
	(void)size;
	bool dlab = u->lcr & LCR_DLAB;
	switch (off) {
	case 0:
		if (dlab)
			return u->dll;
		u->rx_full = false;
		return u->rbr;
	case 1: return dlab ? u->dlm : u->ier;
	case 2: return (u->fcr & 1) ? 0xc1 : 0x01; /* no interrupt pending */
	case 3: return u->lcr;
	case 4: return u->mcr;
	case 5: return LSR_THRE | LSR_TEMT | (u->rx_full ? LSR_DR : 0);
	case 6:
		/* in loopback the modem inputs follow MCR: RTS->CTS, DTR->DSR,
		 * OUT1->RI, OUT2->DCD; otherwise DCD, DSR and CTS are up */
		if (u->mcr & MCR_LOOP)
			return (u32)(((u->mcr & 2) << 3) | ((u->mcr & 1) << 5) | ((u->mcr & 4) << 4) | ((u->mcr & 8) << 4));
		return 0xb0;
	default: return u->scr;
	}
}

static void uart_write(void *dev, u32 off, u32 v, unsigned size)
{
	struct ns16550 *u = dev;
	(void)size;
	bool dlab = u->lcr & LCR_DLAB;
	switch (off) {
	case 0:
		if (dlab)
			u->dll = (u8)v;
		else
			uart_tx(u, (u8)v);
		break;
	case 1:
		if (dlab)
			u->dlm = (u8)v;
		else
			u->ier = v & 0x0f;
		break;
	case 2: u->fcr = (u8)(v & 0xc9); break;
	case 3: u->lcr = (u8)v; break;
	case 4: u->mcr = v & 0x1f; break;
	case 7: u->scr = (u8)v; break;
	default: break; /* LSR and MSR are read-only */
	}
}

static const struct io_ops uart_ops = { uart_read, uart_write, 1 };

int ns16550_init(struct machine *m, u16 base, FILE *out)
{
	struct ns16550 *u = machine_add_dev(m, sizeof(*u));
	if (!u)
		return -1;
	u->out = out;
	return iobus_register(&m->io, base, 8, &uart_ops, u);
}
