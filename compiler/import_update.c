/*
 * import_update.c — `ybt import` into an existing edition: merge the
 * text import.c makes of a workbook row into the item file that is
 * already there. Only the keys the workbook holds (import.h's struct
 * held) are compared; a key whose value is the same (whatever its
 * spelling, quoting or flow/block style) keeps its lines byte for byte,
 * a changed one gets new lines in place (the key spelt as the file
 * spells it), a new one goes after the key before it in keys.c's order,
 * one the workbook empties is removed. Entries of lists (材料, 收费,
 * 步骤, 办公时间, 窗口) are matched by name and keep the fields the
 * sheet has no column for. Comments and blank lines between keys stay;
 * a comment on its own line inside a changed key's lines goes before the
 * new line of the node it stood before (keep_comments); a comment at
 * the end of a changed line is lost with it.
 * Also the folder side of the import: the item files there are, the
 * base editions', and the changes applied to a copy of the folder that
 * then takes its place in one step.
 */
#define _GNU_SOURCE	/* renameat2: the folder swapped in one step */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "keys.h"
#include "source.h"
#include "import.h"

void
held_add(struct held *h, const char *s)
{
	if (held_has(h, s))
		return;
	h->v = xreallocarray(h->v, h->n + 2, sizeof(*h->v));
	h->v[h->n++] = xstrdup(s);
	h->v[h->n] = NULL;
}

int
held_has(const struct held *h, const char *s)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i], s) == 0)
			return 1;
	return 0;
}

void
held_free(struct held *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

struct mctx {
	const struct held	*held;
	const char		*hotline;
	struct ynode		**alloc;	/* merged nodes, freed at the end */
	size_t			  nalloc;
};

/* The kind of the entries or sub-mapping under top-level key en. */
static enum kind
subkind(const char *en)
{
	static const struct { const char *en; enum kind k; } t[] = {
		{ "materials", KIND_MATERIAL }, { "fee", KIND_FEE },
		{ "steps", KIND_STEP }, { "procedure", KIND_STEP },
		{ "hours", KIND_HOURS }, { "windows", KIND_WINDOW },
		{ "time_limit", KIND_TIMELIMIT }, { "online", KIND_ONLINE },
		{ "result", KIND_RESULT }, { "promise", KIND_PROMISE },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].en, en) == 0)
			return t[i].k;
	return KIND__MAX;
}

/* The canonical (English) name of key s of kind k, or s. */
static const char *
canon(enum kind k, const char *s)
{
	size_t n;
	const struct keydef *t;
	int i;

	if (k == KIND__MAX || (i = keys_find(k, s)) < 0)
		return s;
	t = keys_table(k, &n);
	return t[i].en;
}

static const struct ynode *
mget(enum kind k, const struct ynode *m, const char *en, const char **kname)
{
	if (m == NULL || m->type != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (strcmp(canon(k, m->kids[i]->str), en) == 0) {
			if (kname)
				*kname = m->kids[i]->str;
			return m->kids[i + 1];
		}
	return NULL;
}

/* A value the model assumes when the key is absent (idx: the entry's
 * place in its list: a matter's inline steps are s1, s2 … in order). */
static int
is_default(const struct mctx *c, const char *path, const struct ynode *v,
    size_t idx)
{
	char sn[32];

	if (strcmp(path, "procedure.id") == 0 && v != NULL &&
	    v->type == YN_SCALAR) {
		snprintf(sn, sizeof(sn), "s%zu", idx + 1);
		return strcmp(v->str, sn) == 0;
	}
	if (strcmp(path, "procedure.next") == 0 && v != NULL &&
	    v->type == YN_SEQ && v->n == 1 && v->kids[0]->type == YN_SCALAR) {
		snprintf(sn, sizeof(sn), "s%zu", idx + 2);
		return strcmp(v->kids[0]->str, sn) == 0;
	}
	static const char *const d[][2] = {
		{ "stale_after", "365" }, { "theme", "default" },
		{ "materials.shared", "false" },
		{ "materials.required", "true" },
		{ "time_limit.unit", "工作日" },
	};

	if (v == NULL || v->type != YN_SCALAR)
		return v != NULL && v->n == 0;
	if (v->str[0] == '\0')
		return 1;
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		if (strcmp(path, d[i][0]) == 0 && strcmp(v->str, d[i][1]) == 0)
			return 1;
	if ((strcmp(path, "consult") == 0 || strcmp(path, "complaint") ==
	    0) && c->hotline != NULL && strcmp(v->str, c->hotline) == 0)
		return 1;
	return 0;
}

/* Plain equality: scalars by text, maps by canonical key (kind k). */
static int
yeq(enum kind k, const struct ynode *a, const struct ynode *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	/* text, or a list of that one text */
	if (a->type == YN_SCALAR && b->type == YN_SEQ && b->n == 1)
		return yeq(k, a, b->kids[0]);
	if (b->type == YN_SCALAR && a->type == YN_SEQ && a->n == 1)
		return yeq(k, a->kids[0], b);
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case YN_SCALAR:
		if (strchr(a->str, '.') != NULL && strchr(b->str, '.') != NULL) {
			char *ea, *eb;
			double x = strtod(a->str, &ea), y = strtod(b->str, &eb);

			if (*ea == '\0' && *eb == '\0' && ea != a->str &&
			    eb != b->str)
				return x - y < 1e-9 && y - x < 1e-9;
		}
		return strcmp(a->str, b->str) == 0;
	case YN_SEQ:
		if (a->n != b->n)
			return 0;
		for (size_t i = 0; i < a->n; i++)
			if (!yeq(k, a->kids[i], b->kids[i]))
				return 0;
		return 1;
	case YN_MAP:
		if (a->n != b->n)
			return 0;
		for (size_t i = 0; i + 1 < a->n; i += 2)
			if (!yeq(KIND__MAX, a->kids[i + 1], mget(k, b,
			    canon(k, a->kids[i]->str), NULL)))
				return 0;
		return 1;
	}
	return 0;
}

