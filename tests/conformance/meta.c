/* meta.c - the per-form metadata: flags-mask from metadata.json and the
 * revoked test hashes from revocation_list.txt.
 *
 * metadata.json is read with a small recursive-descent JSON reader that
 * keeps only the object keys on the path to each value. A mask sits at
 * opcodes.XX.flags-mask or, for group opcodes, opcodes.XX.reg.N.flags-mask;
 * everything else is parsed and dropped. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "moo.h"

#define JSON_DEPTH 5 /* the keys kept: opcodes, XX, reg, N, flags-mask */
#define KEY_MAX 24

struct json {
	const char *p, *end;
	char key[JSON_DEPTH][KEY_MAX];
	struct moo_meta *m;
};

void meta_init(struct moo_meta *m)
{
	memset(m, 0, sizeof(*m));
	for (unsigned op = 0; op < 0x200; op++)
		for (unsigned r = 0; r < 9; r++)
			m->mask[op][r] = 0xffff;
}

void meta_free(struct moo_meta *m)
{
	free(m->revoked);
	m->revoked = NULL;
	m->n_revoked = 0;
}

static void skip_ws(struct json *j)
{
	while (j->p < j->end && isspace((unsigned char)*j->p))
		j->p++;
}

/* A string; escapes are kept verbatim (no key we need has any). */
static bool json_string(struct json *j, char *out, size_t n)
{
	size_t k = 0;
	if (j->p >= j->end || *j->p != '"')
		return false;
	for (j->p++; j->p < j->end && *j->p != '"'; j->p++) {
		if (*j->p == '\\' && j->p + 1 < j->end)
			j->p++;
		if (out && k + 1 < n)
			out[k++] = *j->p;
	}
	if (out)
		out[k] = 0;
	if (j->p >= j->end)
		return false;
	j->p++;
	return true;
}

/* "80" -> 0x80, "0F01" -> 0x101; -1 for anything else. */
static int opcode_key(const char *s)
{
	char *e;
	long v = strtol(s, &e, 16);
	size_t n = strlen(s);
	if (*e || (n != 2 && n != 4) || v < 0)
		return -1;
	if (n == 4)
		return (v >> 8) == 0x0f ? (int)(0x100 | (v & 0xff)) : -1;
	return (int)v;
}

/* A number at depth: store it when its path names a flags mask. */
static void json_number_at(struct json *j, int depth, long v)
{
	int op, reg = 8;
	if (strcmp(j->key[depth - 1], "flags-mask") || strcmp(j->key[0], "opcodes"))
		return;
	if (depth == 3) {
		op = opcode_key(j->key[1]);
	} else if (depth == 5 && !strcmp(j->key[2], "reg") && strlen(j->key[3]) == 1 &&
		   j->key[3][0] >= '0' && j->key[3][0] <= '7') {
		op = opcode_key(j->key[1]);
		reg = j->key[3][0] - '0';
	} else {
		return;
	}
	if (op >= 0)
		j->m->mask[op][reg] = (u16)v;
}

static bool json_value(struct json *j, int depth);

static bool json_object(struct json *j, int depth)
{
	j->p++; /* '{' */
	skip_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return true;
	}
	for (;;) {
		char tmp[KEY_MAX];
		char *key = depth < JSON_DEPTH ? j->key[depth] : tmp;
		skip_ws(j);
		if (!json_string(j, key, KEY_MAX))
			return false;
		skip_ws(j);
		if (j->p >= j->end || *j->p++ != ':' || !json_value(j, depth + 1))
			return false;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return j->p < j->end && *j->p++ == '}';
	}
}

static bool json_array(struct json *j, int depth)
{
	j->p++; /* '[' */
	skip_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return true;
	}
	for (;;) {
		if (!json_value(j, JSON_DEPTH + 1 + depth)) /* array items name no key */
			return false;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return j->p < j->end && *j->p++ == ']';
	}
}

static bool json_value(struct json *j, int depth)
{
	skip_ws(j);
	if (j->p >= j->end || depth > 64)
		return false;
	char ch = *j->p;
	if (ch == '{')
		return json_object(j, depth);
	if (ch == '[')
		return json_array(j, depth);
	if (ch == '"')
		return json_string(j, NULL, 0);
	if (ch == '-' || isdigit((unsigned char)ch)) {
		char *e;
		long v = strtol(j->p, &e, 10);
		while (e < j->end && strchr(".eE+-0123456789", *e))
			e++; /* a fraction or exponent: not a mask, skipped */
		if (depth <= JSON_DEPTH)
			json_number_at(j, depth, v);
		j->p = e;
		return true;
	}
	for (const char *w = "true\0false\0null\0"; *w; w += strlen(w) + 1) {
		size_t n = strlen(w);
		if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, w, n)) {
			j->p += n;
			return true;
		}
	}
	return false;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	if (!fseek(f, 0, SEEK_END)) {
		long n = ftell(f);
		if (n >= 0 && !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1))) {
			*len = fread(buf, 1, (size_t)n, f);
			buf[*len] = 0;
		}
	}
	fclose(f);
	return buf;
}

int meta_load(struct moo_meta *m, const char *path, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = slurp(path, &len);
	if (!text) {
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	struct json j = { .p = text, .end = text + len, .m = m };
	bool ok = json_value(&j, 0);
	free(text);
	if (!ok) {
		snprintf(err, errlen, "%s: not the JSON expected", path);
		return -1;
	}
	return 0;
}

static int hexval(int ch)
{
	return isdigit(ch) ? ch - '0' : isxdigit(ch) ? (tolower(ch) - 'a' + 10) : -1;
}

/* One SHA-1 per line as 40 hex digits; '#' starts a comment. */
int meta_load_revocations(struct moo_meta *m, const char *path, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = slurp(path, &len);
	if (!text) {
		snprintf(err, errlen, "%s: cannot read", path);
		return -1;
	}
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '#' || !*line)
			continue;
		u8 h[20];
		unsigned i = 0;
		for (; i < 20 && hexval(line[2 * i]) >= 0 && hexval(line[2 * i + 1]) >= 0; i++)
			h[i] = (u8)(hexval(line[2 * i]) << 4 | hexval(line[2 * i + 1]));
		if (i < 20) {
			snprintf(err, errlen, "%s: bad line '%.48s'", path, line);
			free(text);
			return -1;
		}
		void *nr = realloc(m->revoked, (m->n_revoked + 1) * sizeof(*m->revoked));
		if (!nr) {
			snprintf(err, errlen, "%s: out of memory", path);
			free(text);
			return -1;
		}
		m->revoked = nr;
		memcpy(m->revoked[m->n_revoked++], h, 20);
	}
	free(text);
	return 0;
}

bool meta_revoked(const struct moo_meta *m, const u8 *hash)
{
	for (size_t i = 0; hash && i < m->n_revoked; i++)
		if (!memcmp(m->revoked[i], hash, 20))
			return true;
	return false;
}

/* The mask for this test's opcode and, for group opcodes, its reg field:
 * the reg entry when metadata.json splits the opcode, else the opcode's. */
u16 meta_flags_mask(const struct moo_meta *m, const struct moo_test *t)
{
	struct moo_insn d;
	moo_split(t, &d);
	u16 mask = m->mask[d.op][8];
	if (d.modrm >= 0)
		mask &= m->mask[d.op][(d.modrm >> 3) & 7];
	return mask;
}
