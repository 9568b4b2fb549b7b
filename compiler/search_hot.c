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

/* A set of strings by search_hashn. */
struct hset {
	char	**v;
	size_t	  cap, used;
};

/* Whether s (len bytes) is in t; added if add. */
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
		t->v[i] = xstrndup(s, len);
		t->used++;
	}
	return 0;
}

static void
hset_free(struct hset *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
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
	struct sown		*o;
	const struct sline	*text, *titles;
	const struct lclass	*cl;
	size_t			 ndocs, many;
	size_t			*tat;		/* title lines of page d: */
	uint32_t		*tl;		/* tl[tat[d]] … tl[tat[d + 1] - 1] */
	uint32_t		*acc, *ids;	/* ndocs + 1, acc left zero */
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

/* g's pages from the lines of a key (search_acc, one class a line). */
static void
hot_pages(struct hot *h, struct hsig *g, const uint32_t *lines, uint32_t nl)
{
	const struct lclass *cl = h->cl;
	const unsigned char *rank = h->o->hd->rank;
	uint32_t j, k, d, m = 0;
	struct srank r;
	size_t e, i;

	for (j = 0; j < nl; j++) {
		if (g->c[j] == 0)
			continue;
		k = cl->of[lines[j]];
		for (e = cl->at[k]; e < cl->at[k + 1]; e++) {
			d = cl->docs[e];
			if (h->acc[d] == 0)
				h->ids[m++] = d;
			h->acc[d] += g->c[j] * cl->hits[e];
		}
	}
	g->count = m;
	g->m = 0;
	for (i = 0; i < m; i++) {
		d = h->ids[i];
		if (d < h->o->hd->n) {
			r.id = d;
			r.hits = h->acc[d];
			r.title = 0;
			r.rank = rank[d];
			srank_keep(g->top, &g->m, HOT_TOP, &r);
		}
		h->acc[d] = 0;
	}
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
	uint32_t tp[HOT_EXTRA + 1], th[HOT_EXTRA + 1], sh[SEARCH_FIRST + 1];
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
	for (j = 0, ns = 0; j < nl; j++)
		if (g->c[j] > 0)
			h->ids[ns++] = lines[j];
	search_idv(&h->v, h->ids, ns, &h->tmp);
	for (j = 0; j < m; j++)
		sh[j] = top[j].id / SEARCH_TITLES;
	qsort(sh, m, sizeof(*sh), search_idcmp);
	for (j = ns = 0; j < m; j++)
		if (ns == 0 || sh[ns - 1] != sh[j])
			sh[ns++] = sh[j];
	if (ns > 0) {
		buf_putc(&h->v, '#');
		search_idv(&h->v, sh, ns, &h->tmp);
	}
	f.count = g->count;
	f.m = m;
	memcpy(f.top, top, m * sizeof(*top));
	str = xstrndup(s, n);
	h->name.len = 0;
	search_str_name(&h->name, str);
	free(str);
	search_key_file(h->o, h->name.data, h->v.data, h->v.len, &f);
}

/* The ids of a value's part from p to its end (at one of stop). */
static size_t
hot_ids(const char *p, const char *end, const char *stop, uint32_t *ids,
    size_t max)
{
	const char *e = p;

	while (e < end && strchr(stop, *e) == NULL)
		e++;
	return ids_read(p, e, ids, max);
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
	end = u->enc + u->enclen;
	nl = (uint32_t)hot_ids(bar + 1, end, "#\n", lines, HOT_LINES + 1);
	bang = memchr(u->enc, '!', (size_t)(bar - u->enc));
	if (bang != NULL)
		nt = hot_ids(bang + 1, bar, "|", tids, HOT_TITLES + 1);
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

void
search_hot(struct sown *like, struct sown *named,
    const struct skey *keys, size_t cap,
    const struct skey *freq, size_t nfreq, const struct sline *text,
    const struct sline *titles, size_t ntitles, const struct lclass *cl,
    size_t ndocs)
{
	struct hot h;
	struct shsrc u;
	struct sown own;
	char bi[16];
	size_t i, d;
	uint32_t j, at, doc;
	int len;

	if (like->hd == NULL || like->hd->n == 0)
		return;
	memset(&own, 0, sizeof(own));
	own.dir = like->dir;
	own.werr = like->werr;
	own.hd = like->hd;
	memset(&h, 0, sizeof(h));
	h.o = &own;
	h.text = text;
	h.titles = titles;
	h.cl = cl;
	h.ndocs = ndocs;
	h.many = search_many_pages(own.hd);
	/* the strings with keys of their pages: they have files, or not */
	for (i = 0; i < nfreq; i++)
		if (freq[i].str != NULL && (freq[i].enc == NULL ||
		    strchr("!|", freq[i].enc[0]) == NULL) &&
		    utf8_count(freq[i].str, strlen(freq[i].str)) <= FREQ_DENSE)
			hset_in(&h.keys, freq[i].str, strlen(freq[i].str), 1);
	/* each page's title lines */
	h.tat = xcalloc(ndocs + 2, sizeof(*h.tat));
	for (i = 0; i < ntitles; i++)
		for (at = 0, doc = 0, j = 0; j < titles[i].pages.n; j++) {
			doc += varint_get(titles[i].pages.post, &at);
			if (doc < ndocs)
				h.tat[doc + 2]++;
		}
	for (d = 0; d < ndocs; d++)
		h.tat[d + 2] += h.tat[d + 1];
	h.tl = xcalloc(h.tat[ndocs + 1] + 1, sizeof(*h.tl));
	for (i = 0; i < ntitles; i++)
		for (at = 0, doc = 0, j = 0; j < titles[i].pages.n; j++) {
			doc += varint_get(titles[i].pages.post, &at);
			if (doc < ndocs)
				h.tl[h.tat[doc + 1]++] = (uint32_t)i;
		}
	h.acc = xcalloc(ndocs + 1, sizeof(*h.acc));
	h.ids = xcalloc(ndocs + 1, sizeof(*h.ids));
	buf_init(&h.v);
	buf_init(&h.tmp);
	buf_init(&h.name);
	/* the bigrams with their lines, in the table's order */
	for (i = 0; i < cap; i++) {
		const struct skey *k = &keys[i];

		if (k->enc == NULL || (k->key & 0x1fffff) == 0 ||
		    memchr(k->enc, '|', k->enclen) == NULL)
			continue;
		len = utf8_encode((unsigned)(k->key >> 21), bi);
		len += utf8_encode((unsigned)(k->key & 0x1fffff), bi + len);
		bi[len] = '\0';
		u.str = bi;
		u.enc = k->enc;
		u.enclen = k->enclen;
		hot_key(&h, &u);
	}
	/* then the keys of lines */
	for (i = 0; i < nfreq; i++)
		if (freq[i].str != NULL && freq[i].enc != NULL &&
		    strchr("!|", freq[i].enc[0]) != NULL &&
		    utf8_count(freq[i].str, strlen(freq[i].str)) <= FREQ_DENSE) {
			u.str = freq[i].str;
			u.enc = freq[i].enc;
			u.enclen = freq[i].enclen;
			hot_key(&h, &u);
		}
	buf_free(&h.v);
	buf_free(&h.tmp);
	buf_free(&h.name);
	free(h.sig);
	free(h.acc);
	free(h.ids);
	free(h.tat);
	free(h.tl);
	hset_free(&h.keys);
	hset_free(&h.seen);
	like->bytes = like->bytes < 0 || own.bytes < 0 ? -1 :
	    like->bytes + own.bytes;
	search_own_names(named, &own);
	sown_free(&own);
}
