/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_DIFFCOLS_H
#define VMS_DIFFCOLS_H

#include "show/columns.h"
#include "show/output.h"

enum {
	DC_PID, DC_COMMAND, DC_STATUS, DC_START, DC_END, DC_NAME,
	DC_RSS, DC_PSS, DC_USS, DC_SWAP, DC_CACHED,
	/* the changes, from A to B: after the values (diff_fill) */
	DC_DRSS, DC_DPSS, DC_DUSS, DC_DSWAP, DC_DCACHED,
	DC_NCOLS
};

extern const struct vms_coltable diff_columns;
/* diff_columns with the defaults of a view (enum diff_view). */
void diff_view_defaults(int view, struct vms_coltable *t);
void diff_fill(const void *row, int col, struct vms_cell *c);

#endif
