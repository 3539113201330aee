/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CMD_MAPS_H
#define VMS_CMD_MAPS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "read/kpage.h"
#include "read/maps.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/procfilter.h"
#include "walk/procscan.h"
#include "show/interval.h"
#include "show/picture.h"
#include "show/totals.h"
#include "show/vmacols.h"
#include "cmd/opts.h"
#include "cmd/pictureopts.h"

/* The maps command: of processes (maps.c), or of a file (mapsfile.c). */
struct maps_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	pid_t *pids;
	size_t npids;
	bool all;
	const char *maps_file;
	bool format_maps;		/* --format maps */
	bool total;
	struct procfilter filter;
	struct totals tot;
	bool strict;			/* --strict: bad lines are errors */
	FILE *ffile;			/* --maps-file ... */
	struct maps_reader *freader;	/* ... its reader ... */
	struct vma_list flist;		/* ... the records read ahead ... */
	bool fsmaps;			/* ... and whether it is smaps */

	struct procfs proc;
	struct colsel sel;
	bool smaps;			/* read smaps rather than maps */
	bool smaps_needed;		/* a column only smaps has */
	bool pages;			/* walk the pages: THP, ZERO, ACTIVE */
	bool counters;			/* any counter: walk where no smaps */
	struct kpage kpage;		/* opened at the first visible PFN */
	bool kpage_tried;
	struct procscan scan;		/* the processes of a sample */
	bool page_flags;		/* a column needs every page's flags */
	bool comm;			/* a column shows the command name */
	struct vms_out *out;
	struct skips skips;
	int status;
	struct pic_opts pic;		/* --picture, --png, --svg */
};

/* The rows of l (sorted), or with --format maps its lines. */
void maps_emit(struct maps_ctl *ctl, struct vma_list *l, pid_t pid,
	       const char *comm, enum maps_layout layout);
/*
 * One process's rows made as its file is read (mapsstream.c), where
 * maps_stream_ok(): true when shown; false, with nothing shown, when it
 * is to be read whole.
 */
bool maps_stream_ok(const struct maps_ctl *ctl);
bool maps_stream_one(struct maps_ctl *ctl, pid_t pid);
/* The columns: of a maps file without smaps fields, or of processes. */
const struct vms_coltable *maps_table(const struct maps_ctl *ctl);
/*
 * --maps-file, opened before the columns are chosen: its first record
 * tells whether it is smaps. 0, or -1 once said.
 */
int maps_file_open(struct maps_ctl *ctl);
/* The rest of the file, shown as it is read. */
void maps_file_show(struct maps_ctl *ctl);

#endif
