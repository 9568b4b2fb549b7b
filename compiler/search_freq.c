/*
 * search_freq.c — the frequent strings of the search index. A query of
 * three characters or more is answered through the distinct lines
 * holding its bigrams (search.js): cheap when few lines hold it, not
 * for a string that thousands of different lines share (区受理点 in
 * every "…（某区受理点3）"). Such strings get keys of their own with
 * their pages and hits, found level by level (apriori): a string that
 * more than FREQ_LINES distinct lines hold is made of two such strings
 * one character shorter, so only those are counted at the next level.
 * A string is known by a number at each level (its code point at the
 * first), the next level's by the pair of numbers of its halves: a
 * level is a pass over the places named with one probe each (none for
 * a string that extends the same way at all its places: freq_see),
 * and the strings are never hashed or compared as text. Keys are made
 * in order of level and first place, not of any table. A level's
 * counts, hits and keys are made by two threads, in parts that do not
 * depend on timing.
 */
#define _GNU_SOURCE	/* memmem */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

#define FREQ_LINES	32	/* more distinct lines than this: a key */
/* Once fewer than one character in FREQ_SPARSE starts a frequent
 * string, a level is a pass over the list of those places and their
 * names, not over every character's name (8 bytes a place, not 4 a
 * character: at most as much memory). */
#define FREQ_SPARSE	2
#ifndef FREQ_MAX
#define FREQ_MAX	200	/* characters, at most */
#endif

/*
 * A string counted at one level, named by the pair of strings one
 * character shorter that it is made of (two strings of k characters
 * are the same if their first k - 1 and their last k - 1 characters
 * are): how many lines hold it, where it first stands, and if that
 * makes it frequent, its name at this level, its lines and its hits in
 * each (occurrences that do not overlap, as search.js counts them: each
 * place is seen left to right).
 */
struct fgram {
	/* Its lines and hits: varints of the gap to each line and of
	 * its hits, but for the last line (cur). What a place counted
	 * reads and writes comes first (mostly one cache line). */
	unsigned char	*v;
	uint32_t	 vlen, vcap;
	uint32_t	 n, last;	/* lines; the last one + 1 */
	uint32_t	 np, lastl, cur;	/* lines, the last, its hits */
	uint32_t	 end;			/* character after the last hit */
	uint32_t	 first;			/* line */
	uint32_t	 name;		/* 1, 2, … if frequent, else 0 */
	uint64_t	 pair;		/* names of its two halves */
	uint32_t	 line, pos;	/* first place: line, character */
	size_t		 boff, blast;	/* its bytes there: first, last's */
	/* Its key, or past FREQ_DENSE the key whose chain to the right
	 * (rhold) or to the left (lhold) it is on (freq_chain): index + 1
	 * in the keys, 0 if it has no pages or is on the other chain. */
	uint32_t	 rhold, lhold;
	uint32_t	 rch, lch;	/* their chains (index + 1), if begun */
	/* Its first half's index + 1 in the last level if it is that
	 * string's only extension to the right (freq_see): then its
	 * places, lines and hits are its half's, and v is its half's
	 * (closed), given to it (lent) when the half's table is freed. */
	uint32_t	 from;
	unsigned char	 lent;
	/* The key whose value is the first with its lines and hits (its
	 * own, or "=" refers to it), once it has a key or is on a chain. */
	const char	*cls;
	/* A string one longer is on its chain to the right, the left. */
	unsigned char	 rext, lext;
};

/* The strings of one level in order of first place, and a table of
 * their pairs (open addressing, index + 1, 0: empty). */
struct ftab {
	struct fgram	*v;
	size_t		 n, cap;
	struct fslot {
		uint64_t	 pair;
		uint32_t	 at;
	}		*tab;
	size_t		 tcap, used;	/* strings in tab: not those with from */
	uint32_t	*byname;	/* index of each frequent one's name - 1 */
};

static size_t
freq_hash(uint64_t pair, size_t cap)
{
	return (size_t)((pair * 0x9E3779B97F4A7C15ull) >> 24) & (cap - 1);
}

static void
freq_grow(struct ftab *t)
{
	size_t i, j, ocap = t->tcap;
	struct fslot *old = t->tab;

	t->tcap = ocap ? 2 * ocap : 1 << 12;
	t->tab = xcalloc(t->tcap, sizeof(*t->tab));
	for (i = 0; i < ocap; i++)
		if (old[i].at != 0) {
			for (j = freq_hash(old[i].pair, t->tcap); t->tab[j].at;
			    j = (j + 1) & (t->tcap - 1))
				;
			t->tab[j] = old[i];
		}
	free(old);
}

/* A new string at the end of t's, zero. */
static struct fgram *
freq_new(struct ftab *t)
{
	struct fgram *g;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1 << 12;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	g = &t->v[t->n++];
	memset(g, 0, sizeof(*g));
	return g;
}

/* Count line l for the string named pair at character pos (once per
 * line); returns its index + 1. */
