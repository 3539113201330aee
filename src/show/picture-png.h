/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_PNG_H
#define VMS_PICTURE_PNG_H

#include <cairo.h>

/*
 * An RGB24 image surface to draw a PNG picture on (its pixels in a
 * mapping made for it), as cairo_image_surface_create makes one.
 */
cairo_surface_t *pic_png_surface(int w, int h);

/*
 * The drawn RGB24 image surface s as a PNG file at path: palette or RGB,
 * the fastest compression. The pixels are made palette indices in place:
 * s is not drawn on or read again. CAIRO_STATUS_WRITE_ERROR when the
 * file could not be written.
 */
cairo_status_t pic_png_write(cairo_surface_t *s, const char *path);

#endif
