/*
 * model_fields.c — one record's keys, through the one alias table
 * (keys.c), and the converters of their values: text, lists, numbers,
 * yes/no, enumerations, dates, ids, the online mapping. Each converter
 * reports a bad value at its place and gives the model nothing for it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "keys.h"
#include "model_int.h"
/*
 * A value an editor has not supplied yet: exactly 待填写, 待补充, TODO,
 * TBD or XXX (trimmed; the Latin ones in any case). Returns the word as
 * written, trimmed, in a static buffer, or NULL.
 */
const char *
placeholder_word(const char *s)
{
	static const char *const words[] = { "待填写", "待补充", "TODO",
	    "TBD", "XXX" };
	static _Thread_local char out[16];
	const char *e;
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' ||
	    strncmp(s, "\u3000", 3) == 0)
		s += *s == ' ' || *s == '\t' || *s == '\n' ? 1 : 3;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    (e - s >= 3 && strncmp(e - 3, "\u3000", 3) == 0)))
		e -= e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ? 1 : 3;
	n = (size_t)(e - s);
	if (n == 0 || n >= sizeof(out))
		return NULL;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0) {
			memcpy(out, s, n);
			out[n] = '\0';
			return out;
		}
	return NULL;
}

/*
 * Placeholders in the value v of key (scalars, and the scalars of its
 * lists; a mapping inside is read, and checked, as its own record):
 * each reported; returns how many.
 */
static int
placeholders(const struct ynode *v, const struct ynode *key,
    const struct keydef *d, int in_list)
{
	const char *w;
	int n = 0;

	if (v == NULL)
		return 0;
	if (v->type == YN_SEQ) {
		for (size_t i = 0; i < v->n; i++)
			n += placeholders(v->kids[i], key, d, 1);
		return n;
	}
	if (v->type != YN_SCALAR || (w = placeholder_word(v->str)) == NULL)
		return 0;
	diag_at(&v->loc, DIAG_ERROR, "“%s”%s还是占位的“%s”：请写出实际的内容"
	    "（%s）%s", key->str, in_list ? "的一项" : "", w, d->help,
	    d->required ? "" : "，或删去这一行");
	return 1;
}

/* Copies made while reading fields: freed by fields_done once the item
 * is made (items copy what they keep; fields are read on one thread). */
static struct ynode	**scratch;
static size_t		  nscratch;

void
fields_done(void)
{
	for (size_t i = 0; i < nscratch; i++) {
		free(scratch[i]->kids);
		free(scratch[i]);
	}
	free(scratch);
	scratch = NULL;
	nscratch = 0;
}

/*
 * A list whose placeholder entries (reported) are left out, so that the
 * rest is still read and checked; NULL when nothing is left. The copy
 * lives until fields_done.
 */
static const struct ynode *
without_placeholders(const struct ynode *v)
{
	struct ynode *c = xmalloc(sizeof(*c));

	*c = *v;
	c->kids = xcalloc(v->n + 1, sizeof(*c->kids));
	c->n = 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->kids[i]->type != YN_SCALAR ||
		    placeholder_word(v->kids[i]->str) == NULL)
			c->kids[c->n++] = v->kids[i];
	if (c->n == 0) {
		free(c->kids);
		free(c);
		return NULL;
	}
	*VEC_PUSH(&scratch, &nscratch) = c;
	return c;
}

/*
 * extra: / 扩展: holds local fields ybt does not know: any keys, any
 * nesting. It must be a mapping; its keys are words, given once each;
 * a placeholder there is an error as anywhere else.
 */
