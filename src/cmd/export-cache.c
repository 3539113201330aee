// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export: the page cache, as `vmascope cache` measures it. One walk of the
 * files every process maps or holds open, with their frames (cache --all
 * --frames), shared by three families: the top N files by cached bytes
 * and one file="other" series with the rest (cache --all --top N); the
 * cache per memory cgroup, from kpagecgroup (cache --all --by cgroup); and
 * the cache of deleted files per cgroup.
 */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "walk/cacheby.h"
#include "show/prom.h"
#include "cmd/export.h"

/* One memory cgroup: the bytes cached, of them of deleted files. */
struct export_cg {
	char *path;
	uint64_t bytes, deleted;
};

struct export_cache {
	bool done;
	int rc;				/* 0, or -1: said */
	struct cache_ctl c;
	struct export_cg *cg;		/* by path, NULL: no frames seen */
	size_t ncg;
};

struct export_cache *export_cache_new(void)
{
	struct export_cache *s = xcalloc(1, sizeof(*s));

	s->c.proc.dirfd = -1;
	s->c.self.dirfd = -1;
	return s;
}

void export_cache_free(struct export_cache *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->c.nrows; i++)
		cache_file_free(&s->c.rows[i]);
	free(s->c.rows);
	if (s->done)
		cache_frames_teardown(&s->c);
	for (i = 0; i < s->ncg; i++)
		free(s->cg[i].path);
	free(s->cg);
	free(s);
}

/* The views of cache --by cgroup (sorted by cgroup), summed per cgroup. */
static void sum_cgroups(struct export_cache *s)
{
	struct cache_rows rows;
	size_t i;

	s->c.by = CACHE_BY_CGROUP;
	cache_group(&s->c, &rows);
	s->cg = xcalloc(rows.n ? rows.n : 1, sizeof(*s->cg));
	for (i = 0; i < rows.n; i++) {
		const struct cache_file *v = &rows.r[i];
		const char *path = v->cgroup ? v->cgroup : "";
		uint64_t b = cache_row_frames(v)->cached *
			     (uint64_t)sysconf(_SC_PAGESIZE);

		if (!s->ncg || strcmp(s->cg[s->ncg - 1].path, path))
			s->cg[s->ncg++].path = xstrdup(path);
		s->cg[s->ncg - 1].bytes += b;
		if (v->deleted)
			s->cg[s->ncg - 1].deleted += b;
	}
	cache_rows_free(&rows);
}

/* Did the frames show? Not without CAP_SYS_ADMIN (no PFNs). */
static bool frames_seen(const struct cache_ctl *c)
{
	size_t i;

	if (!c->fx)
		return false;
	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].c.cached && !c->rows[i].fr.visible)
			return false;
	return true;
}

static int walk(const struct export_ctx *x, struct export_cache *s)
{
	struct cache_ctl *c = &s->c;

	c->opts = *x->opts;
	c->opts.sort = NULL;
	c->all = true;
	c->frames = true;
	c->rankcol = CC_CACHED;
	c->proc = *x->proc;		/* borrowed: not closed here */
	c->live = procfs_is_live(&c->proc);
	c->skips = (struct skips){ &c->proc, c->opts.verbose, 0 };
	cache_frames_setup(c);
	if (cache_walk_pids(c))
		return -1;
	if (frames_seen(c))
		sum_cgroups(s);
	return 0;
}

static int cache_scan(const struct export_ctx *x, struct export_cache **s)
{
	*s = x->cache;
	if (!(*s)->done) {
		(*s)->done = true;
		(*s)->rc = walk(x, *s);
	}
	return (*s)->rc;
}

/* Files of one name (a name the processes of two mount namespaces share,
 * a file deleted twice) are one series. */
static int cmp_name(const void *a, const void *b)
{
	const struct cache_file *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int cmp_bytes(const void *a, const void *b)
{
	const struct cache_file *x = a, *y = b;

	if (x->c.cached != y->c.cached)
		return x->c.cached < y->c.cached ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* rows[] merged by name into f[] (names and counts only), by size. */
static size_t merge_names(const struct cache_ctl *c, struct cache_file *f)
{
	size_t i, n = 0;

	if (!c->nrows)
		return 0;
	memcpy(f, c->rows, c->nrows * sizeof(*f));
	qsort(f, c->nrows, sizeof(*f), cmp_name);
	for (i = 0; i < c->nrows; i++) {
		if (n && !strcmp(f[n - 1].name, f[i].name))
			f[n - 1].c.cached += f[i].c.cached;
		else
			f[n++] = f[i];
	}
	if (n)
		qsort(f, n, sizeof(*f), cmp_bytes);
	return n;
}

int export_cache_files(const struct export_ctx *x, FILE *out)
{
	const char *m = "vmascope_cache_file_bytes";
	uint64_t ps = (uint64_t)sysconf(_SC_PAGESIZE), rest = 0;
	struct prom_label l = { "file", NULL };
	struct export_cache *s;
	struct cache_file *f;
	size_t n, i;

	if (cache_scan(x, &s))
		return -1;
	f = xcalloc(s->c.nrows ? s->c.nrows : 1, sizeof(*f));
	n = merge_names(&s->c, f);
	prom_header(out, m, "gauge",
		    "Page cache of the files processes map or hold open: the "
		    "--top largest, and the rest as file=\"other\"");
	for (i = 0; i < n; i++) {
		if (i >= x->top) {
			rest += f[i].c.cached * ps;
			continue;
		}
		l.value = f[i].name;
		prom_sample(out, m, &l, 1, f[i].c.cached * ps);
	}
	l.value = "other";
	prom_sample(out, m, &l, 1, rest);
	free(f);
	return 0;
}

static int cgroups(const struct export_ctx *x, struct export_cache **s)
{
	if (cache_scan(x, s))
		return -1;
	if ((*s)->cg)
		return 0;
	/* No CAP_SYS_ADMIN (the shipped unit): unavailable, as caps_setup
	 * said; the families are written without samples. */
	if (!caps_have_sys_admin())
		return 0;
	warnx("page cache per cgroup: the frames of the cached pages are "
	      "hidden (/proc/kpagecgroup and PFNs need CAP_SYS_ADMIN)");
	return -1;
}

static void write_cg(FILE *out, const struct export_cache *s, bool deleted,
		     const char *m, const char *help)
{
	struct prom_label l = { "cgroup", NULL };
	size_t i;

	prom_header(out, m, "gauge", help);
	for (i = 0; s->cg && i < s->ncg; i++) {
		l.value = s->cg[i].path;
		prom_sample(out, m, &l, 1,
			    deleted ? s->cg[i].deleted : s->cg[i].bytes);
	}
}

int export_cache_cgroups(const struct export_ctx *x, FILE *out)
{
	struct export_cache *s;

	if (cgroups(x, &s))
		return -1;
	write_cg(out, s, false, "vmascope_cache_cgroup_bytes",
		 "Page cache of the files processes map or hold open, per "
		 "memory cgroup charged (kpagecgroup)");
	return 0;
}

int export_cache_deleted(const struct export_ctx *x, FILE *out)
{
	struct export_cache *s;

	if (cgroups(x, &s))
		return -1;
	write_cg(out, s, true, "vmascope_cache_deleted_bytes",
		 "Page cache of deleted files processes still map or hold "
		 "open, per memory cgroup charged (kpagecgroup)");
	return 0;
}
