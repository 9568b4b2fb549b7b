/*
 * font.h — fonts for the PDF layers: fontconfig finds the faces named in
 * theme.yaml (pdf.fonts.body / pdf.fonts.heading, each a fallback
 * chain), FreeType answers "can this face draw this code point?" and
 * gives glyph advances in the same integer 1/1000 em units libharu
 * writes into the PDF, so that what layout measures is what is painted.
 * font.c is the only file that includes fontconfig and FreeType.
 * Included by layout, linebreak, out_pdf and the painter.
 * Included by: book.c, book_style.c, check_glyphs.c, font.c, layout.c, linebreak.c, out_leaflet.c, out_pdf.c, paint_pdf.c and pdfw.c.
 * Includes nothing but the C library.
 */
#ifndef YBT_FONT_H
#define YBT_FONT_H

#define FONT_MAX_FACES	16	/* faces over all chains */
#define FONT_MAX_CHAIN	8	/* faces in one fallback chain */
#define FONT_BMP_MAX	0xFFFF	/* advances are cached up to here */
#define FONT_CP_MAX	0xEFFFF	/* drawable: not DL_HALF's plane 15 */

enum font_role {
	FONT_BODY = 0,		/* 宋/明: AR PL UMing */
	FONT_HEADING,		/* 黑: WenQuanYi */
	FONT__ROLES
};

struct theme;
struct fonts;

/*
 * Resolve the chains of the theme (or the built-in defaults). Returns
 * NULL, after a diagnostic, when no face at all can be found.
 */
struct fonts	*fonts_open(const struct theme *);
void		 fonts_close(struct fonts *);

/* Faces are small integers 0..fonts_nfaces()-1. */
int		 fonts_nfaces(const struct fonts *);
const char	*fonts_path(const struct fonts *, int face);
int		 fonts_index(const struct fonts *, int face);	/* in a TTC */
const char	*fonts_family(const struct fonts *, int face);

/*
 * The first face of the role's chain that has a glyph for cp, or -1
 * when none has.
 */
int		 fonts_pick(struct fonts *, enum font_role, unsigned cp);

/* Advance of cp in face, in 1/1000 em (libharu's rounding). */
int		 fonts_advance(struct fonts *, int face, unsigned cp);

/* Set the bit of every code point (≤ FONT_CP_MAX) that some face of
 * the role's chain has: bits holds (FONT_CP_MAX + 1) / 8 bytes. */
void		 fonts_coverage(struct fonts *, enum font_role,
		    unsigned char *bits);

/* Glyph index of cp in face (0 if none). */
unsigned	 fonts_gid(struct fonts *, int face, unsigned cp);

/* The bytes of the face's file (mapped once), or NULL. */
const unsigned char *fonts_data(struct fonts *, int face, size_t *len);

/* Ascent and descent (negative) of the face, 1/1000 em. */
int		 fonts_ascent(const struct fonts *, int face);
int		 fonts_descent(const struct fonts *, int face);

#endif
