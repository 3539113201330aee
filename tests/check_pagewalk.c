// SPDX-License-Identifier: GPL-2.0-or-later
/* The page walker's accumulators, on synthetic pagemap entries and frames. */
#include "config.h"

#include <string.h>

#include "kpf.h"
#include "pagewalk.h"
#include "suites.h"

#define PSZ 4096ULL
#define PRESENT(pfn) (PM_PRESENT | (pfn))

static struct kpage_info frame(uint64_t flags, uint64_t count)
{
	struct kpage_info ki = { flags, count, 0 };

	return ki;
}

START_TEST(test_private_anon)
{
	struct vma_pages p = { 0 };
	struct kpage_info ki = frame(KPF(ANON) | KPF(DIRTY) | KPF(ACTIVE), 1);

	pagewalk_account(&p, PRESENT(100), &ki, PSZ);
	ck_assert_uint_eq(p.rss, PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ);
	ck_assert_uint_eq(p.uss, PSZ);
	ck_assert_uint_eq(p.anon, PSZ);
	ck_assert_uint_eq(p.file, 0);
	ck_assert_uint_eq(p.dirty, PSZ);
	ck_assert_uint_eq(p.active, PSZ);
	ck_assert_uint_eq(p.referenced, 0);
}
END_TEST

/* Three pages shared three ways: 4096 bytes, not 3 x 1365. */
START_TEST(test_pss_rounded_once)
{
	struct vma_pages p = { 0 };
	struct kpage_info ki = frame(KPF(MMAP) | KPF(LRU), 3);
	int i;

	for (i = 0; i < 3; i++)
		pagewalk_account(&p, PRESENT(200 + i), &ki, PSZ);
	ck_assert_uint_eq(p.rss, 3 * PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ);
	ck_assert_uint_eq(p.uss, 0);
	ck_assert_uint_eq(p.file, 3 * PSZ);
}
END_TEST

START_TEST(test_zero_hugetlb_unmapped)
{
	struct vma_pages p = { 0 };
	struct kpage_info zero = frame(KPF(ZERO_PAGE) | KPF(MMAP), 0);
	struct kpage_info huge = frame(KPF(HUGE) | KPF(COMPOUND_HEAD), 1);
	struct kpage_info gone = frame(KPF(ANON) | KPF(LRU), 0);

	pagewalk_account(&p, PRESENT(1), &zero, PSZ);
	pagewalk_account(&p, PRESENT(2), &huge, PSZ);
	pagewalk_account(&p, PRESENT(3), &gone, PSZ);
	ck_assert_uint_eq(p.zero, PSZ);
	ck_assert_uint_eq(p.hugetlb, PSZ);
	ck_assert_uint_eq(p.rss, 0);
	ck_assert_uint_eq(p.pss_fp, 0);
	ck_assert_uint_eq(p.anon, 0);
}
END_TEST

START_TEST(test_locked_thp_ksm)
{
	struct vma_pages p = { 0 };
	struct kpage_info lk = frame(KPF(ANON) | KPF(MLOCKED) |
				     KPF(UNEVICTABLE), 2);
	struct kpage_info thp = frame(KPF(ANON) | KPF(THP) |
				      KPF(COMPOUND_TAIL), 1);
	struct kpage_info ksm = frame(KPF(ANON) | KPF(KSM), 4);

	pagewalk_account(&p, PRESENT(10), &lk, PSZ);
	pagewalk_account(&p, PRESENT(11), &thp, PSZ);
	pagewalk_account(&p, PRESENT(12), &ksm, PSZ);
	ck_assert_uint_eq(pss_bytes(p.locked_fp), PSZ / 2);
	ck_assert_uint_eq(p.thp, PSZ);
	ck_assert_uint_eq(p.ksm, PSZ);
	ck_assert_uint_eq(p.anon, 3 * PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ / 2 + PSZ + PSZ / 4);
	ck_assert_uint_eq(p.uss, PSZ);
}
END_TEST

START_TEST(test_swap_guard_hidden)
{
	struct vma_pages p = { 0 };

	pagewalk_account(&p, PM_SWAPPED | (5ULL << 5) | 1, NULL, PSZ);
	pagewalk_account(&p, PM_SWAPPED | PM_GUARD, NULL, PSZ);
	/* PFNs hidden: present pages count in RSS, nothing else. */
	pagewalk_account(&p, PM_PRESENT | PM_FILE, NULL, PSZ);
	pagewalk_account(&p, PM_PRESENT, NULL, PSZ);
	ck_assert_uint_eq(p.swap, PSZ);
	ck_assert_uint_eq(p.rss, 2 * PSZ);
	ck_assert_uint_eq(p.pss_fp, 0);
	ck_assert_uint_eq(p.file, 0);
}
END_TEST

START_TEST(test_pss_bytes)
{
	ck_assert_uint_eq(pss_bytes(0), 0);
	ck_assert_uint_eq(pss_bytes((1ULL << VMA_PSS_SHIFT) - 1), 1);
	ck_assert_uint_eq(pss_bytes((1ULL << (VMA_PSS_SHIFT - 1)) - 1), 0);
	ck_assert_uint_eq(pss_bytes(PSZ << VMA_PSS_SHIFT), PSZ);
}
END_TEST

Suite *pagewalk_suite(void)
{
	Suite *s = suite_create("pagewalk");
	TCase *tc = tcase_create("account");

	tcase_add_test(tc, test_private_anon);
	tcase_add_test(tc, test_pss_rounded_once);
	tcase_add_test(tc, test_zero_hugetlb_unmapped);
	tcase_add_test(tc, test_locked_thp_ksm);
	tcase_add_test(tc, test_swap_guard_hidden);
	tcase_add_test(tc, test_pss_bytes);
	suite_add_tcase(s, tc);
	return s;
}
