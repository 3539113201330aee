// SPDX-License-Identifier: GPL-2.0-or-later
/* A parallel for-loop over indices, for scans of many processes. */
#include "config.h"

#include <err.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/env.h"
#include "lib/parallel.h"
#include "lib/util.h"

#define MAX_WORKERS 16

unsigned int parallel_workers(void)
{
	uint64_t n = env_number(ENV_THREADS);	/* 0: unset */
	long cpus;

	if (n)
		return n > MAX_WORKERS ? MAX_WORKERS : (unsigned int)n;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		return 1;
	return cpus > MAX_WORKERS ? MAX_WORKERS : (unsigned int)cpus;
}

struct pfor {
	size_t n;
	size_t next;			/* the next index to hand out */
	void (*fn)(void *arg, size_t i, unsigned int worker);
	void *arg;
	bool busy;			/* more than one worker */
};

struct worker {
	struct pfor *p;
	unsigned int id;
	pthread_t thread;
};

static __thread bool in_worker;

bool parallel_in_worker(void)
{
	return in_worker;
}

static void *work(void *data)
{
	struct worker *w = data;
	bool was = in_worker;
	size_t i;

	in_worker = w->p->busy;
	/* Indices one at a time: processes differ in size by orders. */
	while ((i = __atomic_fetch_add(&w->p->next, 1, __ATOMIC_RELAXED)) <
	       w->p->n)
		w->p->fn(w->p->arg, i, w->id);
	in_worker = was;
	return NULL;
}

void parallel_for(size_t n, void (*fn)(void *arg, size_t i,
				       unsigned int worker),
		  void *arg)
{
	struct pfor p = { n, 0, fn, arg, false };
	unsigned int nw = parallel_workers(), k;
	struct worker *ws;

	if (nw > n)
		nw = n ? (unsigned int)n : 1;
	p.busy = nw > 1;
	ws = xcalloc(nw, sizeof(*ws));
	for (k = 0; k < nw; k++) {
		ws[k].p = &p;
		ws[k].id = k;
	}
	/* Worker 0 is this thread; a thread that cannot start is not needed. */
	for (k = 1; k < nw; k++)
		if (pthread_create(&ws[k].thread, NULL, work, &ws[k]))
			ws[k].p = NULL;
	work(&ws[0]);
	for (k = 1; k < nw; k++)
		if (ws[k].p)
			pthread_join(ws[k].thread, NULL);
	free(ws);
}
