/*
 * md.c — Markdown bodies through cmark-gfm (CommonMark, GFM tables,
 * autolinks, strikethrough) into ybt's own small tree (md.h), so that no
 * other file needs cmark. It also finds dangerous raw HTML (script,
 * event handlers, javascript: URLs) and reports it as an error; the
 * HTML back end still sanitises whatever raw HTML remains.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include "util.h"
#include "diag.h"
#include "md.h"

/* Depth of Markdown nesting kept; deeper content is flattened. */
#define MD_MAX_DEPTH	64

struct mdctx {
	const char	*file;
	int		 first_line;
};

static struct md_node *
node_new(enum md_type t, const struct mdctx *c, cmark_node *cn)
{
	struct md_node *n = xcalloc(1, sizeof(*n));

	/* Nodes an extension made (a bare URL the autolink extension
	 * linked) have no place: they take their block's. */
	while (cn != NULL && cmark_node_get_start_line(cn) == 0 &&
	    cmark_node_parent(cn) != NULL)
		cn = cmark_node_parent(cn);
	n->type = t;
	n->loc.file = c->file;
	n->loc.line = c->first_line + (cn ? cmark_node_get_start_line(cn) : 1)
	    - 1;
	n->loc.col = cn && cmark_node_get_start_column(cn) > 0 ?
	    cmark_node_get_start_column(cn) : 1;
	if (n->loc.line < c->first_line)
		n->loc.line = c->first_line;
	return n;
}

void
md_free(struct md_node *n)
{
	struct md_node *next;

	for (; n != NULL; n = next) {
		next = n->next;
		md_free(n->child);
		free(n->text);
		free(n->url);
		free(n->title);
		free(n->path);
		free(n);
	}
}

static int
ci_has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int
md_url_safe(const char *url)
{
	char scheme[16];
	size_t i = 0;
	const char *p = url;

	if (url == NULL)
		return 1;
	/* Skip leading blanks and control characters browsers ignore. */
	while (*p && (unsigned char)*p <= ' ')
		p++;
	for (; p[i] && i < sizeof(scheme) - 1; i++) {
		if (p[i] == ':')
			break;
		if (p[i] == '/' || p[i] == '?' || p[i] == '#')
			return 1;	/* relative */
		scheme[i] = (char)tolower((unsigned char)p[i]);
	}
	if (p[i] != ':')
		return 1;
	scheme[i] = '\0';
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "mailto") == 0 || strcmp(scheme, "tel") == 0;
}

/* Report dangerous raw HTML once per node. */
static void
check_html(const struct md_node *n)
{
	const char *t = n->text;
	const char *p;

	if (t == NULL)
		return;
	if (ci_has(t, "<script") || ci_has(t, "</script")) {
		diag_at(&n->loc, DIAG_ERROR, "正文中不允许使用 <script>：请删除"
		    "这段脚本，网页和手册都不会执行它");
		return;
	}
	if (ci_has(t, "javascript:") || ci_has(t, "vbscript:")) {
		diag_at(&n->loc, DIAG_ERROR, "正文中不允许使用 javascript: "
		    "链接：请改为 https:// 网址");
		return;
	}
	/* Event handler attributes: whitespace, "on", letters, "=". */
	for (p = t; *p; p++) {
		const char *q;

		if (!(isspace((unsigned char)*p) || *p == '/' || *p == '"' ||
		    *p == '\''))
			continue;
		if (strncasecmp(p + 1, "on", 2) != 0)
			continue;
		for (q = p + 3; isalpha((unsigned char)*q); q++)
			continue;
		if (q == p + 3)
			continue;
		while (isspace((unsigned char)*q))
			q++;
		if (*q == '=') {
			diag_at(&n->loc, DIAG_ERROR, "正文中的 HTML 不允许使用事件"
			    "属性（%.*s）：请删除它", (int)(q - p - 1), p + 1);
			return;
		}
	}
	for (const char *bad[] = { "<iframe", "<object", "<embed", "<style",
	    "<form", "<base", "<meta", "<link" }, **b = bad;
	    b < bad + sizeof(bad) / sizeof(bad[0]); b++)
		if (ci_has(t, *b)) {
			diag_at(&n->loc, DIAG_WARNING, "正文中的 HTML 标签 %s> "
			    "不会被发布，将被删除", *b);
			return;
		}
}

