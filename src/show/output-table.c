// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tables: libsmartcols sorts, aligns and escapes them, but for a table of
 * plain ASCII cells off a terminal, which fasttab (outfast.h) sorts and
 * prints as libsmartcols would.
 */
#include "config.h"

#include <err.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/env.h"
#include "lib/util.h"
#include "show/outfast.h"
#include "show/output-impl.h"
#include "show/smartcols-dl.h"

#define KEYS_PER_BLOCK 4096

static uint64_t *key_slot(struct vms_out *out)
{
	size_t blk = out->nkeys / KEYS_PER_BLOCK;

	if (out->nkeys % KEYS_PER_BLOCK == 0) {
		out->keys = xreallocarray(out->keys, blk + 1,
					  sizeof(*out->keys));
		out->keys[blk] = xmalloc(KEYS_PER_BLOCK * sizeof(uint64_t));
	}
	return &out->keys[blk][out->nkeys++ % KEYS_PER_BLOCK];
}

/*
 * data is non-NULL for sizes and counts: those sort largest first. Unknown values
 * ("-", null) sort last either way.
 */
static int cmp_numeric(struct libscols_cell *a, struct libscols_cell *b,
		       void *data)
{
	const uint64_t *x = scols_cell_get_userdata(a);
	const uint64_t *y = scols_cell_get_userdata(b);
	int r;

	if (!x || !y)
		return !!y - !!x;
	r = (*x > *y) - (*x < *y);
	return data ? -r : r;
}

/* --reverse: text sorts descending. */
static int cmp_str_reverse(struct libscols_cell *a, struct libscols_cell *b,
			   void *data)
{
	return -scols_cmpstr_cells(a, b, data);
}

/* Sizes and counts sort largest first; --reverse turns any column round. */
static bool sort_desc(const struct vms_out *out, const struct vms_column *col)
{
	bool desc = col->type == COL_SIZE || col->type == COL_COUNT ||
		    cell_is_signed(col->type);

	return out->opts->reverse ? !desc : desc;
}

static void set_cmpfunc(struct vms_out *out, struct libscols_column *cl,
			const struct vms_column *col)
{
	bool desc = sort_desc(out, col);

	if (cell_is_numeric(col->type))
		scols_column_set_cmpfunc(cl, cmp_numeric, desc ? cl : NULL);
	else if (out->opts->reverse)
		scols_column_set_cmpfunc(cl, cmp_str_reverse, NULL);
	else
		scols_column_set_cmpfunc(cl, scols_cmpstr_cells, NULL);
}

static int json_type(enum vms_coltype type)
{
	switch (type) {
	case COL_SIZE:
	case COL_NUM:
	case COL_COUNT:
	case COL_DELTA:
	case COL_DCOUNT:
		return SCOLS_JSON_NUMBER;
	case COL_BOOL:
		return SCOLS_JSON_BOOLEAN;
	default:
		return SCOLS_JSON_STRING;
	}
}

/* ---- the fast path: plain ASCII cells kept as text ---- */

/*
 * A table or raw table for a file or a pipe, sorted or not: kept as text
 * by fasttab (outfast.h) as long as every cell is plain ASCII; a sort
 * column not shown is kept after the shown ones.
 */
static void fast_setup(struct vms_out *out)
{
	const struct vms_opts *o = out->opts;
	size_t i;

	/*
	 * A sample's TIME column is libsmartcols' own (table_setup);
	 * VMASCOPE_OUTPUT=libsmartcols leaves every table to it.
	 */
	if ((o->mode != VMS_MODE_TABLE && o->mode != VMS_MODE_RAW) ||
	    out->tcol || env_choice(ENV_OUTPUT) || isatty(STDOUT_FILENO))
		return;
	out->fastcols = xcalloc(out->sel.n + 1, sizeof(*out->fastcols));
	for (i = 0; i < out->sel.n; i++) {
		const struct vms_column *col = sel_col(out, i);

		out->fastcols[i] = (struct fasttab_col){
			col->name, col->whint, col->flags & SCOLS_FL_RIGHT };
	}
	out->fastrow = xcalloc(out->sel.n + 1, sizeof(*out->fastrow));
	out->fast = xmalloc(sizeof(*out->fast));
	fasttab_init(out->fast, out->fastcols, out->sel.n, out->nshown,
		     o->mode == VMS_MODE_RAW, o->noheadings);
}

static void fast_free(struct vms_out *out)
{
	if (out->fast)
		fasttab_free(out->fast);
	free(out->fast);
	free(out->fastcols);
	free(out->fastrow);
	free(out->fastkeys);
	out->fast = NULL;
	out->fastcols = NULL;
	out->fastrow = NULL;
	out->fastkeys = NULL;
	out->capfastkeys = 0;
}

/* Whether rows are sorted by a numeric key (kept in out->fastkeys). */
static bool sort_numeric(const struct vms_out *out)
{
	return out->sort_pos >= 0 &&
	       cell_is_numeric(sel_col(out, (size_t)out->sort_pos)->type);
}

