/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ELFRES_H
#define VMS_ELFRES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/elfimage.h"
#include "read/vma.h"
#include "walk/pagewalk.h"

/*
 * Residency of one mapped ELF image: its resident pages placed into its
 * segments and sections. A page is split by bytes: each section gets the
 * bytes of the page that belong to it, the bytes in no section go to the
 * gaps, so RSS of a section never exceeds its size and sections + gaps
 * sum to the image's RSS exactly. PSS, USS, COW and SWAP are split the
 * same way.
 */
struct elf_res {
	uint64_t rss, uss, cow, swap;
	uint64_t pss_fp;		/* fixed point, VMA_PSS_SHIFT */
	bool frames;			/* PSS and USS are real */
};

struct elfres {
	const struct elf_image *img;
	uint64_t page_size;
	uint64_t bias;			/* load address - p_vaddr */
	bool has_bias;
	struct elf_res total, gaps;
	struct elf_res *seg;		/* one per img->segs */
	struct elf_res *sect;		/* one per img->sects */
};

void elfres_init(struct elfres *r, const struct elf_image *img,
		 uint64_t page_size);
void elfres_free(struct elfres *r);

/*
 * The load bias from the VMA that maps the first PT_LOAD segment's first
 * page (one of the image's file VMAs, vmas[0..n)). False if none does.
 */
bool elfres_set_bias(struct elfres *r, const struct vma *const *vmas,
		     size_t n);

/*
 * Account one page of the walk. file_vma: rec->v maps the image's file;
 * otherwise it is the anonymous tail of a data segment (.bss), placed by
 * address.
 */
void elfres_add(struct elfres *r, const struct page_rec *rec, bool file_vma);

/* The address of the section or segment start in the process, if known. */
bool elfres_addr(const struct elfres *r, uint64_t vaddr, uint64_t *addr);

#endif
