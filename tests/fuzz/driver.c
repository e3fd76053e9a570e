/* driver.c - a main() for the fuzz targets without libFuzzer, so the saved
 * corpora run as regression tests with the normal compiler and library.
 *
 *   fuzz_x-regress FILE|DIR...
 *
 * Runs LLVMFuzzerTestOneInput once on every file named and on every
 * regular file directly inside every directory named. A failing input
 * aborts or crashes inside the target; a signal handler then names it. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "xlat/types.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define DRIVER_MAX_INPUT (64u << 20)

static char current[4096]; /* the input being run, for the signal handler */

static void on_fatal(int sig)
{
	static const char msg[] = "fuzz driver: failing input: ";
	if (write(2, msg, sizeof(msg) - 1) < 0 || write(2, current, strlen(current)) < 0 ||
	    write(2, "\n", 1) < 0) {
		/* nothing more can be done from a signal handler */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Read the whole file into a buffer of exactly its size, so sanitizers
 * catch a target reading past the end of its input. */
static u8 *slurp(const char *path, size_t *n)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) || st.st_size > DRIVER_MAX_INPUT) {
		fprintf(stderr, "%s: cannot read (or larger than %u bytes)\n", path, DRIVER_MAX_INPUT);
		if (f)
			fclose(f);
		return NULL;
	}
	*n = (size_t)st.st_size;
	u8 *buf = malloc(*n ? *n : 1);
	if (buf && fread(buf, 1, *n, f) != *n) {
		free(buf);
		buf = NULL;
		fprintf(stderr, "%s: short read\n", path);
	}
	fclose(f);
	return buf;
}

static int run_file(const char *path)
{
	size_t n;
	u8 *buf = slurp(path, &n);
	if (!buf)
		return -1;
	snprintf(current, sizeof(current), "%s", path);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

static int run_dir(const char *dir, unsigned *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	for (struct dirent *e; (e = readdir(d));) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (run_file(path))
			rc = -1;
		else
			(*count)++;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int rc = 0;
	signal(SIGABRT, on_fatal);
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGFPE, on_fatal);
	signal(SIGILL, on_fatal);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st)) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			rc |= run_dir(argv[i], &count) ? 1 : 0;
		} else if (run_file(argv[i])) {
			rc = 1;
		} else {
			count++;
		}
	}
	printf("%s: %u inputs ran\n", argv[0], count);
	return rc;
}