/* A numeric cell's sort key: signed values with the sign bit flipped. */
static uint64_t sort_key(const struct vms_column *col, const struct vms_cell *c)
{
	return cell_is_signed(col->type) ? c->num ^ (UINT64_C(1) << 63) :
	       c->num;
}

static void set_key(struct vms_out *out, struct libscols_line *ln, size_t i,
		    uint64_t num);
static void scols_setup(struct vms_out *out);

/*
 * A cell fasttab cannot print as libsmartcols would: the rows so far to
 * it, in the order they are printed, with their sort keys.
 */
static void fast_to_scols(struct vms_out *out)
{
	size_t i, c, n = fasttab_rows(out->fast);
	bool keys = sort_numeric(out);

	scols_setup(out);
	for (i = 0; i < n; i++) {
		struct libscols_line *ln = scols_table_new_line(out->tb, NULL);
		size_t r = fasttab_row_at(out->fast, i);

		if (!ln)
			errx(VMS_EXIT_FAILURE, "failed to allocate output line");
		for (c = 0; c < out->sel.n; c++) {
			size_t len;
			const char *s = fasttab_cell(out->fast, r, c, &len);

			scols_line_refer_data(ln, c, xmemdup(s, len));
		}
		if (keys && !out->fastkeys[r].null)
			set_key(out, ln, (size_t)out->sort_pos,
				out->fastkeys[r].num);
	}
	fast_free(out);
}

/* The sort key of the row just kept. */
static void fast_keep_key(struct vms_out *out)
{
	size_t r = fasttab_rows(out->fast) - 1;
	const struct vms_cell *c = &out->fastrow[out->sort_pos].c;

	if (r >= out->capfastkeys) {
		out->capfastkeys = out->capfastkeys ? out->capfastkeys * 2 :
				   1024;
		out->fastkeys = xreallocarray(out->fastkeys, out->capfastkeys,
					      sizeof(*out->fastkeys));
	}
	out->fastkeys[r] = (struct fasttab_key){
		sort_key(sel_col(out, (size_t)out->sort_pos), c), c->null };
}

/* The row into fasttab; false (and nothing kept) when a cell is not plain. */
static bool fast_row(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	size_t i;

	for (i = 0; i < out->sel.n; i++) {
		struct fast_row *f = &out->fastrow[i];
		bool text;

		memset(&f->c, 0, offsetof(struct vms_cell, buf));
		fill(row, out->sel.ids[i], &f->c);
		f->s = cell_text_n(out->opts, sel_col(out, i), &f->c, f->buf,
				   sizeof(f->buf), &f->n);
		/*
		 * A value's own text (digits, units, signs, "-") is plain in
		 * every mode: only the bytes of a text cell are looked at.
		 */
		text = !f->s;
		if (text) {
			f->s = f->c.str;
			f->n = f->c.len;
		}
		/* Raw output keeps one field per column, as cell_table_text. */
		if (!f->n && out->opts->mode == VMS_MODE_RAW) {
			f->s = "-";
			f->n = 1;
		}
		if (text && !fasttab_plain(out->fast, f->s, f->n))
			return false;
	}
	for (i = 0; i < out->sel.n; i++)
		fasttab_add(out->fast, out->fastrow[i].s, out->fastrow[i].n);
	if (sort_numeric(out))
		fast_keep_key(out);
	return true;
}

/* ---- libsmartcols ---- */

/* The libsmartcols table, opened and made when first needed. */
static void scols_setup(struct vms_out *out)
{
	const struct vms_opts *o = out->opts;
	size_t i;

	if (out->tb)
		return;
	if (vms_smartcols_open("a table"))
		exit(VMS_EXIT_FAILURE);
	out->tb = scols_new_table();
	if (!out->tb)
		errx(VMS_EXIT_FAILURE, "failed to allocate output table");
	scols_table_set_name(out->tb, out->t->name);
	scols_table_enable_raw(out->tb, o->mode == VMS_MODE_RAW);
	scols_table_enable_json(out->tb, o->mode == VMS_MODE_JSON);
	scols_table_enable_export(out->tb, o->mode == VMS_MODE_PAIRS);
	scols_table_enable_noheadings(out->tb, o->noheadings);
	if (out->tcol && !scols_table_new_column(out->tb, "TIME", 19, 0))
		errx(VMS_EXIT_FAILURE, "failed to allocate column");
	for (i = 0; i < out->sel.n; i++) {
		const struct vms_column *col = sel_col(out, i);
		int flags = col->flags;
		struct libscols_column *cl;

		if (i >= out->nshown)
			flags |= SCOLS_FL_HIDDEN;
		cl = scols_table_new_column(out->tb, col->name, col->whint,
					    flags);
		if (!cl)
			errx(VMS_EXIT_FAILURE, "failed to allocate column");
		scols_column_set_json_type(cl, json_type(col->type));
		set_cmpfunc(out, cl, col);
	}
}

void table_setup(struct vms_out *out)
{
	fast_setup(out);
	if (!out->fast)
		scols_setup(out);
}

