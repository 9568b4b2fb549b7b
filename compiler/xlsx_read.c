/*
 * xlsx_read.c — read an .xlsx workbook (Office Open XML, as Excel, WPS,
 * LibreOffice, Gnumeric or ybt write it) into sheets of text cells:
 * shared strings, inline strings, numbers as written. The only file
 * that includes zip.h. Every part read is bounded (xlsx_read.h's
 * limits); XML is parsed without network, entities or DTDs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util.h"
#include "xlsx_read.h"

struct rd {
	zip_t		*z;
	size_t		 total;
	char		*err;
	size_t		 errlen;
	char		**sst;
	size_t		 nsst;
	unsigned char	*datexf;	/* [style index]: a date format */
	size_t		 nxf;
	int		 date1904;
};

static int
fail(struct rd *r, const char *fmt, const char *a)
{
	snprintf(r->err, r->errlen, fmt, a);
	return -1;
}

void
xlsx_colname(int col, char buf[8])
{
	char t[8];
	int n = 0;

	col++;
	while (col > 0 && n < 7) {
		t[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = t[n - 1 - i];
	buf[n] = '\0';
}

/* A part's bytes, NUL-terminated; NULL (and *missing) if absent. */
static char *
part(struct rd *r, const char *name, size_t *len, int *missing)
{
	zip_stat_t st;
	zip_file_t *f;
	char *b;
	size_t n = 0;
	zip_int64_t k;

	*missing = 0;
	if (strstr(name, "..") != NULL || name[0] == '/') {
		fail(r, "工作簿中的部件路径“%s”离开了工作簿（拒绝读取）", name);
		return NULL;
	}
	zip_stat_init(&st);
	if (zip_stat(r->z, name, 0, &st) == -1) {
		*missing = 1;
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART) {
		fail(r, "部件 %s 解压后超过 64 MB（XLSX_MAX_PART）", name);
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    st.size > (1u << 20) &&
	    st.size / (st.comp_size ? st.comp_size : 1) > XLSX_MAX_RATIO) {
		fail(r, "部件 %s 压缩比超过 200 倍，疑似压缩炸弹"
		    "（XLSX_MAX_RATIO）", name);
		return NULL;
	}
	if ((f = zip_fopen(r->z, name, 0)) == NULL) {
		fail(r, "无法读取部件 %s", name);
		return NULL;
	}
	b = xmalloc(65536 + 1);
	for (;;) {
		size_t cap = n + 65536;

		b = xrealloc(b, cap + 1);
		if ((k = zip_fread(f, b + n, 65536)) < 0) {
			zip_fclose(f);
			free(b);
			fail(r, "部件 %s 已损坏", name);
			return NULL;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > XLSX_MAX_PART || r->total + n > XLSX_MAX_TOTAL) {
			zip_fclose(f);
			free(b);
			fail(r, "部件 %s 解压后超过上限（XLSX_MAX_PART / "
			    "XLSX_MAX_TOTAL），疑似压缩炸弹", name);
			return NULL;
		}
	}
	zip_fclose(f);
	b[n] = '\0';
	r->total += n;
	*len = n;
	return b;
}

static xmlDocPtr
parse(struct rd *r, const char *name, int optional)
{
	size_t len;
	int missing;
	char *b = part(r, name, &len, &missing);
	xmlDocPtr d;

	if (b == NULL) {
		if (missing && !optional)
			fail(r, "不是 xlsx 工作簿：缺少部件 %s", name);
		return NULL;
	}
	if (len > 0 && strstr(b, "<!DOCTYPE") != NULL) {
		free(b);
		fail(r, "部件 %s 含 DOCTYPE/实体声明（拒绝读取）", name);
		return NULL;
	}
	d = xmlReadMemory(b, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
	free(b);
	if (d == NULL || xmlDocGetRootElement(d) == NULL) {
		if (d)
			xmlFreeDoc(d);
		fail(r, "部件 %s 不是格式正确的 XML", name);
		return NULL;
	}
	if (d->intSubset != NULL) {
		xmlFreeDoc(d);
		fail(r, "部件 %s 含 DOCTYPE/实体声明（拒绝读取）", name);
		return NULL;
	}
	return d;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The text of every <t> below n (rich text runs joined), skipping
 * phonetic runs (<rPh>). */
static void
texts(xmlNodePtr n, struct buf *b)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (is(c, "rPh"))
			continue;
		if (is(c, "t")) {
			xmlChar *v = xmlNodeGetContent(c);

			if (v != NULL) {
				buf_puts(b, (const char *)v);
				xmlFree(v);
			}
		} else if (c->type == XML_ELEMENT_NODE)
			texts(c, b);
	}
}

static int
read_sst(struct rd *r)
{
	xmlDocPtr d = parse(r, "xl/sharedStrings.xml", 1);
	size_t cap = 0;

	if (d == NULL)
		return r->err[0] ? -1 : 0;
	for (xmlNodePtr c = xmlDocGetRootElement(d)->children; c != NULL;
	    c = c->next) {
		struct buf b;

		if (!is(c, "si"))
			continue;
		buf_init(&b);
		texts(c, &b);
		buf_putc(&b, '\0');
		if (b.len > XLSX_MAX_CELL) {
			buf_free(&b);
			xmlFreeDoc(d);
			return fail(r, "共享字符串超过 1 MB（XLSX_MAX_CELL）",
			    "");
		}
		if (r->nsst == cap) {
			cap = cap ? cap * 2 : 256;
			r->sst = xreallocarray(r->sst, cap, sizeof(*r->sst));
		}
		r->sst[r->nsst++] = buf_detach(&b);
	}
	xmlFreeDoc(d);
	return 0;
}

/* Is number format id (with format code, if custom) a date? The
 * built-in ids 14–22 and the East Asian 27–36, 50–58; a custom code
 * with y, m or d outside quotes and brackets (time-only codes are
 * not dates). */
static int
date_format(long id, const char *code)
{
	int q = 0, br = 0, dy = 0;

	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return 1;
	if (code == NULL)
		return 0;
	for (const char *c = code; *c; c++) {
		if (*c == '"')
			q = !q;
		else if (q)
			continue;
		else if (*c == '\\' && c[1])
			c++;
		else if (*c == '[')
			br = 1;
		else if (*c == ']')
			br = 0;
		else if (!br && strchr("yYdDeE", *c))
			dy = 1;
	}
	return dy;
}

/* xl/styles.xml: which cell styles show a date. */
static int
read_styles(struct rd *r)
{
	xmlDocPtr d = parse(r, "xl/styles.xml", 1);
	xmlNodePtr root, fmts = NULL, xfs = NULL;
	struct { long id; char *code; } *cf = NULL;
	size_t ncf = 0;

	if (d == NULL)
		return r->err[0] ? -1 : 0;
	root = xmlDocGetRootElement(d);
	for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
		if (is(c, "numFmts"))
			fmts = c;
		if (is(c, "cellXfs"))
			xfs = c;
	}
	for (xmlNodePtr c = fmts ? fmts->children : NULL; c; c = c->next) {
		char *id, *code;

		if (!is(c, "numFmt") || ncf >= 4096)
			continue;
		id = attr(c, "numFmtId");
		code = attr(c, "formatCode");
		cf = xreallocarray(cf, ncf + 1, sizeof(*cf));
		cf[ncf].id = id ? strtol(id, NULL, 10) : -1;
		cf[ncf++].code = code;
		free(id);
	}
	for (xmlNodePtr c = xfs ? xfs->children : NULL; c; c = c->next) {
		char *id;
		long n;
		const char *code = NULL;

		if (!is(c, "xf") || r->nxf >= 65536)
			continue;
		id = attr(c, "numFmtId");
		n = id ? strtol(id, NULL, 10) : 0;
		free(id);
		for (size_t i = 0; i < ncf; i++)
			if (cf[i].id == n)
				code = cf[i].code;
		r->datexf = xreallocarray(r->datexf, r->nxf + 1, 1);
		r->datexf[r->nxf++] = (unsigned char)date_format(n, code);
	}
	for (size_t i = 0; i < ncf; i++)
		free(cf[i].code);
	free(cf);
	xmlFreeDoc(d);
	return 0;
}

int
xlsx_serial_date(const char *v, int d1904, char out[48])
{
	char *end;
	double x = strtod(v, &end);
	long n, z, era, doe, yoe, y, doy, mp, d, m;

	if (end == v || *end != '\0' || !(x >= 0 && x <= 2958465.0))
		return -1;
	n = (long)x;
	if (!d1904 && n == 60) {
		snprintf(out, 48, "1900-02-29");
		return 0;
	}
	/* days since 1970-01-01 */
	if (d1904)
		z = n - 24107;
	else
		z = n - (n < 60 ? 25568 : 25569);
	z += 719468;	/* civil_from_days (Howard Hinnant) */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 48, "%04d-%02d-%02d", (int)(y % 10000), (int)(m % 100),
	    (int)(d % 100));
	return 0;
}