/* The value that names an entry of a list of kind k. */
static const char *
entry_name(enum kind k, const struct ynode *e)
{
	const struct ynode *v = NULL;

	if (e->type == YN_SCALAR)
		return e->str;
	switch (k) {
	case KIND_MATERIAL: v = mget(k, e, "name", NULL); break;
	case KIND_FEE: v = mget(k, e, "item", NULL); break;
	case KIND_STEP:
		if ((v = mget(k, e, "id", NULL)) == NULL)
			v = mget(k, e, "name", NULL);
		break;
	case KIND_HOURS: v = mget(k, e, "days", NULL); break;
	case KIND_WINDOW: v = mget(k, e, "no", NULL); break;
	default: break;
	}
	return v != NULL && v->type == YN_SCALAR ? v->str : NULL;
}

/* The entry of old matching new entry e (by name, once each). */
static const struct ynode *
match(enum kind k, const struct ynode *old, const struct ynode *e,
    char *used)
{
	const char *name = entry_name(k, e);

	if (old == NULL || old->type != YN_SEQ || name == NULL)
		return NULL;
	for (size_t i = 0; i < old->n; i++) {
		const struct ynode *o = old->kids[i];
		int same = str_eq(entry_name(k, o), name);

		/* steps: by id where both have one, else by name */
		if (!same && k == KIND_STEP && e->type == YN_MAP &&
		    (mget(k, o, "id", NULL) == NULL ||
		    mget(k, e, "id", NULL) == NULL)) {
			const struct ynode *a = mget(k, o, "name", NULL);
			const struct ynode *b = mget(k, e, "name", NULL);

			same = a != NULL && b != NULL && yeq(k, a, b);
		}
		if (!used[i] && same) {
			used[i] = 1;
			return o;
		}
	}
	return NULL;
}

/*
 * Is the merge of new into old (prefix: the top-level key) equal to
 * old? Maps keep the keys the sheet does not hold.
 */
static int
meq_map(const struct mctx *c, enum kind k, const char *prefix,
    const struct ynode *o, const struct ynode *n, size_t idx)
{
	char p[256];

	if (o == NULL || n == NULL || o->type != YN_MAP || n->type != YN_MAP)
		return 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const char *en = canon(k, n->kids[i]->str);
		const struct ynode *ov = mget(k, o, en, NULL);

		snprintf(p, sizeof(p), "%s.%s", prefix, en);
		if (ov == NULL && is_default(c, p, n->kids[i + 1], idx))
			continue;
		if (!yeq(KIND__MAX, ov, n->kids[i + 1]))
			return 0;
	}
	for (size_t i = 0; i + 1 < o->n; i += 2) {
		const char *en = canon(k, o->kids[i]->str);

		snprintf(p, sizeof(p), "%s.%s", prefix, en);
		if (held_has(c->held, p) && mget(k, n, en, NULL) == NULL &&
		    !is_default(c, p, o->kids[i + 1], idx))
			return 0;
	}
	return 1;
}

