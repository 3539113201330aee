// SPDX-License-Identifier: GPL-2.0-or-later
/* The column table of `diff` and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "lib/util.h"
#include "walk/diff.h"
#include "show/diffcols.h"

static const struct vms_column diff_cols[DC_NCOLS] = {
	[DC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[DC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name" },
	[DC_STATUS] = { "STATUS", 7, 0, COL_STR,
			"new, gone, grown, shrunk or changed" },
	[DC_START] = { "START", 16, SCOLS_FL_RIGHT, COL_HEX,
		       "first address of the VMA (--by vma)" },
	[DC_END] = { "END", 16, SCOLS_FL_RIGHT, COL_HEX,
		     "address after the VMA (--by vma)" },
	[DC_NAME] = { "NAME", 0.3, SCOLS_FL_TRUNC, COL_STR,
		      "VMA or image name; frame class with --by flags" },
	[DC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE, "resident, in B" },
	[DC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional set size, in B" },
	[DC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "private (Private_Clean + Private_Dirty), in B" },
	[DC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "swapped out, in B" },
	[DC_CACHED] = { "CACHED", 6, SCOLS_FL_RIGHT, COL_SIZE,
			"resident page cache (files and shmem), in B" },
	[DC_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS from A to B" },
	[DC_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS" },
	[DC_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS" },
	[DC_DSWAP] = { "+SWAP", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SWAP" },
	[DC_DCACHED] = { "+CACHED", 7, SCOLS_FL_RIGHT, COL_DELTA,
			 "change of CACHED" },
};

static const int process_defaults[] = {
	DC_PID, DC_COMMAND, DC_STATUS, DC_DRSS, DC_DPSS, DC_DUSS, DC_DSWAP,
	DC_DCACHED, DC_RSS, DC_PSS,
};
static const int vma_defaults[] = {
	DC_PID, DC_COMMAND, DC_STATUS, DC_START, DC_END, DC_DRSS, DC_DPSS,
	DC_DUSS, DC_DSWAP, DC_DCACHED, DC_NAME,
};
static const int image_defaults[] = {
	DC_STATUS, DC_DRSS, DC_DPSS, DC_DUSS, DC_DSWAP, DC_DCACHED, DC_RSS,
	DC_NAME,
};
static const int flags_defaults[] = {
	DC_NAME, DC_STATUS, DC_RSS, DC_DRSS, DC_DCACHED,
};

const struct vms_coltable diff_columns = {
	.name = "diff",
	.cols = diff_cols,
	.ncols = DC_NCOLS,
	.defaults = process_defaults,
	.ndefaults = ARRAY_SIZE(process_defaults),
};

void diff_view_defaults(int view, struct vms_coltable *t)
{
	static const struct { const int *ids; size_t n; } d[] = {
		[DIFF_BY_PROCESS] = { process_defaults,
				      ARRAY_SIZE(process_defaults) },
		[DIFF_BY_VMA] = { vma_defaults, ARRAY_SIZE(vma_defaults) },
		[DIFF_BY_IMAGE] = { image_defaults,
				    ARRAY_SIZE(image_defaults) },
		[DIFF_BY_FLAGS] = { flags_defaults,
				    ARRAY_SIZE(flags_defaults) },
	};

	*t = diff_columns;
	t->defaults = d[view].ids;
	t->ndefaults = d[view].n;
}

static uint64_t field(const struct diff_mem *m, int col)
{
	switch (col) {
	case DC_RSS: case DC_DRSS:
		return m->rss;
	case DC_PSS: case DC_DPSS:
		return m->pss;
	case DC_USS: case DC_DUSS:
		return m->uss;
	case DC_SWAP: case DC_DSWAP:
		return m->swap;
	default:
		return m->cached;
	}
}

/* A frame class has sizes and page cache only. */
static bool frame_null(int col)
{
	return col == DC_PSS || col == DC_USS || col == DC_SWAP ||
	       col == DC_DPSS || col == DC_DUSS || col == DC_DSWAP;
}

void diff_fill(const void *row, int col, struct vms_cell *c)
{
	const struct diff_row *r = row;

	switch (col) {
	case DC_PID:
		c->null = !r->pid;
		c->num = (uint64_t)r->pid;
		return;
	case DC_COMMAND:
		cell_str(c, r->comm);
		return;
	case DC_STATUS:
		cell_str(c, diff_status_name(r->status));
		return;
	case DC_START: case DC_END:
		c->null = !r->range;
		c->num = col == DC_START ? r->start : r->end;
		return;
	case DC_NAME:
		cell_str(c, r->name);
		return;
	}
	if (r->frames && frame_null(col)) {
		c->null = true;
		return;
	}
	if (col >= DC_DRSS) {
		c->num = field(&r->b, col) - field(&r->a, col);
		return;
	}
	c->null = !r->has_b;
	c->num = field(&r->b, col);
}
