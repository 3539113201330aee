// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sorted tables (src/show/output-table.c, outfast.c): the order of the
 * rows the output layer writes, by every kind of sort column, shown or
 * not, either way round, on its plain ASCII path and after it handed the
 * rows to libsmartcols, held against libsmartcols sorting the same rows
 * itself (scols_sort_table(), its stable merge sort) by a text key that
 * orders as the column does.
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/escape.h"
#include "lib/util.h"
#include "show/output-impl.h"
#include "suites.h"

enum { C_ID, C_N, C_D, C_T, C_HEX, NCOLS };

static const struct vms_column cols[] = {
	[C_ID] = { .name = "ID", .flags = SCOLS_FL_RIGHT, .type = COL_NUM,
		   .help = "row" },
	[C_N] = { .name = "N", .flags = SCOLS_FL_RIGHT, .type = COL_SIZE,
		  .help = "a size" },
	[C_D] = { .name = "D", .flags = SCOLS_FL_RIGHT, .type = COL_DELTA,
		  .help = "a change" },
	[C_T] = { .name = "T", .type = COL_STR, .help = "a text" },
	[C_HEX] = { .name = "X", .flags = SCOLS_FL_RIGHT, .type = COL_HEX,
		    .help = "an address" },
};
static const int defaults[] = { C_ID, C_N, C_D, C_T, C_HEX };
static const struct vms_coltable table = {
	.name = "rows", .cols = cols, .ncols = NCOLS,
	.defaults = defaults, .ndefaults = NCOLS,
};

struct row {
	unsigned int id;
	uint64_t n, d, x;
	bool n_null, d_null;
	const char *t;			/* NULL: null */
};

static void fill(const void *p, int col, struct vms_cell *c)
{
	const struct row *r = p;

	switch (col) {
	case C_ID:
		c->num = r->id;
		break;
	case C_N:
		c->num = r->n;
		c->null = r->n_null;
		break;
	case C_D:
		c->num = r->d;
		c->null = r->d_null;
		break;
	case C_HEX:
		c->num = r->x;
		break;
	default:
		cell_str(c, r->t);
	}
}

/* Few distinct values: ties everywhere, nulls, texts that prefix others. */
static const char *const texts[] = { "a", "ab", "b", "", "B", "a b", NULL };

static void make_rows(struct row *v, size_t n, unsigned int seed, bool odd)
{
	size_t i;

	srand(seed);
	for (i = 0; i < n; i++) {
		v[i] = (struct row){ .id = (unsigned int)i + 1 };
		v[i].n = (uint64_t)(rand() % 4) << (rand() % 40);
		v[i].n_null = rand() % 7 == 0;
		v[i].d = (uint64_t)(int64_t)(rand() % 5 - 2);
		v[i].d_null = rand() % 9 == 0;
		v[i].x = (uint64_t)(rand() % 3) << 44;
		v[i].t = texts[rand() % ARRAY_SIZE(texts)];
	}
	/* A text the plain path cannot print: the rows go to libsmartcols. */
	if (odd && n)
		v[n / 2].t = "x\ty";
}

struct variant {
	enum vms_mode mode;
	int sort;			/* column */
	bool reverse, hidden;		/* hidden: only ID shown */
	bool odd;			/* a row not plain ASCII */
	bool total;			/* out_sort(), then one row more */
	bool rollback;			/* rows given, then taken back */
	bool sort_first;		/* ... after out_sort(): the last
					 * rows in sorted order go */
};

/* The key libsmartcols sorts by, ascending, as the column orders. */
static char *ref_key(const struct variant *va, const struct row *r)
{
	const struct vms_column *col = &cols[va->sort];
	struct vms_cell c = { 0 };
	char *s;
	uint64_t k;
	bool desc;

	fill(r, va->sort, &c);
	if (col->type == COL_STR) {
		if (c.null)
			return xstrdup("-");
		if (!c.len && va->mode == VMS_MODE_RAW)
			return xstrdup("-");
		return xmemdup(c.str, c.len);
	}
	if (c.null)
		return xstrdup("1");	/* after every value */
	desc = col->type == COL_SIZE || col->type == COL_DELTA;
	if (va->reverse)
		desc = !desc;
	k = col->type == COL_DELTA ? c.num ^ (UINT64_C(1) << 63) : c.num;
	xasprintf(&s, "0%016" PRIx64, desc ? ~k : k);
	return s;
}

static int cmp_reverse(struct libscols_cell *a, struct libscols_cell *b,
		       void *data)
{
	return -scols_cmpstr_cells(a, b, data);
}

/* The IDs in the order libsmartcols sorts rows v[0..n) by ref_key(). */
static void ref_order(const struct variant *va, const struct row *v,
		      size_t n, unsigned int *ids)
{
	struct libscols_table *tb = scols_new_table();
	struct libscols_column *id = scols_table_new_column(tb, "ID", 0, 0);
	struct libscols_column *key = scols_table_new_column(tb, "K", 0, 0);
	struct libscols_iter *itr = scols_new_iter(SCOLS_ITER_FORWARD);
	struct libscols_line *ln;
	bool text_rev = cols[va->sort].type == COL_STR && va->reverse;
	size_t i = 0;

	ck_assert_ptr_nonnull(id);
	ck_assert_ptr_nonnull(key);
	scols_column_set_cmpfunc(key, text_rev ? cmp_reverse :
				 scols_cmpstr_cells, NULL);
	for (i = 0; i < n; i++) {
		char buf[16];

		ln = scols_table_new_line(tb, NULL);
		snprintf(buf, sizeof(buf), "%u", v[i].id);
		scols_line_set_data(ln, 0, buf);
		scols_line_refer_data(ln, 1, ref_key(va, &v[i]));
	}
	ck_assert_int_eq(scols_sort_table(tb, key), 0);
	i = 0;
	while (!scols_table_next_line(tb, itr, &ln))
		ids[i++] = (unsigned int)atoi(scols_cell_get_data(
					scols_line_get_cell(ln, 0)));
	scols_free_iter(itr);
	scols_unref_table(tb);
}

