/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_FONT_H
#define VMS_PICTURE_FONT_H

#include <cairo.h>

/*
 * The kinds of text in a PNG or SVG picture, one face and size each
 * (picture-font.c's table), and their fonts made ready ahead: the first
 * text cairo measures loads fontconfig's configuration and the font
 * files, some milliseconds. pic_fonts_start() does that on a thread of
 * its own while the builders walk the pages; the drawing waits for it
 * (pic_fonts_wait) before its first text.
 */
enum pic_text {
	PT_TITLE,		/* the title, bold */
	PT_BODY,		/* subtitle, legend, notes */
	PT_SMALL,		/* the y axis, border labels */
	PT_TICK,		/* the x axis' ticks */
	PT_MONO,		/* addresses and the rows' notes */
	PT_N
};

/* Select text style t on cr. */
void pic_font(cairo_t *cr, enum pic_text t);
/* The y axis' text is turned by this angle (radians). */
#define PIC_AXIS_ANGLE (-1.5707963267948966)

void pic_fonts_start(void);
/* Until the fonts are ready (at once when they were not started). */
void pic_fonts_wait(void);
/*
 * After the last picture, or instead of it: wait, then give cairo's font
 * caches back (nothing when no font was asked for).
 */
void pic_fonts_end(void);

#endif