/* "D12" → col 3; -1 if not a reference. */
static int
ref_col(const char *s)
{
	int c = 0, n = 0;

	while (*s >= 'A' && *s <= 'Z' && n < 4) {
		c = c * 26 + (*s++ - 'A' + 1);
		n++;
	}
	return n == 0 ? -1 : c - 1;
}

/* "B12" → col 1, row 12; -1 if not a cell reference. */
static int
ref_cell(const char *s, int *col, long *row)
{
	char *end;

	if ((*col = ref_col(s)) < 0)
		return -1;
	while (*s >= 'A' && *s <= 'Z')
		s++;
	*row = strtol(s, &end, 10);
	return end == s || *row < 1 ? -1 : 0;
}


/*
 * A merged range shows its top-left cell's value over the whole range
 * (a header over two columns, one 事项编号 beside several material
 * rows): give every cell of the range that value, in the rows read.
 */
static int
fill_merges(struct rd *r, xmlNodePtr mc, struct xsheet *sh)
{
	size_t filled = 0;

	for (xmlNodePtr m = mc->children; m != NULL; m = m->next) {
		char *ref, *colon;
		int c0, c1;
		long r0, r1;
		const char *v = NULL;
		size_t i;

		if (!is(m, "mergeCell") || (ref = attr(m, "ref")) == NULL)
			continue;
		colon = strchr(ref, ':');
		if (colon == NULL || ref_cell(ref, &c0, &r0) == -1 ||
		    ref_cell(colon + 1, &c1, &r1) == -1 || c1 < c0 ||
		    r1 < r0) {
			free(ref);
			continue;
		}
		free(ref);
		if (c1 >= XLSX_MAX_COLS)
			c1 = XLSX_MAX_COLS - 1;
		for (i = 0; i < sh->nrows && sh->rows[i].r < r0; i++)
			;
		if (i == sh->nrows || sh->rows[i].r != r0 ||
		    c0 >= sh->rows[i].ncells ||
		    (v = sh->rows[i].cells[c0]) == NULL)
			continue;
		for (; i < sh->nrows && sh->rows[i].r <= r1; i++) {
			struct xrow *xr = &sh->rows[i];

			for (int c = c0; c <= c1; c++) {
				if (++filled > XLSX_MAX_FILL) {
					snprintf(r->err, r->errlen, "工作表“%s”"
					    "的合并单元格超过上限"
					    "（XLSX_MAX_FILL）", sh->name);
					return -1;
				}
				if (c >= xr->ncells) {
					xr->cells = xreallocarray(xr->cells,
					    (size_t)c + 1, sizeof(*xr->cells));
					for (int k = xr->ncells; k <= c; k++)
						xr->cells[k] = NULL;
					xr->ncells = c + 1;
				}
				if (xr->cells[c] == NULL)
					xr->cells[c] = xstrdup(v);
			}
		}
	}
	return 0;
}

