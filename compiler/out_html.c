/*
 * out_html.c — the portal bundle (site/): home by life and enterprise
 * stage, one page per stage, guide, matter, office and department, an
 * index of matters, offices and departments, the search page and its
 * index shards, sitemap.xml and feed.xml. Every URL is relative, no
 * page loads anything from outside the bundle, and nothing depends on
 * the clock or on hash order. It reads only the published arrays of
 * the model (never all_*) and the theme's html section.
 *
 * Pages are independent jobs written by -j worker threads; the main
 * thread indexes their text for search in job order as they finish,
 * so the bytes never depend on the threads. Helpers live beside it:
 * html_md.c (bodies), sanitize.c, flow_svg.c, qr.c, search.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "out.h"
#include "qr.h"
#include "sanitize.h"
#include "html.h"
#include "asset.h"

#define QR_PX	148	/* size of a QR code on a page, CSS px */

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
};

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
	struct dlfile		**leaf;		/* per published guide */
	/* Reverse maps: which guides hold a matter, which matters an office. */
	const struct guide	***mguides;	/* per published matter */
	size_t			*nmguides;
};

/* ---- small helpers ------------------------------------------------ */

/*
 * esc_html/esc_attr (util.c) with whole runs of plain bytes copied at
 * once: the pages are mostly text, and this is their hottest loop.
 */
static void
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

static void
T(struct site *s, const char *t)
{
	esc_runs(&s->b, t ? t : "", 0);
}

static void
A(struct site *s, const char *t)
{
	esc_runs(&s->b, t ? t : "", 1);
}

static void
P(struct site *s, const char *t)
{
	buf_puts(&s->b, t);
}

#define F(s, ...) buf_printf(&(s)->b, __VA_ARGS__)

/* href="ROOT+path" for a site-relative path. */
static void
href(struct site *s, const char *path)
{
	P(s, "href=\"");
	A(s, s->root);
	A(s, path);
	P(s, "\"");
}

static void
xesc(struct buf *b, const char *t)
{
	esc_xml(b, t ? t : "");
}

static void
date_cn(struct buf *b, const char *iso)
{
	int y, m, d;

	if (iso != NULL && is_iso_date(iso, &y, &m, &d))
		buf_printf(b, "%d年%d月%d日", y, m, d);
	else if (iso != NULL)
		esc_html(b, iso);
}

static void
days_cn(struct site *s, int days)
{
	if (days <= 0)
		P(s, "即办");
	else
		F(s, "%d 个工作日", days);
}

static size_t
dept_index(const struct edition *ed, const char *name)
{
	size_t i;

	for (i = 0; i < ed->ndepartments; i++)
		if (str_eq(ed->departments[i].name, name))
			return i;
	return (size_t)-1;
}

static size_t
stage_of(const struct edition *ed, const struct guide *g)
{
	size_t i, j;

	for (i = 0; i < ed->nstages; i++)
		for (j = 0; j < ed->stages[i].nguides; j++)
			if (ed->stages[i].guides[j] == g)
				return i;
	return (size_t)-1;
}

static char *
stage_path(const struct edition *ed, size_t i)
{
	return xasprintf("stage/%s%zu.html",
	    str_eq(ed->stages[i].audience, "法人") ? "e" : "p", i + 1);
}

static char *
portal_url(const struct edition *ed, const char *path)
{
	size_t n;

	if (ed->portal == NULL || *ed->portal == '\0')
		return NULL;
	n = strlen(ed->portal);
	return xasprintf("%.*s/%s", (int)(n && ed->portal[n - 1] == '/' ?
	    n - 1 : n), ed->portal, path);
}

