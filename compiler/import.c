/*
 * import.c — `ybt import -o EDITION_DIR FILE.xlsx`: a workbook in the
 * layout of `ybt build -f xlsx` (sheets 版本, 一件事, 事项, 申请材料,
 * 收费, 流程, 流程步骤, 办理地点, 办理时间, 窗口; headers the Chinese or
 * English key names of keys.c) back into an edition's Markdown sources,
 * one file per item, keys in keys.c's order (`ybt new`'s). Errors name
 * the cell: FILE.xlsx:事项!D12: error: …. The folder is written under a
 * temporary name and renamed into place only when all went well; an
 * existing folder is not overwritten.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "keys.h"
#include "xlsx_read.h"
#include "xlsx.h"

enum col_role { R_KEY, R_SUB, R_BODY, R_EXTRA, R_PARENT, R_NOTE };

struct hcol {
	enum col_role	 role;
	const char	*en;	/* key, or parent key for R_SUB */
	const char	*suben;
	char		*extra;	/* R_EXTRA: the name after 扩展: */
};

struct sheetdef {
	const char	*name;
	enum kind	 kind;
	const char	*parents[2];	/* 事项编号 etc. */
};

static const struct sheetdef sheetdefs[] = {
	{ "版本", KIND_EDITION, { NULL, NULL } },
	{ "一件事", KIND_GUIDE, { NULL, NULL } },
	{ "事项", KIND_MATTER, { NULL, NULL } },
	{ "申请材料", KIND_MATERIAL, { "事项编号", NULL } },
	{ "收费", KIND_FEE, { "事项编号", NULL } },
	{ "流程", KIND_PROCEDURE, { NULL, NULL } },
	{ "流程步骤", KIND_STEP, { "流程编号", "事项编号" } },
	{ "办理地点", KIND_OFFICE, { NULL, NULL } },
	{ "办理时间", KIND_HOURS, { "办理地点编号", NULL } },
	{ "窗口", KIND_WINDOW, { "办理地点编号", NULL } },
};
#define NSHEETS	(sizeof(sheetdefs) / sizeof(sheetdefs[0]))

static const char *const l_type[] = { "行政许可", "行政确认",
    "行政给付", "行政征收", "行政奖励", "行政裁决", "其他行政权力",
    "公共服务", NULL };
static const char *const l_kind[] = { "即办件", "承诺件", NULL };
static const char *const l_disc[] = { "主动公开", "依申请公开",
    "不予公开", NULL };
static const char *const l_form[] = { "原件", "复印件", "原件及复印件",
    "电子证照", NULL };
static const char *const l_medium[] = { "纸质", "电子", "纸质或电子",
    NULL };

struct imp {
	const char	*file;
	int		 errors;
	struct xsheet	*sh[NSHEETS];
	const char	*csvfile[NSHEETS];	/* the sheet came from CSV */
	struct hcol	*cols[NSHEETS];
	int		 ncols[NSHEETS];
};

static void
cell_error(struct imp *im, const struct xsheet *sh, int row, int col,
    const char *fmt, const char *a, const char *b)
{
	char cn[8];

	xlsx_colname(col, cn);
	for (size_t i = 0; i < NSHEETS; i++)
		if (im->sh[i] == sh && im->csvfile[i] != NULL) {
			fprintf(stderr, "%s:%d:%d: error: ", im->csvfile[i],
			    row, col + 1);
			goto msg;
		}
	fprintf(stderr, "%s:%s!%s%d: error: ", im->file, sh->name, cn, row);
msg:
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	im->errors++;
}

static enum kind
sub_kind(const char *en)
{
	if (strcmp(en, "time_limit") == 0)
		return KIND_TIMELIMIT;
	if (strcmp(en, "online") == 0)
		return KIND_ONLINE;
	if (strcmp(en, "result") == 0)
		return KIND_RESULT;
	if (strcmp(en, "promise") == 0)
		return KIND_PROMISE;
	return KIND__MAX;
}

