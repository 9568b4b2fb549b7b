/*
 * search_hot.c — files of their own for strings that no key holds but
 * many pages do: 9:00 in the opening hours of 10,000 pages, 原件及复印件
 * in their lists of materials. Such a string stands in few distinct
 * lines (at most FREQ_LINES: else it is a frequent string, whose key
 * has its pages), and a query of it was answered through them: the
 * shards of its bigrams, then its lines and the title shards of its
 * first page, two rounds of files (300–470 ms in chromium at N=1000).
 *
 * Every string of 3 to FREQ_DENSE characters in the lines of a key of
 * lines (search_freq.c) or of a bigram of at most FREQ_LINES lines,
 * holding that key, is such a string (its lines are among the key's).
 * One with as many pages as a key needs for a file of its own
 * (search_many_pages) gets one, named as a key's is, so that search.js
 * asks for it first: the value of a key of lines, "!title ids|line
 * ids#title shards", then its count and first page (search_first_put).
 * search.js shows those, and makes the whole list from the lines after
 * the page has painted (viaLines), as it would have.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

#define HOT_LINES	SEARCH_MARK_LINES	/* a key's lines, at most */
#define HOT_TITLES	256	/* a key's title pages checked, at most */
#define HOT_EXTRA	64	/* a string's title pages among its pages */
#define HOT_TOP		(SEARCH_FIRST + HOT_EXTRA)

/* A key of lines, or a bigram's value with its lines. */
struct shsrc {
	const char	*str;		/* the key */
	const char	*enc;		/* its value: …[!title ids]|line ids… */
	size_t		 enclen;
};

/* A set of strings by search_hashn, its own copies or borrowed. */
struct hset {
	char	**v;
	size_t	  cap, used;
	int	  borrowed;
};

/* Whether s (len bytes) is in t; added if add (s itself if the set
 * borrows: then s[len] is its NUL). */
static int
hset_in(struct hset *t, const char *s, size_t len, int add)
{
	size_t i, j;

	if (add && 2 * (t->used + 1) > t->cap) {
		char **old = t->v;
		size_t ocap = t->cap;

		t->cap = ocap ? 2 * ocap : 1 << 12;
		t->v = xcalloc(t->cap, sizeof(*t->v));
		for (i = 0; i < ocap; i++) {
			if (old[i] == NULL)
				continue;
			j = search_hashn(old[i], strlen(old[i])) & (t->cap - 1);
			while (t->v[j] != NULL)
				j = (j + 1) & (t->cap - 1);
			t->v[j] = old[i];
		}
		free(old);
	}
	if (t->cap == 0)
		return 0;
	for (i = search_hashn(s, len) & (t->cap - 1); t->v[i] != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strncmp(t->v[i], s, len) == 0 && t->v[i][len] == '\0')
			return 1;
	if (add) {
		t->v[i] = t->borrowed ? (char *)s : xstrndup(s, len);
		t->used++;
	}
	return 0;
}

static void
hset_free(struct hset *t)
{
	size_t i;

	for (i = 0; i < t->cap && !t->borrowed; i++)
		free(t->v[i]);
	free(t->v);
}

/* The pages of a string: how often it stands in each of its key's
 * lines (0: not there), and the first HOT_TOP of them by kind, hits
 * and page order (title hits apart). Strings of the same lines and
 * occurrences share it. */
struct hsig {
	uint32_t	 c[HOT_LINES];
	size_t		 count;
	struct srank	 top[HOT_TOP];
	uint32_t	 m;
};

struct hot {
	struct sown		*o;		/* what its files are like */
	const struct skey	*bigrams, *freq;	/* cap, nfreq */
	size_t			 cap, nfreq, ntext, ntitles;
	int			 sentences;	/* hot_longs, not hot_shorts */
	long			 bytes;		/* of its files, -1: failed */
	struct sown		 named;		/* their names */
	const struct sline	*text, *titles;
	const struct lclass	*cl;
	size_t			 ndocs, many;
	size_t			*tat;		/* title lines of page d: */
	uint32_t		*tl;		/* tl[tat[d]] … tl[tat[d + 1] - 1] */
	struct pscratch		 ps;		/* search_acc's */
	uint32_t		*pairs;		/* (line, occurrences) … */
	size_t			 npairs;
	uint32_t		*tp;		/* ndocs + 1 */
	struct hset		 keys, seen;
	struct hsig		*sig;		/* of the key at hand */
	size_t			 nsig, sigcap;
	struct buf		 v, tmp, name;
};

