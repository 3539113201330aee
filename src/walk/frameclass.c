// SPDX-License-Identifier: GPL-2.0-or-later
/* Frame classes: a partition of the machine's frames by their flags. */
#include "config.h"

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/frameclass.h"

/* In order of precedence; the last two catch what is left. */
const struct frame_class frame_classes[] = {
	{ "nopage", KPF(NOPAGE), "no struct page: a hole in the memory map" },
	{ "offline", KPF(OFFLINE), "logically offline (balloon, hot-unplug)" },
	{ "hwpoison", KPF(HWPOISON), "taken out for a hardware error" },
	{ "reserved", KPF(RESERVED), "reserved: firmware, kernel image" },
	{ "buddy", KPF(BUDDY), "free: the first frame of each free block "
	  "(the other frames of a block have no flags: class none)" },
	{ "slab", KPF(SLAB), "slab allocator" },
	{ "pgtable", KPF(PGTABLE), "page tables" },
	{ "hugetlb", KPF(HUGE), "hugetlbfs pages, used or not" },
	{ "zero_page", KPF(ZERO_PAGE), "the shared zero page" },
	{ "ksm", KPF(KSM), "merged by KSM" },
	{ "anon", KPF(ANON), "anonymous memory of processes" },
	{ "shmem", KPF(SWAPBACKED), "swap-backed, not anonymous: shmem, "
	  "tmpfs, shared anonymous mappings" },
	{ "file", KPF(LRU) | KPF(MMAP) | KPF(UPTODATE) | KPF(DIRTY) |
	  KPF(WRITEBACK) | KPF(SWAPCACHE), "page cache of files" },
	{ "other", ~0ULL, "other flag sets: kernel allocations with flags" },
	{ "none", 0, "no flag: kernel allocations without flags and the "
	  "frames of free blocks after the first" },
};

const size_t frame_nclasses = ARRAY_SIZE(frame_classes);

size_t frame_class_of(uint64_t flags)
{
	size_t i;

	if (!flags)
		return frame_nclasses - 1;
	for (i = 0; i < frame_nclasses - 1; i++)
		if (flags & frame_classes[i].any)
			return i;
	return frame_nclasses - 1;	/* not reached: "other" takes all */
}