static uint32_t
freq_count(struct ftab *t, uint64_t pair, uint32_t l, uint32_t pos)
{
	struct fgram *g;
	size_t i;

	if (2 * (t->used + 1) > t->tcap)
		freq_grow(t);
	for (i = freq_hash(pair, t->tcap); t->tab[i].at != 0;
	    i = (i + 1) & (t->tcap - 1))
		if (t->tab[i].pair == pair)
			break;
	if (t->tab[i].at == 0) {
		g = freq_new(t);
		g->pair = pair;
		g->line = l;
		g->pos = pos;
		t->tab[i].pair = pair;
		t->tab[i].at = (uint32_t)t->n;
		t->used++;
	}
	g = &t->v[t->tab[i].at - 1];
	if (g->last != l + 1) {
		g->last = l + 1;
		g->n++;
	}
	return t->tab[i].at;
}

static void	ftab_free(struct ftab *);

/* A hit of a frequent string of k characters at character pos of line l
 * (places come in order). */
static void
freq_hit(struct fgram *g, uint32_t l, uint32_t pos, uint32_t k)
{
	if (g->np > 0 && g->lastl == l) {
		if (pos >= g->end) {
			g->cur++;
			g->end = pos + k;
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
	g->end = pos + k;
}

/*
 * How each frequent string of a level extends to the right, seen at
 * its places in order (freq_see): by the same string at all of them,
 * none closer to the next than the next level's length, or not. Every
 * place of a frequent string is named, so that string one longer then
 * stands at the same places, in the same lines with the same hits (each
 * place is a hit of both): it is made from its half once (freq_same),
 * not counted place by place. Past the first levels most places are of
 * such strings (N=1000: 80% of all the places counted). Places are
 * 32 bits here (seen only if there are fewer characters).
 */
#define FREQ_OTHER	UINT32_MAX	/* not one extension */

struct fext {
	uint32_t	 right;		/* the name after it, 0: not seen */
	uint32_t	 last;		/* the last place seen */
};

static void
freq_see(struct fext *e, uint32_t p, uint32_t right, uint32_t k)
{
	if (e->right == 0)
		e->right = right != 0 ? right : FREQ_OTHER;
	else if (right != e->right || p - e->last < k)
		e->right = FREQ_OTHER;
	e->last = p;
}

/* The string of this level that the last level's frequent string named
 * h extends to (right: its second half) at all its places: the half's
 * count, first place, lines and hits (closed). Returns its index + 1. */
static uint32_t
freq_same(struct ftab *t, const struct ftab *prev, uint32_t h, uint32_t right)
{
	uint32_t from = prev->byname[h - 1];
	const struct fgram *f = &prev->v[from];
	struct fgram *g = freq_new(t);

	g->pair = (uint64_t)h << 32 | right;
	g->n = f->n;
	g->line = f->line;
	g->pos = f->pos;
	g->v = f->v;
	g->vlen = f->vlen;
	g->vcap = f->vcap;
	g->np = f->np;
	g->first = f->first;
	g->lastl = f->lastl;
	g->from = from + 1;
	return (uint32_t)t->n;
}

/*
 * A level is counted by two threads, each over its half of the lines
 * (by characters) into its own table; the names of the places are
 * indices + 1 in that table. The second half's strings then follow the
 * first's, those it does not hold in their own order: all its lines
 * come after the first half's, so the order of first place is the same
 * as one count's.
 */
struct fcount {
	struct ftab	*t;
	uint32_t	*name;		/* of each place */
	const size_t	*base;
	const uint32_t	*at;		/* the places, NULL: every character */
	size_t		 from, to, nat;	/* places */
	size_t		 line;		/* the line of the first */
	uint32_t	 k;
	const struct ftab *prev;	/* the last level's strings, */
	const struct fext *ext;		/* by name, or NULL */
	uint32_t	*same;		/* by name: freq_same's, 0: not yet */
};

/* The character of place j: at[j], or j itself before there is a list
 * of places (the first levels). */
static size_t
freq_place(const uint32_t *at, size_t j)
{
	return at != NULL ? at[j] : j;
}

/* A string of k characters at i stands where one of k - 1 does and
 * another starts at i + 1, in the same line (the last character of a
 * line is named 0 from level 2 on, so a place's next is in its line).
 * From level 3 on, its hits are seen there too. */
static void *
freq_counts(void *arg)
{
	const struct fcount *c = arg;
	uint32_t *name = c->name, h, n, pos;
	size_t l = c->line, i, j;

	for (j = c->from; j < c->to; j++) {
		if ((h = name[j]) == 0)
			continue;
		if (c->ext != NULL && c->ext[h].right != FREQ_OTHER) {
			if (c->same[h] == 0)
				c->same[h] = freq_same(c->t, c->prev, h,
				    c->ext[h].right);
			name[j] = c->same[h];
			continue;
		}
		i = freq_place(c->at, j);
		while (c->base[l + 1] <= i)
			l++;
		if (i + 1 >= c->base[l + 1] || (c->at != NULL &&
		    (j + 1 == c->nat || c->at[j + 1] != i + 1)) ||
		    name[j + 1] == 0) {
			name[j] = 0;
			continue;
		}
		pos = (uint32_t)(i - c->base[l]);
		n = freq_count(c->t, (uint64_t)h << 32 | name[j + 1],
		    (uint32_t)l, pos);
		if (c->k >= 3)
			freq_hit(&c->t->v[n - 1], (uint32_t)l, pos, c->k);
		name[j] = n;
	}
	return NULL;
}

/* gb's lines and hits (all after ga's: ga has some if gb has) after
 * ga's; gb's are freed. */
static void
freq_join(struct fgram *ga, struct fgram *gb)
{
	uint32_t at = 0, m;

	ga->n += gb->n;
	if (gb->np == 0)
		return;
	varint_get(gb->v, &at);		/* its first line, from 0 */
	varint_put(&ga->v, &ga->vlen, &ga->vcap, ga->cur);
	varint_put(&ga->v, &ga->vlen, &ga->vcap, gb->first - ga->lastl);
	m = gb->vlen - at;
	if (ga->vlen + m > ga->vcap) {
		ga->vcap = ga->vlen + m;
		ga->v = xrealloc(ga->v, ga->vcap);
	}
	memcpy(ga->v + ga->vlen, gb->v + at, m);
	ga->vlen += m;
	ga->np += gb->np;
	ga->lastl = gb->lastl;
	ga->cur = gb->cur;
	ga->end = gb->end;
	free(gb->v);
}

/* b's strings into t, after t's (same: t's freq_same strings); b is
 * freed. Returns the index + 1 in t of each of b's. */
static uint32_t *
freq_merge(struct ftab *t, struct ftab *b, const uint32_t *same)
{
	uint32_t *map = xcalloc(b->n + 1, sizeof(*map));
	size_t i, j;

	for (j = 0; j < b->n; j++) {
		struct fgram *gb = &b->v[j];

		if (gb->from != 0) {
			if ((map[j] = same[gb->pair >> 32]) == 0) {
				*freq_new(t) = *gb;
				map[j] = (uint32_t)t->n;
			}
			gb->v = NULL;
			continue;
		}
		if (2 * (t->used + 1) > t->tcap)
			freq_grow(t);
		for (i = freq_hash(gb->pair, t->tcap); t->tab[i].at != 0;
		    i = (i + 1) & (t->tcap - 1))
			if (t->tab[i].pair == gb->pair)
				break;
		if (t->tab[i].at == 0) {
			*freq_new(t) = *gb;
			t->tab[i].pair = gb->pair;
			t->tab[i].at = (uint32_t)t->n;
			t->used++;
		} else
			freq_join(&t->v[t->tab[i].at - 1], gb);
		gb->v = NULL;
		map[j] = t->tab[i].at;
	}
	ftab_free(b);
	return map;
}

/*
 * Each place's name becomes the name of its string at this level, 0 if
 * not frequent (from a small table: the strings themselves are
 * scattered); with a list of places, only those named stay in it. From
 * level 3 on (with hits), how each frequent string extends is seen
 * too, a place behind (freq_see). By the two threads that counted, each
 * over its places with its own table (the second's places are still
 * named by its own strings) and its own extensions, joined after
 * (freq_seen).
 */
struct frename {
	uint32_t	*name, *at;
	const uint32_t	*ren;
	struct fext	*next;		/* or NULL */
	size_t		 from, to;	/* places */
	size_t		 kept;		/* named, from from on */
	uint32_t	 k;		/* the next level's */
};

static void *
freq_renames(void *arg)
{
	struct frename *r = arg;
	uint32_t *name = r->name, *at = r->at, n, ph = 0;
	size_t i, j = r->from, p, pp = 0;

	for (i = r->from; i < r->to; i++) {
		if (name[i] == 0)
			continue;
		p = freq_place(at, i);
		n = r->ren[name[i] - 1];
		if (at == NULL)
			name[i] = n;
		else if (n != 0) {
			at[j] = (uint32_t)p;
			name[j] = n;
		}
		j += n != 0;
		if (r->next != NULL) {
			if (ph != 0)
				freq_see(&r->next[ph], (uint32_t)pp,
				    pp + 1 == p ? n : 0, r->k);
			ph = n;
			pp = p;
		}
	}
	if (ph != 0)
		freq_see(&r->next[ph], (uint32_t)pp, 0, r->k);
	r->kept = j - r->from;
	return NULL;
}

/* The extensions seen in b (of n strings) after those seen in a: b's
 * places are in later lines (no hit there overlaps one in a's). */
static void
freq_seen(struct fext *a, const struct fext *b, uint32_t n)
{
	uint32_t h;

	for (h = 1; h <= n; h++)
		if (a[h].right == 0)
			a[h] = b[h];
		else if (b[h].right != 0 && b[h].right != a[h].right)
			a[h].right = FREQ_OTHER;
}

/* The bytes of the character at s (n > 0) and its level-1 name. */
static int
freq_char(const char *s, size_t n, uint32_t *name)
{
	unsigned cp;
	int m = utf8_next(s, n, &cp);

	if (m <= 0) {
		m = 1;
		cp = 0x110000 + (unsigned char)s[0];
	}
	if (name != NULL)
		*name = cp + 1;
	return m;
}

/*
 * A key past FREQ_DENSE characters lives in the shard of its first
 * FREQ_DENSE + 1 characters, not of its first two: its code is a hash
 * of those, of the first five and of the next four (search.js, shard).
 * Strings past 8 characters are mostly of a few hundred phrases, and
 * begin with a few bigrams (城区, 区受): in their bigrams' shards they
 * made those of N=10000 up to 1.4 MB, loaded by every query holding
 * the bigram.
 */
static void
freq_spread(struct skey *k, size_t len)
{
	k->key = shard_spread(k->str, len);
}

/* Where g's nchars characters at its first place are in their line
 * (boff, blast): one character more than its half h's if it is that
 * one's only extension (the same first place), else counted. */
static void
freq_bytes(struct fgram *g, const struct fgram *h, uint32_t nchars,
    const struct sline *const *lines)
{
	const struct sline *fl = lines[g->line];
	size_t off;
	uint32_t i;

	if (h != NULL) {
		g->boff = h->boff;
		g->blast = h->blast + (size_t)freq_char(fl->text + h->blast,
		    fl->len - h->blast, NULL);
		return;
	}
	for (off = 0, i = 0; i < g->pos; i++)
		off += (size_t)freq_char(fl->text + off, fl->len - off, NULL);
	g->boff = off;
	for (i = 1; i < nchars; i++)
		off += (size_t)freq_char(fl->text + off, fl->len - off, NULL);
	g->blast = off;
}

/* A key's text, nchars characters at g's first place, and its code. */
static void
freq_name(struct skey *k, const struct fgram *g, uint32_t nchars,
    const struct sline *const *lines)
{
	const struct sline *fl = lines[g->line];
	size_t off = g->boff, end;
	unsigned c1 = 0, c2 = 0;
	int m;

	memset(k, 0, sizeof(*k));
	end = g->blast + (size_t)freq_char(fl->text + g->blast,
	    fl->len - g->blast, NULL);
	k->str = xstrndup(fl->text + off, end - off);
	if (nchars > FREQ_DENSE) {
		freq_spread(k, end - off);
		return;
	}
	if ((m = utf8_next(k->str, end - off, &c1)) > 0)
		utf8_next(k->str + m, end - off - (size_t)m, &c2);
	k->key = (uint64_t)c1 << 21 | c2;
}

/* g's lines and hits are complete: its last line's hits go in too
 * (those of freq_same are its half's, closed). */
static void
freq_close(struct fgram *g)
{
	if (g->from == 0)
		varint_put(&g->v, &g->vlen, &g->vcap, g->cur);
}

/* g's (line, hits) pairs (closed). */
static uint32_t *
freq_pairs(const struct fgram *g)
{
	uint32_t *pairs = xreallocarray(NULL, 2 * (size_t)g->np + 1,
	    sizeof(*pairs));
	uint32_t i, at, line;

	for (at = 0, line = 0, i = 0; i < g->np; i++) {
		line += varint_get(g->v, &at);
		pairs[2 * i] = line;
		pairs[2 * i + 1] = varint_get(g->v, &at);
	}
	return pairs;
}

/*
 * The value of a frequent string that refers to no other (freq_start):
 * the pages of its lines, each page's hits the sum of its lines' hits
 * times how often it holds them, and its title hits (lc: the classes
 * of the text lines; ps, tmp: scratch).
 */
static void
freq_key(struct skey *k, const struct fgram *g,
    const struct sline *const *lines, size_t ntext,
    const struct lclass *lc, size_t ndocs, struct pscratch *ps,
    struct buf *tmp)
{
	uint32_t tl, *pairs = freq_pairs(g);
	struct buf e;

	buf_init(&e);
	for (tl = 0; tl < g->np && pairs[2 * tl] < ntext; tl++)
		;
	search_pages(&e, lc, pairs, tl, ndocs, ps, tmp);
	search_titles(&e, lines, pairs, tl, g->np, ps->acc, ps->ids, tmp);
	free(pairs);
	k->enclen = e.len;
	k->enc = buf_detach(&e);
}

/*
 * The values of a level's keys are made by two threads (making their
 * pages was most of the frequent strings' time, the critical path of
 * search_write): each takes the next few keys to make, with its own
 * scratch. Which thread makes a key never changes its value.
 */
struct fjob {
	const struct fgram	*g;
	struct skey		*k;
	int			 lines;		/* a key of lines */
};

struct fwork {
	const struct fjob	*jobs;
	size_t			 n, next;
	pthread_mutex_t		 lock;
	const struct sline *const *lines;
	size_t			 ntext, ndocs;
	const struct lclass	*lc;
	const unsigned char	*rank;		/* of each page, npages */
	size_t			 npages;
};

/*
 * The key of a string of FREQ_MAX characters at most that is not
 * frequent but both of whose halves are (or that no text line holds):
 * no pages, "!" and the pages whose titles may hold it, "|" and the
 * text lines holding it, at most FREQ_LINES, then "#" and the title
 * shards of its own first page (search_hint). Every longer query that
 * is not frequent holds such a string or a bigram of as few lines
 * (doc/portal.md, "Bounds"): search.js checks those lines only.
 */
static void
freq_lines_key(struct skey *k, const struct fgram *g, const struct fwork *w,
    struct pscratch *ps, struct buf *tmp)
{
	uint32_t tl, *pairs = freq_pairs(g);
	struct skey t;
	struct buf e;

	buf_init(&e);
	memset(&t, 0, sizeof(t));
	for (tl = 0; tl < g->np && pairs[2 * tl] < w->ntext; tl++)
		skey_add(&t, pairs[2 * tl]);
	search_titles(&e, w->lines, pairs, tl, g->np, ps->acc, ps->ids, tmp);
	buf_putc(&e, '|');
	if (t.n > 0)
		search_ids(&e, &t, tmp);
	if (tl > 0 && w->rank != NULL)
		search_hint(&e, w->lc, pairs, tl, w->rank, w->npages, ps, tmp);
	free(t.post);
	free(t.hits);
	free(pairs);
	k->enclen = e.len;
	k->enc = buf_detach(&e);
}

struct fmaker {
	struct fwork		*w;
	struct pscratch		 ps;
	struct buf		 tmp;
};

#define FREQ_TAKE	16	/* keys a thread takes at a time */

static void *
freq_make(void *arg)
{
	struct fmaker *m = arg;
	struct fwork *w = m->w;
	size_t i, end;

	while (search_take(&w->lock, &w->next, w->n, FREQ_TAKE, &i, &end))
		for (; i < end; i++) {
			const struct fjob *j = &w->jobs[i];

			if (j->lines)
				freq_lines_key(j->k, j->g, w, &m->ps, &m->tmp);
			else
				freq_key(j->k, j->g, w->lines, w->ntext,
				    w->lc, w->ndocs, &m->ps, &m->tmp);
		}
	return NULL;
}

/*
 * The keys of a level's strings of nchars characters, in order of
 * first place: of the frequent strings with pages, and of the others
 * counted at this level with their lines (a string of titles only:
 * none). A frequent string whose lines and hits are an earlier one's
 * refers to it at once, here; the other values are made by a thread of
 * their own (freq_make) while this one counts the next level, then by
 * both (freq_finish).
 */
struct fpend {
	struct fjob	*jobs;
	struct skey	*keys;		/* in *out, nkeys */
	size_t		 nkeys;
	pthread_t	 tid;
	int		 started;
};

/*
 * Past FREQ_DENSE, a frequent string with the same lines and hits as
 * its first half (the string one character shorter at its place) has
 * no key: it is on the chain of the key its half has or is on, which
 * lists, after the key's value and "\n", the characters that extend
 * it one by one with the same pages; else, the same with its second
 * half, on a chain to the left, after a second "\n", each character
 * before the last one added (doc/portal.md, "Frequent strings"). A
 * phrase of m characters standing whole in many lines then has about m
 * keys, not m * m / 2. A string is extended once each way (by the
 * first string in order of first place), and a key whose value has a
 * file of its own, or would grow past SEARCH_KEY_BYTES, has no chain
 * (its extension gets a key).
 */
struct fchains {
	struct fchain {
		uint32_t	 key;		/* in *out */
		int		 side;		/* 0: to the right */
		struct buf	 c;		/* its characters */
	}		*v;
	size_t		 n, cap;
};

/* Whether g (closed, frequent, with text lines) goes on its half h's
 * chain (side 0: to the right, 1: to the left), then added to it. */
static int
freq_link(struct fgram *g, struct fgram *h, int side,
    const struct skey *keys, struct fchains *ch, const struct sline *const *lines)
{
	uint32_t hold = side ? h->lhold : h->rhold;
	uint32_t *chain = side ? &h->lch : &h->rch;
	const struct sline *fl = lines[g->line];
	struct fchain *c;
	struct buf old;
	size_t off;
	int m;

	if (hold == 0 || (side ? h->lext : h->rext) || h->vlen != g->vlen ||
	    (h->v != g->v && memcmp(h->v, g->v, g->vlen) != 0) ||
	    keys[hold - 1].file > 0)
		return 0;
	/* Each side within half of what the value may grow by (as
	 * escaped, at most 6 bytes a byte). */
	if (keys[hold - 1].enclen + 2 * (6 * ((*chain ?
	    ch->v[*chain - 1].c.len : 0) + 4) + 2) > SEARCH_KEY_BYTES)
		return 0;
	if (*chain == 0) {
		if (ch->n == ch->cap) {
			ch->cap = ch->cap ? 2 * ch->cap : 1 << 10;
			ch->v = xreallocarray(ch->v, ch->cap, sizeof(*ch->v));
		}
		c = &ch->v[ch->n++];
		c->key = hold - 1;
		c->side = side;
		buf_init(&c->c);
		*chain = (uint32_t)ch->n;
	}
	c = &ch->v[*chain - 1];
	off = side ? g->boff : g->blast;
	m = freq_char(fl->text + off, fl->len - off, NULL);
	if (side == 0) {
		buf_putn(&c->c, fl->text + off, (size_t)m);
		h->rext = 1;
		g->cls = h->cls;
		g->rhold = hold;
		g->rch = *chain;
	} else {
		old = c->c;
		buf_init(&c->c);
		buf_putn(&c->c, fl->text + off, (size_t)m);
		if (old.len > 0)
			buf_putn(&c->c, old.data, old.len);
		buf_free(&old);
		h->lext = 1;
		g->cls = h->cls;
		g->lhold = hold;
		g->lch = *chain;
	}
	return 1;
}

static int
freq_chain(struct fgram *g, const struct ftab *prev,
    const struct skey *keys, struct fchains *ch, const struct sline *const *lines)
{
	if (prev == NULL || prev->byname == NULL)
		return 0;
	return freq_link(g, &prev->v[prev->byname[(g->pair >> 32) - 1]], 0,
	    keys, ch, lines) ||
	    freq_link(g, &prev->v[prev->byname[(g->pair & 0xffffffff) - 1]],
	    1, keys, ch, lines);
}

/* The key whose value g's is, NULL if none is yet (str, g's key, is
 * then): its half's if g is that one's only extension (freq_same: the
 * same lines and hits), else from the classes. */
static const char *
freq_eq(struct fgram *g, const struct ftab *prev, struct sclasses *sig,
    const char *str)
{
	const struct sclass *cl;

	if (g->from != 0 && prev->v[g->from - 1].cls != NULL)
		return g->cls = prev->v[g->from - 1].cls;
	cl = search_class(sig, g->v, g->vlen, str);
	g->cls = cl != NULL ? cl->str : str;
	return cl != NULL ? cl->str : NULL;
}

static void
freq_start(struct fpend *p, struct ftab *t, const struct ftab *prev,
    uint32_t nchars, struct fmaker m[2], struct sclasses *sig,
    struct fchains *ch, struct skey **out, size_t *nout)
{
	struct fwork *w = m[0].w;
	const char *eq;
	struct buf e;
	size_t i, nj = 0, nk = 0;

	p->jobs = xcalloc(t->n + 1, sizeof(*p->jobs));
	*out = xreallocarray(*out, *nout + t->n + 1, sizeof(**out));
	p->keys = *out + *nout;
	for (i = 0; i < t->n; i++) {
		struct fgram *g = &t->v[i];
		int lines = g->name == 0 || g->first >= w->ntext;
		struct skey *k;

		freq_close(g);
		freq_bytes(g, g->from != 0 ? &prev->v[g->from - 1] : NULL,
		    nchars, w->lines);
		if (!lines && nchars > FREQ_DENSE && freq_chain(g, prev, *out,
		    ch, w->lines))
			continue;
		k = &p->keys[nk];
		freq_name(k, g, nchars, w->lines);
		nk++;
		if (!lines)
			g->rhold = g->lhold = (uint32_t)(*nout + nk);
		if (!lines && (eq = freq_eq(g, prev, sig, k->str)) != NULL) {
			buf_init(&e);
			buf_putc(&e, '=');
			esc_json(&e, eq);
			k->enclen = e.len;
			k->enc = buf_detach(&e);
			continue;
		}
		p->jobs[nj].g = g;
		p->jobs[nj].k = k;
		p->jobs[nj++].lines = lines;
	}
	p->nkeys = nk;
	*nout += nk;
	w->jobs = p->jobs;
	w->n = nj;
	w->next = 0;
	p->started = pthread_create(&p->tid, NULL, freq_make, &m[1]) == 0;
	if (!p->started)
		freq_make(&m[1]);
}

/*
 * The strings on a chain to the left (left, L: the characters to the
 * left of key k, as written) of FREQ_DENSE + 1 characters or more, each
 * ended by a NUL, to marks (shard_marks). Each is a suffix of L and k:
 * it has no key, so the shard of its first FREQ_DENSE + 1 characters,
 * where a query that begins with it finds its prefixes' keys, does not
 * show it frequent without its mark (search.js, shown).
 */
static void
freq_marks(struct buf *marks, const char *left, const char *k)
{
	size_t len = strlen(left), nk = utf8_count(k, strlen(k)), nl, at;
	unsigned cp;
	int m;

	nl = utf8_count(left, len);
	for (at = 0; at < len; at += (size_t)(m > 0 ? m : 1), nl--) {
		m = utf8_next(left + at, len - at, &cp);
		if (nl + nk <= FREQ_DENSE)
			continue;
		buf_puts(marks, left + at);
		buf_puts(marks, k);
		buf_putc(marks, '\0');
	}
}

/* The chains after their keys' values: "\n" and the characters to
 * the right, and if any, "\n" and those to the left (right first:
 * each side of a key has one chain). */
static void
freq_chains(struct fchains *ch, struct skey *keys, size_t n,
    struct buf *marks)
{
	unsigned char *right = xcalloc(n + 1, 1);
	struct fchain *c;
	struct buf e;
	size_t i;
	int side;
	char *x;

	for (side = 0; side < 2; side++)
		for (i = 0; i < ch->n; i++) {
			if ((c = &ch->v[i])->side != side)
				continue;
			buf_init(&e);
			buf_putn(&e, keys[c->key].enc, keys[c->key].enclen);
			if (side == 1 && !right[c->key])
				buf_puts(&e, "\\n");
			buf_puts(&e, "\\n");
			x = buf_detach(&c->c);
			esc_json(&e, x);
			if (side == 1)
				freq_marks(marks, x, keys[c->key].str);
			free(x);
			free(keys[c->key].enc);
			keys[c->key].enclen = e.len;
			keys[c->key].enc = buf_detach(&e);
			right[c->key] = 1;
		}
	free(right);
	free(ch->v);
}

/* Help with the keys started, wait for them, and write the big values
 * (on this thread alone: it counts their bytes). */
static void
freq_finish(struct fpend *p, struct fmaker m[2], struct sown *own)
{
	size_t i;

	freq_make(&m[0]);
	if (p->started)
		pthread_join(p->tid, NULL);
	for (i = 0; i < p->nkeys; i++)
		search_own(own, &p->keys[i]);
	free(p->jobs);
	memset(p, 0, sizeof(*p));
}

static void
ftab_free(struct ftab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!t->v[i].lent)
			free(t->v[i].v);
	free(t->v);
	free(t->tab);
	free(t->byname);
	memset(t, 0, sizeof(*t));
}

/* The first place of the second half of the places (of the lines from
 * *line on): halves of the places, cut between two lines. */
static size_t
freq_split(const uint32_t *at, size_t nat, const size_t *base,
    size_t nlines, size_t *line)
{
	size_t mid = nat / 2, lo = 0, hi = nlines, l, j;

	if (nat == 0) {
		*line = 0;
		return 0;
	}
	mid = freq_place(at, nat / 2);
	while (lo < hi) {		/* the line of place mid */
		l = (lo + hi + 1) / 2;
		if (base[l] <= mid)
			lo = l;
		else
			hi = l - 1;
	}
	*line = lo;
	if (at == NULL)
		return base[lo];
	for (lo = 0, hi = nat; lo < hi; ) {	/* first place in line *line */
		j = (lo + hi) / 2;
		if (at[j] < base[*line])
			lo = j + 1;
		else
			hi = j;
	}
	return lo;
}

/*
 * The places named, in order, and their names: the names in the first
 * n of the characters' (*name), the places after them (*at, in the
 * same block). A bitmap keeps the places while the names move, not a
 * list beside all the characters' names.
 */
static size_t
freq_list(uint32_t **name, size_t total, uint32_t **at)
{
	unsigned char *named = xcalloc(total / 8 + 1, 1);
	uint32_t *v = *name;
	size_t i, n;

	for (n = 0, i = 0; i < total; i++)
		if (v[i] != 0) {
			named[i / 8] |= (unsigned char)(1 << i % 8);
			v[n++] = v[i];
		}
	*name = v = xreallocarray(v, 2 * n + 1, sizeof(*v));
	*at = v + n;
	for (n = 0, i = 0; i < total; i++)
		if (named[i / 8] >> i % 8 & 1)
			(*at)[n++] = (uint32_t)i;
	free(named);
	return n;
}

/* The list's block (*name, with cap places) made the size of its nat
 * places once they are half as many or fewer: the levels past the
 * first keep few of the places the list began with (N=10000: 13.6
 * million, a million past level 80), and the peak comes late. */
static void
freq_shrink(uint32_t **name, uint32_t **at, size_t nat, size_t *cap)
{
	if (nat > *cap / 2)
		return;
	memmove(*name + nat, *at, nat * sizeof(**at));
	*name = xreallocarray(*name, 2 * nat + 1, sizeof(**name));
	*at = *name + nat;
	*cap = nat;
}

size_t
search_freq(const struct sline *text, size_t ntext,
    const struct lclass *lc, const struct sline *titles, size_t ntitles, size_t ndocs,
    struct sown *own, struct skey **out, struct buf *marks)
{
	size_t nlines = ntext + ntitles;
	const struct sline **lines = xcalloc(nlines + 1, sizeof(*lines));
	struct ftab tt[2], *t;		/* this level's, the last one's */
	struct fpend pend = { 0 };
	struct sclasses sig = { 0 };
	struct fchains ch = { 0 };
	struct fwork w;
	struct fmaker m[2];
	size_t total = 0, ncap = 0, nout = 0, l, i, b;
	size_t *base = xcalloc(nlines + 1, sizeof(*base));
	uint32_t *name;		/* at each place (character of the lines,
				   then of at): the name of the frequent
				   string of k - 1 characters that starts
				   there, 0: none */
	uint32_t k, nfreq = 1, *ren = NULL, *map;
	uint32_t *at = NULL;	/* the places named, in name's block */
	struct fext *ext = NULL;	/* this level's halves' */
	size_t nat, j, half, nb, nlist = 0;

	/*
	 * Each level's tables are of other sizes than the last's, which
	 * glibc kept as free chunks it could not reuse (the build's peak
	 * is reached here). From here on a block of 256 KB or more is a
	 * mapping of its own, given back when it is freed. Before, the
	 * heaps were trimmed after each level that passed over most
	 * places (malloc_trim): that walked every heap under its lock
	 * while the other threads waited, and the pages it gave back were
	 * faulted in again by the next level. N=10000 on tmpfs, two
	 * alternating pairs: this phase 18.9-22.2 s with the trims,
	 * 10.2-12.4 s without; peaks 1,347-1,355 MB, 1,377-1,379 MB (no
	 * trims and glibc's blocks: 1,417-1,436 MB). The rest of the run
	 * gets main.c's threshold back.
	 */
	buf_init(marks);
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	/* Level 1: every character is frequent, named by its code point
	 * (a byte that is not UTF-8 by itself, above them). One pass: a
	 * line has at most as many characters as bytes. */
	name = NULL;
	for (l = 0; l < nlines; l++) {
		lines[l] = l < ntext ? &text[l] : &titles[l - ntext];
		base[l] = total;
		if (total + lines[l]->len + 1 > ncap) {
			ncap = 2 * (total + lines[l]->len + 1);
			name = xreallocarray(name, ncap, sizeof(*name));
		}
		for (b = 0; b < lines[l]->len; total++)
			b += (size_t)freq_char(lines[l]->text + b,
			    lines[l]->len - b, &name[total]);
	}
	base[nlines] = total;
	nat = total;
	name = xreallocarray(name, total + 1, sizeof(*name));
	name[total] = 0;
	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.lock, NULL);
	w.lines = lines;
	w.ntext = ntext;
	w.ndocs = ndocs;
	w.lc = lc;
	w.rank = own->hd != NULL ? own->hd->rank : NULL;
	w.npages = own->hd != NULL ? own->hd->n : 0;
	for (i = 0; i < 2; i++) {
		m[i].w = &w;
		pscratch_init(&m[i].ps, lc, ndocs);
		buf_init(&m[i].tmp);
	}
	*out = NULL;
	memset(tt, 0, sizeof(tt));
	for (k = 2; k <= FREQ_MAX && nfreq > 0; k++) {
		t = &tt[k % 2];
		/* Count the strings of k characters made of two frequent
		 * ones of k - 1 (a name becomes the string's index + 1:
		 * the pair at i is read before name[i] changes, and
		 * name[i + 1] after), then name the frequent ones. */
		{
			struct ftab tb;
			struct fcount c[2];

			memset(&tb, 0, sizeof(tb));
			c[0].t = t;
			c[1].t = &tb;
			for (i = 0; i < 2; i++) {
				c[i].name = name;
				c[i].base = base;
				c[i].at = at;
				c[i].nat = nat;
				c[i].k = k;
				c[i].prev = &tt[(k - 1) % 2];
				c[i].ext = ext;
				c[i].same = ext != NULL ?
				    xcalloc(nfreq + 1, sizeof(*c[i].same)) : NULL;
			}
			c[0].from = 0;
			c[0].line = 0;
			c[0].to = c[1].from = half = freq_split(at, nat, base,
			    nlines, &c[1].line);
			c[1].to = nat;
			search_pair(freq_counts, &c[0], &c[1]);
			nb = tb.n;
			map = freq_merge(t, &tb, c[0].same);
			free(c[0].same);
			free(c[1].same);
		}
		for (nfreq = 0, i = 0; i < t->n; i++) {
			t->v[i].name = t->v[i].n > FREQ_LINES ? ++nfreq : 0;
			if (t->v[i].from != 0)
				tt[(k - 1) % 2].v[t->v[i].from - 1].lent = 1;
		}
		t->byname = xreallocarray(NULL, nfreq + 1, sizeof(*t->byname));
		for (i = 0; i < t->n; i++)
			if (t->v[i].name != 0)
				t->byname[t->v[i].name - 1] = (uint32_t)i;
		ren = xreallocarray(ren, t->n + nb + 1, sizeof(*ren));
		for (i = 0; i < t->n; i++)
			ren[i] = t->v[i].name;
		for (i = 0; i < nb; i++)
			ren[t->n + i] = ren[map[i] - 1];
		free(map);
		{
			struct frename r[2];

			for (i = 0; i < 2; i++) {
				r[i].name = name;
				r[i].at = at;
				r[i].next = k >= 3 && total < UINT32_MAX ?
				    xcalloc(nfreq + 1, sizeof(*r[i].next)) : NULL;
				r[i].k = k + 1;
			}
			r[0].ren = ren;
			r[1].ren = ren + t->n;
			r[0].from = 0;
			r[0].to = r[1].from = half;
			r[1].to = nat;
			search_pair(freq_renames, &r[0], &r[1]);
			free(ext);
			if ((ext = r[0].next) != NULL)
				freq_seen(ext, r[1].next, nfreq);
			free(r[1].next);
			j = r[0].kept + r[1].kept;
			if (at != NULL) {
				memmove(at + r[0].kept, at + half,
				    r[1].kept * sizeof(*at));
				memmove(name + r[0].kept, name + half,
				    r[1].kept * sizeof(*name));
				nat = j;
				freq_shrink(&name, &at, nat, &nlist);
			} else if (j < total / FREQ_SPARSE &&
			    total < UINT32_MAX)
				nlist = nat = freq_list(&name, total, &at);
		}
		/* The last level's keys are done, then this one's begin
		 * while the next level is counted (its chains go on from
		 * the last one's keys). */
		if (pend.keys != NULL)
			freq_finish(&pend, m, own);
		if (k >= 3)
			freq_start(&pend, t, k >= 4 ? &tt[(k - 1) % 2] : NULL,
			    k, m, &sig, &ch, out, &nout);
		else
			ftab_free(t);
		if (k >= 4)
			ftab_free(&tt[(k - 1) % 2]);
	}
	if (pend.keys != NULL) {
		freq_finish(&pend, m, own);
		ftab_free(&tt[(k - 1) % 2]);
	}
	mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD);
	freq_chains(&ch, *out, nout, marks);
	for (i = 0; i < 2; i++) {
		pscratch_free(&m[i].ps);
		buf_free(&m[i].tmp);
	}
	pthread_mutex_destroy(&w.lock);
	sclasses_free(&sig);
	free(base);
	free(name);
	free(ren);
	free(ext);
	free(lines);
	return nout;
}
