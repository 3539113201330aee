// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export: the processes, as `top --format prometheus` writes them (the
 * same columns, names and labels, through prom_write), but only the top N
 * by PSS and one series pid="other" with the sums of the rest, so the
 * number of series is bounded.
 */
#include "config.h"

#include <stdlib.h>

#include "commands.h"
#include "export.h"
#include "proccols.h"
#include "procscan.h"
#include "prom.h"
#include "util.h"

/* The columns `top` shows by default: labels PID, USER, COMMAND. */
static const int export_cols[] = {
	PC_PID, PC_USER, PC_COMMAND, PC_RSS, PC_PSS, PC_USS, PC_SWAP,
};

/* Largest PSS first; equal ones by PID. */
static int by_pss(const void *a, const void *b)
{
	const struct proc_mem *x = a, *y = b;

	if (x->pss_fp != y->pss_fp)
		return x->pss_fp < y->pss_fp ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The "other" row (PID 0) is labelled pid="other" only: no process is. */
static void export_fill(const void *row, int col, struct vms_cell *c)
{
	const struct proc_mem *m = row;

	if (!m->pid && col == PC_PID)
		cell_str(c, "other");
	else if (!m->pid && col == PC_COMMAND)
		c->null = true;
	else
		proc_fill(row, col, c);
}

static int write_rows(FILE *out, struct proc_mem *rows, size_t n,
		      size_t top)
{
	struct colsel sel = { 0 };
	struct proc_mem other = { .pid = 0 };
	size_t i, shown = n < top ? n : top;
	const void **ptr = xcalloc(shown + 1, sizeof(*ptr));
	int rc;

	for (i = 0; i < ARRAY_SIZE(export_cols); i++)
		colsel_add(&sel, export_cols[i]);
	for (i = 0; i < n; i++) {
		if (i < shown)
			ptr[i] = &rows[i];
		else
			procmem_add(&other, &rows[i]);
	}
	ptr[shown] = &other;
	rc = prom_write(out, "vmascope_process", &proc_columns, &sel, ptr,
			shown + 1, export_fill);
	free(ptr);
	colsel_free(&sel);
	return rc;
}

int export_processes(const struct export_ctx *x, FILE *out)
{
	struct skips sk = { x->proc, x->opts->verbose, 0 };
	struct proc_mem *rows;
	size_t n;
	int rc;

	if (procscan_rollup(x->proc, &sk, &rows, &n))
		return -1;
	qsort(rows, n, sizeof(*rows), by_pss);
	rc = write_rows(out, rows, n, x->top);
	free(rows);
	return rc;
}
