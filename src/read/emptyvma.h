/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_EMPTYVMA_H
#define VMS_EMPTYVMA_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * The VMAs of a process that its smaps shows empty: nothing resident,
 * nothing swapped, no hugetlb pages. Without PAGEMAP_SCAN (kernels before
 * 6.7) a walk would read a pagemap entry for every page of them, 83 s for
 * a 64 TiB reservation; the walk leaves them out instead. smaps does not
 * count the shared zero page in Rss: pages mapped only to it there are
 * left out too (the man page says so).
 */
struct empty_vmas;

/* Read PID/smaps once; NULL when it cannot be read (nothing is skipped). */
struct empty_vmas *empty_vmas_read(const struct procfs *p, pid_t pid);
/* [start, end) lies inside one VMA that smaps showed empty. */
bool empty_vmas_cover(const struct empty_vmas *e, uint64_t start,
		      uint64_t end);
void empty_vmas_free(struct empty_vmas *e);

#endif
