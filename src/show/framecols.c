// SPDX-License-Identifier: GPL-2.0-or-later
/* The frame column table of `flags` and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "show/framecols.h"

static const struct vms_column frame_cols[FC_NCOLS] = {
	[FC_PFN] = { "PFN", 8, SCOLS_FL_RIGHT, COL_HEX,
		     "first frame of the run (--list)", SRC_KPAGEFLAGS },
	[FC_FLAGS] = { "FLAGS", 0.5, SCOLS_FL_TRUNC, COL_STR,
		       "page flags, by name", SRC_KPAGEFLAGS },
	[FC_RAWFLAGS] = { "RAWFLAGS", 16, SCOLS_FL_RIGHT, COL_HEX,
			  "page flags, as the kernel's bits (hex)",
			  SRC_KPAGEFLAGS },
	[FC_CGROUP] = { "CGROUP", 0.5, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup the frames are charged to (--by cgroup)",
			SRC_KPAGECGROUP | SRC_CGROUPFS },
	[FC_NODE] = { "NODE", 4, SCOLS_FL_RIGHT, COL_NUM,
		      "NUMA node of the frames (--by node)", SRC_NODES },
	[FC_PAGES] = { "PAGES", 8, SCOLS_FL_RIGHT, COL_COUNT,
		       "number of frames", SRC_KPAGEFLAGS },
	[FC_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, COL_SIZE,
		      "frames times the page size", SRC_KPAGEFLAGS },
	[FC_DPAGES] = { "+PAGES", 7, SCOLS_FL_RIGHT, COL_DCOUNT,
			"change of PAGES since the previous sample (--interval)",
			SRC_KPAGEFLAGS },
	[FC_DSIZE] = { "+SIZE", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SIZE since the previous sample",
		       SRC_KPAGEFLAGS },
};

static const int frame_defaults[] = {
	FC_PAGES, FC_SIZE, FC_RAWFLAGS, FC_FLAGS,
};

static const int run_defaults[] = {
	FC_PFN, FC_PAGES, FC_RAWFLAGS, FC_FLAGS,
};

static const int cgroup_defaults[] = { FC_PAGES, FC_SIZE, FC_CGROUP };
static const int node_defaults[] = { FC_NODE, FC_PAGES, FC_SIZE };

/* Every frame of the machine is read from kpageflags. */
#define FRAME_TABLE(var, key, defs) \
	const struct vms_coltable var = { \
		.name = key, .cols = frame_cols, .ncols = FC_NCOLS, \
		.defaults = defs, .ndefaults = ARRAY_SIZE(defs), \
		.row_reads = SRC_KPAGEFLAGS, \
	}

FRAME_TABLE(frame_columns, "frames", frame_defaults);
FRAME_TABLE(run_columns, "runs", run_defaults);
FRAME_TABLE(frame_cgroup_columns, "frames", cgroup_defaults);
FRAME_TABLE(frame_node_columns, "frames", node_defaults);

void frame_fill(const void *row, int col, struct vms_cell *c)
{
	const struct frame_row *r = row;

	switch (col) {
	case FC_PFN:
		c->null = !r->run;
		c->num = r->pfn;
		break;
	case FC_FLAGS:
		cell_str(c, r->flagset ? kpf_format(r->flags, c->buf,
						    sizeof(c->buf)) : NULL);
		break;
	case FC_RAWFLAGS:
		c->null = !r->flagset;
		c->num = r->flags;
		break;
	case FC_CGROUP:
		cell_str(c, r->cgroup);
		break;
	case FC_NODE:
		c->null = r->node < 0;
		c->num = (uint64_t)r->node;
		break;
	case FC_PAGES:
		c->num = r->pages;
		break;
	case FC_SIZE:
		c->num = r->pages * r->page_size;
		break;
	case FC_DPAGES:
	case FC_DSIZE:
		c->null = !r->delta_known;
		c->num = (uint64_t)r->dpages *
			 (col == FC_DSIZE ? r->page_size : 1);
		break;
	}
}
