/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_INTERVALOPTS_H
#define VMS_INTERVALOPTS_H

#include <argp.h>

#include "show/interval.h"

/* --interval, --count alone, for a command with more children. */
extern const struct argp vms_interval_argp;
/* The common options and --interval, --count. */
extern const struct argp_child vms_interval_children[];
void vms_interval_child_init(struct argp_state *state, struct vms_opts *o,
			     struct vms_interval *iv);

#endif
