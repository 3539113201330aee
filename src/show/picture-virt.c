// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * maps PID --picture: one strip per VMA, scaled to fit. Each cell covers
 * an equal share of its VMA and shows what backs most of its populated
 * pages: resident (exclusive or shared, as pagemap's exclusive bit says,
 * the same map count 1 as USS), THP, swapped, the zero page; not present
 * when nothing is. The walk is src/read/pagemap.c's: PAGEMAP_SCAN skips the
 * holes of sparse VMAs, huge PMDs of private anonymous VMAs are taken
 * whole, and the frames of the other present pages are looked up in
 * kpageflags in sorted batches (THP and the zero page are only there).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/kpage.h"
#include "read/kpf.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "show/picture-font.h"
#include "show/picture.h"

enum { VC_NONE, VC_EXCL, VC_SHARED, VC_THP, VC_SWAP, VC_ZERO, VC_N };

static const struct pic_class virt_classes[VC_N] = {
	[VC_NONE] = { "not present", '.', -1, 0xeeeeee },
	[VC_EXCL] = { "resident, exclusive (map count 1)", 'E', 4, 0x4e79a7 },
	[VC_SHARED] = { "resident, shared", 'S', 2, 0x59a14f },
	[VC_THP] = { "THP or hugetlb", 'T', 5, 0xf28e2b },
	[VC_SWAP] = { "swapped", 'W', 1, 0xe15759 },
	[VC_ZERO] = { "zero page", 'Z', 6, 0x9c755f },
};

/* Frames looked up together, sorted (kpage_lookup_files). */
#define VBATCH 4096

/* The cells of one VMA: per_cell pages each, counts per class. */
struct strip {
	uint64_t start, pages, per_cell;
	size_t ncells;
	uint64_t *cnt;			/* ncells * VC_N */
};

struct vwalk {
	struct pagemap *pm;
	struct kpage *k;		/* NULL: classes from pagemap alone */
	struct strip *s;		/* the VMA being walked */
	bool anon;			/* ... is private anonymous */
	uint64_t psz;
	size_t n;			/* pending frames */
	uint64_t addr[VBATCH], ent[VBATCH], pfn[VBATCH];
	struct strip *st[VBATCH];
	struct kpage_info ki[VBATCH];
};

/* n pages of class c from addr (they may span cells). */
static void strip_add(struct strip *s, uint64_t psz, uint64_t addr, int c,
		      uint64_t n)
{
	uint64_t page = (addr - s->start) / psz;

	while (n) {
		size_t cell = (size_t)(page / s->per_cell);
		uint64_t room = (cell + 1) * s->per_cell - page;
		uint64_t take = n < room ? n : room;

		if (cell >= s->ncells)
			return;
		s->cnt[cell * VC_N + (size_t)c] += take;
		page += take;
		n -= take;
	}
}

/*
 * The class of one populated entry, with its frame's flags when known.
 * As maps counts: guard markers are not pages, a page whose frame lost
 * its mapping (KPF_MMAP) was unmapped meanwhile.
 */
static int classify(uint64_t e, const struct kpage_info *ki)
{
	uint64_t f;

	if (e & PM_GUARD)
		return VC_NONE;
	if (!(e & PM_PRESENT))
		return e & PM_SWAPPED ? VC_SWAP : VC_NONE;
	if (ki) {
		f = ki->flags;
		if (f & KPF(ZERO_PAGE))
			return VC_ZERO;
		if (f & KPF(HUGE))
			return VC_THP;
		if (!(f & KPF(MMAP)))
			return VC_NONE;
		if ((f & KPF(THP)) && (f & KPF(ANON)))
			return VC_THP;
	}
	return e & PM_EXCLUSIVE ? VC_EXCL : VC_SHARED;
}

static int vflush(struct vwalk *w)
{
	size_t i;
	int rc;

	if (!w->n)
		return 0;
	memset(w->ki, 0, w->n * sizeof(*w->ki));
	rc = kpage_lookup_files(w->k, KPAGE_FLAGS, w->pfn, w->n, w->ki);
	for (i = 0; !rc && i < w->n; i++)
		strip_add(w->st[i], w->psz, w->addr[i],
			  classify(w->ent[i], &w->ki[i]), 1);
	w->n = 0;
	return rc;
}

/*
 * Whether entry i's frame need not be read: an exclusive page of a
 * private anonymous VMA is not the zero page (never exclusive) nor
 * hugetlb (another kind of VMA); it can only be THP, a large folio, and
 * the pages of a large folio mapped here sit at consecutive frames. A
 * page whose neighbours in the mapping are not its neighbour frames is
 * exclusive: no read. On a sparse or freshly faulted process most frames
 * are such, and each would cost a read of its own (they are scattered);
 * a lone page of a large folio whose other pages are unmapped here is
 * the one case drawn as exclusive rather than THP.
 */
