// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Matching two sides of a diff into rows: processes by PID and start
 * time (a reused PID is a new process), VMAs by start, end and name (the
 * same start and name with another end grew or shrank), images by name,
 * frames by class. Rows where nothing changed are left out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "walk/diff.h"

static const char *const status_names[] = {
	[DIFF_NEW] = "new", [DIFF_GONE] = "gone", [DIFF_GROWN] = "grown",
	[DIFF_SHRUNK] = "shrunk", [DIFF_CHANGED] = "changed",
};

const char *diff_status_name(enum diff_status s)
{
	return status_names[s];
}

struct rows {
	struct diff_row *v;
	size_t n, cap;
};

static struct diff_row *push(struct rows *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	return &r->v[r->n++];
}

static bool mem_equal(const struct diff_mem *a, const struct diff_mem *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static enum diff_status by_rss(const struct diff_mem *a,
			       const struct diff_mem *b)
{
	return b->rss > a->rss ? DIFF_GROWN : b->rss < a->rss ? DIFF_SHRUNK :
	       DIFF_CHANGED;
}

static void proc_row(struct rows *r, const struct diff_proc *pa,
		     const struct diff_proc *pb)
{
	struct diff_row *row;

	if (pa && pb && mem_equal(&pa->m, &pb->m))
		return;
	row = push(r);
	row->pid = (pb ? pb : pa)->pid;
	row->comm = (pb ? pb : pa)->comm;
	row->has_a = pa;
	row->has_b = pb;
	if (pa)
		row->a = pa->m;
	if (pb)
		row->b = pb->m;
	row->status = !pa ? DIFF_NEW : !pb ? DIFF_GONE : by_rss(&pa->m, &pb->m);
}

static void vma_row(struct rows *r, const struct diff_proc *p,
		    const struct diff_vma *va, const struct diff_vma *vb,
		    enum diff_status st)
{
	const struct diff_vma *v = vb ? vb : va;
	struct diff_row *row = push(r);

	row->pid = p->pid;
	row->comm = p->comm;
	row->name = v->name;
	row->start = v->start;
	row->end = v->end;
	row->range = true;
	row->has_a = va;
	row->has_b = vb;
	if (va)
		row->a = va->m;
	if (vb)
		row->b = vb->m;
	row->status = st;
}

/* The VMA of a with b's start and name, not yet used; exact end first. */
static const struct diff_vma *find_vma(const struct diff_proc *a,
				       const struct diff_vma *vb, bool *used)
{
	size_t i, best = a->nvmas;

	for (i = 0; i < a->nvmas; i++) {
		const struct diff_vma *va = &a->vmas[i];

		if (used[i] || va->start != vb->start ||
		    strcmp(va->name, vb->name))
			continue;
		if (va->end == vb->end) {
			best = i;
			break;
		}
		if (best == a->nvmas)
			best = i;
	}
	if (best == a->nvmas)
		return NULL;
	used[best] = true;
	return &a->vmas[best];
}

static void vma_rows(struct rows *r, const struct diff_proc *pa,
		     const struct diff_proc *pb)
{
	bool *used = xcalloc(pa ? pa->nvmas + 1 : 1, sizeof(*used));
	size_t i;

	for (i = 0; pb && i < pb->nvmas; i++) {
		const struct diff_vma *vb = &pb->vmas[i];
		const struct diff_vma *va = pa ? find_vma(pa, vb, used) : NULL;

		if (!va)
			vma_row(r, pb, NULL, vb, DIFF_NEW);
		else if (va->end != vb->end)
			vma_row(r, pb, va, vb, vb->end > va->end ?
				DIFF_GROWN : DIFF_SHRUNK);
		else if (!mem_equal(&va->m, &vb->m))
			vma_row(r, pb, va, vb, DIFF_CHANGED);
	}
	for (i = 0; pa && i < pa->nvmas; i++)
		if (!used[i])
			vma_row(r, pa, &pa->vmas[i], NULL, DIFF_GONE);
	free(used);
}

typedef void (*pair_fn)(struct rows *r, const struct diff_proc *pa,
			const struct diff_proc *pb);

/* Walk both PID-sorted lists; a PID whose start time differs is two. */
static void merge(struct rows *r, const struct diff_side *a,
		  const struct diff_side *b, pair_fn fn)
{
	size_t i = 0, j = 0;

	while (i < a->n || j < b->n) {
		const struct diff_proc *pa = i < a->n ? &a->procs[i] : NULL;
		const struct diff_proc *pb = j < b->n ? &b->procs[j] : NULL;

		if (pa && pb && pa->pid == pb->pid &&
		    pa->starttime == pb->starttime) {
			fn(r, pa, pb);
			i++, j++;
		} else if (pa && (!pb || pa->pid <= pb->pid)) {
			fn(r, pa, NULL);
			i++;
		} else {
			fn(r, NULL, pb);
			j++;
		}
	}
}

/* Per image: the VMAs of every process of a side, summed by name. */
struct img {
	const char *name;
	int side;
	const struct diff_mem *m;
};

static int cmp_img(const void *x, const void *y)
{
	return strcmp(((const struct img *)x)->name,
		      ((const struct img *)y)->name);
}

static void add_imgs(const struct diff_side *s, int side, struct img **v,
		     size_t *n)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->procs[i].nvmas; j++) {
			const struct diff_vma *d = &s->procs[i].vmas[j];

			*v = xreallocarray(*v, *n + 1, sizeof(**v));
			(*v)[(*n)++] = (struct img){ d->name[0] ? d->name :
						     "[anon]", side, &d->m };
		}
}

