/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_GROUPFRAMES_H
#define VMS_GROUPFRAMES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/kpage.h"
#include "read/procfs.h"

/*
 * top --frames: the memory a group of processes holds alone. Every
 * present page of every process is read from pagemap with its group;
 * then each distinct frame once from /proc/kpageflags and kpagecount. A
 * frame is the group's own when all of its mappings are the group's: the
 * group's pages on it are as many as its map count. The zero page and
 * hugetlb pages count no more than in RSS.
 */

/*
 * uss[g] = bytes of the frames that only the processes of group g map,
 * for pids[i] in group group_of[i] (ngroups groups). A process that
 * cannot be read adds nothing. 0; -EPERM when PFNs are hidden, -EIO when
 * the frames cannot be read.
 */
int groupframes_uss(const struct procfs *p, struct kpage *k,
		    const pid_t *pids, const uint32_t *group_of, size_t n,
		    size_t ngroups, uint64_t *uss);

#endif
