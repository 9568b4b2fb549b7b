/*
 * search_post.c — the search index's posting lists: documents in order
 * with how often each holds a key (or line), as varints while the index
 * is built, and as the text search.js reads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

/*
 * A hash of n bytes, eight at a time: every line of every page is
 * hashed to find it among the distinct lines (FNV-1a, a byte at a
 * time, was 1.6% of a build). Only tables use it: the output does not
 * depend on its values.
 */
uint64_t
search_hashn(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	if (n > 0)
		memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
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

void
search_b36(struct buf *b, uint64_t v)
{
	char tmp[16];
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

/*
 * The hits of each document of a key, in id order: one character of
 * B62 for 1 to 61; "0", base 36 and "." for more. Nothing at all when
 * every document holds the key once, as most do for most keys.
 */
#define B62 "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* n ids in order (ids[n] is scratch) in the shorter of the two forms
 * above; tmp is scratch. */
void
search_idv(struct buf *b, uint32_t *ids, uint32_t n, struct buf *tmp)
{
	uint32_t j, gap, run = 0, prev = 0;

	tmp->len = 0;
	ids[n] = UINT32_MAX;	/* ends the last run */
	for (j = 0; j < n; j++) {
		gap = ids[j] - prev;
		prev = ids[j];
		if (j > 0 && gap == 1)
			continue;	/* in the run written before */
		if (j > 0)
			buf_putc(tmp, ',');
		search_b36(tmp, gap);
		/* Then the run after it, if any (counted ahead). */
		for (run = 0; ids[j + run + 1] == ids[j + run] + 1; run++)
			;
		if (run == 1)
			buf_puts(tmp, ",1");
		else if (run > 1) {
			buf_putc(tmp, '~');
			search_b36(tmp, run);
		}
	}
	if (tmp->len <= prev / 6 + 2) {
		buf_putn(b, tmp->data, tmp->len);
		return;
	}
	{
		unsigned char *bits = xcalloc(prev / 6 + 1, 1);
		size_t i;

		for (j = 0; j < n; j++)
			bits[ids[j] / 6] |= (unsigned char)(1u << (ids[j] % 6));
		buf_putc(b, '*');
		for (i = 0; i <= prev / 6; i++)
			buf_putc(b, B64[bits[i]]);
		free(bits);
	}
}

/* The hits of n documents, in the form above. */
static void
search_hitv(struct buf *b, const uint32_t *hits, uint32_t n)
{
	uint32_t j;

	for (j = 0; j < n && hits[j] == 1; j++)
		;
	if (j == n)
		return;
	buf_putc(b, ';');
	for (j = 0; j < n; j++)
		if (hits[j] < 62)
			buf_putc(b, B62[hits[j]]);
		else {
			buf_putc(b, '0');
			search_b36(b, hits[j]);
			buf_putc(b, '.');
		}
}

/* A key's ids and hits: its varint lists (skey) read into arrays for
 * the one writer of each form (search_pages sums into arrays). */
void
search_ids(struct buf *b, const struct skey *k, struct buf *tmp)
{
	uint32_t *ids = xmalloc(((size_t)k->n + 1) * sizeof(*ids));
	uint32_t at = 0, id = 0, j;

	for (j = 0; j < k->n; j++)
		ids[j] = id += varint_get(k->post, &at);
	search_idv(b, ids, k->n, tmp);
	free(ids);
}

void
search_hits(struct buf *b, const struct skey *k)
{
	uint32_t *hits = xmalloc(((size_t)k->n + 1) * sizeof(*hits));
	uint32_t at = 0, j;

	for (j = 0; j < k->n; j++)
		hits[j] = j + 1 < k->n ? varint_get(k->hits, &at) : k->cur;
	search_hitv(b, hits, k->n);
	free(hits);
}

/*
 * How many ids a list of ids holds (the forms of search_ids: "*" and a
 * bitmap, or base-36 gaps where "g~r" adds r more).
 */
size_t
search_count_ids(const char *p, const char *end)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *c;
	size_t n = 0;

	if (p < end && *p == '*') {
		for (p++; p < end; p++)
			if ((c = memchr(b64, *p, 64)) != NULL)
				n += (size_t)__builtin_popcount((unsigned)(c - b64));
		return n;
	}
	while (p < end) {
		size_t run = 0;

		n++;
		while (p < end && *p != ',' && *p != '~')
			p++;
		if (p < end && *p == '~')
			for (p++; p < end && *p != ','; p++)
				run = run * 36 + (size_t)(*p <= '9' ?
				    *p - '0' : *p - 'a' + 10);
		n += run;
		if (p < end)
			p++;
	}
	return n;
}

/*
 * The name of a key's own file, without "k" and ".js": its code points
 * in hex, joined by '-' (529e-7406 for 办理). A query can name it before
 * it has read the key's shard, so both load at once (search.js).
 */
void
search_str_name(struct buf *b, const char *str)
{
	const char *p = str;
	size_t n = strlen(p);
	unsigned cp;
	int len;

	while (n > 0 && (len = utf8_decode(p, n, &cp)) > 0) {
		buf_printf(b, p == str ? "%x" : "-%x", cp);
		p += len;
		n -= (size_t)len;
	}
}

static void
search_key_name(struct buf *b, const struct skey *k)
{
	if (k->str == NULL) {
		buf_printf(b, "%x", (unsigned)(k->key >> 21));
		if (k->key & 0x1fffff)
			buf_printf(b, "-%x", (unsigned)(k->key & 0x1fffff));
		return;
	}
	search_str_name(b, k->str);
}

/*
 * Whether the file of a big value, named by its key's code points
 * (search_key_name), has a name a file system takes (255 bytes): a
 * longer key keeps its value in its shard, however big (only strings
 * of more than 35 characters can be that long; N=1000 has one such
 * value, of 4 KB).
 */
int
search_named(const char *s)
{
	size_t n = strlen(s), len = 4;		/* "k", ".js" */
	unsigned cp;
	int m;

	while (n > 0 && (m = utf8_next(s, n, &cp)) > 0) {
		len += 1;
		do
			len++;
		while (cp >>= 4);
		s += m;
		n -= (size_t)m;
	}
	return len <= 255;
}

/* Page i's kind, title and link for the first pages of big keys, and
 * the rank of its kind (search.js, rank). */
void
shead_add(struct shead *h, const char *kind, const char *title,
    const char *url)
{
	static const char *const kinds[] = { "一件事", "事项", "办理地点" };
	unsigned char r = 0;

	if (h->n + 2 > h->cap) {
		h->cap = h->cap ? 2 * h->cap : 1024;
		h->at = xreallocarray(h->at, h->cap, sizeof(*h->at));
		h->rank = xreallocarray(h->rank, h->cap, 1);
	}
	while (r < 3 && strcmp(kind, kinds[r]) != 0)
		r++;
	h->rank[h->n] = r;
	h->at[h->n++] = h->json.len;
	buf_putc(&h->json, '"');
	esc_json(&h->json, kind);
	buf_puts(&h->json, "\",\"");
	esc_json(&h->json, title);
	buf_puts(&h->json, "\",\"");
	esc_json(&h->json, url);
	buf_putc(&h->json, '"');
	h->at[h->n] = h->json.len;
}

void
shead_free(struct shead *h)
{
	buf_free(&h->json);
	free(h->at);
	free(h->rank);
	memset(h, 0, sizeof(*h));
}

static uint32_t
b36_read(const char **p, const char *end)
{
	uint32_t v = 0;

	for (; *p < end && ((**p >= '0' && **p <= '9') ||
	    (**p >= 'a' && **p <= 'z')); (*p)++)
		v = v * 36 + (uint32_t)(**p <= '9' ? **p - '0' : **p - 'a' + 10);
	return v;
}

/* Room for n more in o's scratch lists (each of o->cap). */
static void
sown_room(struct sown *o, size_t n)
{
	if (n <= o->cap)
		return;
	o->cap = n + n / 2;
	o->ids = xreallocarray(o->ids, o->cap, sizeof(*o->ids));
	o->tids = xreallocarray(o->tids, o->cap, sizeof(*o->tids));
	o->hits = xreallocarray(o->hits, o->cap, sizeof(*o->hits));
}

/* The ids of p to end (the forms of search_idv) into *ids, at most
 * max; returns how many. */
size_t
ids_read(const char *p, const char *end, uint32_t *ids, size_t max)
{
	const char *c;
	size_t n = 0;
	uint32_t id = 0, run;
	int j;

	if (p < end && *p == '*') {
		for (p++, id = 0; p < end; p++, id += 6)
			if ((c = memchr(B64, *p, 64)) != NULL)
				for (j = 0; j < 6; j++)
					if (((c - B64) >> j & 1) && n < max)
						ids[n++] = id + (uint32_t)j;
		return n;
	}
	while (p < end && n < max) {
		ids[n++] = id += b36_read(&p, end);
		run = 0;
		if (p < end && *p == '~') {
			p++;
			run = b36_read(&p, end);
		}
		for (; run > 0 && n < max; run--)
			ids[n++] = ++id;
		if (p < end)
			p++;	/* ',' */
	}
	return n;
}

/* The hits of n pages (search_hitv) from p to end, 1 for those left. */
static void
hits_read(const char *p, const char *end, uint32_t *hits, size_t n)
{
	const char *c;
	size_t i;

	for (i = 0; i < n && p < end; i++) {
		if (*p == '0') {
			p++;
			hits[i] = b36_read(&p, end);
			p++;	/* '.' */
		} else
			hits[i] = (c = memchr(B62, *p++, 62)) != NULL ?
			    (uint32_t)(c - B62) : 1;
	}
	for (; i < n; i++)
		hits[i] = 1;
}

static int
srank_before(const struct srank *a, const struct srank *b)
{
	if (a->title != b->title)
		return a->title > b->title;
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->hits != b->hits)
		return a->hits > b->hits;
	return a->id < b->id;
}

