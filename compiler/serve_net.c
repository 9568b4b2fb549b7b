/*
 * serve_net.c — the parts of `ybt serve` (serve.c) that hold no state:
 * the listening socket and its errors, the Content-Type of a file, the
 * check that a requested path stays inside the site, an edition's id
 * from its folder.
 */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
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
		fprintf(stderr, "ybt: 无法创建网络连接：%s\n", strerror(errno));
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
			    port, strerror(errno));
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

