/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHE_H
#define VMS_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * The page cache of one file, measured without changing it: cachestat(2)
 * where the kernel has it, else mincore(2) on a read-only mapping (CACHED
 * only). Counts are in pages of the system's page size.
 */
struct cache_counts {
	uint64_t cached, dirty, writeback, evicted, recent;
};

/* In the order of VMASCOPE_CACHE's words (lib/env.c). */
enum cache_method { CACHE_AUTO, CACHE_CACHESTAT, CACHE_MINCORE };

/*
 * Force a method (tests); by default VMASCOPE_CACHE=auto|cachestat|
 * mincore says. 0, or -1 for an unknown name.
 */
int cache_method_parse(const char *s, enum cache_method *m);
void cache_set_method(enum cache_method m);

/* CAP_FOWNER is held: the kernel counts every file's cache for us. */
void cache_set_fowner(bool fowner);
/* The kernel lacked cachestat, and mincore was used instead. */
bool cache_fell_back(void);

/*
 * The whole file behind fd, of size bytes (st_size). Returns 1 when
 * cachestat gave every counter, 0 when mincore gave CACHED only (the
 * others are 0 and unknown), or -errno: EPERM the kernel refuses (the
 * caller neither owns the file nor may write it), EOPNOTSUPP the file
 * system has no page cache to count (hugetlbfs).
 */
int cache_measure(int fd, uint64_t size, struct cache_counts *c);
/*
 * cachestat alone, which needs no size: 1, -ENOSYS where it is not used
 * (the kernel lacks it, or mincore is forced: cache_measure then), or
 * -errno as cache_measure.
 */
int cache_count(int fd, struct cache_counts *c);

/*
 * Open a file to measure, below dirfd (AT_FDCWD: the working directory),
 * read-only and without side effects: stat first (following symbolic
 * links unless nofollow), and open only a regular file, O_NONBLOCK and
 * O_NOATIME where permitted. Returns the descriptor and fills st (of the
 * stat), or -errno: EMEDIUMTYPE when it is not a regular file (then *why
 * says what it is).
 */
int cache_open(int dirfd, const char *path, bool nofollow, struct stat *st,
	       const char **why);

/*
 * The same for an entry of a walk whose directory gave its type (d_type):
 * DT_REG is opened first (O_NOFOLLOW) and checked with fstat after it,
 * any other type is refused unopened, DT_UNKNOWN goes through cache_open.
 * With st NULL (DT_REG only) the fstat is left to the caller:
 * cache_check_open, before anything but cachestat's counts is used.
 */
int cache_open_typed(int dirfd, const char *name, unsigned char dtype,
		     struct stat *st, const char **why);
/* fstat an opened file: -EMEDIUMTYPE (and *why) when it is not regular;
 * O_NOATIME for the owner's. */
int cache_check_open(int fd, struct stat *st, const char **why);

/* What a file of mode m is, for a message: "a FIFO", "a socket". */
const char *cache_ftype(mode_t m);
/* Why a file could not be measured, for -errno of the calls above. */
const char *cache_strerror(int err);

/* The name of a file system type (statfs f_type): "ext4"; NULL unknown. */
const char *cache_fs_name(long f_type);
/* A file system that has no page cache of files: proc, sysfs and such. */
bool cache_fs_pseudo(long f_type);

#endif
