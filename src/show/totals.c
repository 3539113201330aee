// SPDX-License-Identifier: GPL-2.0-or-later
/* The --total row: column sums of the rows shown, for every table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "show/totals.h"

/* The changes of --interval are signed: summed modulo 2^64, as int64. */
static bool is_change(enum vms_coltype type)
{
	return type == COL_DELTA || type == COL_DCOUNT;
}

static bool summed(enum vms_coltype type)
{
	return type == COL_SIZE || type == COL_COUNT || is_change(type);
}

void totals_init(struct totals *tot, const struct vms_coltable *t,
		 const struct colsel *sel, int label)
{
	size_t i;

	memset(tot, 0, sizeof(*tot));
	tot->t = t;
	tot->sel = sel;
	tot->sums = xcalloc(t->ncols, sizeof(*tot->sums));
	tot->seen = xcalloc(t->ncols, sizeof(*tot->seen));
	tot->label = -1;
	if (label >= 0 && colsel_has(sel, label)) {
		tot->label = label;
		return;
	}
	for (i = 0; i < sel->n && tot->label < 0; i++)
		if (t->cols[sel->ids[i]].type == COL_STR)
			tot->label = sel->ids[i];
}

void totals_add(struct totals *tot, const void *row, vms_fill_fn fill)
{
	size_t i;

	for (i = 0; i < tot->sel->n; i++) {
		int id = tot->sel->ids[i];
		struct vms_cell c = { 0 };

		if (!summed(tot->t->cols[id].type))
			continue;
		fill(row, id, &c);
		if (c.null)
			continue;
		if (is_change(tot->t->cols[id].type))
			tot->sums[id] += c.num;
		else
			sat_inc(&tot->sums[id], c.num);
		tot->seen[id] = true;
	}
}

void totals_set(struct totals *tot, int col, uint64_t value)
{
	tot->sums[col] = value;
	tot->seen[col] = true;
}

static void fill_total(const void *row, int col, struct vms_cell *c)
{
	const struct totals *tot = row;

	if (col == tot->label) {
		cell_str(c, "total");
		return;
	}
	c->null = !summed(tot->t->cols[col].type) || !tot->seen[col];
	c->num = tot->sums[col];
}

void totals_emit(struct totals *tot, struct vms_out *out)
{
	out_sort(out);
	out_row(out, tot, fill_total);
}

void totals_free(struct totals *tot)
{
	free(tot->sums);
	free(tot->seen);
	memset(tot, 0, sizeof(*tot));
}

void totals_mark(const struct totals *tot, struct totals_mark *m)
{
	size_t n = tot->t->ncols;

	m->sums = (void *)xmemdup(tot->sums, n * sizeof(*m->sums));
	m->seen = (void *)xmemdup(tot->seen, n * sizeof(*m->seen));
}

void totals_unmark(struct totals *tot, struct totals_mark *m, bool keep)
{
	size_t n = tot->t->ncols;

	if (!keep) {
		memcpy(tot->sums, m->sums, n * sizeof(*m->sums));
		memcpy(tot->seen, m->seen, n * sizeof(*m->seen));
	}
	free(m->sums);
	free(m->seen);
	memset(m, 0, sizeof(*m));
}
