/*
 * out_xlsx.c — <edition>.xlsx: the edition as a workbook, one sheet per
 * kind of item, headed by the Chinese key names of keys.c, for
 * departments that keep their 实施清单 in spreadsheets (issue 15).
 * `ybt build -f xlsx` writes the published items only (out_xlsx, from
 * edition->guides/matters/...); `ybt export` (xlsx_export) writes every
 * item in effect, non-public ones too, with 公开属性 in every row, to a
 * file the user names, never under out/; xlsx_tables writes `ybt check
 * --format xlsx`'s report. The only file that includes xlsxwriter.h.
 * Items' extra: fields are columns 扩展:KEY, nested values YAML flow
 * text (xlsx_extra_text, which import.c reads back).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "util.h"
#include "diag.h"
#include "keys.h"
#include "source.h"
#include "out.h"
#include "xlsx.h"

#define MAXCOL		200
#define MAXWIDTH	60.0

struct sheet {
	lxw_worksheet	*ws;
	lxw_row_t	 row;
	int		 ncol;
	double		 width[MAXCOL];
};

/* What one sheet lists, and how: all (export) or published only. */
struct wb {
	lxw_workbook	*wb;
	lxw_format	*head;
	lxw_format	*wrap;
	int		 all;
};

static double
text_width(const char *s)
{
	double w = 0;
	size_t n = strlen(s);
	unsigned cp;
	int k;

	while (n > 0 && (k = utf8_decode(s, n, &cp)) > 0) {
		if (cp == '\n')
			break;
		w += cp >= 0x1100 ? 2.1 : 1.1;
		s += k;
		n -= k;
	}
	return w;
}

static void
cell(struct sheet *sh, struct wb *w, int col, const char *v)
{
	double tw;

	if (v == NULL || *v == '\0' || col >= MAXCOL)
		return;
	worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, v,
	    strchr(v, '\n') ? w->wrap : NULL);
	tw = text_width(v) + 2;
	if (tw > sh->width[col])
		sh->width[col] = tw > MAXWIDTH ? MAXWIDTH : tw;
}

static void
cell_int(struct sheet *sh, struct wb *w, int col, int v)
{
	char b[32];

	snprintf(b, sizeof(b), "%d", v);
	cell(sh, w, col, b);
}

static char *
joined(const struct strlist *l)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(&b, "；\n");
		buf_puts(&b, l->v[i]);
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

static void
cell_list(struct sheet *sh, struct wb *w, int col, const struct strlist *l)
{
	char *s = joined(l);

	cell(sh, w, col, s);
	free(s);
}

/* The Chinese name of key en of kind k (keys.c), or en itself. */
static const char *
zh(enum kind k, const char *en)
{
	size_t n;
	const struct keydef *t = keys_table(k, &n);
	int i = keys_find(k, en);

	return i >= 0 && (size_t)i < n ? t[i].zh : en;
}

/* Lists are joined by "；" and a line break: one entry a line in the
 * cell, and an entry that itself ends in "；" survives the trip. */
/* A header: "事项编号", or a key of kind k, or "parent.child". */
struct col {
	enum kind	 k;
	const char	*en;
	enum kind	 sub;	/* KIND__MAX: none */
	const char	*suben;
	const char	*const *list;	/* validation values, or NULL */
	size_t		 nlist;
};

static const char *const l_type[] = { "行政许可", "行政确认",
    "行政给付", "行政征收", "行政奖励", "行政裁决", "其他行政权力",
    "公共服务" };
static const char *const l_kind[] = { "即办件", "承诺件" };
static const char *const l_disc[] = { "主动公开", "依申请公开",
    "不予公开" };
static const char *const l_form[] = { "原件", "复印件", "原件及复印件",
    "电子证照" };
static const char *const l_medium[] = { "纸质", "电子", "纸质或电子" };
static const char *const l_audience[] = { "个人", "法人" };
static const char *const l_scope[] = { "全市通办", "全省通办", "跨省通办",
    "就近办" };
static const char *const l_yesno[] = { "是", "否" };
#define L(a)	a, sizeof(a) / sizeof(a[0])

