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

/*
 * spool: a file for the finished chapters (dlist.h), so the layout's
 * memory is that of its longest chapter; NULL keeps every page in
 * memory. NULL after a diagnostic when the file cannot be written.
 */
struct dlist	*book_layout(const struct edition *, const struct theme *,
		    struct fonts *, const char *spool);

#endif
