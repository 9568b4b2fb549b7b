/*
 * dlist.c — building the display list: pages, items, destinations,
 * outline entries and page-label ranges, and an arena for the strings
 * of glyph runs so that a 1,000-page book is a few big allocations.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "dlist.h"

#define ARENA_BLOCK	(256 * 1024)

struct arena {
	struct arena	*next;
	size_t		 used, cap;
	char		 data[];
};

static void *
arena_alloc(struct dlist *dl, size_t n)
{
	struct arena	*a = dl->arena;
	void		*p;

	n = (n + 7) & ~(size_t)7;
	if (a == NULL || a->used + n > a->cap) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena *b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a;
		dl->arena = a = b;
	}
	p = a->data + a->used;
	a->used += n;
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
	struct arena	*a, *n;
	size_t		 i;

	if (dl == NULL)
		return;
	for (i = 0; i < dl->npages; i++)
		free(dl->pages[i].items);
	free(dl->pages);
	free(dl->dests);
	free(dl->outline);
	free(dl->labels);
	for (a = dl->arena; a; a = n) {
		n = a->next;
		free(a);
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
	o->title = dl_strdup(dl, title, strlen(title));
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
	l->prefix = prefix ? dl_strdup(dl, prefix, strlen(prefix)) : NULL;
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
