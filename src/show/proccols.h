/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCCOLS_H
#define VMS_PROCCOLS_H

#include "walk/procgroup.h"
#include "walk/procmem.h"
#include "show/output.h"

/* The process columns of top: rows are struct proc_mem. */
enum {
	PR_PID,
	PR_USER,
	PR_COMMAND,
	PR_VSS,
	PR_RSS,
	PR_PSS,
	PR_USS,
	PR_SHARED,
	PR_SWAP,
	PR_ANON,
	PR_FILE,
	PR_THP,
	PR_KSM,
	PR_ZERO,
	PR_PROCS,
	PR_ARGS,
	PR_CGROUP,
	PR_UNIT,
	PR_EXE,
	PR_PSS_ANON,
	PR_PSS_FILE,
	PR_PSS_SHMEM,
	PR_PSS_DIRTY,
	PR_SWAPPSS,
	/* changes since the previous sample of --interval */
	PR_DRSS,
	PR_DPSS,
	PR_DUSS,
	PR_DSWAP,
	PR_NCOLS
};

extern const struct vms_coltable proc_columns;

/*
 * The columns a grouping shows without -o (top --by, export's groups):
 * its key and PROCS with the sizes; n set to their count.
 */
const int *proc_group_columns(enum procgroup_by by, size_t *n);
void proc_fill(const void *row, int col, struct vms_cell *c);
/* Whether a column needs the pages walked (not in smaps_rollup). */
bool proc_col_walks(int col);
/* What of the process's identity sources (SRC_*) tell (PROCID_*). */
unsigned int proc_reads_id(unsigned int reads);

#endif
