// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A picture drawn with cairo into a PNG file. cairo_surface_write_to_png
 * compresses at zlib's default level and tries every row filter: 30 ms
 * for a picture of 1000x1100 pixels, more than the page walk it shows. A
 * picture has few colours (flat cells, grey text on white): when 256 or
 * fewer, it is written as a palette image, a byte a pixel, which is both
 * faster and a third of the size; else as RGB (with libpng). Either way
 * unfiltered, at zlib's fastest level: the flat areas still compress well
 * (see tests/helpers/pngcheck.py for a reader).
 *
 * The picture is drawn in two bands, top and bottom half, on two threads
 * at once; each band's pixels become palette indices and are deflated on
 * its thread, and the two deflate streams are one zlib stream (the first
 * ends with a sync flush; Adler-32 checksums combine). Measured on the
 * 1088x1109 picture of a sparse process (`maps PID --png`): drawing 2 ms,
 * indexing 1 ms, compressing 2.2 ms with zlib (libdeflate 1.14 was no
 * faster on such pixels); libpng's own IDAT writer took 3.5 ms, 1.2 ms of
 * it checking every palette index of every row. libpng frames the file
 * (signature, IHDR, PLTE, the chunks' CRCs); the IDAT chunk it is given
 * whole.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/util.h"
#include "lib/zlib-dl.h"
#include "show/cairo-dl.h"
#include "show/picture-file.h"
#include "show/picture-png.h"

#define PAL_MAX 256
#define PAL_HASH 1024		/* open addressing, at most a quarter full */

struct palette {
	uint32_t key[PAL_HASH];
	int16_t at[PAL_HASH];		/* index in c, -1: a free slot */
	png_color c[PAL_MAX];
	int n;
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


/*
 * The pixels of a picture: a fresh mapping, 4 MiB and more, is first
 * touched by the white background, a page fault every 4 KiB (more than
 * drawing or compressing it costs, on a machine whose page faults are
 * dear, as in a virtual machine). Backed by transparent huge pages where
 * the kernel gives them, and each band's part populated in one call
 * (Linux 5.14) by its thread: the kernel zeroes the pages of the two
 * halves at once (0.6 ms for the 6 MiB of the sparse process' picture,
 * in one thread). Neither is needed, both are only asked for.
 */
#define PIXMAP_ALIGN (2u << 20)

struct pixmap {
	void *addr;
	size_t len;
};

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
	return a;
}

/* The pages of len bytes from addr, faulted in now. */
static void pixmap_populate(uint8_t *addr, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = (uintptr_t)addr / page * page;
	uintptr_t hi = ((uintptr_t)addr + len + page - 1) / page * page;

	madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
	(void)addr;
	(void)len;
#endif
}

/* A band is drawn on its own thread from this many rows on. */
#define BAND_MIN_ROWS 64

struct band {
	struct job *job;
	uint8_t *data;			/* the band's first row of pixels */
	int y0, h;
	cairo_status_t st;		/* of the drawing */
	struct palette pal;
	int ix_y, ix_x;			/* indices up to here (h, 0: all) */
	uint8_t remap[PAL_MAX];		/* its palette into the first's */
	bool remap_id;
	uint8_t *z;			/* the deflated rows */
	size_t zlen, zcap;
	uLong adler;
	bool zfail;
};

struct job {
	int w, h, stride;
	pic_draw_fn *draw;
	const void *arg;
	int nb;
	bool indexed;			/* every band, one palette */
	pthread_barrier_t sync;
	struct band b[2];
};

static uint32_t *pixel_row(const struct band *b, int y)
{
	/* Cairo's rows are 4-byte aligned: a pixel is a native uint32. */
	return (void *)(b->data + (size_t)y * (size_t)b->job->stride);
}

static void draw_band(struct band *b)
{
	const struct job *j = b->job;
	cairo_surface_t *s;
	cairo_t *cr;

	pixmap_populate(b->data, (size_t)b->h * (size_t)j->stride);
	s = cairo_image_surface_create_for_data(b->data, CAIRO_FORMAT_RGB24,
						j->w, b->h, j->stride);
	cr = cairo_create(s);
	cairo_translate(cr, 0, -(double)b->y0);
	j->draw(cr, j->arg);
	b->st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (b->st == CAIRO_STATUS_SUCCESS)
		b->st = cairo_surface_status(s);
	cairo_surface_destroy(s);
}

/*
 * The band's pixels as palette indices, in place: a row becomes its
 * filter byte (0, none) and pixel i (4 bytes at 4i) one byte at 1 + i,
 * written after it was read. The picture is not drawn on again; a second
 * buffer of its size would cost its page faults. False when the palette
 * filled, at ix_y, ix_x.
 */
static bool index_band(struct band *b)
{
	int x, end, y, w = b->job->w, i = -1;
	uint32_t last = 0;

	memset(b->pal.at, 0xff, sizeof(b->pal.at));
	b->pal.n = 0;
	for (y = 0; y < b->h; y++) {
		uint32_t *row = pixel_row(b, y);
		uint8_t *o = (uint8_t *)row;

		/* Runs of one colour are most of a picture: one look-up. */
		for (x = 0; x < w; x = end) {
			uint32_t v = row[x] & 0xffffff;

			for (end = x + 1; end < w &&
			     (row[end] & 0xffffff) == v; end++)
				;
			if (i < 0 || v != last) {
				last = v;
				if ((i = pal_index(&b->pal, v)) < 0) {
					b->ix_y = y;
					b->ix_x = x;
					return false;
				}
			}
			/* Bytes x + 1 to end: pixels before end, all read. */
			memset(o + 1 + x, i, (size_t)(end - x));
		}
		o[0] = 0;
	}
	b->ix_y = b->h;
	b->ix_x = 0;
	return true;
}

/*
 * Undo index_band: each row from its right end, so that a pixel (4 bytes
 * at 4i) is written over indices already read back (those at i + 1 and
 * after).
 */
static void unindex(struct band *b)
{
	int r, i, w = b->job->w;

	for (r = 0; r < b->h && r <= b->ix_y; r++) {
		uint32_t *px = pixel_row(b, r);
		const uint8_t *ix = (const uint8_t *)px;
		const png_color *c;

		for (i = (r < b->ix_y ? w : b->ix_x) - 1; i >= 0; i--) {
			c = &b->pal.c[ix[1 + i]];
			px[i] = (uint32_t)c->red << 16 | (uint32_t)c->green << 8 |
				c->blue;
		}
	}
}

/* One palette for both bands (the first's, grown): false if over 256. */
static bool merge_palettes(struct job *j)
{
	struct band *b = &j->b[1];
	int k, at;

	for (k = 0; k < b->pal.n; k++) {
		const png_color *c = &b->pal.c[k];

		at = pal_index(&j->b[0].pal, (uint32_t)c->red << 16 |
				(uint32_t)c->green << 8 | c->blue);
		if (at < 0)
			return false;
		b->remap[k] = (uint8_t)at;
	}
	b->remap_id = !memcmp(b->pal.c, j->b[0].pal.c,
			      (size_t)b->pal.n * sizeof(png_color));
	return true;
}

static void deflate_out(struct band *b, z_stream *z, int flush)
{
	int rc;

	do {
		if (!z->avail_out) {
			b->zcap *= 2;
			b->z = xrealloc(b->z, b->zcap);
			z->next_out = b->z + b->zlen;
			z->avail_out = (uInt)(b->zcap - b->zlen);
		}
		rc = deflate(z, flush);
		b->zlen = b->zcap - z->avail_out;
	} while (rc == Z_OK && (z->avail_in || !z->avail_out ||
				flush == Z_FINISH));
	if (rc != Z_OK && rc != Z_BUF_ERROR &&
	    !(rc == Z_STREAM_END && flush == Z_FINISH))
		b->zfail = true;
}

/*
 * The band's rows (filter byte and indices, mapped into the one palette)
 * as raw deflate, ending the stream if last, else at a byte boundary.
 */
static void pack_band(struct band *b, bool last)
{
	size_t n = (size_t)b->job->w + 1, k;
	z_stream z;
	int y;

	memset(&z, 0, sizeof(z));
	b->adler = adler32(0, NULL, 0);
	/* memLevel 6, not 8: 10% faster on a picture, as small. */
	if (deflateInit2(&z, 1, Z_DEFLATED, -15, 6, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		b->zfail = true;
		return;
	}
	b->zcap = n * (size_t)b->h / 8 + 4096;
	b->z = xmalloc(b->zcap);
	z.next_out = b->z;
	z.avail_out = (uInt)b->zcap;
	for (y = 0; y < b->h && !b->zfail; y++) {
		uint8_t *row = (uint8_t *)pixel_row(b, y);

		if (!b->remap_id)
			for (k = 1; k < n; k++)
				row[k] = b->remap[row[k]];
		b->adler = adler32(b->adler, row, (uInt)n);
		z.next_in = row;
		z.avail_in = (uInt)n;
		deflate_out(b, &z, y + 1 < b->h ? Z_NO_FLUSH :
				   last ? Z_FINISH : Z_SYNC_FLUSH);
	}
	deflateEnd(&z);
}

/* Drawn and indexed; the indices are all there if ix_y == h. */
static void band_first(struct band *b)
{
	draw_band(b);
	if (b->st == CAIRO_STATUS_SUCCESS)
		index_band(b);
}

static void *band_thread(void *arg)
{
	struct band *b = arg;

	band_first(b);
	pthread_barrier_wait(&b->job->sync);
	/* Here the first thread merges the palettes. */
	pthread_barrier_wait(&b->job->sync);
	if (b->job->indexed)
		pack_band(b, true);
	return NULL;
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

/* The one IDAT chunk: a zlib header, the bands' streams, the checksum. */
static void write_idat(png_structp png, const struct job *j)
{
	static const png_byte zhead[2] = { 0x78, 0x01 };	/* fastest */
	uLong adler = j->b[0].adler;
	png_byte tail[4];
	size_t len = sizeof(zhead) + sizeof(tail);
	int k;

	for (k = 0; k < j->nb; k++)
		len += j->b[k].zlen;
	for (k = 1; k < j->nb; k++)
		adler = adler32_combine(adler, j->b[k].adler,
					(z_off_t)j->b[k].h * (j->w + 1));
	tail[0] = (png_byte)(adler >> 24);
	tail[1] = (png_byte)(adler >> 16);
	tail[2] = (png_byte)(adler >> 8);
	tail[3] = (png_byte)adler;
	png_write_chunk_start(png, (png_const_bytep)"IDAT", (png_uint_32)len);
	png_write_chunk_data(png, zhead, sizeof(zhead));
	for (k = 0; k < j->nb; k++)
		png_write_chunk_data(png, j->b[k].z, j->b[k].zlen);
	png_write_chunk_data(png, tail, sizeof(tail));
	png_write_chunk_end(png);
}

/* The pixels of band rows as RGB, compressed by libpng. */
static void write_rgb(png_structp png, const struct job *j, uint8_t *line)
{
	const uint32_t *row;
	int k, y, x;

	for (k = 0; k < j->nb; k++)
		for (y = 0; y < j->b[k].h; y++) {
			row = pixel_row(&j->b[k], y);
			for (x = 0; x < j->w; x++) {
				line[3 * x] = (uint8_t)(row[x] >> 16);
				line[3 * x + 1] = (uint8_t)(row[x] >> 8);
				line[3 * x + 2] = (uint8_t)row[x];
			}
			png_write_row(png, line);
		}
}

/* The PNG of the job to f. 0, or -1 (libpng or the write failed). */
static int encode(FILE *f, const struct job *j, uint8_t *line)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						  png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)j->w, (png_uint_32)j->h, 8,
		     j->indexed ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
		     PNG_FILTER_TYPE_BASE);
	if (j->indexed)
		png_set_PLTE(png, info, j->b[0].pal.c, j->b[0].pal.n);
	png_set_compression_level(png, 1);	/* zlib's fastest */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	if (j->indexed) {
		write_idat(png, j);
		png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
	} else {
		write_rgb(png, j, line);
		png_write_end(png, info);
	}
	png_destroy_write_struct(&png, &info);
	return 0;
}