static int
meq(const struct mctx *c, const char *en, const struct ynode *o,
    const struct ynode *n)
{
	enum kind k = strcmp(en, "extra") == 0 ? KIND__MAX : subkind(en);

	if (o == NULL || n == NULL)
		return 0;
	if (o->type != n->type)
		return yeq(k, o, n);
	if (n->type == YN_MAP)
		return meq_map(c, k, en, o, n, 0);
	if (n->type == YN_SEQ && k != KIND__MAX) {
		char *used = xcalloc(o->n + 1, 1);
		int eq = o->n == n->n;

		for (size_t i = 0; eq && i < n->n; i++) {
			const struct ynode *m = match(k, o, n->kids[i], used);

			if (n->kids[i]->type == YN_MAP)
				eq = m == o->kids[i] &&
				    meq_map(c, k, en, m, n->kids[i], i);
			else
				eq = yeq(k, o->kids[i], n->kids[i]);
		}
		free(used);
		return eq;
	}
	return yeq(k, o, n);
}

/* Can s be written without quotes and read back as the same text? */
static int
plain_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) != NULL ||
	    s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	for (; *s; s++)
		if (*s == '\n' || *s == '\t' || (s[0] == ':' && s[1] == ' ') ||
		    (s[0] == ' ' && s[1] == '#'))
			return 0;
	return 1;
}

/* Text a YAML reader might take for a number, a boolean, null, a
 * date or a time: kept in quotes when it was quoted. */
static int
looks_typed(const char *s)
{
	static const char *const w[] = { "true", "false", "yes", "no", "on",
	    "off", "null", "~", "y", "n", NULL };

	for (int i = 0; w[i]; i++)
		if (strcasecmp(s, w[i]) == 0)
			return 1;
	if (strchr(s, ':') != NULL)
		return 1;
	for (; *s; s++)
		if (!strchr("0123456789.-+_eE", *s))
			return 0;
	return 1;
}

static void
scalar(struct buf *b, const struct ynode *v, int inflow)
{
	const char *s = v->str;

	if (plain_ok(s) && !(inflow && strpbrk(s, ",[]{}")) &&
	    (!v->quoted || !looks_typed(s)))
		buf_puts(b, s);
	else
		buf_yaml_quoted(b, s);
}

/*
 * Where value() wrote each node: the line of the key's new text (0 its
 * first) that holds it. Comments inside a changed key's old lines go
 * before the line of the node they stood before (upd_merge).
 */
struct emit {
	const struct ynode	**node;
	int			 *line;
	unsigned char		 *key;	/* the node is a mapping's key */
	size_t			  n;
};

static void
emit_at(struct emit *em, const struct buf *b, const struct ynode *v,
    int key)
{
	int ln = 0;

	for (size_t i = 0; i < b->len; i++)
		ln += b->data[i] == '\n';
	em->node = xreallocarray(em->node, em->n + 1, sizeof(*em->node));
	em->line = xreallocarray(em->line, em->n + 1, sizeof(*em->line));
	em->key = xreallocarray(em->key, em->n + 1, sizeof(*em->key));
	em->node[em->n] = v;
	em->key[em->n] = (unsigned char)key;
	em->line[em->n++] = ln;
}

#define emit_rec(em, b, v)	emit_at(em, b, v, 0)

/* A flow collection of scalars on one line, when short enough. */
static int
flow(struct buf *b, const struct ynode *v, struct emit *em)
{
	struct buf t;
	int ok = 1;

	buf_init(&t);
	buf_putc(&t, v->type == YN_SEQ ? '[' : '{');
	for (size_t i = 0; ok && i < v->n; i++) {
		if (v->kids[i]->type != YN_SCALAR)
			ok = 0;
		else {
			if (i && (v->type == YN_SEQ || i % 2 == 0))
				buf_puts(&t, ", ");
			scalar(&t, v->kids[i], 1);
			if (v->type == YN_MAP && i % 2 == 0)
				buf_puts(&t, ": ");
		}
	}
	buf_putc(&t, v->type == YN_SEQ ? ']' : '}');
	if (ok && t.len < 72) {
		for (size_t i = 0; i < v->n; i++)
			emit_at(em, b, v->kids[i], v->type == YN_MAP &&
			    i % 2 == 0);
		buf_putn(b, t.data, t.len);
	} else
		ok = 0;
	buf_free(&t);
	return ok;
}

