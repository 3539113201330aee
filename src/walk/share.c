// SPDX-License-Identifier: GPL-2.0-or-later
/* Who shares what: owners of pages, and one sorted pass over the frames. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "walk/pagewalk.h"
#include "walk/procmem.h"
#include "walk/share.h"
#include "walk/shareimage.h"
#include "walk/sharelinks.h"

/*
 * Frames of the machine: what kpageflags holds (its size, in /proc, is
 * max_pfn entries), else the RAM pages (a set grows past its size).
 */
static uint64_t machine_frames(const struct procfs *p)
{
	struct stat st;
	long pages = sysconf(_SC_PHYS_PAGES);
	int fd = p ? procfs_openat(p, O_RDONLY, "kpageflags") : -1;
	uint64_t n = pages > 0 ? (uint64_t)pages : 0;

	if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	    st.st_size > 0)
		n = (uint64_t)st.st_size / 8;
	if (fd >= 0)
		close(fd);
	return n;
}

void share_init(struct share *s, size_t page_size, const struct procfs *p)
{
	memset(s, 0, sizeof(*s));
	s->page_size = page_size;
	s->frames = true;
	pthread_mutex_init(&s->ids_lock, NULL);
	frameset_init(&s->fs, machine_frames(p));
}

/* ---- the first pass: which frames (any thread) ---- */

/*
 * The gate VMA ([vsyscall]) is no image of the process (its smaps counts
 * nothing); --perms keeps some mappings.
 */
static bool share_vma_kept(const struct share *s, const struct share_vma *v)
{
	return v->kind != VMA_KIND_VSYSCALL &&
	       (!s->perms || share_perms_match(s->perms, v->perms));
}

/*
 * The VMAs of sc a pass walks, as the page walker takes them: those kept
 * (the first pass) or those with an owner (the second); at[i] is the
 * share_vma of l->v[i].
 */
static void walk_list(const struct share *s, const struct share_scan *sc,
		      bool owned, struct vma_list *l, size_t **at)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	*at = xcalloc(sc->nv + 1, sizeof(**at));
	for (i = 0; i < sc->nv; i++) {
		const struct share_vma *sv = &sc->v[i];
		struct vma *v;

		if (owned ? sv->owner == SHARE_NO_OWNER :
			    !share_vma_kept(s, sv))
			continue;
		v = vma_list_add(l);
		v->start = sv->start;
		v->end = sv->end;
		v->kind = sv->kind;
		(*at)[l->n - 1] = i;
	}
}

struct first_pass {
	struct share *s;
	struct share_scan *sc;
	const struct pagemap *pm;
};

static int mark_fn(void *arg, const struct vma *v, uint64_t addr,
		   const uint64_t *ents, size_t n)
{
	struct first_pass *fp = arg;
	size_t i;

	(void)v;
	(void)addr;
	for (i = 0; i < n; i++) {
		uint64_t pfn = pagewalk_frame(fp->pm, ents[i]);

		if (!pagewalk_is_page(ents[i]))
			continue;
		fp->sc->n++;
		if (pfn)
			frameset_mark(&fp->s->fs, pfn);
	}
	return 0;
}

static int scan_vmas(struct share *s, struct share_scan *sc,
		     struct pagemap *pm)
{
	struct first_pass fp = { s, sc, pm };
	struct vma_list l;
	size_t *at;
	int rc;

	walk_list(s, sc, false, &l, &at);
	rc = pagewalk_entries(pm, &l, mark_fn, &fp);
	vma_list_free(&l);
	free(at);
	return rc;
}

static void proc_identity(const struct procfs *p, pid_t pid,
			  struct share_proc *sp)
{
	struct proc_mem m;
	char *err = NULL;

	memset(sp, 0, sizeof(*sp));
	sp->pid = pid;
	if (procmem_read_rollup(p, pid, &m, &err) == 0) {
		snprintf(sp->user, sizeof(sp->user), "%s", m.user);
		snprintf(sp->comm, sizeof(sp->comm), "%s", m.comm);
	} else {
		procfs_comm(p, pid, sp->comm, sizeof(sp->comm));
	}
	free(err);
}

_Static_assert(sizeof(struct share_vma) <= 64, "64 bytes per VMA kept");

/* The VMAs of the process, kept as share_vma. */
static void keep_vmas(const struct vma_list *l, struct share_scan *sc)
{
	size_t i;

	sc->v = xcalloc(l->n, sizeof(*sc->v));
	for (i = 0; i < l->n; i++) {
		const struct vma *v = &l->v[i];

		sc->v[i] = (struct share_vma){
			.start = v->start, .end = v->end, .inode = v->inode,
			.major = v->major, .minor = v->minor, .kind = v->kind,
			.perms = v->perms,
			.name = v->name ? xmemdup(v->name, v->namelen) : NULL,
			.namelen = v->namelen < UINT32_MAX ?
				   (uint32_t)v->namelen : UINT32_MAX,
		};
	}
	sc->nv = l->n;
}