/* The closest key name of kind k to h, for did-you-mean, or NULL. */
static const char *
nearest(enum kind k, const char *h)
{
	size_t n;
	const struct keydef *t = keys_table(k, &n);
	const char *best = NULL;
	unsigned bd = 3;

	for (size_t i = 0; i < n; i++) {
		unsigned d = levenshtein(h, t[i].zh);

		if (d < bd && d < utf8_strlen(t[i].zh)) {
			bd = d;
			best = t[i].zh;
		}
		d = levenshtein(h, t[i].en);
		if (d < bd && d < strlen(t[i].en)) {
			bd = d;
			best = t[i].en;
		}
	}
	return best;
}

static void
header(struct imp *im, size_t si)
{
	const struct sheetdef *sd = &sheetdefs[si];
	struct xsheet *sh = im->sh[si];
	struct xrow *hr;
	size_t n;
	const struct keydef *t = keys_table(sd->kind, &n);

	if (sh->nrows == 0)
		return;
	hr = &sh->rows[0];
	im->ncols[si] = hr->ncells;
	im->cols[si] = xcalloc((size_t)hr->ncells + 1, sizeof(struct hcol));
	for (int c = 0; c < hr->ncells; c++) {
		struct hcol *hc = &im->cols[si][c];
		const char *h = hr->cells[c];
		char *dot;
		int i;

		hc->role = R_NOTE;
		if (h == NULL)
			continue;
		if (strcmp(h, "正文") == 0 || strcmp(h, "body") == 0) {
			hc->role = R_BODY;
			continue;
		}
		if (str_has_prefix(h, "扩展:") || str_has_prefix(h, "extra:")) {
			hc->role = R_EXTRA;
			hc->extra = xstrdup(strchr(h, ':') + 1);
			continue;
		}
		if ((sd->parents[0] && strcmp(h, sd->parents[0]) == 0) ||
		    (sd->parents[1] && strcmp(h, sd->parents[1]) == 0)) {
			hc->role = R_PARENT;
			hc->en = sd->parents[0] && strcmp(h, sd->parents[0])
			    == 0 ? sd->parents[0] : sd->parents[1];
			continue;
		}
		if (sd->kind == KIND_HOURS && strcmp(h, "说明") == 0)
			continue;
		if ((dot = strchr(h, '.')) != NULL) {
			char *p = xstrndup(h, (size_t)(dot - h));
			enum kind sk;

			i = keys_find(sd->kind, p);
			free(p);
			if (i >= 0 && (sk = sub_kind(t[i].en)) != KIND__MAX) {
				size_t sn;
				const struct keydef *st = keys_table(sk, &sn);
				int j = keys_find(sk, dot + 1);

				if (j >= 0) {
					hc->role = R_SUB;
					hc->en = t[i].en;
					hc->suben = st[j].en;
					continue;
				}
			}
		} else if ((i = keys_find(sd->kind, h)) >= 0) {
			hc->role = R_KEY;
			hc->en = t[i].en;
			continue;
		}
		{
			const char *near = nearest(sd->kind, h);

			if (near != NULL)
				cell_error(im, sh, hr->r, c, "未知的列“%s”；"
				    "是不是“%s”？", h, near);
			else
				cell_error(im, sh, hr->r, c, "未知的列“%s”"
				    "（列名应为键名，或以“扩展:”开头）%s", h,
				    "");
		}
	}
}

static const char *
get(const struct xrow *r, int c)
{
	return c >= 0 && c < r->ncells ? r->cells[c] : NULL;
}

static int
colof(struct imp *im, size_t si, enum col_role role, const char *en,
    const char *suben)
{
	for (int c = 0; c < im->ncols[si]; c++) {
		struct hcol *h = &im->cols[si][c];

		if (h->role == role && h->en && strcmp(h->en, en) == 0 &&
		    (suben == NULL || (h->suben && strcmp(h->suben,
		    suben) == 0)))
			return c;
	}
	return -1;
}

