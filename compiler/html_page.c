/*
 * html_page.c — the frame every portal page shares: escaping helpers,
 * links relative to the page, dates and days, copying a body's assets
 * into site/files/, the theme's fragments, writing a page file, the
 * <head>, header, breadcrumbs and footer (page_begin, page_end), and
 * the small blocks several page types show (hours, office card, QR).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "present.h"
#include "qr.h"
#include "asset.h"
#include "diag.h"
#include "html_site.h"
#include "zhtext.h"

#define QR_PX	148	/* size of a QR code on a page, CSS px */

/* href="ROOT+path" for a site-relative path. */
void
href(struct site *s, const char *path)
{
	P(s, "href=\"");
	A(s, s->root);
	A(s, path);
	P(s, "\"");
}

void
xesc(struct buf *b, const char *t)
{
	esc_xml(b, t ? t : "");
}

void
date_cn(struct buf *b, const char *iso)
{
	int y, m, d;

	if (iso != NULL && is_iso_date(iso, &y, &m, &d))
		buf_printf(b, "%d年%d月%d日", y, m, d);
	else if (iso != NULL)
		esc_html(b, iso);
}

void
days_cn(struct site *s, int days)
{
	say(s, present_days, days, NULL);
}

/* A phone number, as a link a phone can dial. */
void
tel_link(struct site *s, const char *phone)
{
	P(s, "<a href=\"tel:");
	A(s, phone);
	P(s, "\">");
	T(s, phone);
	P(s, "</a>");
}

/* The words present.c gives for n: fn's, or n and unit's, escaped. */
void
say(struct site *s, void (*fn)(struct buf *, int), int n, const char *unit)
{
	struct buf w;

	buf_init(&w);
	if (fn != NULL)
		fn(&w, n);
	else
		present_count(&w, n, unit);
	T(s, w.data);
	buf_free(&w);
}

size_t
dept_index(const struct edition *ed, const char *name)
{
	size_t i;

	for (i = 0; i < ed->ndepartments; i++)
		if (str_eq(ed->departments[i].name, name))
			return i;
	return (size_t)-1;
}

size_t
stage_of(const struct edition *ed, const struct guide *g)
{
	size_t i, j;

	for (i = 0; i < ed->nstages; i++)
		for (j = 0; j < ed->stages[i].nguides; j++)
			if (ed->stages[i].guides[j] == g)
				return i;
	return (size_t)-1;
}

char *
stage_path(const struct edition *ed, size_t i)
{
	return xasprintf("stage/%s%zu.html",
	    str_eq(ed->stages[i].audience, "法人") ? "e" : "p", i + 1);
}

char *
portal_url(const struct edition *ed, const char *path)
{
	size_t n;

	if (ed->portal == NULL || *ed->portal == '\0')
		return NULL;
	n = strlen(ed->portal);
	return xasprintf("%.*s/%s", (int)(n && ed->portal[n - 1] == '/' ?
	    n - 1 : n), ed->portal, path);
}

size_t
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

char *
asset_copy(void *arg, const struct item *it, const char *rel)
{
	struct site *s = arg;
	char *r;

	pthread_mutex_lock(s->lock);
	r = asset_copy_locked(s, it, rel);
	pthread_mutex_unlock(s->lock);
	return r;
}

/*
 * Copy the asset src of the edition in dir to dst; when the copy fails
 * though src can be read, *werr is the first such failure's errno (the
 * site could not be written: not a missing file). Only what is inside
 * assets/ after symlinks (the model has said so already; this is the
 * last line of defence).
 */
static int
asset_try(const char *src, const char *dir, const char *dst, int *werr)
{
	int e;

	if (!asset_inside(src, dir))
		return -1;
	if (copy_file(src, dst) == 0)
		return 0;
	e = errno;
	if (*werr == 0 && access(src, R_OK) == 0)
		*werr = e ? e : EIO;
	return -1;
}

