// SPDX-License-Identifier: GPL-2.0-or-later
/* The picture model: a cell's class, escaping, the plain drawing, PNG. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

Suite *picture_suite(void)
{
	Suite *s = suite_create("picture");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, test_majority);
	tcase_add_test(tc, test_escape);
	suite_add_tcase(s, tc);
	tc = tcase_create("drawing");
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_png);
	suite_add_tcase(s, tc);
	return s;
}
