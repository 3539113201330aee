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

#include "elfimage.h"
#include "kpf.h"
#include "maps.h"
#include "pagemap.h"
#include "pagewalk.h"
#include "procmem.h"
#include "share.h"
#include "util.h"

/* Distinct frames looked up per kpage_lookup call. */
#define FRAME_CHUNK 16384

void share_init(struct share *s, size_t page_size)
{
	memset(s, 0, sizeof(*s));
	s->page_size = page_size;
	s->frames = true;
	pthread_mutex_init(&s->ids_lock, NULL);
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
				pid_t pid, const struct vma *v)
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
static char *image_key(const struct vma *v, const char *buildid)
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

static uint32_t image_of(struct share *s, const struct vma *v,
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

/* ---- scanning a process (any thread) ---- */

static int scan_fn(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct share_scan *sc = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!pm_populated(ents[i]) || (ents[i] & PM_GUARD))
			continue;
		if (sc->n == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 4096;
			sc->ents = xreallocarray(sc->ents, sc->cap,
						 sizeof(*sc->ents));
		}
		sc->ents[sc->n++] = ents[i];
	}
	return 0;
}

static int scan_vmas(struct share_scan *sc, struct pagemap *pm)
{
	size_t i;
	int rc = 0;

	sc->vma_end = xcalloc(sc->l.n + 1, sizeof(*sc->vma_end));
	for (i = 0; i < sc->l.n && !rc; i++) {
		const struct vma *v = &sc->l.v[i];

		if (v->kind != VMA_KIND_VSYSCALL)
			rc = pagemap_walk(pm, v->start, v->end, scan_fn, sc);
		sc->vma_end[i] = sc->n;
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

int share_scan_process(struct share *s, const struct procfs *p, pid_t pid,
		       struct share_scan *sc)
{
	size_t i;
	struct pagemap pm;

	memset(sc, 0, sizeof(*sc));
	sc->rc = maps_read_pid(p, pid, "maps", &sc->l, &sc->err);
	if (!sc->rc && !sc->l.n)
		sc->rc = -ESRCH;	/* no memory: a kernel thread, a zombie */
	if (!sc->rc) {
		sc->rc = pagemap_open(&pm, p, pid);
		sc->no_pagemap = sc->rc == -ENOENT && !procfs_is_live(p);
	}
	if (sc->rc)
		return sc->rc;
	sc->rc = scan_vmas(sc, &pm);
	sc->pfn_visible = pm.pfn_visible;
	pagemap_close(&pm);
	if (s->want_buildid)
		sc->buildid = xcalloc(sc->l.n + 1, sizeof(*sc->buildid));
	for (i = 0; s->want_buildid && !sc->rc && i < sc->l.n; i++)
		if (sc->l.v[i].inode)
			sc->buildid[i] = file_buildid(s, p, pid, &sc->l.v[i]);
	if (!sc->rc)
		proc_identity(p, pid, &sc->ident);
	return sc->rc;
}

void share_scan_free(struct share_scan *sc)
{
	vma_list_free(&sc->l);
	free(sc->err);
	free(sc->buildid);
	free(sc->ents);
	free(sc->vma_end);
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
	s->owners[s->nowners] = (struct share_owner){ .proc = proc,
						      .image = image };
	return (uint32_t)s->nowners++;
}

static void add_entries(struct share *s, const uint64_t *ents, size_t n,
			uint32_t owner)
{
	size_t i;

	if (s->nmaps + n > s->capmaps) {
		while (s->nmaps + n > s->capmaps)
			s->capmaps = s->capmaps ? s->capmaps * 2 : 65536;
		s->maps = xreallocarray(s->maps, s->capmaps, sizeof(*s->maps));
	}
	for (i = 0; i < n; i++) {
		s->maps[s->nmaps].e = ents[i];
		s->maps[s->nmaps++].owner = owner;
	}
}

void share_add_scan(struct share *s, const struct share_scan *sc)
{
	uint32_t proc = (uint32_t)s->nprocs;
	size_t first = s->nowners, i, from = 0;

	uint64_t vss = 0;

	for (i = 0; i < sc->l.n; i++) {
		const struct vma *v = &sc->l.v[i];
		uint32_t owner, im;

		/* vsyscall lies outside what pagemap can tell of. */
		if (v->kind == VMA_KIND_VSYSCALL ||
		    (s->perms && !share_perms_match(s->perms, v->perms))) {
			from = sc->vma_end[i];
			continue;
		}
		im = image_of(s, v, sc->buildid ? sc->buildid[i] : NULL);
		owner = owner_of(s, proc, im, first);
		s->owners[owner].vss += v->end - v->start;
		s->images[im].vss += v->end - v->start;
		vss += v->end - v->start;
		add_entries(s, sc->ents + from, sc->vma_end[i] - from, owner);
		from = sc->vma_end[i];
	}
	if (!sc->pfn_visible)
		s->frames = false;
	s->procs = xreallocarray(s->procs, s->nprocs + 1, sizeof(*s->procs));
	s->procs[s->nprocs] = sc->ident;
	s->procs[s->nprocs++].vss = vss;
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

/* ---- the frame pass ---- */

static uint64_t frame_of(const struct share_map *m)
{
	return (m->e & PM_PRESENT) && pm_pfn(m->e) ? pm_pfn(m->e) : UINT64_MAX;
}

static int cmp_frame(const void *a, const void *b)
{
	uint64_t x = frame_of(a), y = frame_of(b);

	return (x > y) - (x < y);
}

static void account(struct share *s, const struct share_map *m,
		    const struct kpage_info *ki)
{
	const struct share_owner *o = &s->owners[m->owner];

	pagewalk_account(&s->images[o->image].pages, m->e, ki, s->page_size);
	pagewalk_account(&s->procs[o->proc].pages, m->e, ki, s->page_size);
	if (s->want_tree)
		pagewalk_account(&s->owners[m->owner].pages, m->e, ki,
				 s->page_size);
}

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

static void group(struct share *s, size_t lo, size_t hi,
		  const struct kpage_info *ki, uint32_t *procs, uint64_t *stamp)
{
	size_t i, n = 0;

	for (i = lo; i < hi; i++) {
		uint32_t p = s->owners[s->maps[i].owner].proc;

		account(s, &s->maps[i], ki);
		/* The group's first index, plus one, marks "seen here". */
		if (stamp[p] != lo + 1) {
			stamp[p] = lo + 1;
			procs[n++] = p;
		}
	}
	if (n > 1 && ((s->want_pairs && sharable(ki)) ||
		      (s->want_peers && peer_sharable(ki))))
		relate(s, procs, n, s->want_pairs && sharable(ki),
		       s->want_peers && peer_sharable(ki));
}

static int resolve_frames(struct share *s, struct kpage *k, size_t *done)
{
	uint64_t *pfns = xmalloc(FRAME_CHUNK * sizeof(*pfns));
	struct kpage_info *ki = xmalloc(FRAME_CHUNK * sizeof(*ki));
	uint32_t *procs = xmalloc((s->nprocs + 1) * sizeof(*procs));
	uint64_t *stamp = xcalloc(s->nprocs + 1, sizeof(*stamp));
	size_t i = 0, *start = xmalloc((FRAME_CHUNK + 1) * sizeof(*start));
	int rc = 0;

	while (i < s->nmaps && frame_of(&s->maps[i]) != UINT64_MAX && !rc) {
		size_t n = 0, g;

		/* Up to FRAME_CHUNK distinct frames, with their groups. */
		while (i < s->nmaps && n < FRAME_CHUNK &&
		       frame_of(&s->maps[i]) != UINT64_MAX) {
			uint64_t pfn = frame_of(&s->maps[i]);

			start[n] = i;
			pfns[n++] = pfn;
			while (i < s->nmaps && frame_of(&s->maps[i]) == pfn)
				i++;
		}
		start[n] = i;
		rc = kpage_lookup(k, pfns, n, ki);
		for (g = 0; g < n && !rc; g++)
			group(s, start[g], start[g + 1], &ki[g], procs, stamp);
	}
	*done = i;
	free(pfns);
	free(ki);
	free(procs);
	free(stamp);
	free(start);
	return rc;
}

int share_resolve(struct share *s, struct kpage *k)
{
	size_t words = (s->nprocs + 63) / 64, i, done = 0;
	const unsigned int need = KPAGE_FLAGS | KPAGE_COUNT;
	int rc = 0;

	if (!k || (k->avail & need) != need)
		s->frames = false;
	for (i = 0; i < s->nowners; i++)
		s->images[s->owners[i].image].procs++;
	if (s->want_peers)
		s->peerbits = xcalloc(s->nprocs * words + 1, sizeof(uint64_t));
	if (s->nmaps)	/* qsort wants an array, even of nothing */
		qsort(s->maps, s->nmaps, sizeof(*s->maps), cmp_frame);
	if (s->frames)
		rc = resolve_frames(s, k, &done);
	/* Swapped pages, and present ones whose frames are hidden. */
	for (i = done; i < s->nmaps && !rc; i++)
		account(s, &s->maps[i], NULL);
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
	free(s->images);
	free(s->index);
	free(s->procs);
	free(s->owners);
	free(s->maps);
	free(s->peerbits);
	keytab_free(&s->pairs);
	for (i = 0; i < s->nids; i++)
		free(s->ids[i].hex);
	free(s->ids);
	pthread_mutex_destroy(&s->ids_lock);
	memset(s, 0, sizeof(*s));
}
