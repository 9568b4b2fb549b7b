/*
 * xlsx.h — the workbook commands beside the build: `ybt export` writes
 * every item of an edition, non-public ones too, to a workbook the user
 * names (out_xlsx.c). `ybt build -f xlsx` goes through out.h.
 * Included by: main.c and out_xlsx.c.
 */
#ifndef YBT_XLSX_H
#define YBT_XLSX_H

#include "model.h"

/* Write ed's items in effect, public or not, to path; 0 or -1. */
int	xlsx_export(const struct edition *, const char *path);

#endif
