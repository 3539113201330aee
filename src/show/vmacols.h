/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_VMACOLS_H
#define VMS_VMACOLS_H

#include <sys/types.h>

#include "read/vma.h"
#include "show/output.h"

/* The VMA columns of SPEC.md, shared by maps and any command with VMAs. */
enum {
	VC_PID,
	VC_COMMAND,
	VC_START,
	VC_END,
	VC_SIZE,
	VC_PERMS,
	VC_OFFSET,
	VC_DEV,
	VC_INODE,
	VC_NAME,
	VC_KIND,
	VC_DELETED,
	/* From pagemap and kpage*: bytes. */
	VC_RSS,
	VC_PSS,
	VC_USS,
	VC_SHARED,
	VC_SWAP,
	VC_ANON,
	VC_FILE,
	VC_THP,
	VC_HUGETLB,
	VC_DIRTY,
	VC_LOCKED,
	VC_KSM,
	VC_ZERO,
	VC_REFERENCED,
	VC_ACTIVE,
	VC_VMFLAGS,
	VC_THPELIGIBLE,
	VC_PKEY,
	/* From smaps only. */
	VC_SWAPPSS,
	VC_PSS_DIRTY,
	VC_PSS_ANON,
	VC_PSS_FILE,
	VC_PSS_SHMEM,
	/* changes since the previous sample of --interval */
	VC_DRSS,
	VC_DPSS,
	VC_DUSS,
	VC_DSWAP,
	VC_NCOLS
};

/* A row: a VMA and the process it belongs to. */
struct vma_row {
	const struct vma *v;
	pid_t pid;		/* 0 for a maps file */
	const char *comm;
	int64_t delta[4];	/* +RSS +PSS +USS +SWAP (--interval) */
	bool delta_known;
};

extern const struct vms_coltable vma_columns;
/* The same columns; defaults for a maps file, which has no pages. */
extern const struct vms_coltable vma_file_columns;
void vma_fill(const void *row, int col, struct vms_cell *c);
/* Whether the selection or the sort column shows a change (+RSS ...). */
bool vma_cols_need_deltas(const struct colsel *sel, const char *sort);
/*
 * Where the counters come from (the man page's COUNTERS says the same):
 * smaps answers every counter but THP, ZERO, ACTIVE and PSS_ANON,
 * PSS_FILE, PSS_SHMEM (smaps_rollup has those, not smaps) with the
 * kernel's own per-VMA sums; those need the page walk. Where both are there,
 * the walk's value is shown for RSS PSS USS SHARED ANON FILE HUGETLB
 * LOCKED KSM (when it saw the frames), smaps' for SWAP DIRTY REFERENCED
 * and the smaps-only columns.
 */
/* Whether the selection needs VMFLAGS, THPELIGIBLE or PKEY. */
bool vma_cols_need_smaps(const struct colsel *sel, const char *sort);
/* Whether the selection or the sort column needs the page walk. */
bool vma_cols_need_pages(const struct colsel *sel, const char *sort);
/* Whether it has any counter column (a walk when smaps is missing). */
bool vma_cols_any_counter(const struct colsel *sel, const char *sort);
/* Whether it needs the page flags of every page (ANON ... ACTIVE). */
bool vma_cols_need_flags(const struct colsel *sel, const char *sort);

#endif