static int
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if ((*s < '0' || *s > '9') && *s != '.')
			return 0;
	return 1;
}

static void
yq(struct buf *b, const char *v)
{
	buf_putc(b, '"');
	for (; *v; v++)
		switch (*v) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_putc(b, *v);
		}
	buf_putc(b, '"');
}

static int
numeric_key(const char *en)
{
	static const char *const n[] = { "stale_after", "visits", "legal",
	    "promised", "copies", NULL };

	for (int i = 0; n[i]; i++)
		if (strcmp(en, n[i]) == 0)
			return 1;
	return 0;
}

static int
list_key(const char *en)
{
	static const char *const n[] = { "basis", "audience", "conditions",
	    "matters", "offices", "synonyms", "exclude", "accessibility",
	    "delivery", "next", NULL };

	for (int i = 0; n[i]; i++)
		if (strcmp(en, n[i]) == 0)
			return 1;
	return 0;
}

/* A scalar value of key en. */
static void
yval(struct buf *b, const char *en, const char *v)
{
	int y, m, d;

	if (numeric_key(en) && is_number(v))
		buf_puts(b, v);
	else if ((strcmp(en, "updated") == 0 || strcmp(en, "date") == 0) &&
	    is_iso_date(v, &y, &m, &d))
		buf_puts(b, v);
	else if (strcmp(en, "shared") == 0)
		buf_puts(b, strcmp(v, "是") == 0 || strcmp(v, "true") == 0 ?
		    "true" : "false");
	else if (strcmp(en, "required") == 0 && (strcmp(v, "必要") == 0 ||
	    strcmp(v, "true") == 0))
		buf_puts(b, "true");
	else if (strcmp(en, "required") == 0 && (strcmp(v, "非必要") == 0 ||
	    strcmp(v, "false") == 0))
		buf_puts(b, "false");
	else
		yq(b, v);
}

/*
 * The entries of a list cell: one a line (an entry's own final "；" is
 * kept, the joining one dropped), or, in a one-line cell, split at "；".
 */
static char **
entries(const char *v, size_t *np, int split)
{
	const char *sep = strchr(v, '\n') ? "\n" : split ? "；" : "\n";
	const char *p = v, *q;
	char **e = NULL;
	size_t n = 0;

	while (*p) {
		size_t len;

		q = strstr(p, sep);
		len = q ? (size_t)(q - p) : strlen(p);
		if (q && sep[0] == '\n' && len >= strlen("；") &&
		    strncmp(p + len - strlen("；"), "；", strlen("；")) == 0)
			len -= strlen("；");
		while (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0) {
			e = xreallocarray(e, n + 1, sizeof(*e));
			e[n++] = xstrndup(p, len);
		}
		p += q ? (size_t)(q - p) + strlen(sep) : strlen(p);
	}
	*np = n;
	return e;
}

static void
ylist(struct buf *b, const char *v, const char *indent, int flow,
    int split)
{
	size_t n;
	char **e = entries(v, &n, split);

	if (flow)
		buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (flow)
			buf_puts(b, i ? ", " : "");
		else
			buf_printf(b, "%s  - ", indent);
		yq(b, e[i]);
		if (!flow)
			buf_putc(b, '\n');
		free(e[i]);
	}
	if (flow)
		buf_putc(b, ']');
	free(e);
}

static int
check_enum(struct imp *im, const struct xsheet *sh, const struct xrow *r,
    int c, const char *v, const char *const *l)
{
	for (int i = 0; l[i]; i++)
		if (strcmp(v, l[i]) == 0)
			return 0;
	cell_error(im, sh, r->r, c, "“%s”不是允许的值（如“%s”）", v, l[0]);
	return -1;
}

/* The fields of one row of sheet si as YAML at indent (child rows: a
 * list entry). */
