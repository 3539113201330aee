/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OPTS_H
#define VMS_OPTS_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/procfs.h"

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

/*
 * The argp child with the common options. A command's parser passes its
 * struct vms_opts with vms_opts_child_init() at ARGP_KEY_INIT.
 */
extern const struct argp vms_common_argp;
/* A command's argp children: the common options. */
extern const struct argp_child vms_common_children[];
void vms_opts_child_init(struct argp_state *state, struct vms_opts *o);
/* A PID argument: parsed (usage error naming it when bad) and appended. */
void vms_arg_pid(struct argp_state *state, const char *arg, pid_t **pids,
		 size_t *n);
/* --proc-root (or /proc) opened into p: 0, or -1 once said on stderr. */
int vms_open_proc(const struct vms_opts *o, struct procfs *p);

#endif