static void
extra_check(const struct ynode *v, const char *path, int top)
{
	const char *w;

	if (v->type == YN_SCALAR) {
		if (top) {
			if (!v->quoted && (v->str[0] == '\0' ||
			    strcmp(v->str, "~") == 0))
				return;
			diag_at(&v->loc, DIAG_ERROR, "“%s”应为键值对（每个"
			    "本地字段写成“键: 值”），如 %s: {联系人: 张三}",
			    path, path);
		} else if ((w = placeholder_word(v->str)) != NULL)
			diag_at(&v->loc, DIAG_ERROR, "“%s”还是占位的“%s”："
			    "请写出实际的内容，或删去这一项", path, w);
		return;
	}
	if (top && v->type != YN_MAP) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为键值对（每个本地字段写成"
		    "“键: 值”），如 %s: {联系人: 张三}", path, path);
		return;
	}
	if (v->type == YN_SEQ) {
		for (size_t i = 0; i < v->n; i++)
			extra_check(v->kids[i], path, 0);
		return;
	}
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ynode *key = v->kids[i];
		char *sub;

		if (key->type != YN_SCALAR) {
			diag_at(&key->loc, DIAG_ERROR, "键必须是一个词，"
			    "不能是列表或键值对");
			continue;
		}
		for (size_t j = 0; j < i; j += 2)
			if (v->kids[j]->type == YN_SCALAR &&
			    strcmp(v->kids[j]->str, key->str) == 0) {
				diag_at(&key->loc, DIAG_ERROR, "键“%s”重复："
				    "第 %d 行第 %d 列已写过；请删除其中一个",
				    key->str, v->kids[j]->loc.line,
				    v->kids[j]->loc.col);
				break;
			}
		sub = xasprintf("%s.%s", path, key->str);
		extra_check(v->kids[i + 1], sub, 0);
		free(sub);
	}
}

static int
is_top_kind(enum kind k)
{
	return k == KIND_EDITION || k == KIND_GUIDE || k == KIND_MATTER ||
	    k == KIND_PROCEDURE || k == KIND_OFFICE;
}

/* Lower case, '-' and ' ' as '_', a trailing colon dropped. */
static void
key_norm(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 1 < cap; s++)
		out[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') :
		    *s == '-' || *s == ' ' ? '_' : *s;
	out[n] = '\0';
	if (n > 0 && out[n - 1] == ':')
		out[n - 1] = '\0';
	else if (n >= 3 && strcmp(out + n - 3, "\uff1a") == 0)
		out[n - 3] = '\0';
}

/* English singular: copies → copy, offices → office, windows → window. */
static void
key_stem(char *s)
{
	size_t n = strlen(s);

	if (n > 4 && strcmp(s + n - 3, "ies") == 0)
		strcpy(s + n - 3, "y");
	else if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's')
		s[n - 1] = '\0';
}

