// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The escaping of names (src/lib/escape.c): its rules, and the same bytes
 * from every path of every output mode: a libsmartcols table, the plain
 * ASCII fast path of tables, the row stream and a long table, each held
 * against libsmartcols writing the name itself.
 */
#include "config.h"

#include <libsmartcols.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/util.h"
#include "show/output.h"
#include "suites.h"

START_TEST(test_utf8)
{
	char *s;

	ck_assert(utf8_valid("caf\xc3\xa9", 5));
	ck_assert(!utf8_valid("a\xff", 2));
	ck_assert(!utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	ck_assert(!utf8_valid("a\0b", 3));
	s = esc_dup(ESC_JSON_TEXT, "a\xff\xc3\xa9", 4);
	ck_assert_str_eq(s, "a\\xff\xc3\xa9");
	free(s);
	s = esc_dup(ESC_JSON_TEXT, "\xe2\x82", 2);	/* cut sequence */
	ck_assert_str_eq(s, "\\xe2\\x82");
	free(s);
}
END_TEST

static const char evil[] = "a\033]0;t\007\033[2J\nb\xff"
			   "\xc2\x9b\x7f\\x\\y\"\xc3\xa9";

START_TEST(test_rules)
{
	char *s;

	s = esc_dup(ESC_TEXT, evil, sizeof(evil) - 1);
	ck_assert_str_eq(s, "a\\x1b]0;t\\x07\\x1b[2J\\x0ab\\xff\\xc2\\x9b"
			 "\\x7f\\x5cx\\y\"\xc3\xa9");
	free(s);
	s = esc_dup(ESC_PAIRS, evil, sizeof(evil) - 1);
	ck_assert_str_eq(s, "a\\x1b]0;t\\x07\\x1b[2J\\x0ab\\xff\\xc2\\x9b"
			 "\\x7f\\x5cx\\x5cy\\x22\\xc3\\xa9");
	free(s);
	/* JSON: C0 left to the JSON writer, C1 and bad bytes as text. */
	s = esc_dup(ESC_JSON_TEXT, evil, sizeof(evil) - 1);
	ck_assert_str_eq(s, "a\033]0;t\007\033[2J\nb\\xff\\xc2\\x9b"
			 "\x7f\\x5cx\\y\"\xc3\xa9");
	free(s);
	s = esc_dup(ESC_JSON, evil, sizeof(evil) - 1);
	ck_assert_str_eq(s, "\"a\\u001b]0;t\\u0007\\u001b[2J\\nb\\\\xff"
			 "\\\\xc2\\\\x9b\x7f\\\\x5cx\\\\y\\\"\xc3\xa9\"");
	free(s);
	s = esc_dup(ESC_PROM, "a\"b\\c\n", 6);
	ck_assert_str_eq(s, "a\\\"b\\\\c\\\\x0a");
	free(s);
	s = esc_dup(ESC_RAW, "a b\\c", 5);
	ck_assert_str_eq(s, "a\\x20b\\x5cc");
	free(s);
	s = esc_dup(ESC_RAW_TAB, "a b\\c\t", 6);
	ck_assert_str_eq(s, "a b\\x5cc\\x09");
	free(s);
	ck_assert(esc_plain(ESC_TABLE, "a b\\c", 5));
	ck_assert(!esc_plain(ESC_TABLE, "a\\x", 3));
	ck_assert(!esc_plain(ESC_RAW, "a b", 3));
	ck_assert(!esc_plain(ESC_PAIRS, "$x", 2));
	ck_assert(!esc_plain(ESC_TEXT, "caf\xc3\xa9", 5));
	/* A cut falls between escapes and characters, never inside one. */
	s = esc_dup(ESC_TEXT, "ab\033\xc3\xa9", 5);
	ck_assert_uint_eq(esc_fit(s, 4), 2);
	ck_assert_uint_eq(esc_fit(s, 7), 6);
	ck_assert_uint_eq(esc_fit(s, 8), 6);
	ck_assert_uint_eq(esc_fit(s, 9), 8);
	free(s);
}
END_TEST

/* ---- the same bytes on every path ---- */

static const struct vms_column name_col[] = {
	{ .name = "NAME", .whint = 0, .flags = 0, .type = COL_STR,
	  .help = "a name" },
};
static const int name_default[] = { 0 };
static const struct vms_coltable names = {
	.name = "names", .cols = name_col, .ncols = 1,
	.defaults = name_default, .ndefaults = 1,
};

struct name {
	const char *s;
	size_t len;
};

static void fill_name(const void *row, int col, struct vms_cell *c)
{
	const struct name *n = row;

	(void)col;
	cell_bytes(c, n->s, n->len);
}

enum path { TABLE, STREAM, LONG_TABLE };

/* What the output layer writes for one row of name, on stdout. */
static char *through(enum vms_mode mode, enum path path, const struct name *n)
{
	struct vms_opts o = { .mode = mode, .noheadings = true };
	struct colsel sel = { 0 };
	struct vms_out *out;
	FILE *real = stdout, *mem;
	char *buf = NULL;
	size_t len = 0;

	colsel_add(&sel, 0);
	mem = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(mem);
	stdout = mem;
	if (path == LONG_TABLE) {
		out = out_new_long_table(&o, &names, &sel);
		out_widen(out, n, fill_name);
	} else {
		out = out_new(&o, &names, &sel, path == STREAM);
	}
	out_row(out, n, fill_name);
	ck_assert_int_eq(out_finish(out), 0);
	fflush(mem);
	stdout = real;
	fclose(mem);
	colsel_free(&sel);
	return buf;
}

/* libsmartcols itself writing s as a table of one cell. */
static char *by_scols(enum vms_mode mode, const char *s)
{
	struct libscols_table *tb = scols_new_table();
	struct libscols_line *ln;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(mem);
	scols_table_set_name(tb, "names");
	scols_table_enable_raw(tb, mode == VMS_MODE_RAW);
	scols_table_enable_json(tb, mode == VMS_MODE_JSON);
	scols_table_enable_export(tb, mode == VMS_MODE_PAIRS);
	scols_table_enable_noheadings(tb, 1);
	scols_table_set_stream(tb, mem);
	ck_assert_ptr_nonnull(scols_table_new_column(tb, "NAME", 0, 0));
	ln = scols_table_new_line(tb, NULL);
	ck_assert_int_eq(scols_line_set_data(ln, 0, s), 0);
	ck_assert_int_eq(scols_print_table(tb), 0);
	scols_unref_table(tb);
	fclose(mem);
	return buf;
}

/* The name's cell in output: a JSON string, else the whole line. */
static char *cell_of(enum vms_mode mode, const char *output)
{
	const char *key = "\"name\": ", *start = strstr(output, key), *p;

	if (mode != VMS_MODE_JSON)
		return xmemdup(output, strcspn(output, "\n"));
	ck_assert_msg(start, "no name in %s", output);
	start += strlen(key);
	if (!strncmp(start, "null", 4))
		return xstrdup("null");
	ck_assert_int_eq(*start, '"');
	for (p = start + 1; *p != '"'; p++)
		if (*p == '\\')
			p++;
	return xmemdup(start, (size_t)(p + 1 - start));
}

/* Equal bytes for name from libsmartcols and each path of mode. */
static void same_bytes(enum vms_mode mode, const struct name *n)
{
	/* A table hands libsmartcols JSON text made valid UTF-8 first. */
	char *text = mode == VMS_MODE_JSON ?
		     esc_dup(ESC_JSON_TEXT, n->s, n->len) :
		     xmemdup(n->s, n->len);
	bool dash = mode == VMS_MODE_RAW && !n->len;
	char *raw = by_scols(mode, dash ? "-" : text);
	char *want = cell_of(mode, raw);
	enum path paths[] = { TABLE, STREAM, LONG_TABLE };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		char *got, *cell;

		/* The tab-separated stream keeps spaces: one field anyway. */
		if (mode == VMS_MODE_RAW && paths[i] == STREAM)
			continue;
		got = through(mode, paths[i], n);
		cell = cell_of(mode, got);
		ck_assert_msg(!strcmp(cell, want),
			      "mode %d path %zu: '%s', libsmartcols '%s'",
			      (int)mode, i, cell, want);
		free(cell);
		free(got);
	}
	free(want);
	free(raw);
	free(text);
}

