/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CLI_H
#define VMS_CLI_H

#include <argp.h>
#include <stddef.h>

#include "show/columns.h"

/* One subcommand (git style): the table drives dispatch, help and docs. */
struct vms_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const struct argp *argp;
	const struct vms_coltable *columns;
};

extern const struct vms_command vms_commands[];
extern const size_t vms_ncommands;

const struct vms_command *vms_command_lookup(const char *name);
/* Every command's help filter: its columns after its options. */
char *vms_help_filter(int key, const char *text, void *input);
/* Parse a command's arguments; argv[0] is the command's name. */
void vms_argp_parse(const struct argp *argp, int argc, char **argv,
		    void *input);
/* The same with more ARGP_* flags (ARGP_IN_ORDER: arguments in order). */
void vms_argp_parse_flags(const struct argp *argp, int argc, char **argv,
			  unsigned int flags, void *input);
/* Set up stdout error checking and signal behaviour for a run. */
void vms_init(void);
int vms_main(int argc, char **argv);

#endif
