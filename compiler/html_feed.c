/*
 * html_feed.c — sitemap.xml and feed.xml, written from the pages the
 * writers left behind in job order, beside the search index.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html_site.h"

/* ---- sitemap, feed, static files ---------------------------------------- */

int
write_buf(struct site *s, const char *name, struct buf *b)
{
	char *p = xasprintf("%s/%s", s->dir, name);
	int rc = site_write(s, p, b->data ? b->data : "", b->len);

	free(p);
	buf_free(b);
	return rc;
}

/*
 * The sitemaps.org protocol allows 50,000 URLs in one file: a bigger
 * portal (a province's) gets sitemap-1.xml, sitemap-2.xml, … of that
 * many each, and sitemap.xml is their index. YBT_SITEMAP_URLS lowers
 * the number, for the tests.
 */
#define SITEMAP_URLS	50000

static const char *
page_date(const struct site *s, size_t i)
{
	const char *d = i < s->ndates && s->dates[i] ? s->dates[i] :
	    s->ed->date;

	return d ? d : "";
}

static void
loc_lastmod(struct buf *b, const struct edition *ed, const char *path,
    const char *date)
{
	char *u = portal_url(ed, path);

	buf_puts(b, "<loc>");
	xesc(b, u ? u : path);
	buf_puts(b, "</loc><lastmod>");
	xesc(b, date);
	buf_puts(b, "</lastmod>");
	free(u);
}

/* The pages from..to-1 as one <urlset>; *newest gets their last date. */
static void
write_urlset(struct site *s, const char *name, size_t from, size_t to,
    const char **newest)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	*newest = "";
	for (i = from; i < to; i++) {
		const char *d = page_date(s, i);

		buf_puts(&b, "<url>");
		loc_lastmod(&b, s->ed, s->pages.v[i], d);
		buf_puts(&b, "</url>\n");
		if (strcmp(d, *newest) > 0)
			*newest = d;
	}
	buf_puts(&b, "</urlset>\n");
	write_buf(s, name, &b);
}

static void
write_sitemap(struct site *s)
{
	const char *env = getenv("YBT_SITEMAP_URLS"), *newest;
	size_t per = env && atoi(env) > 0 ? (size_t)atoi(env) : SITEMAP_URLS;
	size_t from, k;
	struct buf b;

	if (s->pages.n <= per) {
		write_urlset(s, "sitemap.xml", 0, s->pages.n, &newest);
		return;
	}
	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/"
	    "0.9\">\n");
	for (from = 0, k = 1; from < s->pages.n; from += per, k++) {
		size_t to = from + per < s->pages.n ? from + per : s->pages.n;
		char *name = xasprintf("sitemap-%zu.xml", k);

		write_urlset(s, name, from, to, &newest);
		buf_puts(&b, "<sitemap>");
		loc_lastmod(&b, s->ed, name, newest);
		buf_puts(&b, "</sitemap>\n");
		free(name);
	}
	buf_puts(&b, "</sitemapindex>\n");
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

/* A feed is read for what changed: the newest entries only (at
 * N=10000 all of them made 35 MB); the sitemap lists every page. */
#define FEED_ENTRIES	200

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
		char *u;

		if (i >= FEED_ENTRIES) {
			free(e[i].path);
			continue;
		}
		u = portal_url(ed, e[i].path);

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

void *
write_lists(void *arg)
{
	write_sitemap(arg);
	write_feed(arg);
	return NULL;
}
