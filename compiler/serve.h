/*
 * serve.h — `ybt serve`, the live preview (serve.c): main.c parses the
 * command line and hands the options here.
 * Included by: main.c and serve.c.
 */
#ifndef YBT_SERVE_H
#define YBT_SERVE_H

struct serve_opts {
	const char	*bind;		/* address to listen on */
	int		 port;
	unsigned	 formats;	/* out.h FMT_* bits; html always */
	int		 jobs;		/* threads of a rebuild */
	char		**dirs;		/* the edition folders */
	int		 ndirs;
};

/* Serve until SIGINT or SIGTERM; returns the exit status. */
int	serve_run(const struct serve_opts *);

#endif
