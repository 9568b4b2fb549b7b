/*
 * serve_cache.c — what `ybt serve` keeps between rebuilds (serve.c):
 *
 * The sources: every *.md of the guides/, matters/, procedures/ and
 * offices/ folders of the served editions and their bases, read once by
 * model_read_source (the model's own reader) and kept parsed, with what
 * reading them said (diagnostics are said again on each use), and the
 * item each makes (model_convert_source, with what converting said). A
 * file is read again only when an event names it; its bytes' hash tells
 * whether it really changed. The items are made again when a file that
 * is not a source changes (an image or form they name may have come or
 * gone). A rebuild child, forked from the server, inherits all this and
 * hands it to the model's readers (model_source_cache), after checking
 * that the file's inode, size and times are those read.
 *
 * The links: the full pass of a rebuild writes, per served edition, the
 * pages it built and the site-relative targets of their hrefs; the
 * server loads them, and the next quick pass asks which pages link to
 * the pages an edit touches.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "md.h"
#include "source.h"
#include "model.h"
#include "serve_cache.h"

/* ---- a string → index table ------------------------------------------ */

struct smap {
	size_t	*slot;		/* index + 1, 0 = empty */
	size_t	 cap;
	char	**keys;		/* by index, not owned */
};

static size_t
smap_find(const struct smap *m, const char *k)
{
	size_t i;

	if (m->cap == 0)
		return (size_t)-1;
	for (i = hash_fnv(k, strlen(k)) & (m->cap - 1); m->slot[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[m->slot[i] - 1], k) == 0)
			return m->slot[i] - 1;
	return (size_t)-1;
}

static void smap_put(struct smap *, char **, size_t, size_t);

static void
smap_grow(struct smap *m, char **keys, size_t n)
{
	free(m->slot);
	m->cap = m->cap ? m->cap * 2 : 1024;
	m->slot = xcalloc(m->cap, sizeof(*m->slot));
	m->keys = keys;
	for (size_t i = 0; i < n; i++)
		if (keys[i] != NULL)
			smap_put(m, keys, i, 0);
}

/* Index idx of keys (n in all) now in the table. */
static void
smap_put(struct smap *m, char **keys, size_t idx, size_t n)
{
	size_t i;

	if (n > 0 && (n + 1) * 2 > m->cap) {
		smap_grow(m, keys, idx);
	}
	m->keys = keys;
	for (i = hash_fnv(keys[idx], strlen(keys[idx])) & (m->cap - 1);
	    m->slot[i] != 0; i = (i + 1) & (m->cap - 1))
		continue;
	m->slot[i] = idx + 1;
}

/* ---- the sources ------------------------------------------------------ */

struct sdrec {
	int	 level, line, col;
	char	*file, *msg;
};

struct centry {
	char		*path;
	enum kind	 kind;
	int		 present;	/* the folder lists it */
	int		 read;		/* read at least once */
	int		 stale;		/* to be read again */
	int		 seen;		/* scan generation */
	struct stat	 st;
	uint64_t	 hash;		/* of the text and what reading said */
	uint64_t	 thash;		/* of the text alone */
	struct source	 src;
	struct md_node	*doc;
	int		 rc, err;
	struct sdrec	*d;
	size_t		 nd;
	void		*item;		/* model_convert_source's, or NULL */
	struct sdrec	*cd;		/* what converting it said */
	size_t		 ncd;
	int		 convert;	/* item to be made again */
	char		*id;		/* id, or the file's stem */
	/* as last built */
	int		 b_unknown;	/* not read yet when it was built: its
					 * first reading compares b_thash */
	uint64_t	 b_thash;	/* the text the build read */
	int		 b_present;
	uint64_t	 b_hash;
	char		*b_id;
	int		 taken;		/* in a child: handed to a reader */
};

static struct {
	struct centry	*e;
	size_t		 n;
	char		**keys;		/* e[i].path, for the map */
	struct smap	 map;
	char		**dirs;
	size_t		 ndirs;
	int		 gen;
	struct schange	*ch;
	size_t		 nch;
	void		**retired;	/* items replaced (model items have
					 * no free: kept reachable) */
	size_t		 nretired;
} C;

static const struct { const char *sub; enum kind kind; } folders[] = {
	{ "offices", KIND_OFFICE }, { "procedures", KIND_PROCEDURE },
	{ "matters", KIND_MATTER }, { "guides", KIND_GUIDE },
};

static int
is_md(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n >= 4 && strcmp(name + n - 3, ".md") == 0;
}

