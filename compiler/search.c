/*
 * search.c — the portal's full-text search index: every indexed page's
 * text (one rule, search_text) split into lines, the distinct lines
 * with the pages holding them, a character unigram and bigram index
 * over the distinct lines, written as small JavaScript shards that
 * search.js loads with <script> tags, so search works from file:// and
 * offline. A key's value carries the pages holding it and how often
 * (made from its lines), the pages whose title or synonyms hold it and
 * its lines, so a query of one or two characters is answered, counted
 * and ranked from its key alone; a longer one from its own key if it is
 * a frequent string (search_freq.c), else by checking the lines that
 * hold all its bigrams. Results are exact. The texts go to their shards
 * as the pages come (in job order), not kept until the end. Keys are
 * hashed into shards by code points ((c1 * 31 + c2) % n), as in
 * search.js (search_shard.c). doc/portal.md has the formats and the
 * bounds.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html.h"
#include "search_int.h"

#define SEARCH_DOC_BYTES	16000	/* document shards this big: a page of
					   30 results loads at most 30 */
#define SEARCH_TEXT_BYTES	16000	/* of a text, at most, for snippets */
#define SEARCH_LINE_BYTES	4000	/* line shards this big: a query
					   checks up to 32 lines, in as many */

/* Distinct lines by first use, and their ids + 1 by hash (0: empty). */
struct ltab {
	struct sline	*v;
	size_t		 n, cap;
	uint32_t	*hash;
	size_t		 hcap;
};

/* An open addressing table of keys. */
struct ptab {
	struct skey	*tab;
	size_t		 cap, used;
};

struct search {
	char		*dir;		/* site/search/, NULL: write nothing */
	size_t		 ndocs;
	struct ptab	 title;		/* keys of titles and synonyms */
	struct ptab	 keys;		/* unigrams and bigrams: the distinct
					   lines holding them, with hits */
	struct ltab	 lines;		/* distinct lines of the texts */
	struct ltab	 tlines;	/* and of the titles and synonyms */
	struct buf	 titles;	/* the title shard being filled */
	/* The keys already posted for the current new line, with their
	 * slot in keys.tab: keys repeat within a line, and the big table
	 * is slow to probe. */
	struct lslot {
		uint64_t key;
		uint32_t gen;
		uint32_t slot;
	}		*lset;
	uint32_t	 gen;
	size_t		 lcap, lused;
	/* The document shard being filled, written once full. */
	struct buf	 shard;
	size_t		 shardbytes;
	size_t		*starts, nstarts;	/* first id of each shard */
	struct buf	 kinds;		/* meta's runs of kinds, JSON */
	char		*kind;		/* the kind of the last document */
	struct shead	 hd;		/* each one's, for first pages */
	long		 written;	/* bytes, -1 after a failed write */
	char		*meta;		/* meta.js's object, once written */
	int		 werr;		/* the first failure's errno */
};