/* Occurrences of s (n bytes) in t (len) that do not overlap. */
static uint32_t
hot_count(const char *t, size_t len, const char *s, size_t n)
{
	const char *p = t, *end = t + len, *q;
	uint32_t c = 0;

	while ((q = memmem(p, (size_t)(end - p), s, n)) != NULL) {
		c++;
		p = q + n;
	}
	return c;
}

/* Room for n (line, occurrences) pairs in h->pairs. */
static uint32_t *
hot_pairs(struct hot *h, size_t n)
{
	if (n > h->npairs) {
		h->npairs = n + n / 2;
		h->pairs = xreallocarray(h->pairs, 2 * h->npairs,
		    sizeof(*h->pairs));
	}
	return h->pairs;
}

/*
 * The pages of the n (line, occurrences) pairs in h->pairs: how many
 * (returned), and the first cap of them in rank order into top (*m),
 * a title hit those among the tp (nt, in order).
 */
static size_t
hot_rank(struct hot *h, uint32_t n, const uint32_t *tp, size_t nt,
    struct srank *top, uint32_t *m, uint32_t cap)
{
	uint32_t i, d, count;
	size_t lo, hi, mid;
	struct srank r;

	count = search_acc(h->cl, h->pairs, n, h->ndocs, &h->ps, 0);
	*m = 0;
	for (i = 0; i < count; i++) {
		if ((d = h->ps.ids[i]) >= h->o->hd->n)
			continue;	/* not a page: cannot be */
		for (lo = 0, hi = nt; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (tp[mid] < d)
				lo = mid + 1;
			else
				hi = mid;
		}
		r.id = d;
		r.hits = h->ps.hits[i];
		r.title = lo < nt && tp[lo] == d;
		r.rank = h->o->hd->rank[d];
		srank_keep(top, m, cap, &r);
	}
	return count;
}

/* g's pages from the lines of a key (title hits apart). */
static void
hot_pages(struct hot *h, struct hsig *g, const uint32_t *lines, uint32_t nl)
{
	uint32_t *pairs = hot_pairs(h, nl), j, n = 0;

	for (j = 0; j < nl; j++)
		if (g->c[j] > 0) {
			pairs[2 * n] = lines[j];
			pairs[2 * n++ + 1] = g->c[j];
		}
	g->count = hot_rank(h, n, NULL, 0, g->top, &g->m, HOT_TOP);
}

/* How often page d holds the string of g (0: not in its text). */
static uint32_t
hot_hits(const struct hot *h, const struct hsig *g, const uint32_t *lines,
    uint32_t nl, uint32_t d)
{
	const struct lclass *cl = h->cl;
	uint32_t j, k, hits = 0;
	size_t lo, hi, mid;

	for (j = 0; j < nl; j++) {
		if (g->c[j] == 0)
			continue;
		k = cl->of[lines[j]];
		for (lo = cl->at[k], hi = cl->at[k + 1]; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (cl->docs[mid] < d)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < cl->at[k + 1] && cl->docs[lo] == d)
			hits += g->c[j] * cl->hits[lo];
	}
	return hits;
}

/* Whether the title or a synonym of page d holds s (n bytes). */
static int
hot_titled(const struct hot *h, uint32_t d, const char *s, size_t n)
{
	size_t i;

	for (i = h->tat[d]; i < h->tat[d + 1]; i++) {
		const struct sline *t = &h->titles[h->tl[i]];

		if (memmem(t->text, t->len, s, n) != NULL)
			return 1;
	}
	return 0;
}

/*
 * The file of s (n bytes), which stands in the lines of a key (nl,
 * ascending), of whose title pages (tids, nt) it may stand in some, if
 * its pages are many.
 */
