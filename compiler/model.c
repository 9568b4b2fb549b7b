/*
 * model.c — from source files to the resolved model (model.h).
 *
 * Reading: every *.md of an edition's guides/, matters/, procedures/
 * and offices/ folders, in name order, through source.c; front matter
 * keys through the one alias table (keys.c), with type and enumeration
 * checks as each value is converted. Then the edition is assembled: its
 * base's items (recursively loaded), minus `exclude`, replaced by
 * same-id items of its own, plus its own. References are resolved in
 * the assembled edition, so a district override is seen by the city's
 * guides. Last, computed values: merged checklists, reductions,
 * default offices and phones (flowchart layers: flow_rank in flow.c);
 * and, once load.c has run the check pass, stages, departments and the
 * published (主动公开) arrays the back ends read (model_publish).
 *
 * It does not check graph shapes, disclosure leaks or staleness: that
 * is check.c, the pass load.c runs on the built model.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "md.h"
#include "source.h"
#include "keys.h"
#include "model.h"
#include "jobq.h"
#include "asset.h"
#include "flow.h"

#define MODEL_MAX_ITEMS	1000000	/* items per edition (SPEC §7) */
#define MODEL_MAX_KEYS	32	/* keys of one record, see keys.c */
#define MODEL_MAX_THREADS 8	/* reader threads */

/* --- a small string-keyed hash table -------------------------------- */

struct htab {
	const char	**keys;
	void		**vals;
	size_t		  cap;
	size_t		  n;
};

static unsigned long
hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void htab_put(struct htab *, const char *, void *);

static void
htab_grow(struct htab *t)
{
	struct htab old = *t;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->keys = xcalloc(t->cap, sizeof(*t->keys));
	t->vals = xcalloc(t->cap, sizeof(*t->vals));
	t->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			htab_put(t, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static void
htab_put(struct htab *t, const char *k, void *v)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap)
		htab_grow(t);
	for (i = hash_str(k) & (t->cap - 1); t->keys[i];
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], k) == 0) {
			t->vals[i] = v;
			return;
		}
	t->keys[i] = k;
	t->vals[i] = v;
	t->n++;
}

static void *
htab_get(const struct htab *t, const char *k)
{
	if (t->cap == 0 || k == NULL)
		return NULL;
	for (size_t i = hash_str(k) & (t->cap - 1); t->keys[i];
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], k) == 0)
			return t->vals[i];
	return NULL;
}

/* Per-edition lookup tables, kept beside the edition. */
struct ed_index {
	struct edition	*ed;
	char		*real;		/* realpath of the folder */
	struct htab	 byid[KIND__MAX];
	struct htab	 broken[KIND__MAX];	/* files that did not parse */
	void		**dropped;	/* duplicates: reported, kept reachable */
	size_t		  ndropped;
	int		 loading;
};

static struct ed_index	**editions;
static size_t		  neditions;

static struct ed_index *
index_of(const struct edition *ed)
{
	for (size_t i = 0; i < neditions; i++)
		if (editions[i]->ed == ed)
			return editions[i];
	return NULL;
}

static void *
lookup(const struct edition *ed, enum kind k, const char *id)
{
	struct ed_index *x = index_of(ed);

	return x ? htab_get(&x->byid[k], id) : NULL;
}

/* --- fields: one record's keys through the alias table -------------- */

struct fields {
	enum kind		 kind;
	const struct keydef	*defs;
	size_t			 ndefs;
	const struct ynode	*key[MODEL_MAX_KEYS];
	const struct ynode	*val[MODEL_MAX_KEYS];
	struct loc		 at;	/* the record, for missing keys */
	int			 ok;	/* the record was a map */
};

static const char *const kind_zh[KIND__MAX] = {
	"版本", "一件事", "事项", "流程", "办理地点", "材料", "收费项目",
	"步骤", "办公时间", "窗口", "办结时限", "网上办理", "办理结果", "承诺",
};

static int
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
		    "这里却是%s", kind_zh[k], map->type == YN_SEQ ?
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
				    key->str, kind_zh[k]);
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

static int
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
static const struct ynode *
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
static const char *
fname(const struct fields *f, const char *en)
{
	int i = fidx(f, en);

	return f->key[i] ? f->key[i]->str : en;
}

static const struct loc *
floc(const struct fields *f, const char *en)
{
	const struct ynode *v = f->val[fidx(f, en)];

	return v ? &v->loc : &f->at;
}

/* Report every missing required key of the record. */
static void
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
			    kind_zh[f->kind], f->defs[i].en, f->defs[i].zh,
			    f->defs[i].help);
	}
}

static char *
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
static void
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
static int
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
static int
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

static int
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
static int
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const matter_types[] = { "行政许可", "行政确认",
    "行政给付", "行政征收", "行政奖励", "行政裁决", "其他行政权力",
    "公共服务" };
static const char *const audiences[] = { "个人", "法人", "其他组织" };
static const char *const guide_audiences[] = { "个人", "法人" };
static const char *const kinds[] = { "即办件", "承诺件" };
static const char *const scopes[] = { "全市通办", "全省通办", "跨省通办",
    "就近办" };
static const char *const disclosures[] = { "主动公开", "依申请公开",
    "不予公开" };
static const char *const forms[] = { "原件", "复印件", "原件及复印件",
    "电子证照" };
static const char *const media[] = { "纸质", "电子", "纸质或电子" };
static const char *const deliveries[] = { "窗口领取", "邮寄", "电子证照",
    "网上下载", "自行打印", "短信通知", "当场告知" };

static int
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
static char *
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

