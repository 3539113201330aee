// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The page walker: pagemap entries of the VMAs, their frames looked up in
 * batches, and the per-VMA counters, which follow the kernel's own smaps
 * accounting (fs/proc/task_mmu.c) as far as user space can see it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/hugeproof.h"
#include "walk/pagewalk.h"
#include "walk/pmshare.h"

/*
 * Pages whose frames are looked up together. Physical memory is
 * fragmented: the more PFNs sorted at once, the longer the runs read in
 * one pread. On a 4 GiB process here, 16384 took the kpageflags reads from
 * 150,000 to under 50,000 for about 1 MiB of buffers; larger batches gained
 * nothing measurable.
 */
#define PW_BATCH 16384

void pagewalk_account(struct vma_pages *p, uint64_t e,
		      const struct kpage_info *ki, uint64_t psz)
{
	uint64_t f, pss;

	/* Guard regions and uffd-wp markers are not pages. */
	if (e & PM_GUARD)
		return;
	if (!(e & PM_PRESENT)) {
		if (e & PM_SWAPPED)
			p->swap += psz;
		return;
	}
	if (!ki) {
		p->rss += psz;
		return;
	}
	f = ki->flags;
	/* smaps' Rss leaves out the zero page (vm_normal_page) and hugetlb. */
	if (f & KPF(ZERO_PAGE)) {
		p->zero += psz;
		return;
	}
	if (f & KPF(HUGE)) {
		p->hugetlb += psz;
		return;
	}
	/* Mapped when pagemap was read, unmapped when kpagecount was. */
	if (!ki->count)
		return;
	pss = (psz << VMA_PSS_SHIFT) / ki->count;
	p->rss += psz;
	p->pss_fp += pss;
	if (ki->count == 1)
		p->uss += psz;
	if (f & KPF(MLOCKED))
		p->locked_fp += pss;
	/* As smaps' Pss_Anon, Pss_Shmem (swap-backed page cache), Pss_File. */
	if (f & KPF(ANON)) {
		p->anon += psz;
		p->pss_anon_fp += pss;
	} else {
		p->file += psz;
		if (f & KPF(SWAPBACKED))
			p->pss_shmem_fp += pss;
	}
	/*
	 * Anonymous memory in large folios, as smaps' AnonHugePages (which
	 * counts PMD-mapped ones only: mTHP and split THP are counted here
	 * too). Large folios of the page cache are not what THP means.
	 */
	if ((f & KPF(THP)) && (f & KPF(ANON)))
		p->thp += psz;
	if (f & KPF(KSM))
		p->ksm += psz;
	if (f & KPF(DIRTY))
		p->dirty += psz;
	if (f & KPF(REFERENCED))
		p->referenced += psz;
	if (f & KPF(ACTIVE))
		p->active += psz;
}

/*
 * n pages alike: the counters are sums of per-page contributions that
 * depend only on (e's bits, ki, page size), so n equal pages add n times
 * what one adds: computed once by pagewalk_account itself, then scaled.
 * The assertion makes a new counter field fail to build here until it is
 * scaled too.
 */
_Static_assert(sizeof(struct vma_pages) == 16 * sizeof(uint64_t) + 8,
	       "pagewalk_account_n must scale every counter of vma_pages");
void pagewalk_account_n(struct vma_pages *p, uint64_t e,
			const struct kpage_info *ki, uint64_t psz, uint64_t n)
{
	struct vma_pages d = { 0 };

	pagewalk_account(&d, e, ki, psz);
	p->rss += n * d.rss;
	p->uss += n * d.uss;
	p->swap += n * d.swap;
	p->anon += n * d.anon;
	p->file += n * d.file;
	p->thp += n * d.thp;
	p->hugetlb += n * d.hugetlb;
	p->dirty += n * d.dirty;
	p->ksm += n * d.ksm;
	p->zero += n * d.zero;
	p->referenced += n * d.referenced;
	p->active += n * d.active;
	p->pss_fp += n * d.pss_fp;
	p->locked_fp += n * d.locked_fp;
	p->pss_anon_fp += n * d.pss_anon_fp;
	p->pss_shmem_fp += n * d.pss_shmem_fp;
}

void frame_scratch_init(struct frame_scratch *fs, size_t n)
{
	fs->pfn = xcalloc(n, sizeof(*fs->pfn));
	fs->at = xcalloc(n, sizeof(*fs->at));
	fs->ki = xcalloc(n, sizeof(*fs->ki));
}

void frame_scratch_free(struct frame_scratch *fs)
{
	free(fs->pfn);
	free(fs->at);
	free(fs->ki);
	memset(fs, 0, sizeof(*fs));
}

/*
 * Flags (and cgroups) of every frame; the map count only where the entry
 * and the flags do not already prove it (pmshare.c).
 */
int pagewalk_frames(struct kpage *k, const uint64_t *pfns,
		    const uint64_t *pms, size_t n, struct kpage_info *ki,
		    struct frame_scratch *fs)
{
	/* Without the flags nothing is proven: every count is read. */
	bool flags = k->avail & KPAGE_FLAGS;
	size_t i, m = 0;
	int rc;

