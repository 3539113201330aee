// SPDX-License-Identifier: GPL-2.0-or-later
/* The process handle (what it opens, why it could not) and the scan. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "read/proc.h"
#include "walk/procscan.h"
#include "suites.h"

static const char maps_text[] =
	"00400000-00401000 r-xp 00000000 08:01 1234                       "
	"/usr/bin/a\n"
	"7ffc0000-7ffc2000 rw-p 00000000 00:00 0                          "
	"[stack]\n";

static char root[] = "/tmp/vms-proc-XXXXXX";

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A tree: PID 7 with maps and comm, no pagemap; PID 8 with bad maps. */
static void tree_setup(void)
{
	char path[128];

	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/7", root);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/8", root);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	put("7/maps", maps_text);
	put("7/comm", "a\n");
	put("8/maps", "this is not a maps line\n");
}

static void tree_teardown(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(root, "/tmp/vms-proc-XXXXXX");
}

START_TEST(test_tree_parts)
{
	struct procfs p;
	struct vms_proc pr;

	ck_assert_int_eq(procfs_open(&p, root), 0);
	ck_assert_int_eq(proc_open(&pr, &p, 7, PROC_MAPS | PROC_COMM), 0);
	ck_assert_int_eq(pr.pid, 7);
	ck_assert_uint_eq(pr.vmas.n, 2);
	ck_assert_uint_eq(pr.vmas.v[0].start, 0x400000);
	ck_assert_uint_eq(pr.vmas.v[1].end, 0x7ffc2000);
	ck_assert_str_eq(pr.comm, "a");
	ck_assert(!pr.pm_open);
	/* The tree has no pagemap: the part that failed is said. */
	ck_assert_int_eq(proc_read(&pr, PROC_PAGEMAP), -ENOENT);
	ck_assert_int_eq(pr.rc, -ENOENT);
	ck_assert_uint_eq(pr.failed, PROC_PAGEMAP);
	ck_assert(!pr.pm_open);
	ck_assert_uint_eq(pr.vmas.n, 2);	/* what was read stays */
	/* Once a part failed, no more is read until it is forgotten. */
	ck_assert_int_eq(proc_read(&pr, PROC_MAPS), -ENOENT);
	proc_forget_error(&pr);
	ck_assert_int_eq(proc_read(&pr, PROC_MAPS), 0);
	proc_close(&pr);
	ck_assert_uint_eq(pr.vmas.n, 0);
	procfs_close(&p);
}
END_TEST

START_TEST(test_tree_vanished)
{
	struct procfs p;
	struct vms_proc pr;

	ck_assert_int_eq(procfs_open(&p, root), 0);
	/* Gone before it was read: the first part fails, nothing is open. */
	ck_assert_int_eq(proc_open(&pr, &p, 9, PROC_MAPS | PROC_PAGEMAP |
				   PROC_COMM), -ENOENT);
	ck_assert_uint_eq(pr.failed, PROC_MAPS);
	ck_assert_ptr_null(pr.err);
	ck_assert(!pr.pm_open);
	ck_assert_str_eq(pr.comm, "");		/* not read after the failure */
	proc_close(&pr);
	procfs_close(&p);
}
END_TEST

START_TEST(test_tree_damaged)
{
	struct procfs p;
	struct vms_proc pr;
	char want[160];

	ck_assert_int_eq(procfs_open(&p, root), 0);
	ck_assert_int_eq(proc_open(&pr, &p, 8, PROC_MAPS), -EIO);
	ck_assert_uint_eq(pr.failed, PROC_MAPS);
	ck_assert_ptr_nonnull(pr.err);
	/* The message names the file and its line. */
	snprintf(want, sizeof(want), "%s/8/maps:1:", root);
	ck_assert_msg(!strncmp(pr.err, want, strlen(want)), "err: %s",
		      pr.err);
	proc_close(&pr);
	ck_assert_ptr_null(pr.err);
	procfs_close(&p);
}
END_TEST

/* The live /proc: our own process, whole; a child reaped, gone. */
START_TEST(test_live)
{
	struct procfs p;
	struct vms_proc pr;
	pid_t child;
	int fd, status;

	ck_assert_int_eq(procfs_open(&p, "/proc"), 0);
	ck_assert_int_eq(proc_open(&pr, &p, getpid(), PROC_MAPS |
				   PROC_PAGEMAP | PROC_COMM | PROC_ARGS |
				   PROC_UID), 0);
	ck_assert_uint_eq(pr.uid, getuid());	/* the real UID */
	ck_assert_uint_gt(pr.vmas.n, 0);
	ck_assert(pr.pm_open);
	ck_assert_ptr_nonnull(pr.id.args);
	fd = pr.pm.fd;
	ck_assert_int_ge(fcntl(fd, F_GETFD), 0);
	proc_close_pagemap(&pr);
	ck_assert(!pr.pm_open);
	ck_assert_uint_gt(pr.vmas.n, 0);	/* the VMAs are kept */
	proc_close(&pr);
	ck_assert_ptr_null(pr.id.args);

	child = fork();
	ck_assert_int_ge(child, 0);
	if (!child)
		_exit(0);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(proc_open(&pr, &p, child, PROC_MAPS | PROC_PAGEMAP),
			 -ENOENT);
	ck_assert_uint_eq(pr.failed, PROC_MAPS);
	ck_assert(!pr.pm_open);
	proc_close(&pr);
	procfs_close(&p);
}
END_TEST

static bool listed(const struct procscan *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pids[i] == pid)
			return true;
	return false;
}

/* The scan's rules: vmascope itself, and the PIDs given. */
START_TEST(test_scan_self)
{
	struct procfs p;
	struct procscan s;
	pid_t self = getpid();

	ck_assert_int_eq(procfs_open(&p, "/proc"), 0);
	ck_assert_int_eq(procscan_list(&s, &p, NULL, 0, NULL, 0), 0);
	ck_assert(s.all);
	ck_assert(listed(&s, self));
	ck_assert(listed(&s, 1));
	procscan_free(&s);
	ck_assert_int_eq(procscan_list(&s, &p, NULL, 0, NULL,
				       PROCSCAN_NOT_SELF), 0);
	ck_assert(!listed(&s, self));
	ck_assert(listed(&s, 1));
	procscan_free(&s);
	/* A PID given is read, whatever it is, in the order given. */
	ck_assert_int_eq(procscan_list(&s, &p, (pid_t[]){ self, 1 }, 2, NULL,
				       PROCSCAN_NOT_SELF), 0);
	ck_assert(!s.all);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.pids[0], self);
	ck_assert_int_eq(s.pids[1], 1);
	procscan_free(&s);
	procfs_close(&p);
}
END_TEST

/* A tree holds no vmascope: nothing is left out there. */
START_TEST(test_scan_tree)
{
	struct procfs p;
	struct procscan s;

	ck_assert_int_eq(procfs_open(&p, root), 0);
	ck_assert_int_eq(procscan_list(&s, &p, NULL, 0, NULL,
				       PROCSCAN_NOT_SELF), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.pids[0], 7);
	ck_assert_int_eq(s.pids[1], 8);
	procscan_free(&s);
	procfs_close(&p);
}
END_TEST

Suite *proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("tree");

	tcase_add_checked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_test(tc, test_tree_parts);
	tcase_add_test(tc, test_tree_vanished);
	tcase_add_test(tc, test_tree_damaged);
	tcase_add_test(tc, test_scan_tree);
	suite_add_tcase(s, tc);
	tc = tcase_create("live");
	tcase_add_test(tc, test_live);
	tcase_add_test(tc, test_scan_self);
	suite_add_tcase(s, tc);
	return s;
}
