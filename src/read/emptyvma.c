// SPDX-License-Identifier: GPL-2.0-or-later
/* VMAs that smaps shows empty, for walks without PAGEMAP_SCAN. */
#include "config.h"

#include <stdlib.h>

#include "lib/util.h"
#include "read/emptyvma.h"
#include "read/maps.h"
#include "read/smaps.h"

struct empty_vmas {
	uint64_t (*r)[2];	/* [start, end), ascending */
	size_t n;
};

static bool is_empty(const struct smaps_data *s)
{
	static const enum smaps_key keys[] = {
		SMAPS_RSS, SMAPS_SWAP, SMAPS_SHARED_HUGETLB,
		SMAPS_PRIVATE_HUGETLB,
	};
	size_t i;

	/* Rss and Swap must be there to say so; hugetlb lines may not. */
	if (!smaps_has(s, SMAPS_RSS) || !smaps_has(s, SMAPS_SWAP))
		return false;
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (s->kb[keys[i]])
			return false;
	return true;
}

struct empty_vmas *empty_vmas_read(const struct procfs *p, pid_t pid)
{
	struct vma_list l = { 0 };
	struct empty_vmas *e;
	char *err = NULL;
	size_t i;
	int rc = maps_read_pid(p, pid, "smaps", &l, &err);

	free(err);
	if (rc) {
		vma_list_free(&l);
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	e->r = xcalloc(l.n, sizeof(*e->r));
	for (i = 0; i < l.n; i++) {
		if (!is_empty(&l.v[i].smaps))
			continue;
		e->r[e->n][0] = l.v[i].start;
		e->r[e->n][1] = l.v[i].end;
		e->n++;
	}
	vma_list_free(&l);
	return e;
}

bool empty_vmas_cover(const struct empty_vmas *e, uint64_t start,
		      uint64_t end)
{
	size_t lo = 0, hi = e ? e->n : 0;

	/* The last range that starts at or before start. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->r[mid][0] <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && end <= e->r[lo - 1][1];
}

void empty_vmas_free(struct empty_vmas *e)
{
	if (!e)
		return;
	free(e->r);
	free(e);
}
