/*
 * serve_build.c — a rebuild of `ybt serve`, in the child process that
 * serve.c forks (so nothing here touches the server's state, and the
 * model's memory goes with the child).
 *
 * The model is loaded with the server's cache of read sources
 * (serve_cache.c). Then, when the sources changed since the last full
 * build are item files only, the quick pass renders only the pages an
 * edit can reach: the pages of the changed items (and of the guides
 * holding a changed matter, the matters and guides using a changed
 * procedure), which it serves and tells the server of at once (a line
 * on qfd), then every page that linked to them in the last full build,
 * that they linked to then or link to now, and the indexes (another
 * line). Then the full pass builds the whole site as `ybt build -f
 * html` does and brings the served folder to it, each page as soon as
 * it is made (put_page); it writes the link file the next quick pass
 * reads. Either pass replaces only the files whose bytes changed, each
 * by a rename.
 *
 * After a good full pass of the portal the child does not exit: it
 * holds its model (hold) until the server sends it the next save, puts
 * that into the model (model_patch) and serves it with a quick pass,
 * with no load; then it ends, and the server forks the full pass that
 * holds the model next. The PDFs (-f pdf, leaflets) are made only by the
 * builds the server asks them of; the others keep the served ones.
 */
#include <sys/stat.h>
#include <signal.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "out.h"
#include "zhtext.h"
#include "serve_cache.h"

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *da, *db;
	size_t la, lb;
	int same;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sa.st_size != sb.st_size)
		return 0;
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return 1;	/* put_page linked them */
	if (file_read(a, &da, &la, 0) != 0)
		return 0;
	if (file_read(b, &db, &lb, 0) != 0) {
		free(da);
		return 0;
	}
	same = la == lb && memcmp(da, db, la) == 0;
	free(da);
	free(db);
	return same;
}

/* Rename from over to if their bytes differ: 1 if it did. A page
 * (html) is counted in *html. */
static int
sync_file(const char *from, const char *to, int page, long *html)
{
	if (same_file(from, to))
		return 0;
	if (is_dir(to))
		rm_rf(to);
	if (rename(from, to) != 0)
		return 0;
	if (html && page) {
		(*html)++;
		if (getenv("YBT_SERVE_TIMES"))
			fprintf(stderr, "ybt serve: full: %s\n", to);
	}
	return 1;
}

/*
 * Bring the tree to to what the tree from holds: each file of from
 * whose bytes differ is renamed over its twin (a reader sees the old
 * file or the new one, never a part); with prune, files of to that from
 * lacks are removed first. Returns the number of files changed; html,
 * if not NULL, counts the pages among them. At the top (the site) its
 * search.html goes last and is not counted: it holds the search
 * index's meta, so it comes after search/ (a reader never has the new
 * meta with the old shards), and like search/ only the full pass
 * writes it (an item's quick pass does not miss it).
 */
static size_t
sync_dir(const char *from, const char *to, int prune, long *html, int top)
{
	DIR *d;
	struct dirent *de;
	size_t n = 0;

	if (!is_dir(to)) {
		rm_rf(to);
		mkdir_p(to);
	}
	if (prune && (d = opendir(to)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *f, *t;
			struct stat st;

			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			f = xasprintf("%s/%s", from, de->d_name);
			t = xasprintf("%s/%s", to, de->d_name);
			if (lstat(f, &st) != 0) {
				rm_rf(t);
				n++;
			}
			free(f);
			free(t);
		}
		closedir(d);
	}
	if ((d = opendir(from)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *f, *t;
			struct stat st;
			size_t l = strlen(de->d_name);

			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    (top && strcmp(de->d_name, "search.html") == 0))
				continue;
			f = xasprintf("%s/%s", from, de->d_name);
			t = xasprintf("%s/%s", to, de->d_name);
			if (lstat(f, &st) == 0 && S_ISDIR(st.st_mode))
				n += sync_dir(f, t, prune, html, 0);
			else
				n += (size_t)sync_file(f, t, l > 5 &&
				    strcmp(de->d_name + l - 5, ".html") == 0, html);
			free(f);
			free(t);
		}
		closedir(d);
	}
	if (top) {
		char *f = xasprintf("%s/search.html", from);
		char *t = xasprintf("%s/search.html", to);
		struct stat st;

		if (lstat(f, &st) == 0 && S_ISREG(st.st_mode))
			n += (size_t)sync_file(f, t, 0, html);
		free(f);
		free(t);
	}
	return n;
}

