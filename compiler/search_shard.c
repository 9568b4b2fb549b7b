/*
 * search_shard.c — which shard of search/ each key of the index lives
 * in: (c1 * 31 + c2) % n of its code, its first two code points or, for
 * the longer keys, hashes (search.js computes the same from a query);
 * the groups of keys split where they are big, the copies of keys by
 * their end, the keys grouped by shard for the writers. Not the values
 * (search_post.c) nor the frequent strings (search_freq.c).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "search_int.h"

/* The shard of a key: (c1 * 31 + c2) % n, as in search.js. */
size_t
shard_of(uint64_t key, size_t n)
{
	size_t c1 = (size_t)(key >> 21), c2 = (size_t)(key & 0x1fffff);

	return (c1 * 31 + c2) % n;
}

static int
shard_keycmp(const void *a, const void *b)
{
	const struct skey *x = *(const struct skey *const *)a;
	const struct skey *y = *(const struct skey *const *)b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->str == NULL || y->str == NULL)
		return (x->str != NULL) - (y->str != NULL);
	return strcmp(x->str, y->str);
}

/*
 * A key of FREQ_DENSE characters or more that is a key of lines, or a
 * frequent string's whose value has a chain to the left (search_freq.c,
 * freq_chains: a second "\n" in it, as written), is found from where it
 * ends too: it is written a second time, as "\n" and the string, in the
 * shard of its last FREQ_DENSE characters (shard_end). All the keys of
 * a query's suffixes on such chains are in one shard, and all the keys
 * of lines that end where a query's longest frequent prefix is passed
 * (search.js, stage). Else they were in the shards of every place of
 * the query.
 */
static int
shard_by_end(const struct skey *k)
{
	size_t i, n = 0;

	if (k->str == NULL || k->file != 0 || k->enc == NULL)
		return 0;
	if (k->enc[0] == '|' || k->enc[0] == '!')
		return 1;
	for (i = 0; i + 1 < k->enclen; i++)
		if (k->enc[i] == '\\' && k->enc[i++ + 1] == 'n' && ++n == 2)
			return i + 1 < k->enclen;
	return 0;
}

/* The code of the shard of the keys that end in s, a string's last
 * d characters (FREQ_DENSE or more): hashes of the first d - 4 of them
 * and of the last four (search.js, endShard). */
static uint64_t
shard_end(const char *s, size_t d)
{
	uint32_t h[2] = { 0, 0 };
	size_t len = strlen(s), i;
	unsigned cp;
	int m;

	for (i = 0; len > 0; i++) {
		if ((m = utf8_next(s, len, &cp)) <= 0) {
			m = 1;
			cp = (unsigned char)*s;
		}
		h[i + 4 >= d] = (h[i + 4 >= d] * 31 + cp) & 0x1fffff;
		s += m;
		len -= (size_t)m;
	}
	return (uint64_t)h[0] << 21 | h[1];
}

/*
 * The first ids of shards 0 to n - 1 (that of shard 0 is 0) in runs of
 * SHARD_RUN: [[the run's first, "gaps"], …], each gap to the next one
 * character of 0-9 a-z A-Z for 1 to 61, or "0", base 36 and "." (as
 * hits are written, search_post.c): as numbers they were 169 KB of
 * meta.js at N=10000. search.js decodes a run when it needs one of its
 * entries: the whole of N=10000's three lists (22,000 shards each)
 * took 30 ms of a cold page's script before a query's lines were named.
 */
void
shard_gaps(struct buf *b, const size_t *first, size_t n)
{
	static const char b62[] = "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char d[16];
	size_t i, g;
	int k;

	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i % SHARD_RUN == 0) {
			buf_printf(b, "%s[%zu,\"", i > 0 ? "\"]," : "",
			    first[i]);
			continue;
		}
		if ((g = first[i] - first[i - 1]) > 0 && g < 62) {
			buf_putc(b, b62[g]);
			continue;
		}
		for (k = 0; g > 0; g /= 36)
			d[k++] = b62[g % 36];
		buf_putc(b, '0');
		while (k > 0)
			buf_putc(b, d[--k]);
		buf_putc(b, '.');
	}
	buf_puts(b, n > 0 ? "\"]]" : "]");
}

/*
 * meta's "lstarts" (the first line of each of the n line shards that
 * begin at start) and, after it, "ldocs": the document that first used
 * each shard's first line plus the shard's number, as gaps from 0 too
 * (mostly 0 without it, two bytes each; one with it). Lines are
 * numbered in order of first use, so a line of shard k was first used
 * by a page from ldocs[k] to ldocs[k + 1], and that page holds it:
 * search.js asks for those pages' titles with the lines, not a round
 * after them.
 */
