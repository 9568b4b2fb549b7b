/*
 * html_md.c — a Markdown body (md.h tree) as HTML for the portal. Our
 * own markup and the author's raw HTML are written into one string,
 * then the whole string goes through the allowlist sanitizer
 * (sanitize.c), so raw tags split over several nodes stay balanced and
 * nothing dangerous reaches a page.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "md.h"
#include "sanitize.h"
#include "html.h"

static void	hm_nodes(struct buf *, const struct md_node *,
		    const struct htmlmd *);

/* Does the tree hold raw HTML? Only then is the sanitizer needed: the
 * rest is our own markup, escaped and with checked URLs. */
static int
hm_has_raw(const struct md_node *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == MD_HTML || n->type == MD_HTML_INLINE ||
		    hm_has_raw(n->child))
			return 1;
	return 0;
}

/*
 * A picture: <img> with its alt text, or the alt text alone when the
 * file cannot be published. As a figure (a paragraph of its own) the
 * alt text is also the caption, and nothing is written without the
 * file. Returns 0, or -1 when no <img> was written.
 */
static int
hm_image(struct buf *b, const struct md_node *n, const struct htmlmd *h,
    int figure)
{
	struct buf	 alt;
	char		*u;
	int		 rc;

	u = n->url && h->asset ? h->asset(h->arg, h->it, n->url) : NULL;
	if (u == NULL && figure)
		return -1;
	buf_init(&alt);
	md_plain(n->child, &alt);
	if (u != NULL) {
		if (figure)
			buf_puts(b, "<figure class=\"pic\">");
		buf_puts(b, "<img src=\"");
		esc_attr(b, u);
		buf_puts(b, "\" alt=\"");
		esc_attr(b, alt.data ? alt.data : "");
		buf_puts(b, "\">");
		if (figure && alt.len) {
			buf_puts(b, "<figcaption>");
			esc_html(b, alt.data);
			buf_puts(b, "</figcaption>");
		}
		if (figure)
			buf_puts(b, "</figure>\n");
	} else if (alt.len)
		esc_html(b, alt.data);
	rc = u != NULL ? 0 : -1;
	buf_free(&alt);
	free(u);
	return rc;
}

