/*
 * dlist.c — building the display list: pages, items, destinations,
 * outline entries and page-label ranges, and an arena for the strings
 * of glyph runs so that a 1,000-page book is a few big allocations; and
 * the spool, a file that finished pages leave memory for (a 21,600-page
 * handbook's display list was some 300 MB) and are read back from one
 * at a time when painted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "dlist.h"

#define ARENA_BLOCK	(256 * 1024)

struct arena {
	struct arena	*next;
	size_t		 used, cap;
	char		 data[];
};

/*
 * A spooled page is its items (put_item), pointers replaced by 1 +
 * their offset in the blob of strings and points after them (0: NULL).
 * The file is this process's own and read by it or its forked children
 * only.
 */
struct dl_spool {
	int		 fd;
	long long	 len;		/* bytes written */
	size_t		 done;		/* pages before: spooled (or empty) */
	struct buf	 out;		/* a page being written */
	struct buf	 blob;		/* ... its strings and points */
	struct dl_page	 page;		/* the page read back last */
	char		*in;		/* ... its bytes */
	size_t		 incap;
};

static void
arena_free(struct arena *a)
{
	struct arena	*n;

	for (; a; a = n) {
		n = a->next;
		free(a);
	}
}

static void *
arena_in(struct arena **head, size_t n)
{
	struct arena	*a = *head;
	void		*p;

	n = (n + 7) & ~(size_t)7;
	if (a == NULL || a->used + n > a->cap) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena *b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a;
		*head = a = b;
	}
	p = a->data + a->used;
	a->used += n;
	return p;
}

static void *
arena_alloc(struct dlist *dl, size_t n)
{
	return arena_in(&dl->arena, n);
}

static const char *
keep_strdup(struct dlist *dl, const char *s)
{
	size_t	 n = strlen(s);
	char	*p = arena_in(&dl->keep, n + 1);

	memcpy(p, s, n + 1);
	return p;
}

