/* orc_common.h - what the two oracles' 64-bit drivers share
 * (tests/oracle/oracle.c and tests/fporacle/fporacle.c): the native child
 * process and its pipes, the windowed run that feeds it, option numbers,
 * timing, and the generators' random streams. */
#ifndef XLAT_TESTS_ORC_COMMON_H
#define XLAT_TESTS_ORC_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

extern const char *const orc_reg_name[8]; /* encoding order, "eax".."edi" */

/* ---- random streams (splitmix64: small, fast, good enough) ---- */
static inline uint64_t orc_next64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* The stream of case index in the run with this seed. */
static inline uint64_t orc_seed(uint64_t seed, uint64_t index)
{
	uint64_t s = seed * 0xd1342543de82ef95ull + index;
	return orc_next64(&s) ^ index; /* decorrelate neighbouring seeds and indices */
}

static inline uint32_t orc_rnd32(uint64_t *s) { return (uint32_t)(orc_next64(s) >> 32); }
static inline uint32_t orc_below(uint64_t *s, uint32_t n) { return (uint32_t)(((orc_next64(s) >> 32) * n) >> 32); }

/* ---- the native child ---- */
struct orc_child {
	const char *prog; /* the driver's name, for messages */
	pid_t pid;
	int to, from;
};

/* Start the runner at path with pipes on its stdin and stdout; -1 (with a
 * message) when that fails. */
int orc_start(struct orc_child *ch, const char *prog, const char *path);
/* Close its input and wait for it; -1 (with a message) when the run (rc)
 * or the runner failed. */
int orc_stop(struct orc_child *ch, int rc);

/* The windowed run: case index (or, index < 0, cases 0..count-1) go to the
 * child as they are made, at most window in flight, few enough that
 * neither pipe can fill, so the two processes never wait on each other.
 * Each case has a slot of slot_size bytes until its answer is in: send()
 * makes case index in the slot, runs it in xlat and returns the record to
 * send (in_size bytes); check() gets the slot and the child's answer
 * (out_size bytes), in order. */
struct orc_pump {
	void *ctx;
	unsigned window;
	size_t slot_size, in_size, out_size;
	const void *(*send)(void *ctx, void *slot, uint64_t index);
	void (*check)(void *ctx, const void *slot, const void *native_out);
};
int orc_pump_run(struct orc_child *ch, const struct orc_pump *p, int64_t index, uint64_t count);

/* ---- options and time ---- */
uint64_t orc_num(const char *s, void (*usage)(void)); /* strtoull(s, 0), usage() on junk */
double orc_now(void);                                  /* monotonic seconds */

#endif