static int
valid_id(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

static char *
fid(const struct fields *f, const char *en)
{
	char *s = fstr(f, en);

	if (s && !valid_id(s)) {
		diag_at(floc(f, en), DIAG_ERROR, "编号“%s”无效：只能使用小写"
		    "字母、数字和连字符（-），如 birth-certificate", s);
		free(s);
		return NULL;
	}
	return s;
}

static void
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

/* --- reading one item ---------------------------------------------- */

struct loadctx {
	struct edition	*ed;
	struct md_node	*pre_doc;	/* body parsed by a reader thread */
	char		*assets_real;	/* realpath of dir/assets or NULL */
	size_t		 nitems;
	int		 too_many;
	/* Texts read by a reader thread, freed once the readers are done:
	 * freeing one while its thread allocates makes both wait on the
	 * thread's malloc arena. */
	char		**defer;
	size_t		 ndefer;
};

static struct md_node *parse_body(const char *, const char *, int);

/*
 * The files of a body's images, as `template:` is checked: relative to
 * the edition's assets/ and inside it after resolving symlinks (SPEC
 * §7); n->path is the file, for the back ends.
 */
static void
body_images(struct md_node *n, const char *edition_dir)
{
	for (; n != NULL; n = n->next) {
		if (n->type == MD_IMAGE && n->url != NULL && n->path == NULL &&
		    strstr(n->url, "://") == NULL)
			n->path = asset_path(n->url, edition_dir,
			    &n->loc, "图片");
		body_images(n->child, edition_dir);
	}
}

static void
item_init(struct item *it, enum kind k, struct source *src,
    struct loadctx *lc)
{
	it->kind = k;
	it->file = src->path;
	it->loc.file = src->path;
	it->loc.line = 1;
	it->loc.col = 1;
	it->edition = lc->ed;
	it->body = xstrdup(src->body);
	it->doc = lc->pre_doc ? lc->pre_doc :
	    parse_body(src->body, src->path, src->body_line);
	it->body_line = src->body_line;
	body_images(it->doc, lc->ed->dir);
	lc->pre_doc = NULL;
	it->front = src->front;
}

static void
item_common(struct item *it, const struct fields *f, const char *stem)
{
	char *disc = NULL;

	it->id = fid(f, "id");
	if (it->id && stem && strcmp(it->id, stem) != 0)
		diag_at(floc(f, "id"), DIAG_WARNING, "编号“%s”与文件名“%s.md”"
		    "不一致：请把文件改名为 %s.md，便于查找", it->id, stem,
		    it->id);
	if (it->id == NULL && f->val[fidx(f, "id")] == NULL && stem &&
	    valid_id(stem))
		it->id = xstrdup(stem);	/* reported as missing already */
	it->disclosure = DISC_PUBLIC;
	if (f->kind == KIND_GUIDE || f->kind == KIND_MATTER) {
		fenum(f, "disclosure", disclosures, NELEM(disclosures), &disc);
		if (disc == NULL)
			it->disclosure = fval(f, "disclosure") ? DISC_UNKNOWN :
			    DISC_UNKNOWN;
		else if (strcmp(disc, "依申请公开") == 0)
			it->disclosure = DISC_ON_REQUEST;
		else if (strcmp(disc, "不予公开") == 0)
			it->disclosure = DISC_SECRET;
		free(disc);
	}
	it->updated = fdate(f, "updated");
}

static void
read_materials(const struct fields *f, struct loadctx *lc, struct matter *m)
{
	const struct ynode *v = fval(f, "materials");

	if (v == NULL)
		return;
	if (v->type == YN_SCALAR) {
		if (strcmp(v->str, "无需材料") == 0 || strcmp(v->str, "无") == 0)
			return;
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为材料列表（每项写 name、"
		    "form 等）；无需材料时写 []", fname(f, "materials"));
		return;
	}
	if (v->type != YN_SEQ) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为材料列表，每项以“- ”"
		    "开头", fname(f, "materials"));
		return;
	}
	m->materials = xcalloc(v->n, sizeof(*m->materials));
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *mv = v->kids[i];
		struct material *mat = &m->materials[m->nmaterials];
		struct fields g;
		const struct ynode *rq;

		if (mv->type == YN_SCALAR) {	/* just a name */
			mat->loc = mv->loc;
			mat->name = xstrdup(mv->str);
			mat->required = 1;
			m->nmaterials++;
			continue;
		}
		if (!fields_read(KIND_MATERIAL, mv, &mv->loc, &g))
			continue;
		fields_require(&g);
		mat->loc = mv->loc;
		mat->name = fstr(&g, "name");
		if (mat->name == NULL)
			continue;
		mat->source = fstr(&g, "source");
		fenum(&g, "form", forms, NELEM(forms), &mat->form);
		fenum(&g, "medium", media, NELEM(media), &mat->medium);
		mat->copies = fint(&g, "copies", 1, 0);
		mat->required = 1;
		if ((rq = fval(&g, "required")) != NULL) {
			int b = rq->type == YN_SCALAR ? yes_no(rq->str) : -1;

			if (rq->type != YN_SCALAR)
				diag_at(&rq->loc, DIAG_ERROR, "“%s”应为 true、"
				    "false 或需要提交的条件",
				    fname(&g, "required"));
			else if (b >= 0)
				mat->required = b;
			else {
				mat->required = 0;
				mat->condition = xstrdup(rq->str);
			}
		}
		mat->shared = fbool(&g, "shared", 0);
		mat->template = fstr(&g, "template");
		mat->note = fstr(&g, "note");
		if (mat->template)
			mat->template_path = asset_path(mat->template,
			    lc->ed->dir, floc(&g, "template"),
			    fname(&g, "template"));
		m->nmaterials++;
	}
}

static void
read_fees(const struct fields *f, struct matter *m)
{
	const struct ynode *v = fval(f, "fee");
	struct ynode one;	/* a single fee map, seen as a list of one */
	const struct ynode *single;

	if (v == NULL)
		return;
	if (v->type == YN_SCALAR) {
		if (strcmp(v->str, "不收费") == 0 || strcmp(v->str, "免费") == 0
		    || strcmp(v->str, "0") == 0) {
			m->free_of_charge = 1;
			return;
		}
		diag_at(&v->loc, DIAG_ERROR, "“%s”的值“%s”无效：不收费时写"
		    "“不收费”，收费时写 {item: 收费项目, amount: 金额, basis: "
		    "依据} 的列表", fname(f, "fee"), v->str);
		return;
	}
	if (v->type == YN_MAP) {
		memset(&one, 0, sizeof(one));
		one.type = YN_SEQ;
		one.loc = v->loc;
		single = v;
		one.kids = (struct ynode **)&single;
		one.n = 1;
		v = &one;
	}
	m->fees = xcalloc(v->n, sizeof(*m->fees));
	for (size_t i = 0; i < v->n; i++) {
		struct fields g;
		struct fee *fe = &m->fees[m->nfees];

		if (!fields_read(KIND_FEE, v->kids[i], &v->kids[i]->loc, &g))
			continue;
		fields_require(&g);
		fe->loc = v->kids[i]->loc;
		fe->item = fstr(&g, "item");
		fe->amount = fstr(&g, "amount");
		fe->basis = fstr(&g, "basis");
		if (fe->item && fe->amount)
			m->nfees++;
	}
	if (m->nfees == 0 && v->n == 0)
		m->free_of_charge = 1;
}

/* Steps of a procedure file (ids required) or an inline list. */
static struct procedure *
read_steps(const struct ynode *v, const char *key, int inline_list,
    struct procedure *p)
{
	if (v == NULL)
		return p;
	if (v->type != YN_SEQ) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”应为步骤列表，每步以“- ”开头，"
		    "写 id、name、next 等", key);
		return p;
	}
	p->steps = xcalloc(v->n, sizeof(*p->steps));
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *sv = v->kids[i];
		struct step *s = &p->steps[p->nsteps];
		struct fields g;

		if (sv->type == YN_SCALAR) {	/* a bare step name */
			s->loc = sv->loc;
			s->name = xstrdup(sv->str);
			p->nsteps++;
			continue;
		}
		if (!fields_read(KIND_STEP, sv, &sv->loc, &g))
			continue;
		fields_require(&g);
		s->loc = sv->loc;
		s->id = fstr(&g, "id");
		if (s->id == NULL && !inline_list && fval(&g, "id") == NULL)
			diag_at(&sv->loc, DIAG_ERROR, "步骤缺少必填项“id”（编号）"
			    "：其他步骤的 next 用它指向这一步");
		s->name = fstr(&g, "name");
		if (s->name == NULL)
			s->name = xstrdup(s->id ? s->id : "?");
		s->actor = fstr(&g, "actor");
		s->where = fstr(&g, "where");
		s->time = fstr(&g, "time");
		fstrlist(&g, "next", &s->next);
		p->nsteps++;
	}
	/* Inline steps without ids are sequential. */
	if (inline_list) {
		int any = 0;

		for (size_t i = 0; i < p->nsteps; i++)
			any |= p->steps[i].id != NULL;
		if (!any)
			for (size_t i = 0; i < p->nsteps; i++) {
				p->steps[i].id = xasprintf("s%zu", i + 1);
				if (i + 1 < p->nsteps) {
					p->steps[i].next.v = xmalloc(sizeof(char *));
					p->steps[i].next.loc = xmalloc(sizeof(struct loc));
					p->steps[i].next.v[0] = xasprintf("s%zu", i + 2);
					p->steps[i].next.loc[0] = p->steps[i].loc;
					p->steps[i].next.n = 1;
				}
			}
	}
	return p;
}