static size_t
matter_pos(const struct edition *ed, const struct matter *m)
{
	size_t lo = 0, hi = ed->nmatters, i;

	/* ed->matters is sorted by id (model.h): bisect, then make sure. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ed->matters[mid]->it.id, m->it.id);

		if (c == 0) {
			if (ed->matters[mid] == m)
				return mid;
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; i < ed->nmatters; i++)
		if (ed->matters[i] == m)
			return i;
	return (size_t)-1;
}

/* Copy a file from an item's edition assets/ into site/files/; return
 * its URL relative to the current page, or NULL (reported). */
static char *asset_copy_locked(struct site *, const struct item *,
    const char *);

/* The URL of files/rel from the current page. */
static char *
files_url(const struct site *s, const char *rel)
{
	struct buf	b;

	buf_init(&b);
	buf_puts(&b, s->root);
	buf_puts(&b, "files/");
	esc_urlpath(&b, rel);
	return buf_detach(&b);
}

static char *
asset_copy(void *arg, const struct item *it, const char *rel)
{
	struct site *s = arg;
	char *r;

	pthread_mutex_lock(s->lock);
	r = asset_copy_locked(s, it, rel);
	pthread_mutex_unlock(s->lock);
	return r;
}

static char *
asset_copy_locked(struct site *s, const struct item *it, const char *rel)
{
	const struct edition *ed = it && it->edition ? it->edition : s->ed;
	char *src, *dst;
	size_t i;

	if (rel == NULL || *rel == '\0' || rel[0] == '/' ||
	    strstr(rel, "..") != NULL || strstr(rel, "://") != NULL ||
	    strchr(rel, ':') != NULL)
		return NULL;
	/* "assets/forms/x.pdf" and "forms/x.pdf" are the same file, as
	 * asset_path reads them */
	if (str_has_prefix(rel, "assets/"))
		rel += 7;
	for (i = 0; i < s->shared->copied.n; i++)
		if (strcmp(s->shared->copied.v[i], rel) == 0)
			return files_url(s, rel);
	src = xasprintf("%s/assets/%s", ed->dir, rel);
	dst = xasprintf("%s/files/%s", s->dir, rel);
	{
		char *slash = strrchr(dst, '/');

		*slash = '\0';
		mkdir_p(dst);
		*slash = '/';
	}
	/* Only what is inside assets/ after symlinks (the model has said
	 * so already; this is the last line of defence). */
	if (!asset_inside(src, ed->dir) || copy_file(src, dst) != 0) {
		/* An inherited item's asset may live in a base edition. */
		const struct edition *e;
		int ok = 0;

		for (e = s->ed; e != NULL && !ok; e = e->base) {
			free(src);
			src = xasprintf("%s/assets/%s", e->dir, rel);
			ok = asset_inside(src, e->dir) &&
			    copy_file(src, dst) == 0;
		}
		if (!ok) {
			diag_file(it ? it->file : s->ed->file, 1, 1, DIAG_ERROR,
			    "找不到文件 assets/%s：请把它放进版本的 assets 文件夹",
			    rel);
			s->shared->err = 1;
			free(src);
			free(dst);
			return NULL;
		}
	}
	free(src);
	free(dst);
	*VEC_PUSH(&s->shared->copied.v, &s->shared->copied.n) = xstrdup(rel);
	return files_url(s, rel);
}

static void
body(struct site *s, const struct item *it, const struct md_node *doc)
{
	struct htmlmd h;

	if (doc == NULL || doc->child == NULL)
		return;
	h.root = s->root;
	h.min_heading = 3;
	h.asset = asset_copy;
	h.arg = s;
	h.it = it;
	P(s, "<div class=\"prose\">\n");
	htmlmd_render(&s->b, doc, &h);
	P(s, "</div>\n");
}

/* The theme's file, or the default theme's. */
static char *
theme_path(struct site *s, const char *name)
{
	char *p = s->th ? theme_file(s->th, name) : NULL;
	char *slash, *alt;
	FILE *f;

	if (p != NULL && (f = fopen(p, "r")) != NULL) {
		fclose(f);
		return p;
	}
	free(p);
	if (s->th == NULL || s->th->dir == NULL)
		return NULL;
	alt = xstrdup(s->th->dir);
	if ((slash = strrchr(alt, '/')) != NULL)
		*slash = '\0';
	else {
		free(alt);
		alt = xstrdup(".");
	}
	p = xasprintf("%s/default/%s", alt, name);
	free(alt);
	if ((f = fopen(p, "r")) != NULL) {
		fclose(f);
		return p;
	}
	free(p);
	return NULL;
}

static char *
theme_text(struct site *s, const char *name)
{
	char *p = theme_path(s, name), *t = NULL;
	size_t n;

	if (p != NULL && file_read(p, &t, &n, 1 << 20) != 0)
		t = NULL;
	free(p);
	return t;
}

/* A theme fragment (read once) with {{name}} placeholders replaced. */
static void
fragment(struct site *s, const char *name)
{
	char *t, *p, *q;
	const struct edition *ed = s->ed;
	int which = strcmp(name, "header.html") == 0 ? 0 : 1;

	if (!s->frag_read[which]) {
		s->frag[which] = theme_text(s, name);
		s->frag_read[which] = 1;
	}
	if ((t = s->frag[which]) == NULL)
		return;
	for (p = t; (q = strstr(p, "{{")) != NULL; ) {
		char *e = strstr(q, "}}");
		const char *v = NULL;
		size_t n;

		buf_putn(&s->b, p, (size_t)(q - p));
		if (e == NULL) {
			p = q;
			break;
		}
		n = (size_t)(e - q - 2);
#define IS(k) (n == strlen(k) && strncmp(q + 2, k, n) == 0)
		if (IS("title")) v = ed->title;
		else if (IS("region")) v = ed->region;
		else if (IS("issuer")) v = ed->issuer;
		else if (IS("hotline")) v = ed->hotline;
		else if (IS("version")) v = ed->version;
		else if (IS("root")) v = s->root;
		if (IS("date"))
			date_cn(&s->b, ed->date);
		else
			A(s, v);
#undef IS
		p = e + 2;
	}
	P(s, p);
}

/*
 * Write a file of the site. The whole site is written inside the
 * build's temporary folder, which main.c renames into place, so a
 * plain write is enough (no temporary file per page).
 */
static int
site_write(struct site *s, const char *path, const char *data, size_t len)
{
	int rc = file_write(path, data, len);

	if (rc != 0) {
		pthread_mutex_lock(s->lock);
		diag_file(path, 0, 0, DIAG_ERROR, "无法写入文件");
		pthread_mutex_unlock(s->lock);
		s->err = 1;
	}
	return rc;
}

/* ---- the page frame ------------------------------------------------ */

enum nav { NAV_HOME, NAV_PERSON, NAV_ENTERPRISE, NAV_MATTERS, NAV_OFFICES,
	NAV_DEPTS, NAV_SEARCH, NAV_NONE };

static void
page_begin(struct site *s, const char *path, const char *title,
    enum nav nav, const struct link *crumbs, size_t ncrumbs)
{
	static const char *const navs[][2] = {
		{ "index.html", "首页" },
		{ "index.html#person", "个人办事" },
		{ "index.html#enterprise", "法人办事" },
		{ "matters.html", "事项索引" },
		{ "offices.html", "办理地点" },
		{ "departments.html", "部门" },
		{ "search.html", "搜索" },
	};
	size_t i;

	s->b.len = 0;		/* keep the capacity from the last page */
	s->path = path;
	s->root = strchr(path, '/') ? "../" : "";
	P(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	T(s, title);
	if (strcmp(path, "index.html") != 0) {
		P(s, " - ");
		T(s, s->ed->title);
	}
	P(s, "</title>\n<link rel=\"stylesheet\" ");
	href(s, "assets/style.css");
	P(s, ">\n<link rel=\"icon\" ");
	href(s, "assets/logo.svg");
	P(s, " type=\"image/svg+xml\">\n<script src=\"");
	A(s, s->root);
	P(s, "assets/ybt.js\"></script>\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
	    "<header class=\"site\">\n<div class=\"wrap bar\">\n"
	    "<a class=\"brand\" ");
	href(s, "index.html");
	P(s, "><img src=\"");
	A(s, s->root);
	P(s, "assets/logo.svg\" alt=\"\" width=\"44\" height=\"44\">"
	    "<span class=\"brand-text\"><span class=\"brand-title\">");
	T(s, s->ed->title);
	P(s, "</span><span class=\"brand-sub\">");
	T(s, s->ed->issuer);
	P(s, " · ");
	T(s, s->ed->version);
	P(s, "</span></span></a>\n");
	fragment(s, "header.html");
	P(s, "<div class=\"modes\" id=\"modes\" hidden>"
	    "<button type=\"button\" id=\"mode-large\" aria-pressed=\"false\">"
	    "大字模式</button>"
	    "<button type=\"button\" id=\"mode-contrast\" aria-pressed=\"false\">"
	    "高对比度</button></div>\n</div>\n"
	    "<nav class=\"main-nav\" aria-label=\"主导航\"><div class=\"wrap\"><ul>");
	for (i = 0; i < sizeof(navs) / sizeof(navs[0]); i++) {
		P(s, "<li><a ");
		href(s, navs[i][0]);
		if ((enum nav)i == nav)
			P(s, " aria-current=\"page\"");
		P(s, ">");
		P(s, navs[i][1]);
		P(s, "</a></li>");
	}
	P(s, "</ul>\n");
	/* Home and the search page have a big search box of their own. */
	if (nav != NAV_HOME && nav != NAV_SEARCH) {
		P(s, "<form class=\"qsearch\" role=\"search\" action=\"");
		A(s, s->root);
		P(s, "search.html\" method=\"get\"><label for=\"q-top\" class=\"vh\">"
		    "搜索办事指南</label><input id=\"q-top\" name=\"q\" type=\"search\" "
		    "placeholder=\"搜索：如 生孩子、营业执照\"><button type=\"submit\">"
		    "搜索</button></form>");
	}
	P(s, "</div></nav>\n</header>\n");
	if (ncrumbs) {
		P(s, "<nav class=\"crumbs wrap\" aria-label=\"当前位置\"><ol>");
		for (i = 0; i < ncrumbs; i++) {
			P(s, "<li>");
			if (crumbs[i].href) {
				P(s, "<a ");
				href(s, crumbs[i].href);
				P(s, ">");
				T(s, crumbs[i].text);
				P(s, "</a>");
			} else {
				P(s, "<span aria-current=\"page\">");
				T(s, crumbs[i].text);
				P(s, "</span>");
			}
			P(s, "</li>");
		}
		P(s, "</ol></nav>\n");
	}
	P(s, "<main id=\"main\" class=\"wrap\">\n");
	s->main_at = s->b.len;
}

/* Close the page; index it for search if kind is given. */
static void
page_end(struct site *s, const char *title, const char *kind,
    const struct link *prev, const struct link *next)
{
	char *file, *slash;

	{
		struct pageout *o = &s->outs[s->job];

		o->path = xstrdup(s->path);
		o->title = xstrdup(title ? title : "");
		o->kind = kind;
		if (s->aka != NULL && s->aka->n > 0) {
			struct buf a;
			size_t i;

			buf_init(&a);
			for (i = 0; i < s->aka->n; i++) {
				if (i)
					buf_putc(&a, '\n');
				buf_puts(&a, s->aka->v[i]);
			}
			o->aka = buf_detach(&a);
		}
		s->aka = NULL;
		o->updated = s->updated;
		s->updated = NULL;
		if (kind != NULL) {
			struct buf t;

			buf_init(&t);
			search_text(&t, s->b.data + s->main_at,
			    s->b.len - s->main_at);
			o->text = t.data ? buf_detach(&t) : xstrdup("");
		}
	}
	P(s, "</main>\n");
	if ((prev && prev->href) || (next && next->href)) {
		P(s, "<nav class=\"pager wrap\" aria-label=\"上一篇和下一篇\">");
		if (prev && prev->href) {
			P(s, "<a class=\"prev\" rel=\"prev\" ");
			href(s, prev->href);
			P(s, "><span>上一篇</span>");
			T(s, prev->text);
			P(s, "</a>");
		}
		if (next && next->href) {
			P(s, "<a class=\"next\" rel=\"next\" ");
			href(s, next->href);
			P(s, "><span>下一篇</span>");
			T(s, next->text);
			P(s, "</a>");
		}
		P(s, "</nav>\n");
	}
	P(s, "<footer class=\"site\"><div class=\"wrap\">\n<p>");
	T(s, s->ed->issuer);
	P(s, " 编制 · ");
	T(s, s->ed->version);
	P(s, " · 发布日期 ");
	date_cn(&s->b, s->ed->date);
	P(s, "</p>\n<p>政务服务便民热线 <a href=\"tel:");
	A(s, s->ed->hotline);
	P(s, "\">");
	T(s, s->ed->hotline);
	P(s, "</a></p>\n");
	fragment(s, "footer.html");
	P(s, "</div></footer>\n</body>\n</html>\n");

	file = xasprintf("%s/%s", s->dir, s->path);
	slash = strrchr(file, '/');
	*slash = '\0';
	if (s->lastdir == NULL || strcmp(s->lastdir, file) != 0) {
		mkdir_p(file);
		free(s->lastdir);
		s->lastdir = xstrdup(file);
	}
	*slash = '/';
	site_write(s, file, s->b.data, s->b.len);
	free(file);
}

/* ---- shared blocks -------------------------------------------------- */

static void
hours_block(struct site *s, const struct office *o)
{
	size_t i;
	int any = 0;

	for (i = 0; i < o->nhours; i++)
		if (o->hours[i].days)
			any = 1;
	if (any) {
		P(s, "<table class=\"hours\"><caption class=\"vh\">");
		T(s, o->name);
		P(s, "办公时间</caption><thead><tr><th scope=\"col\">日期</th>"
		    "<th scope=\"col\">办公时间</th></tr></thead><tbody>");
		for (i = 0; i < o->nhours; i++) {
			if (!o->hours[i].days)
				continue;
			P(s, "<tr><th scope=\"row\">");
			T(s, o->hours[i].days);
			P(s, "</th><td>");
			T(s, o->hours[i].open);
			P(s, "—");
			T(s, o->hours[i].close);
			P(s, "</td></tr>");
		}
		P(s, "</tbody></table>\n");
	}
	for (i = 0; i < o->nhours; i++)
		if (!o->hours[i].days && o->hours[i].text) {
			P(s, "<p class=\"note\">");
			T(s, o->hours[i].text);
			P(s, "</p>\n");
		}
}

/* An office as a card: name (link), address, hours, phone. */
static void
office_card(struct site *s, const struct office *o, int hlevel)
{
	char *p = xasprintf("office/%s.html", o->it.id);

	F(s, "<section class=\"card office\"><h%d><a ", hlevel);
	href(s, p);
	P(s, ">");
	T(s, o->name);
	F(s, "</a></h%d>\n<dl class=\"kv\"><dt>地址</dt><dd>", hlevel);
	T(s, o->address);
	P(s, "</dd><dt>电话</dt><dd><a href=\"tel:");
	A(s, o->phone);
	P(s, "\">");
	T(s, o->phone);
	P(s, "</a></dd></dl>\n");
	hours_block(s, o);
	P(s, "</section>\n");
	free(p);
}

static void
qr_block(struct site *s, const char *online, const char *pagepath,
    const char *what)
{
	char *url = online ? xstrdup(online) : portal_url(s->ed, pagepath);
	struct qr *q;

	if (url == NULL)
		return;
	if ((q = qr_encode_screen(url)) == NULL) {
		free(url);
		return;
	}
	P(s, "<aside class=\"qrbox\" aria-label=\"二维码\">");
	qr_svg(&s->b, q, QR_PX, NULL);
	P(s, "<div><p>");
	P(s, online ? "手机扫码，网上办理" : "手机扫码，查看本页");
	(void)what;
	P(s, "</p><p class=\"qr-url\">");
	T(s, url);
	P(s, "</p></div></aside>\n");
	qr_free(q);
	free(url);
}

/* ---- downloads ----------------------------------------------------- */

struct dlfile {
	char	*url;		/* from the site's root */
	long	 size;		/* bytes */
	int	 pages;		/* 0 when not known */
};

/*
 * Pages of a PDF: its page objects, "/Type /Page" not followed by a
 * letter (libharu and most writers keep them outside object streams).
 */
static int
pdf_pages(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	int n = 0;

	for (; p + 5 <= end; p++) {
		const char *q;

		if (*p != '/' || memcmp(p, "/Type", 5) != 0)
			continue;
		q = p + 5;
		while (q < end && (*q == ' ' || *q == '\n' || *q == '\r'))
			q++;
		if (end - q >= 5 && memcmp(q, "/Page", 5) == 0 &&
		    (end - q == 5 || !((q[5] >= 'a' && q[5] <= 'z') ||
		    (q[5] >= 'A' && q[5] <= 'Z'))))
			n++;
		p = q - 1;
	}
	return n;
}

/* Size and pages of a file; NULL when it cannot be read. */
static struct dlfile *
dl_stat(const char *path, const char *url)
{
	struct dlfile *f;
	char *data;
	size_t len;

	if (file_read(path, &data, &len, 0) != 0)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->url = xstrdup(url);
	f->size = (long)len;
	f->pages = len > 4 && memcmp(data, "%PDF", 4) == 0 ?
	    pdf_pages(data, len) : 0;
	free(data);
	return f;
}

/*
 * Put ctx->dir/rel into site/files/rel (a hard link, else a copy), so
 * that the site can be moved on its own; describe it, or NULL.
 */
static struct dlfile *
dl_publish(struct site *s, const char *rel)
{
	char *from = xasprintf("%s/%s", s->ctx->dir, rel);
	char *to = xasprintf("%s/files/%s", s->dir, rel);
	char *url = xasprintf("files/%s", rel);
	struct dlfile *f = NULL;
	char *slash;

	if (access(from, R_OK) == 0) {
		slash = strrchr(to, '/');
		*slash = '\0';
		mkdir_p(to);
		*slash = '/';
		if (link(from, to) == 0 || copy_file(from, to) == 0)
			f = dl_stat(to, url);
	}
	free(from);
	free(to);
	free(url);
	return f;
}

static void
dl_free(struct dlfile *f)
{
	if (f != NULL) {
		free(f->url);
		free(f);
	}
}

static void
dl_prepare(struct site *s)
{
	const struct edition *ed = s->ed;
	char *rel;

	rel = xasprintf("%s.pdf", ed->id);
	s->book = dl_publish(s, rel);
	free(rel);
	s->allleaf = dl_publish(s, "leaflets.pdf");
	s->leaf = xcalloc(ed->nguides + 1, sizeof(*s->leaf));
	for (size_t i = 0; i < ed->nguides; i++) {
		rel = xasprintf("leaflets/%s.pdf", ed->guides[i]->it.id);
		s->leaf[i] = dl_publish(s, rel);
		free(rel);
	}
}

/* "PDF，1.2 MB，254 页" */
static void
dl_meta(struct site *s, const struct dlfile *f)
{
	P(s, "<span class=\"meta\">");
	if (f->size >= 1024 * 1024)
		F(s, "PDF，%.1f MB", f->size / (1024.0 * 1024.0));
	else
		F(s, "PDF，%ld KB", (f->size + 1023) / 1024);
	if (f->pages > 0)
		F(s, "，%d 页", f->pages);
	P(s, "</span>");
}

static void
dl_link(struct site *s, const struct dlfile *f, const char *label)
{
	P(s, "<a class=\"download\" type=\"application/pdf\" href=\"");
	A(s, s->root);
	A(s, f->url);
	P(s, "\">");
	T(s, label);
	P(s, "</a> ");
	dl_meta(s, f);
}

/* The file a template link points at, described after the link. */
static void
dl_template_meta(struct site *s, const char *rel)
{
	char *path = xasprintf("%s/files/%s", s->dir, rel);
	struct dlfile *f = dl_stat(path, rel);

	if (f != NULL) {
		P(s, " ");
		dl_meta(s, f);
		dl_free(f);
	}
	free(path);
}

static void
online_link(struct site *s, const struct online *on)
{
	if (on->url == NULL)
		return;
	P(s, "<p class=\"online\"><a class=\"btn\" href=\"");
	A(s, on->url);
	P(s, "\">网上办理");
	if (on->depth) {
		P(s, "（");
		T(s, on->depth);
		P(s, "）");
	}
	P(s, "</a></p>\n");
}

static void
fact(struct site *s, const char *label, const char *cls)
{
	F(s, "<div class=\"fact%s%s\"><dt>", cls ? " " : "", cls ? cls : "");
	P(s, label);
	P(s, "</dt><dd>");
}

static void
material_form(struct site *s, const struct material *m)
{
	T(s, m->form);
	if (m->medium) {
		P(s, "（");
		T(s, m->medium);
		P(s, "）");
	}
}

static void
provider(struct site *s, const char *const *depts, size_t n,
    const char *updated)
{
	size_t i;

	P(s, "<p class=\"provenance\"><span>资料提供：");
	for (i = 0; i < n; i++) {
		size_t d = dept_index(s->ed, depts[i]);

		if (i)
			P(s, "、");
		if (d != (size_t)-1) {
			char *p = xasprintf("dept/d%zu.html", d + 1);

			P(s, "<a ");
			href(s, p);
			P(s, ">");
			T(s, depts[i]);
			P(s, "</a>");
			free(p);
		} else
			T(s, depts[i]);
	}
	P(s, "</span><span>更新日期：");
	if (updated) {
		P(s, "<time datetime=\"");
		A(s, updated);
		P(s, "\">");
		date_cn(&s->b, updated);
		P(s, "</time>");
	}
	P(s, "</span></p>\n");
}

/* ---- guide ------------------------------------------------------------ */

static void
reduction_row(struct site *s, const char *what, int before, int after,
    const char *unit)
{
	P(s, "<tr><th scope=\"row\">");
	P(s, what);
	F(s, "</th><td data-label=\"逐项分别办理\">%d %s</td><td data-label=\"一件事集成办理\">%d %s</td><td data-label=\"减少\">", before, unit, after,
	    unit);
	if (before > after)
		F(s, "<strong>减少 %d %s</strong>", before - after, unit);
	else
		P(s, "—");
	P(s, "</td></tr>\n");
}

static void
page_guide(struct site *s, size_t gi)
{
	const struct edition *ed = s->ed;
	const struct guide *g = ed->guides[gi];
	const struct reductions *r = &g->red;
	char *path = xasprintf("guide/%s.html", g->it.id), *sp = NULL;
	char *pp = NULL, *np = NULL;
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	const char **depts = NULL;
	size_t ndepts = 0, i, j, st = stage_of(ed, g);
	char *stagelabel;

	stagelabel = xasprintf("%s · %s", g->audience ? g->audience : "",
	    g->stage ? g->stage : "");
	crumbs[0] = (struct link){ "index.html", "首页" };
	if (st != (size_t)-1) {
		sp = stage_path(ed, st);
		crumbs[1] = (struct link){ sp, stagelabel };
	} else
		crumbs[1] = (struct link){ "index.html", stagelabel };
	crumbs[2] = (struct link){ NULL, g->title };
	page_begin(s, path, g->title, str_eq(g->audience, "法人") ?
	    NAV_ENTERPRISE : NAV_PERSON, crumbs, 3);

	P(s, "<div class=\"head-grid\"><div>\n<p class=\"kicker\">一件事 · ");
	T(s, g->audience);
	P(s, " · ");
	T(s, g->stage);
	P(s, "</p>\n<h1>");
	T(s, g->title);
	P(s, "</h1>\n<p class=\"lead\">");
	T(s, g->summary);
	P(s, "</p>\n");
	if (g->synonyms.n) {
		P(s, "<p class=\"aka\">又称：");
		for (i = 0; i < g->synonyms.n; i++) {
			if (i)
				P(s, "、");
			T(s, g->synonyms.v[i]);
		}
		P(s, "</p>\n");
	}
	online_link(s, &g->online);
	P(s, "</div>\n");
	qr_block(s, g->online.url, path, "guide");
	P(s, "</div>\n");
	if (s->leaf && s->leaf[gi]) {
		P(s, "<p class=\"downloads\">");
		dl_link(s, s->leaf[gi], "下载单张（A4，可打印）");
		P(s, "</p>\n");
	}

	/* What readers look for first. */
	P(s, "<section aria-labelledby=\"h-key\"><h2 id=\"h-key\">办事要点</h2>\n"
	    "<dl class=\"facts\">");
	fact(s, "承诺时限", NULL);
	days_cn(s, g->promise_days);
	P(s, "</dd></div>");
	fact(s, "到现场次数", NULL);
	F(s, "%d 次", g->promise_visits);
	P(s, "</dd></div>");
	fact(s, "需提交材料", NULL);
	F(s, "%d 份", r->materials_after);
	P(s, "</dd></div>");
	fact(s, "包含事项", NULL);
	F(s, "%zu 项", g->nmatters);
	P(s, "</dd></div>");
	fact(s, "咨询电话", NULL);
	P(s, "<a href=\"tel:");
	A(s, ed->hotline);
	P(s, "\">");
	T(s, ed->hotline);
	P(s, "</a></dd></div></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-red\"><h2 id=\"h-red\">"
	    "减材料、减时限、减跑动、减环节</h2>\n"
	    "<div class=\"table\"><table class=\"reductions stack\"><thead><tr>"
	    "<th scope=\"col\">项目</th><th scope=\"col\">逐项分别办理</th>"
	    "<th scope=\"col\">一件事集成办理</th><th scope=\"col\">减少</th>"
	    "</tr></thead><tbody>\n");
	reduction_row(s, "材料", r->materials_before, r->materials_after, "份");
	reduction_row(s, "时限", r->days_before, r->days_after, "个工作日");
	reduction_row(s, "跑动", r->visits_before, r->visits_after, "次");
	reduction_row(s, "环节", r->steps_before, r->steps_after, "个");
	P(s, "</tbody></table></div>\n<p class=\"red-line\">");
	F(s, "材料 %d → %d，时限 %d → %d 个工作日，跑动 %d → %d 次，环节 %d → %d 个。",
	    r->materials_before, r->materials_after, r->days_before,
	    r->days_after, r->visits_before, r->visits_after,
	    r->steps_before, r->steps_after);
	P(s, "</p>\n</section>\n");

	/* The merged checklist. */
	P(s, "<section aria-labelledby=\"h-mat\"><h2 id=\"h-mat\">一套材料</h2>\n"
	    "<p>以下材料已合并去重，同一份材料只需提交一次。标有“免提交”的材料由部门通过数据共享获取，无需提供。</p>\n"
	    "<div class=\"table\"><table class=\"checklist stack\"><thead><tr>"
	    "<th scope=\"col\">序号</th><th scope=\"col\">材料名称</th>"
	    "<th scope=\"col\">形式</th><th scope=\"col\">份数</th>"
	    "<th scope=\"col\">用于事项</th></tr></thead><tbody>\n");
	for (i = 0; i < g->nchecklist; i++) {
		const struct checkline *c = &g->checklist[i];

		F(s, "<tr%s><td class=\"no\">%zu</td><th scope=\"row\">",
		    c->shared ? " class=\"shared\"" : "", i + 1);
		T(s, c->name);
		if (c->shared)
			P(s, " <span class=\"tag ok\">免提交</span>");
		if (!c->required)
			P(s, " <span class=\"tag\">视情况</span>");
		if (c->first && c->first->note) {
			P(s, "<span class=\"sub\">");
			T(s, c->first->note);
			P(s, "</span>");
		}
		P(s, "</th><td data-label=\"形式\">");
		T(s, c->form);
		P(s, "</td><td data-label=\"份数\">");
		if (c->shared)
			P(s, "—");
		else
			F(s, "%d", c->copies > 0 ? c->copies : 1);
		P(s, "</td><td data-label=\"用于事项\">");
		for (j = 0; j < c->nmatters; j++) {
			char *mp = xasprintf("matter/%s.html",
			    c->matters[j]->it.id);

			if (j)
				P(s, "、");
			P(s, "<a ");
			href(s, mp);
			P(s, ">");
			T(s, c->matters[j]->title);
			P(s, "</a>");
			free(mp);
		}
		P(s, "</td></tr>\n");
	}
	if (g->nchecklist == 0)
		P(s, "<tr><td colspan=\"5\">无需材料</td></tr>\n");
	P(s, "</tbody></table></div>\n</section>\n");

	if (g->procedure) {
		P(s, "<section aria-labelledby=\"h-flow\"><h2 id=\"h-flow\">办理流程</h2>\n");
		flow_svg(&s->b, g->procedure, s->root, g->procedure->title);
		P(s, "</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-mt\"><h2 id=\"h-mt\">包含事项（按办理顺序）</h2>\n"
	    "<ol class=\"matters\">\n");
	for (i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];
		char *mp = xasprintf("matter/%s.html", m->it.id);

		P(s, "<li><a ");
		href(s, mp);
		P(s, ">");
		T(s, m->title);
		P(s, "</a><span class=\"sub\">");
		T(s, m->department);
		P(s, " · 承诺 ");
		days_cn(s, m->promised_days);
		F(s, " · 到现场 %d 次</span></li>\n", m->visits);
		free(mp);
		for (j = 0; j < ndepts; j++)
			if (str_eq(depts[j], m->department))
				break;
		if (j == ndepts && m->department)
			*VEC_PUSH(&depts, &ndepts) = m->department;
	}
	P(s, "</ol>\n</section>\n");

	if (g->noffices) {
		P(s, "<section aria-labelledby=\"h-off\"><h2 id=\"h-off\">办理地点和时间</h2>\n"
		    "<div class=\"cards\">\n");
		for (i = 0; i < g->noffices; i++)
			office_card(s, g->offices[i], 3);
		P(s, "</div>\n</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-tel\"><h2 id=\"h-tel\">咨询和投诉</h2>\n"
	    "<dl class=\"kv\"><dt>政务服务便民热线</dt><dd><a href=\"tel:");
	A(s, ed->hotline);
	P(s, "\">");
	T(s, ed->hotline);
	P(s, "</a></dd>");
	for (i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];

		if (m->consult == NULL || str_eq(m->consult, ed->hotline))
			continue;
		for (j = 0; j < i; j++)
			if (str_eq(g->matters[j]->consult, m->consult))
				break;
		if (j < i)
			continue;
		P(s, "<dt>");
		T(s, m->department);
		P(s, "</dt><dd><a href=\"tel:");
		A(s, m->consult);
		P(s, "\">");
		T(s, m->consult);
		P(s, "</a></dd>");
	}
	P(s, "</dl>\n</section>\n");

	if (g->it.doc && g->it.doc->child) {
		P(s, "<section aria-labelledby=\"h-more\"><h2 id=\"h-more\">办事须知</h2>\n");
		body(s, &g->it, g->it.doc);
		P(s, "</section>\n");
	}
	provider(s, depts, ndepts, g->it.updated);

	if (gi > 0) {
		pp = xasprintf("guide/%s.html", ed->guides[gi - 1]->it.id);
		prev = (struct link){ pp, ed->guides[gi - 1]->title };
	}
	if (gi + 1 < ed->nguides) {
		np = xasprintf("guide/%s.html", ed->guides[gi + 1]->it.id);
		next = (struct link){ np, ed->guides[gi + 1]->title };
	}
	s->aka = &g->synonyms;
	s->updated = g->it.updated;
	page_end(s, g->title, "一件事", &prev, &next);
	free(depts);
	free(pp);
	free(np);
	free(sp);
	free(stagelabel);
	free(path);
}

/* ---- matter ----------------------------------------------------------- */

static void
page_matter(struct site *s, size_t mi)
{
	const struct edition *ed = s->ed;
	const struct matter *m = ed->matters[mi];
	const struct procedure *pr = model_matter_steps(m);
	char *path = xasprintf("matter/%s.html", m->it.id);
	char *dp = NULL, *pp = NULL, *np = NULL;
	struct link crumbs[4], prev = { NULL, NULL }, next = { NULL, NULL };
	size_t i, d = dept_index(ed, m->department), nc = 0;
	const char *dept = m->department;

	crumbs[nc++] = (struct link){ "index.html", "首页" };
	crumbs[nc++] = (struct link){ "matters.html", "事项索引" };
	if (d != (size_t)-1) {
		dp = xasprintf("dept/d%zu.html", d + 1);
		crumbs[nc++] = (struct link){ dp, m->department };
	}
	crumbs[nc++] = (struct link){ NULL, m->title };
	page_begin(s, path, m->title, NAV_MATTERS, crumbs, nc);

	P(s, "<div class=\"head-grid\"><div>\n<p class=\"kicker\">事项 · ");
	T(s, m->type);
	P(s, "</p>\n<h1>");
	T(s, m->title);
	P(s, "</h1>\n<p class=\"lead\">实施主体：");
	if (dp) {
		P(s, "<a ");
		href(s, dp);
		P(s, ">");
		T(s, m->department);
		P(s, "</a>");
	} else
		T(s, m->department);
	P(s, "；服务对象：");
	for (i = 0; i < m->audience.n; i++) {
		if (i)
			P(s, "、");
		T(s, m->audience.v[i]);
	}
	P(s, "</p>\n");
	online_link(s, &m->online);
	if (s->nmguides[mi]) {
		P(s, "<p class=\"aka\">属于：");
		for (i = 0; i < s->nmguides[mi]; i++) {
			char *gp = xasprintf("guide/%s.html",
			    s->mguides[mi][i]->it.id);

			if (i)
				P(s, "、");
			P(s, "<a ");
			href(s, gp);
			P(s, ">");
			T(s, s->mguides[mi][i]->title);
			P(s, "</a>");
			free(gp);
		}
		P(s, "</p>\n");
	}
	P(s, "</div>\n");
	qr_block(s, m->online.url, path, "matter");
	P(s, "</div>\n");

	/* How many visits, how long, how much — first. */
	P(s, "<section aria-labelledby=\"h-key\"><h2 id=\"h-key\">办事要点</h2>\n"
	    "<dl class=\"facts\">");
	fact(s, "到现场次数", NULL);
	F(s, "%d 次", m->visits);
	P(s, "</dd></div>");
	fact(s, "承诺办结时限", NULL);
	days_cn(s, m->promised_days);
	P(s, "</dd></div>");
	fact(s, "法定办结时限", NULL);
	days_cn(s, m->legal_days);
	P(s, "</dd></div>");
	fact(s, "收费", NULL);
	P(s, m->free_of_charge || m->nfees == 0 ? "不收费" : "收费，见下文");
	P(s, "</dd></div>");
	fact(s, "办件类型", NULL);
	T(s, m->kind);
	P(s, "</dd></div>");
	if (m->online.depth) {
		fact(s, "网办深度", NULL);
		T(s, m->online.depth);
		P(s, "</dd></div>");
	}
	if (m->scope) {
		fact(s, "通办范围", NULL);
		T(s, m->scope);
		P(s, "</dd></div>");
	}
	P(s, "</dl>\n</section>\n");

	/* What to bring. */
	P(s, "<section aria-labelledby=\"h-mat\"><h2 id=\"h-mat\">申请材料</h2>\n");
	if (m->nmaterials == 0)
		P(s, "<p>无需材料。</p>\n");
	else {
		P(s, "<div class=\"table\"><table class=\"checklist stack\"><thead><tr>"
		    "<th scope=\"col\">序号</th><th scope=\"col\">材料名称</th>"
		    "<th scope=\"col\">来源</th><th scope=\"col\">形式</th>"
		    "<th scope=\"col\">份数</th><th scope=\"col\">是否必需</th>"
		    "</tr></thead><tbody>\n");
		for (i = 0; i < m->nmaterials; i++) {
			const struct material *mt = &m->materials[i];

			F(s, "<tr%s><td class=\"no\">%zu</td><th scope=\"row\">",
			    mt->shared ? " class=\"shared\"" : "", i + 1);
			T(s, mt->name);
			if (mt->shared)
				P(s, " <span class=\"tag ok\">免提交</span>");
			if (mt->note) {
				P(s, "<span class=\"sub\">");
				T(s, mt->note);
				P(s, "</span>");
			}
			if (mt->template) {
				char *u = asset_copy(s, &m->it, mt->template);

				if (u != NULL) {
					P(s, "<span class=\"sub\"><a href=\"");
					A(s, u);
					P(s, "\">下载样表</a>");
					dl_template_meta(s, mt->template);
					P(s, "</span>");
					free(u);
				}
			}
			P(s, "</th><td data-label=\"来源\">");
			T(s, mt->source ? mt->source : "申请人自备");
			P(s, "</td><td data-label=\"形式\">");
			material_form(s, mt);
			P(s, "</td><td data-label=\"份数\">");
			if (mt->copies > 0)
				F(s, "%d", mt->copies);
			else
				P(s, "1");
			P(s, "</td><td data-label=\"是否必需\">");
			if (mt->condition)
				T(s, mt->condition);
			else
				P(s, mt->required ? "必需" : "非必需");
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n");
	}
	P(s, "</section>\n");

	/* Where and when. */
	P(s, "<section aria-labelledby=\"h-off\"><h2 id=\"h-off\">办理地点和时间</h2>\n");
	if (m->noffices == 0)
		P(s, "<p>全程网上办理，无需到现场。</p>\n");
	else {
		P(s, "<div class=\"cards\">\n");
		for (i = 0; i < m->noffices; i++)
			office_card(s, m->offices[i], 3);
		P(s, "</div>\n");
	}
	P(s, "</section>\n");

	P(s, "<section aria-labelledby=\"h-cond\"><h2 id=\"h-cond\">受理条件</h2>\n<ul>\n");
	for (i = 0; i < m->conditions.n; i++) {
		P(s, "<li>");
		T(s, m->conditions.v[i]);
		P(s, "</li>\n");
	}
	P(s, "</ul>\n</section>\n");

	if (pr != NULL && pr->nsteps) {
		P(s, "<section aria-labelledby=\"h-flow\"><h2 id=\"h-flow\">办理流程</h2>\n");
		flow_svg(&s->b, pr, s->root, pr->title);
		P(s, "</section>\n");
	}

	if (!m->free_of_charge && m->nfees) {
		P(s, "<section aria-labelledby=\"h-fee\"><h2 id=\"h-fee\">收费标准</h2>\n"
		    "<div class=\"table\"><table><thead><tr><th scope=\"col\">收费项目</th>"
		    "<th scope=\"col\">标准</th><th scope=\"col\">依据</th></tr></thead><tbody>\n");
		for (i = 0; i < m->nfees; i++) {
			P(s, "<tr><th scope=\"row\">");
			T(s, m->fees[i].item);
			P(s, "</th><td>");
			T(s, m->fees[i].amount);
			P(s, "</td><td>");
			T(s, m->fees[i].basis);
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-res\"><h2 id=\"h-res\">办理结果</h2>\n"
	    "<dl class=\"kv\"><dt>结果名称</dt><dd>");
	T(s, m->result_name);
	P(s, "</dd><dt>送达方式</dt><dd>");
	for (i = 0; i < m->delivery.n; i++) {
		if (i)
			P(s, "、");
		T(s, m->delivery.v[i]);
	}
	P(s, "</dd></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-tel\"><h2 id=\"h-tel\">咨询和投诉</h2>\n"
	    "<dl class=\"kv\"><dt>咨询电话</dt><dd><a href=\"tel:");
	A(s, m->consult);
	P(s, "\">");
	T(s, m->consult);
	P(s, "</a></dd><dt>监督投诉电话</dt><dd><a href=\"tel:");
	A(s, m->complaint);
	P(s, "\">");
	T(s, m->complaint);
	P(s, "</a></dd></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-info\"><h2 id=\"h-info\">基本信息</h2>\n"
	    "<dl class=\"kv\">");
	if (m->code) {
		P(s, "<dt>事项编码</dt><dd>");
		T(s, m->code);
		P(s, "</dd>");
	}
	P(s, "<dt>事项类型</dt><dd>");
	T(s, m->type);
	P(s, "</dd><dt>实施主体</dt><dd>");
	T(s, m->department);
	P(s, "</dd><dt>设定依据</dt><dd><ul class=\"plain\">");
	for (i = 0; i < m->basis.n; i++) {
		P(s, "<li>");
		T(s, m->basis.v[i]);
		P(s, "</li>");
	}
	P(s, "</ul></dd><dt>公开属性</dt><dd>");
	T(s, model_disclosure_name(m->it.disclosure));
	P(s, "</dd></dl>\n</section>\n");

	if (m->it.doc && m->it.doc->child) {
		P(s, "<section aria-labelledby=\"h-more\"><h2 id=\"h-more\">注意事项</h2>\n");
		body(s, &m->it, m->it.doc);
		P(s, "</section>\n");
	}
	provider(s, &dept, 1, m->it.updated);

	if (mi > 0) {
		pp = xasprintf("matter/%s.html", ed->matters[mi - 1]->it.id);
		prev = (struct link){ pp, ed->matters[mi - 1]->title };
	}
	if (mi + 1 < ed->nmatters) {
		np = xasprintf("matter/%s.html", ed->matters[mi + 1]->it.id);
		next = (struct link){ np, ed->matters[mi + 1]->title };
	}
	s->updated = m->it.updated;
	page_end(s, m->title, "事项", &prev, &next);
	free(pp);
	free(np);
	free(dp);
	free(path);
}

/* ---- office, department, stage ----------------------------------------- */

static void
matter_list(struct site *s, const struct matter *const *ms, size_t n)
{
	size_t i;

	P(s, "<div class=\"table\"><table class=\"list stack\"><thead><tr>"
	    "<th scope=\"col\">事项名称</th><th scope=\"col\">事项类型</th>"
	    "<th scope=\"col\">承诺时限</th><th scope=\"col\">到现场</th>"
	    "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		char *mp = xasprintf("matter/%s.html", ms[i]->it.id);

		P(s, "<tr><th scope=\"row\"><a ");
		href(s, mp);
		P(s, ">");
		T(s, ms[i]->title);
		P(s, "</a></th><td data-label=\"事项类型\">");
		T(s, ms[i]->type);
		P(s, "</td><td data-label=\"承诺时限\">");
		days_cn(s, ms[i]->promised_days);
		F(s, "</td><td data-label=\"到现场\">%d 次</td></tr>\n", ms[i]->visits);
		free(mp);
	}
	P(s, "</tbody></table></div>\n");
}

static void
page_office(struct site *s, size_t oi)
{
	const struct edition *ed = s->ed;
	const struct office *o = ed->offices[oi];
	char *path = xasprintf("office/%s.html", o->it.id), *pp = NULL, *np = NULL;
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	const struct matter **ms = NULL;
	size_t nms = 0, i, j;

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "offices.html", "办理地点" };
	crumbs[2] = (struct link){ NULL, o->name };
	page_begin(s, path, o->name, NAV_OFFICES, crumbs, 3);
	P(s, "<p class=\"kicker\">办理地点 · ");
	T(s, o->district);
	P(s, "</p>\n<h1>");
	T(s, o->name);
	P(s, "</h1>\n<dl class=\"kv big\"><dt>地址</dt><dd>");
	T(s, o->address);
	P(s, "</dd><dt>电话</dt><dd><a href=\"tel:");
	A(s, o->phone);
	P(s, "\">");
	T(s, o->phone);
	P(s, "</a></dd></dl>\n");
	P(s, "<section aria-labelledby=\"h-hours\"><h2 id=\"h-hours\">办公时间</h2>\n");
	hours_block(s, o);
	P(s, "</section>\n");
	if (o->nwindows) {
		P(s, "<section aria-labelledby=\"h-win\"><h2 id=\"h-win\">窗口分布</h2>\n"
		    "<div class=\"table\"><table><thead><tr><th scope=\"col\">窗口</th>"
		    "<th scope=\"col\">办理业务</th></tr></thead><tbody>\n");
		for (i = 0; i < o->nwindows; i++) {
			P(s, "<tr><th scope=\"row\">");
			T(s, o->windows[i].no);
			P(s, "</th><td>");
			T(s, o->windows[i].serves);
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n</section>\n");
	}
	if (o->transit) {
		P(s, "<section aria-labelledby=\"h-tr\"><h2 id=\"h-tr\">交通指引</h2>\n<p>");
		T(s, o->transit);
		P(s, "</p>\n</section>\n");
	}
	if (o->accessibility.n) {
		P(s, "<section aria-labelledby=\"h-acc\"><h2 id=\"h-acc\">无障碍和便民设施</h2>\n"
		    "<ul class=\"chips\">");
		for (i = 0; i < o->accessibility.n; i++) {
			P(s, "<li>");
			T(s, o->accessibility.v[i]);
			P(s, "</li>");
		}
		P(s, "</ul>\n</section>\n");
	}
	if (o->self_service) {
		P(s, "<section aria-labelledby=\"h-self\"><h2 id=\"h-self\">24小时自助服务</h2>\n<p>");
		T(s, o->self_service);
		P(s, "</p>\n</section>\n");
	}
	if (o->it.doc && o->it.doc->child) {
		P(s, "<section aria-labelledby=\"h-more\"><h2 id=\"h-more\">说明</h2>\n");
		body(s, &o->it, o->it.doc);
		P(s, "</section>\n");
	}
	for (i = 0; i < ed->nmatters; i++)
		for (j = 0; j < ed->matters[i]->noffices; j++)
			if (ed->matters[i]->offices[j] == o) {
				*VEC_PUSH(&ms, &nms) = ed->matters[i];
				break;
			}
	if (nms) {
		P(s, "<section aria-labelledby=\"h-mt\"><h2 id=\"h-mt\">在此办理的事项</h2>\n");
		matter_list(s, ms, nms);
		P(s, "</section>\n");
	}
	free(ms);
	if (oi > 0) {
		pp = xasprintf("office/%s.html", ed->offices[oi - 1]->it.id);
		prev = (struct link){ pp, ed->offices[oi - 1]->name };
	}
	if (oi + 1 < ed->noffices) {
		np = xasprintf("office/%s.html", ed->offices[oi + 1]->it.id);
		next = (struct link){ np, ed->offices[oi + 1]->name };
	}
	s->updated = o->it.updated;
	page_end(s, o->name, "办理地点", &prev, &next);
	free(pp);
	free(np);
	free(path);
}

static void
page_dept(struct site *s, size_t di)
{
	const struct department *d = &s->ed->departments[di];
	char *path = xasprintf("dept/d%zu.html", di + 1);
	struct link crumbs[3];

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "departments.html", "部门" };
	crumbs[2] = (struct link){ NULL, d->name };
	page_begin(s, path, d->name, NAV_DEPTS, crumbs, 3);
	P(s, "<p class=\"kicker\">实施部门</p>\n<h1>");
	T(s, d->name);
	F(s, "</h1>\n<p class=\"lead\">本部门共有 %zu 项公开的政务服务事项。</p>\n",
	    d->nmatters);
	matter_list(s, d->matters, d->nmatters);
	page_end(s, d->name, NULL, NULL, NULL);
	free(path);
}

static void
guide_cards(struct site *s, const struct guide *const *gs, size_t n, int hl)
{
	size_t i;

	P(s, "<ul class=\"guides\">\n");
	for (i = 0; i < n; i++) {
		char *gp = xasprintf("guide/%s.html", gs[i]->it.id);

		F(s, "<li><h%d><a ", hl);
		href(s, gp);
		P(s, ">");
		T(s, gs[i]->title);
		F(s, "</a></h%d><p>", hl);
		T(s, gs[i]->summary);
		P(s, "</p><p class=\"sub\">承诺 ");
		days_cn(s, gs[i]->promise_days);
		F(s, " · 到现场 %d 次 · 材料 %d → %d 份</p></li>\n",
		    gs[i]->promise_visits, gs[i]->red.materials_before,
		    gs[i]->red.materials_after);
		free(gp);
	}
	P(s, "</ul>\n");
}

static void
page_stage(struct site *s, size_t si)
{
	const struct stage *st = &s->ed->stages[si];
	char *path = stage_path(s->ed, si), *pp = NULL, *np = NULL;
	int ent = str_eq(st->audience, "法人");
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	char *pt = NULL, *nt = NULL;

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ ent ? "index.html#enterprise" :
	    "index.html#person", ent ? "法人办事" : "个人办事" };
	crumbs[2] = (struct link){ NULL, st->name };
	page_begin(s, path, st->name, ent ? NAV_ENTERPRISE : NAV_PERSON,
	    crumbs, 3);
	P(s, "<p class=\"kicker\">");
	P(s, ent ? "法人办事 · 企业阶段" : "个人办事 · 人生阶段");
	P(s, "</p>\n<h1>");
	T(s, st->name);
	F(s, "</h1>\n<p class=\"lead\">本阶段共有 %zu 件“一件事”。</p>\n",
	    st->nguides);
	guide_cards(s, st->guides, st->nguides, 2);
	if (si > 0) {
		pp = stage_path(s->ed, si - 1);
		pt = xasprintf("%s", s->ed->stages[si - 1].name);
		prev = (struct link){ pp, pt };
	}
	if (si + 1 < s->ed->nstages) {
		np = stage_path(s->ed, si + 1);
		nt = xasprintf("%s", s->ed->stages[si + 1].name);
		next = (struct link){ np, nt };
	}
	page_end(s, st->name, NULL, &prev, &next);
	free(pp);
	free(np);
	free(pt);
	free(nt);
	free(path);
}

/* ---- home, indexes, search ---------------------------------------------- */

static void
home_part(struct site *s, const char *aud, const char *id, const char *h)
{
	const struct edition *ed = s->ed;
	size_t i, j;
	int any = 0;

	for (i = 0; i < ed->nstages; i++)
		if (str_eq(ed->stages[i].audience, aud))
			any = 1;
	F(s, "<section class=\"part\" aria-labelledby=\"%s\"><h2 id=\"%s\">",
	    id, id);
	P(s, h);
	P(s, "</h2>\n");
	if (!any)
		P(s, "<p>本版暂无此类“一件事”。</p>\n");
	else
		P(s, "<div class=\"stages\">\n");
	for (i = 0; i < ed->nstages; i++) {
		const struct stage *st = &ed->stages[i];
		char *sp;

		if (!str_eq(st->audience, aud))
			continue;
		sp = stage_path(ed, i);
		P(s, "<section class=\"stage\"><h3><a ");
		href(s, sp);
		P(s, ">");
		T(s, st->name);
		F(s, "</a> <span class=\"count\">%zu 件</span></h3>\n<ul>", st->nguides);
		for (j = 0; j < st->nguides; j++) {
			char *gp = xasprintf("guide/%s.html", st->guides[j]->it.id);

			P(s, "<li><a ");
			href(s, gp);
			P(s, ">");
			T(s, st->guides[j]->title);
			P(s, "</a></li>");
			free(gp);
		}
		P(s, "</ul></section>\n");
		free(sp);
	}
	if (any)
		P(s, "</div>\n");
	P(s, "</section>\n");
}

static void
page_home(struct site *s)
{
	const struct edition *ed = s->ed;

	page_begin(s, "index.html", ed->title, NAV_HOME, NULL, 0);
	P(s, "<div class=\"hero\"><h1>");
	T(s, ed->title);
	P(s, "</h1>\n<p class=\"lead\">");
	T(s, ed->region);
	P(s, "政务服务“高效办成一件事”：一次告知、一套材料、一窗受理、一次办好。</p>\n"
	    "<form class=\"bigsearch\" role=\"search\" action=\"search.html\" method=\"get\">"
	    "<label for=\"q-home\">您想办什么事？</label><div class=\"row\">"
	    "<input id=\"q-home\" name=\"q\" type=\"search\" "
	    "placeholder=\"如：生孩子、开饭店、退休\"><button type=\"submit\">搜索</button>"
	    "</div></form>\n");
	F(s, "<p class=\"stats\">本版收录 %zu 件“一件事”、%zu 项政务服务事项、%zu 个办理地点。</p>\n",
	    ed->nguides, ed->nmatters, ed->noffices);
	P(s, "</div>\n");
	home_part(s, "个人", "person", "个人办事（按人生阶段）");
	home_part(s, "法人", "enterprise", "法人办事（按企业阶段）");
	if (s->book || s->allleaf) {
		P(s, "<section class=\"part\" aria-labelledby=\"dl\"><h2 id=\"dl\">"
		    "下载</h2>\n<ul class=\"downloads\">");
		if (s->book) {
			P(s, "<li>");
			dl_link(s, s->book, "办事一本通手册");
			P(s, "</li>");
		}
		if (s->allleaf) {
			P(s, "<li>");
			dl_link(s, s->allleaf, "全部单张（每件事一页，可整本打印）");
			P(s, "</li>");
		}
		P(s, "</ul>\n</section>\n");
	}
	P(s, "<section class=\"part\" aria-labelledby=\"more\"><h2 id=\"more\">更多查询</h2>\n"
	    "<ul class=\"quick\"><li><a href=\"matters.html\">事项索引<span>按部门查找全部事项</span></a></li>"
	    "<li><a href=\"offices.html\">办理地点<span>地址、办公时间、交通</span></a></li>"
	    "<li><a href=\"departments.html\">实施部门<span>各部门办理的事项</span></a></li>"
	    "<li><a href=\"search.html\">全文搜索<span>按关键词查找</span></a></li></ul>\n</section>\n");
	if (ed->preface_doc && ed->preface_doc->child) {
		P(s, "<section class=\"part\" aria-labelledby=\"about\"><h2 id=\"about\">前言</h2>\n");
		body(s, NULL, ed->preface_doc);
		P(s, "</section>\n");
	}
	page_end(s, ed->title, NULL, NULL, NULL);
}

static void
page_matters(struct site *s)
{
	const struct edition *ed = s->ed;
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "事项索引" } };
	size_t i;

	page_begin(s, "matters.html", "事项索引", NAV_MATTERS, crumbs, 2);
	F(s, "<h1>事项索引</h1>\n<p class=\"lead\">全部 %zu 项公开的政务服务事项，按实施部门排列。</p>\n",
	    ed->nmatters);
	P(s, "<nav class=\"toc\" aria-label=\"部门目录\"><ul>");
	for (i = 0; i < ed->ndepartments; i++) {
		F(s, "<li><a href=\"#d%zu\">", i + 1);
		T(s, ed->departments[i].name);
		F(s, "</a> %zu</li>", ed->departments[i].nmatters);
	}
	P(s, "</ul></nav>\n");
	for (i = 0; i < ed->ndepartments; i++) {
		const struct department *d = &ed->departments[i];

		F(s, "<section aria-labelledby=\"d%zu\"><h2 id=\"d%zu\">", i + 1, i + 1);
		T(s, d->name);
		P(s, "</h2>\n");
		matter_list(s, d->matters, d->nmatters);
		P(s, "</section>\n");
	}
	page_end(s, "事项索引", NULL, NULL, NULL);
}