const char *
dl_strdup(struct dlist *dl, const char *s, size_t n)
{
	char	*p = arena_alloc(dl, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

float *
dl_floats(struct dlist *dl, size_t n)
{
	return arena_alloc(dl, n * sizeof(float));
}

struct dlist *
dl_new(float width, float height)
{
	struct dlist	*dl = xcalloc(1, sizeof(*dl));

	dl->width = width;
	dl->height = height;
	return dl;
}

void
dl_free(struct dlist *dl)
{
	size_t		 i;

	if (dl == NULL)
		return;
	for (i = 0; i < dl->npages; i++)
		free(dl->pages[i].items);
	free(dl->pages);
	free(dl->dests);
	free(dl->outline);
	free(dl->labels);
	arena_free(dl->arena);
	arena_free(dl->keep);
	if (dl->spool) {
		close(dl->spool->fd);
		buf_free(&dl->spool->out);
		buf_free(&dl->spool->blob);
		free(dl->spool->page.items);
		free(dl->spool->in);
		free(dl->spool);
	}
	free(dl);
}

int
dl_add_page(struct dlist *dl)
{
	VEC_PUSH(&dl->pages, &dl->npages);
	return (int)dl->npages - 1;
}

struct dl_item *
dl_add(struct dlist *dl, int page, enum dl_type type)
{
	struct dl_page	*p = &dl->pages[page];
	struct dl_item	*it;

	if (p->nitems == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = xreallocarray(p->items, p->cap, sizeof(*p->items));
	}
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	it->stroke = DL_NONE;
	it->color = DL_BLACK;
	it->dest = -1;
	return it;
}

int
dl_add_dest(struct dlist *dl, int page, float y)
{
	struct dl_dest	*d = VEC_PUSH(&dl->dests, &dl->ndests);

	d->page = page;
	d->y = y;
	return (int)dl->ndests - 1;
}

void
dl_set_dest(struct dlist *dl, int dest, int page, float y)
{
	dl->dests[dest].page = page;
	dl->dests[dest].y = y;
}

void
dl_add_outline(struct dlist *dl, int level, const char *title, int dest)
{
	struct dl_outline *o = VEC_PUSH(&dl->outline, &dl->noutline);

	o->level = level;
	o->title = keep_strdup(dl, title);
	o->dest = dest;
}

void
dl_add_label(struct dlist *dl, int first, enum dl_label style, int start,
    const char *prefix)
{
	struct dl_labelrange *l = VEC_PUSH(&dl->labels, &dl->nlabels);

	l->first = first;
	l->style = style;
	l->start = start;
	l->prefix = prefix ? keep_strdup(dl, prefix) : NULL;
}

static const struct dlist *sort_dl;

static int
outline_cmp(const void *a, const void *b)
{
	const struct dl_outline *x = a, *y = b;
	const struct dl_dest *dx = &sort_dl->dests[x->dest];
	const struct dl_dest *dy = &sort_dl->dests[y->dest];

	if (dx->page != dy->page)
		return dx->page < dy->page ? -1 : 1;
	if (dx->y != dy->y)
		return dx->y < dy->y ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void
dl_move_to_front(struct dlist *dl, int first)
{
	size_t		 n = dl->npages - (size_t)first, i;
	struct dl_page	*tmp;

	if (first <= 0 || (size_t)first >= dl->npages)
		return;
	tmp = xreallocarray(NULL, dl->npages, sizeof(*tmp));
	memcpy(tmp, dl->pages + first, n * sizeof(*tmp));
	memcpy(tmp + n, dl->pages, (size_t)first * sizeof(*tmp));
	free(dl->pages);
	dl->pages = tmp;
	for (i = 0; i < dl->ndests; i++) {
		if (dl->dests[i].page >= first)
			dl->dests[i].page -= first;
		else
			dl->dests[i].page += (int)n;
	}
	for (i = 0; i < dl->noutline; i++)
		dl->outline[i].order = (int)i;
	sort_dl = dl;
	qsort(dl->outline, dl->noutline, sizeof(*dl->outline), outline_cmp);
	sort_dl = NULL;
}

void
dl_append_pages(struct dlist *dst, struct dlist *src)
{
	struct arena	*a;
	size_t		 i, j;

	for (i = 0; i < src->npages; i++) {
		struct dl_page *p = &src->pages[i];
		for (j = 0; j < p->nitems; j++)
			if (p->items[j].type == DL_LINK)
				p->items[j].dest = -1;
		*(struct dl_page *)VEC_PUSH(&dst->pages, &dst->npages) = *p;
	}
	/* Hand over the arena blocks: the strings stay where they are. */
	if (src->arena) {
		for (a = src->arena; a->next; a = a->next)
			;
		a->next = dst->arena;
		dst->arena = src->arena;
		src->arena = NULL;
	}
	free(src->pages);
	src->pages = NULL;
	src->npages = 0;
	dl_free(src);
}

int
dl_spool_open(struct dlist *dl, const char *path)
{
	int	fd;

	if (path == NULL)
		return 0;
	if ((fd = file_scratch(path)) < 0)
		return -1;
	dl->spool = xcalloc(1, sizeof(*dl->spool));
	dl->spool->fd = fd;
	buf_init(&dl->spool->out);
	buf_init(&dl->spool->blob);
	return 0;
}

/* 1 + where s (len bytes, aligned to align) goes in the blob, or 0. */
static uintptr_t
blob_put(struct buf *b, const void *s, size_t len, size_t align)
{
	if (s == NULL)
		return 0;
	while (b->len % align)
		buf_putc(b, '\0');
	buf_putn(b, s, len);
	return b->len - len + 1;
}

/*
 * An item as a bitmap of its nonzero 32-bit words, then those words:
 * most of a glyph run's are zero (no box, points or URI): N=1000's
 * spool is 125 MB (5.6 KB a page), 298 MB with whole items.
 */
#define ITEM_WORDS	(sizeof(struct dl_item) / 4)

static void
put_item(struct buf *b, const struct dl_item *it)
{
	uint32_t	word[ITEM_WORDS], map = 0;
	size_t		i, n = 0;

	_Static_assert(sizeof(struct dl_item) % 4 == 0 && ITEM_WORDS <= 32,
	    "items are at most 32 words");
	memcpy(word, it, sizeof(word));
	for (i = 0; i < ITEM_WORDS; i++)
		if (word[i] != 0) {
			map |= (uint32_t)1 << i;
			word[n++] = word[i];
		}
	buf_putn(b, (const char *)&map, sizeof(map));
	buf_putn(b, (const char *)word, n * sizeof(*word));
}

static const char *
get_item(const char *r, struct dl_item *it)
{
	uint32_t	word[ITEM_WORDS], map;
	size_t		i;

	memcpy(&map, r, sizeof(map));
	r += sizeof(map);
	for (i = 0; i < ITEM_WORDS; i++) {
		word[i] = 0;
		if (map & ((uint32_t)1 << i)) {
			memcpy(&word[i], r, sizeof(*word));
			r += sizeof(*word);
		}
	}
	memcpy(it, word, sizeof(word));
	return r;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Page p to the end of the file (its items, then their strings and
 * points); its items leave memory. */
static int
spool_page(struct dl_spool *sp, struct dl_page *p)
{
	size_t		 i;

	sp->out.len = sp->blob.len = 0;
	for (i = 0; i < p->nitems; i++) {
		const struct dl_item *src = &p->items[i];
		struct dl_item it;

		memcpy(&it, src, sizeof(it));
		it.text = (const char *)blob_put(&sp->blob, src->text,
		    src->text ? strlen(src->text) + 1 : 0, 1);
		it.uri = (const char *)blob_put(&sp->blob, src->uri,
		    src->uri ? strlen(src->uri) + 1 : 0, 1);
		it.pts = (float *)blob_put(&sp->blob, src->pts,
		    (size_t)src->npts * 2 * sizeof(float), sizeof(float));
		put_item(&sp->out, &it);
	}
	buf_putn(&sp->out, sp->blob.data, sp->blob.len);
	if (write_all(sp->fd, sp->out.data, sp->out.len) != 0)
		return -1;
	p->off = sp->len;
	p->nbytes = sp->out.len;
	sp->len += (long long)sp->out.len;
	free(p->items);
	p->items = NULL;
	p->cap = 0;
	return 0;
}

int
dl_spool(struct dlist *dl)
{
	size_t	i;

	if (dl->spool == NULL)
		return 0;
	for (i = dl->spool->done; i < dl->npages; i++)
		if (dl->pages[i].items != NULL &&
		    spool_page(dl->spool, &dl->pages[i]) != 0)
			return -1;
	dl->spool->done = dl->npages;
	arena_free(dl->arena);
	dl->arena = NULL;
	return 0;
}

const struct dl_page *
dl_page(const struct dlist *dl, int pg)
{
	const struct dl_page	*p = &dl->pages[pg];
	struct dl_spool		*sp = dl->spool;
	const char		*r;
	char			*base;
	size_t			 i;

	if (p->items != NULL || p->nitems == 0)
		return p;
	if (p->nbytes > sp->incap) {
		sp->in = xrealloc(sp->in, p->nbytes);
		sp->incap = p->nbytes;
	}
	if (pread(sp->fd, sp->in, p->nbytes, (off_t)p->off) !=
	    (ssize_t)p->nbytes) {
		fprintf(stderr, "ybt: cannot read the display list back from "
		    "its spool file: %s\n", zh_strerror(errno ? errno : EIO));
		exit(3);
	}
	if (p->nitems > sp->page.cap) {
		free(sp->page.items);
		sp->page.items = xreallocarray(NULL, p->nitems,
		    sizeof(*p->items));
		sp->page.cap = p->nitems;
	}
	sp->page.nitems = p->nitems;
	r = sp->in;
	for (i = 0; i < p->nitems; i++)
		r = get_item(r, &sp->page.items[i]);
	base = sp->in + (r - sp->in) - 1;	/* offsets are 1 + */
	for (i = 0; i < p->nitems; i++) {
		struct dl_item *it = &sp->page.items[i];
		if (it->text)
			it->text = base + (uintptr_t)it->text;
		if (it->uri)
			it->uri = base + (uintptr_t)it->uri;
		if (it->pts)
			it->pts = (float *)(void *)(base + (uintptr_t)it->pts);
	}
	return &sp->page;
}
