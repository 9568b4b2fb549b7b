/*
 * dlist.h — the display list: what layout produces and painters paint.
 * Pages of positioned items in points, origin at the top left corner of
 * the trim box, y growing downward. Nothing here knows about libharu,
 * colour spaces, bleed or where a page lands on a sheet: the screen
 * painter, the print painter and imposition read the same list.
 * Included by: book.c, book_style.c, dlist.c, layout.c, linebreak.c, out_leaflet.c, out_pdf.c, paint_pdf.c, pdfkit.c and pdfw.c.
 * Includes nothing but the C library.
 */
#ifndef YBT_DLIST_H
#define YBT_DLIST_H

#include <stddef.h>

enum dl_type {
	DL_TEXT,	/* glyph run: x, y = baseline start */
	DL_RULE,	/* line from (x, y) to (x2, y2), width lw */
	DL_RECT,	/* x, y, w, h; filled with color and/or stroked */
	DL_PATH,	/* polyline pts, stroked; arrow head at the end */
	DL_LINK,	/* clickable x, y, w, h → dest or uri */
	DL_MISSING,	/* a character no font can draw: a visible box */
	DL_IMAGE	/* picture file text (PNG, JPEG) in x, y, w, h */
};

/* In a glyph run's text, DL_HALF + cp (a plane-15 private use code
 * point) is cp's glyph with half its advance: a closing mark whose
 * blank half is taken away (consecutive punctuation). */
#define DL_HALF		0xF0000u

/* Colours are 0xRRGGBB; the print painter converts (black → 100% K). */
#define DL_BLACK	0x000000u
#define DL_NONE		0xFFFFFFFFu

struct dl_item {
	enum dl_type	 type;
	float		 x, y, w, h;
	float		 x2, y2;
	unsigned	 color;		/* text, fill */
	unsigned	 stroke;	/* DL_RECT/DL_RULE/DL_PATH, or DL_NONE */
	float		 lw;		/* line width */
	int		 face;		/* DL_TEXT: fonts face id */
	float		 size;		/* DL_TEXT: font size */
	float		 tc;		/* DL_TEXT: extra space after each glyph */
	const char	*text;		/* DL_TEXT: UTF-8, in the arena;
					 * DL_IMAGE: the file's path */
	float		*pts;		/* DL_PATH: x0 y0 x1 y1 ... */
	int		 npts;
	int		 arrow;		/* DL_PATH: arrow head at the end */
	int		 dest;		/* DL_LINK: destination index, or -1 */
	const char	*uri;		/* DL_LINK: external URI, or NULL */
};

struct dl_page {
	struct dl_item	*items;		/* NULL while spooled */
	size_t		 nitems;
	size_t		 cap;
	long long	 off;		/* spooled: where in the file, */
	size_t		 nbytes;	/* ... and how long */
};

/* A named place: a page and the y of its top. */
struct dl_dest {
	int		 page;
	float		 y;
};

struct dl_outline {
	int		 level;		/* 0 part, 1 chapter, 2 section */
	const char	*title;
	int		 dest;
	int		 order;		/* creation order, for sorting */
};

enum dl_label { DL_LABEL_ARABIC, DL_LABEL_ROMAN, DL_LABEL_NONE };

/* From page first on, pages are labelled style from start. */
struct dl_labelrange {
	int		 first;
	enum dl_label	 style;
	int		 start;
	const char	*prefix;
};

struct dlist {
	float			 width, height;	/* trim size, pt */
	struct dl_page		*pages;
	size_t			 npages;
	struct dl_dest		*dests;
	size_t			 ndests;
	struct dl_outline	*outline;
	size_t			 noutline;
	struct dl_labelrange	*labels;
	size_t			 nlabels;
	/* document info */
	const char		*title, *author, *subject, *date;
	struct arena		*arena;		/* strings of the pages */
	struct arena		*keep;		/* ... of outline, labels */
	struct dl_spool		*spool;		/* finished pages, or NULL */
};

struct dlist	*dl_new(float width, float height);
void		 dl_free(struct dlist *);
int		 dl_add_page(struct dlist *);		/* its index */
struct dl_item	*dl_add(struct dlist *, int page, enum dl_type);
int		 dl_add_dest(struct dlist *, int page, float y);
void		 dl_set_dest(struct dlist *, int dest, int page, float y);
void		 dl_add_outline(struct dlist *, int level, const char *,
		    int dest);
void		 dl_add_label(struct dlist *, int first, enum dl_label,
		    int start, const char *prefix);
/* Move the pages of src (and its strings) to the end of dst; src is
 * freed. Destinations and outlines of src are dropped. Neither list
 * may be spooled. */
void		 dl_append_pages(struct dlist *dst, struct dlist *src);
/*
 * Move pages first..npages-1 before all others (front matter laid out
 * after the body whose page numbers it shows); destinations follow
 * their pages and the outline is put back into page order.
 */
void		 dl_move_to_front(struct dlist *, int first);
/* Copy a string into the arena of the pages' strings (lives as long as
 * the list, or until its pages are spooled). */
const char	*dl_strdup(struct dlist *, const char *, size_t);
float		*dl_floats(struct dlist *, size_t);

/*
 * Spooling, so that a long book's memory grows with its longest
 * chapter, not with the book: dl_spool_open makes a file at path
 * (unlinked at once; NULL: none, pages stay in memory), dl_spool writes
 * every page in memory to it and frees their items and the strings of
 * the arena (all pages must be finished: no item added, none moved).
 * Outline, labels, destinations and the pages' places stay. Returns 0,
 * or -1 with errno set.
 */
int		 dl_spool_open(struct dlist *, const char *path);
int		 dl_spool(struct dlist *);
/*
 * Page pg for reading: the page itself, or a spooled one read back into
 * a buffer of the list's that the next call reuses (so painters look at
 * one page at a time).
 */
const struct dl_page *dl_page(const struct dlist *, int pg);

#endif
