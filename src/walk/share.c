// SPDX-License-Identifier: GPL-2.0-or-later
/* Who shares what: owners of pages, and one sorted pass over the frames. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/elfimage.h"
#include "read/kpf.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "walk/pagewalk.h"
#include "walk/procmem.h"
#include "walk/share.h"

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

/* ---- --perms ---- */

int share_perms_parse(const char *arg, struct share_perms *p)
{
	static const char letters[] = "rwxs";
	size_t i, n = strlen(arg);

	memset(p, 0, sizeof(*p));
	/* A maps field: "r-xp", each place its letter or '-'. */
	if (n == 4 && strchr("sp", arg[3])) {
		for (i = 0; i < 3 && (arg[i] == letters[i] || arg[i] == '-');
		     i++)
			if (arg[i] == letters[i])
				p->need |= 1U << i;
		if (i == 3) {
			p->exact = true;
			p->shared = arg[3] == 's';
			p->private = arg[3] == 'p';
			return 0;
		}
		memset(p, 0, sizeof(*p));
	}
	for (i = 0; i < n; i++) {
		const char *at = strchr(letters, arg[i]);

		if (arg[i] == 'p')
			p->private = true;
		else if (at && arg[i])
			p->need |= 1U << (at - letters);
		else
			return -1;
	}
	p->shared = p->need & VMA_SHARED;
	p->need &= ~(unsigned int)VMA_SHARED;
	return n && !(p->shared && p->private) ? 0 : -1;
}

bool share_perms_match(const struct share_perms *p, unsigned int perms)
{
	unsigned int rwx = perms & (VMA_READ | VMA_WRITE | VMA_EXEC);

	if (p->shared && !(perms & VMA_SHARED))
		return false;
	if (p->private && (perms & VMA_SHARED))
		return false;
	return p->exact ? rwx == p->need : (rwx & p->need) == p->need;
}

/* ---- build-ids ---- */

/*
 * The build-id of the file a VMA maps, read through map_files (the mapped
 * file itself, deleted or in another mount namespace). Each file is read
 * once per run: the answers are kept by device and inode. Linear search:
 * a few hundred files, and only when BUILDID is asked for.
 */
static const char *file_buildid(struct share *s, const struct procfs *p,
				pid_t pid, const struct share_vma *v)
{
	char hex[2 * ELF_BUILD_ID_MAX + 1] = "";
	struct share_fileid *id;
	const char *found = NULL;
	size_t i;
	int fd;

	pthread_mutex_lock(&s->ids_lock);
	for (i = 0; i < s->nids && !found; i++)
		if (s->ids[i].inode == v->inode && s->ids[i].major == v->major &&
		    s->ids[i].minor == v->minor)
			found = s->ids[i].hex;
	pthread_mutex_unlock(&s->ids_lock);
	if (found)
		return *found ? found : NULL;
	fd = procfs_open_regular(p, "%d/map_files/%" PRIx64 "-%" PRIx64,
				 (int)pid, v->start, v->end);
	if (fd >= 0 && elf_build_id(fd, hex, sizeof(hex)) < 0)
		hex[0] = '\0';
	if (fd >= 0)
		close(fd);
	pthread_mutex_lock(&s->ids_lock);
	if (s->nids == s->capids) {
		s->capids = s->capids ? s->capids * 2 : 64;
		s->ids = xreallocarray(s->ids, s->capids, sizeof(*s->ids));
	}
	id = &s->ids[s->nids++];
	*id = (struct share_fileid){ v->major, v->minor, v->inode,
				     xstrdup(hex) };
	found = id->hex;
	pthread_mutex_unlock(&s->ids_lock);
	return *found ? found : NULL;
}

/* ---- images ---- */

static uint64_t hash_str(const char *str)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *str; str++)
		h = (h ^ (unsigned char)*str) * 0x100000001b3ULL;
	return h;
}

static void index_put(uint32_t *index, size_t cap, const char *key,
		      uint32_t id)
{
	size_t i = hash_str(key) & (cap - 1);

	while (index[i])
		i = (i + 1) & (cap - 1);
	index[i] = id + 1;
}

