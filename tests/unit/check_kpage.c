// SPDX-License-Identifier: GPL-2.0-or-later
/* The kpage reader over synthetic kpageflags/kpagecount/kpagecgroup. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/kpage.h"
#include "suites.h"
#include "lib/util.h"

#define NPFN 100000

static char root[64];
static struct procfs proc;

static uint64_t val(int file, uint64_t pfn)
{
	return pfn * 3 + (uint64_t)file * 1000000007ULL;
}

static void write_file(const char *name, int file, size_t n)
{
	uint64_t *buf = xmalloc(n * 8);
	char path[128];
	size_t i;
	FILE *f;

	for (i = 0; i < n; i++)
		buf[i] = val(file, i);
	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 8, n, f), n);
	fclose(f);
	free(buf);
}

static void setup(void)
{
	strcpy(root, "/tmp/vmascope-kpage.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	write_file("kpageflags", 0, NPFN);
	write_file("kpagecount", 1, NPFN);
	ck_assert_int_eq(procfs_open(&proc, root), 0);
}

static void teardown(void)
{
	char cmd[128];

	procfs_close(&proc);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* The end of a file, found by probing: exactly its entries. */
START_TEST(test_file_end)
{
	struct kpage k;

	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_COUNT);
	ck_assert_int_eq(kpage_file_end(&k, 0), NPFN);
	ck_assert_int_eq(kpage_file_end(&k, 1), NPFN);
	ck_assert_int_eq(kpage_file_end(&k, 2), -EBADF);
	kpage_close(&k);
}
END_TEST

START_TEST(test_lookup_unsorted)
{
	uint64_t pfns[] = { 99999, 5, 70000, 5, 6, 64, 200, 0, 100000, 123456 };
	struct kpage_info info[10];
	struct kpage k;
	size_t i;

	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_COUNT);
	ck_assert_uint_eq(k.avail, KPAGE_FLAGS | KPAGE_COUNT);
	ck_assert_int_eq(kpage_lookup(&k, pfns, 10, info), 0);
	for (i = 0; i < 10; i++) {
		bool in = pfns[i] < NPFN;

		ck_assert_uint_eq(info[i].flags, in ? val(0, pfns[i]) : 0);
		ck_assert_uint_eq(info[i].count, in ? val(1, pfns[i]) : 0);
		ck_assert_uint_eq(info[i].cgroup, 0);
	}
	kpage_close(&k);
}
END_TEST

START_TEST(test_lookup_many)
{
	size_t n = 50000, i;
	uint64_t *pfns = xmalloc(n * 8);
	struct kpage_info *info = xmalloc(n * sizeof(*info));
	unsigned int seed = 7;
	struct kpage k;

	for (i = 0; i < n; i++)
		pfns[i] = (uint64_t)rand_r(&seed) % NPFN;
	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_COUNT);
	ck_assert_int_eq(kpage_lookup(&k, pfns, n, info), 0);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(info[i].flags, val(0, pfns[i]));
		ck_assert_uint_eq(info[i].count, val(1, pfns[i]));
	}
	kpage_close(&k);
	free(pfns);
	free(info);
}
END_TEST

START_TEST(test_missing_file)
{
	uint64_t pfn = 42;
	struct kpage_info info;
	struct kpage k;

	/* kpagecgroup is absent from the tree: a warning, not an error. */
	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_CGROUP);
	ck_assert_uint_eq(k.avail, KPAGE_FLAGS);
	ck_assert_int_eq(kpage_lookup(&k, &pfn, 1, &info), 0);
	ck_assert_uint_eq(info.flags, val(0, 42));
	ck_assert_uint_eq(info.cgroup, 0);
	kpage_close(&k);
}
END_TEST

START_TEST(test_range)
{
	struct kpage_info info[64];
	struct kpage k;
	ssize_t n;
	int i;

	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_COUNT);
	n = kpage_read_range(&k, NPFN - 10, 64, info);
	ck_assert_int_eq(n, 10);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(info[i].count, val(1, NPFN - 10 + i));
	ck_assert_uint_eq(info[10].flags, 0);
	ck_assert_int_eq(kpage_read_range(&k, NPFN, 8, info), 0);
	/* An offset past what off_t holds is refused, not wrapped. */
	ck_assert_int_lt(kpage_read_range(&k, UINT64_MAX / 4, 8, info), 0);
	kpage_close(&k);
}
END_TEST

Suite *kpage_suite(void)
{
	Suite *s = suite_create("kpage");
	TCase *tc = tcase_create("synthetic");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lookup_unsorted);
	tcase_add_test(tc, test_file_end);
	tcase_add_test(tc, test_lookup_many);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_range);
	suite_add_tcase(s, tc);
	return s;
}
