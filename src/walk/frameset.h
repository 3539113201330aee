/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMESET_H
#define VMS_FRAMESET_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/kpage.h"

/*
 * The distinct frames a scan met, and their flags and map counts, in
 * about 8 bytes per frame: a bitmap of PFNs (1 bit per frame of the
 * machine), the count of set bits before each 64-bit word (half a bit
 * per frame), and for the n-th set bit (a compact frame id) its map
 * count and packed flags. On a 1 TiB machine (2^28 frames of 4 KiB) the
 * bitmap and ranks take 48 MiB; each distinct frame adds 8 bytes.
 */
struct frame_info {
	uint32_t count;			/* kpagecount, at most UINT32_MAX */
	uint32_t flags;			/* frameset_pack of kpageflags */
};

struct frame_set {
	uint64_t *bits;
	size_t nwords;
	uint32_t *rank;			/* set bits in words [0, i) */
	struct frame_info *info;	/* by frame id */
	size_t n;			/* distinct frames */

	pthread_mutex_t lock;		/* PFNs past the bitmap, from workers */
	uint64_t *far;
	size_t nfar, capfar;
};

/* A set for PFNs below npfn (more are taken, only more slowly). */
void frameset_init(struct frame_set *fs, uint64_t npfn);
/* Mark a frame: thread-safe. */
void frameset_mark(struct frame_set *fs, uint64_t pfn);
/* After the last mark: number the frames, read each one's flags and count
 * from k (in PFN order, in runs). 0 or -errno. */
int frameset_resolve(struct frame_set *fs, struct kpage *k);
/* The frame pfn as read by frameset_resolve; false when it was not marked. */
bool frameset_get(const struct frame_set *fs, uint64_t pfn,
		  struct kpage_info *ki);
void frameset_free(struct frame_set *fs);

/*
 * kpageflags in 32 bits: the exported bits 0-26 as they are, and the
 * kernel-internal bits 32-36 (RESERVED, MLOCKED, OWNER_2, PRIVATE,
 * PRIVATE_2) in 27-31, which the kernel leaves unused. The flags that
 * the counters read all survive; the others read as clear.
 */
static inline uint32_t frameset_pack(uint64_t flags)
{
	return (uint32_t)((flags & 0x7ffffffULL) | ((flags >> 32 & 0x1f) << 27));
}

static inline uint64_t frameset_unpack(uint32_t f)
{
	return (f & 0x7ffffffULL) | ((uint64_t)(f >> 27) << 32);
}

#endif
