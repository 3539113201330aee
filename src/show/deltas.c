// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The previous sample's counters, by row key: rows of a sample are
 * collected unsorted, sorted once when the sample ends, and the next
 * sample finds its rows there by binary search.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "show/interval.h"

struct delta_ent {
	char *key;
	size_t klen;
	uint64_t v[DELTA_MAX];
};

static int cmp_ent(const void *a, const void *b)
{
	const struct delta_ent *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int r = memcmp(x->key, y->key, n);

	return r ? r : (x->klen > y->klen) - (x->klen < y->klen);
}

void deltas_put(struct deltas *d, const void *key, size_t klen,
		const uint64_t *vals, size_t n, int64_t *delta, bool *known)
{
	struct delta_ent k = { (char *)key, klen, { 0 } }, *e, *p;
	size_t i;

	if (n > DELTA_MAX)
		n = DELTA_MAX;
	p = d->nprev ? bsearch(&k, d->prev, d->nprev, sizeof(k), cmp_ent) :
	    NULL;
	for (i = 0; i < n; i++)
		delta[i] = vals[i] == DELTA_UNKNOWN ||
			   (p && p->v[i] == DELTA_UNKNOWN) ? DELTA_NONE :
			   (int64_t)(vals[i] - (p ? p->v[i] : 0));
	*known = d->started;
	if (d->ncur == d->capcur) {
		d->capcur = d->capcur ? d->capcur * 2 : 256;
		d->cur = xreallocarray(d->cur, d->capcur, sizeof(*d->cur));
	}
	e = &d->cur[d->ncur++];
	e->key = xmemdup(key, klen);
	e->klen = klen;
	memset(e->v, 0, sizeof(e->v));
	memcpy(e->v, vals, n * sizeof(*vals));
}

static void free_ents(struct delta_ent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

void deltas_next(struct deltas *d)
{
	free_ents(d->prev, d->nprev);
	d->prev = d->cur;
	d->nprev = d->ncur;
	d->cur = NULL;
	d->ncur = d->capcur = 0;
	if (d->nprev)
		qsort(d->prev, d->nprev, sizeof(*d->prev), cmp_ent);
	d->started = true;
}

void deltas_free(struct deltas *d)
{
	free_ents(d->prev, d->nprev);
	free_ents(d->cur, d->ncur);
	memset(d, 0, sizeof(*d));
}
