// SPDX-License-Identifier: GPL-2.0-or-later
/* --picture[=ascii], --png FILE, --svg FILE as options of maps and flags. */
#include "config.h"

#include <err.h>
#include <string.h>

#include "lib/util.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/pictureopts.h"

enum {
	OPT_PICTURE = 0x600,
	OPT_PNG,
	OPT_SVG,
};

static const struct argp_option pic_options[] = {
	{ NULL, 0, NULL, 0, "Picture:", 4 },
	{ "picture", OPT_PICTURE, "ascii", OPTION_ARG_OPTIONAL,
	  "draw a picture on the terminal instead of a table (=ascii: "
	  "plain characters)", 4 },
	{ "png", OPT_PNG, "FILE", 0, "draw the picture into a PNG file", 4 },
	{ "svg", OPT_SVG, "FILE", 0, "draw the picture into an SVG file", 4 },
	{ 0 }
};

static error_t pic_parse(int key, char *arg, struct argp_state *state)
{
	struct pic_opts *po = state->input;

	switch (key) {
	case OPT_PICTURE:
		if (arg && strcmp(arg, "ascii"))
			argp_error(state, "--picture: unknown style '%s' "
				   "(only ascii)", arg);
		po->term = arg ? PIC_TERM_ASCII : PIC_TERM_AUTO;
		break;
	case OPT_PNG:
		po->png = arg;
		break;
	case OPT_SVG:
		po->svg = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp pic_argp = {
	.options = pic_options,
	.parser = pic_parse,
};

const struct argp_child pic_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &pic_argp, 0, NULL, 0 },
	{ 0 }
};

void pic_opts_child_init(struct argp_state *state, unsigned int child,
			 struct pic_opts *po)
{
	state->child_inputs[child] = po;
}

int pic_check_opts(const struct vms_opts *o)
{
	if (o->mode == VMS_MODE_TABLE && !o->columns && !o->output_all &&
	    !o->sort && !o->noheadings && !o->bytes)
		return 0;
	warnx("--picture, --png and --svg draw a picture: not with -o, "
	      "--output-all, -J, -r, -P, -n, -b or -s");
	return VMS_EXIT_USAGE;
}
