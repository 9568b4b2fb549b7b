/*
 * flow_svg.c — a procedure as an inline SVG flowchart (geometry from
 * flow.c) followed by an ordered list of its steps, which is what
 * screen readers and the search index read: the SVG is aria-hidden.
 */
#include <stdlib.h>
#include <math.h>
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

/* A coordinate with one decimal, as "%.1f" would (without printf: a
 * thousand flowcharts of a site call this a hundred thousand times). */
static void
n1(struct buf *b, double v)
{
	char	 t[32], *e = t + sizeof(t), *q = e;
	long	 n = (long)rint(v * 10);
	int	 neg = n < 0;

	if (neg)
		n = -n;
	*--q = (char)('0' + n % 10);
	*--q = '.';
	n /= 10;
	do
		*--q = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (neg)
		*--q = '-';
	buf_putn(b, q, (size_t)(e - q));
}

/* attr="v" with one decimal, then after */
static void
attr1(struct buf *b, const char *attr, double v, const char *after)
{
	buf_puts(b, attr);
	n1(b, v);
	buf_puts(b, after);
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
		attr1(b, "<text class=\"fn\" x=\"", cx, "\"");
		attr1(b, " y=\"", y0 + i * 18 + 5, "\">");
		if (i == FS_MAX_LINES - 1 && utf8_strlen(p) > FS_LINE_CHARS) {
			fs_take(b, &p, FS_LINE_CHARS - 1);
			buf_puts(b, "…");
		} else
			fs_take(b, &p, FS_LINE_CHARS);
		buf_puts(b, "</text>");
	}
	if (bx->step->actor) {
		const char *a = bx->step->actor;

		attr1(b, "<text class=\"fa\" x=\"", cx, "\"");
		attr1(b, " y=\"", y0 + (lines - 1) * 18 + 24, "\">");
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
		for (k = 0; k < e->npts; k++) {
			attr1(b, k ? "L" : "M", e->pts[k][0], " ");
			n1(b, e->pts[k][1] - (k == e->npts - 1 ? 6 : 0));
		}
		attr1(b, "\"/><path class=\"fh\" d=\"M", tx - 6, " ");
		attr1(b, "", ty - 9, "L");
		attr1(b, "", tx + 6, " ");
		attr1(b, "", ty - 9, "L");
		attr1(b, "", tx, " ");
		attr1(b, "", ty, "z\"/>");
	}
	for (i = 0; i < f->nboxes; i++) {
		const struct flow_box *bx = &f->boxes[i];

		buf_puts(b, bx->step->where && strcmp(bx->step->where,
		    "online") == 0 ? "<rect class=\"fb fo\"" : "<rect class=\"fb\"");
		attr1(b, " x=\"", bx->x, "\"");
		attr1(b, " y=\"", bx->y, "\"");
		attr1(b, " width=\"", bx->w, "\"");
		attr1(b, " height=\"", bx->h, "\" rx=\"8\"/>");
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
