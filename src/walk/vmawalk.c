// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-VMA counters (pagewalk_vmas): pagemap entries of the VMAs,
 * their frames looked up in batches, once per large folio where that is
 * proven to give the same answer, and ranges under huge PMDs left to
 * smaps' sums where only counts are wanted (hugeproof.c).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/env.h"
#include "lib/util.h"
#include "read/kpf.h"
#include "walk/hugeproof.h"
#include "walk/pagewalk.h"
#include "walk/pmshare.h"
#include "walk/walkrule.h"

static bool frames_usable(const struct kpage *k)
{
	const unsigned int need = KPAGE_FLAGS | KPAGE_COUNT;

	return k && (k->avail & need) == need;
}

/*
 * Large folios: flags once per folio instead of once per page.
 *
 * A block is 2^k consecutive pagemap entries (k >= FOLIO_MIN_ORDER) that
 * are equal but for the PFN, which counts up by one from a PFN p that is a
 * multiple of 2^k. Such a block is looked up in kpageflags at two frames
 * only: p and m = p + 2^(k-1). If p is COMPOUND_HEAD and m COMPOUND_TAIL,
 * all of [p, p + 2^k) lies in p's folio:
 *   folios are naturally aligned: a folio of order c covers an aligned
 *   [h, h + 2^c). Let C be m's folio and A p's; m is a tail, so h < m.
 *   h < p is impossible: C would contain p, a head, which only its own
 *   folio's first page is. h = p means C = A. p < h < m: then 2^c > m - h,
 *   and C, an aligned block of size 2^c holding m = p + 2^(k-1) but not
 *   starting there, must have 2^c > 2^(k-1) (a block of size <= 2^(k-1)
 *   holding a multiple of 2^(k-1) starts at it), so h is a multiple of
 *   2^k, and no multiple of 2^k lies strictly between p and p + 2^(k-1).
 *   So C = A, and A, holding p and m, has order >= k: it covers the block.
 * The counters read only FOLIO_BITS of a page's flags, and the kernel
 * derives those from the folio, not the page (stable_page_flags: the
 * folio's flags word and mapping; KPF_MMAP from page_mapped(), which is
 * folio_mapped()): every page of the block has the head's FOLIO_BITS.
 * A kernel that reported some of them per page (older ones copied a
 * tail's own, empty, flags word) shows it as head and m disagreeing: such
 * a block, and one that failed the head/tail test (the folio split or was
 * freed meanwhile), is looked up page by page, as if it were no block.
 *
 * Map counts stay per page (kpagecount with CONFIG_PAGE_MAPCOUNT is the
 * page's own), and the block is a large folio, where the exclusive bit
 * proves nothing (pmshare.c): every page's count is read.
 */
#define FOLIO_MIN_ORDER 4	/* 16 pages: 2 lookups instead of 16 */
#define FOLIO_MAX_ORDER 9	/* a PMD of 4K pages */
#define FOLIO_BITS (KPF(MMAP) | KPF(ZERO_PAGE) | KPF(HUGE) | KPF(MLOCKED) | \
		    KPF(ANON) | KPF(THP) | KPF(KSM) | KPF(DIRTY) | \
		    KPF(REFERENCED) | KPF(ACTIVE) | KPF(SWAPBACKED))
/* Blocks that failed the test before the walk stops trying. */
#define FOLIO_GIVE_UP 64

static int folio_mode = -1;	/* -1: VMASCOPE_FOLIO's */

void pagewalk_set_folio(bool on)
{
	folio_mode = on;
}

static bool folio_enabled(void)
{
	if (folio_mode >= 0)
		return folio_mode;
	return env_number(ENV_FOLIO);
}

/*
 * Order of the block that starts at ents[0] (n entries there), or 0. The
 * PFN bits of ents[0] are a multiple of 2^k, so adding j < 2^k to the
 * entry touches only them.
 */
static unsigned int block_order(const uint64_t *ents, size_t n)
{
	uint64_t pfn = pm_pfn(ents[0]);
	unsigned int k = pfn ? (unsigned int)__builtin_ctzll(pfn) : 63;
	size_t j, most;

	if (k > FOLIO_MAX_ORDER)
		k = FOLIO_MAX_ORDER;
	if (k < FOLIO_MIN_ORDER || n < (1U << FOLIO_MIN_ORDER))
		return 0;
	most = (size_t)1 << k;
	if (most > n)
		most = n;
	for (j = 1; j < most; j++)
		if (ents[j] != ents[0] + j)
			break;
	while (k >= FOLIO_MIN_ORDER && ((size_t)1 << k) > j)
		k--;
	return k >= FOLIO_MIN_ORDER ? k : 0;
}

