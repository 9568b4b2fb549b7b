/*
 * jobq.h — the one ordered job queue: jobs 0..n-1 run on worker threads,
 * and the calling thread consumes their results in job order, so what it
 * writes never depends on which thread did what.
 *
 * Included by: jobq.c, model_read.c and out_html.c.
 */
#ifndef YBT_JOBQ_H
#define YBT_JOBQ_H

#include <stddef.h>

struct jobq {
	size_t	 n;		/* jobs 0..n-1 */
	int	 nthreads;	/* workers; < 1 runs everything on the caller */
	size_t	 window;	/* a worker takes job i only when i < consumed
				 * + window (0: no bound) */
	size_t	 batch;		/* the consumer sleeps until this many jobs
				 * beyond the one it needs are done */
	/* On a worker thread; worker is 0..nthreads-1 (0 on the caller). */
	void	(*work)(void *arg, int worker, size_t i);
	/* On the calling thread, once per job, in order (may be NULL). */
	void	(*consume)(void *arg, size_t i);
	void	*arg;
};

/* Runs every job and returns when all are consumed. */
void	 jobq_run(const struct jobq *);

#endif
