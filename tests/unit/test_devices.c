/* test_devices.c - the I/O port bus (mem/io.c) and the devices behind it,
 * driven through the bus as the CPU's IN and OUT do: the 16550 UART
 * (PC16550D datasheet), the 0xE9 debug console, isa-debug-exit and the
 * Bochs "Shutdown" port. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"

/* ---- the bus, with a device that records what reaches it ---- */

#define REC_MAX 16

struct rec_dev {
	unsigned n;
	u32 off[REC_MAX], val[REC_MAX];
	unsigned size[REC_MAX];
	bool write[REC_MAX];
};

static void rec(struct rec_dev *d, u32 off, u32 v, unsigned size, bool write)
{
	ck_assert_uint_lt(d->n, REC_MAX);
	d->off[d->n] = off;
	d->val[d->n] = v;
	d->size[d->n] = size;
	d->write[d->n++] = write;
}

/* reads return 0xA0 + offset per byte, wider than asked for */
static u32 rec_read(void *dev, u32 off, unsigned size)
{
	rec(dev, off, 0, size, false);
	return 0xdead0000u | ((0xa0 + off) * (size == 1 ? 1u : 0x0101u));
}

static void rec_write(void *dev, u32 off, u32 v, unsigned size) { rec(dev, off, v, size, true); }

static const struct io_ops rec_bytes = { rec_read, rec_write, 1 };
static const struct io_ops rec_all = { rec_read, rec_write, 1 | 2 | 4 };

static struct iobus *new_bus(void)
{
	struct iobus *b = malloc(sizeof(*b));
	ck_assert_ptr_nonnull(b);
	iobus_init(b);
	return b;
}

START_TEST(test_bus_unmapped)
{
	struct iobus *b = new_bus();
	ck_assert_uint_eq(iobus_read(b, 0x80, 1), 0xff);
	ck_assert_uint_eq(iobus_read(b, 0x80, 2), 0xffff);
	ck_assert_uint_eq(iobus_read(b, 0x80, 4), 0xffffffffu);
	ck_assert_uint_eq(iobus_read(b, 0xffff, 2), 0xffff);
	iobus_write(b, 0x80, 0x12345678, 4); /* dropped, and nothing breaks */
	free(b);
}
END_TEST

START_TEST(test_bus_register)
{
	struct iobus *b = new_bus();
	struct rec_dev d = { 0 };
	ck_assert_int_eq(iobus_register(b, 0xfffc, 4, &rec_all, &d), 0);
	ck_assert_int_ne(iobus_register(b, 0xfffc, 5, &rec_all, &d), 0);
	ck_assert_int_eq(iobus_register(b, 0x100, 8, &rec_all, &d), 0);
	/* offsets are relative to the range's base; the value is cut to size */
	ck_assert_uint_eq(iobus_read(b, 0x105, 1), 0xa5);
	ck_assert_uint_eq(iobus_read(b, 0x102, 2), 0xa2a2);
	ck_assert_uint_eq(iobus_read(b, 0x100, 4), 0xdeada0a0u);
	iobus_write(b, 0x107, 0x1234, 1);
	ck_assert_uint_eq(d.n, 4);
	ck_assert_uint_eq(d.off[0], 5);
	ck_assert_uint_eq(d.size[1], 2);
	ck_assert_uint_eq(d.size[2], 4);
	ck_assert(d.write[3]);
	ck_assert_uint_eq(d.off[3], 7);
	ck_assert_uint_eq(d.val[3], 0x34);
	free(b);
}
END_TEST

/* A device that takes bytes only sees a word or dword as bytes, lowest
 * port first, composed little-endian. */
