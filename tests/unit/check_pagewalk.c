// SPDX-License-Identifier: GPL-2.0-or-later
/* The page walker's accumulators, on synthetic pagemap entries and frames. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/kpf.h"
#include "walk/pagewalk.h"
#include "suites.h"
#include "lib/util.h"

#define PSZ 4096ULL
#define PRESENT(pfn) (PM_PRESENT | (pfn))

static struct kpage_info frame(uint64_t flags, uint64_t count)
{
	struct kpage_info ki = { flags, count, 0 };

	return ki;
}

START_TEST(test_private_anon)
{
	struct vma_pages p = { 0 };
	struct kpage_info ki = frame(KPF(ANON) | KPF(DIRTY) | KPF(ACTIVE), 1);

	pagewalk_account(&p, PRESENT(100), &ki, PSZ);
	ck_assert_uint_eq(p.rss, PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ);
	ck_assert_uint_eq(p.uss, PSZ);
	ck_assert_uint_eq(p.anon, PSZ);
	ck_assert_uint_eq(p.file, 0);
	ck_assert_uint_eq(p.dirty, PSZ);
	ck_assert_uint_eq(p.active, PSZ);
	ck_assert_uint_eq(p.referenced, 0);
}
END_TEST

/* Three pages shared three ways: 4096 bytes, not 3 x 1365. */
START_TEST(test_pss_rounded_once)
{
	struct vma_pages p = { 0 };
	struct kpage_info ki = frame(KPF(MMAP) | KPF(LRU), 3);
	int i;

	for (i = 0; i < 3; i++)
		pagewalk_account(&p, PRESENT(200 + i), &ki, PSZ);
	ck_assert_uint_eq(p.rss, 3 * PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ);
	ck_assert_uint_eq(p.uss, 0);
	ck_assert_uint_eq(p.file, 3 * PSZ);
}
END_TEST

START_TEST(test_zero_hugetlb_unmapped)
{
	struct vma_pages p = { 0 };
	struct kpage_info zero = frame(KPF(ZERO_PAGE) | KPF(MMAP), 0);
	struct kpage_info huge = frame(KPF(HUGE) | KPF(COMPOUND_HEAD), 1);
	struct kpage_info gone = frame(KPF(ANON) | KPF(LRU), 0);

	pagewalk_account(&p, PRESENT(1), &zero, PSZ);
	pagewalk_account(&p, PRESENT(2), &huge, PSZ);
	pagewalk_account(&p, PRESENT(3), &gone, PSZ);
	ck_assert_uint_eq(p.zero, PSZ);
	ck_assert_uint_eq(p.hugetlb, PSZ);
	ck_assert_uint_eq(p.rss, 0);
	ck_assert_uint_eq(p.pss_fp, 0);
	ck_assert_uint_eq(p.anon, 0);
}
END_TEST

START_TEST(test_locked_thp_ksm)
{
	struct vma_pages p = { 0 };
	struct kpage_info lk = frame(KPF(ANON) | KPF(MLOCKED) |
				     KPF(UNEVICTABLE), 2);
	struct kpage_info thp = frame(KPF(ANON) | KPF(THP) |
				      KPF(COMPOUND_TAIL), 1);
	struct kpage_info ksm = frame(KPF(ANON) | KPF(KSM), 4);

	pagewalk_account(&p, PRESENT(10), &lk, PSZ);
	pagewalk_account(&p, PRESENT(11), &thp, PSZ);
	pagewalk_account(&p, PRESENT(12), &ksm, PSZ);
	ck_assert_uint_eq(pss_bytes(p.locked_fp), PSZ / 2);
	ck_assert_uint_eq(p.thp, PSZ);
	ck_assert_uint_eq(p.ksm, PSZ);
	ck_assert_uint_eq(p.anon, 3 * PSZ);
	ck_assert_uint_eq(pss_bytes(p.pss_fp), PSZ / 2 + PSZ + PSZ / 4);
	ck_assert_uint_eq(p.uss, PSZ);
}
END_TEST

START_TEST(test_swap_guard_hidden)
{
	struct vma_pages p = { 0 };

	pagewalk_account(&p, PM_SWAPPED | (5ULL << 5) | 1, NULL, PSZ);
	pagewalk_account(&p, PM_SWAPPED | PM_GUARD, NULL, PSZ);
	/* PFNs hidden: present pages count in RSS, nothing else. */
	pagewalk_account(&p, PM_PRESENT | PM_FILE, NULL, PSZ);
	pagewalk_account(&p, PM_PRESENT, NULL, PSZ);
	ck_assert_uint_eq(p.swap, PSZ);
	ck_assert_uint_eq(p.rss, 2 * PSZ);
	ck_assert_uint_eq(p.pss_fp, 0);
	ck_assert_uint_eq(p.file, 0);
}
END_TEST

START_TEST(test_pss_bytes)
{
	ck_assert_uint_eq(pss_bytes(0), 0);
	ck_assert_uint_eq(pss_bytes((1ULL << VMA_PSS_SHIFT) - 1), 1);
	ck_assert_uint_eq(pss_bytes((1ULL << (VMA_PSS_SHIFT - 1)) - 1), 0);
	ck_assert_uint_eq(pss_bytes(PSZ << VMA_PSS_SHIFT), PSZ);
}
END_TEST