static void index_grow(struct share *s)
{
	size_t cap = s->capindex ? s->capindex * 2 : 1024, i;

	free(s->index);
	s->index = xcalloc(cap, sizeof(*s->index));
	s->capindex = cap;
	for (i = 0; i < s->nimages; i++)
		index_put(s->index, cap, s->images[i].key, (uint32_t)i);
}

/*
 * An image is a file (by build-id when asked and known: the same library
 * in two containers is one image; else device and inode) or a kind of
 * anonymous memory.
 */
static char *image_key(const struct share_vma *v, const char *buildid)
{
	char *key;

	if (buildid)
		xasprintf(&key, "build-id %s", buildid);
	else if (v->inode)
		xasprintf(&key, "%x:%x:%llu", v->major, v->minor,
			  (unsigned long long)v->inode);
	else if (v->name)
		key = xmemdup(v->name, v->namelen);
	else
		key = xstrdup("[anon]");
	return key;
}

static uint32_t image_of(struct share *s, const struct share_vma *v,
			 const char *buildid)
{
	char *key = image_key(v, buildid);
	struct share_image *im;
	size_t i;

	if ((s->nimages + 1) * 2 > s->capindex)
		index_grow(s);
	for (i = hash_str(key) & (s->capindex - 1); s->index[i];
	     i = (i + 1) & (s->capindex - 1)) {
		if (!strcmp(s->images[s->index[i] - 1].key, key)) {
			free(key);
			return s->index[i] - 1;
		}
	}
	if (s->nimages == s->capimages) {
		s->capimages = s->capimages ? s->capimages * 2 : 256;
		s->images = xreallocarray(s->images, s->capimages,
					  sizeof(*s->images));
	}
	im = &s->images[s->nimages];
	memset(im, 0, sizeof(*im));
	im->key = key;
	im->name = v->name ? xmemdup(v->name, v->namelen) : xstrdup("[anon]");
	im->buildid = buildid;
	im->kind = v->kind;
	s->index[i] = (uint32_t)s->nimages + 1;
	return (uint32_t)s->nimages++;
}

/* ---- the first pass: which frames (any thread) ---- */

/* vsyscall lies outside what pagemap can tell of; --perms keeps some. */
static bool share_vma_kept(const struct share *s, const struct share_vma *v)
{
	return v->kind != VMA_KIND_VSYSCALL &&
	       (!s->perms || share_perms_match(s->perms, v->perms));
}

struct first_pass {
	struct share *s;
	struct share_scan *sc;
};

static int mark_fn(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct first_pass *fp = arg;
	size_t i;

	(void)addr;
	for (i = 0; i < n; i++) {
		uint64_t e = ents[i];

		if (!pm_populated(e) || (e & PM_GUARD))
			continue;
		fp->sc->n++;
		if ((e & PM_PRESENT) && pm_pfn(e))
			frameset_mark(&fp->s->fs, pm_pfn(e));
	}
	return 0;
}

static int scan_vmas(struct share *s, struct share_scan *sc,
		     struct pagemap *pm)
{
	struct first_pass fp = { s, sc };
	size_t i;
	int rc = 0;

	for (i = 0; i < sc->nv && !rc; i++) {
		const struct share_vma *v = &sc->v[i];

		if (share_vma_kept(s, v))
			rc = pagemap_walk(pm, v->start, v->end, mark_fn, &fp);
	}
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

/* The maps of pid, kept as share_vma. 0 or -errno. */
static int read_vmas(const struct procfs *p, pid_t pid, struct share_scan *sc)
{
	struct vma_list l = { 0 };
	size_t i;
	int rc = maps_read_pid(p, pid, "maps", &l, &sc->err);

	if (!rc && !l.n)
		rc = -ESRCH;	/* no memory: a kernel thread, a zombie */
	if (!rc)
		sc->v = xcalloc(l.n, sizeof(*sc->v));
	for (i = 0; !rc && i < l.n; i++) {
		const struct vma *v = &l.v[i];

		sc->v[i] = (struct share_vma){
			.start = v->start, .end = v->end, .inode = v->inode,
			.major = v->major, .minor = v->minor, .kind = v->kind,
			.perms = v->perms,
			.name = v->name ? xmemdup(v->name, v->namelen) : NULL,
			.namelen = v->namelen < UINT32_MAX ?
				   (uint32_t)v->namelen : UINT32_MAX,
		};
	}
	if (!rc)
		sc->nv = l.n;
	vma_list_free(&l);
	return rc;
}

int share_scan_process(struct share *s, const struct procfs *p, pid_t pid,
		       struct share_scan *sc)
{
	size_t i;
	struct pagemap pm;