static struct sheet *
sheet_new(struct wb *w, const char *name, const struct col *cols, int n)
{
	struct sheet *sh = xcalloc(1, sizeof(*sh));

	sh->ws = workbook_add_worksheet(w->wb, name);
	sh->ncol = n;
	for (int i = 0; i < n && i < MAXCOL; i++) {
		char *h;

		if (cols[i].k == KIND__MAX)
			h = xstrdup(cols[i].en);
		else if (cols[i].sub != KIND__MAX)
			h = xasprintf("%s.%s", zh(cols[i].k, cols[i].en),
			    zh(cols[i].sub, cols[i].suben));
		else
			h = xstrdup(zh(cols[i].k, cols[i].en));
		worksheet_write_string(sh->ws, 0, (lxw_col_t)i, h, w->head);
		sh->width[i] = text_width(h) + 4;
		free(h);
		if (cols[i].list != NULL) {
			lxw_data_validation dv;
			char **v = xcalloc(cols[i].nlist + 1, sizeof(*v));

			for (size_t j = 0; j < cols[i].nlist; j++)
				v[j] = (char *)cols[i].list[j];
			memset(&dv, 0, sizeof(dv));
			dv.validate = LXW_VALIDATION_TYPE_LIST;
			dv.value_list = v;
			dv.ignore_blank = LXW_VALIDATION_ON;
			dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
			worksheet_data_validation_range(sh->ws, 1,
			    (lxw_col_t)i, 65535, (lxw_col_t)i, &dv);
			free(v);
		}
	}
	worksheet_freeze_panes(sh->ws, 1, 0);
	sh->row = 1;
	return sh;
}

static void
sheet_end(struct sheet *sh)
{
	for (int i = 0; i < sh->ncol && i < MAXCOL; i++)
		worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i,
		    sh->width[i], NULL);
	worksheet_autofilter(sh->ws, 0, 0, sh->row > 1 ? sh->row - 1 : 0,
	    (lxw_col_t)(sh->ncol - 1));
	free(sh);
}

#define C(k, en)		{ k, en, KIND__MAX, NULL, NULL, 0 }
#define CL(k, en, l)		{ k, en, KIND__MAX, NULL, L(l) }
#define CS(k, en, s, sen)	{ k, en, s, sen, NULL, 0 }
#define CSL(k, en, s, sen, l)	{ k, en, s, sen, L(l) }
#define CX(name)		{ KIND__MAX, name, KIND__MAX, NULL, NULL, 0 }
#define NCOL(a)			((int)(sizeof(a) / sizeof(a[0])))

/*
 * The extra: fields (issue 11: local fields, kept in the XML) as
 * columns 扩展:KEY after 正文, one a key any item of the sheet has. The
 * columns keep each item's own order of keys where the items agree
 * (import writes an item's fields in the order of the columns); where
 * they do not, a warning says the XML's order will change.
 */
struct xcols {
	char	**key;
	size_t	  n;
};

static size_t
xcols_find(const struct xcols *x, const char *k)
{
	size_t j;

	for (j = 0; j < x->n && strcmp(x->key[j], k) != 0; j++)
		continue;
	return j;
}

static void
xcols_add(struct xcols *x, const struct ynode *e)
{
	size_t pos = 0, j, at;
	int have = 0, warned = 0;

	if (e == NULL || e->type != YN_MAP)
		return;
	for (size_t i = 0; i + 1 < e->n; i += 2) {
		const struct ynode *kn = e->kids[i];

		if (kn->type != YN_SCALAR)
			continue;
		if ((j = xcols_find(x, kn->str)) < x->n) {
			if (have && j <= pos) {
				if (!warned)
					diag_at(&kn->loc, DIAG_WARNING,
					    "扩展字段“%s”%s：工作簿中每个扩展字段"
					    "一列，导入后按列的先后排列，XML 中"
					    "的先后会变", kn->str, j == pos ?
					    "写了两次" : "与其他条目的先后不同");
				warned = 1;
			} else
				pos = j;
			have = 1;
			continue;
		}
		/* after this item's key before it; else before its first
		 * key that has a column already; else last */
		at = x->n;
		if (have)
			at = pos + 1;
		else
			for (size_t l = i + 2; l + 1 < e->n; l += 2)
				if (e->kids[l]->type == YN_SCALAR &&
				    (j = xcols_find(x, e->kids[l]->str)) <
				    x->n && j < at)
					at = j;
		x->key = xreallocarray(x->key, x->n + 1, sizeof(*x->key));
		memmove(x->key + at + 1, x->key + at,
		    (x->n - at) * sizeof(*x->key));
		x->key[at] = kn->str;
		x->n++;
		pos = at;
		have = 1;
	}
}