static void *
read_matter(struct source *src, const struct fields *f, struct loadctx *lc,
    const char *stem)
{
	struct matter *m = xcalloc(1, sizeof(*m));
	const struct ynode *v;
	struct fields g;
	char *s;

	item_init(&m->it, KIND_MATTER, src, lc);
	fields_require(f);
	item_common(&m->it, f, stem);
	m->code = fstr(f, "code");
	m->title = fstr(f, "title");
	fenum(f, "type", matter_types, NELEM(matter_types), &m->type);
	m->department = fstr(f, "department");
	fstrlist(f, "basis", &m->basis);
	fstrlist(f, "audience", &m->audience);
	for (size_t i = 0; i < m->audience.n; i++)
		enum_ok(m->audience.v[i], &m->audience.loc[i],
		    fname(f, "audience"), audiences, NELEM(audiences));
	fstrlist(f, "conditions", &m->conditions);
	read_materials(f, lc, m);
	if ((v = fval(f, "procedure")) != NULL) {
		if (v->type == YN_SCALAR)
			m->procedure_id = xstrdup(v->str);
		else {
			m->inline_proc = xcalloc(1, sizeof(*m->inline_proc));
			m->inline_proc->it.kind = KIND_PROCEDURE;
			m->inline_proc->it.file = src->path;
			m->inline_proc->it.loc = v->loc;
			m->inline_proc->it.edition = lc->ed;
			m->inline_proc->title = xstrdup("办理流程");
			read_steps(v, fname(f, "procedure"), 1, m->inline_proc);
		}
	}
	m->legal_days = m->promised_days = -1;
	if ((v = fval(f, "time_limit")) != NULL &&
	    fields_read(KIND_TIMELIMIT, v, &v->loc, &g)) {
		fields_require(&g);
		m->legal_days = fint(&g, "legal", 0, -1);
		m->promised_days = fint(&g, "promised", 0, -1);
		if ((s = fstr(&g, "unit")) != NULL && strcmp(s, "工作日") != 0)
			diag_at(floc(&g, "unit"), DIAG_ERROR, "时限单位“%s”无效："
			    "请换算为工作日，写 unit: 工作日", s);
		free(s);
		if (m->legal_days >= 0 && m->promised_days > m->legal_days)
			diag_at(floc(&g, "promised"), DIAG_ERROR, "承诺办结时限"
			    "（%d 个工作日）超过了法定办结时限（%d 个工作日）："
			    "承诺时限不得长于法定时限", m->promised_days,
			    m->legal_days);
	}
	fenum(f, "kind", kinds, NELEM(kinds), &m->kind);
	if (m->kind && strcmp(m->kind, "即办件") == 0 && m->promised_days > 0)
		diag_at(floc(f, "kind"), DIAG_WARNING, "即办件的承诺办结时限应为 "
		    "0（当场办结），这里是 %d 个工作日；请核对办件类型",
		    m->promised_days);
	read_fees(f, m);
	fstrlist(f, "offices", &m->office_ids);
	fonline(f, &m->online);
	m->visits = fint(f, "visits", 0, -1);
	if ((v = fval(f, "result")) != NULL) {
		if (v->type == YN_SCALAR)
			m->result_name = xstrdup(v->str);
		else if (fields_read(KIND_RESULT, v, &v->loc, &g)) {
			fields_require(&g);
			m->result_name = fstr(&g, "name");
			fstrlist(&g, "delivery", &m->delivery);
			for (size_t i = 0; i < m->delivery.n; i++)
				if (!enum_ok(m->delivery.v[i],
				    &m->delivery.loc[i], fname(&g, "delivery"),
				    deliveries, NELEM(deliveries)))
					continue;
		}
	}
	fenum(f, "scope", scopes, NELEM(scopes), &m->scope);
	m->consult = fstr(f, "consult");
	m->complaint = fstr(f, "complaint");
	return m;
}

static void *
read_guide(struct source *src, const struct fields *f, struct loadctx *lc,
    const char *stem)
{
	struct guide *g = xcalloc(1, sizeof(*g));
	const struct ynode *v;
	struct fields h;

	item_init(&g->it, KIND_GUIDE, src, lc);
	fields_require(f);
	item_common(&g->it, f, stem);
	g->title = fstr(f, "title");
	fenum(f, "audience", guide_audiences, NELEM(guide_audiences),
	    &g->audience);
	g->stage = fstr(f, "stage");
	g->summary = fstr(f, "summary");
	fstrlist(f, "matters", &g->matter_ids);
	g->procedure_id = fstr(f, "procedure");
	fstrlist(f, "offices", &g->office_ids);
	fonline(f, &g->online);
	g->promise_days = g->promise_visits = -1;
	if ((v = fval(f, "promise")) != NULL &&
	    fields_read(KIND_PROMISE, v, &v->loc, &h)) {
		fields_require(&h);
		g->promise_days = fint(&h, "time_limit", 0, -1);
		g->promise_visits = fint(&h, "visits", 0, -1);
	}
	fstrlist(f, "synonyms", &g->synonyms);
	return g;
}

static void *
read_procedure(struct source *src, const struct fields *f,
    struct loadctx *lc, const char *stem)
{
	struct procedure *p = xcalloc(1, sizeof(*p));

	item_init(&p->it, KIND_PROCEDURE, src, lc);
	fields_require(f);
	item_common(&p->it, f, stem);
	p->title = fstr(f, "title");
	read_steps(fval(f, "steps"), fname(f, "steps"), 0, p);
	return p;
}

static int
valid_hhmm(const char *s)
{
	return s && strlen(s) == 5 && s[2] == ':' &&
	    s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	    s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
	    (s[0] < '2' || s[1] <= '4');
}

static char *
fhhmm(const struct fields *f, const char *en)
{
	const struct ynode *v = fval(f, en);
	char *s = fstr(f, en);

	/* YAML might hand over 9:00 for an unpadded time: pad it. */
	if (s && strlen(s) == 4 && s[1] == ':') {
		char *p = xasprintf("0%s", s);

		free(s);
		s = p;
	}
	if (s && !valid_hhmm(s)) {
		diag_at(&v->loc, DIAG_ERROR, "“%s”的时间“%s”无效：应写成 "
		    "HH:MM，如 \"09:00\"", fname(f, en), v->str);
		free(s);
		return NULL;
	}
	return s;
}