/* r into the first SEARCH_FIRST results top[0..*m) in rank order, if
 * it is among them. */
void
srank_keep(struct srank *top, uint32_t *m, uint32_t cap,
    const struct srank *r)
{
	uint32_t j;

	if (*m == cap && !srank_before(r, &top[*m - 1]))
		return;
	for (j = *m < cap ? (*m)++ : *m - 1;
	    j > 0 && srank_before(r, &top[j - 1]); j--)
		top[j] = top[j - 1];
	top[j] = *r;
}

/*
 * The first SEARCH_FIRST of a value's pages in rank order into f (and
 * how many pages), read back from the value as written:
 * ids[;hits][!title ids][|…]. 0 if it has no pages (a key of lines).
 */
static int
search_first(struct sown *o, const char *v, size_t len, struct sfirst *f)
{
	const char *end = v + len, *semi, *bang, *bar, *e, *ie;
	size_t n, nt, i, t = 0;
	struct srank r;

	f->count = f->m = 0;
	if (len == 0 || *v == '!' || *v == '|' || *v == '=' || o->hd == NULL)
		return 0;
	bar = memchr(v, '|', len);
	e = bar != NULL ? bar : end;
	bang = memchr(v, '!', (size_t)(e - v));
	semi = memchr(v, ';', (size_t)((bang ? bang : e) - v));
	ie = semi ? semi : bang ? bang : e;
	n = search_count_ids(v, ie);
	nt = bang ? search_count_ids(bang + 1, e) : 0;
	sown_room(o, (n > nt ? n : nt) + 1);
	n = ids_read(v, ie, o->ids, n);
	nt = bang ? ids_read(bang + 1, e, o->tids, nt) : 0;
	hits_read(semi ? semi + 1 : e, semi ? (bang ? bang : e) : e, o->hits, n);
	f->count = n;
	for (i = 0; i < n; i++) {
		if (o->ids[i] >= o->hd->n)
			continue;	/* not a page: cannot be */
		while (t < nt && o->tids[t] < o->ids[i])
			t++;
		r.id = o->ids[i];
		r.hits = o->hits[i];
		r.title = t < nt && o->tids[t] == r.id;
		r.rank = o->hd->rank[r.id];
		srank_keep(f->top, &f->m, SEARCH_FIRST, &r);
	}
	return 1;
}

