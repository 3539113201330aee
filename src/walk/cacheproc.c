// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --pid and --all: the files processes map (maps) and hold open (fd),
 * each measured once, through /proc/PID/map_files and /proc/PID/fd: the
 * links open the very file the process has, deleted or not.
 */
#include "config.h"

#include <dirent.h>
#include <err.h>
#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/maps.h"
#include "read/vma.h"
#include "walk/cachewalk.h"

/* One file one process has: found again through opener. */
struct holder {
	dev_t dev;
	ino_t ino;
	pid_t pid;
	char *opener;			/* below the proc root */
	char *name;			/* as the kernel showed it */
	size_t namelen;
	bool deleted;			/* the kernel said " (deleted)" */
};

struct holders {
	struct holder *h;
	size_t n, cap;
};

/* The file behind a link below the proc root, if a regular file. */
static void add_holder(struct cache_ctl *ctl, struct holders *hs, pid_t pid,
		       char *opener, const char *name, size_t len,
		       bool deleted)
{
	struct stat st;
	struct holder *h;

	if (fstatat(ctl->proc.dirfd, opener, &st, 0) || !S_ISREG(st.st_mode)) {
		free(opener);
		return;
	}
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? 2 * hs->cap : 256;
		hs->h = xreallocarray(hs->h, hs->cap, sizeof(*hs->h));
	}
	h = &hs->h[hs->n++];
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	h->pid = pid;
	h->opener = opener;
	h->name = xmemdup(name, len + 1);
	h->name[len] = '\0';
	h->namelen = len;
	h->deleted = deleted;
}

/* Page cache stands behind these kinds of mapping. */
static bool vma_cached(const struct vma *v)
{
	return v->inode && (v->kind == VMA_KIND_FILE ||
			    v->kind == VMA_KIND_MEMFD ||
			    v->kind == VMA_KIND_SHM ||
			    v->kind == VMA_KIND_SHARED_ANON);
}

static int pid_maps(struct cache_ctl *ctl, struct holders *hs, pid_t pid)
{
	struct vma_list l = { 0 };
	const struct vma *prev = NULL;
	char *err = NULL, *opener;
	size_t i;
	int rc;

	rc = maps_read_pid(&ctl->proc, pid, "maps", &l, &err);
	if (rc) {
		if (rc == -EIO && err && (ctl->npids || ctl->opts.verbose))
			fprintf(stderr, "%s: %s\n",
				program_invocation_short_name, err);
		free(err);
		vma_list_free(&l);	/* the records read before the error */
		return rc;
	}
	for (i = 0; i < l.n; i++) {
		const struct vma *v = &l.v[i];

		if (!vma_cached(v))
			continue;
		/* the VMAs of one file follow each other: stat it once */
		if (prev && prev->inode == v->inode &&
		    prev->major == v->major && prev->minor == v->minor)
			continue;
		prev = v;
		xasprintf(&opener, "%d/map_files/%" PRIx64 "-%" PRIx64,
			  (int)pid, v->start, v->end);
		add_holder(ctl, hs, pid, opener, v->name, v->namelen,
			   v->deleted);
	}
	vma_list_free(&l);
	return 0;
}

static const char deleted_suffix[] = " (deleted)";

static void pid_fd(struct cache_ctl *ctl, struct holders *hs, pid_t pid,
		   const char *fdname)
{
	char *opener, link[4096];
	size_t sl = sizeof(deleted_suffix) - 1;
	ssize_t len;
	bool deleted;

	xasprintf(&opener, "%d/fd/%s", (int)pid, fdname);
	len = readlinkat(ctl->proc.dirfd, opener, link, sizeof(link) - 1);
	if (len <= 0) {
		free(opener);
		return;
	}
	link[len] = '\0';
	deleted = (size_t)len > sl &&
		  !memcmp(link + len - (ssize_t)sl, deleted_suffix, sl);
	if (deleted)
		len -= (ssize_t)sl;
	add_holder(ctl, hs, pid, opener, link, (size_t)len, deleted);
}

static int pid_fds(struct cache_ctl *ctl, struct holders *hs, pid_t pid)
{
	struct dirent *d;
	char path[32];
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "%d/fd", (int)pid);
	fd = openat(ctl->proc.dirfd, path,
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -errno;
	}
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			pid_fd(ctl, hs, pid, d->d_name);
	closedir(dir);
	return 0;
}

