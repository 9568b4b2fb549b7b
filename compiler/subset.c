/*
 * subset.c — TrueType subsetting (see subset.h). Reads the tables it
 * needs straight from the file's bytes, bounds-checked: a font it does
 * not understand makes it return -1 and the painter embeds the whole
 * face as before. Writes glyf/loca (long offsets), hmtx, cmap (one
 * format 4 segment), maxp, hhea, head and post (version 3) anew, and
 * copies OS/2, cvt, fpgm and prep. Of the name table it keeps what
 * fonttools' subsetter keeps by default: names 0 to 6 (copyright, family,
 * style, unique and full name, version, PostScript name) in English; the
 * licence texts and descriptions were a fifth of a leaflet's font.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "subset.h"

struct font {
	const unsigned char	*p;
	size_t			 len;
	size_t			 dir;		/* offset of the table directory */
	int			 ntables;
};

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v >> 8));
	buf_putc(b, (char)v);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xFFFF);
}

static void
set16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
set32(unsigned char *p, uint32_t v)
{
	set16(p, v >> 16);
	set16(p + 2, v & 0xFFFF);
}

/* The table tag, or NULL; *len set. */
static const unsigned char *
table(const struct font *f, const char *tag, size_t *len)
{
	int	i;

	for (i = 0; i < f->ntables; i++) {
		const unsigned char *e = f->p + f->dir + 12 + 16 * (size_t)i;
		uint32_t off = u32(e + 8), l = u32(e + 12);
		if (memcmp(e, tag, 4) != 0)
			continue;
		if (off > f->len || l > f->len - off)
			return NULL;
		*len = l;
		return f->p + off;
	}
	return NULL;
}

struct glyphs {
	unsigned	*old;		/* new gid → old gid */
	size_t		 n, cap;
};

static size_t
glyph_add(struct glyphs *g, unsigned old)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 256;
		g->old = xreallocarray(g->old, g->cap, sizeof(unsigned));
	}
	g->old[g->n] = old;
	return g->n++;
}

/* Byte range of old glyph gid in glyf. */
static int
glyph_range(const unsigned char *loca, size_t loca_len, int longfmt,
    unsigned nglyphs, unsigned gid, size_t glyf_len, size_t *off,
    size_t *len)
{
	size_t	a, b;

	if (gid >= nglyphs)
		return -1;
	if (longfmt) {
		if ((size_t)(gid + 2) * 4 > loca_len)
			return -1;
		a = u32(loca + 4 * (size_t)gid);
		b = u32(loca + 4 * (size_t)gid + 4);
	} else {
		if ((size_t)(gid + 2) * 2 > loca_len)
			return -1;
		a = (size_t)u16(loca + 2 * (size_t)gid) * 2;
		b = (size_t)u16(loca + 2 * (size_t)gid + 2) * 2;
	}
	if (b < a || b > glyf_len)
		return -1;
	*off = a;
	*len = b - a;
	return 0;
}

#define ARG_WORDS	0x0001
#define HAVE_SCALE	0x0008
#define MORE		0x0020
#define HAVE_XY_SCALE	0x0040
#define HAVE_2X2	0x0080

/* Walk the components of a composite glyph; call fn on each index. */
static int
components(unsigned char *g, size_t len, void (*fn)(unsigned char *, void *),
    void *arg)
{
	size_t	p = 10;
	unsigned flags;

	if (len < 10 || (int16_t)u16(g) >= 0)
		return 0;
	do {
		if (p + 4 > len)
			return -1;
		flags = u16(g + p);
		fn(g + p + 2, arg);
		p += 4 + ((flags & ARG_WORDS) ? 4 : 2);
		if (flags & HAVE_SCALE)
			p += 2;
		else if (flags & HAVE_XY_SCALE)
			p += 4;
		else if (flags & HAVE_2X2)
			p += 8;
	} while (flags & MORE);
	return 0;
}

struct remap {
	struct glyphs	*g;
	unsigned	*map;		/* old gid → new gid + 1, 0 = none */
	unsigned	 nglyphs;
};

static void
collect(unsigned char *idx, void *arg)
{
	struct remap	*r = arg;
	unsigned	 old = u16(idx);

	if (old < r->nglyphs && r->map[old] == 0)
		r->map[old] = (unsigned)glyph_add(r->g, old) + 1;
}

