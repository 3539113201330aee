// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include "read/kpf.h"
#include "walk/frameclass.h"
#include "suites.h"

/* export writes its classes in one fixed order, every one named. */
START_TEST(test_export_names)
{
	static const char *const want[] = {
		"nopage", "offline", "hwpoison", "reserved", "buddy", "slab",
		"pgtable", "hugetlb", "zero_page", "ksm", "anon", "shmem",
		"file", "other", "none",
	};
	size_t i;

	ck_assert_uint_eq(frame_nclasses, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < frame_nclasses; i++)
		ck_assert_str_eq(frame_class_name(i), want[i]);
}
END_TEST

/*
 * Each partition by its own precedence: where they part (free blocks,
 * huge pages and page tables before reserved in the picture; hwpoison,
 * zero page and KSM only export's), and what is left.
 */
static const struct {
	uint64_t flags;
	const char *export;
	enum frame_pic pic;
} cases[] = {
	{ KPF(BUDDY) | KPF(RESERVED), "reserved", FPIC_FREE },
	{ KPF(SLAB) | KPF(HUGE), "slab", FPIC_HUGE },
	{ KPF(ANON) | KPF(THP) | KPF(LRU), "anon", FPIC_HUGE },
	{ KPF(HWPOISON) | KPF(ANON), "hwpoison", FPIC_ANON },
	{ KPF(KSM) | KPF(ANON), "ksm", FPIC_ANON },
	{ KPF(ZERO_PAGE) | KPF(RESERVED), "reserved", FPIC_KERNEL },
	{ KPF(NOPAGE) | KPF(BUDDY), "nopage", FPIC_HOLE },
	{ KPF(OFFLINE) | KPF(BUDDY), "offline", FPIC_HOLE },
	{ KPF(SWAPBACKED) | KPF(LRU), "shmem", FPIC_SHMEM },
	{ KPF(UPTODATE), "file", FPIC_CACHE },
	{ 0, "none", FPIC_UNTYPED },
	{ KPF(IDLE), "other", FPIC_UNTYPED },
	{ KPF(LOCKED), "other", FPIC_KERNEL },
};

START_TEST(test_classes)
{
	uint64_t f = cases[_i].flags;
	const char *name = frame_class_name(frame_class_of(f));

	ck_assert_str_eq(name, cases[_i].export);
	ck_assert_int_eq(frame_pic_of(f), cases[_i].pic);
}
END_TEST

Suite *frameclass_suite(void)
{
	Suite *s = suite_create("frameclass");
	TCase *tc = tcase_create("partitions");

	tcase_add_test(tc, test_export_names);
	tcase_add_loop_test(tc, test_classes, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	return s;
}