/* " value\n" or "\n" and block lines at indent ind + 2. */
static void
value(struct buf *b, const struct ynode *v, int ind, struct emit *em)
{
	emit_rec(em, b, v);
	if (v->type == YN_SCALAR) {
		buf_putc(b, ' ');
		scalar(b, v, 0);
		buf_putc(b, '\n');
		return;
	}
	buf_putc(b, ' ');
	if (v->n == 0 || flow(b, v, em)) {
		if (v->n == 0)
			buf_puts(b, v->type == YN_SEQ ? "[]" : "{}");
		buf_putc(b, '\n');
		return;
	}
	b->len--;	/* the space */
	buf_putc(b, '\n');
	for (size_t i = 0; i < v->n; i += v->type == YN_MAP ? 2 : 1) {
		buf_printf(b, "%*s", ind + 2, "");
		emit_at(em, b, v->kids[i], v->type == YN_MAP);
		if (v->type == YN_MAP) {
			scalar(b, v->kids[i], 0);
			buf_putc(b, ':');
			value(b, v->kids[i + 1], ind + 2, em);
		} else if (v->kids[i]->type == YN_MAP) {
			const struct ynode *m = v->kids[i];

			buf_puts(b, "- ");
			if (m->n > 0 && flow(b, m, em)) {
				buf_putc(b, '\n');
				continue;
			}
			for (size_t j = 0; j + 1 < m->n; j += 2) {
				if (j)
					buf_printf(b, "%*s", ind + 4, "");
				emit_at(em, b, m->kids[j], 1);
				scalar(b, m->kids[j], 0);
				buf_putc(b, ':');
				value(b, m->kids[j + 1], ind + 4, em);
			}
			if (m->n == 0)
				buf_puts(b, "{}\n");
		} else {
			buf_putc(b, '-');
			value(b, v->kids[i], ind + 2, em);
		}
	}
}

/* A merged node: its leaves are borrowed from the two parsed trees;
 * the node itself is freed with the context. */
static struct ynode *
mnode(struct mctx *c, enum ynode_type t)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = t;
	n->str = (char *)"";
	c->alloc = xreallocarray(c->alloc, c->nalloc + 1, sizeof(*c->alloc));
	c->alloc[c->nalloc++] = n;
	return n;
}

static void
madd(struct ynode *n, const struct ynode *kid)
{
	n->kids = xreallocarray(n->kids, n->n + 1, sizeof(*n->kids));
	n->kids[n->n++] = (struct ynode *)kid;
}

/* old's keys in old's order (new values where new has them, dropped
 * where held and absent from new), then new's other keys. */
static struct ynode *
merge_map(struct mctx *c, enum kind k, const char *prefix,
    const struct ynode *o, const struct ynode *n, size_t idx)
{
	struct ynode *m = mnode(c, YN_MAP);
	char p[256];

	for (size_t i = 0; o != NULL && i + 1 < o->n; i += 2) {
		const char *en = canon(k, o->kids[i]->str);
		const struct ynode *nv = mget(k, n, en, NULL);

		snprintf(p, sizeof(p), "%s.%s", prefix, en);
		if (nv == NULL && held_has(c->held, p))
			continue;
		madd(m, o->kids[i]);
		madd(m, nv != NULL ? nv : o->kids[i + 1]);
	}
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const char *en = canon(k, n->kids[i]->str);

		snprintf(p, sizeof(p), "%s.%s", prefix, en);
		if (mget(k, o, en, NULL) != NULL ||
		    is_default(c, p, n->kids[i + 1], idx))
			continue;
		madd(m, n->kids[i]);
		madd(m, n->kids[i + 1]);
	}
	return m;
}

static struct ynode *
merge(struct mctx *c, const char *en, const struct ynode *o,
    const struct ynode *n)
{
	enum kind k = strcmp(en, "extra") == 0 ? KIND__MAX : subkind(en);

	if (n->type == YN_MAP)
		return merge_map(c, k, en, o != NULL && o->type == YN_MAP ?
		    o : NULL, n, 0);
	if (n->type == YN_SEQ && k != KIND__MAX) {
		struct ynode *s = mnode(c, YN_SEQ);
		char *used = xcalloc(o != NULL && o->type == YN_SEQ ?
		    o->n + 1 : 1, 1);

		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *e = n->kids[i];
			const struct ynode *m = match(k, o, e, used);

			if (e->type == YN_MAP)
				madd(s, merge_map(c, k, en, m, e, i));
			else
				madd(s, e);
		}
		free(used);
		return s;
	}
	return (struct ynode *)n;
}

struct edit {
	int	 from, to;	/* old lines [from, to), 1-based */
	int	 order;
	char	*text;
};

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->order - y->order;
}

