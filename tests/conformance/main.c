/* main.c - the SingleStepTests conformance harness.
 *
 *   moo [-vEldh] [-n N] [-t INDEX] [-m METADATA] [PATH...]
 *
 * PATH is a MOO file (.MOO or .MOO.gz) or a directory of them; without one
 * the shared 80286 real-mode set is run. Each file is one instruction form,
 * named after the file ("80.7", "F6.6"). Every test runs through xlat (see
 * harness.c); a test passes when registers, FLAGS under metadata.json's
 * flags-mask, and RAM all match the 286's. A failing test is "excepted"
 * when an entry of the reviewed table in exceptions.c covers it: a known
 * way a 386-class CPU differs from the 286 that recorded the vectors.
 *
 * Output: one line per form, a total, then "N passed, M failed, K skipped"
 * (skipped = excepted or revoked). Exit status 0 when nothing failed, 1 on
 * a failure, 2 on a usage or file error, 3 when a test hangs. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "moo.h"

#ifndef MOO_DEFAULT_DIR
#define MOO_DEFAULT_DIR "../shared/conformance/sst-80286-real-mode/v1_real_mode"
#endif

struct opts {
	unsigned show;      /* failures shown in full per form */
	bool verbose;       /* all failures and every excepted test */
	long only;          /* -t: run just this test index, or -1 */
	const char *meta;   /* metadata.json, NULL: look beside the files */
	bool no_excuses;    /* -E */
	bool trace;         /* -d: name each test on stderr before it runs */
	const char *xfail[16]; /* -X: forms known to fail until an open issue lands */
	unsigned n_xfail;
};

struct tally {
	u64 run, passed, excepted, failed, revoked, xfailed;
};

struct ctx {
	struct opts o;
	struct harness *h;
	struct moo_meta meta;
	struct moo_file file;
	struct tally total;
	u64 *by_excuse;     /* tests each table entry covered */
	bool io_error;
	bool xpass;         /* an -X form passed: its -X must go */
};

/* ---- the watchdog ----
 * A run that never retires an instruction (a fault whose handler faults)
 * does not stop at the instruction limit. Rather than hang `make check`,
 * a timer checks that tests keep completing and names the one that hangs. */
#define WATCHDOG_SECS 10
#define STR_(x) #x
#define STR(x) STR_(x)

static const char *volatile wd_form;
static volatile u32 wd_index;
static volatile sig_atomic_t wd_done, wd_seen;

static void wd_put(const char *s)
{
	ssize_t r = write(2, s, strlen(s));
	(void)r;
}

static void wd_alarm(int sig)
{
	(void)sig;
	if (wd_done != wd_seen) {
		wd_seen = wd_done;
		return;
	}
	char num[12], *p = num + sizeof(num);
	u32 v = wd_index;
	*--p = 0;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	wd_put("moo: no progress for " STR(WATCHDOG_SECS) " s: xlat hangs in test ");
	wd_put(wd_form ? wd_form : "?");
	wd_put(" #");
	wd_put(p);
	wd_put("\n");
	_exit(3);
}