static struct centry *
entry(const char *path, enum kind k)
{
	size_t i = smap_find(&C.map, path);
	struct centry *e;

	if (i != (size_t)-1)
		return &C.e[i];
	C.e = xreallocarray(C.e, C.n + 1, sizeof(*C.e));
	C.keys = xreallocarray(C.keys, C.n + 1, sizeof(*C.keys));
	e = &C.e[C.n];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->kind = k;
	e->stale = 1;
	C.keys[C.n] = e->path;
	C.n++;
	smap_put(&C.map, C.keys, C.n - 1, C.n);
	return e;
}

static void
records_free(struct sdrec **d, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		free((*d)[i].file);
		free((*d)[i].msg);
	}
	free(*d);
	*d = NULL;
	*n = 0;
}

/* What diag.c holds now, kept to be said again; diag.c forgets it. */
static void
records_take(struct sdrec **d, size_t *nd, uint64_t *hash)
{
	const struct diag_rec *r;
	size_t n = diag_records(&r);

	*d = xcalloc(n + 1, sizeof(**d));
	for (size_t i = 0; i < n; i++) {
		(*d)[i].level = r[i].level;
		(*d)[i].line = r[i].line;
		(*d)[i].col = r[i].col;
		(*d)[i].file = xstrdup(r[i].file);
		(*d)[i].msg = xstrdup(r[i].msg);
		if (hash != NULL)
			*hash = *hash * 31 + hash_fnv(r[i].msg, strlen(r[i].msg));
	}
	*nd = n;
	diag_forget();
}

static void
records_say(const struct sdrec *d, size_t n)
{
	for (size_t k = 0; k < n; k++)
		diag_file(d[k].file, d[k].line, d[k].col,
		    (enum diag_level)d[k].level, "%s", d[k].msg);
}

static void
item_drop(struct centry *e)
{
	if (e->item != NULL)
		*VEC_PUSH(&C.retired, &C.nretired) = e->item;
	e->item = NULL;
	records_free(&e->cd, &e->ncd);
}

/* The item of a source read without error, as its edition makes it:
 * the folder holding the kind's folder. */
static void
convert(struct centry *e)
{
	const char *end = strrchr(e->path, '/');
	char *dir;

	e->convert = 0;
	if (e->rc != 0 || e->src.front == NULL || end == NULL)
		return;
	while (end > e->path && end[-1] != '/')
		end--;
	if (end <= e->path + 1)
		return;
	dir = xstrndup(e->path, (size_t)(end - 1 - e->path));
	e->item = model_convert_source(e->path, e->kind, dir, &e->src, e->doc);
	free(dir);
	if (e->item != NULL)
		records_take(&e->cd, &e->ncd, NULL);
	else
		diag_forget();	/* the load converts it and says it */
}

static void
entry_clear(struct centry *e)
{
	item_drop(e);
	source_free(&e->src);
	md_free(e->doc);
	e->doc = NULL;
	records_free(&e->d, &e->nd);
	free(e->id);
	e->id = NULL;
}

static void
scan(const char *dir)
{
	for (size_t f = 0; f < sizeof(folders) / sizeof(folders[0]); f++) {
		char *d = xasprintf("%s/%s", dir, folders[f].sub);
		DIR *dp = opendir(d);
		struct dirent *de;

		if (dp != NULL) {
			while ((de = readdir(dp)) != NULL) {
				char *p;
				struct centry *e;

				if (!is_md(de->d_name))
					continue;
				p = xasprintf("%s/%s", d, de->d_name);
				e = entry(p, folders[f].kind);
				e->seen = C.gen;
				if (!e->present)
					e->stale = 1;
				free(p);
			}
			closedir(dp);
		}
		free(d);
	}
}

void
cache_rescan(void)
{
	size_t dlen;

	C.gen++;
	for (size_t i = 0; i < C.ndirs; i++)
		scan(C.dirs[i]);
	/* What no folder lists any more is gone. */
	for (size_t i = 0; i < C.n; i++)
		for (size_t j = 0; j < C.ndirs; j++) {
			dlen = strlen(C.dirs[j]);
			if (strncmp(C.e[i].path, C.dirs[j], dlen) == 0 &&
			    C.e[i].path[dlen] == '/' && C.e[i].seen != C.gen &&
			    (C.e[i].present || !C.e[i].read))
				C.e[i].stale = 1;
		}
}

void
cache_edition(const char *dir)
{
	for (size_t i = 0; i < C.ndirs; i++)
		if (strcmp(C.dirs[i], dir) == 0)
			return;
	*VEC_PUSH(&C.dirs, &C.ndirs) = xstrdup(dir);
	C.gen++;
	scan(dir);
}

