/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PMSHARE_H
#define VMS_PMSHARE_H

#include <stdint.h>

/*
 * What a pagemap entry tells about how often its page is mapped: the one
 * place that reads PM_MMAP_EXCLUSIVE for accounting (the proof of when it
 * may stand for kpagecount is in pmshare.c). PAGEMAP_SCAN's categories
 * tell nothing about sharing: its PAGE_IS_HUGE only says a range is under
 * a huge page table entry, where the bit proves nothing (see there).
 * Every walker counts through it (pagewalk_frames and the folio path of
 * pagewalk.c: maps, top, elf, pages); resolve, share and pfn --who read
 * every frame's count, and hugeproof.c proves its ranges by smaps' sums.
 */

/*
 * The map count of the page of present entry e, whose frame's kpageflags
 * are f, when e and f alone prove it: 1 (mapped once), 0 (unmapped since
 * pagemap was read: not to be counted). -1 when only kpagecount can tell.
 */
int pmshare_count(uint64_t e, uint64_t f);

#endif
