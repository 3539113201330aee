/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OUTPUT_IMPL_H
#define VMS_OUTPUT_IMPL_H

/*
 * Inside the output layer (output.h): the interface and -H in output.c,
 * the text of cells in output-cell.c, libsmartcols tables (and their
 * plain ASCII fast path, outfast.h) in output-table.c, the row stream in
 * output-stream.c. Names are escaped by lib/escape.h only.
 */
#include <stdbool.h>
#include <stdint.h>

#include "lib/escape.h"
#include "show/output.h"

struct libscols_table;
struct libscols_line;
struct fasttab;
struct fasttab_col;
struct fasttab_key;

/* One row of the stream, written with one fwrite. */
struct linebuf {
	char *p;
	size_t len, cap;
};

/* A row's cell as the fast path keeps it (output-table.c). */
struct fast_row {
	struct vms_cell c;
	char buf[32];
	const char *s;
	size_t n;
};

struct vms_out {
	const struct vms_opts *opts;
	const struct vms_coltable *t;
	struct colsel sel;		/* shown columns, then a hidden sort one */
	size_t nshown;
	bool stream;
	bool failed;			/* out_fail(): no empty heading */
	unsigned long rows;

	struct libscols_table *tb;
	struct fasttab *fast;		/* plain rows kept for fasttab, or NULL */
	struct fasttab_col *fastcols;
	struct fast_row *fastrow;	/* a row's cells before they are kept */
	struct fasttab_key *fastkeys;	/* each kept row's numeric sort key */
	size_t capfastkeys;
	int sort_pos;			/* index in sel of the sort column, -1 */
	int tcol;			/* 1: a TIME column comes first */
	uint64_t **keys;		/* numeric sort keys, in stable blocks */
	size_t nkeys;
	int *widths;			/* stream table mode */
	bool table_like;		/* a long table: out_new_long_table() */
	bool header_done;
	enum esc_rule rule;		/* stream: how its names are escaped */
	struct linebuf line;		/* stream: the row being written */
};

static inline const struct vms_column *sel_col(const struct vms_out *out,
					       size_t i)
{
	return &out->t->cols[out->sel.ids[i]];
}

/* output-cell.c: the text of a cell. */
bool cell_is_signed(enum vms_coltype type);
bool cell_is_numeric(enum vms_coltype type);
/* out_cell_text(), and the text's length in *n. */
const char *cell_text_n(const struct vms_opts *o, const struct vms_column *col,
			struct vms_cell *c, char *buf, size_t len, size_t *n);
/* What a table hands libsmartcols for a cell, allocated; NULL for null. */
char *cell_table_text(const struct vms_opts *o, const struct vms_column *col,
		      struct vms_cell *c);

/* output-table.c: a libsmartcols table. */
void table_setup(struct vms_out *out);
struct libscols_line *table_row(struct vms_out *out,
				struct libscols_line *parent,
				const void *row, vms_fill_fn fill);
void table_sort(struct vms_out *out);
/* Drop the last n rows. */
void table_drop(struct vms_out *out, unsigned long n);
/* Rows kept by the fast path to libsmartcols, and the rows to come. */
void table_by_scols(struct vms_out *out);
int table_set_tree(struct vms_out *out, int col);
int table_finish(struct vms_out *out);
void table_abandon(struct vms_out *out);

/* output-stream.c: rows written as they come. */
void stream_setup(struct vms_out *out);
void stream_widen(struct vms_out *out, const void *row, vms_fill_fn fill);
void stream_row(struct vms_out *out, const void *row, vms_fill_fn fill);
int stream_finish(struct vms_out *out);
void stream_abandon(struct vms_out *out);

#endif
