/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_TOTALS_H
#define VMS_TOTALS_H

#include <stdbool.h>
#include <stdint.h>

#include "show/output.h"

/*
 * --total, the same on every table: a last row with, in each size and
 * count column, the sum of the rows shown above it (saturating), and the
 * word "total" in the label column; every other cell is null.
 */
struct totals {
	const struct vms_coltable *t;
	const struct colsel *sel;
	uint64_t *sums;			/* per column id */
	bool *seen;			/* a non-null value was summed */
	int label;			/* column that says "total"; -1 */
};

/*
 * The label goes in column label when it is shown, else in the first text
 * column shown.
 */
void totals_init(struct totals *tot, const struct vms_coltable *t,
		 const struct colsel *sel, int label);
/* Add a row's cells: call with every row given to out_row. */
void totals_add(struct totals *tot, const void *row, vms_fill_fn fill);
/* Override the value of one column (e.g. distinct processes). */
void totals_set(struct totals *tot, int col, uint64_t value);
/* Sort what is there (out_sort), then add the total row. */
void totals_emit(struct totals *tot, struct vms_out *out);
void totals_free(struct totals *tot);

/* The sums so far, to return to when rows are taken back (out_rollback). */
struct totals_mark {
	uint64_t *sums;
	bool *seen;
};
void totals_mark(const struct totals *tot, struct totals_mark *m);
/* Back to the mark (keep: false) or on from here; m is freed either way. */
void totals_unmark(struct totals *tot, struct totals_mark *m, bool keep);

#endif