/* ,[count,[id,title hit,hits,"kind","title","url"],…] */
static void
search_first_put(struct buf *b, const struct shead *hd, const struct sfirst *f)
{
	uint32_t i;

	buf_printf(b, ",[%zu", f->count);
	for (i = 0; i < f->m; i++) {
		const struct srank *r = &f->top[i];

		buf_printf(b, ",\n[%u,%d,%u,", r->id, r->title, r->hits);
		buf_putn(b, hd->json.data + hd->at[r->id],
		    hd->at[r->id + 1] - hd->at[r->id]);
		buf_putc(b, ']');
	}
	buf_putc(b, ']');
}

void
sown_free(struct sown *o)
{
	size_t i;

	for (i = 0; i < o->nkept; i++)
		free(o->kept[i].str);
	free(o->kept);
	free(o->ids);
	free(o->tids);
	free(o->hits);
	free(o->names);
	o->kept = NULL;
	o->ids = o->tids = o->hits = NULL;
	o->names = NULL;
	o->nkept = o->cap = o->nnames = o->namecap = 0;
}

/* FNV-1a over a name from a basis: search.js's fnv. */
static uint32_t
name_hash(const char *s, uint32_t h)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Take from's names into to. */
void
search_own_names(struct sown *to, struct sown *from)
{
	if (from->nnames == 0)
		return;
	if (to->nnames + from->nnames > to->namecap) {
		to->namecap = to->nnames + from->nnames;
		to->names = xreallocarray(to->names, to->namecap,
		    sizeof(*to->names));
	}
	memcpy(to->names + to->nnames, from->names,
	    from->nnames * sizeof(*from->names));
	to->nnames += from->nnames;
	from->nnames = 0;
}

