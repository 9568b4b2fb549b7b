/*
 * util.h — small helpers every layer may include: allocation that
 * never returns NULL, one growable buffer, string vectors, escapers.
 * Included by: any file.
 * Includes nothing but the C library.
 */
#ifndef YBT_UTIL_H
#define YBT_UTIL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

/* glibc's mmap threshold for the whole run (main.c); the search
 * index's levels lower it while they run and set it back (search_freq.c) */
#define HEAP_MMAP_THRESHOLD	(32 << 20)

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*path_leaf(const char *);
char	*path_stem(const char *);	/* file name less ".md" */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Grow an array *pp holding *np elements by one; return the new slot. */
#define VEC_PUSH(pp, np) \
	(*(pp) = xreallocarray(*(pp), (*(np)) + 1, sizeof(**(pp))), \
	 memset(&(*(pp))[*(np)], 0, sizeof(**(pp))), &(*(pp))[(*(np))++])

/* Append x to the array *v of *n numbers unless it holds it already
 * (small sets: a linear search). */
void	 uniq_add(unsigned **v, size_t *n, unsigned x);

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_grow(struct buf *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putn(struct buf *, const char *, size_t);
/* One byte: inline, since escapers call it for every character. */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
char	*buf_detach(struct buf *);	/* NUL-terminated, buffer reset */
/* s as a YAML double-quoted scalar: " \\ and control characters
 * escaped (the sources, import and the workbook's 扩展 cells write it). */
void	 buf_yaml_quoted(struct buf *, const char *s);

/* Escapers: each appends to the buffer. */
void	 esc_html(struct buf *, const char *);	/* text content */
void	 esc_attr(struct buf *, const char *);	/* attribute value */
/* A relative path as a URL path: spaces, %, #, ? and the like as %XX
 * (UTF-8 stays as it is: an IRI); still to be escaped as an attribute. */
void	 esc_urlpath(struct buf *, const char *);
void	 esc_json(struct buf *, const char *);	/* without quotes */
/* errno e in the editors' words (the common ones: a missing file, no
 * permission, a full disk), else strerror's. */
const char *zh_strerror(int e);
#define	 esc_xml esc_attr

/* UTF-8 helpers. */
int	 utf8_decode(const char *, size_t, unsigned *);	/* bytes used, 0 bad */

/*
 * Length of the valid UTF-8 sequence at s (n bytes left) with its code
 * point in *cp, or 0 when invalid. Inline: the hot loops of decoding
 * and glyph checks call it once per character.
 */
static inline int
utf8_next(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* The common case in Chinese text: three bytes, U+0800..U+FFFF. */
	if ((u[0] & 0xf0) == 0xe0 && n >= 3 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80 && (u[0] != 0xe0 || u[1] >= 0xa0) &&
	    (u[0] != 0xed || u[1] < 0xa0)) {
		*cp = ((unsigned)(u[0] & 0x0f) << 12) |
		    ((unsigned)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		return 3;
	}
	return utf8_decode(s, n, cp);
}

int	 utf8_encode(unsigned, char *);			/* bytes written */
size_t	 utf8_valid_prefix(const char *, size_t);
size_t	 utf8_strlen(const char *);
size_t	 utf8_count(const char *, size_t);		/* chars in n bytes */
uint64_t hash_fnv(const char *, size_t);	/* 64-bit FNV-1a */

/* With YBT_TIMES in the environment, the wall time since the last
 * phase, the run's so far, the CPU time since the last and the peak
 * memory, on stderr (main thread; NULL starts the clock). */
void	 phase_time(const char *what);

/* File helpers. */
int	 file_read(const char *, char **, size_t *, size_t max);
int	 file_write_atomic(const char *, const void *, size_t);
/* Create or truncate and write, in place: one open, write, close. */
int	 file_scratch(const char *);	/* fd read-write, unlinked */
int	 file_write(const char *, const void *, size_t);
int	 mkdir_p(const char *);
int	 rm_rf(const char *);
int	 copy_file(const char *, const char *);

/* qsort that accepts an empty (NULL) array. */
void	 xqsort(void *, size_t, size_t, int (*)(const void *, const void *));

/* String helpers. */
int	 str_eq(const char *, const char *);	/* NULL-safe */
int	 str_has_prefix(const char *, const char *);
unsigned levenshtein(const char *, const char *);	/* in code points */
int	 is_iso_date(const char *, int *, int *, int *);
long	 days_from_civil(int, int, int);

#endif
