/*
 * model_int.h — the insides of the model's loading, shared by its steps:
 * the id index (model_index.c), the field converters (model_fields.c),
 * the readers (model_read.c), the resolution (model_resolve.c) and the
 * driver that assembles editions and publishes them (model.c).
 * Nothing outside these files sees it; the back ends read model.h.
 * Included by: model.c, model_fields.c, model_index.c, model_patch.c, model_read.c and model_resolve.c.
 */
#ifndef YBT_MODEL_INT_H
#define YBT_MODEL_INT_H

#include "model.h"

struct ynode;
struct source;
struct strlist;

#define MODEL_MAX_ITEMS	1000000	/* items per edition (SPEC §7) */
#define MODEL_MAX_KEYS	32	/* keys of one record, see keys.c */

/* --- model_index.c: ids of each edition, and its loading state ------- */

struct edition	*model_index_find(const char *real, int *loading);
void		 model_index_add(struct edition *, const char *real);
void		 model_index_loaded(struct edition *);
void		*model_lookup(const struct edition *, enum kind, const char *);
void		 model_index_put(struct edition *, enum kind, const char *,
		    void *);
void		 model_index_drop(struct edition *, void *);
void		 model_index_broken(const struct edition *, enum kind,
		    const char *);
int		 model_is_broken(const struct edition *, enum kind,
		    const char *);

/* --- model_fields.c: one record's keys through the alias table -------- */

struct fields {
	enum kind		 kind;
	const struct keydef	*defs;
	size_t			 ndefs;
	const struct ynode	*key[MODEL_MAX_KEYS];
	const struct ynode	*val[MODEL_MAX_KEYS];
	unsigned char		 held[MODEL_MAX_KEYS];	/* reported (its value
							 * a placeholder, or a
							 * mistyped key meant
							 * it): not missing */
	struct loc		 at;	/* the record, for missing keys */
	int			 ok;	/* the record was a map */
};

int		 fields_read(enum kind, const struct ynode *,
		    const struct loc *, struct fields *);
void		 fields_done(void);	/* the item is made: frees copies */
int		 fidx(const struct fields *, const char *);
const char	*fname(const struct fields *, const char *);
int		 yes_no(const char *);
int		 enum_ok(const char *, const struct loc *, const char *,
		    const char *const *, size_t);
const struct ynode *fval(const struct fields *, const char *);
const struct loc *floc(const struct fields *, const char *);
void		 fields_require(const struct fields *);
char		*fstr(const struct fields *, const char *);
void		 fstrlist(const struct fields *, const char *,
		    struct strlist *);
int		 fint(const struct fields *, const char *, long, int);
int		 fbool(const struct fields *, const char *, int);
int		 fenum(const struct fields *, const char *,
		    const char *const *, size_t, char **);
char		*fdate(const struct fields *, const char *);
char		*fid(const struct fields *, const char *);
void		 fonline(const struct fields *, struct online *);
const struct ynode *fextra(const struct fields *);
int		 url_check(const char *, const struct loc *, const char *);
const char	*url_problem(const char *);
const char	*placeholder_word(const char *);
int		 model_valid_id(const char *);

/* --- model_read.c: sources to items ---------------------------------- */

struct loadctx {
	struct edition	*ed;
	struct md_node	*pre_doc;	/* body parsed by a reader thread */
	char		*assets_real;	/* realpath of dir/assets or NULL */
	size_t		 nitems;
	int		 too_many;
	/* Texts read by a reader thread, freed once the readers are done:
	 * freeing one while its thread allocates makes both wait on the
	 * thread's malloc arena. */
	char		**defer;
	size_t		 ndefer;
};

/* The items of one kind an edition's own folder holds. */
struct own {
	void		**items;
	size_t		  n;
};

void		 model_read_folder(struct loadctx *, const char *, enum kind,
		    struct own *);
/* The bytes of an item of kind k (struct guide, matter, …), for copies
 * of one; and an item (with its inline steps) made one of ed's. */
size_t		 model_item_size(enum kind);
void		 model_item_home(struct item *, struct edition *);
int		 model_read_edition(struct edition *, struct source *);

/* --- model_resolve.c: references, computed values -------------------- */

int		 model_excluded(const struct edition *, enum kind,
		    const char *, int *);
void		 model_resolve(struct edition *);
/* One procedure, matter or guide of ed resolved (again): for the patch. */
void		 model_resolve_item(struct edition *, struct item *);

/* --- model.c --------------------------------------------------------- */

/* ed published again, after the patch changed its items. */
void		 model_republish(struct edition *);

#endif
