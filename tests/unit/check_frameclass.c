// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "read/kpf.h"
#include "walk/frameclass.h"
#include "suites.h"

static const char *export_of(uint64_t f)
{
	return frame_class_name(frame_class_of(f));
}

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

/* Where the two precedences part, each keeps its own. */
START_TEST(test_two_orders)
{
	uint64_t f;

	f = KPF(BUDDY) | KPF(RESERVED);
	ck_assert_str_eq(export_of(f), "reserved");
	ck_assert_int_eq(frame_pic_of(f), FPIC_FREE);
	f = KPF(SLAB) | KPF(HUGE);
	ck_assert_str_eq(export_of(f), "slab");
	ck_assert_int_eq(frame_pic_of(f), FPIC_HUGE);
	f = KPF(ANON) | KPF(THP) | KPF(LRU);
	ck_assert_str_eq(export_of(f), "anon");
	ck_assert_int_eq(frame_pic_of(f), FPIC_HUGE);
	f = KPF(HWPOISON) | KPF(ANON);
	ck_assert_str_eq(export_of(f), "hwpoison");
	ck_assert_int_eq(frame_pic_of(f), FPIC_ANON);
	f = KPF(KSM) | KPF(ANON);
	ck_assert_str_eq(export_of(f), "ksm");
	ck_assert_int_eq(frame_pic_of(f), FPIC_ANON);
	f = KPF(ZERO_PAGE) | KPF(RESERVED);
	ck_assert_str_eq(export_of(f), "reserved");
	ck_assert_int_eq(frame_pic_of(f), FPIC_KERNEL);
}
END_TEST

/* What is left: no flag, only idle, anything else. */
START_TEST(test_rest)
{
	ck_assert_str_eq(export_of(0), "none");
	ck_assert_int_eq(frame_pic_of(0), FPIC_UNTYPED);
	ck_assert_str_eq(export_of(KPF(IDLE)), "other");
	ck_assert_int_eq(frame_pic_of(KPF(IDLE)), FPIC_UNTYPED);
	ck_assert_str_eq(export_of(KPF(LOCKED)), "other");
	ck_assert_int_eq(frame_pic_of(KPF(LOCKED)), FPIC_KERNEL);
	ck_assert_str_eq(export_of(KPF(NOPAGE) | KPF(BUDDY)), "nopage");
	ck_assert_int_eq(frame_pic_of(KPF(OFFLINE) | KPF(BUDDY)), FPIC_HOLE);
	ck_assert_str_eq(export_of(KPF(SWAPBACKED) | KPF(LRU)), "shmem");
	ck_assert_int_eq(frame_pic_of(KPF(SWAPBACKED) | KPF(LRU)),
			 FPIC_SHMEM);
	ck_assert_str_eq(export_of(KPF(UPTODATE)), "file");
	ck_assert_int_eq(frame_pic_of(KPF(UPTODATE)), FPIC_CACHE);
}
END_TEST

Suite *frameclass_suite(void)
{
	Suite *s = suite_create("frameclass");
	TCase *tc = tcase_create("partitions");

	tcase_add_test(tc, test_export_names);
	tcase_add_test(tc, test_two_orders);
	tcase_add_test(tc, test_rest);
	suite_add_tcase(s, tc);
	return s;
}
