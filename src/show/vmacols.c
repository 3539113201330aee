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
		      "swapped out, shmem too (smaps' Swap)" },
	[VC_ANON] = { "ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident anonymous pages" },
	[VC_FILE] = { "FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "resident pages that are not anonymous (page cache, shmem)" },
	[VC_THP] = { "THP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "anonymous pages in transparent huge pages, mTHP too" },
	[VC_HUGETLB] = { "HUGETLB", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "hugetlbfs pages (not in RSS, as in smaps)" },
	[VC_DIRTY] = { "DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
		       "dirty resident pages, PTE dirty bits too (smaps)" },
	[VC_LOCKED] = { "LOCKED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"mlocked pages, PSS-weighted as smaps' Locked" },
	[VC_KSM] = { "KSM", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident pages merged by KSM" },
	[VC_ZERO] = { "ZERO", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "mappings of the shared zero page (not in RSS)" },
	[VC_REFERENCED] = { "REFERENCED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			    "referenced or young resident pages (smaps)" },
	[VC_ACTIVE] = { "ACTIVE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident pages on the active LRU list" },
	[VC_VMFLAGS] = { "VMFLAGS", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "VmFlags of smaps (two-letter codes)" },
	[VC_THPELIGIBLE] = { "THPELIGIBLE", 1, SCOLS_FL_RIGHT, COL_BOOL,
			     "THPeligible of smaps" },
	[VC_PKEY] = { "PKEY", 2, SCOLS_FL_RIGHT, COL_NUM,
		      "memory protection key of smaps" },
	[VC_SWAPPSS] = { "SWAPPSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "swap divided among its sharers (smaps' SwapPss)" },
	[VC_PSS_DIRTY] = { "PSS_DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of dirty pages (smaps' Pss_Dirty)" },
	[VC_PSS_ANON] = { "PSS_ANON", 5, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of anonymous pages (walk; Pss_Anon)" },
	[VC_PSS_FILE] = { "PSS_FILE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			  "PSS of page cache, not shmem (walk; Pss_File)" },
	[VC_PSS_SHMEM] = { "PSS_SHMEM", 5, SCOLS_FL_RIGHT, COL_SIZE,
			   "PSS of shmem pages (walk; Pss_Shmem)" },
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

/* The walk's value of counter col (frames or not). */
static uint64_t walk_value(const struct vma_pages *p, int col)
{
	switch (col) {
	case VC_RSS: return p->rss;
	case VC_PSS: return pss_bytes(p->pss_fp);
	case VC_USS: return p->uss;
	case VC_SHARED: return p->rss - p->uss;
	case VC_SWAP: return p->swap;
	case VC_ANON: return p->anon;
	case VC_FILE: return p->file;
	case VC_THP: return p->thp;
	case VC_HUGETLB: return p->hugetlb;
	case VC_DIRTY: return p->dirty;
	case VC_LOCKED: return pss_bytes(p->locked_fp);
	case VC_KSM: return p->ksm;
	case VC_ZERO: return p->zero;
	case VC_REFERENCED: return p->referenced;
	case VC_ACTIVE: return p->active;
	case VC_PSS_ANON: return pss_bytes(p->pss_anon_fp);
	case VC_PSS_SHMEM: return pss_bytes(p->pss_shmem_fp);
	case VC_PSS_FILE:
		return pss_bytes(p->pss_fp - p->pss_anon_fp - p->pss_shmem_fp);
	}
	return 0;
}

/* Column col from the walk, where it answers it. */
static bool from_walk(const struct vma *v, int col, uint64_t *out)
{
	bool counter = (col >= VC_RSS && col <= VC_ACTIVE) ||
		       (col >= VC_PSS_ANON && col <= VC_PSS_SHMEM);

	/* pagemap alone tells RSS and SWAP; the rest needs the frames. */
	if (!v->has_pages || !counter ||
	    (col != VC_RSS && col != VC_SWAP && !v->pages.frames))
		return false;
	*out = walk_value(&v->pages, col);
	return true;
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
	case VC_SWAPPSS ... VC_PSS_SHMEM:
		fill_pages(v, col, c);
		break;
	case VC_DRSS ... VC_DSWAP:
		c->null = !r->delta_known ||
			  r->delta[col - VC_DRSS] == DELTA_NONE;
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
	return need_range(sel, sort, VC_THP, VC_THP) ||
	       need_range(sel, sort, VC_ZERO, VC_ZERO) ||
	       need_range(sel, sort, VC_ACTIVE, VC_ACTIVE) ||
	       need_range(sel, sort, VC_PSS_ANON, VC_PSS_SHMEM);
}

bool vma_cols_any_counter(const struct colsel *sel, const char *sort)
{
	return need_range(sel, sort, VC_RSS, VC_ACTIVE) ||
	       need_range(sel, sort, VC_SWAPPSS, VC_PSS_SHMEM);
}

bool vma_cols_need_flags(const struct colsel *sel, const char *sort)
{
	static const int flag_cols[] = {
		VC_ANON, VC_FILE, VC_THP, VC_LOCKED, VC_KSM, VC_ACTIVE,
		VC_PSS_ANON, VC_PSS_FILE, VC_PSS_SHMEM,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_cols); i++)
		if (need_range(sel, sort, flag_cols[i], flag_cols[i]))
			return true;
	return false;
}
