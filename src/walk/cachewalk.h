/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CACHEWALK_H
#define VMS_CACHEWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/runopts.h"
#include "read/cgroup.h"
#include "read/kpage.h"
#include "read/node.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/cachefile.h"

struct walkdir;

enum cache_by { CACHE_BY_FILE, CACHE_BY_DIR, CACHE_BY_CGROUP, CACHE_BY_FS };

/* One run of `vmascope cache`. */
struct cache_ctl {
	struct vms_opts opts;
	char **paths;
	size_t npaths;
	pid_t *pids;
	size_t npids;
	bool all, recursive, xdev, frames, total;
	uint64_t top;			/* --top N; 0: every file */
	uint64_t group_top;		/* --top N of --by dir, fs: ranked
					 * once summed */
	enum cache_by by;

	struct procfs proc;
	bool live;			/* proc is the mounted procfs */
	int rankcol;			/* the column --top ranks by, */
	uint64_t (*rank)(const struct cache_file *f, int col);	/* its value */
	bool want_fs;			/* statfs every file (FS, --by fs) */
	bool keep_empty;		/* -R: files with nothing cached too */
	struct skips skips;

	/* --frames */
	struct procfs self;		/* the live /proc, for our pagemap */
	struct kpage kp;
	struct nodemap nodes;
	struct cgmap cg;
	struct cache_fctx *fx;		/* one per worker */

	/* the rows: all of them, or a min-heap of the --top largest */
	struct cache_file *rows;
	size_t nrows, cap;
	unsigned long nskipped;		/* files of a walk skipped */
	int status;

	/*
	 * Called with each file measured, before it is kept or left out
	 * (cache --interval notes its change there); NULL: nothing.
	 */
	void (*measured)(void *arg, struct cache_file *f);
	void *measured_arg;
};

/* A file to measure, and what came of it. */
struct cache_job {
	int dirfd;			/* AT_FDCWD, or the proc root */
	char **openers;			/* paths below dirfd, tried in turn */
	size_t nopeners;
	bool nofollow;			/* a walk's entry: lstat, O_NOFOLLOW */
	bool explicit;			/* named by the user: failing is an error */
	bool by_path;			/* a PATH or a walk's: nlink 0 is deleted */
	char *opener;			/* openers' storage for one (a walk) */
	struct walkdir *wd;		/* a walk's: the directory (dirfd) */
	unsigned char dtype;		/* a walk's: d_type (DT_UNKNOWN: stat) */
	struct cache_file f;		/* name and pids set by the maker */
	int rc;				/* 0, or -errno */
	const char *why;		/* a reason that errno does not tell */
};

/* Measure jobs[0..n) on all cores. */
void cache_measure_jobs(struct cache_ctl *ctl, struct cache_job *jobs,
			size_t n);
/* Take f into the results (moved: f is cleared); --top keeps the N
 * largest in a heap. */
void cache_keep(struct cache_ctl *ctl, struct cache_file *f);
/* A job that failed: an error (explicit), or skipped with -v. */
void cache_job_failed(struct cache_ctl *ctl, const struct cache_job *j,
		      const char *name, bool explicit);

/* The PATHs: each one measured, directories walked with -R (fts). */
void cache_walk_paths(struct cache_ctl *ctl);
/* --pid/--all: the files the processes map or hold open. */
int cache_walk_pids(struct cache_ctl *ctl);

/* --frames (ctl->frames set): our own pagemap, the kpage files, nodes
 * and cgroups; ctl->fx stays NULL when they cannot be had (said). */
void cache_frames_setup(struct cache_ctl *ctl);
void cache_frames_teardown(struct cache_ctl *ctl);

#endif
