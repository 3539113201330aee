// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A drawn picture (a cairo RGB24 image surface) into a PNG file, with
 * libpng. cairo_surface_write_to_png compresses at zlib's default level
 * and tries every row filter: 30 ms for a picture of 1000x1100 pixels,
 * more than the page walk it shows. A picture has few colours (flat
 * cells, grey text on white): when 256 or fewer, it is written as a
 * palette image, a byte a pixel, which is both faster and a third of the
 * size; else as RGB. Either way unfiltered, at zlib's fastest level: the
 * flat areas still compress well (see tests/pngcheck.py for a reader).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "lib/util.h"
#include "show/cairo-dl.h"
#include "show/picture-png.h"

#define PAL_MAX 256
#define PAL_HASH 1024		/* open addressing, at most a quarter full */

struct palette {
	uint32_t key[PAL_HASH];
	int16_t at[PAL_HASH];		/* index in c, -1: a free slot */
	png_color c[PAL_MAX];
	int n;
};

struct image {
	uint8_t *data;
	int w, h, stride;
	bool indexed;			/* each row starts with its w indices */
	struct palette pal;
};

/* The palette index of colour v (0xRRGGBB), added if new; -1: full. */
static int pal_index(struct palette *pal, uint32_t v)
{
	unsigned int h = (v * 2654435761u) >> 22;	/* 10 bits */

	while (pal->at[h] >= 0 && pal->key[h] != v)
		h = (h + 1) & (PAL_HASH - 1);
	if (pal->at[h] < 0) {
		if (pal->n == PAL_MAX)
			return -1;
		pal->key[h] = v;
		pal->at[h] = (int16_t)pal->n;
		pal->c[pal->n] = (png_color){ (png_byte)(v >> 16),
					      (png_byte)(v >> 8), (png_byte)v };
		pal->n++;
	}
	return pal->at[h];
}

static uint32_t *pixel_row(const struct image *im, int y)
{
	/* Cairo's rows are 4-byte aligned: a pixel is a native uint32. */
	return (void *)(im->data + (size_t)y * (size_t)im->stride);
}

/*
 * Undo index_pixels up to row y, pixel x (the palette was full there):
 * each row from its right end, so that a pixel (4 bytes at 4i) is
 * written over indices already read back (those at i and after).
 */
static void unindex(struct image *im, int y, int x)
{
	int r, i;

	for (r = 0; r <= y && r < im->h; r++) {
		uint32_t *px = pixel_row(im, r);
		const uint8_t *ix = (const uint8_t *)px;
		const png_color *c;

		for (i = (r < y ? im->w : x) - 1; i >= 0; i--) {
			c = &im->pal.c[ix[i]];
			px[i] = (uint32_t)c->red << 16 | (uint32_t)c->green << 8 |
				c->blue;
		}
	}
}

/*
 * The pixels as palette indices, in place: pixel i of a row (4 bytes at
 * 4i) becomes one byte at i, after it was read. The picture is drawn
 * and the surface is not drawn on again; a second buffer of its size
 * would cost its page faults. Over 256 colours: the pixels as they were.
 */
static void index_pixels(struct image *im)
{
	uint32_t last = 0;
	int x, end, y, i = -1;

	memset(im->pal.at, 0xff, sizeof(im->pal.at));
	im->pal.n = 0;
	for (y = 0; y < im->h; y++) {
		uint32_t *row = pixel_row(im, y);
		uint8_t *o = (uint8_t *)row;

		/* Runs of one colour are most of a picture: one look-up. */
		for (x = 0; x < im->w; x = end) {
			uint32_t v = row[x] & 0xffffff;

			for (end = x + 1; end < im->w &&
			     (row[end] & 0xffffff) == v; end++)
				;
			if (i < 0 || v != last) {
				last = v;
				if ((i = pal_index(&im->pal, v)) < 0) {
					unindex(im, y, x);
					return;
				}
			}
			/* Bytes x to end: pixels before end, all read. */
			memset(o + x, i, (size_t)(end - x));
		}
	}
	im->indexed = true;
}

