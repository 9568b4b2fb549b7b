/*
 * book_style.c — what every part of the handbook's layout shares: its
 * text styles (one struct tstyle per role, size, colour and link), the
 * body paragraph and the small red section label. book.c, md_layout.c
 * and book_flow.c all use these, so they live here and no two of those
 * files need each other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "font.h"
#include "dlist.h"
#include "linebreak.h"
#include "layout.h"
#include "book.h"
#include "book_int.h"
#include "pdfkit.h"

const struct tstyle *
sty_full(struct book *b, enum font_role role, float size, unsigned color,
    int dest, const char *uri)
{
	struct tstyle	*s;
	size_t		 i;

	for (i = 0; i < b->nstyles; i++) {
		s = b->styles[i];
		if (s->role == role && s->size == size && s->color == color &&
		    s->dest == dest && str_eq(s->uri, uri))
			return s;
	}
	s = xcalloc(1, sizeof(*s));
	s->role = role;
	s->size = size;
	s->color = color;
	s->dest = dest;
	s->uri = uri ? xstrdup(uri) : NULL;	/* outlives spooled pages */
	*(struct tstyle **)VEC_PUSH(&b->styles, &b->nstyles) = s;
	return s;
}

const struct tstyle *
sty(struct book *b, enum font_role role, float size, unsigned color)
{
	return sty_full(b, role, size, color, -1, NULL);
}

void
para_body(struct book *b, int indent)
{
	lay_para(&b->lay, LAY_JUSTIFY, 0, indent ? 2 * b->body : 0, b->body,
	    b->leading, 0, 0);
	lb_reset(P(b));
}

/* A small red label above a section of a chapter (一套材料…). */
void
book_label(struct book *b, const char *text)
{
	struct dl_item	*it;
	float		 lh = lay_line_height(&b->lay, b->body);

	lay_space(&b->lay, b->body * 0.8f);
	lay_need(&b->lay, 3.5f * lh);
	it = dl_add(b->dl, b->lay.page, DL_RECT);
	it->x = b->lay.x0 + b->lay.indent;
	it->y = b->lay.y + lh * 0.22f;
	it->w = 3;
	it->h = lh * 0.62f;
	it->color = C_ACCENT;
	lb_reset(P(b));
	put(P(b), sty(b, FONT_HEADING, b->body * 1.05f, C_ACCENT), text, NULL);
	lay_para(&b->lay, LAY_LEFT, 6, 0, b->body * 1.05f, b->leading, 2, 0);
	lb_reset(P(b));
}