/* Edit distance in characters, a swap of two neighbours counting one. */
static unsigned
key_distance(const char *a, const char *b)
{
	unsigned ca[48], cb[48], d[49][49], cp;
	size_t na = 0, nb = 0;
	int k;

	for (; *a && na < 48; a += k)
		ca[na++] = (k = utf8_decode(a, strlen(a), &cp)) ? cp :
		    (k = 1, 0);
	for (; *b && nb < 48; b += k)
		cb[nb++] = (k = utf8_decode(b, strlen(b), &cp)) ? cp :
		    (k = 1, 0);
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			unsigned c = d[i - 1][j - 1] + (ca[i - 1] != cb[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] &&
			    ca[i - 2] == cb[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[na][nb];
}

/*
 * The key of kind k an unknown key was meant to be: same after case,
 * '-' for '_' and English plurals; else the nearest by edit distance
 * (one character for a key of up to three, two up to six, three
 * beyond: a pinyin input method's 排出 for 排除, copis for copies).
 */
static const char *
key_suggest(const struct keydef *defs, size_t n, const char *word)
{
	char w[128], ws[128], c[128];
	const char *best = NULL;
	unsigned bestd = ~0u, limit;
	size_t len = utf8_strlen(word);

	key_norm(word, w, sizeof(w));
	memcpy(ws, w, sizeof(ws));
	key_stem(ws);
	for (size_t i = 0; i < 2 * n; i++) {
		const char *cand = i % 2 ? defs[i / 2].zh : defs[i / 2].en;

		if (strcmp(w, cand) == 0)
			return cand;
		key_norm(cand, c, sizeof(c));
		key_stem(c);
		if (strcmp(ws, c) == 0 ||
		    (strlen(ws) > 3 && strstr(c, ws) == c && strlen(c) -
		    strlen(ws) <= 2))
			return cand;
	}
	limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	for (size_t i = 0; i < 2 * n; i++) {
		const char *cand = i % 2 ? defs[i / 2].zh : defs[i / 2].en;
		unsigned d = key_distance(w, cand);

		if (d < bestd) {
			bestd = d;
			best = cand;
		}
	}
	return bestd <= limit ? best : NULL;
}

static void
unknown_key(enum kind k, struct fields *f, const struct ynode *key)
{
	const char *best = key_suggest(f->defs, f->ndefs, key->str);
	int meant = best ? keys_find(k, best) : -1;

	/* The key it was meant to be is not missing as well. */
	if (meant >= 0)
		f->held[meant] = 1;
	const char *where = is_top_kind(k) ? "本文件的 extra:（扩展:）" :
	    "本文件顶层的 extra:（扩展:）";

	if (best)
		diag_at(&key->loc, DIAG_ERROR, "未知的键“%s”：是否想写“%s”？"
		    "ybt 不认识的本地字段请写在%s之下（只保留在 XML 中，其他"
		    "输出不用）", key->str, best, where);
	else
		diag_at(&key->loc, DIAG_ERROR, "未知的键“%s”：%s没有这个键"
		    "（可用的键见 ybt-sources(5)）；ybt 不认识的本地字段请写在"
		    "%s之下（只保留在 XML 中，其他输出不用）", key->str,
		    model_kind_zh(k), where);
}

int
fields_read(enum kind k, const struct ynode *map, const struct loc *at,
    struct fields *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->defs = keys_table(k, &f->ndefs);
	f->at = *at;
	if (map == NULL)
		return 0;
	if (map->type != YN_MAP) {
		diag_at(&map->loc, DIAG_ERROR, "%s应写成“键: 值”的形式，"
		    "这里却是%s", model_kind_zh(k), map->type == YN_SEQ ?
		    "一个列表" : "一段文字");
		return 0;
	}
	f->ok = 1;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *key = map->kids[i];
		const struct ynode *val = map->kids[i + 1];
		int idx;

		if (key->type != YN_SCALAR) {
			diag_at(&key->loc, DIAG_ERROR, "键必须是一个词，"
			    "不能是列表或键值对");
			continue;
		}
		if ((idx = keys_find(k, key->str)) < 0) {
			unknown_key(k, f, key);
			continue;
		}
		if (f->key[idx] != NULL) {
			diag_at(&key->loc, DIAG_ERROR, "键“%s”重复：第 %d 行"
			    "已写过“%s”，两者是同一项；请删除其中一个",
			    key->str, f->key[idx]->loc.line,
			    f->key[idx]->str);
			continue;
		}
		f->key[idx] = key;
		if (strcmp(f->defs[idx].en, "extra") == 0)
			extra_check(val, key->str, 1);
		else if (placeholders(val, key, &f->defs[idx], 0) > 0) {
			val = val->type == YN_SEQ ?
			    without_placeholders(val) : NULL;
			if (val == NULL) {
				f->held[idx] = 1;	/* said; absent now */
				continue;
			}
		}
		f->val[idx] = val;
	}
	return 1;
}

int
fidx(const struct fields *f, const char *en)
{
	int	i = keys_find(f->kind, en);

	if (i < 0 || strcmp(f->defs[i].en, en) != 0) {
		fprintf(stderr, "ybt: internal: no key %s\n", en);
		abort();
	}
	return i;
}

/* The value of key en, or NULL; a YAML null (~, empty) counts as absent. */
const struct ynode *
fval(const struct fields *f, const char *en)
{
	const struct ynode *v = f->val[fidx(f, en)];

	if (v && v->type == YN_SCALAR && !v->quoted &&
	    (v->str[0] == '\0' || strcmp(v->str, "~") == 0 ||
	    strcmp(v->str, "null") == 0))
		return NULL;
	return v;
}

/* The key as the source spells it. */
const char *
fname(const struct fields *f, const char *en)
{
	int i = fidx(f, en);

	return f->key[i] ? f->key[i]->str : en;
}

const struct loc *
floc(const struct fields *f, const char *en)
{
	const struct ynode *v = f->val[fidx(f, en)];

	return v ? &v->loc : &f->at;
}

/* Report every missing required key of the record. */
void
fields_require(const struct fields *f)
{
	if (!f->ok)
		return;
	for (size_t i = 0; i < f->ndefs; i++) {
		if (!f->defs[i].required || f->held[i] ||
		    fval(f, f->defs[i].en) != NULL)
			continue;
		if (f->key[i] != NULL)
			diag_at(&f->key[i]->loc, DIAG_ERROR, "“%s”不能为空：%s",
			    f->key[i]->str, f->defs[i].help);
		else
			diag_at(&f->at, DIAG_ERROR, "%s缺少必填项“%s”（%s）：%s",
			    model_kind_zh(f->kind), f->defs[i].en, f->defs[i].zh,
			    f->defs[i].help);
	}
}

char *
fstr(const struct fields *f, const char *en)
{
	const struct ynode *v = fval(f, en);

	if (v == NULL)
		return NULL;
	if (v->type != YN_SCALAR) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为一段文字，这里却是%s",
		    fname(f, en), v->type == YN_SEQ ? "列表" : "键值对");
		return NULL;
	}
	return xstrdup(v->str);
}

