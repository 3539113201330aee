// SPDX-License-Identifier: GPL-2.0-or-later
/* Who a process is: command line, cgroup, systemd unit, executable. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/procid.h"

/* A command line longer than this is cut (ps cuts much earlier). */
#define ARGS_MAX (128 * 1024)

/* The whole of a small regular file, up to max bytes; NULL on failure. */
static char *read_file(const struct procfs *p, pid_t pid, const char *name,
		       size_t max, size_t *len)
{
	int fd = procfs_openat(p, O_NONBLOCK, "%d/%s", (int)pid, name);
	size_t n = 0, cap = 4096;
	struct stat st;
	char *buf;
	ssize_t r;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	buf = xmalloc(cap + 1);
	while (n < max && (r = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap && cap < max) {
			cap = cap * 2 < max ? cap * 2 : max;
			buf = xrealloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Arguments are separated by NULs: shown with spaces, as ps does. */
static void read_args(const struct procfs *p, pid_t pid, struct procid *id)
{
	size_t n, i;
	char *s = read_file(p, pid, "cmdline", ARGS_MAX, &n);

	if (!s)
		return;
	while (n && s[n - 1] == '\0')
		n--;
	for (i = 0; i < n; i++)
		if (s[i] == '\0')
			s[i] = ' ';
	s[n] = '\0';
	if (!n) {		/* a kernel thread, a zombie */
		free(s);
		return;
	}
	id->args = s;
	id->argslen = n;
}

static ssize_t read_exe_file(const struct procfs *p, const char *path,
			     char *buf, size_t size)
{
	int fd = procfs_open_regular(p, "%s", path);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

static void read_exe(const struct procfs *p, pid_t pid, struct procid *id)
{
	char path[32], buf[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%d/exe", (int)pid);
	n = readlinkat(p->dirfd, path, buf, sizeof(buf) - 1);
	/* A snapshot keeps the link's text in a regular file. */
	if (n < 0 && errno == EINVAL && !procfs_is_live(p))
		n = read_exe_file(p, path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	id->exe = xmemdup(buf, (size_t)n);
}

/* The memory controller's v1 path; else the unified hierarchy's. */
char *procid_cgroup_parse(const char *text, size_t len)
{
	const char *end = text + len, *line, *nl, *v2 = NULL, *v2end = NULL;

	for (line = text; line < end; line = nl + 1) {
		const char *c1, *c2, *ctl;

		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		c1 = memchr(line, ':', (size_t)(nl - line));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(nl - c1 - 1)) : NULL;
		if (!c2)
			continue;
		if (c1 - line == 1 && *line == '0' && c2 == c1 + 1) {
			v2 = c2 + 1;
			v2end = nl;
			continue;
		}
		/* v1: "4:memory:/path", or "4:cpu,memory:/path" */
		for (ctl = c1 + 1; ctl < c2; ctl += strcspn(ctl, ",:") + 1)
			if (!strncmp(ctl, "memory", 6) &&
			    (ctl[6] == ',' || ctl[6] == ':'))
				return xmemdup(c2 + 1, (size_t)(nl - c2 - 1));
	}
	return v2 ? xmemdup(v2, (size_t)(v2end - v2)) : NULL;
}

static void read_cgroup(const struct procfs *p, pid_t pid, struct procid *id)
{
	size_t n;
	char *s = read_file(p, pid, "cgroup", 64 * 1024, &n);

	if (!s)
		return;
	id->cgroup = procid_cgroup_parse(s, n);
	free(s);
}

void procid_read(const struct procfs *p, pid_t pid, unsigned int what,
		 struct procid *id)
{
	memset(id, 0, sizeof(*id));
	if (what & PROCID_ARGS)
		read_args(p, pid, id);
	if (what & PROCID_CGROUP)
		read_cgroup(p, pid, id);
	if (what & PROCID_EXE)
		read_exe(p, pid, id);
}

void procid_free(struct procid *id)
{
	free(id->args);
	free(id->cgroup);
	free(id->exe);
	memset(id, 0, sizeof(*id));
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && !memcmp(s + len - n, suffix, n);
}

const char *procid_unit(const char *path, size_t *len)
{
	const char *found = NULL, *s = path;

	while (*s) {
		size_t n;

		s += strspn(s, "/");
		n = strcspn(s, "/");
		if (ends_with(s, n, ".service") || ends_with(s, n, ".scope")) {
			found = s;
			*len = n;
		}
		s += n;
	}
	return found;
}

bool procid_cgroup_below(const char *path, const char *top)
{
	size_t n = strlen(top);

	while (n > 1 && top[n - 1] == '/')
		n--;
	if (n == 1 && top[0] == '/')
		return path[0] == '/';
	return !strncmp(path, top, n) && (path[n] == '\0' || path[n] == '/');
}
