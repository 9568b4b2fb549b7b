/*
 * search_int.h — the search index's private internals: posting lists
 * and distinct lines, shared by the index writer, its postings, the
 * frequent strings pass and the placing of keys in shards.
 * Included by: search.c, search_freq.c, search_hot.c, search_post.c and search_shard.c.
 * Includes util.h.
 */
#ifndef YBT_SEARCH_INT_H
#define YBT_SEARCH_INT_H

#include <errno.h>
#include <pthread.h>
#include <stdint.h>

#include "util.h"

/* A key and its postings: the gaps between the ids of the documents
 * holding it, and how often each holds it, as LEB128 varints. */
struct skey {
	uint64_t	 key;		/* c1 << 21 | c2 (c2 0: unigram) */
	char		*str;		/* a longer key (search_freq), or NULL */
	unsigned char	*post;		/* varint gaps, NULL: empty slot */
	uint32_t	 len, cap;	/* bytes */
	unsigned char	*hits;		/* varint hits of each document */
	uint32_t	 hlen, hcap;	/* but the last (cur) */
	uint32_t	 n;		/* documents */
	uint32_t	 last;		/* last document id posted */
	uint32_t	 cur;		/* its hits so far */
	char		*enc;		/* as written (search_value) */
	size_t		 enclen;
	uint32_t	 file;		/* 0: no file of its own; see sown */
};

/* A distinct line of the texts (ASCII lower-cased) and the documents
 * holding it (hits: how often a document holds the line). */
struct sline {
	char		*text;
	size_t		 len;
	uint64_t	 hash;
	struct skey	 pages;
};

/*
 * Lines held by the same pages the same number of times (the one-off
 * lines of a page, a template's boilerplate in every page made from
 * it) are a class: a key's pages are made once per class of its lines,
 * its hits in them summed first, not once per line (N=1000: most of
 * the page visits were lines of many pages times their keys).
 */
struct lclass {
	uint32_t	*of;		/* the class of each line */
	uint32_t	*rep;		/* the first line of each class */
	uint32_t	 n;		/* classes */
	/* The pages of class i and how often each holds its lines:
	 * docs[at[i]] … docs[at[i + 1] - 1] and the same of hits, read
	 * in a row (decoding the lines' varints, scattered over the
	 * heap, was most of search_pages: cache misses). */
	size_t		*at;
	uint32_t	*docs, *hits;
};

/*
 * A value longer than SEARCH_KEY_BYTES is a file of its own,
 * k<name>.js, named by the key's code points (search.js names it from
 * the query, before it has the shard); its key's value in the shard is
 * "@", and the number of its lines if it has lines. It is written as
 * soon as it is made and freed, not kept for the shards (N=10000: 207
 * MB of such values); k->file then says it has a file (1) and, past 1,
 * its number of lines + 2.
 */
/* search_freq.c: every frequent string a key up to this many characters
 * (past it, on chains); search.js asks for a query's own key file up to
 * it too (FREQ_DENSE there). */
#define FREQ_DENSE	8
#define SEARCH_KEY_BYTES	4096
/* A frequent string of up to FREQ_DENSE characters whose value has
 * pages has a file of its own past this many bytes (search_big): a
 * query of it, or of a string referring to it, asks for that file
 * first and shows its count and first page from there, not from title
 * shards a round of files after its key's shard. 1,024 until session
 * 21: at 512, of 600 queries of 2 to 8 characters cut from N=1000's
 * lines and titles, 386 show from one file against 270, and 20 take
 * three rounds against 44 (国家税务, 住房和城乡建: 290-410 ms in
 * chromium against 200-235); the index grew 8-14% (doc/portal.md). */
#define SEARCH_STR_BYTES	512
/*
 * A key of up to FREQ_DENSE characters in at least SEARCH_MANY pages,
 * and a 1/SEARCH_MANY_SHARE of them, has a file of its own, its value
 * staying in its shard too (search_many); so has a string that no key
 * holds but as many pages do (search_hot.c). A query of it shows its
 * count and first page from that one file.
 */
#define SEARCH_MANY		100
#define SEARCH_MANY_SHARE	128
#define SEARCH_SHARD_BYTES	16000	/* aim for index shards this big */
/* A bigram's in at most this many lines (search_freq.c, FREQ_LINES)
 * and its title ids and lines take at most SEARCH_MARK_BYTES: they
 * stay in its shard after "@n" (search.js, rareBigram). */
#define SEARCH_MARK_LINES	32
#define SEARCH_MARK_BYTES	512

/* The two hashes of a key file's name, for meta's filter of them
 * (search_own_filter). */
struct sname {
	uint32_t	 h1, h2;
};

