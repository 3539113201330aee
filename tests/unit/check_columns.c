// SPDX-License-Identifier: GPL-2.0-or-later
/* Column selection: defaults, -o lists, +COL, --output-all. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suites.h"
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

Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("select");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_all_and_bad);
	tcase_add_test(tc, test_table_sane);
	suite_add_tcase(s, tc);
	return s;
}