START_TEST(test_bus_split)
{
	struct iobus *b = new_bus();
	struct rec_dev d = { 0 };
	iobus_register(b, 0x200, 4, &rec_bytes, &d);
	ck_assert_uint_eq(iobus_read(b, 0x200, 4), 0xa3a2a1a0u);
	ck_assert_uint_eq(d.n, 4);
	for (unsigned i = 0; i < 4; i++) {
		ck_assert_uint_eq(d.off[i], i);
		ck_assert_uint_eq(d.size[i], 1);
	}
	d.n = 0;
	iobus_write(b, 0x201, 0xbbaa, 2);
	ck_assert_uint_eq(d.n, 2);
	ck_assert(d.write[0] && d.off[0] == 1 && d.val[0] == 0xaa && d.size[0] == 1);
	ck_assert(d.write[1] && d.off[1] == 2 && d.val[1] == 0xbb && d.size[1] == 1);
	/* straddling the end of the range: the unmapped part reads as ones */
	d.n = 0;
	ck_assert_uint_eq(iobus_read(b, 0x202, 4), 0xffffa3a2u);
	ck_assert_uint_eq(iobus_read(b, 0x1ff, 2), 0xa0ffu);
	d.n = 0;
	iobus_write(b, 0x203, 0x11223344, 4);
	ck_assert_uint_eq(d.n, 1);
	ck_assert(d.off[0] == 3 && d.val[0] == 0x44);
	free(b);
}
END_TEST

/* ---- 16550 UART ---- */