struct sown {
	const char	*dir;
	long		 bytes;		/* written, -1 after a failure */
	int		*werr;		/* search_failed's */
	const struct shead *hd;		/* the pages, for the first page */
	int		 keep;		/* keep each file's first page */
	struct sfirst	*kept;		/* (search_refs), nkept of them */
	size_t		 nkept;
	uint32_t	*ids, *tids, *hits;	/* scratch, cap each */
	size_t		 cap;
	struct sname	*names;		/* of the files written */
	size_t		 nnames, namecap;
};

/*
 * A big key's file also holds the number of its pages and the first
 * SEARCH_FIRST of them in rank order with their kinds, titles and
 * links (search.js shows them before it decodes and sorts the rest):
 * a page's "kind","title","url" (JSON, at[i] to at[i + 1]) and the
 * rank of its kind.
 */
#define SEARCH_FIRST	30		/* search.js PAGE */
#define SEARCH_TITLES	128		/* pages per title shard */

struct shead {
	struct buf	 json;
	size_t		*at;		/* n + 1 */
	unsigned char	*rank;		/* 一件事 0, 事项 1, 办理地点 2, 3 */
	size_t		 n, cap;
};

/* A result ranked: title hits, kind, hits, page order. */
struct srank {
	uint32_t	 id, hits;
	unsigned char	 title, rank;
};

/* r into top[0..*m), at most cap of them in rank order, if among them. */
void	srank_keep(struct srank *top, uint32_t *m, uint32_t cap,
	    const struct srank *r);

/* A kept first page: of the key whose name (JSON) is str. */
struct sfirst {
	char		*str;
	size_t		 count;
	struct srank	 top[SEARCH_FIRST];
	uint32_t	 m;
};

/* Scratch of search_pages, acc and cacc zero and left zero: acc, ids
 * and hits (ndocs + 1 each), cacc and cids (one a class). */
struct pscratch {
	uint32_t	*acc, *ids, *hits, *cacc, *cids;
};

/* v as a varint at the end of *p (len of cap bytes), which grows: inline,
 * as the frequent strings' counts call it for each line of a string. */
static inline void
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

/* search_post.c: the postings. */
uint32_t varint_get(const unsigned char *, uint32_t *at);
void	skey_add(struct skey *, uint32_t doc);
uint64_t search_hashn(const void *, size_t);
void	search_b36(struct buf *, uint64_t);
/* n ids in order (ids[n] is scratch), as a value writes them; tmp is
 * scratch. And back: at most max of them into ids, how many. */
void	search_idv(struct buf *, uint32_t *ids, uint32_t n, struct buf *tmp);
size_t	ids_read(const char *p, const char *end, uint32_t *ids, size_t max);
size_t	search_count_ids(const char *p, const char *end);
/* A string's file name: its code points in hex, joined by '-'. */
void	search_str_name(struct buf *, const char *str);
/* A key's ids, and its hits (nothing if all are 1), as written. */
void	search_ids(struct buf *, const struct skey *, struct buf *tmp);
void	search_hits(struct buf *, const struct skey *);
/* If k's value is big and its key short enough to name a file, write
 * it to its own file and free it. */
void	search_own(struct sown *, struct skey *);
size_t	search_many_pages(const struct shead *);
/* k<name>.js with value v and, if f has pages, its count and first page. */
void	search_key_file(struct sown *, const char *name, const char *v,
	    size_t len, const struct sfirst *f);
void	sown_free(struct sown *);
void	shead_add(struct shead *, const char *kind, const char *title,
	    const char *url);
void	shead_free(struct shead *);
/* The files of the frequent strings freq[0..n) that refer ("=") to a
 * big one: its first page and its name (search_post.c), written to o;
 * a thread's function, of a struct srefs. */
struct srefs {
	struct sown		*o;
	const struct skey	*freq;
	size_t			 n;
};
void	*search_refs(void *);
void	search_own_names(struct sown *to, struct sown *from);
void	search_own_filter(struct buf *, const struct sown *);
int	search_idcmp(const void *, const void *);	/* uint32_t */
/* fn(a) on this thread and fn(b) on one beside it (after it, if no
 * thread can start): work split in two halves. */
void	search_pair(void *(*fn)(void *), void *a, void *b);
/* The next take of n items, [*from, *to) from *next under lock, for
 * threads sharing a table; 0 when none is left. */
int	search_take(pthread_mutex_t *, size_t *next, size_t n, size_t take,
	    size_t *from, size_t *to);
void	lclass_make(struct lclass *, const struct sline *, size_t n);
void	lclass_free(struct lclass *);
void	pscratch_init(struct pscratch *, const struct lclass *, size_t ndocs);
void	pscratch_free(struct pscratch *);
void	search_pages(struct buf *, const struct lclass *, const uint32_t *pairs, uint32_t n,
	    size_t ndocs, struct pscratch *, struct buf *tmp);
