/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHECOLS_H
#define VMS_CACHECOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "walk/cachefile.h"
#include "show/columns.h"
#include "show/output.h"

enum {
	CC_FILE, CC_SIZE, CC_PAGES, CC_CACHED, CC_DIRTY, CC_WRITEBACK,
	CC_EVICTED, CC_RECENT, CC_PERCENT, CC_DELETED, CC_DEV, CC_INODE,
	CC_FS, CC_PIDS, CC_ACTIVE, CC_REFERENCED, CC_MAPPED, CC_UNEVICTABLE,
	CC_CGROUP, CC_NODE, CC_DCACHED,
	CC_NCOLS
};

/* The table, with the defaults of plain paths; the others per mode. */
extern const struct vms_coltable cache_columns;
extern const struct vms_coltable cache_pid_columns;
extern const struct vms_coltable cache_frame_columns;
extern const struct vms_coltable cache_frame_pid_columns;

void cache_fill(const void *row, int col, struct vms_cell *c);
/* The value by which --top ranks, for a numeric column; else CACHED. */
uint64_t cache_key(const struct cache_file *f, int col);

#endif
