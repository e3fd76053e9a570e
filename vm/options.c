/* options.c - parse the command line (QEMU's option names and syntax). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"

void options_usage(FILE *f)
{
	fprintf(f,
		"usage: xlat [options]\n"
		"xlat " XLAT_VERSION " - a full-system x86 PC emulator\n\n"
		"  -m SIZE              guest RAM in MiB (suffix M or G allowed; %u..%u MiB, default 128)\n"
		"  -kernel FILE         boot a Multiboot v1 ELF kernel\n"
		"  -append CMDLINE      kernel command line\n"
		"  -bios FILE           firmware ROM (64 KiB..2 MiB); without -kernel the CPU\n"
		"                       starts at its reset vector\n"
		"  -serial DEV          COM1: stdio, file:PATH or none (default stdio)\n"
		"  -debugcon DEV        port 0xE9 console: stdio, file:PATH or none (default none)\n"
		"  -nographic           no window; serial on stdio\n"
		"  -display none        no window\n"
		"  -no-reboot           stop instead of resetting on a triple fault\n"
		"  -device isa-debug-exit[,iobase=N][,iosize=N]\n"
		"                       a port whose write of V exits with status (V << 1) | 1\n"
		"  -d ITEM[,ITEM...]    log items (-d help lists them)\n"
		"  -D FILE              write the log to FILE instead of stderr\n"
		"  -icount-limit N      stop after N guest instructions (tests)\n"
		"  -version             print the version and exit\n"
		"  -h, -help            print this help and exit\n",
		RAM_MIN_MB, RAM_MAX_MB);
}

static int parse_u64(const char *s, u64 *v)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-')
		return -1;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

static int parse_ram(const char *s, u32 *mb, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	unsigned long long v = (*s >= '0' && *s <= '9') ? strtoull(s, &end, 10) : 0;
	if (!(*s >= '0' && *s <= '9') || errno) {
		snprintf(err, errlen, "-m: '%s' is not a size", s);
		return -1;
	}
	if (*end == 'G' || *end == 'g') {
		v = v > (1ull << 40) ? ~0ull : v * 1024;
		end++;
	} else if (*end == 'M' || *end == 'm') {
		end++;
	}
	if (*end) {
		snprintf(err, errlen, "-m: '%s' is not a size", s);
		return -1;
	}
	if (v < RAM_MIN_MB || v > RAM_MAX_MB) {
		snprintf(err, errlen, "-m: %s is out of range (%u..%u MiB)", s, RAM_MIN_MB, RAM_MAX_MB);
		return -1;
	}
	*mb = (u32)v;
	return 0;
}

static int parse_chardev(const char *opt, const char *s, enum serial_mode *mode, const char **path,
			 char *err, size_t errlen)
{
	if (!strcmp(s, "stdio")) {
		*mode = SERIAL_STDIO;
	} else if (!strcmp(s, "none") || !strcmp(s, "null")) {
		*mode = SERIAL_NONE;
	} else if (!strncmp(s, "file:", 5) && s[5]) {
		*mode = SERIAL_FILE;
		*path = s + 5;
	} else {
		snprintf(err, errlen, "%s: '%s' is not stdio, file:PATH or none", opt, s);
		return -1;
	}
	return 0;
}

static int parse_device(const char *s, struct machine_opts *o, char *err, size_t errlen)
{
	const char *name = "isa-debug-exit";
	size_t n = strlen(name);
	if (strncmp(s, name, n) || (s[n] && s[n] != ',')) {
		snprintf(err, errlen, "-device: unknown device '%.*s'", (int)strcspn(s, ","), s);
		return -1;
	}
	o->debug_exit = true;
	o->debug_exit_base = 0x501; /* QEMU's defaults */
	o->debug_exit_size = 2;
	for (const char *p = s + n; *p == ',';) {
		p++;
		size_t len = strcspn(p, ",");
		char item[64];
		if (len >= sizeof(item)) {
			snprintf(err, errlen, "-device: property too long");
			return -1;
		}
		memcpy(item, p, len);
		item[len] = 0;
		p += len;
		u64 v;
		char *eq = strchr(item, '=');
		if (!eq || parse_u64(eq + 1, &v)) {
			snprintf(err, errlen, "-device isa-debug-exit: bad property '%s'", item);
			return -1;
		}
		*eq = 0;
		if (!strcmp(item, "iobase") && v <= 0xffff)
			o->debug_exit_base = (u16)v;
		else if (!strcmp(item, "iosize") && v >= 1 && v <= 4)
			o->debug_exit_size = (u16)v;
		else {
			snprintf(err, errlen, "-device isa-debug-exit: bad property '%s=%s'", item, eq + 1);
			return -1;
		}
	}
	if (o->debug_exit_base + o->debug_exit_size > 0x10000) {
		snprintf(err, errlen, "-device isa-debug-exit: ports beyond 0xffff");
		return -1;
	}
	return 0;
}

