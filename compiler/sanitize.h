/*
 * sanitize.h — clean an HTML fragment with an allowlist (libxml2's HTML
 * parser): only listed elements and attributes survive; <script>,
 * <style> and the like are dropped with their content; event handlers
 * and unsafe URLs never come out. The output is well-formed HTML5.
 * Included by: html_md.c, out_html.c and sanitize.c.
 * Includes nothing but the C library.
 */
#ifndef YBT_SANITIZE_H
#define YBT_SANITIZE_H

#include <stddef.h>

struct buf;

/*
 * Rewrite an URL found in href (img 0) or src (img 1); return a
 * malloc'd replacement, or NULL to drop the attribute (and, for img,
 * the element). NULL callback: keep only md_url_safe()-like URLs.
 */
typedef char *(*sanitize_url_fn)(void *arg, const char *url, int img);

/* Clean html[0..len) and append it to out. Heading levels below
 * min_heading are raised to it (page owns h1). */
void	sanitize_html(struct buf *out, const char *html, size_t len,
	    int min_heading, sanitize_url_fn, void *arg);

/* Call once before sanitizing from several threads (libxml2 set-up). */
void	sanitize_init(void);

/* 1 if url is safe to emit: http(s), mailto, tel, or relative. */
int	sanitize_url_ok(const char *url);

#endif