static void *
read_office(struct source *src, const struct fields *f, struct loadctx *lc,
    const char *stem)
{
	struct office *o = xcalloc(1, sizeof(*o));
	const struct ynode *v;

	item_init(&o->it, KIND_OFFICE, src, lc);
	fields_require(f);
	item_common(&o->it, f, stem);
	o->name = fstr(f, "name");
	o->district = fstr(f, "district");
	o->address = fstr(f, "address");
	if ((v = fval(f, "hours")) != NULL) {
		if (v->type != YN_SEQ)
			diag_at(&v->loc, DIAG_ERROR, "“%s”应为列表，如 - {days: "
			    "周一至周五, open: \"09:00\", close: \"17:30\"}，另可"
			    "写 - 法定节假日休息", fname(f, "hours"));
		else {
			o->hours = xcalloc(v->n, sizeof(*o->hours));
			for (size_t i = 0; i < v->n; i++) {
				const struct ynode *hv = v->kids[i];
				struct hours *h = &o->hours[o->nhours];
				struct fields g;

				if (hv->type == YN_SCALAR) {
					h->text = xstrdup(hv->str);
					o->nhours++;
					continue;
				}
				if (!fields_read(KIND_HOURS, hv, &hv->loc, &g))
					continue;
				fields_require(&g);
				h->days = fstr(&g, "days");
				h->open = fhhmm(&g, "open");
				h->close = fhhmm(&g, "close");
				if (h->open && h->close &&
				    strcmp(h->open, h->close) >= 0)
					diag_at(&hv->loc, DIAG_ERROR, "办公时间的"
					    "结束时间 %s 不晚于开始时间 %s",
					    h->close, h->open);
				if (h->days && h->open && h->close)
					o->nhours++;
			}
		}
	}
	o->phone = fstr(f, "phone");
	if ((v = fval(f, "windows")) != NULL) {
		if (v->type != YN_SEQ)
			diag_at(&v->loc, DIAG_ERROR, "“%s”应为列表，如 - {no: "
			    "A12, serves: 户籍业务}", fname(f, "windows"));
		else {
			o->windows = xcalloc(v->n, sizeof(*o->windows));
			for (size_t i = 0; i < v->n; i++) {
				struct fields g;
				struct window *w = &o->windows[o->nwindows];

				if (!fields_read(KIND_WINDOW, v->kids[i],
				    &v->kids[i]->loc, &g))
					continue;
				fields_require(&g);
				w->no = fstr(&g, "no");
				w->serves = fstr(&g, "serves");
				if (w->no && w->serves)
					o->nwindows++;
			}
		}
	}
	o->transit = fstr(f, "transit");
	fstrlist(f, "accessibility", &o->accessibility);
	o->self_service = fstr(f, "self_service");
	if ((v = fval(f, "geo")) != NULL) {
		char *end;

		if (v->type == YN_SEQ && v->n == 2 &&
		    v->kids[0]->type == YN_SCALAR &&
		    v->kids[1]->type == YN_SCALAR) {
			o->geo[0] = strtod(v->kids[0]->str, &end);
			int ok = *end == '\0';
			o->geo[1] = strtod(v->kids[1]->str, &end);
			ok = ok && *end == '\0' && o->geo[0] >= -90 &&
			    o->geo[0] <= 90 && o->geo[1] >= -180 &&
			    o->geo[1] <= 180;
			o->has_geo = ok;
			if (!ok)
				diag_at(&v->loc, DIAG_ERROR, "坐标无效：应为 "
				    "[纬度, 经度]，如 [23.1291, 113.2644]");
		} else
			diag_at(&v->loc, DIAG_ERROR, "“%s”应为 [纬度, 经度]，如 "
			    "[23.1291, 113.2644]", fname(f, "geo"));
	}
	return o;
}

/* --- reading an edition folder --------------------------------------- */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef void *(*reader_fn)(struct source *, const struct fields *,
    struct loadctx *, const char *);

struct own {
	void		**items;
	size_t		  n;
};

static int parse_bodies = 1;
static void (*text_hook)(const char *, const char *, size_t);

void
model_bodies(int parse)
{
	parse_bodies = parse;
}

void
model_text_hook(void (*fn)(const char *, const char *, size_t))
{
	text_hook = fn;
}

static struct md_node *
parse_body(const char *body, const char *file, int line)
{
	if (!parse_bodies && !md_may_be_unsafe(body))
		return md_empty(file, line);
	return md_parse(body, file, line);
}

/*
 * Turn one read source (rc from source_read) of kind k into an item, or
 * NULL (reported). The source's text is not needed afterwards.
 */
static void *
convert_one(struct loadctx *lc, const char *stem, enum kind k, reader_fn rd,
    struct source *src, int rc, int err)
{
	struct fields f;
	struct ed_index *x = index_of(lc->ed);
	void *item = NULL;

	if ((rc != 0 || src->front == NULL) && x != NULL)
		htab_put(&x->broken[k], xstrdup(stem), (void *)1);
	if (rc == -1 && err == ENOTSUP)
		diag_file(src->path, 1, 1, DIAG_ERROR, "这不是普通文件（而是"
		    "文件夹、设备或管道），无法作为源文件读取：请删除它或改名");
	else if (rc == -1)
		diag_file(src->path, 1, 1, DIAG_ERROR, "无法读取文件：%s",
		    err == ELOOP ? "符号链接形成了循环" : err == ENOENT ?
		    "文件不存在（可能是失效的符号链接）" : err == EACCES ?
		    "没有读取权限" : strerror(err));
	if (rc == 0 && src->front != NULL) {
		struct loc at = { src->path, 1, 1 };

		if (fields_read(k, src->front, &at, &f))
			item = rd(src, &f, lc, stem);
	} else if (rc == 0 && src->front == NULL && !src->yaml_error)
		diag_file(src->path, 1, 1, DIAG_ERROR, "front matter 是空的："
		    "请写出%s的各要素", kind_zh[k]);
	if (lc->pre_doc) {	/* not taken by an item */
		md_free(lc->pre_doc);
		lc->pre_doc = NULL;
	}
	if (lc->defer != NULL && src->text != NULL)
		lc->defer[lc->ndefer++] = src->text;
	else
		free(src->text);
	src->text = NULL;
	src->body = "";
	return item;
}

static void *
read_one(struct loadctx *lc, const char *path, const char *stem, enum kind k,
    reader_fn rd, struct source *src)
{
	int rc = source_read(path, src);

	return convert_one(lc, stem, k, rd, src, rc, errno);
}

/*
 * The parallel part of reading a folder: decoding, YAML and Markdown
 * of each file are independent, so they run on the job queue's workers;
 * converting to items (which looks at the edition) is the queue's
 * consumer, on the calling thread, in file order.
 */
#define MODEL_READ_BATCH	32	/* files read before the converter wakes */

struct readjob {
	struct loadctx	 *lc;
	enum kind	  k;
	reader_fn	  rd;
	struct own	 *own;
	char		**names;
	char		**paths;
	struct source	 *srcs;
	struct md_node	**docs;
	int		 *rcs;
	int		 *errs;
};

static void
read_work(void *arg, int worker, size_t i)
{
	struct readjob *j = arg;

	(void)worker;
	errno = 0;
	j->rcs[i] = source_read(j->paths[i], &j->srcs[i]);
	j->errs[i] = errno;
	if (j->srcs[i].text != NULL && text_hook != NULL)
		text_hook(j->srcs[i].path, j->srcs[i].text, j->srcs[i].len);
	if (j->rcs[i] == 0 && j->srcs[i].front != NULL)
		j->docs[i] = parse_body(j->srcs[i].body, j->srcs[i].path,
		    j->srcs[i].body_line);
}

static void
read_consume(void *arg, size_t i)
{
	struct readjob *j = arg;
	/* Sources live as long as the model: items point into them (path,
	 * front matter). */
	struct source *src = xmalloc(sizeof(*src));
	char *stem = xstrndup(j->names[i], strlen(j->names[i]) - 3);
	void *item;

	*src = j->srcs[i];
	j->lc->pre_doc = j->docs[i];
	item = convert_one(j->lc, stem, j->k, j->rd, src, j->rcs[i],
	    j->errs[i]);
	if (item != NULL)
		*VEC_PUSH(&j->own->items, &j->own->n) = item;
	else
		source_free(src);
	free(src);	/* the item keeps its path and tree */
	free(stem);
	free(j->paths[i]);
}

static int
reader_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("YBT_JOBS");

	if (env && atoi(env) > 0)
		n = atoi(env);
	return n < 1 ? 1 : n > MODEL_MAX_THREADS ? MODEL_MAX_THREADS : (int)n;
}

/*
 * One file, outside any edition: for the fuzzers. The item is not
 * resolved; it and its source live until the program ends.
 */
void *
model_read_file(const char *path, enum kind k)
{
	static struct edition fuzz_ed = { .id = "fuzz", .dir = "." };
	struct loadctx lc = { .ed = &fuzz_ed };
	struct source *src = xcalloc(1, sizeof(*src));
	reader_fn rd = k == KIND_GUIDE ? read_guide : k == KIND_MATTER ?
	    read_matter : k == KIND_PROCEDURE ? read_procedure : read_office;
	void *item = read_one(&lc, path, "fuzz", k, rd, src);

	if (item == NULL)
		source_free(src);
	return item;
}