static void
rewrite(unsigned char *idx, void *arg)
{
	struct remap	*r = arg;
	unsigned	 old = u16(idx);

	set16(idx, old < r->nglyphs && r->map[old] ? r->map[old] - 1 : 0);
}

struct out_table {
	char		 tag[5];
	struct buf	 b;
};

/*
 * The name records 0..6 in English (Windows 0x409, Macintosh 0), with
 * their strings; the whole table when it cannot be read or nothing
 * would be left.
 */
static void
name_subset(const unsigned char *p, size_t len, struct buf *out)
{
	size_t		 n, i, soff, kept = 0;
	struct buf	 recs, strs;

	if (len < 6 || u16(p) > 1)
		goto whole;
	n = u16(p + 2);
	soff = u16(p + 4);
	if (6 + 12 * n > len || soff > len)
		goto whole;
	buf_init(&recs);
	buf_init(&strs);
	for (i = 0; i < n; i++) {
		const unsigned char *r = p + 6 + 12 * i;
		unsigned plat = u16(r), lang = u16(r + 4), id = u16(r + 6);
		size_t l = u16(r + 8), o = soff + u16(r + 10);
		if (id > 6 || o + l > len || !((plat == 3 && lang == 0x409) ||
		    (plat == 1 && lang == 0)))
			continue;
		buf_putn(&recs, (const char *)r, 8);
		put16(&recs, (unsigned)l);
		put16(&recs, (unsigned)strs.len);
		buf_putn(&strs, (const char *)p + o, l);
		kept++;
	}
	if (kept > 0 && strs.len <= 0xFFFF) {
		put16(out, 0);
		put16(out, (unsigned)kept);
		put16(out, (unsigned)(6 + recs.len));
		buf_putn(out, recs.data, recs.len);
		buf_putn(out, strs.data, strs.len);
	}
	buf_free(&recs);
	buf_free(&strs);
	if (kept > 0)
		return;
whole:
	buf_putn(out, (const char *)p, len);
}

/* The table directory of face index (of a TTC, else 0); 0 or -1. */
static int
font_open(struct font *f, const unsigned char *file, size_t len, int index)
{
	memset(f, 0, sizeof(*f));
	f->p = file;
	f->len = len;
	if (len < 12)
		return -1;
	if (memcmp(file, "ttcf", 4) == 0) {
		if (len < 16 || (uint32_t)index >= u32(file + 8) ||
		    16 + 4 * (size_t)index + 4 > len)
			return -1;
		f->dir = u32(file + 12 + 4 * (size_t)index);
	} else if (index != 0)
		return -1;
	if (f->dir + 12 > len)
		return -1;
	f->ntables = (int)u16(file + f->dir + 4);
	if (f->dir + 12 + 16 * (size_t)f->ntables > len)
		return -1;
	return 0;
}

int
subset_bbox(const unsigned char *file, size_t len, int index, int bbox[4])
{
	struct font		 f;
	const unsigned char	*head;
	size_t			 l;
	unsigned		 upem;
	int			 k;

	if (font_open(&f, file, len, index) != 0 ||
	    (head = table(&f, "head", &l)) == NULL || l < 54 ||
	    (upem = u16(head + 18)) == 0)
		return -1;
	for (k = 0; k < 4; k++)
		bbox[k] = (int)(int16_t)u16(head + 36 + 2 * k) * 1000 /
		    (int)upem;
	return 0;
}

