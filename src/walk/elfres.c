// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages of a mapped ELF image placed into its segments and sections. A
 * page's place is found by address (with the load bias): inside a
 * PT_LOAD segment its file-backed bytes are placed by file offset into
 * the sections holding them, its zero-filled bytes (past p_filesz: .bss)
 * by address. A page in no segment is placed by its file offset alone.
 */
#include "config.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/elfres.h"

void elfres_init(struct elfres *r, const struct elf_image *img,
		 uint64_t page_size)
{
	memset(r, 0, sizeof(*r));
	r->img = img;
	r->page_size = page_size;
	r->seg = xcalloc(img->nsegs + 1, sizeof(*r->seg));
	r->sect = xcalloc(img->nsects + 1, sizeof(*r->sect));
}

void elfres_free(struct elfres *r)
{
	free(r->seg);
	free(r->sect);
	memset(r, 0, sizeof(*r));
}

static uint64_t rdown(uint64_t x, uint64_t psz)
{
	return x & ~(psz - 1);
}

bool elfres_set_bias(struct elfres *r, const struct vma *const *vmas,
		     size_t n)
{
	const struct elf_seg *s;
	uint64_t off, va;
	size_t i;

	if (!r->img->nsegs)
		return false;
	s = &r->img->segs[0];
	off = rdown(s->offset, r->page_size);
	va = rdown(s->vaddr, r->page_size);
	for (i = 0; i < n; i++) {
		const struct vma *v = vmas[i];

		if (off < v->offset || off - v->offset >= v->end - v->start)
			continue;
		r->bias = v->start + (off - v->offset) - va;
		r->has_bias = true;
		return true;
	}
	return false;
}

bool elfres_addr(const struct elfres *r, uint64_t vaddr, uint64_t *addr)
{
	*addr = vaddr + r->bias;
	return r->has_bias;
}

/* ---- one page's weight, split by bytes ---- */

/* What one page counts, whole. */
struct weight {
	uint64_t rss, uss, cow, swap, pss_fp;
	bool frames;
};

static void add_bytes(struct elf_res *a, const struct weight *w,
		      uint64_t bytes, uint64_t psz)
{
	if (!bytes)
		return;
	a->rss += w->rss ? bytes : 0;
	a->uss += w->uss ? bytes : 0;
	a->cow += w->cow ? bytes : 0;
	a->swap += w->swap ? bytes : 0;
	a->pss_fp += w->pss_fp * bytes / psz;
	a->frames |= w->frames;
}

static uint64_t overlap(uint64_t lo, uint64_t hi, uint64_t s, uint64_t size)
{
	uint64_t a = lo > s ? lo : s;
	uint64_t b = hi < s + size ? hi : s + size;

	return b > a ? b - a : 0;
}

/* .tbss is a template for threads: it takes no room in the image. */
static bool occupies_memory(const struct elf_sect *s)
{
	return s->size && !(s->type == SHT_NOBITS && (s->flags & SHF_TLS));
}

/*
 * Give the bytes [lo, hi) (file offsets, or addresses when nobits) to the
 * sections holding them; the rest to the gaps.
 */
static void place(struct elfres *r, const struct weight *w, uint64_t lo,
		  uint64_t hi, bool nobits)
{
	uint64_t placed = 0, b;
	size_t i;

	if (hi <= lo)
		return;
	for (i = 0; i < r->img->nsects; i++) {
		const struct elf_sect *s = &r->img->sects[i];

		if (!occupies_memory(s) || (s->type == SHT_NOBITS) != nobits)
			continue;
		b = nobits ? overlap(lo, hi, s->addr, s->size) :
			     overlap(lo, hi, s->offset, s->size);
		add_bytes(&r->sect[i], w, b, r->page_size);
		placed += b;
	}
	/* Overlapping sections (a hostile file) must not make gaps wrap. */
	if (placed < hi - lo)
		add_bytes(&r->gaps, w, hi - lo - placed, r->page_size);
}

/* The segment whose pages cover vaddr, or -1. */
static long find_seg(const struct elfres *r, uint64_t vaddr)
{
	uint64_t psz = r->page_size;
	size_t i;

	for (i = 0; i < r->img->nsegs; i++) {
		const struct elf_seg *s = &r->img->segs[i];
		uint64_t lo = rdown(s->vaddr, psz);

		if (vaddr >= lo && vaddr - lo < s->vaddr + s->memsz - lo)
			return (long)i;
	}
	return -1;
}

/* A page of segment s at image address pv: file bytes, zero fill, rest. */
static void place_in_seg(struct elfres *r, const struct weight *w,
			 const struct elf_seg *s, uint64_t pv)
{
	uint64_t psz = r->page_size, pe = pv + psz;
	uint64_t flo = pv > s->vaddr ? pv : s->vaddr;
	uint64_t fhi = pe < s->vaddr + s->filesz ? pe : s->vaddr + s->filesz;
	uint64_t zlo = flo > fhi ? flo : fhi;
	uint64_t zhi = pe < s->vaddr + s->memsz ? pe : s->vaddr + s->memsz;
	uint64_t in = 0;

	if (fhi > flo) {
		place(r, w, s->offset + (flo - s->vaddr),
		      s->offset + (fhi - s->vaddr), false);
		in += fhi - flo;
	}
	if (zhi > zlo) {
		place(r, w, zlo, zhi, true);
		in += zhi - zlo;
	}
	add_bytes(&r->gaps, w, psz - in, psz);
}

static void weigh(struct weight *w, const struct page_rec *rec,
		  bool file_vma, uint64_t psz)
{
	struct vma_pages p = { 0 };
	bool anon;

	pagewalk_account(&p, rec->pm, rec->has_kpage ? &rec->ki : NULL, psz);
	w->rss = p.rss;
	w->uss = p.uss;
	w->swap = p.swap;
	w->pss_fp = p.pss_fp;
	w->frames = rec->has_kpage;
	/* A private file page that is anonymous was written: a COW copy. */
	anon = rec->has_kpage ? (rec->ki.flags & KPF(ANON)) :
				!(rec->pm & PM_FILE);
	w->cow = file_vma && p.rss && anon ? psz : 0;
}

void elfres_add(struct elfres *r, const struct page_rec *rec, bool file_vma)
{
	uint64_t psz = r->page_size;
	uint64_t off = rec->v->offset + (rec->addr - rec->v->start);
	struct weight w;
	long si = -1;

	weigh(&w, rec, file_vma, psz);
	if (!w.rss && !w.swap)
		return;
	add_bytes(&r->total, &w, psz, psz);
	if (r->has_bias)
		si = find_seg(r, rec->addr - r->bias);
	/* A file page must hold what the segment says it holds. */
	if (si >= 0 && file_vma) {
		const struct elf_seg *s = &r->img->segs[si];
		uint64_t pv = rec->addr - r->bias;

		if (rdown(s->offset, psz) + (pv - rdown(s->vaddr, psz)) != off)
			si = -1;
	}
	if (si >= 0) {
		add_bytes(&r->seg[si], &w, psz, psz);
		place_in_seg(r, &w, &r->img->segs[si], rec->addr - r->bias);
	} else if (file_vma) {
		place(r, &w, off, off + psz, false);
	} else {
		add_bytes(&r->gaps, &w, psz, psz);
	}
}