static void
page_offices(struct site *s)
{
	const struct edition *ed = s->ed;
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "办理地点" } };
	size_t i;

	page_begin(s, "offices.html", "办理地点", NAV_OFFICES, crumbs, 2);
	F(s, "<h1>办理地点</h1>\n<p class=\"lead\">共 %zu 个办理地点。</p>\n<div class=\"cards\">\n",
	    ed->noffices);
	for (i = 0; i < ed->noffices; i++)
		office_card(s, ed->offices[i], 2);
	P(s, "</div>\n");
	page_end(s, "办理地点", NULL, NULL, NULL);
}

static void
page_depts(struct site *s)
{
	const struct edition *ed = s->ed;
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "部门" } };
	size_t i;

	page_begin(s, "departments.html", "实施部门", NAV_DEPTS, crumbs, 2);
	P(s, "<h1>实施部门</h1>\n<ul class=\"quick\">\n");
	for (i = 0; i < ed->ndepartments; i++) {
		char *dp = xasprintf("dept/d%zu.html", i + 1);

		P(s, "<li><a ");
		href(s, dp);
		P(s, ">");
		T(s, ed->departments[i].name);
		F(s, "<span>%zu 项事项</span></a></li>\n",
		    ed->departments[i].nmatters);
		free(dp);
	}
	P(s, "</ul>\n");
	page_end(s, "实施部门", NULL, NULL, NULL);
}

