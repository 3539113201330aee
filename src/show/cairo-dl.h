/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CAIRO_DL_H
#define VMS_CAIRO_DL_H

#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <png.h>

#include "lib/dl.h"

/*
 * The functions of the picture libraries vmascope calls: cairo, FreeType
 * (fonts loaded through cairo's FreeType backend) and libpng (PNG
 * written), opened together by vms_cairo_open() (lib/dl.h), with zlib
 * (a PNG's pixels deflated, lib/zlib-dl.h).
 */
#define VMS_CAIRO_SYMS(X) \
	X(cairo_clip_extents) \
	X(cairo_create) \
	X(cairo_destroy) \
	X(cairo_fill) \
	X(cairo_fill_preserve) \
	X(cairo_font_face_destroy) \
	X(cairo_font_face_set_user_data) \
	X(cairo_font_options_create) \
	X(cairo_font_options_destroy) \
	X(cairo_font_options_set_hint_style) \
	X(cairo_format_stride_for_width) \
	X(cairo_get_current_point) \
	X(cairo_get_scaled_font) \
	X(cairo_ft_font_face_create_for_ft_face) \
	X(cairo_get_target) \
	X(cairo_glyph_free) \
	X(cairo_image_surface_create) \
	X(cairo_image_surface_create_for_data) \
	X(cairo_image_surface_create_from_png) \
	X(cairo_image_surface_get_data) \
	X(cairo_image_surface_get_format) \
	X(cairo_image_surface_get_height) \
	X(cairo_image_surface_get_stride) \
	X(cairo_image_surface_get_width) \
	X(cairo_line_to) \
	X(cairo_move_to) \
	X(cairo_paint) \
	X(cairo_rectangle) \
	X(cairo_restore) \
	X(cairo_rotate) \
	X(cairo_save) \
	X(cairo_scaled_font_text_to_glyphs) \
	X(cairo_select_font_face) \
	X(cairo_set_font_face) \
	X(cairo_set_font_options) \
	X(cairo_set_font_size) \
	X(cairo_set_line_width) \
	X(cairo_set_source_rgb) \
	X(cairo_set_source_surface) \
	X(cairo_show_glyphs) \
	X(cairo_show_text) \
	X(cairo_status) \
	X(cairo_status_to_string) \
	X(cairo_stroke) \
	X(cairo_surface_destroy) \
	X(cairo_surface_finish) \
	X(cairo_surface_flush) \
	X(cairo_surface_get_type) \
	X(cairo_surface_mark_dirty) \
	X(cairo_surface_set_user_data) \
	X(cairo_surface_status) \
	X(cairo_svg_surface_create_for_stream) \
	X(cairo_text_extents) \
	X(cairo_translate)

#define VMS_FT_SYMS(X) \
	X(FT_Done_Face) \
	X(FT_Done_FreeType) \
	X(FT_Init_FreeType) \
	X(FT_New_Memory_Face)

#define VMS_PNG_SYMS(X) \
	X(png_create_info_struct) \
	X(png_create_write_struct) \
	X(png_destroy_write_struct) \
	X(png_init_io) \
	X(png_longjmp) \
	X(png_set_IHDR) \
	X(png_set_PLTE) \
	X(png_set_compression_level) \
	X(png_set_filter) \
	X(png_set_longjmp_fn) \
	X(png_write_chunk) \
	X(png_write_chunk_data) \
	X(png_write_chunk_end) \
	X(png_write_chunk_start) \
	X(png_write_end) \
	X(png_write_info) \
	X(png_write_row)

VMS_CAIRO_SYMS(VMS_DL_DECLARE)
VMS_FT_SYMS(VMS_DL_DECLARE)
VMS_PNG_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr: a picture cannot be drawn without them. */
int vms_cairo_open(void);

