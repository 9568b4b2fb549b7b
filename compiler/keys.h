/*
 * keys.h — the one table of front matter keys and their Chinese
 * aliases, per kind of item and per nested record. model.c reads keys
 * through it; report.c prints it for `ybt new` and the man page.
 * Includes model.h.
 */
#ifndef YBT_KEYS_H
#define YBT_KEYS_H

#include "model.h"

struct keydef {
	const char	*en;
	const char	*zh;
	int		 required;
	const char	*help;	/* one line for `ybt new` and the man page */
};

const struct keydef	*keys_table(enum kind, size_t *);
/* Index of name (English or Chinese) in kind's table, or -1. */
int			 keys_find(enum kind, const char *);

#endif
