/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_DIFF_H
#define VMS_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/procfs.h"

/* The counters compared, in bytes (smaps' Rss, Pss, Private_*, Swap). */
struct diff_mem {
	uint64_t rss, pss, uss, swap;
	uint64_t cached;	/* resident page cache: Rss - Anonymous */
};

struct diff_vma {
	uint64_t start, end;
	char *name;		/* as maps names it; "" for none */
	struct diff_mem m;
};

struct diff_proc {
	pid_t pid;
	uint64_t starttime;	/* field 22 of PID/stat: tells PIDs apart */
	char comm[64];
	struct diff_mem m;
	struct diff_vma *vmas;
	size_t nvmas;
};

/* Frames by class (flags --by classes): see diff_classes[]. */
enum { DIFF_NCLASSES = 9 };
extern const char *const diff_classes[DIFF_NCLASSES];

/* One side of a diff: a snapshot, a tree, or the live machine ("-"). */
struct diff_side {
	const char *arg;
	struct procfs proc;
	struct diff_proc *procs;	/* sorted by PID */
	size_t n;
	uint64_t classes[DIFF_NCLASSES];	/* pages */
	bool have_classes;
	size_t skipped;
};

/* Open and read one side; with classes, every frame's flags too. */
int diff_side_load(struct diff_side *s, const char *arg, bool classes);
void diff_side_free(struct diff_side *s);
/* The class of a frame by its kpageflags; -1 for no page. */
int diff_class(uint64_t flags);

/* One row of the output. */
enum diff_status { DIFF_NEW, DIFF_GONE, DIFF_GROWN, DIFF_SHRUNK,
		   DIFF_CHANGED };
struct diff_row {
	enum diff_status status;
	pid_t pid;
	const char *comm;
	const char *name;	/* VMA, image or frame class */
	uint64_t start, end;	/* VMA rows (of B; of A when gone) */
	bool range;
	bool has_a, has_b;
	bool frames;		/* a frame class: RSS and CACHED only */
	struct diff_mem a, b;
};
const char *diff_status_name(enum diff_status s);

enum diff_view { DIFF_BY_PROCESS, DIFF_BY_VMA, DIFF_BY_IMAGE,
		 DIFF_BY_FLAGS };
/* The rows of a view, unchanged ones left out; *rows malloc'ed. */
size_t diff_rows(const struct diff_side *a, const struct diff_side *b,
		 enum diff_view view, struct diff_row **rows);

#endif
