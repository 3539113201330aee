/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_OPTS_H
#define VMS_OPTS_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/procfs.h"

#include "lib/runopts.h"

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

#endif