/* A scalar, or a list of scalars; a scalar becomes a one-entry list. */
void
fstrlist(const struct fields *f, const char *en, struct strlist *out)
{
	const struct ynode *v = fval(f, en);

	memset(out, 0, sizeof(*out));
	if (v == NULL)
		return;
	if (v->type == YN_MAP) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为列表（每行以“- ”开头）"
		    "或一段文字，这里却是键值对", fname(f, en));
		return;
	}
	if (v->type == YN_SCALAR) {
		out->v = xmalloc(sizeof(char *));
		out->loc = xmalloc(sizeof(struct loc));
		out->v[0] = xstrdup(v->str);
		out->loc[0] = v->loc;
		out->n = 1;
		return;
	}
	out->v = xcalloc(v->n, sizeof(char *));
	out->loc = xcalloc(v->n, sizeof(struct loc));
	for (size_t i = 0; i < v->n; i++) {
		if (v->kids[i]->type != YN_SCALAR) {
			diag_at(&v->kids[i]->loc, DIAG_ERROR, "“%s”的每一项"
			    "应为一段文字", fname(f, en));
			continue;
		}
		out->loc[out->n] = v->kids[i]->loc;
		out->v[out->n++] = xstrdup(v->kids[i]->str);
	}
}

static int
parse_int(const char *s, long *out)
{
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*out = strtol(s, &end, 10);
	return *end == '\0' && errno == 0 && *out >= INT_MIN &&
	    *out <= INT_MAX;
}

/* A whole number >= min; def when absent or wrong (reported). */
int
fint(const struct fields *f, const char *en, long min, int def)
{
	const struct ynode *v = fval(f, en);
	long n;

	if (v == NULL)
		return def;
	if (v->type != YN_SCALAR || !parse_int(v->str, &n)) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为整数（如 %ld），这里是"
		    "“%s”", fname(f, en), min > 0 ? min : 5,
		    v->type == YN_SCALAR ? v->str : "列表或键值对");
		return def;
	}
	if (n < min) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”不能小于 %ld", fname(f, en),
		    min);
		return def;
	}
	return (int)n;
}

/* 1/0 for true/false; -1 when the value is some other text. */
int
yes_no(const char *s)
{
	static const char *const yes[] = { "true", "yes", "是", "True",
	    "TRUE", "Yes", "必要", "必需", "必须" };
	static const char *const no[] = { "false", "no", "否", "False",
	    "FALSE", "No", "非必要", "非必需", "容缺" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}

int
fbool(const struct fields *f, const char *en, int def)
{
	const struct ynode *v = fval(f, en);
	int b;

	if (v == NULL)
		return def;
	if (v->type != YN_SCALAR || (b = yes_no(v->str)) < 0) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为 true 或 false，这里是"
		    "“%s”", fname(f, en), v->type == YN_SCALAR ? v->str :
		    "列表或键值对");
		return def;
	}
	return b;
}