static void
hot_string(struct hot *h, const char *s, size_t n, const uint32_t *lines,
    uint32_t nl, const uint32_t *tids, size_t nt)
{
	struct hsig *g = NULL, cur;
	struct srank top[SEARCH_FIRST], r;
	struct sfirst f;
	uint32_t tp[HOT_EXTRA + 1], th[HOT_EXTRA + 1], ln[HOT_LINES + 1];
	uint32_t j, m = 0, np = 0, ns = 0, hits;
	size_t i;
	char *str;

	memset(cur.c, 0, sizeof(cur.c));
	for (j = 0; j < nl; j++)
		cur.c[j] = hot_count(h->text[lines[j]].text,
		    h->text[lines[j]].len, s, n);
	for (i = 0; i < h->nsig && g == NULL; i++)
		if (memcmp(h->sig[i].c, cur.c, nl * sizeof(*cur.c)) == 0)
			g = &h->sig[i];
	if (g == NULL) {
		if (h->nsig == h->sigcap) {
			h->sigcap = h->sigcap ? 2 * h->sigcap : 16;
			h->sig = xreallocarray(h->sig, h->sigcap,
			    sizeof(*h->sig));
		}
		g = &h->sig[h->nsig++];
		memcpy(g->c, cur.c, sizeof(cur.c));
		hot_pages(h, g, lines, nl);
	}
	if (g->count < h->many)
		return;
	/* Its title hits among its pages rank first. */
	for (i = 0; i < nt; i++) {
		if (tids[i] >= h->o->hd->n || !hot_titled(h, tids[i], s, n) ||
		    (hits = hot_hits(h, g, lines, nl, tids[i])) == 0)
			continue;
		if (np == HOT_EXTRA)
			return;		/* the others may not make a page */
		tp[np] = tids[i];
		th[np++] = hits;
	}
	for (j = 0; j < np; j++) {
		r.id = tp[j];
		r.hits = th[j];
		r.title = 1;
		r.rank = h->o->hd->rank[tp[j]];
		srank_keep(top, &m, SEARCH_FIRST, &r);
	}
	for (i = 0; i < g->m; i++) {
		for (j = 0; j < np && tp[j] != g->top[i].id; j++)
			;
		if (j == np)
			srank_keep(top, &m, SEARCH_FIRST, &g->top[i]);
	}
	h->v.len = 0;
	if (np > 0) {
		buf_putc(&h->v, '!');
		search_idv(&h->v, tp, np, &h->tmp);
	}
	buf_putc(&h->v, '|');
	for (j = 0; j < nl; j++)
		if (g->c[j] > 0)
			ln[ns++] = lines[j];
	search_idv(&h->v, ln, ns, &h->tmp);
	search_hint_put(&h->v, top, m, &h->tmp);
	f.count = g->count;
	f.m = m;
	memcpy(f.top, top, m * sizeof(*top));
	str = xstrndup(s, n);
	h->name.len = 0;
	search_str_name(&h->name, str);
	free(str);
	search_key_file(h->o, h->name.data, h->v.data, h->v.len, &f);
}

/* The strings around key u in its lines, by its value. */
static void
hot_key(struct hot *h, const struct shsrc *u)
{
	const char *bar = memchr(u->enc, '|', u->enclen), *bang, *end;
	uint32_t lines[HOT_LINES + 1], tids[HOT_TITLES + 1], nl, j;
	size_t nt = 0, ulen = strlen(u->str), sum = 0, k;
	/* where the strings begin (before[i]: i characters before u) and
	 * end (after[i]: i characters after it) */
	const char *before[FREQ_DENSE + 1], *after[FREQ_DENSE + 1];
	const char *t, *from, *q, *p;
	unsigned cp;
	int ucp, len, nb, na, i, a;

	if (bar == NULL)
		return;
	/* a bigram's value ends with its lines, a key of lines' may go on
	 * with "#" (its ids hold neither; memchr: values are long) */
	end = u->enc + u->enclen;
	if ((p = memchr(bar, '#', (size_t)(end - bar))) != NULL)
		end = p;
	nl = (uint32_t)ids_read(bar + 1, end, lines, HOT_LINES + 1);
	bang = memrchr(u->enc, '!', (size_t)(bar - u->enc));
	if (bang != NULL)
		nt = ids_read(bang + 1, bar, tids, HOT_TITLES + 1);
	if (nl == 0 || nl > HOT_LINES || nt > HOT_TITLES)
		return;
	for (j = 0; j < nl; j++) {
		k = h->cl->of[lines[j]];
		sum += h->cl->at[k + 1] - h->cl->at[k];
	}
	if (sum < h->many)
		return;
	ucp = (int)utf8_count(u->str, ulen);
	h->nsig = 0;
	for (j = 0; j < nl; j++) {
		t = h->text[lines[j]].text;
		end = t + h->text[lines[j]].len;
		for (from = t; (q = memmem(from, (size_t)(end - from), u->str,
		    ulen)) != NULL; from = q + 1) {
			before[0] = p = q;
			for (nb = 0; nb < FREQ_DENSE - ucp && p > t; ) {
				do
					p--;
				while (p > t && (*p & 0xc0) == 0x80);
				before[++nb] = p;
			}
			after[0] = p = q + ulen;
			for (na = 0; na < FREQ_DENSE - ucp && p < end; ) {
				len = utf8_next(p, (size_t)(end - p), &cp);
				p += len > 0 ? len : 1;
				after[++na] = p;
			}
			for (i = 0; i <= nb; i++)
				for (a = 0; a <= na && i + ucp + a <= FREQ_DENSE; a++) {
					const char *s = before[i];
					size_t n = (size_t)(after[a] - s);

					if (i + ucp + a < 3 || s[0] == ' ' ||
					    s[n - 1] == ' ')
						continue;
					if (hset_in(&h->keys, s, n, 0) ||
					    hset_in(&h->seen, s, n, 1))
						continue;
					hot_string(h, s, n, lines, nl, tids, nt);
				}
		}
	}
}

