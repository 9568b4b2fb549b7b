/*
 * sanitize.c — allowlist HTML sanitizer on libxml2's HTML parser. It
 * reparses a whole rendered Markdown body (ours plus the author's raw
 * HTML), so that tags split across Markdown nodes are balanced, and
 * writes back only allowed elements and attributes. It never reports:
 * md.c has already told the author about dangerous HTML.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util.h"
#include "sanitize.h"

/* Elements kept (with their allowed attributes). */
static const char *const san_elems[] = {
	"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code",
	"dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
	"li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
	"samp", "small", "span", "strong", "sub", "sup", "table", "tbody",
	"td", "tfoot", "th", "thead", "tr", "u", "ul", "var", NULL
};

/* Elements dropped together with everything inside. */
static const char *const san_drop[] = {
	"applet", "audio", "base", "button", "canvas", "embed", "form",
	"frame", "frameset", "head", "iframe", "input", "link", "math",
	"meta", "noembed", "noframes", "noscript", "object", "option",
	"script", "select", "style", "svg", "template", "textarea",
	"title", "video", NULL
};

static const char *const san_void[] = { "br", "hr", "img", NULL };

static const char *const san_attrs[] = {
	"abbr", "align", "alt", "colspan", "height", "href", "lang",
	"rowspan", "scope", "src", "start", "title", "width", NULL
};

static int
san_in(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

void
sanitize_init(void)
{
	xmlInitParser();
}

int
sanitize_url_ok(const char *url)
{
	const char *p;
	char scheme[16];
	size_t n;

	/* Control characters and spaces can hide a scheme ("java\tscript:"). */
	for (p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	while (*url == ' ')
		url++;
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1;		/* relative */
	if (n == 0 || n >= sizeof(scheme))
		return 0;
	for (p = url; p < url + n; p++)
		scheme[p - url] = (char)tolower((unsigned char)*p);
	scheme[n] = '\0';
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "mailto") == 0 || strcmp(scheme, "tel") == 0;
}

struct san {
	struct buf	*out;
	int		 min_heading;
	sanitize_url_fn	 url;
	void		*arg;
};

static char *
san_url(struct san *s, const char *u, int img)
{
	if (s->url != NULL)
		return s->url(s->arg, u, img);
	return sanitize_url_ok(u) ? xstrdup(u) : NULL;
}

static void san_children(struct san *, xmlNode *);

static void
san_element(struct san *s, xmlNode *n)
{
	const char *name = (const char *)n->name;
	char hname[3];
	xmlAttr *a;
	int img = strcmp(name, "img") == 0;

	if (san_in(san_drop, name))
		return;
	if (!san_in(san_elems, name)) {
		san_children(s, n);	/* unknown wrapper: keep the text */
		return;
	}
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0' && name[1] - '0' < s->min_heading) {
		hname[0] = 'h';
		hname[1] = (char)('0' + s->min_heading);
		hname[2] = '\0';
		name = hname;
	}
	if (img) {
		xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
		xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
		char *u = src ? san_url(s, (const char *)src, 1) : NULL;

		if (u != NULL) {
			buf_puts(s->out, "<img src=\"");
			esc_attr(s->out, u);
			buf_puts(s->out, "\" alt=\"");
			esc_attr(s->out, alt ? (const char *)alt : "");
			buf_puts(s->out, "\">");
		}
		free(u);
		xmlFree(src);
		xmlFree(alt);
		return;
	}
	buf_printf(s->out, "<%s", name);
	for (a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v;

		if (!san_in(san_attrs, an) || strcmp(an, "src") == 0 ||
		    strcmp(an, "align") == 0)
			continue;
		v = xmlNodeListGetString(n->doc, a->children, 1);
		if (strcmp(an, "href") == 0) {
			char *u = san_url(s, v ? (const char *)v : "", 0);

			if (u != NULL) {
				buf_puts(s->out, " href=\"");
				esc_attr(s->out, u);
				buf_puts(s->out, "\"");
			}
			free(u);
		} else {
			buf_printf(s->out, " %s=\"", an);
			esc_attr(s->out, v ? (const char *)v : "");
			buf_puts(s->out, "\"");
		}
		xmlFree(v);
	}
	buf_puts(s->out, ">");
	if (san_in(san_void, name))
		return;
	san_children(s, n);
	buf_printf(s->out, "</%s>", name);
}

static void
san_children(struct san *s, xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		switch (c->type) {
		case XML_ELEMENT_NODE:
			san_element(s, c);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content != NULL)
				esc_html(s->out, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE:
			san_children(s, c);
			break;
		default:	/* comments, PIs: dropped */
			break;
		}
}

static xmlNode *
san_find(xmlNode *n, const char *name)
{
	xmlNode *c, *r;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
		if ((c = n->children) != NULL && (r = san_find(c, name)) != NULL)
			return r;
	}
	return NULL;
}

void
sanitize_html(struct buf *out, const char *html, size_t len,
    int min_heading, sanitize_url_fn url, void *arg)
{
	struct buf in;
	htmlDocPtr doc;
	xmlNode *body;
	struct san s;

	buf_init(&in);
	buf_puts(&in, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "</head><body>");
	buf_putn(&in, html, len);
	buf_puts(&in, "</body></html>");
	doc = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&in);
	if (doc == NULL)
		return;
	s.out = out;
	s.min_heading = min_heading;
	s.url = url;
	s.arg = arg;
	if ((body = san_find(xmlDocGetRootElement(doc), "body")) != NULL)
		san_children(&s, body);
	xmlFreeDoc(doc);
}