void
shard_lines_meta(struct buf *b, const struct sline *lines,
    const size_t *start, size_t n)
{
	size_t *first = xcalloc(n + 2, sizeof(*first)), i;
	uint32_t at;

	shard_gaps(b, start, n);
	buf_puts(b, ",\"ldocs\":");
	for (i = 0; i < n; i++) {
		at = 0;
		first[i + 1] = lines[start[i]].pages.n > 0 ?
		    varint_get(lines[start[i]].pages.post, &at) : first[i];
		if (first[i + 1] < first[i])
			first[i + 1] = first[i];	/* never: in order */
	}
	for (i = 1; i <= n; i++)
		first[i] += i;
	shard_gaps(b, first, n + 1);
	free(first);
}

/* The bytes a key takes in its shard: its value, or "@" and the number
 * of its lines when it has a file of its own (search_own). */
size_t
shard_kbytes(const struct skey *k)
{
	return 12 + (k->enclen > SEARCH_KEY_BYTES ||
	    (k->file > 0 && k->enc == NULL) ? 8 : k->enclen);
}

/* The code of the shard of a string (len bytes): hashes of its first
 * five characters and of the next four, up to FREQ_DENSE + 1 in all.
 * A key past FREQ_DENSE characters is placed by it (search_freq.c,
 * freq_spread), and so is a group of keys of 3 to FREQ_DENSE characters
 * (shard_split_group); search.js, spread. */
uint64_t
shard_spread(const char *s, size_t len)
{
	uint32_t h[2] = { 0, 0 }, i;
	unsigned cp;
	int m;

	for (i = 0; i <= FREQ_DENSE && len > 0; i++) {
		if ((m = utf8_next(s, len, &cp)) <= 0) {
			m = 1;
			cp = (unsigned char)*s;
		}
		h[i >= 5] = (h[i >= 5] * 31 + cp) & 0x1fffff;
		s += m;
		len -= (size_t)m;
	}
	return (uint64_t)h[0] << 21 | h[1];
}

static int
shard_strcmp(const void *a, const void *b)
{
	return strcmp((*(const struct skey *const *)a)->str,
	    (*(const struct skey *const *)b)->str);
}

/* The bytes of the first n characters of s (n at most its length). */
static size_t
shard_chars(const char *s, size_t n)
{
	size_t at = 0, len = strlen(s);
	unsigned cp;
	int m;

	for (; n > 0 && at < len; n--)
		at += (size_t)((m = utf8_next(s + at, len - at, &cp)) > 0 ? m : 1);
	return at;
}

/*
 * The frequent strings of 3 to FREQ_DENSE characters beginning with
 * the same bigram are as many as the places a phrase such as 区受理点
 * goes on from (N=10000: 区受 894 keys and 306 KB, 理点 5,531 and 271
 * KB, in one shard loaded by every query holding the bigram). So the
 * keys k[0..n) (sorted by their text, all beginning with the same d
 * characters), if they take more than SEARCH_SHARD_BYTES, are split by
 * their next character: the group of those d characters is noted in
 * split (meta.js, "split") and its keys go on to the groups of d + 1,
 * but one of d characters (the prefix itself), which stays with its
 * bigram. A key is in the shard of its group (shard_spread), or of
 * its bigram: a query loads two shards a place, that of its bigram and
 * that of its group (search.js, shard).
 */
static void
shard_split_group(struct skey **k, size_t n, size_t d, struct buf *split)
{
	size_t bytes = 0, i, j, at, next;
	char *pre;

	for (i = 0; i < n; i++)
		bytes += shard_kbytes(k[i]) + 4;
	at = shard_chars(k[0]->str, d);
	if (bytes <= SEARCH_SHARD_BYTES || d >= FREQ_DENSE) {
		if (d > 2)
			for (i = 0; i < n; i++)
				k[i]->key = shard_spread(k[i]->str, at);
		return;
	}
	pre = xstrndup(k[0]->str, at);
	buf_puts(split, split->len ? ",\"" : "\"");
	esc_json(split, pre);
	buf_puts(split, "\"");
	free(pre);
	for (i = 0; i < n; i = j) {
		if (k[i]->str[at] == '\0') {	/* the prefix itself */
			j = i + 1;
			continue;
		}
		next = at + shard_chars(k[i]->str + at, 1);
		for (j = i + 1; j < n && strncmp(k[j]->str, k[i]->str, next) == 0; j++)
			;
		shard_split_group(k + i, j - i, d + 1, split);
	}
}

