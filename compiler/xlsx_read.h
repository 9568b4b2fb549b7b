/*
 * xlsx_read.h — a workbook read into memory as sheets of rows of text
 * cells (xlsx_read.c, with libzip and libxml2), for `ybt import`.
 * A hostile workbook (zip bomb, too many rows, a huge cell, XML
 * entities or a DTD, a part path leaving the package) is refused with
 * the limit named in the message.
 * csv_read.c reads one CSV file (a sheet) into the same structure.
 * Included by: csv_read.c, import.c and xlsx_read.c.
 */
#ifndef YBT_XLSX_READ_H
#define YBT_XLSX_READ_H

#include <stddef.h>

#define XLSX_MAX_PART	(64u << 20)	/* bytes of one unpacked part */
#define XLSX_MAX_TOTAL	(256u << 20)	/* bytes of all parts read */
#define XLSX_MAX_RATIO	200		/* unpacked / packed, per part */
#define XLSX_MAX_ROWS	100000
#define XLSX_MAX_COLS	1024
#define XLSX_MAX_CELL	(1u << 20)	/* bytes of one cell's text */

struct xrow {
	int	  r;		/* 1-based row number in the sheet */
	int	  ncells;
	char	**cells;	/* [col], NULL if empty */
};

struct xsheet {
	char		*name;
	struct xrow	*rows;	/* non-empty rows, in order */
	size_t		 nrows;
};

struct xbook {
	struct xsheet	*sheets;
	size_t		 nsheets;
};

/* 0, or -1 with a Chinese message in err. */
int	xlsx_read(const char *path, struct xbook *, char *err, size_t);
int	xlsx_read_mem(const void *, size_t, struct xbook *, char *err,
	    size_t);
void	xbook_free(struct xbook *);
/* One CSV file into sh (name left to the caller); 0 or -1 and err. */
int	csv_read(const char *path, struct xsheet *sh, char *err, size_t);
/* "D" for col 3 (0-based) into buf. */
void	xlsx_colname(int col, char buf[8]);

#endif
