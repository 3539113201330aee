// SPDX-License-Identifier: GPL-2.0-or-later
/* The table of smaps fields: one name per key. */
#include "config.h"

#include <string.h>

#include "lib/util.h"
#include "read/smaps.h"

/* Each name with its length: the lookup runs once per smaps line. */
#define KEY(k, name) [k] = { name, sizeof(name) - 1 }
static const struct {
	const char *name;
	size_t len;
} smaps_names[SMAPS_NKEYS] = {
	KEY(SMAPS_SIZE, "Size"),
	KEY(SMAPS_KERNEL_PAGE_SIZE, "KernelPageSize"),
	KEY(SMAPS_MMU_PAGE_SIZE, "MMUPageSize"),
	KEY(SMAPS_RSS, "Rss"),
	KEY(SMAPS_PSS, "Pss"),
	KEY(SMAPS_PSS_DIRTY, "Pss_Dirty"),
	KEY(SMAPS_PSS_ANON, "Pss_Anon"),
	KEY(SMAPS_PSS_FILE, "Pss_File"),
	KEY(SMAPS_PSS_SHMEM, "Pss_Shmem"),
	KEY(SMAPS_SHARED_CLEAN, "Shared_Clean"),
	KEY(SMAPS_SHARED_DIRTY, "Shared_Dirty"),
	KEY(SMAPS_PRIVATE_CLEAN, "Private_Clean"),
	KEY(SMAPS_PRIVATE_DIRTY, "Private_Dirty"),
	KEY(SMAPS_REFERENCED, "Referenced"),
	KEY(SMAPS_ANONYMOUS, "Anonymous"),
	KEY(SMAPS_KSM, "KSM"),
	KEY(SMAPS_LAZYFREE, "LazyFree"),
	KEY(SMAPS_ANON_HUGE, "AnonHugePages"),
	KEY(SMAPS_SHMEM_PMD, "ShmemPmdMapped"),
	KEY(SMAPS_FILE_PMD, "FilePmdMapped"),
	KEY(SMAPS_SHARED_HUGETLB, "Shared_Hugetlb"),
	KEY(SMAPS_PRIVATE_HUGETLB, "Private_Hugetlb"),
	KEY(SMAPS_SWAP, "Swap"),
	KEY(SMAPS_SWAP_PSS, "SwapPss"),
	KEY(SMAPS_LOCKED, "Locked"),
};

const char *smaps_key_name(enum smaps_key k)
{
	return k < SMAPS_NKEYS ? smaps_names[k].name : NULL;
}

int smaps_key_lookup(const char *name, size_t len)
{
	/* smaps lists its fields in one order: the one after the last. */
	static __thread size_t next;
	size_t i, k;

	for (i = 0; i < SMAPS_NKEYS; i++) {
		k = (next + i) % SMAPS_NKEYS;
		if (smaps_names[k].len == len &&
		    !memcmp(smaps_names[k].name, name, len)) {
			next = k + 1;
			return (int)k;
		}
	}
	return -1;
}

bool smaps_has_vmflag(const struct smaps_data *s, const char *code)
{
	const char *p = s->vmflags;

	if (!p)
		return false;
	while (*p) {
		size_t n = strcspn(p, " ");

		if (n == strlen(code) && !memcmp(p, code, n))
			return true;
		p += n;
		p += strspn(p, " ");
	}
	return false;
}