/*
 * Sentences too: a line, a sentence or a clause of one (cut after
 * 。！？；，、：, each with and without that mark, and up to an opening
 * bracket) or what stands in brackets （…）, with them, of FREQ_DENSE + 1
 * to HOT_LONG characters, standing in many pages, has a file named
 * by two hashes of its code points, "h" and 16 hex digits (search.js
 * longFile): "~" and the string (search.js checks it is the query's),
 * its count and first page. Its whole list comes from the shards as
 * before, after the page has painted. A reader pasting a sentence of a
 * page waited for two to four rounds of files.
 */
#define HOT_LONG	200	/* search_freq.c FREQ_MAX */

/* A unit of line i: [p, p + n). */
typedef void (*hot_unit_fn)(void *, const char *p, size_t n, uint32_t i);

/* Each unit of line i (text t, len) to fn: the line, its sentences
 * and clauses, each without its last mark too. */
/* The mark at p (3 bytes of UTF-8): 2 if it ends a sentence, 1 a
 * clause, else 0. */
static int
hot_mark(const unsigned char *p)
{
	if (p[0] == 0xe3 && p[1] == 0x80)		/* 、。 */
		return p[2] == 0x82 ? 2 : p[2] == 0x81;
	if (p[0] == 0xef && p[1] == 0xbc)		/* ！，：；？ */
		return p[2] == 0x81 || p[2] == 0x9b || p[2] == 0x9f ? 2 :
		    p[2] == 0x8c || p[2] == 0x9a;
	return 0;
}

static void
hot_units(const char *t, size_t len, uint32_t i, hot_unit_fn fn, void *arg)
{
	const char *p, *from, *end = t + len;
	int k, m;

	fn(arg, t, len, i);
	for (k = 2; k > 0; k--) {
		for (from = p = t; p + 3 <= end; p++) {
			/* up to a bracket: a name before its （第2批） */
			if (p > from && memcmp(p, "（", 3) == 0)
				fn(arg, from, (size_t)(p - from), i);
			if ((m = hot_mark((const unsigned char *)p)) < k)
				continue;
			if (from != t || p + 3 != end)
				fn(arg, from, (size_t)(p + 3 - from), i);
			fn(arg, from, (size_t)(p - from), i);
			from = p += 3;
			p--;
		}
		if (from > t && from < end)
			fn(arg, from, (size_t)(end - from), i);
	}
	/* and what stands in brackets, with them: （江滨区受理点3）
	 * (HOT_LONG characters at most: looked for that far) */
	for (p = t; (p = memmem(p, (size_t)(end - p), "（", 3)) != NULL; p += 3) {
		k = end - p - 3 < 4 * HOT_LONG ? (int)(end - p - 3) : 4 * HOT_LONG;
		if ((from = memmem(p + 3, (size_t)k, "）", 3)) != NULL)
			fn(arg, p, (size_t)(from + 3 - p), i);
	}
}

/* Estimates by hash: the pages of the lines a unit stands in as one,
 * and where it first stands. */
struct hest {
	uint64_t		*h;		/* 0: empty */
	uint32_t		*n, *line, *off, *len;
	size_t			 cap, used;
	const struct lclass	*cl;
	const struct sline	*text;
};

