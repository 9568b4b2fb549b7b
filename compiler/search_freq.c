/*
 * search_freq.c — the frequent strings of the search index. A query of
 * three characters or more is answered through the distinct lines
 * holding its bigrams (search.js): cheap when few lines hold it, not
 * for a string that thousands of different lines share (区受理点 in
 * every "…（某区受理点3）"). Such strings get keys of their own with
 * their pages and hits, found level by level (apriori): a string that
 * more than FREQ_LINES distinct lines hold is made of two such strings
 * one character shorter, so only those are counted at the next level.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

#define FREQ_LINES	32	/* more distinct lines than this: a key */
#define FREQ_MAX	8	/* characters, at most */

/* A string counted at one level: where it first stands, how many
 * lines hold it; if that makes it frequent, its lines and its hits in
 * each (occurrences that do not overlap, as search.js counts them: each
 * place is seen left to right). */
struct fgram {
	uint64_t	 hash;
	uint32_t	 line, off, len;	/* bytes of lines[line]->text */
	uint32_t	 n, last;		/* lines; the last one + 1 */
	/* Its lines and hits: varints of the gap to each line and of
	 * its hits, but for the last line (cur). */
	unsigned char	*v;
	uint32_t	 vlen, vcap;
	uint32_t	 np, first, lastl, cur;	/* lines, first, last */
	uint32_t	 end;			/* of the last hit counted */
};

struct ftab {
	struct fgram	*tab;		/* open addressing, len 0: empty */
	size_t		 cap, used;
};

