/*
 * layout.c — blocks down pages (see layout.h). The cursor y runs from
 * the top margin to the bottom margin of the current page; everything
 * is placed in final page coordinates, so the table of contents can be
 * filled in from the destinations recorded here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "font.h"
#include "dlist.h"
#include "linebreak.h"
#include "layout.h"

#define CELL_PAD_X	3.0f	/* pt inside a table cell */
#define CELL_PAD_Y	2.0f
#define RULE_GRAY	0x808080u
#define HEAD_SHADE	0xE8E8E8u
#define BASELINE	0.88f	/* ideographic baseline, em from the top */

void
lay_init(struct lay *l, struct dlist *dl, struct fonts *f)
{
	memset(l, 0, sizeof(*l));
	l->dl = dl;
	l->fonts = f;
	lb_init(&l->para, f);
	l->page = -1;
	l->pw = dl->width;
	l->ph = dl->height;
	l->body_size = 10.5f;
	l->leading = 1.6f;
}

void
lay_free(struct lay *l)
{
	lb_free(&l->para);
	free(l->info);
}

void
lay_section(struct lay *l, int roman)
{
	l->section_first = (int)l->dl->npages;
	l->roman = roman;
}

static int
recto(const struct lay *l, int page)
{
	return (page - l->section_first) % 2 == 0;
}

int
lay_new_page(struct lay *l)
{
	struct lay_pageinfo	*pi;

	l->page = dl_add_page(l->dl);
	pi = VEC_PUSH(&l->info, &l->ninfo);
	pi->head_left = l->head_left;
	pi->head_right = l->head_right;
	pi->folio = l->page - l->section_first + 1;
	pi->roman = l->roman;
	l->x0 = recto(l, l->page) ? l->m_inner : l->m_outer;
	l->w = l->pw - l->m_inner - l->m_outer;
	l->y = l->m_top;
	return l->page;
}

int
lay_new_recto(struct lay *l)
{
	lay_new_page(l);
	if (!recto(l, l->page)) {
		l->info[l->page].blank = 1;
		lay_new_page(l);
	}
	return l->page;
}

void
lay_nohead(struct lay *l)
{
	if (l->page >= 0)
		l->info[l->page].nohead = 1;
}

float
lay_avail(const struct lay *l)
{
	if (l->page < 0)
		return 0;
	return l->ph - l->m_bottom - l->y;
}

static int
at_top(const struct lay *l)
{
	return l->page >= 0 && l->y <= l->m_top + 0.01f;
}

/* Remember where a block starts, in case it is kept with the next. */
static void
keep_mark(struct lay *l)
{
	if (l->page < 0)
		return;
	l->kcand = 1;
	l->kpage = l->page;
	l->kitem = l->dl->pages[l->page].nitems;
	l->ky = l->y;
}

/*
 * A new page; a heading (kept block) the cursor still stands after
 * goes with it, so that no heading ends a page.
 */
static void
turn(struct lay *l)
{
	struct dl_page	*from;
	size_t		 i, n;
	int		 old = l->page;
	float		 dy, dx, ox = l->x0, oy = l->y;

	if (!l->kactive || old < 0 || l->kpage != old ||
	    l->ky <= l->m_top + 0.01f) {
		lay_new_page(l);
		l->kactive = l->kcand = 0;
		return;
	}
	lay_new_page(l);
	from = &l->dl->pages[old];
	dy = l->y - l->ky;
	dx = l->x0 - ox;
	n = from->nitems;
	for (i = l->kitem; i < n; i++) {
		struct dl_item *it = dl_add(l->dl, l->page, DL_TEXT);
		int k;

		from = &l->dl->pages[old];
		*it = from->items[i];
		it->x += dx;
		it->y += dy;
		it->x2 += dx;
		it->y2 += dy;
		for (k = 0; it->pts && k + 1 < 2 * it->npts; k += 2) {
			it->pts[k] += dx;
			it->pts[k + 1] += dy;
		}
	}
	l->dl->pages[old].nitems = l->kitem;
	for (i = 0; i < l->dl->ndests; i++) {
		struct dl_dest *d = &l->dl->dests[i];
		if (d->page == old && d->y >= l->ky - 0.01f) {
			d->page = l->page;
			d->y += dy;
		}
	}
	l->y = oy + dy;
	l->kpage = l->page;
	l->kitem = 0;
	l->ky = l->m_top;
}

