// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Huge pages proven mapped once by the kernel's own per-VMA sums, instead
 * of reading 512 pagemap entries for each.
 *
 * pagemap has one entry per 4K page even under a PMD, and only an entry
 * says whether its page is mapped once (USS, PSS): on a 4 GiB THP process
 * a million entries cost several times what the kernel's smaps takes to
 * walk 2048 PMDs. So a walk of a private anonymous VMA may leave its
 * PMD-mapped ranges unread (pagemap_walk_huge) and count the rest itself;
 * /proc/PID/smaps then tells, for the whole VMA, Rss (resident pages),
 * Private_Clean + Private_Dirty (resident pages whose map count is below
 * 2: smaps_account) and AnonHugePages (pages of PMD-mapped anonymous THP).
 * With H the bytes left unread, when
 *	Rss           = walked RSS + H
 *	Private       = walked USS + H
 *	AnonHugePages = H
 * every unread page is resident, anonymous THP and mapped once: the
 * walked part has its own RSS and USS in those sums (smaps and the walk
 * count the same resident pages, both without the zero page, and private
 * there is map count 1 here), so the rest, H, is all of it private. Each
 * such page adds its size to RSS, PSS, USS, ANON and THP, as reading it
 * would have. A VMA whose sums do not add up (THP shared after fork, or
 * memory that changed between the two reads) proves nothing: its ranges
 * are read after all.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "read/maps.h"
#include "walk/hugeproof.h"

/*
 * What each costs on the 6.18 development machine (2 cores), in ns:
 * smaps walks a resident 4K page in about 45, a VMA in about 3000, a page
 * under a PMD in under 1; a pagemap entry of a PMD-mapped page costs
 * about 6 read and counted.
 */
#define SMAPS_NS_PAGE	45
#define SMAPS_NS_VMA	3000
#define SMAPS_NS_HUGE	1
#define PAGEMAP_NS_HUGE	6

bool hugeproof_worth(uint64_t walked, size_t nvma, uint64_t deferred)
{
	return SMAPS_NS_PAGE * walked + SMAPS_NS_VMA * (uint64_t)nvma +
	       SMAPS_NS_HUGE * deferred < PAGEMAP_NS_HUGE * deferred;
}

/* The three sums of the comment above, for one VMA. */
static bool proves(const struct smaps_data *s, const struct vma_pages *p,
		   uint64_t h)
{
	if (!smaps_has(s, SMAPS_RSS) || !smaps_has(s, SMAPS_ANON_HUGE) ||
	    !smaps_has(s, SMAPS_PRIVATE_CLEAN) ||
	    !smaps_has(s, SMAPS_PRIVATE_DIRTY))
		return false;
	return smaps_bytes(s, SMAPS_RSS) == p->rss + h &&
	       smaps_bytes(s, SMAPS_PRIVATE_CLEAN) +
	       smaps_bytes(s, SMAPS_PRIVATE_DIRTY) == p->uss + h &&
	       smaps_bytes(s, SMAPS_ANON_HUGE) == h;
}

int hugeproof_read(struct pagemap *pm, const struct vma_list *l,
		   const uint64_t *deferred, bool *proven)
{
	struct vma_list s = { 0 };
	char *err = NULL;
	size_t i, j = 0;
	int rc = maps_read_pid(pm->proc, pm->pid, "smaps", &s, &err);

	free(err);
	if (rc) {
		vma_list_free(&s);
		return rc == -ESRCH || rc == -ENOENT ? rc : 0;
	}
	for (i = 0; i < l->n; i++) {
		const struct vma *v = &l->v[i];

		if (!deferred[i])
			continue;
		while (j < s.n && s.v[j].start < v->start)
			j++;
		proven[i] = j < s.n && s.v[j].start == v->start &&
			    s.v[j].end == v->end &&
			    proves(&s.v[j].smaps, &v->pages,
				   deferred[i] * pm->page_size);
	}
	vma_list_free(&s);
	return 0;
}
