/*
 * search.c — the portal's full-text search index: every indexed page's
 * text (one rule, search_text), a character unigram and bigram inverted
 * index over it, written as small JavaScript shards that search.js
 * loads with <script> tags, so search works from file:// and offline.
 * The index only narrows the candidates; search.js checks each against
 * the stored text, so results are exact. Keys are hashed into shards by
 * code points ((c1 * 31 + c2) % n), the same formula as search.js.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html.h"

#define SEARCH_SHARD_BYTES	48000	/* aim for index shards this big */
#define SEARCH_DOC_BYTES	64000	/* and document shards this big */

struct sdoc {
	char	*url, *title, *kind, *text;
	char	*aka;		/* synonyms, "\n"-separated, or NULL */
};

/* A key and its postings: the gaps between the ids of the documents
 * holding it, as LEB128 varints (most gaps fit one byte). */
struct skey {
	uint64_t	 key;		/* c1 << 21 | c2 (c2 0: unigram) */
	unsigned char	*post;		/* varint gaps, NULL: empty slot */
	uint32_t	 len, cap;	/* bytes */
	uint32_t	 n;		/* documents */
	uint32_t	 last;		/* last document id posted */
	char		*enc;		/* as written (search_postings) */
	size_t		 enclen;
};

struct search {
	struct sdoc	*docs;
	size_t		 ndocs;
	struct skey	*tab;		/* open addressing */
	size_t		 cap, used;
	/* The keys already posted for the current document: most keys
	 * repeat within a page, and the big table is slow to probe. */
	struct lslot {
		uint64_t key;
		uint32_t gen;
	}		*lset;		/* key and gen side by side */
	uint32_t	 gen;
	size_t		 lcap;
};

struct search *
search_new(void)
{
	struct search *s = xcalloc(1, sizeof(*s));

	s->cap = 1 << 12;
	s->tab = xcalloc(s->cap, sizeof(*s->tab));
	return s;
}

/*
 * Classify a tag name (lower case): 1 block element, 2 an element whose
 * content is skipped (svg, aside, script, style), 0 anything else.
 * A switch on the first letter: this runs for every tag of every page.
 */
static int
search_tag(const char *n, size_t len)
{
#define T(x) (len == sizeof(x) - 1 && memcmp(n, x, sizeof(x) - 1) == 0)
	switch (n[0]) {
	case 'a':
		return T("aside") ? 2 : T("address") || T("article");
	case 'b':
		return T("blockquote") || T("br");
	case 'c':
		return T("caption");
	case 'd':
		return T("dd") || T("details") || T("div") || T("dl") || T("dt");
	case 'f':
		return T("figcaption") || T("figure") || T("footer") || T("form");
	case 'h':
		return (len == 2 && n[1] >= '1' && n[1] <= '6') ||
		    T("header") || T("hr");
	case 'l':
		return T("li");
	case 'm':
		return T("main");
	case 'n':
		return T("nav");
	case 'o':
		return T("ol");
	case 'p':
		return T("p") || T("pre");
	case 's':
		if (T("svg") || T("script") || T("style"))
			return 2;
		return T("section") || T("summary");
	case 't':
		return T("table") || T("tbody") || T("td") || T("tfoot") ||
		    T("th") || T("thead") || T("tr");
	case 'u':
		return T("ul");
	default:
		return 0;
	}
#undef T
}

/*
 * The one rule for a page's text: inside the fragment, skip <svg>,
 * <aside> (the QR code box), <script> and <style> elements; a block element's tag is a line
 * break; character references are decoded; whitespace runs become one
 * space, or one newline if they hold a line break; lines are trimmed.
 */
