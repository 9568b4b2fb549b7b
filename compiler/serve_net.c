/*
 * serve_net.c — the parts of `ybt serve` (serve.c) that hold no state:
 * the listening socket and its errors, the Content-Type of a file, the
 * check that a requested path stays inside the site, an edition's id
 * from its folder, the URL unescaping, the names editors write beside
 * a file, the error banner and the head of the server's own pages, the
 * peak memory, the log line, plain responses, and what a served page
 * gets (the banner, the script that reloads it).
 */
#define _GNU_SOURCE	/* memmem */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "util.h"
#include "diag.h"
#include "serve_cache.h"

const char *
content_type(const char *path)
{
	static const struct { const char *ext, *type; } t[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".xml", "application/xml" },
		{ ".rng", "application/xml" },
		{ ".pdf", "application/pdf" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".woff2", "font/woff2" },
		{ ".woff", "font/woff" },
		{ ".json", "application/json" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".ico", "image/x-icon" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
		{ ".docx", "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
		{ ".doc", "application/msword" },
		{ ".xls", "application/vnd.ms-excel" },
		{ ".zip", "application/zip" },
	};
	size_t n = strlen(path);

	if (n >= 8 && strcmp(path + n - 8, "feed.xml") == 0)
		return "application/atom+xml";
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t k = strlen(t[i].ext);

		if (n > k && strcasecmp(path + n - k, t[i].ext) == 0)
			return t[i].type;
	}
	return "application/octet-stream";
}

/* Is every segment of rel a plain name (no "", ".", ".." or "\")? */
int
clean_path(const char *rel)
{
	const char *p = rel;

	if (strchr(rel, '\\') != NULL)
		return 0;
	for (const char *q = rel; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return 0;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* The listening socket; -1 with a message (exit status 3). */
int
listen_on(const char *addr, int port, char *shown, size_t shownsz)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1, fam;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &((struct sockaddr_in *)&ss)->sin_addr)
	    == 1) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		fam = s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		sl = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr,
	    &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		fam = s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		sl = sizeof(*s6);
	} else {
		fprintf(stderr, "ybt: --bind %s：不是 IP 地址（应为如 127.0.0.1 "
		    "或 ::1 的地址）\n", addr);
		return -1;
	}
	if ((fd = socket(fam, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		fprintf(stderr, "ybt: 无法创建网络连接：%s\n", zh_strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) == -1 ||
	    listen(fd, 64) == -1) {
		if (errno == EADDRINUSE)
			fprintf(stderr, "ybt: 端口 %d 已被占用：可能已有一个 ybt "
			    "serve 在运行；请关掉它，或用 -p 指定别的端口（如 "
			    "-p %d）\n", port, port == 8000 ? 8001 : 8000);
		else if (errno == EADDRNOTAVAIL)
			fprintf(stderr, "ybt: --bind %s：本机没有这个地址\n",
			    addr);
		else if (errno == EACCES)
			fprintf(stderr, "ybt: 没有权限使用端口 %d：请用 1024 以上"
			    "的端口，如 -p 8000\n", port);
		else
			fprintf(stderr, "ybt: 无法监听 %s 端口 %d：%s\n", addr,
			    port, zh_strerror(errno));
		close(fd);
		return -1;
	}
	sl = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	if (fam == AF_INET)
		snprintf(shown, shownsz, "http://%s:%d/", addr,
		    ntohs(((struct sockaddr_in *)&ss)->sin_port));
	else
		snprintf(shown, shownsz, "http://[%s]:%d/", addr,
		    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port));
	return fd;
}

/* Names an editor writes beside the file it saves. */
int
ignored_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || (n > 0 && name[n - 1] == '~') ||
	    strcmp(name, "4913") == 0 ||
	    (n > 4 && (strcmp(name + n - 4, ".swp") == 0 ||
	    strcmp(name + n - 4, ".swx") == 0));
}

/* The banner of a failed build: its errors (of d, n in all). */
char *
banner_html(const struct sdiag *d, size_t n)
{
	struct buf b;
	size_t nerr = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i].level == DIAG_ERROR)
			nerr++;
	buf_init(&b);
	buf_puts(&b, "<div data-ybt-serve role=\"alert\" style=\""
	    "font-size:1.125rem;line-height:1.6;background:#fff4f4;"
	    "color:#1a1a1a;border:3px solid #b00020;margin:0;"
	    "padding:.75em 1em\"><p style=\"margin:0 0 .5em;font-weight:700;"
	    "color:#b00020\">");
	if (nerr > 0)
		buf_printf(&b, "源文件有 %zu 处错误，", nerr);
	else
		buf_puts(&b, "生成失败，");
	buf_puts(&b, "本页仍是上一次成功生成的内容。改正并保存后，本页会自动"
	    "刷新。</p><ul style=\"margin:0;padding-left:1.25em\">");
	for (size_t i = 0, shown = 0; i < n; i++) {
		if (d[i].level != DIAG_ERROR)
			continue;
		if (++shown > 50) {
			buf_printf(&b, "<li>还有 %zu 处错误</li>", nerr - 50);
			break;
		}
		buf_puts(&b, "<li><code style=\"font-size:1em\">");
		esc_html(&b, d[i].where);
		buf_puts(&b, "</code> ");
		esc_html(&b, d[i].msg);
		buf_puts(&b, "</li>");
	}
	buf_puts(&b, "</ul><p style=\"margin:.5em 0 0\"><a href=\"/_ybt/\" "
	    "style=\"color:#0b3d91\">全部诊断（错误、警告和提示）</a></p>"
	    "</div>");
	return buf_detach(&b);
}

