// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory cgroup inode → path. /proc/kpagecgroup gives the inode of the
 * memcg's directory in the hierarchy the memory controller is bound to:
 * the v1 "memory" hierarchy when one is mounted (it then is not on the
 * cgroup2 one), else cgroup2. One walk of that hierarchy, on the first
 * lookup, gives a sorted inode array that every later lookup searches.
 */
#include "config.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/cgindex.h"
#include "read/cgroup.h"

/* Deeper than any real hierarchy; a guard against loops and abuse. */
#define CGMAP_DEPTH 64

/* mountinfo escapes blanks and backslashes as \ooo. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
				      (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Whether the comma list opts holds the word w. */
static int has_word(const char *opts, const char *w)
{
	size_t n = strlen(w);
	const char *p = opts;

	while ((p = strstr(p, w))) {
		if ((p == opts || p[-1] == ',') && (!p[n] || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

char *cgmap_parse_mountinfo(const char *line, int *v1)
{
	char mnt[4096], fstype[64], super[1024];
	const char *sep = strstr(line, " - ");

	/* id parent dev root MOUNTPOINT ... - FSTYPE SOURCE SUPEROPTS */
	if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
	    sscanf(sep + 3, "%63s %*s %1023s", fstype, super) != 2)
		return NULL;
	if (!strcmp(fstype, "cgroup2"))
		*v1 = 0;
	else if (!strcmp(fstype, "cgroup") && has_word(super, "memory"))
		*v1 = 1;
	else
		return NULL;
	unescape(mnt);
	return xstrdup(mnt);
}

/* A live mount point as seen from the tree below sysroot. */
static char *relocate(const char *mnt, const char *sysroot)
{
	char *path;

	if (!strcmp(sysroot, "/sys"))
		return xstrdup(mnt);
	if (strncmp(mnt, "/sys/", 5))
		return NULL;
	xasprintf(&path, "%s%s", sysroot, mnt + 4);
	return path;
}

/* The first hierarchy of each kind: v1 memory wins over cgroup2. */
static void read_mounts(FILE *f, char **v1mnt, char **v2mnt)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) > 0) {
		int v1 = 0;
		char *mnt = cgmap_parse_mountinfo(line, &v1);
		char **slot = v1 ? v1mnt : v2mnt;

		if (!mnt)
			continue;
		if (*slot)
			free(mnt);
		else
			*slot = mnt;
	}
	free(line);
}

void cgmap_init(struct cgmap *m, const struct procfs *p, const char *sysroot)
{
	char *v1mnt = NULL, *v2mnt = NULL;
	FILE *f;

	memset(m, 0, sizeof(*m));
	if (!sysroot)
		return;
	if (cgmap_find_index(m, sysroot))
		return;
	f = procfs_fopen(p, "self/mountinfo");
	if (!f)
		return;
	read_mounts(f, &v1mnt, &v2mnt);
	fclose(f);
	if (v1mnt || v2mnt)
		m->mounts[0] = relocate(v1mnt ? v1mnt : v2mnt, sysroot);
	free(v1mnt);
	free(v2mnt);
}

void cgmap_init_dir(struct cgmap *m, const char *dir)
{
	memset(m, 0, sizeof(*m));
	m->mounts[0] = xstrdup(dir);
}

void cgmap_free(struct cgmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->ents[i].path);
	free(m->ents);
	for (i = 0; m->mounts[i]; i++)
		free(m->mounts[i]);
	free(m->index);
	memset(m, 0, sizeof(*m));
}

static void add(struct cgmap *m, uint64_t ino, const char *path)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->ents = xreallocarray(m->ents, m->cap, sizeof(*m->ents));
	}
	m->ents[m->n].ino = ino;
	m->ents[m->n++].path = xstrdup(path);
}

static bool is_dir(int dfd, struct dirent *d, struct stat *st)
{
	if (d->d_type != DT_DIR && d->d_type != DT_UNKNOWN)
		return false;
	if (fstatat(dfd, d->d_name, st, AT_SYMLINK_NOFOLLOW))
		return false;
	return S_ISDIR(st->st_mode);
}

/* Record the subdirectories of dfd (path rel) and walk into them. */
static void walk(struct cgmap *m, int dfd, const char *rel, int depth)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *d;

	if (!dir) {
		close(dfd);
		return;
	}
	while ((d = readdir(dir)) && !m->truncated) {
		struct stat st;
		char *path;
		int sub;

		if (d->d_name[0] == '.' || !is_dir(dfd, d, &st))
			continue;
		if (m->n >= CGMAP_MAX) {
			m->truncated = 1;
			break;
		}
		xasprintf(&path, "%s/%s", rel, d->d_name);
		add(m, (uint64_t)st.st_ino, path);
		sub = depth < CGMAP_DEPTH ?
		      openat(dfd, d->d_name, O_RDONLY | O_DIRECTORY |
			     O_CLOEXEC | O_NOFOLLOW) : -1;
		if (sub >= 0)
			walk(m, sub, path, depth + 1);
		free(path);
	}
	closedir(dir);
}

static int cmp_ent(const void *a, const void *b)
{
	uint64_t x = ((const struct cgmap_ent *)a)->ino;
	uint64_t y = ((const struct cgmap_ent *)b)->ino;

	return (x > y) - (x < y);
}

static void build(struct cgmap *m)
{
	size_t i;

	m->built = 1;
	if (m->index)
		cgmap_load_index(m, m->index, add);
	for (i = 0; m->mounts[i]; i++) {
		int fd = open(m->mounts[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		struct stat st;

		if (fd < 0 || fstat(fd, &st)) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		add(m, (uint64_t)st.st_ino, "/");
		walk(m, fd, "", 1);
	}
	if (m->truncated)
		warnx("more than %d memory cgroups: CGROUP of the rest unknown",
		      CGMAP_MAX);
	if (m->n)	/* qsort wants an array, even of nothing */
		qsort(m->ents, m->n, sizeof(*m->ents), cmp_ent);
}

const char *cgmap_path(struct cgmap *m, uint64_t ino)
{
	struct cgmap_ent key = { .ino = ino }, *e;

	if (!m->built)
		build(m);
	e = m->n ? bsearch(&key, m->ents, m->n, sizeof(*m->ents), cmp_ent)
		 : NULL;
	return e ? e->path : NULL;
}
