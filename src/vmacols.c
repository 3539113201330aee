// SPDX-License-Identifier: GPL-2.0-or-later
/* The VMA column table and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "pagewalk.h"
#include "util.h"
#include "vmacols.h"

static const struct vms_column vma_cols[VC_NCOLS] = {
	[VC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[VC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name of the process" },
	[VC_START] = { "START", 12, SCOLS_FL_RIGHT, COL_HEX,
		       "first address (hex)" },
	[VC_END] = { "END", 12, SCOLS_FL_RIGHT, COL_HEX,
		     "address after the last byte (hex)" },
	[VC_SIZE] = { "SIZE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "size of the address range" },
	[VC_PERMS] = { "PERMS", 4, 0, COL_STR,
		       "permissions: read, write, execute, shared or private" },
	[VC_OFFSET] = { "OFFSET", 8, SCOLS_FL_RIGHT, COL_HEX,
			"offset in the file, in bytes (hex)" },
	[VC_DEV] = { "DEV", 5, 0, COL_STR,
		     "device of the file, major:minor (hex)" },
	[VC_INODE] = { "INODE", 5, SCOLS_FL_RIGHT, COL_NUM,
		       "inode of the file" },
	[VC_NAME] = { "NAME", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		      "file path or pseudo name, as the kernel shows it" },
	[VC_KIND] = { "KIND", 5, 0, COL_STR,
		      "what backs the VMA: anon, heap, stack, file, shm, ..." },
	[VC_DELETED] = { "DELETED", 1, SCOLS_FL_RIGHT, COL_BOOL,
			 "the file was deleted" },
	[VC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident: present pages, not the zero page or hugetlb" },
	[VC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional: each page divided by its map count" },
	[VC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "unique: pages mapped once (map count 1)" },
	[VC_SHARED] = { "SHARED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"pages mapped more than once: RSS - USS" },
	[VC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "swapped out (not shmem: pagemap cannot see it)" },
	[VC_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident anonymous pages" },
	[VC_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident pages that are not anonymous (page cache, shmem)" },
	[VC_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous pages in transparent huge pages, mTHP too" },
	[VC_HUGETLB] = { "HUGETLB", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "hugetlbfs pages (not in RSS, as in smaps)" },
	[VC_DIRTY] = { "DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
		       "resident pages with the dirty flag (not PTE dirty bits)" },
	[VC_LOCKED] = { "LOCKED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"mlocked pages, PSS-weighted as smaps' Locked" },
	[VC_KSM] = { "KSM", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident pages merged by KSM" },
	[VC_ZERO] = { "ZERO", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "mappings of the shared zero page (not in RSS)" },
	[VC_REFERENCED] = { "REFERENCED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			    "resident pages with the referenced flag" },
	[VC_ACTIVE] = { "ACTIVE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident pages on the active LRU list" },
	[VC_VMFLAGS] = { "VMFLAGS", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "VmFlags of smaps (two-letter codes)" },
	[VC_THPELIGIBLE] = { "THPELIGIBLE", 1, SCOLS_FL_RIGHT, COL_BOOL,
			     "THPeligible of smaps" },
	[VC_PKEY] = { "PKEY", 2, SCOLS_FL_RIGHT, COL_NUM,
		      "memory protection key of smaps" },
	[VC_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS since the previous sample (--interval)" },
	[VC_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS since the previous sample" },
	[VC_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS since the previous sample" },
	[VC_DSWAP] = { "+SWAP", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SWAP since the previous sample" },
};

/* As pmap -X: where, how big, what is resident and shared, what it is. */
static const int vma_defaults[] = {
	VC_START, VC_SIZE, VC_PERMS, VC_RSS, VC_PSS, VC_USS, VC_SWAP,
	VC_KIND, VC_NAME,
};

/* A maps file has no pages: every field of its lines instead. */
static const int vma_file_defaults[] = {
	VC_START, VC_END, VC_SIZE, VC_PERMS, VC_OFFSET, VC_DEV, VC_INODE,
	VC_KIND, VC_NAME,
};

const struct vms_coltable vma_columns = {
	.name = "maps",
	.cols = vma_cols,
	.ncols = VC_NCOLS,
	.defaults = vma_defaults,
	.ndefaults = ARRAY_SIZE(vma_defaults),
};

const struct vms_coltable vma_file_columns = {
	.name = "maps",
	.cols = vma_cols,
	.ncols = VC_NCOLS,
	.defaults = vma_file_defaults,
	.ndefaults = ARRAY_SIZE(vma_file_defaults),
};

/*
 * Page counters: "-" when the pages could not be walked, and the counters
 * that need frames also when PFNs were hidden; never a zero as a guess.
 */
