// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem and /proc/zoneinfo parsing, on fixture text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/node.h"
#include "suites.h"

static FILE *text(const char *s)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");

	ck_assert_ptr_nonnull(f);
	return f;
}

START_TEST(test_iomem)
{
	FILE *f = text("00000000-00000fff : Reserved\n"
		       "00001000-0009fbff : System RAM\n"
		       "00100000-bfffffff : System RAM\n"
		       "  01000000-0220bb07 : Kernel code\n"
		       "100000000-63fffffff : System RAM\n"
		       "4000000000-7fffffffff : PCI Bus 0000:00\n");
	struct pfn_range *r;
	bool known;
	size_t n;

	ck_assert_int_eq(node_parse_iomem(f, 4096, &r, &n, &known), 0);
	fclose(f);
	ck_assert(known);
	ck_assert_uint_eq(n, 3);
	/* 0x1000-0x9fbff: the partial last page is not RAM */
	ck_assert_uint_eq(r[0].start, 1);
	ck_assert_uint_eq(r[0].end, 0x9f);
	ck_assert_uint_eq(r[1].start, 0x100);
	ck_assert_uint_eq(r[1].end, 0xc0000);
	ck_assert_uint_eq(r[2].end, 0x640000);
	free(r);
}
END_TEST

START_TEST(test_iomem_hidden)
{
	/* What a reader without CAP_SYS_ADMIN sees. */
	FILE *f = text("00000000-00000000 : Reserved\n"
		       "00000000-00000000 : System RAM\n");
	struct pfn_range *r;
	bool known = true;
	size_t n;

	ck_assert_int_eq(node_parse_iomem(f, 4096, &r, &n, &known), 0);
	fclose(f);
	ck_assert(!known);
	ck_assert_uint_eq(n, 0);
	free(r);
}
END_TEST

START_TEST(test_zoneinfo)
{
	FILE *f = text("Node 0, zone      DMA\n"
		       "  pages free     3\n"
		       "        spanned  4095\n"
		       "  start_pfn:           1\n"
		       "Node 0, zone   Normal\n"
		       "        spanned  1000\n"
		       "  start_pfn:           4096\n"
		       "Node 0, zone  Movable\n"
		       "        spanned  0\n"
		       "Node 1, zone   Normal\n"
		       "        spanned  500\n"
		       "        present  500\n"
		       "  start_pfn:           8192\n");
	struct pfn_range *r;
	size_t n, i;

	ck_assert_int_eq(node_parse_zoneinfo(f, &r, &n), 0);
	fclose(f);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(r[0].zone, "DMA");
	ck_assert_uint_eq(r[0].start, 1);
	ck_assert_uint_eq(r[0].end, 4096);
	ck_assert_str_eq(r[1].zone, "Normal");
	ck_assert_int_eq(r[2].node, 1);
	ck_assert_uint_eq(r[2].end, 8692);
	for (i = 0; i < n; i++)
		free(r[i].zone);
	free(r);
}
END_TEST

Suite *node_suite(void)
{
	Suite *s = suite_create("node");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_iomem);
	tcase_add_test(tc, test_iomem_hidden);
	tcase_add_test(tc, test_zoneinfo);
	suite_add_tcase(s, tc);
	return s;
}
