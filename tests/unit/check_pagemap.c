// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pagemap: entry decoding, and the PAGEMAP_SCAN walk against plain reads
 * over a sparse 64 GiB reservation of this very process.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "read/pagemap.h"
#include "suites.h"
#include "lib/util.h"

START_TEST(test_decode)
{
	uint64_t present = PM_PRESENT | PM_EXCLUSIVE | 0x12345;
	uint64_t swapped = PM_SWAPPED | (0x777ULL << 5) | 3;

	ck_assert_uint_eq(pm_pfn(present), 0x12345);
	ck_assert(pm_populated(present));
	ck_assert_uint_eq(pm_swap_type(swapped), 3);
	ck_assert_uint_eq(pm_swap_offset(swapped), 0x777);
	ck_assert(pm_populated(swapped));
	ck_assert(!pm_populated(PM_FILE | PM_SOFT_DIRTY));
	/* The PFN field ends at bit 54: bit 55 is soft-dirty. */
	ck_assert_uint_eq(pm_pfn(PM_SOFT_DIRTY | PM_PRESENT), 0);
}
END_TEST

START_TEST(test_mode_parse)
{
	enum pagemap_mode m;

	ck_assert_int_eq(pagemap_mode_parse("plain", &m), 0);
	ck_assert_int_eq(m, PAGEMAP_PLAIN);
	ck_assert_int_eq(pagemap_mode_parse("scan", &m), 0);
	ck_assert_int_eq(m, PAGEMAP_SCAN_ONLY);
	ck_assert_int_eq(pagemap_mode_parse("auto", &m), 0);
	ck_assert_int_eq(m, PAGEMAP_AUTO);
	ck_assert_int_eq(pagemap_mode_parse("Plain", &m), -1);
	ck_assert_int_eq(pagemap_mode_parse("", &m), -1);
}
END_TEST

/* ---- scan against plain ---- */

#define GiB (1ULL << 30)
#define MiB (1ULL << 20)
#define RESERVE (64 * GiB)

/* The populated entries a walk reported, in order. */
struct seen {
	uint64_t *addr, *ent;
	size_t n, cap;
	uint64_t last;		/* addresses must only go up */
};

static int collect(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct seen *s = arg;
	size_t psz = (size_t)sysconf(_SC_PAGESIZE), i;

	for (i = 0; i < n; i++) {
		uint64_t a = addr + i * psz;

		if (!pm_populated(ents[i]))
			continue;
		ck_assert_msg(!s->n || a > s->last, "page %#lx twice",
			      (unsigned long)a);
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 4096;
			s->addr = xreallocarray(s->addr, s->cap, 8);
			s->ent = xreallocarray(s->ent, s->cap, 8);
		}
		s->addr[s->n] = a;
		s->ent[s->n++] = ents[i];
		s->last = a;
	}
	return 0;
}

static void touch(char *p, size_t len, size_t step)
{
	size_t i;

	for (i = 0; i < len; i += step)
		p[i] = 1;
}

/*
 * A PROT_NONE reservation with, inside it: writable pages here and there,
 * a stretch of every other page (more regions than one PAGEMAP_SCAN call
 * returns), a dense 40 MiB run, read-only pages on the zero page, a THP
 * where the kernel gives one, and the last page.
 */
static char *make_layout(void)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	char *r = mmap(NULL, RESERVE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *thp;
	volatile char sink;
	size_t i;

	if (r == MAP_FAILED)
		return NULL;
	ck_assert_int_eq(mprotect(r + GiB, 8 * GiB, PROT_READ | PROT_WRITE), 0);
	touch(r + GiB, 8 * GiB, 64 * MiB);
	touch(r + 2 * GiB, 3000 * psz, 2 * psz);
	touch(r + 5 * GiB, 40 * MiB, psz);
	ck_assert_int_eq(mprotect(r + 20 * GiB, 4 * MiB, PROT_READ), 0);
	for (i = 0; i < 4 * MiB; i += 3 * psz)
		sink = r[20 * GiB + i];
	(void)sink;
	thp = r + 30 * GiB;
	ck_assert_int_eq(mprotect(thp, 4 * MiB, PROT_READ | PROT_WRITE), 0);
	madvise(thp, 4 * MiB, MADV_HUGEPAGE);
	touch(thp, 4 * MiB, 2 * MiB);
	ck_assert_int_eq(mprotect(r + RESERVE - psz, psz,
				  PROT_READ | PROT_WRITE), 0);
	r[RESERVE - psz] = 1;
	return r;
}

/* What make_layout() populated at least (two of its points overlap). */
static size_t least_populated(void)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);

	return 128 + 1500 + 40 * MiB / psz + (4 * MiB / psz + 2) / 3 +
	       2 + 1 - 2;
}

static void walk_mode(struct pagemap *pm, enum pagemap_mode mode, char *r,
		      struct seen *s)
{
	uint64_t start = (uint64_t)(uintptr_t)r;

	memset(s, 0, sizeof(*s));
	pagemap_set_mode(mode);
	ck_assert_int_eq(pagemap_walk(pm, start, start + RESERVE, collect, s),
			 0);
	pagemap_set_mode(PAGEMAP_AUTO);
}

static void assert_same(const struct seen *a, const struct seen *b,
			const char *what)
{
	size_t i;

	ck_assert_msg(a->n == b->n, "%s: %zu pages against %zu", what, a->n,
		      b->n);
	for (i = 0; i < a->n; i++) {
		ck_assert_msg(a->addr[i] == b->addr[i], "%s: page %zu at %#lx "
			      "against %#lx", what, i,
			      (unsigned long)a->addr[i],
			      (unsigned long)b->addr[i]);
		ck_assert_msg(a->ent[i] == b->ent[i], "%s: entry of %#lx",
			      what, (unsigned long)a->addr[i]);
	}
}

static void seen_free(struct seen *s)
{
	free(s->addr);
	free(s->ent);
}

START_TEST(test_scan_equals_plain)
{
	struct procfs p = { .dirfd = -1 };
	struct seen plain, scan, autom;
	struct pagemap pm;
	char *r;

	if (geteuid() != 0) {
		fprintf(stderr, "scan_equals_plain: skipped, needs root\n");
		return;
	}
	r = make_layout();
	/* valgrind's address space has no room for the 64 GiB reservation. */
	if (!r && getenv("VMASCOPE_VALGRIND")) {
		fprintf(stderr, "scan_equals_plain: skipped under valgrind\n");
		return;
	}
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(procfs_open(&p, "/proc"), 0);
	ck_assert_int_eq(pagemap_open(&pm, &p, getpid()), 0);
	walk_mode(&pm, PAGEMAP_SCAN_ONLY, r, &scan);
	if (pm.scan < 0) {
		fprintf(stderr, "scan_equals_plain: skipped, no PAGEMAP_SCAN\n");
	} else {
		walk_mode(&pm, PAGEMAP_PLAIN, r, &plain);
		walk_mode(&pm, PAGEMAP_AUTO, r, &autom);
		ck_assert_uint_ge(plain.n, least_populated());
		assert_same(&plain, &scan, "scan");
		assert_same(&plain, &autom, "auto");
		seen_free(&plain);
		seen_free(&autom);
	}
	seen_free(&scan);
	pagemap_close(&pm);
	procfs_close(&p);
	munmap(r, RESERVE);
}
END_TEST

Suite *pagemap_suite(void)
{
	Suite *s = suite_create("pagemap");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_mode_parse);
	suite_add_tcase(s, tc);
	tc = tcase_create("scan");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_scan_equals_plain);
	suite_add_tcase(s, tc);
	return s;
}
