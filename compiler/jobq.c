/*
 * jobq.c — work on N threads, consume results in order, at most K ahead.
 *
 * Workers take the next job as they come free, so they finish together;
 * the consumer follows in job order. Both sides sleep on one mutex with
 * two conditions, and neither wakes the other once per job: the consumer
 * asks to be woken when a job some way ahead is done (or the last one),
 * and workers held back by the window are woken when the consumer has
 * moved on. Every shared field is read and written under the mutex, so
 * ThreadSanitizer has nothing to guess about.
 */
#include <pthread.h>
#include <stdlib.h>

#include "util.h"
#include "jobq.h"

struct run {
	const struct jobq	*q;
	pthread_mutex_t		 m;
	pthread_cond_t		 ready;		/* consumer waits */
	pthread_cond_t		 room;		/* workers wait */
	unsigned char		*done;		/* one per job */
	size_t			 next;		/* next job to take */
	size_t			 consumed;	/* jobs consumed so far */
	size_t			 want;		/* wake the consumer at this */
	size_t			 finished;	/* jobs done */
	int			 waiting;	/* the consumer sleeps */
	int			 held;		/* workers sleep on room */
};

struct worker {
	struct run	*r;
	int		 id;
	pthread_t	 tid;
	int		 started;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;
	const struct jobq *q = r->q;
	size_t i;

	pthread_mutex_lock(&r->m);
	for (;;) {
		if (r->next >= q->n)
			break;
		if (q->window > 0 && r->next >= r->consumed + q->window) {
			r->held++;
			pthread_cond_wait(&r->room, &r->m);
			r->held--;
			continue;
		}
		i = r->next++;
		pthread_mutex_unlock(&r->m);
		q->work(q->arg, w->id, i);
		pthread_mutex_lock(&r->m);
		r->done[i] = 1;
		r->finished++;
		if (r->waiting && (r->done[r->want] || r->finished == q->n)) {
			r->waiting = 0;
			pthread_cond_signal(&r->ready);
		}
	}
	pthread_mutex_unlock(&r->m);
	return NULL;
}

void
jobq_run(const struct jobq *q)
{
	struct run r;
	struct worker *ws;
	size_t i;
	int t, nt = q->nthreads;

	if (q->n == 0)
		return;
	if (nt < 1) {
		for (i = 0; i < q->n; i++) {
			q->work(q->arg, 0, i);
			if (q->consume)
				q->consume(q->arg, i);
		}
		return;
	}
	r.q = q;
	pthread_mutex_init(&r.m, NULL);
	pthread_cond_init(&r.ready, NULL);
	pthread_cond_init(&r.room, NULL);
	r.done = xcalloc(q->n, 1);
	r.next = r.consumed = r.want = r.finished = 0;
	r.waiting = r.held = 0;
	ws = xcalloc((size_t)nt, sizeof(*ws));
	for (t = 0; t < nt; t++) {
		ws[t].r = &r;
		ws[t].id = t;
		ws[t].started = pthread_create(&ws[t].tid, NULL, worker_main,
		    &ws[t]) == 0;
	}
	/* No thread at all: the caller does the work, in order. */
	for (t = 0; t < nt && !ws[t].started; t++)
		;
	if (t == nt) {
		free(ws);
		free(r.done);
		pthread_cond_destroy(&r.room);
		pthread_cond_destroy(&r.ready);
		pthread_mutex_destroy(&r.m);
		for (i = 0; i < q->n; i++) {
			q->work(q->arg, 0, i);
			if (q->consume)
				q->consume(q->arg, i);
		}
		return;
	}

	for (i = 0; i < q->n; i++) {
		pthread_mutex_lock(&r.m);
		while (!r.done[i]) {
			r.want = i + q->batch < q->n ? i + q->batch : q->n - 1;
			/* Workers cannot pass the window: never wait beyond
			 * it. */
			if (q->window > 0 && r.want >= i + q->window)
				r.want = i + q->window - 1;
			r.waiting = 1;
			pthread_cond_wait(&r.ready, &r.m);
		}
		pthread_mutex_unlock(&r.m);
		if (q->consume)
			q->consume(q->arg, i);
		pthread_mutex_lock(&r.m);
		r.consumed = i + 1;
		/* Wake held workers when a quarter of the window is free. */
		if (r.held > 0 && (r.consumed == q->n || r.consumed +
		    q->window >= r.next + (q->window + 3) / 4))
			pthread_cond_broadcast(&r.room);
		pthread_mutex_unlock(&r.m);
	}
	for (t = 0; t < nt; t++)
		if (ws[t].started)
			pthread_join(ws[t].tid, NULL);
	free(ws);
	free(r.done);
	pthread_cond_destroy(&r.room);
	pthread_cond_destroy(&r.ready);
	pthread_mutex_destroy(&r.m);
}
