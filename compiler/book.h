/*
 * book.h — the handbook's layout, shared by the screen PDF (out_pdf.c)
 * and the print PDF (out_print.c), and the pieces the leaflets
 * (out_leaflet.c) draw the same way: the model laid out into a display
 * list, front matter first, with outlines, labels and destinations.
 * Includes dlist.h and font.h.
 */
#ifndef YBT_BOOK_H
#define YBT_BOOK_H

#include "dlist.h"
#include "font.h"

struct edition;
struct theme;

/* A colour "#RRGGBB" from theme key, or def (0xRRGGBB). */
unsigned	 book_color(const struct theme *, const char *key, unsigned def);
struct dlist	*book_layout(const struct edition *, const struct theme *,
		    struct fonts *);
struct out_ctx;
/* The print PDF (and its saddle imposition) of a handbook layout. */
int		 print_pdfs(const struct out_ctx *, const struct dlist *,
		    struct fonts *);

struct guide;
/* A vector QR code of text, top-left at x, y, size pt, on page. */
void		 book_qr(struct dlist *, int page, const char *text,
		    float x, float y, float size);
/* A guide's online URL, else its portal page; NULL without either. */
char		*book_guide_url(const struct edition *, const struct guide *);

#endif