static void
page_search(struct site *s)
{
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "搜索" } };

	page_begin(s, "search.html", "搜索", NAV_SEARCH, crumbs, 2);
	P(s, "<h1>搜索</h1>\n"
	    "<form class=\"bigsearch\" id=\"search-form\" role=\"search\" action=\"search.html\" method=\"get\">"
	    "<label for=\"q\">输入关键词，如“生孩子”“营业执照”“12345”</label><div class=\"row\">"
	    "<input id=\"q\" name=\"q\" type=\"search\"><button type=\"submit\">搜索</button>"
	    "</div></form>\n"
	    "<noscript><p class=\"note\">搜索需要启用 JavaScript。您也可以从"
	    "<a href=\"index.html\">首页</a>按阶段查找，或查看<a href=\"matters.html\">事项索引</a>。</p></noscript>\n"
	    "<p id=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\n"
	    "<ol id=\"search-results\" class=\"results\"></ol>\n"
	    "<script src=\"assets/search.js\"></script>\n"
	    "<script src=\"search/meta.js\"></script>\n");
	page_end(s, "搜索", NULL, NULL, NULL);
}

/* ---- sitemap, feed, static files ---------------------------------------- */

static int
write_buf(struct site *s, const char *name, struct buf *b)
{
	char *p = xasprintf("%s/%s", s->dir, name);
	int rc = site_write(s, p, b->data ? b->data : "", b->len);

	free(p);
	buf_free(b);
	return rc;
}