/* Both bands drawn and indexed, on two threads when there are two. */
static void run_bands(struct job *j)
{
	pthread_t t;
	bool two = j->nb == 2 && !pthread_barrier_init(&j->sync, NULL, 2);
	int k;

	if (two && pthread_create(&t, NULL, band_thread, &j->b[1])) {
		pthread_barrier_destroy(&j->sync);
		two = false;
	}
	band_first(&j->b[0]);
	if (!two && j->nb == 2)
		band_first(&j->b[1]);
	if (two)
		pthread_barrier_wait(&j->sync);
	j->indexed = true;
	for (k = 0; k < j->nb; k++)
		if (j->b[k].st != CAIRO_STATUS_SUCCESS ||
		    j->b[k].ix_y < j->b[k].h)
			j->indexed = false;
	if (j->indexed && j->nb == 2)
		j->indexed = merge_palettes(j);
	if (two)
		pthread_barrier_wait(&j->sync);
	if (j->indexed)
		pack_band(&j->b[0], j->nb == 1);
	if (!two && j->nb == 2 && j->indexed)
		pack_band(&j->b[1], true);
	if (two) {
		pthread_join(t, NULL);
		pthread_barrier_destroy(&j->sync);
	}
}

static cairo_status_t write_file(struct job *j, const char *path)
{
	uint8_t *line = NULL;
	FILE *f;
	int k, rc = -1;

	for (k = 0; k < j->nb; k++) {
		if (j->b[k].st != CAIRO_STATUS_SUCCESS)
			return j->b[k].st;
		if (j->b[k].zfail)
			return CAIRO_STATUS_NO_MEMORY;
	}
	if (!j->indexed) {
		/* Over 256 colours: the pixels as they were, RGB. */
		for (k = 0; k < j->nb; k++)
			unindex(&j->b[k]);
		line = xmalloc((size_t)j->w * 3);
	}
	f = pic_file_open(path);
	if (f) {
		rc = encode(f, j, line);
		if (pic_file_close(f))
			rc = -1;
	}
	free(line);
	return rc ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

cairo_status_t pic_png_draw(int w, int h, pic_draw_fn *draw, const void *arg,
			    const char *path)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	struct job *j;
	struct pixmap m;
	cairo_status_t st;
	int k;

	if (w <= 0 || h <= 0 || stride <= 0 || (uint64_t)stride / 4 < (uint64_t)w)
		return CAIRO_STATUS_INVALID_SIZE;
	m.len = ((size_t)stride * (size_t)h + PIXMAP_ALIGN - 1) /
		PIXMAP_ALIGN * PIXMAP_ALIGN;
	m.addr = pixmap_map(m.len);
	if (!m.addr)
		return CAIRO_STATUS_NO_MEMORY;
	j = xcalloc(1, sizeof(*j));
	*j = (struct job){ .w = w, .h = h, .stride = stride, .draw = draw,
			   .arg = arg, .nb = h >= 2 * BAND_MIN_ROWS ? 2 : 1 };
	for (k = 0; k < j->nb; k++) {
		j->b[k].job = j;
		j->b[k].y0 = k ? h / 2 : 0;
		j->b[k].h = j->nb == 1 ? h : k ? h - h / 2 : h / 2;
		j->b[k].data = (uint8_t *)m.addr +
			       (size_t)j->b[k].y0 * (size_t)stride;
		j->b[k].remap_id = true;
	}
	run_bands(j);
	st = write_file(j, path);
	for (k = 0; k < j->nb; k++)
		free(j->b[k].z);
	free(j);
	munmap(m.addr, m.len);
	return st;
}
