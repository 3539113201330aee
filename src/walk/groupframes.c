// SPDX-License-Identifier: GPL-2.0-or-later
/* top --frames: the frames only a group's processes map. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/kpf.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "read/vma.h"
#include "walk/groupframes.h"
#include "walk/pagewalk.h"

/* Distinct frames looked up per kpage_lookup call. */
#define GF_CHUNK 16384

struct gf_page {
	uint64_t pfn;
	uint32_t group;
};

/* The present pages of one process, read by a worker. */
struct gf_scan {
	struct gf_page *v;
	size_t n, cap;
	uint32_t group;
	bool hidden;		/* present pages, but PFNs hidden */
};

struct gf_work {
	const struct procfs *p;
	const pid_t *pids;
	const uint32_t *group_of;
	struct gf_scan *scans;
};

static int collect(void *arg, const struct vma *v, uint64_t addr,
		   const uint64_t *ents, size_t n)
{
	struct gf_scan *sc = arg;
	size_t i;

	(void)v;
	(void)addr;
	for (i = 0; i < n; i++) {
		if (!pagewalk_is_page(ents[i]) || !(ents[i] & PM_PRESENT))
			continue;
		if (!pm_pfn(ents[i])) {
			sc->hidden = true;
			continue;
		}
		if (sc->n == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 1024;
			sc->v = xreallocarray(sc->v, sc->cap, sizeof(*sc->v));
		}
		sc->v[sc->n++] = (struct gf_page){ pm_pfn(ents[i]), sc->group };
	}
	return 0;
}

/* A process that went away or denies access adds nothing. */
static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct gf_work *w = arg;
	struct gf_scan *sc = &w->scans[i];
	struct vms_proc pr;

	(void)worker;
	sc->group = w->group_of[i];
	/* The walker's rules: [vsyscall] not walked, guard entries no pages. */
	if (!proc_open(&pr, w->p, w->pids[i], PROC_MAPS | PROC_PAGEMAP) &&
	    pagewalk_entries(&pr.pm, &pr.vmas, collect, sc))
		sc->n = 0;	/* gone while it was read */
	proc_close(&pr);
}

static int cmp_pfn(const void *a, const void *b)
{
	const struct gf_page *x = a, *y = b;

	return (x->pfn > y->pfn) - (x->pfn < y->pfn);
}

/* A frame is the group's when every mapping of it is the group's. */
static void tally(const struct gf_page *v, size_t lo, size_t hi,
		  const struct kpage_info *ki, size_t psz, uint64_t *uss)
{
	size_t i;

	if (ki->flags & (KPF(ZERO_PAGE) | KPF(HUGE)) || ki->count != hi - lo)
		return;
	for (i = lo + 1; i < hi; i++)
		if (v[i].group != v[lo].group)
			return;
	sat_inc(&uss[v[lo].group], psz);
}

static int resolve(struct kpage *k, const struct gf_page *v, size_t n,
		   uint64_t *uss)
{
	uint64_t *pfns = xmalloc(GF_CHUNK * sizeof(*pfns));
	struct kpage_info *ki = xmalloc(GF_CHUNK * sizeof(*ki));
	size_t *start = xmalloc((GF_CHUNK + 1) * sizeof(*start));
	size_t i = 0, psz = (size_t)sysconf(_SC_PAGESIZE);
	int rc = 0;

	while (i < n && !rc) {
		size_t m = 0, g;

		/* Up to GF_CHUNK distinct frames, with their runs. */
		while (i < n && m < GF_CHUNK) {
			start[m] = i;
			pfns[m++] = v[i].pfn;
			while (i < n && v[i].pfn == pfns[m - 1])
				i++;
		}
		start[m] = i;
		rc = kpage_lookup(k, pfns, m, ki);
		for (g = 0; g < m && !rc; g++)
			tally(v, start[g], start[g + 1], &ki[g], psz, uss);
	}
	free(pfns);
	free(ki);
	free(start);
	return rc ? -EIO : 0;
}

int groupframes_uss(const struct procfs *p, struct kpage *k,
		    const pid_t *pids, const uint32_t *group_of, size_t n,
		    size_t ngroups, uint64_t *uss)
{
	struct gf_work w = { p, pids, group_of, xcalloc(n + 1,
							sizeof(*w.scans)) };
	struct gf_page *all = NULL;
	size_t total = 0, i;
	bool hidden = false;
	int rc = 0;

	memset(uss, 0, ngroups * sizeof(*uss));
	parallel_for(n, scan_one, &w);
	for (i = 0; i < n; i++) {
		total += w.scans[i].n;
		hidden |= w.scans[i].hidden;
	}
	all = xcalloc(total + 1, sizeof(*all));
	for (total = 0, i = 0; i < n; i++) {
		if (w.scans[i].n)
			memcpy(all + total, w.scans[i].v,
			       w.scans[i].n * sizeof(*all));
		total += w.scans[i].n;
		free(w.scans[i].v);
	}
	free(w.scans);
	if (hidden)
		rc = -EPERM;
	if (!rc) {
		qsort(all, total, sizeof(*all), cmp_pfn);
		rc = resolve(k, all, total, uss);
	}
	free(all);
	return rc;
}
