/*
 * model.h — the resolved model of an edition: what every back end reads.
 * Back ends never read source files; they walk struct edition.
 *
 * Disclosure is enforced here: the arrays guides/matters/procedures/
 * offices/stages/departments of struct edition hold only what may be
 * published (主动公开 items, after inheritance, override and exclude).
 * Non-public items live only in edition->all_* arrays, which only
 * check.c and report.c read, zhtext.c (to typeset every item's text)
 * and out_xlsx.c (for `ybt export`, the bureau's working copy, never
 * for a build). A back end must never touch all_*.
 *
 * Loading is a pipeline (load.c): read → assemble (inheritance, exclude)
 * → resolve references (model.c drives model_read.c and
 * model_resolve.c; flow_rank in flow.c lays out each procedure) → check
 * (check.c, which only reads) → publish (model.c). Computed values
 * (merged checklist, reductions, default offices: model_resolve.c;
 * stage and department groupings: model.c) are computed once.
 * Included by: any file.
 * Includes diag.h and md.h.
 */
#ifndef YBT_MODEL_H
#define YBT_MODEL_H

#include <stddef.h>
#include "diag.h"
#include "md.h"

enum kind {
	KIND_EDITION = 0,
	KIND_GUIDE,
	KIND_MATTER,
	KIND_PROCEDURE,
	KIND_OFFICE,
	KIND_MATERIAL,	/* key tables only */
	KIND_FEE,
	KIND_STEP,
	KIND_HOURS,
	KIND_WINDOW,
	KIND_TIMELIMIT,
	KIND_ONLINE,
	KIND_RESULT,
	KIND_PROMISE,
	KIND__MAX
};

enum disclosure {
	DISC_PUBLIC = 0,	/* 主动公开 */
	DISC_ON_REQUEST,	/* 依申请公开 */
	DISC_SECRET,		/* 不予公开 */
	DISC_UNKNOWN
};

struct strlist {
	char		**v;
	size_t		  n;
	struct loc	 *loc;	/* where each entry was written */
};

struct online {
	char		*url;	/* NULL if not given */
	char		*depth;
	int		 bad;	/* given, but refused (reported) */
};

struct ynode;
struct buf;

/* Fields every item kind has. */
struct item {
	enum kind		 kind;
	char			*id;
	const char		*file;		/* path as reached from argv */
	struct loc		 loc;		/* the opening --- (line 1) */
	struct loc		 id_loc;	/* its id: key, or loc */
	const struct edition	*edition;	/* where it was defined */
	enum disclosure		 disclosure;	/* offices/procedures: public */
	char			*updated;	/* ISO date or NULL */
	char			*body;		/* Markdown source, may be "" */
	struct md_node		*doc;		/* parsed body, or NULL: see
						 * zh_body */
	int			 body_line;	/* line of the body's start */
	int			 body_quoted;	/* zh_typeset ran on it */
	int			 overrides;	/* replaces a base item */
	const struct ynode	*front;		/* the YAML tree, kept only
						 * for diff (model_keep_trees)
						 * or when it holds extra: */
	const struct ynode	*extra;		/* extra: local fields (a
						 * mapping) for the XML, or NULL */
	/* What check and report ask of the source once its tree is gone:
	 * where each top-level key was written (keys_table order), and
	 * where a scalar value holds an unpaired ASCII quote. */
	struct keyat		*keys;
	struct keyat		*quotes;	/* .key unused */
	unsigned short		 nkeys;
	unsigned short		 nquotes;
};

struct keyat {
	int		 key;		/* index in keys_table(kind) */
	int		 line;
	int		 col;
};

struct material {
	struct loc	 loc;
	char		*name;
	char		*source;	/* 申请人自备 or issuing department */
	char		*form;		/* 原件, 复印件, 原件及复印件, 电子证照 */
	char		*medium;	/* 纸质, 电子, 纸质或电子; or NULL */
	int		 copies;	/* 0 if not given */
	int		 required;	/* 1 required, 0 optional */
	char		*condition;	/* required as a condition text */
	int		 shared;	/* 免提交: by data sharing */
	char		*template;	/* as written, relative to assets/ */
	char		*template_path;	/* resolved real path, or NULL */
	char		*note;
};

