// SPDX-License-Identifier: GPL-2.0-or-later
/* The page columns on synthetic pages: never a zero posing as a PFN. */
#include "config.h"

#include <string.h>

#include "read/kpf.h"
#include "show/pagecols.h"
#include "suites.h"

static char libname[] = "/lib/x.so";

static struct vma file_vma = {
	.start = 0x7f0000001000, .end = 0x7f0000005000, .offset = 0x3000,
	.inode = 42, .perms = VMA_READ | VMA_EXEC, .name = libname,
	.namelen = 9,
};
static struct vma anon_vma = {
	.start = 0x10000, .end = 0x20000, .perms = VMA_READ | VMA_WRITE,
};

static struct page_ctx ctx = {
	.page_size = 4096, .pfn_visible = true,
	.kavail = KPAGE_FLAGS | KPAGE_COUNT | KPAGE_CGROUP,
};

static struct page_rec rec;
static struct page_row row;

static void setup(void)
{
	memset(&rec, 0, sizeof(rec));
	rec.addr = 0x7f0000002123;
	rec.pm = PM_PRESENT | PM_FILE | 0x1234;
	rec.v = &file_vma;
	rec.has_kpage = true;
	rec.ki.flags = KPF(LRU) | KPF(MMAP) | KPF(UPTODATE);
	rec.ki.count = 3;
	rec.ki.cgroup = 0;
	ctx.pfn_visible = true;
	ctx.kavail = KPAGE_FLAGS | KPAGE_COUNT | KPAGE_CGROUP;
	row = (struct page_row){ &rec, &ctx, false, 0, NULL };
}

static struct vms_cell cell(int col)
{
	struct vms_cell c;

	memset(&c, 0, sizeof(c));
	page_fill(&row, col, &c);
	return c;
}

static void assert_null(int col)
{
	struct vms_cell c = cell(col);

	ck_assert_msg(c.null, "column %s is not null",
		      page_columns.cols[col].name);
}

START_TEST(test_present)
{
	struct vms_cell c;

	ck_assert_uint_eq(cell(PC_ADDR).num, 0x7f0000002123);
	ck_assert_uint_eq(cell(PC_PFN).num, 0x1234);
	ck_assert_uint_eq(cell(PC_PHYS).num, 0x1234ULL * 4096 + 0x123);
	ck_assert(cell(PC_PRESENT).b);
	ck_assert(cell(PC_FILE).b);
	ck_assert(!cell(PC_SWAPPED).b);
	assert_null(PC_SWAPTYPE);
	assert_null(PC_SWAPOFF);
	ck_assert_uint_eq(cell(PC_COUNT).num, 3);
	ck_assert_uint_eq(cell(PC_RAWFLAGS).num, rec.ki.flags);
	c = cell(PC_FLAGS);
	ck_assert_str_eq(c.str, "uptodate,lru,mmap");
	/* page 1 of the VMA, which starts at file page 3 */
	ck_assert_uint_eq(cell(PC_INDEX).num, 4);
	c = cell(PC_VMA);
	ck_assert_str_eq(c.str, "7f0000001000-7f0000005000 r-xp /lib/x.so");
	/* no cgroup map, no charge: unknown */
	assert_null(PC_CGROUP);
	assert_null(PC_CGROUPINO);
	assert_null(PC_NODE);
	assert_null(PC_PID);
}
END_TEST

START_TEST(test_pfn_hidden)
{
	/* What pagemap gives an opener without CAP_SYS_ADMIN. */
	rec.pm = PM_PRESENT | PM_FILE;
	rec.has_kpage = false;
	ctx.pfn_visible = false;
	ck_assert(cell(PC_PRESENT).b);
	assert_null(PC_PFN);
	assert_null(PC_PHYS);
	assert_null(PC_FLAGS);
	assert_null(PC_RAWFLAGS);
	assert_null(PC_COUNT);
	assert_null(PC_CGROUP);
	assert_null(PC_NODE);
	/* even if the caller thought PFNs were visible: 0 is not a PFN */
	ctx.pfn_visible = true;
	assert_null(PC_PFN);
}
END_TEST