/*
 * meta's "own": a Bloom filter of the names of the key files written,
 * OWN_BITS bits a name and OWN_PROBES probes ((h1 + i * h2) mod m, by
 * two FNV-1a hashes of the name: under 1% of the names not there pass),
 * 6 bits a character of B64 (bit j of character i is bit 6i + j). The
 * page (search.html holds meta) asks for a query's own key file only
 * if its name passes, and else for its shards at once: N=1000 loaded
 * the file first and the shards once it was found missing, a round of
 * files later. A filter of no names is "A"; none (OWN_CHARS_MAX) is "".
 */
#define OWN_BITS	10
#define OWN_PROBES	7	/* search.js OWN_PROBES */
/* Past this many characters (about 78,000 names: N=10000 has about
 * 20,000 in 33 KB) no filter: each query would read more of it than a round
 * of files costs. search.js then asks for a query's own file as if the
 * filter passed it. */
#define OWN_CHARS_MAX	(128 * 1024)

void
search_own_filter(struct buf *b, const struct sown *o)
{
	unsigned char *bits;
	size_t m, i, j, nc;

	nc = (o->nnames * OWN_BITS + 5) / 6;
	if (nc > OWN_CHARS_MAX)
		return;
	if (nc == 0)
		nc = 1;
	m = nc * 6;
	bits = xcalloc(nc, 1);
	for (i = 0; i < o->nnames; i++)
		for (j = 0; j < OWN_PROBES; j++) {
			uint32_t at = (uint32_t)(o->names[i].h1 +
			    (uint32_t)j * o->names[i].h2) % (uint32_t)m;

			bits[at / 6] |= (unsigned char)(1u << (at % 6));
		}
	for (i = 0; i < nc; i++)
		buf_putc(b, B64[bits[i]]);
	free(bits);
}

