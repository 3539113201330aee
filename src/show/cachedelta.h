/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEDELTA_H
#define VMS_CACHEDELTA_H

#include <stdbool.h>

#include "walk/cacheby.h"
#include "show/interval.h"

/*
 * cache --interval: +CACHED, the change of a row's CACHED since the
 * previous sample. A file is matched by device and inode (a rename or
 * another path to it is the same file), a directory or file system group
 * by its name, a cgroup's share of a file by file and cgroup inode, the
 * total by itself. With on false (no --interval) these do nothing.
 */
struct cache_deltas {
	bool on;
	struct deltas d;
};

/*
 * A measured file, before it is kept or left out (--by file): the hook
 * of struct cache_ctl, arg a struct cache_deltas.
 */
void cache_delta_file(void *arg, struct cache_file *f);
/* The rows of --by dir, fs or cgroup, once grouped. */
void cache_delta_rows(struct cache_deltas *cd, struct cache_rows *rows);
/* The totals line. */
void cache_delta_total(struct cache_deltas *cd, struct cache_file *t);
/* The sample is complete. */
void cache_delta_next(struct cache_deltas *cd);
void cache_delta_free(struct cache_deltas *cd);

#endif