int
subset_ttf(const unsigned char *file, size_t len, int index,
    const unsigned *gids, size_t n, struct buf *out)
{
	struct font		 f;
	const unsigned char	*head, *maxp, *hhea, *hmtx, *loca, *glyf, *post;
	size_t			 lhead, lmaxp, lhhea, lhmtx, lloca, lglyf, lpost;
	unsigned		 nglyphs, nhm, i;
	int			 longfmt;
	struct glyphs		 g = { NULL, 0, 0 };
	struct remap		 r;
	struct out_table	 t[13];
	static const char *const copy[] = { "OS/2", "cvt ", "fpgm",
	    "prep" };
	int			 nt = 0, k;
	size_t			 off, gl, dirlen;
	uint32_t		 sum;
	struct buf		 *bg, *bl;

	if (n == 0 || n > SUBSET_MAX || font_open(&f, file, len, index) != 0)
		return -1;
	if ((head = table(&f, "head", &lhead)) == NULL || lhead < 54 ||
	    (maxp = table(&f, "maxp", &lmaxp)) == NULL || lmaxp < 6 ||
	    (hhea = table(&f, "hhea", &lhhea)) == NULL || lhhea < 36 ||
	    (hmtx = table(&f, "hmtx", &lhmtx)) == NULL ||
	    (loca = table(&f, "loca", &lloca)) == NULL ||
	    (glyf = table(&f, "glyf", &lglyf)) == NULL)
		return -1;
	post = table(&f, "post", &lpost);
	nglyphs = u16(maxp + 4);
	nhm = u16(hhea + 34);
	longfmt = (int16_t)u16(head + 50) == 1;
	if (nhm == 0 || (size_t)nhm * 4 > lhmtx)
		return -1;

	/* the glyph list: .notdef, one per code, then components */
	r.g = &g;
	r.nglyphs = nglyphs;
	r.map = xcalloc(nglyphs + 1, sizeof(unsigned));
	glyph_add(&g, 0);
	r.map[0] = 1;
	for (i = 0; i < n; i++) {
		size_t ng = glyph_add(&g, gids[i] < nglyphs ? gids[i] : 0);
		if (gids[i] < nglyphs && r.map[gids[i]] == 0)
			r.map[gids[i]] = (unsigned)ng + 1;
	}
	for (i = 0; i < g.n; i++) {
		unsigned char *tmp;
		if (glyph_range(loca, lloca, longfmt, nglyphs, g.old[i], lglyf,
		    &off, &gl) != 0 || gl < 10)
			continue;
		tmp = xmalloc(gl);
		memcpy(tmp, glyf + off, gl);
		components(tmp, gl, collect, &r);	/* may grow g */
		free(tmp);
	}

	memset(t, 0, sizeof(t));
	/* glyf + loca */
	memcpy(t[nt].tag, "glyf", 4);
	bg = &t[nt++].b;
	memcpy(t[nt].tag, "loca", 4);
	bl = &t[nt++].b;
	buf_init(bg);
	buf_init(bl);
	for (i = 0; i < g.n; i++) {
		put32(bl, (uint32_t)bg->len);
		if (glyph_range(loca, lloca, longfmt, nglyphs, g.old[i], lglyf,
		    &off, &gl) != 0)
			gl = 0;
		if (gl) {
			size_t at = bg->len;
			buf_putn(bg, (const char *)glyf + off, gl);
			components((unsigned char *)bg->data + at, gl, rewrite,
			    &r);
			while (bg->len % 4)
				buf_putc(bg, 0);
		}
	}
	put32(bl, (uint32_t)bg->len);

	/* hmtx: a long metric per glyph */
	memcpy(t[nt].tag, "hmtx", 4);
	buf_init(&t[nt].b);
	for (i = 0; i < g.n; i++) {
		unsigned o = g.old[i], adv, lsb;
		adv = u16(hmtx + 4 * (size_t)(o < nhm ? o : nhm - 1));
		if (o < nhm)
			lsb = u16(hmtx + 4 * (size_t)o + 2);
		else if ((size_t)nhm * 4 + 2 * (size_t)(o - nhm) + 2 <= lhmtx)
			lsb = u16(hmtx + 4 * (size_t)nhm + 2 * (o - nhm));
		else
			lsb = 0;
		put16(&t[nt].b, adv);
		put16(&t[nt].b, lsb);
	}
	nt++;

	/* cmap: codes FIRST..FIRST+n-1 → glyphs 1..n, one segment */
	memcpy(t[nt].tag, "cmap", 4);
	buf_init(&t[nt].b);
	{
		struct buf *c = &t[nt].b;
		unsigned end = SUBSET_FIRST + (unsigned)n - 1;
		put16(c, 0);		/* version */
		put16(c, 1);		/* one subtable */
		put16(c, 3);		/* Windows */
		put16(c, 1);		/* Unicode BMP */
		put32(c, 12);
		put16(c, 4);		/* format 4 */
		put16(c, 32);		/* length: 16 + 2 segments * 8 */
		put16(c, 0);		/* language */
		put16(c, 4);		/* segCountX2 */
		put16(c, 4);		/* searchRange */
		put16(c, 1);		/* entrySelector */
		put16(c, 0);		/* rangeShift */
		put16(c, end);
		put16(c, 0xFFFF);
		put16(c, 0);		/* reservedPad */
		put16(c, SUBSET_FIRST);
		put16(c, 0xFFFF);
		put16(c, (1u - SUBSET_FIRST) & 0xFFFF);	/* idDelta */
		put16(c, 1);
		put16(c, 0);		/* idRangeOffset */
		put16(c, 0);
	}
	nt++;

	/* head, hhea, maxp: copies with the counts changed */
	memcpy(t[nt].tag, "head", 4);
	buf_init(&t[nt].b);
	buf_putn(&t[nt].b, (const char *)head, lhead);
	set32((unsigned char *)t[nt].b.data + 8, 0);	/* checkSumAdjustment */
	set16((unsigned char *)t[nt].b.data + 50, 1);	/* long loca */
	nt++;
	memcpy(t[nt].tag, "hhea", 4);
	buf_init(&t[nt].b);
	buf_putn(&t[nt].b, (const char *)hhea, lhhea);
	set16((unsigned char *)t[nt].b.data + 34, (unsigned)g.n);
	nt++;
	memcpy(t[nt].tag, "maxp", 4);
	buf_init(&t[nt].b);
	buf_putn(&t[nt].b, (const char *)maxp, lmaxp);
	set16((unsigned char *)t[nt].b.data + 4, (unsigned)g.n);
	nt++;
	memcpy(t[nt].tag, "post", 4);
	buf_init(&t[nt].b);
	if (post && lpost >= 32)
		buf_putn(&t[nt].b, (const char *)post, 32);
	else
		for (k = 0; k < 32; k++)
			buf_putc(&t[nt].b, 0);
	set32((unsigned char *)t[nt].b.data, 0x00030000);
	nt++;
	{
		const unsigned char *src;
		size_t l;
		if ((src = table(&f, "name", &l)) != NULL) {
			memcpy(t[nt].tag, "name", 4);
			buf_init(&t[nt].b);
			name_subset(src, l, &t[nt].b);
			nt++;
		}
	}
	for (k = 0; k < 4; k++) {
		const unsigned char *src;
		size_t l;
		if ((src = table(&f, copy[k], &l)) == NULL)
			continue;
		memcpy(t[nt].tag, copy[k], 4);
		buf_init(&t[nt].b);
		buf_putn(&t[nt].b, (const char *)src, l);
		nt++;
	}

	/* sort tags (directory must be sorted), write the file */
	for (k = 1; k < nt; k++) {
		int j = k;
		while (j > 0 && memcmp(t[j - 1].tag, t[j].tag, 4) > 0) {
			struct out_table tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
			j--;
		}
	}
	out->len = 0;
	put32(out, 0x00010000);
	put16(out, (unsigned)nt);
	{
		unsigned es = 0, sr = 1;
		while (sr * 2 <= (unsigned)nt) {
			sr *= 2;
			es++;
		}
		put16(out, sr * 16);
		put16(out, es);
		put16(out, (unsigned)nt * 16 - sr * 16);
	}
	dirlen = 12 + 16 * (size_t)nt;
	off = dirlen;
	for (k = 0; k < nt; k++) {
		size_t l = t[k].b.len, q;
		sum = 0;
		while (t[k].b.len % 4)
			buf_putc(&t[k].b, 0);
		for (q = 0; q < t[k].b.len; q += 4)
			sum += u32((const unsigned char *)t[k].b.data + q);
		buf_putn(out, t[k].tag, 4);
		put32(out, sum);
		put32(out, (uint32_t)off);
		put32(out, (uint32_t)l);
		off += t[k].b.len;
	}
	for (k = 0; k < nt; k++)
		buf_putn(out, t[k].b.data, t[k].b.len);
	/* checkSumAdjustment = 0xB1B0AFBA - sum of the whole file */
	sum = 0;
	for (off = 0; off + 4 <= out->len; off += 4)
		sum += u32((const unsigned char *)out->data + off);
	for (k = 0; k < nt; k++)
		if (memcmp(t[k].tag, "head", 4) == 0) {
			size_t at = dirlen;
			int j;
			for (j = 0; j < k; j++)
				at += t[j].b.len;
			set32((unsigned char *)out->data + at + 8,
			    0xB1B0AFBAu - sum);
		}
	for (k = 0; k < nt; k++)
		buf_free(&t[k].b);
	free(g.old);
	free(r.map);
	return 0;
}