/* The first line after the lines of top-level key i of front (its
 * value), before trailing blank and comment lines. */
static int
key_end(const struct ynode *front, size_t i, int fence, char **line)
{
	int end = i + 2 < front->n ? front->kids[i + 2]->loc.line : fence;
	int start = front->kids[i]->loc.line;

	while (end - 1 > start && (line[end - 1][0] == '\n' ||
	    line[end - 1][0] == '#'))
		end--;
	return end;
}

static const char *
zhname(enum kind k, const char *en)
{
	size_t n;
	const struct keydef *t = keys_table(k, &n);
	int i = keys_find(k, en);

	if (strcmp(en, "extra") == 0)
		return "扩展";
	return i >= 0 ? t[i].zh : en;
}

/* Split text into lines (each with its \n); line[1] is the first. */
static char **
lines(const char *text, int *nl)
{
	char **l = NULL;
	int n = 1;
	const char *p = text;

	l = xreallocarray(l, 2, sizeof(*l));
	l[0] = NULL;
	while (*p) {
		const char *q = strchr(p, '\n');
		size_t len = q ? (size_t)(q - p) + 1 : strlen(p);

		l = xreallocarray(l, (size_t)n + 2, sizeof(*l));
		l[n++] = xstrndup(p, len);
		p += len;
	}
	l[n] = NULL;
	*nl = n;
	return l;
}

/* The nodes of tree v, v first, in document order; item[i]: the node
 * is an entry of a list. */
static void
tree_nodes(const struct ynode *v, int isitem, const struct ynode ***out,
    unsigned char **item, size_t *n)
{
	*out = xreallocarray(*out, *n + 1, sizeof(**out));
	*item = xreallocarray(*item, *n + 1, 1);
	(*item)[*n] = (unsigned char)isitem;
	(*out)[(*n)++] = v;
	for (size_t i = 0; v->type != YN_SCALAR && i < v->n; i++)
		tree_nodes(v->kids[i], v->type == YN_SEQ, out, item, n);
}

static int
is_comment_line(const char *l)
{
	l += strspn(l, " ");
	return *l == '#';
}

/*
 * The new text of a changed key (text, value() wrote it and recorded in
 * em where), with the comment lines that stood on their own lines
 * inside its old lines (from, to): each goes before the new line that
 * holds the node it stood before (the node itself, which the merge
 * keeps for the keys of a mapping and the values that did not change,
 * or, for a text, the first one equal to it); one whose node is gone
 * goes before the key, one after the last node after the value. A line
 * that is part of a text written over several lines (a block scalar's
 * "# …" line) is text, not a comment. text NULL (the key removed): the
 * comments alone, where the key was. A string to free, or NULL.
 */
