// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export: the processes grouped as `top --by` groups them (program, user,
 * cgroup, systemd unit), written as `top --by NAME --format prometheus`
 * writes them: the same rows (procgroup), columns and names (prom_write).
 * One series per group: the groups of a machine are bounded by what runs.
 */
#include "config.h"

#include <stdlib.h>

#include "lib/util.h"
#include "walk/procgroup.h"
#include "show/proccols.h"
#include "show/prom.h"
#include "cmd/commands.h"
#include "cmd/export.h"

/* The groups of by, with the columns top shows for them without -o. */
static int write_groups(const struct export_ctx *x, FILE *out,
			enum procgroup_by by)
{
	size_t ncols;
	const int *cols = proc_group_columns(by, &ncols);
	const struct proc_mem *rows;
	struct proc_mem *g;
	struct colsel sel = { 0 };
	const void **ptr;
	char prefix[32];
	size_t n, ng, i;
	int rc;

	if (export_processes_scan(x, &rows, &n))
		return -1;
	ng = procgroup_rows(by, rows, n, &g);
	ptr = xcalloc(ng ? ng : 1, sizeof(*ptr));
	for (i = 0; i < ng; i++)
		ptr[i] = &g[i];
	for (i = 0; i < ncols; i++)
		colsel_add(&sel, cols[i]);
	snprintf(prefix, sizeof(prefix), "vmascope_%s", procgroup_names[by]);
	rc = prom_write(out, prefix, &proc_columns, &sel, ptr, ng, proc_fill);
	colsel_free(&sel);
	free(ptr);
	for (i = 0; i < ng; i++)
		procmem_free(&g[i]);
	free(g);
	return rc;
}

int export_programs(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_PROGRAM);
}

int export_users(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_USER);
}

int export_cgroups(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_CGROUP);
}

int export_units(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_UNIT);
}
