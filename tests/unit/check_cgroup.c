// SPDX-License-Identifier: GPL-2.0-or-later
/* Memory cgroup inode → path, on a directory tree made here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/cgroup.h"
#include "suites.h"

static char root[] = "/tmp/vmascope-cg.XXXXXX";

static uint64_t ino_of(const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	ck_assert_int_eq(stat(path, &st), 0);
	return (uint64_t)st.st_ino;
}

static void mk(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
}

START_TEST(test_paths)
{
	struct cgmap m;
	FILE *f;
	char path[256];

	ck_assert_ptr_nonnull(mkdtemp(root));
	mk("/system.slice");
	mk("/system.slice/a b.service");
	mk("/user.slice");
	/* a file is no cgroup */
	snprintf(path, sizeof(path), "%s/user.slice/memory.stat", root);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);

	cgmap_init_dir(&m, root);
	ck_assert_str_eq(cgmap_path(&m, ino_of("")), "/");
	ck_assert_str_eq(cgmap_path(&m, ino_of("/system.slice/a b.service")),
			 "/system.slice/a b.service");
	ck_assert_str_eq(cgmap_path(&m, ino_of("/user.slice")), "/user.slice");
	ck_assert_ptr_null(cgmap_path(&m, ino_of("/user.slice/memory.stat")));
	ck_assert_ptr_null(cgmap_path(&m, 0));
	ck_assert_uint_eq(m.n, 4);
	cgmap_free(&m);
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

START_TEST(test_mountinfo)
{
	int v1 = -1;
	char *mnt;

	mnt = cgmap_parse_mountinfo("35 31 0:32 / /sys/fs/cgroup/memory "
				    "rw,relatime - cgroup cgroup rw,memory\n",
				    &v1);
	ck_assert_str_eq(mnt, "/sys/fs/cgroup/memory");
	ck_assert_int_eq(v1, 1);
	free(mnt);
	mnt = cgmap_parse_mountinfo("41 31 0:38 / /sys/fs/cgroup/uni\\040fied "
				    "rw shared:9 - cgroup2 cgroup2 rw\n", &v1);
	ck_assert_str_eq(mnt, "/sys/fs/cgroup/uni fied");
	ck_assert_int_eq(v1, 0);
	free(mnt);
	/* another controller, a memory-ish name, no separator */
	ck_assert_ptr_null(cgmap_parse_mountinfo("32 31 0:29 / /c rw - cgroup "
						 "cgroup rw,cpu\n", &v1));
	ck_assert_ptr_null(cgmap_parse_mountinfo("32 31 0:29 / /c rw - cgroup "
						 "cgroup rw,memory_x\n", &v1));
	ck_assert_ptr_null(cgmap_parse_mountinfo("garbage\n", &v1));
}
END_TEST

Suite *cgroup_suite(void)
{
	Suite *s = suite_create("cgroup");
	TCase *tc = tcase_create("resolve");

	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_mountinfo);
	suite_add_tcase(s, tc);
	return s;
}
