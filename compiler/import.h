/*
 * import.h — between import.c, which turns a workbook row into the
 * text of an item's source file, and import_update.c, which merges such
 * a text into an item file that already exists (`ybt import` into an
 * existing edition): only the keys the workbook holds change, the rest
 * of the file (comments, key order, other keys, the body when the sheet
 * has no 正文 column) stays as written.
 * import_sheet.c reads the sheets' headers as departments write them.
 * Included by: import.c, import_sheet.c and import_update.c.
 */
#ifndef YBT_IMPORT_H
#define YBT_IMPORT_H

#include "model.h"
#include "util.h"

struct xsheet;

/* What a column of a sheet holds. */
enum col_role { R_KEY, R_SUB, R_BODY, R_EXTRA, R_PARENT, R_NOTE };

struct hcol {
	enum col_role	 role;
	const char	*en;	/* key, or parent key for R_SUB */
	const char	*suben;
	char		*extra;	/* R_EXTRA: the name after 扩展: */
};

/* A sheet of the workbook: its name, its kind of rows, the columns that
 * name a row's parent item. */
struct sheetdef {
	const char	*name;
	enum kind	 kind;
	const char	*parents[2];	/* 事项编号 etc. */
};

/* The kind of key en's sub-mapping (time_limit …), or KIND__MAX. */
enum kind	 imp_sub_kind(const char *en);
/* The role of header h in a sheet of kind sd; 0, or -1 if h is no
 * column name. */
int		 imp_classify(const struct sheetdef *, const char *h,
		    struct hcol *);
/* Make sh's header row its rows[0] (title rows dropped, a two-row
 * header joined), its names normalised. */
void		 imp_find_header(const struct sheetdef *, struct xsheet *);
/* A date as written (2026/10/15, 2026年10月15日 …) into nd as
 * 2026-10-15: 0, -1 no date, -2 a date that does not exist. */
int		 imp_norm_date(const char *v, char nd[32]);

/*
 * What the workbook holds for one item: canonical English key names,
 * "materials" for a top-level key, "materials.note" for a key of its
 * entries or of a sub-mapping ("time_limit.legal"), "extra.NAME" for an
 * 扩展: column, "body" for 正文. NULL-terminated.
 */
struct held {
	char	**v;
	size_t	  n;
};

void	held_add(struct held *, const char *);
int	held_has(const struct held *, const char *);
void	held_free(struct held *);

/*
 * Merge gen (an item file as import writes it) into the existing file
 * path of kind k. Returns 0 and *out NULL when nothing changes, 0 and
 * *out the new text (what says which keys changed, by their Chinese
 * names) otherwise, -1 when path cannot be read or parsed (reported on
 * stderr). hotline: the edition's, for the 咨询电话 default.
 */
int	upd_merge(enum kind k, const char *path, const char *gen, size_t,
	    const struct held *, const char *hotline, char **out,
	    struct buf *what);

/* The id of an existing item file (its id key, else its file name). */
char	*upd_file_id(const char *path);

/* The item files of an edition folder ("matters/x.md"), sorted. */
struct upd_file {
	char		*id;
	char		*rel;
	const char	*sub;	/* "matters" */
	int		 seen;	/* the workbook has it */
};

struct upd_index {
	struct upd_file	*v;
	size_t		 n;
};

void		 upd_index_read(const char *dir, struct upd_index *);
struct upd_file	*upd_index_find(struct upd_index *, const char *sub,
		    const char *id);
void		 upd_index_free(struct upd_index *);

/* A scalar key of dir/edition.md, or NULL. */
char	*upd_edition_key(const char *dir, const char *en);
/* The file of item sub/id in dir's base editions (a district's
 * workbook holds what it inherits), or NULL. */
char	*upd_base_file(const char *dir, const char *sub, const char *id);
/* The 公开属性 of an item file, or NULL. */
char	*upd_file_disclosure(const char *path);

/* The files an import writes (text) or removes (text NULL), relative
 * to the edition folder. */
struct upd_change {
	char	*rel;
	char	*text;
};

struct upd_plan {
	struct upd_change	*v;
	size_t			 n;
	int			 nupd, nadd, ndel;
};

void	upd_plan_add(struct upd_plan *, char *rel, char *text);
/* Apply the plan to a copy of dir, then put the copy in dir's place
 * (one atomic exchange where the kernel offers it): dir is never half
 * written. 0, or -1 (reported; dir as it was). */
int	upd_apply(const char *dir, const struct upd_plan *);

#endif
