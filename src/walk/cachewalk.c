// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which files `vmascope cache` measures, and measuring them on all cores:
 * the PATHs, and with -R the trees below them, walked with fts(3).
 */
#include "config.h"

#include <err.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "walk/cachepipe.h"
#include "walk/cachewalk.h"
#include "walk/walkdir.h"

/* Files measured at a time: a walk of any size in bounded memory. */
#define WALK_BATCH 4096
/* The file of a directory at which the walk opens it (walkdir.c). */
#define WALKDIR_AT 3
/* open_counted: the file has nothing cached, and is no row. */
#define NOT_A_ROW INT_MIN

static void job_fs(struct cache_ctl *ctl, struct cache_job *j, int fd)
{
	struct statfs sf;

	if (ctl->want_fs && !fstatfs(fd, &sf))
		j->f.fs = cache_fs_name((long)sf.f_type);
}

static int job_open(struct cache_job *j, struct stat *st)
{
	int fd = -ENOENT;
	size_t i;

	if (j->wd)			/* a walk's: the type is known */
		return cache_open_typed(j->dirfd, j->openers[0], j->dtype, st,
					&j->why);
	/* a process that exits takes its links along: try the next one */
	for (i = 0; i < j->nopeners; i++) {
		fd = cache_open(j->dirfd, j->openers[i], j->nofollow, st,
				&j->why);
		if (fd >= 0 || (fd != -ENOENT && fd != -ESRCH))
			break;
	}
	return fd;
}

/*
 * A walk's regular file (DT_REG) where only CACHED decides whether it is
 * a row (no -v, --output-all, --frames): cachestat first, and the fstat
 * only for a file that has something cached. Most files of a tree have
 * nothing cached: they cost openat, cachestat, close. Opening it first
 * is cache_open_typed's argument; cachestat of whatever was opened only
 * counts pages, and nothing else is taken from a file before
 * cache_check_open found it regular. Returns the descriptor (*counted:
 * j->f.c is set), NOT_A_ROW (closed), or -errno.
 */