/* Check s against the allowed words; report with a suggestion. */
int
enum_ok(const char *s, const struct loc *l, const char *key,
    const char *const *words, size_t n)
{
	struct buf b;
	const char *best;

	if (s == NULL)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", words[i]);
	best = diag_suggest(s, words, n);
	if (best)
		diag_at(l, DIAG_ERROR, "“%s”的值“%s”无效：应为 %s 之一；"
		    "是否想写“%s”？", key, s, b.data, best);
	else
		diag_at(l, DIAG_ERROR, "“%s”的值“%s”无效：应为 %s 之一",
		    key, s, b.data);
	buf_free(&b);
	return 0;
}

int
fenum(const struct fields *f, const char *en, const char *const *w,
    size_t n, char **out)
{
	*out = fstr(f, en);
	if (*out && !enum_ok(*out, floc(f, en), fname(f, en), w, n)) {
		free(*out);
		*out = NULL;
		return 0;
	}
	return 1;
}

/* Year, month and day of 2026-8-1, 2026/08/01, 2026.8.1, 2026年8月1日. */
static int
loose_date(const char *s, int *y, int *m, int *d)
{
	int v[3], k = 0;

	while (k < 3) {
		const char *p = s;
		long n = 0;

		while (*s >= '0' && *s <= '9' && s - p < 4)
			n = n * 10 + (*s++ - '0');
		if (s == p || (k == 0 && s - p != 4) || (k > 0 && s - p > 2))
			return 0;
		v[k++] = (int)n;
		if (k < 3 && (*s == '-' || *s == '/' || *s == '.'))
			s++;
		else if (k == 1 && strncmp(s, "年", 3) == 0)
			s += 3;
		else if (k == 2 && strncmp(s, "月", 3) == 0)
			s += 3;
		else if (k == 3 && strncmp(s, "日", 3) == 0)
			s += 3;
		else if (k < 3)
			return 0;
	}
	if (*s != '\0')
		return 0;
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return 1;
}

static int
month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

/*
 * An ISO date; reported when present but invalid, saying which part is
 * wrong and the date meant where it can be told.
 */
char *
fdate(const struct fields *f, const char *en)
{
	char *s = fstr(f, en);
	const char *k = fname(f, en);
	int y, m, d;

	if (s == NULL || is_iso_date(s, NULL, NULL, NULL))
		return s;
	if (!loose_date(s, &y, &m, &d))
		diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”无效：应写成"
		    " YYYY-MM-DD（年-月-日，月和日各两位），如 2026-11-20", k, s);
	else if (m < 1 || m > 12) {
		if (d >= 1 && d <= 12 && m >= 13 && m <= 31)
			diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”不存在："
			    "月份 %d 不存在（月份应为 01 至 12）；若是把月和日"
			    "写反了，应写成 %04d-%02d-%02d", k, s, m, y, d, m);
		else
			diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”不存在："
			    "月份 %d 不存在（月份应为 01 至 12）；请核对日期，"
			    "写成 YYYY-MM-DD", k, s, m);
	} else if (d < 1)
		diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”不存在：没有 "
		    "%d 日（日应为 01 至 %d）；请核对日期，写成 YYYY-MM-DD", k,
		    s, d, month_days(y, m));
	else if (d > month_days(y, m)) {
		int last = month_days(y, m);

		diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”不存在：%d 年 "
		    "%d 月没有 %d 日（%s%d 月只有 %d 天）；是否想写“%04d-%02d-"
		    "%02d”？", k, s, y, m, d, m == 2 && last == 28 && d == 29 ?
		    "这一年不是闰年，" : "", m, last, y, m, last);
	} else
		diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”应写成 "
		    "YYYY-MM-DD：是否想写“%04d-%02d-%02d”？", k, s, y, m, d);
	free(s);
	return NULL;
}