/* The IDs of the output's lines, in order (the first field of each). */
static size_t out_ids(const char *text, unsigned int *ids, size_t max)
{
	const char *p = text;
	size_t n = 0;

	while (*p && n < max) {
		ids[n++] = (unsigned int)strtoul(p, NULL, 10);
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return n;
}

/* Whether the plain path keeps every row given (it checks what it keeps). */
static bool all_plain(const struct variant *va, const struct row *v, size_t n,
		      const struct row *extra)
{
	enum esc_rule rule = va->mode == VMS_MODE_RAW ? ESC_RAW : ESC_TABLE;
	size_t i;

	if (va->hidden && va->sort != C_T)
		return true;		/* no text column kept */
	for (i = 0; i <= n; i++) {
		const struct row *r = i < n ? &v[i] : va->total ? extra : NULL;

		if (r && r->t && !esc_plain(rule, r->t, strlen(r->t)))
			return false;
	}
	return true;
}

/* What the output layer writes for rows v[0..n) in variant va. */
static char *through(const struct variant *va, const struct row *v, size_t n,
		     const struct row *extra)
{
	struct vms_opts o = { .mode = va->mode, .noheadings = true,
			      .reverse = va->reverse };
	struct colsel sel = { 0 };
	FILE *real = stdout, *mem;
	struct vms_out *out;
	char *buf = NULL;
	size_t len = 0, i;
	unsigned long mark;

	colsel_add(&sel, C_ID);
	if (!va->hidden) {
		for (i = 1; i < NCOLS; i++)
			colsel_add(&sel, (int)i);
	}
	mem = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(mem);
	stdout = mem;
	out = out_new_sorted(&o, &table, &sel, false, cols[va->sort].name);
	ck_assert_ptr_nonnull(out);
	for (i = 0; i < n; i++)
		out_row(out, &v[i], fill);
	if (va->rollback) {
		mark = out_mark(out);
		for (i = 0; i < n && i < 5; i++)
			out_row(out, &v[i], fill);
		if (va->sort_first)
			out_sort(out);
		out_rollback(out, mark);
	}
	if (va->total) {
		out_sort(out);
		out_row(out, extra, fill);
	}
	/*
	 * The path under test: plain rows stay on it; an odd one leaves it,
	 * as does a rollback into sorted rows.
	 */
	ck_assert(!out->fast == (!all_plain(va, v, n, extra) ||
				 (va->rollback && va->sort_first && n)));
	ck_assert_int_eq(out_finish(out), 0);
	fflush(mem);
	stdout = real;
	fclose(mem);
	colsel_free(&sel);
	return buf;
}

static void check_variant(const struct variant *va, unsigned int seed)
{
	size_t n = (size_t)(seed * 7 % 61), more = va->rollback &&
		   va->sort_first ? (n < 5 ? n : 5) : 0;
	struct row *v = xcalloc(n + more + 1, sizeof(*v));
	/* After a sort, a row not plain takes the sorted ones along. */
	struct row extra = { .id = 999, .n = 1, .t = va->odd ? "z\tz" : "zz" };
	unsigned int *want = xcalloc(n + more + 2, sizeof(*want));
	unsigned int *got = xcalloc(n + 3, sizeof(*got));
	size_t k, ngot;
	char *text;

	make_rows(v, n, seed, va->odd);
	/* The rows given again after the mark, sorted with the rest. */
	memcpy(v + n, v, more * sizeof(*v));
	ref_order(va, v, n + more, want);
	if (va->total)
		want[n] = extra.id;
	text = through(va, v, n, &extra);
	ngot = out_ids(text, got, n + 2);
	ck_assert_msg(ngot == n + va->total, "seed %u: %zu lines, want %zu",
		      seed, ngot, n + va->total);
	for (k = 0; k < ngot; k++)
		ck_assert_msg(got[k] == want[k],
			      "seed %u sort %s rev %d hidden %d mode %d: "
			      "line %zu is row %u, libsmartcols puts %u there",
			      seed, cols[va->sort].name, va->reverse,
			      va->hidden, (int)va->mode, k, got[k], want[k]);
	free(text);
	free(got);
	free(want);
	free(v);
}

START_TEST(test_sorted_like_scols)
{
	static const enum vms_mode modes[] = { VMS_MODE_TABLE, VMS_MODE_RAW };
	int devnull = open("/dev/null", O_WRONLY), saved = dup(STDOUT_FILENO);
	unsigned int seed;
	size_t m;
	int s, flags;

	/* Not a terminal: a table off one takes the plain path. */
	ck_assert_int_ge(devnull, 0);
	ck_assert_int_ge(dup2(devnull, STDOUT_FILENO), 0);
	for (m = 0; m < ARRAY_SIZE(modes); m++)
		for (s = C_ID; s < NCOLS; s++)
			for (flags = 0; flags < 64; flags++)
				for (seed = 1; seed <= 6; seed++) {
					struct variant va = {
						modes[m], s, flags & 1,
						flags & 2, flags & 4,
						flags & 8, flags & 16,
						flags & 32 };

					check_variant(&va, seed * 5 +
						      (unsigned int)flags);
				}
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(devnull);
}
END_TEST

Suite *outsort_suite(void)
{
	Suite *s = suite_create("outsort");
	TCase *tc = tcase_create("outsort");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sorted_like_scols);
	suite_add_tcase(s, tc);
	return s;
}
