// SPDX-License-Identifier: GPL-2.0-or-later
/* libtinfo.so.6, opened when a terminal's capabilities are needed
 * (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/util.h"
#include "show/tinfo-dl.h"

VMS_TINFO_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym tinfo_syms[] = {
	VMS_TINFO_SYMS(VMS_DL_ROW)
};

int vms_tinfo_open(const char *what)
{
	static void *handle;

	return vms_dl_open(&handle, "libtinfo.so.6", tinfo_syms,
			   ARRAY_SIZE(tinfo_syms), what);
}
