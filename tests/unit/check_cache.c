// SPDX-License-Identifier: GPL-2.0-or-later
/* The page cache measures (cache.c), the cache columns and --top's heap. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/magic.h>

#include "walk/cacheby.h"
#include "show/cachecols.h"
#include "suites.h"

static char dir[] = "/tmp/vmascope-check-cache.XXXXXX";
static char path[64];

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
}

static void teardown(void)
{
	char p[80];

	snprintf(p, sizeof(p), "%s/fifo", dir);
	unlink(p);
	unlink(path);
	rmdir(dir);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	cache_set_method(CACHE_AUTO);
}

START_TEST(test_method_parse)
{
	enum cache_method m;

	ck_assert_int_eq(cache_method_parse("auto", &m), 0);
	ck_assert_int_eq(m, CACHE_AUTO);
	ck_assert_int_eq(cache_method_parse("mincore", &m), 0);
	ck_assert_int_eq(m, CACHE_MINCORE);
	ck_assert_int_eq(cache_method_parse("cachestat", &m), 0);
	ck_assert_int_eq(m, CACHE_CACHESTAT);
	ck_assert_int_eq(cache_method_parse("fincore", &m), -1);
	ck_assert_int_eq(cache_method_parse("", &m), -1);
}
END_TEST

START_TEST(test_fs_names)
{
	ck_assert_str_eq(cache_fs_name(TMPFS_MAGIC), "tmpfs");
	ck_assert_str_eq(cache_fs_name(EXT4_SUPER_MAGIC), "ext4");
	ck_assert_ptr_null(cache_fs_name(0x12345678));
	ck_assert(cache_fs_pseudo(PROC_SUPER_MAGIC));
	ck_assert(cache_fs_pseudo(SYSFS_MAGIC));
	ck_assert(!cache_fs_pseudo(TMPFS_MAGIC));
	ck_assert(!cache_fs_pseudo(0x12345678));
	/* f_type is a long: a magic with the top bit set still matches */
	ck_assert_str_eq(cache_fs_name((long)(int)0xFF534D42), "cifs");
}
END_TEST