static size_t
hest_slot(const struct hest *e, uint64_t h)
{
	size_t i;

	for (i = h & (e->cap - 1); e->h[i] != 0 && e->h[i] != h;
	    i = (i + 1) & (e->cap - 1))
		;
	return i;
}

static void
hest_free(struct hest *e)
{
	free(e->h);
	free(e->n);
	free(e->line);
	free(e->off);
	free(e->len);
}

static void
hest_unit(void *arg, const char *p, size_t n, uint32_t line)
{
	struct hest *e = arg;
	uint64_t h;
	size_t i, j, k, nc;

	while (n > 0 && *p == ' ')
		p++, n--;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	/* FREQ_DENSE + 1 to HOT_LONG characters: of 1 to 4 bytes each */
	if (n <= FREQ_DENSE || n > 4 * HOT_LONG || ((n <= 4 * FREQ_DENSE ||
	    n > HOT_LONG) && ((nc = utf8_count(p, n)) <= FREQ_DENSE ||
	    nc > HOT_LONG)))
		return;
	h = search_hashn(p, n) | 1;
	if (2 * (e->used + 1) > e->cap) {
		struct hest o = *e;

		e->cap = o.cap ? 2 * o.cap : 1 << 16;
		e->h = xcalloc(e->cap, sizeof(*e->h));
		e->n = xcalloc(e->cap, sizeof(*e->n));
		e->line = xcalloc(e->cap, sizeof(*e->line));
		e->off = xcalloc(e->cap, sizeof(*e->off));
		e->len = xcalloc(e->cap, sizeof(*e->len));
		for (j = 0; j < o.cap; j++)
			if (o.h[j] != 0) {
				i = hest_slot(e, o.h[j]);
				e->h[i] = o.h[j];
				e->n[i] = o.n[j];
				e->line[i] = o.line[j];
				e->off[i] = o.off[j];
				e->len[i] = o.len[j];
			}
		hest_free(&o);
	}
	i = hest_slot(e, h);
	if (e->h[i] == 0) {
		e->h[i] = h;
		e->line[i] = line;
		e->off[i] = (uint32_t)(p - e->text[line].text);
		e->len[i] = (uint32_t)n;
		e->used++;
	}
	k = e->cl->of[line];
	e->n[i] += (uint32_t)(e->cl->at[k + 1] - e->cl->at[k]);
}

/*
 * An Aho-Corasick automaton of the units picked, to find every line
 * holding each (a sentence of one line stands in others too): nodes
 * with their first child, next sibling and byte, edges by (node, byte)
 * in a table, and fail and output links.
 */
struct hpat {
	const char	*s;
	size_t		 n;
	uint32_t	*lines, *c;	/* its lines (titles' past ntext) */
	size_t		 nl, cap;
	size_t		 end;		/* of its last one in the line at hand */
	uint32_t	 line;		/* that line + 1 */
};

struct hac {
	uint64_t	*ek;		/* (node << 8 | byte) + 1, 0: empty */
	uint32_t	*ev;
	size_t		 ecap, eused;
	uint32_t	*fail, *out, *dict, *kid, *sib;	/* out: pattern + 1 */
	unsigned char	*byte;
	size_t		 nn, ncap;
	struct hpat	*pat;
	size_t		 np;
};

static size_t
hac_slot(const struct hac *a, uint64_t k)
{
	uint64_t x = k * 0x9e3779b97f4a7c15ull;
	size_t i;

	for (i = (size_t)(x >> 40) & (a->ecap - 1); a->ek[i] != 0 &&
	    a->ek[i] != k; i = (i + 1) & (a->ecap - 1))
		;
	return i;
}

