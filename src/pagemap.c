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
#include <sys/vfs.h>
#include <unistd.h>

#include "caps.h"
#include "pagemap.h"
#include "util.h"

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

/*
 * Regions per PAGEMAP_SCAN call. At most the kernel's own 512-region
 * buffer, and the resume rule below never trusts walk_end anyway.
 */
#define SCAN_VEC 512

/*
 * When the auto mode uses PAGEMAP_SCAN. A plain read costs about 20 ns per
 * page whether it is populated or not; PAGEMAP_SCAN skips empty page
 * tables almost for free but walks populated ones a second time, which
 * makes it slower on dense memory (KERNEL-ABI.md, measured). So:
 *  - ranges under SCAN_MIN pages are read plainly: at most 32 MiB of 4K
 *    pages, ~160 us, not worth a gamble;
 *  - a longer range starts with a scan of WALK_BATCH pages (16 MiB);
 *    plain batches follow while they come back at least 1/SPARSE_DIV
 *    populated, a sparser one switches the rest of the range to
 *    PAGEMAP_SCAN, in windows of SCAN_WINDOW pages;
 *  - a window that was more than 1/DENSE_DIV populated switches back;
 *    a sparse one doubles the next window, up to SCAN_WINDOW_MAX: each
 *    call costs ~10 us even over empty page tables, and a 1 TiB
 *    reservation must not take thousands of them.
 * The decision is made on data already read: it costs nothing, a dense
 * range pays at most one scan window too many, a sparse one one batch.
 */
#define SCAN_MIN	(2 * WALK_BATCH)
#define SCAN_WINDOW	(16 * WALK_BATCH)
#define SCAN_WINDOW_MAX	(256 * SCAN_WINDOW)
#define SPARSE_DIV	16
#define DENSE_DIV	4
/* Regions this close (in pages) are read with one pread, gap included. */
#define SCAN_GAP	32

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

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

/*
 * The kernel shows PFNs when the opener of pagemap had CAP_SYS_ADMIN (in
 * the initial user namespace); on a copied tree there is no opener to ask.
 * Either way pagemap_read() also watches the data: a present entry with
 * PFN 0 means PFNs are hidden (no user page lives at PFN 0).
 */
static bool pfns_expected(int fd)
{
	struct statfs sfs;

	if (fstatfs(fd, &sfs) || sfs.f_type != PROC_SUPER_MAGIC)
		return true;
	return caps_have_sys_admin();
}

int pagemap_open(struct pagemap *pm, const struct procfs *p, pid_t pid)
{
	memset(pm, 0, sizeof(*pm));
	pm->pid = pid;
	pm->page_size = (size_t)sysconf(_SC_PAGESIZE);
	pm->fd = procfs_openat(p, 0, "%d/pagemap", (int)pid);
	if (pm->fd < 0)
		return -errno;
	pm->pfn_visible = pfns_expected(pm->fd);
	return 0;
}

void pagemap_close(struct pagemap *pm)
{
	if (pm->fd >= 0)
		close(pm->fd);
	free(pm->buf);
	free(pm->regions);
	memset(pm, 0, sizeof(*pm));
	pm->fd = -1;
}

static void check_pfns(struct pagemap *pm, const uint64_t *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((e[i] & PM_PRESENT) && !pm_pfn(e[i])) {
			pm->pfn_visible = false;
			return;
		}
}

int pagemap_read(struct pagemap *pm, uint64_t start, uint64_t end,
		 uint64_t *out)
{
	uint64_t first = start / pm->page_size;
	size_t n = (size_t)((end - start) / pm->page_size), done = 0;

	while (done < n) {
		ssize_t r = pread(pm->fd, (char *)out + done * 8,
				  (n - done) * 8, (off_t)((first + done) * 8));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* A process that exited reads as end of file. */
		if (r == 0 || r % 8)
			return -ESRCH;
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
	void *arg;
	bool scan;			/* next step uses PAGEMAP_SCAN */
	uint64_t window;		/* pages of the next scan step */
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

/* One plain batch from w->addr; *populated counts what it held. */
static int plain_step(struct walk *w, size_t *populated, size_t *pages)
{
	uint64_t span = WALK_BATCH * (uint64_t)w->pm->page_size;
	uint64_t stop = w->end - w->addr > span ? w->addr + span : w->end;
	size_t n = (size_t)((stop - w->addr) / w->pm->page_size), i, pop = 0;
	int rc = pagemap_read(w->pm, w->addr, stop, w->pm->buf);

	if (rc)
		return rc;
	for (i = 0; i < n; i++)
		pop += pm_populated(w->pm->buf[i]);
	rc = w->fn(w->arg, w->addr, w->pm->buf, n);
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

/*
 * One PAGEMAP_SCAN window from w->addr: find the present or swapped
 * regions, then pread just those. walk_end is not trusted (6.18 can return
 * it too early once the kernel's region buffer overflowed): a call that
 * returned fewer regions than asked finished its window, a full one goes
 * on from the end of its last region.
 */
static int scan_step(struct walk *w, size_t *populated, size_t *pages)
{
	struct pagemap *pm = w->pm;
	uint64_t win = w->window * pm->page_size, next;
	uint64_t stop = w->end - w->addr > win ? w->addr + win : w->end;
	const uint64_t cats = VMS_PAGE_IS_PRESENT | VMS_PAGE_IS_SWAPPED;
	struct vms_page_region *r;
	struct vms_pm_scan_arg a;
	size_t i, pop = 0;
	long n;

	if (!pm->regions)
		pm->regions = xcalloc(SCAN_VEC, sizeof(*r));
	r = pm->regions;
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.start = w->addr;
	a.end = stop;
	a.vec = (uint64_t)(uintptr_t)r;
	a.vec_len = SCAN_VEC;
	a.category_anyof_mask = cats;
	a.return_mask = cats;
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
	next = (size_t)n < SCAN_VEC ? stop : r[n - 1].end;
	for (i = 0; i < (size_t)n; i++)
		pop += (size_t)((r[i].end - r[i].start) / pm->page_size);
	*populated = pop;
	*pages = (size_t)((next - w->addr) / pm->page_size);
	w->addr = next;
	return emit_regions(w, r, (size_t)n);
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

int pagemap_walk(struct pagemap *pm, uint64_t start, uint64_t end,
		 pagemap_fn fn, void *arg)
{
	struct walk w = { pm, start, end, fn, arg, false, SCAN_WINDOW };
	bool adapt = forced_mode == PAGEMAP_AUTO && pm->scan >= 0 &&
		     (end - start) / pm->page_size >= SCAN_MIN;

	ensure_buf(pm);
	/*
	 * A long range is probed with one scan of a batch's size, not read:
	 * on a reservation with no page tables at all the scan costs
	 * nothing, where a plain batch costs 4096 entries; on dense memory
	 * it finds one region, read as a plain batch would have been.
	 */
	if (adapt) {
		w.scan = true;
		w.window = WALK_BATCH;
	}
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
			w.window = SCAN_WINDOW;
		else if (pages && w.window < SCAN_WINDOW_MAX)
			w.window *= 2;
	}
	return 0;
}