void
lay_need(struct lay *l, float h)
{
	if (l->page < 0) {
		lay_new_page(l);
		return;
	}
	if (!l->kactive)
		keep_mark(l);
	if (lay_avail(l) + 0.01f < h && !at_top(l))
		turn(l);
}

void
lay_space(struct lay *l, float h)
{
	if (l->page < 0)
		lay_new_page(l);
	if (at_top(l))
		return;
	l->y += h;
	if (l->y > l->ph - l->m_bottom)
		turn(l);
}

float
lay_line_height(const struct lay *l, float size)
{
	return size * l->leading;
}

float
lay_reserve(struct lay *l, float h)
{
	float	y;

	lay_need(l, h);
	l->kactive = l->kcand = 0;
	y = l->y;
	l->y += h;
	return y;
}

static void
place_line(struct lay *l, size_t i, enum lay_align al, float x, float w,
    float lh)
{
	const struct lb_line *ln = &l->para.lines[i];
	float	size = ln->size > 0 ? ln->size : l->body_size;
	float	base = l->y + (lh - size) / 2 + size * BASELINE;
	float	dx = 0;

	if (al == LAY_CENTER)
		dx = (w - ln->width) / 2;
	else if (al == LAY_RIGHT)
		dx = w - ln->width;
	lb_emit(&l->para, i, l->dl, l->page, x + dx, base);
	l->y += lh;
}

int
lay_para(struct lay *l, enum lay_align al, float indent, float first,
    float size, float leading, int keep, int want_dest)
{
	float	lh = size * leading, x, w, blh;
	size_t	n, i = 0;
	int	dest = -1;

	if (l->page < 0)
		lay_new_page(l);
	x = l->x0 + l->indent + indent;
	w = l->w - l->indent - l->rindent - indent;
	n = lb_break(&l->para, w, first, al == LAY_JUSTIFY);
	if (n == 0)
		return -1;
	blh = lay_line_height(l, l->body_size);
	if (keep > 0 && !l->kactive && !l->kcand)
		keep_mark(l);
	if (keep > 0 && lay_avail(l) + 0.01f < n * lh + keep * blh &&
	    !at_top(l))
		turn(l);
	while (i < n) {
		size_t rem = n - i, fit;
		fit = (size_t)floorf((lay_avail(l) + 0.01f) / lh);
		if (fit >= rem || (keep > 0 && at_top(l))) {
			fit = rem;
		} else {
			/* no widow: a paragraph's last line does not
			 * start a page alone (three lines move whole) */
			if (rem - fit < 2 && rem >= 4)
				fit = rem - 2;
			else if (rem == 3 && fit == 2 && i == 0 && !at_top(l))
				fit = 0;
			if ((fit < 2 && rem >= 2) || fit < 1) {
				if (at_top(l))
					fit = fit < 1 ? 1 : fit;
				else {
					turn(l);
					continue;
				}
			}
		}
		if (want_dest && dest < 0)
			dest = dl_add_dest(l->dl, l->page, l->y);
		while (fit-- > 0 && i < n)
			place_line(l, i++, al, x, w, lh);
		if (i < n)
			lay_new_page(l);
		if (keep <= 0)
			l->kactive = 0;
	}
	/* a kept block holds the mark until what follows is placed */
	if (keep > 0 && l->kcand)
		l->kactive = 1;
	if (keep <= 0)
		l->kactive = 0;
	l->kcand = l->kactive;
	return dest;
}

