/*
 * book_flow.c — a guide's procedure drawn in the handbook (book_int.h):
 * the flowchart geometry of flow.c as boxes, arrows and text on the page.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "model.h"
#include "flow.h"
#include "book_int.h"

void
book_flowchart(struct book *b, const struct procedure *pr, const char *title)
{
	struct flow_params	 fp;
	struct flow		*f;
	struct lay		*l = &b->lay;
	float			 scale, top, x0, fs = b->body * 0.82f;
	float			 maxh = l->ph - l->m_top - l->m_bottom -
				    3 * b->body;
	size_t			 i;
	struct para		 cell;

	if (pr == NULL || pr->nsteps == 0)
		return;
	flow_default_params(&fp);
	f = flow_layout(pr, &fp);
	if (f == NULL)
		return;
	scale = l->w / (float)f->width;
	if (scale > 0.75f)
		scale = 0.75f;
	if (f->height * scale > maxh)
		scale = maxh / (float)f->height;
	/* shrink a little rather than leave most of a page empty */
	{
		float room = lay_avail(l) - b->body * 0.5f -
		    3 * lay_line_height(l, b->body);
		float hh = (float)f->height * scale;
		if (room < hh && room > 0.7f * hh)
			scale *= room / hh;
	}
	/* the label goes with the drawing */
	lay_need(l, (float)f->height * scale + b->body * 0.5f +
	    3 * lay_line_height(l, b->body));
	if (title)
		book_label(b, title);
	top = lay_reserve(l, (float)f->height * scale + b->body * 0.5f);
	x0 = l->x0 + (l->w - (float)f->width * scale) / 2;
	lb_init(&cell, b->fonts);
	for (i = 0; i < f->nboxes; i++) {
		const struct flow_box *fb = &f->boxes[i];
		const struct step *s = fb->step;
		struct dl_item *it = dl_add(b->dl, l->page, DL_RECT);
		float bx = x0 + (float)fb->x * scale;
		float by = top + (float)fb->y * scale;
		float bw = (float)fb->w * scale, bh = (float)fb->h * scale;
		float lh, y;
		size_t n, k;
		float sz = fs;

		it->x = bx;
		it->y = by;
		it->w = bw;
		it->h = bh;
		it->color = C_LIGHT;
		it->stroke = C_ACCENT;
		it->lw = 0.6f;
		/* name, then actor · time; shrink until it fits the box */
		for (;;) {
			lb_reset(&cell);
			put(&cell, sty(b, FONT_HEADING, sz, DL_BLACK),
			    s->name, &s->loc);
			if (s->actor || s->time) {
				lb_newline(&cell);
				put(&cell, sty(b, FONT_BODY, sz * 0.85f,
				    C_GRAY), s->actor, &s->loc);
				if (s->actor && s->time)
					put(&cell, sty(b, FONT_BODY,
					    sz * 0.85f, C_GRAY), "，", NULL);
				put(&cell, sty(b, FONT_BODY, sz * 0.85f,
				    C_GRAY), s->time, &s->loc);
			}
			n = lb_break(&cell, bw - 6, 0, 0);
			lh = sz * 1.25f;
			if (n * lh <= bh - 2 || sz < 5.5f)
				break;
			sz *= 0.9f;
		}
		y = by + (bh - n * lh) / 2;
		for (k = 0; k < n; k++) {
			float lw = cell.lines[k].width;
			float ls = cell.lines[k].size;
			lb_emit(&cell, k, b->dl, l->page, bx + (bw - lw) / 2,
			    y + (lh - ls) / 2 + ls * 0.88f);
			y += lh;
		}
	}
	lb_free(&cell);
	for (i = 0; i < f->nedges; i++) {
		const struct flow_edge *e = &f->edges[i];
		struct dl_item *it = dl_add(b->dl, l->page, DL_PATH);
		int k;

		it->pts = dl_floats(b->dl, (size_t)e->npts * 2);
		for (k = 0; k < e->npts; k++) {
			it->pts[2 * k] = x0 + (float)e->pts[k][0] * scale;
			it->pts[2 * k + 1] = top + (float)e->pts[k][1] * scale;
		}
		it->npts = e->npts;
		it->arrow = 1;
		it->stroke = 0x333333u;
		it->lw = 0.6f;
	}
	flow_free(f);
}
