// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Measuring a file's page cache without changing it: cachestat(2), or
 * mincore(2) on a read-only mapping where the kernel lacks cachestat. No
 * page is read: neither call faults anything in, and neither takes a
 * hint (no WILLNEED, no DONTNEED).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/magic.h>

#include "lib/env.h"
#include "lib/util.h"
#include "walk/cache.h"

/* Linux 6.5; the headers of older systems lack it. */
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif

struct vms_cachestat_range {
	uint64_t off;
	uint64_t len;
};

struct vms_cachestat {
	uint64_t nr_cache;
	uint64_t nr_dirty;
	uint64_t nr_writeback;
	uint64_t nr_evicted;
	uint64_t nr_recently_evicted;
};

static int forced_method = -1;	/* -1: VMASCOPE_CACHE's */
/* cachestat: 1 works, 0 untried, -1 absent (ENOSYS) */
static int have_cachestat;
static bool have_fowner;

static enum cache_method cache_method(void)
{
	if (forced_method >= 0)
		return (enum cache_method)forced_method;
	return (enum cache_method)env_choice(ENV_CACHE);
}

void cache_set_fowner(bool fowner)
{
	have_fowner = fowner;
}

bool cache_fell_back(void)
{
	return cache_method() == CACHE_AUTO &&
	       __atomic_load_n(&have_cachestat, __ATOMIC_RELAXED) < 0;
}

int cache_method_parse(const char *s, enum cache_method *m)
{
	int i = env_word(ENV_CACHE, s);

	if (i < 0)
		return -1;
	*m = (enum cache_method)i;
	return 0;
}

void cache_set_method(enum cache_method m)
{
	forced_method = m;
}


static int by_cachestat(int fd, struct cache_counts *c)
{
	struct vms_cachestat_range r = { 0, 0 };	/* len 0: to the end */
	struct vms_cachestat cs;

	if (syscall(__NR_cachestat, fd, &r, &cs, 0) < 0)
		return -errno;
	c->cached = cs.nr_cache;
	c->dirty = cs.nr_dirty;
	c->writeback = cs.nr_writeback;
	c->evicted = cs.nr_evicted;
	c->recent = cs.nr_recently_evicted;
	return 1;
}

/* mincore looks at the page cache of a file mapping: no fault, no I/O. */
#define MINCORE_WINDOW (1ULL << 30)

/* The resident pages of [off, off + len) of the file; -errno. */
static int mincore_window(int fd, uint64_t off, size_t len, size_t psz,
			  unsigned char *vec, uint64_t *cached)
{
	size_t np = (len + psz - 1) / psz, i;
	void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)off);
	int rc;

	if (p == MAP_FAILED)
		return -errno;
	rc = mincore(p, len, vec) ? -errno : 0;
	munmap(p, len);
	if (!rc)
		for (i = 0; i < np; i++)
			*cached += vec[i] & 1;
	return rc;
}

/*
 * For a file its caller neither owns nor may write, mincore answers
 * "resident" for every page (can_do_mincore in mm/mincore.c): refuse it
 * here, as cachestat does.
 */
static int may_mincore(int fd)
{
	struct stat st;
	char path[32];

	if (have_fowner)
		return 0;
	if (fstat(fd, &st))
		return -errno;
	if (st.st_uid == geteuid())
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) ? -EPERM : 0;
}

static int by_mincore(int fd, uint64_t size, struct cache_counts *c)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *vec;
	uint64_t off;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	rc = may_mincore(fd);
	if (rc || !size)
		return rc;
	vec = xmalloc(MINCORE_WINDOW / psz);
	for (off = 0; off < size && !rc; off += MINCORE_WINDOW)
		rc = mincore_window(fd, off, size - off < MINCORE_WINDOW ?
				    (size_t)(size - off) : MINCORE_WINDOW,
				    psz, vec, &c->cached);
	free(vec);
	return rc;
}

