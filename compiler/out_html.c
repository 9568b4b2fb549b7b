/*
 * out_html.c — the portal bundle (site/): home by life and enterprise
 * stage, one page per stage, guide, matter, office and department, an
 * index of matters, offices and departments, the search page and its
 * index shards, sitemap.xml and feed.xml. Every URL is relative, no
 * page loads anything from outside the bundle, and nothing depends on
 * the clock or on hash order. It reads only the published arrays of
 * the model (never all_*) and the theme's html section.
 *
 * This file is the driver: it copies the theme's assets, lists the
 * pages as jobs, has -j worker threads write them while the main thread
 * indexes their text for search in job order as they finish (so the
 * bytes never depend on the threads), then writes the search shards,
 * sitemap and feed. The page types live beside it: html_page.c (the
 * shared frame), html_index.c, html_guide.c, html_matter.c,
 * html_office.c, html_dl.c (downloads), html_feed.c; and html_md.c
 * (bodies), sanitize.c, flow_svg.c, qr.c, search.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "sanitize.h"
#include "jobq.h"
#include "html_site.h"

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
	case PG_OFFICE:
		if (j->part == 0)
			page_office(w, j->index);
		else
			page_office_list(w, j->index, j->part);
		break;
	case PG_DEPT: page_dept(w, j->index, j->part); break;
	case PG_MATTERS: page_matters(w); break;
	case PG_OFFICES: page_offices(w); break;
	case PG_DEPTS: page_depts(w); break;
	case PG_SEARCH:
		/* With the index, written after it (search_page_again):
		 * here only its place in the sitemap. */
		w->unwritten = w->ctx->want == NULL;
		page_search(w);
		w->unwritten = 0;
		break;
	}
}

/*
 * The pages go through the one ordered job queue (jobq.c): workers take
 * the next page as they come free, each with its own copy of the site;
 * the main thread indexes the pages for search in job order, woken only
 * once a batch of pages ahead is done.
 */
#define HTML_WAKE_AHEAD	48
/* Pages rendered ahead of the indexer at most: when indexing is the
 * slower part, unbounded workers would keep every page's text until it
 * is indexed (N=10000: peak 1.57 GB against 1.38 GB with 512). */
#define HTML_AHEAD	512

struct writers {
	struct site		*s;		/* the original */
	struct site		*ws;		/* one copy per worker */
	const struct job	*jobs;
};

/* Which thread writes a page never changes what the page holds. */
static void
write_page(void *arg, int worker, size_t i)
{
	struct writers *wr = arg;
	struct site *w = &wr->ws[worker];

	w->job = i;
	run_job(w, &wr->jobs[i]);
}

/* Index in job order while the workers write: the same bytes whatever
 * the threads did. */
static void
index_page(void *arg, size_t i)
{
	struct site *s = ((struct writers *)arg)->s;
	struct pageout *o = &s->outs[i];

	if (o->path == NULL)
		return;
	*VEC_PUSH(&s->pages.v, &s->pages.n) = o->path;
	*VEC_PUSH(&s->dates, &s->ndates) = o->updated;
	if (o->kind != NULL)
		search_add_text(s->idx, o->path, o->title, o->kind, o->text,
		    o->aka);
	free(o->aka);
	o->text = NULL;
	free(o->title);
}

/* The page a job writes, from the site's root (as the page writers
 * name it). */
static char *
job_path(const struct edition *ed, enum pagekind k, size_t i, size_t part)
{
	switch (k) {
	case PG_HOME: return xstrdup("index.html");
	case PG_STAGE: return stage_path(ed, i);
	case PG_GUIDE: return xasprintf("guide/%s.html", ed->guides[i]->it.id);
	case PG_MATTER: return xasprintf("matter/%s.html",
	    ed->matters[i]->it.id);
	case PG_OFFICE: return office_path(ed->offices[i], part);
	case PG_DEPT: return dept_path(i, part);
	case PG_MATTERS: return xstrdup("matters.html");
	case PG_OFFICES: return xstrdup("offices.html");
	case PG_DEPTS: return xstrdup("departments.html");
	case PG_SEARCH: return xstrdup("search.html");
	}
	return xstrdup("");
}

static int
wanted(const struct out_ctx *ctx, enum pagekind k, size_t i, size_t part)
{
	char *p;
	int yes;

	if (ctx->want == NULL)
		return 1;
	p = job_path(ctx->ed, k, i, part);
	yes = ctx->want(ctx->want_arg, p);
	free(p);
	return yes;
}

/*
 * search.html, written once the index is, holding meta.js's object: a
 * query asks for its shards at once, not a round of files after meta.js
 * (search.js, S.run). Among the pages it was made, not written, for its
 * place in the sitemap.
 */