void	search_hint(struct buf *, const struct lclass *, const uint32_t *pairs,
	    uint32_t n, const unsigned char *rank, size_t npages,
	    struct pscratch *, struct buf *tmp);
void	search_hint_put(struct buf *, const struct srank *top, uint32_t n,
	    struct buf *tmp);
/* The documents of n (line, hits) pairs of text lines, with the sum of
 * their lines' hits times how often they hold them, into sc->ids and
 * sc->hits (sorted: in order); how many. */
uint32_t search_acc(const struct lclass *, const uint32_t *pairs, uint32_t n,
	    size_t ndocs, struct pscratch *, int sorted);
/*
 * Strings with the same lines and the same hits in each have the same
 * pages and hits: the first one's value is made, the others' refer to
 * it ("=" and its string). A class of them, by their (line, hits)
 * pairs as bytes (search_freq.c).
 */
struct sclass {
	uint64_t	 hash;
	unsigned char	*v;		/* the lines and hits */
	uint32_t	 n;		/* bytes */
	const char	*str;		/* the first string's key */
};

struct sclasses {
	struct sclass	*tab;
	size_t		 cap, used;
};

/* The class of the lines and hits v (n bytes), or NULL after adding
 * them as a new one, str's. */
const struct sclass *search_class(struct sclasses *, const unsigned char *v,
	    uint32_t n, const char *str);
void	sclasses_free(struct sclasses *);
/* "!" and the pages of the title lines of pairs from i to n, if any
 * (acc and ids as in pscratch, for a frequent string's value). */
void	search_titles(struct buf *, const struct sline *const *lines,
	    const uint32_t *pairs, uint32_t i, uint32_t n, uint32_t *acc,
	    uint32_t *ids, struct buf *tmp);
/* Whether a big value's file, named by the key str, has a name the file
 * system takes. */
int	search_named(const char *str);

/* The strings of 3 to FREQ_MAX characters that more than FREQ_LINES
 * distinct lines hold (of the texts, or of the titles and synonyms),
 * as keys with their value (enc) made: a query for one is answered
 * from it alone. Returns how many (*out); marks gets the strings on
 * chains to the left for shard_marks. */
size_t	search_freq(const struct sline *text, size_t ntext,
	    const struct lclass *, const struct sline *titles, size_t ntitles, size_t ndocs,
	    struct sown *, struct skey **out, struct buf *marks);

/* search_hot.c: the files of the strings of up to FREQ_DENSE characters
 * around the keys of lines among freq and the bigrams of few lines among
 * keys (a table of cap), in their lines, that no key holds and that many
 * pages do, written as like's files are (its folder, errors and pages),
 * their bytes added to like's and their names to named. */
void	search_hot(struct sown *like, struct sown *named,
	    const struct skey *keys, size_t cap,
	    const struct skey *freq, size_t nfreq, const struct sline *text,
	    size_t ntext, const struct sline *titles, size_t ntitles,
	    const struct lclass *, size_t ndocs);

/* search_shard.c: where the keys live (doc/portal.md, "Files"). */
size_t	shard_of(uint64_t key, size_t n);
size_t	shard_kbytes(const struct skey *);	/* in its shard */
uint64_t shard_spread(const char *, size_t);
struct skey *shard_ends(struct skey **keys, size_t *nkeys, struct skey *freq,
	    size_t nfreq, size_t *est, size_t *nends, struct buf *esplit);
void	shard_ends_free(struct skey *ends, size_t n);
struct skey *shard_marks(struct skey ***keys, size_t *nkeys, struct buf *marks,
	    size_t *est, size_t *nmarks);
void	shard_split(struct skey **keys, size_t nkeys, struct buf *split);
size_t	*shard_group(struct skey ***keys, size_t nkeys, size_t nshards);
void	 shard_sort(struct skey **k, size_t n);
/* meta's lists of shards' first ids come in runs of this many: search.js
 * (RUN) decodes one run to find an entry, not the whole list */
#define SHARD_RUN	64
/* The first ids of n shards as meta.js has them. */
void	shard_gaps(struct buf *, const size_t *first, size_t n);
void	shard_lines_meta(struct buf *, const struct sline *,
	    const size_t *start, size_t n);

/* A write failed: its errno goes to *first unless one did before
 * (any thread), for the message that says why. */
static inline void
search_failed(int *first)
{
	int e = errno != 0 ? errno : EIO, none = 0;

	__atomic_compare_exchange_n(first, &none, e, 0, __ATOMIC_RELAXED,
	    __ATOMIC_RELAXED);
}

#endif