/*
 * Present pages, and blocks of them, waiting for their frames, with their
 * VMAs: item i is 2^order[i] pages from pfn[i] with entries pm[i] + j.
 */
struct pending {
	uint64_t pfn[PW_BATCH];
	uint64_t pm[PW_BATCH];
	struct vma *v[PW_BATCH];
	uint8_t order[PW_BATCH];
	uint32_t at[PW_BATCH];		/* first lookup of the item */
	uint32_t cnt[PW_BATCH];		/* first count of the item */
	size_t n;
	size_t nflag, ncnt;		/* lookups the items will need */
	/* lookups, in item order */
	uint64_t lpfn[PW_BATCH];
	struct kpage_info lki[PW_BATCH];
};

/*
 * Scratch for a block looked up page by page, with its own room for the
 * count lookups: flush's scratch still holds the counts of later items.
 */
struct block_scratch {
	uint64_t pfn[1U << FOLIO_MAX_ORDER];
	uint64_t pm[1U << FOLIO_MAX_ORDER];
	struct kpage_info ki[1U << FOLIO_MAX_ORDER];
	struct frame_scratch fs;
};

/* A range under huge PMDs left unread, of VMA vi. */
struct huge_range {
	uint64_t start, end;
	size_t vi;
};

struct vmas_walk {
	struct pagemap *pm;
	struct kpage *k;		/* NULL: no frame lookups */
	struct vma_list *l;
	struct vma *v;			/* the VMA being walked ... */
	size_t vi;			/* ... l->v[vi] */
	bool folio;			/* blocks are looked up as folios */
	bool counts_only;		/* pagewalk_vmas_counts */
	unsigned int failed;		/* blocks that failed the folio test */
	uint64_t walked;		/* populated entries read */
	uint64_t *deferred;		/* per VMA: pages left unread */
	struct huge_range *huge;	/* ... where */
	size_t nhuge, huge_cap;
	struct pending *pd;
	struct block_scratch *bs;
	struct frame_scratch fs;
};

/* Pages [first, first + n) of item i, each looked up and accounted. */
static int account_pages(struct vmas_walk *w, size_t i, size_t first,
			 size_t n)
{
	struct pending *pd = w->pd;
	struct block_scratch *bs = w->bs;
	size_t j;
	int rc;

	for (j = 0; j < n; j++) {
		bs->pfn[j] = pd->pfn[i] + first + j;
		bs->pm[j] = pd->pm[i] + first + j;
	}
	rc = pagewalk_frames(w->k, bs->pfn, bs->pm, n, bs->ki, &bs->fs);
	for (j = 0; !rc && j < n; j++)
		pagewalk_account(&pd->v[i]->pages, bs->pm[j], &bs->ki[j],
				 w->pm->page_size);
	return rc;
}

/* Whether the head and middle frames of a block prove it one folio. */
static bool folio_ok(const struct kpage_info *head,
		     const struct kpage_info *mid)
{
	return (head->flags & KPF(COMPOUND_HEAD)) &&
	       (mid->flags & KPF(COMPOUND_TAIL)) &&
	       !((head->flags ^ mid->flags) & FOLIO_BITS);
}

/*
 * Whether item i needs the counts of its pages read in flush: a block
 * proven one folio always, a single page unless its entry and flags prove
 * its count (pmshare.c). A block that failed the folio test is looked up
 * page by page later (account_pages).
 */
static bool item_needs_counts(const struct pending *pd, size_t i)
{
	const struct kpage_info *ki = &pd->lki[pd->at[i]];

	if (pd->order[i])
		return folio_ok(ki, ki + 1);
	return pmshare_count(pd->pm[i], ki->flags) < 0;
}