static int
read_sheet(struct rd *r, const char *path, struct xsheet *sh)
{
	xmlDocPtr d = parse(r, path, 0);
	xmlNodePtr data = NULL;
	size_t cap = 0;
	int lastr = 0;

	if (d == NULL)
		return -1;
	for (xmlNodePtr c = xmlDocGetRootElement(d)->children; c != NULL;
	    c = c->next)
		if (is(c, "sheetData"))
			data = c;
	for (xmlNodePtr row = data ? data->children : NULL; row != NULL;
	    row = row->next) {
		struct xrow xr;
		char *rs;
		int lastc = -1;

		if (!is(row, "row"))
			continue;
		memset(&xr, 0, sizeof(xr));
		rs = attr(row, "r");
		xr.r = rs ? atoi(rs) : lastr + 1;
		free(rs);
		if (xr.r <= lastr)
			xr.r = lastr + 1;
		lastr = xr.r;
		if (xr.r > XLSX_MAX_ROWS) {
			xmlFreeDoc(d);
			snprintf(r->err, r->errlen, "工作表“%s”超过 %d 行"
			    "（XLSX_MAX_ROWS）", sh->name, XLSX_MAX_ROWS);
			return -1;
		}
		for (xmlNodePtr c = row->children; c != NULL; c = c->next) {
			char *rf, *t, *v = NULL, sd[48];
			int col, isdate;
			struct buf b;

			if (!is(c, "c"))
				continue;
			rf = attr(c, "r");
			col = rf ? ref_col(rf) : lastc + 1;
			free(rf);
			if (col < 0)
				col = lastc + 1;
			lastc = col;
			if (col >= XLSX_MAX_COLS) {
				xmlFreeDoc(d);
				snprintf(r->err, r->errlen, "工作表“%s”超过 %d 列"
				    "（XLSX_MAX_COLS）", sh->name,
				    XLSX_MAX_COLS);
				goto bad;
			}
			t = attr(c, "t");
			{
				char *st = attr(c, "s");
				long si = st ? strtol(st, NULL, 10) : 0;

				isdate = (t == NULL || strcmp(t, "n") == 0) &&
				    si >= 0 && (size_t)si < r->nxf &&
				    r->datexf[si];
				free(st);
			}
			buf_init(&b);
			for (xmlNodePtr k = c->children; k != NULL;
			    k = k->next) {
				if (is(k, "is"))
					texts(k, &b);
				else if (is(k, "v")) {
					xmlChar *x = xmlNodeGetContent(k);

					if (x == NULL)
						continue;
					if (t != NULL && strcmp(t, "s") == 0) {
						long i = strtol((char *)x,
						    NULL, 10);

						if (i >= 0 &&
						    (size_t)i < r->nsst)
							buf_puts(&b,
							    r->sst[i]);
					} else if (t != NULL &&
					    strcmp(t, "b") == 0)
						buf_puts(&b, x[0] == '1' ?
						    "true" : "false");
					else if (t != NULL &&
					    strcmp(t, "d") == 0)
						buf_putn(&b, (char *)x,
						    strnlen((char *)x, 10));
					else if (isdate &&
					    xlsx_serial_date((char *)x,
					    r->date1904, sd) == 0)
						buf_puts(&b, sd);
					else
						buf_puts(&b, (char *)x);
					xmlFree(x);
				}
			}
			free(t);
			if (b.len > XLSX_MAX_CELL) {
				buf_free(&b);
				xmlFreeDoc(d);
				snprintf(r->err, r->errlen, "工作表“%s”的单元格"
				    "超过 1 MB（XLSX_MAX_CELL）", sh->name);
				goto bad;
			}
			if (b.len == 0) {
				buf_free(&b);
				continue;
			}
			buf_putc(&b, '\0');
			v = buf_detach(&b);
			if (col >= xr.ncells) {
				xr.cells = xreallocarray(xr.cells,
				    (size_t)col + 1, sizeof(*xr.cells));
				for (int i = xr.ncells; i <= col; i++)
					xr.cells[i] = NULL;
				xr.ncells = col + 1;
			}
			free(xr.cells[col]);
			xr.cells[col] = v;
		}
		if (xr.ncells == 0)
			continue;
		if (sh->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			sh->rows = xreallocarray(sh->rows, cap,
			    sizeof(*sh->rows));
		}
		sh->rows[sh->nrows++] = xr;
		continue;
bad:
		for (int i = 0; i < xr.ncells; i++)
			free(xr.cells[i]);
		free(xr.cells);
		return -1;
	}
	for (xmlNodePtr c = xmlDocGetRootElement(d)->children; c != NULL;
	    c = c->next)
		if (is(c, "mergeCells") && fill_merges(r, c, sh) == -1) {
			xmlFreeDoc(d);
			return -1;
		}
	xmlFreeDoc(d);
	return 0;
}