/* Is v written as YAML in a 扩展: cell (xlsx.h)? */
int
xlsx_extra_yaml(const char *v)
{
	if (v[0] == '{' || v[0] == '[')
		return 1;
	if (v[0] != '"')
		return 0;
	for (v++; *v; v++)
		if (*v == '\\' && v[1] != '\0')
			v++;
		else if (*v == '"')
			return v[1] == '\0';
	return 0;
}

/* Can s stand unquoted in a YAML flow collection? (Conservative.) */
static int
flow_plain(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) != NULL ||
	    s[n - 1] == ' ')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || strchr(",[]{}:#\"'\\", *s))
			return 0;
	return 1;
}

static void
flow_text(struct buf *b, const struct ynode *v)
{
	if (v->type == YN_SCALAR) {
		if (flow_plain(v->str))
			buf_puts(b, v->str);
		else
			buf_yaml_quoted(b, v->str);
		return;
	}
	buf_putc(b, v->type == YN_SEQ ? '[' : '{');
	for (size_t i = 0; i < v->n; i++) {
		if (i && (v->type == YN_SEQ || i % 2 == 0))
			buf_puts(b, ", ");
		flow_text(b, v->kids[i]);
		if (v->type == YN_MAP && i % 2 == 0)
			buf_puts(b, ": ");
	}
	buf_putc(b, v->type == YN_SEQ ? ']' : '}');
}

void
xlsx_extra_text(struct buf *b, const struct ynode *v)
{
	if (v->type != YN_SCALAR)
		flow_text(b, v);
	else if (v->str[0] == '\0' || xlsx_extra_yaml(v->str))
		buf_yaml_quoted(b, v->str);
	else
		buf_puts(b, v->str);
}

/* A sheet with its columns cols and then the 扩展: columns of x. */
static struct sheet *
sheet_new_x(struct wb *w, const char *name, const struct col *cols, int n,
    const struct xcols *x)
{
	struct col *all;
	struct sheet *sh;
	int nx = (int)x->n;

	if (n + nx > MAXCOL) {
		diag_file(name, 0, 0, DIAG_WARNING, "扩展字段过多（%zu 个），"
		    "工作表只写出前 %d 个", x->n, MAXCOL - n);
		nx = MAXCOL - n;
	}
	all = xcalloc((size_t)(n + nx), sizeof(*all));
	memcpy(all, cols, (size_t)n * sizeof(*all));
	for (int i = 0; i < nx; i++) {
		all[n + i].k = KIND__MAX;
		all[n + i].sub = KIND__MAX;
		all[n + i].en = xasprintf("扩展:%s", x->key[i]);
	}
	sh = sheet_new(w, name, all, n + nx);
	for (int i = 0; i < nx; i++)
		free((char *)all[n + i].en);
	free(all);
	return sh;
}

/* The extra: fields of one item, in the columns from n on. */
static void
extra_cells(struct sheet *sh, struct wb *w, int n, const struct xcols *x,
    const struct ynode *e)
{
	if (e == NULL || e->type != YN_MAP)
		return;
	for (size_t i = 0; i + 1 < e->n; i += 2) {
		struct buf b;
		size_t j;

		if (e->kids[i]->type != YN_SCALAR ||
		    (j = xcols_find(x, e->kids[i]->str)) >= x->n)
			continue;
		buf_init(&b);
		xlsx_extra_text(&b, e->kids[i + 1]);
		buf_putc(&b, '\0');
		cell(sh, w, n + (int)j, b.data);
		buf_free(&b);
	}
}

