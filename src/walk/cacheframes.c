// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frames behind a file's cached pages (page-types -f): mapped, found
 * resident with mincore, touched, resolved through our own pagemap and
 * looked up in /proc/kpage*.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/cacheframes.h"

/* Pages mapped at a time: bounded memory whatever the file's size. */
#define FRAME_WINDOW_PAGES 16384

/*
 * A file truncated while it is mapped raises SIGBUS on a touch past the
 * new end: the thread that touched jumps back and drops the window.
 */
static __thread sigjmp_buf *touch_env;

static void on_sigbus(int sig)
{
	(void)sig;
	if (touch_env)
		siglongjmp(*touch_env, 1);
	signal(SIGBUS, SIG_DFL);
	raise(SIGBUS);
}

static void sigbus_setup(void)
{
	static int done;
	struct sigaction sa;

	if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

int cache_fctx_init(struct cache_fctx *x, const struct procfs *self,
		    const struct kpage *kp, struct nodemap *nodes)
{
	int rc;

	memset(x, 0, sizeof(*x));
	sigbus_setup();
	rc = pagemap_open(&x->pm, self, getpid());
	if (rc)
		return rc;
	kpage_borrow(&x->kp, kp);
	x->nodes = nodes;
	x->ents = xcalloc(FRAME_WINDOW_PAGES, sizeof(*x->ents));
	x->pfns = xcalloc(FRAME_WINDOW_PAGES, sizeof(*x->pfns));
	x->info = xcalloc(FRAME_WINDOW_PAGES, sizeof(*x->info));
	x->vec = xcalloc(FRAME_WINDOW_PAGES, 1);
	return 0;
}

void cache_fctx_free(struct cache_fctx *x)
{
	pagemap_close(&x->pm);
	kpage_close(&x->kp);
	free(x->ents);
	free(x->pfns);
	free(x->info);
	free(x->vec);
}

static struct cache_fcg *fcg_get(struct cache_frames *f, uint64_t ino)
{
	size_t i;

	for (i = 0; i < f->ncg; i++)
		if (f->cg[i].ino == ino)
			return &f->cg[i];
	f->cg = xreallocarray(f->cg, f->ncg + 1, sizeof(*f->cg));
	memset(&f->cg[f->ncg], 0, sizeof(*f->cg));
	f->cg[f->ncg].ino = ino;
	return &f->cg[f->ncg++];
}

static void fcounts_add(struct cache_fcounts *a, const struct cache_fcounts *b)
{
	a->cached += b->cached;
	a->dirty += b->dirty;
	a->writeback += b->writeback;
	a->active += b->active;
	a->referenced += b->referenced;
	a->mapped += b->mapped;
	a->unevictable += b->unevictable;
}

/* One frame: count is kpagecount, our own mapping included. */
static void count_frame(struct cache_frames *f, struct cache_fctx *x,
			uint64_t pfn, const struct kpage_info *k)
{
	struct cache_fcounts one = {
		.cached = 1,
		.dirty = !!(k->flags & KPF(DIRTY)),
		.writeback = !!(k->flags & KPF(WRITEBACK)),
		.active = !!(k->flags & KPF(ACTIVE)),
		.referenced = !!(k->flags & KPF(REFERENCED)),
		.mapped = k->count > 1,
		.unevictable = !!(k->flags & KPF(UNEVICTABLE)),
	};
	int node = nodemap_node(x->nodes, pfn);

	fcounts_add(&f->c, &one);
	fcounts_add(&fcg_get(f, k->cgroup)->c, &one);
	if (node >= 0 && node < 64)
		f->nodes |= 1ULL << node;
}

/* Touch the resident pages of the window: minor faults only. */
static int touch_resident(struct cache_fctx *x, const volatile char *p,
			  size_t np, size_t psz)
{
	sigjmp_buf env;
	size_t i;

	if (sigsetjmp(env, 1)) {
		touch_env = NULL;
		return -ENOENT;		/* truncated under us */
	}
	touch_env = &env;
	for (i = 0; i < np; i++)
		if (x->vec[i] & 1)
			(void)p[i * psz];
	touch_env = NULL;
	return 0;
}

/* The frames of [addr, addr + np pages) of our mapping. */
static int window_frames(struct cache_fctx *x, uint64_t addr, size_t np,
			 size_t psz, struct cache_frames *f)
{
	size_t i, n = 0;
	int rc;

	rc = pagemap_read(&x->pm, addr, addr + np * psz, x->ents);
	if (rc)
		return rc;
	for (i = 0; i < np; i++)
		if ((x->vec[i] & 1) && (x->ents[i] & PM_PRESENT) &&
		    pm_pfn(x->ents[i]))
			x->pfns[n++] = pm_pfn(x->ents[i]);
	if (n)
		f->visible = true;
	rc = kpage_lookup(&x->kp, x->pfns, n, x->info);
	if (rc)
		return rc;
	for (i = 0; i < n; i++)
		count_frame(f, x, x->pfns[i], &x->info[i]);
	return 0;
}

static int one_window(struct cache_fctx *x, int fd, uint64_t off, size_t len,
		      size_t psz, struct cache_frames *f)
{
	size_t np = (len + psz - 1) / psz;
	char *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)off);
	int rc;

	if (p == MAP_FAILED)
		return -errno;
	/* VM_RAND_READ: a fault reads no more than its page, and the
	 * unmap does not mark the touched pages accessed. */
	madvise(p, len, MADV_RANDOM);
	rc = mincore(p, len, x->vec) ? -errno : 0;
	if (!rc)
		rc = touch_resident(x, p, np, psz);
	if (!rc)
		rc = window_frames(x, (uint64_t)(uintptr_t)p, np, psz, f);
	munmap(p, len);
	return rc;
}

static int cmp_fcg(const void *a, const void *b)
{
	const struct cache_fcg *x = a, *y = b;

	if (x->c.cached != y->c.cached)
		return x->c.cached > y->c.cached ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

int cache_frames_read(struct cache_fctx *x, int fd, uint64_t size,
		      struct cache_frames *f)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	uint64_t win = (uint64_t)FRAME_WINDOW_PAGES * psz, off;
	int rc = 0;

	memset(f, 0, sizeof(*f));
	for (off = 0; off < size && !rc; off += win)
		rc = one_window(x, fd, off, size - off < win ?
				(size_t)(size - off) : (size_t)win, psz, f);
	if (f->ncg > 1)
		qsort(f->cg, f->ncg, sizeof(*f->cg), cmp_fcg);
	return rc;
}

void cache_frames_free(struct cache_frames *f)
{
	free(f->cg);
	f->cg = NULL;
	f->ncg = 0;
}

void cache_frames_add(struct cache_frames *a, const struct cache_frames *b)
{
	size_t i;

	fcounts_add(&a->c, &b->c);
	for (i = 0; i < b->ncg; i++)
		fcounts_add(&fcg_get(a, b->cg[i].ino)->c, &b->cg[i].c);
	a->nodes |= b->nodes;
	a->visible |= b->visible;
	if (a->ncg > 1)
		qsort(a->cg, a->ncg, sizeof(*a->cg), cmp_fcg);
}