void
page_head(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\">\n<title>");
	esc_html(b, title);
	buf_puts(b, "</title>\n<style>body{font:1.125rem/1.7 sans-serif;"
	    "max-width:60em;margin:1em auto;padding:0 1em;color:#1a1a1a}"
	    "code{font-size:1em}.error{color:#b00020}.warning{color:#8a5300}"
	    "a{color:#0b3d91}li{margin:.25em 0}</style>\n</head>\n<body>\n");
}

/* The most memory the server or one of its finished rebuilds held. */
long
peak_mb(void)
{
	struct rusage self, kids;

	if (getrusage(RUSAGE_SELF, &self) != 0 ||
	    getrusage(RUSAGE_CHILDREN, &kids) != 0)
		return -1;
	return (self.ru_maxrss > kids.ru_maxrss ? self.ru_maxrss :
	    kids.ru_maxrss) / 1024;	/* KB */
}

/* %XX as MHD does, except that %00 becomes a byte no path may hold
 * (clean_path refuses it) instead of ending the string early. */
size_t
url_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;

	(void)cls;
	(void)c;
	for (char *r = s; *r; r++) {
		if (r[0] == '%' && isxdigit((unsigned char)r[1]) &&
		    isxdigit((unsigned char)r[2])) {
			char hex[3] = { r[1], r[2], 0 };
			int v = (int)strtol(hex, NULL, 16);

			*w++ = (char)(v == 0 ? 1 : v);
			r += 2;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return (size_t)(w - s);
}

void
logf_(const char *fmt, ...)
{
	va_list ap;

	fputs("ybt serve: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

enum MHD_Result
send_buf(struct MHD_Connection *c, unsigned code, const char *type,
    char *data, size_t len, const char *location)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (location != NULL)
		MHD_add_response_header(r, "Location", location);
	if (code == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result
send_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	return send_buf(c, code, "text/plain; charset=utf-8", xstrdup(text),
	    strlen(text), NULL);
}

enum MHD_Result
not_found(struct MHD_Connection *c)
{
	return send_text(c, MHD_HTTP_NOT_FOUND, "404 找不到这个页面\n");
}

/* The script of a served page: reload when the site changes. */
static void
put_script(struct buf *b, unsigned long gen)
{
	buf_printf(b, "<script data-ybt-serve>(function(){var s=new "
	    "EventSource(\"/_ybt/events?gen=%lu&run=%ld\");s.onmessage="
	    "function(e){if(e.data===\"reload\"){s.close();location.reload();"
	    "}};})();</script>", gen, (long)getpid());
}

/* A served page: the banner after <body…>, the script before </body>. */
char *
inject(const char *data, size_t len, const char *banner, unsigned long gen,
    size_t *outlen)
{
	struct buf b;
	const char *body = memmem(data, len, "<body", 5);
	const char *open = body ? memchr(body, '>', len - (size_t)(body -
	    data)) : NULL;
	const char *end = NULL;

	for (const char *p = data; (p = memmem(p, len - (size_t)(p - data),
	    "</body>", 7)) != NULL; p += 7)
		end = p;
	buf_init(&b);
	if (open == NULL || end == NULL || end < open) {
		buf_putn(&b, data, len);
		put_script(&b, gen);
	} else {
		open++;
		buf_putn(&b, data, (size_t)(open - data));
		if (banner != NULL)
			buf_puts(&b, banner);
		buf_putn(&b, open, (size_t)(end - open));
		put_script(&b, gen);
		buf_putn(&b, end, len - (size_t)(end - data));
	}
	*outlen = b.len;
	if (b.data == NULL)
		buf_putc(&b, '\0');
	return buf_detach(&b);
}

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum MHD_Result
redirect_slash(struct MHD_Connection *c, const char *url)
{
	char *loc = xasprintf("%s/", url);
	enum MHD_Result ret = send_buf(c, MHD_HTTP_MOVED_PERMANENTLY,
	    "text/plain; charset=utf-8", xstrdup("\n"), 1, loc);

	free(loc);
	return ret;
}

enum MHD_Result
send_fd(struct MHD_Connection *c, const char *path)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd != -1)
			close(fd);
		return not_found(c);
	}
	if ((r = MHD_create_response_from_fd((uint64_t)st.st_size, fd)) ==
	    NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", content_type(path));
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* Is rel (a path of the site of edition id) a PDF of the downloads the
 * portal links to (download_prepare in html_dl.c)? */
int
is_download(const char *rel, const char *id)
{
	size_t n = strlen(id);

	if (strncmp(rel, "files/", 6) != 0)
		return 0;
	rel += 6;
	if (strcmp(rel, "leaflets.pdf") == 0 || (strncmp(rel, id, n) == 0 &&
	    strcmp(rel + n, ".pdf") == 0))
		return 1;
	return strncmp(rel, "leaflets/", 9) == 0 && strchr(rel + 9, '/') ==
	    NULL && strlen(rel) > 13 && strcmp(rel + strlen(rel) - 4,
	    ".pdf") == 0;
}

int
dir_exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}
