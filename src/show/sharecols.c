// SPDX-License-Identifier: GPL-2.0-or-later
/* The column table of `share` and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "lib/util.h"
#include "walk/pagewalk.h"
#include "show/interval.h"
#include "show/sharecols.h"

static const struct vms_column share_cols[SC_NCOLS] = {
	[SC_IMAGE] = { "IMAGE", 0.4, SCOLS_FL_TRUNC, COL_STR,
		       "mapped file, or [kind] of anonymous memory" },
	[SC_KIND] = { "KIND", 5, 0, COL_STR, "what backs the image" },
	[SC_BUILDID] = { "BUILDID", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "GNU build-id of the image's ELF file: the same file "
			 "in two containers is one image" },
	[SC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[SC_USER] = { "USER", 8, 0, COL_STR, "owner of the process" },
	[SC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name" },
	[SC_PEER] = { "PEER", 5, SCOLS_FL_RIGHT, COL_NUM,
		      "the other process of the pair (--matrix)" },
	[SC_PEERCOMMAND] = { "PEERCOMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			     "command name of the other process" },
	[SC_PROCS] = { "PROCS", 5, SCOLS_FL_RIGHT, COL_COUNT,
		       "processes that map the image" },
	[SC_PEERS] = { "PEERS", 5, SCOLS_FL_RIGHT, COL_COUNT,
		       "other processes that share anonymous or shmem frames "
		       "with this one" },
	[SC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident, summed over the processes" },
	[SC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional set size, summed over the processes" },
	[SC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "frames mapped once in the whole system" },
	[SC_SHARED] = { "SHARED", 6, SCOLS_FL_RIGHT, COL_SIZE,
			"RSS - USS; with --matrix, frames both processes map" },
	[SC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE, "swapped out" },
	[SC_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "anonymous frames (copied on write, for files)" },
	[SC_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "file-backed and shared frames" },
	[SC_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous frames in transparent huge pages" },
	[SC_VSS] = { "VSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "virtual size: the mappings, summed over the processes" },
	[SC_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS since the previous sample (--interval)" },
	[SC_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS since the previous sample" },
	[SC_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS since the previous sample" },
	[SC_DSHARED] = { "+SHARED", 7, SCOLS_FL_RIGHT, COL_DELTA,
			 "change of SHARED since the previous sample" },
};

const int share_image_defaults[] = {
	SC_IMAGE, SC_PROCS, SC_RSS, SC_PSS, SC_USS, SC_SHARED,
};
const int share_process_defaults[] = {
	SC_PID, SC_USER, SC_COMMAND, SC_PEERS, SC_RSS, SC_PSS, SC_USS,
	SC_SHARED,
};
const int share_matrix_defaults[] = {
	SC_PID, SC_COMMAND, SC_PEER, SC_PEERCOMMAND, SC_SHARED,
};
const size_t share_image_ndefaults = ARRAY_SIZE(share_image_defaults);
const size_t share_process_ndefaults = ARRAY_SIZE(share_process_defaults);
const size_t share_matrix_ndefaults = ARRAY_SIZE(share_matrix_defaults);

const struct vms_coltable share_columns = {
	.name = "share",
	.cols = share_cols,
	.ncols = SC_NCOLS,
	.defaults = share_image_defaults,
	.ndefaults = ARRAY_SIZE(share_image_defaults),
};

/* Sizes: only what pagemap alone tells (RSS, SWAP) without frames. */
static void fill_size(const struct share_row *r, int col, struct vms_cell *c)
{
	const struct vma_pages *p = r->pages;

	if (!p) {
		c->null = col != SC_SHARED;
		c->num = r->shared;
		return;
	}
	c->null = !r->frames && col != SC_RSS && col != SC_SWAP;
	switch (col) {
	case SC_RSS:
		c->num = p->rss;
		break;
	case SC_PSS:
		c->num = pss_bytes(p->pss_fp);
		break;
	case SC_USS:
		c->num = p->uss;
		break;
	case SC_SHARED:
		c->num = p->rss - p->uss;
		break;
	case SC_SWAP:
		c->num = p->swap;
		break;
	case SC_ANON:
		c->num = p->anon;
		break;
	case SC_FILE:
		c->num = p->file;
		break;
	case SC_THP:
		c->num = p->thp;
		break;
	}
}

void share_fill(const void *row, int col, struct vms_cell *c)
{
	const struct share_row *r = row;

	switch (col) {
	case SC_IMAGE:
		cell_str(c, r->image);
		break;
	case SC_KIND:
		cell_str(c, r->kind);
		break;
	case SC_BUILDID:
		cell_str(c, r->buildid);
		break;
	case SC_PID:
		c->null = !r->pid;
		c->num = (uint64_t)r->pid;
		break;
	case SC_USER:
		cell_str(c, r->user);
		break;
	case SC_COMMAND:
		cell_str(c, r->comm);
		break;
	case SC_PEER:
		c->null = !r->peer;
		c->num = (uint64_t)r->peer;
		break;
	case SC_PEERCOMMAND:
		cell_str(c, r->peer_comm);
		break;
	case SC_PROCS:
		c->null = !r->has_procs;
		c->num = r->procs;
		break;
	case SC_PEERS:
		c->null = !r->has_peers || !r->frames;
		c->num = r->peers;
		break;
	case SC_DRSS ... SC_DSHARED:
		c->null = !r->delta_known ||
			  r->delta[col - SC_DRSS] == DELTA_NONE;
		c->num = (uint64_t)r->delta[col - SC_DRSS];
		break;
	case SC_VSS:
		c->null = !r->has_vss;
		c->num = r->vss;
		break;
	default:
		fill_size(r, col, c);
		break;
	}
}
