// SPDX-License-Identifier: GPL-2.0-or-later
/* The read-ahead stream gives the file's bytes, in order, small or big,
 * and a read error as an error. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "read/readahead.h"
#include "suites.h"

static unsigned char pattern(size_t i);

/* A temporary file of n bytes of a known pattern: its fd, at offset 0. */
static int pattern_file(size_t n)
{
	char path[] = "/tmp/vmascope-ra.XXXXXX";
	int fd = mkstemp(path);
	size_t i;
	FILE *f;

	ck_assert_int_ge(fd, 0);
	unlink(path);
	f = fdopen(dup(fd), "w");
	for (i = 0; i < n; i++)
		fputc(pattern(i), f);
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)((i * 7 + i / 4093) & 0xff);
}

static void check_size(size_t n)
{
	FILE *f = readahead_fdopen(pattern_file(n));
	size_t i = 0, bad = 0;
	int ch;

	ck_assert_ptr_nonnull(f);
	/* getc and fread mixed, as the readers do */
	while ((ch = getc(f)) != EOF) {
		unsigned char buf[5000];
		size_t k, got;

		bad += ch != pattern(i++);
		got = fread(buf, 1, sizeof(buf), f);
		for (k = 0; k < got; k++)
			bad += buf[k] != pattern(i++);
	}
	ck_assert(!ferror(f));
	ck_assert_uint_eq(i, n);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_sizes)
{
	/* empty, small (read in place), and past the in-place part: the
	 * thread's buffers, whole and cut */
	static const size_t sizes[] = { 0, 1, 4096, 300000, 1 << 20,
					(3 << 20) + 12345 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_size(sizes[i]);
}
END_TEST

START_TEST(test_error)
{
	/* A directory cannot be read: the error reaches the caller. */
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = readahead_fdopen(fd);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(getc(f), EOF);
	ck_assert(ferror(f));
	ck_assert_int_eq(errno, EISDIR);
	fclose(f);
}
END_TEST

Suite *readahead_suite(void)
{
	Suite *s = suite_create("readahead");
	TCase *tc = tcase_create("stream");

	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_error);
	suite_add_tcase(s, tc);
	return s;
}
