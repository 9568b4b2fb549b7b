/*
 * qr.h — QR codes as a module matrix (libqrencode). qr.c is the only
 * file that includes qrencode.h; the HTML back end draws the matrix as
 * SVG, the PDF painter as filled rectangles.
 * Included by: html_page.c, pdfkit.c and qr.c.
 * Includes nothing but the C library.
 */
#ifndef YBT_QR_H
#define YBT_QR_H

struct buf;

struct qr {
	int		 width;		/* modules per side, without quiet zone */
	unsigned char	*dark;		/* width*width, row-major, 1 = dark */
};

/*
 * Encode text (UTF-8, 8-bit mode, error correction level M) into a
 * matrix. Returns NULL if the text is empty or too long for a QR code.
 */
struct qr	*qr_encode(const char *text);
/* The same at error correction level L, for the portal's pages (see
 * doc/portal.md): a smaller code, and a third less work to choose its
 * mask. */
struct qr	*qr_encode_screen(const char *text);
/* Level M with the given mask (0 to 7) instead of the best one: for
 * the unit test, which compares it with libqrencode's own. */
struct qr	*qr_encode_masked(const char *text, int mask);
/* The penalty of a matrix by ISO/IEC 18004 §7.8.3, module by module:
 * the unit test checks that qr_encode's mask scores the lowest. */
int		 qr_penalty(const struct qr *);
void		 qr_free(struct qr *);

/* 1 if module (x, y) is dark; 0 outside the matrix (the quiet zone). */
int		 qr_dark(const struct qr *, int x, int y);

/*
 * Append an <svg> element drawing the code with a quiet zone of 4
 * modules, one stroked <path> of the horizontal runs of dark modules
 * (crisp at any size; see qr.c). size is the CSS size in px of the whole
 * element; label is the aria-label (may be NULL for a decorative code).
 */
void		 qr_svg(struct buf *, const struct qr *, int size,
		    const char *label);

#endif
