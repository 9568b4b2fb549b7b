/*
 * paint.h — painters: a display list (dlist.h) to a file. paint_pdf.c is
 * the only file that includes hpdf.h. The screen handbook keeps links,
 * outlines and page labels; the print variant (issue 6) sets bleed and
 * marks, paints in CMYK and drops the links.
 * Includes dlist.h and font.h.
 * Included by: out_leaflet.c, out_pdf.c, paint_pdf.c and pdfw.c.
 */
#ifndef YBT_PAINT_H
#define YBT_PAINT_H

#include "dlist.h"
#include "font.h"

struct paint_opts {
	int	 print;		/* CMYK, 100% K black, no links */
	float	 bleed;		/* pt on each side (print) */
	float	 marks;		/* pt of room for crop marks (print) */
	int	 pad4;		/* pad page count to a multiple of 4 */
	int	 saddle;	/* two pages per sheet, saddle order */
};

/*
 * Paint dl into the PDF file path (written in place: callers write
 * into out_ctx's temporary folder). Returns 0, or -1 after a
 * diagnostic naming path.
 */
int	paint_pdf(const struct dlist *, struct fonts *, const char *path,
	    const struct paint_opts *);

/*
 * The same without libharu (pdfw.c), for many small documents: links
 * and outlines (leaflets.pdf: one entry per guide), but no page labels
 * or print options. A face the subsetter cannot read
 * sends the whole document to paint_pdf.
 */
int	paint_pdf_lean(const struct dlist *, struct fonts *,
	    const char *path);

#endif
