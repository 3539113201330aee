/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_TINFO_DL_H
#define VMS_TINFO_DL_H

/* Last in a file: term.h defines macros (columns, lines) that clash with
 * names. */
#include <curses.h>
#include <term.h>

#include "lib/dl.h"

/* The terminfo functions (libtinfo.so.6) vmascope calls to redraw a
 * sample in place or colour a picture, opened by vms_tinfo_open()
 * (lib/dl.h). */
#define VMS_TINFO_SYMS(X) \
	X(putp) \
	X(setupterm) \
	X(tigetnum) \
	X(tigetstr) \
	X(tiparm)

VMS_TINFO_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr (what named as what needed it): the caller
 * then does without the terminal's capabilities. */
int vms_tinfo_open(const char *what);

#ifndef VMS_DL_NO_NAMES
#define putp vms_dl_putp
#define setupterm vms_dl_setupterm
#define tigetnum vms_dl_tigetnum
#define tigetstr vms_dl_tigetstr
#define tiparm vms_dl_tiparm
#endif

#endif