struct fee {
	struct loc	 loc;
	char		*item;
	char		*amount;
	char		*basis;
};

struct office;

struct step {
	struct loc		 loc;
	char			*id;
	char			*name;
	char			*actor;
	char			*where;		/* office id, "online" or NULL */
	const struct office	*office;	/* resolved where, or NULL */
	char			*time;
	struct strlist		 next;		/* as written */
	size_t			*succ;		/* resolved successor indexes */
	size_t			 nsucc;
	/* Layered layout, computed once (model_layout_steps). */
	int			 layer;		/* 0 = entry row */
	int			 pos;		/* column within the layer */
};

struct procedure {
	struct item	 it;
	char		*title;
	struct step	*steps;
	size_t		 nsteps;
	int		 nlayers;
	int		 maxwidth;	/* most steps in one layer */
};

struct hours {
	char		*days;		/* NULL for an exception line */
	char		*open;		/* "09:00" */
	char		*close;
	char		*text;		/* exception text, or NULL */
};

struct window {
	char		*no;
	char		*serves;
};

struct office {
	struct item	 it;
	char		*name;
	char		*district;
	char		*address;
	struct hours	*hours;
	size_t		 nhours;
	char		*phone;
	struct window	*windows;
	size_t		 nwindows;
	char		*transit;
	struct strlist	 accessibility;
	char		*self_service;
	int		 has_geo;
	double		 geo[2];
};

struct matter {
	struct item		 it;
	char			*code;
	char			*title;
	char			*type;
	char			*department;
	struct strlist		 basis;
	struct strlist		 audience;
	struct strlist		 conditions;	/* a text is one entry */
	struct material		*materials;
	size_t			 nmaterials;
	const struct procedure	*procedure;	/* referenced, or NULL */
	struct procedure	*inline_proc;	/* inline steps, or NULL */
	int			 legal_days;
	int			 promised_days;
	char			*kind;		/* 即办件 / 承诺件 */
	int			 free_of_charge;	/* 不收费 */
	struct fee		*fees;
	size_t			 nfees;
	const struct office	**offices;
	size_t			 noffices;
	struct online		 online;
	int			 visits;
	char			*result_name;
	struct strlist		 delivery;
	char			*scope;
	char			*consult;	/* defaulted to the hotline */
	char			*complaint;	/* defaulted to the hotline */
	/* Unresolved ids, for check/tree. */
	char			*procedure_id;
	struct strlist		 office_ids;
	int			 offices_said;	/* offices: refused or mistyped,
						 * reported already */
};

/*
 * One line of a guide's merged checklist (一套材料): one per material
 * name, names compared after trimming and full/half-width folding
 * (model_material_key). The strongest form asked wins (原件及复印件 >
 * 原件 > 复印件 > 电子证照), copies are the largest asked; the line is
 * 免提交 only when every matter needing it gets it by sharing, else it
 * is to bring and shared_by names the matters that take it from
 * sharing. Computed once (model_resolve.c); every back end shows these
 * lines as they are.
 */
struct checkline {
	const char		 *name;		/* as first written */
	const char		 *key;		/* folded name */
	const char		 *form;
	int			  shared;	/* 免提交 in every matter */
	int			  required;	/* required by at least one */
	const char		 *condition;	/* else: needed when … */
	int			  copies;	/* largest copies asked */
	const struct material	 *first;	/* first occurrence */
	const struct matter	**matters;	/* which matters need it */
	size_t			  nmatters;
	const struct matter	**shared_by;	/* of those, by sharing */
	size_t			  nshared_by;
};

