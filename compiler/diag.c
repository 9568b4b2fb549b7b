/*
 * diag.c — collects diagnostics of a whole run, prints them sorted by
 * path (bytewise), line and column, in the one format
 * "file:line:col: error|warning|note: message".
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"

struct diag {
	char		*file;
	int		 line;
	int		 col;
	enum diag_level	 level;
	char		*msg;
	size_t		 seq;
};

static struct diag_rec	*recs;

static struct diag	*diags;
static size_t		 ndiags;
static size_t		 counts[3];
static size_t		 seq;
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;	/* reader threads */
static enum diag_level	 min_level = DIAG_NOTE;
static int		 werror;
static int		 io_failed;	/* diag_io, from any thread */

static const char *const level_names[] = { "note", "warning", "error" };

static void
diag_add(const char *file, int line, int col, enum diag_level level,
    const char *fmt, va_list ap)
{
	struct diag *d;
	struct buf b;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	pthread_mutex_lock(&lock);
	counts[level]++;
	/* Identical diagnostics (same place, same words) are said once. */
	for (size_t i = ndiags; i > 0 && i + 8 > ndiags; i--) {
		d = &diags[i - 1];
		if (d->line == line && d->col == col && d->level == level &&
		    str_eq(d->file, file ? file : "ybt") &&
		    strcmp(d->msg, b.data) == 0) {
			pthread_mutex_unlock(&lock);
			buf_free(&b);
			return;
		}
	}
	d = VEC_PUSH(&diags, &ndiags);
	d->file = xstrdup(file ? file : "ybt");
	d->line = line;
	d->col = col;
	d->level = level;
	d->msg = buf_detach(&b);
	d->seq = seq++;
	pthread_mutex_unlock(&lock);
}

void
diag_at(const struct loc *l, enum diag_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(l ? l->file : NULL, l ? l->line : 0, l ? l->col : 0,
	    level, fmt, ap);
	va_end(ap);
}

void
diag_file(const char *file, int line, int col, enum diag_level level,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(file, line, col, level, fmt, ap);
	va_end(ap);
}

void
diag_set_min(enum diag_level l)
{
	min_level = l;
}

void
diag_set_werror(int on)
{
	werror = on;
}

enum diag_level
diag_worst(void)
{
	if (counts[DIAG_ERROR])
		return DIAG_ERROR;
	if (counts[DIAG_WARNING])
		return DIAG_WARNING;
	return DIAG_NOTE;
}

size_t
diag_count(enum diag_level l)
{
	return counts[l];
}

void
diag_io(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(file, 0, 0, DIAG_ERROR, fmt, ap);
	va_end(ap);
	__atomic_store_n(&io_failed, 1, __ATOMIC_RELAXED);
}