struct search *
search_new(const char *site)
{
	struct search *s = xcalloc(1, sizeof(*s));

	s->title.cap = s->keys.cap = 1 << 12;
	s->title.tab = xcalloc(s->title.cap, sizeof(*s->title.tab));
	s->keys.tab = xcalloc(s->keys.cap, sizeof(*s->keys.tab));
	if (site != NULL) {
		s->dir = xasprintf("%s/search", site);
		if (mkdir_p(s->dir) != 0) {
			s->written = -1;
			s->werr = errno;
		}
	}
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
			/* To the next tag at once (a QR code's path is long). */
			const char *lt = memchr(p, '<', (size_t)(end - p));

			p = lt != NULL ? lt : end;
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

static size_t
search_hash(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

static size_t
search_slot(const struct ptab *t, uint64_t key)
{
	size_t i = search_hash(key, t->cap);

	while (t->tab[i].post != NULL && t->tab[i].key != key)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* Room for one more key, the table at most half full; returns 1 if the
 * keys moved. */
static int
search_reserve(struct ptab *t)
{
	struct skey *old = t->tab;
	size_t i, ocap = t->cap;

	if (2 * (t->used + 1) <= t->cap)
		return 0;
	t->cap *= 2;
	t->tab = xcalloc(t->cap, sizeof(*t->tab));
	for (i = 0; i < ocap; i++)
		if (old[i].post != NULL)
			t->tab[search_slot(t, old[i].key)] = old[i];
	free(old);
	return 1;
}

/* Post key for doc, counting hits or not (titles, lines); returns its
 * slot (valid until the table grows). */
static size_t
search_post(struct ptab *t, uint64_t key, uint32_t doc, int hits)
{
	size_t i;
	struct skey *k;

	search_reserve(t);
	k = &t->tab[i = search_slot(t, key)];
	if (k->post == NULL) {
		k->key = key;
		t->used++;
	}
	if (hits)
		skey_add(k, doc);
	else if (k->n == 0 || k->last != doc) {
		varint_put(&k->post, &k->len, &k->cap, doc - k->last);
		k->last = doc;
		k->n++;
	}
	return i;
}

/* Twice the room for the current line's keys. */
static void
search_lgrow(struct search *s)
{
	struct lslot *old = s->lset;
	size_t i, j, ocap = s->lcap;

	s->lcap = ocap ? 2 * ocap : 1 << 10;
	s->lset = xcalloc(s->lcap, sizeof(*s->lset));
	for (i = 0; i < ocap; i++)
		if (old[i].gen == s->gen) {
			j = (size_t)((old[i].key * 0x9E3779B97F4A7C15ull) >> 32) &
			    (s->lcap - 1);
			while (s->lset[j].gen == s->gen)
				j = (j + 1) & (s->lcap - 1);
			s->lset[j] = old[i];
		}
	free(old);
}

/* A hit of key in the current line: the big table is probed only the
 * first time. */
static void
search_hit(struct search *s, uint64_t key, uint32_t doc)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (s->lcap - 1);

	while (s->lset[i].gen == s->gen) {
		if (s->lset[i].key == key) {
			s->keys.tab[s->lset[i].slot].cur++;
			return;
		}
		i = (i + 1) & (s->lcap - 1);
	}
	if (search_reserve(&s->keys)) {
		size_t j;

		/* The keys moved: so did those of this document. */
		for (j = 0; j < s->lcap; j++)
			if (s->lset[j].gen == s->gen)
				s->lset[j].slot = (uint32_t)search_slot(&s->keys,
				    s->lset[j].key);
	}
	if (2 * (s->lused + 1) > s->lcap) {
		search_lgrow(s);
		search_hit(s, key, doc);
		return;
	}
	s->lused++;
	s->lset[i].gen = s->gen;
	s->lset[i].key = key;
	s->lset[i].slot = (uint32_t)search_post(&s->keys, key, doc, 1);
}

static unsigned
search_lower(unsigned cp)
{
	return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
}

/*
 * Every unigram (but a space) and every bigram within a line of text,
 * ASCII lower-cased. With hits, a key's hits are counted
 * as search.js counts a query's: occurrences that do not overlap, so in
 * "aaa" the bigram "aa" is one hit.
 */
enum skmode { SK_HITS, SK_TITLE };

static void
search_keys(struct search *s, struct ptab *t, const char *text, uint32_t id,
    enum skmode mode)
{
	int hits = mode == SK_HITS;
	const char *p, *end = text + strlen(text);
	unsigned cp, prev = 0;
	int n, pair = 0;	/* the last bigram was a counted "xx" */

	for (p = text; p < end; p += n) {
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
		if (cp != ' ') {
			if (hits)
				search_hit(s, (uint64_t)cp << 21, id);
			else
				search_post(t, (uint64_t)cp << 21, id, 0);
		}
		if (prev != 0) {
			if (prev == cp && pair)
				pair = 0;	/* overlaps the pair before */
			else if (hits) {
				search_hit(s, (uint64_t)prev << 21 | cp, id);
				pair = prev == cp;
			} else
				search_post(t, (uint64_t)prev << 21 | cp, id, 0);
		} else
			pair = 0;
		prev = cp;
	}
}

static long
search_file(const char *dir, int *werr, const char *name, struct buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);
	long n = (long)b->len;
	/* Plain writes: the site lives in the build's temporary folder. */
	int rc = file_write(path, b->data ? b->data : "", b->len);

	if (rc != 0)
		search_failed(werr);
	free(path);
	buf_free(b);
	return rc == 0 ? n : -1;
}

/* The doc holds the line p (len bytes); returns 1 if the line is new
 * (it gets the next id). */
static int
ltab_add(struct ltab *t, const char *p, size_t len, uint32_t doc)
{
	uint64_t h = search_hashn(p, len);
	size_t i, j;
	struct sline *l;

	if (2 * (t->n + 1) > t->hcap) {
		free(t->hash);
		t->hcap = t->hcap ? 2 * t->hcap : 1 << 12;
		t->hash = xcalloc(t->hcap, sizeof(*t->hash));
		for (j = 0; j < t->n; j++) {
			for (i = t->v[j].hash & (t->hcap - 1); t->hash[i];
			    i = (i + 1) & (t->hcap - 1))
				;
			t->hash[i] = (uint32_t)j + 1;
		}
	}
	for (i = h & (t->hcap - 1); t->hash[i]; i = (i + 1) & (t->hcap - 1)) {
		l = &t->v[t->hash[i] - 1];
		if (l->hash == h && l->len == len && memcmp(l->text, p, len) == 0) {
			skey_add(&l->pages, doc);
			return 0;
		}
	}
	t->hash[i] = (uint32_t)t->n + 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1 << 10;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	l = &t->v[t->n++];
	memset(l, 0, sizeof(*l));
	l->text = xstrndup(p, len);
	l->len = len;
	l->hash = h;
	skey_add(&l->pages, doc);
	return 1;
}

/* The lines of text (lower-cased), "\n"-separated, to t; a new text
 * line's keys are posted, with their hits in it. */
static void
search_lines(struct search *s, struct ltab *t, char *text, uint32_t id)
{
	char *w, *e;

	for (w = text; *w; w++)
		if (*w >= 'A' && *w <= 'Z')
			*w |= 0x20;
	for (w = text; *w; w = *e ? e + 1 : e) {
		e = strchr(w, '\n');
		if (e == NULL)
			e = w + strlen(w);
		if (ltab_add(t, w, (size_t)(e - w), id) && t == &s->lines) {
			s->gen++;	/* a new set of keys */
			s->lused = 0;
			search_keys(s, &s->keys, t->v[t->n - 1].text,
			    (uint32_t)(t->n - 1), SK_HITS);
		}
	}
}

/* Close and write a shard being filled in b (texts or titles), and
 * count its bytes. */
static void
search_flush(struct search *s, struct buf *b, const char *name)
{
	long n;

	buf_puts(b, "]);\n");
	n = search_file(s->dir, &s->werr, name, b);
	buf_init(b);
	if (n < 0 || s->written < 0)
		s->written = -1;
	else
		s->written += n;
}

/* Close and write the title shard being filled, if any. */
static void
search_flush_titles(struct search *s)
{
	char name[32];

	if (s->titles.len == 0)
		return;
	snprintf(name, sizeof(name), "t%zu.js", (s->ndocs - 1) / SEARCH_TITLES);
	search_flush(s, &s->titles, name);
}

/* [title, synonyms, url] of every page, SEARCH_TITLES a shard: a long
 * query's title hits are checked there, not in the texts, and the
 * results shown come from there with their links before their texts
 * (and snippets) arrive. */
static void
search_title(struct search *s, const char *title, const char *aka,
    const char *url)
{
	struct buf *b = &s->titles;

	if (s->dir == NULL)
		return;
	buf_printf(b, s->ndocs % SEARCH_TITLES ? ",\n[\"" :
	    "ybtSearch.titles(%zu,[\n[\"", s->ndocs / SEARCH_TITLES);
	esc_json(b, title);
	buf_puts(b, "\",\"");
	esc_json(b, aka ? aka : "");
	buf_puts(b, "\",\"");
	esc_json(b, url);
	buf_puts(b, "\"]");
}

/* Close and write the document shard being filled, if any. */
static void
search_flush_docs(struct search *s)
{
	char name[32];

	if (s->shard.len == 0)
		return;
	snprintf(name, sizeof(name), "d%zu.js", s->nstarts - 1);
	search_flush(s, &s->shard, name);
}

/* The bytes of text kept for its snippets: all, or the lines that fit
 * in SEARCH_TEXT_BYTES (an office of every matter of a city holds
 * megabytes, and a query finding it must not load them). */
static size_t
search_snippet_len(const char *text)
{
	size_t n = strlen(text), cut;

	if (n <= SEARCH_TEXT_BYTES)
		return n;
	for (cut = SEARCH_TEXT_BYTES; cut > 0 && text[cut] != '\n'; cut--)
		;
	if (cut > 0)
		return cut;
	/* One long line: at a character. */
	for (n = SEARCH_TEXT_BYTES; n > 0 && (text[n] & 0xc0) == 0x80; n--)
		;
	return n;
}

/* The document goes to its shard (and to disk once the shard is full):
 * [url, title, kind, text] and synonyms if any. */
static void
search_doc(struct search *s, const char *url, const char *title,
    const char *kind, const char *text, const char *aka)
{
	struct buf *b = &s->shard;
	size_t n = search_snippet_len(text);
	char *cut;

	if (s->dir == NULL)
		return;		/* nothing is written: keep nothing */
	if (s->ndocs == 0 || s->shardbytes >= SEARCH_DOC_BYTES) {
		search_flush_docs(s);
		*VEC_PUSH(&s->starts, &s->nstarts) = s->ndocs;
		s->shardbytes = 0;
		buf_grow(b, SEARCH_DOC_BYTES + SEARCH_DOC_BYTES / 4);
		buf_printf(b, "ybtSearch.docs(%zu,[\n[\"", s->nstarts - 1);
	} else
		buf_puts(b, ",\n[\"");
	s->shardbytes += n + strlen(title) + 32;
	esc_json(b, url);
	buf_puts(b, "\",\"");
	esc_json(b, title);
	buf_puts(b, "\",\"");
	esc_json(b, kind);
	buf_puts(b, "\",\"");
	if (text[n] == '\0')
		esc_json(b, text);
	else {
		cut = xstrndup(text, n);
		esc_json(b, cut);
		free(cut);
	}
	if (aka != NULL) {
		buf_puts(b, "\",\"");
		esc_json(b, aka);
	}
	buf_puts(b, "\"]");
}

void
search_add_text(struct search *s, const char *url, const char *title,
    const char *kind, char *text, const char *aka)
{
	uint32_t id = (uint32_t)s->ndocs;
	char *lt;

	if (s->dir == NULL) {
		free(text);	/* a partial build: no index */
		return;
	}
	search_doc(s, url, title, kind, text, aka);
	shead_add(&s->hd, kind, title, url);
	if (s->kind == NULL || strcmp(s->kind, kind) != 0) {
		buf_printf(&s->kinds, "%s[%u,\"", s->kind ? "," : "", id);
		esc_json(&s->kinds, kind);
		buf_puts(&s->kinds, "\"]");
		free(s->kind);
		s->kind = xstrdup(kind);
	}
	if (s->lset == NULL)
		search_lgrow(s);
	lt = xasprintf("%s\n%s", title, aka ? aka : "");
	search_keys(s, &s->title, lt, id, SK_TITLE);
	search_lines(s, &s->tlines, lt, id);
	free(lt);
	search_lines(s, &s->lines, text, id);
	search_title(s, title, aka, url);
	free(text);
	s->ndocs++;
	if (s->ndocs % SEARCH_TITLES == 0)
		search_flush_titles(s);
}

/* The plan of the index shards, shared by the writer threads. */
struct splan {
	const struct search	 *s;
	const char		 *dir;
	int			 *werr;		/* the search's */
	size_t			 *lstart;	/* nlshards + 1 first line ids */
	size_t			  nlshards;
	struct skey		**keys;		/* grouped by shard, each sorted by
						   its writer (shard_sort) */
	size_t			 *kstart;	/* nshards + 1 offsets into keys */
	size_t			 *kbytes;	/* nshards + 1: their bytes */
	size_t			  nshards;
	int			  nthreads;
};

struct swriter {
	const struct splan	*pl;
	int			 t;
	long			 bytes;		/* -1 on failure */
	pthread_t		 tid;
	int			 started;
};

/* Scratch of search_value. */
struct svscratch {
	struct buf	 tmp;
	struct pscratch	 ps;
	uint32_t	*pairs;		/* line, hits, … */
	size_t		 npairs;
};

/*
 * A key's value: the documents holding it (the documents of its lines)
 * and their hits, "!" and the ids of the documents whose title or
 * synonyms hold it, if any, and for a bigram "|" and the ids of the
 * distinct lines holding it.
 */
static void
search_value(struct buf *b, const struct search *s, const struct lclass *cl,
    const struct skey *k, struct svscratch *sc)
{
	const struct skey *t = &s->title.tab[search_slot(&s->title, k->key)];
	uint32_t i, at = 0, hat = 0, line = 0;

	if (sc->npairs < k->n) {
		sc->npairs = k->n;
		sc->pairs = xreallocarray(sc->pairs, 2 * sc->npairs,
		    sizeof(*sc->pairs));
	}
	for (i = 0; i < k->n; i++) {
		line += varint_get(k->post, &at);
		sc->pairs[2 * i] = line;
		sc->pairs[2 * i + 1] = i + 1 < k->n ?
		    varint_get(k->hits, &hat) : k->cur;
	}
	search_pages(b, cl, sc->pairs, k->n, s->ndocs, &sc->ps,
	    &sc->tmp);
	if (t->post != NULL) {
		buf_putc(b, '!');
		search_ids(b, t, &sc->tmp);
	}
	if ((k->key & 0x1fffff) != 0) {
		buf_putc(b, '|');
		search_ids(b, k, &sc->tmp);
	}
}

/* A line shard: [text, ids and hits of the documents holding it]. */
static void
search_line_shard(const struct splan *pl, size_t h, struct buf *b)
{
	struct buf tmp;
	size_t i;

	buf_init(&tmp);
	buf_printf(b, "ybtSearch.lines(%zu,[\n", h);
	for (i = pl->lstart[h]; i < pl->lstart[h + 1]; i++) {
		const struct sline *l = &pl->s->lines.v[i];

		buf_puts(b, i > pl->lstart[h] ? ",\n[\"" : "[\"");
		esc_json(b, l->text);
		buf_puts(b, "\",\"");
		search_ids(b, &l->pages, &tmp);
		search_hits(b, &l->pages);
		buf_puts(b, "\"]");
	}
	buf_puts(b, "]);\n");
	buf_free(&tmp);
}

/*
 * The line shards, written first on the keys' values' thread (beside
 * the frequent strings): the pages of a text line are not read after
 * them (the classes of lines have their own copy), so they are freed.
 */
static long
search_line_shards(const struct splan *pl)
{
	struct sline *v = pl->s->lines.v;
	struct buf b;
	char name[32];
	long n, total = 0;
	size_t h, i;

	for (h = 0; h < pl->nlshards; h++) {
		buf_init(&b);
		search_line_shard(pl, h, &b);
		snprintf(name, sizeof(name), "l%zu.js", h);
		if ((n = search_file(pl->dir, pl->werr, name, &b)) < 0 || total < 0)
			total = -1;
		else
			total += n;
		for (i = pl->lstart[h]; i < pl->lstart[h + 1]; i++) {
			free(v[i].pages.post);
			free(v[i].pages.hits);
			v[i].pages.post = v[i].pages.hits = NULL;
		}
	}
	return total;
}

/*
 * The line shards, then the values of all keys, their postings freed
 * as they are made: by two threads, each taking the next few slots of
 * the table (the second starts at once, while the first writes the
 * line shards). A big value goes to its own file as it is made
 * (search_own).
 */
#define SEARCH_TAKE	64	/* slots a thread takes at a time */

struct svjob {
	const struct splan *pl;
	long		  lbytes;	/* of the line shards, -1: failed */
	struct search	 *s;
	const struct lclass *cl;
	pthread_mutex_t	  lock;
	size_t		  next;		/* the next slot to take */
	long		  obytes[2];	/* of the big values' files */
	struct sown	  named[2];	/* and their names */
	struct skey	**keys;		/* receives them */
	size_t		  nkeys, est;
};

struct svpart {
	struct svjob	*vj;
	int		 t;
};

static void *
search_values_part(void *arg)
{
	struct svpart *p = arg;
	struct svjob *vj = p->vj;
	struct search *s = vj->s;
	struct svscratch sc;
	struct sown own;
	struct buf e;
	size_t i, end;

	memset(&sc, 0, sizeof(sc));
	buf_init(&sc.tmp);
	pscratch_init(&sc.ps, vj->cl, s->ndocs);
	memset(&own, 0, sizeof(own));
	own.dir = s->dir;
	own.werr = vj->pl->werr;
	own.hd = &s->hd;
	if (p->t == 0)
		vj->lbytes = search_line_shards(vj->pl);
	while (search_take(&vj->lock, &vj->next, s->keys.cap, SEARCH_TAKE,
	    &i, &end))
		for (; i < end; i++) {
			struct skey *k = &s->keys.tab[i];

			if (k->post == NULL)
				continue;
			buf_init(&e);
			search_value(&e, s, vj->cl, k, &sc);
			k->enclen = e.len;
			k->enc = buf_detach(&e);
			search_own(&own, k);
			free(k->post);
			free(k->hits);
			k->post = k->hits = NULL;
		}
	vj->obytes[p->t] = own.bytes;
	search_own_names(&vj->named[p->t], &own);
	sown_free(&own);
	buf_free(&sc.tmp);
	pscratch_free(&sc.ps);
	free(sc.pairs);
	return NULL;
}

static void *
search_values(void *arg)
{
	struct svjob *vj = arg;
	struct search *s = vj->s;
	struct svpart p[2];
	size_t i;

	pthread_mutex_init(&vj->lock, NULL);
	vj->next = 0;
	for (i = 0; i < 2; i++) {
		p[i].vj = vj;
		p[i].t = (int)i;
	}
	search_pair(search_values_part, &p[0], &p[1]);
	pthread_mutex_destroy(&vj->lock);
	vj->nkeys = vj->est = 0;
	for (i = 0; i < s->keys.cap; i++) {
		struct skey *k = &s->keys.tab[i];

		if (k->enc == NULL && k->file == 0)
			continue;
		vj->keys[vj->nkeys++] = k;
		vj->est += shard_kbytes(k);
	}
	return NULL;
}

/*
 * A key in a file of its own stands in its shard as "@", and with the
 * number of its lines (decimal) if it has lines (a bigram): a query
 * learns whether a bigram is in more than FREQ_LINES lines without
 * loading its file (doc/portal.md, "Bounds"). search_own noted them
 * in k->file, and kept the "!titles|lines" of a bigram of few lines.
 */
static void
search_big_mark(struct buf *b, const struct skey *k)
{
	buf_puts(b, "@");
	if (k->file > 1)
		buf_printf(b, "%u", k->file - 2);
	if (k->enc != NULL)
		buf_putn(b, k->enc, k->enclen);
}

static void
search_idx_shard(const struct splan *pl, size_t h, struct buf *b)
{
	size_t i;
	char u[2 * 4 + 1];	/* a bigram of two 4-byte characters, NUL */

	buf_grow(b, 64 + (pl->kbytes[h + 1] - pl->kbytes[h]));
	buf_printf(b, "ybtSearch.idx(%zu,{\n", h);
	for (i = pl->kstart[h]; i < pl->kstart[h + 1]; i++) {
		const struct skey *k = pl->keys[i];
		unsigned c1 = (unsigned)(k->key >> 21);
		unsigned c2 = (unsigned)(k->key & 0x1fffff);
		size_t n;

		buf_puts(b, i > pl->kstart[h] ? ",\n\"" : "\"");
		/* A longer key's code is its shard's, not its characters
		 * (search_freq.c, freq_spread). */
		if (k->str != NULL)
			esc_json(b, k->str);
		else {
			n = (size_t)utf8_encode(c1, u);
			if (c2)
				n += (size_t)utf8_encode(c2, u + n);
			u[n] = '\0';
			esc_json(b, u);
		}
		buf_puts(b, "\":\"");
		if (k->file > 0)
			search_big_mark(b, k);
		else
			buf_putn(b, k->enc, k->enclen);
		buf_puts(b, "\"");
	}
	buf_puts(b, "});\n");
}

/* Every nthreads-th index shard from t. */
static void *
search_writer(void *arg)
{
	struct swriter *w = arg;
	const struct splan *pl = w->pl;
	struct buf b;
	char name[32];
	size_t i;
	long n;

	for (i = (size_t)w->t; i < pl->nshards; i += (size_t)pl->nthreads) {
		buf_init(&b);
		shard_sort(pl->keys + pl->kstart[i],
		    pl->kstart[i + 1] - pl->kstart[i]);
		search_idx_shard(pl, i, &b);
		snprintf(name, sizeof(name), "i%zu.js", i);
		if ((n = search_file(pl->dir, pl->werr, name, &b)) < 0 || w->bytes < 0)
			w->bytes = -1;
		else
			w->bytes += n;
	}
	return NULL;
}

static void
ltab_unhash(struct ltab *t)
{
	free(t->hash);
	t->hash = NULL;
	t->hcap = 0;
}

static void
ltab_free(struct ltab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].pages.post);
		free(t->v[i].pages.hits);
	}
	free(t->v);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

