// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export: the processes, as `top --format prometheus` writes them (the
 * same columns, names and labels, through prom_write), but only the top N
 * by PSS (or -s) and one series pid="other" with the sums of the rest, so
 * the number of series is bounded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "walk/procscan.h"
#include "show/proccols.h"
#include "show/prom.h"
#include "cmd/commands.h"
#include "cmd/export.h"

/* A row and the value it is ranked by (-s, PSS by default). */
struct ranked {
	uint64_t key;
	const struct proc_mem *m;
};

/* Largest first; equal ones by PID. */
static int by_key(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return (x->m->pid > y->m->pid) - (x->m->pid < y->m->pid);
}

/* The "other" row (PID 0) is labelled pid="other" only: no process is. */
static void export_fill(const void *row, int col, struct vms_cell *c)
{
	const struct proc_mem *m = row;
	enum vms_coltype t = proc_columns.cols[col].type;

	if (!m->pid && col == PC_PID)
		cell_str(c, "other");
	else if (!m->pid && t != COL_SIZE && t != COL_COUNT)
		c->null = true;
	else
		proc_fill(row, col, c);
}

/* The first top rows one by one, the others summed into pid="other". */
static int write_rows(const struct export_ctx *x, FILE *out,
		      const struct ranked *r, size_t n)
{
	struct proc_mem other = { .pid = 0 };
	size_t i, shown = n < x->top ? n : x->top;
	const void **ptr = xcalloc(shown + 1, sizeof(*ptr));
	int rc;

	for (i = 0; i < n; i++) {
		if (i < shown)
			ptr[i] = r[i].m;
		else
			procmem_add(&other, r[i].m);
	}
	ptr[shown] = &other;
	rc = prom_write(out, "vmascope_process", &proc_columns, x->sel, ptr,
			shown + 1, export_fill);
	free(ptr);
	return rc;
}

/* Every identity a column or a grouping of export may show. */
#define EXPORT_ID (PROCID_ARGS | PROCID_CGROUP | PROCID_EXE)

int export_processes_scan(const struct export_ctx *x,
			  const struct proc_mem **rows, size_t *n)
{
	struct export_scan *s = x->scan;

	if (!s->done) {
		struct skips sk = { x->proc, x->opts->verbose, 0 };

		s->rc = procscan_rollup(x->proc, EXPORT_ID, &sk, &s->rows,
					&s->n);
		s->done = true;
	}
	*rows = s->rows;
	*n = s->n;
	return s->rc;
}

void export_scan_free(struct export_scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		procmem_free(&s->rows[i]);
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

int export_processes(const struct export_ctx *x, FILE *out)
{
	const struct proc_mem *rows;
	struct ranked *r;
	size_t n, i;
	int rc;

	if (export_processes_scan(x, &rows, &n))
		return -1;
	r = xcalloc(n ? n : 1, sizeof(*r));
	for (i = 0; i < n; i++) {
		struct vms_cell c = { 0 };

		proc_fill(&rows[i], x->sort, &c);
		r[i] = (struct ranked){ c.num, &rows[i] };
	}
	qsort(r, n, sizeof(*r), by_key);
	rc = write_rows(x, out, r, n);
	free(r);
	return rc;
}
