// SPDX-License-Identifier: GPL-2.0-or-later
/* Access to /proc or a --proc-root tree; read-only, always. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <err.h>
#include <unistd.h>

#include "lib/runopts.h"
#include "lib/util.h"
#include "read/procfs.h"

int procfs_open(struct procfs *p, const char *root)
{
	p->root = xstrdup(root ? root : "/proc");
	p->dirfd = open(p->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p->dirfd < 0) {
		free(p->root);
		p->root = NULL;
		return -1;
	}
	p->tree = !procfs_is_live(p);
	return 0;
}

void procfs_close(struct procfs *p)
{
	if (p->dirfd >= 0)
		close(p->dirfd);
	free(p->root);
	p->dirfd = -1;
	p->root = NULL;
}

/*
 * A regular file, checked before it is opened (a device must not even be
 * opened: that alone has effects) and after (it may have been swapped in
 * between); O_NONBLOCK, so a FIFO put there meanwhile cannot block.
 * -1 with errno EMEDIUMTYPE when it is not one.
 */
static int open_regular(int dirfd, const char *path, int flags)
{
	struct stat before, st;
	int fd;

	if (fstatat(dirfd, path, &before, 0))
		return -1;
	if (!S_ISREG(before.st_mode)) {
		errno = EMEDIUMTYPE;
		return -1;
	}
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_dev != before.st_dev || st.st_ino != before.st_ino) {
		close(fd);
		errno = EMEDIUMTYPE;
		return -1;
	}
	return fd;
}

static int vopenat(const struct procfs *p, int flags, bool regular,
		   const char *fmt, va_list ap)
{
	char path[PATH_MAX];
	int n = vsnprintf(path, sizeof(path), fmt, ap);

	if (n < 0 || (size_t)n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* The files of a live /proc are procfs files, but for links out. */
	if (!p->tree && !regular)
		return openat(p->dirfd, path, O_RDONLY | O_CLOEXEC | flags);
	return open_regular(p->dirfd, path, flags);
}

int procfs_open_regular(const struct procfs *p, const char *fmt, ...)
{
	va_list ap;
	int fd;

	va_start(ap, fmt);
	fd = vopenat(p, 0, true, fmt, ap);
	va_end(ap);
	return fd;
}

int procfs_openat(const struct procfs *p, int flags, const char *fmt, ...)
{
	va_list ap;
	int fd;

	va_start(ap, fmt);
	fd = vopenat(p, flags, false, fmt, ap);
	va_end(ap);
	return fd;
}

FILE *procfs_fopen(const struct procfs *p, const char *fmt, ...)
{
	va_list ap;
	FILE *f;
	int fd;

	va_start(ap, fmt);
	fd = vopenat(p, 0, false, fmt, ap);
	va_end(ap);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "r");
	if (!f)
		close(fd);
	return f;
}

const char *pid_strerror(int err)
{
	if (err == ENOENT || err == ESRCH)
		return "no such process";
	if (err == EACCES || err == EPERM)
		return "permission denied";
	if (err == EMEDIUMTYPE)
		return "a file of it is not a regular file";
	if (err == ENODATA)
		return "pagemap truncated: it ends inside the ranges of maps";
	return strerror(err);
}

const char pid_no_mm[] = "no address space (a kernel thread or a zombie)";

bool procfs_no_mm(const struct procfs *p, pid_t pid)
{
	FILE *f = procfs_fopen(p, "%d/status", (int)pid);
	char *line = NULL;
	size_t cap = 0;
	bool any = false, vm = false;

	if (!f)
		return false;
	while (!vm && getline(&line, &cap, f) > 0) {
		any = true;
		vm = !strncmp(line, "VmSize:", 7);
	}
	free(line);
	fclose(f);
	return any && !vm;
}

const char *pid_why(const struct procfs *p, pid_t pid, int err)
{
	if ((err == ESRCH || err == ENOENT) && procfs_no_mm(p, pid))
		return pid_no_mm;
	return pid_strerror(err);
}

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

bool procfs_is_live(const struct procfs *p)
{
	struct statfs sfs;

	return !fstatfs(p->dirfd, &sfs) && sfs.f_type == PROC_SUPER_MAGIC;
}

int parse_pid(const char *s, pid_t *pid)
{
	uint64_t v;

	if (parse_dec_u64(s, strlen(s), &v) || v == 0 || v > INT_MAX)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

int procfs_pids(const struct procfs *p, pid_t **pids, size_t *n)
{
	int fd = openat(p->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t cap = 0;
	struct dirent *d;
	DIR *dir;

	*pids = NULL;
	*n = 0;
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((d = readdir(dir))) {
		pid_t pid;

		if (parse_pid(d->d_name, &pid))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*pids = xreallocarray(*pids, cap, sizeof(**pids));
		}
		(*pids)[(*n)++] = pid;
	}
	closedir(dir);
	if (*n)
		qsort(*pids, *n, sizeof(**pids), cmp_pid);
	return 0;
}

void procfs_comm(const struct procfs *p, pid_t pid, char *buf, size_t len)
{
	int fd = procfs_openat(p, 0, "%d/comm", (int)pid);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		snprintf(buf, len, "?");
		return;
	}
	if (buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
}

int vms_open_proc(const struct vms_opts *o, struct procfs *p)
{
	if (!procfs_open(p, o->proc_root))
		return 0;
	warn("%s", o->proc_root ? o->proc_root : "/proc");
	return -1;
}

int procfs_parse_uid(const char *line, uid_t *uid)
{
	unsigned int u[4];
	char end;

	if (sscanf(line, "Uid: %u %u %u %u%c", &u[0], &u[1], &u[2], &u[3],
		   &end) != 5 || (end != '\n' && end != '\r'))
		return -1;
	*uid = u[0];
	return 0;
}

int procfs_uid(const struct procfs *p, pid_t pid, uid_t *uid)
{
	FILE *f = procfs_fopen(p, "%d/status", (int)pid);
	char *line = NULL;
	size_t cap = 0;
	int rc = -ESRCH;

	if (!f)
		return -errno;
	while (rc == -ESRCH && getline(&line, &cap, f) > 0)
		if (!strncmp(line, "Uid:", 4))
			rc = procfs_parse_uid(line, uid) ? -EIO : 0;
	free(line);
	fclose(f);
	return rc;
}
