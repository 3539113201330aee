// SPDX-License-Identifier: GPL-2.0-or-later
/* Frames read one chunk ahead of their reader (see pfnread.h). */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "lib/util.h"
#include "read/pfnread.h"

struct pfn_reader {
	struct kpage *k;
	uint64_t next, end;		/* next frame to read; last frame */
	size_t chunk;
	bool done;			/* the last chunk was read */
	bool threaded;
	bool stop;			/* the consumer is gone */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pfn_chunk slot[2];
	bool full[2];
	unsigned int take;		/* slot the consumer reads next */
	int held;			/* slot it was last given, or -1 */
};

/* Read the next chunk into c (n == 0 past the end). */
static void read_chunk(struct pfn_reader *r, struct pfn_chunk *c)
{
	uint64_t left = r->end - r->next;

	c->n = 0;
	c->got = 0;
	if (r->done)
		return;
	c->pfn = r->next;
	c->n = left >= r->chunk ? r->chunk : (size_t)left + 1;
	c->got = kpage_read_range(r->k, c->pfn, c->n, c->info);
	if (c->n - 1 == left || c->got < 0)
		r->done = true;
	else
		r->next += c->n;
}

static void *reader(void *arg)
{
	struct pfn_reader *r = arg;
	unsigned int put = 0;
	bool last = false;

	while (!last) {
		bool stop;

		pthread_mutex_lock(&r->mu);
		while (r->full[put] && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		stop = r->stop;
		pthread_mutex_unlock(&r->mu);
		if (stop)
			break;
		/* The slot is ours until it is marked full. */
		read_chunk(r, &r->slot[put]);
		last = r->slot[put].n == 0;
		pthread_mutex_lock(&r->mu);
		r->full[put] = true;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		put ^= 1;
	}
	return NULL;
}

struct pfn_reader *pfnread_start(struct kpage *k, uint64_t start,
				 uint64_t end, size_t chunk)
{
	struct pfn_reader *r = xcalloc(1, sizeof(*r));
	int i;

	*r = (struct pfn_reader){ .k = k, .next = start, .end = end,
				  .chunk = chunk, .held = -1 };
	for (i = 0; i < 2; i++)
		r->slot[i].info = xcalloc(chunk, sizeof(*r->slot[i].info));
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	/* One chunk or less: nothing to overlap, no thread to start. */
	r->threaded = end - start >= chunk &&
		      !pthread_create(&r->th, NULL, reader, r);
	return r;
}

const struct pfn_chunk *pfnread_next(struct pfn_reader *r)
{
	struct pfn_chunk *c;

	if (!r->threaded) {
		read_chunk(r, &r->slot[0]);
		return &r->slot[0];
	}
	pthread_mutex_lock(&r->mu);
	/* The slot handed out last time is free again. */
	if (r->held >= 0) {
		r->full[r->held] = false;
		pthread_cond_broadcast(&r->cv);
	}
	while (!r->full[r->take])
		pthread_cond_wait(&r->cv, &r->mu);
	c = &r->slot[r->take];
	r->held = (int)r->take;
	r->take ^= 1;
	pthread_mutex_unlock(&r->mu);
	return c;
}

void pfnread_stop(struct pfn_reader *r)
{
	if (r->threaded) {
		pthread_mutex_lock(&r->mu);
		r->stop = true;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		pthread_join(r->th, NULL);
	}
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r->slot[0].info);
	free(r->slot[1].info);
	free(r);
}