static size_t
freq_slot(const struct ftab *t, const struct sline *const *lines,
    const char *p, uint32_t len, uint64_t h)
{
	size_t i = (size_t)(h >> 17) & (t->cap - 1);

	while (t->tab[i].len != 0 && (t->tab[i].hash != h ||
	    t->tab[i].len != len ||
	    memcmp(lines[t->tab[i].line]->text + t->tab[i].off, p, len) != 0))
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* Count line l for the string at p (once per line). */
static void
freq_count(struct ftab *t, const struct sline *const *lines, uint32_t l,
    uint32_t off, uint32_t len)
{
	const char *p = lines[l]->text + off;
	uint64_t h = hash_fnv(p, len);
	struct fgram *g;
	size_t i;

	if (2 * (t->used + 1) > t->cap) {
		struct fgram *old = t->tab;
		size_t ocap = t->cap;

		t->cap = ocap ? 2 * ocap : 1 << 12;
		t->tab = xcalloc(t->cap, sizeof(*t->tab));
		for (i = 0; i < ocap; i++)
			if (old[i].len != 0)
				t->tab[freq_slot(t, lines, lines[old[i].line]->text +
				    old[i].off, old[i].len, old[i].hash)] = old[i];
		free(old);
	}
	g = &t->tab[freq_slot(t, lines, p, len, h)];
	if (g->len == 0) {
		g->hash = h;
		g->line = l;
		g->off = off;
		g->len = len;
		t->used++;
	}
	if (g->last != l + 1) {
		g->last = l + 1;
		g->n++;
	}
}

/* A hit of a frequent string at off in line l (places come in order). */
static void
freq_hit(struct fgram *g, uint32_t l, uint32_t off)
{
	if (g->np > 0 && g->lastl == l) {
		if (off >= g->end) {
			g->cur++;
			g->end = off + g->len;
		}
		return;
	}
	if (g->np > 0)
		varint_put(&g->v, &g->vlen, &g->vcap, g->cur);
	else
		g->first = l;
	varint_put(&g->v, &g->vlen, &g->vcap, l - (g->np ? g->lastl : 0));
	g->lastl = l;
	g->cur = 1;
	g->np++;
	g->end = off + g->len;
}

static struct fgram *
freq_find(const struct ftab *t, const struct sline *const *lines, uint32_t l,
    uint32_t off, uint32_t len)
{
	const char *p = lines[l]->text + off;
	struct fgram *g = &t->tab[freq_slot(t, lines, p, len,
	    hash_fnv(p, len))];

	return g->len != 0 ? g : NULL;
}

/*
 * Strings with the same lines and the same hits in each have the same
 * pages and hits: the first one's value is made, the others' refer to
 * it ("=" and its string). A class of them, by (line, hits) pairs.
 */
struct fclass {
	uint64_t	 hash;
	unsigned char	*v;		/* the lines and hits (fgram) */
	uint32_t	 n;		/* bytes */
	const char	*str;		/* the first string's key */
};

struct fsig {
	struct fclass	*tab;
	size_t		 cap, used;
};

/* The class of the lines and hits v (n bytes), or NULL after adding
 * them as a new one. */
static const struct fclass *
freq_class(struct fsig *t, const unsigned char *v, uint32_t n, const char *str)
{
	uint64_t h = hash_fnv((const char *)v, n);
	size_t i;

	if (2 * (t->used + 1) > t->cap) {
		struct fclass *old = t->tab;
		size_t ocap = t->cap;

		t->cap = ocap ? 2 * ocap : 1 << 10;
		t->tab = xcalloc(t->cap, sizeof(*t->tab));
		for (i = 0; i < ocap; i++)
			if (old[i].v != NULL) {
				size_t j = (size_t)(old[i].hash >> 17) & (t->cap - 1);

				while (t->tab[j].v != NULL)
					j = (j + 1) & (t->cap - 1);
				t->tab[j] = old[i];
			}
		free(old);
	}
	for (i = (size_t)(h >> 17) & (t->cap - 1); t->tab[i].v != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (t->tab[i].hash == h && t->tab[i].n == n &&
		    memcmp(t->tab[i].v, v, n) == 0)
			return &t->tab[i];
	t->tab[i].hash = h;
	t->tab[i].v = xmalloc(n + 1);
	memcpy(t->tab[i].v, v, n);
	t->tab[i].n = n;
	t->tab[i].str = str;
	t->used++;
	return NULL;
}

/*
 * The key of a frequent string: the pages of its lines, each page's
 * hits the sum of its lines' hits times how often it holds them; or a
 * reference to an earlier string of its class. acc (ndocs, zero) and
 * ids are scratch.
 */
static void
freq_key(struct skey *k, struct fgram *g, const struct sline *const *lines,
    const struct sline *text, size_t ntext, size_t ndocs, struct fsig *sig,
    uint32_t *acc, uint32_t *ids, struct buf *tmp)
{
	const char *s = lines[g->line]->text + g->off;
	uint32_t i, j, n, at, doc, tl, *pairs;
	const struct fclass *cl;
	struct skey t;
	struct buf e;

	memset(k, 0, sizeof(*k));
	k->str = xstrndup(s, g->len);
	{
		unsigned c1 = 0, c2 = 0;
		int m = utf8_next(s, g->len, &c1);

		if (m > 0)
			utf8_next(s + m, g->len - (size_t)m, &c2);
		k->key = (uint64_t)c1 << 21 | c2;
	}
	/* The last line's hits, then the class of the whole. */
	varint_put(&g->v, &g->vlen, &g->vcap, g->cur);
	buf_init(&e);
	if ((cl = freq_class(sig, g->v, g->vlen, k->str)) != NULL) {
		buf_putc(&e, '=');
		esc_json(&e, cl->str);
		k->enclen = e.len;
		k->enc = buf_detach(&e);
		return;
	}
	pairs = xreallocarray(NULL, 2 * (size_t)g->np, sizeof(*pairs));
	for (at = 0, doc = 0, i = 0; i < g->np; i++) {
		doc += varint_get(g->v, &at);
		pairs[2 * i] = doc;
		pairs[2 * i + 1] = varint_get(g->v, &at);
	}
	for (tl = 0; tl < g->np && pairs[2 * tl] < ntext; tl++)
		;
	search_pages(k, text, pairs, tl, ndocs, acc, ids);
	search_ids(&e, k, tmp);
	search_hits(&e, k);
	/* The pages of its title lines (they come after the text's). */
	for (n = 0, i = tl; i < g->np; i++) {
		const struct sline *l = lines[pairs[2 * i]];

		for (at = 0, doc = 0, j = 0; j < l->pages.n; j++) {
			doc += varint_get(l->pages.post, &at);
			if (acc[doc] == 0)
				ids[n++] = doc;
			acc[doc] = 1;
		}
	}
	if (n > 0) {
		qsort(ids, n, sizeof(*ids), search_idcmp);
		memset(&t, 0, sizeof(t));
		for (i = 0; i < n; i++) {
			skey_add(&t, ids[i]);
			acc[ids[i]] = 0;
		}
		buf_putc(&e, '!');
		search_ids(&e, &t, tmp);
		free(t.post);
		free(t.hits);
	}
	free(pairs);
	k->enclen = e.len;
	k->enc = buf_detach(&e);
	free(k->post);
	free(k->hits);
	k->post = k->hits = NULL;
}

static void
ftab_free(struct ftab *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->tab[i].v);
	free(t->tab);
	memset(t, 0, sizeof(*t));
}

size_t
search_freq(const struct sline *text, size_t ntext,
    const struct sline *titles, size_t ntitles, size_t ndocs,
    struct skey **out)
{
	size_t nlines = ntext + ntitles;
	const struct sline **lines = xcalloc(nlines + 1, sizeof(*lines));
	struct ftab t = { 0 };
	struct fsig sig = { 0 };
	struct buf tmp;
	size_t total = 0, nout = 0, l, i;
	size_t *base = xcalloc(nlines + 1, sizeof(*base));
	unsigned char *glen;		/* bytes of the frequent string at
					   each place of the lines, 0: none */
	uint32_t *acc = xcalloc(ndocs + 1, sizeof(*acc));
	uint32_t *ids = xcalloc(ndocs + 1, sizeof(*ids));
	int k, any = 1;

	for (l = 0; l < nlines; l++)
		lines[l] = l < ntext ? &text[l] : &titles[l - ntext];
	for (l = 0; l < nlines; l++) {
		base[l] = total;
		total += lines[l]->len;
	}
	base[nlines] = total;
	glen = xcalloc(total + 1, 1);
	/* Level 1: every character. */
	for (l = 0; l < nlines; l++)
		for (i = 0; i < lines[l]->len; ) {
			unsigned cp;
			int m = utf8_next(lines[l]->text + i, lines[l]->len - i, &cp);

			if (m <= 0)
				m = 1;
			glen[base[l] + i] = (unsigned char)m;
			i += (size_t)m;
		}
	buf_init(&tmp);
	*out = NULL;
	for (k = 2; k <= FREQ_MAX && any; k++) {
		/* Count the strings of k characters made of two frequent
		 * ones of k - 1, then keep the frequent ones. */
		for (l = 0; l < nlines; l++) {
			const unsigned char *g = glen + base[l];

			for (i = 0; i < lines[l]->len; i++) {
				size_t c = i + 1;

				if (g[i] == 0)
					continue;
				while (c < lines[l]->len && (lines[l]->text[c] & 0xc0) == 0x80)
					c++;
				if (c >= lines[l]->len || g[c] == 0)
					continue;
				freq_count(&t, lines, (uint32_t)l, (uint32_t)i,
				    (uint32_t)(c - i + g[c]));
			}
		}
		any = 0;
		for (l = 0; l < nlines; l++) {
			unsigned char *g = glen + base[l];

			for (i = 0; i < lines[l]->len; i++) {
				size_t c = i + 1;
				struct fgram *f;

				if (g[i] == 0)
					continue;
				while (c < lines[l]->len && (lines[l]->text[c] & 0xc0) == 0x80)
					c++;
				if (c >= lines[l]->len || g[c] == 0) {
					g[i] = 0;
					continue;
				}
				f = freq_find(&t, lines, (uint32_t)l, (uint32_t)i,
				    (uint32_t)(c - i + g[c]));
				/* g[c] is read before g[i] changes: c > i. */
				g[i] = f != NULL && f->n > FREQ_LINES ?
				    (unsigned char)f->len : 0;
				any |= g[i] != 0;
				if (g[i] != 0 && k >= 3)
					freq_hit(f, (uint32_t)l, (uint32_t)i);
			}
		}
		if (k >= 3)
			for (i = 0; i < t.cap; i++)
				/* (No key for a string of titles only: no
				 * page's text holds it.) */
				if (t.tab[i].len != 0 && t.tab[i].n > FREQ_LINES &&
				    t.tab[i].first < ntext)
					freq_key(VEC_PUSH(out, &nout), &t.tab[i],
					    lines, text, ntext, ndocs, &sig, acc,
					    ids, &tmp);
		ftab_free(&t);
	}
	buf_free(&tmp);
	for (i = 0; i < sig.cap; i++)
		free(sig.tab[i].v);
	free(sig.tab);
	free(base);
	free(glen);
	free(lines);
	free(acc);
	free(ids);
	return nout;
}
