/*
 * model_read.c — sources to items. Every *.md of an edition's guides/,
 * matters/, procedures/ and offices/ folders, in name order, through
 * source.c: decoding, YAML and Markdown on the job queue's reader
 * threads, then each file's front matter turned into an item on the
 * calling thread (type and enumeration checks as each value is
 * converted, model_fields.c); and edition.md.
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
#include "jobq.h"
#include "asset.h"
#include "zhtext.h"
#include "model_int.h"

#define MODEL_MAX_THREADS 8	/* reader threads */
#define MODEL_DEFER_BATCH 2048	/* texts freed together, see loadctx */
/* --- reading one item ---------------------------------------------- */

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



static struct md_node *parse_body(const char *, const char *, int);

/*
 * The files of a body's images, as `template:` is checked: relative to
 * the edition's assets/ and inside it after resolving symlinks (SPEC
 * §7); n->path is the file, for the back ends. Its web links must have
 * a host, as online.url must.
 */
static void
body_images(struct md_node *n, const char *edition_dir)
{
	for (; n != NULL; n = n->next) {
		if (n->type == MD_LINK && n->url != NULL &&
		    (strncmp(n->url, "http://", 7) == 0 ||
		    strncmp(n->url, "https://", 8) == 0))
			url_check(n->url, &n->loc, "链接地址");
		if (n->type == MD_IMAGE && n->url != NULL && n->path == NULL &&
		    strstr(n->url, "://") == NULL)
			n->path = asset_path(n->url, edition_dir,
			    &n->loc, "图片");
		body_images(n->child, edition_dir);
	}
}

/* Where a one-line scalar value of tree n (not a key) holds an unpaired
 * ASCII quote (zhtext.c sets only pairs): check warns of each. */
static void
item_quotes(struct item *it, const struct ynode *n)
{
	long off;

	if (n == NULL)
		return;
	if (n->type == YN_SCALAR) {
		if ((off = zh_quote_unpaired(n->str)) >= 0 &&
		    strchr(n->str, '\n') == NULL) {
			struct keyat *q;

			it->quotes = xreallocarray(it->quotes,
			    (size_t)it->nquotes + 1, sizeof(*it->quotes));
			q = &it->quotes[it->nquotes++];
			q->key = 0;
			q->line = n->loc.line;
			q->col = n->loc.col + (n->quoted ? 1 : 0) +
			    (int)utf8_count(n->str, (size_t)off);
		}
		return;
	}
	for (size_t i = n->type == YN_MAP ? 1 : 0; i < n->n &&
	    it->nquotes < USHRT_MAX; i += n->type == YN_MAP ? 2 : 1)
		item_quotes(it, n->kids[i]);
}

/* Where the value of each top-level key of the item was written, for
 * the keys fields_read took (f; the first of a repeated key), as
 * keys_get would find them in the tree (it->front). */
static void
item_keys(struct item *it, const struct fields *f)
{
	const struct ynode *map = it->front;
	size_t n = 0;

	for (size_t i = 0; i < f->ndefs; i++)
		n += f->key[i] != NULL;
	it->keys = xcalloc(n ? n : 1, sizeof(*it->keys));
	for (size_t i = 0; map != NULL && i + 1 < map->n; i += 2) {
		const struct ynode *k = map->kids[i];
		int idx = k->type == YN_SCALAR ? keys_find(it->kind, k->str) :
		    -1;

		if (idx < 0 || f->key[idx] != k || it->nkeys == n)
			continue;
		it->keys[it->nkeys].key = idx;
		it->keys[it->nkeys].line = map->kids[i + 1]->loc.line;
		it->keys[it->nkeys].col = map->kids[i + 1]->loc.col;
		it->nkeys++;
	}
}

int
model_key_at(const struct item *it, const char *en, struct loc *at)
{
	int idx = keys_find(it->kind, en);

	for (size_t i = 0; idx >= 0 && i < it->nkeys; i++)
		if (it->keys[i].key == idx) {
			at->file = it->file;
			at->line = it->keys[i].line;
			at->col = it->keys[i].col;
			return 1;
		}
	return 0;
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
	item_quotes(it, src->front);
}