/* The VMAs and the pagemap of the process: 0 or -errno. */
static int open_process(struct vms_proc *pr, const struct procfs *p,
			pid_t pid, struct share_scan *sc)
{
	int rc = proc_open(pr, p, pid, PROC_MAPS);

	if (!rc && !pr->vmas.n)
		rc = -ESRCH;	/* no memory: a kernel thread, a zombie */
	if (!rc) {
		keep_vmas(&pr->vmas, sc);
		rc = proc_read(pr, PROC_PAGEMAP);
		sc->no_pagemap = rc == -ENOENT && !procfs_is_live(p);
	}
	sc->err = pr->err;
	pr->err = NULL;
	return rc;
}

int share_scan_process(struct share *s, const struct procfs *p, pid_t pid,
		       struct share_scan *sc)
{
	struct vms_proc pr;
	size_t i;

	memset(sc, 0, sizeof(*sc));
	sc->pid = pid;
	sc->rc = open_process(&pr, p, pid, sc);
	if (!sc->rc) {
		sc->rc = scan_vmas(s, sc, &pr.pm);
		sc->pfn_visible = pr.pm.pfn_visible;
	}
	proc_close(&pr);
	for (i = 0; s->want_buildid && !sc->rc && i < sc->nv; i++)
		if (sc->v[i].inode)
			sc->v[i].buildid = share_file_buildid(s, p, pid,
							      &sc->v[i]);
	if (!sc->rc)
		proc_identity(p, pid, &sc->ident);
	return sc->rc;
}

void share_scan_free(struct share_scan *sc)
{
	size_t i;

	for (i = 0; i < sc->nv; i++)
		free(sc->v[i].name);
	free(sc->v);
	free(sc->err);
	memset(sc, 0, sizeof(*sc));
}

/* ---- merging the scans (one thread, in order) ---- */

static uint32_t owner_of(struct share *s, uint32_t proc, uint32_t image,
			 size_t first)
{
	size_t i;

	/* A process maps few images: search its own owners, newest first. */
	for (i = s->nowners; i > first; i--)
		if (s->owners[i - 1].image == image)
			return (uint32_t)(i - 1);
	s->owners = xreallocarray(s->owners, s->nowners + 1,
				  sizeof(*s->owners));
	memset(&s->owners[s->nowners], 0, sizeof(*s->owners));
	s->owners[s->nowners].proc = proc;
	s->owners[s->nowners].image = image;
	return (uint32_t)s->nowners++;
}

void share_add_scan(struct share *s, struct share_scan *sc)
{
	uint32_t proc = (uint32_t)s->nprocs;
	size_t first = s->nowners, i;
	uint64_t vss = 0;

	for (i = 0; i < sc->nv; i++) {
		struct share_vma *v = &sc->v[i];
		uint32_t im;

		v->owner = SHARE_NO_OWNER;
		if (!share_vma_kept(s, v))
			continue;
		im = share_image_of(s, v, v->buildid);
		v->owner = owner_of(s, proc, im, first);
		sat_inc(&s->owners[v->owner].vss, v->end - v->start);
		sat_inc(&vss, v->end - v->start);
	}
	if (!sc->pfn_visible)
		s->frames = false;
	s->nmaps += sc->n;
	s->procs = xreallocarray(s->procs, s->nprocs + 1, sizeof(*s->procs));
	s->procs[s->nprocs] = sc->ident;
	s->procs[s->nprocs++].vss = vss;
	s->scans = xreallocarray(s->scans, s->nprocs, sizeof(*s->scans));
	s->scans[s->nprocs - 1] = *sc;
	memset(sc, 0, sizeof(*sc));
}

int share_add_process(struct share *s, const struct procfs *p, pid_t pid)
{
	struct share_scan sc;
	int rc = share_scan_process(s, p, pid, &sc);

	if (!rc)
		share_add_scan(s, &sc);
	share_scan_free(&sc);
	return rc;
}

/* ---- the second pass: every page counted (any thread) ---- */

struct second_pass {
	struct share *s;
	const struct procfs *p;
	struct share_links *links;	/* by worker */
	int *rc;			/* by process */
};

struct page_pass {
	struct share *s;
	const struct share_scan *sc;
	const struct pagemap *pm;
	const struct vma_list *l;	/* the walked VMAs ... */
	const size_t *at;		/* ... and their share_vma */
	uint32_t proc;
	struct share_links *links;
};