static struct md_node *convert(cmark_node *, const struct mdctx *, int);

static struct md_node *
convert_children(cmark_node *cn, const struct mdctx *c, int depth)
{
	struct md_node *head = NULL, **tail = &head, *k;
	cmark_node *ch;

	for (ch = cmark_node_first_child(cn); ch; ch = cmark_node_next(ch)) {
		if ((k = convert(ch, c, depth + 1)) == NULL)
			continue;
		*tail = k;
		while (k->next)
			k = k->next;
		tail = &k->next;
	}
	return head;
}

static char *
lit(cmark_node *cn)
{
	const char *s = cmark_node_get_literal(cn);

	return xstrdup(s ? s : "");
}

static struct md_node *
convert(cmark_node *cn, const struct mdctx *c, int depth)
{
	struct md_node *n;
	const char *ts;
	cmark_node_type t = cmark_node_get_type(cn);

	if (depth > MD_MAX_DEPTH) {
		/* Too deep: keep only the text. */
		struct buf b;
		cmark_iter *it = cmark_iter_new(cn);
		cmark_event_type ev;

		buf_init(&b);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *x = cmark_iter_get_node(it);

			if (ev == CMARK_EVENT_ENTER &&
			    cmark_node_get_type(x) == CMARK_NODE_TEXT)
				buf_puts(&b, cmark_node_get_literal(x));
		}
		cmark_iter_free(it);
		n = node_new(MD_TEXT, c, cn);
		n->text = buf_detach(&b);
		return n;
	}
	switch (t) {
	case CMARK_NODE_DOCUMENT:
		n = node_new(MD_DOC, c, cn);
		break;
	case CMARK_NODE_PARAGRAPH:
		n = node_new(MD_PARA, c, cn);
		break;
	case CMARK_NODE_HEADING:
		n = node_new(MD_HEADING, c, cn);
		n->level = cmark_node_get_heading_level(cn);
		break;
	case CMARK_NODE_LIST:
		n = node_new(MD_LIST, c, cn);
		n->level = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
		n->num = cmark_node_get_list_start(cn);
		break;
	case CMARK_NODE_ITEM:
		n = node_new(MD_ITEM, c, cn);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		n = node_new(MD_QUOTE, c, cn);
		break;
	case CMARK_NODE_CODE_BLOCK:
		n = node_new(MD_CODE, c, cn);
		n->text = lit(cn);
		return n;
	case CMARK_NODE_HTML_BLOCK:
		n = node_new(MD_HTML, c, cn);
		n->text = lit(cn);
		check_html(n);
		return n;
	case CMARK_NODE_THEMATIC_BREAK:
		return node_new(MD_HR, c, cn);
	case CMARK_NODE_TEXT:
		n = node_new(MD_TEXT, c, cn);
		n->text = lit(cn);
		return n;
	case CMARK_NODE_SOFTBREAK:
		return node_new(MD_SOFTBREAK, c, cn);
	case CMARK_NODE_LINEBREAK:
		return node_new(MD_LINEBREAK, c, cn);
	case CMARK_NODE_CODE:
		n = node_new(MD_CODE_INLINE, c, cn);
		n->text = lit(cn);
		return n;
	case CMARK_NODE_HTML_INLINE:
		n = node_new(MD_HTML_INLINE, c, cn);
		n->text = lit(cn);
		check_html(n);
		return n;
	case CMARK_NODE_EMPH:
		n = node_new(MD_EMPH, c, cn);
		break;
	case CMARK_NODE_STRONG:
		n = node_new(MD_STRONG, c, cn);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = node_new(t == CMARK_NODE_LINK ? MD_LINK : MD_IMAGE, c, cn);
		n->url = xstrdup(cmark_node_get_url(cn) ?
		    cmark_node_get_url(cn) : "");
		n->title = xstrdup(cmark_node_get_title(cn) ?
		    cmark_node_get_title(cn) : "");
		if (!md_url_safe(n->url))
			diag_at(&n->loc, DIAG_ERROR, "链接地址“%s”不安全：只能"
			    "使用 https://、http://、mailto:、tel: 或相对路径",
			    n->url);
		break;
	default:
		ts = cmark_node_get_type_string(cn);
		if (ts && strcmp(ts, "table") == 0) {
			n = node_new(MD_TABLE, c, cn);
			n->child = convert_children(cn, c, depth);
			/* Alignment onto cells. */
			uint8_t *al = cmark_gfm_extensions_get_table_alignments(cn);
			uint16_t nc = cmark_gfm_extensions_get_table_columns(cn);

			if (nc > MD_TABLE_COLS)
				diag_at(&n->loc, DIAG_WARNING, "表格有 %d 列，手册的"
				    "表格最多排 %d 列：第 %d 列起的内容会并进最后"
				    "一列，挤在一起；请拆成几张表，或改写成列表",
				    (int)nc, MD_TABLE_COLS, MD_TABLE_COLS);

			for (struct md_node *r = n->child; r; r = r->next) {
				int i = 0;

				for (struct md_node *cell = r->child; cell;
				    cell = cell->next, i++) {
					char a = al && i < nc ? (char)al[i] : 0;

					cell->num = a == 'l' ? 1 : a == 'c' ? 2 :
					    a == 'r' ? 3 : 0;
				}
			}
			return n;
		} else if (ts && (strcmp(ts, "table_row") == 0 ||
		    strcmp(ts, "table_header") == 0)) {
			n = node_new(MD_ROW, c, cn);
			n->level = cmark_gfm_extensions_get_table_row_is_header(cn)
			    || strcmp(ts, "table_header") == 0;
		} else if (ts && strcmp(ts, "table_cell") == 0)
			n = node_new(MD_CELL, c, cn);
		else if (ts && strcmp(ts, "strikethrough") == 0)
			n = node_new(MD_STRIKE, c, cn);
		else
			return convert_children(cn, c, depth);
		break;
	}
	n->child = convert_children(cn, c, depth);
	return n;
}

