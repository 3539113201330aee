/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_NODE_H
#define VMS_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "read/procfs.h"

/*
 * Where a physical frame lives: its NUMA node (sysfs memory blocks, else
 * /proc/zoneinfo), its zone (/proc/zoneinfo) and whether it is System RAM
 * (/proc/iomem, which shows zeros to readers without CAP_SYS_ADMIN: then
 * "unknown"). Loaded lazily on first use.
 */
struct pfn_range {
	uint64_t start, end;		/* PFNs [start, end) */
	int node;
	char *zone;			/* zone name (malloc), or NULL */
};

struct nodemap {
	const struct procfs *proc;
	char *sysroot;			/* NULL: no sysfs */
	size_t page_size;
	bool loaded;
	struct pfn_range *blocks;	/* memory blocks → node, sorted */
	size_t nblocks;
	struct pfn_range *zones;	/* zoneinfo spans, sorted */
	size_t nzones;
	struct pfn_range *ram;		/* System RAM, sorted */
	size_t nram;
	bool ram_known;			/* iomem gave real addresses */
};

void nodemap_init(struct nodemap *m, const struct procfs *p,
		  const char *sysroot, size_t page_size);
void nodemap_free(struct nodemap *m);
/* The node of pfn, or -1 when unknown. */
int nodemap_node(struct nodemap *m, uint64_t pfn);
/*
 * The same, and in *end the first PFN past the span of equal node that
 * holds pfn (pfn + 1 when that is not known): walks need not ask again
 * before *end.
 */
int nodemap_node_until(struct nodemap *m, uint64_t pfn, uint64_t *end);
/* The zone name of pfn ("Normal", "DMA32"), or NULL. */
const char *nodemap_zone(struct nodemap *m, uint64_t pfn);
/* 1 System RAM, 0 not, -1 unknown (iomem unreadable or hidden). */
int nodemap_ram(struct nodemap *m, uint64_t pfn);

/* The parsers, on open streams (tests feed fixture text). */
int node_parse_iomem(FILE *f, size_t page_size, struct pfn_range **out,
		     size_t *n, bool *known);
int node_parse_zoneinfo(FILE *f, struct pfn_range **out, size_t *n);

/*
 * The sysfs root that goes with a proc root: /sys for /proc (or NULL);
 * DIR/../sys for --proc-root DIR when that is a directory, else NULL.
 * Malloc'ed.
 */
char *sysfs_root_for(const char *proc_root);

#endif