/* A copy by its end (shard_ends): its characters, and whether it is
 * left out. */
struct send {
	struct skey	*k;
	size_t		 chars;
	int		 out;
};

static int
shard_sendcmp(const void *a, const void *b)
{
	const struct send *x = a, *y = b;

	if (x->k->key != y->k->key)
		return x->k->key < y->k->key ? -1 : 1;
	return strcmp(x->k->str, y->k->str);
}

/* s with its bytes in reverse order (a string ends where its reverse
 * begins: UTF-8 starts a character with a byte no other can be). */
static char *
shard_rev(char *s)
{
	size_t a, len = strlen(s);
	char c;

	for (a = 0; a < len / 2; a++) {
		c = s[a];
		s[a] = s[len - 1 - a];
		s[len - 1 - a] = c;
	}
	return s;
}

/* The ends split (shard_end_split), each byte-reversed. */
struct ends_split {
	char	**v;
	size_t	  n, cap;
	size_t	  bytes;	/* of them all */
};

/*
 * The copies e[0..n), each in the shard of its last d characters:
 * sorted by that shard's code, and the copies of a code (one end but
 * for a collision) that take more than SHARD_END_BYTES noted in es,
 * those of more than d characters going on to the shards of their last
 * d + 1, again while a group takes more (the one of d characters, the
 * end itself, stays). So the keys of lines of the offices' lines that
 * end in " · 到现场 1" (N=10000: 1,314 keys, 443 KB) are in the shards
 * of the longer ends where they part, not left out; only past
 * SHARD_END_DEEP, or once the ends split take SHARD_END_NOTED bytes
 * (N=10000: 17 KB; an edition made to split ends without end must not
 * make search.html as big), are they. (The html suite lowers the
 * bytes, by YBT_SEARCH_END_BYTES, to split ends at N=200.)
 */
#define SHARD_END_BYTES	(4 * SEARCH_SHARD_BYTES)
#define SHARD_END_DEEP	64
#define SHARD_END_NOTED	(256 * 1024)
static void
shard_end_split(struct send *e, size_t n, size_t d, size_t most,
    struct ends_split *es)
{
	size_t bytes, i, a, b, k;
	const char *s, *last;

	qsort(e, n, sizeof(*e), shard_sendcmp);
	for (a = 0; a < n; a = b) {
		for (bytes = 0, b = a; b < n && e[b].k->key == e[a].k->key; b++)
			bytes += shard_kbytes(e[b].k) + 4;
		if (bytes <= most)
			continue;
		if (d >= SHARD_END_DEEP || es->bytes > SHARD_END_NOTED) {
			for (i = a; i < b; i++)
				e[i].out = 1;
			continue;
		}
		for (last = NULL, i = a; i < b; i++) {
			s = e[i].k->str + 1;
			s += shard_chars(s, e[i].chars - d);
			if (last != NULL && strcmp(last, s) == 0)
				continue;
			last = s;
			if (es->n == es->cap) {
				es->cap = es->cap ? 2 * es->cap : 64;
				es->v = xreallocarray(es->v, es->cap,
				    sizeof(*es->v));
			}
			es->v[es->n++] = shard_rev(xstrdup(s));
			es->bytes += strlen(s);
		}
		/* the longer ones first, on to d + 1; the end itself stays */
		for (k = a, i = a; i < b; i++)
			if (e[i].chars > d) {
				struct send t = e[k];

				s = e[i].k->str + 1;
				e[i].k->key = shard_end(s +
				    shard_chars(s, e[i].chars - d - 1), d + 1);
				e[k++] = e[i];
				e[i] = t;
			}
		shard_end_split(e + a, k - a, d + 1, most, es);
	}
}

static int
shard_revcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The ends split, as JSON strings to esplit: those that are not the
 * end of another (a split end's own end is split too, to FREQ_DENSE
 * characters: search.js, endShard, takes them back). The offices'
 * lines and the sentences every matter repeats split ends a character
 * at a time, a key left at each; all of them were 17 KB of
 * search.html at N=10000, those not the end of another 1.5 KB.
 */
static void
shard_ends_noted(struct ends_split *es, struct buf *esplit)
{
	size_t i;
	char *s;

	if (es->n == 0)
		return;		/* es->v is NULL: not for qsort */
	qsort(es->v, es->n, sizeof(*es->v), shard_revcmp);
	for (i = 0; i < es->n; i++) {
		s = es->v[i];
		if (i + 1 == es->n || strncmp(s, es->v[i + 1], strlen(s)) != 0) {
			buf_puts(esplit, esplit->len ? ",\"" : "\"");
			esc_json(esplit, shard_rev(s));
			buf_putc(esplit, '"');
		}
		free(s);
	}
	free(es->v);
}

