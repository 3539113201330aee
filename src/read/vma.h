/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_VMA_H
#define VMS_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/smaps.h"

/* vm_flags as /proc/PID/maps shows them. */
enum {
	VMA_READ = 1 << 0,
	VMA_WRITE = 1 << 1,
	VMA_EXEC = 1 << 2,
	VMA_SHARED = 1 << 3,
};

/* What stands behind a VMA, derived from its name, perms and VmFlags. */
enum vma_kind {
	VMA_KIND_ANON,
	VMA_KIND_HEAP,
	VMA_KIND_STACK,
	VMA_KIND_FILE,
	VMA_KIND_SHM,		/* SysV shared memory */
	VMA_KIND_SHARED_ANON,	/* MAP_SHARED|MAP_ANONYMOUS: /dev/zero (deleted) */
	VMA_KIND_MEMFD,
	VMA_KIND_HUGETLB,
	VMA_KIND_VDSO,
	VMA_KIND_VVAR,
	VMA_KIND_VSYSCALL,
	VMA_KIND_ANON_NAMED,	/* [anon:NAME] */
	VMA_KIND_ANON_SHMEM,	/* [anon_shmem:NAME] */
	VMA_KIND_SPECIAL,	/* other [pseudo] names: [vectors], [uprobes]... */
	VMA_KIND_ROLLUP,	/* the [rollup] header of smaps_rollup */
	VMA_NKINDS
};

/*
 * Per-VMA memory counters measured from pagemap and kpage*: bytes, except
 * the _fp fields, in bytes << VMA_PSS_SHIFT (fixed point, as the kernel
 * sums PSS, rounded once when shown). LOCKED is PSS-weighted, as smaps'
 * Locked is.
 */
#define VMA_PSS_SHIFT 12
struct vma_pages {
	uint64_t rss, uss, swap, anon, file, thp, hugetlb, dirty;
	uint64_t ksm, zero, referenced, active;
	uint64_t pss_fp, locked_fp;
	uint64_t pss_anon_fp, pss_shmem_fp;	/* PSS of anon, of shmem */
	bool frames;		/* frame-based counters are valid (PFNs seen) */
};

struct vma {
	uint64_t start, end;		/* [start, end) */
	uint64_t offset;		/* vm_pgoff << PAGE_SHIFT */
	uint64_t inode;
	uint32_t major, minor;
	unsigned int perms;		/* VMA_* */
	char *name;			/* bytes as in maps, " (deleted)" cut */
	size_t namelen;
	bool deleted;
	enum vma_kind kind;

	/* The line as it was laid out, for the round trip. */
	uint32_t name_col;		/* column the name started at, 0: none */
	bool trailing_space;		/* anonymous line ended in ' ' */

	struct smaps_data smaps;	/* valid when smaps.present != 0 */
	bool has_pages;			/* pages is valid */
	struct vma_pages pages;
};

struct vma_list {
	struct vma *v;
	size_t n, cap;
};

const char *vma_kind_name(enum vma_kind kind);
enum vma_kind vma_classify(const struct vma *v);
void vma_perms_str(unsigned int perms, char buf[5]);
void vma_clear(struct vma *v);

struct vma *vma_list_add(struct vma_list *l);
void vma_list_sort(struct vma_list *l);
void vma_list_free(struct vma_list *l);
/* The VMA containing addr, or NULL; the list must be sorted. */
struct vma *vma_list_find(const struct vma_list *l, uint64_t addr);

#endif