#ifndef VMS_DL_NO_NAMES
#define cairo_surface_mark_dirty vms_dl_cairo_surface_mark_dirty
#define cairo_image_surface_create_from_png vms_dl_cairo_image_surface_create_from_png
#define cairo_create vms_dl_cairo_create
#define cairo_clip_extents vms_dl_cairo_clip_extents
#define cairo_destroy vms_dl_cairo_destroy
#define cairo_fill vms_dl_cairo_fill
#define cairo_fill_preserve vms_dl_cairo_fill_preserve
#define cairo_font_face_destroy vms_dl_cairo_font_face_destroy
#define cairo_font_face_set_user_data vms_dl_cairo_font_face_set_user_data
#define cairo_font_options_create vms_dl_cairo_font_options_create
#define cairo_font_options_destroy vms_dl_cairo_font_options_destroy
#define cairo_font_options_set_hint_style vms_dl_cairo_font_options_set_hint_style
#define cairo_format_stride_for_width vms_dl_cairo_format_stride_for_width
#define cairo_get_current_point vms_dl_cairo_get_current_point
#define cairo_get_scaled_font vms_dl_cairo_get_scaled_font
#define cairo_ft_font_face_create_for_ft_face vms_dl_cairo_ft_font_face_create_for_ft_face
#define cairo_get_target vms_dl_cairo_get_target
#define cairo_glyph_free vms_dl_cairo_glyph_free
#define cairo_image_surface_create vms_dl_cairo_image_surface_create
#define cairo_image_surface_create_for_data vms_dl_cairo_image_surface_create_for_data
#define cairo_image_surface_get_data vms_dl_cairo_image_surface_get_data
#define cairo_image_surface_get_format vms_dl_cairo_image_surface_get_format
#define cairo_image_surface_get_height vms_dl_cairo_image_surface_get_height
#define cairo_image_surface_get_stride vms_dl_cairo_image_surface_get_stride
#define cairo_image_surface_get_width vms_dl_cairo_image_surface_get_width
#define cairo_line_to vms_dl_cairo_line_to
#define cairo_move_to vms_dl_cairo_move_to
#define cairo_paint vms_dl_cairo_paint
#define cairo_rectangle vms_dl_cairo_rectangle
#define cairo_restore vms_dl_cairo_restore
#define cairo_rotate vms_dl_cairo_rotate
#define cairo_save vms_dl_cairo_save
#define cairo_scaled_font_text_to_glyphs vms_dl_cairo_scaled_font_text_to_glyphs
#define cairo_select_font_face vms_dl_cairo_select_font_face
#define cairo_set_font_face vms_dl_cairo_set_font_face
#define cairo_set_font_options vms_dl_cairo_set_font_options
#define cairo_set_font_size vms_dl_cairo_set_font_size
#define cairo_set_line_width vms_dl_cairo_set_line_width
#define cairo_set_source_rgb vms_dl_cairo_set_source_rgb
#define cairo_set_source_surface vms_dl_cairo_set_source_surface
#define cairo_show_glyphs vms_dl_cairo_show_glyphs
#define cairo_show_text vms_dl_cairo_show_text
#define cairo_status vms_dl_cairo_status
#define cairo_status_to_string vms_dl_cairo_status_to_string
#define cairo_stroke vms_dl_cairo_stroke
#define cairo_surface_destroy vms_dl_cairo_surface_destroy
#define cairo_surface_finish vms_dl_cairo_surface_finish
#define cairo_surface_flush vms_dl_cairo_surface_flush
#define cairo_surface_get_type vms_dl_cairo_surface_get_type
#define cairo_surface_set_user_data vms_dl_cairo_surface_set_user_data
#define cairo_surface_status vms_dl_cairo_surface_status
#define cairo_svg_surface_create_for_stream vms_dl_cairo_svg_surface_create_for_stream
#define cairo_text_extents vms_dl_cairo_text_extents
#define cairo_translate vms_dl_cairo_translate
#define FT_Done_Face vms_dl_FT_Done_Face
#define FT_Done_FreeType vms_dl_FT_Done_FreeType
#define FT_Init_FreeType vms_dl_FT_Init_FreeType
#define FT_New_Memory_Face vms_dl_FT_New_Memory_Face
#define png_create_info_struct vms_dl_png_create_info_struct
#define png_create_write_struct vms_dl_png_create_write_struct
#define png_destroy_write_struct vms_dl_png_destroy_write_struct
#define png_init_io vms_dl_png_init_io
#define png_longjmp vms_dl_png_longjmp
#define png_set_IHDR vms_dl_png_set_IHDR
#define png_set_PLTE vms_dl_png_set_PLTE
#define png_set_compression_level vms_dl_png_set_compression_level
#define png_set_filter vms_dl_png_set_filter
#define png_set_longjmp_fn vms_dl_png_set_longjmp_fn
#define png_write_chunk vms_dl_png_write_chunk
#define png_write_chunk_data vms_dl_png_write_chunk_data
#define png_write_chunk_end vms_dl_png_write_chunk_end
#define png_write_chunk_start vms_dl_png_write_chunk_start
#define png_write_end vms_dl_png_write_end
#define png_write_info vms_dl_png_write_info
#define png_write_row vms_dl_png_write_row
#endif

#endif
