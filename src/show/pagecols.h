/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PAGECOLS_H
#define VMS_PAGECOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/cgroup.h"
#include "read/node.h"
#include "walk/pagewalk.h"
#include "show/output.h"

/*
 * The page columns of SPEC.md: one table for pages, resolve and pfn (and
 * pfn --who). The order is the order of --output-all.
 */
enum {
	PC_ADDR,
	PC_PFN,
	PC_PHYS,
	PC_PRESENT,
	PC_SWAPPED,
	PC_SWAPTYPE,
	PC_SWAPOFF,
	PC_EXCLUSIVE,
	PC_SOFTDIRTY,
	PC_UFFDWP,
	PC_FILE,
	PC_FLAGS,
	PC_RAWFLAGS,
	PC_COUNT,
	PC_CGROUP,
	PC_NODE,
	PC_INDEX,
	/* additions to the list of SPEC.md */
	PC_GUARD,
	PC_PAGEMAP,
	PC_VMA,
	PC_RAM,
	PC_CGROUPINO,
	PC_ZONE,
	PC_PID,
	PC_COMMAND,
	PC_NCOLS
};

/*
 * What a run knows beyond one page: shared by all its rows. A NULL cg or
 * nodes turns CGROUP or NODE/ZONE/RAM into nulls.
 */
struct page_ctx {
	size_t page_size;
	bool pfn_visible;	/* pagemap was opened with CAP_SYS_ADMIN */
	unsigned int kavail;	/* KPAGE_* files that could be opened */
	struct cgmap *cg;
	struct nodemap *nodes;
};

/*
 * A row. rec->addr may be any address in the page (resolve): PHYS adds
 * its offset in the page. frame_only: a frame without a virtual side
 * (pfn): rec->pm holds only the PFN, ADDR and the pagemap columns are
 * null. rec->v NULL with frame_only false: an address in no VMA (VMA
 * says "not mapped"). pid 0: PID and COMMAND are null.
 */
struct page_row {
	const struct page_rec *rec;
	const struct page_ctx *ctx;
	bool frame_only;
	pid_t pid;
	const char *comm;
};

extern const struct vms_coltable page_columns;

/*
 * Fill a cell of a struct page_row. String cells may point into a buffer
 * of this file that the next call reuses: the output layer consumes each
 * cell before it asks for the next one.
 */
void page_fill(const void *row, int col, struct vms_cell *c);

/* The PFN of a row when it is a real one: false means "unknown". */
bool page_row_pfn(const struct page_row *r, uint64_t *pfn);

/* The page table with other default columns (a command's own view). */
struct vms_coltable page_columns_with(const int *defaults, size_t n);

/* What a selection needs: KPAGE_* files, and the cgroup and node maps. */
unsigned int page_cols_kpage(const struct colsel *sel);
bool page_cols_need_cgroup(const struct colsel *sel);
bool page_cols_need_nodes(const struct colsel *sel);

#endif
