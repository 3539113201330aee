// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The output layer: a table (output-table.c) or a row stream
 * (output-stream.c) of rows a command's fill function gives; cells are
 * formatted in output-cell.c, names escaped by lib/escape.h.
 */
#include "config.h"

#include <err.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>

#include "lib/closeout.h"
#include "lib/util.h"
#include "show/output-impl.h"

/* ---- interface ---- */

void out_sort(struct vms_out *out)
{
	if (!out->stream)
		table_sort(out);
}

static struct vms_out *out_alloc(const struct vms_opts *o,
				 const struct vms_coltable *t,
				 const struct colsel *sel, bool stream)
{
	struct vms_out *out = xcalloc(1, sizeof(*out));
	size_t i;

	out->opts = o;
	out->t = t;
	out->stream = stream;
	out->sort_pos = -1;
	for (i = 0; i < sel->n; i++)
		colsel_add(&out->sel, sel->ids[i]);
	out->nshown = sel->n;
	return out;
}

static void out_free(struct vms_out *out)
{
	colsel_free(&out->sel);
	free(out);
}

/* -s and --reverse asked of rows that cannot be sorted: a message, -1. */
static int unsortable(const struct vms_opts *o, const struct vms_coltable *t,
		      bool stream, const char *sort)
{
	if (o->reverse && (!sort || stream)) {
		if (stream)
			warnx("--reverse: %s are written as they are read, "
			      "not sorted", t->name);
		else
			warnx("--reverse: %s are shown in their own order: "
			      "give -s COL", t->name);
		return -1;
	}
	if (sort && stream) {
		warnx("--sort: %s are written as they are read, not sorted",
		      t->name);
		return -1;
	}
	return 0;
}

/* The sort column: shown, or added hidden after the shown ones. */
static int set_sort(struct vms_out *out, const char *sort)
{
	int id = coltable_lookup(out->t, sort, strlen(sort));
	size_t i;

	if (id < 0) {
		warnx("unknown column: '%s' (see --list-columns)", sort);
		return -1;
	}
	for (i = 0; i < out->sel.n; i++)
		if (out->sel.ids[i] == id)
			out->sort_pos = (int)i;
	if (out->sort_pos < 0) {
		out->sort_pos = (int)out->sel.n;
		colsel_add(&out->sel, id);
	}
	return 0;
}

struct vms_out *out_new(const struct vms_opts *o,
			const struct vms_coltable *t,
			const struct colsel *sel, bool stream)
{
	return out_new_sorted(o, t, sel, stream, o->sort);
}

struct vms_out *out_new_sorted(const struct vms_opts *o,
			       const struct vms_coltable *t,
			       const struct colsel *sel, bool stream,
			       const char *sort)
{
	struct vms_out *out;

	if (unsortable(o, t, stream, sort))
		return NULL;
	out = out_alloc(o, t, sel, stream);
	out->tcol = !stream && o->sample_time;
	if (sort && set_sort(out, sort)) {
		out_free(out);
		return NULL;
	}
	if (stream)
		stream_setup(out);
	else
		table_setup(out);
	return out;
}

struct vms_out *out_new_long_table(const struct vms_opts *o,
				   const struct vms_coltable *t,
				   const struct colsel *sel)
{
	struct vms_out *out = out_alloc(o, t, sel, true);

	out->table_like = true;
	stream_setup(out);
	return out;
}

void out_widen(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	if (out->stream)
		stream_widen(out, row, fill);
}

void out_abandon(struct vms_out *out)
{
	if (out->stream)
		stream_abandon(out);
	else
		table_abandon(out);
	out_free(out);
}

void out_row(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	if (out->stream) {
		stream_row(out, row, fill);
		closeout_check();
	} else {
		table_row(out, NULL, row, fill);
	}
	out->rows++;
}

unsigned long out_mark(const struct vms_out *out)
{
	return out->rows;
}

void out_rollback(struct vms_out *out, unsigned long mark)
{
	if (out->stream)
		errx(VMS_EXIT_FAILURE, "internal error: rows of a stream "
		     "cannot be taken back");
	if (mark >= out->rows)
		return;
	table_drop(out, out->rows - mark);
	out->rows = mark;
}

int out_set_tree(struct vms_out *out, int col)
{
	return out->stream ? -1 : table_set_tree(out, col);
}

void *out_row_line(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	table_by_scols(out);
	out->rows++;
	return table_row(out, NULL, row, fill);
}

void out_row_under(struct vms_out *out, void *parent, const void *row,
		   vms_fill_fn fill)
{
	out->rows++;
	table_row(out, parent, row, fill);
}

void out_fail(struct vms_out *out)
{
	out->failed = true;
}

int out_finish(struct vms_out *out)
{
	int rc = out->stream ? stream_finish(out) : table_finish(out);

	out_free(out);
	return rc;
}

/* ---- -H, --list-columns ---- */

enum { LC_NAME, LC_TYPE, LC_DESC };

static const struct vms_column list_cols[] = {
	[LC_NAME] = { "NAME", 0, 0, COL_STR, "column name" },
	[LC_TYPE] = { "TYPE", 0, 0, COL_STR, "value type" },
	[LC_DESC] = { "DESCRIPTION", 0, SCOLS_FL_TRUNC, COL_STR,
		      "what it shows" },
};

static const int list_defaults[] = { LC_NAME, LC_TYPE, LC_DESC };

static const struct vms_coltable list_table = {
	.name = "columns",
	.cols = list_cols,
	.ncols = ARRAY_SIZE(list_cols),
	.defaults = list_defaults,
	.ndefaults = ARRAY_SIZE(list_defaults),
};

static void fill_list(const void *row, int col, struct vms_cell *c)
{
	const struct vms_column *v = row;

	switch (col) {
	case LC_NAME:
		cell_str(c, v->name);
		break;
	case LC_TYPE:
		cell_str(c, vms_coltype_name(v->type));
		break;
	case LC_DESC:
		cell_str(c, v->help);
		break;
	}
}

int out_list_columns(const struct vms_opts *o, const struct vms_coltable *t)
{
	struct vms_opts lo = *o;
	struct colsel sel = { 0 };
	struct vms_out *out;
	size_t i;
	int rc;

	/* The list of columns, in their order: -o, -s and --reverse are
	 * the command's. */
	lo.columns = NULL;
	lo.output_all = false;
	lo.sort = NULL;
	lo.reverse = false;
	if (colsel_from_opts(&list_table, &lo, &sel))
		return -1;
	out = out_new(&lo, &list_table, &sel, false);
	if (!out) {
		colsel_free(&sel);
		return -1;
	}
	for (i = 0; i < t->ncols; i++)
		out_row(out, &t->cols[i], fill_list);
	rc = out_finish(out);
	colsel_free(&sel);
	return rc;
}