static size_t
sync_tree(const char *from, const char *to, int prune, long *html)
{
	return sync_dir(from, to, prune, html, 1);
}

/* The folders to watch: "E dir" for each edition of the chains, "T dir"
 * for their themes (and the default theme their missing files come
 * from). */
static void
write_watch_list(const struct sbuild *b, struct edition **eds)
{
	char *p = xasprintf("%s/watch", b->stage);
	FILE *fp = fopen(p, "w");

	free(p);
	if (fp == NULL)
		return;
	for (size_t i = 0; i < b->neds; i++)
		for (const struct edition *e = eds[i]; e != NULL; e = e->base) {
			struct theme *th = theme_load_quiet(e->theme ?
			    e->theme : "default", e->dir);

			fprintf(fp, "E %s\n", e->dir);
			if (th != NULL && th->dir != NULL) {
				char *slash;

				fprintf(fp, "T %s\n", th->dir);
				if ((slash = strrchr(th->dir, '/')) != NULL)
					fprintf(fp, "T %.*s/default\n",
					    (int)(slash - th->dir), th->dir);
			}
			theme_free(th);
		}
	fclose(fp);
}

static void	lap(const char *);

unsigned
serve_on_demand(void)
{
	return FMT_PDF | FMT_PRINT | FMT_LEAFLETS;
}

static void
keep_one(const char *live, const char *work, const char *rel)
{
	char *from = xasprintf("%s/files/%s", live, rel);
	char *to = xasprintf("%s/%s", work, rel), *slash;

	if (access(from, F_OK) == 0) {
		if ((slash = strrchr(to, '/')) != NULL) {
			*slash = '\0';
			mkdir_p(to);
			*slash = '/';
		}
		if (link(from, to) != 0)
			copy_file(from, to);
	}
	free(from);
	free(to);
}

/* A build without the PDFs: those served stay, where the portal finds
 * them (download_prepare), so that it links them as they are. */
static void
keep_downloads(const struct sbuild *b, const struct edition *ed,
    const char *live, const char *work)
{
	char *rel;

	if (b->keep == 0)
		return;
	rel = xasprintf("%s.pdf", ed->id);
	keep_one(live, work, rel);
	free(rel);
	keep_one(live, work, "leaflets.pdf");
	for (size_t i = 0; i < ed->nguides; i++) {
		rel = xasprintf("leaflets/%s.pdf", ed->guides[i]->it.id);
		keep_one(live, work, rel);
		free(rel);
	}
}

/* ---- the quick pass --------------------------------------------------- */

struct pset {
	char	**v;
	size_t	  n;
	int	  sorted;
};

static void
pset_add(struct pset *s, const char *p)
{
	*VEC_PUSH(&s->v, &s->n) = xstrdup(p);
	s->sorted = 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
pset_sort(struct pset *s)
{
	size_t j = 0;

	xqsort(s->v, s->n, sizeof(*s->v), str_cmp);
	for (size_t i = 0; i < s->n; i++) {
		if (j > 0 && strcmp(s->v[j - 1], s->v[i]) == 0) {
			free(s->v[i]);
			continue;
		}
		s->v[j++] = s->v[i];
	}
	s->n = j;
	s->sorted = 1;
}

static int
pset_has(void *arg, const char *p)
{
	struct pset *s = arg;

	if (!s->sorted)
		pset_sort(s);
	/* bsearch wants a base even for no elements */
	return s->n > 0 &&
	    bsearch(&p, s->v, s->n, sizeof(*s->v), str_cmp) != NULL;
}

static void
pset_free(struct pset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The departments and stages, as the full pass writes them: when they
 * change, so do the numbered pages (dept/dN.html, stage/pN.html). */
static char *
names_of(const struct edition *ed)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < ed->ndepartments; i++)
		buf_printf(&b, "D %s\n", ed->departments[i].name);
	for (size_t i = 0; i < ed->nstages; i++)
		buf_printf(&b, "S %s %s\n", ed->stages[i].audience,
		    ed->stages[i].name);
	return b.data ? buf_detach(&b) : xstrdup("");
}

