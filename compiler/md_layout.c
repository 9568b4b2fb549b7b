/*
 * md_layout.c — a Markdown body (md.h tree) laid out into the handbook
 * (book_int.h): paragraphs, headings, lists, tables, quotes, code and
 * figures, the twin of html_md.c for the PDF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "md.h"
#include "image.h"
#include "book_int.h"

_Static_assert(MD_TABLE_COLS == LAY_MAX_COLS,
    "check warns of the tables wider than the handbook sets");

static void md_blocks(struct book *, const struct md_node *, int depth);

static int
last_is_latin(const struct para *p)
{
	return p->n > 0 && p->c[p->n - 1].cp < 0x80 &&
	    p->c[p->n - 1].cp != ' ';
}

static void
md_inlines(struct book *b, struct para *p, const struct md_node *n,
    const struct tstyle *st)
{
	for (; n; n = n->next) {
		switch (n->type) {
		case MD_TEXT:
		case MD_CODE_INLINE:
			put(p, st, n->text, &n->loc);
			break;
		case MD_SOFTBREAK:
			if (last_is_latin(p))
				put(p, st, " ", &n->loc);
			break;
		case MD_LINEBREAK:
			lb_newline(p);
			break;
		case MD_STRONG:
			md_inlines(b, p, n->child, sty_full(b, FONT_HEADING,
			    st->size, st->color, st->dest, st->uri));
			break;
		case MD_EMPH:
		case MD_STRIKE:
			md_inlines(b, p, n->child, st);
			break;
		case MD_LINK:
			md_inlines(b, p, n->child, md_url_safe(n->url) &&
			    strncmp(n->url, "http", 4) == 0 ?
			    sty_full(b, st->role, st->size, 0x1F4E99u, -1,
			    n->url) : st);
			break;
		case MD_IMAGE:
			put(p, st, "［图：", &n->loc);
			md_inlines(b, p, n->child, st);
			put(p, st, "］", &n->loc);
			break;
		case MD_HTML_INLINE:
		default:
			if (n->child)
				md_inlines(b, p, n->child, st);
			break;
		}
	}
}

static void
md_table(struct book *b, const struct md_node *tab)
{
	const struct md_node	*row, *cell;
	struct ltable		*t;
	int			 ncols = 0, c;
	size_t			 r = 0;

	for (row = tab->child; row; row = row->next) {
		c = 0;
		for (cell = row->child; cell; cell = cell->next)
			c++;
		if (c > ncols)
			ncols = c;
	}
	if (ncols == 0)
		return;
	t = ltable_new(&b->lay, ncols, b->body * 0.86f);
	for (row = tab->child; row; row = row->next, r++) {
		c = 0;
		for (cell = row->child; cell && c < ncols; cell = cell->next)
			md_inlines(b, ltable_cell(t, b->fonts, r, c++),
			    cell->child, r == 0 ? SMALLB(b) : SMALL(b));
		while (c < ncols)
			ltable_cell(t, b->fonts, r, c++);
	}
	lay_space(&b->lay, b->body * 0.3f);
	lay_table(&b->lay, t);
	ltable_free(t);
	lay_space(&b->lay, b->body * 0.5f);
}

static void
md_list(struct book *b, const struct md_node *list, int depth)
{
	const struct md_node	*item, *blk;
	int			 num = list->num > 0 ? list->num : 1;
	float			 mark = list->level ? 1.6f * b->body :
				    1.2f * b->body;

	for (item = list->child; item; item = item->next, num++) {
		int first = 1;
		for (blk = item->child; blk; blk = blk->next) {
			if (blk->type == MD_PARA && first) {
				lb_reset(P(b));
				if (list->level)
					lb_addf(P(b), BODY(b), &blk->loc, "%d.",
					    num);
				else
					put(P(b), BODY(b), "•", &blk->loc);
				/* the marker hangs in the indent: a gap
				 * after it reaches the text's left edge */
				{
					size_t i, nm = P(b)->n;
					float used = 0;
					for (i = 0; i < nm; i++)
						used += P(b)->c[i].adv;
					lb_add(P(b), "\xc2\xa0", 2, BODY(b),
					    NULL);
					if (P(b)->n > nm)
						P(b)->c[nm].adv = mark - used;
				}
				md_inlines(b, P(b), blk->child, BODY(b));
				lay_para(&b->lay, LAY_JUSTIFY, mark +
				    depth * mark, -mark, b->body, b->leading,
				    0, 0);
				lb_reset(P(b));
				first = 0;
			} else {
				float save = b->lay.indent;
				b->lay.indent += mark;
				md_blocks(b, blk, depth + 1);
				b->lay.indent = save;
			}
		}
	}
}

