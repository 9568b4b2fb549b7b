/*
 * md.h — Markdown bodies. md.c is the only file that includes cmark-gfm:
 * it parses a body (CommonMark + GFM tables and autolinks) into the
 * small tree below, which the back ends walk. Raw HTML is kept as
 * MD_HTML/MD_HTML_INLINE nodes; md.c reports dangerous raw HTML (script,
 * event handlers, javascript: URLs) as errors at parse time.
 * Included by: book.c, html_md.c, md.c, md_layout.c, model_read.c, serve_cache.c and zhtext.c.
 * Includes diag.h.
 */
#ifndef YBT_MD_H
#define YBT_MD_H

#include "diag.h"

enum md_type {
	/* blocks */
	MD_DOC,
	MD_PARA,
	MD_HEADING,	/* level 1..6 */
	MD_LIST,	/* level: 1 ordered, 0 bullet; start in num */
	MD_ITEM,
	MD_QUOTE,
	MD_CODE,	/* text */
	MD_HTML,	/* raw HTML block, text */
	MD_HR,
	MD_TABLE,	/* children MD_ROW; first row is the header */
	MD_ROW,		/* level 1 header row */
	MD_CELL,	/* num: alignment 0 none 1 left 2 center 3 right */
	/* inlines */
	MD_TEXT,	/* text */
	MD_SOFTBREAK,
	MD_LINEBREAK,
	MD_CODE_INLINE,	/* text */
	MD_HTML_INLINE,	/* text */
	MD_EMPH,
	MD_STRONG,
	MD_STRIKE,
	MD_LINK,	/* url, title; children = link text */
	MD_IMAGE	/* url (relative to assets/), title; children = alt */
};

struct md_node {
	enum md_type	 type;
	int		 level;
	int		 num;
	char		*text;
	char		*url;
	char		*title;
	char		*path;		/* MD_IMAGE: the file (model.c), or NULL */
	struct loc	 loc;		/* line in the source file */
	struct md_node	*child;
	struct md_node	*next;
};

/*
 * Parse text (a body that starts at line first_line of file) into a
 * tree. Never NULL. Reports dangerous HTML as errors.
 */
struct md_node	*md_parse(const char *text, const char *file, int first_line);
void		 md_free(struct md_node *);

/*
 * Could this body hold raw HTML, an unsafe link (a '<', an entity, or a
 * scheme md_url_safe may refuse, in a link, a reference or a bare URL)
 * or an image (whose file is checked), or a table wider than
 * MD_TABLE_COLS (a line of that many '|')? When not, parsing it can
 * report nothing: the model keeps no tree of it (model_read.c), and
 * the outputs parse it where they use it (zh_body).
 */
int		 md_may_be_unsafe(const char *);

/* The most columns a body's table has in the handbook (layout.h's
 * LAY_MAX_COLS): a wider one is warned of, its further cells going
 * into the last column. */
#define MD_TABLE_COLS	12

/* The picture of a paragraph that holds one and nothing else (spaces
 * and line breaks aside), or NULL: the back ends make it a figure. */
const struct md_node *md_lone_image(const struct md_node *para);

/* Plain text of a subtree (for search, summaries); appended to buf. */
struct buf;
void		 md_plain(const struct md_node *, struct buf *);

/*
 * A body shown under a heading that says label (the portal's section,
 * the handbook's label): the body without its first heading if that
 * heading says the same (a matter's "## 注意事项", as `ybt new` writes
 * it), top holding the copy of doc that skips it; NULL if nothing is
 * left, or doc has nothing. So the label never shows twice.
 */
const struct md_node *md_under(const struct md_node *doc, const char *label,
		    struct md_node *top);

/* Check an URL: 1 if safe to emit (http, https, mailto, tel, relative). */
int		 md_url_safe(const char *);

#endif