static void
affected(const struct edition *ed, enum kind k, const char *id,
    struct pset *p1)
{
	char *p;

	if (id == NULL)
		return;
	if (k == KIND_MATTER || k == KIND_GUIDE || k == KIND_OFFICE) {
		p = xasprintf("%s/%s.html", k == KIND_MATTER ? "matter" :
		    k == KIND_GUIDE ? "guide" : "office", id);
		pset_add(p1, p);
		free(p);
	}
	/* What the model computes from the item: a guide's checklist and
	 * reductions from its matters (and their steps). */
	for (size_t i = 0; k == KIND_PROCEDURE && i < ed->nmatters; i++) {
		const struct procedure *pr = model_matter_steps(ed->matters[i]);

		if (pr != NULL && str_eq(pr->it.id, id))
			affected(ed, KIND_MATTER, ed->matters[i]->it.id, p1);
	}
	for (size_t i = 0; i < ed->nguides; i++) {
		const struct guide *g = ed->guides[i];
		int hit = k == KIND_PROCEDURE && g->procedure != NULL &&
		    str_eq(g->procedure->it.id, id);

		for (size_t j = 0; k == KIND_MATTER && j < g->nmatters; j++)
			if (str_eq(g->matters[j]->it.id, id))
				hit = 1;
		if (hit) {
			p = xasprintf("guide/%s.html", g->it.id);
			pset_add(p1, p);
			free(p);
		}
	}
}

static void
add_list(struct pset *s, const char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i]);

		if (len > 5 && strcmp(v[i] + len - 5, ".html") == 0)
			pset_add(s, v[i]);
	}
	free(v);
}

static int
render(const struct edition *ed, const struct theme *th,
    const struct sbuild *b, const struct sbuild_ed *e, const char *work,
    struct pset *want)
{
	struct out_ctx ctx;

	keep_downloads(b, ed, e->live, work);
	memset(&ctx, 0, sizeof(ctx));
	ctx.ed = ed;
	ctx.theme = th;
	ctx.dir = work;
	ctx.formats = FMT_HTML;
	ctx.jobs = b->jobs;
	ctx.want = pset_has;
	ctx.want_arg = want;
	pset_sort(want);
	return out_html(&ctx) != 0 || diag_count(DIAG_ERROR) ? -1 : 0;
}

/* The quick pass of one edition, in two steps. */
struct quick {
	struct pset	 p1;	/* the changed items' own pages */
	struct pset	 p2;	/* pages linked to or from them, indexes */
	char		*work;
	char		*site;
};

