/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FILTEROPTS_H
#define VMS_FILTEROPTS_H

#include <argp.h>

#include "walk/procfilter.h"

/*
 * The argp child of the filter options: a command lists it among its
 * children, and its parser passes its struct procfilter with
 * procfilter_child_init(state, index of the child, filter) at ARGP_KEY_INIT.
 */
extern const struct argp procfilter_argp;
/* Children of a command that filters: the common options and these. */
extern const struct argp_child procfilter_children[];
void procfilter_child_init(struct argp_state *state, struct procfilter *f);

#endif
