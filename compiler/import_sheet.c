/*
 * import_sheet.c — the sheets of a workbook as departments write them,
 * for import.c: the header row found below a title and made one row
 * from two, header names with stray or full-width spaces and
 * full-width letters normalised, each header classified (a key, a
 * key's sub-key "办结时限.法定", 正文, 扩展:NAME, the parent's id), and
 * dates as people and spreadsheets write them normalised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "keys.h"
#include "xlsx_read.h"
#include "import.h"

enum kind
imp_sub_kind(const char *en)
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

/* The role of header h in a sheet of kind sd; 0, or -1 if h is not a
 * column name. */
int
imp_classify(const struct sheetdef *sd, const char *h, struct hcol *hc)
{
	size_t n;
	const struct keydef *t = keys_table(sd->kind, &n);
	const char *dot;
	int i;

	memset(hc, 0, sizeof(*hc));
	hc->role = R_NOTE;
	if (strcmp(h, "正文") == 0 || strcmp(h, "body") == 0) {
		hc->role = R_BODY;
		return 0;
	}
	if (str_has_prefix(h, "扩展:") || str_has_prefix(h, "extra:")) {
		hc->role = R_EXTRA;
		hc->extra = xstrdup(strchr(h, ':') + 1);
		return 0;
	}
	for (int k = 0; k < 2; k++)
		if (sd->parents[k] && strcmp(h, sd->parents[k]) == 0) {
			hc->role = R_PARENT;
			hc->en = sd->parents[k];
			return 0;
		}
	if (sd->kind == KIND_HOURS && strcmp(h, "说明") == 0)
		return 0;
	if ((dot = strchr(h, '.')) != NULL) {
		char *p = xstrndup(h, (size_t)(dot - h));
		enum kind sk;

		i = keys_find(sd->kind, p);
		free(p);
		if (i >= 0 && (sk = imp_sub_kind(t[i].en)) != KIND__MAX) {
			size_t sn;
			const struct keydef *st = keys_table(sk, &sn);
			int j = keys_find(sk, dot + 1);

			if (j >= 0) {
				hc->role = R_SUB;
				hc->en = t[i].en;
				hc->suben = st[j].en;
				return 0;
			}
		}
	} else if ((i = keys_find(sd->kind, h)) >= 0) {
		hc->role = R_KEY;
		hc->en = t[i].en;
		return 0;
	}
	return -1;
}

/* Spaces (ASCII, no-break, full-width) and line breaks: skip_blank
 * passes those at s, blank_before is the length of the one that ends at
 * end (0 if none). */
static int
is_blank_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	    cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF;
}

static const char *
skip_blank(const char *s, const char *end)
{
	unsigned cp;
	int k;

	while (s < end && (k = utf8_decode(s, (size_t)(end - s), &cp)) > 0 &&
	    is_blank_cp(cp))
		s += k;
	return s;
}

static int
blank_before(const char *s, const char *end)
{
	unsigned cp;

	for (int k = 1; k <= 3 && end - k >= s; k++)
		if (utf8_decode(end - k, (size_t)k, &cp) == k)
			return is_blank_cp(cp) ? k : 0;
	return 0;
}

/* A header as written by hand: spaces (also full-width and no-break
 * ones) and line breaks dropped, full-width ASCII (：．ｅ) made ASCII;
 * in a 扩展:NAME header only the part up to the colon: the name, a key
 * of the item's extra: mapping, is kept as written (spaces around it
 * dropped). */
static char *
norm_header(const char *h)
{
	struct buf b;
	size_t n = strlen(h);
	const char *orig = h;
	unsigned cp;
	int k;

	buf_init(&b);
	while (n > 0 && (k = utf8_decode(h, n, &cp)) > 0) {
		if (is_blank_cp(cp))
			;
		else if (cp >= 0xFF01 && cp <= 0xFF5E)
			buf_putc(&b, (char)(cp - 0xFF01 + '!'));
		else
			buf_putn(&b, h, (size_t)k);
		h += k;
		n -= (size_t)k;
	}
	buf_putc(&b, '\0');
	if (str_has_prefix(b.data, "扩展:") || str_has_prefix(b.data, "extra:")) {
		const char *c1 = strchr(orig, ':'), *c2 = strstr(orig, "：");
		const char *name, *end;

		if (c1 == NULL || (c2 != NULL && c2 < c1))
			name = c2 + strlen("：");
		else
			name = c1 + 1;
		end = name + strlen(name);
		name = skip_blank(name, end);
		while (end > name && blank_before(name, end) > 0)
			end -= blank_before(name, end);
		b.len = (size_t)(strchr(b.data, ':') + 1 - b.data);
		buf_putn(&b, name, (size_t)(end - name));
		buf_putc(&b, '\0');
	}
	return buf_detach(&b);
}

/* How many cells of row r are column names of sd (and how many are
 * not empty). */