static void
read_folder(struct loadctx *lc, const char *sub, enum kind k, reader_fn rd,
    struct own *own)
{
	char *dir = xasprintf("%s/%s", lc->ed->dir, sub);
	char **names = NULL;
	size_t nnames = 0;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		struct stat st;

		if (stat(dir, &st) == 0)
			diag_file(dir, 0, 0, DIAG_ERROR, "应为存放%s的文件夹，"
			    "却是一个文件：请删除或改名", kind_zh[k]);
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len < 4 ||
		    strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		*VEC_PUSH(&names, &nnames) = xstrdup(de->d_name);
	}
	closedir(d);
	xqsort(names, nnames, sizeof(*names), name_cmp);
	if (lc->nitems + nnames > MODEL_MAX_ITEMS) {
		size_t keep = lc->nitems < MODEL_MAX_ITEMS ?
		    MODEL_MAX_ITEMS - lc->nitems : 0;

		if (!lc->too_many)
			diag_file(dir, 0, 0, DIAG_ERROR, "条目过多：一个版本最多 "
			    "%d 个条目，其余 %zu 个文件未读取", MODEL_MAX_ITEMS,
			    nnames - keep);
		lc->too_many = 1;
		for (size_t i = keep; i < nnames; i++)
			free(names[i]);
		nnames = keep;
	}
	lc->nitems += nnames;
	{
		struct readjob j;
		struct jobq q;
		int nth = reader_threads();

		memset(&j, 0, sizeof(j));
		j.lc = lc;
		j.k = k;
		j.rd = rd;
		j.own = own;
		j.names = names;
		j.paths = xcalloc(nnames + 1, sizeof(char *));
		j.srcs = xcalloc(nnames + 1, sizeof(struct source));
		j.docs = xcalloc(nnames + 1, sizeof(struct md_node *));
		j.rcs = xcalloc(nnames + 1, sizeof(int));
		j.errs = xcalloc(nnames + 1, sizeof(int));
		lc->defer = xcalloc(nnames + 1, sizeof(char *));
		lc->ndefer = 0;
		for (size_t i = 0; i < nnames; i++)
			j.paths[i] = xasprintf("%s/%s", dir, names[i]);
		memset(&q, 0, sizeof(q));
		q.n = nnames;
		q.nthreads = nth > 1 && nnames > 8 ? nth : 0;
		q.window = 0;		/* reading ahead is cheap: no bound */
		q.batch = MODEL_READ_BATCH;
		q.work = read_work;
		q.consume = read_consume;
		q.arg = &j;
		jobq_run(&q);
		for (size_t i = 0; i < lc->ndefer; i++)
			free(lc->defer[i]);
		free(lc->defer);
		lc->defer = NULL;
		free(j.paths);
		free(j.srcs);
		free(j.docs);
		free(j.rcs);
		free(j.errs);
	}
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
}

/* Does exclude entry e name (k, id)? Entries: "id" or "kind:id". */
static int
exclude_matches(const char *e, enum kind k, const char *id)
{
	const char *colon = strchr(e, ':');

	if (colon == NULL)
		return strcmp(e, id) == 0;
	return strncmp(e, model_kind_name(k), (size_t)(colon - e)) == 0 &&
	    strlen(model_kind_name(k)) == (size_t)(colon - e) &&
	    strcmp(colon + 1, id) == 0;
}

/* Does ed's exclude name (k, id)? Marks the entries that do in hit. */
static int
model_excluded(const struct edition *ed, enum kind k, const char *id,
    int *hit)
{
	int found = 0;

	for (size_t i = 0; i < ed->exclude.n; i++)
		if (exclude_matches(ed->exclude.v[i], k, id)) {
			if (hit)
				hit[i] = 1;
			found = 1;
		}
	return found;
}

static struct edition *load_edition(const char *dir, int depth);
static void model_resolve(struct edition *);

static int
item_id_cmp(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	return strcmp(x->id, y->id);
}

/*
 * Assemble one kind: base items minus excluded, replaced by own items
 * of the same id, plus own items. Items without an id are dropped (they
 * were reported). Inherited guides, matters and procedures are copied,
 * since their references are resolved per edition.
 */