static const struct col edition_cols[] = {
	C(KIND_EDITION, "id"), C(KIND_EDITION, "title"),
	C(KIND_EDITION, "region"), C(KIND_EDITION, "issuer"),
	C(KIND_EDITION, "version"), C(KIND_EDITION, "date"),
	C(KIND_EDITION, "hotline"), C(KIND_EDITION, "portal"),
	C(KIND_EDITION, "base"), C(KIND_EDITION, "exclude"),
	C(KIND_EDITION, "theme"), C(KIND_EDITION, "stale_after"),
	CX("正文"),
};

static void
s_edition(struct wb *w, const struct edition *ed)
{
	struct xcols x = { NULL, 0 };
	struct sheet *sh;

	xcols_add(&x, ed->extra);
	sh = sheet_new_x(w, "版本", edition_cols, NCOL(edition_cols), &x);
	cell(sh, w, 0, ed->id);
	cell(sh, w, 1, ed->title);
	cell(sh, w, 2, ed->region);
	cell(sh, w, 3, ed->issuer);
	cell(sh, w, 4, ed->version);
	cell(sh, w, 5, ed->date);
	cell(sh, w, 6, ed->hotline);
	cell(sh, w, 7, ed->portal);
	cell(sh, w, 8, ed->base_id);
	cell_list(sh, w, 9, &ed->exclude);
	cell(sh, w, 10, ed->theme);
	cell_int(sh, w, 11, ed->stale_after);
	cell(sh, w, 12, ed->preface);
	extra_cells(sh, w, NCOL(edition_cols), &x, ed->extra);
	sh->row++;
	sheet_end(sh);
	free(x.key);
}

static const struct col guide_cols[] = {
	C(KIND_GUIDE, "id"), C(KIND_GUIDE, "title"),
	CL(KIND_GUIDE, "audience", l_audience), C(KIND_GUIDE, "stage"),
	C(KIND_GUIDE, "summary"), C(KIND_GUIDE, "matters"),
	C(KIND_GUIDE, "procedure"), C(KIND_GUIDE, "offices"),
	CS(KIND_GUIDE, "online", KIND_ONLINE, "url"),
	CS(KIND_GUIDE, "online", KIND_ONLINE, "depth"),
	CS(KIND_GUIDE, "promise", KIND_PROMISE, "time_limit"),
	CS(KIND_GUIDE, "promise", KIND_PROMISE, "visits"),
	C(KIND_GUIDE, "synonyms"), CL(KIND_GUIDE, "disclosure", l_disc),
	C(KIND_GUIDE, "updated"), CX("正文"),
};

static void
s_guides(struct wb *w, const struct edition *ed)
{
	struct xcols x = { NULL, 0 };
	struct sheet *sh;
	size_t n = w->all ? ed->nall_guides : ed->nguides;

	for (size_t i = 0; i < n; i++)
		xcols_add(&x, (w->all ? ed->all_guides[i] :
		    ed->guides[i])->it.extra);
	sh = sheet_new_x(w, "一件事", guide_cols, NCOL(guide_cols), &x);
	for (size_t i = 0; i < n; i++, sh->row++) {
		const struct guide *g = w->all ? ed->all_guides[i] :
		    ed->guides[i];

		cell(sh, w, 0, g->it.id);
		cell(sh, w, 1, g->title);
		cell(sh, w, 2, g->audience);
		cell(sh, w, 3, g->stage);
		cell(sh, w, 4, g->summary);
		cell_list(sh, w, 5, &g->matter_ids);
		cell(sh, w, 6, g->procedure_id);
		cell_list(sh, w, 7, &g->office_ids);
		cell(sh, w, 8, g->online.url);
		cell(sh, w, 9, g->online.depth);
		if (g->promise_days)
			cell_int(sh, w, 10, g->promise_days);
		cell_int(sh, w, 11, g->promise_visits);
		cell_list(sh, w, 12, &g->synonyms);
		cell(sh, w, 13, model_disclosure_name(g->it.disclosure));
		cell(sh, w, 14, g->it.updated);
		cell(sh, w, 15, g->it.body);
		extra_cells(sh, w, NCOL(guide_cols), &x, g->it.extra);
	}
	sheet_end(sh);
	free(x.key);
}

