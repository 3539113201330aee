/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMECLASS_H
#define VMS_FRAMECLASS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Frame classes: every frame of the machine in exactly one class, by its
 * kpageflags, so that the classes sum to all the frames of
 * /proc/kpageflags. One table of the tests (frame_kinds, frameclass.c)
 * serves two partitions, each with its own precedence over the rows (the
 * first row in that order whose test the frame passes wins):
 *  - export's classes, one per named row (vmascope_frames_bytes{class});
 *  - the picture's coarser classes (flags --picture), enum frame_pic,
 *    whose legend is in show/picture-phys.c: there free blocks, huge
 *    pages and page tables come before reserved, and anonymous THP is
 *    drawn as huge.
 */

/* The picture's classes, in the order of its legend. */
enum frame_pic {
	FPIC_HOLE, FPIC_FREE, FPIC_ANON, FPIC_CACHE, FPIC_SHMEM, FPIC_SLAB,
	FPIC_PGTABLE, FPIC_KERNEL, FPIC_HUGE, FPIC_UNTYPED, FPIC_N
};

/* export's classes: frame_nclasses of them, in the order it writes. */
extern const size_t frame_nclasses;
const char *frame_class_name(size_t c);
/* The class (0 to frame_nclasses - 1) of a frame with these kpageflags. */
size_t frame_class_of(uint64_t flags);

/* The picture's class of a frame with these kpageflags. */
enum frame_pic frame_pic_of(uint64_t flags);

#endif
