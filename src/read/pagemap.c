// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/PID/pagemap: batched reads of the entries of a virtual range, and
 * a walk that skips the holes of sparse ranges with the PAGEMAP_SCAN
 * ioctl where the kernel has it (6.7+).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/emptyvma.h"
#include "read/frames.h"
#include "read/pagemap.h"

/* Entries per batch of a walk: 32 KiB of buffer covers 16 MiB of 4K pages. */
#define WALK_BATCH 4096

/*
 * PAGEMAP_SCAN, defined here because Debian 12's headers predate it; the
 * layout is the kernel's uapi (all fields u64).
 */
struct vms_pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

struct vms_page_region {
	uint64_t start, end, categories;
};

#define VMS_PAGEMAP_SCAN _IOWR('f', 16, struct vms_pm_scan_arg)
#define VMS_PAGE_IS_PRESENT (1ULL << 3)
#define VMS_PAGE_IS_SWAPPED (1ULL << 4)
#define VMS_PAGE_IS_PFNZERO (1ULL << 5)
#define VMS_PAGE_IS_HUGE (1ULL << 6)

/*
 * Regions per PAGEMAP_SCAN call. At most the kernel's own 512-region
 * buffer, and the resume rule below never trusts walk_end anyway.
 */
#define SCAN_VEC 512

/*
 * When the auto mode uses PAGEMAP_SCAN. A plain read costs about 20 ns per
 * page whether it is populated or not; PAGEMAP_SCAN skips empty page
 * tables almost for free but walks populated ones a second time, which
 * makes it slower on dense memory (KERNEL-ABI.md, measured). A scan runs
 * to the end of the range but stops once it found its budget of pages
 * (max_pages): an empty stretch of any length costs one call, a dense one
 * at most the budget walked twice. So:
 *  - ranges under SCAN_MIN pages are read plainly: at most 32 MiB of 4K
 *    pages, ~160 us, not worth a gamble;
 *  - a longer range starts with a scan of a WALK_BATCH budget (16 MiB);
 *    plain batches follow while they come back at least 1/SPARSE_DIV
 *    populated, a sparser one switches back to PAGEMAP_SCAN;
 *  - a scan that found more than 1/DENSE_DIV of what it spanned to be
 *    read switches to plain batches; a sparser one doubles the next
 *    budget, up to SCAN_BUDGET_MAX. Huge ranges handed to a walk's huge
 *    callback are not read: for this rule they count as empty.
 * The decision is made on data already read: it costs nothing, a dense
 * range pays at most one scan budget too many, a sparse one one batch.
 */
#define SCAN_MIN	(2 * WALK_BATCH)
#define SCAN_BUDGET_MAX	(256 * WALK_BATCH)
#define SPARSE_DIV	16
#define DENSE_DIV	4
/* Plain walks of ranges this long (in pages, 64 MiB) skip empty VMAs. */
#define SKIP_EMPTY_MIN	(4 * WALK_BATCH)
/* Regions this close (in pages) are read with one pread, gap included. */
#define SCAN_GAP	32

static enum pagemap_mode forced_mode = PAGEMAP_AUTO;

void pagemap_set_mode(enum pagemap_mode mode)
{
	forced_mode = mode;
}

int pagemap_mode_parse(const char *s, enum pagemap_mode *mode)
{
	if (!strcmp(s, "auto"))
		*mode = PAGEMAP_AUTO;
	else if (!strcmp(s, "plain"))
		*mode = PAGEMAP_PLAIN;
	else if (!strcmp(s, "scan"))
		*mode = PAGEMAP_SCAN_ONLY;
	else
		return -1;
	return 0;
}

int pagemap_open(struct pagemap *pm, const struct procfs *p, pid_t pid)
{
	memset(pm, 0, sizeof(*pm));
	pm->pid = pid;
	pm->proc = p;
	pm->page_size = (size_t)sysconf(_SC_PAGESIZE);
	pm->fd = procfs_openat(p, 0, "%d/pagemap", (int)pid);
	if (pm->fd < 0)
		return -errno;
	pm->pfn_visible = frames_visible_fd(p, pm->fd);
	return 0;
}