static int open_counted(struct cache_job *j, struct stat *st, bool *counted)
{
	int fd = cache_open_typed(j->dirfd, j->openers[0], DT_REG, NULL,
				  &j->why);
	int rc;

	if (fd < 0)
		return fd;
	*counted = cache_count(fd, &j->f.c) == 1;
	if (*counted && !j->f.c.cached) {
		close(fd);
		return NOT_A_ROW;
	}
	rc = cache_check_open(fd, st, &j->why);
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

static bool count_first(const struct cache_ctl *ctl, const struct cache_job *j)
{
	return j->wd && j->dtype == DT_REG && !ctl->keep_empty && !ctl->frames;
}

static void measure_one(void *arg, size_t i, unsigned int worker)
{
	struct cache_ctl *ctl = ((void **)arg)[0];
	struct cache_job *j = &((struct cache_job *)((void **)arg)[1])[i];
	uint64_t psz = (uint64_t)sysconf(_SC_PAGESIZE);
	bool counted = false;
	struct stat st;
	int fd, rc = 1;

	if (j->rc)			/* failed before: its directory */
		return;
	fd = count_first(ctl, j) ? open_counted(j, &st, &counted) :
				   job_open(j, &st);
	if (fd < 0) {
		j->rc = fd == NOT_A_ROW ? 0 : fd;
		return;
	}
	j->f.size = (uint64_t)st.st_size;
	j->f.pages = (j->f.size + psz - 1) / psz;
	j->f.dev = st.st_dev;
	j->f.ino = st.st_ino;
	if (ctl->live || j->by_path)
		j->f.deleted |= st.st_nlink == 0;
	job_fs(ctl, j, fd);
	if (!counted)
		rc = cache_measure(fd, j->f.size, &j->f.c);
	j->f.full = rc == 1;
	/* only a file the kernel let us measure: for one it does not,
	 * mincore says every page is resident, and the touch would read */
	if (rc >= 0 && ctl->frames && ctl->fx) {
		j->f.has_frames = true;
		rc = cache_frames_read(&ctl->fx[worker], fd, j->f.size,
				       &j->f.fr);
	}
	j->rc = rc < 0 ? rc : 0;
	close(fd);
}

void cache_measure_jobs(struct cache_ctl *ctl, struct cache_job *jobs,
			size_t n)
{
	void *arg[2] = { ctl, jobs };

	parallel_for(n, measure_one, arg);
}

/* --top: a min-heap by the rank column, the smallest kept at rows[0]. */
static bool less(const struct cache_ctl *ctl, const struct cache_file *a,
		 const struct cache_file *b)
{
	return ctl->rank(a, ctl->rankcol) < ctl->rank(b, ctl->rankcol);
}

static void sift_down(struct cache_ctl *ctl, size_t i)
{
	struct cache_file *h = ctl->rows, t;
	size_t n = ctl->nrows, m;

	for (;;) {
		m = i;
		if (2 * i + 1 < n && less(ctl, &h[2 * i + 1], &h[m]))
			m = 2 * i + 1;
		if (2 * i + 2 < n && less(ctl, &h[2 * i + 2], &h[m]))
			m = 2 * i + 2;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void sift_up(struct cache_ctl *ctl, size_t i)
{
	struct cache_file *h = ctl->rows, t;

	while (i && less(ctl, &h[i], &h[(i - 1) / 2])) {
		t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

void cache_keep(struct cache_ctl *ctl, struct cache_file *f)
{
	if (ctl->top && ctl->nrows == ctl->top) {
		/* full: the new one replaces the smallest, if larger */
		if (!less(ctl, &ctl->rows[0], f)) {
			cache_file_free(f);
		} else {
			cache_file_free(&ctl->rows[0]);
			ctl->rows[0] = *f;
			sift_down(ctl, 0);
		}
	} else {
		if (ctl->nrows == ctl->cap) {
			ctl->cap = ctl->cap ? 2 * ctl->cap : 64;
			ctl->rows = xreallocarray(ctl->rows, ctl->cap,
						  sizeof(*ctl->rows));
		}
		ctl->rows[ctl->nrows++] = *f;
		if (ctl->top)
			sift_up(ctl, ctl->nrows - 1);
	}
	memset(f, 0, sizeof(*f));
}

void cache_job_failed(struct cache_ctl *ctl, const struct cache_job *j,
		      const char *name, bool explicit)
{
	const char *why = j->why ? j->why : cache_strerror(-j->rc);

	if (explicit) {
		warnx("%s: %s", name, why);
		ctl->status = VMS_EXIT_FAILURE;
		return;
	}
	ctl->nskipped++;
	if (ctl->opts.verbose)
		warnx("%s: skipped: %s", name, j->rc == -ENOENT ?
		      "no longer there" : why);
}

/*
 * Two batches: the walk fills one (jobs, n) while the other (pending of
 * them) is measured in the background (cachepipe.c).
 */
struct batch {
	struct cache_job *jobs, *other;
	size_t n, pending;
	struct walkdirs dirs;
	size_t maxdirs;			/* directories held open at most */
	struct cache_pipe pipe;
};

/* Rows of a batch measured, in the order the walk gave them. */
static void collect(struct cache_ctl *ctl, struct batch *b,
		    struct cache_job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct cache_job *j = &jobs[i];

		if (j->rc)
			cache_job_failed(ctl, j, j->f.name, j->explicit);
		else if (ctl->measured)
			ctl->measured(ctl->measured_arg, &j->f);
		if (j->rc || (!j->explicit && !j->f.c.cached &&
			      !ctl->keep_empty && !cache_file_changed(&j->f)))
			cache_file_free(&j->f);
		else
			cache_keep(ctl, &j->f);
		if (j->wd)
			walkdir_put(&b->dirs, j->wd);
	}
}

/* A file named by path (a PATH, or a root of the walk): no extra
 * allocation, the one opener is the name, kept in the job itself. */
static struct cache_job *batch_add(struct batch *b, const char *path,
				   size_t len, bool explicit)
{
	struct cache_job *j = &b->jobs[b->n++];

	memset(j, 0, sizeof(*j));
	j->dirfd = AT_FDCWD;
	j->f.cgi = -1;
	j->f.name = xmemdup(path, len + 1);
	j->f.namelen = len;
	j->opener = j->f.name;
	j->openers = &j->opener;
	j->nopeners = 1;
	/* the user's PATH may be a symbolic link; a walk's never is */
	j->nofollow = !explicit;
	j->explicit = explicit;
	j->by_path = true;
	return j;
}

/*
 * A file below a root: looked up by its own name below its directory,
 * which the walk opened once, and of the type the directory gives
 * (walkdir.c and cache_open_typed say why that is safe: a FIFO, socket
 * or device is never opened on purpose, and one that took a regular
 * file's place is opened O_NONBLOCK, O_NOCTTY and closed unmeasured).
 */
static void batch_add_walked(struct batch *b, FTSENT *e)
{
	struct cache_job *j = batch_add(b, e->fts_path, e->fts_pathlen, false);
	FTSENT *d = e->fts_parent;

	/* opening and reading a directory costs what looking up three
	 * files by their whole paths does: the first files of a directory
	 * are (stat first), the directory is opened at the third */
	if (!d->fts_pointer && ++d->fts_number < WALKDIR_AT)
		return;
	j->wd = walkdir_of(&b->dirs, e);
	j->dirfd = walkdir_fd(j->wd, &j->why);
	if (j->dirfd < 0)
		j->rc = j->dirfd;
	j->opener = j->f.name + (e->fts_pathlen - e->fts_namelen);
	if (!j->rc)
		j->dtype = walkdir_type(j->wd, j->opener);
}

/* The batch in the background measured, and its rows taken. */
static void batch_finish(struct cache_ctl *ctl, struct batch *b)
{
	if (!b->pending)
		return;
	cache_pipe_wait(&b->pipe);
	collect(ctl, b, b->other, b->pending);
	b->pending = 0;
}

/*
 * Each directory of a batch's files stays open until the batch is
 * measured: a tree of one file per directory would hold thousands. At
 * maxdirs, both batches are measured and their directories let go (only
 * those fts is still in stay open: the path walked).
 */
static size_t max_dirs(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur == RLIM_INFINITY)
		return 1024;
	return rl.rlim_cur / 4 < 2 ? 2 : rl.rlim_cur / 4 > 1024 ?
	       1024 : (size_t)rl.rlim_cur / 4;
}

static void batch_run(struct cache_ctl *ctl, struct batch *b);

static void batch_drain(struct cache_ctl *ctl, struct batch *b)
{
	if (b->n)
		batch_run(ctl, b);
	batch_finish(ctl, b);
}

/* The batch filled goes to be measured; the walk fills the other. */
static void batch_run(struct cache_ctl *ctl, struct batch *b)
{
	struct cache_job *t;

	batch_finish(ctl, b);
	cache_pipe_give(&b->pipe, b->jobs, b->n);
	b->pending = b->n;
	t = b->other;
	b->other = b->jobs;
	b->jobs = t;
	b->n = 0;
}

/* A pseudo file system (proc, sysfs) has no page cache of files. */
static const char *pseudo_fs(const char *path)
{
	static char why[64];
	struct statfs sf;

	if (statfs(path, &sf) || !cache_fs_pseudo((long)sf.f_type))
		return NULL;
	snprintf(why, sizeof(why), "a file of %s, which has no page cache",
		 cache_fs_name((long)sf.f_type));
	return why;
}

static void path_error(struct cache_ctl *ctl, const char *path,
		       const char *why)
{
	warnx("%s: %s", path, why);
	ctl->status = VMS_EXIT_FAILURE;
}

static void walk_skip(struct cache_ctl *ctl, const FTSENT *e, const char *why)
{
	if (e->fts_level == FTS_ROOTLEVEL) {
		path_error(ctl, e->fts_path, why);
		return;
	}
	ctl->nskipped++;
	if (ctl->opts.verbose)
		warnx("%s: skipped: %s", e->fts_path, why);
}

/* A directory: not descended into when it is a pseudo file system. */
static void walk_dir(struct cache_ctl *ctl, FTS *fts, FTSENT *e)
{
	const char *why;

	/* FTS_NOSTAT leaves fts_statp out, but fts_dev is there */
	if (e->fts_level > FTS_ROOTLEVEL &&
	    e->fts_dev == e->fts_parent->fts_dev)
		return;
	why = pseudo_fs(e->fts_accpath);
	if (why) {
		fts_set(fts, e, FTS_SKIP);
		walk_skip(ctl, e, why);
	}
}


/*
 * What a path fts found to be neither file nor directory is (a PATH given:
 * in the tree, FTS_NOSTAT makes every other entry FTS_NSOK). Not from
 * fts_statp: with FTS_NOSTAT glibc leaves that pointer unset, and stats
 * the paths given into a buffer of its own. Never opened.
 */
static const char *special_type(const FTSENT *e)
{
	struct stat st;
	int rc = e->fts_level == FTS_ROOTLEVEL ? stat(e->fts_accpath, &st) :
		 lstat(e->fts_accpath, &st);

	return rc ? "not a regular file" : cache_ftype(st.st_mode);
}
static void walk_entry(struct cache_ctl *ctl, FTS *fts, FTSENT *e,
		       struct batch *b)
{
	switch (e->fts_info) {
	case FTS_D:
		walk_dir(ctl, fts, e);
		break;
	case FTS_DP:
		walkdir_leave(&b->dirs, e);
		break;
	case FTS_F:
	case FTS_NSOK:
		if (e->fts_level > FTS_ROOTLEVEL)
			batch_add_walked(b, e);
		else if (pseudo_fs(e->fts_accpath))
			walk_skip(ctl, e, pseudo_fs(e->fts_accpath));
		else
			batch_add(b, e->fts_path, e->fts_pathlen, true);
		break;
	case FTS_DNR:
	case FTS_ERR:
	case FTS_NS:
		walk_skip(ctl, e, strerror(e->fts_errno));
		break;
	case FTS_SL:
	case FTS_SLNONE:
		walk_skip(ctl, e, "a symbolic link (not followed)");
		break;
	case FTS_DC:
		walk_skip(ctl, e, "a directory cycle");
		break;
	case FTS_DEFAULT:
		walk_skip(ctl, e, special_type(e));
		break;
	}
}

/*
 * fts without stat for files (d_type tells they are not directories):
 * the workers open them, in parallel, by the type their directory gives
 * (walkdir.c), while the walk goes on (cachepipe.c).
 */
static void walk_tree(struct cache_ctl *ctl, struct batch *b)
{
	int opts = FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR | FTS_NOSTAT |
		   (ctl->xdev ? FTS_XDEV : 0);
	FTS *fts = fts_open(ctl->paths, opts, NULL);
	FTSENT *e;

	if (!fts) {
		path_error(ctl, ctl->paths[0], strerror(errno));
		return;
	}
	while ((e = fts_read(fts))) {
		walk_entry(ctl, fts, e, b);
		if (b->n == WALK_BATCH)
			batch_run(ctl, b);
		else if (b->dirs.nopen >= b->maxdirs)
			batch_drain(ctl, b);
	}
	if (errno)
		path_error(ctl, "fts", strerror(errno));
	fts_close(fts);
}

/* Without -R: each PATH is a file; a directory is an error. */
static void plain_paths(struct cache_ctl *ctl, struct batch *b)
{
	struct stat st;
	size_t i;

	for (i = 0; i < ctl->npaths; i++) {
		const char *p = ctl->paths[i], *why = pseudo_fs(p);

		if (!why && !stat(p, &st) && S_ISDIR(st.st_mode))
			why = "a directory (-R walks it)";
		if (why) {
			path_error(ctl, p, why);
			continue;
		}
		batch_add(b, p, strlen(p), true);
		if (b->n == WALK_BATCH)
			batch_run(ctl, b);
	}
}

void cache_walk_paths(struct cache_ctl *ctl)
{
	struct batch b = { 0 };

	b.jobs = xcalloc(WALK_BATCH, sizeof(*b.jobs));
	b.other = xcalloc(WALK_BATCH, sizeof(*b.other));
	b.maxdirs = max_dirs();
	cache_pipe_start(&b.pipe, ctl);
	if (ctl->recursive)
		walk_tree(ctl, &b);
	else
		plain_paths(ctl, &b);
	if (b.n)
		batch_run(ctl, &b);
	batch_finish(ctl, &b);
	cache_pipe_stop(&b.pipe);
	walkdirs_end(&b.dirs);
	free(b.jobs);
	free(b.other);
}
