// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The page column table and the values of its cells. A value that cannot
 * be known (page not present, PFNs hidden from an opener without
 * CAP_SYS_ADMIN, a kpage file unreadable) is null, never a zero.
 */
#include "config.h"

#include <inttypes.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "show/pagecols.h"

static const struct vms_column page_cols[PC_NCOLS] = {
	[PC_ADDR] = { "ADDR", 12, SCOLS_FL_RIGHT, COL_HEX,
		      "virtual address (hex)" },
	[PC_PFN] = { "PFN", 8, SCOLS_FL_RIGHT, COL_HEX,
		     "page frame number (hex); - when not present or hidden" },
	[PC_PHYS] = { "PHYS", 10, SCOLS_FL_RIGHT, COL_HEX,
		      "physical address (hex): PFN * page size + offset" },
	[PC_PRESENT] = { "PRESENT", 1, SCOLS_FL_RIGHT, COL_BOOL,
			 "page present in RAM" },
	[PC_SWAPPED] = { "SWAPPED", 1, SCOLS_FL_RIGHT, COL_BOOL,
			 "page swapped out" },
	[PC_SWAPTYPE] = { "SWAPTYPE", 2, SCOLS_FL_RIGHT, COL_NUM,
			  "swap area (type) of a swapped page" },
	[PC_SWAPOFF] = { "SWAPOFF", 6, SCOLS_FL_RIGHT, COL_HEX,
			 "offset in the swap area of a swapped page (hex)" },
	[PC_EXCLUSIVE] = { "EXCLUSIVE", 1, SCOLS_FL_RIGHT, COL_BOOL,
			   "exclusively mapped (clear: maybe shared)" },
	[PC_SOFTDIRTY] = { "SOFTDIRTY", 1, SCOLS_FL_RIGHT, COL_BOOL,
			   "soft-dirty bit of the PTE" },
	[PC_UFFDWP] = { "UFFDWP", 1, SCOLS_FL_RIGHT, COL_BOOL,
			"userfaultfd write-protected" },
	[PC_FILE] = { "FILE", 1, SCOLS_FL_RIGHT, COL_BOOL,
		      "file page or shared anonymous" },
	[PC_FLAGS] = { "FLAGS", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		       "names of the frame's kpageflags" },
	[PC_RAWFLAGS] = { "RAWFLAGS", 8, SCOLS_FL_RIGHT, COL_HEX,
			  "the frame's kpageflags word (hex)" },
	[PC_COUNT] = { "COUNT", 3, SCOLS_FL_RIGHT, COL_COUNT,
		       "map count of the frame (kpagecount)" },
	[PC_CGROUP] = { "CGROUP", 0.2, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup of the frame (path)" },
	[PC_NODE] = { "NODE", 2, SCOLS_FL_RIGHT, COL_NUM,
		      "NUMA node of the frame" },
	[PC_INDEX] = { "INDEX", 5, SCOLS_FL_RIGHT, COL_NUM,
		       "page offset in the file (file-backed VMAs)" },
	[PC_GUARD] = { "GUARD", 1, SCOLS_FL_RIGHT, COL_BOOL,
		       "guard region (MADV_GUARD_INSTALL)" },
	[PC_PAGEMAP] = { "PAGEMAP", 16, SCOLS_FL_RIGHT, COL_HEX,
			 "the raw pagemap entry (hex)" },
	[PC_VMA] = { "VMA", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		     "the VMA: start-end perms name" },
	[PC_RAM] = { "RAM", 1, SCOLS_FL_RIGHT, COL_BOOL,
		     "the frame is System RAM (/proc/iomem)" },
	[PC_CGROUPINO] = { "CGROUPINO", 5, SCOLS_FL_RIGHT, COL_NUM,
			   "inode of the memory cgroup (kpagecgroup)" },
	[PC_ZONE] = { "ZONE", 6, 0, COL_STR,
		      "memory zone of the frame (/proc/zoneinfo)" },
	[PC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[PC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name of the process" },
};

static const int page_defaults[] = {
	PC_ADDR, PC_PFN, PC_PRESENT, PC_SWAPPED, PC_EXCLUSIVE, PC_FILE,
	PC_COUNT, PC_NODE, PC_FLAGS,
};

const struct vms_coltable page_columns = {
	.name = "pages",
	.cols = page_cols,
	.ncols = PC_NCOLS,
	.defaults = page_defaults,
	.ndefaults = ARRAY_SIZE(page_defaults),
};

struct vms_coltable page_columns_with(const int *defaults, size_t n)
{
	struct vms_coltable t = page_columns;

	t.defaults = defaults;
	t.ndefaults = n;
	return t;
}

/* Long strings (flag lists, the VMA): consumed before the next fill. */
static char page_text[4096];

bool page_row_pfn(const struct page_row *r, uint64_t *pfn)
{
	uint64_t pm = r->rec->pm;

	*pfn = pm_pfn(pm);
	if (r->frame_only)
		return true;
	/*
	 * PFN 0 of a present page is what the kernel writes for an opener
	 * without CAP_SYS_ADMIN: never show it as a frame.
	 */
	return (pm & PM_PRESENT) && r->ctx->pfn_visible && *pfn;
}

/* A frame column: its kpage file must have been read. */
static bool kpage_known(const struct page_row *r, unsigned int file)
{
	uint64_t pfn;

	return page_row_pfn(r, &pfn) && r->rec->has_kpage &&
	       (r->ctx->kavail & file);
}

static void fill_vma(const struct page_row *r, struct vms_cell *c)
{
	const struct vma *v = r->rec->v;
	char perms[5];

	if (r->frame_only) {
		c->null = true;
		return;
	}
	if (!v) {
		cell_str(c, "not mapped");
		return;
	}
	vma_perms_str(v->perms, perms);
	snprintf(page_text, sizeof(page_text), "%" PRIx64 "-%" PRIx64 " %s%s%.*s",
		 v->start, v->end, perms, v->namelen ? " " : "",
		 (int)v->namelen, v->name ? v->name : "");
	cell_str(c, page_text);
}

static void fill_index(const struct page_row *r, struct vms_cell *c)
{
	const struct vma *v = r->rec->v;
	size_t ps = r->ctx->page_size;

	if (r->frame_only || !v || !v->inode || !ps) {
		c->null = true;
		return;
	}
	c->num = (r->rec->addr - v->start) / ps + v->offset / ps;
}

/* The columns decoded from the pagemap entry alone. */
static void fill_pagemap(const struct page_row *r, int col,
			 struct vms_cell *c)
{
	uint64_t pm = r->rec->pm;
	bool swapped = pm & PM_SWAPPED;

	if (r->frame_only || !r->rec->v) {
		c->null = true;
		return;
	}
	switch (col) {
	case PC_PRESENT:
		c->b = pm & PM_PRESENT;
		break;
	case PC_SWAPPED:
		c->b = swapped;
		break;
	case PC_SWAPTYPE:
		c->null = !swapped;
		c->num = pm_swap_type(pm);
		break;
	case PC_SWAPOFF:
		c->null = !swapped;
		c->num = pm_swap_offset(pm);
		break;
	case PC_EXCLUSIVE:
		c->b = pm & PM_EXCLUSIVE;
		break;
	case PC_SOFTDIRTY:
		c->b = pm & PM_SOFT_DIRTY;
		break;
	case PC_UFFDWP:
		c->b = pm & PM_UFFD_WP;
		break;
	case PC_GUARD:
		c->b = pm & PM_GUARD;
		break;
	case PC_FILE:
		c->b = pm & PM_FILE;
		break;
	case PC_PAGEMAP:
		c->num = pm;
		break;
	}
}

static void fill_cgroup(const struct page_row *r, int col,
			struct vms_cell *c)
{
	uint64_t ino = r->rec->ki.cgroup;

	/* Inode 0: a frame charged to no memory cgroup. */
	if (!kpage_known(r, KPAGE_CGROUP) || !ino) {
		c->null = true;
		return;
	}
	if (col == PC_CGROUPINO)
		c->num = ino;
	else
		cell_str(c, r->ctx->cg ? cgmap_path(r->ctx->cg, ino) : NULL);
}

/* The columns of the frame: PFN, PHYS and where it lives. */
static void fill_frame(const struct page_row *r, int col,
		       struct vms_cell *c)
{
	struct nodemap *nodes = r->ctx->nodes;
	uint64_t pfn;
	int v;

	if (!page_row_pfn(r, &pfn)) {
		c->null = true;
		return;
	}
	switch (col) {
	case PC_PFN:
		c->num = pfn;
		break;
	case PC_PHYS:
		c->num = pfn * r->ctx->page_size +
			 (r->frame_only ? 0 :
			  r->rec->addr % r->ctx->page_size);
		break;
	case PC_NODE:
		v = nodes ? nodemap_node(nodes, pfn) : -1;
		c->null = v < 0;
		c->num = (uint64_t)v;
		break;
	case PC_ZONE:
		cell_str(c, nodes ? nodemap_zone(nodes, pfn) : NULL);
		break;
	case PC_RAM:
		v = nodes ? nodemap_ram(nodes, pfn) : -1;
		c->null = v < 0;
		c->b = v > 0;
		break;
	}
}

static void fill_kpage(const struct page_row *r, int col,
		       struct vms_cell *c)
{
	const struct kpage_info *ki = &r->rec->ki;

	switch (col) {
	case PC_FLAGS:
	case PC_RAWFLAGS:
		if (!kpage_known(r, KPAGE_FLAGS)) {
			c->null = true;
			break;
		}
		c->num = ki->flags;
		if (col == PC_FLAGS)
			cell_str(c, kpf_format(ki->flags, page_text,
					       sizeof(page_text)));
		break;
	case PC_COUNT:
		c->null = !kpage_known(r, KPAGE_COUNT);
		c->num = ki->count;
		break;
	default:
		fill_cgroup(r, col, c);
		break;
	}
}

void page_fill(const void *row, int col, struct vms_cell *c)
{
	const struct page_row *r = row;

	switch (col) {
	case PC_ADDR:
		c->null = r->frame_only;
		c->num = r->rec->addr;
		break;
	case PC_PID:
		c->null = !r->pid;
		c->num = (uint64_t)r->pid;
		break;
	case PC_COMMAND:
		cell_str(c, r->pid ? r->comm : NULL);
		break;
	case PC_VMA:
		fill_vma(r, c);
		break;
	case PC_INDEX:
		fill_index(r, c);
		break;
	case PC_PFN:
	case PC_PHYS:
	case PC_NODE:
	case PC_ZONE:
	case PC_RAM:
		fill_frame(r, col, c);
		break;
	case PC_FLAGS:
	case PC_RAWFLAGS:
	case PC_COUNT:
	case PC_CGROUP:
	case PC_CGROUPINO:
		fill_kpage(r, col, c);
		break;
	default:
		fill_pagemap(r, col, c);
		break;
	}
}

unsigned int page_cols_kpage(const struct colsel *sel)
{
	unsigned int want = 0;

	if (colsel_has(sel, PC_FLAGS) || colsel_has(sel, PC_RAWFLAGS))
		want |= KPAGE_FLAGS;
	if (colsel_has(sel, PC_COUNT))
		want |= KPAGE_COUNT;
	if (page_cols_need_cgroup(sel) || colsel_has(sel, PC_CGROUPINO))
		want |= KPAGE_CGROUP;
	return want;
}

bool page_cols_need_cgroup(const struct colsel *sel)
{
	return colsel_has(sel, PC_CGROUP);
}

bool page_cols_need_nodes(const struct colsel *sel)
{
	return colsel_has(sel, PC_NODE) || colsel_has(sel, PC_ZONE) ||
	       colsel_has(sel, PC_RAM);
}
