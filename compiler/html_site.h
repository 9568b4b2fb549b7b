/*
 * html_site.h — the portal writer's private internals: the state of the
 * site (struct site), the page frame's helpers and each page type's
 * writer, shared by the files the portal was split into.
 * Included by: html_dl.c, html_feed.c, html_guide.c, html_index.c, html_matter.c, html_office.c, html_page.c and out_html.c.
 * Includes util.h, out.h and html.h.
 */
#ifndef YBT_HTML_SITE_H
#define YBT_HTML_SITE_H

#include <pthread.h>

#include "util.h"
#include "out.h"
#include "html.h"

struct link {
	const char	*href;		/* from the site root, or NULL */
	const char	*text;
};

/* What one page leaves behind for the sitemap and the search index. */
struct pageout {
	char		*path;
	char		*title;
	const char	*kind;		/* NULL: not indexed */
	char		*text;		/* search text of <main> */
	char		*aka;		/* synonyms, "\n"-separated, or NULL */
	const char	*updated;	/* the item's date, or NULL */
};

/* A page to write: which function, which item. */
enum pagekind { PG_HOME, PG_STAGE, PG_GUIDE, PG_MATTER, PG_OFFICE, PG_DEPT,
	PG_MATTERS, PG_OFFICES, PG_DEPTS, PG_SEARCH };

struct job {
	enum pagekind	kind;
	size_t		index;
	size_t		part;		/* PG_DEPT, PG_OFFICE: which of its
					 * pages (list_parts) */
};

/*
 * Index pages stay small at any size (a province has 10^5 matters): the
 * matters of a department or an office go LIST_ROWS to a page
 * (dept/dN.html, dept/dN-2.html, …; office/ID.html, office/ID.2.html,
 * …), and past MATTERS_ONE_PAGE matters the matter index lists the
 * departments, not every matter.
 */
#define LIST_ROWS		1000
#define MATTERS_ONE_PAGE	1000

/*
 * The state of the site. Pages are written by several threads, each
 * with its own copy of this struct (the page buffer, root, path and
 * error flag are per page); the pointers below are shared: outs has one
 * slot per job, copied is guarded by lock.
 */
struct site {
	const struct out_ctx	*ctx;
	const struct edition	*ed;
	const struct theme	*th;
	char			*dir;		/* ctx->dir/site */
	struct search		*idx;
	struct buf		 b;		/* the page being written */
	const char		*root;		/* "" or "../" */
	const char		*path;		/* the page, from the root */
	size_t			 main_at;	/* offset of <main>'s content */
	int			 err;
	struct strlist		 copied;	/* files/ already copied */
	struct strlist		 pages;		/* for sitemap.xml */
	const char		**dates;	/* lastmod of each page, or NULL */
	size_t			 ndates;
	char			*lastdir;	/* last folder made */
	struct pageout		*outs;		/* one per job */
	size_t			 job;		/* the page being written */
	pthread_mutex_t		*lock;		/* copied, diagnostics */
	struct site		*shared;	/* the original: copied, err */
	const struct strlist	*aka;		/* this page's synonyms */
	const char		*updated;	/* this page's item date */
	char			*frag[2];	/* header.html, footer.html */
	int			 frag_read[2];
	/* Downloads (issue 6): the PDFs built beside the site, linked into
	 * site/files/; NULL when this build did not make them. */
	struct dlfile		*book;		/* the handbook */
	struct dlfile		*allleaf;	/* leaflets.pdf */
	struct dlfile		*sheet;		/* <edition>.xlsx (-f xlsx) */
	struct dlfile		**leaf;		/* per published guide */
	/* Reverse maps: which guides hold a matter, which matters an office. */
	const struct guide	***mguides;	/* per published matter */
	size_t			*nmguides;
	/* meta.js's object, once the search index is written (NULL: not
	 * known): search.html holds it, so that a query asks for its
	 * shards at once, not after a round of files for meta.js. */
	const char		*meta;
	int			 unwritten;	/* page_end writes no file */
};

struct dlfile {
	char	*url;		/* from the site's root */
	long	 size;		/* bytes */
	int	 pages;		/* 0 when not known */
	int	 workbook;	/* an .xlsx, not a PDF */
};