int
cache_touch(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return 0;
	for (size_t i = 0; i < C.ndirs; i++) {
		size_t n = strlen(C.dirs[i]);

		if (strncmp(path, C.dirs[i], n) != 0 || path[n] != '/')
			continue;
		for (size_t f = 0; f < sizeof(folders) / sizeof(folders[0]);
		    f++) {
			size_t k = strlen(folders[f].sub);

			/* Other files there (an editor's temporary file)
			 * are not read at all. */
			if (strncmp(path + n + 1, folders[f].sub, k) == 0 &&
			    path + n + 1 + k == slash) {
				if (is_md(slash + 1))
					entry(path, folders[f].kind)->stale = 1;
				return 1;
			}
		}
	}
	return 0;
}

/*
 * The first reading of a file that the last good build read from disk
 * (its folder was listed only once that build had begun): it is as
 * built when the build read the same text; else it changed (or is new,
 * when the build did not read it), and its page, under the file's stem,
 * is rendered again.
 */
static void
adopt(struct centry *e)
{
	e->b_unknown = 0;
	free(e->b_id);
	e->b_id = NULL;
	if (!e->b_present)
		return;
	if (e->present && e->thash == e->b_thash) {
		e->b_hash = e->hash;
		e->b_id = e->id ? xstrdup(e->id) : NULL;
	} else {
		e->b_hash = ~e->hash;
		e->b_id = path_stem(e->path);
	}
}

static void
refresh(struct centry *e)
{
	struct stat lst;
	const struct ynode *v;

	entry_clear(e);
	e->stale = 0;
	e->read = 1;
	e->taken = 0;
	if (lstat(e->path, &lst) != 0) {
		e->present = 0;
		e->hash = 0;
		return;
	}
	e->present = 1;
	if (stat(e->path, &e->st) != 0)
		memset(&e->st, 0, sizeof(e->st));
	e->rc = model_read_source(e->path, &e->src, &e->doc);
	e->err = errno;
	e->hash = e->src.text != NULL ? hash_fnv(e->src.text, e->src.len) :
	    1000003u * (uint64_t)(e->rc + 2) + (uint64_t)e->err;
	e->thash = e->hash;
	/* What reading it said, to be said again on each use. */
	records_take(&e->d, &e->nd, &e->hash);
	convert(e);
	if (e->src.front != NULL && (((v = ynode_get(e->src.front, "id")) !=
	    NULL) || (v = ynode_get(e->src.front, "编号")) != NULL) &&
	    v->type == YN_SCALAR)
		e->id = xstrdup(v->str);
	else
		e->id = path_stem(e->path);
	if (e->b_unknown)
		adopt(e);
}

size_t
cache_refresh(size_t max)
{
	size_t done = 0, left = 0;

	for (size_t i = 0; i < C.n; i++) {
		if (!C.e[i].stale)
			continue;
		if (max == 0 || done < max) {
			refresh(&C.e[i]);
			done++;
		} else
			left++;
	}
	return left;
}

void
cache_forget_items(void)
{
	for (size_t i = 0; i < C.n; i++)
		if (C.e[i].item != NULL) {
			item_drop(&C.e[i]);
			C.e[i].convert = 1;
		}
}

size_t
cache_convert(size_t max)
{
	size_t done = 0, left = 0;

	for (size_t i = 0; i < C.n; i++) {
		if (!C.e[i].convert || C.e[i].stale)
			continue;
		if (done++ < max)
			convert(&C.e[i]);
		else
			left++;
	}
	return left;
}

size_t
cache_unconverted(void)
{
	size_t n = 0;

	for (size_t i = 0; i < C.n; i++)
		n += C.e[i].convert && !C.e[i].stale;
	return n;
}

size_t
cache_unread(void)
{
	size_t n = 0;

	for (size_t i = 0; i < C.n; i++)
		if (!C.e[i].read)
			n++;
	return n;
}

static int
entry_changed(const struct centry *e)
{
	return e->present != e->b_present || (e->present && e->hash !=
	    e->b_hash);
}

int
cache_dirty(void)
{
	for (size_t i = 0; i < C.n; i++)
		if (entry_changed(&C.e[i]))
			return 1;
	return 0;
}

size_t
cache_changes(struct schange **out)
{
	free(C.ch);
	C.ch = NULL;
	C.nch = 0;
	for (size_t i = 0; i < C.n; i++) {
		struct centry *e = &C.e[i];

		if (!entry_changed(e))
			continue;
		*VEC_PUSH(&C.ch, &C.nch) = (struct schange){ e->kind,
		    e->b_present ? e->b_id : NULL,
		    e->present && e->rc == 0 ? e->id : NULL, e->path };
	}
	*out = C.ch;
	return C.nch;
}