int options_parse(int argc, char **argv, struct machine_opts *o, enum opt_action *act, char *err, size_t errlen)
{
	*o = (struct machine_opts){ .ram_mb = 128, .serial = SERIAL_STDIO, .debugcon = SERIAL_NONE };
	*act = OPT_RUN;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] == '-')
			a++; /* QEMU accepts --opt as -opt */
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG                                                                       \
	do {                                                                           \
		if (!v) {                                                              \
			snprintf(err, errlen, "%s: option needs an argument", a);      \
			return -1;                                                     \
		}                                                                      \
		i++;                                                                   \
	} while (0)
		if (!strcmp(a, "-h") || !strcmp(a, "-help")) {
			*act = OPT_HELP;
			return 0;
		} else if (!strcmp(a, "-version")) {
			*act = OPT_VERSION;
			return 0;
		} else if (!strcmp(a, "-m")) {
			NEED_ARG;
			if (parse_ram(v, &o->ram_mb, err, errlen))
				return -1;
		} else if (!strcmp(a, "-kernel")) {
			NEED_ARG;
			o->kernel = v;
		} else if (!strcmp(a, "-bios")) {
			NEED_ARG;
			o->bios = v;
		} else if (!strcmp(a, "-append")) {
			NEED_ARG;
			o->append = v;
		} else if (!strcmp(a, "-serial")) {
			NEED_ARG;
			if (parse_chardev("-serial", v, &o->serial, &o->serial_path, err, errlen))
				return -1;
		} else if (!strcmp(a, "-debugcon")) {
			NEED_ARG;
			if (parse_chardev("-debugcon", v, &o->debugcon, &o->debugcon_path, err, errlen))
				return -1;
		} else if (!strcmp(a, "-nographic")) {
			/* no window exists yet; serial is on stdio unless -serial says otherwise */
		} else if (!strcmp(a, "-display")) {
			NEED_ARG;
			if (strcmp(v, "none")) {
				snprintf(err, errlen, "-display: '%s' is not available (only 'none' so far)", v);
				return -1;
			}
		} else if (!strcmp(a, "-no-reboot")) {
			o->no_reboot = true;
		} else if (!strcmp(a, "-device")) {
			NEED_ARG;
			if (parse_device(v, o, err, errlen))
				return -1;
		} else if (!strcmp(a, "-d")) {
			NEED_ARG;
			if (!strcmp(v, "help")) {
				*act = OPT_LOG_HELP;
				return 0;
			}
			if (log_parse_mask(v, &o->log_mask, err, errlen))
				return -1;
		} else if (!strcmp(a, "-D")) {
			NEED_ARG;
			o->log_file = v;
		} else if (!strcmp(a, "-icount-limit")) {
			NEED_ARG;
			if (parse_u64(v, &o->max_insns) || !o->max_insns) {
				snprintf(err, errlen, "-icount-limit: '%s' is not a positive count", v);
				return -1;
			}
		} else {
			snprintf(err, errlen, "%s: invalid option", argv[i]);
			return -1;
		}
#undef NEED_ARG
	}
	if (!o->kernel && !o->bios) {
		snprintf(err, errlen, "no guest given: use -kernel FILE or -bios FILE");
		return -1;
	}
	return 0;
}