/* The pages of p1 that link to pages of the built site (work/site). */
static void
links_now(struct quick *qk)
{
	char *mem = NULL, *line, *save = NULL;
	size_t memlen = 0;
	FILE *fp = open_memstream(&mem, &memlen);

	if (fp == NULL)
		return;
	for (size_t i = 0; i < qk->p1.n; i++) {
		char *f = xasprintf("%s/%s", qk->site, qk->p1.v[i]), *data;
		size_t len;

		if (file_read(f, &data, &len, 0) == 0) {
			links_scan(fp, qk->p1.v[i], data, len);
			free(data);
		}
		free(f);
	}
	if (fclose(fp) != 0) {
		free(mem);
		return;
	}
	for (line = strtok_r(mem, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t l = strlen(line);

		if (l > 7 && strcmp(line + l - 5, ".html") == 0)
			pset_add(&qk->p2, line + 2);
	}
	free(mem);
}

/*
 * The first step: the pages of the changed items (and of the guides
 * holding a changed matter...) rendered and served, those no longer
 * built removed; what links to them, or is linked from them, noted for
 * the second. The number of files it changed, or -1 when only the full
 * pass can tell.
 */
static long
quick_own(const struct edition *ed, const struct theme *th,
    const struct sbuild *b, const struct sbuild_ed *e, struct quick *qk)
{
	char *names;
	long n = 0;

	if (e->links == NULL)
		return -1;
	names = names_of(ed);
	if (strcmp(names, links_names(e->links)) != 0) {
		free(names);
		return -1;
	}
	free(names);
	for (size_t i = 0; i < b->nch; i++) {
		affected(ed, b->ch[i].kind, b->ch[i].old_id, &qk->p1);
		affected(ed, b->ch[i].kind, b->ch[i].new_id, &qk->p1);
	}
	qk->work = xasprintf("%s/quick/%s", b->stage, ed->id);
	qk->site = xasprintf("%s/site", qk->work);
	rm_rf(qk->work);
	mkdir_p(qk->site);
	pset_sort(&qk->p1);
	if (qk->p1.n > 0 && render(ed, th, b, e, qk->work, &qk->p1) != 0)
		return -1;
	lap("quick: render own");
	for (size_t i = 0; i < qk->p1.n; i++) {
		const char **v;
		size_t k;
		char *f = xasprintf("%s/%s", qk->site, qk->p1.v[i]);
		char *t = xasprintf("%s/%s", e->live, qk->p1.v[i]);

		k = links_in(e->links, qk->p1.v[i], &v);
		add_list(&qk->p2, v, k);
		k = links_out(e->links, qk->p1.v[i], &v);
		add_list(&qk->p2, v, k);
		/* A changed item's page that is no longer built (deleted,
		 * renamed, no longer public) goes. */
		if (access(f, F_OK) != 0 && unlink(t) == 0)
			n++;
		free(f);
		free(t);
	}
	links_now(qk);
	return n + (long)sync_tree(qk->site, e->live, 0, NULL);
}

/* The second step: the pages of p2 that p1 does not hold, and the
 * indexes. The number of files it changed, or -1. */
static long
quick_rest(const struct edition *ed, const struct theme *th,
    const struct sbuild *b, const struct sbuild_ed *e, struct quick *qk)
{
	size_t j = 0;

	pset_add(&qk->p2, "index.html");
	pset_add(&qk->p2, "matters.html");
	pset_add(&qk->p2, "offices.html");
	pset_add(&qk->p2, "departments.html");
	pset_sort(&qk->p2);
	for (size_t i = 0; i < qk->p2.n; i++) {
		/* Not search.html (every page links it): an item's save
		 * changes it only by the search index's meta it holds,
		 * which only the full pass knows. */
		if (pset_has(&qk->p1, qk->p2.v[i]) ||
		    strcmp(qk->p2.v[i], "search.html") == 0) {
			free(qk->p2.v[i]);
			continue;
		}
		qk->p2.v[j++] = qk->p2.v[i];
	}
	qk->p2.n = j;
	rm_rf(qk->work);
	mkdir_p(qk->site);
	if (qk->p2.n > 0 && render(ed, th, b, e, qk->work, &qk->p2) != 0)
		return -1;
	return (long)sync_tree(qk->site, e->live, 0, NULL);
}

static void
quick_free(struct quick *qk)
{
	if (qk->work != NULL)
		rm_rf(qk->work);
	free(qk->work);
	free(qk->site);
	pset_free(&qk->p1);
	pset_free(&qk->p2);
}

/* Tell the server that the quick pass has served what it counts: "P n"
 * after the items' own pages, "Q n" when it is done. */
static int
quick_say(const struct sbuild *b, char what, long n)
{
	char line[32];
	int len = snprintf(line, sizeof(line), "%c %ld\n", what, n);

	return b->qfd < 0 || write(b->qfd, line, (size_t)len) == len ? 0 : -1;
}

/*
 * The quick pass over every edition: the items' own pages first (the
 * server is told when they are served), then the rest. The number of
 * files it changed, or -1 when only the full pass can tell.
 */
static long
quick_pass(struct edition **eds, struct theme **th, const struct sbuild *b)
{
	struct quick *qk = xcalloc(b->neds, sizeof(*qk));
	long q = 0, n;

	for (size_t i = 0; i < b->neds && q >= 0; i++) {
		n = quick_own(eds[i], th[i], b, &b->eds[i], &qk[i]);
		q = n < 0 ? -1 : q + n;
	}
	lap("quick: own pages");
	if (q >= 0 && !diag_count(DIAG_ERROR) && quick_say(b, 'P', q) != 0)
		q = -1;
	for (size_t i = 0; i < b->neds && q >= 0; i++) {
		n = quick_rest(eds[i], th[i], b, &b->eds[i], &qk[i]);
		q = n < 0 ? -1 : q + n;
	}
	for (size_t i = 0; i < b->neds; i++)
		quick_free(&qk[i]);
	free(qk);
	lap("quick: the rest");
	if (q >= 0 && !diag_count(DIAG_ERROR) && quick_say(b, 'Q', q) != 0)
		q = -1;
	return q;
}

/* ---- the full pass ------------------------------------------------------ */

static void
scan_site(FILE *fp, const char *site, const char *rel)
{
	char *dir = *rel ? xasprintf("%s/%s", site, rel) : xstrdup(site);
	struct dirent **de;
	int n = scandir(dir, &de, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *nm = de[i]->d_name;
		char *r = *rel ? xasprintf("%s/%s", rel, nm) : xstrdup(nm);
		char *f = xasprintf("%s/%s", dir, nm);
		size_t len = strlen(nm);
		struct stat st;

		if (nm[0] != '.' && lstat(f, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				scan_site(fp, site, r);
			else if (len > 5 && strcmp(nm + len - 5, ".html") == 0) {
				char *data;
				size_t dl;

				fprintf(fp, "P %s\n", r);
				if (file_read(f, &data, &dl, 0) == 0) {
					links_scan(fp, r, data, dl);
					free(data);
				}
			}
		}
		free(r);
		free(f);
		free(de[i]);
	}
	free(de);
	free(dir);
}

/* The pages of the built site and their links, for the next quick pass. */
static void
write_links(const struct edition *ed, const char *site, const char *file)
{
	char *tmp = xasprintf("%s.tmp", file), *names = names_of(ed);
	FILE *fp = fopen(tmp, "w");

	if (fp != NULL) {
		fputs(names, fp);
		scan_site(fp, site, "");
		if (fclose(fp) == 0)
			rename(tmp, file);
	}
	unlink(tmp);
	free(tmp);
	free(names);
}

/* The served folder of the full pass, as put_page sees it. */
struct put {
	const char	*work;		/* work/site/ */
	size_t		 worklen;
	const char	*live;
	long		 html;		/* pages it changed */
	long		 seq;		/* temporary names */
};

/*
 * A page of the full pass, served at once: when the served copy has
 * other bytes, the page is written into the work folder and linked over
 * the served one (a temporary link renamed: never half a page); when it
 * has the same, the work file is a link to it. Either way the sync that
 * follows finds them the same file and goes on; anything that goes
 * wrong here is left to it.
 */
static int
put_page(void *arg, const char *file, const char *data, size_t len)
{
	struct put *pt = arg;
	char *live, *tmp, *old = NULL;
	size_t oldlen = 0, fl = strlen(file);
	int same;

	/* search.html holds the index's meta: served by the sync, after
	 * the index (sync_dir) */
	if (strncmp(file, pt->work, pt->worklen) != 0 ||
	    strcmp(file + pt->worklen, "search.html") == 0)
		return file_write(file, data, len);
	live = xasprintf("%s/%s", pt->live, file + pt->worklen);
	same = file_read(live, &old, &oldlen, 0) == 0 && oldlen == len &&
	    memcmp(old, data, len) == 0;
	free(old);
	if (same && link(live, file) == 0) {
		free(live);
		return 0;
	}
	if (file_write(file, data, len) != 0) {
		free(live);
		return -1;
	}
	tmp = xasprintf("%s.~ybt%ld", live, __atomic_add_fetch(&pt->seq, 1,
	    __ATOMIC_RELAXED));
	if (!same && link(file, tmp) == 0) {
		if (rename(tmp, live) == 0 && fl > 5 &&
		    strcmp(file + fl - 5, ".html") == 0) {
			__atomic_add_fetch(&pt->html, 1, __ATOMIC_RELAXED);
			if (getenv("YBT_SERVE_TIMES"))
				fprintf(stderr, "ybt serve: full: %s\n", live);
		}
		unlink(tmp);
	}
	free(tmp);
	free(live);
	return 0;
}

static int
full_pass(struct edition *ed, const struct theme *theme,
    const struct sbuild *b, const struct sbuild_ed *e, size_t *changed,
    long *html)
{
	struct out_ctx ctx;
	struct put pt;
	char *work, *site;
	int rc = 0;

	work = xasprintf("%s/work/%s", b->stage, ed->id);
	rm_rf(work);
	if (mkdir_p(work) != 0) {
		diag_io(work, "无法创建文件夹：%s",
		    zh_strerror(errno));
		free(work);
		return EXIT_USAGE;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.ed = ed;
	ctx.theme = theme;
	ctx.dir = work;
	ctx.formats = b->formats | FMT_HTML;
	ctx.jobs = b->jobs;
	ctx.duplex = theme_bool(theme, "leaflet.duplex", 0);
	memset(&pt, 0, sizeof(pt));
	pt.work = site = xasprintf("%s/site/", work);
	pt.worklen = strlen(site);
	pt.live = e->live;
	if (is_dir(e->live)) {
		ctx.put = put_page;
		ctx.put_arg = &pt;
	}
	/* As `ybt build`: the others first, so that the portal links them. */
	if ((ctx.formats & (FMT_PDF | FMT_PRINT)) && out_pdf(&ctx) != 0)
		rc = EXIT_CONTENT;
	if (rc == 0 && (ctx.formats & FMT_LEAFLETS) && out_leaflets(&ctx) != 0)
		rc = EXIT_CONTENT;
	if (rc == 0)
		keep_downloads(b, ed, e->live, work);
	if (rc == 0 && (out_html(&ctx) != 0 || diag_count(DIAG_ERROR)))
		rc = EXIT_CONTENT;
	lap("full: render");
	*changed += (size_t)pt.html;
	*html += pt.html;
	if (rc == 0) {
		/* Served first; the links after, from the served site (the
		 * same bytes now). */
		*changed += sync_tree(site, e->live, 1, html);
		lap("full: sync");
		write_links(ed, e->live, e->linkfile);
		lap("full: links");
	}
	free(site);
	rm_rf(work);
	free(work);
	return rc;
}

/* YBT_SERVE_TIMES=1: the time of each step on stderr. */
static void
lap(const char *what)
{
	static struct timespec t0;
	struct timespec t;

	if (getenv("YBT_SERVE_TIMES") == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (what != NULL)
		fprintf(stderr, "ybt serve: %s %.1f ms\n", what,
		    (double)(t.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t.tv_nsec - t0.tv_nsec) / 1e6);
	t0 = t;
}

/* ---- the holder --------------------------------------------------------- */

/* The patch the server sends on cfd: "C KIND ID PATH" lines, then ".".
 * The number of changes, or -1 (the server is gone, or garbage). */
static long
read_patch(int fd, struct schange **out)
{
	char *mem = NULL, chunk[4096], *line, *save = NULL;
	size_t len = 0, nch = 0;
	ssize_t n;

	*out = NULL;
	while (len < 2 || memcmp(mem + len - 2, ".\n", 2) != 0) {
		if ((n = read(fd, chunk, sizeof(chunk))) <= 0 ||
		    len + (size_t)n > (1u << 20)) {
			if (n < 0 && errno == EINTR)
				continue;
			free(mem);
			return -1;
		}
		mem = xrealloc(mem, len + (size_t)n + 1);
		memcpy(mem + len, chunk, (size_t)n);
		len += (size_t)n;
	}
	mem[len] = '\0';
	for (line = strtok_r(mem, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *id, *path;
		int k;
		struct schange *c;

		if (strcmp(line, ".") == 0)
			break;
		if (sscanf(line, "C %d ", &k) != 1 || k <= KIND_EDITION ||
		    k > KIND_OFFICE || (id = strchr(line + 2, ' ')) == NULL ||
		    (path = strchr(++id, ' ')) == NULL)
			return -1;	/* mem is the changes' */
		*path++ = '\0';
		c = VEC_PUSH(out, &nch);
		c->kind = (enum kind)k;
		c->old_id = c->new_id = id;
		c->path = path;
	}
	return (long)nch;
}

/*
 * After a good full pass: hold the model until the server sends a patch
 * (or goes), put it in, and serve it with a quick pass. The exit status.
 */
static int
hold(struct edition **eds, struct theme **th, const struct sbuild *b)
{
	struct sbuild nb = *b;
	struct sbuild_ed *ne;
	struct schange *ch;
	long nch;
	long q;

	/* What the full pass said is the server's now. */
	if (diag_save(b->dfile) != 0 || quick_say(b, 'H', 0) != 0)
		return 0;
	/* The links of the full pass, read while there is time. */
	ne = xcalloc(b->neds, sizeof(*ne));
	for (size_t i = 0; i < b->neds; i++) {
		ne[i] = b->eds[i];
		ne[i].links = links_load(ne[i].linkfile);
	}
	if ((nch = read_patch(b->cfd, &ch)) <= 0)
		return SERVE_UNPATCHED;
	lap(NULL);
	for (long i = 0; i < nch; i++)
		if (model_patch(eds, b->neds, ch[i].kind, ch[i].new_id,
		    ch[i].path) != 0) {
			diag_forget();
			return SERVE_UNPATCHED;
		}
	diag_forget();
	lap("patch");
	nb.eds = ne;
	nb.ch = ch;
	nb.nch = (size_t)nch;
	q = quick_pass(eds, th, &nb);
	return q >= 0 ? 0 : SERVE_UNPATCHED;
}

int
serve_child_build(void *arg)
{
	const struct sbuild *b = arg;
	struct edition **eds = xcalloc(b->neds, sizeof(*eds));
	struct theme **th = xcalloc(b->neds, sizeof(*th));
	size_t changed = 0;
	long q = 0, html = 0;
	char *p;
	FILE *fp;
	int rc = 0;
	sigset_t set;

	/* The server blocks these to read them from a descriptor; a
	 * rebuild it stops, or a holder, ends by them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	if (b->cfd_w != -1)
		close(b->cfd_w);	/* EOF on cfd: the server is gone */
	lap(NULL);
	cache_install();
	p = xasprintf("%s/read", b->stage);
	cache_record(p);
	free(p);
	for (size_t i = 0; i < b->neds; i++)
		if ((eds[i] = model_load(b->eds[i].dir)) == NULL) {
			diag_file(b->eds[i].dir, 0, 0, DIAG_ERROR,
			    "无法读取版本文件夹");
			rc = EXIT_USAGE;
		}
	cache_record_end();
	lap("model");
	if (rc == 0)
		write_watch_list(b, eds);
	if (rc == 0 && diag_count(DIAG_ERROR))
		rc = EXIT_CONTENT;
	for (size_t i = 0; rc == 0 && i < b->neds; i++) {
		if ((th[i] = theme_load(eds[i]->theme, eds[i]->dir)) == NULL)
			rc = EXIT_CONTENT;
		else
			zh_typeset(eds[i]);
	}
	lap("typeset");
	/* Quick: only when nothing but item files changed, and only the
	 * portal is built (the PDFs the pages link to come with the full
	 * pass). */
	if (rc == 0 && b->quick && (b->formats & ~FMT_HTML) == 0) {
		q = quick_pass(eds, th, b);
		if (diag_count(DIAG_ERROR))
			rc = EXIT_CONTENT;
	}
	for (size_t i = 0; rc == 0 && i < b->neds; i++)
		rc = full_pass(eds[i], th[i], b, &b->eds[i], &changed, &html);
	lap("full");
	p = xasprintf("%s/changed", b->stage);
	if ((fp = fopen(p, "w")) != NULL) {
		fprintf(fp, "%zu %ld %ld\n", changed, rc == 0 && b->quick ? q :
		    -1, html);
		fclose(fp);
	}
	free(p);
	if (rc == 0 && b->cfd != -1 && b->qfd != -1 &&
	    (b->formats & ~FMT_HTML) == 0)
		return hold(eds, th, b);
	return rc;
}