void pagemap_close(struct pagemap *pm)
{
	if (pm->fd >= 0)
		close(pm->fd);
	free(pm->buf);
	free(pm->regions);
	empty_vmas_free(pm->empty);
	memset(pm, 0, sizeof(*pm));
	pm->fd = -1;
}

static void check_pfns(struct pagemap *pm, const uint64_t *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((e[i] & PM_PRESENT) && !pm_pfn(e[i])) {
			pm->pfn_visible = false;
			frames_hidden_say();
			return;
		}
}

int pagemap_read(struct pagemap *pm, uint64_t start, uint64_t end,
		 uint64_t *out)
{
	uint64_t first = start / pm->page_size;
	size_t n = (size_t)((end - start) / pm->page_size), done = 0;

	if (out == pm->buf)
		pm->ra_start = pm->ra_end = 0;
	while (done < n) {
		ssize_t r = pread(pm->fd, (char *)out + done * 8,
				  (n - done) * 8, (off_t)((first + done) * 8));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/*
		 * A process that exited reads as end of file; a copied
		 * pagemap that ends early is damaged.
		 */
		if (r == 0 || r % 8)
			return pm->proc->tree ? -ENODATA : -ESRCH;
		done += (size_t)r / 8;
	}
	if (pm->pfn_visible)
		check_pfns(pm, out, n);
	return 0;
}

/* One walk: where it is, what it calls, how it goes. */
struct walk {
	struct pagemap *pm;
	uint64_t addr, end;
	pagemap_fn fn;
	pagemap_huge_fn huge;		/* NULL: huge ranges are read too */
	void *arg;
	bool scan;			/* next step uses PAGEMAP_SCAN */
	uint64_t budget;		/* max_pages of the next scan step */
};

static void ensure_buf(struct pagemap *pm)
{
	if (pm->buf)
		return;
	pm->buf = xmalloc(WALK_BATCH * sizeof(*pm->buf));
	pm->bufn = WALK_BATCH;
}

/* Read [start, stop) (at most WALK_BATCH pages) and hand it to fn. */
static int emit_span(struct walk *w, uint64_t start, uint64_t stop)
{
	size_t n = (size_t)((stop - start) / w->pm->page_size);
	int rc = pagemap_read(w->pm, start, stop, w->pm->buf);

	return rc ? rc : w->fn(w->arg, start, w->pm->buf, n);
}

/*
 * A short range (a small VMA) is read with up to READ_AHEAD pages after
 * it, in one pread: a process of many small VMAs side by side (20,000 of
 * them) then costs a few hundred system calls, not one per VMA. The
 * entries past the range wait in the buffer for the next walk, which
 * takes them from there when it falls inside. Reading a few pages of a
 * gap costs less than a system call. Past the end of what pagemap holds
 * (the file of a saved tree, the top of the address space) the read is
 * short: then only the range is read, as always.
 */
#define READ_AHEAD 512

static const uint64_t *read_short(struct pagemap *pm, uint64_t start,
				  uint64_t stop, int *rc)
{
	uint64_t psz = pm->page_size, want;
	size_t n = (size_t)((stop - start) / psz);
	ssize_t r;

	*rc = 0;
	if (start >= pm->ra_start && stop <= pm->ra_end)
		return pm->buf + (start - pm->ra_start) / psz;
	want = READ_AHEAD < pm->bufn ? READ_AHEAD : pm->bufn;
	if (n < want) {
		pm->ra_start = pm->ra_end = 0;
		r = pread(pm->fd, pm->buf, want * 8, (off_t)(start / psz * 8));
		if (r > 0 && r % 8 == 0 && (size_t)r / 8 >= n) {
			if (pm->pfn_visible)
				check_pfns(pm, pm->buf, (size_t)r / 8);
			pm->ra_start = start;
			pm->ra_end = start + (uint64_t)r / 8 * psz;
			return pm->buf;
		}
	}
	*rc = pagemap_read(pm, start, stop, pm->buf);
	return pm->buf;
}