void
lay_rule(struct lay *l, float lw, unsigned color)
{
	struct dl_item	*it;

	if (l->page < 0)
		lay_new_page(l);
	l->kactive = l->kcand = 0;
	it = dl_add(l->dl, l->page, DL_RULE);
	it->x = l->x0 + l->indent;
	it->x2 = l->x0 + l->w;
	it->y = it->y2 = l->y;
	it->lw = lw;
	it->color = color;
}

struct ltable *
ltable_new(struct lay *l, int ncols, float size)
{
	struct ltable	*t = xcalloc(1, sizeof(*t));

	if (ncols > LAY_MAX_COLS)
		ncols = LAY_MAX_COLS;
	if (ncols < 1)
		ncols = 1;
	t->ncols = ncols;
	t->header = 1;
	t->leading = 1.4f;
	t->pad = CELL_PAD_Y;
	t->size = size > 0 ? size : l->body_size;
	return t;
}

struct para *
ltable_cell(struct ltable *t, struct fonts *f, size_t row, int col)
{
	size_t	i;

	if (col >= t->ncols)
		col = t->ncols - 1;
	if (row >= t->nrows) {
		size_t nr = row + 1;
		t->cells = xreallocarray(t->cells, nr * (size_t)t->ncols,
		    sizeof(*t->cells));
		t->shade = xreallocarray(t->shade, nr, sizeof(int));
		for (i = t->nrows * (size_t)t->ncols;
		    i < nr * (size_t)t->ncols; i++)
			lb_init(&t->cells[i], f);
		for (i = t->nrows; i < nr; i++)
			t->shade[i] = -1;
		t->nrows = nr;
	}
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

void
ltable_free(struct ltable *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		lb_free(&t->cells[i]);
	free(t->cells);
	free(t->shade);
	free(t);
}

static void
col_widths(struct ltable *t, float avail)
{
	float	mn[LAY_MAX_COLS], mx[LAY_MAX_COLS];
	float	smin = 0, smax = 0;
	size_t	r;
	int	c;

	for (c = 0; c < t->ncols; c++) {
		mn[c] = t->minw[c] > 0 ? t->minw[c] : t->size * 2;
		mx[c] = mn[c];
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			float a, b;
			lb_minmax(&t->cells[r * (size_t)t->ncols + (size_t)c],
			    &a, &b);
			/* short cells (序号, 原件 1份) are not worth breaking */
			if (b <= 5.2f * t->size)
				a = b;
			a += 2 * CELL_PAD_X + 0.5f;
			b += 2 * CELL_PAD_X + 0.5f;
			if (a > mn[c])
				mn[c] = a;
			if (b > mx[c])
				mx[c] = b;
		}
	for (c = 0; c < t->ncols; c++) {
		if (mn[c] > avail * 0.45f)
			mn[c] = avail * 0.45f;
		if (mx[c] < mn[c])
			mx[c] = mn[c];
		smin += mn[c];
		smax += mx[c];
	}
	for (c = 0; c < t->ncols; c++) {
		if (smax <= avail)
			t->colw[c] = mx[c] * avail / smax;
		else if (smin >= avail)
			t->colw[c] = mn[c] * avail / smin;
		else
			t->colw[c] = mn[c] + (avail - smin) *
			    (mx[c] - mn[c]) / (smax - smin);
	}
}

/* The most lines of a cell of row r (at least one). */
static size_t
row_lines(const struct ltable *t, size_t r)
{
	size_t	most = 1, n;
	int	c;

	for (c = 0; c < t->ncols; c++) {
		const struct para *p = &t->cells[r * (size_t)t->ncols +
		    (size_t)c];
		n = lb_empty(p) ? 0 : p->nlines;
		if (n > most)
			most = n;
	}
	return most;
}

static float
row_height(const struct ltable *t, size_t r, float lh)
{
	return row_lines(t, r) * lh + 2 * t->pad;
}

/* Draw lines [from, to) of every cell of row r at the cursor. */
static void
draw_row(struct lay *l, struct ltable *t, size_t r, size_t from, size_t to,
    float lh)
{
	float	x = l->x0 + l->indent, h = (to - from) * lh + 2 * t->pad;
	int	c;

	for (c = 0; c < t->ncols; c++) {
		struct para *p = &t->cells[r * (size_t)t->ncols + (size_t)c];
		struct dl_item *it;
		size_t i;
		float y = l->y + t->pad;

		if (t->shade[r] >= 0 || (int)r < t->header) {
			it = dl_add(l->dl, l->page, DL_RECT);
			it->x = x;
			it->y = l->y;
			it->w = t->colw[c];
			it->h = h;
			it->color = t->shade[r] >= 0 ?
			    (unsigned)t->shade[r] : HEAD_SHADE;
		}
		if ((t->checkmask >> c & 1) && (int)r >= t->header &&
		    from == 0 && c + 1 < t->ncols && !lb_empty(p + 1)) {
			float bs = t->size * 0.95f;
			it = dl_add(l->dl, l->page, DL_RECT);
			it->x = x + (t->colw[c] - bs) / 2;
			it->y = y + (lh - bs) / 2;
			it->w = it->h = bs;
			it->color = DL_NONE;
			it->stroke = DL_BLACK;
			it->lw = 0.7f;
		}
		for (i = from; i < to && i < p->nlines; i++) {
			float base = y + (lh - t->size) / 2 +
			    t->size * BASELINE;
			lb_emit(p, i, l->dl, l->page, x + CELL_PAD_X, base);
			y += lh;
		}
		it = dl_add(l->dl, l->page, DL_RECT);
		it->x = x;
		it->y = l->y;
		it->w = t->colw[c];
		it->h = h;
		it->color = DL_NONE;
		it->stroke = RULE_GRAY;
		it->lw = 0.4f;
		x += t->colw[c];
	}
	l->y += h;
}

static void
draw_header(struct lay *l, struct ltable *t, float lh)
{
	size_t	r;

	for (r = 0; r < (size_t)t->header && r < t->nrows; r++)
		draw_row(l, t, r, 0, row_lines(t, r), lh);
}

void
lay_table(struct lay *l, struct ltable *t)
{
	float	lh = t->size * t->leading, avail, hh = 0, top;
	size_t	r;
	int	c;

	if (t->nrows == 0)
		return;
	if (l->page < 0)
		lay_new_page(l);
	if ((size_t)t->header > t->nrows)
		t->header = (int)t->nrows;
	avail = l->w - l->indent;
	col_widths(t, avail);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			lb_break(&t->cells[r * (size_t)t->ncols + (size_t)c],
			    t->colw[c] - 2 * CELL_PAD_X, 0, 0);
	for (r = 0; r < (size_t)t->header; r++)
		hh += row_height(t, r, lh);
	top = l->ph - l->m_bottom - l->m_top;
	/* the header and the first body row start together */
	lay_need(l, hh + (t->nrows > (size_t)t->header ?
	    row_height(t, (size_t)t->header, lh) : 0));
	l->kactive = l->kcand = 0;
	for (r = 0; r < t->nrows; r++) {
		float rh = row_height(t, r, lh);
		size_t nl = row_lines(t, r), done;

		if ((int)r < t->header) {
			draw_row(l, t, r, 0, nl, lh);
			continue;
		}
		if (rh > lay_avail(l) + 0.01f && rh <= top - hh) {
			lay_new_page(l);
			draw_header(l, t, lh);
		}
		/* a row taller than a page: slice it */
		done = 0;
		while (done < nl) {
			size_t fit = (size_t)((lay_avail(l) - 2 * t->pad +
			    0.01f) / lh);
			if (fit == 0) {
				lay_new_page(l);
				draw_header(l, t, lh);
				continue;
			}
			if (fit > nl - done)
				fit = nl - done;
			draw_row(l, t, r, done, done + fit, lh);
			done += fit;
			if (done < nl) {
				lay_new_page(l);
				draw_header(l, t, lh);
			}
		}
	}
}
