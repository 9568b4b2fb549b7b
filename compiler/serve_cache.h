/*
 * serve_cache.h — the internals of ybt serve shared by its files:
 * serve_cache.c, its memory (the source files of the served editions
 * read and parsed once, keyed by path and checked by content; what
 * changed since the last full build; the links between the pages of
 * that build), which serve.c fills in the server process and a rebuild
 * child inherits with fork; serve_build.c, that rebuild; serve_net.c,
 * the stateless helpers of the server.
 * Included by: serve.c, serve_build.c, serve_cache.c and serve_net.c.
 */
#ifndef YBT_SERVE_CACHE_H
#define YBT_SERVE_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* A source file that changed since the last good build. */
struct schange {
	enum kind	 kind;
	const char	*old_id;	/* as last built, or NULL (new file) */
	const char	*new_id;	/* now, or NULL (gone or unreadable) */
	const char	*path;		/* the source file */
};

/* Register an edition folder: list its sources, queue them to read. */
void	cache_edition(const char *dir);
/* An event named path: read it again before the next build. 1 when path
 * is a source file of a registered folder, 0 when it is something else
 * (an asset, edition.md, a theme file: the cache cannot tell what that
 * changes). */
int	cache_touch(const char *path);
/* A folder came or went: list every registered folder again. */
void	cache_rescan(void);
/* Read up to max queued files (0: all); returns how many are left. */
size_t	cache_refresh(size_t max);
/* Files still to be read for the first time. */
size_t	cache_unread(void);
/* Something else changed that the items made of the sources may depend
 * on (an asset): they are made again, cache_convert(max) at a time
 * (returns how many are left; cache_unconverted counts them), and until
 * then a rebuild makes them itself. */
void	cache_forget_items(void);
size_t	cache_convert(size_t max);
size_t	cache_unconverted(void);
/* Anything changed since the last good build (content, not events)? */
int	cache_dirty(void);
/* What changed since the last good build (valid until cache_built). */
size_t	cache_changes(struct schange **);
/* The last build was good: what is read now is what was built, and
 * readlist (its cache_record file) says what it read of the files not
 * read here yet, for their first reading to compare. */
void	cache_built(const char *readlist);
/* In a rebuild child: let the model's readers take what is cached. */
void	cache_install(void);
/* In a rebuild child: write to file "HASH PATH" for each source the
 * model's readers read from disk, until cache_record_end. */
void	cache_record(const char *file);
void	cache_record_end(void);
size_t	cache_bytes(void);
/* One number for what is read now (a save that changed nothing). */
uint64_t cache_signature(void);

/* The pages of the last full build of one served edition and their
 * links (site-relative paths), read from the file its full pass wrote. */
struct slinks;
struct slinks	*links_load(const char *file);
void		 links_free(struct slinks *);
/* Pages linking to page (in-links), pages page links to (out-links). */
size_t		 links_in(const struct slinks *, const char *page,
		    const char ***out);
size_t		 links_out(const struct slinks *, const char *page,
		    const char ***out);
/* The department and stage names of that build, in order, "\n"-joined. */
const char	*links_names(const struct slinks *);
/* Append the site-relative targets of the hrefs of html (page's) to the
 * file fp as "L target" lines. */
void		 links_scan(void *fp, const char *page, const char *html,
		    size_t len);

/* serve_build.c: a rebuild, run in a child process (diag_fork). */
struct sbuild_ed {
	const char		*dir;		/* the edition folder */
	const char		*live;		/* the served site folder */
	const struct slinks	*links;		/* of the last full build */
	const char		*linkfile;	/* where the full pass writes */
};

struct sbuild {
	const char		*stage;		/* the private folder */
	const struct sbuild_ed	*eds;
	size_t			 neds;
	unsigned		 formats;
	int			 jobs;
	int			 quick;		/* a quick pass may do */
	const struct schange	*ch;		/* since the last full build */
	size_t			 nch;
	int			 qfd;		/* "P n" when the changed items'
						 * own pages are served, "Q n"
						 * when the quick pass is, "H"
						 * when it holds its model */
	unsigned		 keep;		/* formats not made: the served
						 * files of the last that made
						 * them stay linked */
	int			 cfd;		/* a holder's patches, or -1 */
	int			 cfd_w;		/* the server's end of cfd */
	const char		*dfile;		/* diag_fork's file */
};

/*
 * Writes stage/watch ("E dir", "T dir" lines) and stage/changed ("FULL
 * QUICK HTML": files changed by each pass, QUICK -1 when there was
 * none); returns the exit status (2: content errors, nothing changed).
 * After a good full pass of the portal alone, the child holds its model
 * instead of exiting: it hands its diagnostics over (diag_save to
 * dfile), says "H" on qfd and waits on cfd for a patch, "C KIND ID
 * PATH" lines and ".", which it puts into its model (model_patch) and
 * serves with a quick pass ("P n", "Q n"); then it exits, 0, or
 * SERVE_UNPATCHED when it served nothing (then a fresh build must).
 */
#define SERVE_UNPATCHED	4
int	serve_child_build(void *);
/* The formats made only when one of their files is asked for: the PDFs. */
unsigned serve_on_demand(void);

/* A diagnostic of the last build, as the server keeps it. */
struct sdiag {
	enum diag_level	 level;
	char		*where;		/* file:line:col */
	char		*msg;
};

/* serve_net.c */
/* A listening socket on addr:port, its URL in shown; -1 after saying
 * why (a port in use names another to try). */
int		 listen_on(const char *addr, int port, char *shown,
		    size_t shownsz);
const char	*content_type(const char *path);
/* Is every segment of rel a plain name (no "", ".", ".." or "\\")? */
int		 clean_path(const char *rel);
/* libmicrohttpd's unescape callback (MHD_OPTION_UNESCAPE_CALLBACK). */
struct MHD_Connection;
size_t		 url_unescape(void *, struct MHD_Connection *, char *);
int		 ignored_name(const char *name);
char		*banner_html(const struct sdiag *, size_t);
struct buf;
/* The head of a page of the server's own, up to <body>. */
void		 page_head(struct buf *, const char *title);
/* The most memory (MB) the process or one of its finished children held. */
long		 peak_mb(void);
int		 dir_exists(const char *);
/* The monotonic clock in milliseconds. */
long long	 now_ms(void);
/* "ybt serve: " and the message on stderr. */
void		 logf_(const char *, ...) __attribute__((format(printf, 1, 2)));
#ifdef MHD_VERSION	/* serve.c and serve_net.c */
/* Responses: a buffer (freed), plain text, 404. */
enum MHD_Result	 send_buf(struct MHD_Connection *, unsigned code,
		    const char *type, char *data, size_t len,
		    const char *location);
enum MHD_Result	 send_text(struct MHD_Connection *, unsigned code,
		    const char *text);
enum MHD_Result	 not_found(struct MHD_Connection *);
/* 301 to url with a slash; a file of the site as it is. */
enum MHD_Result	 redirect_slash(struct MHD_Connection *, const char *url);
enum MHD_Result	 send_fd(struct MHD_Connection *, const char *path);
#endif
/* Is rel (a path of the site of edition id) a PDF the downloads link? */
int		 is_download(const char *rel, const char *id);
/* A served page: the banner (or none) after <body…>, before </body> the
 * script that reloads it when the site's generation passes gen. */
char		*inject(const char *data, size_t len, const char *banner,
		    unsigned long gen, size_t *outlen);

#endif