void
search_text(struct buf *out, const char *h, size_t len)
{
	const char *p = h, *end = h + len, *skip = NULL, *run;
	int ws = 0, nl = 0, any = 0;

	buf_grow(out, len / 2 + 16);
	while (p < end) {
		if (*p == '<') {
			const char *q = p + 1, *t;
			char name[16];
			size_t n = 0;
			int close = 0;

			if (q < end && *q == '/') {
				close = 1;
				q++;
			}
			for (t = q; t < end && n < sizeof(name) - 1 &&
			    ((*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') ||
			    (*t >= 'A' && *t <= 'Z')); t++)
				name[n++] = (char)(*t | 0x20);
			name[n] = '\0';
			while (t < end && *t != '>')
				t++;
			p = t < end ? t + 1 : end;
			if (skip != NULL) {
				if (close && strcmp(name, skip) == 0)
					skip = NULL;
				continue;
			}
			switch (search_tag(name, n)) {
			case 2:
				if (!close)
					skip = name[0] == 'a' ? "aside" :
					    name[1] == 'v' ? "svg" :
					    name[1] == 'c' ? "script" : "style";
				break;
			case 1:
				ws = nl = 1;
				break;
			default:
				break;
			}
			continue;
		}
		if (skip != NULL) {
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			ws = 1;
			p++;
			continue;
		}
		/* Whitespace runs collapse; a run holding a block break is "\n". */
		if (ws && any)
			buf_putc(out, nl ? '\n' : ' ');
		ws = nl = 0;
		any = 1;
		if (*p == '&') {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			unsigned cp = 0;
			char u[4];

			if (semi != NULL && semi - p < 12) {
				if (strncmp(p, "&lt;", 4) == 0) cp = '<';
				else if (strncmp(p, "&gt;", 4) == 0) cp = '>';
				else if (strncmp(p, "&amp;", 5) == 0) cp = '&';
				else if (strncmp(p, "&quot;", 6) == 0) cp = '"';
				else if (strncmp(p, "&nbsp;", 6) == 0) cp = ' ';
				else if (p[1] == '#')
					cp = (unsigned)(p[2] == 'x' || p[2] == 'X' ?
					    strtoul(p + 3, NULL, 16) :
					    strtoul(p + 2, NULL, 10));
			}
			if (cp != 0) {
				buf_putn(out, u, (size_t)utf8_encode(cp, u));
				p = semi + 1;
				continue;
			}
		}
		/* Copy a run of plain text at once. */
		for (run = p; run < end && *run != '<' && *run != '&' &&
		    *run != ' ' && *run != '\n' && *run != '\t' && *run != '\r';
		    run++)
			;
		if (run == p)
			run++;
		buf_putn(out, p, (size_t)(run - p));
		p = run;
	}
	if (out->data == NULL)
		buf_puts(out, "");
}

static struct skey *
search_slot(struct search *s, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (s->cap - 1);

	while (s->tab[i].post != NULL && s->tab[i].key != key)
		i = (i + 1) & (s->cap - 1);
	return &s->tab[i];
}

static void
search_post(struct search *s, uint64_t key, uint32_t doc)
{
	struct skey *k;

	if (2 * (s->used + 1) > s->cap) {
		struct skey *old = s->tab;
		size_t i, ocap = s->cap;

		s->cap *= 2;
		s->tab = xcalloc(s->cap, sizeof(*s->tab));
		for (i = 0; i < ocap; i++)
			if (old[i].post != NULL)
				*search_slot(s, old[i].key) = old[i];
		free(old);
	}
	k = search_slot(s, key);
	if (k->post == NULL) {
		k->key = key;
		k->cap = 4;
		k->post = xmalloc(k->cap);
		k->last = 0;
		s->used++;
	} else if (k->last == doc)
		return;
	if (k->len + 5 > k->cap) {
		k->cap *= 2;
		k->post = xrealloc(k->post, k->cap);
	}
	{
		uint32_t gap = doc - k->last;

		while (gap >= 0x80) {
			k->post[k->len++] = (unsigned char)(gap | 0x80);
			gap >>= 7;
		}
		k->post[k->len++] = (unsigned char)gap;
	}
	k->last = doc;
	k->n++;
}

/* Post key for doc unless this document already did. */
static void
search_post_once(struct search *s, uint64_t key, uint32_t doc)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (s->lcap - 1);

	while (s->lset[i].gen == s->gen) {
		if (s->lset[i].key == key)
			return;
		i = (i + 1) & (s->lcap - 1);
	}
	s->lset[i].gen = s->gen;
	s->lset[i].key = key;
	search_post(s, key, doc);
}

static unsigned
search_lower(unsigned cp)
{
	return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
}

void
search_add(struct search *s, const char *url, const char *title,
    const char *kind, const char *html, size_t len)
{
	struct buf t;

	buf_init(&t);
	search_text(&t, html, len);
	search_add_text(s, url, title, kind, t.data ? buf_detach(&t) :
	    xstrdup(""), NULL);
}

