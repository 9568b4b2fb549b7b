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

#include "util.h"
#include "diag.h"
#include "source.h"
#include "keys.h"
#include "model_int.h"
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
		int idx;

		if (key->type != YN_SCALAR) {
			diag_at(&key->loc, DIAG_ERROR, "键必须是一个词，"
			    "不能是列表或键值对");
			continue;
		}
		if ((idx = keys_find(k, key->str)) < 0) {
			const char *cands[2 * MODEL_MAX_KEYS];
			const char *best;
			size_t nc = 0;

			for (size_t j = 0; j < f->ndefs; j++) {
				cands[nc++] = f->defs[j].en;
				cands[nc++] = f->defs[j].zh;
			}
			best = diag_suggest(key->str, cands, nc);
			if (best)
				diag_at(&key->loc, DIAG_WARNING, "未知的键“%s”，"
				    "将被忽略；是否想写“%s”？", key->str, best);
			else
				diag_at(&key->loc, DIAG_WARNING, "未知的键“%s”，"
				    "将被忽略（%s可用的键见 ybt-sources(5)）",
				    key->str, model_kind_zh(k));
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
		f->val[idx] = map->kids[i + 1];
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
		if (!f->defs[i].required || fval(f, f->defs[i].en) != NULL)
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

/* An ISO date; reported when present but invalid. */
char *
fdate(const struct fields *f, const char *en)
{
	char *s = fstr(f, en);

	if (s && !is_iso_date(s, NULL, NULL, NULL)) {
		diag_at(floc(f, en), DIAG_ERROR, "“%s”的日期“%s”无效：应写成"
		    " YYYY-MM-DD，如 2026-11-20", fname(f, en), s);
		free(s);
		return NULL;
	}
	return s;
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

void
fonline(const struct fields *f, struct online *o)
{
	const struct ynode *v = fval(f, "online");
	struct fields g;

	memset(o, 0, sizeof(*o));
	if (v == NULL)
		return;
	if (v->type == YN_SCALAR) {	/* a bare URL */
		o->url = xstrdup(v->str);
	} else if (fields_read(KIND_ONLINE, v, &v->loc, &g)) {
		fields_require(&g);
		o->url = fstr(&g, "url");
		o->depth = fstr(&g, "depth");
	}
	if (o->url && strncmp(o->url, "https://", 8) != 0 &&
	    strncmp(o->url, "http://", 7) != 0) {
		diag_at(&v->loc, DIAG_ERROR, "网上办理地址“%s”无效：应以 "
		    "https:// 开头", o->url);
		free(o->url);
		o->url = NULL;
	}
}