/*
 * A walk over a synthetic tree (1/pagemap, kpageflags, kpagecount) of 48
 * pages fork left behind, in one VMA:
 *	0-15	4K pages with consecutive frames from a multiple of 16, not a
 *		folio (the folio path's block test fails), counts 1..4
 *	16-31	4K pages on scattered frames, counts 1..3; 16 and 17 say
 *		exclusive (count 1, and 0: unmapped since)
 *	32-47	a large folio's first 16 pages under a PMD: every entry says
 *		exclusive (copied from the first page), but only the first
 *		page is mapped once
 * The counters must be the kernel's per-page sums, folio path or not.
 */
#define WALK_VA 0x100000ULL
#define WALK_PAGES 48
#define WALK_NPFN 0x3100

static char walk_root[64];

static void walk_write(const char *name, const uint64_t *v, size_t n,
		       off_t at)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", walk_root, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseeko(f, at, SEEK_SET), 0);
	ck_assert_uint_eq(fwrite(v, 8, n, f), n);
	fclose(f);
}

static uint64_t walk_pfn(size_t i)
{
	if (i < 16)
		return 0x1000 + i;
	if (i < 32)
		return 0x2000 + 3 * i;
	return 0x3000 + (i - 32);
}

static uint64_t walk_count(size_t i)
{
	if (i < 16)
		return 1 + (i * 7) % 4;
	if (i == 16)
		return 1;
	if (i == 17)
		return 0;
	if (i < 32)
		return 1 + (i * 5) % 3;
	return i == 32 ? 1 : 2;
}

static void walk_tree(void)
{
	uint64_t *flags = xcalloc(WALK_NPFN, 8), *count = xcalloc(WALK_NPFN, 8);
	uint64_t pm[WALK_PAGES];
	char dir[80];
	size_t i;

	strcpy(walk_root, "/tmp/vmascope-walk.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(walk_root));
	snprintf(dir, sizeof(dir), "%s/1", walk_root);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	for (i = 0; i < WALK_PAGES; i++) {
		uint64_t pfn = walk_pfn(i);

		pm[i] = PM_PRESENT | pfn;
		if (i >= 32 || i == 16 || i == 17)
			pm[i] |= PM_EXCLUSIVE;
		flags[pfn] = KPF(ANON) | KPF(LRU) | KPF(MMAP);
		if (i >= 32)
			flags[pfn] |= KPF(THP) | (i == 32 ? KPF(COMPOUND_HEAD) :
						  KPF(COMPOUND_TAIL));
		if (i == 17)
			flags[pfn] &= ~KPF(MMAP);
		count[pfn] = walk_count(i);
	}
	walk_write("1/pagemap", pm, WALK_PAGES,
		   (off_t)(WALK_VA / PSZ * 8));
	walk_write("kpageflags", flags, WALK_NPFN, 0);
	walk_write("kpagecount", count, WALK_NPFN, 0);
	free(flags);
	free(count);
}

static void walk_once(bool folio, struct vma_pages *out)
{
	struct procfs proc;
	struct pagemap pm;
	struct kpage k;
	struct vma_list l = { 0 };
	struct vma *v = vma_list_add(&l);

	v->start = WALK_VA;
	v->end = WALK_VA + WALK_PAGES * PSZ;
	v->perms = VMA_READ | VMA_WRITE;
	v->kind = VMA_KIND_ANON;
	ck_assert_int_eq(procfs_open(&proc, walk_root), 0);
	ck_assert_int_eq(pagemap_open(&pm, &proc, 1), 0);
	kpage_open(&k, &proc, KPAGE_FLAGS | KPAGE_COUNT);
	pagewalk_set_folio(folio);
	ck_assert_int_eq(pagewalk_vmas(&pm, &k, &l), 0);
	*out = l.v[0].pages;
	ck_assert(l.v[0].has_pages && out->frames);
	kpage_close(&k);
	pagemap_close(&pm);
	procfs_close(&proc);
	vma_list_free(&l);
}

START_TEST(test_walk_fork_shared)
{
	uint64_t rss = 0, uss = 0, pss = 0;
	struct vma_pages p;
	char cmd[128];
	size_t i;
	int folio;

	if (PSZ != (uint64_t)sysconf(_SC_PAGESIZE))
		return;
	walk_tree();
	for (i = 0; i < WALK_PAGES; i++) {
		uint64_t c = walk_count(i);

		if (!c)
			continue;
		rss += PSZ;
		uss += c == 1 ? PSZ : 0;
		pss += (PSZ << VMA_PSS_SHIFT) / c;
	}
	for (folio = 0; folio < 2; folio++) {
		walk_once(folio, &p);
		ck_assert_uint_eq(p.rss, rss);
		ck_assert_uint_eq(p.uss, uss);
		ck_assert_uint_eq(p.pss_fp, pss);
		ck_assert_uint_eq(p.thp, 16 * PSZ);
	}
	pagewalk_set_folio(true);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", walk_root);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *pagewalk_suite(void)
{
	Suite *s = suite_create("pagewalk");
	TCase *tc = tcase_create("account");

	tcase_add_test(tc, test_private_anon);
	tcase_add_test(tc, test_pss_rounded_once);
	tcase_add_test(tc, test_zero_hugetlb_unmapped);
	tcase_add_test(tc, test_locked_thp_ksm);
	tcase_add_test(tc, test_swap_guard_hidden);
	tcase_add_test(tc, test_pss_bytes);
	tcase_add_test(tc, test_walk_fork_shared);
	suite_add_tcase(s, tc);
	return s;
}
