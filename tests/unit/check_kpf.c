// SPDX-License-Identifier: GPL-2.0-or-later
/* Page flag names and --flags expressions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "read/kpf.h"
#include "read/pagemap.h"
#include "suites.h"

START_TEST(test_format)
{
	char buf[512];

	ck_assert_str_eq(kpf_format(0, buf, sizeof(buf)), "");
	/* Table order: lru before active. */
	ck_assert_str_eq(kpf_format(KPF(LRU) | KPF(ACTIVE) | KPF(ANON), buf,
				    sizeof(buf)), "lru,active,anon");
	ck_assert_str_eq(kpf_format(KPF(THP) | KPF(COMPOUND_HEAD) |
				    KPF(MLOCKED), buf, sizeof(buf)),
			 "compound_head,thp,mlocked");
}
END_TEST

START_TEST(test_overloaded)
{
	char buf[256];

	/* RECLAIM without WRITEBACK is readahead, with it reclaim. */
	ck_assert_str_eq(kpf_format(KPF(RECLAIM), buf, sizeof(buf)),
			 "readahead");
	ck_assert_str_eq(kpf_format(KPF(RECLAIM) | KPF(WRITEBACK), buf,
				    sizeof(buf)), "writeback,reclaim");
	/* ACTIVE on a slab page is not LRU activity. */
	ck_assert_str_eq(kpf_format(KPF(SLAB) | KPF(ACTIVE), buf,
				    sizeof(buf)), "slab");
	ck_assert_str_eq(kpf_format(KPF(ANON) | KPF(OWNER_2), buf,
				    sizeof(buf)), "anon,anon_exclusive");
	ck_assert_str_eq(kpf_format(KPF(OWNER_2), buf, sizeof(buf)),
			 "owner_2");
}
END_TEST

START_TEST(test_format_cut)
{
	char buf[12];
	uint64_t all = ~0ULL;

	kpf_format(all, buf, sizeof(buf));
	ck_assert_uint_lt(strlen(buf), sizeof(buf));
	ck_assert_str_eq(buf, "locked");	/* ",error" would not fit */
	ck_assert_str_eq(kpf_format(all, buf, 1), "");
}
END_TEST

static struct flag_expr expr(const char *a, const char *b)
{
	struct flag_expr e = { 0 };
	char *err = NULL;

	ck_assert_int_eq(flag_expr_add(&e, a, &err), 0);
	if (b)
		ck_assert_int_eq(flag_expr_add(&e, b, &err), 0);
	return e;
}

START_TEST(test_expr)
{
	struct flag_expr e = expr("anon,lru,~active", NULL);

	ck_assert(flag_expr_match(&e, KPF(ANON) | KPF(LRU), 0));
	ck_assert(!flag_expr_match(&e, KPF(ANON) | KPF(LRU) | KPF(ACTIVE), 0));
	ck_assert(!flag_expr_match(&e, KPF(ANON), 0));
	ck_assert(flag_expr_needs_kpf(&e));
	flag_expr_free(&e);

	/* Repeated lists are ORed. */
	e = expr("thp", "ksm");
	ck_assert(flag_expr_match(&e, KPF(THP), 0));
	ck_assert(flag_expr_match(&e, KPF(KSM), 0));
	ck_assert(!flag_expr_match(&e, KPF(ANON), 0));
	flag_expr_free(&e);

	/* Pagemap bits, and case does not matter. */
	e = expr("Present,~soft-dirty", NULL);
	ck_assert(flag_expr_match(&e, 0, PM_PRESENT));
	ck_assert(!flag_expr_match(&e, 0, PM_PRESENT | PM_SOFT_DIRTY));
	ck_assert(!flag_expr_needs_kpf(&e));
	flag_expr_free(&e);

	/* Overloaded names match as they print. */
	e = expr("readahead", NULL);
	ck_assert(flag_expr_match(&e, KPF(RECLAIM), 0));
	ck_assert(!flag_expr_match(&e, KPF(RECLAIM) | KPF(WRITEBACK), 0));
	flag_expr_free(&e);
	e = expr("~readahead", NULL);
	ck_assert(flag_expr_match(&e, KPF(RECLAIM) | KPF(WRITEBACK), 0));
	flag_expr_free(&e);

	/* The empty expression matches everything. */
	ck_assert(flag_expr_match(&e, 0, 0));
}
END_TEST

START_TEST(test_expr_errors)
{
	static const char *const bad[] = {
		"bogus", "lru,,anon", "", ",", "~", "lru,", "~~lru", "lru anon",
	};
	struct flag_expr e = { 0 };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = NULL;

		ck_assert_msg(flag_expr_add(&e, bad[i], &err) == -1, "'%s'",
			      bad[i]);
		ck_assert_ptr_nonnull(err);
		ck_assert_ptr_nonnull(strstr(err, "valid flags: locked,"));
		free(err);
	}
	ck_assert_uint_eq(e.n, 0);
	{
		char *err = NULL;

		flag_expr_add(&e, "lru,bogus", &err);
		ck_assert_ptr_nonnull(strstr(err, "unknown flag: 'bogus'"));
		free(err);
	}
}
END_TEST

START_TEST(test_table)
{
	size_t i, j;

	for (i = 0; i < flag_nnames; i++) {
		ck_assert_uint_ne(flag_names[i].mask, 0);
		ck_assert((flag_names[i].value & ~flag_names[i].mask) == 0);
		ck_assert_ptr_nonnull(flag_names[i].help);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(flag_names[i].name, flag_names[j].name);
	}
}
END_TEST

Suite *kpf_suite(void)
{
	Suite *s = suite_create("kpf");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_overloaded);
	tcase_add_test(tc, test_format_cut);
	tcase_add_test(tc, test_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("expressions");
	tcase_add_test(tc, test_expr);
	tcase_add_test(tc, test_expr_errors);
	suite_add_tcase(s, tc);
	return s;
}
