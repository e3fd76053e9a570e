/* moo.c - reading MOO files: gunzip the whole file once (zlib reads plain
 * files too), then walk its chunks. Every length is checked against what
 * remains, so a truncated or corrupt file is an error, never a wild read. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "moo.h"

const char *const moo_reg_name[MR_N] = { "ax", "bx", "cx", "dx", "cs", "ss", "ds",
					 "es", "sp", "bp", "si", "di", "ip", "flags" };

static u32 ld32(const u8 *p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }
static u16 ld16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }

static int gunzip(struct moo_file *f, gzFile gz)
{
	f->len = 0;
	for (;;) {
		if (f->cap - f->len < (1u << 20)) {
			size_t cap = f->cap ? f->cap * 2 : (8u << 20);
			u8 *nb = realloc(f->buf, cap);
			if (!nb)
				return -1;
			f->buf = nb;
			f->cap = cap;
		}
		int n = gzread(gz, f->buf + f->len, (unsigned)(f->cap - f->len));
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		f->len += (size_t)n;
	}
}

/* A chunk: 4-byte tag, u32 length, payload, all within [pos, end). */
struct chunk {
	char tag[5];
	const u8 *p;
	u32 len;
};

static bool next_chunk(const u8 *buf, size_t *pos, size_t end, struct chunk *c)
{
	if (*pos + 8 > end)
		return false;
	memcpy(c->tag, buf + *pos, 4);
	c->tag[4] = 0;
	c->len = ld32(buf + *pos + 4);
	if (c->len > end - *pos - 8)
		return false;
	c->p = buf + *pos + 8;
	*pos += 8 + (size_t)c->len;
	return true;
}

int moo_open(struct moo_file *f, const char *path, char *err, size_t errlen)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		snprintf(err, errlen, "%s: cannot open", path);
		return -1;
	}
	gzbuffer(gz, 1u << 17);
	int r = gunzip(f, gz);
	gzclose(gz);
	struct chunk c;
	f->pos = 0;
	if (r || !next_chunk(f->buf, &f->pos, f->len, &c) || strcmp(c.tag, "MOO ") || c.len < 8) {
		snprintf(err, errlen, "%s: not a MOO file (or unreadable)", path);
		return -1;
	}
	f->count = ld32(c.p + 4);
	return 0;
}

void moo_free(struct moo_file *f)
{
	free(f->buf);
	f->buf = NULL;
	f->cap = f->len = 0;
}

static bool parse_regs(struct moo_state *s, const struct chunk *c)
{
	if (c->len < 2)
		return false;
	s->mask = ld16(c->p);
	const u8 *p = c->p + 2;
	for (unsigned i = 0; i < MR_N; i++) {
		if (!(s->mask >> i & 1))
			continue;
		if (p + 2 > c->p + c->len)
			return false;
		s->reg[i] = ld16(p);
		p += 2;
	}
	return true;
}

static bool parse_state(struct moo_state *s, const struct chunk *outer)
{
	size_t pos = 0, end = outer->len;
	struct chunk c;
	memset(s, 0, sizeof(*s));
	while (pos < end) {
		if (!next_chunk(outer->p, &pos, end, &c))
			return false;
		if (!strcmp(c.tag, "REGS") && !parse_regs(s, &c))
			return false;
		if (!strcmp(c.tag, "RAM ")) {
			if (c.len < 4 || (c.len - 4) / 5 < ld32(c.p))
				return false;
			s->ram = (struct moo_ram){ ld32(c.p), c.p + 4 };
		}
		/* QUEU (prefetch queue) and RMSK: not needed at instruction level */
	}
	return true;
}

/* NAME and BYTS: a u32 length, then that many bytes. */
static bool counted(const struct chunk *c, const u8 **p, u32 *n)
{
	if (c->len < 4 || ld32(c->p) > c->len - 4)
		return false;
	*n = ld32(c->p);
	*p = c->p + 4;
	return true;
}

static bool parse_sub(struct moo_test *t, const struct chunk *c)
{
	const u8 *p;
	if (!strcmp(c->tag, "NAME")) {
		if (!counted(c, &p, &t->name_len))
			return false;
		t->name = (const char *)p;
	} else if (!strcmp(c->tag, "BYTS")) {
		return counted(c, &t->bytes, &t->n_bytes);
	} else if (!strcmp(c->tag, "INIT")) {
		return parse_state(&t->init, c);
	} else if (!strcmp(c->tag, "FINA")) {
		return parse_state(&t->fina, c);
	} else if (!strcmp(c->tag, "EXCP")) {
		if (c->len < 5)
			return false;
		t->has_excp = true;
		t->excp_vec = c->p[0];
		t->excp_addr = ld32(c->p + 1);
	} else if (!strcmp(c->tag, "HASH")) {
		if (c->len < 20)
			return false;
		t->hash = c->p;
	}
	return true; /* CYCL (bus trace), GMET and unknown tags: skipped */
}

static bool parse_test(struct moo_test *t, const struct chunk *outer)
{
	size_t pos = 4, end = outer->len;
	struct chunk c;
	memset(t, 0, sizeof(*t));
	if (outer->len < 4)
		return false;
	t->index = ld32(outer->p);
	while (pos < end)
		if (!next_chunk(outer->p, &pos, end, &c) || !parse_sub(t, &c))
			return false;
	/* a test needs bytes and a complete initial register file */
	return t->bytes && t->n_bytes && t->init.mask == (1u << MR_N) - 1;
}

int moo_next(struct moo_file *f, struct moo_test *t, char *err, size_t errlen)
{
	struct chunk c;
	while (f->pos < f->len) {
		size_t at = f->pos;
		if (!next_chunk(f->buf, &f->pos, f->len, &c)) {
			snprintf(err, errlen, "truncated chunk at offset %zu", at);
			return -1;
		}
		if (strcmp(c.tag, "TEST"))
			continue; /* META and anything newer */
		if (!parse_test(t, &c)) {
			snprintf(err, errlen, "malformed TEST chunk at offset %zu", at);
			return -1;
		}
		return 1;
	}
	return 0;
}

/* ---- the instruction's shape, for the metadata and the exception table ---- */
static bool is_prefix(u8 b)
{
	switch (b) {
	case 0x26: case 0x2e: case 0x36: case 0x3e: case 0xf0: case 0xf2: case 0xf3:
		return true;
	}
	return false;
}

void moo_split(const struct moo_test *t, struct moo_insn *d)
{
	unsigned i = 0;
	*d = (struct moo_insn){ .seg = -1, .modrm = -1 };
	for (; i < t->n_bytes && is_prefix(t->bytes[i]); i++) {
		u8 b = t->bytes[i];
		if (b == 0xf0)
			d->lock = true;
		else if (b == 0xf2 || b == 0xf3)
			d->rep = true;
		else
			d->seg = b;
	}
	d->n_prefix = i;
	d->op = i < t->n_bytes ? t->bytes[i++] : 0;
	if (d->op == 0x0f && i < t->n_bytes)
		d->op = 0x100u | t->bytes[i++];
	if (i < t->n_bytes)
		d->modrm = t->bytes[i];
}

u16 moo_init_word(const struct moo_test *t, u32 a)
{
	u16 w = 0;
	for (u32 i = 0; i < t->init.ram.n; i++) {
		u32 x = moo_ram_addr(&t->init.ram, i);
		if (x == a)
			w = (u16)((w & 0xff00) | moo_ram_val(&t->init.ram, i));
		else if (x == a + 1)
			w = (u16)((w & 0x00ff) | moo_ram_val(&t->init.ram, i) << 8);
	}
	return w;
}
