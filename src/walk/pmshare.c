// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The exclusive bit of a pagemap entry, and what it proves.
 *
 * Reading kpagecount is the dearest part of a walk (about 200 ns a frame
 * here, three times kpageflags); where pagemap's PM_MMAP_EXCLUSIVE (bit
 * 56) proves the map count is 1 the read can be skipped. The kernel sets
 * the bit in two places (fs/proc/task_mmu.c):
 *   - per PTE: from the page's own map count (CONFIG_PAGE_MAPCOUNT), or,
 *     without per-page map counts, from whether its folio may be mapped
 *     by more than one process;
 *   - per PMD (and hugetlb): once for the whole range, from its first
 *     page, and copied onto every entry. On 6.18 (checked) a parent's
 *     PMD-mapped THP, of which children that wrote after fork map most
 *     pages by PTEs, reads exclusive on all 512 entries while most pages
 *     have map counts of 2 and more.
 * For a small folio (an order-0 page: neither a compound head nor a
 * tail, so never under a PMD) the page's map count is the folio's, and
 * both per-PTE rules say exactly "map count 1", the same count kpagecount
 * reports. So the bit proves a count of 1 there, and nowhere else: in a
 * large folio (THP, mTHP, a large page cache folio, hugetlb) the count of
 * every page is read. The zero page never has the bit (no normal page),
 * KSM pages are small folios. A page unmapped between the pagemap read
 * and the flags read shows as a frame that lost KPF_MMAP (page_mapped):
 * its count is 0, as kpagecount would say.
 *
 * live-accounting.sh checks the premise on this kernel: every page whose
 * entry says exclusive and whose frame is a small folio has kpagecount 1,
 * and the counters agree with smaps on fork-shared 4K pages, THPs mapped
 * by a PMD and by PTEs, mTHP and KSM.
 */
#include "config.h"

#include "read/kpf.h"
#include "read/pagemap.h"
#include "walk/pmshare.h"

int pmshare_count(uint64_t e, uint64_t f)
{
	const uint64_t large = KPF(COMPOUND_HEAD) | KPF(COMPOUND_TAIL) |
			       KPF(HUGE) | KPF(THP);

	if (!(e & PM_PRESENT) || !(e & PM_EXCLUSIVE) || (f & large))
		return -1;
	return f & KPF(MMAP) ? 1 : 0;
}
