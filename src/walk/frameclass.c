// SPDX-License-Identifier: GPL-2.0-or-later
/* Frame classes: partitions of the machine's frames by their flags. */
#include "config.h"

#include <stdbool.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/frameclass.h"

enum {
	FK_NOPAGE, FK_OFFLINE, FK_HWPOISON, FK_RESERVED, FK_BUDDY, FK_SLAB,
	FK_PGTABLE, FK_HUGETLB, FK_ZERO_PAGE, FK_KSM, FK_ANON_THP, FK_ANON,
	FK_SHMEM, FK_FILE, FK_UNTYPED, FK_OTHER, FK_NONE
};

struct frame_kind {
	const char *name;	/* export's label value; NULL: picture only */
	/*
	 * The test: the frame has any of these bits (and all of all_of);
	 * with only set: the frame has no bit but these (none at all: 0).
	 */
	uint64_t any, all_of;
	bool only;
	enum frame_pic pic;	/* FPIC_N: not one of the picture's tests */
	const char *help;
};

#define CACHE_BITS (KPF(LRU) | KPF(MMAP) | KPF(UPTODATE) | KPF(DIRTY) | \
		    KPF(WRITEBACK) | KPF(SWAPCACHE))

/*
 * Frames with no flags at all are kernel allocations of no type (vmalloc,
 * stacks, drivers), free frames of a block after its first, or memory
 * whose struct page the kernel has not set up yet (deferred_init):
 * kpageflags cannot tell which. shmem is swap-backed page cache, not
 * anonymous; hugetlb and slab pages are compound.
 */
static const struct frame_kind frame_kinds[] = {
	[FK_NOPAGE] = { "nopage", KPF(NOPAGE), 0, false, FPIC_HOLE,
		"no struct page: a hole in the memory map" },
	[FK_OFFLINE] = { "offline", KPF(OFFLINE), 0, false, FPIC_HOLE,
		"logically offline (balloon, hot-unplug)" },
	[FK_HWPOISON] = { "hwpoison", KPF(HWPOISON), 0, false, FPIC_N,
		"taken out for a hardware error" },
	[FK_RESERVED] = { "reserved", KPF(RESERVED), 0, false, FPIC_KERNEL,
		"reserved: firmware, kernel image" },
	[FK_BUDDY] = { "buddy", KPF(BUDDY), 0, false, FPIC_FREE,
		"free: the first frame of each free block (the other frames "
		"of a block have no flags: class none)" },
	[FK_SLAB] = { "slab", KPF(SLAB), 0, false, FPIC_SLAB,
		"slab allocator" },
	[FK_PGTABLE] = { "pgtable", KPF(PGTABLE), 0, false, FPIC_PGTABLE,
		"page tables" },
	[FK_HUGETLB] = { "hugetlb", KPF(HUGE), 0, false, FPIC_HUGE,
		"hugetlbfs pages, used or not" },
	[FK_ZERO_PAGE] = { "zero_page", KPF(ZERO_PAGE), 0, false, FPIC_N,
		"the shared zero page" },
	[FK_KSM] = { "ksm", KPF(KSM), 0, false, FPIC_N, "merged by KSM" },
	[FK_ANON_THP] = { NULL, KPF(ANON), KPF(THP), false, FPIC_HUGE,
		"anonymous memory in transparent huge pages" },
	[FK_ANON] = { "anon", KPF(ANON), 0, false, FPIC_ANON,
		"anonymous memory of processes" },
	[FK_SHMEM] = { "shmem", KPF(SWAPBACKED), 0, false, FPIC_SHMEM,
		"swap-backed, not anonymous: shmem, tmpfs, shared anonymous "
		"mappings" },
	[FK_FILE] = { "file", CACHE_BITS, 0, false, FPIC_CACHE,
		"page cache of files" },
	[FK_UNTYPED] = { NULL, KPF(IDLE), 0, true, FPIC_UNTYPED,
		"no flag, or only idle: untyped, drawn apart" },
	[FK_OTHER] = { "other", ~0ULL, 0, false, FPIC_KERNEL,
		"other flag sets: kernel allocations with flags" },
	[FK_NONE] = { "none", 0, 0, true, FPIC_N,
		"no flag: kernel allocations without flags and the frames "
		"of free blocks after the first" },
};

/* export's precedence, and the order of its classes. */
static const unsigned char export_order[] = {
	FK_NOPAGE, FK_OFFLINE, FK_HWPOISON, FK_RESERVED, FK_BUDDY, FK_SLAB,
	FK_PGTABLE, FK_HUGETLB, FK_ZERO_PAGE, FK_KSM, FK_ANON, FK_SHMEM,
	FK_FILE, FK_OTHER, FK_NONE,
};

/* The picture's precedence: what it draws a frame as. */
static const unsigned char picture_order[] = {
	FK_NOPAGE, FK_OFFLINE, FK_BUDDY, FK_HUGETLB, FK_SLAB, FK_PGTABLE,
	FK_RESERVED, FK_ANON_THP, FK_ANON, FK_SHMEM, FK_FILE, FK_UNTYPED,
	FK_OTHER,
};

const size_t frame_nclasses = ARRAY_SIZE(export_order);

static bool kind_test(const struct frame_kind *k, uint64_t f)
{
	if (k->only)
		return !(f & ~k->any);
	return (f & k->any) && (f & k->all_of) == k->all_of;
}

/* The position in order of the first row whose test f passes. */
static size_t first_kind(const unsigned char *order, size_t n, uint64_t f)
{
	size_t i;

	for (i = 0; i < n - 1; i++)
		if (kind_test(&frame_kinds[order[i]], f))
			return i;
	return n - 1;	/* each order's last row takes what is left */
}

const char *frame_class_name(size_t c)
{
	return frame_kinds[export_order[c]].name;
}

size_t frame_class_of(uint64_t flags)
{
	return first_kind(export_order, ARRAY_SIZE(export_order), flags);
}

enum frame_pic frame_pic_of(uint64_t flags)
{
	size_t i = first_kind(picture_order, ARRAY_SIZE(picture_order),
			      flags);

	return frame_kinds[picture_order[i]].pic;
}
