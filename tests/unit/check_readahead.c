// SPDX-License-Identifier: GPL-2.0-or-later
/* The read-ahead reader gives the file's bytes, in order, small or big,
 * and a read error as an error. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	struct readahead *ra = readahead_new(pattern_file(n));
	size_t i = 0, bad = 0, k, calls = 0;
	ssize_t got;
	char *p;

	while ((got = readahead_next(ra, &p)) > 0) {
		for (k = 0; k < (size_t)got; k++)
			bad += (unsigned char)p[k] != pattern(i++);
		/* The bytes are the caller's until the next call. */
		memset(p, 0, (size_t)got);
		calls++;
	}
	ck_assert_int_eq(got, 0);
	ck_assert_uint_eq(i, n);
	ck_assert_uint_eq(bad, 0);
	/* The end stays the end. */
	ck_assert_int_eq(readahead_next(ra, &p), 0);
	/* A file past the first buffer comes in several. */
	if (n > 256 * 1024)
		ck_assert_uint_ge(calls, 2);
	readahead_free(ra);
}

START_TEST(test_sizes)
{
	/* empty, small (read in place), and past the in-place part: the
	 * thread's buffers, whole and cut */
	static const size_t sizes[] = { 0, 1, 4096, 256 * 1024, 300000,
					1 << 20, (3 << 20) + 12345 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_size(sizes[i]);
}
END_TEST

START_TEST(test_error)
{
	/* A directory cannot be read: the error reaches the caller. */
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	struct readahead *ra;
	char *p;

	ck_assert_int_ge(fd, 0);
	ra = readahead_new(fd);
	errno = 0;
	ck_assert_int_eq(readahead_next(ra, &p), -1);
	ck_assert_int_eq(errno, EISDIR);
	readahead_free(ra);
}
END_TEST

/* Freed before the end: the thread is stopped, nothing leaks. */
START_TEST(test_free_early)
{
	struct readahead *ra = readahead_new(pattern_file(3 << 20));
	char *p;

	ck_assert_int_gt(readahead_next(ra, &p), 0);
	ck_assert_int_gt(readahead_next(ra, &p), 0);
	readahead_free(ra);
}
END_TEST

Suite *readahead_suite(void)
{
	Suite *s = suite_create("readahead");
	TCase *tc = tcase_create("stream");

	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_error);
	tcase_add_test(tc, test_free_early);
	suite_add_tcase(s, tc);
	return s;
}