int
diag_exit_status(void)
{
	if (__atomic_load_n(&io_failed, __ATOMIC_RELAXED))
		return EXIT_USAGE;
	if (counts[DIAG_ERROR])
		return EXIT_CONTENT;
	if (counts[DIAG_WARNING] && werror)
		return EXIT_WARN;
	return EXIT_CLEAN;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
diag_same(const struct diag *a, const struct diag *b)
{
	return a->line == b->line && a->col == b->col &&
	    a->level == b->level && strcmp(a->file, b->file) == 0 &&
	    strcmp(a->msg, b->msg) == 0;
}

size_t
diag_records(const struct diag_rec **out)
{
	size_t i, n = 0;

	xqsort(diags, ndiags, sizeof(*diags), diag_cmp);
	free(recs);
	recs = xcalloc(ndiags + 1, sizeof(*recs));
	for (i = 0; i < ndiags; i++) {
		if (i > 0 && diag_same(&diags[i], &diags[i - 1]))
			continue;
		recs[n].file = diags[i].file;
		recs[n].line = diags[i].line;
		recs[n].col = diags[i].col;
		recs[n].level = diags[i].level;
		recs[n].msg = diags[i].msg;
		n++;
	}
	*out = recs;
	return n;
}

void
diag_flush(void)
{
	diag_flush_to(stderr);
}

void
diag_flush_to(FILE *fp)
{
	size_t i;

	xqsort(diags, ndiags, sizeof(*diags), diag_cmp);
	for (i = 0; i < ndiags; i++) {
		struct diag *d = &diags[i];

		if (i > 0 && diag_same(d, &diags[i - 1]))
			continue;
		if (d->level >= min_level) {
			if (d->line > 0)
				fprintf(fp, "%s:%d:%d: %s: %s\n", d->file,
				    d->line, d->col > 0 ? d->col : 1,
				    level_names[d->level], d->msg);
			else
				fprintf(fp, "%s: %s: %s\n", d->file,
				    level_names[d->level], d->msg);
		}
	}
	for (i = 0; i < ndiags; i++) {
		free(diags[i].file);
		free(diags[i].msg);
	}
	free(recs);
	recs = NULL;
	free(diags);
	diags = NULL;
	ndiags = 0;
	fflush(fp);
}

void
diag_forget(void)
{
	for (size_t i = 0; i < ndiags; i++) {
		free(diags[i].file);
		free(diags[i].msg);
	}
	free(diags);
	diags = NULL;
	ndiags = 0;
	memset(counts, 0, sizeof(counts));
	__atomic_store_n(&io_failed, 0, __ATOMIC_RELAXED);
}

/*
 * A back end in a child process hands its diagnostics to the parent
 * through a file, so that the run prints them once, sorted, and the
 * same warning from the handbook, the print PDF and the leaflets is
 * said once. Records: level, line, col, file, message, each ended by
 * a NUL (no field can hold one).
 */
int
diag_save(const char *path)
{
	FILE	*fp = fopen(path, "wb");
	size_t	 i;
	int	 ok;

	if (fp == NULL)
		return -1;
	for (i = 0; i < ndiags; i++)
		fprintf(fp, "%d%c%d%c%d%c%s%c%s%c", (int)diags[i].level, 0,
		    diags[i].line, 0, diags[i].col, 0, diags[i].file, 0,
		    diags[i].msg, 0);
	ok = !ferror(fp);
	ok &= fclose(fp) == 0;
	if (!ok)
		return -1;
	diag_forget();
	return 0;
}

void
diag_load(const char *path)
{
	char	*data, *p, *end, *f[5];
	size_t	 len;
	int	 k;

	if (file_read(path, &data, &len, 0) != 0)
		return;
	for (p = data, end = data + len; p < end; ) {
		for (k = 0; k < 5 && p < end; k++) {
			char *z = memchr(p, '\0', (size_t)(end - p));
			if (z == NULL)
				break;
			f[k] = p;
			p = z + 1;
		}
		if (k < 5)
			break;
		k = atoi(f[0]);
		diag_file(f[3], atoi(f[1]), atoi(f[2]),
		    k == DIAG_ERROR ? DIAG_ERROR : k == DIAG_WARNING ?
		    DIAG_WARNING : DIAG_NOTE, "%s", f[4]);
	}
	free(data);
	unlink(path);
}

pid_t
diag_fork(const char *path, int (*fn)(void *), void *arg)
{
	pid_t	pid;
	int	st;

	fflush(NULL);
	if ((pid = fork()) != 0)
		return pid;
	diag_forget();
	st = fn(arg);
	if (diag_save(path) != 0)
		diag_flush();	/* said here, then */
	fflush(NULL);
	_exit(st);
}

void
diag_reset(void)
{
	diag_flush();
	memset(counts, 0, sizeof(counts));
	__atomic_store_n(&io_failed, 0, __ATOMIC_RELAXED);
}

const char *
diag_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned bestd = ~0u, d, limit;
	size_t len = utf8_strlen(word);

	limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	for (size_t i = 0; i < n; i++) {
		d = levenshtein(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}