/*
 * The reductions (materials, days, visits, steps): the sum over the
 * matters beside the guide's own figures.
 * A matter without steps counts MODEL_DEFAULT_STEPS (受理、审查、决定、
 * 送达, the four links of the 行政许可法).
 */
#define MODEL_DEFAULT_STEPS	4
struct reductions {
	int		materials_before, materials_after;
	int		days_before, days_after;
	int		visits_before, visits_after;
	int		steps_before, steps_after;
};

struct guide {
	struct item		 it;
	char			*title;
	char			*audience;	/* 个人 or 法人 */
	char			*stage;
	char			*summary;
	const struct matter	**matters;
	size_t			 nmatters;
	const struct procedure	*procedure;
	const struct office	**offices;	/* given, or union of matters' */
	size_t			 noffices;
	struct online		 online;
	int			 promise_days;
	int			 promise_visits;
	struct strlist		 synonyms;
	/* computed */
	struct checkline	*checklist;
	size_t			 nchecklist;
	struct reductions	 red;
	/* unresolved ids */
	struct strlist		 matter_ids;
	char			*procedure_id;
	struct strlist		 office_ids;
};

/* A part of the handbook / a portal section: one stage. */
struct stage {
	char			 *name;
	const char		 *audience;	/* 个人 or 法人 */
	const struct guide	**guides;
	size_t			  nguides;
};

/* A department and its public matters (sorted by title). */
struct matterlist {
	const struct matter	**v;
	size_t			  n;
};

struct department {
	char			 *name;
	const struct matter	**matters;
	size_t			  nmatters;
};

struct edition {
	char		*id;		/* the folder's name */
	char		*dir;		/* path as given */
	const char	*file;		/* dir/edition.md */
	char		*title;
	char		*region;
	char		*issuer;
	char		*version;
	char		*date;		/* ISO; the build's timestamp */
	char		*hotline;
	char		*portal;	/* absolute base URL or NULL */
	char		*base_id;
	char		*theme;		/* default "default" */
	int		 stale_after;	/* days, default 365 */
	struct strlist	 exclude;
	char		*preface;	/* Markdown */
	const struct ynode *extra;	/* extra: of edition.md, or NULL */
	struct md_node	*preface_doc;
	struct edition	*base;		/* resolved, or NULL */
	int		*exclude_hit;	/* per exclude entry: it named an
					 * inherited item (for the check) */
	int		 published;	/* load.c: checked and published */

	/* Published: what the back ends read. Sorted by id, except guides
	 * (by stage order, then id). */
	const struct guide	**guides;
	size_t			  nguides;
	const struct matter	**matters;
	size_t			  nmatters;
	const struct procedure	**procedures;
	size_t			  nprocedures;
	const struct office	**offices;
	size_t			  noffices;
	struct stage		 *stages;	/* 个人 stages first, then 法人 */
	size_t			  nstages;
	struct department	 *departments;	/* sorted by name */
	size_t			  ndepartments;
	struct matterlist	 *at_office;	/* parallel to offices: the
						 * matters done there, in the
						 * order of matters */

	/* Everything in effect, public or not: check/report/tree only. */
	struct guide		**all_guides;
	size_t			  nall_guides;
	struct matter		**all_matters;
	size_t			  nall_matters;
	struct procedure	**all_procedures;
	size_t			  nall_procedures;
	struct office		**all_offices;
	size_t			  nall_offices;
};

/*
 * Load the edition folder dir (and its base chain), resolve and check
 * it. Diagnostics go to diag.c. Returns NULL only when the folder
 * cannot be read at all (usage/I-O: exit 3); content errors still give
 * a model so that the report can show them (diag_worst() tells).
 */
struct edition	*model_load(const char *dir);		/* load.c */

/* The steps of model_load, for load.c: read, assemble and resolve dir
 * and its base chain (NULL as model_load); then publish one edition. */
struct edition	*model_build(const char *dir);
void		 model_publish(struct edition *);

/* Called with each source file's decoded text as it is read (on the
 * reader threads: the hook must be thread-safe). */