/* node's child by b, 0 if none (and none is made unless add). */
static uint32_t
hac_edge(struct hac *a, uint32_t node, unsigned char b, int add)
{
	uint64_t k = ((uint64_t)node << 8 | b) + 1;
	size_t i, j;

	i = hac_slot(a, k);
	if (a->ek[i] == k)
		return a->ev[i];
	if (!add)
		return 0;
	if (2 * (a->eused + 1) > a->ecap) {
		uint64_t *ok = a->ek;
		uint32_t *ov = a->ev;
		size_t ocap = a->ecap;

		a->ecap *= 2;
		a->ek = xcalloc(a->ecap, sizeof(*a->ek));
		a->ev = xcalloc(a->ecap, sizeof(*a->ev));
		for (j = 0; j < ocap; j++)
			if (ok[j] != 0) {
				i = hac_slot(a, ok[j]);
				a->ek[i] = ok[j];
				a->ev[i] = ov[j];
			}
		free(ok);
		free(ov);
		i = hac_slot(a, k);
	}
	if (a->nn == a->ncap) {
		a->ncap *= 2;
		a->fail = xreallocarray(a->fail, a->ncap, sizeof(*a->fail));
		a->out = xreallocarray(a->out, a->ncap, sizeof(*a->out));
		a->dict = xreallocarray(a->dict, a->ncap, sizeof(*a->dict));
		a->kid = xreallocarray(a->kid, a->ncap, sizeof(*a->kid));
		a->sib = xreallocarray(a->sib, a->ncap, sizeof(*a->sib));
		a->byte = xreallocarray(a->byte, a->ncap, sizeof(*a->byte));
	}
	a->fail[a->nn] = a->out[a->nn] = a->dict[a->nn] = a->kid[a->nn] = 0;
	a->byte[a->nn] = b;
	a->sib[a->nn] = a->kid[node];
	a->kid[node] = (uint32_t)a->nn;
	a->ek[i] = k;
	a->ev[i] = (uint32_t)a->nn;
	a->eused++;
	return (uint32_t)a->nn++;
}

/* The automaton of a->pat: node 0 is the root. */
static void
hac_build(struct hac *a)
{
	uint32_t *queue, node, f, c;
	size_t i, j, head = 0, tail = 0;

	a->ecap = a->ncap = 1 << 12;
	a->ek = xcalloc(a->ecap, sizeof(*a->ek));
	a->ev = xcalloc(a->ecap, sizeof(*a->ev));
	a->fail = xcalloc(a->ncap, sizeof(*a->fail));
	a->out = xcalloc(a->ncap, sizeof(*a->out));
	a->dict = xcalloc(a->ncap, sizeof(*a->dict));
	a->kid = xcalloc(a->ncap, sizeof(*a->kid));
	a->sib = xcalloc(a->ncap, sizeof(*a->sib));
	a->byte = xcalloc(a->ncap, 1);
	a->nn = 1;
	for (i = 0; i < a->np; i++) {
		for (node = 0, j = 0; j < a->pat[i].n; j++)
			node = hac_edge(a, node, (unsigned char)a->pat[i].s[j], 1);
		a->out[node] = (uint32_t)i + 1;
	}
	/* breadth first: a child's fail link follows its parent's */
	queue = xcalloc(a->nn + 1, sizeof(*queue));
	for (c = a->kid[0]; c != 0; c = a->sib[c])
		queue[tail++] = c;
	while (head < tail) {
		node = queue[head++];
		for (c = a->kid[node]; c != 0; c = a->sib[c]) {
			for (f = a->fail[node]; f != 0 &&
			    hac_edge(a, f, a->byte[c], 0) == 0; f = a->fail[f])
				;
			a->fail[c] = hac_edge(a, f, a->byte[c], 0);
			a->dict[c] = a->out[a->fail[c]] ? a->fail[c] :
			    a->dict[a->fail[c]];
			queue[tail++] = c;
		}
	}
	free(queue);
}

static void
hac_free(struct hac *a)
{
	size_t i;

	for (i = 0; i < a->np; i++) {
		free(a->pat[i].lines);
		free(a->pat[i].c);
	}
	free(a->pat);
	free(a->ek);
	free(a->ev);
	free(a->fail);
	free(a->out);
	free(a->dict);
	free(a->kid);
	free(a->sib);
	free(a->byte);
}

/* Each pattern's occurrences that do not overlap in line l. */
static void
hac_scan(struct hac *a, const char *t, size_t len, uint32_t l)
{
	uint32_t node = 0, c, m;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)t[i];

		while ((c = hac_edge(a, node, b, 0)) == 0 && node != 0)
			node = a->fail[node];
		node = c;
		for (m = a->out[node] ? node : a->dict[node]; m != 0;
		    m = a->dict[m]) {
			struct hpat *p = &a->pat[a->out[m] - 1];

			if (p->line != l + 1) {
				p->line = l + 1;
				p->end = 0;
				if (p->nl == p->cap) {
					p->cap = p->cap ? 2 * p->cap : 4;
					p->lines = xreallocarray(p->lines,
					    p->cap, sizeof(*p->lines));
					p->c = xreallocarray(p->c, p->cap,
					    sizeof(*p->c));
				}
				p->lines[p->nl] = l;
				p->c[p->nl++] = 0;
			}
			if (i + 1 - p->n >= p->end) {
				p->c[p->nl - 1]++;
				p->end = i + 1;
			}
		}
	}
}

