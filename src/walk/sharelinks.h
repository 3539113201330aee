/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SHARELINKS_H
#define VMS_SHARELINKS_H

#include <stdbool.h>
#include <stdint.h>

#include "read/kpage.h"
#include "walk/share.h"

/* (frame id, process) of a mapping of a shared frame: pairs and peers. */
struct share_links {
	uint64_t *v;
	size_t n, cap;
};

/* Frames that count as shared memory between processes. */
bool share_sharable(const struct kpage_info *ki);
/* Frames that make peers (PEERS): anonymous or shmem, not page cache. */
bool share_peer_sharable(const struct kpage_info *ki);
/* Note that process proc maps frame pfn (one of s's frame set). */
void share_link_frame(const struct share *s, struct share_links *l,
		      uint32_t proc, uint64_t pfn);
/*
 * The links of every worker (freed), sorted by frame: the pairs and
 * peers among each frame's processes, those gone left out.
 */
void share_relate_links(struct share *s, struct share_links *links,
			unsigned int nw);

#endif
