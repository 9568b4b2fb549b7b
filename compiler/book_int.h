/*
 * book_int.h — the insides of the handbook's layout, shared by the book
 * (book.c), its flowcharts (book_flow.c) and its Markdown renderer
 * (md_layout.c): struct book, the text styles and colours, and the few
 * helpers they use.
 * Included by: book.c, book_flow.c, book_style.c and md_layout.c.
 */
#ifndef YBT_BOOK_INT_H
#define YBT_BOOK_INT_H

#include <string.h>

#include "dlist.h"
#include "font.h"
#include "linebreak.h"
#include "layout.h"

struct md_node;

#define C_ACCENT	(b->accent)	/* theme pdf.accent, default 9E1B1B */
#define C_GRAY		0x555555u
#define C_LIGHT		0xF3EEE6u	/* box fills */
#define C_RULE		0x999999u

struct book {
	const struct edition	*ed;
	const struct theme	*theme;
	struct fonts		*fonts;
	struct dlist		*dl;
	struct lay		 lay;
	float			 body;		/* body size, pt */
	float			 leading;
	struct tstyle		**styles;
	size_t			 nstyles;
	int			*guide_dest;	/* per ed->guides */
	int			*matter_dest;	/* per ed->matters */
	int			*office_dest;	/* per ed->offices */
	int			*stage_dest;	/* per ed->stages */
	int			 appendix_dest, index_dest;
	int			 preface_dest, toc_dest;
	const char		*part_title;	/* running heads */
	unsigned		 accent;	/* 0xRRGGBB */
	int			 finished;	/* pages before: spooled */
	int			 spool_failed;
};

const struct tstyle	*sty_full(struct book *, enum font_role, float size,
			    unsigned color, int dest, const char *uri);
const struct tstyle	*sty(struct book *, enum font_role, float size,
			    unsigned color);

#define BODY(b)		sty(b, FONT_BODY, (b)->body, DL_BLACK)
#define BOLD(b)		sty(b, FONT_HEADING, (b)->body, DL_BLACK)
#define SMALL(b)	sty(b, FONT_BODY, (b)->body * 0.86f, DL_BLACK)
#define SMALLB(b)	sty(b, FONT_HEADING, (b)->body * 0.86f, DL_BLACK)

/* The paragraph being filled. */
static inline struct para *
P(struct book *b)
{
	return &b->lay.para;
}

/* Adds s (if any) to p in style st. */
static inline void
put(struct para *p, const struct tstyle *st, const char *s,
    const struct loc *loc)
{
	if (s != NULL && *s != '\0')
		lb_add(p, s, strlen(s), st, loc);
}

/* Sets the paragraph being filled as body text, first line indented. */
void	para_body(struct book *, int indent);
/* A small red label above a section of a chapter (一套材料…). */
void	book_label(struct book *, const char *text);
/* A guide's procedure as a flowchart (book_flow.c). */
struct procedure;
void	book_flowchart(struct book *, const struct procedure *,
	    const char *title);
/* A Markdown body (md.h tree) laid out into the book (md_layout.c). */
void	book_md(struct book *, const struct md_node *doc);

#endif
