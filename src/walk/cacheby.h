/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEBY_H
#define VMS_CACHEBY_H

#include "walk/cachewalk.h"

/* The rows to show, in order; the caller frees them (cache_rows_free). */
struct cache_rows {
	struct cache_file *r;
	size_t n;
	enum { ROWS_FILES, ROWS_GROUPS, ROWS_VIEWS } kind;
};

/*
 * ctl->rows grouped as --by says: files as they are; directories and
 * file systems summed; memory cgroups as one row per file and cgroup,
 * by cgroup path. Cgroup paths and node lists are filled in.
 */
void cache_group(struct cache_ctl *ctl, struct cache_rows *out);
void cache_rows_free(struct cache_rows *rows);
/* The sum of the files shown, named "total". */
void cache_total(struct cache_ctl *ctl, const struct cache_rows *rows,
		 struct cache_file *t);

#endif
