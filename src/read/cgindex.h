/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CGINDEX_H
#define VMS_CGINDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "read/cgroup.h"

/* A snapshot's cgroup index beside sysroot: noted in m, true when found. */
bool cgmap_find_index(struct cgmap *m, const char *sysroot);
/* Each "INO\tPATH\0" record of the index file through add(). */
void cgmap_load_index(struct cgmap *m, const char *file,
		      void (*add)(struct cgmap *, uint64_t, const char *));

#endif