void		 model_text_hook(void (*)(const char *path, const char *text,
		    size_t len));
/*
 * ybt serve's cache of read sources: consulted (on the reader threads)
 * before a file of an edition's folders is read; when it holds path
 * unchanged it fills *src and *doc as model_read_source would (and says
 * again what reading it said), sets *rc and *err, and returns 1; *item
 * is the item model_convert_source made of it (and what converting it
 * said is said again), or NULL when it is to be converted.
 */
struct source;
void		 model_source_cache(int (*)(const char *path,
		    struct source *src, struct md_node **doc, int *rc,
		    int *err, void **item));
/* Read one source file as the readers do (source_read, then the body's
 * Markdown): what the cache keeps. Returns source_read's result. */
int		 model_read_source(const char *path, struct source *src,
		    struct md_node **doc);
/*
 * The item of kind k that the edition in folder dir makes of a source
 * read without error (src and doc of model_read_source, which stay the
 * caller's and which the item points into), for serve's cache; NULL
 * when it gives none. The item belongs to no edition until a load takes
 * it from the cache. Its diagnostics go to diag.c as usual.
 */
void		*model_convert_source(const char *path, enum kind k,
		    const char *dir, const struct source *src,
		    struct md_node *doc);
/*
 * ybt serve's patch (model_patch.c): the source file path, which holds
 * the matter, guide or procedure id of one of eds[0..n) (loaded,
 * checked, published and typeset) or of their bases, read again and
 * put into the model as a fresh load would. 0, or -1 when it cannot say
 * so (then the model is to be thrown away).
 */
int		 model_patch(struct edition **, size_t n, enum kind,
		    const char *id, const char *path);
void		 model_free(struct edition *);
/* Frees the items' source trees (it->front becomes NULL) of editions
 * and their bases: for a build, once they are loaded and checked. */
void		 model_drop_sources(struct edition **, size_t);
/*
 * Each item's YAML tree is freed as soon as the item is made from it
 * (it->keys and it->quotes keep what check and report ask), unless
 * model_keep_trees(1) was called before loading: `ybt diff` compares
 * the trees' values, and ybt serve's cache owns the trees it hands out.
 * A tree holding extra: is kept for the XML either way.
 */
void		 model_keep_trees(int);
/* Where item it wrote key en (any spelling of keys.c): 1 and *at, or
 * 0 when the key is absent (or the item has no source). */
int		 model_key_at(const struct item *, const char *en,
		    struct loc *at);

/* Lookups among the published items (NULL if absent or not public). */
const struct guide	*model_guide(const struct edition *, const char *);
const struct matter	*model_matter(const struct edition *, const char *);
const struct office	*model_office(const struct edition *, const char *);
const struct procedure	*model_procedure(const struct edition *, const char *);

/* A material name as the merged checklist compares it: trimmed, full
 * width letters, digits, signs and spaces folded to half width, runs
 * of spaces dropped next to Chinese and kept as one between Latin
 * words. Allocated. */
char		*model_material_key(const char *);
/* The strength of a material form: 原件及复印件 4, 原件 3, 复印件 2,
 * 电子证照 1, anything else 0. */
int		 model_form_rank(const char *);

/* The one table of stages (SPEC §2): "个人" or "法人" for a known
 * stage, NULL for a stage in neither list; its order is the handbook's
 * and portal's. model_stage_list writes one audience's stages, joined
 * by "、". */
const char	*model_stage_audience(const char *stage);
void		 model_stage_list(struct buf *, const char *audience);

/* The steps of a matter: referenced or inline procedure, or NULL. */
const struct procedure	*model_matter_steps(const struct matter *);

/* One file outside any edition, unresolved (for the fuzzers). */
void		*model_read_file(const char *, enum kind);

const char	*model_kind_name(enum kind);		/* "matter" */
const char	*model_disclosure_name(enum disclosure);	/* "主动公开" */
const char	*model_kind_zh(enum kind);		/* "事项" */

#endif
