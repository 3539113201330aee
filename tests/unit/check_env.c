// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/env.h"
#include "read/pagemap.h"
#include "walk/cache.h"
#include "suites.h"

static void unset_all(void)
{
	unsigned int i;

	for (i = 0; i < ENV_COUNT; i++) {
		env_unset((enum vms_env_id)i);
		unsetenv(vms_env_table[i].name);
	}
}

/* Every row is whole: a name, what it does, what a bad value should be. */
START_TEST(test_table)
{
	const struct vms_env *e;
	unsigned int i;

	for (i = 0; i < ENV_COUNT; i++) {
		e = &vms_env_table[i];
		ck_assert_ptr_nonnull(e->name);
		ck_assert_ptr_nonnull(e->what);
		if (e->kind != ENV_LIBRARY)
			ck_assert_ptr_nonnull(e->expect);
		if (e->kind == ENV_CHOICE)
			ck_assert_ptr_nonnull(e->choices);
		if (e->kind == ENV_NUMBER)
			ck_assert(e->min <= e->max);
	}
}
END_TEST

/* The words of the choices name the modules' enums, in their order. */
START_TEST(test_choices)
{
	ck_assert_int_eq(env_word(ENV_PAGEMAP, "auto"), PAGEMAP_AUTO);
	ck_assert_int_eq(env_word(ENV_PAGEMAP, "plain"), PAGEMAP_PLAIN);
	ck_assert_int_eq(env_word(ENV_PAGEMAP, "scan"), PAGEMAP_SCAN_ONLY);
	ck_assert_int_eq(env_word(ENV_CACHE, "auto"), CACHE_AUTO);
	ck_assert_int_eq(env_word(ENV_CACHE, "cachestat"), CACHE_CACHESTAT);
	ck_assert_int_eq(env_word(ENV_CACHE, "mincore"), CACHE_MINCORE);
	ck_assert_int_eq(env_word(ENV_CACHE, "fincore"), -1);
	ck_assert_int_eq(env_word(ENV_THREADS, "4"), -1);
	/* env_word keeps nothing */
	ck_assert(!env_is_set(ENV_PAGEMAP));
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(env_number(ENV_COLUMNS), 80);
	ck_assert_int_eq(env_parse(ENV_COLUMNS, "19"), -1);
	ck_assert_int_eq(env_parse(ENV_COLUMNS, "12x"), -1);
	ck_assert(!env_is_set(ENV_COLUMNS));
	ck_assert_int_eq(env_parse(ENV_COLUMNS, "120"), 0);
	ck_assert_int_eq(env_number(ENV_COLUMNS), 120);
	ck_assert_int_eq(env_number(ENV_THREADS), 0);
	ck_assert_int_eq(env_parse(ENV_THREADS, "0"), -1);
	ck_assert_int_eq(env_parse(ENV_THREADS, "32"), 0);
	ck_assert_int_eq(env_number(ENV_THREADS), 32);
	ck_assert_int_eq(env_number(ENV_FOLIO), 1);
	ck_assert_int_eq(env_parse(ENV_FOLIO, "2"), -1);
	ck_assert_int_eq(env_parse(ENV_FOLIO, "0"), 0);
	ck_assert_int_eq(env_number(ENV_FOLIO), 0);
	ck_assert_ptr_null(env_text(ENV_TMPDIR));
	ck_assert_int_eq(env_parse(ENV_TMPDIR, "/var/tmp"), 0);
	ck_assert_str_eq(env_text(ENV_TMPDIR), "/var/tmp");
	unset_all();
}
END_TEST

/* A bad value of the program's own knob fails; COLUMNS only warns. */
START_TEST(test_read)
{
	unset_all();
	setenv("COLUMNS", "5", 1);
	setenv("NO_COLOR", "1", 1);
	setenv("VMASCOPE_PAGEMAP", "", 1);
	ck_assert_int_eq(env_read(), 0);
	ck_assert(!env_is_set(ENV_COLUMNS));
	ck_assert_int_eq(env_number(ENV_COLUMNS), 80);
	ck_assert(env_is_set(ENV_NO_COLOR));
	ck_assert(!env_is_set(ENV_PAGEMAP));
	setenv("VMASCOPE_CACHE", "bogus", 1);
	ck_assert_int_eq(env_read(), -1);
	ck_assert(!env_is_set(ENV_CACHE));
	setenv("VMASCOPE_CACHE", "mincore", 1);
	ck_assert_int_eq(env_read(), 0);
	ck_assert_int_eq(env_choice(ENV_CACHE), CACHE_MINCORE);
	unset_all();
}
END_TEST

Suite *env_suite(void)
{
	Suite *s = suite_create("env");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_choices);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_read);
	suite_add_tcase(s, tc);
	return s;
}
