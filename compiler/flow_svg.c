/*
 * flow_svg.c — a procedure as an inline SVG flowchart (geometry from
 * flow.c) followed by an ordered list of its steps, which is what
 * screen readers and the search index read: the SVG is aria-hidden.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html.h"

#define FS_LINE_CHARS	11	/* CJK characters per label line */
#define FS_MAX_LINES	2

/* Append up to n code points of s starting at *p; advance *p. */
static void
fs_take(struct buf *b, const char **p, int n)
{
	const char *s = *p;
	unsigned cp;
	int k, used;

	for (k = 0; k < n && *s; k++) {
		used = utf8_decode(s, strlen(s), &cp);
		if (used <= 0)
			used = 1;
		s += used;
	}
	{
		char *t = xstrndup(*p, (size_t)(s - *p));

		esc_html(b, t);
		free(t);
	}
	*p = s;
}

static void
fs_label(struct buf *b, const struct flow_box *bx)
{
	const char *name = bx->step->name ? bx->step->name : bx->step->id;
	const char *p = name ? name : "";
	size_t len = utf8_strlen(p);
	int lines = len > FS_LINE_CHARS ? 2 : 1, i;
	double cx = bx->x + bx->w / 2;
	double y0 = bx->y + bx->h / 2 - (lines - 1) * 9 +
	    (bx->step->actor ? -6 : 0);

	for (i = 0; i < lines; i++) {
		buf_printf(b, "<text class=\"fn\" x=\"%.1f\" y=\"%.1f\">",
		    cx, y0 + i * 18 + 5);
		if (i == FS_MAX_LINES - 1 && utf8_strlen(p) > FS_LINE_CHARS) {
			fs_take(b, &p, FS_LINE_CHARS - 1);
			buf_puts(b, "…");
		} else
			fs_take(b, &p, FS_LINE_CHARS);
		buf_puts(b, "</text>");
	}
	if (bx->step->actor) {
		const char *a = bx->step->actor;

		buf_printf(b, "<text class=\"fa\" x=\"%.1f\" y=\"%.1f\">",
		    cx, y0 + (lines - 1) * 18 + 24);
		fs_take(b, &a, 13);
		buf_puts(b, "</text>");
	}
}

void
flow_svg(struct buf *b, const struct procedure *pr, const char *root,
    const char *title)
{
	struct flow_params fp;
	struct flow *f;
	size_t i, j;
	int k;

	if (pr == NULL || pr->nsteps == 0)
		return;
	flow_default_params(&fp);
	f = flow_layout(pr, &fp);
	buf_printf(b, "<figure class=\"flow\"><div class=\"flow-scroll\">"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" aria-hidden=\"true\" focusable=\"false\">",
	    f->width, f->height, f->width * 1.2, f->height * 1.2);
	for (i = 0; i < f->nedges; i++) {
		const struct flow_edge *e = &f->edges[i];

		double tx = e->pts[e->npts - 1][0], ty = e->pts[e->npts - 1][1];

		/* The last segment always runs down into the target's top. */
		buf_puts(b, "<path class=\"fe\" d=\"");
		for (k = 0; k < e->npts; k++)
			buf_printf(b, "%s%.1f %.1f", k ? "L" : "M",
			    e->pts[k][0], e->pts[k][1] - (k == e->npts - 1 ? 6 : 0));
		buf_printf(b, "\"/><path class=\"fh\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fz\"/>",
		    tx - 6, ty - 9, tx + 6, ty - 9, tx, ty);
	}
	for (i = 0; i < f->nboxes; i++) {
		const struct flow_box *bx = &f->boxes[i];

		buf_printf(b, "<rect class=\"fb%s\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\" rx=\"8\"/>",
		    bx->step->where && strcmp(bx->step->where, "online") == 0 ?
		    " fo" : "", bx->x, bx->y, bx->w, bx->h);
		fs_label(b, bx);
	}
	buf_puts(b, "</svg></div>");
	if (title) {
		buf_puts(b, "<figcaption>");
		esc_html(b, title);
		buf_puts(b, "</figcaption>");
	}
	buf_puts(b, "</figure>\n");
	flow_free(f);

	/* The text version: every step, who, where, how long, what next. */
	buf_puts(b, "<ol class=\"steps\">\n");
	for (i = 0; i < pr->nsteps; i++) {
		const struct step *s = &pr->steps[i];

		buf_printf(b, "<li id=\"step-%zu\"><strong>", i + 1);
		esc_html(b, s->name ? s->name : (s->id ? s->id : ""));
		buf_puts(b, "</strong>");
		if (s->actor || s->where || s->time) {
			buf_puts(b, "<span class=\"step-meta\">");
			if (s->actor) {
				buf_puts(b, "<span>办理人：");
				esc_html(b, s->actor);
				buf_puts(b, "</span>");
			}
			if (s->where && strcmp(s->where, "online") == 0)
				buf_puts(b, "<span>地点：网上办理</span>");
			else if (s->office) {
				buf_printf(b, "<span>地点：<a href=\"%soffice/",
				    root);
				esc_attr(b, s->office->it.id);
				buf_puts(b, ".html\">");
				esc_html(b, s->office->name);
				buf_puts(b, "</a></span>");
			}
			if (s->time) {
				buf_puts(b, "<span>时间：");
				esc_html(b, s->time);
				buf_puts(b, "</span>");
			}
			buf_puts(b, "</span>");
		}
		if (s->nsucc > 1) {
			buf_puts(b, "<span class=\"step-next\">之后同时进行：");
			for (j = 0; j < s->nsucc; j++) {
				const struct step *t = &pr->steps[s->succ[j]];

				if (j)
					buf_puts(b, "、");
				buf_printf(b, "<a href=\"#step-%zu\">第%zu步</a>",
				    s->succ[j] + 1, s->succ[j] + 1);
				(void)t;
			}
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
}