void
search_add_text(struct search *s, const char *url, const char *title,
    const char *kind, char *text, const char *aka)
{
	struct sdoc *d;
	const char *p, *end;
	unsigned cp, prev = 0;
	uint32_t id = (uint32_t)s->ndocs;
	int n;

	d = VEC_PUSH(&s->docs, &s->ndocs);
	d->url = xstrdup(url);
	d->title = xstrdup(title);
	d->kind = xstrdup(kind);
	d->text = text;
	d->aka = aka ? xstrdup(aka) : NULL;
	end = d->text + strlen(d->text);
	{
		size_t need = 64;

		/* At most two keys per character; keep the set half empty. */
		while (need < 4 * (size_t)(end - d->text) / 3 + 8)
			need *= 2;
		if (need > s->lcap) {
			free(s->lset);
			s->lcap = need;
			s->lset = xcalloc(need, sizeof(*s->lset));
		}
		s->gen++;
	}
	for (p = d->text; p < end; p += n) {
		n = utf8_next(p, (size_t)(end - p), &cp);
		if (n <= 0) {
			n = 1;
			prev = 0;
			continue;
		}
		cp = search_lower(cp);
		if (cp == '\n') {
			prev = 0;
			continue;
		}
		if (cp != ' ')
			search_post_once(s, (uint64_t)cp << 21, id);
		if (prev != 0)
			search_post_once(s, (uint64_t)prev << 21 | cp, id);
		prev = cp;
	}
}

/* The shard of a key: (c1 * 31 + c2) % n, as in search.js. */
static size_t
search_shard(uint64_t key, size_t n)
{
	size_t c1 = (size_t)(key >> 21), c2 = (size_t)(key & 0x1fffff);

	return (c1 * 31 + c2) % n;
}

static int
search_keycmp(const void *a, const void *b)
{
	const struct skey *x = *(const struct skey *const *)a;
	const struct skey *y = *(const struct skey *const *)b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static long
search_file(const char *dir, const char *name, struct buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);
	long n = (long)b->len;
	/* Plain writes: the site lives in the build's temporary folder. */
	int rc = file_write(path, b->data ? b->data : "", b->len);

	free(path);
	buf_free(b);
	return rc == 0 ? n : -1;
}

static void
search_b36(struct buf *b, uint32_t v)
{
	char tmp[8];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36];
		v /= 36;
	} while (v);
	while (n)
		buf_putc(b, tmp[--n]);
}

/* The plan of the shards, shared by the writer threads. */
struct splan {
	const struct search	 *s;
	const char		 *dir;
	struct skey		**keys;		/* sorted, grouped by shard */
	size_t			 *kstart;	/* nshards + 1 offsets into keys */
	size_t			 *kbytes;	/* nshards + 1: sum of enclen */
	size_t			  nshards;
	size_t			 *dstart;	/* ndshards + 1 first doc ids */
	size_t			  ndshards;
	int			  nthreads;
};

struct swriter {
	const struct splan	*pl;
	int			 t;
	long			 bytes;		/* -1 on failure */
	pthread_t		 tid;
	int			 started;
};

/* The next gap of a posting list (7 bits a byte, high bit: more). */
static uint32_t
post_gap(const unsigned char *post, uint32_t *at)
{
	uint32_t	gap = 0;
	int		sh = 0;

	do {
		gap |= (uint32_t)(post[*at] & 0x7f) << sh;
		sh += 7;
	} while (post[(*at)++] & 0x80);
	return gap;
}

/*
 * A key's postings, whichever of two forms is shorter (the same input
 * gives the same choice): a list of base-36 gaps between document ids,
 * comma-separated, where "g~r" is the document at gap g followed by r
 * more consecutive ones; or "*" and a bitmap of the ids, 6 ids per
 * character (bit j of character i is id 6i + j; see B64 below), which is
 * shorter for a key that many pages hold.
 */
#define B64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

