// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frames of present pages looked up in batches, and the walk of page
 * records (pages, resolve): every populated pagemap entry of the VMAs with
 * its frame. The per-VMA counters are walked in vmawalk.c.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "walk/pagewalk.h"
#include "walk/pmshare.h"
#include "walk/walkrule.h"

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
		r->pfn = pagewalk_frame(w->pm, ents[i]);
		if (w->k && r->pfn) {
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

	/*
	 * Every slot is written before it is read: not zeroed (walks of many
	 * small processes would pay for clearing megabytes each).
	 */
	w.recs = xreallocarray(NULL, PW_BATCH, sizeof(*w.recs));
	if (w.k) {
		w.pfns = xreallocarray(NULL, PW_BATCH, sizeof(*w.pfns));
		w.pms = xreallocarray(NULL, PW_BATCH, sizeof(*w.pms));
		frame_scratch_init(&w.fs, PW_BATCH);
		w.at = xreallocarray(NULL, PW_BATCH, sizeof(*w.at));
		w.ki = xreallocarray(NULL, PW_BATCH, sizeof(*w.ki));
	}
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

/* ---- raw entries ---- */

struct entries_walk {
	pagewalk_entries_fn fn;
	void *arg;
	const struct vma *v;
};

static int entries_fn(void *arg, uint64_t addr, const uint64_t *ents,
		      size_t n)
{
	struct entries_walk *w = arg;

	return w->fn(w->arg, w->v, addr, ents, n);
}

int pagewalk_entries(struct pagemap *pm, const struct vma_list *l,
		     pagewalk_entries_fn fn, void *arg)
{
	struct entries_walk w = { fn, arg, NULL };
	size_t i;
	int rc = 0;

	for (i = 0; i < l->n && !rc; i++) {
		if (!walkable(&l->v[i]))
			continue;
		w.v = &l->v[i];
		rc = pagemap_walk(pm, w.v->start, w.v->end, entries_fn, &w);
	}
	return rc;
}
