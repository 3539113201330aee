/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMECOLS_H
#define VMS_FRAMECOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "show/columns.h"
#include "show/output.h"

/* The columns of `flags`: the machine's frames, summed or in runs. */
enum {
	FC_PFN,
	FC_FLAGS,
	FC_RAWFLAGS,
	FC_CGROUP,
	FC_NODE,
	FC_PAGES,
	FC_SIZE,
	FC_DPAGES,		/* changes since the last sample (--interval) */
	FC_DSIZE,
	FC_NCOLS
};

/* A row: a run of frames, a flag set, a cgroup or a node. */
struct frame_row {
	uint64_t pfn, flags, pages;
	size_t page_size;
	const char *cgroup;
	int node;			/* -1: unknown or not asked */
	bool flagset;			/* a run or flag set: FLAGS apply */
	bool run;			/* --list: PFN applies */
	char buf[48];
	int64_t dpages;			/* +PAGES (--interval) */
	bool delta_known;
};

/* The sums of frames (flags, --by); run_columns: the runs of --list. */
extern const struct vms_coltable frame_columns;
extern const struct vms_coltable run_columns;
/* frame_columns with the defaults of --by cgroup or --by node. */
extern const struct vms_coltable frame_cgroup_columns;
extern const struct vms_coltable frame_node_columns;

void frame_fill(const void *row, int col, struct vms_cell *c);

#endif