static void
write_sitemap(struct site *s)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < s->pages.n; i++) {
		char *u = portal_url(s->ed, s->pages.v[i]);


		const char *d = i < s->ndates && s->dates[i] ? s->dates[i] :
		    s->ed->date;

		buf_puts(&b, "<url><loc>");
		xesc(&b, u ? u : s->pages.v[i]);
		buf_puts(&b, "</loc><lastmod>");
		xesc(&b, d ? d : "");
		buf_puts(&b, "</lastmod></url>\n");
		free(u);
	}
	buf_puts(&b, "</urlset>\n");
	write_buf(s, "sitemap.xml", &b);
}

struct fentry {
	const char	*updated, *title, *kind, *id, *summary;
	char		*path;
};

static int
fentry_cmp(const void *a, const void *b)
{
	const struct fentry *x = a, *y = b;
	int c = strcmp(y->updated, x->updated);	/* newest first */

	if (c == 0)
		c = strcmp(x->path, y->path);
	return c;
}

static void
write_feed(struct site *s)
{
	const struct edition *ed = s->ed;
	struct fentry *e = NULL;
	size_t n = 0, i;
	struct buf b;
	char *self;

	for (i = 0; i < ed->nguides; i++) {
		struct fentry *f = VEC_PUSH(&e, &n);

		f->updated = ed->guides[i]->it.updated ? ed->guides[i]->it.updated : "";
		f->title = ed->guides[i]->title;
		f->kind = "一件事";
		f->summary = ed->guides[i]->summary;
		f->path = xasprintf("guide/%s.html", ed->guides[i]->it.id);
	}
	for (i = 0; i < ed->nmatters; i++) {
		struct fentry *f = VEC_PUSH(&e, &n);

		f->updated = ed->matters[i]->it.updated ? ed->matters[i]->it.updated : "";
		f->title = ed->matters[i]->title;
		f->kind = "事项";
		f->summary = ed->matters[i]->department;
		f->path = xasprintf("matter/%s.html", ed->matters[i]->it.id);
	}
	if (n)
		qsort(e, n, sizeof(*e), fentry_cmp);
	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>");
	xesc(&b, ed->title);
	buf_puts(&b, " 更新</title>\n<id>");
	self = portal_url(ed, "feed.xml");
	if (self)
		xesc(&b, self);
	else
		buf_printf(&b, "urn:ybt:%s:feed", ed->id);
	buf_puts(&b, "</id>\n<updated>");
	xesc(&b, n ? e[0].updated : (ed->date ? ed->date : ""));
	buf_puts(&b, "T00:00:00+08:00</updated>\n<author><name>");
	xesc(&b, ed->issuer);
	buf_puts(&b, "</name></author>\n<link rel=\"alternate\" href=\"index.html\"/>\n");
	for (i = 0; i < n; i++) {
		char *u = portal_url(ed, e[i].path);

		buf_puts(&b, "<entry><title>");
		xesc(&b, e[i].title);
		buf_puts(&b, "</title><id>");
		if (u)
			xesc(&b, u);
		else {
			buf_printf(&b, "urn:ybt:%s:", ed->id);
			xesc(&b, e[i].path);
		}
		buf_puts(&b, "</id><link rel=\"alternate\" href=\"");
		xesc(&b, e[i].path);
		buf_puts(&b, "\"/><updated>");
		xesc(&b, e[i].updated);
		buf_puts(&b, "T00:00:00+08:00</updated><category term=\"");
		xesc(&b, e[i].kind);
		buf_puts(&b, "\"/><summary>");
		xesc(&b, e[i].summary ? e[i].summary : "");
		buf_puts(&b, "</summary></entry>\n");
		free(u);
		free(e[i].path);
	}
	buf_puts(&b, "</feed>\n");
	free(e);
	free(self);
	write_buf(s, "feed.xml", &b);
}