static void
item_common(struct item *it, const struct fields *f, const char *stem)
{
	char *disc = NULL;

	item_keys(it, f);
	it->id = fid(f, "id");
	it->id_loc = f->key[fidx(f, "id")] ? f->key[fidx(f, "id")]->loc :
	    it->loc;
	if (it->id && stem && strcmp(it->id, stem) != 0)
		diag_at(floc(f, "id"), DIAG_WARNING, "编号“%s”与文件名“%s.md”"
		    "不一致：请把文件改名为 %s.md，便于查找", it->id, stem,
		    it->id);
	if (it->id == NULL && f->val[fidx(f, "id")] == NULL && stem &&
	    model_valid_id(stem))
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
	it->extra = fextra(f);
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

		if (mv->type == YN_SCALAR) {	/* just a name: say how */
			const char *w = placeholder_word(mv->str);

			if (w != NULL)
				diag_at(&mv->loc, DIAG_ERROR, "申请材料还是占位的"
				    "“%s”：每项材料写成 - {name: 材料名称, form: "
				    "原件, copies: 1}", w);
			else
				diag_at(&mv->loc, DIAG_ERROR, "申请材料“%s”只写了"
				    "名称：每项材料应写成键值对，至少写明 name 和 "
				    "form，如 - {name: %s, form: 原件, copies: 1}"
				    "（form 为 原件、复印件、原件及复印件 或 电子证照）",
				    mv->str, mv->str);
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
	m->offices_said = f->held[fidx(f, "offices")];
	fonline(f, &m->online);
	m->online.bad |= f->held[fidx(f, "online")];
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


static int keep_trees;
static void (*text_hook)(const char *, const char *, size_t);
static int (*source_cache)(const char *, struct source *, struct md_node **,
    int *, int *, void **);

void
model_source_cache(int (*fn)(const char *, struct source *,
    struct md_node **, int *, int *, void **))
{
	source_cache = fn;
}

void
model_keep_trees(int keep)
{
	keep_trees = keep;
}

/* The item's tree, once the item is made from it (model_keep_trees). */
static void
drop_tree(struct item *it)
{
	if (keep_trees || source_cache != NULL || it->extra != NULL)
		return;
	ynode_free((struct ynode *)it->front);
	it->front = NULL;
}

void
model_text_hook(void (*fn)(const char *, const char *, size_t))
{
	text_hook = fn;
}

/*
 * Does a body hold a web address url_problem refuses? Then `check`,
 * which skips the bodies it need not parse, parses it to say where.
 */
static int
body_bad_url(const char *body)
{
	const char *p = body;

	while ((p = strstr(p, "http")) != NULL) {
		size_t n = strcspn(p, " \t\n)>]\"'<");
		char *u;
		int bad;

		if (strncmp(p, "http://", 7) != 0 &&
		    strncmp(p, "https://", 8) != 0) {
			p += 4;
			continue;
		}
		u = xstrndup(p, n);
		bad = url_problem(u) != NULL;
		free(u);
		if (bad)
			return 1;
		p += n;
	}
	return 0;
}

/*
 * A body's tree is kept only when parsing it may report something (and
 * then the report comes now, from the reader threads, for every
 * command): an unsafe link or raw HTML, an image whose file is checked.
 * The others, most of them, are parsed where they are used (zh_body):
 * at N=10000 the kept trees were a third of a build's memory.
 */
static struct md_node *
parse_body(const char *body, const char *file, int line)
{
	if (!md_may_be_unsafe(body) && !body_bad_url(body))
		return NULL;
	return md_parse(body, file, line);
}

/*
 * One file as the reader threads read it: decoded and split, its front
 * matter's tree, and its body's Markdown tree (NULL without a front
 * matter). Returns source_read's result, with its errno.
 */
int
model_read_source(const char *path, struct source *src, struct md_node **doc)
{
	int rc, err;

	errno = 0;
	rc = source_read(path, src);
	err = errno;
	if (src->text != NULL && text_hook != NULL)
		text_hook(src->path, src->text, src->len);
	*doc = rc == 0 && src->front != NULL ? parse_body(src->body, src->path,
	    src->body_line) : NULL;
	errno = err;
	return rc;
}

static reader_fn
reader_of(enum kind k)
{
	return k == KIND_GUIDE ? read_guide : k == KIND_MATTER ? read_matter :
	    k == KIND_PROCEDURE ? read_procedure : read_office;
}

/*
 * Turn one read source (rc from source_read) of kind k into an item, or
 * NULL (reported). The source's text is not needed afterwards: it is
 * freed when owned, as is the body's tree when no item took it (a source
 * from serve's cache is the cache's: a rebuild child that freed it
 * would write to every page of the memory it shares with the server).
 */
static void *
convert_one(struct loadctx *lc, const char *stem, enum kind k, reader_fn rd,
    struct source *src, int rc, int err, int owned)
{
	struct fields f;
	void *item = NULL;

	if (rc != 0 || src->front == NULL)
		model_index_broken(lc->ed, k, stem);
	if (rc == -1 && err == ENOTSUP)
		diag_file(src->path, 1, 1, DIAG_ERROR, "这不是普通文件（而是"
		    "文件夹、设备或管道），无法作为源文件读取：请删除它或改名");
	else if (rc == -1)
		diag_file(src->path, 1, 1, DIAG_ERROR, "无法读取文件：%s",
		    err == ELOOP ? "符号链接形成了循环" : err == ENOENT ?
		    "文件不存在（可能是失效的符号链接）" : err == EACCES ?
		    "没有读取权限" : zh_strerror(err));
	if (rc == 0 && src->front != NULL) {
		struct loc at = { src->path, 1, 1 };

		if (fields_read(k, src->front, &at, &f))
			item = rd(src, &f, lc, stem);
		fields_done();
	} else if (rc == 0 && src->front == NULL && !src->yaml_error)
		diag_file(src->path, 1, 1, DIAG_ERROR, "front matter 是空的："
		    "请写出%s的各要素", model_kind_zh(k));
	if (lc->pre_doc && owned)	/* not taken by an item */
		md_free(lc->pre_doc);
	lc->pre_doc = NULL;
	if (owned && lc->defer != NULL && src->text != NULL) {
		lc->defer[lc->ndefer++] = src->text;
		if (lc->ndefer == MODEL_DEFER_BATCH) {
			/* Held long enough: a folder of 10^5 files would
			 * hold all their texts at once. */
			for (size_t i = 0; i < lc->ndefer; i++)
				free(lc->defer[i]);
			lc->ndefer = 0;
		}
	} else if (owned)
		free(src->text);
	src->text = NULL;
	src->body = "";
	return item;
}

void *
model_convert_source(const char *path, enum kind k, const char *dir,
    const struct source *src, struct md_node *doc)
{
	/* A stand-in: the items' edition is set when a load takes them. */
	static struct edition none;
	struct loadctx lc;
	struct source copy = *src;
	char *stem = path_stem(path);
	void *item;

	memset(&lc, 0, sizeof(lc));
	none.dir = (char *)dir;
	lc.ed = &none;
	lc.pre_doc = doc;
	item = convert_one(&lc, stem, k, reader_of(k), &copy, 0, 0, 0);
	none.dir = NULL;
	free(stem);
	return item;
}

/*
 * An item of serve's cache joins the edition being loaded, as a copy:
 * the load writes to its items (their edition, resolved references),
 * and in a rebuild child each write to the server's memory copies the
 * page (a fault and a TLB flush), which costs more than the conversion
 * it spares.
 */
size_t
model_item_size(enum kind k)
{
	return k == KIND_GUIDE ? sizeof(struct guide) : k == KIND_MATTER ?
	    sizeof(struct matter) : k == KIND_PROCEDURE ?
	    sizeof(struct procedure) : sizeof(struct office);
}

void
model_item_home(struct item *it, struct edition *ed)
{
	it->edition = ed;
	if (it->kind == KIND_MATTER && ((struct matter *)it)->inline_proc)
		((struct matter *)it)->inline_proc->it.edition = ed;
}

static struct item *
adopt_item(const struct item *cached, struct loadctx *lc)
{
	size_t sz = model_item_size(cached->kind);
	struct item *it = xmalloc(sz);

	memcpy(it, cached, sz);
	model_item_home(it, lc->ed);
	return it;
}

static void *
read_one(struct loadctx *lc, const char *path, const char *stem, enum kind k,
    reader_fn rd, struct source *src)
{
	int rc = source_read(path, src);

	return convert_one(lc, stem, k, rd, src, rc, errno, 1);
}

/*
 * The parallel part of reading a folder: decoding, YAML and Markdown
 * of each file are independent, so they run on the job queue's workers;
 * converting to items (which looks at the edition) is the queue's
 * consumer, on the calling thread, in file order.
 */
#define MODEL_READ_BATCH	32	/* files read before the converter wakes */
/* Files read ahead of the converter at most: each waits with its text
 * and YAML tree, and when converting is the slower part unbounded
 * readers held them all (N=10000 check: 790–810 MB against 660 MB). */
#define MODEL_READ_AHEAD	512

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
	unsigned char	 *cached;	/* from the source cache, not ours */
	void		**items;	/* the cache's item, or NULL */
};

static void
read_work(void *arg, int worker, size_t i)
{
	struct readjob *j = arg;

	(void)worker;
	if (source_cache != NULL && source_cache(j->paths[i], &j->srcs[i],
	    &j->docs[i], &j->rcs[i], &j->errs[i], &j->items[i])) {
		j->cached[i] = 1;
		return;
	}
	j->rcs[i] = model_read_source(j->paths[i], &j->srcs[i], &j->docs[i]);
	j->errs[i] = errno;
}

static void
read_consume(void *arg, size_t i)
{
	struct readjob *j = arg;
	/* Sources live as long as the model: items point into them (path,
	 * front matter). */
	struct source *src = xmalloc(sizeof(*src));
	char *stem = path_stem(j->names[i]);
	void *item;

	*src = j->srcs[i];
	j->lc->pre_doc = j->docs[i];
	if (j->items[i] != NULL) {
		item = adopt_item(j->items[i], j->lc);
		j->lc->pre_doc = NULL;
	} else
		item = convert_one(j->lc, stem, j->k, j->rd, src, j->rcs[i],
		    j->errs[i], !j->cached[i]);
	if (item != NULL) {
		drop_tree(item);
		*VEC_PUSH(&j->own->items, &j->own->n) = item;
	} else if (!j->cached[i])
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
	reader_fn rd = reader_of(k);
	void *item = read_one(&lc, path, "fuzz", k, rd, src);

	if (item == NULL)
		source_free(src);
	return item;
}

void
model_read_folder(struct loadctx *lc, const char *sub, enum kind k,
    struct own *own)
{
	reader_fn rd = reader_of(k);
	char *dir = xasprintf("%s/%s", lc->ed->dir, sub);
	char **names = NULL;
	size_t nnames = 0;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		struct stat st;

		if (stat(dir, &st) == 0)
			diag_file(dir, 0, 0, DIAG_ERROR, "应为存放%s的文件夹，"
			    "却是一个文件：请删除或改名", model_kind_zh(k));
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
		j.cached = xcalloc(nnames + 1, 1);
		j.items = xcalloc(nnames + 1, sizeof(void *));
		lc->defer = xcalloc(MODEL_DEFER_BATCH, sizeof(char *));
		lc->ndefer = 0;
		for (size_t i = 0; i < nnames; i++)
			j.paths[i] = xasprintf("%s/%s", dir, names[i]);
		memset(&q, 0, sizeof(q));
		q.n = nnames;
		q.nthreads = nth > 1 && nnames > 8 ? nth : 0;
		q.window = MODEL_READ_AHEAD;
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
		free(j.cached);
		free(j.items);
	}
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
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
	if (ed->portal && !url_check(ed->portal, floc(&f, "portal"),
	    "门户地址")) {
		free(ed->portal);
		ed->portal = NULL;
	}
	ed->base_id = fstr(&f, "base");
	fstrlist(&f, "exclude", &ed->exclude);
	ed->theme = fstr(&f, "theme");
	ed->stale_after = fint(&f, "stale_after", 1, 365);
	ed->extra = fextra(&f);
	ed->preface = xstrdup(src->body);
	ed->preface_doc = md_parse(src->body, ed->file, src->body_line);
	body_images(ed->preface_doc, ed->dir);
}

/*
 * ed's edition.md into ed (its folder, id and file set); src keeps the
 * source, whose tree the caller frees once the base is found. Returns
 * source_read's result.
 */
int
model_read_edition(struct edition *ed, struct source *src)
{
	int rc = source_read(ed->file, src);

	if (src->text != NULL && text_hook != NULL)
		text_hook(src->path, src->text, src->len);
	if (rc == -1) {
		diag_file(ed->file, 1, 1, DIAG_ERROR, "找不到 edition.md：每个"
		    "版本文件夹都要有 edition.md，写出 title、region、issuer、"
		    "version、date、hotline");
	} else if (rc == 0)
		read_edition_file(ed, src);
	/* The check pass reports exclude entries after src is freed. */
	for (size_t i = 0; i < ed->exclude.n; i++)
		if (ed->exclude.loc[i].file != NULL &&
		    strcmp(ed->exclude.loc[i].file, ed->file) == 0)
			ed->exclude.loc[i].file = ed->file;
	if (ed->theme == NULL)
		ed->theme = xstrdup("default");
	return rc;
}
