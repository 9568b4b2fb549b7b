/*
 * util.c — allocation, the growable buffer, escapers, UTF-8 and file
 * helpers. Allocation failure ends the program (mandoc's mandoc_malloc):
 * callers never check for NULL.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void
oom(void)
{
	fputs("ybt: out of memory\n", stderr);
	exit(3);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz && n > SIZE_MAX / sz)
		oom();
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	buf_grow(&b, 0);	/* room for a short one: one pass */
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
uniq_add(unsigned **v, size_t *n, unsigned x)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return;
	*VEC_PUSH(v, n) = x;
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_putn(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	size_t avail;
	int n;

	/* Into the room the buffer has, formatted a second time only if
	 * it did not fit (most calls fit: one pass, not a measuring one
	 * first). */
	avail = b->cap > b->len ? b->cap - b->len : 0;
	va_copy(aq, ap);
	n = vsnprintf(avail > 0 ? b->data + b->len : NULL, avail, fmt, aq);
	va_end(aq);
	if (n < 0) {
		if (avail > 0)
			b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= avail) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

void
buf_yaml_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++)
		switch (*s) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			if ((unsigned char)*s < 0x20)
				buf_printf(b, "\\x%02x", (unsigned char)*s);
			else
				buf_putc(b, *s);
		}
	buf_putc(b, '"');
}

void
esc_html(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		default: buf_putc(b, *s); break;
		}
}

void
esc_urlpath(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c == 0x7F || strchr("\"#%<>?\\^`{|}", c)) {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else
			buf_putc(b, (char)c);
	}
}

void
esc_attr(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s); break;
		}
}

void
esc_json(struct buf *b, const char *s)
{
	const char *t;

	for (;;) {
		unsigned char c;

		/* Copy the run of bytes that need no escape at once. */
		for (t = s; (c = (unsigned char)*t) >= 0x20 && c != '"' &&
		    c != '\\' && c != '<'; t++)
			;
		buf_putn(b, s, (size_t)(t - s));
		if (c == '\0')
			return;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else			/* '<': safe inside <script> */
			buf_puts(b, "\\u003c");
		s = t + 1;
	}
}

int
utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c;
	int len, i;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
utf8_encode(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	unsigned cp;
	int k;

	while (i < n) {
		/* ASCII runs eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((k = utf8_next(s + i, n - i, &cp)) == 0)
			break;
		i += (size_t)k;
	}
	return i;
}

size_t
utf8_strlen(const char *s)
{
	return utf8_count(s, strlen(s));
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
file_read(const char *path, char **data, size_t *len, size_t max)
{
	struct stat st;
	struct buf b;
	ssize_t r;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not hang; only files are read
	 * (and on a regular file the flag changes nothing). */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = ENOTSUP;
		return -1;
	}
	if (max && (size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	/* Read straight into a buffer of the file's size (plus one byte
	 * to see the end, or that the file grew meanwhile). */
	buf_init(&b);
	buf_grow(&b, (size_t)st.st_size + 1);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_grow(&b, 65536);
		r = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		b.len += (size_t)r;
		if (max && b.len > max) {
			buf_free(&b);
			close(fd);
			errno = EFBIG;
			return -1;
		}
	}
	close(fd);
	if (r < 0) {
		buf_free(&b);
		return -1;
	}
	if (b.data == NULL)
		buf_grow(&b, 1);
	b.data[b.len] = '\0';
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

/*
 * A scratch file: created at path for reading and writing and unlinked
 * at once, so nothing is left behind however the process ends. Returns
 * its descriptor, or -1 (errno set).
 */
int
file_scratch(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd >= 0)
		unlink(path);
	return fd;
}

void
phase_time(const char *what)
{
	static double start, last, lastcpu;
	struct timespec ts;
	struct rusage ru;
	double now, cpu;

	if (getenv("YBT_TIMES") == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	if (start == 0 || what == NULL) {
		start = last = now;
		lastcpu = cpu;
	}
	if (what == NULL)
		return;
	fprintf(stderr, "ybt: time: %-12s %6.2f s (%.2f s in all), "
	    "CPU %.2f s, peak %ld MB\n", what, now - last, now - start,
	    cpu - lastcpu, ru.ru_maxrss / 1024);
	last = now;
	lastcpu = cpu;
}

int
file_write(const char *path, const void *data, size_t len)
{
	const char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd == -1)
		return -1;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n == 0 ? EIO : errno;

			close(fd);
			errno = e;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return close(fd);
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	FILE *f;
	int ok;

	if ((f = fopen(tmp, "wb")) == NULL) {
		free(tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) == -1) {
		int e = errno;

		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	return 0;
}

int
mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0777) == -1 && errno != EEXIST) {
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int
rm_rf(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char *sub;
	int rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		if (rm_rf(sub) == -1)
			rc = -1;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) == -1)
		rc = -1;
	return rc;
}

