/*
 * source.c — from bytes on disk to a UTF-8 text, a front matter tree and
 * a body. Encodings follow SPEC §7: BOM first; then valid UTF-8; then
 * GB18030 when the whole file decodes as such and holds no valid UTF-8
 * multi-byte sequence; anything else is an error at the first bad byte.
 * It does not know what the keys mean: that is model.c's job.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"
#include "diag.h"
#include "source.h"

const char *
source_encoding_name(enum encoding e)
{
	switch (e) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 (BOM)";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	case ENC_GB18030: return "GB18030";
	}
	return "?";
}

/* Convert with iconv; NULL if the input is not valid in from. */
static char *
convert(const char *from, const char *raw, size_t len, size_t *outlen)
{
	iconv_t cd;
	size_t cap = len * 2 + 16, inleft = len, outleft = cap;
	char *out = xmalloc(cap + 1), *in = (char *)raw, *op = out;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		free(out);
		return NULL;
	}
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - out);

			cap *= 2;
			out = xrealloc(out, cap + 1);
			op = out + used;
			outleft = cap - used;
			continue;
		}
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	out[*outlen] = '\0';
	return out;
}

/* Line and column (in characters) of byte offset off in text. */
static void
position(const char *text, size_t off, int *line, int *col)
{
	size_t i, start = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = 1;
	for (i = start; i < off; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			(*col)++;
}

/*
 * Evidence that a file is UTF-8 that went bad rather than GB18030: its
 * valid three- and four-byte UTF-8 sequences outnumber the bytes that
 * are not UTF-8. SPEC §7 says "no valid UTF-8 multi-byte sequence", but
 * real GBK text forms short valid UTF-8 sequences by chance (a lead byte
 * C2–DF followed by 80–BF), so one sequence alone proves nothing.
 */
static int
looks_like_utf8(const char *s, size_t n)
{
	size_t valid = 0, invalid = 0, i = 0;
	unsigned cp;
	int k;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			invalid++;
			i++;
			continue;
		}
		valid += k >= 3;
		i += (size_t)k;
	}
	return valid > invalid;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static size_t
