// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope maps of one process, its rows made as its smaps is read: the
 * kernel generates a big smaps (14 MB for 20,000 VMAs) as slowly as it is
 * read, and a row formatted as its record arrives leaves only the
 * printing for after the last read, with one record in memory instead of
 * all of them.
 *
 * The rows are those maps_emit() would give for the whole list: the list
 * is sorted by start address, and the kernel writes the VMAs in that
 * order (it walks its tree of VMAs upwards). A record out of order (a
 * copied tree, or a process changing its mappings while read), a file
 * that fails, or a process without VMAs take the rows back (out_rollback)
 * and leave the process to the reading of the whole list, which says and
 * sorts what it finds exactly as before.
 */
#include "config.h"

#include <stdlib.h>

#include "read/maps.h"
#include "read/procfs.h"
#include "cmd/maps.h"

bool maps_stream_ok(const struct maps_ctl *ctl)
{
	/*
	 * Not when the pages are walked (over all VMAs), for the kernel's
	 * lines of --format maps, nor with --interval (a sample's changes
	 * would be kept of rows taken back).
	 */
	return ctl->out && !ctl->pages && !ctl->format_maps &&
	       !ctl->iv.seconds;
}

/* The records of r as rows: 1 all shown, 0 out of order, -1 failed. */
static int stream_rows(struct maps_ctl *ctl, struct maps_reader *r,
		       pid_t pid, const char *comm)
{
	uint64_t last = 0;
	struct vma v;
	int rc;

	while ((rc = maps_reader_next(r, &v)) > 0) {
		struct vma_row row = { &v, pid, comm, { 0 }, false };

		/* vma_list_sort() would move it: the whole list, then. */
		if (v.start < last) {
			vma_clear(&v);
			return 0;
		}
		last = v.start;
		out_row(ctl->out, &row, vma_fill);
		if (ctl->total)
			totals_add(&ctl->tot, &row, vma_fill);
		vma_clear(&v);
	}
	return rc < 0 ? -1 : 1;
}

bool maps_stream_one(struct maps_ctl *ctl, pid_t pid)
{
	struct maps_reader *r;
	struct totals_mark tm = { 0 };
	unsigned long mark;
	char comm[64] = "", *err;
	bool shown;
	int rc;

	r = maps_reader_open_pid(&ctl->proc, pid,
				 ctl->smaps ? "smaps" : "maps", &rc, &err);
	if (!r) {
		free(err);
		return false;
	}
	if (ctl->comm)
		procfs_comm(&ctl->proc, pid, comm, sizeof(comm));
	mark = out_mark(ctl->out);
	if (ctl->total)
		totals_mark(&ctl->tot, &tm);
	rc = stream_rows(ctl, r, pid, comm);
	/* No VMA: a kernel thread or a zombie, which the whole read says. */
	shown = rc > 0 && maps_reader_records(r) > 0;
	if (!shown)
		out_rollback(ctl->out, mark);
	if (ctl->total)
		totals_unmark(&ctl->tot, &tm, shown);
	maps_reader_free(r);
	return shown;
}