void
cache_built(const char *readlist)
{
	char *data, *line, *save = NULL;
	size_t len, j = 0;

	/* What the build read of files not read here yet. */
	if (file_read(readlist, &data, &len, 0) == 0) {
		for (line = strtok_r(data, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			size_t i;

			if (strlen(line) < 18 || line[16] != ' ' ||
			    (i = smap_find(&C.map, line + 17)) == (size_t)-1 ||
			    C.e[i].read)
				continue;
			C.e[i].b_thash = strtoull(line, NULL, 16);
			C.e[i].b_present = 2;	/* read by the build */
		}
		free(data);
	}
	for (size_t i = 0; i < C.n; i++) {
		struct centry *e = &C.e[i];

		if ((e->b_unknown = !e->read)) {
			e->b_present = e->b_present == 2;
			C.e[j++] = *e;
			continue;
		}
		e->b_present = e->present;
		e->b_hash = e->hash;
		free(e->b_id);
		e->b_id = e->id ? xstrdup(e->id) : NULL;
		if (!e->present && e->read && !e->stale) {
			entry_clear(e);
			free(e->b_id);
			free(e->path);
			continue;
		}
		C.e[j++] = *e;
	}
	C.n = j;
	free(C.map.slot);
	memset(&C.map, 0, sizeof(C.map));
	for (size_t i = 0; i < C.n; i++) {
		C.keys[i] = C.e[i].path;
		smap_put(&C.map, C.keys, i, i + 1);
	}
}

uint64_t
cache_signature(void)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < C.n; i++)
		if (C.e[i].present)
			h = (h ^ C.e[i].hash ^ hash_fnv(C.e[i].path,
			    strlen(C.e[i].path))) * 1099511628211ULL;
		else
			h = (h ^ 7) * 1099511628211ULL;
	return h;
}

size_t
cache_bytes(void)
{
	size_t b = 0;

	for (size_t i = 0; i < C.n; i++)
		b += C.e[i].src.len;
	return b;
}

/* The model's readers ask here first (in a rebuild child, on threads;
 * each path is asked once, so entries are never shared). */
static int
cache_get(const char *path, struct source *src, struct md_node **doc,
    int *rc, int *err, void **item)
{
	size_t i = smap_find(&C.map, path);
	struct centry *e;
	struct stat st;

	if (i == (size_t)-1)
		return 0;
	e = &C.e[i];
	if (!e->read || e->stale || !e->present || e->taken ||
	    stat(path, &st) != 0 || st.st_ino != e->st.st_ino ||
	    st.st_dev != e->st.st_dev || st.st_size != e->st.st_size ||
	    st.st_mtim.tv_sec != e->st.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != e->st.st_mtim.tv_nsec ||
	    st.st_ctim.tv_sec != e->st.st_ctim.tv_sec ||
	    st.st_ctim.tv_nsec != e->st.st_ctim.tv_nsec)
		return 0;
	e->taken = 1;
	*src = e->src;
	*doc = e->doc;
	*rc = e->rc;
	*err = e->err;
	*item = e->item;
	records_say(e->d, e->nd);
	if (e->item != NULL)
		records_say(e->cd, e->ncd);
	return 1;
}

void
cache_install(void)
{
	model_source_cache(cache_get);
}

/* The reader threads of a rebuild child: what they read from disk. */
static FILE		*rec_fp;
static pthread_mutex_t	 rec_mu = PTHREAD_MUTEX_INITIALIZER;

static void
rec_hook(const char *path, const char *text, size_t len)
{
	pthread_mutex_lock(&rec_mu);
	fprintf(rec_fp, "%016" PRIx64 " %s\n", hash_fnv(text, len), path);
	pthread_mutex_unlock(&rec_mu);
}

void
cache_record(const char *file)
{
	if ((rec_fp = fopen(file, "w")) != NULL)
		model_text_hook(rec_hook);
}

void
cache_record_end(void)
{
	model_text_hook(NULL);
	if (rec_fp != NULL)
		fclose(rec_fp);
	rec_fp = NULL;
}

/* ---- the links ---------------------------------------------------------- */

struct slinks {
	char		**s;		/* interned paths */
	size_t		  ns;
	struct smap	  map;
	size_t		**out, *nout;	/* per string: targets (pages only) */
	size_t		**in, *nin;	/* per string: pages linking to it */
	char		 *names;
};