/* The target of relationship id in xl/_rels/workbook.xml.rels, as a
 * package path. */
static char *
rel_target(xmlDocPtr rels, const char *id)
{
	for (xmlNodePtr c = rels ? xmlDocGetRootElement(rels)->children :
	    NULL; c != NULL; c = c->next) {
		char *i, *t, *p;

		if (!is(c, "Relationship"))
			continue;
		i = attr(c, "Id");
		if (i == NULL || strcmp(i, id) != 0) {
			free(i);
			continue;
		}
		free(i);
		if ((t = attr(c, "Target")) == NULL)
			return NULL;
		p = t[0] == '/' ? xstrdup(t + 1) : xasprintf("xl/%s", t);
		free(t);
		return p;
	}
	return NULL;
}

static int
read_book(struct rd *r, struct xbook *bk)
{
	xmlDocPtr wb, rels;
	xmlNodePtr sheets = NULL;
	int rc = 0;

	if ((wb = parse(r, "xl/workbook.xml", 0)) == NULL)
		return -1;
	if ((rels = parse(r, "xl/_rels/workbook.xml.rels", 0)) == NULL) {
		xmlFreeDoc(wb);
		return -1;
	}
	if (read_sst(r) == -1 || read_styles(r) == -1) {
		rc = -1;
		goto out;
	}
	for (xmlNodePtr c = xmlDocGetRootElement(wb)->children; c != NULL;
	    c = c->next) {
		if (is(c, "sheets"))
			sheets = c;
		if (is(c, "workbookPr")) {
			char *v = attr(c, "date1904");

			r->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0);
			free(v);
		}
	}
	for (xmlNodePtr s = sheets ? sheets->children : NULL; s != NULL;
	    s = s->next) {
		struct xsheet sh;
		char *rid = NULL, *path;
		xmlChar *v;

		if (!is(s, "sheet"))
			continue;
		memset(&sh, 0, sizeof(sh));
		sh.name = attr(s, "name");
		for (xmlAttrPtr a = s->properties; a != NULL; a = a->next)
			if (strcmp((const char *)a->name, "id") == 0 &&
			    (v = xmlNodeGetContent((xmlNodePtr)a)) != NULL) {
				rid = xstrdup((char *)v);
				xmlFree(v);
			}
		path = rid ? rel_target(rels, rid) : NULL;
		free(rid);
		if (sh.name == NULL || path == NULL) {
			free(sh.name);
			free(path);
			rc = fail(r, "工作簿的工作表清单已损坏", "");
			goto out;
		}
		bk->sheets = xreallocarray(bk->sheets, bk->nsheets + 1,
		    sizeof(*bk->sheets));
		bk->sheets[bk->nsheets++] = sh;
		if (read_sheet(r, path, &bk->sheets[bk->nsheets - 1]) == -1) {
			free(path);
			rc = -1;
			goto out;
		}
		free(path);
	}
out:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	return rc;
}

static int
read_zip(zip_source_t *src, struct xbook *bk, char *err, size_t errlen)
{
	struct rd r;
	zip_error_t ze;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(bk, 0, sizeof(*bk));
	r.err = err;
	r.errlen = errlen;
	err[0] = '\0';
	zip_error_init(&ze);
	if ((r.z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_error_fini(&ze);
		zip_source_free(src);
		snprintf(err, errlen, "不是 xlsx 工作簿（无法作为 zip 打开）");
		return -1;
	}
	zip_error_fini(&ze);
	rc = read_book(&r, bk);
	zip_discard(r.z);
	for (size_t i = 0; i < r.nsst; i++)
		free(r.sst[i]);
	free(r.sst);
	free(r.datexf);
	if (rc == -1)
		xbook_free(bk);
	return rc;
}

int
xlsx_read_mem(const void *p, size_t n, struct xbook *bk, char *err,
    size_t errlen)
{
	zip_error_t ze;
	zip_source_t *src;

	zip_error_init(&ze);
	src = zip_source_buffer_create(p, n, 0, &ze);
	zip_error_fini(&ze);
	if (src == NULL) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	return read_zip(src, bk, err, errlen);
}

int
xlsx_read(const char *path, struct xbook *bk, char *err, size_t errlen)
{
	char *b;
	size_t n;
	int rc;

	if (file_read(path, &b, &n, 512u << 20) == -1) {
		snprintf(err, errlen, "无法读取文件（或超过 512 MB）");
		memset(bk, 0, sizeof(*bk));
		return -1;
	}
	rc = xlsx_read_mem(b, n, bk, err, errlen);
	free(b);
	return rc;
}

void
xbook_free(struct xbook *bk)
{
	for (size_t i = 0; i < bk->nsheets; i++) {
		struct xsheet *sh = &bk->sheets[i];

		for (size_t j = 0; j < sh->nrows; j++) {
			for (int k = 0; k < sh->rows[j].ncells; k++)
				free(sh->rows[j].cells[k]);
			free(sh->rows[j].cells);
		}
		free(sh->rows);
		free(sh->name);
	}
	free(bk->sheets);
	memset(bk, 0, sizeof(*bk));
}
