// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The memory cgroup index of a snapshot: kpagecgroup names a cgroup by
 * the inode of its directory, and a copied tree cannot keep inodes, so
 * the snapshot keeps "INO\tPATH\0" records (paths may hold newlines; no
 * path holds a NUL).
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/cgindex.h"

bool cgmap_find_index(struct cgmap *m, const char *sysroot)
{
	struct stat st;
	char *path;

	if (!strcmp(sysroot, "/sys"))	/* live: the hierarchy itself */
		return false;
	xasprintf(&path, "%s/../cgroups", sysroot);
	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		free(path);
		return false;
	}
	m->index = path;
	return true;
}

/* One record: decimal inode, a tab, a path that starts with '/'. */
static void record(struct cgmap *m, const char *r, size_t len,
		   void (*add)(struct cgmap *, uint64_t, const char *))
{
	const char *tab = memchr(r, '\t', len);
	uint64_t ino;

	if (!tab || parse_dec_u64(r, (size_t)(tab - r), &ino) ||
	    tab[1] != '/' || m->n >= CGMAP_MAX)
		return;
	add(m, ino, tab + 1);
}

void cgmap_load_index(struct cgmap *m, const char *file,
		      void (*add)(struct cgmap *, uint64_t, const char *))
{
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	char *buf = NULL, *p, *end;
	size_t cap = 0, n = 0;
	ssize_t r;

	if (fd < 0)
		return;
	do {
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 65536);
		r = read(fd, buf + n, cap - n - 1);
		n += r > 0 ? (size_t)r : 0;
	} while (r > 0);
	close(fd);
	if (!buf)
		return;
	buf[n] = '\0';
	for (p = buf, end = buf + n; p < end; p += strlen(p) + 1)
		record(m, p, strlen(p), add);
	free(buf);
}