#define UART 0x2f8 /* COM2: COM1 belongs to the machine's own serial sink */
enum { THR = 0, RBR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

struct uart_rig {
	struct machine *m;
	char *out;
	size_t out_len;
	FILE *f;
};

static void uart_rig_init(struct uart_rig *r)
{
	r->m = unit_machine(false);
	r->out = NULL;
	r->f = open_memstream(&r->out, &r->out_len);
	ck_assert_ptr_nonnull(r->f);
	ck_assert_int_eq(ns16550_init(r->m, UART, r->f), 0);
}

static void uart_rig_free(struct uart_rig *r)
{
	machine_free(r->m);
	fclose(r->f);
	free(r->out);
}

static u32 uin(struct uart_rig *r, unsigned reg) { return iobus_read(&r->m->io, UART + reg, 1); }
static void uout(struct uart_rig *r, unsigned reg, u32 v) { iobus_write(&r->m->io, UART + reg, v, 1); }

START_TEST(test_uart_reset_state)
{
	struct uart_rig r;
	uart_rig_init(&r);
	ck_assert_uint_eq(uin(&r, LSR), 0x60); /* THRE | TEMT, nothing received */
	ck_assert_uint_eq(uin(&r, IIR) & 0x0f, 0x01); /* no interrupt pending */
	uart_rig_free(&r);
}
END_TEST

START_TEST(test_uart_transmit)
{
	struct uart_rig r;
	uart_rig_init(&r);
	uout(&r, THR, 'H');
	uout(&r, THR, 'i');
	fflush(r.f);
	ck_assert_uint_eq(r.out_len, 2);
	ck_assert_mem_eq(r.out, "Hi", 2);
	ck_assert_uint_eq(uin(&r, LSR), 0x60); /* transmission is instant */
	uart_rig_free(&r);
}
END_TEST

/* LCR.DLAB switches offsets 0 and 1 to the divisor latch; the divisor
 * and IER keep their own values, and a divisor write sends nothing. */
START_TEST(test_uart_dlab)
{
	struct uart_rig r;
	uart_rig_init(&r);
	uout(&r, IER, 0x05);
	uout(&r, LCR, 0x83);
	uout(&r, DLL, 0x0c);
	uout(&r, DLM, 0x01);
	ck_assert_uint_eq(uin(&r, DLL), 0x0c);
	ck_assert_uint_eq(uin(&r, DLM), 0x01);
	ck_assert_uint_eq(uin(&r, LCR), 0x83);
	uout(&r, LCR, 0x03);
	ck_assert_uint_eq(uin(&r, IER), 0x05);
	ck_assert_uint_eq(uin(&r, LCR), 0x03);
	uout(&r, LCR, 0x80);
	ck_assert_uint_eq(uin(&r, DLL), 0x0c);
	ck_assert_uint_eq(uin(&r, DLM), 0x01);
	fflush(r.f);
	ck_assert_uint_eq(r.out_len, 0);
	uart_rig_free(&r);
}
END_TEST

START_TEST(test_uart_scratch)
{
	struct uart_rig r;
	uart_rig_init(&r);
	for (u32 v = 0; v < 256; v += 0x33) {
		uout(&r, SCR, v);
		ck_assert_uint_eq(uin(&r, SCR), v);
	}
	uart_rig_free(&r);
}
END_TEST

/* MCR bit 4: what is sent comes back in RBR with LSR.DR, and nothing
 * leaves the chip; reading RBR empties it (datasheet, 8.6.4). */
START_TEST(test_uart_loopback_data)
{
	struct uart_rig r;
	uart_rig_init(&r);
	uout(&r, MCR, 0x10);
	uout(&r, THR, 0x5a);
	ck_assert_uint_eq(uin(&r, LSR) & 0x01, 0x01);
	ck_assert_uint_eq(uin(&r, RBR), 0x5a);
	ck_assert_uint_eq(uin(&r, LSR) & 0x01, 0);
	uout(&r, THR, 0xa5);
	ck_assert_uint_eq(uin(&r, RBR), 0xa5);
	fflush(r.f);
	ck_assert_uint_eq(r.out_len, 0);
	uout(&r, MCR, 0x00);
	uout(&r, THR, 'x');
	fflush(r.f);
	ck_assert_uint_eq(r.out_len, 1);
	ck_assert_uint_eq(uin(&r, LSR) & 0x01, 0);
	uart_rig_free(&r);
}
END_TEST

/* In loopback the modem status inputs follow MCR: DTR->DSR, RTS->CTS,
 * OUT1->RI, OUT2->DCD. The delta bits (low nibble) are not checked. */
START_TEST(test_uart_loopback_msr)
{
	static const u8 mcr_to_msr[][2] = {
		{ 0x01, 0x20 }, { 0x02, 0x10 }, { 0x04, 0x40 }, { 0x08, 0x80 }, { 0x00, 0x00 }, { 0x0f, 0xf0 },
		{ 0x05, 0x60 },
	};
	struct uart_rig r;
	uart_rig_init(&r);
	for (unsigned i = 0; i < sizeof(mcr_to_msr) / sizeof(mcr_to_msr[0]); i++) {
		uout(&r, MCR, 0x10 | mcr_to_msr[i][0]);
		ck_assert_msg((uin(&r, MSR) & 0xf0) == mcr_to_msr[i][1], "MCR 0x%02x: MSR 0x%02x, want 0x%02x",
			      0x10 | mcr_to_msr[i][0], uin(&r, MSR), mcr_to_msr[i][1]);
	}
	uart_rig_free(&r);
}
END_TEST

/* ---- port 0xE9 ---- */

START_TEST(test_debugcon)
{
	struct machine *m = unit_machine(false);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	ck_assert_int_eq(debugcon_init(m, 0x402, f), 0);
	ck_assert_uint_eq(iobus_read(&m->io, 0x402, 1), 0xe9);
	ck_assert_uint_eq(iobus_read(&m->io, 0xe9, 1), 0xe9); /* the board's own */
	iobus_write(&m->io, 0x402, 'o', 1);
	iobus_write(&m->io, 0x402, 'k', 1);
	fflush(f);
	ck_assert_uint_eq(len, 2);
	ck_assert_mem_eq(out, "ok", 2);
	machine_free(m);
	fclose(f);
	free(out);
}
END_TEST

/* ---- isa-debug-exit ---- */

/* The loop index is the value written; the exit status is (v << 1) | 1. */
START_TEST(test_debug_exit)
{
	struct machine *m = unit_machine(false);
	u32 v = (u32)_i;
	ck_assert_int_eq(debugexit_init(m, 0x501, 2), 0);
	ck_assert_int_eq(m->state, RUN_RUNNING);
	iobus_write(&m->io, 0x501, v, 1);
	ck_assert_int_eq(m->state, RUN_EXIT);
	ck_assert_int_eq(m->exit_status, (int)((v << 1) | 1));
	machine_free(m);
}
END_TEST

START_TEST(test_debug_exit_wide_and_second_port)
{
	struct machine *m = unit_machine(false);
	ck_assert_int_eq(debugexit_init(m, 0xf4, 4), 0);
	iobus_write(&m->io, 0xf6, 0x21, 4);
	ck_assert_int_eq(m->state, RUN_EXIT);
	ck_assert_int_eq(m->exit_status, 0x43);
	machine_free(m);
}
END_TEST

/* A guest ends its own run: mov al, 0x10; out 0xf4, al; jmp $ */
START_TEST(test_debug_exit_from_guest)
{
	static const u8 code[] = { 0xb0, 0x10, 0xe6, 0xf4, 0xeb, 0xfe };
	struct machine_opts o = { .ram_mb = 4, .serial = SERIAL_NONE, .debugcon = SERIAL_NONE,
				  .debug_exit = true, .debug_exit_base = 0xf4, .debug_exit_size = 4 };
	char err[256] = "";
	struct machine *m = machine_new(&o, err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	memcpy(m->phys.ram + 0x1000, code, sizeof(code));
	cpu_reset_flat32(&m->cpu, 0x1000);
	cpu_run(m, &m->cpu, 100000);
	ck_assert_int_eq(m->state, RUN_EXIT);
	ck_assert_int_eq(m->exit_status, 0x21);
	ck_assert_uint_eq(cpu_icount(&m->cpu), 2);
	machine_free(m);
}
END_TEST

/* ---- Bochs shutdown port ---- */

#define SHUTDOWN_PORT 0x8900

static bool send_word(struct machine *m, const char *s)
{
	for (; *s; s++)
		iobus_write(&m->io, SHUTDOWN_PORT, (u8)*s, 1);
	return m->state == RUN_EXIT;
}

START_TEST(test_shutdown_word)
{
	struct machine *m = unit_machine(false);
	ck_assert(!send_word(m, "Shutdow"));
	ck_assert(send_word(m, "n"));
	ck_assert_int_eq(m->exit_status, 0);
	machine_free(m);
}
END_TEST

START_TEST(test_shutdown_wrong_byte_resets)
{
	struct machine *m = unit_machine(false);
	ck_assert(!send_word(m, "ShutXdown"));
	ck_assert(!send_word(m, "hutdown")); /* the match does not resume midway */
	ck_assert(!send_word(m, "shutdown"));
	ck_assert(send_word(m, "Shutdown"));
	machine_free(m);
}
END_TEST

/* An 'S' that breaks a match starts the next one. */
START_TEST(test_shutdown_restart_on_s)
{
	struct machine *m = unit_machine(false);
	ck_assert(send_word(m, "ShuShutdown"));
	machine_free(m);
}
END_TEST

Suite *devices_suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc = tcase_create("iobus");
	tcase_add_test(tc, test_bus_unmapped);
	tcase_add_test(tc, test_bus_register);
	tcase_add_test(tc, test_bus_split);
	suite_add_tcase(s, tc);
	tc = tcase_create("ns16550");
	tcase_add_test(tc, test_uart_reset_state);
	tcase_add_test(tc, test_uart_transmit);
	tcase_add_test(tc, test_uart_dlab);
	tcase_add_test(tc, test_uart_scratch);
	tcase_add_test(tc, test_uart_loopback_data);
	tcase_add_test(tc, test_uart_loopback_msr);
	suite_add_tcase(s, tc);
	tc = tcase_create("debug");
	tcase_add_test(tc, test_debugcon);
	tcase_add_loop_test(tc, test_debug_exit, 0, 4);
	tcase_add_loop_test(tc, test_debug_exit, 0x3f, 0x41);
	tcase_add_test(tc, test_debug_exit_wide_and_second_port);
	tcase_add_test(tc, test_debug_exit_from_guest);
	tcase_add_test(tc, test_shutdown_word);
	tcase_add_test(tc, test_shutdown_wrong_byte_resets);
	tcase_add_test(tc, test_shutdown_restart_on_s);
	suite_add_tcase(s, tc);
	return s;
}
