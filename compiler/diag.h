/*
 * diag.h — the one diagnostics module. Every layer reports through
 * diag_at(); main() prints them sorted and derives the exit status.
 * Included by: any file.
 * Includes sys/types.h (pid_t).
 */
#ifndef YBT_DIAG_H
#define YBT_DIAG_H

#include <sys/types.h>
#include <stdio.h>
#include <stddef.h>

enum diag_level {
	DIAG_NOTE = 0,
	DIAG_WARNING,
	DIAG_ERROR
};

/* Exit statuses (SPEC §7). */
#define EXIT_CLEAN	0
#define EXIT_WARN	1
#define EXIT_CONTENT	2
#define EXIT_USAGE	3

/* Where a node came from. file is owned by the source table. */
struct loc {
	const char	*file;
	int		 line;
	int		 col;
};

void	diag_at(const struct loc *, enum diag_level, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag_file(const char *, int, int, enum diag_level,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
void	diag_set_min(enum diag_level);	/* -W: what to print */
void	diag_set_werror(int);
enum diag_level diag_worst(void);	/* DIAG_NOTE if none */
size_t	diag_count(enum diag_level);
void	diag_flush(void);		/* print sorted to stderr, clear */
void	diag_flush_to(FILE *);
int	diag_exit_status(void);		/* 0, 1, 2 or 3 from what was seen */
/* An error of file that is an I/O failure (an output that could not be
 * written): the run exits 3, not 2 (SPEC §7). */
void	diag_io(const char *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	diag_reset(void);
void	diag_forget(void);		/* drop all, print nothing (a child) */
/* A child writes its diagnostics to path (and forgets them); the
 * parent adds them to its own and removes the file. */
int	diag_save(const char *path);
void	diag_load(const char *path);
/*
 * Run fn(arg) in a child process that starts with no diagnostics, hands
 * those it makes to this one through path (diag_load it after waiting)
 * and exits with fn's value. Returns the child's pid, or -1 if it could
 * not be started (fn has not run).
 */
pid_t	diag_fork(const char *path, int (*fn)(void *), void *arg);

/* The diagnostics collected so far (for reports), in report order. */
struct diag_rec {
	const char	*file;
	int		 line;
	int		 col;
	enum diag_level	 level;
	const char	*msg;
};
size_t	diag_records(const struct diag_rec **);

/* "did you mean" helper: best of cands within distance, or NULL. */
const char *diag_suggest(const char *, const char *const *, size_t);

#endif