int cache_count(int fd, struct cache_counts *c)
{
	int rc;

	if (cache_method() == CACHE_MINCORE ||
	    __atomic_load_n(&have_cachestat, __ATOMIC_RELAXED) < 0)
		return -ENOSYS;
	rc = by_cachestat(fd, c);
	if (rc == -ENOSYS && cache_method() != CACHE_CACHESTAT)
		__atomic_store_n(&have_cachestat, -1, __ATOMIC_RELAXED);
	return rc;
}

int cache_measure(int fd, uint64_t size, struct cache_counts *c)
{
	int rc;

	if (cache_method() != CACHE_MINCORE &&
	    __atomic_load_n(&have_cachestat, __ATOMIC_RELAXED) >= 0) {
		rc = by_cachestat(fd, c);
		if (rc != -ENOSYS || cache_method() == CACHE_CACHESTAT)
			return rc;
		__atomic_store_n(&have_cachestat, -1, __ATOMIC_RELAXED);
	}
	return by_mincore(fd, size, c);
}

const char *cache_ftype(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG:
		return "a regular file";
	case S_IFDIR:
		return "a directory";
	case S_IFIFO:
		return "a FIFO";
	case S_IFSOCK:
		return "a socket";
	case S_IFCHR:
		return "a character device";
	case S_IFBLK:
		return "a block device";
	case S_IFLNK:
		return "a symbolic link";
	default:
		return "not a regular file";
	}
}

const char *cache_strerror(int err)
{
	switch (err) {
	case EMEDIUMTYPE:
		return "not a regular file";
	case EPERM:
		return "not permitted: the kernel counts the cache of a file "
		       "for its owner or a writer only";
	case EOPNOTSUPP:
		return "no page cache to count on this file system";
	default:
		return strerror(err);
	}
}

/*
 * O_NOATIME is for the owner (or CAP_FOWNER): asked only then, and tried
 * again without it on EPERM. O_NONBLOCK and O_NOCTTY keep a FIFO or a
 * terminal that took the place of the file between stat and open from
 * blocking or becoming ours.
 */
static int open_quiet(int dirfd, const char *path, bool nofollow,
		      const struct stat *st)
{
	int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		    (nofollow ? O_NOFOLLOW : 0);
	int fd = -1;

	if (have_fowner || st->st_uid == geteuid()) {
		fd = openat(dirfd, path, flags | O_NOATIME);
		if (fd >= 0 || errno != EPERM)
			return fd;
	}
	return openat(dirfd, path, flags);
}

/*
 * The stat before the open is what keeps devices, FIFOs and sockets
 * closed; an fstat after it would only tell what an open had already
 * done, at one more system call per file (a tree of 100,000 files makes
 * four per file count).
 */
int cache_open(int dirfd, const char *path, bool nofollow, struct stat *st,
	       const char **why)
{
	int fd;

	*why = NULL;
	if (fstatat(dirfd, path, st, nofollow ? AT_SYMLINK_NOFOLLOW : 0))
		return -errno;
	if (!S_ISREG(st->st_mode)) {
		*why = cache_ftype(st->st_mode);
		return -EMEDIUMTYPE;
	}
	fd = open_quiet(dirfd, path, nofollow, st);
	if (fd < 0)
		return errno == ELOOP ? -ENOENT : -errno;
	return fd;
}

/*
 * O_NOATIME: asked at the open when CAP_FOWNER is held; else the owner's
 * file gets it here (fcntl), the others' never could. cachestat reads no
 * page anyway; it matters where mincore or --frames map the file.
 */
int cache_check_open(int fd, struct stat *st, const char **why)
{
	if (fstat(fd, st))
		return -errno;
	if (!S_ISREG(st->st_mode)) {
		*why = cache_ftype(st->st_mode);
		return -EMEDIUMTYPE;
	}
	if (!have_fowner && st->st_uid == geteuid())
		fcntl(fd, F_SETFL, O_NONBLOCK | O_NOATIME);
	return 0;
}

