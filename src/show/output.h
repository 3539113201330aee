/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OUTPUT_H
#define VMS_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/runopts.h"
#include "show/columns.h"

/* One value of a row, as a command's fill function gives it. */
struct vms_cell {
	bool null;		/* unavailable: "-" in text, null in JSON */
	const char *str;	/* COL_STR: bytes ... */
	size_t len;		/* ... and their length */
	uint64_t num;		/* COL_SIZE, COL_NUM, COL_HEX */
	bool b;			/* COL_BOOL */
	char buf[64];		/* scratch for a fill function's text */
};

/* Fill cell with the value of column col for row. */
typedef void (*vms_fill_fn)(const void *row, int col, struct vms_cell *cell);

static inline void cell_str(struct vms_cell *c, const char *s)
{
	if (!s) {
		c->null = true;
		return;
	}
	c->str = s;
	c->len = __builtin_strlen(s);
}

static inline void cell_bytes(struct vms_cell *c, const char *s, size_t len)
{
	c->str = s ? s : "";
	c->len = s ? len : 0;
}

struct vms_out;

/*
 * A table (sorted and aligned at the end, as libsmartcols does it) or a
 * stream (written row by row in bounded memory, for page-level output).
 * Sorted by -s; sizes sort largest first, other columns ascending.
 * Returns NULL after a message when -s names an unknown column.
 */
struct vms_out *out_new(const struct vms_opts *o,
			const struct vms_coltable *t,
			const struct colsel *sel, bool stream);
/* The same, sorted by the column sort (NULL: in the order rows come). */
struct vms_out *out_new_sorted(const struct vms_opts *o,
			       const struct vms_coltable *t,
			       const struct colsel *sel, bool stream,
			       const char *sort);
void out_row(struct vms_out *out, const void *row, vms_fill_fn fill);
/*
 * A tree (libsmartcols, tables only): column col draws it. out_row_line()
 * adds a row and returns it, out_row_under() adds one below such a row;
 * sorting keeps children under their parent. 0, or -1 when col is not
 * shown or the output is a stream.
 */
int out_set_tree(struct vms_out *out, int col);
void *out_row_line(struct vms_out *out, const void *row, vms_fill_fn fill);
void out_row_under(struct vms_out *out, void *parent, const void *row,
		   vms_fill_fn fill);

/*
 * A table too long to hold in memory, unsorted: written row by row in
 * the formats of a table (raw separated by spaces, as libsmartcols does),
 * column widths from the rows given to out_widen() before the first
 * out_row(); a longer value later is written whole.
 */
struct vms_out *out_new_long_table(const struct vms_opts *o,
				   const struct vms_coltable *t,
				   const struct colsel *sel);
void out_widen(struct vms_out *out, const void *row, vms_fill_fn fill);
/*
 * A table's rows so far, and a return to them: the rows given after the
 * mark are dropped, as if never given (not in a stream, which has
 * written them). For rows given as they are read, by a reader that may
 * yet fail.
 */
unsigned long out_mark(const struct vms_out *out);
void out_rollback(struct vms_out *out, unsigned long mark);
/* Free without writing anything. */
void out_abandon(struct vms_out *out);
/* Sort the rows so far (-s); rows added later stay below (a total). */
void out_sort(struct vms_out *out);
/* The command failed: an empty table prints no heading either. */
void out_fail(struct vms_out *out);
/* Print (table) or close (stream); free. 0, or -1 on an output error. */
int out_finish(struct vms_out *out);

/*
 * The text of a cell as tables show it ("-" for null, sizes by -b), in
 * buf; NULL for a COL_STR cell: its bytes are c->str, c->len.
 */
const char *out_cell_text(const struct vms_opts *o,
			  const struct vms_column *col, struct vms_cell *c,
			  char *buf, size_t len);

/* -H: the columns of t as a table in the chosen output mode. */
int out_list_columns(const struct vms_opts *o, const struct vms_coltable *t);

#endif
