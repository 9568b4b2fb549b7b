/*
 * xlsx_read.h — a workbook read into memory as sheets of rows of text
 * cells (xlsx_read.c, with libzip and libxml2), for `ybt import`.
 * A cell formatted as a date is read as the date it shows (1900 and
 * 1904 date systems); a merged range gives every cell its value.
 * A hostile workbook (zip bomb, too many rows, a huge cell, XML
 * entities or a DTD, a part path leaving the package, merged ranges
 * filling too many cells) is refused with the limit named in the
 * message.
 * csv_read.c reads one CSV file (a sheet) into the same structure.
 * Included by: csv_read.c, import.c, import_sheet.c and xlsx_read.c.
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
#define XLSX_MAX_FILL	(4u << 20)	/* cells filled from merged ranges */

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
/* A date cell's serial number as the date it shows (YYYY-MM-DD) into
 * out, in the 1900 system (Excel's 1900-02-29, serial 60, kept as the
 * impossible date it is) or the 1904 one; 0, or -1 if v is no serial. */
int	xlsx_serial_date(const char *v, int d1904, char out[48]);
/* "D" for col 3 (0-based) into buf. */
void	xlsx_colname(int col, char buf[8]);

#endif
