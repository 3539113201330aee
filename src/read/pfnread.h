/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PFNREAD_H
#define VMS_PFNREAD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/kpage.h"

/*
 * A span of frames read in chunks, one chunk ahead on a thread of its
 * own: the kernel's work for the kpage files (about half the time of a
 * pfn stream) then runs beside the formatting of the chunk before.
 */
struct pfn_chunk {
	uint64_t pfn;			/* first frame */
	size_t n;			/* frames; 0: the span is done */
	ssize_t got;			/* as kpage_read_range: < 0 an error */
	struct kpage_info *info;
};

struct pfn_reader;

/* [start, end] (inclusive) from k, chunk frames at a time. */
struct pfn_reader *pfnread_start(struct kpage *k, uint64_t start,
				 uint64_t end, size_t chunk);
/* The next chunk, valid until the next call; n == 0 after the last. */
const struct pfn_chunk *pfnread_next(struct pfn_reader *r);
/* Stop reading (at any point) and free. */
void pfnread_stop(struct pfn_reader *r);

#endif