static void image_rows(struct rows *r, const struct diff_side *a,
		       const struct diff_side *b)
{
	struct img *v = NULL;
	size_t n = 0, i = 0;

	add_imgs(a, 0, &v, &n);
	add_imgs(b, 1, &v, &n);
	if (n)
		qsort(v, n, sizeof(*v), cmp_img);
	while (i < n) {
		struct diff_mem m[2] = { { 0 }, { 0 } };
		bool has[2] = { false, false };
		const char *name = v[i].name;
		struct diff_row *row;

		for (; i < n && !strcmp(v[i].name, name); i++) {
			has[v[i].side] = true;
			m[v[i].side].rss += v[i].m->rss;
			m[v[i].side].pss += v[i].m->pss;
			m[v[i].side].uss += v[i].m->uss;
			m[v[i].side].swap += v[i].m->swap;
			m[v[i].side].cached += v[i].m->cached;
		}
		if (has[0] && has[1] && mem_equal(&m[0], &m[1]))
			continue;
		row = push(r);
		*row = (struct diff_row){ .name = name, .has_a = has[0],
			.has_b = has[1], .a = m[0], .b = m[1] };
		row->status = !has[0] ? DIFF_NEW : !has[1] ? DIFF_GONE :
			      by_rss(&m[0], &m[1]);
	}
	free(v);
}

/* Frame classes: bytes in RSS; page cache (file, shmem) in CACHED too. */
static void class_rows(struct rows *r, const struct diff_side *a,
		       const struct diff_side *b)
{
	uint64_t psz = (uint64_t)sysconf(_SC_PAGESIZE);
	int c;

	for (c = 0; c < DIFF_NCLASSES; c++) {
		struct diff_row *row;
		bool cache = c == 2 || c == 3;

		if (a->classes[c] == b->classes[c])
			continue;
		row = push(r);
		*row = (struct diff_row){ .name = diff_classes[c],
			.has_a = true, .has_b = true, .frames = true };
		row->a.rss = a->classes[c] * psz;
		row->b.rss = b->classes[c] * psz;
		row->a.cached = cache ? row->a.rss : 0;
		row->b.cached = cache ? row->b.rss : 0;
		row->status = by_rss(&row->a, &row->b);
	}
}

size_t diff_rows(const struct diff_side *a, const struct diff_side *b,
		 enum diff_view view, struct diff_row **out)
{
	struct rows r = { 0 };

	switch (view) {
	case DIFF_BY_PROCESS:
		merge(&r, a, b, proc_row);
		break;
	case DIFF_BY_VMA:
		merge(&r, a, b, vma_rows);
		break;
	case DIFF_BY_IMAGE:
		image_rows(&r, a, b);
		break;
	case DIFF_BY_FLAGS:
		class_rows(&r, a, b);
		break;
	}
	*out = r.v;
	return r.n;
}
