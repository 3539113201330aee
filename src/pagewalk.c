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

#include "kpf.h"
#include "pagewalk.h"
#include "util.h"

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
	if (f & KPF(ANON))
		p->anon += psz;
	else
		p->file += psz;
	if (f & KPF(THP))
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
 * Reading kpagecount is the dearest part of a walk (about 200 ns a frame
 * here, three times kpageflags), and most of it can be skipped: pagemap
 * sets PM_MMAP_EXCLUSIVE exactly when the page's map count is 1, the same
 * count kpagecount reports (the precise per-page one with
 * CONFIG_PAGE_MAPCOUNT, the folio's average without it, for both files
 * alike). The zero page never has the bit. So only the frames pagemap
 * does not call exclusive have their count read. A page unmapped between
 * the pagemap read and now still shows: its frame has lost KPF_MMAP
 * (page_mapped), so its count is 0, as kpagecount would say.
 */
int pagewalk_frames(struct kpage *k, const uint64_t *pfns,
		    const uint64_t *pms, size_t n, struct kpage_info *ki,
		    struct frame_scratch *fs)
{
	/* The shortcut needs the flags to see a page unmapped meanwhile. */
	bool shortcut = k->avail & KPAGE_FLAGS;
	size_t i, m = 0;
	int rc;

	memset(ki, 0, n * sizeof(*ki));
	rc = kpage_lookup_files(k, KPAGE_FLAGS | KPAGE_CGROUP, pfns, n, ki);
	if (rc || !(k->avail & KPAGE_COUNT))
		return rc;
	for (i = 0; i < n; i++) {
		if (shortcut && (pms[i] & PM_EXCLUSIVE)) {
			ki[i].count = ki[i].flags & KPF(MMAP) ? 1 : 0;
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

/* Present pages waiting for their frames, with their VMAs. */
struct pending {
	uint64_t pfn[PW_BATCH];
	uint64_t pm[PW_BATCH];
	struct vma *v[PW_BATCH];
	struct kpage_info ki[PW_BATCH];
	size_t n;
};

struct vmas_walk {
	struct pagemap *pm;
	struct kpage *k;		/* NULL: no frame lookups */
	struct vma *v;			/* the VMA being walked */
	struct pending *pd;
	struct frame_scratch fs;
};

static int flush(struct vmas_walk *w)
{
	struct pending *pd = w->pd;
	size_t i;
	int rc;

	if (!pd->n)
		return 0;
	rc = pagewalk_frames(w->k, pd->pfn, pd->pm, pd->n, pd->ki, &w->fs);
	if (rc)
		return rc;
	for (i = 0; i < pd->n; i++)
		pagewalk_account(&pd->v[i]->pages, pd->pm[i], &pd->ki[i],
				 w->pm->page_size);
	pd->n = 0;
	return 0;
}

static int vmas_fn(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct vmas_walk *w = arg;
	struct pending *pd = w->pd;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		uint64_t e = ents[i];

		if (!pm_populated(e))
			continue;
		if (!w->k || !wants_frame(w->pm, e)) {
			pagewalk_account(&w->v->pages, e, NULL,
					 w->pm->page_size);
			continue;
		}
		pd->pfn[pd->n] = pm_pfn(e);
		pd->pm[pd->n] = e;
		pd->v[pd->n++] = w->v;
		if (pd->n == PW_BATCH) {
			rc = flush(w);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int pagewalk_vmas(struct pagemap *pm, struct kpage *k, struct vma_list *l)
{
	struct vmas_walk w = { .pm = pm, .k = frames_usable(k) ? k : NULL };
	size_t i;
	int rc = 0;

	w.pd = xmalloc(sizeof(*w.pd));
	w.pd->n = 0;
	frame_scratch_init(&w.fs, PW_BATCH);
	for (i = 0; i < l->n && !rc; i++) {
		struct vma *v = &l->v[i];

		memset(&v->pages, 0, sizeof(v->pages));
		v->has_pages = false;
		if (!walkable(v))
			continue;
		w.v = v;
		rc = pagemap_walk(pm, v->start, v->end, vmas_fn, &w);
	}
	if (!rc)
		rc = flush(&w);
	free(w.pd);
	frame_scratch_free(&w.fs);
	if (rc)
		return rc;
	/* Frames count only if every present page had a visible PFN. */
	for (i = 0; i < l->n; i++) {
		if (!walkable(&l->v[i]))
			continue;
		l->v[i].has_pages = true;
		l->v[i].pages.frames = w.k && pm->pfn_visible;
	}
	return 0;
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