/*
 * cmark-gfm keeps its inline special-character table in process-global
 * state and edits it around every parser's inline pass when extensions
 * are attached (cmark-gfm issue #221), so two parsers running at once
 * can lose the autolink extension's triggers.  Every cmark-gfm call that
 * parses runs under this lock; converting the finished tree to md_node
 * does not touch the global state and runs outside it.
 */
static pthread_mutex_t cmark_lock = PTHREAD_MUTEX_INITIALIZER;

struct md_node *
md_parse(const char *text, const char *file, int first_line)
{
	static const char *const exts[] = { "table", "autolink",
	    "strikethrough" };
	cmark_parser *p;
	cmark_node *doc;
	struct mdctx c = { file, first_line > 0 ? first_line : 1 };
	struct md_node *n;

	pthread_mutex_lock(&cmark_lock);
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text ? text : "", text ? strlen(text) : 0);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	pthread_mutex_unlock(&cmark_lock);
	n = convert(doc, &c, 0);
	cmark_node_free(doc);
	return n;
}

const struct md_node *
md_under(const struct md_node *doc, const char *label, struct md_node *top)
{
	struct buf h;
	int same;

	if (doc == NULL || doc->child == NULL)
		return NULL;
	if (doc->child->type == MD_HEADING) {
		buf_init(&h);
		md_plain(doc->child->child, &h);
		same = h.data != NULL && strcmp(h.data, label) == 0;
		buf_free(&h);
		if (same) {
			*top = *doc;
			top->child = doc->child->next;
			doc = top;
		}
	}
	return doc->child != NULL ? doc : NULL;
}