/*
 * The keys of the frequent strings, and after them the copies by their
 * end (shard_by_end) of those that have one, added to keys (room for
 * 2 * nfreq more) with their bytes to *est, in the shard of their last
 * FREQ_DENSE characters or, where those are split, of a longer end
 * (shard_end_split; the split ends to esplit, made here). Returns the
 * copies.
 * search.js only finds keys sooner by them, never concludes from their
 * absence: a copy left out sends a query on to its later stages.
 */
struct skey *
shard_ends(struct skey **keys, size_t *nkeys, struct skey *freq,
    size_t nfreq, size_t *est, size_t *nends, struct buf *esplit)
{
	struct skey *ends = xcalloc(nfreq + 1, sizeof(*ends));
	struct ends_split es = { NULL, 0, 0, 0 };
	const char *env = getenv("YBT_SEARCH_END_BYTES");
	size_t most = env && atoi(env) > 0 ? (size_t)atoi(env) : SHARD_END_BYTES;
	struct send *e = xcalloc(nfreq + 1, sizeof(*e));
	size_t i, n, chars;

	buf_init(esplit);
	for (n = 0, i = 0; i < nfreq; i++) {
		keys[(*nkeys)++] = &freq[i];
		*est += shard_kbytes(&freq[i]);
		if (!shard_by_end(&freq[i]) || (chars = utf8_count(freq[i].str,
		    strlen(freq[i].str))) < FREQ_DENSE)
			continue;
		ends[n].str = xasprintf("\n%s", freq[i].str);
		ends[n].key = shard_end(freq[i].str + shard_chars(freq[i].str,
		    chars - FREQ_DENSE), FREQ_DENSE);
		ends[n].enc = freq[i].enc;
		ends[n].enclen = freq[i].enclen;
		e[n].k = &ends[n];
		e[n++].chars = chars;
	}
	shard_end_split(e, n, FREQ_DENSE, most, &es);
	shard_ends_noted(&es, esplit);
	for (i = 0; i < n; i++)
		if (e[i].out) {
			free(e[i].k->str);
			e[i].k->str = NULL;
		}
	free(e);
	for (*nends = 0, i = 0; i < n; i++)
		if (ends[i].str != NULL)
			ends[(*nends)++] = ends[i];
	for (i = 0; i < *nends; i++) {
		keys[(*nkeys)++] = &ends[i];
		*est += shard_kbytes(&ends[i]);
	}
	return ends;
}

/*
 * The marks of the strings on chains to the left (search_freq.c,
 * freq_marks: NUL after each; freed), added to *keys (made room for)
 * with their bytes to *est: "\t" and a hash of the string's code
 * points, in base 36, with an empty value, in the shard of its first
 * FREQ_DENSE + 1 characters (as its key would be). Returns them. search.js, shown,
 * hashes its query's prefixes the same way: a query's longest frequent
 * prefix was often longer than stage 0 showed, its strings past it on
 * such chains, and the sweep took rounds of files to find where a
 * string that is not frequent begins (doc/portal.md, "A query").
 */
struct skey *
shard_marks(struct skey ***keys, size_t *nkeys, struct buf *marks,
    size_t *est, size_t *nmarks)
{
	static char empty[] = "";
	struct skey *mk;
	struct buf name;
	const char *p, *end;
	size_t n = 0, len, at;
	uint64_t h1, h2;
	unsigned cp;
	int m;

	end = marks->len > 0 ? marks->data + marks->len : marks->data;
	for (p = marks->data; p != NULL && p < end; p += strlen(p) + 1)
		n++;
	mk = xcalloc(n + 1, sizeof(*mk));
	*keys = xreallocarray(*keys, *nkeys + n + 1, sizeof(**keys));
	for (n = 0, p = marks->data; p != NULL && p < end; p += len + 1) {
		len = strlen(p);
		for (h1 = h2 = 0, at = 0; at < len; at += (size_t)m) {
			if ((m = utf8_next(p + at, len - at, &cp)) <= 0) {
				m = 1;
				cp = (unsigned char)p[at];
			}
			h1 = (h1 * 31 + cp) & 0x1fffff;
			h2 = (h2 * 37 + cp) & 0x1fffff;
		}
		buf_init(&name);
		buf_putc(&name, '\t');
		search_b36(&name, h1 << 21 | h2);
		mk[n].str = buf_detach(&name);
		mk[n].key = shard_spread(p, len);
		mk[n].enc = empty;
		(*keys)[(*nkeys)++] = &mk[n];
		*est += shard_kbytes(&mk[n]);
		n++;
	}
	*nmarks = n;
	buf_free(marks);
	return mk;
}

