/*
 * report_diff.c — `ybt diff OLD NEW`: what was added, removed and
 * changed between two editions, element by element (one changed
 * material, not the whole list twice), and the guides whose merged
 * checklist or reductions change with them. Reads the published
 * arrays and each item's front matter; for the editors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "source.h"
#include "keys.h"
#include "model.h"
#include "present.h"
#include "report.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
nz(const char *s)
{
	return s ? s : "-";
}

static void
ynode_text(const struct ynode *n, struct buf *b)
{
	if (n == NULL)
		return;
	switch (n->type) {
	case YN_SCALAR:
		buf_puts(b, n->str);
		break;
	case YN_SEQ:
		buf_putc(b, '[');
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				buf_puts(b, ", ");
			ynode_text(n->kids[i], b);
		}
		buf_putc(b, ']');
		break;
	case YN_MAP:
		buf_putc(b, '{');
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			if (i)
				buf_puts(b, ", ");
			ynode_text(n->kids[i], b);
			buf_puts(b, ": ");
			ynode_text(n->kids[i + 1], b);
		}
		buf_putc(b, '}');
		break;
	}
}

static const struct ynode *
front_value(const struct item *it, const struct keydef *k)
{
	const struct ynode *v;

	if (it->front == NULL)
		return NULL;
	if ((v = ynode_get(it->front, k->en)) == NULL)
		v = ynode_get(it->front, k->zh);
	return v;
}

/*
 * One item's changes: only the fields that changed, down to the
 * element (one changed material, not the whole list twice). Lists of
 * mappings are matched by their name (名称, 编号, 收费项目, 窗口号 or
 * days); lists of words by their words.
 */
struct diffctx {
	FILE		*f;
	const char	*kindzh;
	const char	*title;
	const char	*id;
	size_t		 changes;
};

static void
diff_head(struct diffctx *d)
{
	if (d->changes++ == 0)
		fprintf(d->f, "~ %s %s（%s）\n", d->kindzh, d->title, d->id);
}

static void
diff_say(struct diffctx *d, const char *path, const char *what,
    const struct ynode *v)
{
	struct buf x;

	buf_init(&x);
	ynode_text(v, &x);
	diff_head(d);
	fprintf(d->f, "    %s: %s %s\n", path, what, x.data ? x.data : "");
	buf_free(&x);
}

static const char *
seq_ident(const struct ynode *n)
{
	static const char *const keys[] = { "name", "名称", "id", "编号",
	    "item", "收费项目", "no", "窗口号", "days", "日期" };
	const struct ynode *v;

	if (n == NULL || n->type != YN_MAP)
		return n != NULL && n->type == YN_SCALAR ? n->str : NULL;
	for (size_t i = 0; i < NELEM(keys); i++)
		if ((v = ynode_get(n, keys[i])) != NULL && v->type == YN_SCALAR)
			return v->str;
	return NULL;
}

/* Every element has an identity, and no two the same. */
static int
seq_idents(const struct ynode *n)
{
	for (size_t i = 0; i < n->n; i++) {
		const char *id = seq_ident(n->kids[i]);

		if (id == NULL)
			return 0;
		for (size_t j = 0; j < i; j++)
			if (str_eq(id, seq_ident(n->kids[j])))
				return 0;
	}
	return 1;
}

static const struct ynode *
seq_find(const struct ynode *n, const char *id)
{
	for (size_t i = 0; i < n->n; i++)
		if (str_eq(seq_ident(n->kids[i]), id))
			return n->kids[i];
	return NULL;
}

