// SPDX-License-Identifier: GPL-2.0-or-later
/* The process column table (top) and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "lib/util.h"
#include "walk/pagewalk.h"
#include "show/proccols.h"

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
	[PC_PROCS] = { "PROCS", 5, SCOLS_FL_RIGHT, COL_COUNT,
		       "processes in the row: 1, or a group's (--by)" },
	[PC_ARGS] = { "ARGS", 0.3, SCOLS_FL_TRUNC, COL_STR,
		      "command line, arguments separated by spaces" },
	[PC_CGROUP] = { "CGROUP", 0.2, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup path (the v1 memory controller's, "
			"else the unified hierarchy's)" },
	[PC_UNIT] = { "UNIT", 0.1, SCOLS_FL_TRUNC, COL_STR,
		      "systemd unit: the innermost .service or .scope of "
		      "the cgroup path" },
	[PC_EXE] = { "EXE", 0.2, SCOLS_FL_TRUNC, COL_STR,
		     "executable: where /proc/PID/exe points" },
	[PC_PSS_ANON] = { "PSS_ANON", 8, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of anonymous memory (Pss_Anon)" },
	[PC_PSS_FILE] = { "PSS_FILE", 8, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of file-backed memory (Pss_File)" },
	[PC_PSS_SHMEM] = { "PSS_SHMEM", 9, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of shmem: SysV, POSIX, memfd, tmpfs "
			   "(Pss_Shmem)" },
	[PC_PSS_DIRTY] = { "PSS_DIRTY", 9, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of dirty pages (Pss_Dirty)" },
	[PC_SWAPPSS] = { "SWAPPSS", 7, SCOLS_FL_RIGHT, COL_SIZE,
			 "swapped out, each slot divided by its map count "
			 "(SwapPss)" },
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

unsigned int proc_col_id(int col)
{
	switch (col) {
	case PC_ARGS:
		return PROCID_ARGS;
	case PC_CGROUP:
	case PC_UNIT:
		return PROCID_CGROUP;
	case PC_EXE:
		return PROCID_EXE;
	}
	return 0;
}

/* A string of the process, or null: unread, or mixed in a group. */
static void fill_id(const struct proc_mem *m, unsigned int mixed,
		    const char *s, struct vms_cell *c)
{
	if (m->mixed & mixed)
		c->null = true;
	else
		cell_str(c, s);
}

static void fill_unit(const struct proc_mem *m, struct vms_cell *c)
{
	const char *u = NULL;
	size_t len = 0;

	if (!(m->mixed & PM_MIXED_CGROUP) && m->id.cgroup)
		u = procid_unit(m->id.cgroup, &len);
	if (u)
		cell_bytes(c, u, len);
	else
		c->null = true;
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
	/*
	 * Without frames a walk knows none of its own counters: those of
	 * smaps_rollup stay (procmem_read_walk).
	 */
	if (m->walked && !m->pages.frames && proc_col_walks(col)) {
		c->null = true;
		return;
	}
	switch (col) {
	case PC_PID:
		c->null = !m->pid;
		c->num = (uint64_t)m->pid;
		break;
	case PC_USER:
		fill_id(m, PM_MIXED_USER, m->user, c);
		break;
	case PC_COMMAND:
		fill_id(m, PM_MIXED_COMM, m->comm, c);
		break;
	case PC_ARGS:
		fill_id(m, PM_MIXED_ARGS, m->id.args, c);
		break;
	case PC_CGROUP:
		fill_id(m, PM_MIXED_CGROUP, m->id.cgroup, c);
		break;
	case PC_UNIT:
		fill_unit(m, c);
		break;
	case PC_EXE:
		fill_id(m, PM_MIXED_EXE, m->id.exe, c);
		break;
	case PC_PROCS:
		c->num = m->procs;
		break;
	case PC_PSS_ANON:
		c->num = m->pss_anon;
		break;
	case PC_PSS_FILE:
		c->num = m->pss_file;
		break;
	case PC_PSS_SHMEM:
		c->num = m->pss_shmem;
		break;
	case PC_PSS_DIRTY:
		c->num = m->pss_dirty;
		break;
	case PC_SWAPPSS:
		c->num = m->swap_pss;
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
		c->num = m->rss > m->uss ? m->rss - m->uss : 0;
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