/*
 * A picture on a line of its own, centred, at 150 dpi or narrower to
 * fit the text block, at most half a page high, its alt text under it.
 * Returns -1 when it cannot be placed (the caller prints the alt text).
 */
static int
figure(struct book *b, const struct md_node *img)
{
	struct lay	*l = &b->lay;
	struct dl_item	*it;
	const char	*why;
	float		 maxw = l->w - l->indent - l->rindent, w, h, maxh;
	int		 pw, ph;

	if (img->path == NULL)
		return -1;	/* reported by the model */
	if (image_size(img->path, &pw, &ph, &why) != 0) {
		diag_at(&img->loc, DIAG_WARNING, "图片 %s 不能放进手册：%s；"
		    "手册里只印出它的说明文字", img->url, why);
		return -1;
	}
	w = (float)pw * 72.0f / 150.0f;
	if (w > maxw)
		w = maxw;
	h = w * (float)ph / (float)pw;
	maxh = (l->ph - l->m_top - l->m_bottom) * 0.5f;
	if (h > maxh) {
		h = maxh;
		w = h * (float)pw / (float)ph;
	}
	lay_space(l, b->body * 0.5f);
	lay_need(l, h + b->body * 2.2f);
	it = dl_add(l->dl, l->page, DL_IMAGE);
	it->x = l->x0 + l->indent + (maxw - w) / 2;
	it->y = l->y;
	it->w = w;
	it->h = h;
	it->text = dl_strdup(l->dl, img->path, strlen(img->path));
	l->y += h + b->body * 0.4f;
	lb_reset(P(b));
	md_inlines(b, P(b), img->child, sty(b, FONT_BODY, b->body * 0.86f,
	    C_GRAY));
	if (!lb_empty(P(b)))
		lay_para(l, LAY_CENTER, 0, 0, b->body * 0.86f, b->leading, 0,
		    0);
	lb_reset(P(b));
	lay_space(l, b->body * 0.3f);
	return 0;
}

static void
md_block(struct book *b, const struct md_node *n, int depth)
{
	const struct md_node *img;

	switch (n->type) {
	case MD_PARA:
		if ((img = md_lone_image(n)) != NULL && figure(b, img) == 0)
			break;
		lb_reset(P(b));
		md_inlines(b, P(b), n->child, BODY(b));
		if (n->child != NULL && n->child->type == MD_STRONG &&
		    n->child->next == NULL) {
			/* a bold line is a body's heading (问：…？): it
			 * keeps two lines of what follows on its page */
			lay_para(&b->lay, LAY_JUSTIFY, 0, 2 * b->body,
			    b->body, b->leading, 2, 0);
			lb_reset(P(b));
		} else
			para_body(b, 1);
		break;
	case MD_HEADING:
		lay_space(&b->lay, b->body * 0.6f);
		lb_reset(P(b));
		md_inlines(b, P(b), n->child, sty(b, FONT_HEADING,
		    n->level <= 2 ? b->body * 1.1f : b->body, DL_BLACK));
		lay_para(&b->lay, LAY_LEFT, 0, 0, b->body, b->leading, 2, 0);
		lb_reset(P(b));
		break;
	case MD_LIST:
		md_list(b, n, depth);
		break;
	case MD_QUOTE: {
		float save = b->lay.indent;
		b->lay.indent += 2 * b->body;
		md_blocks(b, n->child, depth);
		b->lay.indent = save;
		break;
	}
	case MD_CODE: {
		const char *s = n->text ? n->text : "", *e;
		lb_reset(P(b));
		while (*s) {
			e = strchr(s, '\n');
			if (e == NULL)
				e = s + strlen(s);
			lb_add(P(b), s, (size_t)(e - s), SMALL(b), &n->loc);
			if (*e == '\0')
				break;
			lb_newline(P(b));
			s = e + 1;
		}
		lay_para(&b->lay, LAY_LEFT, b->body, 0, b->body * 0.86f,
		    b->leading, 0, 0);
		lb_reset(P(b));
		break;
	}
	case MD_TABLE:
		md_table(b, n);
		break;
	case MD_HR:
		lay_space(&b->lay, b->body * 0.5f);
		lay_rule(&b->lay, 0.4f, C_RULE);
		lay_space(&b->lay, b->body * 0.5f);
		break;
	case MD_HTML:
	default:
		break;
	}
}

static void
md_blocks(struct book *b, const struct md_node *n, int depth)
{
	for (; n; n = n->next)
		md_block(b, n, depth);
}

void
book_md(struct book *b, const struct md_node *doc)
{
	if (doc != NULL && doc->child != NULL)
		md_blocks(b, doc->child, 0);
}
