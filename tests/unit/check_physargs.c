// SPDX-License-Identifier: GPL-2.0-or-later
/* Addresses (resolve) and PFN ranges (pfn) as users type them. */
#include "config.h"

#include <errno.h>

#include "cmd/physargs.h"
#include "suites.h"

START_TEST(test_addr)
{
	uint64_t a;

	ck_assert_int_eq(parse_addr("7fffdead1000", &a), 0);
	ck_assert_uint_eq(a, 0x7fffdead1000ULL);
	ck_assert_int_eq(parse_addr("0X10", &a), 0);
	ck_assert_uint_eq(a, 0x10);
	ck_assert_int_eq(parse_addr("ffffffffffffffff", &a), 0);
	ck_assert_int_eq(parse_addr("10000000000000000", &a), -ERANGE);
	ck_assert_int_eq(parse_addr("0x", &a), -EINVAL);
	ck_assert_int_eq(parse_addr("", &a), -EINVAL);
	ck_assert_int_eq(parse_addr("12 ", &a), -EINVAL);
	ck_assert_int_eq(parse_addr("xyz", &a), -EINVAL);
}
END_TEST

START_TEST(test_pfn)
{
	uint64_t s, e;

	ck_assert_int_eq(parse_pfn_range("4096", &s, &e), 0);
	ck_assert_uint_eq(s, 4096);
	ck_assert_uint_eq(e, 4096);
	/* decimal without 0x: "10" is ten */
	ck_assert_int_eq(parse_pfn_range("10-0x20", &s, &e), 0);
	ck_assert_uint_eq(s, 10);
	ck_assert_uint_eq(e, 0x20);
	ck_assert_int_eq(parse_pfn_range("0x7fffffffffffff", &s, &e), 0);
	ck_assert_int_eq(parse_pfn_range("0x80000000000000", &s, &e),
			 -ERANGE);
	ck_assert_int_eq(parse_pfn_range("99999999999999999999", &s, &e),
			 -ERANGE);
	ck_assert_int_eq(parse_pfn_range("5-3", &s, &e), -EINVAL);
	ck_assert_int_eq(parse_pfn_range("5-", &s, &e), -EINVAL);
	ck_assert_int_eq(parse_pfn_range("-5", &s, &e), -EINVAL);
	ck_assert_int_eq(parse_pfn_range("1-2-3", &s, &e), -EINVAL);
	ck_assert_int_eq(parse_pfn_range("ff", &s, &e), -EINVAL);
}
END_TEST

Suite *physargs_suite(void)
{
	Suite *s = suite_create("physargs");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_addr);
	tcase_add_test(tc, test_pfn);
	suite_add_tcase(s, tc);
	return s;
}
