/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_FONT_H
#define VMS_PICTURE_FONT_H

#include <stdbool.h>

#include <cairo.h>

/*
 * The kinds of text in a PNG or SVG picture, one face and size each
 * (picture-font.c's table). The DejaVu font files are loaded directly
 * through cairo's FreeType backend where they are found; elsewhere
 * fontconfig matches the family names.
 */
enum pic_text {
	PT_TITLE,		/* the title, bold */
	PT_BODY,		/* subtitle, legend, notes */
	PT_SMALL,		/* the y axis, border labels */
	PT_TICK,		/* the x axis' ticks */
	PT_MONO,		/* addresses and the rows' notes */
	PT_N
};

/*
 * Load the fonts and rasterise their glyphs on a thread of their own
 * (while the builder walks the pages), until pic_font is first called.
 * Without raster (an SVG only), only the glyphs' metrics are loaded:
 * the layout measures text on an image, the SVG draws outlines.
 */
void pic_fonts_start(bool raster);
/* Select text style t on cr (the fonts loaded first, if they are not). */
void pic_font(cairo_t *cr, enum pic_text t);
/* After the last picture: the fonts and cairo's font caches given back. */
void pic_fonts_end(void);

#endif