/* Write k<name>.js: ybtSearch.key("name","value"[,first page]). */
void
search_key_file(struct sown *o, const char *name, const char *v, size_t len,
    const struct sfirst *f)
{
	struct buf b;
	char *path;

	buf_init(&b);
	buf_grow(&b, 64 + len + (f ? 256 * f->m : 0));
	buf_printf(&b, "ybtSearch.key(\"%s\",\"", name);
	buf_putn(&b, v, len);
	buf_putc(&b, '"');
	if (f != NULL && f->count > 0)
		search_first_put(&b, o->hd, f);
	buf_puts(&b, ");\n");
	path = xasprintf("%s/k%s.js", o->dir, name);
	if (o->nnames == o->namecap) {
		o->namecap = o->namecap ? 2 * o->namecap : 256;
		o->names = xreallocarray(o->names, o->namecap,
		    sizeof(*o->names));
	}
	/* the name as search.js makes it: "k" and the code points */
	o->names[o->nnames].h1 = name_hash(name, name_hash("k", 2166136261u));
	o->names[o->nnames++].h2 =
	    name_hash(name, name_hash("k", 3735928559u)) | 1;
	/* Plain writes: the site lives in the build's temporary folder. */
	if (file_write(path, b.data, b.len) != 0) {
		search_failed(o->werr);
		o->bytes = -1;
	} else if (o->bytes >= 0)
		o->bytes += (long)b.len;
	free(path);
	buf_free(&b);
}

static int
sfirst_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sfirst *)a)->str,
	    ((const struct sfirst *)b)->str);
}

/*
 * A key past FREQ_DENSE characters: search.js asks for a query's own
 * file up to FREQ_DENSE only, and the file of a string of 60 would have
 * a name past 255 bytes.
 */
static int
long_key(const struct skey *k)
{
	return k->str != NULL &&
	    utf8_count(k->str, strlen(k->str)) > FREQ_DENSE;
}

void *
search_refs(void *arg)
{
	const struct srefs *r = arg;
	struct sown *o = r->o;
	const struct skey *freq = r->freq;
	size_t n = r->n;
	struct sfirst key, *f;
	struct buf name;
	size_t i;

	if (o->nkept == 0)
		return NULL;
	qsort(o->kept, o->nkept, sizeof(*o->kept), sfirst_cmp);
	buf_init(&name);
	for (i = 0; i < n; i++) {
		const struct skey *k = &freq[i];

		if (k->enc == NULL || k->enc[0] != '=' || long_key(k))
			continue;
		key.str = k->enc + 1;
		if ((f = bsearch(&key, o->kept, o->nkept, sizeof(*o->kept),
		    sfirst_cmp)) == NULL)
			continue;	/* to a value in a shard */
		name.len = 0;
		search_key_name(&name, k);
		search_key_file(o, name.data, k->enc, k->enclen, f);
	}
	buf_free(&name);
	return NULL;
}

/*
 * Whether k's value is a file of its own: past SEARCH_KEY_BYTES, or
 * past SEARCH_STR_BYTES that of a frequent string of up to FREQ_DENSE
 * characters with pages (not a key of lines, not "=" another).
 */
static int
search_big(const struct skey *k)
{
	if (k->enclen > SEARCH_KEY_BYTES)
		return 1;
	return k->enclen > SEARCH_STR_BYTES && k->str != NULL &&
	    k->enc != NULL && strchr("!|=", k->enc[0]) == NULL &&
	    utf8_count(k->str, strlen(k->str)) <= FREQ_DENSE;
}

/* The pages a key of many pages needs (search_many, search_hot.c). */
size_t
search_many_pages(const struct shead *hd)
{
	size_t n = hd != NULL ? hd->n / SEARCH_MANY_SHARE : 0;

	return n > SEARCH_MANY ? n : SEARCH_MANY;
}

/*
 * Whether k's value, staying in its shard, has a file of its own too:
 * a key of up to FREQ_DENSE characters in at least search_many_pages.
 * A query of it then shows its count and first page from that file,
 * not from title shards a round of files after the shard.
 */
static int
search_many(const struct sown *o, const struct skey *k)
{
	const char *v = k->enc, *e;

	if (v == NULL || k->enclen == 0 || strchr("!|=@\n", v[0]) != NULL ||
	    long_key(k))
		return 0;
	e = v + strcspn(v, ";!|#\n");
	return search_count_ids(v, e) >= search_many_pages(o->hd);
}