static int flush(struct vmas_walk *w)
{
	struct pending *pd = w->pd;
	uint64_t psz = w->pm->page_size;
	size_t i, j, nc = 0;
	int rc;

	if (!pd->n)
		return 0;
	/* Flags (and cgroups) of every page and of blocks' head and middle. */
	memset(pd->lki, 0, pd->nflag * sizeof(*pd->lki));
	rc = kpage_lookup_files(w->k, KPAGE_FLAGS | KPAGE_CGROUP, pd->lpfn,
				pd->nflag, pd->lki);
	if (rc)
		return rc;
	/* Counts of what the entries and flags do not prove. */
	for (i = 0; i < pd->n; i++) {
		size_t pages = (size_t)1 << pd->order[i];

		pd->cnt[i] = (uint32_t)nc;
		if (!item_needs_counts(pd, i))
			continue;
		for (j = 0; j < pages; j++)
			w->fs.pfn[nc++] = pd->pfn[i] + j;
	}
	rc = kpage_lookup_files(w->k, KPAGE_COUNT, w->fs.pfn, nc, w->fs.ki);
	for (i = 0; !rc && i < pd->n; i++) {
		struct vma_pages *p = &pd->v[i]->pages;
		struct kpage_info ki = pd->lki[pd->at[i]];
		size_t pages = (size_t)1 << pd->order[i];

		if (pd->order[i] && !folio_ok(&ki, &pd->lki[pd->at[i] + 1])) {
			if (w->failed++ >= FOLIO_GIVE_UP)
				w->folio = false;
			rc = account_pages(w, i, 0, pages);
			continue;
		}
		if (!item_needs_counts(pd, i)) {
			ki.count = (uint64_t)pmshare_count(pd->pm[i], ki.flags);
			pagewalk_account(p, pd->pm[i], &ki, psz);
			continue;
		}
		for (j = 0; j < pages; j++) {
			ki.count = w->fs.ki[pd->cnt[i] + j].count;
			pagewalk_account(p, pd->pm[i] + j, &ki, psz);
		}
	}
	pd->n = pd->nflag = pd->ncnt = 0;
	return rc;
}

/* Queue 2^order pages from entry e; flushes first when they would not fit. */
static int pend(struct vmas_walk *w, uint64_t e, unsigned int order)
{
	struct pending *pd = w->pd;
	size_t nflag = order ? 2 : 1;
	size_t ncnt = (size_t)1 << order;	/* at most */
	int rc;

	if (pd->n == PW_BATCH || pd->nflag + nflag > PW_BATCH ||
	    pd->ncnt + ncnt > PW_BATCH) {
		rc = flush(w);
		if (rc)
			return rc;
	}
	pd->pfn[pd->n] = pm_pfn(e);
	pd->pm[pd->n] = e;
	pd->v[pd->n] = w->v;
	pd->order[pd->n] = (uint8_t)order;
	pd->at[pd->n] = (uint32_t)pd->nflag;
	pd->lpfn[pd->nflag++] = pm_pfn(e);
	if (order)
		pd->lpfn[pd->nflag++] = pm_pfn(e) + ((uint64_t)1 << (order - 1));
	pd->ncnt += ncnt;
	pd->n++;
	return 0;
}

/*
 * Private anonymous VMAs: where counters only are wanted, their ranges
 * under huge PMDs may be left to smaps' sums (hugeproof.c). Not hugetlb
 * (MAP_HUGETLB memory is /anon_hugepage, another kind).
 */
static bool private_anon(const struct vma *v)
{
	enum vma_kind kind = v->kind;

	if (v->perms & VMA_SHARED)
		return false;
	return kind == VMA_KIND_ANON || kind == VMA_KIND_HEAP ||
	       kind == VMA_KIND_STACK || kind == VMA_KIND_ANON_NAMED;
}

static int vmas_fn(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct vmas_walk *w = arg;
	size_t i = 0;
	int rc;

	(void)addr;
	while (i < n) {
		uint64_t e = ents[i];
		unsigned int order = 0;

		if (!pm_populated(e)) {
			i++;
			continue;
		}
		if (!w->k || !wants_frame(w->pm, e)) {
			pagewalk_account(&w->v->pages, e, NULL,
					 w->pm->page_size);
			w->walked++;
			i++;
			continue;
		}
		if (w->folio)
			order = block_order(ents + i, n - i);
		rc = pend(w, e, order);
		if (rc)
			return rc;
		w->walked += (size_t)1 << order;
		i += (size_t)1 << order;
	}
	return 0;
}

/*
 * A range under huge PMDs of a private anonymous VMA (pagemap_walk_huge).
 * Without frames all it adds is RSS, now; with them it is left for
 * settle_huge.
 */
