// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The walk of cache -R and the measure of its files, overlapped: one
 * thread measures the batch given (on all cores, through parallel_for)
 * while the walking thread fills the next (see cachepipe.h). The jobs of
 * a batch are written by the walker before cache_pipe_give and read back
 * after cache_pipe_wait, both under the lock: each side sees the other's
 * writes whole.
 */
#include "config.h"

#include "lib/parallel.h"
#include "walk/cachepipe.h"

static void *measurer(void *arg)
{
	struct cache_pipe *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->busy && !p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
		if (!p->busy)
			break;
		pthread_mutex_unlock(&p->lock);
		cache_measure_jobs(p->ctl, p->jobs, p->n);
		pthread_mutex_lock(&p->lock);
		p->busy = false;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

void cache_pipe_start(struct cache_pipe *p, struct cache_ctl *ctl)
{
	p->ctl = ctl;
	p->busy = p->stop = false;
	p->threaded = false;
	if (parallel_workers() < 2)
		return;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->threaded = !pthread_create(&p->thread, NULL, measurer, p);
	if (!p->threaded) {
		pthread_cond_destroy(&p->cond);
		pthread_mutex_destroy(&p->lock);
	}
}

void cache_pipe_give(struct cache_pipe *p, struct cache_job *jobs, size_t n)
{
	if (!p->threaded) {
		cache_measure_jobs(p->ctl, jobs, n);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->jobs = jobs;
	p->n = n;
	p->busy = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

void cache_pipe_wait(struct cache_pipe *p)
{
	if (!p->threaded)
		return;
	pthread_mutex_lock(&p->lock);
	while (p->busy)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void cache_pipe_stop(struct cache_pipe *p)
{
	if (!p->threaded)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	p->threaded = false;
}
