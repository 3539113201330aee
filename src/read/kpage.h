/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_KPAGE_H
#define VMS_KPAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/procfs.h"

/* What the kernel knows of one frame (struct page), from /proc/kpage*. */
struct kpage_info {
	uint64_t flags;		/* /proc/kpageflags: KPF_* bits */
	uint64_t count;		/* /proc/kpagecount: map count */
	uint64_t cgroup;	/* /proc/kpagecgroup: memcg inode */
};

enum {
	KPAGE_FLAGS = 1 << 0,
	KPAGE_COUNT = 1 << 1,
	KPAGE_CGROUP = 1 << 2,
};

struct kpage {
	int fd[3];		/* flags, count, cgroup; -1 when unavailable */
	unsigned int avail;	/* KPAGE_* of the files that could be opened */
	uint64_t *idx;		/* scratch for sorting a batch */
	uint64_t *run;		/* scratch for one merged run */
	size_t cap;
	bool borrowed;		/* the files are another kpage's */
};

/*
 * Open the files of want (KPAGE_*) below p. A file that is missing or
 * unreadable turns its columns off: one warning per file, naming it.
 */
void kpage_open(struct kpage *k, const struct procfs *p, unsigned int want);
void kpage_close(struct kpage *k);
/*
 * k reads the files of src with scratch of its own, for a worker thread
 * (pread needs no lock); kpage_close(k) leaves src's files open.
 */
void kpage_borrow(struct kpage *k, const struct kpage *src);

/*
 * Look up n PFNs in any order: they are sorted and read in merged runs,
 * each distinct frame once. info[i] is for pfns[i]; fields of files that
 * are unavailable are 0. 0, or -errno on an I/O error.
 */
int kpage_lookup(struct kpage *k, const uint64_t *pfns, size_t n,
		 struct kpage_info *info);

/*
 * The same for the files in which (KPAGE_*) only: the other fields of
 * info are left as they are.
 */
int kpage_lookup_files(struct kpage *k, unsigned int which,
		       const uint64_t *pfns, size_t n, struct kpage_info *info);

/* The frames [pfn, pfn + n) in one sequential pass; returns how many
 * could be read (fewer at the end of memory), or -errno. */
ssize_t kpage_read_range(struct kpage *k, uint64_t pfn, size_t n,
			 struct kpage_info *info);

/*
 * The raw entries [pfn, pfn + n) of one file (0 flags, 1 count, 2 cgroup):
 * the whole-memory walk reads them without copying. Returns how many were
 * read (fewer at the end of memory; the rest is zeroed), or -errno.
 */
ssize_t kpage_read_file(struct kpage *k, int file, uint64_t pfn, size_t n,
			uint64_t *buf);

/*
 * How many entries one file has (the end of memory it covers), found
 * with a few 8-byte reads; or -errno.
 */
ssize_t kpage_file_end(struct kpage *k, int file);

#endif