static void
row_yaml(struct imp *im, size_t si, const struct xrow *r, struct buf *b,
    const char *ind, int item)
{
	const struct sheetdef *sd = &sheetdefs[si];
	struct xsheet *sh = im->sh[si];
	size_t n;
	const struct keydef *t = keys_table(sd->kind, &n);
	int first = 1;

	for (size_t k = 0; k < n; k++) {
		const char *en = t[k].en;
		enum kind sk = sub_kind(en);
		int c;
		const char *v;

		if (sk != KIND__MAX) {
			size_t sn;
			const struct keydef *st = keys_table(sk, &sn);
			int any = 0;

			for (size_t j = 0; j < sn; j++) {
				c = colof(im, si, R_SUB, en, st[j].en);
				if ((v = get(r, c)) == NULL)
					continue;
				if (any)
					buf_puts(b, ", ");
				else
					buf_printf(b, "%s%s: {", first &&
					    item ? "" : ind, en);
				first = 0;
				buf_printf(b, "%s: ", st[j].en);
				if (list_key(st[j].en))
					ylist(b, v, "", 1, 1);
				else
					yval(b, st[j].en, v);
				any = 1;
			}
			if (any) {
				if (sk == KIND_TIMELIMIT)
					buf_puts(b, ", unit: 工作日");
				buf_puts(b, "}\n");
			}
			continue;
		}
		if (sd->kind == KIND_MATTER && strcmp(en, "materials") == 0)
			continue;	/* written by the caller */
		if (strcmp(en, "extra") == 0)
			continue;	/* the 扩展:name columns, below */
		c = colof(im, si, R_KEY, en, NULL);
		if ((v = get(r, c)) == NULL)
			continue;
		if (strcmp(en, "type") == 0 && sd->kind == KIND_MATTER)
			check_enum(im, sh, r, c, v, l_type);
		if (strcmp(en, "kind") == 0)
			check_enum(im, sh, r, c, v, l_kind);
		if (strcmp(en, "disclosure") == 0)
			check_enum(im, sh, r, c, v, l_disc);
		if (strcmp(en, "form") == 0)
			check_enum(im, sh, r, c, v, l_form);
		if (strcmp(en, "medium") == 0)
			check_enum(im, sh, r, c, v, l_medium);
		if ((strcmp(en, "updated") == 0 || strcmp(en, "date") == 0)) {
			int y, m, d;

			if (!is_iso_date(v, &y, &m, &d))
				cell_error(im, sh, r->r, c, "“%s”不是日期"
				    "（应为 2026-10-15）%s", v, "");
		}
		buf_printf(b, "%s%s:", first && item ? "" : ind, en);
		first = 0;
		if (list_key(en) && !(sd->kind != KIND_MATTER &&
		    (strcmp(en, "audience") == 0 ||
		    strcmp(en, "basis") == 0))) {
			buf_putc(b, '\n');
			ylist(b, v, ind, 0, strcmp(en, "conditions") != 0 &&
			    strcmp(en, "basis") != 0);
		} else if (strcmp(en, "geo") == 0) {
			buf_printf(b, " [%s]\n", v);
		} else {
			buf_putc(b, ' ');
			yval(b, en, v);
			buf_putc(b, '\n');
		}
	}
}

static const char *
row_id(struct imp *im, size_t si, const struct xrow *r)
{
	return get(r, colof(im, si, R_KEY, "id", NULL));
}

/* Child rows of sheet ci whose parent column pname holds id, as a YAML
 * list under key en. */