/* One plain batch from w->addr; *populated counts what it held. */
static int plain_step(struct walk *w, size_t *populated, size_t *pages)
{
	uint64_t span = WALK_BATCH * (uint64_t)w->pm->page_size;
	uint64_t stop = w->end - w->addr > span ? w->addr + span : w->end;
	size_t n = (size_t)((stop - w->addr) / w->pm->page_size), i, pop = 0;
	int rc;
	const uint64_t *e = read_short(w->pm, w->addr, stop, &rc);

	if (rc)
		return rc;
	for (i = 0; i < n; i++)
		pop += pm_populated(e[i]);
	rc = w->fn(w->arg, w->addr, e, n);
	*populated = pop;
	*pages = n;
	w->addr = stop;
	return rc;
}

/*
 * Read the regions [r, r + n) back from pagemap: neighbours closer than
 * SCAN_GAP pages share one pread (reading a short gap is cheaper than a
 * system call), and no read exceeds the buffer.
 */
static int emit_regions(struct walk *w, const struct vms_page_region *r,
			size_t n)
{
	uint64_t psz = w->pm->page_size, gap = SCAN_GAP * psz;
	uint64_t most = WALK_BATCH * psz, pos = 0;
	size_t i = 0;

	while (i < n) {
		uint64_t start = pos > r[i].start ? pos : r[i].start;
		uint64_t stop = r[i].end;
		int rc;

		if (stop - start > most)
			stop = start + most;
		while (stop == r[i].end && i + 1 < n &&
		       r[i + 1].start - stop <= gap &&
		       r[i + 1].end - start <= most)
			stop = r[++i].end;
		rc = emit_span(w, start, stop);
		if (rc)
			return rc;
		pos = stop;
		if (stop == r[i].end)
			i++;
	}
	return 0;
}

/* ENOTTY: no PAGEMAP_SCAN (before 6.7, or not procfs); EINVAL: refused. */
static bool scan_unsupported(int err)
{
	return err == ENOTTY || err == EINVAL || err == EOPNOTSUPP;
}

/* A region the walk's huge callback takes instead of reading it. */
static bool huge_region(const struct walk *w, const struct vms_page_region *r)
{
	const uint64_t want = VMS_PAGE_IS_PRESENT | VMS_PAGE_IS_HUGE;

	return w->huge && (r->categories & want) == want &&
	       !(r->categories & VMS_PAGE_IS_PFNZERO);
}

/*
 * The regions [r, r + n) of one scan, in order: huge ones to the huge
 * callback, runs of the others read back. *populated: pages read.
 */
static int emit_scanned(struct walk *w, const struct vms_page_region *r,
			size_t n, size_t *populated)
{
	size_t i, j, pop = 0;
	int rc = 0;

	for (i = 0; i < n && !rc; i = j) {
		if (huge_region(w, &r[i])) {
			rc = w->huge(w->arg, r[i].start, r[i].end);
			j = i + 1;
			continue;
		}
		for (j = i; j < n && !huge_region(w, &r[j]); j++)
			pop += (size_t)((r[j].end - r[j].start) /
					w->pm->page_size);
		rc = emit_regions(w, r + i, j - i);
	}
	*populated = pop;
	return rc;
}

/*
 * One PAGEMAP_SCAN from w->addr to the end of the walk, stopping at
 * w->budget pages found: find the present or swapped regions, then pread
 * just those. walk_end is not trusted (6.18 can return it too early once
 * the kernel's region buffer overflowed): a call that filled neither the
 * regions asked for nor its budget finished the range; otherwise the walk
 * goes on from the end of the last region (where a budget cut it short).
 */
