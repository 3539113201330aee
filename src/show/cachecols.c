// SPDX-License-Identifier: GPL-2.0-or-later
/* The file column table of `vmascope cache` and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lib/util.h"
#include "show/cachecols.h"

static const struct vms_column cache_cols[CC_NCOLS] = {
	[CC_FILE] = { "FILE", 0.4, SCOLS_FL_TRUNC, COL_STR,
		      "file name; \" (deleted)\" when unlinked but open" },
	[CC_SIZE] = { "SIZE", 5, SCOLS_FL_RIGHT, COL_SIZE, "file size" },
	[CC_PAGES] = { "PAGES", 6, SCOLS_FL_RIGHT, COL_COUNT,
		       "pages of the file: SIZE rounded up" },
	[CC_CACHED] = { "CACHED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"in the page cache (resident)" },
	[CC_DIRTY] = { "DIRTY", 5, SCOLS_FL_RIGHT, COL_SIZE,
		       "cached and dirty: not yet written back" },
	[CC_WRITEBACK] = { "WRITEBACK", 5, SCOLS_FL_RIGHT, COL_SIZE,
			   "being written back now" },
	[CC_EVICTED] = { "EVICTED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			 "evicted from the cache (shadow entries)" },
	[CC_RECENT] = { "RECENT", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"evicted recently: would refault as workingset" },
	[CC_PERCENT] = { "PERCENT", 4, SCOLS_FL_RIGHT, COL_NUM,
			 "CACHED of PAGES, in percent, rounded" },
	[CC_DELETED] = { "DELETED", 3, 0, COL_BOOL,
			 "unlinked, held open or mapped by a process" },
	[CC_DEV] = { "DEV", 5, 0, COL_STR, "device (major:minor)" },
	[CC_INODE] = { "INODE", 8, SCOLS_FL_RIGHT, COL_NUM, "inode number" },
	[CC_FS] = { "FS", 5, 0, COL_STR, "file system type" },
	[CC_PIDS] = { "PIDS", 0.2, SCOLS_FL_TRUNC, COL_STR,
		      "processes that map it or hold it open (--pid, --all)" },
	[CC_ACTIVE] = { "ACTIVE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"on an active LRU list (--frames)" },
	[CC_REFERENCED] = { "REFERENCED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			    "referenced bit set (--frames)" },
	[CC_MAPPED] = { "MAPPED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"mapped by processes (--frames)" },
	[CC_UNEVICTABLE] = { "UNEVICTABLE", 5, SCOLS_FL_RIGHT, COL_SIZE,
			     "on the unevictable list: mlocked, ramfs "
			     "(--frames)" },
	[CC_CGROUP] = { "CGROUP", 0.2, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup charged; \" +N\": N more (--frames)" },
	[CC_NODE] = { "NODE", 4, 0, COL_STR,
		      "NUMA nodes of the pages (--frames)" },
};

static const int file_defaults[] = {
	CC_FILE, CC_SIZE, CC_CACHED, CC_DIRTY, CC_PERCENT,
};
static const int pid_defaults[] = {
	CC_FILE, CC_SIZE, CC_CACHED, CC_DIRTY, CC_PERCENT, CC_DELETED,
	CC_PIDS,
};
static const int frame_defaults[] = {
	CC_FILE, CC_CACHED, CC_DIRTY, CC_ACTIVE, CC_REFERENCED, CC_MAPPED,
	CC_UNEVICTABLE, CC_CGROUP, CC_NODE,
};
static const int frame_pid_defaults[] = {
	CC_FILE, CC_CACHED, CC_DIRTY, CC_ACTIVE, CC_REFERENCED, CC_MAPPED,
	CC_CGROUP, CC_DELETED, CC_PIDS,
};

#define CACHE_TABLE(var, defs) \
	const struct vms_coltable var = { \
		.name = "files", .cols = cache_cols, .ncols = CC_NCOLS, \
		.defaults = defs, .ndefaults = ARRAY_SIZE(defs), \
	}

CACHE_TABLE(cache_columns, file_defaults);
CACHE_TABLE(cache_pid_columns, pid_defaults);
CACHE_TABLE(cache_frame_columns, frame_defaults);
CACHE_TABLE(cache_frame_pid_columns, frame_pid_defaults);

bool cache_col_frames(int col)
{
	return col >= CC_ACTIVE && col <= CC_NODE;
}

static uint64_t page_size(void)
{
	static uint64_t psz;

	if (!psz)
		psz = (uint64_t)sysconf(_SC_PAGESIZE);
	return psz;
}

const struct cache_fcounts *cache_row_frames(const struct cache_file *f)
{
	if (!f->has_frames || !f->fr.visible)
		return NULL;
	if (f->cgi < 0 || (size_t)f->cgi >= f->fr.ncg)
		return &f->fr.c;
	return &f->fr.cg[f->cgi].c;
}

/* A frame counter, in bytes; false when no frames were seen. */
static bool frame_value(const struct cache_file *f, int col, uint64_t *v)
{
	const struct cache_fcounts *c = cache_row_frames(f);

	if (!c)
		return false;
	switch (col) {
	case CC_CACHED:
		*v = c->cached;
		break;
	case CC_DIRTY:
		*v = c->dirty;
		break;
	case CC_WRITEBACK:
		*v = c->writeback;
		break;
	case CC_ACTIVE:
		*v = c->active;
		break;
	case CC_REFERENCED:
		*v = c->referenced;
		break;
	case CC_MAPPED:
		*v = c->mapped;
		break;
	default:
		*v = c->unevictable;
		break;
	}
	*v *= page_size();
	return true;
}