static void
children(struct imp *im, size_t ci, const char *pname, const char *id,
    const char *en, struct buf *b)
{
	struct xsheet *sh = im->sh[ci];
	int pc = colof(im, ci, R_PARENT, pname, NULL);
	int any = 0;

	if (sh == NULL || pc < 0)
		return;
	for (size_t i = 1; i < sh->nrows; i++) {
		const struct xrow *r = &sh->rows[i];
		const char *p = get(r, pc);

		if (p == NULL || strcmp(p, id) != 0)
			continue;
		if (sheetdefs[ci].kind == KIND_FEE &&
		    str_eq(get(r, colof(im, ci, R_KEY, "item", NULL)),
		    "不收费")) {
			buf_printf(b, "%s: 不收费\n", en);
			return;
		}
		if (!any)
			buf_printf(b, "%s:\n", en);
		any = 1;
		if (sheetdefs[ci].kind == KIND_HOURS &&
		    get(r, colof(im, ci, R_KEY, "days", NULL)) == NULL) {
			for (int c = 0; c < r->ncells; c++)
				if (r->cells[c] && im->cols[ci][c].role ==
				    R_NOTE && c < im->ncols[ci]) {
					buf_puts(b, "  - ");
					yq(b, r->cells[c]);
					buf_putc(b, '\n');
				}
			continue;
		}
		buf_puts(b, "  - ");
		row_yaml(im, ci, r, b, "    ", 1);
	}
}

static int
write_item(struct imp *im, const char *dir, size_t si, const char *sub,
    const struct xrow *r)
{
	struct buf b;
	const char *id = si == 0 ? NULL : row_id(im, si, r);
	int bc = -1;
	char *path;
	int rc;

	if (si != 0 && id == NULL) {
		cell_error(im, im->sh[si], r->r, 0, "缺少编号%s%s", "", "");
		return -1;
	}
	buf_init(&b);
	buf_puts(&b, "---\n");
	row_yaml(im, si, r, &b, "", 0);
	switch (sheetdefs[si].kind) {
	case KIND_MATTER: {
		/* materials go after conditions; keys order is approximate */
		struct buf m;

		buf_init(&m);
		children(im, 3, "事项编号", id, "materials", &m);
		children(im, 4, "事项编号", id, "fee", &m);
		if (colof(im, si, R_KEY, "procedure", NULL) < 0 ||
		    get(r, colof(im, si, R_KEY, "procedure", NULL)) == NULL)
			children(im, 6, "事项编号", id, "procedure", &m);
		buf_putn(&b, m.data, m.len);
		buf_free(&m);
		break;
	}
	case KIND_PROCEDURE:
		children(im, 6, "流程编号", id, "steps", &b);
		break;
	case KIND_OFFICE:
		children(im, 8, "办理地点编号", id, "hours", &b);
		children(im, 9, "办理地点编号", id, "windows", &b);
		break;
	default:
		break;
	}
	{
		int first = 1;

		for (int c = 0; c < im->ncols[si]; c++) {
			if (im->cols[si][c].role == R_BODY)
				bc = c;
			if (im->cols[si][c].role != R_EXTRA ||
			    get(r, c) == NULL)
				continue;
			if (first)
				buf_puts(&b, "extra:\n");
			first = 0;
			buf_puts(&b, "  ");
			yq(&b, im->cols[si][c].extra);
			buf_puts(&b, ": ");
			yq(&b, get(r, c));
			buf_putc(&b, '\n');
		}
	}
	buf_puts(&b, "---\n");
	if (get(r, bc) != NULL) {
		/* the body as the model keeps it: from after the --- */
		buf_puts(&b, get(r, bc));
		if (b.len && b.data[b.len - 1] != '\n')
			buf_putc(&b, '\n');
	}
	if (si == 0)
		path = xasprintf("%s/edition.md", dir);
	else {
		char *d = xasprintf("%s/%s", dir, sub);

		mkdir_p(d);
		free(d);
		if (strchr(id, '/') || id[0] == '.') {
			cell_error(im, im->sh[si], r->r, 0, "编号“%s”不能含 / "
			    "或以 . 开头%s", id, "");
			buf_free(&b);
			return -1;
		}
		path = xasprintf("%s/%s/%s.md", dir, sub, id);
	}
	if (access(path, F_OK) == 0) {
		cell_error(im, im->sh[si], r->r, 0, "编号“%s”重复%s", id ?
		    id : "", "");
		rc = -1;
	} else
		rc = file_write(path, b.data, b.len);
	free(path);
	buf_free(&b);
	return rc;
}