/* The file of pattern p if its pages are many: "~" and its string,
 * its count and first page, named by two hashes of its code points. */
static void
hot_long(struct hot *h, const struct hpat *p, size_t ntext)
{
	struct sfirst f;
	uint32_t a = 2166136261u, b = 3735928559u, d, n = 0, nt = 0, at, *pairs;
	size_t i, j;
	const char *q;
	unsigned cp;
	int len;
	char *str;

	/* its title pages, in order */
	for (i = 0; i < p->nl; i++) {
		const struct skey *t;

		if (p->lines[i] < ntext)
			continue;
		t = &h->titles[p->lines[i] - ntext].pages;
		for (at = 0, d = 0, j = 0; j < t->n; j++) {
			d += varint_get(t->post, &at);
			if (nt < h->ndocs)
				h->tp[nt++] = d;
		}
	}
	qsort(h->tp, nt, sizeof(*h->tp), search_idcmp);
	pairs = hot_pairs(h, p->nl);
	for (i = 0; i < p->nl && p->lines[i] < ntext; i++) {
		pairs[2 * n] = p->lines[i];
		pairs[2 * n++ + 1] = p->c[i];
	}
	f.count = hot_rank(h, n, h->tp, nt, f.top, &f.m, SEARCH_FIRST);
	if (f.count < h->many)
		return;
	for (q = p->s; q < p->s + p->n; q += len > 0 ? len : 1) {
		len = utf8_next(q, (size_t)(p->s + p->n - q), &cp);
		a = (a ^ cp) * 16777619u;
		b = (b ^ cp) * 16777619u;
	}
	h->name.len = 0;
	buf_printf(&h->name, "h%08x%08x", a, b);
	h->v.len = 0;
	buf_putc(&h->v, '~');
	str = xstrndup(p->s, p->n);
	esc_json(&h->v, str);
	free(str);
	search_key_file(h->o, h->name.data, h->v.data, h->v.len, &f);
}

/* The files of the long units of many pages (hot_long). */
static void
hot_longs(struct hot *h, size_t ntext, size_t ntitles)
{
	struct hest e;
	struct hac a;
	size_t i, j;

	memset(&e, 0, sizeof(e));
	memset(&a, 0, sizeof(a));
	e.cl = h->cl;
	e.text = h->text;
	for (i = 0; i < ntext; i++)
		hot_units(h->text[i].text, h->text[i].len, (uint32_t)i,
		    hest_unit, &e);
	/* in the table's order: by hash, the same every run */
	a.pat = xcalloc(e.used + 1, sizeof(*a.pat));
	for (i = 0; i < e.cap; i++)
		if (e.h[i] != 0 && e.n[i] >= h->many) {
			a.pat[a.np].s = h->text[e.line[i]].text + e.off[i];
			a.pat[a.np++].n = e.len[i];
		}
	hest_free(&e);
	if (a.np > 0) {
		hac_build(&a);
		for (i = 0; i < ntext; i++)
			hac_scan(&a, h->text[i].text, h->text[i].len,
			    (uint32_t)i);
		for (j = 0; j < ntitles; j++)
			hac_scan(&a, h->titles[j].text, h->titles[j].len,
			    (uint32_t)(ntext + j));
		for (i = 0; i < a.np; i++)
			hot_long(h, &a.pat[i], ntext);
	}
	hac_free(&a);
}

