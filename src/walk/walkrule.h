/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_WALKRULE_H
#define VMS_WALKRULE_H

/*
 * The rules the page walkers (vmawalk.c, pagewalk.c) share: how many
 * pages go to one batch of frame lookups, which VMAs are walked and which
 * entries' frames are looked up.
 */
#include <stdbool.h>
#include <stdint.h>

#include "read/pagemap.h"
#include "read/vma.h"

/*
 * Pages whose frames are looked up together. Physical memory is
 * fragmented: the more PFNs sorted at once, the longer the runs read in
 * one pread. On a 4 GiB process here, 16384 took the kpageflags reads from
 * 150,000 to under 50,000 for about 1 MiB of buffers; larger batches gained
 * nothing measurable.
 */
#define PW_BATCH 16384

/* vsyscall lies above the range pagemap reports: nothing to walk. */
static inline bool walkable(const struct vma *v)
{
	return v->kind != VMA_KIND_VSYSCALL && v->end > v->start;
}

/* Whether entry e's frame is to be looked up. */
static inline bool wants_frame(const struct pagemap *pm, uint64_t e)
{
	return pagewalk_frame(pm, e) != 0;
}

#endif