void
search_own(struct sown *o, struct skey *k)
{
	struct buf name;
	struct sfirst f;
	char *bar, *tail;
	int big;

	/* Only a big value, or one of many pages, has a file, and only
	 * if its key is short enough to name one (the size first:
	 * search_named decodes). */
	big = search_big(k);
	if ((!big && !search_many(o, k)) ||
	    (k->str != NULL && !search_named(k->str)))
		return;
	buf_init(&name);
	search_key_name(&name, k);
	search_first(o, k->enc, k->enclen, &f);
	search_key_file(o, name.data, k->enc, k->enclen, &f);
	/* A frequent string's, for those that refer to it (search_refs). */
	if (o->keep && k->str != NULL && f.count > 0) {
		struct buf e;

		o->kept = xreallocarray(o->kept, o->nkept + 1, sizeof(*o->kept));
		buf_init(&e);
		esc_json(&e, k->str);
		f.str = buf_detach(&e);
		o->kept[o->nkept++] = f;
	}
	buf_free(&name);
	if (!big)
		return;		/* its value stays in its shard */
	/* Its mark in the shard says how many lines hold it (a bigram). */
	bar = memchr(k->enc, '|', k->enclen);
	k->file = bar == NULL ? 1 : 2 + (uint32_t)search_count_ids(bar + 1,
	    k->enc + k->enclen);
	/* And a bigram of few lines keeps its title ids and lines there
	 * (search_big_mark): a query checking them needs not its file. */
	tail = bar == NULL ? NULL : memchr(k->enc, '!', (size_t)(bar - k->enc));
	if (tail == NULL)
		tail = bar;
	if (bar != NULL && k->file - 2 <= SEARCH_MARK_LINES &&
	    k->enc + k->enclen - tail <= SEARCH_MARK_BYTES) {
		k->enclen = (size_t)(k->enc + k->enclen - tail);
		memmove(k->enc, tail, k->enclen);
		k->enc[k->enclen] = '\0';
		k->enc = xrealloc(k->enc, k->enclen + 1);
		return;
	}
	free(k->enc);
	k->enc = NULL;
}

void
search_pair(void *(*fn)(void *), void *a, void *b)
{
	pthread_t tid;
	int started = pthread_create(&tid, NULL, fn, b) == 0;

	fn(a);
	if (started)
		pthread_join(tid, NULL);
	else
		fn(b);
}

int
search_take(pthread_mutex_t *lock, size_t *next, size_t n, size_t take,
    size_t *from, size_t *to)
{
	pthread_mutex_lock(lock);
	*from = *next;
	*to = *next = *next + take < n ? *next + take : n;
	pthread_mutex_unlock(lock);
	return *from < *to;
}

int
search_idcmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Two lines of the same pages with the same hits in each. */
static int
lclass_same(const struct sline *a, const struct sline *b)
{
	return a->pages.n == b->pages.n && a->pages.cur == b->pages.cur &&
	    a->pages.len == b->pages.len && a->pages.hlen == b->pages.hlen &&
	    memcmp(a->pages.post, b->pages.post, a->pages.len) == 0 &&
	    (a->pages.hlen == 0 ||
	    memcmp(a->pages.hits, b->pages.hits, a->pages.hlen) == 0);
}

/* All bits of x into each: the hashes of two lists are combined. */
static uint64_t
lclass_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

/* Each class's pages and hits, in a row (struct lclass). */
static void
lclass_pages(struct lclass *c, const struct sline *lines)
{
	size_t i, e;
	uint32_t j, at, hat, doc;

	c->at = xcalloc((size_t)c->n + 1, sizeof(*c->at));
	for (i = 0; i < c->n; i++)
		c->at[i + 1] = c->at[i] + lines[c->rep[i]].pages.n;
	c->docs = xcalloc(c->at[c->n] + 1, sizeof(*c->docs));
	c->hits = xcalloc(c->at[c->n] + 1, sizeof(*c->hits));
	for (i = 0; i < c->n; i++) {
		const struct skey *p = &lines[c->rep[i]].pages;

		for (e = c->at[i], at = hat = 0, doc = 0, j = 0; j < p->n; j++) {
			doc += varint_get(p->post, &at);
			c->docs[e + j] = doc;
			c->hits[e + j] = j + 1 < p->n ?
			    varint_get(p->hits, &hat) : p->cur;
		}
	}
}

