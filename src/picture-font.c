// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fonts of the PNG and SVG pictures: one table of text styles, and
 * their fonts loaded on a thread of their own while the page walk runs.
 * The first text cairo measures reads fontconfig's configuration (some
 * fifty files) and opens the fonts, a few milliseconds: as long as the
 * walk of a sparse process. Cairo and fontconfig are thread-safe; the
 * scaled fonts made here stay in cairo's cache, where the drawing finds
 * them. The thread is started after the capabilities were dropped.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>

#include "picture-font.h"

static const struct {
	const char *family;
	bool bold;
	double size;
} styles[PT_N] = {
	[PT_TITLE] = { "DejaVu Sans", true, 15 },
	[PT_BODY] = { "DejaVu Sans", false, 11 },
	[PT_SMALL] = { "DejaVu Sans", false, 10 },
	[PT_TICK] = { "DejaVu Sans", false, 9 },
	[PT_MONO] = { "DejaVu Sans Mono", false, 10 },
};

static pthread_t fonts_thread;
static bool fonts_running, fonts_used;

void pic_font(cairo_t *cr, enum pic_text t)
{
	cairo_select_font_face(cr, styles[t].family, CAIRO_FONT_SLANT_NORMAL,
			       styles[t].bold ? CAIRO_FONT_WEIGHT_BOLD :
						CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, styles[t].size);
}

/*
 * Each style's font loaded: fontconfig's configuration read (the most of
 * it), the font matched, its file opened and its face made, its scaled
 * font in cairo's cache. Glyphs are left to the drawing: rasterising all
 * of them here took longer than the page walk it runs beside, and the
 * drawing needed a few dozen.
 */
static void *warm(void *arg)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 1, 1);
	cairo_t *cr = cairo_create(s);
	cairo_text_extents_t e;
	int t;

	(void)arg;
	for (t = 0; t < PT_N; t++) {
		pic_font(cr, (enum pic_text)t);
		cairo_text_extents(cr, "0", &e);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return NULL;
}

void pic_fonts_start(void)
{
	/* Without a thread the drawing loads the fonts itself. */
	if (!fonts_running)
		fonts_running = !pthread_create(&fonts_thread, NULL, warm, NULL);
	fonts_used = true;
}

void pic_fonts_wait(void)
{
	if (fonts_running)
		pthread_join(fonts_thread, NULL);
	fonts_running = false;
	fonts_used = true;
}

void pic_fonts_end(void)
{
	if (!fonts_used)
		return;
	pic_fonts_wait();
	/* Cairo's font caches, kept for a next picture there is not. */
	cairo_debug_reset_static_data();
	fonts_used = false;
}