/*
 * A walk's entry whose directory said DT_REG: opened first, stat'ed
 * after (fstat), one lookup of the name instead of two. Why it is still
 * safe: a FIFO, socket or device is never opened because its directory
 * entry says what it is (the walk skips it by d_type, and DT_UNKNOWN
 * goes through cache_open's stat first). The one case left is an entry
 * replaced by such a file after the directory was read, which is the
 * race a stat-then-open has too (replaced between the stat and the
 * open); as there, O_NONBLOCK and O_NOCTTY keep it from blocking or
 * becoming our terminal, O_NOFOLLOW from following a link, and the fstat
 * after it (cache_check_open) closes anything not regular unmeasured.
 * st NULL: no fstat here; the caller calls cache_check_open before it
 * takes anything from the file but its cachestat counts.
 */
int cache_open_typed(int dirfd, const char *name, unsigned char dtype,
		     struct stat *st, const char **why)
{
	int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW;
	int fd, rc;

	*why = NULL;
	if (dtype == DT_UNKNOWN)
		return cache_open(dirfd, name, true, st, why);
	if (dtype != DT_REG) {
		*why = cache_ftype(DTTOIF(dtype));
		return -EMEDIUMTYPE;
	}
	fd = openat(dirfd, name, flags | (have_fowner ? O_NOATIME : 0));
	if (fd < 0)
		return errno == ELOOP ? -ENOENT : -errno;
	rc = st ? cache_check_open(fd, st, why) : 0;
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

static const struct {
	long magic;
	const char *name;
	bool pseudo;
} fs_types[] = {
	{ EXT4_SUPER_MAGIC, "ext4", false },	/* ext2 and ext3 too */
	{ XFS_SUPER_MAGIC, "xfs", false },
	{ BTRFS_SUPER_MAGIC, "btrfs", false },
	{ TMPFS_MAGIC, "tmpfs", false },
	{ 0x73717368, "squashfs", false },
	{ OVERLAYFS_SUPER_MAGIC, "overlay", false },
	{ NFS_SUPER_MAGIC, "nfs", false },
	{ 0x2011BAB0, "exfat", false },
	{ MSDOS_SUPER_MAGIC, "vfat", false },
	{ 0x5346544e, "ntfs", false },
	{ 0xf2f52010, "f2fs", false },
	{ ISOFS_SUPER_MAGIC, "iso9660", false },
	{ HUGETLBFS_MAGIC, "hugetlbfs", false },
	{ 0xFF534D42, "cifs", false },
	{ 0x65735546, "fuse", false },
	{ 0x28cd3d45, "cramfs", false },
	{ 0x3153464a, "jfs", false },
	{ 0x6165676C, "pstore", true },
	{ PROC_SUPER_MAGIC, "proc", true },
	{ SYSFS_MAGIC, "sysfs", true },
	{ CGROUP_SUPER_MAGIC, "cgroup", true },
	{ CGROUP2_SUPER_MAGIC, "cgroup2", true },
	{ DEBUGFS_MAGIC, "debugfs", true },
	{ TRACEFS_MAGIC, "tracefs", true },
	{ SECURITYFS_MAGIC, "securityfs", true },
	{ 0x62656570, "configfs", true },
	{ DEVPTS_SUPER_MAGIC, "devpts", true },
	{ BPF_FS_MAGIC, "bpf", true },
	{ EFIVARFS_MAGIC, "efivarfs", true },
	{ SELINUX_MAGIC, "selinuxfs", true },
	{ 0x6e736673, "nsfs", true },
	{ BINFMTFS_MAGIC, "binfmt_misc", true },
};

static int fs_index(long f_type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fs_types); i++)
		if ((uint32_t)fs_types[i].magic == (uint32_t)f_type)
			return (int)i;
	return -1;
}

const char *cache_fs_name(long f_type)
{
	int i = fs_index(f_type);

	return i < 0 ? NULL : fs_types[i].name;
}

bool cache_fs_pseudo(long f_type)
{
	int i = fs_index(f_type);

	return i >= 0 && fs_types[i].pseudo;
}
