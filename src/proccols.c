// SPDX-License-Identifier: GPL-2.0-or-later
/* The process column table (top) and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "pagewalk.h"
#include "proccols.h"
#include "util.h"

static const struct vms_column proc_cols[PC_NCOLS] = {
	[PC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[PC_USER] = { "USER", 8, 0, COL_STR, "owner (real user ID)" },
	[PC_COMMAND] = { "COMMAND", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "command name" },
	[PC_VSS] = { "VSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "virtual size: all VMAs (VmSize)" },
	[PC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident: present pages" },
	[PC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional: each page divided by its map count" },
	[PC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "unique: pages mapped by this process only" },
	[PC_SHARED] = { "SHARED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident and mapped by others too: RSS - USS" },
	[PC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "swapped out" },
	[PC_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident anonymous memory" },
	[PC_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident file-backed and shared memory: RSS - ANON" },
	[PC_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous memory in transparent huge pages, mTHP too "
		     "(walks the pages)" },
	[PC_KSM] = { "KSM", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "merged by KSM (walks the pages)" },
	[PC_ZERO] = { "ZERO", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "mapping the shared zero page (walks the pages)" },
	[PC_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS since the previous sample (--interval)" },
	[PC_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS since the previous sample" },
	[PC_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS since the previous sample" },
	[PC_DSWAP] = { "+SWAP", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SWAP since the previous sample" },
};

bool proc_col_walks(int col)
{
	return col == PC_THP || col == PC_KSM || col == PC_ZERO;
}

static const int proc_defaults[] = {
	PC_PID, PC_USER, PC_COMMAND, PC_RSS, PC_PSS, PC_USS, PC_SWAP,
};

const struct vms_coltable proc_columns = {
	.name = "processes",
	.cols = proc_cols,
	.ncols = PC_NCOLS,
	.defaults = proc_defaults,
	.ndefaults = ARRAY_SIZE(proc_defaults),
};

void proc_fill(const void *row, int col, struct vms_cell *c)
{
	const struct proc_mem *m = row;

	if (col >= PC_DRSS) {
		c->null = !m->delta_known;
		c->num = (uint64_t)m->delta[col - PC_DRSS];
		return;
	}
	/* Without frames a walk knows RSS and SWAP of the sizes only. */
	if (m->walked && !m->pages.frames && col >= PC_PSS && col != PC_SWAP) {
		c->null = true;
		return;
	}
	switch (col) {
	case PC_PID:
		c->null = !m->pid;
		c->num = (uint64_t)m->pid;
		break;
	case PC_USER:
		cell_str(c, m->pid ? m->user : NULL);
		break;
	case PC_COMMAND:
		cell_str(c, m->comm);
		break;
	case PC_VSS:
		c->num = m->vss;
		break;
	case PC_RSS:
		c->num = m->rss;
		break;
	case PC_PSS:
		c->num = pss_bytes(m->pss_fp);
		break;
	case PC_USS:
		c->num = m->uss;
		break;
	case PC_SHARED:
		c->num = m->rss - m->uss;
		break;
	case PC_SWAP:
		c->num = m->swap;
		break;
	case PC_ANON:
		c->num = m->anon;
		break;
	case PC_FILE:
		c->num = m->file;
		break;
	case PC_THP:
		c->num = m->pages.thp;
		break;
	case PC_KSM:
		c->num = m->pages.ksm;
		break;
	case PC_ZERO:
		c->num = m->pages.zero;
		break;
	}
}
