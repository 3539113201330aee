// SPDX-License-Identifier: GPL-2.0-or-later
/* The common options, shared by every command as an argp child. */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/procfs.h"
#include "read/snapshot.h"
#include "cmd/opts.h"

enum {
	OPT_OUTPUT_ALL = 0x100,
	OPT_PROC_ROOT,
	OPT_REVERSE,
};

static const struct argp_option common_options[] = {
	{ NULL, 0, NULL, 0, "Output:", 1 },
	{ "output", 'o', "COLS", 0,
	  "columns to show (comma list; +COL appends to the defaults)", 1 },
	{ "output-all", OPT_OUTPUT_ALL, NULL, 0, "show every column", 1 },
	{ "list-columns", 'H', NULL, 0, "list the columns and exit", 1 },
	{ "json", 'J', NULL, 0, "JSON output", 1 },
	{ "raw", 'r', NULL, 0, "raw output", 1 },
	{ "pairs", 'P', NULL, 0, "KEY=\"value\" output", 1 },
	{ "noheadings", 'n', NULL, 0, "do not print headings", 1 },
	{ "bytes", 'b', NULL, 0, "exact bytes, not human units", 1 },
	{ "sort", 's', "COL", 0, "sort rows by COL", 1 },
	{ "reverse", OPT_REVERSE, NULL, 0,
	  "sort the other way round (sizes and counts smallest first)", 1 },
	{ NULL, 0, NULL, 0, "Source:", 2 },
	{ "proc-root", OPT_PROC_ROOT, "ROOT", 0,
	  "read ROOT/PID/maps, ROOT/kpageflags ... instead of /proc; "
	  "or a snapshot file", 2 },
	{ "verbose", 'v', NULL, 0, "say more on stderr", 2 },
	{ NULL, 0, NULL, 0, "Help:", -1 },
	{ "help", 'h', NULL, 0, "give this help list", -1 },
	{ "version", 'V', NULL, 0, "print program version", -1 },
	{ 0 }
};

/* -J, -r and -P choose one output mode: a second one is an error. */
static void set_mode(struct argp_state *state, struct vms_opts *o,
		     enum vms_mode mode)
{
	static const char *const names[] = {
		[VMS_MODE_RAW] = "--raw",
		[VMS_MODE_JSON] = "--json",
		[VMS_MODE_PAIRS] = "--pairs",
	};

	if (o->mode != VMS_MODE_TABLE && o->mode != mode)
		argp_error(state, "%s and %s are mutually exclusive",
			   names[o->mode], names[mode]);
	o->mode = mode;
}

static error_t common_parse(int key, char *arg, struct argp_state *state)
{
	struct vms_opts *o = state->input;

	switch (key) {
	case 'o':
		o->columns = arg;
		break;
	case OPT_OUTPUT_ALL:
		o->output_all = true;
		break;
	case 'H':
		o->list_columns = true;
		break;
	case 'J':
		set_mode(state, o, VMS_MODE_JSON);
		break;
	case 'r':
		set_mode(state, o, VMS_MODE_RAW);
		break;
	case 'P':
		set_mode(state, o, VMS_MODE_PAIRS);
		break;
	case 'n':
		o->noheadings = true;
		break;
	case 'b':
		o->bytes = true;
		break;
	case 's':
		o->sort = arg;
		break;
	case OPT_REVERSE:
		o->reverse = true;
		break;
	case OPT_PROC_ROOT:
		if (!*arg)
			argp_error(state, "--proc-root: empty directory name");
		o->proc_root = arg;
		break;
	case 'v':
		o->verbose++;
		break;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	case 'V':
		printf("%s\n", argp_program_version);
		exit(0);
	case ARGP_KEY_END:
		if (o->columns && o->output_all)
			argp_error(state,
				   "--output and --output-all are mutually exclusive");
		/* A snapshot file is read as the tree it extracts to. */
		if (o->proc_root && !o->list_columns &&
		    snapshot_is_file(o->proc_root) &&
		    !(o->proc_root = snapshot_extract(o->proc_root,
						       o->verbose)))
			exit(VMS_EXIT_FAILURE);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp vms_common_argp = {
	.options = common_options,
	.parser = common_parse,
};

const struct argp_child vms_common_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ 0 }
};

void vms_arg_pid(struct argp_state *state, const char *arg, pid_t **pids,
		 size_t *n)
{
	pid_t pid;

	if (parse_pid(arg, &pid))
		argp_error(state, "invalid PID: '%s'", arg);
	*pids = xreallocarray(*pids, *n + 1, sizeof(**pids));
	(*pids)[(*n)++] = pid;
}

void vms_opts_child_init(struct argp_state *state, struct vms_opts *o)
{
	state->child_inputs[0] = o;
}
