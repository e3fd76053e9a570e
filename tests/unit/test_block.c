/* test_block.c - the block cache and the tier-1 dispatcher on a real
 * machine: block reuse, invalidation by guest stores (another block, the
 * current block, and stores that must not invalidate), exact instruction
 * counting under any budget, flushing, REP interrupted and resumed, and
 * exception delivery up to the triple fault.
 *
 * Guests are a few hand-assembled instructions at CODE in flat 32-bit
 * protected mode; each ends in HLT, which ends the run (no interrupt can
 * wake it yet). The listings beside the bytes give each address. */
#include <string.h>
#include "unit.h"

#define CODE 0x1000u
#define STACK 0x8000u
#define GDT 0x0800u
#define IDT 0x0900u
#define HANDLER_UD 0x3000u
#define HANDLER_GP 0x3100u
#define HANDLER_DF 0x3200u

static struct machine *boot_opts(const u8 *code, size_t n, bool no_reboot)
{
	struct machine *m = unit_machine(no_reboot);
	memcpy(m->phys.ram + CODE, code, n);
	cpu_reset_flat32(&m->cpu, CODE);
	m->cpu.r[R_ESP].d = STACK;
	return m;
}

static struct machine *boot(const u8 *code, size_t n) { return boot_opts(code, n, false); }

static u32 rd32(const struct machine *m, u32 pa)
{
	u32 v;
	memcpy(&v, m->phys.ram + pa, 4);
	return v;
}

static void wr32(struct machine *m, u32 pa, u32 v) { memcpy(m->phys.ram + pa, &v, 4); }

static void run_to_halt(struct machine *m)
{
	cpu_run(m, &m->cpu, 1000000);
	ck_assert_msg(m->state == RUN_EXIT, "the guest did not reach its HLT");
}

/* ---- block reuse ---- */

/* mov ecx, N; L: inc eax; dec ecx; jnz L; hlt */
static const u8 loop_code[] = {
	0xb9, 0x64, 0x00, 0x00, 0x00, /* 1000 mov ecx, 100 */
	0x40,                         /* 1005 L: inc eax */
	0x49,                         /* 1006 dec ecx */
	0x75, 0xfc,                   /* 1007 jnz L */
	0xf4,                         /* 1009 hlt */
};
#define LOOP_L (CODE + 5)

static struct machine *boot_loop(u32 iterations)
{
	u8 code[sizeof(loop_code)];
	memcpy(code, loop_code, sizeof(code));
	memcpy(code + 1, &iterations, 4);
	return boot(code, sizeof(code));
}

/* Stops at icount 4 + 3k (MOV, then k + 1 iterations) fall where a taken
 * JNZ leaves the block, so the stops themselves make no new blocks. */
START_TEST(test_loop_reuses_blocks)
{
	struct machine *m = boot_loop(100);
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 4 + 3 * 10);
	ck_assert_uint_eq(cpu_icount(c), 34);
	ck_assert_uint_eq(c->eip, LOOP_L);
	ck_assert_uint_eq(c->r[R_ECX].d, 100 - 11);
	u64 blocks = m->bc.n_translated;
	ck_assert_uint_ge(blocks, 2);

	cpu_run(m, c, 4 + 3 * 60);
	ck_assert_uint_eq(cpu_icount(c), 184);
	ck_assert_uint_eq(c->r[R_ECX].d, 100 - 61);
	ck_assert_msg(m->bc.n_translated == blocks, "50 more iterations translated %llu blocks",
		      (unsigned long long)(m->bc.n_translated - blocks));

	run_to_halt(m);
	ck_assert_uint_eq(c->r[R_EAX].d, 100);
	ck_assert_uint_eq(c->r[R_ECX].d, 0);
	ck_assert_uint_eq(cpu_icount(c), 1 + 3 * 100 + 1);
	ck_assert_uint_eq(c->eip, CODE + sizeof(loop_code));
	ck_assert_uint_le(m->bc.n_translated, blocks + 1); /* at most the HLT's own */
	ck_assert_uint_eq(m->bc.n_invalidated, 0);
	ck_assert_uint_eq(m->bc.n_flushes, 0);
	machine_free(m);
}
END_TEST

