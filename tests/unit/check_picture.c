// SPDX-License-Identifier: GPL-2.0-or-later
/* The picture model: a cell's class, escaping, the plain drawing, PNG. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "show/cairo-dl.h"
#include "show/picture-file.h"
#include "show/picture-png.h"
#include "show/picture.h"
#include "suites.h"

static const struct pic_class cls[3] = {
	{ "none", '.', -1, 0xeeeeee },
	{ "one", 'O', 1, 0xff0000 },
	{ "two", 'T', 2, 0x00ff00 },
};

START_TEST(test_majority)
{
	uint64_t c[3] = { 0, 3, 5 };

	/* The class of most populated pages; 8 of 10 populated. */
	ck_assert_uint_eq(pic_majority(c, 3, 1, 10), 2);
	/* 8 of 20: under half, sparse. */
	ck_assert_uint_eq(pic_majority(c, 3, 1, 20), 2 | PIC_SPARSE);
	/* A tie goes to the first class. */
	c[1] = 5;
	ck_assert_uint_eq(pic_majority(c, 3, 1, 10), 1);
	/* Nothing populated: class 0, never sparse. */
	c[1] = c[2] = 0;
	ck_assert_uint_eq(pic_majority(c, 3, 1, 10), 0);
	/* Counting from class 0, no cell size: never sparse. */
	c[0] = 7;
	c[2] = 1;
	ck_assert_uint_eq(pic_majority(c, 3, 0, 0), 0);
}
END_TEST

START_TEST(test_escape)
{
	char *s = pic_escape("a\033[31m\nb\xff", 9);

	ck_assert_str_eq(s, "a\\x1b[31m\\x0ab\\xff");
	free(s);
}
END_TEST

/* Two rows, a border in the second, counts: drawn plainly. */
static void small_picture(struct picture *p)
{
	struct pic_row *r;

	pic_init(p, cls, 3);
	p->title = strdup("title");
	p->subtitle = strdup("sub");
	p->unit = "pages";
	p->unit_bytes = 4096;
	p->addr_digits = 4;
	r = pic_add_row(p, 0x1000, 3);
	r->cell[0] = 1;
	r->cell[1] = 2 | PIC_SPARSE;
	r->note = strdup("4K x");
	r = pic_add_row(p, 0x2000, 2);
	r->cell[1] = 2;
	pic_add_mark(p, 1, 1, "zone");
	p->count[1] = 1;
	p->count[2] = 2;
	pic_add_note(p, "note %d", 7);
}

START_TEST(test_plain)
{
	struct picture p;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	small_picture(&p);
	ck_assert_int_eq(pic_term_print(&p, f, false), 0);
	fclose(f);
	ck_assert_str_eq(buf,
		"title\nsub\n\n"
		"1000 Ot. 4K x\n"
		"      v zone\n"
		"2000 .T\n"
		"\nlegend:\n"
		"  .  none            0 pages  0B\n"
		"  O  one             1 pages  4K\n"
		"  T  two             2 pages  8K\n"
		"note 7\n");
	free(buf);
	pic_free(&p);
}
END_TEST

START_TEST(test_png)
{
	char path[] = "/tmp/vmascope-check-XXXXXX";
	unsigned char head[24];
	struct picture p;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	small_picture(&p);
	ck_assert_int_eq(pic_cairo_write(&p, path, false), 0);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(head, 1, sizeof(head), f), sizeof(head));
	fclose(f);
	unlink(path);
	ck_assert_int_eq(memcmp(head, "\x89PNG\r\n\x1a\n", 8), 0);
	ck_assert_int_eq(memcmp(head + 12, "IHDR", 4), 0);
	/* Wide enough for the title, the cells and the legend. */
	ck_assert_uint_gt((unsigned int)head[18] << 8 | head[19], 100);
	pic_free(&p);
}
END_TEST

/* A picture of w x h whose pixel (x, y) is colour(x, y). */
struct source {
	cairo_surface_t *img;
};

