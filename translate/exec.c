/* exec.c - the tier-1 dispatcher (DESIGN 5 and 8).
 *
 * cpu_run() gives the CPU a budget of instructions and runs blocks until
 * it is spent. Each block costs one budget check at entry; a block longer
 * than what is left runs with a stop planted past the budget, so that
 * deadlines land on an exact instruction. Exits follow chain links (validated by the
 * cache epoch) or the per-CPU lookup cache keyed by EIP.
 *
 * Instruction count: icount = icount_target - budget. The budget is charged
 * after each block for the instructions that retired, so inside a block
 * the count of the current instruction is icount + its index. Faults
 * longjmp back to cpu_run(), which charges the instructions before the
 * faulting one, rewinds EIP to it and delivers the exception. */
#include "xlat/machine.h"
#include "cpu/ops/ops.h"

#define SLICE 1000000

u64 cpu_icount(const struct cpu *c)
{
	return c->icount_target - (u64)c->budget;
}

u64 cpu_icount_now(const struct cpu *c)
{
	u64 n = cpu_icount(c);
	if (c->cur && c->cur_block)
		n += (u64)(c->cur - c->cur_block->insn);
	return n;
}

/* Make the dispatcher return at the next block boundary; icount unchanged. */
void cpu_request_stop(struct cpu *c)
{
	c->icount_target -= (u64)c->budget;
	c->budget = 0;
}

void cpu_halt(struct cpu *c)
{
	c->halted = true;
	cpu_request_stop(c);
}

static struct block *jc_lookup(struct machine *m, struct cpu *c)
{
	u32 eip = c->eip;
	struct jc_entry *j = &c->jc[(eip ^ (eip >> JC_BITS)) & (JC_SIZE - 1)];
	if (likely(j->eip == eip && j->epoch == m->bc.epoch && j->b->cs_base == c->seg[S_CS].base))
		return j->b;
	c->cur = NULL; /* a fault while translating belongs to the block start */
	struct block *b = bc_find(m, c);
	j->eip = eip;
	j->epoch = m->bc.epoch;
	j->b = b;
	return b;
}

static void log_exec(struct machine *m, struct cpu *c)
{
	if (m->log.mask & LOG_CPU)
		log_printf(&m->log, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n"
			   "EIP=%08x EFL=%08x CS=%04x SS=%04x DS=%04x ES=%04x CR0=%08x\n",
			   c->r[0].d, c->r[3].d, c->r[1].d, c->r[2].d, c->r[6].d, c->r[7].d, c->r[5].d,
			   c->r[4].d, c->eip, cpu_get_eflags(c), c->seg[S_CS].sel, c->seg[S_SS].sel,
			   c->seg[S_DS].sel, c->seg[S_ES].sel, c->cr0);
	if (m->log.mask & LOG_EXEC)
		log_printf(&m->log, "Trace %04x:%08x icount=%llu\n", c->seg[S_CS].sel, c->eip,
			   (unsigned long long)cpu_icount(c));
}

static inline unsigned retired(const struct cpu *c, const struct block *b)
{
	unsigned done = (unsigned)(c->cur - b->insn) + 1;
	return done > b->n_insn ? b->n_insn : done;
}

static inline void run_block(struct cpu *c, struct block *b)
{
	c->cur_block = b;
	c->cur = b->insn;
	b->insn[0].fn(c, b->insn);
	c->budget -= retired(c, b);
}

/* A block longer than the budget runs only that many instructions: a stop
 * is planted on the first one past the budget for this one run. */
static void run_partial(struct cpu *c, struct block *b)
{
	struct insn *stop = &b->insn[c->budget];
	insn_fn saved = stop->fn;
	stop->fn = bc_stop_here;
	run_block(c, b);
	if (stop->fn == bc_stop_here)
		stop->fn = saved;
}

/* RET: the entry CALL pushed names the caller block, whose ret_link is
 * where this return went last time. A stale entry (the cache epoch moved
 * since the CALL, so the caller may be gone) is not trusted. */
static struct block *ras_follow(struct machine *m, struct cpu *c)
{
	struct ras_entry *e = &c->ras[--c->ras_top % RAS_SIZE];
	bool live = e->eip == c->eip && e->caller && e->epoch == m->bc.epoch;
	if (live && e->caller->ret_link && e->caller->ret_epoch == m->bc.epoch &&
	    e->caller->ret_link->eip == c->eip) {
		c->stats.ras_hits++;
		return e->caller->ret_link;
	}
	c->stats.ras_misses++;
	struct block *b = jc_lookup(m, c);
	if (live && e->epoch == m->bc.epoch) {
		e->caller->ret_link = b;
		e->caller->ret_epoch = m->bc.epoch;
	}
	e->caller = NULL;
	return b;
}

