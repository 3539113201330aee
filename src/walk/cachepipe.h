/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEPIPE_H
#define VMS_CACHEPIPE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "walk/cachewalk.h"

/*
 * A walk's batches measured in the background: while one batch is
 * measured on all cores (cache_measure_jobs), the walk reads the
 * directories of the next. Only the measure runs there: the walk, the
 * rows and the directories' references stay with the walking thread.
 * Without a second CPU, or a thread, each batch is measured when given.
 */
struct cache_pipe {
	struct cache_ctl *ctl;
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct cache_job *jobs;		/* the batch given */
	size_t n;
	bool busy;			/* given, not measured yet */
	bool stop;
};

void cache_pipe_start(struct cache_pipe *p, struct cache_ctl *ctl);
/* Measure jobs[0..n): in the background, or now. */
void cache_pipe_give(struct cache_pipe *p, struct cache_job *jobs, size_t n);
/* Until the batch given is measured. */
void cache_pipe_wait(struct cache_pipe *p);
void cache_pipe_stop(struct cache_pipe *p);

#endif
