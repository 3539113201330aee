/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_HUGEPROOF_H
#define VMS_HUGEPROOF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/pagemap.h"
#include "read/vma.h"

/*
 * Whether reading the process's smaps costs less than reading the
 * pagemap entries of `deferred` pages under huge PMDs, after a walk that
 * read `walked` populated entries of `nvma` VMAs.
 */
bool hugeproof_worth(uint64_t walked, size_t nvma, uint64_t deferred);

/*
 * VMA i of l (its pages counted by a walk, but for deferred[i] pages left
 * unread under huge PMDs): proven[i] is set when PID/smaps proves those
 * pages resident anonymous THP mapped once each. 0, or -errno when the
 * process is gone (-ESRCH, -ENOENT); any other failure proves nothing.
 */
int hugeproof_read(struct pagemap *pm, const struct vma_list *l,
		   const uint64_t *deferred, bool *proven);

#endif
