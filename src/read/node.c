// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where a frame lives: NUMA node from the sysfs memory blocks of each
 * node (else the node of its /proc/zoneinfo span), zone from zoneinfo,
 * System RAM from /proc/iomem. Each source is read once, on first use.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/node.h"

static void push(struct pfn_range **v, size_t *n, struct pfn_range r)
{
	/* Capacity is 8, then doubles whenever n reaches a power of two. */
	if (!*n || (*n >= 8 && !(*n & (*n - 1))))
		*v = xreallocarray(*v, *n ? *n * 2 : 8, sizeof(**v));
	(*v)[(*n)++] = r;
}

static int cmp_range(const void *a, const void *b)
{
	uint64_t x = ((const struct pfn_range *)a)->start;
	uint64_t y = ((const struct pfn_range *)b)->start;

	return (x > y) - (x < y);
}

/* The range holding pfn in a sorted, disjoint array, or NULL. */
static const struct pfn_range *range_find(const struct pfn_range *v,
					  size_t n, uint64_t pfn)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pfn < v[mid].start)
			hi = mid;
		else if (pfn >= v[mid].end)
			lo = mid + 1;
		else
			return &v[mid];
	}
	return NULL;
}

int node_parse_iomem(FILE *f, size_t page_size, struct pfn_range **out,
		     size_t *n, bool *known)
{
	char line[512];

	*out = NULL;
	*n = 0;
	*known = false;
	while (fgets(line, sizeof(line), f)) {
		uint64_t start, end;
		char *sep = strstr(line, " : ");

		if (!sep || strcmp(sep + 3, "System RAM\n") ||
		    sscanf(line, " %" SCNx64 "-%" SCNx64, &start, &end) != 2 ||
		    end < start)
			continue;
		/* Readers without CAP_SYS_ADMIN see every range as 0-0. */
		if (end)
			*known = true;
		/* Whole pages only: [ceil(start), floor(end + 1)). */
		start = (start + page_size - 1) / page_size;
		end = end / page_size + ((end + 1) % page_size == 0);
		if (end > start)
			push(out, n, (struct pfn_range){ start, end, -1, NULL });
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_range);
	return 0;
}

int node_parse_zoneinfo(FILE *f, struct pfn_range **out, size_t *n)
{
	struct pfn_range cur = { 0, 0, -1, NULL };
	uint64_t spanned = 0, v;
	char line[512], name[32];
	int node;

	*out = NULL;
	*n = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %31s", &node, name) == 2) {
			free(cur.zone);
			cur = (struct pfn_range){ 0, 0, node, xstrdup(name) };
			spanned = 0;
		} else if (sscanf(line, " spanned %" SCNu64, &v) == 1) {
			spanned = v;
		} else if (sscanf(line, " start_pfn: %" SCNu64, &v) == 1 &&
			   cur.zone) {
			/* start_pfn closes a zone's block: keep it if any */
			if (spanned) {
				cur.start = v;
				cur.end = v + spanned;
				push(out, n, cur);
			} else {
				free(cur.zone);
			}
			cur.zone = NULL;
		}
	}
	free(cur.zone);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_range);
	return 0;
}

static int read_block_size(const char *sysroot, uint64_t *bs)
{
	char path[4096], buf[64];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/devices/system/memory/block_size_bytes",
		 sysroot);
	f = fopen(path, "re");
	if (!f)
		return -1;
	ok = fgets(buf, sizeof(buf), f) && sscanf(buf, "%" SCNx64, bs) == 1 &&
	     *bs;
	fclose(f);
	return ok ? 0 : -1;
}

/* The memoryM entries of one nodeN directory. */
static void read_node(struct nodemap *m, const char *dir, int node,
		      uint64_t pages)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		uint64_t blk;

		if (strncmp(e->d_name, "memory", 6) ||
		    parse_dec_u64(e->d_name + 6, strlen(e->d_name + 6), &blk) ||
		    blk > UINT64_MAX / pages - 1)
			continue;
		push(&m->blocks, &m->nblocks, (struct pfn_range){
			blk * pages, (blk + 1) * pages, node, NULL });
	}
	closedir(d);
}