static bool lone_exclusive(const struct vwalk *w, const uint64_t *ents,
			   size_t n, size_t i)
{
	uint64_t pfn = pm_pfn(ents[i]);

	if (!w->anon || !(ents[i] & PM_EXCLUSIVE))
		return false;
	if (i && (ents[i - 1] & PM_PRESENT) && pm_pfn(ents[i - 1]) + 1 == pfn)
		return false;
	return !(i + 1 < n && (ents[i + 1] & PM_PRESENT) &&
		 pm_pfn(ents[i + 1]) == pfn + 1);
}

static int vpages(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct vwalk *w = arg;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		uint64_t e = ents[i], a = addr + i * w->psz;

		if (!pm_populated(e))
			continue;
		if (!w->k || !w->pm->pfn_visible || !(e & PM_PRESENT) ||
		    !pm_pfn(e) || lone_exclusive(w, ents, n, i)) {
			strip_add(w->s, w->psz, a, classify(e, NULL), 1);
			continue;
		}
		w->addr[w->n] = a;
		w->ent[w->n] = e;
		w->pfn[w->n] = pm_pfn(e);
		w->st[w->n++] = w->s;
		if (w->n == VBATCH && (rc = vflush(w)))
			return rc;
	}
	return 0;
}

/* Huge PMDs of a private anonymous VMA: THP, without reading them. */
static int vhuge(void *arg, uint64_t start, uint64_t end)
{
	struct vwalk *w = arg;

	strip_add(w->s, w->psz, start, VC_THP, (end - start) / w->psz);
	return 0;
}

static bool private_anon(const struct vma *v)
{
	return !(v->perms & VMA_SHARED) &&
	       (v->kind == VMA_KIND_ANON || v->kind == VMA_KIND_HEAP ||
		v->kind == VMA_KIND_STACK || v->kind == VMA_KIND_ANON_NAMED);
}

static void strip_init(struct strip *s, const struct vma *v, uint64_t psz,
		       size_t width)
{
	s->start = v->start;
	s->pages = (v->end - v->start) / psz;
	s->per_cell = (s->pages + width - 1) / width;
	if (!s->per_cell)
		s->per_cell = 1;
	s->ncells = (size_t)((s->pages + s->per_cell - 1) / s->per_cell);
	s->cnt = xcalloc(s->ncells * VC_N + 1, sizeof(*s->cnt));
}

/* Every VMA's strip from the pagemap. 0 or -errno. */
static int walk_strips(struct vwalk *w, const struct vma_list *l,
		       struct strip *s)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < l->n && !rc; i++) {
		const struct vma *v = &l->v[i];

		if (v->kind == VMA_KIND_VSYSCALL || v->end <= v->start)
			continue;
		w->s = &s[i];
		w->anon = private_anon(v);
		rc = pagemap_walk_huge(w->pm, v->start, v->end, vpages,
				       private_anon(v) ? vhuge : NULL, w);
	}
	return rc ? rc : (w->k ? vflush(w) : 0);
}

/* Hex digits of the largest start address: the labels' width. */
static unsigned int addr_digits(const struct vma_list *l)
{
	unsigned int d = 8;
	size_t i;

	for (i = 0; i < l->n; i++)
		while (d < 16 && (l->v[i].start >> (4 * d)))
			d++;
	return d;
}

static void strip_row(struct picture *p, const struct vma *v,
		      const struct strip *s, uint64_t psz)
{
	struct pic_row *r = pic_add_row(p, v->start, s->ncells);
	uint64_t pop = 0;
	char size[16], *name;
	size_t c, k;

	for (c = 0; c < s->ncells; c++) {
		uint64_t *cnt = s->cnt + c * VC_N;
		uint64_t cell = c + 1 < s->ncells ? s->per_cell :
				s->pages - c * s->per_cell;

		r->cell[c] = pic_majority(cnt, VC_N, VC_NONE + 1, cell);
		for (k = VC_NONE + 1; k < VC_N; k++) {
			p->count[k] += cnt[k];
			pop += cnt[k];
		}
	}
	p->count[VC_NONE] += s->pages - pop;
	name = v->namelen ? pic_escape(v->name, v->namelen) :
			    xstrdup(vma_kind_name(v->kind));
	xasprintf(&r->note, "%5s %s", size_to_human(s->pages * psz, size,
						     sizeof(size)), name);
	free(name);
}

static void build_virt(struct picture *p, const struct vma_list *l,
		       struct strip *s, uint64_t psz, size_t width)
{
	size_t i;

