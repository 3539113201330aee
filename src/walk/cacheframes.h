/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEFRAMES_H
#define VMS_CACHEFRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/kpage.h"
#include "read/node.h"
#include "read/pagemap.h"

/* Frame counters (pages) of a file's cached pages, in total or per memcg. */
struct cache_fcounts {
	uint64_t cached, dirty, writeback, active, referenced, mapped;
	uint64_t unevictable;
};

struct cache_fcg {
	uint64_t ino;			/* memcg inode (kpagecgroup) */
	struct cache_fcounts c;
};

struct cache_frames {
	struct cache_fcounts c;		/* all the frames of the file */
	struct cache_fcg *cg;		/* per memcg, most pages first */
	size_t ncg;
	uint64_t nodes;			/* bit n: a page on node n (< 64) */
	bool visible;			/* PFNs were seen: the rest is valid */
};

/* What one worker needs: its own pagemap of itself, kpage scratch. */
struct cache_fctx {
	struct pagemap pm;		/* /proc/self/pagemap */
	struct kpage kp;		/* borrowed from the command's */
	struct nodemap *nodes;		/* loaded before the workers start */
	uint64_t *ents, *pfns;
	struct kpage_info *info;
	unsigned char *vec;
};

/* fctx for this process; kp is borrowed. 0, or -errno. */
int cache_fctx_init(struct cache_fctx *x, const struct procfs *self,
		    const struct kpage *kp, struct nodemap *nodes);
void cache_fctx_free(struct cache_fctx *x);

/*
 * The page-types -f method: map the file read-only (MADV_RANDOM: no
 * readahead, and the unmap leaves the pages' referenced state alone),
 * find the resident pages with mincore, touch only those (a minor fault,
 * no I/O), read their PFNs through our own pagemap, then kpageflags,
 * kpagecount and kpagecgroup. Our own mapping is taken out of MAPPED.
 * 0, or -errno; f->cg is malloc'ed.
 */
int cache_frames_read(struct cache_fctx *x, int fd, uint64_t size,
		      struct cache_frames *f);
void cache_frames_free(struct cache_frames *f);
/* Sum b into a (per memcg too). */
void cache_frames_add(struct cache_frames *a, const struct cache_frames *b);

#endif