void
md_plain(const struct md_node *n, struct buf *b)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case MD_TEXT:
		case MD_CODE_INLINE:
		case MD_CODE:
			buf_puts(b, n->text);
			break;
		case MD_SOFTBREAK:
		case MD_LINEBREAK:
			buf_putc(b, ' ');
			break;
		default:
			break;
		}
		md_plain(n->child, b);
		switch (n->type) {
		case MD_PARA:
		case MD_HEADING:
		case MD_ITEM:
		case MD_CELL:
		case MD_CODE:
			buf_putc(b, '\n');
			break;
		default:
			break;
		}
	}
}

const struct md_node *
md_lone_image(const struct md_node *para)
{
	const struct md_node	*c, *img = NULL;
	const char		*s;

	if (para == NULL || para->type != MD_PARA)
		return NULL;
	for (c = para->child; c != NULL; c = c->next) {
		if (c->type == MD_IMAGE && img == NULL)
			img = c;
		else if (c->type == MD_SOFTBREAK || c->type == MD_LINEBREAK)
			continue;
		else if (c->type == MD_TEXT) {
			for (s = c->text ? c->text : ""; *s == ' ' ||
			    *s == '\t'; s++)
				continue;
			if (*s != '\0')
				return NULL;
		} else
			return NULL;
	}
	return img;
}

/*
 * Could the ':' at p end a scheme that md_url_safe refuses, in a bare
 * ftp://… or xmpp:… that the autolink extension links (destinations of
 * links and references are also read by dest_unsafe)? Letters
 * that spell http, https, mailto or tel are safe; any other letters, a
 * ')' (a scheme like "ftp(x)") or a '\' (an escaped ':' counts in a
 * destination) may not be. Digits alone are a time (9:00), and Chinese
 * text before a ':' is no scheme. When in doubt it says maybe: that costs
 * `check` one body parsed.
 */
static int
scheme_before(const char *s, const char *p)
{
	static const char *const safe[] = { "http", "https", "mailto", "tel" };
	const char *q = p;
	size_t i, n;
	int letters = 0;

	if (p[-1] == ')' || p[-1] == '\\')
		return 1;
	while (q > s && isalnum((unsigned char)q[-1]))
		if (isalpha((unsigned char)*--q))
			letters = 1;
	if (!letters)
		return 0;
	/* The word must stand alone: "x_tel:" is the scheme x_tel. */
	if (q > s && (unsigned char)q[-1] < 0x80 &&
	    !isspace((unsigned char)q[-1]) && strchr("(<[>\"'*", q[-1]) == NULL)
		return 1;
	n = (size_t)(p - q);
	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (strlen(safe[i]) == n && strncasecmp(q, safe[i], n) == 0)
			return 0;
	return 1;
}

/*
 * Could the destination after a link's "](" or a reference's "]:" at p
 * be one md_url_safe refuses? It is read as cmark reads it, up to a
 * blank or a ')'; a '\\' or a '(' in it (an escape, nested brackets)
 * could make cmark read it otherwise, so they say maybe.
 */
static int
dest_unsafe(const char *p)
{
	size_t n;
	char *u;
	int bad;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	n = strcspn(p, " \t\n\r)");
	if (memchr(p, '\\', n) != NULL || memchr(p, '(', n) != NULL)
		return 1;
	u = xstrndup(p, n);
	bad = !md_url_safe(u);
	free(u);
	return bad;
}

int
md_may_be_unsafe(const char *s)
{
	/* the bytes that may start something; the rest are skipped */
	static const unsigned char look[256] = {
		['\n'] = 1, ['|'] = 1, ['<'] = 1, ['&'] = 1, ['!'] = 1,
		[':'] = 1, [']'] = 1,
	};
	const char *p;
	int pipes = 0;

	for (p = s; *p; p++) {
		if (!look[(unsigned char)*p])
			continue;
		if (*p == '\n')
			pipes = 0;
		else if (*p == '|' && ++pipes >= MD_TABLE_COLS)
			return 1;	/* maybe a table too wide */
		if (*p == '<' || *p == '&' || (*p == '!' && p[1] == '[') ||
		    (*p == ':' && p > s && scheme_before(s, p)) ||
		    (*p == ']' && (p[1] == '(' || p[1] == ':') &&
		    dest_unsafe(p + 2)))
			return 1;
	}
	return 0;
}