/* Cell i's sort key (sort_key()), for cmp_numeric. */
static void set_key(struct vms_out *out, struct libscols_line *ln, size_t i,
		    uint64_t num)
{
	struct libscols_cell *ce = scols_line_get_cell(ln, i + out->tcol);
	uint64_t *key = key_slot(out);

	*key = num;
	scols_cell_set_userdata(ce, key);
}

struct libscols_line *table_row(struct vms_out *out,
				struct libscols_line *parent,
				const void *row, vms_fill_fn fill)
{
	struct libscols_line *ln;
	size_t i;

	if (out->fast && !parent && fast_row(out, row, fill))
		return NULL;
	if (out->fast)
		fast_to_scols(out);
	ln = scols_table_new_line(out->tb, parent);
	if (!ln)
		errx(VMS_EXIT_FAILURE, "failed to allocate output line");
	if (out->tcol)
		scols_line_set_data(ln, 0, out->opts->sample_time);
	for (i = 0; i < out->sel.n; i++) {
		const struct vms_column *col = sel_col(out, i);
		struct vms_cell c = { 0 };

		fill(row, out->sel.ids[i], &c);
		scols_line_refer_data(ln, i + out->tcol,
				      cell_table_text(out->opts, col, &c));
		if (cell_is_numeric(col->type) && !c.null)
			set_key(out, ln, i, sort_key(col, &c));
	}
	return ln;
}

/* The rows so far, as scols_sort_table() would order them. */
static void fast_sort(struct vms_out *out)
{
	const struct vms_column *col = sel_col(out, (size_t)out->sort_pos);
	bool desc = sort_desc(out, col);

	/* A text column's desc is --reverse itself (sort_desc()). */
	if (sort_numeric(out))
		fasttab_sort_keys(out->fast, out->fastkeys, desc);
	else
		fasttab_sort_text(out->fast, (size_t)out->sort_pos, desc);
}

void table_sort(struct vms_out *out)
{
	if (out->sort_pos < 0)
		return;
	if (out->fast) {
		fast_sort(out);
		out->sort_pos = -1;
		return;
	}
	scols_sort_table(out->tb, scols_table_get_column(out->tb,
				out->sort_pos + out->tcol));
	out->sort_pos = -1;
}

void table_drop(struct vms_out *out, unsigned long n)
{
	struct libscols_iter *itr;
	struct libscols_line *ln;

	/* Rows after the sorted ones go from fasttab; others from the lines. */
	if (out->fast && n > fasttab_rows(out->fast) - out->fast->nsorted)
		fast_to_scols(out);
	if (out->fast) {
		/* Every row of a fast table is in it (table_row). */
		fasttab_truncate(out->fast, fasttab_rows(out->fast) - n);
		return;
	}
	itr = scols_new_iter(SCOLS_ITER_BACKWARD);
	if (!itr)
		errx(VMS_EXIT_FAILURE, "failed to allocate an iterator");
	/* The iterator has moved on to the line before: ln may go. */
	while (n-- && !scols_table_next_line(out->tb, itr, &ln))
		scols_table_remove_line(out->tb, ln);
	scols_free_iter(itr);
}

void table_by_scols(struct vms_out *out)
{
	if (out->fast)
		fast_to_scols(out);
}

int table_set_tree(struct vms_out *out, int col)
{
	struct libscols_column *cl;
	size_t i;

	/* A tree is drawn by libsmartcols only. */
	table_by_scols(out);
	for (i = 0; i < out->nshown; i++) {
		if (out->sel.ids[i] != col)
			continue;
		cl = scols_table_get_column(out->tb, i);
		return scols_column_set_flags(cl, scols_column_get_flags(cl) |
					      SCOLS_FL_TREE) ? -1 : 0;
	}
	return -1;
}

/*
 * libsmartcols prints nothing for a table without lines: the heading
 * still tells the reader (and awk) what was asked and that nothing is.
 */
static void empty_heading(struct vms_out *out)
{
	size_t i;

	if (out->opts->noheadings || (out->opts->mode != VMS_MODE_TABLE &&
				      out->opts->mode != VMS_MODE_RAW))
		return;
	if (out->tcol)
		fputs(out->nshown ? "TIME " : "TIME", stdout);
	for (i = 0; i < out->nshown; i++)
		printf("%s%s", i ? " " : "", sel_col(out, i)->name);
	putchar('\n');
}

void table_abandon(struct vms_out *out)
{
	size_t i;

	fast_free(out);
	if (out->tb)
		scols_unref_table(out->tb);
	for (i = 0; i * KEYS_PER_BLOCK < out->nkeys; i++)
		free(out->keys[i]);
	free(out->keys);
}

int table_finish(struct vms_out *out)
{
	int rc;

	table_sort(out);
	if (!out->rows && !out->failed)
		empty_heading(out);
	/*
	 * An empty table: libsmartcols prints nothing in the modes of the
	 * plain path (empty_heading() said what was asked), nor does it.
	 */
	if (out->fast)
		rc = fasttab_rows(out->fast) ?
		     fasttab_print(out->fast, stdout) : 0;
	else
		rc = scols_print_table(out->tb);
	table_abandon(out);
	return rc ? -1 : 0;
}
