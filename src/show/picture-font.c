// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fonts of the PNG and SVG pictures: one table of text styles, each
 * a DejaVu face at a size. Asked for by family name, cairo has fontconfig
 * read its configuration (some fifty XML files) and match the name for
 * each face and size: 6 ms, as much as the page walk of the sparse
 * process the picture shows. The files are loaded directly through
 * cairo's FreeType backend instead, from the directories distributions
 * put them in (Debian's fonts-dejavu-core first), with the hinting
 * fontconfig's default configuration gives them (slight): the same
 * pixels. A file not found there, or not a regular file, or not a font:
 * that style falls back to the family name and fontconfig, as before.
 * VMASCOPE_FONT_DIR names the one directory to look in instead.
 *
 * pic_fonts_start() loads them on a thread of its own while the page walk
 * runs, and rasterises their glyphs until the first text is drawn: on
 * the sparse process of the bench the walk takes 4 ms, the fonts and
 * glyphs drawing and measuring needed another 2 ms after it. Cairo's
 * caches are thread-safe and keep the glyphs for the drawing; the
 * FreeType faces are used by one thread at a time (the drawing joins the
 * thread first).
 */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/env.h"
#include "lib/util.h"
#include "show/cairo-dl.h"
#include "show/picture-font.h"

enum { PF_SANS, PF_BOLD, PF_MONO, PF_N };

static const char *const font_files[PF_N] = {
	[PF_SANS] = "DejaVuSans.ttf",
	[PF_BOLD] = "DejaVuSans-Bold.ttf",
	[PF_MONO] = "DejaVuSansMono.ttf",
};

static const struct {
	const char *family;
	bool bold;
	int file;
	double size;
} styles[PT_N] = {
	[PT_TITLE] = { "DejaVu Sans", true, PF_BOLD, 15 },
	[PT_BODY] = { "DejaVu Sans", false, PF_SANS, 11 },
	[PT_SMALL] = { "DejaVu Sans", false, PF_SANS, 10 },
	[PT_TICK] = { "DejaVu Sans", false, PF_SANS, 9 },
	[PT_MONO] = { "DejaVu Sans Mono", false, PF_MONO, 10 },
};

/* Debian and Ubuntu, Fedora, Arch, Alpine and openSUSE. */
static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/dejavu-sans-fonts",
	"/usr/share/fonts/dejavu-sans-mono-fonts",
	"/usr/share/fonts/TTF",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/truetype",
};

#define FONT_FILE_MAX (64u << 20)

/* A face's file, mapped for FreeType; freed with the cairo face. */
struct font_map {
	FT_Face ft;
	void *addr;
	size_t len;
};

static struct {
	bool tried;
	bool running;			/* the thread is to be joined */
	pthread_t thread;
	atomic_bool stop;		/* the drawing wants the fonts now */
	bool raster;			/* glyph images, not only metrics */
	FT_Library lib;
	cairo_font_face_t *face[PF_N];	/* NULL: by family name */
	unsigned int live;		/* faces cairo has not freed yet */
	cairo_font_options_t *opts;
} fonts;

static const cairo_user_data_key_t font_key;

static void font_unmap(void *data)
{
	struct font_map *m = data;

	FT_Done_Face(m->ft);
	munmap(m->addr, m->len);
	free(m);
	fonts.live--;
}

/* The mapped regular file dir/name, or NULL. */
static void *map_font_file(const char *dir, const char *name, size_t *len)
{
	char path[512];
	struct stat st;
	void *addr = MAP_FAILED;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= FONT_FILE_MAX) {
		*len = (size_t)st.st_size;
		addr = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	}
	close(fd);
	return addr == MAP_FAILED ? NULL : addr;
}

/* The cairo face of file f from the first directory that has it. */
static cairo_font_face_t *load_face(int f)
{
	const char *env = env_text(ENV_FONT_DIR);
	struct font_map *m = xcalloc(1, sizeof(*m));
	cairo_font_face_t *face;
	size_t i;

	if (env && *env)
		m->addr = map_font_file(env, font_files[f], &m->len);
	for (i = 0; !(env && *env) && !m->addr && i < ARRAY_SIZE(font_dirs);
	     i++)
		m->addr = map_font_file(font_dirs[i], font_files[f], &m->len);
	if (!m->addr || FT_New_Memory_Face(fonts.lib, m->addr,
					   (FT_Long)m->len, 0, &m->ft)) {
		if (m->addr)
			munmap(m->addr, m->len);
		free(m);
		return NULL;
	}
	face = cairo_ft_font_face_create_for_ft_face(m->ft, 0);
	fonts.live++;
	if (cairo_font_face_set_user_data(face, &font_key, m, font_unmap)) {
		cairo_font_face_destroy(face);
		font_unmap(m);
		return NULL;
	}
	return face;
}

static void load_fonts(void)
{
	int f;

	fonts.tried = true;
	if (FT_Init_FreeType(&fonts.lib)) {
		fonts.lib = NULL;
		return;
	}
	for (f = 0; f < PF_N; f++)
		fonts.face[f] = load_face(f);
	/* What fontconfig's default configuration says for DejaVu pixels. */
	fonts.opts = cairo_font_options_create();
	cairo_font_options_set_hint_style(fonts.opts, CAIRO_HINT_STYLE_SLIGHT);
}