static void
diff_node(struct diffctx *d, const char *path, const struct ynode *a,
    const struct ynode *b)
{
	struct buf x, y;

	if (a != NULL && b != NULL && a->type == YN_MAP && b->type == YN_MAP) {
		for (size_t i = 0; i + 1 < a->n; i += 2) {
			char *p = xasprintf("%s.%s", path, a->kids[i]->str);

			diff_node(d, p, a->kids[i + 1],
			    ynode_get(b, a->kids[i]->str));
			free(p);
		}
		for (size_t i = 0; i + 1 < b->n; i += 2)
			if (ynode_get(a, b->kids[i]->str) == NULL) {
				char *p = xasprintf("%s.%s", path,
				    b->kids[i]->str);

				diff_node(d, p, NULL, b->kids[i + 1]);
				free(p);
			}
		return;
	}
	if (a != NULL && b != NULL && a->type == YN_SEQ && b->type == YN_SEQ &&
	    seq_idents(a) && seq_idents(b)) {
		size_t before = d->changes;

		for (size_t i = 0; i < a->n; i++) {
			const char *id = seq_ident(a->kids[i]);
			const struct ynode *o = seq_find(b, id);

			if (o == NULL)
				diff_say(d, path, "删除", a->kids[i]);
			else if (a->kids[i]->type == YN_MAP) {
				char *p = xasprintf("%s「%s」", path, id);

				diff_node(d, p, a->kids[i], o);
				free(p);
			}
		}
		for (size_t i = 0; i < b->n; i++)
			if (seq_find(a, seq_ident(b->kids[i])) == NULL)
				diff_say(d, path, "新增", b->kids[i]);
		if (d->changes > before)
			return;
		/* The same elements: the order may still differ. */
	}
	buf_init(&x);
	buf_init(&y);
	ynode_text(a, &x);
	ynode_text(b, &y);
	if (!str_eq(x.data ? x.data : "", y.data ? y.data : "")) {
		diff_head(d);
		fprintf(d->f, "    %s: %s\n      → %s\n", path,
		    x.data ? x.data : "（无）", y.data ? y.data : "（无）");
	}
	buf_free(&x);
	buf_free(&y);
}

static size_t
diff_item(FILE *f, enum kind k, const struct item *a, const struct item *b)
{
	size_t nk;
	const struct keydef *t = keys_table(k, &nk);
	struct diffctx d = { f, model_kind_zh(k), report_item_title(b), b->id, 0 };

	for (size_t i = 0; i < nk; i++) {
		char *path = xasprintf("%s（%s）", t[i].en, t[i].zh);

		diff_node(&d, path, front_value(a, &t[i]), front_value(b, &t[i]));
		free(path);
	}
	if (!str_eq(a->body, b->body)) {
		diff_head(&d);
		fprintf(f, "    正文已修改\n");
	}
	return d.changes ? 1 : 0;
}

static const struct item *
find_item(const struct edition *ed, enum kind k, const char *id)
{
	const void *p;

	switch (k) {
	case KIND_GUIDE: p = model_guide(ed, id); break;
	case KIND_MATTER: p = model_matter(ed, id); break;
	case KIND_PROCEDURE: p = model_procedure(ed, id); break;
	default: p = model_office(ed, id); break;
	}
	return p;
}

static void
checkline_text(struct buf *b, const struct checkline *c)
{
	buf_printf(b, "%s（%s %d 份%s）", c->name, nz(c->form),
	    c->copies > 0 ? c->copies : 1, c->shared ? "，免提交" :
	    c->nshared_by ? "，部分事项共享" : "");
}

static const struct checkline *
checkline_find(const struct guide *g, const char *key)
{
	for (size_t i = 0; i < g->nchecklist; i++)
		if (str_eq(g->checklist[i].key, key))
			return &g->checklist[i];
	return NULL;
}

/*
 * A guide whose merged checklist or reductions change, said line by
 * line: a matter's change reaches every guide that has it.
 */
static int
diff_guide_lists(FILE *f, const struct guide *a, const struct guide *b)
{
	const struct reductions *ra = &a->red, *rb = &b->red;
	struct buf x, y;
	int n = 0;

	buf_init(&x);
	buf_init(&y);
	for (size_t i = 0; i < a->nchecklist; i++) {
		const struct checkline *o = checkline_find(b, a->checklist[i].key);

		x.len = y.len = 0;
		checkline_text(&x, &a->checklist[i]);
		if (o != NULL)
			checkline_text(&y, o);
		if (o != NULL && str_eq(x.data, y.data))
			continue;
		if (n++ == 0)
			fprintf(f, "~ 一件事 %s（%s）\n", b->title ? b->title :
			    b->it.id, b->it.id);
		if (o == NULL)
			fprintf(f, "    一套材料: 删除 %s\n", x.data);
		else
			fprintf(f, "    一套材料: %s\n      → %s\n", x.data, y.data);
	}
	for (size_t i = 0; i < b->nchecklist; i++)
		if (checkline_find(a, b->checklist[i].key) == NULL) {
			y.len = 0;
			checkline_text(&y, &b->checklist[i]);
			if (n++ == 0)
				fprintf(f, "~ 一件事 %s（%s）\n", b->title ?
				    b->title : b->it.id, b->it.id);
			fprintf(f, "    一套材料: 新增 %s\n", y.data);
		}
	if (memcmp(ra, rb, sizeof(*ra)) != 0) {
		if (n++ == 0)
			fprintf(f, "~ 一件事 %s（%s）\n", b->title ? b->title :
			    b->it.id, b->it.id);
		x.len = y.len = 0;
		present_red_sentence(&x, ra);
		present_red_sentence(&y, rb);
		fprintf(f, "    %s: %s\n      → %s\n", PRESENT_REDUCTIONS,
		    x.data, y.data);
	}
	buf_free(&x);
	buf_free(&y);
	return n > 0;
}