/* The classes of n lines, numbered in order of their first line. */
void
lclass_make(struct lclass *c, const struct sline *lines, size_t n)
{
	uint32_t *tab;		/* class + 1 by hash, 0: empty */
	size_t cap = 16, i, j;

	while (cap < 2 * n)
		cap *= 2;
	tab = xcalloc(cap, sizeof(*tab));
	c->of = xcalloc(n + 1, sizeof(*c->of));
	c->rep = xcalloc(n + 1, sizeof(*c->rep));
	c->n = 0;
	for (i = 0; i < n; i++) {
		const struct skey *p = &lines[i].pages;
		uint64_t h = lclass_mix(search_hashn(p->post, p->len) ^
		    lclass_mix(search_hashn(p->hits, p->hlen) + p->cur));

		for (j = (size_t)h & (cap - 1); tab[j] != 0;
		    j = (j + 1) & (cap - 1))
			if (lclass_same(&lines[c->rep[tab[j] - 1]], &lines[i]))
				break;
		if (tab[j] == 0) {
			c->rep[c->n] = (uint32_t)i;
			tab[j] = ++c->n;
		}
		c->of[i] = tab[j] - 1;
	}
	free(tab);
	c->rep = xreallocarray(c->rep, (size_t)c->n + 1, sizeof(*c->rep));
	lclass_pages(c, lines);
}

void
lclass_free(struct lclass *c)
{
	free(c->of);
	free(c->rep);
	free(c->at);
	free(c->docs);
	free(c->hits);
	memset(c, 0, sizeof(*c));
}

void
pscratch_init(struct pscratch *sc, const struct lclass *c, size_t ndocs)
{
	sc->acc = xcalloc(ndocs + 1, sizeof(*sc->acc));
	sc->ids = xcalloc(ndocs + 1, sizeof(*sc->ids));
	sc->hits = xcalloc(ndocs + 1, sizeof(*sc->hits));
	sc->cacc = xcalloc((size_t)c->n + 1, sizeof(*sc->cacc));
	sc->cids = xcalloc((size_t)c->n + 1, sizeof(*sc->cids));
}

void
pscratch_free(struct pscratch *sc)
{
	free(sc->acc);
	free(sc->ids);
	free(sc->hits);
	free(sc->cacc);
	free(sc->cids);
	memset(sc, 0, sizeof(*sc));
}

/* The class of the lines and hits v (n bytes), or NULL after adding
 * them as a new one. */
const struct sclass *
search_class(struct sclasses *t, const unsigned char *v, uint32_t n,
    const char *str)
{
	uint64_t h = search_hashn(v, n);
	size_t i;

	if (2 * (t->used + 1) > t->cap) {
		struct sclass *old = t->tab;
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

void
sclasses_free(struct sclasses *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->tab[i].v);
	free(t->tab);
	memset(t, 0, sizeof(*t));
}

/* "!" and the pages of the title lines of pairs from i to np, if any
 * (title lines come after the text's). acc (zero, left zero) and ids
 * are scratch. */
void
search_titles(struct buf *e, const struct sline *const *lines,
    const uint32_t *pairs, uint32_t i, uint32_t np, uint32_t *acc,
    uint32_t *ids, struct buf *tmp)
{
	uint32_t n, j, at, doc;
	struct skey t;

	for (n = 0; i < np; i++) {
		const struct sline *l = lines[pairs[2 * i]];

		for (at = 0, doc = 0, j = 0; j < l->pages.n; j++) {
			doc += varint_get(l->pages.post, &at);
			if (acc[doc] == 0)
				ids[n++] = doc;
			acc[doc] = 1;
		}
	}
	if (n == 0)
		return;
	qsort(ids, n, sizeof(*ids), search_idcmp);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		skey_add(&t, ids[i]);
		acc[ids[i]] = 0;
	}
	buf_putc(e, '!');
	search_ids(e, &t, tmp);
	free(t.post);
	free(t.hits);
}

