/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_RUNOPTS_H
#define VMS_RUNOPTS_H

#include <stdbool.h>

/* The settings of one run, as the common options set them; every stage
 * reads them, cmd/opts.c parses them. */
enum vms_mode {
	VMS_MODE_TABLE,
	VMS_MODE_RAW,
	VMS_MODE_JSON,
	VMS_MODE_PAIRS,
};

/* The options every command shares (SPEC.md, util-linux conventions). */
struct vms_opts {
	const char *columns;		/* -o */
	bool output_all;
	bool list_columns;		/* -H */
	bool noheadings;
	bool bytes;
	enum vms_mode mode;
	const char *sort;		/* -s */
	bool reverse;			/* --reverse */
	const char *proc_root;
	int verbose;
	const char *sample_time;	/* --interval, piped: a TIME column */
};

#endif
