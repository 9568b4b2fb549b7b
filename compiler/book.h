/*
 * book.h — the handbook laid out once (book.c) into a display list,
 * front matter first, with outlines, labels and destinations, for
 * out_pdf.c to paint as the screen PDF, the print PDF and its saddle
 * imposition.
 * Included by: book.c, book_style.c and out_pdf.c.
 */
#ifndef YBT_BOOK_H
#define YBT_BOOK_H

struct dlist;
struct edition;
struct fonts;
struct theme;

struct dlist	*book_layout(const struct edition *, const struct theme *,
		    struct fonts *);

#endif
