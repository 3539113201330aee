/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMESUM_H
#define VMS_FRAMESUM_H

#include <stdint.h>

#include "lib/keytab.h"
#include "lib/runopts.h"
#include "read/procfs.h"

/*
 * Every frame of the machine, summed per flag set and NUMA node in one
 * pass over /proc/kpageflags (the engine of `flags`). A key holds both:
 * the flags in the low 48 bits (the kernel exports bits 0-42), the node
 * plus one above them (0: the frame is in no known node).
 */
#define FRAMES_NODE_SHIFT 48
#define FRAMES_FLAGS_MASK ((1ULL << FRAMES_NODE_SHIFT) - 1)

static inline uint64_t frames_key(uint64_t flags, int node)
{
	return (flags & FRAMES_FLAGS_MASK) |
	       ((uint64_t)(node + 1) << FRAMES_NODE_SHIFT);
}

static inline uint64_t frames_key_flags(uint64_t key)
{
	return key & FRAMES_FLAGS_MASK;
}

/* The node of a key; -1 when unknown. */
static inline int frames_key_node(uint64_t key)
{
	return (int)(key >> FRAMES_NODE_SHIFT) - 1;
}

/*
 * Sum the frames of proc (live or --proc-root) into tab, *frames the
 * number read. 0, or -1 once said on stderr (the file and why).
 */
int frames_sum(const struct vms_opts *opts, struct procfs *proc,
	       struct keytab *tab, uint64_t *frames);

#endif