static void
search_postings(struct buf *b, const struct skey *k, struct buf *tmp)
{
	/* b receives the shorter form; tmp is scratch */
	uint32_t at = 0, id = 0, run = 0, last = 0, j;
	size_t bm;

	tmp->len = 0;
	for (j = 0; j < k->n; j++) {
		uint32_t gap = post_gap(k->post, &at);

		id += gap;
		if (j > 0 && gap == 1) {
			run++;
			continue;
		}
		/* The run after the previous document, if any. */
		if (run == 1)
			buf_puts(tmp, ",1");
		else if (run > 1) {
			buf_putc(tmp, '~');
			search_b36(tmp, run);
		}
		run = 0;
		if (j)
			buf_putc(tmp, ',');
		search_b36(tmp, gap);
	}
	if (run == 1)
		buf_puts(tmp, ",1");
	else if (run > 1) {
		buf_putc(tmp, '~');
		search_b36(tmp, run);
	}
	last = id;
	bm = last / 6 + 2;
	if (tmp->len <= bm) {
		buf_putn(b, tmp->data, tmp->len);
		return;
	}
	/* The bitmap. */
	{
		unsigned char *bits = xcalloc(last / 6 + 1, 1);
		size_t i;

		for (at = 0, id = 0, j = 0; j < k->n; j++) {
			id += post_gap(k->post, &at);
			bits[id / 6] |= (unsigned char)(1u << (id % 6));
		}
		buf_putc(b, '*');
		for (i = 0; i <= last / 6; i++)
			buf_putc(b, B64[bits[i]]);
		free(bits);
	}
}

static void
search_idx_shard(const struct splan *pl, size_t h, struct buf *b)
{
	size_t i;
	char u[8];

	buf_grow(b, 64 + (pl->kbytes[h + 1] - pl->kbytes[h]));
	buf_printf(b, "ybtSearch.idx(%zu,{\n", h);
	for (i = pl->kstart[h]; i < pl->kstart[h + 1]; i++) {
		const struct skey *k = pl->keys[i];
		unsigned c1 = (unsigned)(k->key >> 21);
		unsigned c2 = (unsigned)(k->key & 0x1fffff);
		size_t n;

		buf_puts(b, i > pl->kstart[h] ? ",\n\"" : "\"");
		n = (size_t)utf8_encode(c1, u);
		if (c2)
			n += (size_t)utf8_encode(c2, u + n);
		u[n] = '\0';
		esc_json(b, u);
		buf_puts(b, "\":\"");
		buf_putn(b, k->enc, k->enclen);
		buf_puts(b, "\"");
	}
	buf_puts(b, "});\n");
}

static void
search_doc_shard(const struct splan *pl, size_t nd, struct buf *b)
{
	size_t i;

	buf_printf(b, "ybtSearch.docs(%zu,[\n", nd);
	for (i = pl->dstart[nd]; i < pl->dstart[nd + 1]; i++) {
		const struct sdoc *d = &pl->s->docs[i];

		buf_puts(b, i > pl->dstart[nd] ? ",\n[\"" : "[\"");
		esc_json(b, d->url);
		buf_puts(b, "\",\"");
		esc_json(b, d->title);
		buf_puts(b, "\",\"");
		esc_json(b, d->kind);
		buf_puts(b, "\",\"");
		esc_json(b, d->text);
		if (d->aka != NULL) {
			buf_puts(b, "\",\"");
			esc_json(b, d->aka);
		}
		buf_puts(b, "\"]");
	}
	buf_puts(b, "]);\n");
}

/* Every nthreads-th shard of each kind from t. */
static void *
search_writer(void *arg)
{
	struct swriter *w = arg;
	const struct splan *pl = w->pl;
	struct buf b;
	char name[32];
	size_t i;
	long n;

	for (i = (size_t)w->t; i < pl->nshards + pl->ndshards;
	    i += (size_t)pl->nthreads) {
		buf_init(&b);
		if (i < pl->nshards) {
			search_idx_shard(pl, i, &b);
			snprintf(name, sizeof(name), "i%zu.js", i);
		} else {
			search_doc_shard(pl, i - pl->nshards, &b);
			snprintf(name, sizeof(name), "d%zu.js", i - pl->nshards);
		}
		if ((n = search_file(pl->dir, name, &b)) < 0 || w->bytes < 0)
			w->bytes = -1;
		else
			w->bytes += n;
	}
	return NULL;
}