START_TEST(test_swapped)
{
	rec.v = &anon_vma;
	rec.addr = 0x11000;
	rec.pm = PM_SWAPPED | PM_EXCLUSIVE | (0x5678ULL << 5) | 2;
	rec.has_kpage = false;
	ck_assert(!cell(PC_PRESENT).b);
	ck_assert(cell(PC_SWAPPED).b);
	ck_assert(cell(PC_EXCLUSIVE).b);
	ck_assert_uint_eq(cell(PC_SWAPTYPE).num, 2);
	ck_assert_uint_eq(cell(PC_SWAPOFF).num, 0x5678);
	assert_null(PC_PFN);
	assert_null(PC_COUNT);
	assert_null(PC_INDEX);		/* anonymous */
	ck_assert_str_eq(cell(PC_VMA).str, "10000-20000 rw-p");
}
END_TEST

START_TEST(test_kpage_missing)
{
	ctx.kavail = KPAGE_FLAGS;
	ck_assert_uint_eq(cell(PC_PFN).num, 0x1234);
	assert_null(PC_COUNT);
	assert_null(PC_CGROUPINO);
	ck_assert(!cell(PC_FLAGS).null);
}
END_TEST

START_TEST(test_frame_only)
{
	rec.v = NULL;
	rec.addr = 0;
	rec.pm = 0;			/* PFN 0 is a frame like any other */
	row.frame_only = true;
	rec.ki.cgroup = 77;
	assert_null(PC_ADDR);
	assert_null(PC_PRESENT);
	assert_null(PC_VMA);
	assert_null(PC_INDEX);
	ck_assert(!cell(PC_PFN).null);
	ck_assert_uint_eq(cell(PC_PFN).num, 0);
	ck_assert_uint_eq(cell(PC_PHYS).num, 0);
	ck_assert_uint_eq(cell(PC_CGROUPINO).num, 77);
	assert_null(PC_CGROUP);		/* no map to resolve it */
}
END_TEST

START_TEST(test_unmapped_and_pid)
{
	rec.v = NULL;
	rec.pm = 0;
	rec.has_kpage = false;
	row.pid = 12;
	row.comm = "cat";
	ck_assert_str_eq(cell(PC_VMA).str, "not mapped");
	assert_null(PC_PRESENT);
	assert_null(PC_PFN);
	ck_assert_uint_eq(cell(PC_PID).num, 12);
	ck_assert_str_eq(cell(PC_COMMAND).str, "cat");
}
END_TEST

START_TEST(test_needs)
{
	struct colsel sel = { 0 };

	colsel_add(&sel, PC_ADDR);
	ck_assert_uint_eq(page_cols_kpage(&sel), 0);
	ck_assert(!page_cols_need_nodes(&sel));
	colsel_add(&sel, PC_CGROUP);
	colsel_add(&sel, PC_COUNT);
	colsel_add(&sel, PC_ZONE);
	ck_assert_uint_eq(page_cols_kpage(&sel), KPAGE_CGROUP | KPAGE_COUNT);
	ck_assert(page_cols_need_cgroup(&sel));
	ck_assert(page_cols_need_nodes(&sel));
	colsel_free(&sel);
}
END_TEST

START_TEST(test_table_sane)
{
	size_t i, j;

	for (i = 0; i < page_columns.ncols; i++) {
		ck_assert_ptr_nonnull(page_columns.cols[i].name);
		ck_assert_ptr_nonnull(page_columns.cols[i].help);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(page_columns.cols[i].name,
					 page_columns.cols[j].name);
	}
}
END_TEST

Suite *pagecols_suite(void)
{
	Suite *s = suite_create("pagecols");
	TCase *tc = tcase_create("fill");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_present);
	tcase_add_test(tc, test_pfn_hidden);
	tcase_add_test(tc, test_swapped);
	tcase_add_test(tc, test_kpage_missing);
	tcase_add_test(tc, test_frame_only);
	tcase_add_test(tc, test_unmapped_and_pid);
	tcase_add_test(tc, test_needs);
	tcase_add_test(tc, test_table_sane);
	suite_add_tcase(s, tc);
	return s;
}