	memset(sc, 0, sizeof(*sc));
	sc->pid = pid;
	sc->rc = read_vmas(p, pid, sc);
	if (!sc->rc) {
		sc->rc = pagemap_open(&pm, p, pid);
		sc->no_pagemap = sc->rc == -ENOENT && !procfs_is_live(p);
	}
	if (sc->rc)
		return sc->rc;
	sc->rc = scan_vmas(s, sc, &pm);
	sc->pfn_visible = pm.pfn_visible;
	pagemap_close(&pm);
	for (i = 0; s->want_buildid && !sc->rc && i < sc->nv; i++)
		if (sc->v[i].inode)
			sc->v[i].buildid = file_buildid(s, p, pid, &sc->v[i]);
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
		im = image_of(s, v, v->buildid);
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

/* (frame id, process) of a mapping of a shared frame: pairs and peers. */
struct share_links {
	uint64_t *v;
	size_t n, cap;
};

struct second_pass {
	struct share *s;
	const struct procfs *p;
	struct share_links *links;	/* by worker */
	int *rc;			/* by process */
};

struct page_pass {
	struct share *s;
	struct share_owner *o;
	uint32_t proc;
	struct share_links *links;
};

/* Frames that count as shared memory between processes. */
static bool sharable(const struct kpage_info *ki)
{
	return ki->count && !(ki->flags & (KPF(ZERO_PAGE) | KPF(HUGE)));
}

/*
 * PEERS: memory made at run time, anonymous (fork's copy-on-write pages)
 * or shmem (SysV, POSIX, memfd, tmpfs); not the page cache of files every
 * process maps (libc), nor the kernel's reserved vDSO frames: those would
 * make every process a peer of every other.
 */
static bool peer_sharable(const struct kpage_info *ki)
{
	return sharable(ki) && !(ki->flags & KPF(RESERVED)) &&
	       (ki->flags & (KPF(ANON) | KPF(SWAPBACKED)));
}

static void link_frame(struct page_pass *pp, uint64_t pfn)
{
	const struct frame_set *fs = &pp->s->fs;
	struct share_links *l = pp->links;
	uint64_t w = pfn / 64;
	uint64_t id = fs->rank[w] + (uint64_t)__builtin_popcountll(
		fs->bits[w] & ((1ULL << (pfn % 64)) - 1));

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = id << 32 | pp->proc;
}

static int count_fn(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct page_pass *pp = arg;
	struct share *s = pp->s;
	struct kpage_info ki;
	size_t i;

	(void)addr;
	for (i = 0; i < n; i++) {
		uint64_t e = ents[i];
		bool known;

		if (!pm_populated(e) || (e & PM_GUARD))
			continue;
		/* A frame first mapped after the first pass: not looked up. */
		known = s->frames && (e & PM_PRESENT) && pm_pfn(e) &&
			frameset_get(&s->fs, pm_pfn(e), &ki);
		pagewalk_account(&pp->o->pages, e, known ? &ki : NULL,
				 s->page_size);
		if (known && pp->links && ki.count > 1 &&
		    (s->want_pairs ? sharable(&ki) : peer_sharable(&ki)))
			link_frame(pp, pm_pfn(e));
	}
	return 0;
}

static void count_one(void *arg, size_t i, unsigned int worker)
{
	struct second_pass *sp = arg;
	struct share *s = sp->s;
	const struct share_scan *sc = &s->scans[i];
	struct page_pass pp = { s, NULL, (uint32_t)i,
				sp->links ? &sp->links[worker] : NULL };
	struct pagemap pm;
	size_t v;
	int rc = pagemap_open(&pm, sp->p, sc->pid);

	if (rc) {
		sp->rc[i] = rc;
		return;
	}
	for (v = 0; v < sc->nv && !rc; v++) {
		if (sc->v[v].owner == SHARE_NO_OWNER)
			continue;
		pp.o = &s->owners[sc->v[v].owner];
		rc = pagemap_walk(&pm, sc->v[v].start, sc->v[v].end,
				  count_fn, &pp);
	}
	pagemap_close(&pm);
	sp->rc[i] = rc;
}

/* ---- pairs and peers: the processes of each shared frame ---- */

/* Pairs and peers among the distinct processes that map one frame. */
static void relate(struct share *s, const uint32_t *procs, size_t n,
		   bool pairs, bool peers)
{
	size_t i, j, words = (s->nprocs + 63) / 64;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			uint32_t a = procs[i] < procs[j] ? procs[i] : procs[j];
			uint32_t b = procs[i] ^ procs[j] ^ a;

			if (pairs)
				keytab_add(&s->pairs,
					   ((uint64_t)a << 32 | b) + 1, 1);
			if (peers) {
				s->peerbits[a * words + b / 64] |= 1ULL << (b % 64);
				s->peerbits[b * words + a / 64] |= 1ULL << (a % 64);
			}
		}
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Pairs (any shared frame) and peers (peer_sharable) of frame id. */
static void relate_frame(struct share *s, uint64_t id, const uint32_t *procs,
			 size_t n)
{
	const struct frame_info *fi = &s->fs.info[id];
	struct kpage_info ki = {
		.flags = frameset_unpack(fi->flags), .count = fi->count,
	};
	bool pairs = s->want_pairs && sharable(&ki);
	bool peers = s->want_peers && peer_sharable(&ki);

	if (pairs || peers)
		relate(s, procs, n, pairs, peers);
}

/* The links of every worker, sorted by frame: each frame's processes. */
static void relate_links(struct share *s, struct share_links *links,
			 unsigned int nw)
{
	struct share_links all = { 0 };
	uint32_t *procs = xmalloc((s->nprocs + 1) * sizeof(*procs));
	size_t i, j, n;
	unsigned int w;

	for (w = 0; w < nw; w++) {
		all.v = xreallocarray(all.v, all.n + links[w].n + 1,
				      sizeof(*all.v));
		if (links[w].n)
			memcpy(all.v + all.n, links[w].v,
			       links[w].n * sizeof(*all.v));
		all.n += links[w].n;
		free(links[w].v);
	}
	if (all.n)
		qsort(all.v, all.n, sizeof(*all.v), cmp_u64);
	for (i = 0; i < all.n; i = j) {
		n = 0;
		for (j = i; j < all.n && all.v[j] >> 32 == all.v[i] >> 32; j++)
			if ((j == i || all.v[j] != all.v[j - 1]) &&
			    !s->procs[(uint32_t)all.v[j]].gone)
				procs[n++] = (uint32_t)all.v[j];
		if (n > 1)
			relate_frame(s, all.v[i] >> 32, procs, n);
	}
	free(all.v);
	free(procs);
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
		relate_links(s, sp.links, nw);
	free(sp.links);
	free(sp.rc);
}

static void add_pages(struct vma_pages *to, const struct vma_pages *p)
{
	sat_inc(&to->rss, p->rss);
	sat_inc(&to->uss, p->uss);
	sat_inc(&to->swap, p->swap);
	sat_inc(&to->anon, p->anon);
	sat_inc(&to->file, p->file);
	sat_inc(&to->thp, p->thp);
	sat_inc(&to->hugetlb, p->hugetlb);
	sat_inc(&to->dirty, p->dirty);
	sat_inc(&to->ksm, p->ksm);
	sat_inc(&to->zero, p->zero);
	sat_inc(&to->referenced, p->referenced);
	sat_inc(&to->active, p->active);
	sat_inc(&to->pss_fp, p->pss_fp);
	sat_inc(&to->locked_fp, p->locked_fp);
	sat_inc(&to->pss_anon_fp, p->pss_anon_fp);
	sat_inc(&to->pss_shmem_fp, p->pss_shmem_fp);
}

_Static_assert(sizeof(struct vma_pages) == 16 * sizeof(uint64_t) + 8,
	       "add_pages must add every counter of vma_pages");

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
		add_pages(&s->images[o->image].pages, &o->pages);
		add_pages(&s->procs[o->proc].pages, &o->pages);
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
