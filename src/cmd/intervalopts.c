// SPDX-License-Identifier: GPL-2.0-or-later
/* --interval SECONDS and --count N as options: parsed into a struct
 * vms_interval. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "lib/util.h"
#include "cmd/intervalopts.h"
#include "cmd/opts.h"

enum {
	OPT_INTERVAL = 0xb00,
	OPT_COUNT,
};

static const struct argp_option interval_options[] = {
	{ NULL, 0, NULL, 0, "Repeating:", 5 },
	{ "interval", OPT_INTERVAL, "SECONDS", 0,
	  "sample again every SECONDS (a terminal is redrawn in place)", 5 },
	{ "count", OPT_COUNT, "N", 0, "stop after N samples", 5 },
	{ 0 }
};

static error_t interval_parse(int key, char *arg, struct argp_state *state)
{
	struct vms_interval *iv = state->input;
	char *end;
	uint64_t n;

	switch (key) {
	case OPT_INTERVAL:
		errno = 0;
		iv->seconds = strtod(arg, &end);
		if (errno || end == arg || *end || !(iv->seconds >= 0.001) ||
		    iv->seconds > 86400 * 365)
			argp_error(state, "--interval: not a number of seconds "
				   "(0.001 or more): '%s'", arg);
		break;
	case OPT_COUNT:
		if (parse_user_u64(arg, &n) || !n || n > 1000000000)
			argp_error(state, "--count: not a positive count: '%s'",
				   arg);
		iv->count = (unsigned long)n;
		break;
	case ARGP_KEY_END:
		if (iv->count && !iv->seconds)
			argp_error(state, "--count goes with --interval");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp vms_interval_argp = {
	.options = interval_options,
	.parser = interval_parse,
};

const struct argp_child vms_interval_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &vms_interval_argp, 0, NULL, 0 },
	{ 0 }
};

void vms_interval_child_init(struct argp_state *state, struct vms_opts *o,
			     struct vms_interval *iv)
{
	state->child_inputs[0] = o;
	state->child_inputs[1] = iv;
}
