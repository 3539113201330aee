/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_PNG_H
#define VMS_PICTURE_PNG_H

#include <cairo.h>

/*
 * Draws the picture, every pixel of it (the background first), or the
 * part inside cr's clip: cr's user space is the picture's (pixels from
 * its top left corner). It may be called for two bands of the picture at
 * once, on two threads.
 */
typedef void pic_draw_fn(cairo_t *cr, const void *arg);

/*
 * The picture of w x h pixels that draw draws as a PNG file at
 * path: palette or RGB, the fastest compression. The status of the
 * drawing, or CAIRO_STATUS_WRITE_ERROR when the file could not be
 * written.
 */
cairo_status_t pic_png_draw(int w, int h, pic_draw_fn *draw, const void *arg,
			    const char *path);

#endif
