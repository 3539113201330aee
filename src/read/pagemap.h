/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PAGEMAP_H
#define VMS_PAGEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/procfs.h"

/* Bits of a /proc/PID/pagemap entry (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define PM_SOFT_DIRTY	(1ULL << 55)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_UFFD_WP	(1ULL << 57)
#define PM_GUARD	(1ULL << 58)
#define PM_FILE		(1ULL << 61)
#define PM_SWAPPED	(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)

static inline uint64_t pm_pfn(uint64_t e)
{
	return e & PM_PFN_MASK;
}

static inline unsigned int pm_swap_type(uint64_t e)
{
	return (unsigned int)(e & 0x1f);
}

static inline uint64_t pm_swap_offset(uint64_t e)
{
	return (e & PM_PFN_MASK) >> 5;
}

/* Whether a page has anything behind it: present or swapped. */
static inline bool pm_populated(uint64_t e)
{
	return e & (PM_PRESENT | PM_SWAPPED);
}

struct empty_vmas;

/* The pagemap of one process, opened read-only. */
struct pagemap {
	int fd;
	pid_t pid;
	const struct procfs *proc;	/* where it was opened */
	size_t page_size;
	int scan;		/* PAGEMAP_SCAN: 1 works, 0 untried, -1 absent */
	/*
	 * PFNs are real: the opener had CAP_SYS_ADMIN (live /proc), and no
	 * present entry read so far had PFN 0 (how the kernel hides them).
	 */
	bool pfn_visible;
	uint64_t *buf;		/* batch buffer of the walk */
	size_t bufn;
	uint64_t ra_start, ra_end;	/* buf holds [ra_start, ra_end) read ahead */
	void *regions;		/* PAGEMAP_SCAN output of the walk */
	struct empty_vmas *empty;	/* plain walks: emptyvma.h */
	bool empty_read;
};

/* 0, or -errno (ENOENT/ESRCH: gone; EACCES/EPERM: denied). */
int pagemap_open(struct pagemap *pm, const struct procfs *p, pid_t pid);
void pagemap_close(struct pagemap *pm);

/*
 * Entries of the pages [start, end) (page aligned) into out, one per page,
 * in batched preads. 0, or -errno; -ESRCH when the process went away.
 */
int pagemap_read(struct pagemap *pm, uint64_t start, uint64_t end,
		 uint64_t *out);

/*
 * Walk [start, end): fn gets the entries of every populated stretch, in
 * batches (addr of the first page, entries, count); stretches with nothing
 * present or swapped may be left out. Sparse ranges are skipped with
 * PAGEMAP_SCAN where the kernel has it; both ways give the same calls for
 * populated pages. fn returns 0 to go on, or a value that ends the walk
 * and is returned.
 */
typedef int (*pagemap_fn)(void *arg, uint64_t addr, const uint64_t *ents,
			  size_t n);
int pagemap_walk(struct pagemap *pm, uint64_t start, uint64_t end,
		 pagemap_fn fn, void *arg);

/*
 * pagemap_walk, but ranges the kernel maps with huge page table entries
 * (PAGEMAP_SCAN's PAGE_IS_HUGE: PMD-mapped THP, hugetlb), present and not
 * the huge zero page, go to huge(arg, start, end) instead, unread, where
 * the walk uses PAGEMAP_SCAN; elsewhere they come through fn like any
 * other page. Calls come in address order.
 */
typedef int (*pagemap_huge_fn)(void *arg, uint64_t start, uint64_t end);
int pagemap_walk_huge(struct pagemap *pm, uint64_t start, uint64_t end,
		      pagemap_fn fn, pagemap_huge_fn huge, void *arg);

/*
 * Force the plain or the PAGEMAP_SCAN path (tests and benchmarks); the
 * CLI takes it from VMASCOPE_PAGEMAP=auto|plain|scan. SCAN_ONLY still
 * falls back to plain reads where the kernel lacks PAGEMAP_SCAN.
 */
enum pagemap_mode { PAGEMAP_AUTO, PAGEMAP_PLAIN, PAGEMAP_SCAN_ONLY };
void pagemap_set_mode(enum pagemap_mode mode);
/* "auto", "plain" or "scan"; -1 for anything else. */
int pagemap_mode_parse(const char *s, enum pagemap_mode *mode);

#endif
