/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTUREOPTS_H
#define VMS_PICTUREOPTS_H

#include <argp.h>

#include "show/picture.h"

/* The picture options, an argp child of maps and flags. */
extern const struct argp pic_argp;
/* The children of a command with pictures: common options, then these. */
extern const struct argp_child pic_children[];
/* At ARGP_KEY_INIT: po is the input of child number child (pic_argp). */
void pic_opts_child_init(struct argp_state *state, unsigned int child,
			 struct pic_opts *po);

/*
 * The table options have no meaning for a picture: 0, or a usage error
 * said on stderr (VMS_EXIT_USAGE).
 */
int pic_check_opts(const struct vms_opts *o);

#endif
