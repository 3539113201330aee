/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CAIRO_DL_H
#define VMS_CAIRO_DL_H

#include <cairo.h>
#include <cairo-svg.h>

#include "lib/dl.h"

/* The libcairo.so.2 functions vmascope calls, opened by vms_cairo_open()
 * (lib/dl.h). */
#define VMS_CAIRO_SYMS(X) \
	X(cairo_create) \
	X(cairo_debug_reset_static_data) \
	X(cairo_destroy) \
	X(cairo_fill) \
	X(cairo_fill_preserve) \
	X(cairo_image_surface_create) \
	X(cairo_line_to) \
	X(cairo_move_to) \
	X(cairo_paint) \
	X(cairo_rectangle) \
	X(cairo_restore) \
	X(cairo_rotate) \
	X(cairo_save) \
	X(cairo_select_font_face) \
	X(cairo_set_font_size) \
	X(cairo_set_line_width) \
	X(cairo_set_source_rgb) \
	X(cairo_show_text) \
	X(cairo_status) \
	X(cairo_status_to_string) \
	X(cairo_stroke) \
	X(cairo_surface_destroy) \
	X(cairo_surface_finish) \
	X(cairo_surface_status) \
	X(cairo_surface_write_to_png) \
	X(cairo_svg_surface_create) \
	X(cairo_text_extents)

VMS_CAIRO_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr: a picture cannot be drawn without
 * libcairo.so.2. */
int vms_cairo_open(void);

#ifndef VMS_DL_NO_NAMES
#define cairo_create vms_dl_cairo_create
#define cairo_debug_reset_static_data vms_dl_cairo_debug_reset_static_data
#define cairo_destroy vms_dl_cairo_destroy
#define cairo_fill vms_dl_cairo_fill
#define cairo_fill_preserve vms_dl_cairo_fill_preserve
#define cairo_image_surface_create vms_dl_cairo_image_surface_create
#define cairo_line_to vms_dl_cairo_line_to
#define cairo_move_to vms_dl_cairo_move_to
#define cairo_paint vms_dl_cairo_paint
#define cairo_rectangle vms_dl_cairo_rectangle
#define cairo_restore vms_dl_cairo_restore
#define cairo_rotate vms_dl_cairo_rotate
#define cairo_save vms_dl_cairo_save
#define cairo_select_font_face vms_dl_cairo_select_font_face
#define cairo_set_font_size vms_dl_cairo_set_font_size
#define cairo_set_line_width vms_dl_cairo_set_line_width
#define cairo_set_source_rgb vms_dl_cairo_set_source_rgb
#define cairo_show_text vms_dl_cairo_show_text
#define cairo_status vms_dl_cairo_status
#define cairo_status_to_string vms_dl_cairo_status_to_string
#define cairo_stroke vms_dl_cairo_stroke
#define cairo_surface_destroy vms_dl_cairo_surface_destroy
#define cairo_surface_finish vms_dl_cairo_surface_finish
#define cairo_surface_status vms_dl_cairo_surface_status
#define cairo_surface_write_to_png vms_dl_cairo_surface_write_to_png
#define cairo_svg_surface_create vms_dl_cairo_svg_surface_create
#define cairo_text_extents vms_dl_cairo_text_extents
#endif

#endif
