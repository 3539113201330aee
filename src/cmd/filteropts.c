// SPDX-License-Identifier: GPL-2.0-or-later
/* --comm, --user, --cgroup as options: parsed into a struct procfilter. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "cmd/filteropts.h"
#include "cmd/opts.h"

enum {
	OPT_COMM = 0x180,
	OPT_USER,
	OPT_CGROUP,
};

static const struct argp_option filter_options[] = {
	{ NULL, 0, NULL, 0, "Processes:", 3 },
	{ "comm", OPT_COMM, "REGEX", 0,
	  "only processes whose command name or command line matches the "
	  "POSIX extended REGEX", 3 },
	{ "user", OPT_USER, "USER", 0,
	  "only processes of USER (name or UID; repeatable)", 3 },
	{ "cgroup", OPT_CGROUP, "CGROUP", 0,
	  "only processes in the cgroup CGROUP (a path) or below it "
	  "(repeatable)", 3 },
	{ 0 }
};

static void add_regex(struct argp_state *state, struct procfilter *f,
		      const char *arg)
{
	regex_t *re;
	char msg[256];
	int rc;

	f->res = xreallocarray(f->res, f->nres + 1, sizeof(*f->res));
	re = &f->res[f->nres];
	rc = regcomp(re, arg, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		regerror(rc, re, msg, sizeof(msg));
		argp_error(state, "--comm: '%s': %s", arg, msg);
	}
	f->nres++;
}

static void add_user(struct argp_state *state, struct procfilter *f,
		     const char *arg)
{
	struct passwd *pw = getpwnam(arg);
	uint64_t uid;

	if (pw)
		uid = pw->pw_uid;
	else if (parse_dec_u64(arg, strlen(arg), &uid) || uid >= (uid_t)-1)
		argp_error(state, "--user: no such user: '%s'", arg);
	f->uids = xreallocarray(f->uids, f->nuids + 1, sizeof(*f->uids));
	f->uids[f->nuids++] = (uid_t)uid;
}

static error_t filter_parse(int key, char *arg, struct argp_state *state)
{
	struct procfilter *f = state->input;

	switch (key) {
	case OPT_COMM:
		add_regex(state, f, arg);
		break;
	case OPT_USER:
		add_user(state, f, arg);
		break;
	case OPT_CGROUP:
		if (arg[0] != '/')
			argp_error(state, "--cgroup: '%s': not a path from "
				   "the cgroup root (/...)", arg);
		f->cgroups = xreallocarray(f->cgroups, f->ncgroups + 1,
					   sizeof(*f->cgroups));
		f->cgroups[f->ncgroups++] = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp procfilter_argp = {
	.options = filter_options,
	.parser = filter_parse,
};

const struct argp_child procfilter_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &procfilter_argp, 0, NULL, 0 },
	{ 0 }
};

void procfilter_child_init(struct argp_state *state, struct procfilter *f)
{
	state->child_inputs[1] = f;
}
