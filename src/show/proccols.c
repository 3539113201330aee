// SPDX-License-Identifier: GPL-2.0-or-later
/* The process column table (top) and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>

#include "lib/util.h"
#include "walk/pagewalk.h"
#include "show/proccols.h"

/* The columns of the page walk: smaps_rollup has no such counter. */
#define WALK (SRC_MAPS | SRC_PAGEMAP | SRC_PFN | SRC_KPAGEFLAGS | \
	      SRC_KPAGECOUNT)

static const struct vms_column proc_cols[PR_NCOLS] = {
	[PR_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID", 0 },
	[PR_USER] = { "USER", 8, 0, COL_STR, "owner (real user ID)",
	              SRC_STATUS },
	[PR_COMMAND] = { "COMMAND", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "command name", SRC_STATUS },
	[PR_VSS] = { "VSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "virtual size: all VMAs (VmSize)", SRC_STATUS },
	[PR_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident: present pages", SRC_ROLLUP },
	[PR_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional: each page divided by its map count",
		     SRC_ROLLUP },
	[PR_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "unique: pages mapped by this process only", SRC_ROLLUP },
	[PR_SHARED] = { "SHARED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident and mapped by others too: RSS - USS",
			SRC_ROLLUP },
	[PR_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "swapped out", SRC_ROLLUP },
	[PR_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident anonymous memory", SRC_ROLLUP },
	[PR_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident file-backed and shared memory: RSS - ANON",
		      SRC_ROLLUP },
	[PR_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous memory in transparent huge pages, mTHP too "
		     "(walks the pages)", WALK },
	[PR_KSM] = { "KSM", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "merged by KSM (walks the pages)", WALK },
	[PR_ZERO] = { "ZERO", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "mapping the shared zero page (walks the pages)", WALK },
	[PR_PROCS] = { "PROCS", 5, SCOLS_FL_RIGHT, COL_COUNT,
		       "processes in the row: 1, or a group's (--by)", 0 },
	[PR_ARGS] = { "ARGS", 0.3, SCOLS_FL_TRUNC, COL_STR,
		      "command line, arguments separated by spaces",
		      SRC_CMDLINE },
	[PR_CGROUP] = { "CGROUP", 0.2, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup path (the v1 memory controller's, "
			"else the unified hierarchy's)", SRC_PIDCGROUP },
	[PR_UNIT] = { "UNIT", 0.1, SCOLS_FL_TRUNC, COL_STR,
		      "systemd unit: the innermost .service or .scope of "
		      "the cgroup path", SRC_PIDCGROUP },
	[PR_EXE] = { "EXE", 0.2, SCOLS_FL_TRUNC, COL_STR,
		     "executable: where /proc/PID/exe points", SRC_EXE },
	[PR_PSS_ANON] = { "PSS_ANON", 8, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of anonymous memory (Pss_Anon)", SRC_ROLLUP },
	[PR_PSS_FILE] = { "PSS_FILE", 8, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of file-backed memory (Pss_File)", SRC_ROLLUP },
	[PR_PSS_SHMEM] = { "PSS_SHMEM", 9, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of shmem: SysV, POSIX, memfd, tmpfs "
			   "(Pss_Shmem)", SRC_ROLLUP },
	[PR_PSS_DIRTY] = { "PSS_DIRTY", 9, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of dirty pages (Pss_Dirty)", SRC_ROLLUP },
	[PR_SWAPPSS] = { "SWAPPSS", 7, SCOLS_FL_RIGHT, COL_SIZE,
			 "swapped out, each slot divided by its map count "
			 "(SwapPss)", SRC_ROLLUP },
	[PR_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS since the previous sample (--interval)",
		      SRC_ROLLUP },
	[PR_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS since the previous sample", SRC_ROLLUP },
	[PR_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS since the previous sample", SRC_ROLLUP },
	[PR_DSWAP] = { "+SWAP", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SWAP since the previous sample", SRC_ROLLUP },
};

bool proc_col_walks(int col)
{
	return proc_cols[col].reads & SRC_PAGEMAP;
}

unsigned int proc_reads_id(unsigned int reads)
{
	return (reads & SRC_CMDLINE ? PROCID_ARGS : 0) |
	       (reads & SRC_PIDCGROUP ? PROCID_CGROUP : 0) |
	       (reads & SRC_EXE ? PROCID_EXE : 0);
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
	PR_PID, PR_USER, PR_COMMAND, PR_RSS, PR_PSS, PR_USS, PR_SWAP,
};

static const int group_program[] = { PR_PROCS, PR_COMMAND, PR_RSS, PR_PSS,
				     PR_USS, PR_SWAP, PR_EXE };
static const int group_user[] = { PR_PROCS, PR_USER, PR_RSS, PR_PSS, PR_USS,
				  PR_SWAP };
static const int group_cgroup[] = { PR_PROCS, PR_RSS, PR_PSS, PR_USS, PR_SWAP,
				    PR_CGROUP };
static const int group_unit[] = { PR_PROCS, PR_UNIT, PR_RSS, PR_PSS, PR_USS,
				  PR_SWAP };

const int *proc_group_columns(enum procgroup_by by, size_t *n)
{
	static const struct { const int *ids; size_t n; } cols[] = {
		[GROUP_PROCESS] = { proc_defaults, ARRAY_SIZE(proc_defaults) },
		[GROUP_PROGRAM] = { group_program, ARRAY_SIZE(group_program) },
		[GROUP_USER] = { group_user, ARRAY_SIZE(group_user) },
		[GROUP_CGROUP] = { group_cgroup, ARRAY_SIZE(group_cgroup) },
		[GROUP_UNIT] = { group_unit, ARRAY_SIZE(group_unit) },
	};

	*n = cols[by].n;
	return cols[by].ids;
}

const struct vms_coltable proc_columns = {
	.name = "processes",
	.cols = proc_cols,
	.ncols = PR_NCOLS,
	.defaults = proc_defaults,
	.ndefaults = ARRAY_SIZE(proc_defaults),
	.row_reads = SRC_ROLLUP | SRC_STATUS,
};

/* Who the row is: false for a number column. */
static bool fill_who(const struct proc_mem *m, int col, struct vms_cell *c)
{
	switch (col) {
	case PR_PID:
		c->null = !m->pid;
		c->num = (uint64_t)m->pid;
		break;
	case PR_USER:
		fill_id(m, PM_MIXED_USER, m->user, c);
		break;
	case PR_COMMAND:
		fill_id(m, PM_MIXED_COMM, m->comm, c);
		break;
	case PR_ARGS:
		fill_id(m, PM_MIXED_ARGS, m->id.args, c);
		break;
	case PR_CGROUP:
		fill_id(m, PM_MIXED_CGROUP, m->id.cgroup, c);
		break;
	case PR_UNIT:
		fill_unit(m, c);
		break;
	case PR_EXE:
		fill_id(m, PM_MIXED_EXE, m->id.exe, c);
		break;
	default:
		return false;
	}
	return true;
}

/* A number column: bytes, or the count of processes. */
static uint64_t proc_value(const struct proc_mem *m, int col)
{
	switch (col) {
	case PR_PROCS: return m->procs;
	case PR_PSS_ANON: return m->pss_anon;
	case PR_PSS_FILE: return m->pss_file;
	case PR_PSS_SHMEM: return m->pss_shmem;
	case PR_PSS_DIRTY: return m->pss_dirty;
	case PR_SWAPPSS: return m->swap_pss;
	case PR_VSS: return m->vss;
	case PR_RSS: return m->rss;
	case PR_PSS: return pss_bytes(m->pss_fp);
	case PR_USS: return m->uss;
	case PR_SHARED: return m->rss > m->uss ? m->rss - m->uss : 0;
	case PR_SWAP: return m->swap;
	case PR_ANON: return m->anon;
	case PR_FILE: return m->file;
	case PR_THP: return m->pages.thp;
	case PR_KSM: return m->pages.ksm;
	case PR_ZERO: return m->pages.zero;
	}
	return 0;
}

void proc_fill(const void *row, int col, struct vms_cell *c)
{
	const struct proc_mem *m = row;

	if (proc_cols[col].type == COL_DELTA) {
		c->null = !m->delta_known;
		c->num = (uint64_t)m->delta[col - PR_DRSS];
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
	if (!fill_who(m, col, c))
		c->num = proc_value(m, col);
}
