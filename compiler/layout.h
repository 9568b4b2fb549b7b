/*
 * layout.h — the block layer of the PDF engine: flows paragraphs,
 * headings, lists, rules and tables down pages of a display list.
 * Knows nothing of the model (out_pdf.c decides what goes where) nor of
 * libharu (the painter does that). Page breaking: a heading never ends
 * a page (keep with next: kept blocks in a row — a label and the heading
 * after it — move to the next page together with what needs the turn), paragraphs keep two lines at each side of a
 * break (orphans and widows), table rows never split unless taller than
 * a page, and a table's header row is repeated on every page it spans.
 * Included by: book.c, book_style.c, layout.c and out_leaflet.c.
 * Includes linebreak.h.
 */
#ifndef YBT_LAYOUT_H
#define YBT_LAYOUT_H

#include "linebreak.h"

#define LAY_MAX_COLS	12

struct lay_pageinfo {
	const char	*head_left;	/* running head on versos */
	const char	*head_right;	/* running head on rectos */
	int		 nohead;	/* chapter openings, part titles */
	int		 folio;		/* number printed, 0 none */
	int		 roman;		/* folio in roman numerals */
	int		 blank;		/* left empty: no head, no folio */
};

struct lay {
	struct dlist		*dl;
	struct fonts		*fonts;
	struct para		 para;		/* scratch paragraph */
	/* geometry, pt */
	float			 pw, ph;
	float			 m_top, m_bottom, m_inner, m_outer;
	float			 body_size, leading;
	/* state */
	int			 page;		/* current page, -1 none */
	int			 section_first;	/* page of folio 1 */
	int			 folio_start;
	int			 roman;
	float			 y;		/* cursor, from the page top */
	float			 x0, w;		/* text block of this page */
	float			 indent;	/* list nesting, added to x0 */
	float			 rindent;	/* kept free at the right */
	const char		*head_left, *head_right;
	struct lay_pageinfo	*info;		/* one per dlist page */
	size_t			 ninfo;
	/* keep with next: what a heading left at the foot of a page
	 * (items from kitem on page kpage, from y ky) moves with the
	 * page turn that what follows it needs */
	int			 kactive, kcand;
	int			 kpage;
	size_t			 kitem;
	float			 ky;
	/* the table being laid out, for repeating its header */
	struct ltable		*table;
};

void	lay_init(struct lay *, struct dlist *, struct fonts *);
void	lay_free(struct lay *);

/* Start a new numbering (front matter roman, body arabic). */
void	lay_section(struct lay *, int roman);
int	lay_new_page(struct lay *);
/* New page, plus a blank one if needed so it is a recto. */
int	lay_new_recto(struct lay *);
void	lay_nohead(struct lay *);		/* this page: no head */
float	lay_avail(const struct lay *);		/* pt left on the page */
void	lay_need(struct lay *, float h);	/* new page unless h fits */
void	lay_space(struct lay *, float h);	/* skipped at a page top */
float	lay_line_height(const struct lay *, float size);

enum lay_align { LAY_JUSTIFY, LAY_LEFT, LAY_CENTER, LAY_RIGHT };

/*
 * Lay out l->para (filled by the caller with lb_add) at the cursor,
 * indent pt from the left of the text block, the first line a further
 * first pt (two characters in prose). keep: lines that must stay with what follows (headings: the space
 * asked for is this paragraph plus keep more body lines). Returns the
 * destination index if want_dest, else -1 (the top of the first line).
 */
int	lay_para(struct lay *, enum lay_align, float indent, float first,
	    float size, float leading, int keep, int want_dest);

/* A horizontal rule across the text block. */
void	lay_rule(struct lay *, float lw, unsigned color);

/* Tables. Cells are paragraphs; row 0..header-1 repeat on each page. */
struct ltable {
	int		 ncols;
	size_t		 nrows;
	int		 header;	/* number of header rows */
	struct para	*cells;		/* nrows * ncols */
	int		*shade;		/* per row: fill colour or -1 */
	float		 size;		/* font size of cells */
	float		 colw[LAY_MAX_COLS];
	float		 minw[LAY_MAX_COLS];	/* fix a column width */
	unsigned	 checkmask;	/* columns with a box to tick (bit c),
					 * drawn when the next cell has text
					 * and the box's own cell none */
	float		 leading;	/* line height / size, default 1.4 */
	float		 pad;		/* pt above and below a cell's text */
};

struct ltable	*ltable_new(struct lay *, int ncols, float size);
/* The paragraph of (row, col); rows are added as needed. */
struct para	*ltable_cell(struct ltable *, struct fonts *, size_t row,
		    int col);
void		 lay_table(struct lay *, struct ltable *);
void		 ltable_free(struct ltable *);

/* Reserve h pt at the cursor (new page if needed): returns the y of
 * the top; the caller draws into l->page. */
float	lay_reserve(struct lay *, float h);

#endif
