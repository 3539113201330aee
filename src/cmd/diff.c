// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope diff: what changed between two snapshots, or a snapshot and now. */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/caps.h"
#include "walk/diff.h"
#include "show/diffcols.h"
#include "show/output.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"

enum {
	OPT_BY = 0xa00,
};

static const char *const view_names[] = {
	[DIFF_BY_PROCESS] = "process",
	[DIFF_BY_VMA] = "vma",
	[DIFF_BY_IMAGE] = "image",
	[DIFF_BY_FLAGS] = "flags",
};

struct diff_ctl {
	struct vms_opts opts;
	const char *args[2];
	size_t nargs;
	enum diff_view view;
	struct diff_side side[2];
	struct colsel sel;
};

static const struct argp_option diff_options[] = {
	{ "by", OPT_BY, "process|vma|image|flags", 0,
	  "one row per process (default), VMA, image or frame class", 0 },
	{ 0 }
};

static error_t diff_parse(int key, char *arg, struct argp_state *state)
{
	struct diff_ctl *ctl = state->input;
	size_t i;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_BY:
		for (i = 0; i < ARRAY_SIZE(view_names); i++)
			if (!strcmp(arg, view_names[i]))
				break;
		if (i == ARRAY_SIZE(view_names))
			argp_error(state, "--by: unknown view: '%s' "
				   "(process, vma, image or flags)", arg);
		ctl->view = (enum diff_view)i;
		break;
	case ARGP_KEY_ARG:
		if (ctl->nargs == 2)
			argp_error(state, "two snapshots only: '%s'", arg);
		ctl->args[ctl->nargs++] = arg;
		break;
	case ARGP_KEY_END:
		if (ctl->nargs != 2 && !ctl->opts.list_columns)
			argp_error(state, "two snapshots to compare: A B "
				   "(- for now)");
		if (ctl->opts.proc_root)
			argp_error(state, "--proc-root does not apply: name "
				   "the snapshots as A and B");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_diff_argp = {
	.options = diff_options,
	.parser = diff_parse,
	.args_doc = "A B",
	.doc = "Compare two snapshots, or a snapshot and now (- for the live "
	       "machine): per process (matched by PID and start time), per "
	       "VMA (by start, end and name), per image, or the frames of the "
	       "machine by class. Rows that did not change are left out; the "
	       "largest growth comes first.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

static int show(struct diff_ctl *ctl)
{
	struct diff_row *rows;
	struct vms_out *out;
	size_t n, i;

	out = out_new_sorted(&ctl->opts, &diff_columns, &ctl->sel, false,
			     ctl->opts.sort ? ctl->opts.sort : "+RSS");
	if (!out)
		return VMS_EXIT_USAGE;
	n = diff_rows(&ctl->side[0], &ctl->side[1], ctl->view, &rows);
	for (i = 0; i < n; i++)
		out_row(out, &rows[i], diff_fill);
	i = out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
	free(rows);
	return (int)i;
}

static int load(struct diff_ctl *ctl)
{
	bool flags = ctl->view == DIFF_BY_FLAGS;
	int k;

	if (!strcmp(ctl->args[0], "-") || !strcmp(ctl->args[1], "-"))
		caps_setup(NEED_SYS_PTRACE | (flags ? NEED_DAC_READ : 0),
			   flags ? "other users' processes and the frames" :
			   "other users' processes");
	for (k = 0; k < 2; k++) {
		if (diff_side_load(&ctl->side[k], ctl->args[k], flags))
			return VMS_EXIT_FAILURE;
		if (ctl->opts.verbose && ctl->side[k].skipped)
			warnx("%s: %zu processes could not be read",
			      ctl->args[k], ctl->side[k].skipped);
	}
	return VMS_EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_ctl ctl = { .view = DIFF_BY_PROCESS };
	struct vms_coltable t;
	int rc;

	vms_argp_parse(&cmd_diff_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns)
		return out_list_columns(&ctl.opts, &diff_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	diff_view_defaults(ctl.view, &t);
	if (colsel_from_opts(&t, &ctl.opts, &ctl.sel))
		return VMS_EXIT_USAGE;
	rc = load(&ctl);
	if (!rc)
		rc = show(&ctl);
	diff_side_free(&ctl.side[0]);
	diff_side_free(&ctl.side[1]);
	colsel_free(&ctl.sel);
	return rc;
}
