// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope maps --maps-file: the VMAs of a maps or smaps file. */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <string.h>

#include "lib/closeout.h"
#include "read/maps.h"
#include "show/totals.h"
#include "show/vmacols.h"
#include "cmd/cli.h"
#include "cmd/maps.h"

/* Rows a --maps-file table holds (sorted, aligned); past it, streamed. */
#define FILE_TABLE_ROWS 16384

/*
 * --maps-file, opened before the columns are chosen: its first record
 * tells whether it is smaps (which has the counters, and gets the
 * defaults of a process). The rest is read as it is shown. 0 or -1.
 */
int maps_file_open(struct maps_ctl *ctl)
{
	bool std = !strcmp(ctl->maps_file, "-");
	FILE *f = std ? stdin : fopen(ctl->maps_file, "re");
	int rc;

	if (!f) {
		warn("%s", ctl->maps_file);
		return -1;
	}
	ctl->ffile = f;
	ctl->freader = maps_reader_new(f, std ? "<stdin>" : ctl->maps_file);
	maps_reader_set_lenient(ctl->freader, !ctl->strict);
	rc = maps_reader_next(ctl->freader, vma_list_add(&ctl->flist));
	if (rc <= 0)
		ctl->flist.n--;	/* the slot the end or the error left */
	if (rc < 0) {
		warnx("%s", maps_reader_error(ctl->freader));
		return -1;
	}
	ctl->fsmaps = maps_reader_is_smaps(ctl->freader);
	return 0;
}

/* --format maps: each record written back as it is read. */
static int copy_records(struct maps_ctl *ctl, struct maps_reader *r)
{
	struct vma v;
	int rc;

	maps_emit(ctl, &ctl->flist, 0, NULL, maps_reader_layout(r));
	vma_list_free(&ctl->flist);
	while ((rc = maps_reader_next(r, &v)) > 0) {
		maps_write_line(stdout, &v, maps_reader_layout(r));
		vma_clear(&v);
		closeout_check();
	}
	return rc;
}

/* One row of a streamed --maps-file table, counted in the totals. */
static void stream_row(struct maps_ctl *ctl, struct vma *v)
{
	struct vma_row row = { v, 0, NULL, { 0 }, false };

	out_row(ctl->out, &row, vma_fill);
	totals_add(&ctl->tot, &row, vma_fill);
}

/*
 * More rows than a table holds, without -s: written in the order of the
 * file, widths from the rows held so far, in bounded memory.
 */
static int stream_records(struct maps_ctl *ctl, struct maps_reader *r,
			  struct vma_list *l)
{
	struct vma v;
	size_t i;
	int rc;

	out_abandon(ctl->out);
	ctl->out = out_new_long_table(&ctl->opts, maps_table(ctl), &ctl->sel);
	for (i = 0; i < l->n; i++) {
		struct vma_row row = { &l->v[i], 0, NULL, { 0 }, false };

		out_widen(ctl->out, &row, vma_fill);
	}
	for (i = 0; i < l->n; i++)
		stream_row(ctl, &l->v[i]);
	vma_list_free(l);
	while ((rc = maps_reader_next(r, &v)) > 0) {
		stream_row(ctl, &v);
		vma_clear(&v);
	}
	return rc;
}

/* A table: all of a short file, or any file with -s. */
static int read_records(struct maps_ctl *ctl, struct maps_reader *r)
{
	struct vma_list *l = &ctl->flist;
	int rc;

	while ((rc = maps_reader_next(r, vma_list_add(l))) > 0)
		if (l->n >= FILE_TABLE_ROWS && !ctl->opts.sort)
			return stream_records(ctl, r, l);
	l->n--;		/* the slot the end or the error left unused */
	if (!rc)
		maps_emit(ctl, l, 0, NULL, maps_reader_layout(r));
	return rc;
}

/* Bad lines skipped by a lenient reader: counted; only bad lines fail. */
static int file_summary(struct maps_ctl *ctl, struct maps_reader *r)
{
	unsigned long bad = maps_reader_skipped(r);

	if (!bad)
		return 0;
	warnx("%s: %lu bad lines skipped%s", ctl->maps_file, bad,
	      maps_reader_records(r) ? "" : ", no VMA read");
	return maps_reader_records(r) ? 0 : -1;
}

void maps_file_show(struct maps_ctl *ctl)
{
	struct maps_reader *r = ctl->freader;
	int rc;

	rc = ctl->format_maps ? copy_records(ctl, r) : read_records(ctl, r);
	if (rc < 0)
		warnx("%s", maps_reader_error(r));
	if (rc < 0 || file_summary(ctl, r))
		ctl->status = VMS_EXIT_FAILURE;
}
