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
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "keys.h"
#include "source.h"
#include "import.h"
#include "xlsx_read.h"
#include "xlsx.h"

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
static const char *const l_scope[] = { "全市通办", "全省通办", "跨省通办",
    "就近办", NULL };
static const char *const l_gaud[] = { "个人", "法人", NULL };
static const char *const l_maud[] = { "个人", "法人", "其他组织", NULL };
static const char *const l_deliv[] = { "窗口领取", "邮寄", "电子证照",
    "网上下载", "自行打印", "短信通知", "当场告知", NULL };
static const char *const l_yesno[] = { "是", "否", "true", "false", NULL };

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

/*
 * Control characters in the cells of sheet si: a vertical tab is the
 * line break Word puts in text pasted into Excel (Shift+Enter), so it
 * becomes one, and carriage returns go (the line ends of CSV and
 * Excel: nothing after reads a cell with one); any
 * other that no source may hold (source_control, the same rule as
 * the sources') is an error at its cell: written into a source, it
 * would stop the next check.
 */
static void
control_cells(struct imp *im, size_t si)
{
	const struct xsheet *sh = im->sh[si];
	char cp_name[16];
	unsigned cp;

	for (size_t r = 0; r < sh->nrows; r++)
		for (int c = 0; c < sh->rows[r].ncells; c++) {
			char *v = sh->rows[r].cells[c], *w;

			if (v == NULL)
				continue;
			for (w = v; *v != '\0'; v++)
				if (*v != '\r')
					*w++ = *v == '\v' ? '\n' : *v;
			*w = '\0';
			v = sh->rows[r].cells[c];
			if (source_control(v, strlen(v), &cp) != NULL) {
				snprintf(cp_name, sizeof(cp_name), "U+%04X", cp);
				cell_error(im, sh, sh->rows[r].r, c,
				    "单元格含有控制字符 %s：请删去它%s", cp_name, "");
			}
		}
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

	imp_find_header(sd, sh);
	if (sh->nrows == 0)
		return;
	hr = &sh->rows[0];
	im->ncols[si] = hr->ncells;
	im->cols[si] = xcalloc((size_t)hr->ncells + 1, sizeof(struct hcol));
	for (int c = 0; c < hr->ncells; c++) {
		struct hcol *hc = &im->cols[si][c];
		const char *h = hr->cells[c], *near;

		hc->role = R_NOTE;
		if (h == NULL || h[0] == '\0')
			continue;
		if (imp_classify(sd, h, hc) == 0) {
			if (hc->role == R_EXTRA && hc->extra[0] == '\0')
				cell_error(im, sh, hr->r, c, "列“%s”没有写出"
				    "扩展字段的名字（应写成“扩展:字段名”）%s",
				    h, "");
			continue;
		}
		if ((near = nearest(sd->kind, h)) != NULL)
			cell_error(im, sh, hr->r, c, "未知的列“%s”；"
			    "是不是“%s”？", h, near);
		else
			cell_error(im, sh, hr->r, c, "未知的列“%s”"
			    "（列名应为键名，或以“扩展:”开头）%s", h, "");
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

/* A cell's text as a YAML double-quoted scalar (control_cells has
 * taken out the carriage returns of its line ends: CSV, Excel). */
static void
yq(struct buf *b, const char *v)
{
	buf_yaml_quoted(b, v);
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

/* Is v one of l? If not, an error at the cell in the words of a
 * source's (model_fields.c enum_ok): the column, the allowed values and
 * the nearest. */
static int
check_enum(struct imp *im, const struct xsheet *sh, const struct xrow *r,
    int c, const char *v, const char *const *l)
{
	const char *col = sh->nrows > 0 ? get(&sh->rows[0], c) : NULL;
	const char *best;
	struct buf b;
	size_t n;

	for (n = 0; l[n]; n++)
		if (strcmp(v, l[n]) == 0)
			return 0;
	buf_init(&b);
	buf_printf(&b, "“%s”的值“%s”无效：应为 ", col ? col : "", v);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", l[i]);
	buf_puts(&b, " 之一");
	if ((best = diag_suggest(v, l, n)) != NULL)
		buf_printf(&b, "；是否想写“%s”？", best);
	buf_putc(&b, '\0');
	cell_error(im, sh, r->r, c, "%s%s", b.data, "");
	buf_free(&b);
	return -1;
}

/* Each entry of list cell v one of l. */
static void
check_enums(struct imp *im, const struct xsheet *sh, const struct xrow *r,
    int c, const char *v, const char *const *l)
{
	size_t n;
	char **e = entries(v, &n, 1);

	for (size_t i = 0; i < n; i++) {
		check_enum(im, sh, r, c, e[i], l);
		free(e[i]);
	}
	free(e);
}

/* A whole number (到现场次数, 办结时限.法定, 份数 …), as sources want. */
static void
check_int(struct imp *im, const struct xsheet *sh, const struct xrow *r,
    int c, const char *v)
{
	const char *col = sh->nrows > 0 ? get(&sh->rows[0], c) : NULL;
	const char *p = v + (*v == '-');

	if (*p != '\0' && strspn(p, "0123456789") == strlen(p) &&
	    strlen(p) < 10)
		return;
	cell_error(im, sh, r->r, c, "“%s”应为整数（如 5），这里是“%s”",
	    col ? col : "", v);
}

/* The value of a date cell, normalised (an error at the cell, and the
 * cell as it is, when it is no date). */
static const char *
cell_date(struct imp *im, const struct xsheet *sh, const struct xrow *r,
    int c, const char *v, char nd[32])
{
	char sd[48];

	switch (imp_norm_date(v, nd)) {
	case 0:
		return nd;
	case -2:
		cell_error(im, sh, r->r, c, "“%s”不是存在的日期%s", v,
		    "（如 2 月没有 30 日）");
		return v;
	}
	if (is_number(v) && xlsx_serial_date(v, 0, sd) == 0)
		cell_error(im, sh, r->r, c, "“%s”是数字而不是日期（电子表格把"
		    "日期存成了序列号，相当于 %s）：请写成 2026-10-15 这样的日期，"
		    "或把单元格设为日期格式", v, sd);
	else
		cell_error(im, sh, r->r, c, "“%s”不是日期（应为 2026-10-15）%s",
		    v, "");
	return v;
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
		enum kind sk = imp_sub_kind(en);
		int c;
		const char *v;
		char nd[32];

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
				if (numeric_key(st[j].en) || (sk == KIND_PROMISE &&
				    strcmp(st[j].en, "time_limit") == 0))
					check_int(im, sh, r, c, v);
				if (strcmp(st[j].en, "delivery") == 0)
					check_enums(im, sh, r, c, v, l_deliv);
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
		if (strcmp(en, "scope") == 0)
			check_enum(im, sh, r, c, v, l_scope);
		if (strcmp(en, "shared") == 0)
			check_enum(im, sh, r, c, v, l_yesno);
		if (strcmp(en, "audience") == 0 && sd->kind == KIND_GUIDE)
			check_enum(im, sh, r, c, v, l_gaud);
		if (strcmp(en, "audience") == 0 && sd->kind == KIND_MATTER)
			check_enums(im, sh, r, c, v, l_maud);
		if (numeric_key(en))
			check_int(im, sh, r, c, v);
		if ((strcmp(en, "updated") == 0 || strcmp(en, "date") == 0))
			v = cell_date(im, sh, r, c, v, nd);
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
 * list under key en; how many. */
static int
children(struct imp *im, size_t ci, const char *pname, const char *id,
    const char *en, struct buf *b)
{
	struct xsheet *sh = im->sh[ci];
	int pc = colof(im, ci, R_PARENT, pname, NULL);
	int any = 0;

	if (sh == NULL || pc < 0)
		return 0;
	for (size_t i = 1; i < sh->nrows; i++) {
		const struct xrow *r = &sh->rows[i];
		const char *p = get(r, pc);

		if (p == NULL || strcmp(p, id) != 0)
			continue;
		if (sheetdefs[ci].kind == KIND_FEE &&
		    str_eq(get(r, colof(im, ci, R_KEY, "item", NULL)),
		    "不收费")) {
			buf_printf(b, "%s: 不收费\n", en);
			return 1;
		}
		if (!any)
			buf_printf(b, "%s:\n", en);
		any++;
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
	return any;
}

/*
 * The value of 扩展: cell c of row r: its text, or, when it is written
 * as YAML (xlsx.h: it begins with { or [, or is one double-quoted
 * string), the mapping, list or text it reads as, in flow style.
 */
static void
extra_value(struct imp *im, size_t si, const struct xrow *r, int c,
    struct buf *b)
{
	const char *v = get(r, c);
	const struct diag_rec *d;
	struct ynode *y;
	size_t nd;

	if (!xlsx_extra_yaml(v)) {
		yq(b, v);
		return;
	}
	diag_flush();	/* what came before; then this cell's only */
	y = source_yaml(im->file, v, strlen(v), 1);
	if (y == NULL || y->type == YN_SCALAR) {
		if (y != NULL)
			yq(b, y->str);
		else {
			nd = diag_records(&d);
			cell_error(im, im->sh[si], r->r, c, "扩展字段的值以"
			    "“{”“[”或“\"”开头，按 YAML 流式写法读取：%s"
			    "（若是文字，请整个用双引号括起，如 \"[内部]说明\"）%s",
			    nd > 0 ? d[nd - 1].msg : "读不出来", "");
			diag_forget();
			buf_puts(b, "\"\"");
		}
	} else
		xlsx_extra_text(b, y);
	ynode_free(y);
}

/* The source text of the item of row r of sheet si into b; its id
 * (NULL for the edition) in *idp. -1 (reported) without an id. */
static int
item_text(struct imp *im, size_t si, const struct xrow *r, struct buf *b,
    const char **idp)
{
	const char *id = si == 0 ? NULL : row_id(im, si, r);
	int bc = -1;

	*idp = id;
	if (si != 0 && id == NULL) {
		cell_error(im, im->sh[si], r->r, 0, "缺少编号%s%s", "", "");
		return -1;
	}
	if (id != NULL && (strchr(id, '/') || id[0] == '.')) {
		cell_error(im, im->sh[si], r->r, colof(im, si, R_KEY, "id",
		    NULL), "编号“%s”不能含 / 或以 . 开头%s", id, "");
		return -1;
	}
	buf_init(b);
	buf_puts(b, "---\n");
	row_yaml(im, si, r, b, "", 0);
	switch (sheetdefs[si].kind) {
	case KIND_MATTER: {
		/* materials go after conditions; keys order is approximate */
		struct buf m;

		buf_init(&m);
		if (children(im, 3, "事项编号", id, "materials", &m) == 0 &&
		    im->sh[3] != NULL)
			buf_puts(&m, "materials: []\n");
		children(im, 4, "事项编号", id, "fee", &m);
		if (colof(im, si, R_KEY, "procedure", NULL) < 0 ||
		    get(r, colof(im, si, R_KEY, "procedure", NULL)) == NULL)
			children(im, 6, "事项编号", id, "procedure", &m);
		buf_putn(b, m.data, m.len);
		buf_free(&m);
		break;
	}
	case KIND_PROCEDURE:
		children(im, 6, "流程编号", id, "steps", b);
		break;
	case KIND_OFFICE:
		children(im, 8, "办理地点编号", id, "hours", b);
		children(im, 9, "办理地点编号", id, "windows", b);
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
				buf_puts(b, "extra:\n");
			first = 0;
			buf_puts(b, "  ");
			yq(b, im->cols[si][c].extra);
			buf_puts(b, ": ");
			extra_value(im, si, r, c, b);
			buf_putc(b, '\n');
		}
	}
	buf_puts(b, "---\n");
	if (get(r, bc) != NULL) {
		/* the body as the model keeps it: from after the --- */
		buf_puts(b, get(r, bc));
		if (b->len && b->data[b->len - 1] != '\n')
			buf_putc(b, '\n');
	}
	return 0;
}

/* The keys sheet si holds for each of its items (import.h). */
static void
sheet_held(struct imp *im, size_t si, struct held *h)
{
	static const struct { size_t si, ci; const char *parent, *en; }
	    kids[] = {
		{ 2, 3, "事项编号", "materials" }, { 2, 4, "事项编号", "fee" },
		{ 2, 6, "事项编号", "procedure" },
		{ 5, 6, "流程编号", "steps" },
		{ 7, 8, "办理地点编号", "hours" },
		{ 7, 9, "办理地点编号", "windows" },
	};
	char *s;

	for (int c = 0; c < im->ncols[si]; c++) {
		const struct hcol *hc = &im->cols[si][c];

		switch (hc->role) {
		case R_KEY:
			held_add(h, hc->en);
			break;
		case R_SUB:
			held_add(h, hc->en);
			s = xasprintf("%s.%s", hc->en, hc->suben);
			held_add(h, s);
			free(s);
			break;
		case R_BODY:
			held_add(h, "body");
			break;
		case R_EXTRA:
			held_add(h, "extra");
			s = xasprintf("extra.%s", hc->extra);
			held_add(h, s);
			free(s);
			break;
		default:
			break;
		}
	}
	for (size_t i = 0; i < sizeof(kids) / sizeof(kids[0]); i++) {
		size_t ci = kids[i].ci;

		if (kids[i].si != si || im->sh[ci] == NULL ||
		    colof(im, ci, R_PARENT, kids[i].parent, NULL) < 0)
			continue;
		held_add(h, kids[i].en);
		for (int c = 0; c < im->ncols[ci]; c++)
			if (im->cols[ci][c].role == R_KEY) {
				s = xasprintf("%s.%s", kids[i].en,
				    im->cols[ci][c].en);
				held_add(h, s);
				free(s);
			}
	}
}

static int
str_has_suffix_csv(const char *s)
{
	size_t n = strlen(s);

	return n > 4 && strcasecmp(s + n - 4, ".csv") == 0;
}

static const char *const subs[] = { "", "guides", "matters", NULL, NULL,
    "procedures", NULL, "offices", NULL, NULL };

/* The parent column of a child row names an item of the parent sheet;
 * else an error at the cell with the nearest id or those that exist. */
static void
check_parents(struct imp *im)
{
	static const struct { size_t ci; const char *col; size_t pi; } t[] = {
		{ 3, "事项编号", 2 }, { 4, "事项编号", 2 },
		{ 6, "流程编号", 5 }, { 6, "事项编号", 2 },
		{ 8, "办理地点编号", 7 }, { 9, "办理地点编号", 7 },
	};

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		size_t ci = t[k].ci, pi = t[k].pi;
		int pc = im->sh[ci] ? colof(im, ci, R_PARENT, t[k].col, NULL) :
		    -1;

		if (pc < 0)
			continue;
		for (size_t i = 1; i < im->sh[ci]->nrows; i++) {
			const struct xrow *r = &im->sh[ci]->rows[i];
			const char *v = get(r, pc), *near = NULL;
			unsigned bd = 4;
			struct buf b;
			size_t np;
			int found;

			if (v == NULL) {
				if (ci == 6 && (get(r, colof(im, 6, R_PARENT,
				    "流程编号", NULL)) != NULL || get(r,
				    colof(im, 6, R_PARENT, "事项编号", NULL))
				    != NULL))
					continue;
				cell_error(im, im->sh[ci], r->r, pc,
				    "缺少%s（这一行属于哪一项？）%s", t[k].col,
				    "");
				continue;
			}
			np = im->sh[pi] ? im->sh[pi]->nrows : 0;
			found = 0;
			for (size_t j = 1; j < np && !found; j++) {
				const char *id = row_id(im, pi, &im->sh[pi]->
				    rows[j]);
				unsigned d;

				if (id == NULL)
					continue;
				if (strcmp(id, v) == 0)
					found = 1;
				else if ((d = levenshtein(v, id)) < bd) {
					bd = d;
					near = id;
				}
			}
			if (found)
				continue;
			buf_init(&b);
			if (near != NULL)
				buf_printf(&b, "；是不是“%s”？", near);
			else if (im->sh[pi] == NULL || im->sh[pi]->nrows < 2)
				buf_printf(&b, "（工作簿中没有“%s”工作表或其数据行）",
				    sheetdefs[pi].name);
			else {
				size_t n = im->sh[pi]->nrows - 1;

				buf_puts(&b, "；现有的编号：");
				for (size_t j = 1; j <= n && j <= 5; j++)
					buf_printf(&b, "%s%s", j > 1 ? "、" :
					    "", row_id(im, pi,
					    &im->sh[pi]->rows[j]) ? row_id(im,
					    pi, &im->sh[pi]->rows[j]) : "?");
				if (n > 5)
					buf_printf(&b, " 等 %zu 个", n);
			}
			buf_putc(&b, '\0');
			{
				char *msg = xasprintf("%s“%%s”不在工作表“%s”中%%s",
				    t[k].col, sheetdefs[pi].name);

				cell_error(im, im->sh[ci], r->r, pc, msg, v,
				    b.data);
				free(msg);
			}
			buf_free(&b);
		}
	}
}

struct rowid {
	const char	*id;
	int		 r;
};

static int
rowid_cmp(const void *a, const void *b)
{
	const struct rowid *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : x->r - y->r;
}

/* Two rows of one sheet with one id: an error at the second. */
static void
check_dups(struct imp *im, size_t si)
{
	struct rowid *v;
	size_t n = 0;
	int ic = colof(im, si, R_KEY, "id", NULL);

	if (im->sh[si] == NULL || ic < 0)
		return;
	v = xcalloc(im->sh[si]->nrows + 1, sizeof(*v));
	for (size_t i = 1; i < im->sh[si]->nrows; i++)
		if ((v[n].id = row_id(im, si, &im->sh[si]->rows[i])) != NULL)
			v[n++].r = im->sh[si]->rows[i].r;
	xqsort(v, n, sizeof(*v), rowid_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i].id, v[i - 1].id) == 0) {
			char *m = xasprintf("编号“%%s”重复（第 %d 行已有）%%s",
			    v[i - 1].r);

			cell_error(im, im->sh[si], v[i].r, ic, m, v[i].id, "");
			free(m);
		}
	free(v);
}

/* Does the workbook hold any item that is not 主动公开? (A build's
 * workbook holds published items only: pruning by it would remove the
 * non-public ones.) */
static int
has_hidden(struct imp *im)
{
	for (size_t si = 1; si < NSHEETS; si++) {
		int c = im->sh[si] ? colof(im, si, R_KEY, "disclosure", NULL) :
		    -1;

		for (size_t i = 1; c >= 0 && i < im->sh[si]->nrows; i++) {
			const char *v = get(&im->sh[si]->rows[i], c);

			if (v != NULL && strcmp(v, "主动公开") != 0)
				return 1;
		}
	}
	return 0;
}

/* Import into the existing edition folder dir. */
static int
update(struct imp *im, const char *dir, int prune)
{
	struct upd_index ix;
	struct upd_plan pl;
	struct buf msg;
	char *hotline = NULL;
	int hid = has_hidden(im), rc = 0;

	memset(&ix, 0, sizeof(ix));
	memset(&pl, 0, sizeof(pl));
	buf_init(&msg);
	upd_index_read(dir, &ix);
	{
		int hc = colof(im, 0, R_KEY, "hotline", NULL);

		hotline = get(&im->sh[0]->rows[1], hc) ?
		    xstrdup(get(&im->sh[0]->rows[1], hc)) :
		    upd_edition_key(dir, "hotline");
	}
	for (size_t si = 0; si < NSHEETS; si++) {
		struct held h;

		if (subs[si] == NULL || im->sh[si] == NULL)
			continue;
		memset(&h, 0, sizeof(h));
		sheet_held(im, si, &h);
		for (size_t i = 1; i < im->sh[si]->nrows; i++) {
			struct buf b, what;
			const char *id;
			struct upd_file *f = NULL;
			char *path, *out = NULL, *rel;
			int inherited = 0;

			if (item_text(im, si, &im->sh[si]->rows[i], &b,
			    &id) == -1)
				continue;
			if (si == 0) {
				path = xasprintf("%s/edition.md", dir);
				rel = xstrdup("edition.md");
			} else if ((f = upd_index_find(&ix, subs[si], id)) != NULL) {
				f->seen = 1;
				path = xasprintf("%s/%s", dir, f->rel);
				rel = xstrdup(f->rel);
			} else {
				path = upd_base_file(dir, subs[si], id);
				inherited = path != NULL;
				rel = xasprintf("%s/%s.md", subs[si], id);
			}
			buf_init(&what);
			if (path == NULL || access(path, F_OK) != 0) {
				buf_putc(&b, '\0');
				upd_plan_add(&pl, rel, buf_detach(&b));
				buf_printf(&msg, "ybt: 新增 %s\n", rel);
				pl.nadd++;
			} else if (upd_merge(sheetdefs[si].kind, path, b.data,
			    b.len, &h, hotline, &out, &what) == -1) {
				im->errors++;
				free(rel);
			} else if (out != NULL) {
				upd_plan_add(&pl, rel, out);
				buf_putc(&what, '\0');
				buf_printf(&msg, "ybt: %s %s：%s\n", inherited ?
				    "新增（覆盖继承的同名条目）" : "更新", rel,
				    what.data);
				if (inherited)
					pl.nadd++;
				else
					pl.nupd++;
			} else
				free(rel);
			buf_free(&what);
			buf_free(&b);
			free(path);
			if (si == 0)
				break;
		}
		held_free(&h);
	}
	for (size_t i = 0; i < ix.n; i++) {
		struct upd_file *f = &ix.v[i];
		char *path, *disc;

		size_t si;

		for (si = 1; si < NSHEETS; si++)
			if (subs[si] != NULL && strcmp(subs[si], f->sub) == 0)
				break;
		if (f->seen || si == NSHEETS || im->sh[si] == NULL)
			continue;
		path = xasprintf("%s/%s", dir, f->rel);
		disc = upd_file_disclosure(path);
		if (!prune)
			buf_printf(&msg, "ybt: 工作簿中没有 %s（保留；加 --prune "
			    "删除）\n", f->rel);
		else if (!hid && disc != NULL && strcmp(disc, "主动公开") != 0)
			buf_printf(&msg, "ybt: 工作簿中没有 %s，但它不是主动公开"
			    "的条目，而工作簿只有公开条目（ybt build 的工作簿？）："
			    "保留；要删除请用 ybt export 的工作簿或手工删除\n",
			    f->rel);
		else {
			upd_plan_add(&pl, xstrdup(f->rel), NULL);
			buf_printf(&msg, "ybt: 删除 %s（--prune）\n", f->rel);
			pl.ndel++;
		}
		free(disc);
		free(path);
	}
	diag_flush();
	if (!im->errors && msg.len > 0)
		fwrite(msg.data, 1, msg.len, stderr);
	if (im->errors) {
		fprintf(stderr, "ybt: 有错误，未导入；%s 保持原样\n", dir);
		rc = 2;
	} else if (pl.n == 0)
		fprintf(stderr, "ybt: %s 与工作簿一致，没有变化\n", dir);
	else if (upd_apply(dir, &pl) == -1) {
		fprintf(stderr, "ybt: 写入失败，%s 保持原样\n", dir);
		rc = 3;
	} else
		fprintf(stderr, "ybt: %s：更新 %d 项，新增 %d 项，删除 %d 项\n",
		    dir, pl.nupd, pl.nadd, pl.ndel);
	for (size_t i = 0; i < pl.n; i++) {
		free(pl.v[i].rel);
		free(pl.v[i].text);
	}
	free(pl.v);
	buf_free(&msg);
	free(hotline);
	upd_index_free(&ix);
	return rc;
}

/* Write a new edition folder dir (under a temporary name, renamed into
 * place when all went well). */
static int
create(struct imp *im, const char *dir)
{
	char *tmp = xasprintf("%s.import%ld", dir, (long)getpid());
	int rc = 0;

	rm_rf(tmp);
	if (mkdir_p(tmp) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", tmp, zh_strerror(errno));
		free(tmp);
		return 3;
	}
	for (size_t si = 0; im->errors == 0 && si < NSHEETS; si++) {
		if (subs[si] == NULL || im->sh[si] == NULL)
			continue;
		for (size_t i = 1; i < im->sh[si]->nrows; i++) {
			struct buf b;
			const char *id;
			char *path;

			if (item_text(im, si, &im->sh[si]->rows[i], &b,
			    &id) == -1)
				continue;
			if (si == 0)
				path = xasprintf("%s/edition.md", tmp);
			else {
				char *d = xasprintf("%s/%s", tmp, subs[si]);

				mkdir_p(d);
				free(d);
				path = xasprintf("%s/%s/%s.md", tmp, subs[si],
				    id);
			}
			if (file_write(path, b.data, b.len) == -1) {
				fprintf(stderr, "ybt: %s: %s\n", path,
				    zh_strerror(errno));
				im->errors++;
				rc = 3;
			}
			free(path);
			buf_free(&b);
			if (si == 0)
				break;
		}
	}
	if (im->errors == 0 && rename(tmp, dir) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", dir, zh_strerror(errno));
		rc = 3;
	}
	if (im->errors) {
		rm_rf(tmp);
		fprintf(stderr, "ybt: 有错误，未导入；%s 没有写出\n", dir);
		if (rc == 0)
			rc = 2;
	}
	free(tmp);
	return rc;
}

int
xlsx_import(const char *dir, char *const files[], int nfiles, int prune)
{
	const char *file = files[0];
	struct imp im;
	struct xbook bk;
	char err[512];
	struct stat st;
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

		/* a sheet named 事项.csv: CSV files merged into a
		 * workbook (ssconvert --merge-to) */
		if (str_has_suffix_csv(bk.sheets[i].name))
			bk.sheets[i].name[strlen(bk.sheets[i].name) - 4] =
			    '\0';
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
		control_cells(&im, j);	/* before any cell is read */
		header(&im, j);
	}
	if (im.sh[0] == NULL || im.sh[0]->nrows < 2) {
		fprintf(stderr, "%s: error: 缺少工作表“版本”或其数据行\n", file);
		rc = 2;
		goto out;
	}
	check_parents(&im);
	for (size_t si = 1; si < NSHEETS; si++)
		if (subs[si] != NULL)
			check_dups(&im, si);
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode) || access(dir, W_OK) != 0) {
			fprintf(stderr, "ybt: %s 不是可写的文件夹\n", dir);
			rc = 3;
		} else
			rc = update(&im, dir, prune);
	} else if (im.errors) {
		fprintf(stderr, "ybt: 有错误，未导入；%s 没有写出\n", dir);
		rc = 2;
	} else
		rc = create(&im, dir);
out:
	for (size_t i = 0; i < NSHEETS; i++) {
		for (int c = 0; c < im.ncols[i]; c++)
			free(im.cols[i][c].extra);
		free(im.cols[i]);
	}
	xbook_free(&bk);
	return rc;
}