void
shard_ends_free(struct skey *ends, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(ends[i].str);	/* their enc is their string's */
	free(ends);
}

/* The code of the group of a key: the bytes of its first two
 * characters (at most 8: shard_chars), zero-padded (no key holds a
 * NUL, so two groups never share one). */
static uint64_t
shard_two(const char *s)
{
	uint64_t c = 0;

	memcpy(&c, s, shard_chars(s, 2));
	return c;
}

/* The keys k[0..n) of the groups that take more than SEARCH_SHARD_BYTES
 * moved to its front, in their order; returns how many. Only those are
 * split, and sorting them alone, not every key, through their strings
 * took N=10000's planning 0.4 s less on its one thread. */
static size_t
shard_big_groups(struct skey **k, size_t n)
{
	struct { uint64_t code; size_t bytes; } *tab;
	size_t cap = 16, i, h, m, *slot = xcalloc(n + 1, sizeof(*slot));
	uint64_t code;

	while (cap < 2 * n)
		cap *= 2;
	tab = xcalloc(cap, sizeof(*tab));
	for (i = 0; i < n; i++) {
		code = shard_two(k[i]->str);
		for (h = (size_t)((code * 0x9e3779b97f4a7c15ULL) >> 32) &
		    (cap - 1); tab[h].code != 0 && tab[h].code != code;
		    h = (h + 1) & (cap - 1))
			;
		tab[h].code = code;
		tab[h].bytes += shard_kbytes(k[i]) + 4;
		slot[i] = h;
	}
	for (m = 0, i = 0; i < n; i++)
		if (tab[slot[i]].bytes > SEARCH_SHARD_BYTES)
			k[m++] = k[i];
	free(tab);
	free(slot);
	return m;
}

/* The groups of keys of 3 to FREQ_DENSE characters by their first two,
 * split where they are big (shard_split_group): the split prefixes to
 * split (made here), as JSON strings. */
void
shard_split(struct skey **keys, size_t nkeys, struct buf *split)
{
	struct skey **sk = xcalloc(nkeys + 1, sizeof(*sk));
	size_t ns = 0, i, a, b, two;

	buf_init(split);
	for (i = 0; i < nkeys; i++)
		if (keys[i]->str != NULL && keys[i]->str[0] != '\n' &&
		    keys[i]->str[0] != '\t' &&
		    utf8_count(keys[i]->str, strlen(keys[i]->str)) <= FREQ_DENSE)
			sk[ns++] = keys[i];
	ns = shard_big_groups(sk, ns);
	qsort(sk, ns, sizeof(*sk), shard_strcmp);
	for (a = 0; a < ns; a = b) {
		two = shard_chars(sk[a]->str, 2);
		for (b = a + 1; b < ns && strncmp(sk[b]->str, sk[a]->str, two) == 0; b++)
			;
		shard_split_group(sk + a, b - a, 2, split);
	}
	free(sk);
}

/* The keys grouped by shard (a counting sort): *keys replaced; returns
 * the nshards + 1 offsets of the shards in it. Each shard's keys are
 * sorted by its writer (shard_sort): sorting them all here, one by one
 * through their strings, took N=10000's build half a second on one
 * thread. */
size_t *
shard_group(struct skey ***keys, size_t nkeys, size_t nshards)
{
	size_t *count = xcalloc(nshards + 1, sizeof(size_t));
	size_t *start = xcalloc(nshards + 1, sizeof(size_t));
	struct skey **g = xcalloc(nkeys + 1, sizeof(*g));
	size_t i;

	for (i = 0; i < nkeys; i++)
		count[shard_of((*keys)[i]->key, nshards) + 1]++;
	for (i = 0; i < nshards; i++)
		count[i + 1] += count[i];
	memcpy(start, count, (nshards + 1) * sizeof(size_t));
	for (i = 0; i < nkeys; i++)
		g[count[shard_of((*keys)[i]->key, nshards)]++] = (*keys)[i];
	free(*keys);
	*keys = g;
	free(count);
	return start;
}

/* One shard's keys in the order they are written: by code, then text
 * (no two keys have both the same). */
void
shard_sort(struct skey **k, size_t n)
{
	qsort(k, n, sizeof(*k), shard_keycmp);
}