static void *
write_lists(void *arg)
{
	write_sitemap(arg);
	write_feed(arg);
	return NULL;
}

/* Copy the theme's assets: style.css (+ the theme's extra css files
 * listed in html.css), ybt.js, search.js, logo.svg. */
static void
write_assets(struct site *s)
{
	static const char *const files[] = { "ybt.js", "search.js", "logo.svg" };
	const char *css[8];
	size_t ncss, i;
	struct buf b;
	char *dir = xasprintf("%s/assets", s->dir);

	mkdir_p(dir);
	free(dir);
	buf_init(&b);
	ncss = s->th ? theme_list(s->th, "html.css", css, 8) : 0;
	if (ncss == 0) {
		css[0] = s->th ? theme_str(s->th, "html.css", "style.css") :
		    "style.css";
		ncss = 1;
	}
	for (i = 0; i < ncss; i++) {
		char *t = theme_text(s, css[i]);

		if (t == NULL) {
			diag_file(s->th && s->th->dir ? s->th->dir : "themes",
			    1, 1, DIAG_ERROR, "主题缺少文件 %s", css[i]);
			s->err = 1;
			continue;
		}
		buf_puts(&b, t);
		free(t);
	}
	write_buf(s, "assets/style.css", &b);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *t = theme_text(s, files[i]), *name;

		if (t == NULL) {
			diag_file(s->th && s->th->dir ? s->th->dir : "themes",
			    1, 1, DIAG_ERROR, "主题缺少文件 %s", files[i]);
			s->err = 1;
			continue;
		}
		buf_init(&b);
		buf_puts(&b, t);
		free(t);
		name = xasprintf("assets/%s", files[i]);
		write_buf(s, name, &b);
		free(name);
	}
}

