/*
 * search_post.c — the search index's posting lists: documents in order
 * with how often each holds a key (or line), as varints while the index
 * is built, and as the text search.js reads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

void
varint_put(unsigned char **p, uint32_t *len, uint32_t *cap, uint32_t v)
{
	if (*len + 5 > *cap) {
		*cap = *cap ? 2 * *cap : 4;
		*p = xrealloc(*p, *cap);
	}
	while (v >= 0x80) {
		(*p)[(*len)++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	(*p)[(*len)++] = (unsigned char)v;
}

/* Post doc (ids come in order), one more hit if it already is. */
void
skey_add(struct skey *k, uint32_t doc)
{
	if (k->n > 0 && k->last == doc) {
		k->cur++;
		return;
	}
	if (k->n > 0)
		varint_put(&k->hits, &k->hlen, &k->hcap, k->cur);
	varint_put(&k->post, &k->len, &k->cap, doc - k->last);
	k->last = doc;
	k->cur = 1;
	k->n++;
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

/* The next value of a varint list (7 bits a byte, high bit: more). */
uint32_t
varint_get(const unsigned char *p, uint32_t *at)
{
	uint32_t	v = 0;
	int		sh = 0;

	do {
		v |= (uint32_t)(p[*at] & 0x7f) << sh;
		sh += 7;
	} while (p[(*at)++] & 0x80);
	return v;
}

/*
 * A key's document ids, whichever of two forms is shorter (the same
 * input gives the same choice): a list of base-36 gaps between document
 * ids, comma-separated, where "g~r" is the document at gap g followed by
 * r more consecutive ones; or "*" and a bitmap of the ids, 6 ids per
 * character (bit j of character i is id 6i + j; see B64 below), which is
 * shorter for a key that many pages hold.
 */
#define B64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

void
search_ids(struct buf *b, const struct skey *k, struct buf *tmp)
{
	/* b receives the shorter form; tmp is scratch */
	uint32_t at = 0, id = 0, run = 0, last = 0, j;
	size_t bm;

	tmp->len = 0;
	for (j = 0; j < k->n; j++) {
		uint32_t gap = varint_get(k->post, &at);

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
			id += varint_get(k->post, &at);
			bits[id / 6] |= (unsigned char)(1u << (id % 6));
		}
		buf_putc(b, '*');
		for (i = 0; i <= last / 6; i++)
			buf_putc(b, B64[bits[i]]);
		free(bits);
	}
}

/*
 * The hits of each document of a key, in id order: one character of
 * B62 for 1 to 61; "0", base 36 and "." for more. Nothing at all when
 * every document holds the key once, as most do for most keys.
 */
#define B62 "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

void
search_hits(struct buf *b, const struct skey *k)
{
	uint32_t at = 0, j, h;
	int ones = k->cur == 1;

	for (j = 0; ones && j + 1 < k->n; j++)
		ones = varint_get(k->hits, &at) == 1;
	if (ones)
		return;
	buf_putc(b, ';');
	for (at = 0, j = 0; j < k->n; j++) {
		h = j + 1 < k->n ? varint_get(k->hits, &at) : k->cur;
		if (h < 62)
			buf_putc(b, B62[h]);
		else {
			buf_putc(b, '0');
			search_b36(b, h);
			buf_putc(b, '.');
		}
	}
}

int
search_idcmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Post doc with h hits (ids come in order, each once). */
static void
skey_put(struct skey *k, uint32_t doc, uint32_t h)
{
	if (k->n > 0)
		varint_put(&k->hits, &k->hlen, &k->hcap, k->cur);
	varint_put(&k->post, &k->len, &k->cap, doc - k->last);
	k->last = doc;
	k->cur = h;
	k->n++;
}

/*
 * The documents of n (line, hits) pairs of text lines, each with the
 * sum of its lines' hits times how often it holds them, to out (empty).
 * acc (ndocs, zero; left zero) and ids (ndocs) are scratch: ids touched
 * are sorted, or acc is read in order when they are many.
 */
void
search_pages(struct skey *out, const struct sline *lines,
    const uint32_t *pairs, uint32_t n, size_t ndocs, uint32_t *acc,
    uint32_t *ids)
{
	uint32_t i, j, at, hat, doc, h, c, m = 0;

	for (i = 0; i < n; i++) {
		const struct sline *l = &lines[pairs[2 * i]];

		c = pairs[2 * i + 1];
		if (l->pages.n == 1) {
			/* Most lines: one page, kept outside the lists. */
			doc = l->pages.last;
			if (acc[doc] == 0)
				ids[m++] = doc;
			acc[doc] += c * l->pages.cur;
			continue;
		}
		for (at = hat = 0, doc = 0, j = 0; j < l->pages.n; j++) {
			doc += varint_get(l->pages.post, &at);
			h = j + 1 < l->pages.n ?
			    varint_get(l->pages.hits, &hat) : l->pages.cur;
			if (acc[doc] == 0)
				ids[m++] = doc;
			acc[doc] += c * h;
		}
	}
	if (m > ndocs / 16) {
		for (doc = 0; doc < ndocs; doc++)
			if (acc[doc] != 0) {
				skey_put(out, doc, acc[doc]);
				acc[doc] = 0;
			}
		return;
	}
	qsort(ids, m, sizeof(*ids), search_idcmp);
	for (i = 0; i < m; i++) {
		skey_put(out, ids[i], acc[ids[i]]);
		acc[ids[i]] = 0;
	}
}
