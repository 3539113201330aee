// SPDX-License-Identifier: GPL-2.0-or-later
/* The table of smaps fields: one name per key. */
#include "config.h"

#include <string.h>

#include "smaps.h"
#include "util.h"

static const char *const smaps_names[SMAPS_NKEYS] = {
	[SMAPS_SIZE] = "Size",
	[SMAPS_KERNEL_PAGE_SIZE] = "KernelPageSize",
	[SMAPS_MMU_PAGE_SIZE] = "MMUPageSize",
	[SMAPS_RSS] = "Rss",
	[SMAPS_PSS] = "Pss",
	[SMAPS_PSS_DIRTY] = "Pss_Dirty",
	[SMAPS_PSS_ANON] = "Pss_Anon",
	[SMAPS_PSS_FILE] = "Pss_File",
	[SMAPS_PSS_SHMEM] = "Pss_Shmem",
	[SMAPS_SHARED_CLEAN] = "Shared_Clean",
	[SMAPS_SHARED_DIRTY] = "Shared_Dirty",
	[SMAPS_PRIVATE_CLEAN] = "Private_Clean",
	[SMAPS_PRIVATE_DIRTY] = "Private_Dirty",
	[SMAPS_REFERENCED] = "Referenced",
	[SMAPS_ANONYMOUS] = "Anonymous",
	[SMAPS_KSM] = "KSM",
	[SMAPS_LAZYFREE] = "LazyFree",
	[SMAPS_ANON_HUGE] = "AnonHugePages",
	[SMAPS_SHMEM_PMD] = "ShmemPmdMapped",
	[SMAPS_FILE_PMD] = "FilePmdMapped",
	[SMAPS_SHARED_HUGETLB] = "Shared_Hugetlb",
	[SMAPS_PRIVATE_HUGETLB] = "Private_Hugetlb",
	[SMAPS_SWAP] = "Swap",
	[SMAPS_SWAP_PSS] = "SwapPss",
	[SMAPS_LOCKED] = "Locked",
};

const char *smaps_key_name(enum smaps_key k)
{
	return k < SMAPS_NKEYS ? smaps_names[k] : NULL;
}

int smaps_key_lookup(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < SMAPS_NKEYS; i++)
		if (strlen(smaps_names[i]) == len &&
		    !memcmp(smaps_names[i], name, len))
			return (int)i;
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