/* The strings around the keys (a thread's: hot_run). */
static void
hot_shorts(struct hot *h)
{
	const struct skey *freq = h->freq;
	struct shsrc u;
	char bi[16];
	size_t i;
	int len;

	/* the strings with keys of their pages: they have files, or not */
	h->keys.borrowed = 1;
	for (i = 0; i < h->nfreq; i++)
		if (freq[i].str != NULL && (freq[i].enc == NULL ||
		    strchr("!|", freq[i].enc[0]) == NULL) &&
		    utf8_count(freq[i].str, strlen(freq[i].str)) <= FREQ_DENSE)
			hset_in(&h->keys, freq[i].str, strlen(freq[i].str), 1);
	/* the bigrams with their lines, in the table's order */
	for (i = 0; i < h->cap; i++) {
		const struct skey *k = &h->bigrams[i];

		if (k->enc == NULL || (k->key & 0x1fffff) == 0 ||
		    memchr(k->enc, '|', k->enclen) == NULL)
			continue;
		len = utf8_encode((unsigned)(k->key >> 21), bi);
		len += utf8_encode((unsigned)(k->key & 0x1fffff), bi + len);
		bi[len] = '\0';
		u.str = bi;
		u.enc = k->enc;
		u.enclen = k->enclen;
		hot_key(h, &u);
	}
	/* then the keys of lines */
	for (i = 0; i < h->nfreq; i++)
		if (freq[i].str != NULL && freq[i].enc != NULL &&
		    strchr("!|", freq[i].enc[0]) != NULL &&
		    utf8_count(freq[i].str, strlen(freq[i].str)) <= FREQ_DENSE) {
			u.str = freq[i].str;
			u.enc = freq[i].enc;
			u.enclen = freq[i].enclen;
			hot_key(h, &u);
		}
}

static void *
hot_run(void *arg)
{
	struct hot *h = arg;
	struct sown o = *h->o;

	h->o = &o;
	pscratch_init(&h->ps, h->cl, h->ndocs);
	h->tp = xcalloc(h->ndocs + 1, sizeof(*h->tp));
	buf_init(&h->v);
	buf_init(&h->tmp);
	buf_init(&h->name);
	if (h->sentences)
		hot_longs(h, h->ntext, h->ntitles);
	else
		hot_shorts(h);
	buf_free(&h->v);
	buf_free(&h->tmp);
	buf_free(&h->name);
	free(h->tp);
	free(h->sig);
	pscratch_free(&h->ps);
	free(h->pairs);
	hset_free(&h->keys);
	hset_free(&h->seen);
	h->bytes = o.bytes;
	search_own_names(&h->named, &o);
	sown_free(&o);
	return NULL;
}

void
search_hot(struct sown *like, struct sown *named,
    const struct skey *keys, size_t cap,
    const struct skey *freq, size_t nfreq, const struct sline *text,
    size_t ntext, const struct sline *titles, size_t ntitles,
    const struct lclass *cl, size_t ndocs)
{
	struct hot h[2];
	struct sown own;
	size_t i, d;
	uint32_t j, at, doc;

	if (like->hd == NULL || like->hd->n == 0)
		return;
	memset(&own, 0, sizeof(own));
	own.dir = like->dir;
	own.werr = like->werr;
	own.hd = like->hd;
	memset(h, 0, sizeof(h));
	h[0].o = &own;
	h[0].text = text;
	h[0].titles = titles;
	h[0].cl = cl;
	h[0].ndocs = ndocs;
	h[0].many = search_many_pages(own.hd);
	h[0].bigrams = keys;
	h[0].cap = cap;
	h[0].freq = freq;
	h[0].nfreq = nfreq;
	h[0].ntext = ntext;
	h[0].ntitles = ntitles;
	/* each page's title lines */
	h[0].tat = xcalloc(ndocs + 2, sizeof(*h[0].tat));
	for (i = 0; i < ntitles; i++)
		for (at = 0, doc = 0, j = 0; j < titles[i].pages.n; j++) {
			doc += varint_get(titles[i].pages.post, &at);
			if (doc < ndocs)
				h[0].tat[doc + 2]++;
		}
	for (d = 0; d < ndocs; d++)
		h[0].tat[d + 2] += h[0].tat[d + 1];
	h[0].tl = xcalloc(h[0].tat[ndocs + 1] + 1, sizeof(*h[0].tl));
	for (i = 0; i < ntitles; i++)
		for (at = 0, doc = 0, j = 0; j < titles[i].pages.n; j++) {
			doc += varint_get(titles[i].pages.post, &at);
			if (doc < ndocs)
				h[0].tl[h[0].tat[doc + 1]++] = (uint32_t)i;
		}
	/* the sentences beside the strings around keys */
	h[1] = h[0];
	h[1].sentences = 1;
	search_pair(hot_run, &h[0], &h[1]);
	free(h[0].tat);
	free(h[0].tl);
	for (i = 0; i < 2; i++) {
		like->bytes = like->bytes < 0 || h[i].bytes < 0 ? -1 :
		    like->bytes + h[i].bytes;
		search_own_names(named, &h[i].named);
		sown_free(&h[i].named);
	}
}
