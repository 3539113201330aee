// SPDX-License-Identifier: GPL-2.0-or-later
/* --by: the measured files by directory, file system or memory cgroup. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "lib/util.h"
#include "walk/cacheby.h"

/* The cgroup with the most pages, and how many more there are. */
static char *cg_name(struct cache_ctl *ctl, const struct cache_frames *fr,
		     size_t i, bool more)
{
	const char *path;
	char *s;

	if (!fr->ncg)
		return NULL;
	path = fr->cg[i].ino ? cgmap_path(&ctl->cg, fr->cg[i].ino) : "/";
	if (!path)
		xasprintf(&s, "inode %" PRIu64, fr->cg[i].ino);
	else if (more && fr->ncg > 1)
		xasprintf(&s, "%s +%zu", path, fr->ncg - 1);
	else
		s = xstrdup(path);
	return s;
}

static void frame_names(struct cache_ctl *ctl, struct cache_file *f)
{
	if (!f->has_frames)
		return;
	free(f->cgroup);
	f->cgroup = cg_name(ctl, &f->fr, 0, true);
	cache_file_nodes(f);
}

/* The key of a file's group: its directory, or its device. */
static size_t dir_len(const struct cache_file *f)
{
	const char *slash = memrchr(f->name, '/', f->namelen);

	if (!slash)
		return 0;
	return slash == f->name ? 1 : (size_t)(slash - f->name);
}

static int cmp_key(const struct cache_file *a, const struct cache_file *b,
		   enum cache_by by)
{
	size_t la, lb;
	int c;

	if (by == CACHE_BY_FS)
		return a->dev < b->dev ? -1 : a->dev > b->dev;
	la = dir_len(a);
	lb = dir_len(b);
	c = memcmp(a->name, b->name, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

static enum cache_by sort_by;

static int cmp_files(const void *a, const void *b)
{
	return cmp_key(a, b, sort_by);
}

static void group_start(struct cache_file *g, const struct cache_file *f,
			enum cache_by by)
{
	memset(g, 0, sizeof(*g));
	g->cgi = -1;
	g->group = true;
	g->full = true;
	if (by == CACHE_BY_FS) {
		g->dev = f->dev;
		g->fs = f->fs;
		xasprintf(&g->name, "%s %u:%u", f->fs ? f->fs : "?",
			  major(f->dev), minor(f->dev));
	} else {
		g->name = dir_len(f) ? xmemdup(f->name, dir_len(f) + 1) :
			  xstrdup(".");
		g->name[dir_len(f) ? dir_len(f) : 1] = '\0';
	}
	g->namelen = strlen(g->name);
}

static void group_sum(struct cache_ctl *ctl, struct cache_rows *out)
{
	struct cache_file *f = ctl->rows;
	size_t i;

	sort_by = ctl->by;
	out->kind = ROWS_GROUPS;
	if (ctl->nrows)
		qsort(f, ctl->nrows, sizeof(*f), cmp_files);
	out->r = xcalloc(ctl->nrows ? ctl->nrows : 1, sizeof(*out->r));
	for (i = 0; i < ctl->nrows; i++) {
		if (!i || cmp_key(&f[i - 1], &f[i], ctl->by))
			group_start(&out->r[out->n++], &f[i], ctl->by);
		cache_file_add(&out->r[out->n - 1], &f[i]);
	}
	for (i = 0; i < out->n; i++)
		frame_names(ctl, &out->r[i]);
}

static int cmp_cg(const void *a, const void *b)
{
	const struct cache_file *x = a, *y = b;
	int c = strcmp(x->cgroup ? x->cgroup : "", y->cgroup ? y->cgroup : "");

	if (c)
		return c;
	return cache_row_frames(x)->cached < cache_row_frames(y)->cached ? 1 :
	       cache_row_frames(x)->cached > cache_row_frames(y)->cached ? -1 :
	       0;
}

/* One row per file and cgroup: views of the files' memory. */
static void by_cgroup(struct cache_ctl *ctl, struct cache_rows *out)
{
	size_t i, k, n = 0;

	for (i = 0; i < ctl->nrows; i++)
		n += ctl->rows[i].fr.ncg;
	out->r = xcalloc(n ? n : 1, sizeof(*out->r));
	out->kind = ROWS_VIEWS;
	for (i = 0; i < ctl->nrows; i++) {
		struct cache_file *f = &ctl->rows[i];

		for (k = 0; k < f->fr.ncg; k++) {
			struct cache_file *v = &out->r[out->n++];

			*v = *f;
			v->cgi = (int)k;
			v->cgroup = cg_name(ctl, &f->fr, k, false);
			v->pids = f->pids;
			cache_file_nodes(v);
		}
	}
	if (out->n)
		qsort(out->r, out->n, sizeof(*out->r), cmp_cg);
}

void cache_group(struct cache_ctl *ctl, struct cache_rows *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	switch (ctl->by) {
	case CACHE_BY_DIR:
	case CACHE_BY_FS:
		group_sum(ctl, out);
		break;
	case CACHE_BY_CGROUP:
		by_cgroup(ctl, out);
		break;
	default:
		out->r = ctl->rows;
		out->n = ctl->nrows;
		out->kind = ROWS_FILES;
		for (i = 0; i < out->n; i++)
			frame_names(ctl, &out->r[i]);
		break;
	}
}

void cache_rows_free(struct cache_rows *rows)
{
	size_t i;

	if (rows->kind == ROWS_FILES)
		return;		/* ctl->rows themselves */
	for (i = 0; i < rows->n; i++) {
		if (rows->kind == ROWS_GROUPS)
			cache_file_free(&rows->r[i]);
		else
			free(rows->r[i].cgroup);
	}
	free(rows->r);
}

void cache_total(struct cache_ctl *ctl, const struct cache_rows *rows,
		 struct cache_file *t)
{
	/* views count their files' memory: sum the files themselves */
	const struct cache_file *f = rows->kind == ROWS_VIEWS ? ctl->rows :
				     rows->r;
	size_t n = rows->kind == ROWS_VIEWS ? ctl->nrows : rows->n, i;

	memset(t, 0, sizeof(*t));
	t->cgi = -1;
	t->group = true;
	t->full = true;
	t->name = xstrdup("total");
	t->namelen = 5;
	for (i = 0; i < n; i++)
		cache_file_add(t, &f[i]);
	frame_names(ctl, t);
}
