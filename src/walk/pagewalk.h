/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PAGEWALK_H
#define VMS_PAGEWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/kpage.h"
#include "read/pagemap.h"
#include "read/vma.h"

/* One page as the walk sees it: its VMA, pagemap entry and frame. */
struct page_rec {
	uint64_t addr;
	uint64_t pm;			/* pagemap entry */
	struct kpage_info ki;		/* valid when has_kpage */
	bool has_kpage;
	const struct vma *v;
};

/*
 * Fill v->pages for every VMA of l (sorted) from pm and, where PFNs are
 * visible, k: per-VMA RSS PSS USS SWAP ANON FILE THP HUGETLB DIRTY LOCKED
 * KSM ZERO REFERENCED ACTIVE, PSS in fixed point. Frames are looked up in
 * sorted batches. A page present in pagemap whose kpagecount reads 0 was
 * unmapped meanwhile: skipped. 0, or -errno (-ESRCH: the process is gone).
 */
int pagewalk_vmas(struct pagemap *pm, struct kpage *k, struct vma_list *l);

/*
 * The same when only RSS, PSS, USS, SHARED, SWAP, ZERO and HUGETLB are
 * wanted: ranges of private anonymous VMAs under huge PMDs may then be
 * proven mapped once by smaps' sums instead of read (hugeproof.c; ANON,
 * FILE, THP, DIRTY, LOCKED, KSM, REFERENCED and ACTIVE are left
 * incomplete there).
 */
int pagewalk_vmas_counts(struct pagemap *pm, struct kpage *k,
			 struct vma_list *l);

/*
 * Every populated page of [start, end) within the VMAs of l, in address
 * order, in batches to fn (bounded memory whatever the size). fn returns
 * 0 to go on. k may be NULL (no frame lookups).
 */
typedef int (*page_fn)(void *arg, const struct page_rec *recs, size_t n);
int pagewalk_pages(struct pagemap *pm, struct kpage *k,
		   const struct vma_list *l, uint64_t start, uint64_t end,
		   page_fn fn, void *arg);

/*
 * Account one populated pagemap entry e to p, with its frame ki (NULL when
 * PFNs are hidden: then only RSS and SWAP are counted). As smaps: the zero
 * page goes to ZERO only, hugetlb pages to HUGETLB only; a present page
 * with map count 0 was unmapped meanwhile and is not counted; guard
 * markers are not pages.
 */
void pagewalk_account(struct vma_pages *p, uint64_t e,
		      const struct kpage_info *ki, uint64_t page_size);

/* n pages with the same entry bits and frame: n times pagewalk_account. */
void pagewalk_account_n(struct vma_pages *p, uint64_t e,
			const struct kpage_info *ki, uint64_t page_size,
			uint64_t n);

/*
 * pagewalk_vmas looks up a large folio's flags once, not once per page
 * (the proof is in pagewalk.c); off, every page is looked up (tests). By
 * default on, unless the environment has VMASCOPE_FOLIO=0.
 */
void pagewalk_set_folio(bool on);

/*
 * Scratch for pagewalk_frames: room for n frames. Allocated once per walk.
 */
struct frame_scratch {
	uint64_t *pfn;
	size_t *at;
	struct kpage_info *ki;
};

void frame_scratch_init(struct frame_scratch *fs, size_t n);
void frame_scratch_free(struct frame_scratch *fs);

/*
 * Look up the frames pfns[i] of the present entries pms[i]: flags (and
 * cgroup, if open) for all, the map count only where the entry and the
 * flags do not already prove it (pmshare.h). 0 or -errno.
 */
int pagewalk_frames(struct kpage *k, const uint64_t *pfns,
		    const uint64_t *pms, size_t n, struct kpage_info *ki,
		    struct frame_scratch *fs);

/* Bytes of PSS from the fixed-point sum, rounded once. */
static inline uint64_t pss_bytes(uint64_t pss_fp)
{
	/* A sum that saturated (util.h) stays saturated. */
	if (pss_fp > UINT64_MAX - (1ULL << (VMA_PSS_SHIFT - 1)))
		return UINT64_MAX;
	return (pss_fp + (1ULL << (VMA_PSS_SHIFT - 1))) >> VMA_PSS_SHIFT;
}

#endif