static void select_style(cairo_t *cr, enum pic_text t)
{
	cairo_font_face_t *face;

	face = fonts.face[styles[t].file];
	if (face) {
		cairo_set_font_face(cr, face);
		/* An SVG's outlines are not hinted (its surface says so). */
		if (cairo_surface_get_type(cairo_get_target(cr)) ==
		    CAIRO_SURFACE_TYPE_IMAGE)
			cairo_set_font_options(cr, fonts.opts);
	} else {
		cairo_select_font_face(cr, styles[t].family,
				       CAIRO_FONT_SLANT_NORMAL,
				       styles[t].bold ? CAIRO_FONT_WEIGHT_BOLD :
							CAIRO_FONT_WEIGHT_NORMAL);
	}
	cairo_set_font_size(cr, styles[t].size);
}

/*
 * The glyphs a picture is likely to show, per style: rasterising one
 * takes 4.5 us (FreeType's light autohinting), all of printable ASCII
 * in the five styles 2 ms, and on a busy machine the thread's time is
 * taken from the walk. Addresses (lower case hex) and file names are
 * mono; the others are words, numbers, the legend's letters and a few
 * capitals. A glyph not warmed here is rasterised when first drawn.
 */
#define WARM_DIGITS "0123456789"
#define WARM_LOWER "abcdefghijklmnopqrstuvwxyz"

static const struct {
	enum pic_text style;
	bool rotated;			/* the y axis' name */
	const char *text;
} warm_list[] = {
	{ PT_MONO, false, WARM_LOWER WARM_DIGITS " ./-_[]():KMGT" },
	{ PT_BODY, false, WARM_LOWER WARM_DIGITS " ,.:;()-'_ESTWZKMGLUC" },
	{ PT_TITLE, false, WARM_LOWER WARM_DIGITS " ()" },
	{ PT_TICK, false, WARM_DIGITS "+/ " WARM_LOWER "KMGTVAB" },
	{ PT_SMALL, true, WARM_LOWER " ()VMA" },
	{ PT_SMALL, false, WARM_DIGITS WARM_LOWER " ,ADMN" },
};

/* The glyphs of text, a few at a time, at x, y. */
static void warm_text(cairo_t *cr, const char *text, double x, double y)
{
	cairo_text_extents_t e;
	char chunk[17];
	int k;

	while (!atomic_load(&fonts.stop) && *text) {
		for (k = 0; k < 16 && *text; k++)
			chunk[k] = *text++;
		chunk[k] = '\0';
		cairo_move_to(cr, x, y);
		if (fonts.raster)
			cairo_show_text(cr, chunk);
		else
			cairo_text_extents(cr, chunk, &e);
	}
}

static void warm_one(cairo_t *cr, size_t i)
{
	/* The rotated name's glyphs are drawn only on an image. */
	if (warm_list[i].rotated && !fonts.raster)
		return;
	select_style(cr, warm_list[i].style);
	cairo_save(cr);
	/*
	 * As the y axis' name is drawn (the same scaled font): upwards from
	 * the surface's bottom left corner, x = 20, y = 240.
	 */
	if (warm_list[i].rotated) {
		cairo_rotate(cr, -1.5707963267948966);
		warm_text(cr, warm_list[i].text, -240, 20);
	} else {
		warm_text(cr, warm_list[i].text, 0, 20);
	}
	cairo_restore(cr);
}

static void *warm(void *arg)
{
	cairo_surface_t *s;
	cairo_t *cr;
	size_t i;

	(void)arg;
	/* The libraries too are opened here, while the walk runs. */
	if (vms_cairo_open())
		return NULL;
	/* Glyphs are rasterised only where they show: a surface they fit. */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 256, 256);
	cr = cairo_create(s);
	load_fonts();
	for (i = 0; i < ARRAY_SIZE(warm_list); i++)
		warm_one(cr, i);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return NULL;
}

void pic_fonts_start(bool raster)
{
	if (fonts.tried || fonts.running)
		return;
	atomic_store(&fonts.stop, false);
	fonts.raster = raster;
	/* Without a thread the first text loads the fonts. */
	fonts.running = !pthread_create(&fonts.thread, NULL, warm, NULL);
}

/* The fonts as the thread left them, or loaded here. */
static void fonts_ready(void)
{
	if (fonts.running) {
		atomic_store(&fonts.stop, true);
		pthread_join(fonts.thread, NULL);
		fonts.running = false;
	}
	if (!fonts.tried)
		load_fonts();
}

void pic_font(cairo_t *cr, enum pic_text t)
{
	fonts_ready();
	select_style(cr, t);
}

void pic_fonts_end(void)
{
	int f;

	if (!fonts.running && !fonts.tried)
		return;
	fonts_ready();
	for (f = 0; f < PF_N; f++)
		if (fonts.face[f])
			cairo_font_face_destroy(fonts.face[f]);
	/*
	 * Cairo's font caches, and the faces they hold, are left to the
	 * exit: cairo_debug_reset_static_data took 0.4 ms to free them, a
	 * tenth of the page walk a picture shows. Reachable from cairo's
	 * caches, they are no leak to a leak checker.
	 */
	if (fonts.opts)
		cairo_font_options_destroy(fonts.opts);
	/* The library goes with its last face (cairo holds them, normally). */
	if (fonts.lib && !fonts.live)
		FT_Done_FreeType(fonts.lib);
	memset(&fonts, 0, sizeof(fonts));
}