static int
str_has_suffix_csv(const char *s)
{
	size_t n = strlen(s);

	return n > 4 && strcasecmp(s + n - 4, ".csv") == 0;
}

int
xlsx_import(const char *dir, char *const files[], int nfiles)
{
	const char *file = files[0];
	struct imp im;
	struct xbook bk;
	char err[512], *tmp;
	static const char *const subs[] = { "", "guides", "matters", NULL,
	    NULL, "procedures", NULL, "offices", NULL, NULL };
	int rc = 0;

	memset(&im, 0, sizeof(im));
	im.file = file;
	memset(&bk, 0, sizeof(bk));
	if (nfiles == 1 && !str_has_suffix_csv(file)) {
		if (xlsx_read(file, &bk, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s: error: %s\n", file, err);
			return 2;
		}
	} else
		for (int i = 0; i < nfiles; i++) {
			const char *base = strrchr(files[i], '/');
			struct xsheet *sh;

			base = base ? base + 1 : files[i];
			if (!str_has_suffix_csv(base)) {
				fprintf(stderr, "%s: error: 多个文件时应都是 "
				    ".csv（每个工作表一个）\n", files[i]);
				xbook_free(&bk);
				return 3;
			}
			bk.sheets = xreallocarray(bk.sheets, bk.nsheets + 1,
			    sizeof(*bk.sheets));
			sh = &bk.sheets[bk.nsheets++];
			memset(sh, 0, sizeof(*sh));
			sh->name = xstrndup(base, strlen(base) - 4);
			if (csv_read(files[i], sh, err, sizeof(err)) == -1) {
				fprintf(stderr, "%s: error: %s\n", files[i],
				    err);
				xbook_free(&bk);
				return 2;
			}
		}
	for (size_t i = 0; i < bk.nsheets; i++) {
		size_t j;

		for (j = 0; j < NSHEETS; j++)
			if (strcmp(bk.sheets[i].name, sheetdefs[j].name) == 0)
				break;
		if (j == NSHEETS) {
			fprintf(stderr, "%s:%s: warning: 未知的工作表，未导入\n",
			    file, bk.sheets[i].name);
			continue;
		}
		im.sh[j] = &bk.sheets[i];
		if (nfiles > 1 || str_has_suffix_csv(file))
			im.csvfile[j] = files[i];
		header(&im, j);
	}
	if (im.sh[0] == NULL || im.sh[0]->nrows < 2) {
		fprintf(stderr, "%s: error: 缺少工作表“版本”或其数据行\n", file);
		rc = 2;
		goto out;
	}
	if (access(dir, F_OK) == 0) {
		fprintf(stderr, "ybt: %s 已存在：导入只写新文件夹\n", dir);
		rc = 3;
		goto out;
	}
	tmp = xasprintf("%s.import%ld", dir, (long)getpid());
	rm_rf(tmp);
	if (mkdir_p(tmp) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", tmp, strerror(errno));
		free(tmp);
		rc = 3;
		goto out;
	}
	if (im.errors == 0)
		for (size_t si = 0; si < NSHEETS; si++) {
			if (subs[si] == NULL || im.sh[si] == NULL)
				continue;
			for (size_t i = 1; i < im.sh[si]->nrows; i++) {
				write_item(&im, tmp, si, subs[si],
				    &im.sh[si]->rows[i]);
				if (si == 0)
					break;
			}
		}
	if (im.errors == 0 && rename(tmp, dir) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", dir, strerror(errno));
		rc = 3;
	}
	if (im.errors) {
		rm_rf(tmp);
		fprintf(stderr, "ybt: 有错误，未导入；%s 保持原样\n", dir);
		rc = 2;
	}
	free(tmp);
out:
	for (size_t i = 0; i < NSHEETS; i++) {
		for (int c = 0; c < im.ncols[i]; c++)
			free(im.cols[i][c].extra);
		free(im.cols[i]);
	}
	xbook_free(&bk);
	return rc;
}