static void
assemble(struct edition *ed, enum kind k, struct own *own, void ***out,
    size_t *nout, size_t sz, int *excluded_hit)
{
	struct ed_index *x = index_of(ed);
	struct htab *t = &x->byid[k];
	void **arr = NULL;
	size_t n = 0;

	/* Own items first: duplicates among them are errors. */
	for (size_t i = 0; i < own->n; i++) {
		struct item *it = own->items[i];
		struct item *prev;

		if (it->id == NULL)
			continue;
		if ((prev = htab_get(t, it->id)) != NULL) {
			diag_at(&it->loc, DIAG_ERROR, "编号“%s”重复：%s 已使用"
			    "这个编号；同一类条目的编号必须唯一", it->id,
			    prev->file);
			*VEC_PUSH(&x->dropped, &x->ndropped) = it;
			continue;
		}
		htab_put(t, it->id, it);
	}
	if (ed->base != NULL) {
		void **barr;
		size_t bn;

		switch (k) {
		case KIND_GUIDE: barr = (void **)ed->base->all_guides;
			bn = ed->base->nall_guides; break;
		case KIND_MATTER: barr = (void **)ed->base->all_matters;
			bn = ed->base->nall_matters; break;
		case KIND_PROCEDURE: barr = (void **)ed->base->all_procedures;
			bn = ed->base->nall_procedures; break;
		default: barr = (void **)ed->base->all_offices;
			bn = ed->base->nall_offices; break;
		}
		for (size_t i = 0; i < bn; i++) {
			struct item *bi = barr[i], *mine;

			if (model_excluded(ed, k, bi->id, excluded_hit))
				continue;
			if ((mine = htab_get(t, bi->id)) != NULL) {
				if (!mine->overrides) {
					mine->overrides = 1;
					diag_at(&mine->loc, DIAG_NOTE, "替换了继承"
					    "的%s“%s”（%s）", kind_zh[k],
					    bi->id, bi->file);
				}
				continue;
			}
			if (k != KIND_OFFICE) {
				void *copy = xmalloc(sz);

				memcpy(copy, bi, sz);
				bi = copy;
			}
			htab_put(t, bi->id, bi);
			*VEC_PUSH((struct item ***)&arr, &n) = bi;
		}
	}
	for (size_t i = 0; i < own->n; i++) {
		struct item *it = own->items[i];

		if (it->id != NULL && htab_get(t, it->id) == it)
			*VEC_PUSH((struct item ***)&arr, &n) = it;
	}
	xqsort(arr, n, sizeof(*arr), item_id_cmp);
	*out = arr;
	*nout = n;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
read_edition_file(struct edition *ed, struct source *src)
{
	struct fields f;
	struct loc at = { ed->file, 1, 1 };
	char *id;

	if (!fields_read(KIND_EDITION, src->front, &at, &f)) {
		if (src->front == NULL && !src->yaml_error)
			diag_at(&at, DIAG_ERROR, "edition.md 的 front matter 是"
			    "空的：请写出 title、region、issuer、version、date、"
			    "hotline");
		return;
	}
	fields_require(&f);
	if ((id = fid(&f, "id")) != NULL && strcmp(id, ed->id) != 0)
		diag_at(floc(&f, "id"), DIAG_ERROR, "版本编号“%s”与文件夹名"
		    "“%s”不一致：请删去 id，或改为 %s", id, ed->id, ed->id);
	free(id);
	ed->title = fstr(&f, "title");
	ed->region = fstr(&f, "region");
	ed->issuer = fstr(&f, "issuer");
	ed->version = fstr(&f, "version");
	ed->date = fdate(&f, "date");
	ed->hotline = fstr(&f, "hotline");
	ed->portal = fstr(&f, "portal");
	if (ed->portal && strncmp(ed->portal, "https://", 8) != 0 &&
	    strncmp(ed->portal, "http://", 7) != 0) {
		diag_at(floc(&f, "portal"), DIAG_ERROR, "门户地址“%s”无效："
		    "应为以 https:// 开头的完整网址", ed->portal);
		free(ed->portal);
		ed->portal = NULL;
	}
	ed->base_id = fstr(&f, "base");
	fstrlist(&f, "exclude", &ed->exclude);
	ed->theme = fstr(&f, "theme");
	ed->stale_after = fint(&f, "stale_after", 1, 365);
	ed->preface = xstrdup(src->body);
	ed->preface_doc = md_parse(src->body, ed->file, src->body_line);
	body_images(ed->preface_doc, ed->dir);
}

static char *
parent_dir(const char *dir)
{
	const char *slash;
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (slash = dir + len; slash > dir && slash[-1] != '/'; slash--)
		continue;
	if (slash == dir)
		return xstrdup(".");
	return xstrndup(dir, (size_t)(slash - dir - 1 > 0 ?
	    slash - dir - 1 : 1));
}

static char *
base_name(const char *dir)
{
	size_t len = strlen(dir);
	const char *s;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (s = dir + len; s > dir && s[-1] != '/'; s--)
		continue;
	return xstrndup(s, (size_t)(dir + len - s));
}

static struct edition *
load_edition(const char *dir, int depth)
{
	struct edition *ed;
	struct ed_index *x;
	struct source src;
	struct loadctx lc;
	struct own own[KIND__MAX];
	char real[PATH_MAX], *ap;
	int *hit;
	int rc;

	if (realpath(dir, real) == NULL || !is_dir(real))
		return NULL;
	for (size_t i = 0; i < neditions; i++)
		if (strcmp(editions[i]->real, real) == 0) {
			if (editions[i]->loading)
				return (struct edition *)-1;	/* a loop */
			return editions[i]->ed;
		}
	ed = xcalloc(1, sizeof(*ed));
	x = xcalloc(1, sizeof(*x));
	x->ed = ed;
	x->real = xstrdup(real);
	x->loading = 1;
	*VEC_PUSH(&editions, &neditions) = x;

	{
		size_t len = strlen(dir);

		while (len > 1 && dir[len - 1] == '/')
			len--;
		ed->dir = xstrndup(dir, len);
	}
	ed->id = base_name(ed->dir);
	ed->file = xasprintf("%s/edition.md", ed->dir);
	if (!valid_id(ed->id))
		diag_file(ed->file, 1, 1, DIAG_ERROR, "版本文件夹名“%s”不能作为"
		    "版本编号：文件夹名只能使用小写字母、数字和连字符，如 gz、"
		    "tianhe", ed->id);
	ed->stale_after = 365;
	rc = source_read(ed->file, &src);
	if (src.text != NULL && text_hook != NULL)
		text_hook(src.path, src.text, src.len);
	if (rc == -1) {
		diag_file(ed->file, 1, 1, DIAG_ERROR, "找不到 edition.md：每个"
		    "版本文件夹都要有 edition.md，写出 title、region、issuer、"
		    "version、date、hotline");
	} else if (rc == 0)
		read_edition_file(ed, &src);
	/* The check pass reports exclude entries after src is freed. */
	for (size_t i = 0; i < ed->exclude.n; i++)
		if (ed->exclude.loc[i].file != NULL &&
		    strcmp(ed->exclude.loc[i].file, ed->file) == 0)
			ed->exclude.loc[i].file = ed->file;
	if (ed->theme == NULL)
		ed->theme = xstrdup("default");

	if (ed->base_id != NULL) {
		char *pd = parent_dir(ed->dir);
		char *bdir = xasprintf("%s/%s", pd, ed->base_id);
		struct loc bl = { ed->file, 1, 1 };

		if (keys_get(KIND_EDITION, src.front, "base") != NULL)
			bl = keys_get(KIND_EDITION, src.front, "base")->loc;
		if (depth > 16 || (ed->base = load_edition(bdir, depth + 1)) ==
		    (struct edition *)-1) {
			diag_at(&bl, DIAG_ERROR, "继承形成了循环：%s 最终又继承了"
			    "自己；请检查各版本 edition.md 的 base", ed->id);
			ed->base = NULL;
		} else if (ed->base == NULL)
			diag_at(&bl, DIAG_ERROR, "找不到所继承的版本“%s”：应为与"
			    "本版本同在 %s/ 下的文件夹", ed->base_id, pd);
		free(pd);
		free(bdir);
	}

	memset(&lc, 0, sizeof(lc));
	lc.ed = ed;
	ap = xasprintf("%s/assets", ed->dir);
	lc.assets_real = realpath(ap, NULL);
	free(ap);
	memset(own, 0, sizeof(own));
	read_folder(&lc, "offices", KIND_OFFICE, read_office, &own[KIND_OFFICE]);
	read_folder(&lc, "procedures", KIND_PROCEDURE, read_procedure,
	    &own[KIND_PROCEDURE]);
	read_folder(&lc, "matters", KIND_MATTER, read_matter, &own[KIND_MATTER]);
	read_folder(&lc, "guides", KIND_GUIDE, read_guide, &own[KIND_GUIDE]);
	free(lc.assets_real);

	hit = xcalloc(ed->exclude.n + 1, sizeof(int));
	assemble(ed, KIND_OFFICE, &own[KIND_OFFICE], (void ***)&ed->all_offices,
	    &ed->nall_offices, sizeof(struct office), hit);
	assemble(ed, KIND_PROCEDURE, &own[KIND_PROCEDURE],
	    (void ***)&ed->all_procedures, &ed->nall_procedures,
	    sizeof(struct procedure), hit);
	assemble(ed, KIND_MATTER, &own[KIND_MATTER], (void ***)&ed->all_matters,
	    &ed->nall_matters, sizeof(struct matter), hit);
	assemble(ed, KIND_GUIDE, &own[KIND_GUIDE], (void ***)&ed->all_guides,
	    &ed->nall_guides, sizeof(struct guide), hit);
	for (size_t i = 0; i < KIND__MAX; i++)
		free(own[i].items);
	ed->exclude_hit = hit;	/* for the check pass */

	model_resolve(ed);
	x->loading = 0;
	/* src.front is referenced by nothing once read_edition_file ran. */
	source_free(&src);
	return ed;
}

struct edition *
model_build(const char *dir)
{
	struct edition *ed = load_edition(dir, 0);

	return ed == (struct edition *)-1 ? NULL : ed;
}

void
model_free(struct edition *ed)
{
	/* The model lives until the program ends; nothing to do. */
	(void)ed;
}

/* --- resolution ------------------------------------------------------ */

static void
suggest_ref(const struct edition *ed, enum kind k, const char *id,
    const struct loc *l, const char *what)
{
	struct ed_index *x = index_of(ed);
	const char **cands = NULL;
	size_t n = 0;
	const char *best;
	void **arr;
	size_t na;

	switch (k) {
	case KIND_GUIDE: arr = (void **)ed->all_guides; na = ed->nall_guides; break;
	case KIND_MATTER: arr = (void **)ed->all_matters; na = ed->nall_matters; break;
	case KIND_PROCEDURE: arr = (void **)ed->all_procedures; na = ed->nall_procedures; break;
	default: arr = (void **)ed->all_offices; na = ed->nall_offices; break;
	}
	/* A file that did not parse was reported; its id stays quiet. */
	for (const struct edition *e = ed; e != NULL; e = e->base)
		if ((x = index_of(e)) != NULL && htab_get(&x->broken[k], id))
			return;
	cands = xcalloc(na + 1, sizeof(*cands));
	for (size_t i = 0; i < na; i++)
		cands[n++] = ((struct item *)arr[i])->id;
	best = diag_suggest(id, cands, n);
	if (model_excluded(ed, k, id, NULL))
		diag_at(l, DIAG_ERROR, "%s“%s”已被本版本 edition.md 的 exclude "
		    "排除，这里却仍引用它：请同时排除或替换引用它的条目",
		    what, id);
	else if (best)
		diag_at(l, DIAG_ERROR, "找不到%s“%s”；是否想写“%s”？", what, id,
		    best);
	else
		diag_at(l, DIAG_ERROR, "找不到%s“%s”：请检查 %s/ 文件夹中是否"
		    "有 %s.md", what, id, k == KIND_MATTER ? "matters" :
		    k == KIND_OFFICE ? "offices" : k == KIND_PROCEDURE ?
		    "procedures" : "guides", id);
	free(cands);
}

static const struct office **
resolve_offices(const struct edition *ed, const struct strlist *ids,
    size_t *n)
{
	const struct office **arr = xcalloc(ids->n + 1, sizeof(*arr));

	*n = 0;
	for (size_t i = 0; i < ids->n; i++) {
		const struct office *o = lookup(ed, KIND_OFFICE, ids->v[i]);

		if (o == NULL)
			suggest_ref(ed, KIND_OFFICE, ids->v[i], &ids->loc[i],
			    "办理地点");
		else
			arr[(*n)++] = o;
	}
	return arr;
}

/* Resolve step ids and where; compute layers. */
static void
resolve_steps(const struct edition *ed, struct procedure *p)
{
	if (p->it.edition != ed) {
		/* An inherited procedure gets steps of its own: their
		 * offices resolve in this edition. */
		struct step *copy = xcalloc(p->nsteps + 1, sizeof(*copy));

		memcpy(copy, p->steps, p->nsteps * sizeof(*copy));
		p->steps = copy;
	}
	for (size_t i = 0; i < p->nsteps; i++) {
		struct step *s = &p->steps[i];

		s->office = NULL;
		s->succ = xcalloc(s->next.n + 1, sizeof(size_t));
		s->nsucc = 0;
		if (s->where && strcmp(s->where, "online") != 0 &&
		    strcmp(s->where, "网上") != 0 &&
		    strcmp(s->where, "线上") != 0) {
			s->office = lookup(ed, KIND_OFFICE, s->where);
			if (s->office == NULL) {
				/* Free text ("窗口", "现场") is allowed; an
				 * id-like word that resolves to nothing is not. */
				if (valid_id(s->where))
					suggest_ref(ed, KIND_OFFICE, s->where,
					    &s->loc, "办理地点");
			}
		}
		for (size_t j = 0; j < s->next.n; j++) {
			size_t k;

			for (k = 0; k < p->nsteps; k++)
				if (str_eq(p->steps[k].id, s->next.v[j]))
					break;
			if (k == p->nsteps) {
				const char **c = xcalloc(p->nsteps + 1,
				    sizeof(*c));
				size_t nc = 0;
				const char *best;

				for (k = 0; k < p->nsteps; k++)
					if (p->steps[k].id)
						c[nc++] = p->steps[k].id;
				best = diag_suggest(s->next.v[j], c, nc);
				if (best)
					diag_at(&s->next.loc[j], DIAG_ERROR,
					    "next 指向的步骤“%s”不存在；是否想"
					    "写“%s”？", s->next.v[j], best);
				else
					diag_at(&s->next.loc[j], DIAG_ERROR,
					    "next 指向的步骤“%s”不存在：请写本"
					    "流程中某一步的 id", s->next.v[j]);
				free(c);
				continue;
			}
			s->succ[s->nsucc++] = k;
		}
	}
	flow_rank(p);
}

static void
resolve_matter(const struct edition *ed, struct matter *m)
{
	m->offices = resolve_offices(ed, &m->office_ids, &m->noffices);
	m->procedure = NULL;
	if (m->procedure_id) {
		m->procedure = lookup(ed, KIND_PROCEDURE, m->procedure_id);
		if (m->procedure == NULL) {
			const struct ynode *v = keys_get(m->it.kind,
			    m->it.front, "procedure");
			suggest_ref(ed, KIND_PROCEDURE, m->procedure_id,
			    v ? &v->loc : &m->it.loc, "流程");
		}
	}
	if (m->inline_proc) {
		if (m->it.edition != ed) {	/* inherited: a copy */
			struct procedure *p = xmalloc(sizeof(*p));

			memcpy(p, m->inline_proc, sizeof(*p));
			m->inline_proc = p;
		}
		resolve_steps(ed, m->inline_proc);
	}
	if (m->consult == NULL && ed->hotline)
		m->consult = xstrdup(ed->hotline);
	if (m->complaint == NULL && ed->hotline)
		m->complaint = xstrdup(ed->hotline);
}

const struct procedure *
model_matter_steps(const struct matter *m)
{
	return m->procedure ? m->procedure : m->inline_proc;
}

static void
compute_checklist(struct guide *g)
{
	struct checkline *cl = NULL;
	size_t n = 0;
	struct reductions *r = &g->red;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];
		const struct procedure *p = model_matter_steps(m);

		r->materials_before += (int)m->nmaterials;
		r->days_before += m->promised_days > 0 ? m->promised_days : 0;
		r->visits_before += m->visits > 0 ? m->visits : 0;
		r->steps_before += p ? (int)p->nsteps : MODEL_DEFAULT_STEPS;
		for (size_t j = 0; j < m->nmaterials; j++) {
			const struct material *mat = &m->materials[j];
			struct checkline *c = NULL;

			for (size_t k = 0; k < n; k++)
				if (strcmp(cl[k].name, mat->name) == 0 &&
				    str_eq(cl[k].form, mat->form)) {
					c = &cl[k];
					break;
				}
			if (c == NULL) {
				c = VEC_PUSH(&cl, &n);
				c->name = mat->name;
				c->form = mat->form;
				c->first = mat;
				c->shared = 1;
				c->matters = xcalloc(g->nmatters, sizeof(void *));
			}
			c->shared &= mat->shared;
			c->required |= mat->required;
			if (c->condition == NULL && mat->condition)
				c->condition = mat->condition;
			if (mat->copies > c->copies)
				c->copies = mat->copies;
			if (c->nmatters == 0 || c->matters[c->nmatters - 1] != m)
				c->matters[c->nmatters++] = m;
		}
	}
	g->checklist = cl;
	g->nchecklist = n;
	r->materials_after = 0;
	for (size_t k = 0; k < n; k++)
		if (!cl[k].shared)
			r->materials_after++;
	r->days_after = g->promise_days > 0 ? g->promise_days : 0;
	r->visits_after = g->promise_visits > 0 ? g->promise_visits : 0;
	r->steps_after = g->procedure ? (int)g->procedure->nsteps : 0;
}

