/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OUTFAST_H
#define VMS_OUTFAST_H

#include <stdbool.h>
#include <stddef.h>
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
 */
struct fasttab_col {
	const char *name;
	double whint;
	bool right;
};

struct fasttab {
	const struct fasttab_col *cols;
	size_t ncols;
	bool raw, noheadings;
	size_t *width;			/* widest cell of each column */
	char *text;			/* every cell, one after the other */
	size_t tlen, tcap;
	size_t *end;			/* end of cell k in text */
	size_t ncells, capcells;
};

void fasttab_init(struct fasttab *ft, const struct fasttab_col *cols,
		  size_t ncols, bool raw, bool noheadings);
/* A cell libsmartcols would write as it is (and so as wide as long). */
bool fasttab_plain(const struct fasttab *ft, const char *s, size_t len);
/* The next cell (rows fill left to right). */
void fasttab_add(struct fasttab *ft, const char *s, size_t len);
size_t fasttab_rows(const struct fasttab *ft);
/* Cell (row, col): its text, not NUL-terminated, and length. */
const char *fasttab_cell(const struct fasttab *ft, size_t row, size_t col,
			 size_t *len);
/* Keep the first rows only (the widths then are of those). */
void fasttab_truncate(struct fasttab *ft, size_t rows);
/* Print the table to f. 0, or -1 on an output error. */
int fasttab_print(const struct fasttab *ft, FILE *f);
void fasttab_free(struct fasttab *ft);

#endif