/* The tab-separated raw stream: libsmartcols' raw, spaces as they are. */
static void same_tab_raw(const struct name *n)
{
	char *s = xmemdup(n->s, n->len);
	char *raw = by_scols(VMS_MODE_RAW, n->len ? s : "-");
	char *got = through(VMS_MODE_RAW, STREAM, n), *p;
	size_t k = 0;

	for (p = raw; *p; p++) {
		if (!strncmp(p, "\\x20", 4)) {
			raw[k++] = ' ';
			p += 3;
		} else {
			raw[k++] = *p;
		}
	}
	raw[k] = '\0';
	ck_assert_msg(!strcmp(got, raw), "tab raw: '%s', want '%s'", got, raw);
	free(got);
	free(raw);
	free(s);
}

static const char *const hostile[] = {
	evil, "", "plain", "a b", "t\tab", "new\nline", "q\"uote",
	"back\\slash",
	"\\x41", "\\", "esc\033[2J", "caf\xc3\xa9", "line\xe2\x80\xa8sep",
	"c1\xc2\x9b", "del\x7f", "bad\xff", "cut\xe2\x82", "overlong\xc0\xaf",
	"surrogate\xed\xa0\x80", "$HOME `id`", "tick'", "{\"json\": 1}",
	"\xf0\x9f\x98\x80", "\xf4\x90\x80\x80",
};

START_TEST(test_same_bytes)
{
	static const enum vms_mode modes[] = {
		VMS_MODE_TABLE, VMS_MODE_RAW, VMS_MODE_PAIRS, VMS_MODE_JSON,
	};
	char one[4] = "a";
	size_t m, i;
	int b;

	/* The program runs in the C locale: it never calls setlocale(). */
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		for (i = 0; i < ARRAY_SIZE(hostile); i++) {
			struct name n = { hostile[i], strlen(hostile[i]) };

			same_bytes(modes[m], &n);
			if (!m)
				same_tab_raw(&n);
		}
		/* Every byte, after a letter and before an 'x'. */
		for (b = 1; b < 256; b++) {
			struct name n = { one, 3 };

			one[1] = (char)b;
			one[2] = 'x';
			same_bytes(modes[m], &n);
			if (!m)
				same_tab_raw(&n);
		}
	}
}
END_TEST

Suite *escape_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_rules);
	suite_add_tcase(s, tc);
	tc = tcase_create("libsmartcols");
	tcase_add_test(tc, test_same_bytes);
	suite_add_tcase(s, tc);
	return s;
}