static size_t
intern(struct slinks *l, const char *p)
{
	size_t i = smap_find(&l->map, p);

	if (i != (size_t)-1)
		return i;
	l->s = xreallocarray(l->s, l->ns + 1, sizeof(*l->s));
	l->out = xreallocarray(l->out, l->ns + 1, sizeof(*l->out));
	l->nout = xreallocarray(l->nout, l->ns + 1, sizeof(*l->nout));
	l->in = xreallocarray(l->in, l->ns + 1, sizeof(*l->in));
	l->nin = xreallocarray(l->nin, l->ns + 1, sizeof(*l->nin));
	l->s[l->ns] = xstrdup(p);
	l->out[l->ns] = l->in[l->ns] = NULL;
	l->nout[l->ns] = l->nin[l->ns] = 0;
	l->ns++;
	smap_put(&l->map, l->s, l->ns - 1, l->ns);
	return l->ns - 1;
}

struct slinks *
links_load(const char *file)
{
	char *data, *line, *save = NULL;
	size_t len, page = (size_t)-1;
	struct slinks *l;
	struct buf names;

	if (file_read(file, &data, &len, 0) != 0)
		return NULL;
	l = xcalloc(1, sizeof(*l));
	buf_init(&names);
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == 'P' && line[1] == ' ')
			page = intern(l, line + 2);
		else if (line[0] == 'L' && line[1] == ' ' &&
		    page != (size_t)-1) {
			size_t t = intern(l, line + 2);

			*VEC_PUSH(&l->out[page], &l->nout[page]) = t;
			*VEC_PUSH(&l->in[t], &l->nin[t]) = page;
		} else if (line[0] == 'D' || line[0] == 'S') {
			buf_puts(&names, line);
			buf_putc(&names, '\n');
		}
	}
	free(data);
	l->names = names.data ? buf_detach(&names) : xstrdup("");
	return l;
}

void
links_free(struct slinks *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->ns; i++) {
		free(l->s[i]);
		free(l->out[i]);
		free(l->in[i]);
	}
	free(l->s);
	free(l->out);
	free(l->nout);
	free(l->in);
	free(l->nin);
	free(l->map.slot);
	free(l->names);
	free(l);
}

static size_t
links_list(const struct slinks *l, const char *page, int in,
    const char ***out)
{
	size_t i = l ? smap_find(&l->map, page) : (size_t)-1, n;
	const size_t *v;

	*out = NULL;
	if (i == (size_t)-1)
		return 0;
	v = in ? l->in[i] : l->out[i];
	n = in ? l->nin[i] : l->nout[i];
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t k = 0; k < n; k++)
		(*out)[k] = l->s[v[k]];
	return n;
}

size_t
links_in(const struct slinks *l, const char *page, const char ***out)
{
	return links_list(l, page, 1, out);
}

size_t
links_out(const struct slinks *l, const char *page, const char ***out)
{
	return links_list(l, page, 0, out);
}

const char *
links_names(const struct slinks *l)
{
	return l ? l->names : "";
}

/* href (relative to page's folder) as a path from the site's root, or
 * NULL: an absolute URL, a fragment only, or outside the site. */
static char *
link_target(const char *page, const char *href, size_t n)
{
	const char *slash = strrchr(page, '/');
	char *v = xstrndup(href, n), *p, *seg, *save = NULL;
	char *out[64];
	size_t k = 0;
	struct buf b;

	if ((p = strpbrk(v, "#?")) != NULL)
		*p = '\0';
	if (*v == '\0' || strchr(v, ':') != NULL || *v == '/') {
		free(v);
		return NULL;
	}
	buf_init(&b);
	if (slash != NULL) {
		buf_putn(&b, page, (size_t)(slash - page + 1));
	}
	buf_puts(&b, v);
	free(v);
	for (seg = strtok_r(b.data, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (k == 0) {
				buf_free(&b);
				return NULL;
			}
			k--;
			continue;
		}
		if (k < 64)
			out[k++] = seg;
	}
	{
		struct buf r;

		buf_init(&r);
		for (size_t i = 0; i < k; i++) {
			if (i)
				buf_putc(&r, '/');
			buf_puts(&r, out[i]);
		}
		buf_free(&b);
		return r.data ? buf_detach(&r) : NULL;
	}
}

void
links_scan(void *fp, const char *page, const char *html, size_t len)
{
	const char *p = html, *end = html + len;

	while (p < end && (p = memchr(p, 'h', (size_t)(end - p))) != NULL) {
		const char *q;
		char *t;

		if ((size_t)(end - p) < 6 || memcmp(p, "href=\"", 6) != 0) {
			p++;
			continue;
		}
		p += 6;
		if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
			break;
		if ((t = link_target(page, p, (size_t)(q - p))) != NULL) {
			fprintf(fp, "L %s\n", t);
			free(t);
		}
		p = q + 1;
	}
}
