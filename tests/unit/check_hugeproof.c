// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Huge ranges proven mapped once by smaps' sums (hugeproof.c), on a
 * synthetic PID/smaps, and when proving is worth a read of smaps.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk/hugeproof.h"
#include "suites.h"

#define PSZ 4096ULL
#define HUGE_PAGES 1024ULL	/* 4 MiB under PMDs per VMA */

static char root[64];
static struct procfs proc;

/* One smaps entry: [start, end) with these kB values; ahp < 0: no key. */
static void entry(FILE *f, uint64_t start, uint64_t end, uint64_t rss,
		  uint64_t priv, long long ahp)
{
	fprintf(f, "%llx-%llx rw-p 00000000 00:00 0\n",
		(unsigned long long)start, (unsigned long long)end);
	fprintf(f, "Size: %llu kB\nRss: %llu kB\nPss: %llu kB\n",
		(unsigned long long)(end - start) / 1024,
		(unsigned long long)rss, (unsigned long long)priv);
	fprintf(f, "Shared_Clean: 0 kB\nShared_Dirty: %llu kB\n",
		(unsigned long long)(rss - priv));
	fprintf(f, "Private_Clean: 0 kB\nPrivate_Dirty: %llu kB\n",
		(unsigned long long)priv);
	if (ahp >= 0)
		fprintf(f, "AnonHugePages: %lld kB\n", ahp);
	fputs("VmFlags: rd wr mr mw me ac\n", f);
}

static void setup(void)
{
	char path[128];
	FILE *f;
	const uint64_t g = 1ULL << 30, h = HUGE_PAGES * PSZ / 1024;

	strcpy(root, "/tmp/vmascope-hugeproof.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/42", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/42/smaps", root);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	/* 1: proven: 8 kB walked, 4 kB of it private, plus h */
	entry(f, 1 * g, 1 * g + 64 * 1024 * 1024, 8 + h, 4 + h, (long long)h);
	/* 2: one unread page mapped twice: Private short by 4 kB */
	entry(f, 2 * g, 2 * g + 64 * 1024 * 1024, 8 + h, h, (long long)h);
	/* 3: the VMA changed: smaps' ends elsewhere */
	entry(f, 3 * g, 3 * g + 32 * 1024 * 1024, 8 + h, 4 + h, (long long)h);
	/* 4: a kernel without AnonHugePages */
	entry(f, 4 * g, 4 * g + 64 * 1024 * 1024, 8 + h, 4 + h, -1);
	/* 5: AnonHugePages short: part of it was read as 4K pages */
	entry(f, 5 * g, 5 * g + 64 * 1024 * 1024, 8 + h, 4 + h,
	      (long long)h - 2048);
	/* 6: nothing deferred there */
	entry(f, 6 * g, 6 * g + 64 * 1024 * 1024, 8 + h, 4 + h, (long long)h);
	fclose(f);
	snprintf(path, sizeof(path), "%s/43", root);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/43/smaps", root);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("this is not smaps\n", f);
	fclose(f);
	ck_assert_int_eq(procfs_open(&proc, root), 0);
}

static void teardown(void)
{
	char cmd[128];

	procfs_close(&proc);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* VMAs 1..6 as the walk left them: 8 kB read, 4 kB of it USS. */
static void walked(struct vma_list *l, uint64_t *deferred)
{
	size_t i;

	for (i = 1; i <= 6; i++) {
		struct vma *v = vma_list_add(l);

		v->start = i << 30;
		v->end = v->start + 64 * 1024 * 1024;
		v->pages.rss = 8 * 1024;
		v->pages.uss = 4 * 1024;
		deferred[i - 1] = i == 6 ? 0 : HUGE_PAGES;
	}
}

static struct pagemap pm_of(pid_t pid)
{
	struct pagemap pm = { .fd = -1, .pid = pid, .proc = &proc,
			      .page_size = PSZ };

	return pm;
}

START_TEST(test_proofs)
{
	static const bool want[6] = { true, false, false, false, false, false };
	struct vma_list l = { 0 };
	uint64_t deferred[6];
	bool proven[6] = { false };
	struct pagemap pm = pm_of(42);
	size_t i;

	walked(&l, deferred);
	ck_assert_int_eq(hugeproof_read(&pm, &l, deferred, proven), 0);
	for (i = 0; i < 6; i++)
		ck_assert_msg(proven[i] == want[i], "VMA %zu: proven %d",
			      i + 1, proven[i]);
	vma_list_free(&l);
}
END_TEST

/* Gone: said so; malformed or unreadable: nothing proven, no error. */
START_TEST(test_gone_or_malformed)
{
	struct vma_list l = { 0 };
	uint64_t deferred[6];
	bool proven[6] = { false };
	struct pagemap gone = pm_of(44), bad = pm_of(43);
	size_t i;

	walked(&l, deferred);
	ck_assert_int_eq(hugeproof_read(&gone, &l, deferred, proven),
			 -ENOENT);
	ck_assert_int_eq(hugeproof_read(&bad, &l, deferred, proven), 0);
	for (i = 0; i < 6; i++)
		ck_assert(!proven[i]);
	vma_list_free(&l);
}
END_TEST

START_TEST(test_worth)
{
	/* A 4 GiB THP process: smaps is a fraction of 1M entries. */
	ck_assert(hugeproof_worth(2000, 25, 1ULL << 20));
	/* Beside 4 GiB of 4K pages smaps would cost more. */
	ck_assert(!hugeproof_worth(1ULL << 20, 25, 1ULL << 20));
	/* One huge page is read, not proven. */
	ck_assert(!hugeproof_worth(2000, 25, 512));
	ck_assert(!hugeproof_worth(0, 0, 0));
}
END_TEST

Suite *hugeproof_suite(void)
{
	Suite *s = suite_create("hugeproof");
	TCase *tc = tcase_create("proof");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_proofs);
	tcase_add_test(tc, test_gone_or_malformed);
	tcase_add_test(tc, test_worth);
	suite_add_tcase(s, tc);
	return s;
}
