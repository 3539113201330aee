/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEDELTA_H
#define VMS_CACHEDELTA_H

#include "walk/cacheby.h"

/*
 * cache --interval: +CACHED, the change of a row's CACHED since the
 * previous sample. A file is matched by device and inode (a rename or
 * another path to it is the same file), a directory or file system group
 * by its name, a cgroup's share of a file by file and cgroup inode, the
 * total by itself. Without --interval these do nothing.
 */

/* A measured file, before it is kept or left out (--by file only). */
void cache_delta_file(struct cache_ctl *ctl, struct cache_file *f);
/* The rows of --by dir, fs or cgroup, once grouped. */
void cache_delta_rows(struct cache_ctl *ctl, struct cache_rows *rows);
/* The totals line. */
void cache_delta_total(struct cache_ctl *ctl, struct cache_file *t);
/* The sample is complete. */
void cache_delta_next(struct cache_ctl *ctl);

/* A file with nothing cached is still shown when it lost its cache. */
bool cache_delta_shown(const struct cache_file *f);

#endif
