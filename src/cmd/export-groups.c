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

/* The columns top shows for each grouping without -o. */
static const int program_cols[] = { PC_PROCS, PC_COMMAND, PC_RSS, PC_PSS,
				     PC_USS, PC_SWAP, PC_EXE };
static const int user_cols[] = { PC_PROCS, PC_USER, PC_RSS, PC_PSS,
				 PC_USS, PC_SWAP };
static const int cgroup_cols[] = { PC_PROCS, PC_RSS, PC_PSS, PC_USS,
				   PC_SWAP, PC_CGROUP };
static const int unit_cols[] = { PC_PROCS, PC_UNIT, PC_RSS, PC_PSS,
				 PC_USS, PC_SWAP };

static int write_groups(const struct export_ctx *x, FILE *out,
			enum procgroup_by by, const int *cols, size_t ncols)
{
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
	return write_groups(x, out, GROUP_PROGRAM, program_cols,
			    ARRAY_SIZE(program_cols));
}

int export_users(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_USER, user_cols,
			    ARRAY_SIZE(user_cols));
}

int export_cgroups(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_CGROUP, cgroup_cols,
			    ARRAY_SIZE(cgroup_cols));
}

int export_units(const struct export_ctx *x, FILE *out)
{
	return write_groups(x, out, GROUP_UNIT, unit_cols,
			    ARRAY_SIZE(unit_cols));
}