/*
 * The documents of n (line, hits) pairs of text lines, each with the
 * sum of its lines' hits times how often it holds them, into sc->ids
 * and sc->hits; returns how many. The hits are first summed by class of
 * lines, then each class's pages visited once. If sorted, the documents
 * touched are sorted, or acc is read in order when they are many.
 */
uint32_t
search_acc(const struct lclass *cl, const uint32_t *pairs, uint32_t n,
    size_t ndocs, struct pscratch *sc, int sorted)
{
	uint32_t *acc = sc->acc, *ids = sc->ids;
	uint32_t i, doc, c, k, m = 0, mc = 0;
	size_t j;

	for (i = 0; i < n; i++) {
		k = cl->of[pairs[2 * i]];
		if (sc->cacc[k] == 0)
			sc->cids[mc++] = k;
		sc->cacc[k] += pairs[2 * i + 1];
	}
	for (i = 0; i < mc; i++) {
		k = sc->cids[i];
		c = sc->cacc[k];
		sc->cacc[k] = 0;
		for (j = cl->at[k]; j < cl->at[k + 1]; j++) {
			doc = cl->docs[j];
			if (acc[doc] == 0)
				ids[m++] = doc;
			acc[doc] += c * cl->hits[j];
		}
	}
	if (sorted && m > ndocs / 16) {
		for (i = 0, doc = 0; doc < ndocs; doc++)
			if (acc[doc] != 0)
				ids[i++] = doc;
	} else if (sorted)
		qsort(ids, m, sizeof(*ids), search_idcmp);
	for (i = 0; i < m; i++) {
		sc->hits[i] = acc[ids[i]];
		acc[ids[i]] = 0;
	}
	return m;
}

/* The documents of n (line, hits) pairs of text lines (search_acc),
 * written to b as ids[;hits] (tmp: scratch). */
void
search_pages(struct buf *b, const struct lclass *cl, const uint32_t *pairs,
    uint32_t n, size_t ndocs, struct pscratch *sc, struct buf *tmp)
{
	uint32_t m = search_acc(cl, pairs, n, ndocs, sc, 1);

	search_idv(b, sc->ids, m, tmp);
	search_hitv(b, sc->hits, m);
}

/*
 * "#" and the title shards of the first page of the documents of n
 * (line, hits) pairs of text lines, ranked by kind, hits and page order
 * (rank: the kind's of each page, npages of them; title hits left
 * out, their shards are asked for anyway), if any. A key of lines
 * ends with it: search.js asks for these title shards with its lines,
 * as a query holding the key mostly has the key's pages, not for the
 * pages that may hold the query by its bigrams (N=1000: 无配偶以及与对方
 * asked for 14 title shards and needed 2).
 */
void
search_hint(struct buf *b, const struct lclass *cl, const uint32_t *pairs,
    uint32_t n, const unsigned char *rank, size_t npages,
    struct pscratch *sc, struct buf *tmp)
{
	struct srank top[SEARCH_FIRST], r;
	uint32_t i, m, nt = 0;

	m = search_acc(cl, pairs, n, npages, sc, 0);
	for (i = 0; i < m; i++) {
		if (sc->ids[i] >= npages)
			continue;	/* not a page: cannot be */
		r.id = sc->ids[i];
		r.hits = sc->hits[i];
		r.title = 0;
		r.rank = rank[r.id];
		srank_keep(top, &nt, SEARCH_FIRST, &r);
	}
	search_hint_put(b, top, nt, tmp);
}

/* "#" and the title shards of the n results top, if any. */
void
search_hint_put(struct buf *b, const struct srank *top, uint32_t n,
    struct buf *tmp)
{
	uint32_t i, j, sh[SEARCH_FIRST + 1];	/* + search_idv's */

	for (i = 0; i < n; i++)
		sh[i] = top[i].id / SEARCH_TITLES;
	qsort(sh, n, sizeof(*sh), search_idcmp);
	for (i = j = 0; i < n; i++)
		if (j == 0 || sh[j - 1] != sh[i])
			sh[j++] = sh[i];
	if (j == 0)
		return;
	buf_putc(b, '#');
	search_idv(b, sh, j, tmp);
}