static void
resolve_guide(const struct edition *ed, struct guide *g)
{
	g->matters = xcalloc(g->matter_ids.n + 1, sizeof(*g->matters));
	g->nmatters = 0;
	for (size_t i = 0; i < g->matter_ids.n; i++) {
		const struct matter *m = lookup(ed, KIND_MATTER,
		    g->matter_ids.v[i]);
		int dup = 0;

		if (m == NULL) {
			suggest_ref(ed, KIND_MATTER, g->matter_ids.v[i],
			    &g->matter_ids.loc[i], "事项");
			continue;
		}
		for (size_t j = 0; j < g->nmatters; j++)
			dup |= g->matters[j] == m;
		if (dup) {
			diag_at(&g->matter_ids.loc[i], DIAG_WARNING, "事项“%s”"
			    "重复列出，只保留第一次", m->it.id);
			continue;
		}
		g->matters[g->nmatters++] = m;
	}
	g->procedure = NULL;
	if (g->procedure_id) {
		g->procedure = lookup(ed, KIND_PROCEDURE, g->procedure_id);
		if (g->procedure == NULL) {
			const struct ynode *v = keys_get(g->it.kind,
			    g->it.front, "procedure");
			suggest_ref(ed, KIND_PROCEDURE, g->procedure_id,
			    v ? &v->loc : &g->it.loc, "流程");
		}
	}
	if (g->office_ids.n)
		g->offices = resolve_offices(ed, &g->office_ids, &g->noffices);
	else {
		size_t cap = 1;

		for (size_t i = 0; i < g->nmatters; i++)
			cap += g->matters[i]->noffices;
		g->offices = xcalloc(cap, sizeof(*g->offices));
		g->noffices = 0;
		for (size_t i = 0; i < g->nmatters; i++)
			for (size_t j = 0; j < g->matters[i]->noffices; j++) {
				const struct office *o = g->matters[i]->offices[j];
				size_t k;

				for (k = 0; k < g->noffices; k++)
					if (g->offices[k] == o)
						break;
				if (k == g->noffices)
					g->offices[g->noffices++] = o;
			}
	}
	compute_checklist(g);
}

