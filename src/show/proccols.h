/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCCOLS_H
#define VMS_PROCCOLS_H

#include "walk/procmem.h"
#include "show/output.h"

/* The process columns of SPEC.md: rows are struct proc_mem. */
enum {
	PC_PID,
	PC_USER,
	PC_COMMAND,
	PC_VSS,
	PC_RSS,
	PC_PSS,
	PC_USS,
	PC_SHARED,
	PC_SWAP,
	PC_ANON,
	PC_FILE,
	PC_THP,
	PC_KSM,
	PC_ZERO,
	PC_PROCS,
	PC_ARGS,
	PC_CGROUP,
	PC_UNIT,
	PC_EXE,
	PC_PSS_ANON,
	PC_PSS_FILE,
	PC_PSS_SHMEM,
	PC_PSS_DIRTY,
	PC_SWAPPSS,
	/* changes since the previous sample of --interval */
	PC_DRSS,
	PC_DPSS,
	PC_DUSS,
	PC_DSWAP,
	PC_NCOLS
};

extern const struct vms_coltable proc_columns;
void proc_fill(const void *row, int col, struct vms_cell *c);
/* Whether a column needs the pages walked (not in smaps_rollup). */
bool proc_col_walks(int col);
/* What of the process's identity a column shows (PROCID_*; 0: none). */
unsigned int proc_col_id(int col);

#endif