static void
search_page_again(struct site *s)
{
	struct pageout o;

	memset(&o, 0, sizeof(o));
	s->outs = &o;
	s->job = 0;
	s->meta = search_meta(s->idx);
	page_search(s);
	s->meta = NULL;		/* the index's, freed with it */
	free(o.path);
	free(o.title);
	free(o.aka);
	free(o.text);
	s->outs = NULL;
	buf_free(&s->b);
	free(s->lastdir);
	s->lastdir = NULL;
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
	struct site *ws;
	struct writers wr;
	struct jobq q;
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	size_t njobs = 0, i, j, k;
	int nt, t;
	long n;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.ed = ed;
	s.th = ctx->theme;
	s.dir = xasprintf("%s/site", ctx->dir);
	s.lock = &lock;
	s.shared = &s;
	if (ctx->want == NULL)
		rm_rf(s.dir);
	if (mkdir_p(s.dir) != 0) {
		diag_io(s.dir, "无法创建文件夹：%s",
		    zh_strerror(errno));
		free(s.dir);
		return -1;
	}
	/* A partial build (ctx->want) writes no index. */
	s.idx = search_new(ctx->want == NULL ? s.dir : NULL);
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
	if (ctx->want == NULL)
		write_assets(&s);
	download_prepare(&s);

	/* The pages, in the order of the sitemap and the search index. */
#define JOB(k, i) JOB_PART(k, i, 0)
#define JOB_PART(k, i, part) do { if (wanted(ctx, (k), (i), (part))) \
	*VEC_PUSH(&jobs, &njobs) = (struct job){ (k), (i), (part) }; } \
	while (0)
	JOB(PG_HOME, 0);
	for (i = 0; i < ed->nstages; i++)
		JOB(PG_STAGE, i);
	for (i = 0; i < ed->nguides; i++)
		JOB(PG_GUIDE, i);
	for (i = 0; i < ed->nmatters; i++)
		JOB(PG_MATTER, i);
	for (i = 0; i < ed->noffices; i++)
		for (size_t part = 0; part < list_parts(ed->at_office[i].n);
		    part++)
			JOB_PART(PG_OFFICE, i, part);
	for (i = 0; i < ed->ndepartments; i++)
		for (size_t part = 0;
		    part < list_parts(ed->departments[i].nmatters); part++)
			JOB_PART(PG_DEPT, i, part);
	JOB(PG_MATTERS, 0);
	JOB(PG_OFFICES, 0);
	JOB(PG_DEPTS, 0);
	JOB(PG_SEARCH, 0);
#undef JOB
#undef JOB_PART
	s.outs = xcalloc(njobs, sizeof(*s.outs));

	nt = html_threads(ctx, njobs);
	sanitize_init();
	ws = xcalloc((size_t)nt, sizeof(*ws));
	for (t = 0; t < nt; t++) {
		ws[t] = s;
		ws[t].lastdir = NULL;
		ws[t].b.data = NULL;
		ws[t].b.len = ws[t].b.cap = 0;
	}
	wr.s = &s;
	wr.ws = ws;
	wr.jobs = jobs;
	q.n = njobs;
	q.nthreads = nt;
	q.window = HTML_AHEAD;
	q.batch = HTML_WAKE_AHEAD;
	q.work = write_page;
	q.consume = index_page;
	q.arg = &wr;
	jobq_run(&q);
	phase_time("pages");
	for (t = 0; t < nt; t++) {
		if (ws[t].err)
			s.err = 1;
		free(ws[t].lastdir);
		buf_free(&ws[t].b);
	}
	free(ws);
	free(s.outs);
	free(jobs);

	/* sitemap.xml and feed.xml beside the search index's shards */
	if (ctx->want == NULL) {
		pthread_t tid;
		int started = pthread_create(&tid, NULL, write_lists, &s) == 0;

		if (!started)
			write_lists(&s);
		if ((n = search_write(s.idx, nt)) < 0) {
			int e = search_error(s.idx);

			pthread_mutex_lock(&lock);
			diag_io(s.dir, "无法写入搜索索引：%s",
			    zh_strerror(e ? e : EIO));
			pthread_mutex_unlock(&lock);
			s.err = 1;
		}
		if (started)
			pthread_join(tid, NULL);
		if (n >= 0)
			search_page_again(&s);
		phase_time("search index");
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
	download_free(s.book);
	download_free(s.allleaf);
	download_free(s.sheet);
	for (i = 0; i < ed->nguides; i++)
		download_free(s.leaf[i]);
	free(s.leaf);
	free(s.dir);
	pthread_mutex_destroy(&lock);
	return s.err ? -1 : 0;
}

