// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * flags --picture: the physical address space from PFN 0 to the end of
 * /proc/kpageflags as a grid. kpageflags is read once, in chunks on all
 * cores (as flags' sums read it); every frame gets one class from its
 * flags, counted per unit of frames (a 2 MiB block, or smaller on a
 * small memory); cells are runs of units, drawn in the class of most of
 * their frames. The 2 MiB blocks are summed from the same units.
 */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/caps.h"
#include "read/kpage.h"
#include "read/node.h"
#include "read/procfs.h"
#include "walk/frameclass.h"
#include "show/picture-font.h"
#include "show/picture.h"

static const struct pic_class phys_classes[FPIC_N] = {
	[FPIC_HOLE] = { "hole or offline", ' ', -1, 0xffffff },
	[FPIC_FREE] = { "free (buddy)", 'F', 2, 0xb8ddb0 },
	[FPIC_ANON] = { "anonymous", 'A', 1, 0xe15759 },
	[FPIC_CACHE] = { "page cache", 'C', 4, 0x4e79a7 },
	[FPIC_SHMEM] = { "shmem, tmpfs", 'M', 6, 0x76b7b2 },
	[FPIC_SLAB] = { "slab", 'S', 5, 0xb07aa1 },
	[FPIC_PGTABLE] = { "page tables", 'P', 3, 0xedc948 },
	[FPIC_KERNEL] = { "kernel, reserved", 'K', 0, 0x3b3b3b },
	[FPIC_HUGE] = { "huge pages (hugetlb, anonymous THP)", 'H', 9,
			0xf28e2b },
	[FPIC_UNTYPED] = { "untyped (no flags)", 'U', 7, 0xbab0ac },
};

/* Frames per read, as flags reads them; a multiple of every unit. */
#define PCHUNK 65536

/* The frame walk: counts per unit, from chunks on all cores. */
struct pwalk {
	struct kpage *kp;
	uint64_t end;			/* frames */
	uint64_t unit;			/* frames per unit: a power of two */
	size_t nunits;
	uint16_t *ucnt;			/* nunits * FPIC_N */
	const struct pfn_range *ram;	/* System RAM, sorted; NULL: unknown */
	size_t nram;
	uint64_t **buf;			/* per worker */
	int err;			/* first -errno */
};

/* Frames of [pfn, pfn + n) outside System RAM become holes. */
static void mark_holes(const struct pwalk *w, uint64_t pfn, size_t n,
		       uint8_t *cls)
{
	uint64_t at = pfn, stop = pfn + n;
	size_t i;

	if (!w->ram)
		return;
	for (i = 0; i < w->nram && at < stop; i++) {
		const struct pfn_range *r = &w->ram[i];

		if (r->end <= at)
			continue;
		while (at < stop && at < r->start)
			cls[at++ - pfn] = FPIC_HOLE;
		if (r->end > at)
			at = r->end;
	}
	while (at < stop)
		cls[at++ - pfn] = FPIC_HOLE;
}

/* Count the classes of [pfn, pfn + n) into their units. */
static void count_units(struct pwalk *w, uint64_t pfn, size_t n,
			const uint8_t *cls)
{
	size_t i;

	for (i = 0; i < n; i++)
		w->ucnt[(size_t)((pfn + i) / w->unit) * FPIC_N + cls[i]]++;
}

static void walk_chunk(void *arg, size_t idx, unsigned int worker)
{
	struct pwalk *w = arg;
	uint64_t pfn = (uint64_t)idx * PCHUNK, *buf = w->buf[worker];
	uint8_t cls[PCHUNK];
	uint64_t last = ~0ULL;
	int c = FPIC_HOLE;
	ssize_t n, i;

	n = kpage_read_file(w->kp, KPAGE_FLAGS, pfn, PCHUNK, buf);
	if (n < 0) {
		__atomic_store_n(&w->err, (int)n, __ATOMIC_RELAXED);
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] != last) {
			last = buf[i];
			c = frame_pic_of(last);
		}
		cls[i] = (uint8_t)c;
	}
	mark_holes(w, pfn, (size_t)n, cls);
	count_units(w, pfn, (size_t)n, cls);
}

static int walk_frames(struct pwalk *w)
{
	unsigned int nw = parallel_workers(), i;

	w->nunits = (size_t)((w->end + w->unit - 1) / w->unit);
	w->ucnt = xcalloc(w->nunits * FPIC_N + 1, sizeof(*w->ucnt));
	w->buf = xcalloc(nw, sizeof(*w->buf));
	for (i = 0; i < nw; i++)
		w->buf[i] = xmalloc(PCHUNK * sizeof(**w->buf));
	parallel_for((size_t)((w->end + PCHUNK - 1) / PCHUNK), walk_chunk, w);
	for (i = 0; i < nw; i++)
		free(w->buf[i]);
	free(w->buf);
	return w->err;
}

