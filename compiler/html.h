/*
 * html.h — internals of the HTML back end shared by the portal writer
 * (through html_site.h), html_md.c, flow_svg.c and search.c. Nothing
 * outside the HTML back end includes it.
 * Included by: flow_svg.c, html_md.c and search.c.
 * Includes model.h and flow.h.
 */
#ifndef YBT_HTML_H
#define YBT_HTML_H

#include "model.h"
#include "flow.h"

struct buf;

/* Where a Markdown body's images and links point: relative prefix to
 * the site root, the edition folder whose assets/ holds the files, and
 * a callback that copies an asset into the site (returns its URL
 * relative to the page, malloc'd, or NULL). */
struct htmlmd {
	const char	*root;		/* "" or "../" */
	int		 min_heading;	/* first level allowed (2 or 3) */
	int		 shift;		/* set by htmlmd_render */
	char		*(*asset)(void *arg, const struct item *, const char *);
	void		*arg;
	const struct item *it;
};

/* Render a Markdown tree as sanitised HTML. */
void	htmlmd_render(struct buf *, const struct md_node *,
	    const struct htmlmd *);

/* Draw a flowchart as inline SVG plus a text list of its steps. */
void	flow_svg(struct buf *, const struct procedure *, const char *root,
	    const char *title);

/* Search index (search.c). */
struct search;
/* site: the folder the index goes to (site/search/), where the pages'
 * texts are written as they come; NULL: a partial build, none written. */
struct search	*search_new(const char *site);
/* Add a page: its URL from the site root, title, kind label, and the
 * text of its <main> as the site's one rule extracts it (search_text);
 * takes text. aka: a guide's synonyms ("\n"-separated, or NULL) rank
 * like titles. */
void		 search_add_text(struct search *, const char *url,
		    const char *title, const char *kind, char *text,
		    const char *aka);
/* Write the rest under site/search/; returns all bytes written or -1. */
long		 search_write(struct search *, int nthreads);
int		 search_error(const struct search *);	/* errno, 0: none */
const char	*search_meta(const struct search *);	/* after write */
void		 search_free(struct search *);
/* The rule: text of an HTML fragment, blocks as "\n" (test helper too). */
void		 search_text(struct buf *, const char *html, size_t len);

#endif