/* Never opened: a FIFO would block an open without O_NONBLOCK. */
START_TEST(test_open_refuses)
{
	const char *why;
	struct stat st;
	char p[80];

	snprintf(p, sizeof(p), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	ck_assert_int_eq(cache_open(AT_FDCWD, p, false, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a FIFO");
	ck_assert_int_eq(cache_open(AT_FDCWD, dir, false, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a directory");
	ck_assert_int_eq(cache_open(AT_FDCWD, "/dev/null", false, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a character device");
	ck_assert_int_eq(cache_open(AT_FDCWD, path, false, &st, &why),
			 -ENOENT);
	ck_assert_str_eq(cache_strerror(EMEDIUMTYPE), "not a regular file");
}
END_TEST

/*
 * A walk's entry of a known type (d_type): any type but DT_REG is refused
 * unopened; a DT_REG that is no longer regular (replaced after the
 * directory was read) is opened O_NONBLOCK (a FIFO does not block: the
 * test would hang) and closed unmeasured; a symbolic link is not
 * followed; DT_UNKNOWN is stat'ed first, as cache_open does.
 */
START_TEST(test_open_typed)
{
	const char *why;
	struct stat st;
	char p[80];
	int fd, n;

	snprintf(p, sizeof(p), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	close(open(path, O_WRONLY | O_CREAT, 0600));
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, p, DT_FIFO, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a FIFO");
	/* the type is believed: not even a regular file is opened */
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, path, DT_CHR, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a character device");
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, path, DT_SOCK, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a socket");
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, p, DT_REG, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a FIFO");
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, "/dev/null", DT_REG, &st,
					  &why), -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a character device");
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, p, DT_UNKNOWN, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a FIFO");
	/* none of them left a descriptor open */
	fd = open("/dev/null", O_RDONLY);
	n = fd;
	close(fd);
	fd = cache_open_typed(AT_FDCWD, path, DT_REG, &st, &why);
	ck_assert_int_eq(fd, n);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_ptr_null(why);
	ck_assert(fcntl(fd, F_GETFL) & O_NONBLOCK);
	/* the owner's file: O_NOATIME where permitted */
	if (st.st_uid == geteuid())
		ck_assert(fcntl(fd, F_GETFL) & O_NOATIME);
	close(fd);
	unlink(p);
	ck_assert_int_eq(symlink(path, p), 0);
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, p, DT_REG, &st, &why),
			 -ENOENT);
	ck_assert_int_eq(cache_open_typed(AT_FDCWD, p, DT_UNKNOWN, &st, &why),
			 -EMEDIUMTYPE);
	ck_assert_str_eq(why, "a symbolic link");
}
END_TEST

/* 64 pages written, dropped, pages [8, 24) read back: 16 cached. */
static int known_file(void)
{
	long psz = sysconf(_SC_PAGESIZE);
	char *buf = malloc((size_t)psz * 64);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	memset(buf, 'x', (size_t)psz * 64);
	ck_assert_int_eq(write(fd, buf, (size_t)psz * 64), psz * 64);
	ck_assert_int_eq(fsync(fd), 0);
	ck_assert_int_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
	ck_assert_int_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM), 0);
	ck_assert_int_eq(pread(fd, buf, (size_t)psz * 16, psz * 8), psz * 16);
	free(buf);
	return fd;
}

/* The test's own count: its mapping, mincore, resident pages. */
static uint64_t own_mincore(int fd, size_t pages)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE), i;
	unsigned char vec[64];
	uint64_t n = 0;
	void *p = mmap(NULL, pages * psz, PROT_READ, MAP_SHARED, fd, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mincore(p, pages * psz, vec), 0);
	munmap(p, pages * psz);
	for (i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

START_TEST(test_measure_methods)
{
	long psz = sysconf(_SC_PAGESIZE);
	struct cache_counts a, b;
	const char *why;
	struct stat st;
	int fd = known_file(), rd, rc;
	uint64_t own;

	rd = cache_open(AT_FDCWD, path, true, &st, &why);
	ck_assert_int_ge(rd, 0);
	ck_assert_int_eq(st.st_size, psz * 64);
	/* the range read is cached; a page the drop could not take (still
	 * in another CPU's LRU batch) may be too: count it ourselves */
	own = own_mincore(rd, 64);
	ck_assert_uint_ge(own, 16);
	cache_set_method(CACHE_MINCORE);
	ck_assert_int_eq(cache_measure(rd, (uint64_t)st.st_size, &a), 0);
	ck_assert_uint_eq(a.cached, own);
	ck_assert_uint_eq(a.dirty, 0);
	cache_set_method(CACHE_AUTO);
	rc = cache_measure(rd, (uint64_t)st.st_size, &b);
	ck_assert_int_ge(rc, 0);
	ck_assert_uint_eq(b.cached, own);
	if (rc == 1)	/* cachestat: written back, none dirty */
		ck_assert_uint_eq(b.dirty, 0);
	/* an empty file: nothing to map, nothing cached */
	cache_set_method(CACHE_MINCORE);
	ck_assert_int_eq(cache_measure(rd, 0, &a), 0);
	ck_assert_uint_eq(a.cached, 0);
	close(rd);
	close(fd);
}
END_TEST

static struct cache_file file(const char *name, uint64_t cached,
			      uint64_t pages)
{
	struct cache_file f;

	memset(&f, 0, sizeof(f));
	f.cgi = -1;
	f.name = strdup(name);
	f.namelen = strlen(name);
	f.c.cached = cached;
	f.pages = pages;
	f.size = pages * (uint64_t)sysconf(_SC_PAGESIZE);
	f.full = true;
	f.dev = 0x801;
	return f;
}

START_TEST(test_fill)
{
	struct cache_file f = file("/a", 1, 3);
	struct vms_cell c;

	memset(&c, 0, sizeof(c));
	cache_fill(&f, CC_PERCENT, &c);
	ck_assert_uint_eq(c.num, 33);
	f.c.cached = 5;		/* pages past EOF: never over 100 */
	cache_fill(&f, CC_PERCENT, &c);
	ck_assert_uint_eq(c.num, 100);
	memset(&c, 0, sizeof(c));
	f.full = false;		/* mincore: CACHED only */
	cache_fill(&f, CC_DIRTY, &c);
	ck_assert(c.null);
	memset(&c, 0, sizeof(c));
	cache_fill(&f, CC_CACHED, &c);
	ck_assert(!c.null);
	ck_assert_uint_eq(c.num, 5 * (uint64_t)sysconf(_SC_PAGESIZE));
	memset(&c, 0, sizeof(c));
	cache_fill(&f, CC_ACTIVE, &c);	/* no --frames */
	ck_assert(c.null);
	memset(&c, 0, sizeof(c));
	cache_fill(&f, CC_DEV, &c);
	ck_assert_str_eq(c.str, "8:1");
	cache_file_free(&f);
}
END_TEST

/* --top 3 of 100 files: the three largest, in a heap of three. */
START_TEST(test_top_heap)
{
	struct cache_ctl ctl;
	uint64_t seen[3];
	size_t i;

	memset(&ctl, 0, sizeof(ctl));
	ctl.top = 3;
	ctl.rank = cache_key;
	ctl.rankcol = CC_CACHED;
	for (i = 0; i < 100; i++) {
		char name[16];
		struct cache_file f;

		snprintf(name, sizeof(name), "/f%zu", i);
		f = file(name, (i * 37) % 100, 100);
		cache_keep(&ctl, &f);
		ck_assert_uint_le(ctl.nrows, 3);
		ck_assert_uint_le(ctl.cap, 64);
	}
	for (i = 0; i < 3; i++)
		seen[i] = ctl.rows[i].c.cached;
	/* a min-heap: the smallest of the kept at the root */
	ck_assert_uint_eq(seen[0], 97);
	ck_assert(seen[1] + seen[2] == 98 + 99);
	for (i = 0; i < ctl.nrows; i++)
		cache_file_free(&ctl.rows[i]);
	free(ctl.rows);
}
END_TEST

START_TEST(test_by_dir)
{
	struct cache_ctl ctl;
	struct cache_rows rows;
	struct cache_file t;
	const char *names[] = { "/x/a", "/y/b", "/x/c", "top" };
	size_t i;

	memset(&ctl, 0, sizeof(ctl));
	ctl.by = CACHE_BY_DIR;
	for (i = 0; i < 4; i++) {
		struct cache_file f = file(names[i], i + 1, 10);

		cache_keep(&ctl, &f);
	}
	cache_group(&ctl, &rows);
	ck_assert_uint_eq(rows.n, 3);
	ck_assert_str_eq(rows.r[0].name, ".");
	ck_assert_uint_eq(rows.r[0].c.cached, 4);
	ck_assert_str_eq(rows.r[1].name, "/x");
	ck_assert_uint_eq(rows.r[1].c.cached, 1 + 3);
	ck_assert_uint_eq(rows.r[1].pages, 20);
	ck_assert_str_eq(rows.r[2].name, "/y");
	cache_total(&ctl, &rows, &t);
	ck_assert_uint_eq(t.c.cached, 10);
	ck_assert(t.group);
	cache_file_free(&t);
	cache_rows_free(&rows);
	for (i = 0; i < ctl.nrows; i++)
		cache_file_free(&ctl.rows[i]);
	free(ctl.rows);
}
END_TEST

Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("measure");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_method_parse);
	tcase_add_test(tc, test_fs_names);
	tcase_add_test(tc, test_open_refuses);
	tcase_add_test(tc, test_open_typed);
	tcase_add_test(tc, test_measure_methods);
	suite_add_tcase(s, tc);
	tc = tcase_create("rows");
	tcase_add_test(tc, test_fill);
	tcase_add_test(tc, test_top_heap);
	tcase_add_test(tc, test_by_dir);
	suite_add_tcase(s, tc);
	return s;
}
