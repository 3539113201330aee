// SPDX-License-Identifier: GPL-2.0-or-later
/* A parallel for-loop over indices, for scans of many processes. */
#include "config.h"

#include <err.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "lib/env.h"
#include "lib/parallel.h"
#include "lib/util.h"

#define MAX_WORKERS 16

static long ncpus;

static void count_cpus(void)
{
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
}

/*
 * The CPUs online, counted once a run: glibc reads a file of /sys for
 * each count, and a scan asked twice.
 */
static long online_cpus(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, count_cpus);
	return ncpus;
}

unsigned int parallel_workers(void)
{
	uint64_t n = env_number(ENV_THREADS);	/* 0: unset */
	long cpus;

	if (n)
		return n > MAX_WORKERS ? MAX_WORKERS : (unsigned int)n;
	cpus = online_cpus();
	if (cpus < 1)
		return 1;
	return cpus > MAX_WORKERS ? MAX_WORKERS : (unsigned int)cpus;
}

struct worker;

struct pfor {
	size_t n;
	size_t next;			/* the next index to hand out */
	void (*fn)(void *arg, size_t i, unsigned int worker);
	void *arg;
	bool busy;			/* more than one worker */
	unsigned int nw;
	struct worker *ws;
	bool started;			/* workers 1.. were started */
	uint64_t alone_ns;		/* worker 0 alone this long, or 0 */
	uint64_t t0;			/* when worker 0 began */
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

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000 + (uint64_t)t.tv_nsec;
}

static void *work(void *data);

/* Workers 1..: a thread that cannot start is not needed. */
static void start_others(struct pfor *p)
{
	unsigned int k;

	p->started = true;
	for (k = 1; k < p->nw; k++)
		if (pthread_create(&p->ws[k].thread, NULL, work, &p->ws[k]))
			p->ws[k].p = NULL;
}

/* Worker 0, alone so far: whether the time has come for the others. */
static void maybe_start(struct pfor *p)
{
	if (p->started || p->next >= p->n || now_ns() - p->t0 < p->alone_ns)
		return;
	start_others(p);
}

static void *work(void *data)
{
	struct worker *w = data;
	struct pfor *p = w->p;
	bool was = in_worker;
	size_t i;

	in_worker = p->busy;
	/* Indices one at a time: processes differ in size by orders. */
	for (;;) {
		if (!w->id)
			maybe_start(p);
		i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
		if (i >= p->n)
			break;
		p->fn(p->arg, i, w->id);
	}
	in_worker = was;
	return NULL;
}

static void run(size_t n, void (*fn)(void *arg, size_t i, unsigned int worker),
		void *arg, uint64_t alone_ns)
{
	/* One index needs no count of the CPUs (a file of /sys read). */
	struct pfor p = { .n = n, .fn = fn, .arg = arg,
			  .nw = n > 1 ? parallel_workers() : 1,
			  .alone_ns = alone_ns };
	unsigned int k;

	if (p.nw > n)
		p.nw = n ? (unsigned int)n : 1;
	p.busy = p.nw > 1;
	p.ws = xcalloc(p.nw, sizeof(*p.ws));
	for (k = 0; k < p.nw; k++) {
		p.ws[k].p = &p;
		p.ws[k].id = k;
	}
	if (alone_ns)
		p.t0 = now_ns();
	else
		start_others(&p);
	work(&p.ws[0]);
	/* Read by worker 0 alone: the others only start from it. */
	if (p.started)
		for (k = 1; k < p.nw; k++)
			if (p.ws[k].p)
				pthread_join(p.ws[k].thread, NULL);
	free(p.ws);
}

void parallel_for(size_t n, void (*fn)(void *arg, size_t i,
				       unsigned int worker),
		  void *arg)
{
	run(n, fn, arg, 0);
}

void parallel_for_ramp(size_t n, void (*fn)(void *arg, size_t i,
					    unsigned int worker),
		       void *arg, uint64_t alone_ns)
{
	run(n, fn, arg, alone_ns);
}