/*
 * What the 2 MiB blocks hold, summed from their units. Unmovable: slab,
 * page tables, kernel or reserved: frames compaction cannot move.
 * Untyped frames may be kernel allocations (unmovable) or memory not yet
 * set up (free): counted apart.
 */
struct blocks {
	uint64_t total, free, unmovable, untyped;
};

static void count_blocks(const struct pwalk *w, uint64_t bframes,
			 struct blocks *b)
{
	uint64_t per = bframes / w->unit, nb = w->end / bframes, i, j;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < nb; i++) {
		uint64_t c[FPIC_N] = { 0 };
		size_t k;

		for (j = 0; j < per; j++)
			for (k = 0; k < FPIC_N; k++)
				c[k] += w->ucnt[(i * per + j) * FPIC_N + k];
		b->total++;
		if (c[FPIC_FREE] == bframes)
			b->free++;
		else if (c[FPIC_SLAB] || c[FPIC_PGTABLE] || c[FPIC_KERNEL])
			b->unmovable++;
		else if (c[FPIC_UNTYPED])
			b->untyped++;
	}
}

/* The cells: cols per row, cf frames each (a multiple of the unit). */
static void build_cells(struct picture *p, const struct pwalk *w,
			size_t cols, uint64_t cf, uint64_t psz)
{
	uint64_t per = cf / w->unit, row_frames = cols * cf, pfn;
	size_t k;

	for (pfn = 0; pfn < w->end; pfn += row_frames) {
		uint64_t left = w->end - pfn;
		size_t n = (size_t)(left >= row_frames ? cols :
				    (left + cf - 1) / cf), c;
		struct pic_row *r = pic_add_row(p, pfn * psz, n);

		for (c = 0; c < n; c++) {
			uint64_t cnt[FPIC_N] = { 0 }, u0 = (pfn + c * cf) /
							  w->unit, j;

			for (j = 0; j < per && u0 + j < w->nunits; j++)
				for (k = 0; k < FPIC_N; k++)
					cnt[k] += w->ucnt[(u0 + j) * FPIC_N + k];
			r->cell[c] = pic_majority(cnt, FPIC_N, 0, 0);
		}
	}
	for (k = 0; k < (size_t)w->nunits * FPIC_N; k++)
		p->count[k % FPIC_N] += w->ucnt[k];
}

/* Where zones (and with them nodes) begin: a mark at their first cell. */
static void build_marks(struct picture *p, const struct nodemap *nm,
			uint64_t end, size_t cols, uint64_t cf)
{
	uint64_t psz = p->unit_bytes;
	char label[96];
	size_t i;

	for (i = 0; i < nm->nzones; i++) {
		const struct pfn_range *z = &nm->zones[i];
		char *zone;

		/* Empty, or past the frames kpageflags has: no border. */
		if (z->end <= z->start || z->start >= end)
			continue;
		zone = pic_escape(z->zone ? z->zone : "?",
				  strlen(z->zone ? z->zone : "?"));
		snprintf(label, sizeof(label), "node %d, zone %s, from %#" PRIx64,
			 z->node, zone, z->start * psz);
		free(zone);
		pic_add_mark(p, (size_t)(z->start / cf / cols),
			     (size_t)(z->start / cf % cols), label);
	}
}

static unsigned int hex_digits(uint64_t v)
{
	unsigned int d = 1;

	while (d < 16 && (v >> (4 * d)))
		d++;
	return d;
}

/* The grid: a power of two cells per row, at most max_rows rows. */
static void grid_shape(const struct pic_opts *po, const struct pwalk *w,
		       unsigned int digits, size_t *cols, uint64_t *cf)
{
	size_t max_rows = 128;
	long avail;

	*cols = 128;
	if (po->term != PIC_TERM_NONE) {
		avail = (long)pic_term_columns() - (long)digits - 2;
		for (*cols = 8; (long)*cols * 2 <= avail && *cols < 256;)
			*cols *= 2;
		max_rows = 32;
	}
	*cf = w->unit;
	while ((w->end + *cf - 1) / *cf > *cols * max_rows)
		*cf *= 2;
}