static void load_blocks(struct nodemap *m)
{
	char path[4096];
	uint64_t bs, pages;
	struct dirent *e;
	DIR *d;

	if (!m->sysroot || read_block_size(m->sysroot, &bs) ||
	    bs < m->page_size)
		return;
	pages = bs / m->page_size;
	snprintf(path, sizeof(path), "%s/devices/system/node", m->sysroot);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		uint64_t node;

		if (strncmp(e->d_name, "node", 4) ||
		    parse_dec_u64(e->d_name + 4, strlen(e->d_name + 4), &node) ||
		    node > 65535)
			continue;
		snprintf(path, sizeof(path), "%s/devices/system/node/%s",
			 m->sysroot, e->d_name);
		read_node(m, path, (int)node, pages);
	}
	closedir(d);
	if (m->nblocks)
		qsort(m->blocks, m->nblocks, sizeof(*m->blocks), cmp_range);
}

static void load(struct nodemap *m)
{
	FILE *f;

	m->loaded = true;
	load_blocks(m);
	f = procfs_fopen(m->proc, "zoneinfo");
	if (f) {
		node_parse_zoneinfo(f, &m->zones, &m->nzones);
		fclose(f);
	}
	f = procfs_fopen(m->proc, "iomem");
	if (f) {
		node_parse_iomem(f, m->page_size, &m->ram, &m->nram,
				 &m->ram_known);
		fclose(f);
	}
}

void nodemap_init(struct nodemap *m, const struct procfs *p,
		  const char *sysroot, size_t page_size)
{
	memset(m, 0, sizeof(*m));
	m->proc = p;
	m->sysroot = sysroot ? xstrdup(sysroot) : NULL;
	m->page_size = page_size;
}

void nodemap_free(struct nodemap *m)
{
	size_t i;

	for (i = 0; i < m->nzones; i++)
		free(m->zones[i].zone);
	free(m->zones);
	free(m->blocks);
	free(m->ram);
	free(m->sysroot);
	memset(m, 0, sizeof(*m));
}

/* Zones of different nodes may interleave: search them all. */
static const struct pfn_range *zone_of(struct nodemap *m, uint64_t pfn)
{
	size_t i;

	for (i = 0; i < m->nzones; i++)
		if (pfn >= m->zones[i].start && pfn < m->zones[i].end)
			return &m->zones[i];
	return NULL;
}

int nodemap_node_until(struct nodemap *m, uint64_t pfn, uint64_t *end)
{
	const struct pfn_range *r;

	if (!m->loaded)
		load(m);
	r = m->nblocks ? range_find(m->blocks, m->nblocks, pfn) :
			 zone_of(m, pfn);
	*end = r ? r->end : pfn + 1;
	return r ? r->node : -1;
}

int nodemap_node(struct nodemap *m, uint64_t pfn)
{
	const struct pfn_range *r;

	if (!m->loaded)
		load(m);
	if (m->nblocks) {
		r = range_find(m->blocks, m->nblocks, pfn);
		return r ? r->node : -1;
	}
	r = zone_of(m, pfn);
	return r ? r->node : -1;
}

const char *nodemap_zone(struct nodemap *m, uint64_t pfn)
{
	const struct pfn_range *r;

	if (!m->loaded)
		load(m);
	r = zone_of(m, pfn);
	return r ? r->zone : NULL;
}

int nodemap_ram(struct nodemap *m, uint64_t pfn)
{
	if (!m->loaded)
		load(m);
	if (!m->ram_known)
		return -1;
	return range_find(m->ram, m->nram, pfn) != NULL;
}

char *sysfs_root_for(const char *proc_root)
{
	struct stat st;
	char *path;

	if (!proc_root)
		return stat("/sys/devices", &st) ? NULL : xstrdup("/sys");
	xasprintf(&path, "%s/../sys", proc_root);
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return path;
	free(path);
	return NULL;
}
