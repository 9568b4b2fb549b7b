/*
 * html_dl.c — the portal's downloads: the handbook, leaflets, the
 * edition as a workbook (published items only, as `-f xlsx` writes it)
 * and a matter's templates published under site/files/, with their
 * size and page count beside each link. Nothing here writes a whole page.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "html_site.h"

/* ---- downloads ----------------------------------------------------- */

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
download_stat(const char *path, const char *url)
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
	f->workbook = strlen(url) > 5 &&
	    strcmp(url + strlen(url) - 5, ".xlsx") == 0;
	free(data);
	return f;
}

/*
 * Put ctx->dir/rel into site/files/rel (a hard link, else a copy), so
 * that the site can be moved on its own; describe it, or NULL.
 */
static struct dlfile *
download_publish(struct site *s, const char *rel)
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
			f = download_stat(to, url);
	}
	free(from);
	free(to);
	free(url);
	return f;
}

void
download_free(struct dlfile *f)
{
	if (f != NULL) {
		free(f->url);
		free(f);
	}
}

void
download_prepare(struct site *s)
{
	const struct edition *ed = s->ed;
	char *rel;

	rel = xasprintf("%s.pdf", ed->id);
	s->book = download_publish(s, rel);
	free(rel);
	s->allleaf = download_publish(s, "leaflets.pdf");
	rel = xasprintf("%s.xlsx", ed->id);
	s->sheet = download_publish(s, rel);
	free(rel);
	s->leaf = xcalloc(ed->nguides + 1, sizeof(*s->leaf));
	for (size_t i = 0; i < ed->nguides; i++) {
		rel = xasprintf("leaflets/%s.pdf", ed->guides[i]->it.id);
		s->leaf[i] = download_publish(s, rel);
		free(rel);
	}
}

/* "PDF，1.2 MB，254 页", "Excel 工作簿，40 KB" */
static void
download_meta(struct site *s, const struct dlfile *f)
{
	const char *what = f->workbook ? "Excel 工作簿" : "PDF";

	P(s, "<span class=\"meta\">");
	if (f->size >= 1024 * 1024)
		F(s, "%s，%.1f MB", what, f->size / (1024.0 * 1024.0));
	else
		F(s, "%s，%ld KB", what, (f->size + 1023) / 1024);
	if (f->pages > 0)
		F(s, "，%d 页", f->pages);
	P(s, "</span>");
}

void
download_link(struct site *s, const struct dlfile *f, const char *label)
{
	P(s, f->workbook ? "<a class=\"download\" type=\"application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\" href=\"" :
	    "<a class=\"download\" type=\"application/pdf\" href=\"");
	A(s, s->root);
	A(s, f->url);
	P(s, "\">");
	T(s, label);
	P(s, "</a> ");
	download_meta(s, f);
}

/* The file a template link points at, described after the link. */
void
download_template_meta(struct site *s, const char *rel)
{
	char *path = xasprintf("%s/files/%s", s->dir, rel);
	struct dlfile *f = download_stat(path, rel);

	if (f != NULL) {
		P(s, " ");
		download_meta(s, f);
		download_free(f);
	}
	free(path);
}