/* The extra: mapping (checked by fields_read), or NULL. */
const struct ynode *
fextra(const struct fields *f)
{
	const struct ynode *v = fval(f, "extra");

	return v != NULL && v->type == YN_MAP && v->n > 0 ? v : NULL;
}

int
model_valid_id(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

char *
fid(const struct fields *f, const char *en)
{
	char *s = fstr(f, en);

	if (s && !model_valid_id(s)) {
		diag_at(floc(f, en), DIAG_ERROR, "编号“%s”无效：只能使用小写"
		    "字母、数字和连字符（-），如 birth-certificate", s);
		free(s);
		return NULL;
	}
	return s;
}

/*
 * What is wrong with a URL an editor gives (网上办理, 门户地址, links of
 * the bodies), or NULL: it must be http:// or https:// and a host (a
 * name with a dot, localhost, or an [address]), without spaces.
 */
const char *
url_problem(const char *url)
{
	const char *h, *e, *p;
	int dot = 0, bad = 0;

	if (strncmp(url, "https://", 8) == 0)
		h = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		h = url + 7;
	else
		return "应以 https:// 或 http:// 开头";
	e = h + strcspn(h, "/?#");
	if ((p = memchr(h, '@', (size_t)(e - h))) != NULL)
		h = p + 1;		/* user@ */
	if (*h == '[')			/* [IPv6] */
		dot = memchr(h, ']', (size_t)(e - h)) != NULL;
	else {
		if ((p = memchr(h, ':', (size_t)(e - h))) != NULL)
			e = p;		/* :port */
		for (p = h; p < e; p++) {
			if (*p == '.' && p > h && p + 1 < e && p[-1] != '.')
				dot = 1;
			else if ((unsigned char)*p < 0x80 && !(*p == '-' ||
			    *p == '.' || (*p >= '0' && *p <= '9') ||
			    (*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z')))
				bad = 1;
		}
		if ((size_t)(e - h) == 9 && strncasecmp(h, "localhost", 9) == 0)
			dot = 1;
	}
	if (e == h)
		return "缺少网站的域名";
	if (bad)
		return "域名中有不能出现在网址里的字符";
	if (!dot)
		return "域名不完整（应含“.”，如 www.gz.gov.cn）";
	if (strpbrk(url, " \t\n") != NULL)
		return "网址中不能有空格（空格请写成 %20）";
	return NULL;
}

/* url_problem reported at l, naming what; 1 when the URL is fine. */
int
url_check(const char *url, const struct loc *l, const char *what)
{
	const char *why = url_problem(url);

	if (why == NULL)
		return 1;
	if (strncmp(url, "www.", 4) == 0 && strchr(url, ' ') == NULL)
		diag_at(l, DIAG_ERROR, "%s“%s”无效：%s；是否想写“https://%s”？",
		    what, url, why, url);
	else
		diag_at(l, DIAG_ERROR, "%s“%s”无效：%s；请写完整的网址，如 "
		    "https://www.gz.gov.cn/", what, url, why);
	return 0;
}

void
fonline(const struct fields *f, struct online *o)
{
	const struct ynode *v = fval(f, "online");
	struct fields g;
	const struct loc *at;

	memset(o, 0, sizeof(*o));
	if (v == NULL)
		return;
	at = &v->loc;
	if (v->type == YN_SCALAR) {	/* a bare URL */
		o->url = xstrdup(v->str);
	} else if (fields_read(KIND_ONLINE, v, &v->loc, &g)) {
		fields_require(&g);
		o->url = fstr(&g, "url");
		o->depth = fstr(&g, "depth");
		at = floc(&g, "url");
	}
	if (o->url && !url_check(o->url, at, "网上办理地址")) {
		free(o->url);
		o->url = NULL;
		o->bad = 1;
	} else if (o->url == NULL && v->type == YN_MAP)
		o->bad = 1;	/* url refused or missing: said */

}
