/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHECOLS_H
#define VMS_CACHECOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "walk/cache.h"
#include "walk/cacheframes.h"
#include "show/columns.h"
#include "show/output.h"

/* One row of `vmascope cache`: a file, or a group of files (--by). */
struct cache_file {
	char *name;			/* bytes as the kernel or fts gave */
	size_t namelen;
	uint64_t size;			/* st_size */
	uint64_t pages;			/* the file's pages: size rounded up */
	dev_t dev;
	ino_t ino;
	const char *fs;			/* static: "ext4"; NULL unknown */
	struct cache_counts c;
	bool full;			/* cachestat: DIRTY ... RECENT known */
	bool deleted;			/* unlinked, still open or mapped */
	bool group;			/* a --by group or the total: no DEV,
					 * INODE */
	char *pids;			/* "1,20,300" (--pid, --all) */
	bool has_frames;		/* --frames was read */
	struct cache_frames fr;
	int cgi;			/* the frames this row counts: -1
					 * all, else those of fr.cg[cgi] */
	char *cgroup;			/* set before the row is shown */
	char node[32];			/* "0", "0,1" */
};

enum {
	CC_FILE, CC_SIZE, CC_PAGES, CC_CACHED, CC_DIRTY, CC_WRITEBACK,
	CC_EVICTED, CC_RECENT, CC_PERCENT, CC_DELETED, CC_DEV, CC_INODE,
	CC_FS, CC_PIDS, CC_ACTIVE, CC_REFERENCED, CC_MAPPED, CC_UNEVICTABLE,
	CC_CGROUP, CC_NODE,
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
/* Column col is a frame column: it needs --frames. */
bool cache_col_frames(int col);
/* Sum b into a (a total or a group). */
void cache_file_add(struct cache_file *a, const struct cache_file *b);
void cache_file_free(struct cache_file *f);
/* The frame counters a row counts; NULL without frames. */
const struct cache_fcounts *cache_row_frames(const struct cache_file *f);
/* f->node from f->fr.nodes. */
void cache_file_nodes(struct cache_file *f);

#endif