long
search_write(struct search *s, const char *site, int nthreads)
{
	struct splan pl;
	struct swriter *ws;
	struct buf meta;
	size_t nkeys = 0, i, est = 0, *count, bytes;
	long total = 0, w;
	char *dir = xasprintf("%s/search", site);
	int t;

	mkdir_p(dir);
	memset(&pl, 0, sizeof(pl));
	pl.s = s;
	pl.dir = dir;
	pl.keys = xcalloc(s->used + 1, sizeof(*pl.keys));
	{
		struct buf e, tmp;

		buf_init(&tmp);
		for (i = 0; i < s->cap; i++)
			if (s->tab[i].post != NULL) {
				struct skey *k = &s->tab[i];

				buf_init(&e);
				search_postings(&e, k, &tmp);
				k->enclen = e.len;
				k->enc = buf_detach(&e);
				pl.keys[nkeys++] = k;
				est += 12 + k->enclen;
			}
		buf_free(&tmp);
	}
	pl.nshards = est / SEARCH_SHARD_BYTES + 1;
	qsort(pl.keys, nkeys, sizeof(*pl.keys), search_keycmp);

	/* Group the sorted keys by shard, keeping their order (a stable
	 * counting sort). */
	count = xcalloc(pl.nshards + 1, sizeof(size_t));
	pl.kstart = xcalloc(pl.nshards + 1, sizeof(size_t));
	for (i = 0; i < nkeys; i++)
		count[search_shard(pl.keys[i]->key, pl.nshards) + 1]++;
	for (i = 0; i < pl.nshards; i++)
		count[i + 1] += count[i];
	memcpy(pl.kstart, count, (pl.nshards + 1) * sizeof(size_t));
	{
		struct skey **g = xcalloc(nkeys + 1, sizeof(*g));

		for (i = 0; i < nkeys; i++)
			g[count[search_shard(pl.keys[i]->key, pl.nshards)]++] =
			    pl.keys[i];
		free(pl.keys);
		pl.keys = g;
	}
	free(count);
	pl.kbytes = xcalloc(pl.nshards + 1, sizeof(size_t));
	for (i = 0; i < pl.nshards; i++) {
		size_t j;

		pl.kbytes[i + 1] = pl.kbytes[i];
		for (j = pl.kstart[i]; j < pl.kstart[i + 1]; j++)
			pl.kbytes[i + 1] += pl.keys[j]->enclen + 16;
	}

	/* Document shards of about SEARCH_DOC_BYTES each. */
	pl.dstart = xcalloc(s->ndocs + 2, sizeof(size_t));
	for (i = 0, bytes = 0; i < s->ndocs; i++) {
		if (i == 0 || bytes >= SEARCH_DOC_BYTES) {
			pl.dstart[pl.ndshards++] = i;
			bytes = 0;
		}
		bytes += strlen(s->docs[i].text) + strlen(s->docs[i].title) + 32;
	}
	pl.dstart[pl.ndshards] = s->ndocs;

	pl.nthreads = nthreads < 1 ? 1 : nthreads;
	ws = xcalloc((size_t)pl.nthreads, sizeof(*ws));
	for (t = 0; t < pl.nthreads; t++) {
		ws[t].pl = &pl;
		ws[t].t = t;
	}
	for (t = 1; t < pl.nthreads; t++)
		ws[t].started = pthread_create(&ws[t].tid, NULL,
		    search_writer, &ws[t]) == 0;
	for (t = 0; t < pl.nthreads; t++)
		if (t == 0 || !ws[t].started)
			search_writer(&ws[t]);
	for (t = 0; t < pl.nthreads; t++) {
		if (ws[t].started)
			pthread_join(ws[t].tid, NULL);
		if (ws[t].bytes < 0 || total < 0)
			total = -1;
		else
			total += ws[t].bytes;
	}
	free(ws);

	buf_init(&meta);
	buf_printf(&meta, "ybtSearch.meta({\"n\":%zu,\"docs\":%zu,"
	    "\"starts\":[", pl.nshards, s->ndocs);
	for (i = 0; i < pl.ndshards; i++)
		buf_printf(&meta, "%s%zu", i ? "," : "", pl.dstart[i]);
	buf_puts(&meta, "]});\n");
	if ((w = search_file(dir, "meta.js", &meta)) < 0 || total < 0)
		total = -1;
	else
		total += w;
	free(pl.keys);
	free(pl.kstart);
	free(pl.kbytes);
	free(pl.dstart);
	free(dir);
	return total;
}

void
search_free(struct search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ndocs; i++) {
		free(s->docs[i].url);
		free(s->docs[i].title);
		free(s->docs[i].kind);
		free(s->docs[i].text);
		free(s->docs[i].aka);
	}
	free(s->docs);
	for (i = 0; i < s->cap; i++) {
		free(s->tab[i].post);
		free(s->tab[i].enc);
	}
	free(s->tab);
	free(s->lset);
	free(s);
}