enum nav { NAV_HOME, NAV_PERSON, NAV_ENTERPRISE, NAV_MATTERS, NAV_OFFICES,
	NAV_DEPTS, NAV_SEARCH, NAV_NONE };

/*
 * esc_html/esc_attr (util.c) with whole runs of plain bytes copied at
 * once: the pages are mostly text, and this is their hottest loop. Inline:
 * the pages are mostly text, and this is their hottest loop.
 */
static inline void
esc_runs(struct buf *b, const char *t, int attr)
{
	const char *p;

	for (p = t; *p; p++) {
		const char *rep;

		switch (*p) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\'': rep = attr ? "&#39;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		buf_putn(b, t, (size_t)(p - t));
		buf_puts(b, rep);
		t = p + 1;
	}
	buf_putn(b, t, (size_t)(p - t));
}

static inline void
T(struct site *s, const char *t)
{
	esc_runs(&s->b, t ? t : "", 0);
}

static inline void
A(struct site *s, const char *t)
{
	esc_runs(&s->b, t ? t : "", 1);
}

static inline void
P(struct site *s, const char *t)
{
	buf_puts(&s->b, t);
}

#define F(s, ...) buf_printf(&(s)->b, __VA_ARGS__)

/* html_page.c */
void	href(struct site *s, const char *path);
void	xesc(struct buf *b, const char *t);
void	date_cn(struct buf *b, const char *iso);
void	days_cn(struct site *s, int days);
void	tel_link(struct site *s, const char *phone);
void	say(struct site *s, void (*fn)(struct buf *, int), int n,
	    const char *unit);
size_t	dept_index(const struct edition *ed, const char *name);
size_t	stage_of(const struct edition *ed, const struct guide *g);
char	*stage_path(const struct edition *ed, size_t i);
char	*portal_url(const struct edition *ed, const char *path);
size_t	matter_pos(const struct edition *ed, const struct matter *m);
char	*asset_copy(void *arg, const struct item *it, const char *rel);
void	body(struct site *s, const struct item *it,
	    const struct md_node *doc);
void	body_section(struct site *s, const struct item *it,
	    const char *label);
char	*theme_text(struct site *s, const char *name);
int	site_write(struct site *s, const char *path, const char *data,
	    size_t len);
void	page_begin(struct site *s, const char *path, const char *title,
	    enum nav nav, const struct link *crumbs, size_t ncrumbs);
void	page_end(struct site *s, const char *title, const char *kind,
	    const struct link *prev, const struct link *next);
void	hours_block(struct site *s, const struct office *o);
void	office_card(struct site *s, const struct office *o, int hlevel);
void	qr_block(struct site *s, const char *online, const char *pagepath,
	    const char *what);

/* html_dl.c */
void	download_free(struct dlfile *f);
void	download_prepare(struct site *s);
void	download_link(struct site *s, const struct dlfile *f,
	    const char *label);
void	download_template_meta(struct site *s, const char *rel);

/* html_guide.c */
void	online_link(struct site *s, const struct online *on);
void	fact(struct site *s, const char *label, const char *cls);
void	material_form(struct site *s, const struct material *m);
void	provider(struct site *s, const char *const *depts, size_t n,
	    const char *updated);
void	page_guide(struct site *s, size_t gi);

/* html_matter.c */
void	page_matter(struct site *s, size_t mi);

/* html_office.c */
void	matter_list(struct site *s, const struct matter *const *ms,
	    size_t n);
void	page_office(struct site *s, size_t oi);
void	page_office_list(struct site *s, size_t oi, size_t part);
void	page_dept(struct site *s, size_t di, size_t part);
size_t	list_parts(size_t nmatters);
char	*dept_path(size_t di, size_t part);
char	*office_path(const struct office *, size_t part);

/* html_index.c */
void	page_stage(struct site *s, size_t si);
void	page_home(struct site *s);
void	page_matters(struct site *s);
void	page_offices(struct site *s);
void	page_depts(struct site *s);
void	page_search(struct site *s);

/* html_feed.c */
int	write_buf(struct site *s, const char *name, struct buf *b);
void	*write_lists(void *arg);

#endif