static void fill_pages(const struct vma *v, int col, struct vms_cell *c)
{
	const struct vma_pages *p = &v->pages;
	bool from_pagemap = col == VC_RSS || col == VC_SWAP;
	uint64_t val[] = {
		[VC_RSS - VC_RSS] = p->rss,
		[VC_PSS - VC_RSS] = pss_bytes(p->pss_fp),
		[VC_USS - VC_RSS] = p->uss,
		[VC_SHARED - VC_RSS] = p->rss - p->uss,
		[VC_SWAP - VC_RSS] = p->swap,
		[VC_ANON - VC_RSS] = p->anon,
		[VC_FILE - VC_RSS] = p->file,
		[VC_THP - VC_RSS] = p->thp,
		[VC_HUGETLB - VC_RSS] = p->hugetlb,
		[VC_DIRTY - VC_RSS] = p->dirty,
		[VC_LOCKED - VC_RSS] = pss_bytes(p->locked_fp),
		[VC_KSM - VC_RSS] = p->ksm,
		[VC_ZERO - VC_RSS] = p->zero,
		[VC_REFERENCED - VC_RSS] = p->referenced,
		[VC_ACTIVE - VC_RSS] = p->active,
	};

	if (!v->has_pages || (!from_pagemap && !p->frames)) {
		c->null = true;
		return;
	}
	c->num = val[col - VC_RSS];
}

static void fill_smaps(const struct vma *v, int col, struct vms_cell *c)
{
	const struct smaps_data *s = &v->smaps;

	switch (col) {
	case VC_VMFLAGS:
		cell_str(c, s->vmflags);
		break;
	case VC_THPELIGIBLE:
		c->null = s->thp_eligible < 0;
		c->b = s->thp_eligible > 0;
		break;
	case VC_PKEY:
		c->null = s->pkey < 0;
		c->num = (uint64_t)s->pkey;
		break;
	}
}

void vma_fill(const void *row, int col, struct vms_cell *c)
{
	const struct vma_row *r = row;
	const struct vma *v = r->v;
	char perms[5];

	switch (col) {
	case VC_PID:
		c->null = !r->pid;
		c->num = (uint64_t)r->pid;
		break;
	case VC_COMMAND:
		cell_str(c, r->comm);
		break;
	case VC_START:
		c->num = v->start;
		break;
	case VC_END:
		c->num = v->end;
		break;
	case VC_SIZE:
		c->num = v->end - v->start;
		break;
	case VC_PERMS:
		vma_perms_str(v->perms, perms);
		cell_str(c, strcpy(c->buf, perms));
		break;
	case VC_OFFSET:
		c->num = v->offset;
		break;
	case VC_DEV:
		snprintf(c->buf, sizeof(c->buf), "%02x:%02x", v->major,
			 v->minor);
		cell_str(c, c->buf);
		break;
	case VC_INODE:
		c->num = v->inode;
		break;
	case VC_NAME:
		cell_bytes(c, v->name, v->namelen);
		break;
	case VC_KIND:
		cell_str(c, vma_kind_name(v->kind));
		break;
	case VC_DELETED:
		c->b = v->deleted;
		break;
	case VC_RSS ... VC_ACTIVE:
		fill_pages(v, col, c);
		break;
	case VC_DRSS ... VC_DSWAP:
		c->null = !r->delta_known;
		c->num = (uint64_t)r->delta[col - VC_DRSS];
		break;
	default:
		fill_smaps(v, col, c);
		break;
	}
}

/* Whether a column in [first, last] is selected or sorted on. */
static bool need_range(const struct colsel *sel, const char *sort,
		       int first, int last)
{
	int id;

	for (id = first; id <= last; id++)
		if (colsel_has(sel, id))
			return true;
	if (!sort)
		return false;
	id = coltable_lookup(&vma_columns, sort, strlen(sort));
	return id >= first && id <= last;
}

bool vma_cols_need_deltas(const struct colsel *sel, const char *sort)
{
	return need_range(sel, sort, VC_DRSS, VC_DSWAP);
}

bool vma_cols_need_smaps(const struct colsel *sel, const char *sort)
{
	return need_range(sel, sort, VC_VMFLAGS, VC_PKEY);
}

bool vma_cols_need_pages(const struct colsel *sel, const char *sort)
{
	return need_range(sel, sort, VC_RSS, VC_ACTIVE);
}

bool vma_cols_need_flags(const struct colsel *sel, const char *sort)
{
	static const int flag_cols[] = {
		VC_ANON, VC_FILE, VC_THP, VC_DIRTY, VC_LOCKED, VC_KSM,
		VC_REFERENCED, VC_ACTIVE,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_cols); i++)
		if (need_range(sel, sort, flag_cols[i], flag_cols[i]))
			return true;
	return false;
}
