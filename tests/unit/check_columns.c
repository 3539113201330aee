// SPDX-License-Identifier: GPL-2.0-or-later
/* Column selection: defaults, -o lists, +COL, --output-all. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "read/kpage.h"
#include "show/pagecols.h"
#include "show/proccols.h"
#include "show/vmacols.h"

START_TEST(test_defaults)
{
	struct vms_opts o = { 0 };
	struct colsel sel;

	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), 0);
	ck_assert_uint_eq(sel.n, vma_columns.ndefaults);
	ck_assert_int_eq(sel.ids[0], VC_START);
	colsel_free(&sel);
}
END_TEST

START_TEST(test_list)
{
	struct vms_opts o = { .columns = "name,Start,PERMS" };
	struct colsel sel;

	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), 0);
	ck_assert_uint_eq(sel.n, 3);
	ck_assert_int_eq(sel.ids[0], VC_NAME);
	ck_assert_int_eq(sel.ids[1], VC_START);
	ck_assert_int_eq(sel.ids[2], VC_PERMS);
	colsel_free(&sel);
}
END_TEST

START_TEST(test_append)
{
	struct vms_opts o = { .columns = "+VMFLAGS,PID" };
	struct colsel sel;

	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), 0);
	ck_assert_uint_eq(sel.n, vma_columns.ndefaults + 2);
	ck_assert_int_eq(sel.ids[sel.n - 2], VC_VMFLAGS);
	ck_assert_int_eq(sel.ids[sel.n - 1], VC_PID);
	ck_assert(vma_cols_need_smaps(&sel, NULL));
	colsel_free(&sel);
}
END_TEST

START_TEST(test_all_and_bad)
{
	struct vms_opts o = { .output_all = true };
	struct colsel sel;

	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), 0);
	ck_assert_uint_eq(sel.n, VC_NCOLS);
	colsel_free(&sel);
	o.output_all = false;
	o.columns = "START,NOPE";
	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), -1);
	o.columns = "";
	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), -1);
	o.columns = ",,";
	ck_assert_int_eq(colsel_from_opts(&vma_columns, &o, &sel), -1);
}
END_TEST

START_TEST(test_table_sane)
{
	size_t i, j;

	for (i = 0; i < vma_columns.ncols; i++) {
		ck_assert_ptr_nonnull(vma_columns.cols[i].name);
		ck_assert_ptr_nonnull(vma_columns.cols[i].help);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(vma_columns.cols[i].name,
					 vma_columns.cols[j].name);
	}
}
END_TEST

/* The sources of a selection: its columns', the sort column's, the rows'. */
START_TEST(test_reads)
{
	struct colsel sel = { 0 };

	colsel_add(&sel, VC_START);
	ck_assert_uint_eq(colsel_reads(&vma_columns, &sel, NULL), SRC_MAPS);
	ck_assert(!vma_cols_need_pages(&sel, NULL));
	/* a sort column that reads the pages: the walk, and its files */
	ck_assert(vma_cols_need_pages(&sel, "zero"));
	ck_assert_uint_eq(src_kpage(colsel_reads(&vma_columns, &sel, "ZERO")),
			  KPAGE_FLAGS | KPAGE_COUNT);
	ck_assert(!vma_cols_any_counter(&sel, NULL));
	ck_assert(vma_cols_any_counter(&sel, "+RSS"));
	ck_assert(vma_cols_need_smaps(&sel, "PKEY"));
	ck_assert(!vma_cols_need_smaps(&sel, "RSS"));
	colsel_free(&sel);
	/* both tables in one file: their enumerators are apart */
	colsel_add(&sel, PR_THP);
	ck_assert(colsel_reads(&proc_columns, &sel, NULL) & SRC_PAGEMAP);
	ck_assert(proc_col_walks(PR_THP) && !proc_col_walks(PR_RSS));
	ck_assert_uint_eq(proc_reads_id(colsel_reads(&proc_columns, &sel,
						     "ARGS")),
			  PROCID_ARGS);
	colsel_free(&sel);
	colsel_add(&sel, PC_CGROUP);
	ck_assert_uint_eq(page_cols_kpage(&sel), KPAGE_CGROUP);
	ck_assert(page_cols_need_pfn(&sel));
	colsel_free(&sel);
}
END_TEST

Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("select");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_all_and_bad);
	tcase_add_test(tc, test_table_sane);
	tcase_add_test(tc, test_reads);
	suite_add_tcase(s, tc);
	return s;
}