static void
run_job(struct site *w, const struct job *j)
{
	switch (j->kind) {
	case PG_HOME: page_home(w); break;
	case PG_STAGE: page_stage(w, j->index); break;
	case PG_GUIDE: page_guide(w, j->index); break;
	case PG_MATTER: page_matter(w, j->index); break;
	case PG_OFFICE: page_office(w, j->index); break;
	case PG_DEPT: page_dept(w, j->index); break;
	case PG_MATTERS: page_matters(w); break;
	case PG_OFFICES: page_offices(w); break;
	case PG_DEPTS: page_depts(w); break;
	case PG_SEARCH: page_search(w); break;
	}
}

/*
 * Which pages are written: the workers take the next job as they come
 * free (so they finish together), the indexer follows them in job
 * order. It sleeps until a job some way ahead is done, not one wakeup
 * per page.
 */
#define HTML_WAKE_AHEAD	48

struct progress {
	pthread_mutex_t	 m;
	pthread_cond_t	 c;
	unsigned char	*done;		/* one per job */
	size_t		 next;		/* next job to take (atomic) */
	size_t		 want;		/* the indexer waits for this job */
	int		 waiting;
};

struct worker {
	struct site		 s;		/* this thread's copy */
	const struct job	*jobs;
	size_t			 njobs;
	struct progress		*pr;
	pthread_t		 tid;
	int			 started;
};