START_TEST(test_translations_independent_of_iterations)
{
	struct machine *few = boot_loop(10), *many = boot_loop(1000);
	run_to_halt(few);
	run_to_halt(many);
	ck_assert_uint_eq(cpu_icount(&few->cpu), 2 + 3 * 10);
	ck_assert_uint_eq(cpu_icount(&many->cpu), 2 + 3 * 1000);
	ck_assert_uint_eq(many->bc.n_translated, few->bc.n_translated);
	machine_free(few);
	machine_free(many);
}
END_TEST

/* Writing CR3 flushes the TLB, which retires every lookup-cache entry and
 * chain link (the epoch moves): the blocks must then be found again in the
 * hash table, not translated again. */
START_TEST(test_blocks_found_after_epoch_change)
{
	static const u8 code[] = {
		0xb9, 0x32, 0x00, 0x00, 0x00, /* 1000 mov ecx, 50 */
		0x0f, 0x22, 0xd8,             /* 1005 L: mov cr3, eax */
		0x49,                         /* 1008 dec ecx */
		0x75, 0xfa,                   /* 1009 jnz L */
		0xf4,                         /* 100b hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 2 + 3 * 3);
	u64 blocks = m->bc.n_translated;
	u32 epoch = m->bc.epoch;
	run_to_halt(m);
	ck_assert_uint_eq(c->r[R_ECX].d, 0);
	ck_assert_uint_ge(m->bc.epoch, epoch + 40);
	ck_assert_uint_le(m->bc.n_translated, blocks + 1);
	machine_free(m);
}
END_TEST

/* ---- self-modifying code ---- */

/* The store sits in block B and patches the immediate of block A, which has
 * already run: A must be retranslated for the second pass. */
START_TEST(test_store_invalidates_other_block)
{
	static const u8 code[] = {
		0xb8, 0x01, 0x00, 0x00, 0x00, /* 1000 T: mov eax, 1 */
		0x01, 0xc6,                   /* 1005 add esi, eax */
		0x43,                         /* 1007 inc ebx */
		0x83, 0xfb, 0x02,             /* 1008 cmp ebx, 2 */
		0x74, 0x33,                   /* 100b je 1040 */
		0xeb, 0x11,                   /* 100d jmp 1020 (ends block A) */
		[0x20] = 0xc7, 0x05, 0x01, 0x10, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, /* 1020 mov dword [1001], 42 */
		0xeb, 0xd4,                   /* 102a jmp T */
		[0x40] = 0xf4,                /* 1040 hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	run_to_halt(m);
	ck_assert_uint_eq(c->r[R_EAX].d, 42);
	ck_assert_uint_eq(c->r[R_ESI].d, 1 + 42);
	ck_assert_uint_eq(c->r[R_EBX].d, 2);
	ck_assert_uint_eq(rd32(m, CODE + 1), 42);
	ck_assert_uint_eq(cpu_icount(c), 6 + 2 + 5 + 1);
	ck_assert_uint_ge(m->bc.n_invalidated, 1);
	ck_assert_msg(m->bc.n_smc_hits == 0, "the storing block was not the one invalidated");
	machine_free(m);
}
END_TEST

/* The first instruction rewrites the immediate of the second in the same
 * block: the store completes and the block is left before the stale copy of
 * the next instruction runs. */
START_TEST(test_store_into_current_block)
{
	static const u8 code[] = {
		0xc7, 0x05, 0x0b, 0x10, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, /* 1000 mov dword [100b], 42 */
		0xb8, 0x01, 0x00, 0x00, 0x00,                               /* 100a mov eax, 1 */
		0xf4,                                                       /* 100f hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	run_to_halt(m);
	ck_assert_uint_eq(m->cpu.r[R_EAX].d, 42);
	ck_assert_uint_eq(cpu_icount(&m->cpu), 3);
	ck_assert_uint_ge(m->bc.n_smc_hits, 1);
	ck_assert_uint_ge(m->bc.n_invalidated, 1);
	machine_free(m);
}
END_TEST

/* The same with a byte store turning INC EAX into DEC EAX a few
 * instructions ahead. */
START_TEST(test_store_patches_opcode_ahead)
{
	static const u8 code[] = {
		0xbb, 0x0c, 0x10, 0x00, 0x00, /* 1000 mov ebx, 100c */
		0xc6, 0x03, 0x48,             /* 1005 mov byte [ebx], 0x48 (dec eax) */
		0x90, 0x90, 0x90, 0x90,       /* 1008 nop x4 */
		0x40,                         /* 100c inc eax */
		0xf4,                         /* 100d hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	run_to_halt(m);
	ck_assert_uint_eq(m->cpu.r[R_EAX].d, 0xffffffffu);
	ck_assert_uint_eq(cpu_icount(&m->cpu), 8);
	machine_free(m);
}
END_TEST

/* Stores to the page before, the page after, and another 64-byte line of
 * the code page itself must leave every block alone. */
START_TEST(test_data_stores_do_not_invalidate)
{
	static const u8 code[] = {
		0xb9, 0x64, 0x00, 0x00, 0x00,       /* 1000 mov ecx, 100 */
		0x89, 0x0d, 0x00, 0x20, 0x00, 0x00, /* 1005 L: mov [2000], ecx */
		0x89, 0x0d, 0xfc, 0x0f, 0x00, 0x00, /* 100b mov [0ffc], ecx */
		0x89, 0x0d, 0x40, 0x10, 0x00, 0x00, /* 1011 mov [1040], ecx */
		0x49,                               /* 1017 dec ecx */
		0x75, 0xeb,                         /* 1018 jnz L */
		0xf4,                               /* 101a hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 1 + 5 * 3); /* three iterations: every block exists */
	u64 blocks = m->bc.n_translated;
	u32 epoch = m->bc.epoch;
	cpu_run(m, c, 1 + 5 * 99);
	/* a store outside code lines costs one test (DESIGN 7): it does not even
	 * retire chain links and lookup-cache entries */
	ck_assert_uint_eq(m->bc.epoch, epoch);
	run_to_halt(m);
	ck_assert_uint_eq(rd32(m, 0x2000), 1);
	ck_assert_uint_eq(rd32(m, 0x0ffc), 1);
	ck_assert_uint_eq(rd32(m, 0x1040), 1);
	ck_assert_uint_eq(cpu_icount(c), 1 + 5 * 100 + 1);
	ck_assert_uint_eq(m->bc.n_invalidated, 0);
	ck_assert_uint_eq(m->bc.n_smc_hits, 0);
	ck_assert_uint_le(m->bc.n_translated, blocks + 1);
	machine_free(m);
}
END_TEST

/* ---- exact instruction counting ---- */

/* Five groups of add eax, 1 (5 bytes); inc ebx (1); add ecx, 2 (3);
 * lea esi, [esi+1] (3); then hlt: one block of 21 instructions. */
static const u8 group[] = { 0x05, 0x01, 0x00, 0x00, 0x00, 0x43, 0x83, 0xc1, 0x02, 0x8d, 0x76, 0x01 };
static const u8 group_off[4] = { 0, 5, 6, 9 };
#define N_GROUPS 5
#define N_STRAIGHT (4 * N_GROUPS)

static struct machine *boot_straight(void)
{
	u8 code[N_GROUPS * sizeof(group) + 1];
	for (unsigned g = 0; g < N_GROUPS; g++)
		memcpy(code + g * sizeof(group), group, sizeof(group));
	code[sizeof(code) - 1] = 0xf4;
	return boot(code, sizeof(code));
}

/* registers and EIP after the first k instructions */
static void check_straight(const struct cpu *c, unsigned k)
{
	ck_assert_uint_eq(c->r[R_EAX].d, (k + 3) / 4);
	ck_assert_uint_eq(c->r[R_EBX].d, (k + 2) / 4);
	ck_assert_uint_eq(c->r[R_ECX].d, 2 * ((k + 1) / 4));
	ck_assert_uint_eq(c->r[R_ESI].d, k / 4);
	if (k < N_STRAIGHT)
		ck_assert_uint_eq(c->eip, CODE + sizeof(group) * (k / 4) + group_off[k % 4]);
}

START_TEST(test_icount_straight_line)
{
	struct machine *m = boot_straight();
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(&m->cpu), N_STRAIGHT + 1);
	check_straight(&m->cpu, N_STRAIGHT);
	ck_assert_uint_eq(m->cpu.eip, CODE + N_GROUPS * sizeof(group) + 1);
	machine_free(m);
}
END_TEST

/* A budget that ends inside the block stops at exactly that instruction;
 * the rest runs on the next call. The loop index is the budget. */
START_TEST(test_icount_budget_inside_block)
{
	struct machine *m = boot_straight();
	struct cpu *c = &m->cpu;
	unsigned k = (unsigned)_i;
	cpu_run(m, c, k);
	ck_assert_uint_eq(cpu_icount(c), k);
	ck_assert_int_eq(m->state, RUN_RUNNING);
	check_straight(c, k);
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(c), N_STRAIGHT + 1);
	check_straight(c, N_STRAIGHT);
	machine_free(m);
}
END_TEST

/* Stepping one instruction at a time gives the same count and state. */
START_TEST(test_icount_single_steps)
{
	struct machine *m = boot_straight();
	struct cpu *c = &m->cpu;
	for (unsigned k = 1; k <= N_STRAIGHT; k++) {
		cpu_run(m, c, k);
		ck_assert_uint_eq(cpu_icount(c), k);
		check_straight(c, k);
	}
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(c), N_STRAIGHT + 1);
	machine_free(m);
}
END_TEST

/* The budget runs out in the second block, one instruction in. */
START_TEST(test_icount_budget_in_later_block)
{
	struct machine *m = boot_loop(100);
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 5);
	ck_assert_uint_eq(cpu_icount(c), 5);
	ck_assert_uint_eq(c->eip, LOOP_L + 1);
	ck_assert_uint_eq(c->r[R_EAX].d, 2);
	ck_assert_uint_eq(c->r[R_ECX].d, 99);
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(c), 302);
	ck_assert_uint_eq(c->r[R_EAX].d, 100);
	machine_free(m);
}
END_TEST

/* ---- flush ---- */

START_TEST(test_flush_then_run)
{
	struct machine *m = boot_loop(100);
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 4 + 3 * 10);
	u64 blocks = m->bc.n_translated, flushes = m->bc.n_flushes;
	ck_assert_uint_ne(m->phys.meta[CODE >> PAGE_SHIFT].code_lines, 0);
	bc_flush(m);
	ck_assert_uint_eq(m->bc.n_flushes, flushes + 1);
	ck_assert_uint_eq(m->bc.arena_used, 0);
	ck_assert_uint_eq(m->phys.meta[CODE >> PAGE_SHIFT].code_lines, 0);
	ck_assert_ptr_null(m->phys.meta[CODE >> PAGE_SHIFT].blocks);
	run_to_halt(m);
	ck_assert_uint_eq(c->r[R_EAX].d, 100);
	ck_assert_uint_eq(c->r[R_ECX].d, 0);
	ck_assert_uint_eq(cpu_icount(c), 302);
	ck_assert_uint_gt(m->bc.n_translated, blocks); /* the loop was translated again */
	ck_assert_uint_ne(m->phys.meta[CODE >> PAGE_SHIFT].code_lines, 0);
	machine_free(m);
}
END_TEST

/* After a flush, code pages are tracked again: the flush falls between
 * pass 1 and pass 2 of a loop whose every pass patches the next one's
 * immediate, so pass 3 sees the right value only if the block translated
 * after the flush is invalidated by pass 2's store. */
START_TEST(test_flush_keeps_smc_working)
{
	static const u8 code[] = {
		0xb8, 0x01, 0x00, 0x00, 0x00, /* 1000 T: mov eax, 1 */
		0x43,                         /* 1005 inc ebx */
		0x83, 0xfb, 0x03,             /* 1006 cmp ebx, 3 */
		0x74, 0x25,                   /* 1009 je 1030 */
		0xeb, 0x03,                   /* 100b jmp 1010 */
		[0x10] = 0x81, 0x05, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, /* 1010 add dword [1001], 3 */
		0xeb, 0xe4,                   /* 101a jmp T */
		[0x30] = 0xf4,                /* 1030 hlt */
	};
	struct machine *m = boot(code, sizeof(code));
	struct cpu *c = &m->cpu;
	cpu_run(m, c, 5);
	ck_assert_uint_eq(c->eip, CODE + 0x10);
	bc_flush(m);
	run_to_halt(m);
	ck_assert_uint_eq(c->r[R_EBX].d, 3);
	ck_assert_uint_eq(c->r[R_EAX].d, 7);
	ck_assert_uint_eq(cpu_icount(c), 7 + 7 + 5);
	machine_free(m);
}
END_TEST

/* ---- REP interrupted by the budget ---- */

#define REP_SRC 0x10000u
#define REP_DST 0x20000u
#define REP_N 0x1000u

/* cld; rep movsb; hlt */
static struct machine *boot_rep(const u8 *code, size_t n)
{
	struct machine *m = boot(code, n);
	struct cpu *c = &m->cpu;
	for (u32 i = 0; i < REP_N; i++)
		m->phys.ram[REP_SRC + i] = (u8)(i * 7 + 3);
	c->r[R_ESI].d = REP_SRC;
	c->r[R_EDI].d = REP_DST;
	c->r[R_ECX].d = REP_N;
	return m;
}

static const u8 rep_code[] = { 0xfc, 0xf3, 0xa4, 0xf4 }; /* 1000 cld; 1001 rep movsb; 1003 hlt */

/* done bytes moved: the registers agree with each other and with memory */
static void check_rep(const struct machine *m, u32 done)
{
	const struct cpu *c = &m->cpu;
	ck_assert_uint_eq(c->r[R_ECX].d, REP_N - done);
	ck_assert_uint_eq(c->r[R_ESI].d, REP_SRC + done);
	ck_assert_uint_eq(c->r[R_EDI].d, REP_DST + done);
	ck_assert_msg(memcmp(m->phys.ram + REP_DST, m->phys.ram + REP_SRC, done) == 0, "copied bytes differ");
	if (done < REP_N)
		ck_assert_uint_eq(m->phys.ram[REP_DST + done], 0);
}

/* Each iteration counts as one instruction, so a budget of k leaves CLD
 * and k - 1 iterations done, with EIP still at the REP. */
static const u32 rep_budgets[] = { 2, 3, 4, 50, 101, 1000, REP_N };

START_TEST(test_rep_interrupted_and_resumed)
{
	struct machine *m = boot_rep(rep_code, sizeof(rep_code));
	struct cpu *c = &m->cpu;
	u32 k = rep_budgets[_i];
	cpu_run(m, c, k);
	ck_assert_uint_eq(cpu_icount(c), k);
	ck_assert_uint_eq(c->eip, CODE + 1);
	check_rep(m, k - 1);
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(c), 1 + REP_N + 1);
	check_rep(m, REP_N);
	machine_free(m);
}
END_TEST

START_TEST(test_rep_small_steps)
{
	struct machine *m = boot_rep(rep_code, sizeof(rep_code));
	struct cpu *c = &m->cpu;
	for (u64 k = 7; m->state == RUN_RUNNING; k += 7) {
		cpu_run(m, c, k);
		if (m->state != RUN_RUNNING)
			break;
		ck_assert_uint_eq(cpu_icount(c), k);
		u32 done = k - 1 < REP_N ? (u32)(k - 1) : REP_N;
		check_rep(m, done);
	}
	ck_assert_uint_eq(cpu_icount(c), 1 + REP_N + 1);
	check_rep(m, REP_N);
	machine_free(m);
}
END_TEST

/* The budget runs out in the instructions after a REP in the same block,
 * whose iterations used up part of it: they must wait for the next run.
 * Each row: ECX, the budget; the block is cld; rep movsb; inc eax x5; hlt,
 * so the budget leaves budget - 1 - ECX increments done. The first row's
 * block fits the budget, the second's does not (the run_partial path). */
static const u32 rep_rest[][2] = { { 10, 13 }, { 3, 6 } };

START_TEST(test_rep_then_rest_of_block)
{
	static const u8 code[] = {
		0xfc,                         /* 1000 cld */
		0xf3, 0xa4,                   /* 1001 rep movsb */
		0x40, 0x40, 0x40, 0x40, 0x40, /* 1003 inc eax x5 */
		0xf4,                         /* 1008 hlt */
	};
	u32 n = rep_rest[_i][0], k = rep_rest[_i][1], incs = k - 1 - n;
	struct machine *m = boot_rep(code, sizeof(code));
	struct cpu *c = &m->cpu;
	c->r[R_ECX].d = n;
	cpu_run(m, c, k);
	ck_assert_uint_eq(cpu_icount(c), k);
	ck_assert_int_eq(m->state, RUN_RUNNING);
	ck_assert_uint_eq(c->r[R_ECX].d, 0);
	ck_assert_uint_eq(c->r[R_EAX].d, incs);
	ck_assert_uint_eq(c->eip, CODE + 3 + incs);
	run_to_halt(m);
	ck_assert_uint_eq(cpu_icount(c), 1 + n + 5 + 1);
	ck_assert_uint_eq(c->r[R_EAX].d, 5);
	machine_free(m);
}
END_TEST

/* ---- exceptions ---- */

/* A flat GDT (code 0x08, data 0x10) and an IDT of 32 not-present gates. */
static void setup_tables(struct machine *m)
{
	static const u32 gdt[6] = { 0, 0, 0x0000ffff, 0x00cf9b00, 0x0000ffff, 0x00cf9300 };
	memcpy(m->phys.ram + GDT, gdt, sizeof(gdt));
	m->cpu.gdt_base = GDT;
	m->cpu.gdt_limit = sizeof(gdt) - 1;
	m->cpu.idt_base = IDT;
	m->cpu.idt_limit = 32 * 8 - 1;
}

/* a present 32-bit interrupt gate, DPL 0, to 0x08:handler, which is HLT */
static void set_gate(struct machine *m, unsigned vec, u32 handler)
{
	wr32(m, IDT + vec * 8, (0x08u << 16) | (handler & 0xffff));
	wr32(m, IDT + vec * 8 + 4, (handler & 0xffff0000u) | 0x8e00u);
	m->phys.ram[handler] = 0xf4;
}

/* mov eax, 0x12345678; stc; <faulting instruction>; hlt */
static struct machine *boot_fault(const u8 *bad, size_t n, bool no_reboot)
{
	u8 code[32] = { 0xb8, 0x78, 0x56, 0x34, 0x12, 0xf9 };
	ck_assert_uint_le(6 + n + 1, sizeof(code));
	memcpy(code + 6, bad, n);
	code[6 + n] = 0xf4;
	struct machine *m = boot_opts(code, 6 + n + 1, no_reboot);
	cpu_set_eflags(&m->cpu, F_IF | F_DF, F_IF | F_DF);
	return m;
}
#define FAULT_EIP (CODE + 6)
#define FAULT_EFLAGS (2u | F_CF | F_IF | F_DF)

struct bad_insn {
	u8 bytes[20];
	u8 n;
	u8 vec;
};

static const struct bad_insn bad_insns[] = {
	{ { 0x0f, 0x0b }, 2, EX_UD },               /* ud2 */
	{ { 0x0f, 0xff, 0x00 }, 3, EX_UD },         /* undefined opcode */
	{ { 0xf0, 0x89, 0x03 }, 3, EX_UD },         /* lock mov */
	{ { 0x8d, 0xc0 }, 2, EX_UD },               /* lea with a register */
	{ { 0x8e, 0xc8 }, 2, EX_UD },               /* mov cs, eax */
	{ { 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x90 },
	  16, EX_GP },                               /* 16 bytes */
};

/* The handler sees EIP of the faulting instruction, CS, and EFLAGS as they
 * were (CF from STC, IF, DF), plus the error code for #GP; the
 * instructions before it in the block have retired, it has not. */
START_TEST(test_fault_delivered)
{
	const struct bad_insn *b = &bad_insns[_i];
	struct machine *m = boot_fault(b->bytes, b->n, false);
	struct cpu *c = &m->cpu;
	setup_tables(m);
	set_gate(m, EX_UD, HANDLER_UD);
	set_gate(m, EX_GP, HANDLER_GP);
	run_to_halt(m);
	u32 handler = b->vec == EX_UD ? HANDLER_UD : HANDLER_GP;
	u32 sp = STACK - (b->vec == EX_GP ? 16 : 12);
	ck_assert_uint_eq(c->eip, handler + 1);
	ck_assert_uint_eq(c->r[R_ESP].d, sp);
	if (b->vec == EX_GP)
		ck_assert_uint_eq(rd32(m, sp), 0); /* error code */
	ck_assert_uint_eq(rd32(m, STACK - 12), FAULT_EIP);
	ck_assert_uint_eq(rd32(m, STACK - 8), 0x08);
	ck_assert_uint_eq(rd32(m, STACK - 4), FAULT_EFLAGS);
	ck_assert_uint_eq(c->seg[S_CS].sel, 0x08);
	ck_assert_uint_eq(cpu_get_eflags(c) & (F_IF | F_CF | F_DF), F_CF | F_DF); /* interrupt gate: IF off */
	ck_assert_uint_eq(c->r[R_EAX].d, 0x12345678);
	ck_assert_uint_eq(c->fault_vec, b->vec);
	ck_assert_uint_eq(cpu_icount(c), 4); /* mov, stc, the delivery, the handler's hlt */
	machine_free(m);
}
END_TEST

/* #UD through a not-present gate raises #NP while delivering, which
 * becomes a double fault with error code 0. */
START_TEST(test_double_fault)
{
	static const u8 ud2[] = { 0x0f, 0x0b };
	struct machine *m = boot_fault(ud2, sizeof(ud2), false);
	struct cpu *c = &m->cpu;
	setup_tables(m);
	set_gate(m, EX_DF, HANDLER_DF);
	run_to_halt(m);
	ck_assert_uint_eq(c->eip, HANDLER_DF + 1);
	ck_assert_uint_eq(c->r[R_ESP].d, STACK - 16);
	ck_assert_uint_eq(rd32(m, STACK - 16), 0);
	machine_free(m);
}
END_TEST

/* Without an IDT the fault cannot be delivered, nor can #DF: a triple
 * fault, and with -no-reboot the run ends. */
START_TEST(test_triple_fault_no_reboot)
{
	static const u8 ud2[] = { 0x0f, 0x0b };
	struct machine *m = boot_fault(ud2, sizeof(ud2), true);
	cpu_run(m, &m->cpu, 1000);
	ck_assert_int_eq(m->state, RUN_EXIT);
	ck_assert_int_eq(m->exit_status, 0);
	ck_assert_uint_eq(m->cpu.r[R_EAX].d, 0x12345678);
	machine_free(m);
}
END_TEST

Suite *block_suite(void)
{
	Suite *s = suite_create("block");
	TCase *tc = tcase_create("cache");
	tcase_add_test(tc, test_loop_reuses_blocks);
	tcase_add_test(tc, test_translations_independent_of_iterations);
	tcase_add_test(tc, test_blocks_found_after_epoch_change);
	tcase_add_test(tc, test_flush_then_run);
	tcase_add_test(tc, test_flush_keeps_smc_working);
	suite_add_tcase(s, tc);
	tc = tcase_create("smc");
	tcase_add_test(tc, test_store_invalidates_other_block);
	tcase_add_test(tc, test_store_into_current_block);
	tcase_add_test(tc, test_store_patches_opcode_ahead);
	tcase_add_test(tc, test_data_stores_do_not_invalidate);
	suite_add_tcase(s, tc);
	tc = tcase_create("icount");
	tcase_add_test(tc, test_icount_straight_line);
	tcase_add_loop_test(tc, test_icount_budget_inside_block, 1, N_STRAIGHT + 1);
	tcase_add_test(tc, test_icount_single_steps);
	tcase_add_test(tc, test_icount_budget_in_later_block);
	tcase_add_loop_test(tc, test_rep_interrupted_and_resumed, 0,
			    (int)(sizeof(rep_budgets) / sizeof(rep_budgets[0])));
	tcase_add_test(tc, test_rep_small_steps);
	tcase_add_loop_test(tc, test_rep_then_rest_of_block, 0, (int)(sizeof(rep_rest) / sizeof(rep_rest[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("faults");
	tcase_add_loop_test(tc, test_fault_delivered, 0, (int)(sizeof(bad_insns) / sizeof(bad_insns[0])));
	tcase_add_test(tc, test_double_fault);
	tcase_add_test(tc, test_triple_fault_no_reboot);
	suite_add_tcase(s, tc);
	return s;
}