static void wd_start(void)
{
	struct itimerval it = { { WATCHDOG_SECS, 0 }, { WATCHDOG_SECS, 0 } };
	signal(SIGALRM, wd_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- reporting one test ---- */
static void print_bytes(const u8 *p, u32 n)
{
	for (u32 i = 0; i < n; i++)
		printf(" %02x", p[i]);
}

static void print_reg(const struct diff *d, unsigned r)
{
	printf("    %-5s want %04x got %04x", moo_reg_name[r], d->want[r], d->got[r]);
	if (r == MR_FLAGS)
		printf("  (mask %04x, differ %04x)", d->flags_mask,
		       (unsigned)((d->want[r] ^ d->got[r]) & d->flags_mask));
	if (d->wide >> r & 1)
		printf("  (full value %08x%s)", d->got_hi[r], r >= MR_CS && r <= MR_ES ? ", bad base" : "");
	printf("\n");
}

static void print_test(const char *form, const struct moo_test *t, const struct diff *d, const char *verdict)
{
	printf("%s %s #%u: %.*s  bytes", verdict, form, t->index, (int)t->name_len, t->name);
	print_bytes(t->bytes, t->n_bytes);
	if (t->has_excp)
		printf("  (286: int %u, FLAGS pushed at %05x)", t->excp_vec, t->excp_addr);
	printf("\n    init:");
	for (unsigned r = 0; r < MR_N; r++)
		printf(" %s=%04x", moo_reg_name[r], t->init.reg[r]);
	printf("\n");
	if (d->bad_addr)
		printf("    the test names memory outside guest RAM\n");
	if (d->trap_vec >= 0)
		printf("    xlat took int %d, which the test leaves unset (stopped at its trap)\n", d->trap_vec);
	if (d->no_hlt)
		printf("    did not stop at a HLT (cs:ip %04x:%04x)\n", d->got[MR_CS], d->got_hi[MR_IP]);
	for (unsigned r = 0; r < MR_N; r++)
		if ((d->regs | d->wide) >> r & 1)
			print_reg(d, r);
	for (u32 i = 0; i < d->n_ram && i < DIFF_SHOW; i++)
		printf("    ram %06x want %02x got %02x\n", d->ram[i].addr, d->ram[i].want, d->ram[i].got);
	if (d->n_ram > DIFF_SHOW)
		printf("    ... %u RAM bytes differ in all\n", d->n_ram);
}

/* ---- running files ---- */
static bool is_xfail(const struct ctx *x, const char *form)
{
	for (unsigned i = 0; i < x->o.n_xfail; i++)
		if (!strcmp(form, x->o.xfail[i]))
			return true;
	return false;
}

static void run_test(struct ctx *x, const char *form, const struct moo_test *t, struct tally *f)
{
	struct diff d;
	if (meta_revoked(&x->meta, t->hash)) {
		f->revoked++;
		return;
	}
	u16 mask = meta_flags_mask(&x->meta, t);
	if (x->o.trace)
		fprintf(stderr, "%s #%u\n", form, t->index);
	wd_form = form;
	wd_index = t->index;
	wd_done++;
	f->run++;
	harness_run(x->h, t, mask, NULL, 0, &d);
	if (diff_none(&d)) {
		f->passed++;
		return;
	}
	const struct excuse *e = x->o.no_excuses ? NULL : excuse_find(x->h, form, t, mask, &d);
	if (e) {
		f->excepted++;
		x->by_excuse[excuse_index(e)]++;
		if (x->o.verbose) {
			harness_run(x->h, t, mask, NULL, 0, &d); /* the check may have re-run it */
			print_test(form, t, &d, "EXCEPTED");
			printf("    covered by '%s'\n", excuse_name(e));
		}
		return;
	}
	f->failed++;
	if (x->o.verbose || (f->failed <= x->o.show && !is_xfail(x, form))) {
		harness_run(x->h, t, mask, NULL, 0, &d);
		print_test(form, t, &d, "FAIL");
	}
}

static void add_tally(struct tally *a, const struct tally *b)
{
	a->run += b->run;
	a->passed += b->passed;
	a->excepted += b->excepted;
	a->failed += b->failed;
	a->revoked += b->revoked;
	a->xfailed += b->xfailed;
}

static void print_form(const char *form, const struct tally *f)
{
	printf("%-8s %7llu %7llu %8llu %7llu%s\n", form, (unsigned long long)f->run,
	       (unsigned long long)f->passed, (unsigned long long)f->excepted,
	       (unsigned long long)f->failed, f->failed ? "  FAIL" : "");
	if (f->revoked)
		printf("%-8s (%llu revoked tests not run)\n", "", (unsigned long long)f->revoked);
}

/* "dir/80.7.MOO.gz" -> "80.7" */
static void form_of(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(out, n, "%s", base);
	for (const char *suf = ".gz\0.MOO\0"; *suf; suf += strlen(suf) + 1) {
		size_t l = strlen(out), s = strlen(suf);
		if (l > s && !strcasecmp(out + l - s, suf))
			out[l - s] = 0;
	}
}

/* -X FORM: the form's failures are expected (an open issue will fix them)
 * and reported as XFAIL; should the form pass in full, that is an error
 * (XPASS), so the -X is removed as soon as it is not needed. */
static void xfail_apply(struct ctx *x, const char *form, struct tally *f)
{
	for (unsigned i = 0; i < x->o.n_xfail; i++) {
		if (strcmp(form, x->o.xfail[i]))
			continue;
		if (!f->failed) {
			printf("XPASS %s: it passes now, drop its -X\n", form);
			x->xpass = true;
		} else {
			printf("XFAIL %s: %llu known failures (-X)\n", form, (unsigned long long)f->failed);
		}
		f->xfailed = f->failed;
		f->failed = 0;
	}
}

static void run_file(struct ctx *x, const char *path)
{
	char err[512], form[64];
	struct moo_test t;
	struct tally f = { 0 };
	int r;
	form_of(path, form, sizeof(form));
	if (moo_open(&x->file, path, err, sizeof(err))) {
		fprintf(stderr, "moo: %s\n", err);
		x->io_error = true;
		return;
	}
	while ((r = moo_next(&x->file, &t, err, sizeof(err))) > 0)
		if (x->o.only < 0 || t.index == (u32)x->o.only)
			run_test(x, form, &t, &f);
	if (r < 0) {
		fprintf(stderr, "moo: %s: %s\n", path, err);
		x->io_error = true;
	}
	xfail_apply(x, form, &f);
	print_form(form, &f);
	add_tally(&x->total, &f);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_moo_name(const char *n)
{
	size_t l = strlen(n);
	return (l > 7 && !strcasecmp(n + l - 7, ".MOO.gz")) || (l > 4 && !strcasecmp(n + l - 4, ".MOO"));
}

/* A directory's MOO files, in name order. */
static void run_dir(struct ctx *x, const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	if (!d) {
		fprintf(stderr, "moo: %s: cannot open directory\n", dir);
		x->io_error = true;
		return;
	}
	while ((e = readdir(d))) {
		char **nn = is_moo_name(e->d_name) ? realloc(names, (n + 1) * sizeof(*names)) : NULL;
		if (nn && (nn[n] = malloc(strlen(dir) + strlen(e->d_name) + 2))) {
			sprintf(nn[n], "%s/%s", dir, e->d_name);
			n++;
		}
		if (nn)
			names = nn;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		run_file(x, names[i]);
		free(names[i]);
	}
	free(names);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* ---- metadata beside the vectors ---- */
static bool exists(const char *path) { return access(path, R_OK) == 0; }

/* metadata.json in the directory named, the one holding the file named,
 * or the parent of either (the shared layout: set/metadata.json, set/v1/). */
static void find_meta_dir(const char *path, char *out, size_t n)
{
	char dir[4096], try[4200];
	snprintf(dir, sizeof(dir), "%s", path);
	if (!is_dir(dir)) {
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = 0;
		else
			snprintf(dir, sizeof(dir), ".");
	}
	snprintf(try, sizeof(try), "%s/metadata.json", dir);
	if (exists(try)) {
		snprintf(out, n, "%s", dir);
		return;
	}
	snprintf(out, n, "%s/..", dir);
}

static int load_meta(struct ctx *x, const char *first_path)
{
	char dir[4200], path[4300], err[512];
	meta_init(&x->meta);
	find_meta_dir(first_path, dir, sizeof(dir));
	if (x->o.meta) {
		if (meta_load(&x->meta, x->o.meta, err, sizeof(err))) {
			fprintf(stderr, "moo: %s\n", err);
			return -1;
		}
	} else {
		snprintf(path, sizeof(path), "%s/metadata.json", dir);
		if (!exists(path))
			fprintf(stderr, "moo: no metadata.json beside %s: FLAGS compared in full\n", first_path);
		else if (meta_load(&x->meta, path, err, sizeof(err))) {
			fprintf(stderr, "moo: %s\n", err);
			return -1;
		}
	}
	snprintf(path, sizeof(path), "%s/revocation_list.txt", dir);
	if (exists(path) && meta_load_revocations(&x->meta, path, err, sizeof(err))) {
		fprintf(stderr, "moo: %s\n", err);
		return -1;
	}
	return 0;
}

/* ---- options and the summary ---- */
static void usage(void)
{
	fprintf(stderr, "usage: moo [-vEldh] [-n N] [-t INDEX] [-m METADATA] [PATH...]\n"
			"  PATH  MOO files (.MOO, .MOO.gz) or directories of them\n"
			"        (default %s)\n"
			"  -n N  show the first N failures of each form in full (default 3)\n"
			"  -v    show every failure, and every excepted test with its entry\n"
			"  -t I  run only the tests with index I\n"
			"  -m F  metadata.json with the flags masks (default: beside the files)\n"
			"  -E    ignore the exception table: every difference fails\n"
			"  -X F  form F is known to fail until an open issue lands: its failures\n"
			"        are reported as XFAIL; if it passes, that fails the run (XPASS)\n"
			"  -l    list the exception table and exit\n"
			"  -d    name each test on stderr before running it (to find a hang)\n",
		MOO_DEFAULT_DIR);
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	int ch;
	*o = (struct opts){ .show = 3, .only = -1 };
	while ((ch = getopt(argc, argv, "vn:t:m:X:Eldh")) != -1) {
		switch (ch) {
		case 'v': o->verbose = true; break;
		case 'n': o->show = (unsigned)strtoul(optarg, NULL, 0); break;
		case 't': o->only = strtol(optarg, NULL, 0); break;
		case 'm': o->meta = optarg; break;
		case 'E': o->no_excuses = true; break;
		case 'X':
			if (o->n_xfail == sizeof(o->xfail) / sizeof(o->xfail[0]))
				return -1;
			o->xfail[o->n_xfail++] = optarg;
			break;
		case 'd': o->trace = true; break;
		case 'l': return 1;
		case 'h': usage(); return 2;
		default: usage(); return -1;
		}
	}
	return 0;
}

static void list_excuses(void)
{
	for (unsigned i = 0; i < excuse_count(); i++) {
		const struct excuse *e = excuse_at(i);
		printf("%s (forms: %s)\n    %s\n", excuse_name(e), excuse_forms(e), excuse_reason(e));
	}
}

static void print_summary(struct ctx *x, double secs)
{
	const struct tally *t = &x->total;
	double run = t->run ? (double)t->run : 1.0;
	printf("%-8s %7llu %7llu %8llu %7llu   (%.3f%% passed, %.3f%% with the excepted; %.1f s)\n",
	       "total", (unsigned long long)t->run, (unsigned long long)t->passed,
	       (unsigned long long)t->excepted, (unsigned long long)t->failed, 100.0 * (double)t->passed / run,
	       100.0 * (double)(t->passed + t->excepted) / run, secs);
	for (unsigned i = 0; i < excuse_count(); i++)
		if (x->by_excuse[i])
			printf("excepted %7llu  %s\n", (unsigned long long)x->by_excuse[i],
			       excuse_name(excuse_at(i)));
	if (t->xfailed)
		printf("xfail    %7llu  known failures of -X forms\n", (unsigned long long)t->xfailed);
	printf("%llu passed, %llu failed", (unsigned long long)t->passed, (unsigned long long)t->failed);
	if (t->excepted + t->revoked + t->xfailed)
		printf(", %llu skipped", (unsigned long long)(t->excepted + t->revoked + t->xfailed));
	printf("\n");
}

int main(int argc, char **argv)
{
	static struct ctx x;
	char err[512];
	int r = parse_opts(argc, argv, &x.o);
	if (r) {
		if (r == 1)
			list_excuses();
		return r > 0 ? 0 : 2;
	}
	char *def[] = { MOO_DEFAULT_DIR };
	char **paths = optind < argc ? argv + optind : def;
	int n = optind < argc ? argc - optind : 1;
	if (load_meta(&x, paths[0]))
		return 2;
	x.by_excuse = calloc(excuse_count() + 1, sizeof(*x.by_excuse));
	if (!x.by_excuse || !(x.h = harness_new(err, sizeof(err)))) {
		fprintf(stderr, "moo: %s\n", x.by_excuse ? err : "out of memory");
		return 2;
	}
	struct timespec t0, t1;
	setvbuf(stdout, NULL, _IOLBF, 0); /* lines out as they come, should the watchdog fire */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	wd_start();
	printf("%-8s %7s %7s %8s %7s\n", "form", "run", "passed", "excepted", "failed");
	for (int i = 0; i < n; i++) {
		if (is_dir(paths[i]))
			run_dir(&x, paths[i]);
		else
			run_file(&x, paths[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_summary(&x, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	harness_free(x.h);
	moo_free(&x.file);
	meta_free(&x.meta);
	free(x.by_excuse);
	return x.io_error ? 2 : (x.total.failed || x.xpass) ? 1 : 0;
}
