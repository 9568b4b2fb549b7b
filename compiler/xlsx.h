/*
 * xlsx.h — the workbook commands beside the build: `ybt export` writes
 * every item of an edition, non-public ones too, to a workbook the user
 * names (out_xlsx.c); `ybt import` writes an edition's sources from a
 * workbook (import.c); `ybt check --format xlsx` writes its report as
 * sheets (report.c, through xlsx_tables). `ybt build -f xlsx` goes
 * through out.h.
 * Included by: import.c, main.c, out_xlsx.c and report.c.
 */
#ifndef YBT_XLSX_H
#define YBT_XLSX_H

#include <stdio.h>
#include "model.h"

/* Write ed's items in effect, public or not, to path; 0 or -1. */
int	xlsx_export(const struct edition *, const char *path);

/* Write the sources of edition folder dir from one workbook, or from
 * CSV files named after the sheets (事项.csv …): a new folder, or the
 * items the workbook holds updated in an existing one (prune: remove
 * the items it does not hold); an exit status (0, 2 content errors,
 * 3 usage/I-O). dir is never left half written. */
int	xlsx_import(const char *dir, char *const files[], int nfiles,
	    int prune);

/* A sheet of a report: a header row, then rows of ncols cells
 * (cells[row * ncols + col], NULL empty); numeric[col]: a number. */
struct xlsx_table {
	const char		*name;
	const char *const	*head;
	const int		*numeric;
	int			 ncols;
	char			**cells;
	size_t			 nrows;
};

/* The tables as a workbook (frozen header, filters, widths) on out;
 * 0 or -1 (reported). */
int	xlsx_tables(FILE *out, const struct xlsx_table *, size_t n);

/*
 * The cell of a value of an extra: mapping (a 扩展:KEY column), as
 * build -f xlsx and export write it and import reads it back: a text
 * as it is; YAML flow text on one line for a mapping or a list
 * ({名称: 一网通办, 模块: [受理, 审批]}), and a text that is empty or
 * begins with {, [ or " in double quotes. xlsx_extra_yaml: whether
 * import reads cell v as YAML (it begins with { or [, or is one
 * double-quoted YAML string).
 */
struct buf;
struct ynode;
void	xlsx_extra_text(struct buf *, const struct ynode *);
int	xlsx_extra_yaml(const char *v);

#endif