int
report_diff(FILE *f, const struct edition *a, const struct edition *b)
{
	static const enum kind kinds[] = { KIND_GUIDE, KIND_MATTER,
	    KIND_PROCEDURE, KIND_OFFICE };
	size_t added = 0, removed = 0, changed = 0, affected = 0;
	char *guide_changed;

	fprintf(f, "--- %s（%s，%s）\n+++ %s（%s，%s）\n", a->dir, nz(a->date),
	    nz(a->version), b->dir, nz(b->date), nz(b->version));
	guide_changed = xcalloc(b->nguides + 1, 1);
	for (size_t ki = 0; ki < NELEM(kinds); ki++) {
		const struct item **ia, **ib;
		size_t na, nb, i = 0, j = 0;

		switch (kinds[ki]) {
		case KIND_GUIDE:
			ia = (const struct item **)a->guides; na = a->nguides;
			ib = (const struct item **)b->guides; nb = b->nguides;
			break;
		case KIND_MATTER:
			ia = (const struct item **)a->matters; na = a->nmatters;
			ib = (const struct item **)b->matters; nb = b->nmatters;
			break;
		case KIND_PROCEDURE:
			ia = (const struct item **)a->procedures;
			na = a->nprocedures;
			ib = (const struct item **)b->procedures;
			nb = b->nprocedures;
			break;
		default:
			ia = (const struct item **)a->offices; na = a->noffices;
			ib = (const struct item **)b->offices; nb = b->noffices;
			break;
		}
		/* By id through the model's lookups: linear, any order. */
		for (i = 0; i < nb; i++) {
			const struct item *o = find_item(a, kinds[ki],
			    ib[i]->id);

			if (o == NULL) {
				fprintf(f, "+ %s %s（%s）\n",
				    model_kind_zh(kinds[ki]), report_item_title(ib[i]),
				    ib[i]->id);
				added++;
			} else if (diff_item(f, kinds[ki], o, ib[i])) {
				changed++;
				if (kinds[ki] == KIND_GUIDE)
					guide_changed[i] = 1;
			}
		}
		for (j = 0; j < na; j++)
			if (find_item(b, kinds[ki], ia[j]->id) == NULL) {
				fprintf(f, "- %s %s（%s）\n",
				    model_kind_zh(kinds[ki]), report_item_title(ia[j]),
				    ia[j]->id);
				removed++;
			}
	}
	/* Guides whose merged checklist or reductions change: with a
	 * matter they have, or by their own change. */
	for (size_t i = 0; i < b->nguides; i++) {
		const struct guide *o = model_guide(a, b->guides[i]->it.id);
		FILE *mem;
		char *text = NULL;
		size_t len = 0;

		if (o == NULL)
			continue;
		if ((mem = open_memstream(&text, &len)) == NULL)
			break;
		if (diff_guide_lists(mem, o, b->guides[i])) {
			fclose(mem);
			if (affected++ == 0)
				fprintf(f, "一套材料或%s有变化的一件事（随所含事项"
				    "变化的也要重新发布）：\n", PRESENT_REDUCTIONS);
			fputs(text, f);
		} else
			fclose(mem);
		free(text);
	}
	free(guide_changed);
	fprintf(f, "新增 %zu，删除 %zu，修改 %zu", added, removed, changed);
	if (affected)
		fprintf(f, "，一套材料或%s有变化的一件事 %zu",
		    PRESENT_REDUCTIONS, affected);
	/* The republication rule is about one edition's two states. */
	if (str_eq(a->id, b->id))
		fprintf(f, "（应在 20 个工作日内重新发布）");
	fputc('\n', f);
	return 0;
}

