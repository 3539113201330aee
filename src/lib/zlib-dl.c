// SPDX-License-Identifier: GPL-2.0-or-later
/* libz.so.1, opened when a CRC-32 is computed (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/util.h"
#include "lib/zlib-dl.h"

VMS_ZLIB_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym zlib_syms[] = {
	VMS_ZLIB_SYMS(VMS_DL_ROW)
};

int vms_zlib_open(const char *what)
{
	static void *handle;

	return vms_dl_open(&handle, "libz.so.1", zlib_syms,
			   ARRAY_SIZE(zlib_syms), what);
}