static const struct col matter_cols[] = {
	C(KIND_MATTER, "id"), C(KIND_MATTER, "code"),
	C(KIND_MATTER, "title"), CL(KIND_MATTER, "type", l_type),
	C(KIND_MATTER, "department"), C(KIND_MATTER, "basis"),
	C(KIND_MATTER, "audience"), C(KIND_MATTER, "conditions"),
	C(KIND_MATTER, "procedure"),
	CS(KIND_MATTER, "time_limit", KIND_TIMELIMIT, "legal"),
	CS(KIND_MATTER, "time_limit", KIND_TIMELIMIT, "promised"),
	CL(KIND_MATTER, "kind", l_kind), C(KIND_MATTER, "offices"),
	CS(KIND_MATTER, "online", KIND_ONLINE, "url"),
	CS(KIND_MATTER, "online", KIND_ONLINE, "depth"),
	C(KIND_MATTER, "visits"),
	CS(KIND_MATTER, "result", KIND_RESULT, "name"),
	CS(KIND_MATTER, "result", KIND_RESULT, "delivery"),
	CL(KIND_MATTER, "scope", l_scope), C(KIND_MATTER, "consult"),
	C(KIND_MATTER, "complaint"), CL(KIND_MATTER, "disclosure", l_disc),
	C(KIND_MATTER, "updated"), CX("正文"),
};

static const struct col material_cols[] = {
	CX("事项编号"), C(KIND_MATERIAL, "name"), C(KIND_MATERIAL, "source"),
	CL(KIND_MATERIAL, "form", l_form),
	CL(KIND_MATERIAL, "medium", l_medium), C(KIND_MATERIAL, "copies"),
	C(KIND_MATERIAL, "required"), CL(KIND_MATERIAL, "shared", l_yesno),
	C(KIND_MATERIAL, "template"), C(KIND_MATERIAL, "note"),
};

static const struct col fee_cols[] = {
	CX("事项编号"), C(KIND_FEE, "item"), C(KIND_FEE, "amount"),
	C(KIND_FEE, "basis"),
};

static const struct col step_cols[] = {
	CX("流程编号"), CX("事项编号"), C(KIND_STEP, "id"),
	C(KIND_STEP, "name"), C(KIND_STEP, "actor"), C(KIND_STEP, "where"),
	C(KIND_STEP, "time"), C(KIND_STEP, "next"),
};

static void
step_rows(struct sheet *sh, struct wb *w, const char *proc,
    const char *matter, const struct procedure *p)
{
	for (size_t i = 0; i < p->nsteps; i++, sh->row++) {
		const struct step *s = &p->steps[i];

		cell(sh, w, 0, proc);
		cell(sh, w, 1, matter);
		cell(sh, w, 2, s->id);
		cell(sh, w, 3, s->name);
		cell(sh, w, 4, s->actor);
		cell(sh, w, 5, s->where);
		cell(sh, w, 6, s->time);
		cell_list(sh, w, 7, &s->next);
	}
}

