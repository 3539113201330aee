// SPDX-License-Identifier: GPL-2.0-or-later
/* Libraries opened on demand: cairo, libarchive, libelf, zlib and
 * terminfo by their sonames, and a library that is not there refused once
 * and for good. */
#include "config.h"

#include <check.h>
#include <stdio.h>

#include "lib/archive-dl.h"
#include "lib/crc.h"
#include "lib/dl.h"
#include "lib/zlib-dl.h"
#include "read/elfimage.h"
#include "show/cairo-dl.h"
#include "suites.h"
/* Last: term.h defines macros (columns, lines) that clash with names. */
#include "show/tinfo-dl.h"

START_TEST(test_sonames)
{
	/* The sonames written in the code are those of this machine. */
	ck_assert_int_eq(vms_cairo_open(), 0);
	ck_assert_int_eq(vms_archive_open(), 0);
	ck_assert_ptr_nonnull(vms_dl_cairo_create);
	ck_assert_ptr_nonnull(vms_dl_archive_read_new);
	/* A second call does not open again, and still succeeds. */
	ck_assert_int_eq(vms_cairo_open(), 0);
	/* The pointers are the library's own functions. */
	ck_assert_str_eq(cairo_status_to_string(CAIRO_STATUS_SUCCESS),
			 "no error has occurred");
}
END_TEST

START_TEST(test_core_sonames)
{
	/* Not linked, so opened here: libelf, zlib, terminfo. */
	ck_assert_int_eq(vms_elf_open("a test"), 0);
	ck_assert_int_eq(crc_open(), 0);
	ck_assert_int_eq(vms_tinfo_open("a test"), 0);
	ck_assert_ptr_nonnull(vms_dl_crc32_z);
	ck_assert_ptr_nonnull(vms_dl_setupterm);
	/* zlib's own CRC-32 of the standard check string. */
	ck_assert_uint_eq(crc32_z(0, (const unsigned char *)"123456789", 9),
			  0xcbf43926);
	/* terminfo's own: an unknown capability is refused with -2. */
	ck_assert_int_eq(tigetnum("vmascope-none"), -2);
}
END_TEST

static void *missing_fn;

START_TEST(test_missing)
{
	static const struct vms_dl_sym syms[] = {
		{ "vms_no_such_function", &missing_fn },
	};
	void *h = NULL;

	ck_assert_int_eq(vms_dl_open(&h, "libvmascope-none.so.0", syms, 1,
				     "a test"), -1);
	ck_assert_ptr_null(missing_fn);
	/* Refused once, refused again without a second message. */
	ck_assert_int_eq(vms_dl_open(&h, "libvmascope-none.so.0", syms, 1,
				     "a test"), -1);
	/* A library that is there, a symbol that is not. */
	h = NULL;
	ck_assert_int_eq(vms_dl_open(&h, "libc.so.6", syms, 1, "a test"), -1);
	ck_assert_ptr_null(missing_fn);
}
END_TEST

Suite *dl_suite(void)
{
	Suite *s = suite_create("dl");
	TCase *tc = tcase_create("open");

	tcase_add_test(tc, test_sonames);
	tcase_add_test(tc, test_core_sonames);
	tcase_add_test(tc, test_missing);
	suite_add_tcase(s, tc);
	return s;
}
