/*
 * pdfkit.h — the pieces the handbook and the leaflets draw the same way:
 * theme colours, QR codes, a guide's URL.
 * Included by: book.c, book_style.c, out_leaflet.c and pdfkit.c.
 */
#ifndef YBT_PDFKIT_H
#define YBT_PDFKIT_H

struct dlist;
struct edition;
struct guide;
struct theme;

/* A colour "#RRGGBB" from theme key, or def (0xRRGGBB). */
unsigned	 kit_color(const struct theme *, const char *key, unsigned def);
/* A vector QR code of text, top-left at x, y, size pt, on page. */
void		 kit_qr(struct dlist *, int page, const char *text,
		    float x, float y, float size);
/* A guide's online URL, else its portal page; NULL without either. */
char		*kit_guide_url(const struct edition *, const struct guide *);
/* Where the portal offers a template (assets/forms/x.pdf as files/forms/
 * x.pdf, doc/portal.md); NULL without a portal URL. */
char		*kit_template_url(const struct edition *, const char *rel);

#endif