static void
s_matters(struct wb *w, const struct edition *ed)
{
	struct xcols x = { NULL, 0 };
	struct sheet *sh, *ms, *fs;
	size_t n = w->all ? ed->nall_matters : ed->nmatters;

	for (size_t i = 0; i < n; i++)
		xcols_add(&x, (w->all ? ed->all_matters[i] :
		    ed->matters[i])->it.extra);
	sh = sheet_new_x(w, "事项", matter_cols, NCOL(matter_cols), &x);
	ms = sheet_new(w, "申请材料", material_cols, NCOL(material_cols));
	fs = sheet_new(w, "收费", fee_cols, NCOL(fee_cols));

	for (size_t i = 0; i < n; i++, sh->row++) {
		const struct matter *m = w->all ? ed->all_matters[i] :
		    ed->matters[i];

		cell(sh, w, 0, m->it.id);
		cell(sh, w, 1, m->code);
		cell(sh, w, 2, m->title);
		cell(sh, w, 3, m->type);
		cell(sh, w, 4, m->department);
		cell_list(sh, w, 5, &m->basis);
		cell_list(sh, w, 6, &m->audience);
		cell_list(sh, w, 7, &m->conditions);
		cell(sh, w, 8, m->procedure_id);
		cell_int(sh, w, 9, m->legal_days);
		cell_int(sh, w, 10, m->promised_days);
		cell(sh, w, 11, m->kind);
		cell_list(sh, w, 12, &m->office_ids);
		cell(sh, w, 13, m->online.url);
		cell(sh, w, 14, m->online.depth);
		cell_int(sh, w, 15, m->visits);
		cell(sh, w, 16, m->result_name);
		cell_list(sh, w, 17, &m->delivery);
		cell(sh, w, 18, m->scope);
		cell(sh, w, 19, m->consult);
		cell(sh, w, 20, m->complaint);
		cell(sh, w, 21, model_disclosure_name(m->it.disclosure));
		cell(sh, w, 22, m->it.updated);
		cell(sh, w, 23, m->it.body);
		extra_cells(sh, w, NCOL(matter_cols), &x, m->it.extra);
		for (size_t j = 0; j < m->nmaterials; j++, ms->row++) {
			const struct material *a = &m->materials[j];

			cell(ms, w, 0, m->it.id);
			cell(ms, w, 1, a->name);
			cell(ms, w, 2, a->source);
			cell(ms, w, 3, a->form);
			cell(ms, w, 4, a->medium);
			if (a->copies)
				cell_int(ms, w, 5, a->copies);
			cell(ms, w, 6, a->condition != NULL ? a->condition :
			    a->required ? "必要" : "非必要");
			cell(ms, w, 7, a->shared ? "是" : "否");
			cell(ms, w, 8, a->template);
			cell(ms, w, 9, a->note);
		}
		if (m->free_of_charge) {
			cell(fs, w, 0, m->it.id);
			cell(fs, w, 1, "不收费");
			fs->row++;
		}
		for (size_t j = 0; j < m->nfees; j++, fs->row++) {
			cell(fs, w, 0, m->it.id);
			cell(fs, w, 1, m->fees[j].item);
			cell(fs, w, 2, m->fees[j].amount);
			cell(fs, w, 3, m->fees[j].basis);
		}
	}
	sheet_end(sh);
	sheet_end(ms);
	sheet_end(fs);
	free(x.key);
}

static const struct col proc_cols[] = {
	C(KIND_PROCEDURE, "id"), C(KIND_PROCEDURE, "title"),
	C(KIND_PROCEDURE, "updated"), CX("正文"),
};

static const struct col office_cols[] = {
	C(KIND_OFFICE, "id"), C(KIND_OFFICE, "name"),
	C(KIND_OFFICE, "district"), C(KIND_OFFICE, "address"),
	C(KIND_OFFICE, "phone"), C(KIND_OFFICE, "transit"),
	C(KIND_OFFICE, "accessibility"), C(KIND_OFFICE, "self_service"),
	C(KIND_OFFICE, "geo"), C(KIND_OFFICE, "updated"), CX("正文"),
};

static const struct col hours_cols[] = {
	CX("办理地点编号"), C(KIND_HOURS, "days"), C(KIND_HOURS, "open"),
	C(KIND_HOURS, "close"), CX("说明"),
};

static const struct col window_cols[] = {
	CX("办理地点编号"), C(KIND_WINDOW, "no"), C(KIND_WINDOW, "serves"),
};