static char *
keep_comments(char **line, int from, int to, const struct ynode *ov,
    const char *text, const struct emit *em)
{
	const struct ynode **nd = NULL;
	unsigned char *item = NULL;
	size_t nn = 0;
	int *tgt, ncm = 0, ntl = 0, *cl;
	char **tl = NULL;
	struct buf b;

	if (to - from < 2)
		return text ? xstrdup(text) : NULL;
	tgt = xcalloc((size_t)(to - from), sizeof(*tgt));
	cl = xcalloc((size_t)(to - from), sizeof(*cl));
	if (ov != NULL)
		tree_nodes(ov, 0, &nd, &item, &nn);
	for (int l = from + 1; l < to; l++) {
		const struct ynode *prev = NULL;
		const char *ct = line[l] + strspn(line[l], " ");
		size_t ctl = strcspn(ct, "\n");
		int min = 0, t = -1;

		if (!is_comment_line(line[l]))
			continue;
		for (size_t i = 0; i < nn; i++) {
			if (nd[i]->loc.line < l && (prev == NULL ||
			    nd[i]->loc.line >= prev->loc.line))
				prev = nd[i];
			if (nd[i]->loc.line > l && (min == 0 ||
			    nd[i]->loc.line < min))
				min = nd[i]->loc.line;
		}
		if (prev != NULL && prev->type == YN_SCALAR && prev->quoted) {
			char *c = xstrndup(ct, ctl);
			int in = strstr(prev->str, c) != NULL;

			free(c);
			if (in)
				continue;
		}
		if (min == 0)
			t = INT_MAX;
		for (size_t i = 0; t < 0 && i < nn; i++)
			for (size_t j = 0; nd[i]->loc.line == min && t < 0 &&
			    j < em->n; j++)
				if (em->node[j] == nd[i])
					t = em->line[j];
		for (size_t i = 0; t < 0 && i < nn; i++)
			for (size_t j = 0; nd[i]->loc.line == min && item[i] &&
			    nd[i]->type == YN_SCALAR && t < 0 && j < em->n; j++)
				if (em->node[j]->type == YN_SCALAR &&
				    !em->key[j] &&
				    strcmp(em->node[j]->str, nd[i]->str) == 0)
					t = em->line[j];
		cl[ncm] = l;
		tgt[ncm++] = t < 0 ? 0 : t;
	}
	free(nd);
	free(item);
	if (ncm == 0) {
		free(tgt);
		free(cl);
		return text ? xstrdup(text) : NULL;
	}
	buf_init(&b);
	if (text != NULL)
		tl = lines(text, &ntl);
	for (int t = 0; t <= ntl; t++) {
		for (int i = 0; i < ncm; i++)
			if (tgt[i] == t || (t == ntl && tgt[i] >= ntl))
				buf_puts(&b, line[cl[i]]);
		if (t + 1 < ntl)
			buf_puts(&b, tl[t + 1]);
	}
	for (int i = 1; i < ntl; i++)
		free(tl[i]);
	free(tl);
	free(tgt);
	free(cl);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

int
upd_merge(enum kind k, const char *path, const char *gen, size_t glen,
    const struct held *held, const char *hotline, char **out,
    struct buf *what)
{
	struct source src;
	struct ynode *nf;
	const char *gfm, *gend, *gbody;
	struct mctx c = { held, hotline, NULL, 0 };
	struct edit *ed = NULL;
	size_t ned = 0, nch, tn;
	const struct keydef *t = keys_table(k, &tn);
	char **line;
	int nl, fence, rc;
	struct buf b;

	*out = NULL;
	if ((rc = source_read(path, &src)) != 0 || src.front == NULL ||
	    src.front->type != YN_MAP) {
		fprintf(stderr, "%s: error: 无法读取或解析现有文件，未更新%s\n",
		    path, rc == -1 ? "（读文件失败）" : "");
		source_free(&src);
		return -1;
	}
	gfm = gen + 4;		/* after "---\n" */
	gend = strstr(gfm - 1, "\n---\n");
	gbody = gend ? gend + 5 : gen + glen;
	nf = source_yaml(path, gfm, gend ? (size_t)(gend + 1 - gfm) : 0, 2);
	line = lines(src.text, &nl);
	fence = src.body_line - 1;
	/* The top-level keys the sheet holds, in keys.c's order, then
	 * extra, then the body. */
	for (size_t ti = 0; ti <= tn; ti++) {
		const char *en = ti < tn ? t[ti].en : "extra";
		const struct ynode *ov = NULL, *nv = NULL;
		size_t oi = 0;
		struct ynode *mv;
		const char *kname = NULL;

		if (!held_has(held, en))
			continue;
		for (size_t i = 0; i + 1 < src.front->n; i += 2) {
			const char *ks = src.front->kids[i]->str;

			if (ti < tn ? keys_find(k, ks) == (int)ti :
			    strcmp(ks, "extra") == 0 || strcmp(ks, "扩展")
			    == 0) {
				ov = src.front->kids[i + 1];
				kname = ks;
				oi = i;
			}
		}
		if (nf != NULL)
			for (size_t i = 0; i + 1 < nf->n; i += 2)
				if (strcmp(canon(k, nf->kids[i]->str), en) == 0)
					nv = nf->kids[i + 1];
		if (nv != NULL && ov == NULL && is_default(&c, en, nv, 0))
			continue;
		if (ov == NULL && nv == NULL)
			continue;
		if (ov != NULL && nv != NULL && meq(&c, en, ov, nv))
			continue;
		ed = xreallocarray(ed, ned + 1, sizeof(*ed));
		memset(&ed[ned], 0, sizeof(*ed));
		ed[ned].order = (int)ti;
		if (ov != NULL) {
			ed[ned].from = src.front->kids[oi]->loc.line;
			ed[ned].to = key_end(src.front, oi, fence, line);
		} else {
			/* after the nearest earlier key the file has */
			int at = 2;

			for (size_t i = 0; i + 1 < src.front->n; i += 2) {
				int ki = keys_find(k, src.front->kids[i]->str);

				if ((ki >= 0 && ki < (int)ti) || (ti == tn &&
				    ki >= 0))
					at = key_end(src.front, i, fence, line);
			}
			ed[ned].from = ed[ned].to = at;
		}
		{
			struct emit em = { NULL, NULL, NULL, 0 };

			if (nv != NULL) {
				buf_init(&b);
				mv = merge(&c, en, ov, nv);
				buf_puts(&b, kname != NULL ? kname : en);
				buf_putc(&b, ':');
				value(&b, mv, 0, &em);
				buf_putc(&b, '\0');
			}
			ed[ned].text = ov == NULL ? (nv != NULL ?
			    buf_detach(&b) : NULL) : keep_comments(line,
			    ed[ned].from, ed[ned].to, ov, nv != NULL ? b.data :
			    NULL, &em);
			if (ov != NULL && nv != NULL)
				buf_free(&b);
			free(em.node);
			free(em.line);
			free(em.key);
		}
		buf_printf(what, "%s%s%s", what->len ? "、" : "",
		    ov == NULL ? "新增" : nv == NULL ? "删除" : "",
		    zhname(k, en));
		ned++;
	}
	buf_init(&b);
	xqsort(ed, ned, sizeof(*ed), edit_cmp);
	{
		int ln = 1;

		for (size_t i = 0; i <= ned; i++) {
			int upto = i < ned ? ed[i].from : fence + 1;

			for (; ln < upto && ln < nl; ln++)
				buf_puts(&b, line[ln]);
			if (i == ned)
				break;
			if (ed[i].text)
				buf_puts(&b, ed[i].text);
			if (ed[i].to > ln)
				ln = ed[i].to;
		}
	}
	nch = ned;
	if (held_has(held, "body") && strcmp(src.body, gbody) != 0) {
		buf_puts(&b, gbody);
		buf_printf(what, "%s正文", what->len ? "、" : "");
		nch++;
	} else
		buf_puts(&b, src.body);
	if (nch > 0) {
		buf_putc(&b, '\0');
		*out = buf_detach(&b);
	} else
		buf_free(&b);
	for (size_t i = 0; i < ned; i++)
		free(ed[i].text);
	free(ed);
	for (size_t i = 0; i < c.nalloc; i++) {
		free(c.alloc[i]->kids);
		free(c.alloc[i]);
	}
	free(c.alloc);
	for (int i = 1; i < nl; i++)
		free(line[i]);
	free(line);
	ynode_free(nf);
	source_free(&src);
	return 0;
}

void
upd_plan_add(struct upd_plan *pl, char *rel, char *text)
{
	pl->v = xreallocarray(pl->v, pl->n + 1, sizeof(*pl->v));
	pl->v[pl->n].rel = rel;
	pl->v[pl->n].text = text;
	pl->n++;
}


static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
upd_index_read(const char *dir, struct upd_index *ix)
{
	static const char *const subs[] = { "guides", "matters",
	    "procedures", "offices" };

	for (size_t si = 0; si < sizeof(subs) / sizeof(subs[0]); si++) {
		char *d, **names = NULL;
		size_t nn = 0;
		DIR *dp;
		struct dirent *de;

		d = xasprintf("%s/%s", dir, subs[si]);
		if ((dp = opendir(d)) != NULL) {
			while ((de = readdir(dp)) != NULL) {
				size_t l = strlen(de->d_name);

				if (l > 3 && de->d_name[0] != '.' &&
				    strcmp(de->d_name + l - 3, ".md") == 0) {
					names = xreallocarray(names, nn + 1,
					    sizeof(*names));
					names[nn++] = xstrdup(de->d_name);
				}
			}
			closedir(dp);
		}
		xqsort(names, nn, sizeof(*names), name_cmp);
		for (size_t i = 0; i < nn; i++) {
			char *path = xasprintf("%s/%s", d, names[i]);
			struct upd_file *f;

			ix->v = xreallocarray(ix->v, ix->n + 1, sizeof(*ix->v));
			f = &ix->v[ix->n++];
			f->id = upd_file_id(path);
			f->rel = xasprintf("%s/%s", subs[si], names[i]);
			f->sub = subs[si];
			f->seen = 0;
			free(path);
			free(names[i]);
		}
		free(names);
		free(d);
	}
}

struct upd_file *
upd_index_find(struct upd_index *ix, const char *sub, const char *id)
{
	for (size_t i = 0; i < ix->n; i++)
		if (strcmp(ix->v[i].sub, sub) == 0 &&
		    strcmp(ix->v[i].id, id) == 0)
			return &ix->v[i];
	return NULL;
}

void
upd_index_free(struct upd_index *ix)
{
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->v[i].id);
		free(ix->v[i].rel);
	}
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