static void
ptab_free(struct ptab *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		free(t->tab[i].post);
		free(t->tab[i].hits);
		free(t->tab[i].enc);
	}
	free(t->tab);
	memset(t, 0, sizeof(*t));
}

long
search_write(struct search *s, int nthreads)
{
	struct splan pl;
	struct swriter *ws;
	struct buf meta, split, esplit, lmeta, marks;
	struct skey *freq, *ends, *mk;
	struct svjob vj;
	struct sown fown, named;
	struct lclass cl;
	struct srefs rj;
	pthread_t vtid;
	int started;
	size_t nkeys, i, est, nfreq, nends, nmarks;
	long total, w;
	int t;

	if (s->dir == NULL)
		return -1;
	search_flush_docs(s);
	search_flush_titles(s);
	malloc_trim(0);		/* the pages' buffers, freed: not in the peak */
	total = s->written;
	memset(&pl, 0, sizeof(pl));
	pl.s = s;
	pl.dir = s->dir;
	pl.werr = &s->werr;
	/* Line shards of about SEARCH_LINE_BYTES (text and an estimate of
	 * the pages: a bitmap at most). */
	pl.lstart = xcalloc(s->lines.n + 2, sizeof(size_t));
	{
		size_t bytes = 0, lbytes;

		for (i = 0; i < s->lines.n; i++) {
			const struct sline *l = &s->lines.v[i];

			if (i == 0 || bytes >= SEARCH_LINE_BYTES) {
				pl.lstart[pl.nlshards++] = i;
				bytes = 0;
			}
			lbytes = 2 * (size_t)l->pages.len + 4;
			if (lbytes > l->pages.last / 6 + 8)
				lbytes = l->pages.last / 6 + 8;
			bytes += l->len + lbytes + 8;
		}
		pl.lstart[pl.nlshards] = s->lines.n;
	}
	buf_init(&lmeta);	/* now: the lines' pages are freed when written */
	shard_lines_meta(&lmeta, s->lines.v, pl.lstart, pl.nlshards);
	/* The keys' values on a thread of their own while this one finds
	 * the frequent strings: both only read the lines. */
	pl.keys = xcalloc(s->keys.used + 1, sizeof(*pl.keys));
	/* No line is added now: their tables by hash go, and the classes
	 * of lines take their place. */
	ltab_unhash(&s->lines);
	ltab_unhash(&s->tlines);
	lclass_make(&cl, s->lines.v, s->lines.n);
	vj.pl = &pl;
	vj.s = s;
	vj.cl = &cl;
	vj.keys = pl.keys;
	vj.obytes[0] = vj.obytes[1] = 0;
	memset(vj.named, 0, sizeof(vj.named));
	memset(&named, 0, sizeof(named));
	fown = (struct sown){ .dir = s->dir, .werr = &s->werr, .hd = &s->hd,
	    .keep = 1 };
	started = pthread_create(&vtid, NULL, search_values, &vj) == 0;
	if (!started)
		search_values(&vj);
	nfreq = search_freq(s->lines.v, s->lines.n, &cl, s->tlines.v,
	    s->tlines.n, s->ndocs, &fown, &freq, &marks);
	if (started)
		pthread_join(vtid, NULL);
	search_hot(&fown, &named, s->keys.tab, s->keys.cap, freq, nfreq,
	    s->lines.v, s->lines.n, s->tlines.v, s->tlines.n, &cl, s->ndocs);
	lclass_free(&cl);
	ptab_free(&s->title);
	ltab_free(&s->tlines);
	/* The strings that refer to big ones on a thread while this one
	 * plans the shards, which changes only their codes. */
	rj.o = &fown;
	rj.freq = freq;
	rj.n = nfreq;
	started = pthread_create(&vtid, NULL, search_refs, &rj) == 0;
	if (!started)
		search_refs(&rj);
	nkeys = vj.nkeys;
	est = vj.est;
	pl.keys = xreallocarray(pl.keys, nkeys + 2 * nfreq + 1, sizeof(*pl.keys));
	ends = shard_ends(pl.keys, &nkeys, freq, nfreq, &est, &nends, &esplit);
	mk = shard_marks(&pl.keys, &nkeys, &marks, &est, &nmarks);
	pl.nshards = est / SEARCH_SHARD_BYTES + 1;
	shard_split(pl.keys, nkeys, &split);
	if (started)
		pthread_join(vtid, NULL);
	search_own_names(&named, &fown);
	sown_free(&fown);
	for (i = 0; i < 2; i++) {
		search_own_names(&named, &vj.named[i]);
		sown_free(&vj.named[i]);
	}
	shead_free(&s->hd);
	if (vj.obytes[0] < 0 || vj.obytes[1] < 0 || fown.bytes < 0 ||
	    vj.lbytes < 0 || total < 0)
		total = -1;
	else
		total += vj.obytes[0] + vj.obytes[1] + fown.bytes + vj.lbytes;
	pl.kstart = shard_group(&pl.keys, nkeys, pl.nshards);
	pl.kbytes = xcalloc(pl.nshards + 1, sizeof(size_t));
	for (i = 0; i < pl.nshards; i++) {
		size_t j;

		pl.kbytes[i + 1] = pl.kbytes[i];
		for (j = pl.kstart[i]; j < pl.kstart[i + 1]; j++)
			pl.kbytes[i + 1] += shard_kbytes(pl.keys[j]) + 4;
	}

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

	/* meta.js's object, which search.html holds too (search_meta) */
	buf_init(&meta);
	buf_printf(&meta, "{\"n\":%zu,\"docs\":%zu,"
	    "\"titles\":%d,\"kinds\":[%s],\"starts\":", pl.nshards,
	    s->ndocs, SEARCH_TITLES, s->kinds.data ? s->kinds.data : "");
	shard_gaps(&meta, s->starts, s->nstarts);
	buf_printf(&meta, ",\"split\":[%s],\"esplit\":[%s],\"lstarts\":",
	    split.data ? split.data : "", esplit.data ? esplit.data : "");
	buf_free(&split);
	buf_free(&esplit);
	buf_puts(&meta, lmeta.data ? lmeta.data : "");
	buf_free(&lmeta);
	buf_puts(&meta, ",\"own\":\"");
	search_own_filter(&meta, &named);
	sown_free(&named);
	buf_puts(&meta, "\"}");
	free(s->meta);
	s->meta = xstrdup(meta.data);
	meta.len = 0;
	buf_printf(&meta, "ybtSearch.meta(%s);\n", s->meta);
	if ((w = search_file(s->dir, &s->werr, "meta.js", &meta)) < 0 || total < 0)
		total = -1;
	else
		total += w;
	free(pl.keys);
	free(pl.kstart);
	free(pl.kbytes);
	free(pl.lstart);
	for (i = 0; i < nfreq; i++) {
		free(freq[i].str);
		free(freq[i].enc);
	}
	free(freq);
	shard_ends_free(ends, nends);
	shard_ends_free(mk, nmarks);
	return total;
}

const char *
search_meta(const struct search *s)
{
	return s->meta;
}

int
search_error(const struct search *s)
{
	return __atomic_load_n(&s->werr, __ATOMIC_RELAXED);
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	ptab_free(&s->title);
	ptab_free(&s->keys);
	ltab_free(&s->lines);
	ltab_free(&s->tlines);
	buf_free(&s->titles);
	free(s->lset);
	buf_free(&s->shard);
	buf_free(&s->kinds);
	shead_free(&s->hd);
	free(s->starts);
	free(s->kind);
	free(s->meta);
	free(s->dir);
	free(s);
}
