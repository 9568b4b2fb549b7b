/*
 * subset.h — a small TrueType subsetter for the PDF painter. Given the
 * bytes of a font file (TTF, or one face of a TTC) and the glyphs to
 * keep, it writes a standalone TrueType font whose glyph i+1 is the i-th
 * glyph asked for and whose cmap maps the character code SUBSET_FIRST+i
 * to it. The painter writes those codes in its content streams and its
 * own ToUnicode map, so libharu loads a font of a few hundred glyphs
 * instead of a 20 MB collection (and its cmap lookups stay cheap).
 * Composite glyphs keep their components (appended after the others).
 * Included by: paint_pdf.c, pdfops.c, pdfw.c and subset.c.
 * Includes util.h.
 */
#ifndef YBT_SUBSET_H
#define YBT_SUBSET_H

#include <stddef.h>

#define SUBSET_FIRST	0x20	/* first character code used */
#define SUBSET_MAX	20000	/* glyphs asked for in one font */

struct buf;

/* Returns 0, or -1 if the font cannot be read (caller falls back). */
int	subset_ttf(const unsigned char *file, size_t len, int index,
	    const unsigned *gids, size_t n, struct buf *out);
/* The face's bounding box (head table) in 1/1000 em; 0, or -1. */
int	subset_bbox(const unsigned char *file, size_t len, int index,
	    int bbox[4]);

#endif