static int vmas_huge(void *arg, uint64_t start, uint64_t end)
{
	struct vmas_walk *w = arg;
	uint64_t n = (end - start) / w->pm->page_size;
	struct huge_range *last = w->nhuge ? &w->huge[w->nhuge - 1] : NULL;

	if (!w->k || !w->pm->pfn_visible) {
		pagewalk_account_n(&w->v->pages, PM_PRESENT, NULL,
				   w->pm->page_size, n);
		return 0;
	}
	if (!w->deferred)
		w->deferred = xcalloc(w->l->n, sizeof(*w->deferred));
	w->deferred[w->vi] += n;
	if (last && last->vi == w->vi && last->end == start) {
		last->end = end;
		return 0;
	}
	if (w->nhuge == w->huge_cap) {
		w->huge_cap = w->huge_cap ? 2 * w->huge_cap : 16;
		w->huge = xreallocarray(w->huge, w->huge_cap,
					sizeof(*w->huge));
	}
	w->huge[w->nhuge++] = (struct huge_range){ start, end, w->vi };
	return 0;
}

/*
 * The ranges vmas_huge left: proven mapped once by smaps where that is
 * cheaper than reading them (hugeproof.c), read like the rest where not.
 */
static int settle_huge(struct vmas_walk *w)
{
	static const struct kpage_info thp = {
		.flags = KPF(MMAP) | KPF(ANON) | KPF(THP), .count = 1,
	};
	struct vma_list *l = w->l;
	bool *proven = xcalloc(l->n, sizeof(*proven));
	uint64_t total = 0;
	size_t i;
	int rc = 0;

	for (i = 0; i < l->n; i++)
		total += w->deferred[i];
	if (hugeproof_worth(w->walked, l->n, total))
		rc = hugeproof_read(w->pm, l, w->deferred, proven);
	for (i = 0; i < w->nhuge && !rc; i++) {
		struct huge_range *r = &w->huge[i];

		if (proven[r->vi])
			continue;
		w->v = &l->v[r->vi];
		rc = pagemap_walk(w->pm, r->start, r->end, vmas_fn, w);
	}
	if (!rc)
		rc = flush(w);
	for (i = 0; i < l->n && !rc; i++)
		if (proven[i])
			pagewalk_account_n(&l->v[i].pages,
					   PM_PRESENT | PM_EXCLUSIVE, &thp,
					   w->pm->page_size, w->deferred[i]);
	free(proven);
	return rc;
}

static int walk_vmas(struct pagemap *pm, struct kpage *k, struct vma_list *l,
		     bool counts_only)
{
	struct vmas_walk w = { .pm = pm, .k = frames_usable(k) ? k : NULL,
			       .l = l, .counts_only = counts_only };
	size_t i;
	int rc = 0;

	w.folio = folio_enabled();
	w.pd = xmalloc(sizeof(*w.pd));
	w.pd->n = w.pd->nflag = w.pd->ncnt = 0;
	w.bs = xmalloc(sizeof(*w.bs));
	frame_scratch_init(&w.bs->fs, (size_t)1 << FOLIO_MAX_ORDER);
	frame_scratch_init(&w.fs, PW_BATCH);
	for (i = 0; i < l->n && !rc; i++) {
		struct vma *v = &l->v[i];

		memset(&v->pages, 0, sizeof(v->pages));
		v->has_pages = false;
		if (!walkable(v))
			continue;
		w.v = v;
		w.vi = i;
		rc = pagemap_walk_huge(pm, v->start, v->end, vmas_fn,
				       counts_only && private_anon(v) ?
				       vmas_huge : NULL, &w);
	}
	if (!rc && w.k)
		rc = flush(&w);
	if (!rc && w.deferred)
		rc = settle_huge(&w);
	free(w.deferred);
	free(w.huge);
	free(w.pd);
	frame_scratch_free(&w.bs->fs);
	free(w.bs);
	frame_scratch_free(&w.fs);
	if (rc)
		return rc;
	/*
	 * Frames count only if every present page had a visible PFN. A gate
	 * VMA ([vsyscall]) has no pages of the process: every counter is 0,
	 * as smaps says, whatever was visible.
	 */
	for (i = 0; i < l->n; i++) {
		l->v[i].has_pages = true;
		l->v[i].pages.frames = !walkable(&l->v[i]) ||
				       (w.k && pm->pfn_visible);
	}
	return 0;
}

int pagewalk_vmas(struct pagemap *pm, struct kpage *k, struct vma_list *l)
{
	return walk_vmas(pm, k, l, false);
}

int pagewalk_vmas_counts(struct pagemap *pm, struct kpage *k,
			 struct vma_list *l)
{
	return walk_vmas(pm, k, l, true);
}