static void build_notes(struct picture *p, const struct pwalk *w,
			const struct nodemap *nm, size_t cols, uint64_t cf)
{
	uint64_t psz = p->unit_bytes, bf = (2ULL << 20) / psz;
	struct blocks b;
	char cell[16], row[16];

	pic_add_note(p, "one cell: %s (%" PRIu64 " frames), one row: %s; a "
		     "cell shows the class of most of its frames",
		     size_to_human(cf * psz, cell, sizeof(cell)), cf,
		     size_to_human(cols * cf * psz, row, sizeof(row)));
	if (!bf || bf % w->unit)
		return;
	count_blocks(w, bf, &b);
	pic_add_note(p, "2 MiB blocks: %" PRIu64 " of %" PRIu64 " wholly "
		     "free; %" PRIu64 " hold unmovable frames (slab, page "
		     "tables, kernel or reserved); %" PRIu64 " more hold "
		     "untyped frames", b.free, b.total, b.unmovable,
		     b.untyped);
	if (!nm->ram_known)
		pic_add_note(p, "System RAM not known (/proc/iomem shows no "
			     "addresses): only nopage and offline frames are "
			     "holes");
}

static void build_phys(const struct pic_opts *po, struct picture *p,
		       const struct pwalk *w, const struct nodemap *nm)
{
	unsigned int digits = hex_digits(w->end * p->unit_bytes);
	size_t cols;
	uint64_t cf;

	grid_shape(po, w, digits, &cols, &cf);
	p->unit = "frames";
	p->axis = "physical address";
	p->addr_digits = digits;
	p->cell_bytes = cf * p->unit_bytes;
	build_cells(p, w, cols, cf, p->unit_bytes);
	build_marks(p, nm, w->end, cols, cf);
	build_notes(p, w, nm, cols, cf);
	pic_set_title(p, "vmascope flags: physical memory, PFN 0 to %#" PRIx64,
		      w->end);
}

/* Frames per unit: a 2 MiB block, or less where that leaves few units. */
static uint64_t unit_frames(uint64_t end, uint64_t psz)
{
	uint64_t bf = (2ULL << 20) / psz, u = 1;

	if (!bf)
		bf = 1;
	while (u < bf && end / u > 4096)
		u *= 2;
	return u;
}

int pic_flags(const struct pic_opts *po, const struct vms_opts *o)
{
	struct procfs proc = { .dirfd = -1 };
	struct kpage kp = { .fd = { -1, -1, -1 } };
	struct nodemap nm;
	struct pwalk w = { .kp = &kp };
	struct picture p;
	uint64_t psz = (uint64_t)sysconf(_SC_PAGESIZE), unused;
	char *sysroot;
	ssize_t end;
	int status = VMS_EXIT_FAILURE, rc;

	if (vms_open_proc(o, &proc))
		return VMS_EXIT_FAILURE;
	if (procfs_is_live(&proc))
		caps_setup(NEED_DAC_READ | NEED_SYS_ADMIN, "the frames of "
			   "/proc/kpageflags, System RAM in /proc/iomem");
	/* Started after caps_setup: the thread has what the walk has. */
	if (po->png || po->svg)
		pic_fonts_start(po->png != NULL);
	kpage_open(&kp, &proc, KPAGE_FLAGS);
	sysroot = sysfs_root_for(o->proc_root);
	nodemap_init(&nm, &proc, sysroot, (size_t)psz);
	nodemap_node_until(&nm, 0, &unused);
	pic_init(&p, phys_classes, FPIC_N);
	p.verbose = o->verbose;
	p.unit_bytes = psz;
	end = (kp.avail & KPAGE_FLAGS) ? kpage_file_end(&kp, KPAGE_FLAGS) :
					 -1;
	if (end > 0) {
		w.end = (uint64_t)end;
		w.unit = unit_frames(w.end, psz);
		w.ram = nm.ram_known && nm.nram ? nm.ram : NULL;
		w.nram = nm.nram;
		rc = walk_frames(&w);
		if (rc)
			warnx("%s/kpageflags: %s", proc.root, strerror(-rc));
		else {
			build_phys(po, &p, &w, &nm);
			status = pic_emit(&p, po) ? VMS_EXIT_FAILURE :
						    VMS_EXIT_OK;
		}
	} else if (kp.avail & KPAGE_FLAGS) {
		warnx("%s/kpageflags: %s", proc.root,
		      end ? strerror((int)-end) : "empty");
	}
	free(w.ucnt);
	pic_fonts_end();
	pic_free(&p);
	nodemap_free(&nm);
	free(sysroot);
	kpage_close(&kp);
	procfs_close(&proc);
	return status;
}
