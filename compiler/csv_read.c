/*
 * csv_read.c — one CSV file (a sheet of a workbook saved as CSV, as
 * Excel, WPS, LibreOffice or Gnumeric write it) into a struct xsheet of
 * xlsx_read.h, with libcsv: UTF-8 with or without a BOM, or GB18030 as
 * Excel on a Chinese Windows writes it; quoted fields with line breaks.
 * The only file that includes csv.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "util.h"
#include "source.h"
#include "xlsx_read.h"

struct cr {
	struct xsheet	*sh;
	struct xrow	 row;
	int		 line;
	int		 over;
	size_t		 cap;
};

static void
field(void *s, size_t n, void *p)
{
	struct cr *c = p;

	if (c->row.ncells >= XLSX_MAX_COLS || n > XLSX_MAX_CELL) {
		c->over = 1;
		return;
	}
	c->row.cells = xreallocarray(c->row.cells, (size_t)c->row.ncells + 1,
	    sizeof(*c->row.cells));
	c->row.cells[c->row.ncells++] = n ? xstrndup(s, n) : NULL;
}

static void
record(int ch, void *p)
{
	struct cr *c = p;
	int empty = 1;

	(void)ch;
	c->line++;
	c->row.r = c->line;
	for (int i = 0; i < c->row.ncells; i++)
		if (c->row.cells[i] != NULL)
			empty = 0;
	if (empty || c->line > XLSX_MAX_ROWS) {
		if (c->line > XLSX_MAX_ROWS)
			c->over = 1;
		for (int i = 0; i < c->row.ncells; i++)
			free(c->row.cells[i]);
		free(c->row.cells);
	} else {
		if (c->sh->nrows == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->sh->rows = xreallocarray(c->sh->rows, c->cap,
			    sizeof(*c->sh->rows));
		}
		c->sh->rows[c->sh->nrows++] = c->row;
	}
	memset(&c->row, 0, sizeof(c->row));
}

int
csv_read(const char *path, struct xsheet *sh, char *err, size_t errlen)
{
	struct csv_parser p;
	struct cr c;
	char *b, *u = NULL, *s;
	size_t n;

	memset(&c, 0, sizeof(c));
	c.sh = sh;
	if (file_read(path, &b, &n, 256u << 20) == -1) {
		snprintf(err, errlen, "无法读取文件（或超过 256 MB）");
		return -1;
	}
	s = b;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	} else if (utf8_valid_prefix(s, n) != n) {
		enum encoding enc;

		/* source.c decodes GB18030 as it does for sources (and
		 * says so with a warning naming the encoding). */
		if (source_decode(path, s, n, &u, &n, &enc) != 0) {
			free(u);
			free(b);
			snprintf(err, errlen, "既不是 UTF-8 也不是 GB18030 编码");
			return -1;
		}
		s = u;
	}
	csv_init(&p, CSV_APPEND_NULL);
	if (csv_parse(&p, s, n, field, record, &c) != n) {
		snprintf(err, errlen, "CSV 格式错误：%s",
		    csv_strerror(csv_error(&p)));
		csv_free(&p);
		free(b);
		free(u);
		return -1;
	}
	csv_fini(&p, field, record, &c);
	csv_free(&p);
	free(b);
	free(u);
	if (c.over) {
		snprintf(err, errlen, "超过上限（XLSX_MAX_ROWS / XLSX_MAX_COLS / "
		    "XLSX_MAX_CELL）");
		return -1;
	}
	return 0;
}