static void
hm_node(struct buf *b, const struct md_node *n, const struct htmlmd *h)
{
	int lv;

	switch (n->type) {
	case MD_DOC:
		hm_nodes(b, n->child, h);
		break;
	case MD_PARA: {
		const struct md_node *img = md_lone_image(n);

		/* A picture on its own: a figure with its alt text as the
		 * caption, as in the handbook. */
		if (img != NULL && hm_image(b, img, h, 1) == 0)
			break;
		buf_puts(b, "<p>");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</p>\n");
		break;
	}
	case MD_HEADING:
		/* The body's top heading level becomes min_heading. */
		lv = n->level + h->shift;
		if (lv < h->min_heading)
			lv = h->min_heading;
		if (lv > 6)
			lv = 6;
		buf_printf(b, "<h%d>", lv);
		hm_nodes(b, n->child, h);
		buf_printf(b, "</h%d>\n", lv);
		break;
	case MD_LIST:
		if (n->level == 1 && n->num > 1)
			buf_printf(b, "<ol start=\"%d\">\n", n->num);
		else
			buf_puts(b, n->level == 1 ? "<ol>\n" : "<ul>\n");
		hm_nodes(b, n->child, h);
		buf_puts(b, n->level == 1 ? "</ol>\n" : "</ul>\n");
		break;
	case MD_ITEM:
		buf_puts(b, "<li>");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</li>\n");
		break;
	case MD_QUOTE:
		buf_puts(b, "<blockquote>\n");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</blockquote>\n");
		break;
	case MD_CODE:
		buf_puts(b, "<pre><code>");
		esc_html(b, n->text ? n->text : "");
		buf_puts(b, "</code></pre>\n");
		break;
	case MD_HTML:
	case MD_HTML_INLINE:
		buf_puts(b, n->text ? n->text : "");	/* sanitised below */
		break;
	case MD_HR:
		buf_puts(b, "<hr>\n");
		break;
	case MD_TABLE: {
		const struct md_node *r, *c;
		int body = 0;

		buf_puts(b, "<div class=\"table\"><table>\n");
		for (r = n->child; r != NULL; r = r->next) {
			int head = r->level == 1 && r == n->child;

			if (head)
				buf_puts(b, "<thead>");
			else if (!body) {
				buf_puts(b, "<tbody>");
				body = 1;
			}
			buf_puts(b, "<tr>");
			for (c = r->child; c != NULL; c = c->next) {
				buf_puts(b, head ? "<th scope=\"col\">" : "<td>");
				hm_nodes(b, c->child, h);
				buf_puts(b, head ? "</th>" : "</td>");
			}
			buf_puts(b, head ? "</tr></thead>\n" : "</tr>\n");
		}
		if (body)
			buf_puts(b, "</tbody>");
		buf_puts(b, "</table></div>\n");
		break;
	}
	case MD_ROW:
	case MD_CELL:
		hm_nodes(b, n->child, h);
		break;
	case MD_TEXT:
		esc_html(b, n->text ? n->text : "");
		break;
	case MD_SOFTBREAK:
		buf_puts(b, "\n");
		break;
	case MD_LINEBREAK:
		buf_puts(b, "<br>\n");
		break;
	case MD_CODE_INLINE:
		buf_puts(b, "<code>");
		esc_html(b, n->text ? n->text : "");
		buf_puts(b, "</code>");
		break;
	case MD_EMPH:
		buf_puts(b, "<em>");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</em>");
		break;
	case MD_STRONG:
		buf_puts(b, "<strong>");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</strong>");
		break;
	case MD_STRIKE:
		buf_puts(b, "<del>");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</del>");
		break;
	case MD_LINK:
		if (n->url == NULL || !sanitize_url_ok(n->url)) {
			hm_nodes(b, n->child, h);
			break;
		}
		buf_puts(b, "<a href=\"");
		esc_attr(b, n->url);
		buf_puts(b, "\"");
		if (n->title && *n->title) {
			buf_puts(b, " title=\"");
			esc_attr(b, n->title);
			buf_puts(b, "\"");
		}
		buf_puts(b, ">");
		hm_nodes(b, n->child, h);
		buf_puts(b, "</a>");
		break;
	case MD_IMAGE:
		hm_image(b, n, h, 0);
		break;
	}
}

static void
hm_nodes(struct buf *b, const struct md_node *n, const struct htmlmd *h)
{
	for (; n != NULL; n = n->next)
		hm_node(b, n, h);
}

/* Links written by the author: safe ones only; our own image URLs,
 * already rewritten, are relative and pass. */
static char *
hm_url(void *arg, const char *url, int img)
{
	const struct htmlmd *h = arg;

	if (!sanitize_url_ok(url))
		return NULL;
	/* No external resource: only images we copied into files/. */
	if (img && (!str_has_prefix(url, h->root) ||
	    !str_has_prefix(url + strlen(h->root), "files/")))
		return NULL;
	return xstrdup(url);
}

void
htmlmd_render(struct buf *out, const struct md_node *doc,
    const struct htmlmd *h)
{
	struct buf raw;

	struct htmlmd hh = *h;
	const struct md_node *n;
	int top = 7;

	if (doc == NULL)
		return;
	for (n = doc->type == MD_DOC ? doc->child : doc; n != NULL; n = n->next)
		if (n->type == MD_HEADING && n->level < top)
			top = n->level;
	hh.shift = top < 7 ? h->min_heading - top : 0;
	h = &hh;
	if (!hm_has_raw(doc)) {
		hm_nodes(out, doc, h);
		return;
	}
	buf_init(&raw);
	hm_nodes(&raw, doc, h);
	if (raw.len)
		sanitize_html(out, raw.data, raw.len, h->min_heading,
		    hm_url, (void *)h);
	buf_free(&raw);
}
