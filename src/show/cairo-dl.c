// SPDX-License-Identifier: GPL-2.0-or-later
/* The picture libraries, opened when a picture is drawn (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/util.h"
#include "lib/zlib-dl.h"
#include "show/cairo-dl.h"

VMS_CAIRO_SYMS(VMS_DL_DEFINE)
VMS_FT_SYMS(VMS_DL_DEFINE)
VMS_PNG_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym cairo_syms[] = {
	VMS_CAIRO_SYMS(VMS_DL_ROW)
};

static const struct vms_dl_sym ft_syms[] = {
	VMS_FT_SYMS(VMS_DL_ROW)
};

static const struct vms_dl_sym png_syms[] = {
	VMS_PNG_SYMS(VMS_DL_ROW)
};

int vms_cairo_open(void)
{
	static void *cairo, *ft, *png;

	if (vms_dl_open(&cairo, "libcairo.so.2", cairo_syms,
			ARRAY_SIZE(cairo_syms), "a picture") ||
	    vms_dl_open(&ft, "libfreetype.so.6", ft_syms, ARRAY_SIZE(ft_syms),
			"a picture") ||
	    vms_dl_open(&png, "libpng16.so.16", png_syms,
			ARRAY_SIZE(png_syms), "a picture") ||
	    vms_zlib_open("a picture"))
		return -1;
	return 0;
}