static void
model_resolve(struct edition *ed)
{
	for (size_t i = 0; i < ed->nall_procedures; i++)
		resolve_steps(ed, ed->all_procedures[i]);
	for (size_t i = 0; i < ed->nall_matters; i++)
		resolve_matter(ed, ed->all_matters[i]);
	for (size_t i = 0; i < ed->nall_guides; i++)
		resolve_guide(ed, ed->all_guides[i]);
}

/* --- publication ----------------------------------------------------- */

static const char *const person_stages[] = { "出生", "上学", "入学",
    "就业", "创业", "婚育", "居住", "出行", "就医", "养老", "退休",
    "身后" };
static const char *const legal_stages[] = { "开办", "准营", "经营",
    "变更", "投资", "纳税", "用工", "注销" };

static int
stage_rank(const char *audience, const char *stage)
{
	int legal = str_eq(audience, "法人");
	const char *const *t = legal ? legal_stages : person_stages;
	size_t n = legal ? NELEM(legal_stages) : NELEM(person_stages);

	for (size_t i = 0; i < n; i++)
		if (str_eq(stage, t[i]))
			return (legal ? 100 : 0) + (int)i;
	return (legal ? 100 : 0) + 99;
}

static int
guide_cmp(const void *a, const void *b)
{
	const struct guide *x = *(const struct guide *const *)a;
	const struct guide *y = *(const struct guide *const *)b;
	int rx = stage_rank(x->audience, x->stage);
	int ry = stage_rank(y->audience, y->stage);
	int c;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if ((c = strcmp(x->stage ? x->stage : "", y->stage ? y->stage : "")))
		return c;
	return strcmp(x->it.id, y->it.id);
}

static int
matter_title_cmp(const void *a, const void *b)
{
	const struct matter *x = *(const struct matter *const *)a;
	const struct matter *y = *(const struct matter *const *)b;
	int c = strcmp(x->title ? x->title : "", y->title ? y->title : "");

	return c ? c : strcmp(x->it.id, y->it.id);
}

void
model_publish(struct edition *ed)
{
	struct ed_index *x = index_of(ed);

	ed->guides = xcalloc(ed->nall_guides + 1, sizeof(void *));
	for (size_t i = 0; i < ed->nall_guides; i++) {
		struct guide *g = ed->all_guides[i];

		if (g->it.disclosure != DISC_PUBLIC)
			continue;
		ed->guides[ed->nguides++] = g;
	}
	xqsort(ed->guides, ed->nguides, sizeof(void *), guide_cmp);
	ed->matters = xcalloc(ed->nall_matters + 1, sizeof(void *));
	for (size_t i = 0; i < ed->nall_matters; i++)
		if (ed->all_matters[i]->it.disclosure == DISC_PUBLIC)
			ed->matters[ed->nmatters++] = ed->all_matters[i];
	ed->procedures = (const struct procedure **)ed->all_procedures;
	ed->nprocedures = ed->nall_procedures;
	ed->offices = (const struct office **)ed->all_offices;
	ed->noffices = ed->nall_offices;

	/* Stages, in the order of the sorted guides. */
	for (size_t i = 0; i < ed->nguides; i++) {
		const struct guide *g = ed->guides[i];
		struct stage *s = NULL;

		for (size_t j = 0; j < ed->nstages; j++)
			if (str_eq(ed->stages[j].name, g->stage) &&
			    str_eq(ed->stages[j].audience, g->audience))
				s = &ed->stages[j];
		if (s == NULL) {
			s = VEC_PUSH(&ed->stages, &ed->nstages);
			s->name = xstrdup(g->stage ? g->stage : "其他");
			s->audience = g->audience ? g->audience : "个人";
			s->guides = xcalloc(ed->nguides, sizeof(void *));
		}
		s->guides[s->nguides++] = g;
	}

	/* Departments of public matters. */
	for (size_t i = 0; i < ed->nmatters; i++) {
		const struct matter *m = ed->matters[i];
		struct department *d = NULL;

		if (m->department == NULL)
			continue;
		for (size_t j = 0; j < ed->ndepartments; j++)
			if (strcmp(ed->departments[j].name, m->department) == 0)
				d = &ed->departments[j];
		if (d == NULL) {
			d = VEC_PUSH(&ed->departments, &ed->ndepartments);
			d->name = xstrdup(m->department);
			d->matters = xcalloc(ed->nmatters, sizeof(void *));
		}
		d->matters[d->nmatters++] = m;
	}
	xqsort(ed->departments, ed->ndepartments, sizeof(*ed->departments),
	    name_cmp);	/* name is the first member */
	for (size_t j = 0; j < ed->ndepartments; j++)
		xqsort(ed->departments[j].matters, ed->departments[j].nmatters,
		    sizeof(void *), matter_title_cmp);
	(void)x;
}

/* --- lookups --------------------------------------------------------- */

const struct guide *
model_guide(const struct edition *ed, const char *id)
{
	const struct guide *g = lookup(ed, KIND_GUIDE, id);

	return g && g->it.disclosure == DISC_PUBLIC ? g : NULL;
}

const struct matter *
model_matter(const struct edition *ed, const char *id)
{
	const struct matter *m = lookup(ed, KIND_MATTER, id);

	return m && m->it.disclosure == DISC_PUBLIC ? m : NULL;
}

const struct office *
model_office(const struct edition *ed, const char *id)
{
	return lookup(ed, KIND_OFFICE, id);
}

const struct procedure *
model_procedure(const struct edition *ed, const char *id)
{
	return lookup(ed, KIND_PROCEDURE, id);
}

const char *
model_kind_name(enum kind k)
{
	static const char *const n[KIND__MAX] = { "edition", "guide",
	    "matter", "procedure", "office", "material", "fee", "step",
	    "hours", "window", "time_limit", "online", "result", "promise" };

	return n[k];
}

const char *
model_disclosure_name(enum disclosure d)
{
	switch (d) {
	case DISC_PUBLIC: return "主动公开";
	case DISC_ON_REQUEST: return "依申请公开";
	case DISC_SECRET: return "不予公开";
	default: return "公开属性未正确标明";
	}
}

const char *
model_kind_zh(enum kind k)
{
	return kind_zh[k];
}
