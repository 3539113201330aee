// SPDX-License-Identifier: GPL-2.0-or-later
/* libsmartcols.so.1, opened when a table needs it (smartcols-dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/util.h"
#include "show/smartcols-dl.h"

VMS_SMARTCOLS_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym smartcols_syms[] = {
	VMS_SMARTCOLS_SYMS(VMS_DL_ROW)
};

int vms_smartcols_open(const char *what)
{
	static void *handle;

	return vms_dl_open(&handle, "libsmartcols.so.1", smartcols_syms,
			   ARRAY_SIZE(smartcols_syms), what);
}