/* Which thread writes a page never changes what the page holds. */
static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct progress *pr = w->pr;
	size_t i;

	while ((i = __atomic_fetch_add(&pr->next, 1, __ATOMIC_RELAXED)) <
	    w->njobs) {
		w->s.job = i;
		run_job(&w->s, &w->jobs[i]);
		pthread_mutex_lock(&pr->m);
		pr->done[i] = 1;
		/* At the end every page wakes it: the job it waits for
		 * may be the last to finish. */
		if (pr->waiting && (i >= pr->want || __atomic_load_n(&pr->next,
		    __ATOMIC_RELAXED) >= w->njobs)) {
			pr->waiting = 0;
			pthread_cond_signal(&pr->c);
		}
		pthread_mutex_unlock(&pr->m);
	}
	return NULL;
}

static int
html_threads(const struct out_ctx *ctx, size_t njobs)
{
	long n = ctx->jobs > 0 ? ctx->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 16)
		n = 16;
	if ((size_t)n > njobs / 64 + 1)
		n = (long)(njobs / 64 + 1);
	return (int)n;
}

int
out_html(const struct out_ctx *ctx)
{
	static const char *const dirs[] = { "stage", "guide", "matter",
	    "office", "dept" };
	struct site s;
	const struct edition *ed = ctx->ed;
	struct job *jobs = NULL;
	struct worker *ws;
	struct progress pr;
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	size_t njobs = 0, i, j, k;
	int nt, t;
	long n;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.ed = ed;
	s.th = ctx->theme;
	s.dir = xasprintf("%s/site", ctx->dir);
	s.idx = search_new();
	s.lock = &lock;
	s.shared = &s;
	rm_rf(s.dir);
	if (mkdir_p(s.dir) != 0) {
		diag_file(s.dir, 0, 0, DIAG_ERROR, "无法创建文件夹");
		free(s.dir);
		search_free(s.idx);
		return -1;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *d = xasprintf("%s/%s", s.dir, dirs[i]);

		mkdir_p(d);
		free(d);
	}
	s.mguides = xcalloc(ed->nmatters + 1, sizeof(*s.mguides));
	s.nmguides = xcalloc(ed->nmatters + 1, sizeof(*s.nmguides));
	for (i = 0; i < ed->nguides; i++)
		for (j = 0; j < ed->guides[i]->nmatters; j++) {
			k = matter_pos(ed, ed->guides[i]->matters[j]);
			if (k != (size_t)-1)
				*VEC_PUSH(&s.mguides[k], &s.nmguides[k]) =
				    ed->guides[i];
		}
	/* Read the fragments once, before any thread needs them. */
	s.frag[0] = theme_text(&s, "header.html");
	s.frag[1] = theme_text(&s, "footer.html");
	s.frag_read[0] = s.frag_read[1] = 1;
	write_assets(&s);
	dl_prepare(&s);

	/* The pages, in the order of the sitemap and the search index. */
#define JOB(k, i) (*VEC_PUSH(&jobs, &njobs) = (struct job){ (k), (i) })
	JOB(PG_HOME, 0);
	for (i = 0; i < ed->nstages; i++)
		JOB(PG_STAGE, i);
	for (i = 0; i < ed->nguides; i++)
		JOB(PG_GUIDE, i);
	for (i = 0; i < ed->nmatters; i++)
		JOB(PG_MATTER, i);
	for (i = 0; i < ed->noffices; i++)
		JOB(PG_OFFICE, i);
	for (i = 0; i < ed->ndepartments; i++)
		JOB(PG_DEPT, i);
	JOB(PG_MATTERS, 0);
	JOB(PG_OFFICES, 0);
	JOB(PG_DEPTS, 0);
	JOB(PG_SEARCH, 0);
#undef JOB
	s.outs = xcalloc(njobs, sizeof(*s.outs));

	nt = html_threads(ctx, njobs);
	sanitize_init();
	pthread_mutex_init(&pr.m, NULL);
	pthread_cond_init(&pr.c, NULL);
	pr.done = xcalloc(njobs, 1);
	pr.next = pr.want = 0;
	pr.waiting = 0;
	ws = xcalloc((size_t)nt, sizeof(*ws));
	for (t = 0; t < nt; t++) {
		ws[t].s = s;
		ws[t].s.lastdir = NULL;
		ws[t].s.b.data = NULL;
		ws[t].s.b.len = ws[t].s.b.cap = 0;
		ws[t].jobs = jobs;
		ws[t].njobs = njobs;
		ws[t].pr = &pr;
	}
	for (t = 0; t < nt; t++)
		ws[t].started = pthread_create(&ws[t].tid, NULL, worker_main,
		    &ws[t]) == 0;
	for (t = 0; t < nt; t++)
		if (!ws[t].started)	/* no thread: do its share here */
			worker_main(&ws[t]);

	/* Index in job order while the workers write: the same bytes
	 * whatever the threads did. */
	for (i = 0; i < njobs; i++) {
		struct pageout *o = &s.outs[i];

		pthread_mutex_lock(&pr.m);
		while (!pr.done[i]) {
			pr.want = i + HTML_WAKE_AHEAD < njobs ?
			    i + HTML_WAKE_AHEAD : njobs - 1;
			pr.waiting = 1;
			pthread_cond_wait(&pr.c, &pr.m);
		}
		pthread_mutex_unlock(&pr.m);
		if (o->path == NULL)
			continue;
		*VEC_PUSH(&s.pages.v, &s.pages.n) = o->path;
		*VEC_PUSH(&s.dates, &s.ndates) = o->updated;
		if (o->kind != NULL)
			search_add_text(s.idx, o->path, o->title, o->kind,
			    o->text, o->aka);
		free(o->aka);
		o->text = NULL;
		free(o->title);
	}
	for (t = 0; t < nt; t++) {
		if (ws[t].started)
			pthread_join(ws[t].tid, NULL);
		if (ws[t].s.err)
			s.err = 1;
		free(ws[t].s.lastdir);
		buf_free(&ws[t].s.b);
	}
	free(ws);
	free(pr.done);
	pthread_cond_destroy(&pr.c);
	pthread_mutex_destroy(&pr.m);
	free(s.outs);
	free(jobs);

	/* sitemap.xml and feed.xml beside the search index's shards */
	{
		pthread_t tid;
		int started = pthread_create(&tid, NULL, write_lists, &s) == 0;

		if (!started)
			write_lists(&s);
		if ((n = search_write(s.idx, s.dir, nt)) < 0) {
			pthread_mutex_lock(&lock);
			diag_file(s.dir, 0, 0, DIAG_ERROR, "无法写入搜索索引");
			pthread_mutex_unlock(&lock);
			s.err = 1;
		}
		if (started)
			pthread_join(tid, NULL);
	}

	for (i = 0; i < ed->nmatters; i++)
		free(s.mguides[i]);
	free(s.mguides);
	free(s.nmguides);
	for (i = 0; i < s.copied.n; i++)
		free(s.copied.v[i]);
	free(s.copied.v);
	for (i = 0; i < s.pages.n; i++)
		free(s.pages.v[i]);
	free(s.pages.v);
	free(s.dates);
	search_free(s.idx);
	free(s.frag[0]);
	free(s.frag[1]);
	dl_free(s.book);
	dl_free(s.allleaf);
	for (i = 0; i < ed->nguides; i++)
		dl_free(s.leaf[i]);
	free(s.leaf);
	free(s.dir);
	pthread_mutex_destroy(&lock);
	return s.err ? -1 : 0;
}
