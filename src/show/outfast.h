/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OUTFAST_H
#define VMS_OUTFAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * An aligned table kept as text, printed as libsmartcols prints a table
 * of printable ASCII cells to something that is not a terminal: each
 * column as wide as its widest cell, at least its header (at least 1),
 * else its width hint when that is an absolute one (>= 1); one space
 * between columns; right-aligned columns padded on the left, the others
 * on the right but for the last; raw: the cells joined by one space.
 * libsmartcols spends most of a big table's time measuring cells with
 * the locale's multibyte functions and allocating a line and a copy per
 * cell: this keeps one text buffer, measured with strlen's worth of work.
 * Cells it cannot print exactly so (fasttab_plain() false) are for
 * libsmartcols: the caller then hands it the rows kept so far.
 *
 * Sorted as libsmartcols sorts (scols_sort_table(): a stable merge sort
 * by one column's compare function): by a numeric key of each row, or by
 * a column's text as strcmp() orders it. Columns past the shown ones are
 * kept (a sort column not shown) but not printed.
 */
struct fasttab_col {
	const char *name;
	double whint;
	bool right;
};

/* A row's numeric sort key; null (no value) sorts last either way. */
struct fasttab_key {
	uint64_t num;
	bool null;
};

struct fasttab {
	const struct fasttab_col *cols;
	size_t ncols;
	size_t nshow;			/* the first nshow are printed */
	bool raw, noheadings;
	size_t *width;			/* widest cell of each column */
	char *text;			/* every cell, one after the other */
	size_t tlen, tcap;
	size_t *end;			/* end of cell k in text */
	size_t ncells, capcells;
	size_t *order;			/* rows 0..nsorted-1 in sorted order */
	size_t nsorted;
};

void fasttab_init(struct fasttab *ft, const struct fasttab_col *cols,
		  size_t ncols, size_t nshow, bool raw, bool noheadings);
/* A cell libsmartcols would write as it is (and so as wide as long). */
bool fasttab_plain(const struct fasttab *ft, const char *s, size_t len);
/* The next cell (rows fill left to right). */
void fasttab_add(struct fasttab *ft, const char *s, size_t len);
size_t fasttab_rows(const struct fasttab *ft);
/* Cell (row, col): its text, not NUL-terminated, and length. */
const char *fasttab_cell(const struct fasttab *ft, size_t row, size_t col,
			 size_t *len);
/*
 * Keep the first rows only (the widths then are of those); rows are not
 * cut out of a sorted table (rows >= ft->nsorted).
 */
void fasttab_truncate(struct fasttab *ft, size_t rows);
/*
 * Sort the rows so far, largest first when desc (stable): by key[row]
 * (fasttab_sort_keys), or by the text of column col (fasttab_sort_text).
 * Rows added later are printed after them, in their order.
 */
void fasttab_sort_keys(struct fasttab *ft, const struct fasttab_key *key,
		       bool desc);
void fasttab_sort_text(struct fasttab *ft, size_t col, bool desc);
/* The row printed i-th. */
size_t fasttab_row_at(const struct fasttab *ft, size_t i);
/* Print the table to f. 0, or -1 on an output error. */
int fasttab_print(const struct fasttab *ft, FILE *f);
void fasttab_free(struct fasttab *ft);

#endif