normalize_eol(char *s, size_t n)
{
	size_t i, j;

	for (i = j = 0; i < n; i++) {
		if (s[i] == '\r') {
			s[j++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else
			s[j++] = s[i];
	}
	s[j] = '\0';
	return j;
}

/*
 * The first character of UTF-8 text s (n bytes) that no output may
 * hold, its code point in *cp (0 if none): any C0 character but tab
 * and line feed (a carriage return is gone by now), DEL, C1, U+FFFE
 * and U+FFFF. XML 1.0 has no place for them (the -f xml file would not
 * parse), an ESC reaches the editor's terminal in our messages.
 * libyaml refuses them written as they are in the front matter, but
 * unescapes "\x01", "\e" or "\0" in double quotes (source_yaml); the
 * body is ours to check (source_decode); import, the cells (import.c). U+2028 and U+2029
 * are text.
 * A byte loop: C1 is 0xc2 0x80-0x9f, U+FFFE and U+FFFF 0xef 0xbf 0xbe-
 * 0xbf, and no other character has those bytes there.
 */
const char *
source_control(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s, *e = u + n;

	for (; u < e; u++) {
		if (*u < 0x20 ? *u != '\t' && *u != '\n' : *u == 0x7f) {
			*cp = *u;
			return (const char *)u;
		}
		if (*u == 0xc2 && u + 1 < e && u[1] >= 0x80 && u[1] <= 0x9f) {
			*cp = u[1];
			return (const char *)u;
		}
		if (*u == 0xef && u + 2 < e && u[1] == 0xbf && u[2] >= 0xbe) {
			*cp = 0xffc0u | (u[2] & 0x3f);
			return (const char *)u;
		}
	}
	*cp = 0;
	return NULL;
}

/*
 * The first mark of bidirectional text in s (n bytes) that turns the
 * text after it around on the portal: U+202A-U+202E (embeddings and
 * overrides) and U+2066-U+2069 (isolates), as UTF-8 0xe2 0x80 0xaa-
 * 0xae and 0xe2 0x81 0xa6-0xa9. They are invisible in an editor; the
 * PDF leaves them out (lb_invisible), a browser obeys them.
 */
static const char *
bidi_char(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s, *e = u + n;

	while ((u = memchr(u, 0xe2, (size_t)(e - u))) != NULL && u + 2 < e) {
		if ((u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae) ||
		    (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9)) {
			*cp = 0x2000u | ((unsigned)(u[1] & 0x3f) << 6) |
			    (u[2] & 0x3f);
			return (const char *)u;
		}
		u++;
	}
	return NULL;
}

int
source_decode(const char *file, const char *raw, size_t len, char **text,
    size_t *outlen, enum encoding *enc)
{
	const unsigned char *u = (const unsigned char *)raw;
	char *t = NULL;
	const char *bad;
	size_t n = 0, good;
	unsigned cp;
	int line, col;

	*enc = ENC_UTF8;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*enc = ENC_UTF8_BOM;
		raw += 3;
		len -= 3;
	} else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff))) {
		*enc = u[0] == 0xff ? ENC_UTF16LE : ENC_UTF16BE;
		t = convert(*enc == ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE",
		    raw + 2, len - 2, &n);
		if (t == NULL) {
			diag_file(file, 1, 1, DIAG_ERROR,
			    "文件以 %s 字节顺序标记开头，但内容不是有效的 "
			    "%s 文本；请另存为 UTF-8 编码",
			    source_encoding_name(*enc),
			    source_encoding_name(*enc));
			return 1;
		}
		diag_file(file, 1, 1, DIAG_WARNING,
		    "文件编码为 %s，已转换为 UTF-8；建议另存为 UTF-8 编码",
		    source_encoding_name(*enc));
	}
	if (t == NULL) {
		if (memchr(raw, '\0', len) != NULL) {
			position(raw, (size_t)((const char *)memchr(raw, '\0',
			    len) - raw), &line, &col);
			diag_file(file, line, col, DIAG_ERROR,
			    "文件含有 NUL 字节：这是二进制文件，或没有字节"
			    "顺序标记（BOM）的 UTF-16 文件；请另存为 UTF-8 "
			    "文本");
			return 1;
		}
		good = utf8_valid_prefix(raw, len);
		if (good == len) {
			t = xstrndup(raw, len);
			n = len;
		} else if (!looks_like_utf8(raw, len) &&
		    (t = convert("GB18030", raw, len, &n)) != NULL) {
			*enc = ENC_GB18030;
			diag_file(file, 1, 1, DIAG_WARNING,
			    "文件编码为 GB18030/GBK，已转换为 UTF-8；"
			    "建议另存为 UTF-8 编码");
		} else {
			position(raw, good, &line, &col);
			diag_file(file, line, col, DIAG_ERROR,
			    "无效的 UTF-8 字节 0x%02X：文件应为 UTF-8 编码，"
			    "请检查此处是否混入了其他编码的文字",
			    (unsigned char)raw[good]);
			return 1;
		}
	} else if (memchr(t, '\0', n) != NULL) {
		diag_file(file, 1, 1, DIAG_ERROR,
		    "文件含有 NUL 字符：这是二进制文件，请另存为 UTF-8 文本");
		free(t);
		return 1;
	}
	if (memchr(t, '\r', n) != NULL)
		n = normalize_eol(t, n);
	if ((bad = source_control(t, n, &cp)) != NULL) {
		position(t, (size_t)(bad - t), &line, &col);
		diag_file(file, line, col, DIAG_ERROR, "文件含有控制字符 "
		    "U+%04X：请删去它（常见于从网页、Word 或 PDF 复制来的"
		    "文字）", cp);
		free(t);
		return 1;
	}
	if ((bad = bidi_char(t, n, &cp)) != NULL) {
		position(t, (size_t)(bad - t), &line, &col);
		diag_file(file, line, col, DIAG_WARNING, "含有改变文字方向的"
		    "控制字符 U+%04X（看不见）：网页上它后面的文字会倒过来"
		    "显示；请删去它", cp);
	}
	*text = t;
	*outlen = n;
	return 0;
}

/* --- YAML ----------------------------------------------------------- */

/*
 * A tree's nodes, strings and child arrays come from one arena owned by
 * its root: one free for the whole tree, and far fewer mallocs (a matter
 * has a hundred nodes, an edition of 10,000 matters a million).
 */
#define YARENA_BLOCK	4096

struct yblock {
	struct yblock	*next;
	size_t		 used;
	size_t		 cap;
	max_align_t	 data[];
};