static int
known_cells(const struct sheetdef *sd, const struct xrow *r, int *nonempty)
{
	int known = 0;

	*nonempty = 0;
	for (int c = 0; c < r->ncells; c++) {
		struct hcol hc;
		char *h;

		if (r->cells[c] == NULL)
			continue;
		(*nonempty)++;
		h = norm_header(r->cells[c]);
		if (imp_classify(sd, h, &hc) == 0)
			known++;
		free(hc.extra);
		free(h);
	}
	return known;
}

/*
 * Find the header row of sheet si and make it rows[0]: rows above it
 * (a title over the table, usually one merged cell) are dropped; a
 * two-row header (办结时限 over 法定 and 承诺, the cells of the upper
 * row merged) becomes one row of "办结时限.法定" names.
 */
void
imp_find_header(const struct sheetdef *sd, struct xsheet *sh)
{
	size_t h = 0, drop;
	int ne;

	for (size_t i = 0; i < sh->nrows && i < 10; i++) {
		int k = known_cells(sd, &sh->rows[i], &ne);

		if (k > 0 && 2 * k >= ne) {
			h = i;
			break;
		}
	}
	drop = h;
	if (h + 1 < sh->nrows) {
		struct xrow *u = &sh->rows[h], *l = &sh->rows[h + 1];
		int two = 0, n = u->ncells > l->ncells ? u->ncells : l->ncells;
		char **names = xcalloc((size_t)n + 1, sizeof(*names));
		const char *carry = NULL;

		for (int c = 0; c < n; c++) {
			const char *uc = c < u->ncells ? u->cells[c] : NULL;
			const char *lc = c < l->ncells ? l->cells[c] : NULL;
			struct hcol hc;
			char *cand;

			if (uc != NULL)
				carry = uc;
			else
				uc = carry;
			if (uc == NULL || lc == NULL || strcmp(uc, lc) == 0) {
				names[c] = c < u->ncells && u->cells[c] ?
				    xstrdup(u->cells[c]) : lc && !uc ?
				    xstrdup(lc) : NULL;
				continue;
			}
			cand = xasprintf("%s.%s", uc, lc);
			{
				char *nc = norm_header(cand);

				free(cand);
				cand = nc;
			}
			if (imp_classify(sd, cand, &hc) == 0 && hc.role == R_SUB) {
				names[c] = cand;
				two = 1;
			} else {
				free(cand);
				names[c] = c < u->ncells && u->cells[c] ?
				    xstrdup(u->cells[c]) : NULL;
			}
			free(hc.extra);
		}
		if (two) {
			for (int c = 0; c < u->ncells; c++)
				free(u->cells[c]);
			free(u->cells);
			u->cells = names;
			u->ncells = n;
			/* the lower header row goes */
			for (int c = 0; c < l->ncells; c++)
				free(l->cells[c]);
			free(l->cells);
			memmove(l, l + 1, (sh->nrows - h - 2) *
			    sizeof(*sh->rows));
			sh->nrows--;
		} else {
			for (int c = 0; c < n; c++)
				free(names[c]);
			free(names);
		}
	}
	for (size_t i = 0; i < drop; i++) {
		for (int c = 0; c < sh->rows[i].ncells; c++)
			free(sh->rows[i].cells[c]);
		free(sh->rows[i].cells);
	}
	if (drop > 0)	/* (rows is NULL in a sheet without rows) */
		memmove(sh->rows, sh->rows + drop, (sh->nrows - drop) *
		    sizeof(*sh->rows));
	sh->nrows -= drop;
	/* the names as they will be matched */
	if (sh->nrows > 0)
		for (int c = 0; c < sh->rows[0].ncells; c++)
			if (sh->rows[0].cells[c] != NULL) {
				char *nh = norm_header(sh->rows[0].cells[c]);

				free(sh->rows[0].cells[c]);
				sh->rows[0].cells[c] = nh;
			}
}

/*
 * A date as spreadsheets and people write it: 2026-10-15, 2026/10/15,
 * 2026.10.15, 2026年10月15日 (one-digit months and days too, a
 * midnight time after it as ssconvert writes it) into nd as
 * 2026-10-15. 0, or -1 not a date, -2 a date that does not exist.
 */
int
imp_norm_date(const char *v, char nd[32])
{
	int y, m, d, n = 0;
	char s1[8], s2[8];

	if (sscanf(v, "%4d%7[-/.]%2d%7[-/.]%2d%n", &y, s1, &m, s2, &d,
	    &n) == 5 && strlen(s1) == 1 && strcmp(s1, s2) == 0)
		;
	else if (n = 0, sscanf(v, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3)
		;
	else
		return -1;
	if (n == 0 || (v[n] != '\0' && strcmp(v + n, " 00:00") != 0 &&
	    strcmp(v + n, " 00:00:00") != 0) || y < 1000)
		return -1;
	snprintf(nd, 32, "%04d-%02d-%02d", y, m < 0 || m > 99 ? 0 : m,
	    d < 0 || d > 99 ? 0 : d);
	return is_iso_date(nd, NULL, NULL, NULL) ? 0 : -2;
}

