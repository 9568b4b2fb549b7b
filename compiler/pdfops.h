/*
 * pdfops.h — what both PDF painters share: the character codes of the
 * glyphs a display list draws, the ToUnicode map of those codes, and
 * the page content streams (operators) painted from display-list pages.
 * The libharu painter (paint_pdf.c) writes these streams into libharu's
 * pages; the lean writer (pdfw.c) into its own objects.
 * Included by: paint_pdf.c, pdfops.c and pdfw.c.
 * Includes dlist.h, font.h and paint.h.
 */
#ifndef YBT_PDFOPS_H
#define YBT_PDFOPS_H

#include "dlist.h"
#include "font.h"
#include "paint.h"

struct buf;

struct fcode {
	unsigned	 code;
	unsigned	 cp;
	int		 half;		/* half the advance (DL_HALF) */
};

/* One face's character codes in one document. */
struct pdf_face {
	unsigned char	*used;	/* BMP bitmap: 1 drawn, 2 drawn half-width */
	unsigned short	*code;	/* code of each code point (0: not drawn) */
	unsigned short	*hcode;	/* ... of its half-width variant */
	struct fcode	*codes;	/* the codes in order, with code points */
	size_t		 ncodes;
	unsigned	*astral;	/* code points beyond the BMP, sorted */
	unsigned short	*acode;		/* ... and their codes */
	size_t		 nastral;
};

/* Mark the code points dl draws in each face (faces[f].used). */
void	pdf_faces_collect(const struct dlist *,
	    struct pdf_face faces[FONT_MAX_FACES]);
/*
 * Give face's drawn BMP code points, their half-width variants, then
 * the code points beyond the BMP the codes first, first+1, ... (at most
 * SUBSET_MAX); *n is set to their number. Returns the glyph of each code
 * (free it).
 */
unsigned *pdf_face_codes(struct pdf_face *, struct fonts *, int face,
	    unsigned first, size_t *n);
/* Codes are the code points themselves (a face embedded whole). */
void	pdf_face_identity(struct pdf_face *);
void	pdf_faces_free(struct pdf_face faces[FONT_MAX_FACES]);
/* The ToUnicode CMap of a face's codes (two-byte codes). */
void	pdf_tounicode(const struct pdf_face *, struct buf *);
/* A number for a content stream: at most two decimals, no exponent. */
void	pdf_num(struct buf *, float);
/* "x y op": a point and its operator (op ends the line, or a space). */
void	pdf_pt(struct buf *, float x, float y, const char *op);
/* A code point as UTF-16BE hex digits (a surrogate pair beyond the BMP). */
void	pdf_utf16(struct buf *, unsigned cp);
/* RGB (0..1) as CMYK with all the grey on K: black is 0 0 0 1. */
void	pdf_cmyk(float r, float g, float b, float v[4]);

/* Paints display-list pages as content-stream operators. */
struct pdf_pen {
	const struct dlist	*dl;
	const struct paint_opts	*opts;
	struct pdf_face		*faces;
	/* The resource name of face on the page being painted, or NULL
	 * when it cannot be drawn (its text is skipped). */
	const char		*(*font_name)(void *, int face);
	/* The resource name of a DL_IMAGE's picture, or NULL (not drawn;
	 * a painter without pictures leaves it NULL). */
	const char		*(*image_name)(void *, const struct dl_item *);
	void			*arg;
	float			 ox, oy;	/* page offset on the sheet */
	float			 ph;		/* sheet height */
	/* state within one page */
	int			 in_text;
	int			 pending;	/* rectangles to fill */
	float			 lx, ly;
	int			 cur_face;
	float			 cur_size, cur_tc, cur_lw;
	unsigned		 cur_fill, cur_stroke;
};

/* Append the operators painting page pi of pen->dl to out. */
void	pdf_pen_page(struct pdf_pen *, int pi, struct buf *out);
/* Set the fill or stroke colour: RGB, or CMYK with black as 100% K. */
void	pdf_color(const struct pdf_pen *, unsigned, int stroke,
	    struct buf *);

#endif