static void
s_offices(struct wb *w, const struct edition *ed)
{
	struct xcols x = { NULL, 0 };
	struct sheet *sh, *hs, *ws;
	size_t n = w->all ? ed->nall_offices : ed->noffices;

	for (size_t i = 0; i < n; i++)
		xcols_add(&x, (w->all ? ed->all_offices[i] :
		    ed->offices[i])->it.extra);
	sh = sheet_new_x(w, "办理地点", office_cols, NCOL(office_cols), &x);
	hs = sheet_new(w, "办理时间", hours_cols, NCOL(hours_cols));
	ws = sheet_new(w, "窗口", window_cols, NCOL(window_cols));

	for (size_t i = 0; i < n; i++, sh->row++) {
		const struct office *o = w->all ? ed->all_offices[i] :
		    ed->offices[i];

		cell(sh, w, 0, o->it.id);
		cell(sh, w, 1, o->name);
		cell(sh, w, 2, o->district);
		cell(sh, w, 3, o->address);
		cell(sh, w, 4, o->phone);
		cell(sh, w, 5, o->transit);
		cell_list(sh, w, 6, &o->accessibility);
		cell(sh, w, 7, o->self_service);
		if (o->has_geo) {
			char b[64];

			snprintf(b, sizeof(b), "%.6f, %.6f", o->geo[0],
			    o->geo[1]);
			cell(sh, w, 8, b);
		}
		cell(sh, w, 9, o->it.updated);
		cell(sh, w, 10, o->it.body);
		extra_cells(sh, w, NCOL(office_cols), &x, o->it.extra);
		for (size_t j = 0; j < o->nhours; j++, hs->row++) {
			cell(hs, w, 0, o->it.id);
			cell(hs, w, 1, o->hours[j].days);
			cell(hs, w, 2, o->hours[j].open);
			cell(hs, w, 3, o->hours[j].close);
			cell(hs, w, 4, o->hours[j].text);
		}
		for (size_t j = 0; j < o->nwindows; j++, ws->row++) {
			cell(ws, w, 0, o->it.id);
			cell(ws, w, 1, o->windows[j].no);
			cell(ws, w, 2, o->windows[j].serves);
		}
	}
	sheet_end(sh);
	sheet_end(hs);
	sheet_end(ws);
	free(x.key);
}

/* The header row's and the wrapped cells' formats. */
static void
wb_formats(struct wb *w)
{
	w->head = workbook_add_format(w->wb);
	format_set_bold(w->head);
	format_set_bg_color(w->head, 0xDDEBF7);
	format_set_border(w->head, LXW_BORDER_THIN);
	w->wrap = workbook_add_format(w->wb);
	format_set_text_wrap(w->wrap);
	format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
}

