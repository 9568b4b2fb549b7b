/*
 * keys.h — the one table of front matter keys and their Chinese
 * aliases, per kind of item and per nested record. model.c reads keys
 * through it; report.c prints it for `ybt new` and the man page.
 * Included by: any file.
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
struct ynode;
/*
 * The value of key en (its canonical English name) in front matter map
 * of kind k, however it was spelled; NULL if absent. Its loc, and its
 * key's, say where it was written, for diagnostics.
 */
const struct ynode	*keys_get(enum kind, const struct ynode *map,
			    const char *en);

#endif