	p->unit_bytes = psz;
	p->unit = "pages";
	p->axis = "virtual address (one strip per VMA)";
	p->addr_digits = addr_digits(l);
	for (i = 0; i < l->n; i++)
		strip_row(p, &l->v[i], &s[i], psz);
	pic_add_note(p, "one strip per VMA, %zu cells at most: a cell is an "
		     "equal share of its VMA (one page in smaller ones)",
		     width);
	pic_add_note(p, "lower case, or a lighter shade: under half of the "
		     "cell's pages are populated; the class is that of most "
		     "of them");
}

/* The strips' width: the terminal's, less label and note; else 128. */
static size_t strip_width(const struct pic_opts *po, unsigned int digits)
{
	long w;

	if (po->term == PIC_TERM_NONE)
		return 128;
	w = (long)pic_term_columns() - (long)digits - 1 - 28;
	return w < 16 ? 16 : (size_t)w;
}

/* Walk one process into p. 0, or -errno (said by the caller). */
static int virt_walk(const struct pic_opts *po, struct procfs *proc,
		     pid_t pid, struct picture *p, char **err)
{
	struct vms_proc pr;
	struct kpage k = { .fd = { -1, -1, -1 } };
	struct vwalk *w = NULL;
	struct strip *s = NULL;
	const struct vma_list *l = &pr.vmas;
	size_t i, width = 0, psz;
	int rc = proc_open(&pr, proc, pid, PROC_MAPS | PROC_PAGEMAP);

	if (rc == -ENOENT && pr.failed == PROC_PAGEMAP &&
	    !procfs_is_live(proc)) {
		/* A copied tree without the pagemap: nothing to draw. */
		xasprintf(err, "%s/%d/pagemap: %s", proc->root, (int)pid,
			  strerror(ENOENT));
		rc = -ENODATA;
	} else if (rc && pr.err) {
		*err = pr.err;		/* a damaged file, named */
		pr.err = NULL;
	}
	if (rc)
		goto out;
	psz = pr.pm.page_size;
	if (pr.pm.pfn_visible)
		kpage_open(&k, proc, KPAGE_FLAGS);
	width = strip_width(po, addr_digits(l));
	s = xcalloc(l->n + 1, sizeof(*s));
	for (i = 0; i < l->n; i++)
		strip_init(&s[i], &l->v[i], psz, width);
	w = xcalloc(1, sizeof(*w));
	*w = (struct vwalk){ .pm = &pr.pm, .psz = psz,
			     .k = (k.avail & KPAGE_FLAGS) ? &k : NULL };
	rc = walk_strips(w, l, s);
	if (!rc)
		build_virt(p, l, s, psz, width);
	for (i = 0; i < l->n; i++)
		free(s[i].cnt);
	free(s);
	free(w);
	kpage_close(&k);
out:
	proc_close(&pr);
	return rc;
}

int pic_maps(const struct pic_opts *po, const struct vms_opts *o,
	     const pid_t *pids, size_t npids, bool all, const char *file)
{
	struct procfs proc = { .dirfd = -1 };
	struct skips sk = { &proc, o->verbose, 0 };
	struct picture p;
	char comm[64], *err = NULL, *ecomm;
	int rc, status = VMS_EXIT_OK;

	if (all || file || npids != 1) {
		warnx("a picture is of one process: one PID, without --all "
		      "or --maps-file");
		return VMS_EXIT_USAGE;
	}
	if (vms_open_proc(o, &proc))
		return VMS_EXIT_FAILURE;
	caps_setup(NEED_SYS_PTRACE | NEED_DAC_READ |
		   (procfs_is_live(&proc) ? NEED_SYS_ADMIN : 0),
		   "page flags, so THP and the zero page in the picture");
	/* Started after caps_setup: the thread has what the walk has. */
	if (po->png || po->svg)
		pic_fonts_start(po->png != NULL);
	pic_init(&p, virt_classes, VC_N);
	p.verbose = o->verbose;
	rc = virt_walk(po, &proc, pids[0], &p, &err);
	if (rc && err && rc != -ESRCH && rc != -ENOENT) {
		warnx("%s", err);
		status = VMS_EXIT_FAILURE;
	} else if (rc) {
		skips_pid(&sk, pids[0], -rc, NULL, true);
		status = VMS_EXIT_FAILURE;
	} else {
		procfs_comm(&proc, pids[0], comm, sizeof(comm));
		ecomm = pic_escape(comm, strlen(comm));
		pic_set_title(&p, "vmascope maps %d (%s)", (int)pids[0],
			      ecomm);
		free(ecomm);
		if (pic_emit(&p, po))
			status = VMS_EXIT_FAILURE;
	}
	free(err);
	pic_fonts_end();
	pic_free(&p);
	procfs_close(&proc);
	return status;
}