static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;			/* the caller says what failed */
	png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void rgb_row(const struct image *im, int y, uint8_t *line)
{
	const uint32_t *row = pixel_row(im, y);
	int x;

	for (x = 0; x < im->w; x++, line += 3) {
		line[0] = (uint8_t)(row[x] >> 16);
		line[1] = (uint8_t)(row[x] >> 8);
		line[2] = (uint8_t)row[x];
	}
}

/* The PNG of im to f. 0, or -1 (libpng or the write failed). */
static int encode(FILE *f, const struct image *im, uint8_t *line)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						  png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int y;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)im->w, (png_uint_32)im->h, 8,
		     im->indexed ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
		     PNG_FILTER_TYPE_BASE);
	if (im->indexed)
		png_set_PLTE(png, info, im->pal.c, im->pal.n);
	png_set_compression_level(png, 1);	/* zlib's fastest */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (y = 0; y < im->h; y++) {
		if (im->indexed) {
			png_write_row(png, (png_const_bytep)pixel_row(im, y));
		} else {
			rgb_row(im, y, line);
			png_write_row(png, line);
		}
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return 0;
}

/*
 * The pixels of a picture: a fresh mapping, 4 MiB and more, is first
 * touched by the white background, a page fault every 4 KiB (more than
 * drawing or compressing it costs, on a machine whose page faults are
 * dear, as in a virtual machine). Backed by transparent huge pages where
 * the kernel gives them, else populated in one call (Linux 5.14);
 * neither is needed, both are only asked for.
 */
#define PIXMAP_ALIGN (2u << 20)

struct pixmap {
	void *addr;
	size_t len;
};

static const cairo_user_data_key_t pixmap_key;

static void pixmap_unmap(void *data)
{
	struct pixmap *m = data;

	munmap(m->addr, m->len);
	free(m);
}

/* An aligned anonymous mapping of len bytes (a multiple of the align). */
static void *pixmap_map(size_t len)
{
	uint8_t *p = mmap(NULL, len + PIXMAP_ALIGN, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *a;

	if (p == MAP_FAILED)
		return NULL;
	a = p + (PIXMAP_ALIGN - (uintptr_t)p % PIXMAP_ALIGN) % PIXMAP_ALIGN;
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + len < p + len + PIXMAP_ALIGN)
		munmap(a + len, (size_t)(p + len + PIXMAP_ALIGN - (a + len)));
	madvise(a, len, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
	madvise(a, len, MADV_POPULATE_WRITE);
#endif
	return a;
}

cairo_surface_t *pic_png_surface(int w, int h)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	struct pixmap *m;
	cairo_surface_t *s;

	if (stride <= 0 || h <= 0)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	m = xmalloc(sizeof(*m));
	m->len = ((size_t)stride * (size_t)h + PIXMAP_ALIGN - 1) /
		 PIXMAP_ALIGN * PIXMAP_ALIGN;
	m->addr = pixmap_map(m->len);
	if (!m->addr) {
		free(m);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	}
	s = cairo_image_surface_create_for_data(m->addr, CAIRO_FORMAT_RGB24, w,
						h, stride);
	if (cairo_surface_set_user_data(s, &pixmap_key, m, pixmap_unmap))
		pixmap_unmap(m);	/* s is an error surface */
	return s;
}

cairo_status_t pic_png_write(cairo_surface_t *s, const char *path)
{
	struct image *im = xcalloc(1, sizeof(*im));
	uint8_t *line;
	FILE *f;
	int rc = -1;

	cairo_surface_flush(s);
	im->data = cairo_image_surface_get_data(s);
	im->w = cairo_image_surface_get_width(s);
	im->h = cairo_image_surface_get_height(s);
	im->stride = cairo_image_surface_get_stride(s);
	if (!im->data ||
	    cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24) {
		free(im);
		return CAIRO_STATUS_INVALID_FORMAT;
	}
	index_pixels(im);
	line = xmalloc((size_t)im->w * 3);
	f = fopen(path, "wb");
	if (f) {
		rc = encode(f, im, line);
		if (fclose(f))
			rc = -1;
	}
	free(line);
	free(im);
	return rc ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}
