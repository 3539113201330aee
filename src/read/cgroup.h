/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CGROUP_H
#define VMS_CGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "read/procfs.h"

/*
 * Memory cgroup inode (/proc/kpagecgroup) → path, relative to the root of
 * the hierarchy the memory controller is bound to: "/system.slice/x".
 * The map is built lazily, with one walk of the hierarchy on the first
 * lookup, and is bounded (CGMAP_MAX directories).
 */
#define CGMAP_MAX 262144

struct cgmap_ent {
	uint64_t ino;
	char *path;
};

struct cgmap {
	char *mounts[4];	/* mount points to walk, NULL-terminated */
	char *index;		/* a snapshot's "INO\tPATH\0" list instead */
	struct cgmap_ent *ents;	/* sorted by ino */
	size_t n, cap;
	int built;		/* 0 not yet, 1 built */
	int truncated;		/* the walk stopped at CGMAP_MAX */
};

/*
 * Find the memory cgroup mounts in mountinfo (p's self/mountinfo; none
 * when there is none). Mount points below /sys are taken relative to
 * sysroot, so fixture trees work. sysroot may be NULL: no mounts. A
 * snapshot's tree has no live hierarchy (its directories have inodes of
 * their own) but an index, sysroot/../cgroups, that is used instead.
 */
void cgmap_init(struct cgmap *m, const struct procfs *p, const char *sysroot);
/* Use exactly this directory as the hierarchy's root (tests). */
void cgmap_init_dir(struct cgmap *m, const char *dir);
void cgmap_free(struct cgmap *m);
/* The path of the cgroup with inode ino, or NULL when unknown. */
const char *cgmap_path(struct cgmap *m, uint64_t ino);

/* One mountinfo line: the mount point when it is a memory cgroup
 * hierarchy (v1 with the memory controller: *v1 = 1; cgroup2: 0). */
char *cgmap_parse_mountinfo(const char *line, int *v1);

#endif
