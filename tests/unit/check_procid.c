// SPDX-License-Identifier: GPL-2.0-or-later
/* Who a process is (cgroup, unit), how it is grouped and filtered. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "read/procid.h"
#include "walk/procgroup.h"
#include "walk/share.h"
#include "suites.h"
#include "lib/util.h"

static void cgroup_is(const char *text, const char *want)
{
	char *got = procid_cgroup_parse(text, strlen(text));

	if (!want)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_cgroup_parse)
{
	cgroup_is("0::/system.slice/nginx.service\n",
		  "/system.slice/nginx.service");
	/* hybrid: the memory controller's path wins over the unified one */
	cgroup_is("12:pids:/a\n4:memory:/docker/4f\n0::/\n", "/docker/4f");
	cgroup_is("4:cpu,memory:/x\n", "/x");
	cgroup_is("4:memory_other:/x\n0::/y", "/y");	/* no newline */
	cgroup_is("3:cpu:/x\n", NULL);
	cgroup_is("garbage\n::\n", NULL);
	cgroup_is("", NULL);
}
END_TEST

static void unit_is(const char *path, const char *want)
{
	size_t len = 0;
	const char *u = procid_unit(path, &len);

	if (!want) {
		ck_assert_ptr_null(u);
		return;
	}
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(len, strlen(want));
	ck_assert(!memcmp(u, want, len));
}

START_TEST(test_unit)
{
	unit_is("/system.slice/nginx.service", "nginx.service");
	unit_is("/user.slice/user-1000.slice/session-2.scope",
		"session-2.scope");
	unit_is("/user.slice/user-1000.slice/user@1000.service/app.slice/"
		"app-x.scope", "app-x.scope");
	/* a cgroup delegated below a service stays in the service */
	unit_is("/system.slice/docker.service/sub", "docker.service");
	unit_is("/user.slice", NULL);
	unit_is("/", NULL);
	unit_is("/.service", NULL);
	unit_is("/docker/4f1e", NULL);
}
END_TEST

START_TEST(test_cgroup_below)
{
	ck_assert(procid_cgroup_below("/a/b", "/a"));
	ck_assert(procid_cgroup_below("/a", "/a"));
	ck_assert(procid_cgroup_below("/a", "/a/"));
	ck_assert(!procid_cgroup_below("/ab", "/a"));
	ck_assert(!procid_cgroup_below("/a", "/a/b"));
	ck_assert(procid_cgroup_below("/x", "/"));
	ck_assert(procid_cgroup_below("/", "/"));
}
END_TEST

static struct proc_mem proc(pid_t pid, uid_t uid, const char *comm,
			    const char *exe, uint64_t rss)
{
	struct proc_mem m = { .pid = pid, .uid = uid, .rss = rss,
			      .procs = 1, .pss_fp = rss << VMA_PSS_SHIFT };

	snprintf(m.comm, sizeof(m.comm), "%s", comm);
	snprintf(m.user, sizeof(m.user), "u%u", (unsigned int)uid);
	m.id.exe = exe ? xstrdup(exe) : NULL;
	return m;
}

START_TEST(test_group_rows)
{
	struct proc_mem rows[4], *g;
	size_t n, i;

	rows[0] = proc(1, 10, "pg", "/bin/pg", 100);
	rows[1] = proc(2, 10, "pg", "/bin/pg", 50);
	rows[2] = proc(3, 11, "pgx", "/bin/pg", UINT64_MAX - 10);
	rows[3] = proc(4, 10, "sh", NULL, 7);
	n = procgroup_rows(GROUP_PROGRAM, rows, 4, &g);
	ck_assert_int_eq(n, 2);
	/* in key order: "\1sh" (no executable: the name), "/bin/pg" */
	ck_assert_ptr_null(g[0].id.exe);
	ck_assert_str_eq(g[0].comm, "sh");
	ck_assert_uint_eq(g[0].rss, 7);
	ck_assert_str_eq(g[1].id.exe, "/bin/pg");
	ck_assert_int_eq(g[1].procs, 3);
	ck_assert_uint_eq(g[1].rss, UINT64_MAX);	/* saturates */
	ck_assert(g[1].mixed & PM_MIXED_USER);
	ck_assert(g[1].mixed & PM_MIXED_COMM);
	ck_assert(!(g[1].mixed & PM_MIXED_EXE));
	ck_assert_int_eq(g[1].pid, 0);
	for (i = 0; i < n; i++)
		procmem_free(&g[i]);
	free(g);
	n = procgroup_rows(GROUP_USER, rows, 4, &g);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(g[0].uid, 10);
	ck_assert_int_eq(g[0].procs, 3);
	ck_assert_uint_eq(g[0].rss, 157);
	ck_assert_uint_eq(g[0].pss_fp, (uint64_t)157 << VMA_PSS_SHIFT);
	ck_assert(g[0].mixed & PM_MIXED_EXE);
	ck_assert(!(g[0].mixed & PM_MIXED_USER));
	for (i = 0; i < n; i++)
		procmem_free(&g[i]);
	free(g);
	for (i = 0; i < 4; i++)
		procmem_free(&rows[i]);
	ck_assert_int_eq(procgroup_lookup("unit"), GROUP_UNIT);
	ck_assert_int_eq(procgroup_lookup("host"), -1);
}
END_TEST

START_TEST(test_perms)
{
	struct share_perms p;
	const unsigned int rxp = VMA_READ | VMA_EXEC;
	const unsigned int rwp = VMA_READ | VMA_WRITE;
	const unsigned int rws = rwp | VMA_SHARED;

	ck_assert_int_eq(share_perms_parse("r-xp", &p), 0);
	ck_assert(share_perms_match(&p, rxp));
	ck_assert(!share_perms_match(&p, rxp | VMA_WRITE));
	ck_assert(!share_perms_match(&p, rxp | VMA_SHARED));
	ck_assert_int_eq(share_perms_parse("x", &p), 0);
	ck_assert(share_perms_match(&p, rxp));
	ck_assert(share_perms_match(&p, VMA_EXEC | VMA_SHARED));
	ck_assert(!share_perms_match(&p, rwp));
	ck_assert_int_eq(share_perms_parse("s", &p), 0);
	ck_assert(share_perms_match(&p, rws));
	ck_assert(!share_perms_match(&p, rwp));
	ck_assert_int_eq(share_perms_parse("wp", &p), 0);
	ck_assert(share_perms_match(&p, rwp));
	ck_assert(!share_perms_match(&p, rws));
	ck_assert_int_eq(share_perms_parse("sp", &p), -1);
	ck_assert_int_eq(share_perms_parse("q", &p), -1);
	ck_assert_int_eq(share_perms_parse("", &p), -1);
	ck_assert_int_eq(share_perms_parse("r-yp", &p), -1);
}
END_TEST

Suite *procid_suite(void)
{
	Suite *s = suite_create("procid");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cgroup_parse);
	tcase_add_test(tc, test_unit);
	tcase_add_test(tc, test_cgroup_below);
	tcase_add_test(tc, test_group_rows);
	tcase_add_test(tc, test_perms);
	suite_add_tcase(s, tc);
	return s;
}