static int
write_book(const char *path, const struct edition *ed, int all)
{
	struct wb w;
	struct sheet *ps, *ss;
	struct xcols x = { NULL, 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_doc_properties props;
	lxw_error err;
	size_t n;

	memset(&w, 0, sizeof(w));
	w.all = all;
	if ((w.wb = workbook_new_opt(path, &opt)) == NULL) {
		diag_io(path, "无法创建工作簿");
		return -1;
	}
	/* A fixed creation date: same sources, same bytes. */
	memset(&props, 0, sizeof(props));
	props.title = ed->title;
	props.author = ed->issuer;
	props.created = 0;
	{
		struct tm tm;
		int y = 2000, mo = 1, d = 1;

		memset(&tm, 0, sizeof(tm));
		if (ed->date != NULL)
			is_iso_date(ed->date, &y, &mo, &d);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		props.created = timegm(&tm);
	}
	workbook_set_properties(w.wb, &props);
	wb_formats(&w);

	s_edition(&w, ed);
	s_guides(&w, ed);
	s_matters(&w, ed);
	n = all ? ed->nall_procedures : ed->nprocedures;
	for (size_t i = 0; i < n; i++)
		xcols_add(&x, (all ? ed->all_procedures[i] :
		    ed->procedures[i])->it.extra);
	ps = sheet_new_x(&w, "流程", proc_cols, NCOL(proc_cols), &x);
	ss = sheet_new(&w, "流程步骤", step_cols, NCOL(step_cols));
	for (size_t i = 0; i < n; i++, ps->row++) {
		const struct procedure *p = all ? ed->all_procedures[i] :
		    ed->procedures[i];

		cell(ps, &w, 0, p->it.id);
		cell(ps, &w, 1, p->title);
		cell(ps, &w, 2, p->it.updated);
		cell(ps, &w, 3, p->it.body);
		extra_cells(ps, &w, NCOL(proc_cols), &x, p->it.extra);
		step_rows(ss, &w, p->it.id, NULL, p);
	}
	/* The matters' inline steps, after the procedures' */
	n = all ? ed->nall_matters : ed->nmatters;
	for (size_t i = 0; i < n; i++) {
		const struct matter *m = all ? ed->all_matters[i] :
		    ed->matters[i];

		if (m->inline_proc != NULL)
			step_rows(ss, &w, NULL, m->it.id, m->inline_proc);
	}
	sheet_end(ps);
	sheet_end(ss);
	free(x.key);
	s_offices(&w, ed);
	if ((err = workbook_close(w.wb)) != LXW_NO_ERROR) {
		/* the file could not be made: errno says why (libxlsxwriter
		 * has printed it in English) */
		diag_io(path, "写工作簿失败：%s",
		    err == LXW_ERROR_CREATING_XLSX_FILE && errno != 0 ?
		    zh_strerror(errno) : lxw_strerror(err));
		return -1;
	}
	return 0;
}

int
out_xlsx(const struct out_ctx *ctx)
{
	char *path = xasprintf("%s/%s.xlsx", ctx->dir, ctx->ed->id);
	int rc = write_book(path, ctx->ed, 0);

	free(path);
	return rc;
}

int
xlsx_tables(FILE *out, const struct xlsx_table *t, size_t n)
{
	char tmpl[] = "/tmp/ybt-report-XXXXXX";
	int fd = mkstemp(tmpl), rc = 0;
	struct wb w;
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_doc_properties props;
	char *data;
	size_t len;

	if (fd == -1) {
		fprintf(stderr, "ybt: 无法创建临时文件\n");
		return -1;
	}
	close(fd);
	memset(&w, 0, sizeof(w));
	if ((w.wb = workbook_new_opt(tmpl, &opt)) == NULL) {
		unlink(tmpl);
		return -1;
	}
	/* no clock in the output: same report, same bytes */
	memset(&props, 0, sizeof(props));
	props.created = 946684800;
	workbook_set_properties(w.wb, &props);
	wb_formats(&w);
	for (size_t i = 0; i < n; i++) {
		struct col cols[MAXCOL];
		struct sheet *sh;
		int nc = t[i].ncols < MAXCOL ? t[i].ncols : MAXCOL;

		for (int c = 0; c < nc; c++) {
			memset(&cols[c], 0, sizeof(cols[c]));
			cols[c].k = KIND__MAX;
			cols[c].sub = KIND__MAX;
			cols[c].en = t[i].head[c];
		}
		sh = sheet_new(&w, t[i].name, cols, nc);
		for (size_t r = 0; r < t[i].nrows; r++, sh->row++)
			for (int c = 0; c < nc; c++) {
				const char *v = t[i].cells[r * (size_t)
				    t[i].ncols + (size_t)c];

				if (v != NULL && t[i].numeric[c])
					worksheet_write_number(sh->ws, sh->row,
					    (lxw_col_t)c, strtod(v, NULL), NULL);
				else
					cell(sh, &w, c, v);
			}
		sheet_end(sh);
	}
	if (workbook_close(w.wb) != LXW_NO_ERROR ||
	    file_read(tmpl, &data, &len, 0) == -1) {
		fprintf(stderr, "ybt: 写工作簿失败\n");
		unlink(tmpl);
		return -1;
	}
	if (fwrite(data, 1, len, out) != len)
		rc = -1;
	free(data);
	unlink(tmpl);
	return rc;
}

int
xlsx_export(const struct edition *ed, const char *path)
{
	size_t hidden = 0;

	for (size_t i = 0; i < ed->nall_matters; i++)
		hidden += ed->all_matters[i]->it.disclosure != DISC_PUBLIC;
	for (size_t i = 0; i < ed->nall_guides; i++)
		hidden += ed->all_guides[i]->it.disclosure != DISC_PUBLIC;
	if (write_book(path, ed, 1) != 0)
		return -1;
	fprintf(stderr, "ybt: %s 含全部事项（其中 %zu 项非主动公开），"
	    "仅供内部核对，不得公开发布\n", path, hidden);
	return 0;
}