static int count_fn(void *arg, const struct vma *v, uint64_t addr,
		    const uint64_t *ents, size_t n)
{
	struct page_pass *pp = arg;
	struct share *s = pp->s;
	size_t at = pp->at[v - pp->l->v];
	struct share_owner *o = &s->owners[pp->sc->v[at].owner];
	struct kpage_info ki;
	size_t i;

	(void)addr;
	for (i = 0; i < n; i++) {
		uint64_t pfn = pagewalk_frame(pp->pm, ents[i]);
		bool known;

		if (!pagewalk_is_page(ents[i]))
			continue;
		/* A frame first mapped after the first pass: not looked up. */
		known = s->frames && pfn && frameset_get(&s->fs, pfn, &ki);
		pagewalk_account(&o->pages, ents[i], known ? &ki : NULL,
				 s->page_size);
		if (known && pp->links && ki.count > 1 &&
		    (s->want_pairs ? share_sharable(&ki) :
				     share_peer_sharable(&ki)))
			share_link_frame(s, pp->links, pp->proc, pfn);
	}
	return 0;
}

static void count_one(void *arg, size_t i, unsigned int worker)
{
	struct second_pass *sp = arg;
	struct share *s = sp->s;
	const struct share_scan *sc = &s->scans[i];
	struct page_pass pp = { s, sc, NULL, NULL, NULL, (uint32_t)i,
				sp->links ? &sp->links[worker] : NULL };
	struct vms_proc pr;
	struct vma_list l;
	size_t *at;
	int rc = proc_open(&pr, sp->p, sc->pid, PROC_PAGEMAP);

	if (!rc) {
		walk_list(s, sc, true, &l, &at);
		pp.pm = &pr.pm;
		pp.l = &l;
		pp.at = at;
		rc = pagewalk_entries(&pr.pm, &l, count_fn, &pp);
		vma_list_free(&l);
		free(at);
	}
	proc_close(&pr);
	sp->rc[i] = rc;
}

/* ---- the frames, then the second pass ---- */

static void second_pass(struct share *s, const struct procfs *p)
{
	unsigned int nw = parallel_workers();
	bool links = s->frames && (s->want_pairs || s->want_peers);
	struct second_pass sp = {
		s, p, links ? xcalloc(nw, sizeof(struct share_links)) : NULL,
		xcalloc(s->nprocs + 1, sizeof(int)),
	};
	size_t i;

	parallel_for(s->nprocs, count_one, &sp);
	for (i = 0; i < s->nprocs; i++)
		s->procs[i].gone = sp.rc[i] != 0;
	if (links)
		share_relate_links(s, sp.links, nw);
	free(sp.links);
	free(sp.rc);
}

int share_resolve(struct share *s, struct kpage *k, const struct procfs *p)
{
	size_t words = (s->nprocs + 63) / 64, i;
	const unsigned int need = KPAGE_FLAGS | KPAGE_COUNT;
	int rc = 0;

	if (!k || (k->avail & need) != need)
		s->frames = false;
	if (s->want_peers)
		s->peerbits = xcalloc(s->nprocs * words + 1, sizeof(uint64_t));
	if (s->frames)
		rc = frameset_resolve(&s->fs, k);
	if (!rc)
		second_pass(s, p);
	for (i = 0; i < s->nowners && !rc; i++) {
		const struct share_owner *o = &s->owners[i];

		if (s->procs[o->proc].gone)
			continue;
		s->images[o->image].procs++;
		sat_inc(&s->images[o->image].vss, o->vss);
		vma_pages_add(&s->images[o->image].pages, &o->pages, 1);
		vma_pages_add(&s->procs[o->proc].pages, &o->pages, 1);
	}
	for (i = 0; s->want_peers && i < s->nprocs; i++) {
		size_t w;

		for (w = 0; w < words; w++)
			s->procs[i].peers += (uint64_t)__builtin_popcountll(
				s->peerbits[i * words + w]);
	}
	return rc;
}

void share_free(struct share *s)
{
	size_t i;

	for (i = 0; i < s->nimages; i++) {
		free(s->images[i].key);
		free(s->images[i].name);
	}
	for (i = 0; i < s->nprocs; i++)
		share_scan_free(&s->scans[i]);
	free(s->scans);
	free(s->images);
	free(s->index);
	free(s->procs);
	free(s->owners);
	free(s->peerbits);
	frameset_free(&s->fs);
	keytab_free(&s->pairs);
	for (i = 0; i < s->nids; i++)
		free(s->ids[i].hex);
	free(s->ids);
	pthread_mutex_destroy(&s->ids_lock);
	memset(s, 0, sizeof(*s));
}