static char *
asset_copy_locked(struct site *s, const struct item *it, const char *rel)
{
	const struct edition *ed = it && it->edition ? it->edition : s->ed;
	char *src, *dst;
	size_t i;
	int werr = 0;

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
	if (asset_try(src, ed->dir, dst, &werr) != 0) {
		/* An inherited item's asset may live in a base edition. */
		const struct edition *e;
		int ok = 0;

		for (e = s->ed; e != NULL && !ok; e = e->base) {
			free(src);
			src = xasprintf("%s/assets/%s", e->dir, rel);
			ok = asset_try(src, e->dir, dst, &werr) == 0;
		}
		if (!ok) {
			if (werr != 0)
				diag_io(dst, "无法写入文件：%s", zh_strerror(werr));
			else
				diag_file(it ? it->file : s->ed->file, 1, 1,
				    DIAG_ERROR, "找不到文件 assets/%s："
				    "请把它放进版本的 assets 文件夹", rel);
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

void
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

/*
 * An item's body in its section, headed label ("h-more"), or nothing
 * if it has none; a heading of the body that says label first is not
 * repeated under it (md_under).
 */
void
body_section(struct site *s, const struct item *it, const char *label)
{
	const struct md_node *doc = zh_body(it), *under;
	struct md_node top;

	if ((under = md_under(doc, label, &top)) != NULL) {
		P(s, "<section aria-labelledby=\"h-more\"><h2 id=\"h-more\">");
		T(s, label);
		P(s, "</h2>\n");
		body(s, it, under);
		P(s, "</section>\n");
	}
	zh_body_done(it, doc);
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

char *
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
 * plain write is enough (no temporary file per page); ybt serve's full
 * pass puts it (out.h).
 */
int
site_write(struct site *s, const char *path, const char *data, size_t len)
{
	int rc = s->ctx->put != NULL ? s->ctx->put(s->ctx->put_arg, path,
	    data, len) : file_write(path, data, len);
	int e = errno;		/* before the lock, which may set it */

	if (rc != 0) {
		pthread_mutex_lock(s->lock);
		diag_io(path, "无法写入文件：%s",
		    zh_strerror(e ? e : EIO));
		pthread_mutex_unlock(s->lock);
		s->err = 1;
	}
	return rc;
}

/* ---- the page frame ------------------------------------------------ */

/*
 * The search starts while the page is read: search.js, before the style
 * sheet (it waits for none), asks for the index's first files itself.
 * It is written into the page, not loaded: from file:// each file is a
 * round trip to the browser's loader, and this one was on the way of
 * every query (N=1000, 9 alternating runs on a loaded machine: the
 * count of 证 at 703 ms against 806, 出生医学证明 786 against 861).
 * assets/search.js stays for other pages and tools; a theme's script
 * that could end the element early is loaded as a file instead.
 */
static int
ends_script(const char *t)
{
	for (; (t = strchr(t, '<')) != NULL; t++)
		if (strncmp(t, "<!--", 4) == 0 || (t[1] == '/' &&
		    strncasecmp(t + 2, "script", 6) == 0))
			return 1;
	return 0;
}

/* The element loading assets/name (how: "async", or "" for in order). */
static void
script_src(struct site *s, const char *name, const char *how)
{
	P(s, "<script src=\"");
	A(s, s->root);
	P(s, "assets/");
	P(s, name);
	P(s, *how ? "\" " : "\"");
	P(s, how);
	P(s, "></script>\n");
}

/* The theme's script name written into the page if it can be, else
 * loaded as a file. */
static void
inline_script(struct site *s, const char *name, const char *how)
{
	char *t = theme_text(s, name);

	if (t != NULL && !ends_script(t)) {
		P(s, "<script>\n");
		P(s, t);
		P(s, "</script>\n");
	} else
		script_src(s, name, how);
	free(t);
}

void
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
	P(s, "</title>\n");
	/* search.html: ybt.js too, before the style sheet, which a script
	 * after it would wait for (and the parser with it), so the page is
	 * read before its first layout, not after two more files. */
	if (nav == NAV_SEARCH) {
		/* JSON, '<' escaped (esc_json): no "</script" in it */
		if (s->meta != NULL) {
			P(s, "<script type=\"application/json\" "
			    "id=\"ybt-search-meta\">");
			P(s, s->meta);
			P(s, "</script>\n");
		}
		inline_script(s, "search.js", "async");
		inline_script(s, "ybt.js", "");
	}
	P(s, "<link rel=\"stylesheet\" ");
	href(s, "assets/style.css");
	P(s, ">\n<link rel=\"icon\" ");
	href(s, "assets/logo.svg");
	P(s, " type=\"image/svg+xml\">\n");
	if (nav != NAV_SEARCH)
		script_src(s, "ybt.js", "");
	P(s, "</head>\n<body>\n"
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
void
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
	P(s, "</p>\n<p>政务服务便民热线 ");
	tel_link(s, s->ed->hotline);
	P(s, "</p>\n");
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
	if (!s->unwritten)
		site_write(s, file, s->b.data, s->b.len);
	free(file);
}

/* ---- shared blocks -------------------------------------------------- */

void
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
void
office_card(struct site *s, const struct office *o, int hlevel)
{
	char *p = office_path(o, 0);

	F(s, "<section class=\"card office\"><h%d><a ", hlevel);
	href(s, p);
	P(s, ">");
	T(s, o->name);
	F(s, "</a></h%d>\n<dl class=\"kv\"><dt>地址</dt><dd>", hlevel);
	T(s, o->address);
	P(s, "</dd><dt>电话</dt><dd>");
	tel_link(s, o->phone);
	P(s, "</dd></dl>\n");
	hours_block(s, o);
	P(s, "</section>\n");
	free(p);
}

size_t
list_parts(size_t n)
{
	return n > LIST_ROWS ? (n + LIST_ROWS - 1) / LIST_ROWS : 1;
}

char *
dept_path(size_t di, size_t part)
{
	return part == 0 ? xasprintf("dept/d%zu.html", di + 1) :
	    xasprintf("dept/d%zu-%zu.html", di + 1, part + 1);
}

/* An id is [a-z0-9-]: "office/x.2.html" is no other office's page. */
char *
office_path(const struct office *o, size_t part)
{
	return part == 0 ? xasprintf("office/%s.html", o->it.id) :
	    xasprintf("office/%s.%zu.html", o->it.id, part + 1);
}

void
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
