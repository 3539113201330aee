// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Print every name the program knows, one per line, from the tables the
 * program itself runs on: the command table, each command's argp options,
 * each command's column table and the page-flag names. The docs tests
 * compare the man page and the shell completions with this list.
 *
 *	version	VERSION
 *	command	NAME
 *	args	COMMAND	ARGS_DOC
 *	option	COMMAND|common	--LONG	-S|-	ARG|- (- also: optional, --LONG=ARG)
 *	column	COMMAND	NAME
 *	flag	NAME
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "read/kpf.h"
#include "cmd/cli.h"
#include "cmd/opts.h"

/* argp's own tests: an all-zero entry ends the array. */
static int option_is_end(const struct argp_option *o)
{
	return !o->key && !o->name && !o->doc && !o->group;
}

static void print_options(const char *cmd, const struct argp *argp)
{
	const struct argp_option *o;
	const struct argp_child *c;

	for (o = argp->options; o && !option_is_end(o); o++) {
		if (!o->name || (o->flags & (OPTION_DOC | OPTION_HIDDEN)))
			continue;
		printf("option\t%s\t--%s\t", cmd, o->name);
		if (o->key > 0 && o->key <= UCHAR_MAX && isprint(o->key))
			printf("-%c\t", o->key);
		else
			printf("-\t");
		/* An optional argument is never the next word: "-". */
		printf("%s\n", o->arg && !(o->flags & OPTION_ARG_OPTIONAL) ?
		       o->arg : "-");
	}
	for (c = argp->children; c && c->argp; c++)
		print_options(c->argp == &vms_common_argp ? "common" : cmd,
			      c->argp);
}

int main(void)
{
	const struct vms_command *cmd;
	size_t i;

	printf("version\t%s\n", PACKAGE_VERSION);
	for (cmd = vms_commands; cmd < vms_commands + vms_ncommands; cmd++) {
		printf("command\t%s\n", cmd->name);
		if (cmd->argp && cmd->argp->args_doc)
			printf("args\t%s\t%s\n", cmd->name,
			       cmd->argp->args_doc);
		if (cmd->argp)
			print_options(cmd->name, cmd->argp);
		for (i = 0; cmd->columns && i < cmd->columns->ncols; i++)
			printf("column\t%s\t%s\n", cmd->name,
			       cmd->columns->cols[i].name);
	}
	for (i = 0; i < flag_nnames; i++)
		printf("flag\t%s\n", flag_names[i].name);
	return ferror(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
