// SPDX-License-Identifier: GPL-2.0-or-later
/* libarchive.so.13, opened when a snapshot is made or read (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/archive-dl.h"
#include "lib/util.h"

VMS_ARCHIVE_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym archive_syms[] = {
	VMS_ARCHIVE_SYMS(VMS_DL_ROW)
};

int vms_archive_open(void)
{
	static void *handle;

	return vms_dl_open(&handle, "libarchive.so.13", archive_syms,
			   ARRAY_SIZE(archive_syms), "a snapshot");
}