static int cmp_holder(const void *a, const void *b)
{
	const struct holder *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	/* the maps name first: it is the path, where fd may be relative */
	if (!!strstr(x->opener, "/fd/") != !!strstr(y->opener, "/fd/"))
		return strstr(x->opener, "/fd/") ? 1 : -1;
	return strcmp(x->opener, y->opener);
}

/* "1,20,300": the distinct PIDs of a group (sorted by PID). */
static char *pid_list(const struct holder *h, size_t n)
{
	char *s = xmalloc(n * 12 + 1);
	size_t i, len = 0;

	s[0] = '\0';
	for (i = 0; i < n; i++)
		if (!i || h[i].pid != h[i - 1].pid)
			len += (size_t)sprintf(s + len, "%s%d", len ? "," : "",
					       (int)h[i].pid);
	return s;
}

/* One job per file: the first holder names it, any of them opens it. */
static void make_job(struct cache_ctl *ctl, struct cache_job *j,
		     struct holder *h, size_t n)
{
	size_t i;

	memset(j, 0, sizeof(*j));
	j->f.cgi = -1;
	j->dirfd = ctl->proc.dirfd;
	j->openers = xcalloc(n, sizeof(*j->openers));
	for (i = 0; i < n; i++) {
		j->openers[i] = h[i].opener;
		free(h[i].name == h[0].name ? NULL : h[i].name);
	}
	j->nopeners = n;
	j->f.deleted = h[0].deleted && !ctl->live;
	if (h[0].deleted) {
		xasprintf(&j->f.name, "%s%s", h[0].name, deleted_suffix);
		free(h[0].name);
	} else {
		j->f.name = h[0].name;
	}
	j->f.namelen = strlen(j->f.name);
	j->f.pids = pid_list(h, n);
}

static size_t group_jobs(struct cache_ctl *ctl, struct holders *hs,
			 struct cache_job **jobs)
{
	size_t i, k, n = 0;

	if (hs->n)
		qsort(hs->h, hs->n, sizeof(*hs->h), cmp_holder);
	*jobs = xcalloc(hs->n ? hs->n : 1, sizeof(**jobs));
	for (i = 0; i < hs->n; i = k) {
		for (k = i + 1; k < hs->n && hs->h[k].dev == hs->h[i].dev &&
		     hs->h[k].ino == hs->h[i].ino; k++)
			;
		make_job(ctl, &(*jobs)[n++], &hs->h[i], k - i);
	}
	return n;
}

/* A process's files; a process that cannot be read is skipped. */
static void scan_pid(struct cache_ctl *ctl, struct holders *hs, pid_t pid)
{
	int rc = pid_maps(ctl, hs, pid);

	/* a process whose maps could be read stays, even when its fd
	 * directory cannot (another user's: EACCES; gone meanwhile) */
	if (!rc && pid_fds(ctl, hs, pid) && ctl->opts.verbose)
		warnx("PID %d: open files not read", (int)pid);
	if (rc && skips_pid(&ctl->skips, pid, -rc,
			    rc == -EIO ? "malformed maps" : NULL,
			    ctl->npids > 0))
		ctl->status = VMS_EXIT_FAILURE;
}

static void measured(struct cache_ctl *ctl, struct cache_job *jobs, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct cache_job *j = &jobs[i];

		if (j->rc) {
			cache_job_failed(ctl, j, j->f.name, false);
			cache_file_free(&j->f);
		} else {
			cache_keep(ctl, &j->f);
		}
		for (k = 0; k < j->nopeners; k++)
			free(j->openers[k]);
		free(j->openers);
	}
}

int cache_walk_pids(struct cache_ctl *ctl)
{
	struct holders hs = { 0 };
	struct cache_job *jobs;
	pid_t *all = NULL;
	size_t n = ctl->npids, i;
	const pid_t *pids = ctl->pids;

	if (!n) {
		if (procfs_pids(&ctl->proc, &all, &n)) {
			warn("%s", ctl->proc.root);
			return VMS_EXIT_FAILURE;
		}
		pids = all;
	}
	for (i = 0; i < n; i++)
		scan_pid(ctl, &hs, pids[i]);
	free(all);
	n = group_jobs(ctl, &hs, &jobs);
	free(hs.h);
	cache_measure_jobs(ctl, jobs, n);
	measured(ctl, jobs, n);
	free(jobs);
	skips_report(&ctl->skips);
	return VMS_EXIT_OK;
}