static int scan_step(struct walk *w, size_t *populated, size_t *pages)
{
	struct pagemap *pm = w->pm;
	uint64_t next, found = 0;
	const uint64_t cats = VMS_PAGE_IS_PRESENT | VMS_PAGE_IS_SWAPPED;
	struct vms_page_region *r;
	struct vms_pm_scan_arg a;
	size_t i;
	long n;

	if (!pm->regions)
		pm->regions = xcalloc(SCAN_VEC, sizeof(*r));
	r = pm->regions;
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.start = w->addr;
	a.end = w->end;
	a.vec = (uint64_t)(uintptr_t)r;
	a.vec_len = SCAN_VEC;
	a.max_pages = w->budget;
	a.category_anyof_mask = cats;
	a.return_mask = cats;
	if (w->huge)
		a.return_mask |= VMS_PAGE_IS_HUGE | VMS_PAGE_IS_PFNZERO;
	n = ioctl(pm->fd, VMS_PAGEMAP_SCAN, &a);
	if (n < 0) {
		if (!scan_unsupported(errno))
			return -errno;
		/* Plain reads from here on; once for the whole pagemap. */
		if (pm->scan <= 0)
			pm->scan = -1;
		w->scan = false;
		*populated = *pages = 0;
		return 0;
	}
	pm->scan = 1;
	for (i = 0; i < (size_t)n; i++)
		found += (r[i].end - r[i].start) / pm->page_size;
	next = (size_t)n < SCAN_VEC && found < w->budget ? w->end
							 : r[n - 1].end;
	*pages = (size_t)((next - w->addr) / pm->page_size);
	w->addr = next;
	return emit_scanned(w, r, (size_t)n, populated);
}

/* The auto rule of SCAN_MIN..DENSE_DIV above, after one step. */
static bool want_scan(const struct walk *w, size_t populated, size_t pages)
{
	uint64_t left = (w->end - w->addr) / w->pm->page_size;

	if (w->pm->scan < 0 || left < WALK_BATCH)
		return false;
	if (w->scan)
		return populated * DENSE_DIV <= pages;
	return populated * SPARSE_DIV < pages;
}

/* Whether walks read pagemap plainly: forced, or no PAGEMAP_SCAN. */
static bool plain_walks(struct pagemap *pm)
{
	struct vms_pm_scan_arg a = { .size = sizeof(a) };

	if (forced_mode == PAGEMAP_PLAIN)
		return true;
	/* An empty scan tells whether the kernel has the ioctl. */
	if (!pm->scan && ioctl(pm->fd, VMS_PAGEMAP_SCAN, &a) < 0 &&
	    scan_unsupported(errno))
		pm->scan = -1;
	return pm->scan < 0;
}

/*
 * Without PAGEMAP_SCAN a long range is read entry by entry, holes too:
 * one that smaps shows empty is left out unread (emptyvma.h).
 */
static bool skip_empty(struct pagemap *pm, uint64_t start, uint64_t end)
{
	if ((end - start) / pm->page_size < SKIP_EMPTY_MIN || !plain_walks(pm))
		return false;
	if (!pm->empty_read) {
		pm->empty = empty_vmas_read(pm->proc, pm->pid);
		pm->empty_read = true;
	}
	return empty_vmas_cover(pm->empty, start, end);
}

int pagemap_walk(struct pagemap *pm, uint64_t start, uint64_t end,
		 pagemap_fn fn, void *arg)
{
	return pagemap_walk_huge(pm, start, end, fn, NULL, arg);
}

int pagemap_walk_huge(struct pagemap *pm, uint64_t start, uint64_t end,
		      pagemap_fn fn, pagemap_huge_fn huge, void *arg)
{
	struct walk w = { pm, start, end, fn, huge, arg, false, WALK_BATCH };
	bool adapt = forced_mode == PAGEMAP_AUTO && pm->scan >= 0 &&
		     (end - start) / pm->page_size >= SCAN_MIN;

	if (skip_empty(pm, start, end))
		return 0;
	ensure_buf(pm);
	/*
	 * A long range is probed with one scan of a batch's budget, not
	 * read: on a reservation with no page tables at all the scan costs
	 * nothing, where a plain batch costs 4096 entries; on dense memory
	 * it finds one region, read as a plain batch would have been.
	 */
	w.scan = adapt;
	if (forced_mode == PAGEMAP_SCAN_ONLY)
		w.scan = pm->scan >= 0;
	while (w.addr < w.end) {
		size_t populated = 0, pages = 0;
		int rc = w.scan ? scan_step(&w, &populated, &pages)
				: plain_step(&w, &populated, &pages);

		if (rc)
			return rc;
		if (adapt && pages)
			w.scan = want_scan(&w, populated, pages);
		if (!w.scan)
			w.budget = WALK_BATCH;
		else if (pages && w.budget < SCAN_BUDGET_MAX)
			w.budget *= 2;
	}
	return 0;
}