struct yarena {
	struct yblock	*head;
	size_t		 first;		/* size of the first block */
};

static void *
ya_alloc(struct yarena *a, size_t n)
{
	struct yblock *b = a->head;
	void *p;

	n = (n + 7) & ~(size_t)7;	/* nodes and pointers: 8 bytes */
	if (b == NULL || b->used + n > b->cap) {
		size_t cap = b == NULL && a->first ? a->first : YARENA_BLOCK;

		if (cap < n)
			cap = n;

		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

struct yctx {
	const char	*file;
	int		 first_line;
	int		 failed;
	struct yarena	*arena;
};

static struct ynode *
ynode_new(enum ynode_type type, const struct yctx *y, yaml_mark_t m)
{
	struct ynode *n = ya_alloc(y->arena, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->loc.file = y->file;
	n->loc.line = (int)m.line + y->first_line;
	n->loc.col = (int)m.column + 1;
	return n;
}

static void
ya_free(struct yarena *a)
{
	struct yblock *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/*
 * The finished tree, copied into one block of exactly its size, whose
 * start is the root: the arena's unused tail and the child arrays
 * outgrown while parsing are not kept (a model holds a tree per file).
 */
static size_t
ynode_size(const struct ynode *n)
{
	size_t sz = sizeof(*n) + ((n->n * sizeof(*n->kids) + 7) & ~(size_t)7);

	if (n->type == YN_SCALAR)
		return sz + ((strlen(n->str) + 1 + 7) & ~(size_t)7);
	for (size_t i = 0; i < n->n; i++)
		sz += ynode_size(n->kids[i]);
	return sz;
}

static struct ynode *
ynode_copy(const struct ynode *n, char **at)
{
	struct ynode *c = (struct ynode *)*at;

	*at += sizeof(*c);
	*c = *n;
	c->kids = NULL;
	if (n->n) {
		c->kids = (struct ynode **)*at;
		*at += (n->n * sizeof(*c->kids) + 7) & ~(size_t)7;
		for (size_t i = 0; i < n->n; i++)
			c->kids[i] = ynode_copy(n->kids[i], at);
	}
	if (n->type == YN_SCALAR) {
		size_t len = strlen(n->str) + 1;

		c->str = memcpy(*at, n->str, len);
		*at += (len + 7) & ~(size_t)7;
	}
	return c;
}

static struct ynode *
ynode_compact(const struct ynode *root)
{
	char *block = xmalloc(ynode_size(root)), *at = block;

	return ynode_copy(root, &at);
}

/* Frees a whole tree: it is one block that starts with its root. */
void
ynode_free(struct ynode *n)
{
	free(n);
}

const struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->str[0] == key[0] &&
		    strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

static void
ynode_add(struct yarena *a, struct ynode *parent, struct ynode *kid)
{
	/* Capacity doubles at each power of two: no cap field needed. */
	if (parent->n == 0 || (parent->n >= 4 &&
	    (parent->n & (parent->n - 1)) == 0)) {
		size_t cap = parent->n == 0 ? 4 : parent->n * 2;
		struct ynode **k = ya_alloc(a, cap * sizeof(*k));

		if (parent->n)
			memcpy(k, parent->kids, parent->n * sizeof(*k));
		parent->kids = k;
	}
	parent->kids[parent->n++] = kid;
}

/* libyaml's problems, in the words an editor understands. */
static const char *
yaml_problem_zh(const char *p, const char *ctx)
{
	static const struct { const char *en, *zh; } t[] = {
	{ "found unexpected end of stream",
	  "引号没有闭合：请在文字末尾补上与开头相同的引号" },
	{ "mapping values are not allowed in this context",
	  "此处不能出现“键: 值”：冒号后的文字含有“: ”时请给整个值加引号，"
	  "或检查缩进" },
	{ "did not find expected key",
	  "缩进不一致，或列表项与键混在同一层：请检查此行的缩进" },
	{ "did not find expected '-' indicator",
	  "列表的缩进不一致：同一列表的每一项“- ”应对齐" },
	{ "found character that cannot start any token",
	  "此处的字符不能作为 YAML 值的开头（如制表符、@ 或 `）：请改用空格"
	  "缩进，或给值加引号" },
	{ "could not find expected ':'",
	  "缺少冒号：键后应写“: ”再写值" },
	{ "found a tab character that violates indentation",
	  "缩进中含有制表符：YAML 只能用空格缩进" },
	{ "found a tab character where an indentation space is expected",
	  "缩进中含有制表符：YAML 只能用空格缩进" },
	{ "did not find expected node content",
	  "缺少值：请在此处写出内容" },
	{ "block sequence entries are not allowed in this context",
	  "此处不能开始列表：“- ”应另起一行并缩进" },
	{ "found unknown escape character",
	  "双引号内有无效的转义符（\\）：请写成 \\\\ 或改用单引号" },
	{ "did not find expected ',' or ']'",
	  "方括号列表没有闭合：缺少“,”或“]”" },
	{ "did not find expected ',' or '}'",
	  "花括号没有闭合：缺少“,”或“}”" },
	{ "found undefined tag handle", "不支持 YAML 标签（!）" },
	{ "found unexpected ':'", "此处多了一个冒号：请给值加引号" },
	{ "invalid leading UTF-8 octet", "无效的 UTF-8 字节" },
	{ "control characters are not allowed",
	  "含有不允许的控制字符" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (p && strcmp(p, t[i].en) == 0)
			return t[i].zh;
	(void)ctx;
	return NULL;
}

/*
 * After a syntax error: the first line, up to the error, holding an odd
 * number of double quotes (or of single quotes after ": "), which is
 * where an unclosed quote begins. libyaml itself reports such a quote
 * much later, where the string finally ends or breaks the structure.
 */
static int
find_unclosed_quote(const char *text, size_t len, size_t upto_line,
    int *line, int *col)
{
	const char *p = text, *end = text + len;
	size_t ln = 0;

	while (p < end && ln <= upto_line) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q, *first = NULL;
		int dq = 0;

		if (eol == NULL)
			eol = end;
		for (q = p; q < eol; q++)
			if (*q == '"' && (q == p || q[-1] != '\\')) {
				if (dq++ == 0)
					first = q;
			}
		if (dq % 2 == 1) {
			*line = (int)ln;
			*col = 1;
			for (q = p; q < first; q++)
				if (((unsigned char)*q & 0xc0) != 0x80)
					(*col)++;
			return 1;
		}
		p = eol + 1;
		ln++;
	}
	return 0;
}

/*
 * Problems whose place is the line that holds them: libyaml's context
 * for these is the scalar or the list before, a line or more too early.
 */
static int
problem_is_local(const char *p)
{
	return p != NULL && (strstr(p, "tab character") != NULL ||
	    strcmp(p, "did not find expected '-' indicator") == 0 ||
	    strcmp(p, "did not find expected key") == 0);
}

static int
problem_is_tab(const char *p)
{
	return p != NULL && (strstr(p, "tab character") != NULL ||
	    strcmp(p, "found character that cannot start any token") == 0);
}

/* The byte at a libyaml mark (line, column in characters), or 0. */
static int
char_at(const char *text, size_t len, yaml_mark_t m)
{
	const char *p = text, *end = text + len;
	size_t col = 0;

	for (size_t ln = 0; ln < m.line; ln++) {
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		p++;
	}
	for (; p < end && *p != '\n'; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80)
			continue;
		if (col++ == m.column)
			return (unsigned char)*p;
	}
	return 0;
}

static struct ynode *yaml_parse(const char *, const char *, size_t, int,
    int *);

struct ynode *
source_yaml(const char *file, const char *text, size_t len, int first_line)
{
	int failed;

	return yaml_parse(file, text, len, first_line, &failed);
}

static struct ynode *
yaml_parse(const char *file, const char *text, size_t len, int first_line,
    int *failed)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct yctx y = { file, first_line, 0, NULL };
	struct ynode *stack[SRC_MAX_DEPTH + 2], *root = NULL, *n;
	int depth = 0, done = 0;

	if (!yaml_parser_initialize(&parser)) {
		diag_file(file, first_line, 1, DIAG_ERROR, "YAML 解析器初始化失败");
		return NULL;
	}
	y.arena = xcalloc(1, sizeof(*y.arena));
	/* A tree takes about six times its text: most need one block. */
	y.arena->first = len * 6 + 256;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_mark_t m = parser.context ?
			    parser.context_mark : parser.problem_mark;
			const char *zh = yaml_problem_zh(parser.problem,
			    parser.context);
			int ql, qc;

			/* The context is where the broken construct begins;
			 * but when that is the whole front matter (its top
			 * mapping), or when the problem is a line's own
			 * indentation (a tab, a misaligned "- " or key: the
			 * context is then the line before, or the list's
			 * first line), the problem's own place says more. */
			if (parser.context == NULL ||
			    (m.line == 0 && m.column == 0) ||
			    problem_is_local(parser.problem))
				m = parser.problem_mark;
			if (char_at(text, len, parser.problem_mark) == '\t' &&
			    problem_is_tab(parser.problem)) {
				m = parser.problem_mark;
				diag_file(file, (int)m.line + first_line,
				    (int)m.column + 1, DIAG_ERROR, "YAML 语法错误："
				    "这一行的缩进里有制表符（Tab）：YAML 只能用空格"
				    "缩进，请把它换成空格，与同一层的其他行对齐");
			} else if (find_unclosed_quote(text, len, m.line, &ql,
			    &qc))
				diag_file(file, ql + first_line, qc, DIAG_ERROR,
				    "YAML 语法错误：引号没有闭合：请在这段文字末尾"
				    "补上同样的引号");
			else if (zh == NULL)
				diag_file(file, (int)m.line + first_line,
				    (int)m.column + 1, DIAG_ERROR,
				    "YAML 语法错误：这一行的写法不对（libyaml："
				    "%s%s%s）；请检查缩进（只用空格）、“键: 值”的"
				    "冒号和引号是否成对", parser.problem ?
				    parser.problem : "?", parser.context ?
				    "，" : "", parser.context ?
				    parser.context : "");
			else if (problem_is_local(parser.problem) &&
			    parser.context != NULL &&
			    parser.context_mark.line < m.line &&
			    (parser.context_mark.line > 0 ||
			    parser.context_mark.column > 0))
				diag_file(file, (int)m.line + first_line,
				    (int)m.column + 1, DIAG_ERROR,
				    "YAML 语法错误：%s（这一层从第 %d 行开始）",
				    zh, (int)parser.context_mark.line +
				    first_line);
			else
				diag_file(file, (int)m.line + first_line,
				    (int)m.column + 1, DIAG_ERROR,
				    "YAML 语法错误：%s", zh);
			y.failed = 1;
			break;
		}
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root != NULL) {
				diag_file(file, (int)ev.start_mark.line +
				    first_line, 1, DIAG_ERROR, "front matter "
				    "中只能有一个 YAML 文档");
				y.failed = 1;
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_file(file, (int)ev.start_mark.line + first_line,
			    (int)ev.start_mark.column + 1, DIAG_ERROR,
			    "不支持 YAML 别名（*%s）：请把内容直接写出来",
			    (const char *)ev.data.alias.anchor);
			y.failed = 1;
			done = 1;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const unsigned char *anchor, *tag;
			unsigned bad;

			if (ev.type == YAML_SCALAR_EVENT) {
				anchor = ev.data.scalar.anchor;
				tag = ev.data.scalar.tag;
			} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
				anchor = ev.data.sequence_start.anchor;
				tag = ev.data.sequence_start.tag;
			} else {
				anchor = ev.data.mapping_start.anchor;
				tag = ev.data.mapping_start.tag;
			}
			if (anchor != NULL || tag != NULL) {
				diag_file(file, (int)ev.start_mark.line +
				    first_line, (int)ev.start_mark.column + 1,
				    DIAG_ERROR, anchor != NULL ?
				    "不支持 YAML 锚点（&%s）：请把内容直接写出来" :
				    "不支持 YAML 标签（%s）：请去掉它",
				    (const char *)(anchor ? anchor : tag));
				y.failed = 1;
				done = 1;
				break;
			}
			if (ev.type == YAML_SCALAR_EVENT) {
				if (ev.data.scalar.length > SRC_MAX_STRING) {
					diag_file(file, (int)ev.start_mark.line +
					    first_line,
					    (int)ev.start_mark.column + 1,
					    DIAG_ERROR, "文字过长（%zu 字节，"
					    "上限 %u 字节）：请把长文字移到正文",
					    ev.data.scalar.length,
					    SRC_MAX_STRING);
					y.failed = 1;
					done = 1;
					break;
				}
				if (source_control((const char *)
				    ev.data.scalar.value,
				    ev.data.scalar.length, &bad) != NULL) {
					diag_file(file, (int)ev.start_mark.line +
					    first_line,
					    (int)ev.start_mark.column + 1,
					    DIAG_ERROR, "文字含有不能用的字符 U+%04X（"
					    "控制字符，多是双引号内的转义符写成的，"
					    "如 \\x01、\\e 或 \\0）：请删去它",
					    bad);
					y.failed = 1;
					done = 1;
					break;
				}
				n = ynode_new(YN_SCALAR, &y, ev.start_mark);
				n->str = ya_alloc(y.arena,
				    ev.data.scalar.length + 1);
				memcpy(n->str, ev.data.scalar.value,
				    ev.data.scalar.length);
				n->str[ev.data.scalar.length] = '\0';
				n->quoted = ev.data.scalar.style !=
				    YAML_PLAIN_SCALAR_STYLE;
			} else
				n = ynode_new(ev.type == YAML_SEQUENCE_START_EVENT ?
				    YN_SEQ : YN_MAP, &y, ev.start_mark);
			if (depth > 0)
				ynode_add(y.arena, stack[depth - 1], n);
			else if (root == NULL)
				root = n;
			if (n->type != YN_SCALAR) {
				if (depth >= SRC_MAX_DEPTH) {
					diag_file(file, n->loc.line, n->loc.col,
					    DIAG_ERROR, "嵌套过深（超过 %d 层）",
					    SRC_MAX_DEPTH);
					y.failed = 1;
					done = 1;
					break;
				}
				stack[depth++] = n;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	*failed = y.failed;
	if (!y.failed && root != NULL)
		root = ynode_compact(root);
	ya_free(y.arena);
	return y.failed ? NULL : root;
}

/* --- files ---------------------------------------------------------- */

/* Is line (at s, up to LF) a front matter fence made of c? */
static int
is_fence(const char *s, char c)
{
	if (s[0] != c || s[1] != c || s[2] != c)
		return 0;
	for (s += 3; *s == ' ' || *s == '\t'; s++)
		continue;
	return *s == '\n' || *s == '\0';
}

int
source_read(const char *path, struct source *src)
{
	char *raw, *p, *end;
	size_t len;
	int line;

	memset(src, 0, sizeof(*src));
	src->path = xstrdup(path);
	src->body = "";
	if (file_read(path, &raw, &len, SRC_MAX_FILE) == -1) {
		if (errno == EFBIG) {
			diag_file(src->path, 1, 1, DIAG_ERROR,
			    "文件过大（上限 %u MiB）：请拆分为多个事项，或把"
			    "附件放到 assets/", SRC_MAX_FILE / 1024 / 1024);
			return 1;
		}
		return -1;
	}
	if (len == 0) {
		free(raw);
		diag_file(src->path, 1, 1, DIAG_ERROR,
		    "空文件：应以 --- 开头的 front matter 写出事项的各要素");
		return 1;
	}
	if (source_decode(src->path, raw, len, &src->text, &src->len,
	    &src->enc)) {
		free(raw);
		return 1;
	}
	free(raw);
	if (!is_fence(src->text, '-')) {
		diag_file(src->path, 1, 1, DIAG_ERROR,
		    "缺少 front matter：文件第一行应为 ---，其后写各要素，"
		    "再以 --- 结束");
		return 1;
	}
	/* Find the closing fence. */
	p = strchr(src->text, '\n');
	line = 2;
	while (p != NULL) {
		p++;
		if (is_fence(p, '-') || is_fence(p, '.'))
			break;
		p = strchr(p, '\n');
		line++;
	}
	if (p == NULL) {
		diag_file(src->path, 1, 1, DIAG_ERROR,
		    "front matter 没有结束：第 1 行的 --- 之后找不到结束的 "
		    "--- 行");
		return 1;
	}
	{
		const char *fm = strchr(src->text, '\n') + 1;

		src->front = yaml_parse(src->path, fm, (size_t)(p - fm), 2,
		    &src->yaml_error);
	}
	end = strchr(p, '\n');
	src->body = end ? end + 1 : src->text + src->len;
	src->body_line = line + 1;
	return 0;
}

void
source_free(struct source *src)
{
	ynode_free(src->front);
	free(src->text);
	free(src->path);
	memset(src, 0, sizeof(*src));
}
