/*
 * report.h — the commands that describe an edition rather than publish
 * it: `-T tree` (model dump), `check` (the quarterly spot-check report),
 * `diff` and `new`.
 * Included by: main.c, report.c and report_diff.c.
 */
#ifndef YBT_REPORT_H
#define YBT_REPORT_H

#include <stdio.h>
#include "model.h"

void	report_tree(FILE *, const struct edition *);
void	report_keys(FILE *);
int	report_check(FILE *, struct edition **, size_t, const char *format);
int	report_diff(FILE *, const struct edition *, const struct edition *);
/* An item's title (an office's name), else its id. */
const char *report_item_title(const struct item *);
int	report_new(const char *kind, const char *id, const char *edition_dir);
int	report_new_edition(const char *id, const char *base,
	    const char *guides_dir);

#endif