/* A counter of cachestat (or of the frames where only they know it). */
static bool stat_value(const struct cache_file *f, int col, uint64_t *v)
{
	const uint64_t *p[] = {
		[CC_CACHED] = &f->c.cached,
		[CC_DIRTY] = &f->c.dirty,
		[CC_WRITEBACK] = &f->c.writeback,
		[CC_EVICTED] = &f->c.evicted,
		[CC_RECENT] = &f->c.recent,
	};

	/* a memcg's share of a file: the frames tell it all */
	if (f->has_frames && f->cgi >= 0)
		return col != CC_EVICTED && col != CC_RECENT &&
		       frame_value(f, col, v);
	if (col != CC_CACHED && !f->full)
		return (col == CC_DIRTY || col == CC_WRITEBACK) &&
		       frame_value(f, col, v);
	*v = *p[col] * page_size();
	return true;
}

static void fill_percent(const struct cache_file *f, struct vms_cell *c)
{
	uint64_t cached;

	if (!stat_value(f, CC_CACHED, &cached) || !f->pages) {
		c->null = true;
		return;
	}
	cached /= page_size();
	/* pages past EOF can be cached for a while: never over 100 */
	c->num = cached >= f->pages ? 100 :
		 (cached * 100 + f->pages / 2) / f->pages;
}

static void fill_ids(const struct cache_file *f, int col, struct vms_cell *c)
{
	/* a group has no inode; a file system group keeps its device */
	if (col == CC_INODE) {
		c->null = f->group;
		c->num = (uint64_t)f->ino;
		return;
	}
	if (f->group && !f->dev) {
		c->null = true;
		return;
	}
	snprintf(c->buf, sizeof(c->buf), "%u:%u", major(f->dev),
		 minor(f->dev));
	cell_str(c, c->buf);
}

void cache_fill(const void *row, int col, struct vms_cell *c)
{
	const struct cache_file *f = row;

	switch (col) {
	case CC_FILE:
		cell_bytes(c, f->name, f->namelen);
		c->null = !f->name;
		break;
	case CC_SIZE:
		c->num = f->size;
		break;
	case CC_PAGES:
		c->num = f->pages;
		break;
	case CC_CACHED: case CC_DIRTY: case CC_WRITEBACK: case CC_EVICTED:
	case CC_RECENT:
		c->null = !stat_value(f, col, &c->num);
		break;
	case CC_PERCENT:
		fill_percent(f, c);
		break;
	case CC_DELETED:
		c->b = f->deleted;
		break;
	case CC_DEV: case CC_INODE:
		fill_ids(f, col, c);
		break;
	case CC_FS:
		cell_str(c, f->fs);
		break;
	case CC_PIDS:
		cell_str(c, f->pids);
		break;
	case CC_CGROUP:
		cell_str(c, f->has_frames && f->fr.visible ? f->cgroup : NULL);
		break;
	case CC_NODE:
		cell_str(c, f->has_frames && f->fr.visible && f->node[0] ?
			 f->node : NULL);
		break;
	default:
		c->null = !frame_value(f, col, &c->num);
		break;
	}
}

uint64_t cache_key(const struct cache_file *f, int col)
{
	struct vms_cell c;

	memset(&c, 0, sizeof(c));
	if (col < 0 || col == CC_FILE || col == CC_DEV || col == CC_FS ||
	    col == CC_PIDS || col == CC_CGROUP || col == CC_NODE)
		col = CC_CACHED;
	cache_fill(f, col, &c);
	if (col == CC_DELETED)
		return c.b;
	return c.null ? 0 : c.num;
}

void cache_file_add(struct cache_file *a, const struct cache_file *b)
{
	a->size += b->size;
	a->pages += b->pages;
	a->c.cached += b->c.cached;
	a->c.dirty += b->c.dirty;
	a->c.writeback += b->c.writeback;
	a->c.evicted += b->c.evicted;
	a->c.recent += b->c.recent;
	a->deleted |= b->deleted;
	a->full = a->full && b->full;
	if (b->has_frames) {
		a->has_frames = true;
		cache_frames_add(&a->fr, b->fr.visible ? &b->fr :
				 &(struct cache_frames){ .c = { 0 } });
		a->cgi = -1;
	}
}

void cache_file_free(struct cache_file *f)
{
	free(f->name);
	free(f->pids);
	free(f->cgroup);
	cache_frames_free(&f->fr);
}

void cache_file_nodes(struct cache_file *f)
{
	size_t len = 0;
	int n;

	f->node[0] = '\0';
	for (n = 0; n < 64 && len + 4 < sizeof(f->node); n++)
		if (f->fr.nodes & (1ULL << n))
			len += (size_t)snprintf(f->node + len,
						sizeof(f->node) - len, "%s%d",
						len ? "," : "", n);
}
