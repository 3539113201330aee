// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What one page adds to its VMA's counters, which follow the kernel's own
 * smaps accounting (fs/proc/task_mmu.c) as far as user space can see it.
 */
#include "config.h"

#include "read/kpf.h"
#include "walk/pagewalk.h"

void pagewalk_account(struct vma_pages *p, uint64_t e,
		      const struct kpage_info *ki, uint64_t psz)
{
	uint64_t f, pss;

	if (!pagewalk_is_page(e))
		return;
	if (!(e & PM_PRESENT)) {
		if (e & PM_SWAPPED)
			p->swap += psz;
		return;
	}
	if (!ki) {
		p->rss += psz;
		return;
	}
	f = ki->flags;
	/* smaps' Rss leaves out the zero page (vm_normal_page) and hugetlb. */
	if (f & KPF(ZERO_PAGE)) {
		p->zero += psz;
		return;
	}
	if (f & KPF(HUGE)) {
		p->hugetlb += psz;
		return;
	}
	/* Mapped when pagemap was read, unmapped when kpagecount was. */
	if (!ki->count)
		return;
	pss = (psz << VMA_PSS_SHIFT) / ki->count;
	p->rss += psz;
	p->pss_fp += pss;
	if (ki->count == 1)
		p->uss += psz;
	if (f & KPF(MLOCKED))
		p->locked_fp += pss;
	/* As smaps' Pss_Anon, Pss_Shmem (swap-backed page cache), Pss_File. */
	if (f & KPF(ANON)) {
		p->anon += psz;
		p->pss_anon_fp += pss;
	} else {
		p->file += psz;
		if (f & KPF(SWAPBACKED))
			p->pss_shmem_fp += pss;
	}
	/*
	 * Anonymous memory in large folios, as smaps' AnonHugePages (which
	 * counts PMD-mapped ones only: mTHP and split THP are counted here
	 * too). Large folios of the page cache are not what THP means.
	 */
	if ((f & KPF(THP)) && (f & KPF(ANON)))
		p->thp += psz;
	if (f & KPF(KSM))
		p->ksm += psz;
	if (f & KPF(DIRTY))
		p->dirty += psz;
	if (f & KPF(REFERENCED))
		p->referenced += psz;
	if (f & KPF(ACTIVE))
		p->active += psz;
}

/*
 * n pages alike: the counters are sums of per-page contributions that
 * depend only on (e's bits, ki, page size), so n equal pages add n times
 * what one adds: computed once by pagewalk_account itself, then scaled.
 */
void pagewalk_account_n(struct vma_pages *p, uint64_t e,
			const struct kpage_info *ki, uint64_t psz, uint64_t n)
{
	struct vma_pages d = { 0 };

	pagewalk_account(&d, e, ki, psz);
	vma_pages_add(p, &d, n);
}
