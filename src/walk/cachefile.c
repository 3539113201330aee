// SPDX-License-Identifier: GPL-2.0-or-later
/* A row of `vmascope cache`: a file or a group, its sums and its frames. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "walk/cachefile.h"

const struct cache_fcounts *cache_row_frames(const struct cache_file *f)
{
	if (!f->has_frames || !f->fr.visible)
		return NULL;
	if (f->cgi < 0 || (size_t)f->cgi >= f->fr.ncg)
		return &f->fr.c;
	return &f->fr.cg[f->cgi].c;
}

void cache_file_add(struct cache_file *a, const struct cache_file *b)
{
	a->size += b->size;
	a->pages += b->pages;
	a->c.cached += b->c.cached;
	a->c.dirty += b->c.dirty;
	a->c.writeback += b->c.writeback;
	a->c.evicted += b->c.evicted;
	a->c.recent += b->c.recent;
	a->deleted |= b->deleted;
	a->full = a->full && b->full;
	if (b->has_frames) {
		a->has_frames = true;
		cache_frames_add(&a->fr, b->fr.visible ? &b->fr :
				 &(struct cache_frames){ .c = { 0 } });
		a->cgi = -1;
	}
}

void cache_file_free(struct cache_file *f)
{
	free(f->name);
	free(f->pids);
	free(f->cgroup);
	cache_frames_free(&f->fr);
}

bool cache_file_changed(const struct cache_file *f)
{
	/* INT64_MIN is show/interval.h's DELTA_NONE: a change not known */
	return f->dknown && f->dcached && f->dcached != INT64_MIN;
}

void cache_file_nodes(struct cache_file *f)
{
	size_t len = 0;
	int n;

	f->node[0] = '\0';
	for (n = 0; n < 64 && len + 4 < sizeof(f->node); n++)
		if (f->fr.nodes & (1ULL << n))
			len += (size_t)snprintf(f->node + len,
						sizeof(f->node) - len, "%s%d",
						len ? "," : "", n);
}
