// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Removing an extracted snapshot. atexit() covers a normal end. A signal
 * (Ctrl-C in the middle of a long share) or SIGKILL would leave the tree
 * behind, and removing a tree is no work for a signal handler, so a small
 * watcher process waits on a pipe whose writing end only the program
 * holds: when the program is gone, however it went, the read returns and
 * the watcher removes the tree.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/snapclean.h"

#define MAX_DIRS 4

static char *dirs[MAX_DIRS], *kept[MAX_DIRS];
static int ndirs, nkept;

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void snapclean_rmtree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static void clean_all(void)
{
	int i;

	for (i = 0; i < ndirs; i++) {
		snapclean_rmtree(dirs[i]);
		free(dirs[i]);
	}
	for (i = 0; i < nkept; i++)
		free(kept[i]);
	ndirs = nkept = 0;
}

const char *snapclean_keep(char *s)
{
	if (nkept < MAX_DIRS)
		kept[nkept++] = s;
	return s;
}

/* The watcher: no terminal signals, no inherited files but the pipe. */
static void watch(int rfd, const char *dir)
{
	char c;
	int fd;

	setsid();
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	for (fd = 3; fd < 1024; fd++)
		if (fd != rfd)
			close(fd);
	while (read(rfd, &c, 1) < 0 && errno == EINTR)
		;
	snapclean_rmtree(dir);
	_exit(0);
}

static int start_watcher(const char *dir)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (!pid) {
		close(p[1]);
		watch(p[0], dir);
	}
	close(p[0]);
	/* p[1] stays open, unused, until the program ends. */
	return 0;
}

char *snapclean_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (ndirs == MAX_DIRS) {
		warnx("too many snapshots at once");
		return NULL;
	}
	xasprintf(&dir, "%s/vmascope-snapshot.XXXXXX",
		  tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		warn("%s", dir);
		free(dir);
		return NULL;
	}
	if (!ndirs)
		atexit(clean_all);
	dirs[ndirs++] = dir;
	if (start_watcher(dir))
		warn("%s: cannot watch for its removal", dir);
	return xstrdup(dir);
}