	memset(ki, 0, n * sizeof(*ki));
	rc = kpage_lookup_files(k, KPAGE_FLAGS | KPAGE_CGROUP, pfns, n, ki);
	if (rc || !(k->avail & KPAGE_COUNT))
		return rc;
	for (i = 0; i < n; i++) {
		int c = flags ? pmshare_count(pms[i], ki[i].flags) : -1;

		if (c >= 0) {
			ki[i].count = (uint64_t)c;
			continue;
		}
		fs->pfn[m] = pfns[i];
		fs->at[m++] = i;
	}
	rc = kpage_lookup_files(k, KPAGE_COUNT, fs->pfn, m, fs->ki);
	for (i = 0; !rc && i < m; i++)
		ki[fs->at[i]].count = fs->ki[i].count;
	return rc;
}

/* vsyscall lies above the range pagemap reports: nothing to walk. */
static bool walkable(const struct vma *v)
{
	return v->kind != VMA_KIND_VSYSCALL && v->end > v->start;
}

static bool frames_usable(const struct kpage *k)
{
	const unsigned int need = KPAGE_FLAGS | KPAGE_COUNT;

	return k && (k->avail & need) == need;
}

/* Whether entry e's frame is to be looked up. */
static bool wants_frame(const struct pagemap *pm, uint64_t e)
{
	return pm->pfn_visible && (e & PM_PRESENT) && pm_pfn(e);
}

/* ---- per-VMA counters ---- */

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

static int folio_mode = -1;	/* -1: from VMASCOPE_FOLIO, at first use */

void pagewalk_set_folio(bool on)
{
	folio_mode = on;
}

static bool folio_enabled(void)
{
	if (folio_mode < 0) {
		const char *s = getenv("VMASCOPE_FOLIO");

		folio_mode = !(s && !strcmp(s, "0"));
	}
	return folio_mode;
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

/* ---- page records ---- */

struct pages_walk {
	struct pagemap *pm;
	struct kpage *k;		/* NULL: no frame lookups */
	const struct vma *v;
	page_fn fn;
	void *arg;
	struct page_rec *recs;
	size_t n;
	uint64_t *pfns;			/* frames to look up ... */
	uint64_t *pms;			/* ... their pagemap entries ... */
	size_t *at;			/* ... for recs[at[i]] */
	struct kpage_info *ki;
	size_t nlook;
	struct frame_scratch fs;
};

static int pages_flush(struct pages_walk *w)
{
	size_t i;
	int rc;

	if (w->nlook) {
		rc = pagewalk_frames(w->k, w->pfns, w->pms, w->nlook, w->ki,
				     &w->fs);
		if (rc)
			return rc;
		for (i = 0; i < w->nlook; i++) {
			w->recs[w->at[i]].ki = w->ki[i];
			w->recs[w->at[i]].has_kpage = true;
		}
	}
	rc = w->n ? w->fn(w->arg, w->recs, w->n) : 0;
	w->n = w->nlook = 0;
	return rc;
}

static int pages_fn(void *arg, uint64_t addr, const uint64_t *ents,
		    size_t n)
{
	struct pages_walk *w = arg;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		struct page_rec *r;

		if (!pm_populated(ents[i]))
			continue;
		r = &w->recs[w->n];
		memset(r, 0, sizeof(*r));
		r->addr = addr + i * w->pm->page_size;
		r->pm = ents[i];
		r->v = w->v;
		if (w->k && wants_frame(w->pm, ents[i])) {
			w->pfns[w->nlook] = pm_pfn(ents[i]);
			w->pms[w->nlook] = ents[i];
			w->at[w->nlook++] = w->n;
		}
		if (++w->n == PW_BATCH) {
			rc = pages_flush(w);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int pagewalk_pages(struct pagemap *pm, struct kpage *k,
		   const struct vma_list *l, uint64_t start, uint64_t end,
		   page_fn fn, void *arg)
{
	struct pages_walk w = {
		.pm = pm, .k = k && k->avail ? k : NULL, .fn = fn, .arg = arg,
	};
	size_t i;
	int rc = 0;

	w.recs = xcalloc(PW_BATCH, sizeof(*w.recs));
	w.pfns = xcalloc(PW_BATCH, sizeof(*w.pfns));
	w.pms = xcalloc(PW_BATCH, sizeof(*w.pms));
	frame_scratch_init(&w.fs, PW_BATCH);
	w.at = xcalloc(PW_BATCH, sizeof(*w.at));
	w.ki = xcalloc(PW_BATCH, sizeof(*w.ki));
	for (i = 0; i < l->n && !rc; i++) {
		const struct vma *v = &l->v[i];
		uint64_t lo = v->start > start ? v->start : start;
		uint64_t hi = v->end < end ? v->end : end;

		if (!walkable(v) || lo >= hi)
			continue;
		w.v = v;
		rc = pagemap_walk(pm, lo, hi, pages_fn, &w);
	}
	if (!rc)
		rc = pages_flush(&w);
	free(w.recs);
	free(w.pfns);
	free(w.pms);
	frame_scratch_free(&w.fs);
	free(w.at);
	free(w.ki);
	return rc;
}