char *
upd_edition_key(const char *dir, const char *en)
{
	struct source src;
	const struct ynode *v;
	char *path = xasprintf("%s/edition.md", dir), *r = NULL;

	if (source_read(path, &src) == 0 && src.front != NULL &&
	    (v = keys_get(KIND_EDITION, src.front, en)) != NULL &&
	    v->type == YN_SCALAR)
		r = xstrdup(v->str);
	source_free(&src);
	free(path);
	return r;
}

char *
upd_base_file(const char *dir, const char *sub, const char *id)
{
	char *cur = xstrdup(dir), *found = NULL;

	for (int depth = 0; depth < 8 && found == NULL; depth++) {
		char *base = upd_edition_key(cur, "base"), *slash, *next, *p;

		if (base == NULL || strchr(base, '/') || base[0] == '.') {
			free(base);
			break;
		}
		slash = strrchr(cur, '/');
		next = slash ? xasprintf("%.*s/%s", (int)(slash - cur), cur,
		    base) : xstrdup(base);
		free(base);
		free(cur);
		cur = next;
		p = xasprintf("%s/%s/%s.md", cur, sub, id);
		if (access(p, F_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(cur);
	return found;
}

/* Copy the tree from into to (regular files, folders, symlinks). */
static int
copy_tree(const char *from, const char *to)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (lstat(from, &st) == -1)
		return -1;
	if (S_ISLNK(st.st_mode)) {
		char t[4096];
		ssize_t n = readlink(from, t, sizeof(t) - 1);

		if (n < 0)
			return -1;
		t[n] = '\0';
		return symlink(t, to);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (copy_file(from, to) == -1)
			return -1;
		return chmod(to, st.st_mode & 07777);
	}
	if (mkdir(to, st.st_mode & 07777) == -1 && errno != EEXIST)
		return -1;
	if ((d = opendir(from)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char *f, *t;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		f = xasprintf("%s/%s", from, de->d_name);
		t = xasprintf("%s/%s", to, de->d_name);
		rc = copy_tree(f, t);
		free(f);
		free(t);
	}
	closedir(d);
	return rc;
}

int
upd_apply(const char *dir, const struct upd_plan *pl)
{
	char *tmp = xasprintf("%s.import%ld", dir, (long)getpid());
	char *old = xasprintf("%s.old%ld", dir, (long)getpid());
	int rc = 0;

	rm_rf(tmp);
	if (copy_tree(dir, tmp) == -1) {
		fprintf(stderr, "ybt: 复制 %s 失败：%s\n", dir, zh_strerror(errno));
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < pl->n; i++) {
		char *p = xasprintf("%s/%s", tmp, pl->v[i].rel);
		char *slash = strrchr(p, '/');

		if (pl->v[i].text == NULL)
			rc = unlink(p);
		else {
			*slash = '\0';
			rc = mkdir_p(p);
			*slash = '/';
			if (rc == 0)
				rc = file_write(p, pl->v[i].text,
				    strlen(pl->v[i].text));
		}
		if (rc != 0)
			fprintf(stderr, "ybt: %s: %s\n", p, zh_strerror(errno));
		free(p);
	}
	if (rc == 0) {
#ifdef RENAME_EXCHANGE
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir,
		    RENAME_EXCHANGE) == 0)
			rc = rm_rf(tmp) == 0 ? 0 : 0;
		else
#endif
		if (rename(dir, old) == 0 && rename(tmp, dir) == 0)
			rm_rf(old);
		else {
			fprintf(stderr, "ybt: %s: %s\n", dir, zh_strerror(errno));
			if (access(dir, F_OK) != 0)
				rename(old, dir);
			rc = -1;
		}
	}
	if (rc != 0)
		rm_rf(tmp);
	free(tmp);
	free(old);
	return rc;
}

char *
upd_file_disclosure(const char *path)
{
	struct source src;
	const struct ynode *v;
	char *r = NULL;

	if (source_read(path, &src) == 0 && src.front != NULL &&
	    (v = keys_get(KIND_MATTER, src.front, "disclosure")) != NULL &&
	    v->type == YN_SCALAR)
		r = xstrdup(v->str);
	source_free(&src);
	return r;
}

char *
upd_file_id(const char *path)
{
	struct source src;
	const struct ynode *v = NULL;
	char *id;

	if (source_read(path, &src) == 0 && src.front != NULL)
		v = keys_get(KIND_GUIDE, src.front, "id");
	if (v != NULL && v->type == YN_SCALAR)
		id = xstrdup(v->str);
	else
		id = path_stem(path);
	source_free(&src);
	return id;
}
