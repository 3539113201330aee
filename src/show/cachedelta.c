// SPDX-License-Identifier: GPL-2.0-or-later
/* cache --interval: each row's +CACHED, keyed as cachedelta.h says. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "show/cachecols.h"
#include "show/cachedelta.h"

/* The row's CACHED, as its cell shows it; DELTA_UNKNOWN when "-". */
static uint64_t cached_value(const struct cache_file *f)
{
	struct vms_cell c;

	memset(&c, 0, sizeof(c));
	cache_fill(f, CC_CACHED, &c);
	return c.null ? DELTA_UNKNOWN : c.num;
}

static void put(struct cache_deltas *cd, struct cache_file *f,
		const void *key, size_t klen)
{
	uint64_t v = cached_value(f);

	deltas_put(&cd->d, key, klen, &v, 1, &f->dcached, &f->dknown);
}

/* 'f' or 'v', the device and inode, and for 'v' the cgroup's inode. */
static size_t file_key(const struct cache_file *f, char kind, char *key)
{
	uint64_t id[3] = { (uint64_t)f->dev, (uint64_t)f->ino, 0 };
	size_t n = 2;

	if (kind == 'v') {
		id[2] = f->cgi >= 0 && (size_t)f->cgi < f->fr.ncg ?
			f->fr.cg[f->cgi].ino : 0;
		n = 3;
	}
	key[0] = kind;
	memcpy(key + 1, id, n * sizeof(*id));
	return 1 + n * sizeof(*id);
}

void cache_delta_file(void *arg, struct cache_file *f)
{
	struct cache_deltas *cd = arg;
	char key[1 + 3 * sizeof(uint64_t)];

	if (cd->on)
		put(cd, f, key, file_key(f, 'f', key));
}

/* A group by its name: 'g' and the name's bytes. */
static void put_named(struct cache_deltas *cd, struct cache_file *f,
		      char kind)
{
	char *key = xmalloc(f->namelen + 1);

	key[0] = kind;
	memcpy(key + 1, f->name, f->namelen);
	put(cd, f, key, f->namelen + 1);
	free(key);
}

void cache_delta_rows(struct cache_deltas *cd, struct cache_rows *rows)
{
	char key[1 + 3 * sizeof(uint64_t)];
	size_t i;

	if (!cd->on || rows->kind == ROWS_FILES)
		return;
	for (i = 0; i < rows->n; i++) {
		struct cache_file *f = &rows->r[i];

		if (rows->kind == ROWS_VIEWS)
			put(cd, f, key, file_key(f, 'v', key));
		else
			put_named(cd, f, 'g');
	}
}

void cache_delta_total(struct cache_deltas *cd, struct cache_file *t)
{
	if (cd->on)
		put(cd, t, "t", 1);
}

void cache_delta_next(struct cache_deltas *cd)
{
	if (cd->on)
		deltas_next(&cd->d);
}

void cache_delta_free(struct cache_deltas *cd)
{
	deltas_free(&cd->d);
}
