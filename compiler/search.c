/*
 * search.c — the portal's full-text search index: every indexed page's
 * text (one rule, search_text), a character unigram and bigram inverted
 * index over it, written as small JavaScript shards that search.js
 * loads with <script> tags, so search works from file:// and offline.
 * The index only narrows the candidates; search.js checks each against
 * the stored text, so results are exact. Keys are hashed into shards by
 * code points ((c1 * 31 + c2) % n), the same formula as search.js.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html.h"

#define SEARCH_SHARD_BYTES	24000	/* aim for index shards this big */
#define SEARCH_DOC_BYTES	40000	/* and document shards this big */

struct sdoc {
	char	*url, *title, *kind, *text;
};

struct skey {
	uint64_t	 key;		/* c1 << 21 | c2 (c2 0: unigram) */
	uint32_t	*post;		/* doc ids, increasing */
	size_t		 n, cap;
};

struct search {
	struct sdoc	*docs;
	size_t		 ndocs;
	struct skey	*tab;		/* open addressing */
	size_t		 cap, used;
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
search_tag(const char *n)
{
#define T(x) (strcmp(n, x) == 0)
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
		return (n[1] >= '1' && n[1] <= '6' && n[2] == '\0') ||
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
			switch (search_tag(name)) {
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
		k->post = xmalloc(k->cap * sizeof(uint32_t));
		s->used++;
	} else if (k->post[k->n - 1] == doc)
		return;
	if (k->n == k->cap) {
		k->cap *= 2;
		k->post = xreallocarray(k->post, k->cap, sizeof(uint32_t));
	}
	k->post[k->n++] = doc;
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
	    xstrdup(""));
}

void
search_add_text(struct search *s, const char *url, const char *title,
    const char *kind, char *text)
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
	end = d->text + strlen(d->text);
	for (p = d->text; p < end; p += n) {
		n = utf8_decode(p, (size_t)(end - p), &cp);
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
			search_post(s, (uint64_t)cp << 21, id);
		if (prev != 0)
			search_post(s, (uint64_t)prev << 21 | cp, id);
		prev = cp;
	}
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
	FILE *f = fopen(path, "w");
	long n = (long)b->len;
	int rc = f == NULL || fwrite(b->data ? b->data : "", 1, b->len, f) != b->len;

	/* Plain writes: the site lives in the build's temporary folder. */
	if (f != NULL && fclose(f) != 0)
		rc = -1;
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

long
search_write(struct search *s, const char *site)
{
	char *dir = xasprintf("%s/search", site), name[32], u[4];
	struct skey **keys;
	struct buf b, *shard;
	size_t nkeys = 0, i, j, est = 0, nshards, nd, start;
	long total = 0, w;

	mkdir_p(dir);
	keys = xcalloc(s->used + 1, sizeof(*keys));
	for (i = 0; i < s->cap; i++)
		if (s->tab[i].post != NULL) {
			keys[nkeys++] = &s->tab[i];
			est += 12 + s->tab[i].n * 3;
		}
	qsort(keys, nkeys, sizeof(*keys), search_keycmp);
	nshards = est / SEARCH_SHARD_BYTES + 1;

	/* Index shards. */
	shard = xcalloc(nshards, sizeof(*shard));
	for (i = 0; i < nkeys; i++) {
		unsigned c1 = (unsigned)(keys[i]->key >> 21);
		unsigned c2 = (unsigned)(keys[i]->key & 0x1fffff);
		size_t h = ((size_t)c1 * 31 + c2) % nshards;
		struct buf *sb = &shard[h];
		uint32_t last = 0;

		buf_puts(sb, sb->len ? ",\n\"" : "\"");
		{
			struct buf k;

			buf_init(&k);
			buf_putn(&k, u, (size_t)utf8_encode(c1, u));
			if (c2)
				buf_putn(&k, u, (size_t)utf8_encode(c2, u));
			esc_json(sb, k.data);
			buf_free(&k);
		}
		buf_puts(sb, "\":\"");
		for (j = 0; j < keys[i]->n; j++) {
			if (j)
				buf_putc(sb, ',');
			search_b36(sb, keys[i]->post[j] - last);
			last = keys[i]->post[j];
		}
		buf_puts(sb, "\"");
	}
	for (i = 0; i < nshards; i++) {
		buf_init(&b);
		buf_printf(&b, "ybtSearch.idx(%zu,{\n", i);
		buf_putn(&b, shard[i].data ? shard[i].data : "", shard[i].len);
		buf_puts(&b, "});\n");
		buf_free(&shard[i]);
		snprintf(name, sizeof(name), "i%zu.js", i);
		if ((w = search_file(dir, name, &b)) < 0)
			goto fail;
		total += w;
	}
	free(shard);

	/* Document shards, and the meta file with their first ids. */
	buf_init(&b);
	{
		struct buf meta;

		buf_init(&meta);
		buf_printf(&meta, "ybtSearch.meta({\"n\":%zu,\"docs\":%zu,"
		    "\"starts\":[", nshards, s->ndocs);
		for (start = 0, nd = 0; start < s->ndocs; nd++) {
			size_t bytes = 0;

			buf_printf(&meta, "%s%zu", nd ? "," : "", start);
			buf_printf(&b, "ybtSearch.docs(%zu,[\n", nd);
			for (i = start; i < s->ndocs &&
			    (i == start || bytes < SEARCH_DOC_BYTES); i++) {
				const struct sdoc *d = &s->docs[i];

				buf_puts(&b, i > start ? ",\n[\"" : "[\"");
				esc_json(&b, d->url);
				buf_puts(&b, "\",\"");
				esc_json(&b, d->title);
				buf_puts(&b, "\",\"");
				esc_json(&b, d->kind);
				buf_puts(&b, "\",\"");
				esc_json(&b, d->text);
				buf_puts(&b, "\"]");
				bytes += strlen(d->text) + strlen(d->title) + 32;
			}
			buf_puts(&b, "]);\n");
			snprintf(name, sizeof(name), "d%zu.js", nd);
			if ((w = search_file(dir, name, &b)) < 0) {
				buf_free(&meta);
				goto fail;
			}
			total += w;
			start = i;
		}
		buf_puts(&meta, "]});\n");
		if ((w = search_file(dir, "meta.js", &meta)) < 0)
			goto fail;
		total += w;
	}
	free(keys);
	free(dir);
	return total;
fail:
	free(keys);
	free(dir);
	return -1;
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
	}
	free(s->docs);
	for (i = 0; i < s->cap; i++)
		free(s->tab[i].post);
	free(s->tab);
	free(s);
}
