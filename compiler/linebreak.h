/*
 * linebreak.h — Chinese line breaking after W3C clreq. A paragraph is
 * fed as styled UTF-8 pieces; lb_break() measures the characters with
 * the fonts' advances, finds the lines and the x of every character
 * (first-line indent, ¼ em between CJK and Latin, justified CJK with a
 * ragged last line), and lb_emit() turns a line into glyph runs of the
 * display list. The rules: no 。，、；：？！）》」』】〕 at a line start,
 * no （《「『【〔 at a line end, no break inside Latin words, numbers,
 * phone numbers, dates (2026年11月25日) or document numbers
 * (国发〔2024〕3号), between a number and its unit or classifier
 * (1 个工作日, 5 份) or inside a time range (09:00—17:00, 8:30至12:00,
 * which breaks after its dash only when longer than the line); an
 * over-long URL breaks after / . - ? & = as a last resort, anything else
 * longer than a line at any character. Lines are found by total fit
 * (linebreak.c); no gap is stretched by more than 1/10 em (the ¼ em
 * clreq allows is already loose): such a line stays ragged.
 * Included by: book.c, book_style.c, check_glyphs.c, layout.c, linebreak.c, out_leaflet.c.
 * Includes font.h and dlist.h.
 */
#ifndef YBT_LINEBREAK_H
#define YBT_LINEBREAK_H

#include <stddef.h>
#include "font.h"
#include "dlist.h"

struct loc;
struct buf;

struct tstyle {
	enum font_role	 role;
	float		 size;		/* pt */
	unsigned	 color;		/* 0xRRGGBB */
	int		 dest;		/* internal link target, or -1 */
	const char	*uri;		/* external link, or NULL */
};

struct lb_char {
	unsigned		 cp;
	short			 face;		/* -1: no font has it */
	unsigned char		 cls;
	unsigned char		 flags;
	float			 adv;		/* pt */
	float			 x;		/* in the line, after lb_break */
	const struct tstyle	*st;
	const struct loc	*loc;
};

struct lb_line {
	size_t		 start, end;	/* chars [start, end) */
	float		 width;		/* natural width, pt */
	float		 size;		/* largest font size on the line */
};

struct lb_warn {
	unsigned	 cp;
	const char	*file;
	int		 line;
};

struct para {
	struct fonts	*fonts;
	struct lb_char	*c;
	size_t		 n, cap;
	struct lb_line	*lines;
	size_t		 nlines, lcap;
	struct lb_warn	*warned;	/* characters already reported */
	size_t		 nwarned;
	unsigned char	*scratch;	/* lb_break's working arrays */
	size_t		 scap;
};

void	lb_init(struct para *, struct fonts *);
/* Warn at where about characters no face has that were met only in
 * text given without a place (call when a document is laid out). */
void	lb_warn_unlocated(const struct loc *where);
/* Whether cp draws nothing and is left out of a line: a byte order
 * mark, zero-width spaces and joiners, the marks and embeddings of
 * bidirectional text. `ybt check` does not warn about them either. */
int	lb_invisible(unsigned cp);
void	lb_reset(struct para *);		/* empty, keep buffers */
void	lb_free(struct para *);
/* lb_add of a formatted text. */
void	lb_addf(struct para *, const struct tstyle *, const struct loc *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
void	lb_add(struct para *, const char *, size_t, const struct tstyle *,
	    const struct loc *);
void	lb_newline(struct para *);		/* a forced line break */
int	lb_empty(const struct para *);

/*
 * Break into lines of width pt; the first line starts at indent.
 * justify: stretch all lines but the last (and those ending in a
 * forced break). Returns the number of lines.
 */
size_t	lb_break(struct para *, float width, float indent, int justify);

/* Narrowest possible width (longest unbreakable piece) and the width
 * without any break but the forced ones. */
void	lb_minmax(struct para *, float *min, float *max);

/* Add the glyph runs (and links, missing-glyph boxes) of line i with
 * its origin (left end of the baseline) at x, y. */
void	lb_emit(const struct para *, size_t i, struct dlist *, int page,
	    float x, float y);

/* The text of line i, for tests. */
void	lb_line_text(const struct para *, size_t i, struct buf *);

#endif