static void source_of(struct source *src, int w, int h,
		      uint32_t (*colour)(int x, int y))
{
	unsigned char *d;
	int x, y, stride;

	src->img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	ck_assert_int_eq(cairo_surface_status(src->img), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(src->img);
	d = cairo_image_surface_get_data(src->img);
	stride = cairo_image_surface_get_stride(src->img);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			((uint32_t *)(void *)(d + y * stride))[x] = colour(x, y);
	cairo_surface_mark_dirty(src->img);
}

/* Draws the source (a band of it: cr is clipped to the band). */
static void paint_source(cairo_t *cr, const void *arg)
{
	const struct source *src = arg;

	cairo_set_source_surface(cr, src->img, 0, 0);
	cairo_paint(cr);
}

/*
 * Write colour's picture as a PNG, read it back with cairo's own reader:
 * the same pixels, and the PNG's colour type (3 palette, 2 RGB). From
 * 128 rows on, the picture is drawn in two bands on two threads.
 */
static void png_round_trip(int w, int h, uint32_t (*colour)(int x, int y),
			   int ctype)
{
	char path[] = "/tmp/vmascope-check-XXXXXX";
	unsigned char head[26];
	struct source src;
	cairo_surface_t *r;
	const unsigned char *d;
	FILE *f;
	int fd = mkstemp(path), x, y;

	ck_assert_int_ge(fd, 0);
	close(fd);
	source_of(&src, w, h, colour);
	ck_assert_int_eq(pic_png_draw(w, h, paint_source, &src, path),
			 CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(src.img);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(head, 1, sizeof(head), f), sizeof(head));
	fclose(f);
	ck_assert_int_eq(head[25], ctype);
	r = cairo_image_surface_create_from_png(path);
	unlink(path);
	ck_assert_int_eq(cairo_surface_status(r), CAIRO_STATUS_SUCCESS);
	ck_assert_int_eq(cairo_image_surface_get_width(r), w);
	ck_assert_int_eq(cairo_image_surface_get_height(r), h);
	d = cairo_image_surface_get_data(r);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			ck_assert_uint_eq(((const uint32_t *)(const void *)(d +
				y * cairo_image_surface_get_stride(r)))[x] &
				0xffffff, colour(x, y));
	cairo_surface_destroy(r);
}

/*
 * 200 greys and a few colours: a palette image. In two bands, the second
 * band meets them in another order: its indices are mapped into the
 * first band's palette.
 */
static uint32_t few(int x, int y)
{
	return y % 3 ? 0x4e79a7 + (uint32_t)(x / 50) : (uint32_t)(x % 200) * 0x010101;
}

/*
 * 256 greys in the first rows, then a new colour in each pixel of row 5
 * from x 7 on: the palette fills there, the pixels already made indices
 * are given back, the PNG is RGB.
 */
static uint32_t many(int x, int y)
{
	if (y < 5)
		return (uint32_t)((x + y * 61) % 256) * 0x010101;
	return y == 5 && x >= 7 ? 0x800000 | (uint32_t)x : 0xffffff;
}

/*
 * 200 greys in the top band, 200 other colours in the bottom one (of a
 * picture 200 rows high): each band's palette fits, both do not: RGB.
 */
static uint32_t halves(int x, int y)
{
	return y < 100 ? (uint32_t)(x % 200) * 0x010101 :
			 0x800000 | (uint32_t)(x % 200);
}

/* The bottom band's own palette fills: RGB. */
static uint32_t bottom_many(int x, int y)
{
	return y < 150 ? 0x4e79a7 : 0x800000 | (uint32_t)(x + y);
}

START_TEST(test_png_palette)
{
	png_round_trip(301, 40, few, 3);
	png_round_trip(301, 200, few, 3);
	png_round_trip(301, 9, many, 2);
	png_round_trip(301, 200, halves, 2);
	png_round_trip(301, 200, bottom_many, 2);
}
END_TEST

START_TEST(test_png_unwritable)
{
	struct source src;

	source_of(&src, 10, 10, few);
	ck_assert_int_eq(pic_png_draw(10, 10, paint_source, &src,
				      "/nonexistent/dir/p.png"),
			 CAIRO_STATUS_WRITE_ERROR);
	cairo_surface_destroy(src.img);
}
END_TEST

/*
 * A picture written over a longer file is cut to its own length (the
 * file is opened without O_TRUNC); over /dev/null, nothing is cut.
 */
START_TEST(test_picture_file)
{
	char path[] = "/tmp/vmascope-check-XXXXXX";
	struct stat st;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "0123456789", 10), 10);
	close(fd);
	f = pic_file_open(path);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs("abc", f) >= 0, 1);
	ck_assert_int_eq(pic_file_close(f), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 3);
	unlink(path);
	f = pic_file_open("/dev/null");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs("abc", f) >= 0, 1);
	ck_assert_int_eq(pic_file_close(f), 0);
	ck_assert_ptr_null(pic_file_open("/nonexistent/dir/p.png"));
}
END_TEST

Suite *picture_suite(void)
{
	Suite *s = suite_create("picture");
	TCase *tc = tcase_create("model");

	/* The PNG tests draw with cairo: opened here, before the forks. */
	if (vms_cairo_open())
		fprintf(stderr, "check_picture: no cairo: the PNG tests fail\n");

	tcase_add_test(tc, test_majority);
	tcase_add_test(tc, test_escape);
	suite_add_tcase(s, tc);
	tc = tcase_create("drawing");
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_png);
	tcase_add_test(tc, test_png_palette);
	tcase_add_test(tc, test_png_unwritable);
	tcase_add_test(tc, test_picture_file);
	suite_add_tcase(s, tc);
	return s;
}