int
copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	if (file_read(from, &data, &len, 0) == -1)
		return -1;
	rc = file_write_atomic(to, data, len);
	free(data);
	return rc;
}

int
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
str_has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Edit distance counted in code points, for "did you mean". */
unsigned
levenshtein(const char *a, const char *b)
{
	unsigned ca[64], cb[64], row[65], prev, tmp, cp;
	size_t na = 0, nb = 0, i, j;
	int k;

	for (; *a && na < 64; a += k, na++)
		ca[na] = (k = utf8_decode(a, strlen(a), &cp)) ? cp : (k = 1, 0);
	for (; *b && nb < 64; b += k, nb++)
		cb[nb] = (k = utf8_decode(b, strlen(b), &cp)) ? cp : (k = 1, 0);
	for (j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= nb; j++) {
			tmp = row[j];
			row[j] = prev + (ca[i - 1] != cb[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[nb];
}

int
is_iso_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = {31,29,31,30,31,30,31,31,30,31,30,31};
	int yy, mm, dd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	yy = atoi(s);
	mm = atoi(s + 5);
	dd = atoi(s + 8);
	if (mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1])
		return 0;
	if (mm == 2 && dd == 29 &&
	    !((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0))
		return 0;
	if (y) *y = yy;
	if (m) *m = mm;
	if (d) *d = dd;
	return 1;
}

/* Days since 1970-01-01 (Howard Hinnant's algorithm). */
long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
xqsort(void *base, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, sz, cmp);
}

/* The last component of a folder path, without trailing slashes. */
char *
path_leaf(const char *dir)
{
	size_t len = strlen(dir);
	const char *s;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (s = dir + len; s > dir && s[-1] != '/'; s--)
		continue;
	return xstrndup(s, (size_t)(dir + len - s));
}

/* The file name of a source's path without its ".md": an item's id when
 * it names none, and the stem the readers report. */
char *
path_stem(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n >= 3 && strcmp(b + n - 3, ".md") == 0)
		n -= 3;
	return xstrndup(b, n);
}

/* 64-bit FNV-1a: the one string hash of the hash tables (search index,
 * frequent strings, serve's cache). */
uint64_t
hash_fnv(const char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (len--)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3ull;
	return h;
}

const char *
zh_strerror(int e)
{
	switch (e) {
	case ENOENT: return "文件或文件夹不存在";
	case EACCES:
	case EPERM: return "没有权限";
	case ENOSPC: return "磁盘已满";
	case EDQUOT: return "超出了磁盘配额";
	case EROFS: return "磁盘是只读的";
	case ENOTDIR: return "路径中有一项不是文件夹";
	case EISDIR: return "这是一个文件夹，不是文件";
	case EEXIST: return "已经存在";
	case ENAMETOOLONG: return "名称过长";
	case ELOOP: return "符号链接的层数过多（可能绕成了圈）";
	case EMFILE:
	case ENFILE: return "同时打开的文件过多";
	case EIO: return "读写出错（磁盘或 U 盘可能有问题）";
	case ENOTEMPTY: return "文件夹不是空的";
	case EXDEV: return "不能跨磁盘改名";
	case ENOMEM: return "内存不足";
	default: return strerror(e);
	}
}
