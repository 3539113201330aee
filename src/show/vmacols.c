// SPDX-License-Identifier: GPL-2.0-or-later
/* The VMA column table and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "lib/util.h"
#include "walk/pagewalk.h"
#include "show/interval.h"
#include "show/vmacols.h"

/*
 * The columns of the page walk: smaps for the VMAs, pagemap and the frames'
 * flags and map counts for the pages.
 */
#define WALK (SRC_SMAPS | SRC_PAGEMAP | SRC_PFN | SRC_KPAGEFLAGS | \
	      SRC_KPAGECOUNT)

static const struct vms_column vma_cols[VC_NCOLS] = {
	[VC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID", 0 },
	[VC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name of the process", SRC_COMM },
	[VC_START] = { "START", 12, SCOLS_FL_RIGHT, COL_HEX,
		       "first address (hex)", SRC_MAPS },
	[VC_END] = { "END", 12, SCOLS_FL_RIGHT, COL_HEX,
		     "address after the last byte (hex)", SRC_MAPS },
	[VC_SIZE] = { "SIZE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "size of the address range", SRC_MAPS },
	[VC_PERMS] = { "PERMS", 4, 0, COL_STR,
		       "permissions: read, write, execute, shared or private",
		       SRC_MAPS },
	[VC_OFFSET] = { "OFFSET", 8, SCOLS_FL_RIGHT, COL_HEX,
			"offset in the file, in bytes (hex)", SRC_MAPS },
	[VC_DEV] = { "DEV", 5, 0, COL_STR,
		     "device of the file, major:minor (hex)", SRC_MAPS },
	[VC_INODE] = { "INODE", 5, SCOLS_FL_RIGHT, COL_NUM,
		       "inode of the file", SRC_MAPS },
	[VC_NAME] = { "NAME", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		      "file path or pseudo name, as the kernel shows it",
		      SRC_MAPS },
	[VC_KIND] = { "KIND", 5, 0, COL_STR,
		      "what backs the VMA: anon, heap, stack, file, shm, ...",
		      SRC_MAPS },
	[VC_DELETED] = { "DELETED", 1, SCOLS_FL_RIGHT, COL_BOOL,
			 "the file was deleted", SRC_MAPS },
	[VC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident: present pages, not the zero page or hugetlb",
		     SRC_SMAPS },
	[VC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional: each page divided by its map count",
		     SRC_SMAPS },
	[VC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "unique: pages mapped once (map count 1)", SRC_SMAPS },
	[VC_SHARED] = { "SHARED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"pages mapped more than once: RSS - USS", SRC_SMAPS },
	[VC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "swapped out, shmem too (smaps' Swap)", SRC_SMAPS },
	[VC_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident anonymous pages", SRC_SMAPS },
	[VC_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident pages that are not anonymous (page cache, shmem)",
		      SRC_SMAPS },
	[VC_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous pages in transparent huge pages, mTHP too",
		     WALK },
	[VC_HUGETLB] = { "HUGETLB", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "hugetlbfs pages (not in RSS, as in smaps)",
			 SRC_SMAPS },
	[VC_DIRTY] = { "DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
		       "dirty resident pages, PTE dirty bits too (smaps)",
		       SRC_SMAPS },
	[VC_LOCKED] = { "LOCKED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"mlocked pages, PSS-weighted as smaps' Locked",
			SRC_SMAPS },
	[VC_KSM] = { "KSM", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident pages merged by KSM", SRC_SMAPS },
	[VC_ZERO] = { "ZERO", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "mappings of the shared zero page (not in RSS)", WALK },
	[VC_REFERENCED] = { "REFERENCED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			    "referenced or young resident pages (smaps)",
			    SRC_SMAPS },
	[VC_ACTIVE] = { "ACTIVE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident pages on the active LRU list", WALK },
	[VC_VMFLAGS] = { "VMFLAGS", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "VmFlags of smaps (two-letter codes)", SRC_SMAPS },
	[VC_THPELIGIBLE] = { "THPELIGIBLE", 1, SCOLS_FL_RIGHT, COL_BOOL,
			     "THPeligible of smaps", SRC_SMAPS },
	[VC_PKEY] = { "PKEY", 2, SCOLS_FL_RIGHT, COL_NUM,
		      "memory protection key of smaps", SRC_SMAPS },
	[VC_SWAPPSS] = { "SWAPPSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "swap divided among its sharers (smaps' SwapPss)",
			 SRC_SMAPS },
	[VC_PSS_DIRTY] = { "PSS_DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of dirty pages (smaps' Pss_Dirty)", SRC_SMAPS },
	[VC_PSS_ANON] = { "PSS_ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of anonymous pages (walk; Pss_Anon)", WALK },
	[VC_PSS_FILE] = { "PSS_FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of page cache, not shmem (walk; Pss_File)",
			  WALK },
	[VC_PSS_SHMEM] = { "PSS_SHMEM", 5, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of shmem pages (walk; Pss_Shmem)", WALK },
	[VC_DRSS] = { "+RSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of RSS since the previous sample (--interval)",
		      SRC_SMAPS },
	[VC_DPSS] = { "+PSS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of PSS since the previous sample", SRC_SMAPS },
	[VC_DUSS] = { "+USS", 6, SCOLS_FL_RIGHT, COL_DELTA,
		      "change of USS since the previous sample", SRC_SMAPS },
	[VC_DSWAP] = { "+SWAP", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SWAP since the previous sample", SRC_SMAPS },
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
	.row_reads = SRC_MAPS,
};

const struct vms_coltable vma_file_columns = {
	.name = "maps",
	.cols = vma_cols,
	.ncols = VC_NCOLS,
	.defaults = vma_file_defaults,
	.ndefaults = ARRAY_SIZE(vma_file_defaults),
	.row_reads = SRC_MAPS,
};

/* A counter from smaps' fields (summed): false when smaps lacks one. */
static bool smaps_sum(const struct smaps_data *s, enum smaps_key a,
		      enum smaps_key b, uint64_t *out)
{
	if (!smaps_has(s, a) || (b != SMAPS_NKEYS && !smaps_has(s, b)))
		return false;
	*out = smaps_bytes(s, a) + (b != SMAPS_NKEYS ? smaps_bytes(s, b) : 0);
	return true;
}

/*
 * Column col from smaps, where smaps answers it: FILE is Rss - Anonymous
 * (both leave out the zero page and hugetlb, as the walk does).
 */
static bool from_smaps(const struct smaps_data *s, int col, uint64_t *out)
{
	static const enum smaps_key keys[VC_NCOLS][2] = {
		[VC_RSS] = { SMAPS_RSS, SMAPS_NKEYS },
		[VC_PSS] = { SMAPS_PSS, SMAPS_NKEYS },
		[VC_USS] = { SMAPS_PRIVATE_CLEAN, SMAPS_PRIVATE_DIRTY },
		[VC_SHARED] = { SMAPS_SHARED_CLEAN, SMAPS_SHARED_DIRTY },
		[VC_SWAP] = { SMAPS_SWAP, SMAPS_NKEYS },
		[VC_ANON] = { SMAPS_ANONYMOUS, SMAPS_NKEYS },
		[VC_HUGETLB] = { SMAPS_SHARED_HUGETLB, SMAPS_PRIVATE_HUGETLB },
		[VC_DIRTY] = { SMAPS_SHARED_DIRTY, SMAPS_PRIVATE_DIRTY },
		[VC_LOCKED] = { SMAPS_LOCKED, SMAPS_NKEYS },
		[VC_KSM] = { SMAPS_KSM, SMAPS_NKEYS },
		[VC_REFERENCED] = { SMAPS_REFERENCED, SMAPS_NKEYS },
		[VC_SWAPPSS] = { SMAPS_SWAP_PSS, SMAPS_NKEYS },
		[VC_PSS_DIRTY] = { SMAPS_PSS_DIRTY, SMAPS_NKEYS },
		/* Pss_Anon, _File, _Shmem: in smaps_rollup, not per VMA. */
		[VC_PSS_ANON] = { SMAPS_PSS_ANON, SMAPS_NKEYS },
		[VC_PSS_FILE] = { SMAPS_PSS_FILE, SMAPS_NKEYS },
		[VC_PSS_SHMEM] = { SMAPS_PSS_SHMEM, SMAPS_NKEYS },
	};
	uint64_t rss, anon;

	if (col == VC_FILE) {
		if (!from_smaps(s, VC_RSS, &rss) || !from_smaps(s, VC_ANON, &anon))
			return false;
		*out = rss > anon ? rss - anon : 0;
		return true;
	}
	/* Unset entries are { 0, 0 }: SMAPS_SIZE is no counter. */
	if (keys[col][0] == SMAPS_SIZE)
		return false;
	return smaps_sum(s, keys[col][0], keys[col][1], out);
}

/* The walk's value of counter col (frames or not); false: it has none. */
static bool walk_value(const struct vma_pages *p, int col, uint64_t *out)
{
	switch (col) {
	case VC_RSS: *out = p->rss; break;
	case VC_PSS: *out = pss_bytes(p->pss_fp); break;
	case VC_USS: *out = p->uss; break;
	case VC_SHARED: *out = p->rss - p->uss; break;
	case VC_SWAP: *out = p->swap; break;
	case VC_ANON: *out = p->anon; break;
	case VC_FILE: *out = p->file; break;
	case VC_THP: *out = p->thp; break;
	case VC_HUGETLB: *out = p->hugetlb; break;
	case VC_DIRTY: *out = p->dirty; break;
	case VC_LOCKED: *out = pss_bytes(p->locked_fp); break;
	case VC_KSM: *out = p->ksm; break;
	case VC_ZERO: *out = p->zero; break;
	case VC_REFERENCED: *out = p->referenced; break;
	case VC_ACTIVE: *out = p->active; break;
	case VC_PSS_ANON: *out = pss_bytes(p->pss_anon_fp); break;
	case VC_PSS_SHMEM: *out = pss_bytes(p->pss_shmem_fp); break;
	case VC_PSS_FILE:
		*out = pss_bytes(p->pss_fp - p->pss_anon_fp - p->pss_shmem_fp);
		break;
	default:
		return false;
	}
	return true;
}

/* Column col from the walk, where it answers it. */
static bool from_walk(const struct vma *v, int col, uint64_t *out)
{
	/* pagemap alone tells RSS and SWAP; the rest needs the frames. */
	if (!v->has_pages ||
	    (col != VC_RSS && col != VC_SWAP && !v->pages.frames))
		return false;
	return walk_value(&v->pages, col, out);
}

/*
 * Counters: smaps first for what the walk cannot see as the kernel does
 * (SWAP of shmem, DIRTY and REFERENCED with the PTE bits), and for all
 * when the walk saw no frames (its RSS then cannot tell the zero page and
 * hugetlb apart); the walk first for the rest (exact PSS); either one
 * where the other is missing. "-" when neither has it: never a zero as a
 * guess.
 */
static void fill_pages(const struct vma *v, int col, struct vms_cell *c)
{
	bool smaps_first = col == VC_SWAP || col == VC_DIRTY ||
			   col == VC_REFERENCED || !v->pages.frames;
	bool walk_ok = col != VC_DIRTY && col != VC_REFERENCED;

	if (smaps_first && from_smaps(&v->smaps, col, &c->num))
		return;
	if (walk_ok && from_walk(v, col, &c->num))
		return;
	if (!smaps_first && from_smaps(&v->smaps, col, &c->num))
		return;
	c->null = true;
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

/* The columns of the maps line, and who the process is. */
static void fill_maps(const struct vma_row *r, int col, struct vms_cell *c)
{
	const struct vma *v = r->v;

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
		vma_perms_str(v->perms, c->buf);
		cell_bytes(c, c->buf, 4);
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
	}
}

/* A change since the previous sample (--interval): +RSS +PSS +USS +SWAP. */
static void fill_delta(const struct vma_row *r, int col, struct vms_cell *c)
{
	int k = col == VC_DRSS ? 0 : col == VC_DPSS ? 1 :
		col == VC_DUSS ? 2 : 3;

	c->null = !r->delta_known || r->delta[k] == DELTA_NONE;
	c->num = (uint64_t)r->delta[k];
}

/*
 * A counter: a size (or its change) that smaps answers, and a walk of the
 * pages where smaps is missing. VmFlags, THPeligible and ProtectionKey
 * have no other source.
 */
static bool is_counter(int id)
{
	const struct vms_column *c = &vma_cols[id];

	return (c->reads & SRC_SMAPS) &&
	       (c->type == COL_SIZE || c->type == COL_DELTA);
}

void vma_fill(const void *row, int col, struct vms_cell *c)
{
	const struct vma_row *r = row;

	if (vma_cols[col].type == COL_DELTA)
		fill_delta(r, col, c);
	else if (is_counter(col))
		fill_pages(r->v, col, c);
	else if (vma_cols[col].reads & SRC_SMAPS)
		fill_smaps(r->v, col, c);
	else
		fill_maps(r, col, c);
}

/* Whether a selected column (or the sort column) passes test. */
static bool sel_any(const struct colsel *sel, const char *sort,
		    bool (*test)(int id))
{
	size_t i;
	int id;

	for (i = 0; i < sel->n; i++)
		if (test(sel->ids[i]))
			return true;
	id = sort ? coltable_lookup(&vma_columns, sort, strlen(sort)) : -1;
	return id >= 0 && test(id);
}

static bool is_smaps_only(int id)
{
	return (vma_cols[id].reads & SRC_SMAPS) && !is_counter(id);
}

bool vma_cols_need_smaps(const struct colsel *sel, const char *sort)
{
	return sel_any(sel, sort, is_smaps_only);
}

bool vma_cols_need_pages(const struct colsel *sel, const char *sort)
{
	return colsel_reads_any(&vma_columns, sel, sort, SRC_PAGEMAP);
}

bool vma_cols_any_counter(const struct colsel *sel, const char *sort)
{
	return sel_any(sel, sort, is_counter);
}

/*
 * The walk's values that need the flags of every page (the others need
 * them only where the map count is not proven otherwise).
 */
static bool needs_flags(int id)
{
	switch (id) {
	case VC_ANON: case VC_FILE: case VC_THP: case VC_LOCKED: case VC_KSM:
	case VC_ACTIVE: case VC_PSS_ANON: case VC_PSS_FILE: case VC_PSS_SHMEM:
		return true;
	}
	return false;
}

bool vma_cols_need_flags(const struct colsel *sel, const char *sort)
{
	return sel_any(sel, sort, needs_flags);
}
