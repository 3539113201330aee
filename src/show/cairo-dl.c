// SPDX-License-Identifier: GPL-2.0-or-later
/* libcairo.so.2, opened when a picture is made or read (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "show/cairo-dl.h"
#include "lib/util.h"

VMS_CAIRO_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym cairo_syms[] = {
	VMS_CAIRO_SYMS(VMS_DL_ROW)
};

int vms_cairo_open(void)
{
	static void *handle;

	return vms_dl_open(&handle, "libcairo.so.2", cairo_syms,
			   ARRAY_SIZE(cairo_syms), "a picture");
}
