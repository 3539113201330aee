// SPDX-License-Identifier: GPL-2.0-or-later
/* PFN → node, zone, System RAM (not yet: every lookup is unknown). */
#include "config.h"

#include <string.h>

#include "node.h"

void nodemap_init(struct nodemap *m, const struct procfs *p,
		  const char *sysroot, size_t page_size)
{
	memset(m, 0, sizeof(*m));
}

void nodemap_free(struct nodemap *m)
{
}

int nodemap_node(struct nodemap *m, uint64_t pfn)
{
	return -1;
}

const char *nodemap_zone(struct nodemap *m, uint64_t pfn)
{
	return NULL;
}

int nodemap_ram(struct nodemap *m, uint64_t pfn)
{
	return -1;
}

int node_parse_iomem(FILE *f, size_t page_size, struct pfn_range **out,
		     size_t *n, bool *known)
{
	return -1;
}

int node_parse_zoneinfo(FILE *f, struct pfn_range **out, size_t *n)
{
	return -1;
}

char *sysfs_root_for(const char *proc_root)
{
	return NULL;
}