static void run_blocks(struct machine *m, struct cpu *c)
{
	struct block *prev = NULL;
	u64 flushes = m->bc.n_flushes;
	while (likely(c->budget > 0)) {
		struct block *b = NULL;
		unsigned slot = c->exit_slot;
		if (prev && slot < BLOCK_MAX_EXITS) {
			struct block *l = prev->link[slot];
			if (l && prev->link_epoch[slot] == m->bc.epoch && l->eip == c->eip)
				b = l;
		} else if (slot == EXIT_RET) {
			b = ras_follow(m, c);
			prev = NULL;
		}
		if (!b) {
			b = jc_lookup(m, c);
			if (unlikely(m->bc.n_flushes != flushes)) {
				flushes = m->bc.n_flushes;
				prev = NULL;
			}
			if (prev && slot < BLOCK_MAX_EXITS) {
				prev->link[slot] = b;
				prev->link_epoch[slot] = m->bc.epoch;
			}
		}
		if (unlikely(m->log.mask & (LOG_EXEC | LOG_CPU)))
			log_exec(m, c);
		if (unlikely(b->n_insn > c->budget))
			run_partial(c, b);
		else
			run_block(c, b);
		prev = b;
	}
	c->cur = NULL;
}

static bool vec_has_error_code(unsigned vec)
{
	return vec == EX_DF || (vec >= EX_TS && vec <= EX_PF) || vec == 17;
}

static void triple_fault(struct machine *m, struct cpu *c)
{
	XLOG(&m->log, LOG_GUEST_ERRORS, "triple fault at %04x:%08x (last exception %u)%s\n",
	     c->seg[S_CS].sel, c->eip, c->fault_vec, m->opts.no_reboot ? ", stopping" : ", resetting");
	c->delivering = 0;
	machine_request_reset(m);
}

/* After a longjmp from cpu_fault(): rewind to the faulting instruction and
 * deliver, escalating to #DF and then to a triple fault. */
static void handle_fault(struct machine *m, struct cpu *c)
{
	if (c->cur) {
		struct block *b = c->cur_block;
		c->budget -= c->cur - b->insn;
		c->eip = c->cur->eip;
		c->cur = NULL;
	}
	unsigned vec = c->fault_vec;
	u32 err = c->fault_err;
	c->stats.faults++;
	XLOG(&m->log, LOG_GUEST_ERRORS | LOG_INT, "fault %u (err 0x%x) at %04x:%08x\n", vec, err,
	     c->seg[S_CS].sel, c->eip);
	if (c->delivering == 2) {
		triple_fault(m, c);
		return;
	}
	if (c->delivering == 1) {
		vec = EX_DF;
		err = 0;
	}
	c->delivering = vec == EX_DF ? 2 : 1;
	cpu_deliver(c, vec, vec_has_error_code(vec), err, c->eip, false);
	c->delivering = 0;
	/* a delivery counts as an instruction, so a guest that does nothing but
	 * fault still moves time forward and reaches any instruction limit */
	c->budget--;
}

static void handle_halt(struct machine *m, struct cpu *c)
{
	/* No interrupt source exists yet (the PIC and PIT come later), so a
	 * halted CPU never wakes: the run ends, as "cli; hlt" intends. */
	XLOG(&m->log, LOG_GUEST_ERRORS, "hlt at %08x with IF=%u: ending the run\n", c->eip,
	     (c->eflags & F_IF) ? 1 : 0);
	machine_request_exit(m, 0);
}

/* EFLAGS.TF: run one instruction, then a debug trap with EIP after it
 * (SDM Vol. 3B, 18.3.1.4). An instruction that faults traps no further. */
static void single_step(struct machine *m, struct cpu *c)
{
	c->icount_target = cpu_icount(c) + 1;
	c->budget = 1;
	run_blocks(m, c);
	if (m->state != RUN_RUNNING)
		return;
	c->dr[6] |= 0x4000; /* BS */
	cpu_deliver(c, EX_DB, false, 0, c->eip, false);
}

void cpu_run(struct machine *m, struct cpu *c, u64 max_insns)
{
	while (m->state == RUN_RUNNING) {
		s64 slice = SLICE;
		u64 now = cpu_icount(c);
		if (max_insns) {
			if (now >= max_insns)
				return;
			if ((u64)slice > max_insns - now)
				slice = (s64)(max_insns - now);
		}
		c->budget = slice;
		c->icount_target = now + (u64)slice;
		if (setjmp(c->fault_jmp)) {
			handle_fault(m, c);
			continue;
		}
		if (c->halted) {
			handle_halt(m, c);
			continue;
		}
		if (unlikely(c->eflags & F_TF)) {
			single_step(m, c);
			continue;
		}
		run_blocks(m, c);
	}
}
