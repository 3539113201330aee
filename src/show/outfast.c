// SPDX-License-Identifier: GPL-2.0-or-later
/* A plain ASCII table printed as libsmartcols would (see outfast.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/util.h"
#include "show/outfast.h"

void fasttab_init(struct fasttab *ft, const struct fasttab_col *cols,
		  size_t ncols, size_t nshow, bool raw, bool noheadings)
{
	memset(ft, 0, sizeof(*ft));
	ft->cols = cols;
	ft->ncols = ncols;
	ft->nshow = nshow;
	ft->raw = raw;
	ft->noheadings = noheadings;
	ft->width = xcalloc(ncols + 1, sizeof(*ft->width));
}

/*
 * libsmartcols writes printable ASCII its mode does not escape as it is,
 * and measures it one column a byte (escape.h holds its rules).
 */
bool fasttab_plain(const struct fasttab *ft, const char *s, size_t len)
{
	return esc_plain(ft->raw ? ESC_RAW : ESC_TABLE, s, len);
}

void fasttab_add(struct fasttab *ft, const char *s, size_t len)
{
	size_t col = ft->ncells % ft->ncols;

	if (ft->tlen + len > ft->tcap) {
		ft->tcap = (ft->tlen + len) * 2 + 4096;
		ft->text = xrealloc(ft->text, ft->tcap);
	}
	if (ft->ncells == ft->capcells) {
		ft->capcells = ft->capcells ? ft->capcells * 2 : 1024;
		ft->end = xreallocarray(ft->end, ft->capcells,
					sizeof(*ft->end));
	}
	if (len)
		memcpy(ft->text + ft->tlen, s, len);
	ft->tlen += len;
	ft->end[ft->ncells++] = ft->tlen;
	if (len > ft->width[col])
		ft->width[col] = len;
}

size_t fasttab_rows(const struct fasttab *ft)
{
	return ft->ncells / ft->ncols;
}

const char *fasttab_cell(const struct fasttab *ft, size_t row, size_t col,
			 size_t *len)
{
	size_t k = row * ft->ncols + col, start = k ? ft->end[k - 1] : 0;

	*len = ft->end[k] - start;
	return ft->text + start;
}

void fasttab_truncate(struct fasttab *ft, size_t rows)
{
	size_t k;

	if (rows >= fasttab_rows(ft) || rows < ft->nsorted)
		return;
	ft->ncells = rows * ft->ncols;
	ft->tlen = ft->ncells ? ft->end[ft->ncells - 1] : 0;
	memset(ft->width, 0, ft->ncols * sizeof(*ft->width));
	for (k = 0; k < ft->ncells; k++) {
		size_t start = k ? ft->end[k - 1] : 0;
		size_t col = k % ft->ncols;

		if (ft->end[k] - start > ft->width[col])
			ft->width[col] = ft->end[k] - start;
	}
}

/* ---- sorting, as scols_sort_table() orders lines ---- */

struct sort_by {
	const struct fasttab *ft;
	const struct fasttab_key *key;	/* or the text of col */
	size_t col;
	bool desc;
};

/* libsmartcols' numeric compare: null after any value, either way. */
static int cmp_key(const struct sort_by *by, size_t a, size_t b)
{
	const struct fasttab_key *x = &by->key[a], *y = &by->key[b];
	int r;

	if (x->null || y->null)
		return (int)!y->null - (int)!x->null;
	r = (x->num > y->num) - (x->num < y->num);
	return by->desc ? -r : r;
}

/* strcmp() of two cells (plain ASCII: no NUL inside). */
static int cmp_text(const struct sort_by *by, size_t a, size_t b)
{
	size_t la, lb;
	const char *x = fasttab_cell(by->ft, a, by->col, &la);
	const char *y = fasttab_cell(by->ft, b, by->col, &lb);
	int r = memcmp(x, y, la < lb ? la : lb);

	if (!r)
		r = (la > lb) - (la < lb);
	return by->desc ? -r : r;
}

/* Equal rows keep their order: libsmartcols' merge sort is stable. */
static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct sort_by *by = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int r = by->key ? cmp_key(by, a, b) : cmp_text(by, a, b);

	return r ? r : (a > b) - (a < b);
}

static void sort_rows(struct fasttab *ft, const struct sort_by *by)
{
	size_t r, n = fasttab_rows(ft);

	free(ft->order);
	ft->order = xcalloc(n + 1, sizeof(*ft->order));
	for (r = 0; r < n; r++)
		ft->order[r] = r;
	qsort_r(ft->order, n, sizeof(*ft->order), cmp_rows, (void *)by);
	ft->nsorted = n;
}

void fasttab_sort_keys(struct fasttab *ft, const struct fasttab_key *key,
		       bool desc)
{
	struct sort_by by = { ft, key, 0, desc };

	sort_rows(ft, &by);
}

void fasttab_sort_text(struct fasttab *ft, size_t col, bool desc)
{
	struct sort_by by = { ft, NULL, col, desc };

	sort_rows(ft, &by);
}

size_t fasttab_row_at(const struct fasttab *ft, size_t i)
{
	return i < ft->nsorted ? ft->order[i] : i;
}

/* The width libsmartcols gives a column off a terminal. */
static size_t col_width(const struct fasttab *ft, size_t c)
{
	size_t w = ft->width[c], min = strlen(ft->cols[c].name);
	double hint = ft->cols[c].whint;

	if (!min)
		min = 1;
	if (w < min)
		return min;
	if (hint >= 1 && w < (size_t)hint && min < (size_t)hint)
		return (size_t)hint;
	return w;
}

static void put_pad(char **p, size_t n)
{
	memset(*p, ' ', n);
	*p += n;
}

/* One line into line (room for the sum of widths and separators). */
static size_t format_line(const struct fasttab *ft, const size_t *width,
			  const char *const *cell, const size_t *len,
			  char *line)
{
	char *p = line;
	size_t c;

	for (c = 0; c < ft->nshow; c++) {
		bool last = c + 1 == ft->nshow;
		size_t pad = len[c] < width[c] ? width[c] - len[c] : 0;

		if (ft->raw)
			pad = 0;
		if (ft->cols[c].right)
			put_pad(&p, pad);
		if (len[c])
			memcpy(p, cell[c], len[c]);
		p += len[c];
		if (!ft->cols[c].right && !last)
			put_pad(&p, pad);
		if (!last)
			*p++ = ' ';
	}
	*p++ = '\n';
	return (size_t)(p - line);
}

/* Lines are gathered in blocks of this much, each written at once. */
#define PRINT_BLOCK (64 * 1024)

/*
 * One line into block after used bytes, and the block written once it
 * holds PRINT_BLOCK: the block has room for PRINT_BLOCK - 1 bytes and
 * one line more (a cell of ARGS may be longer than a block).
 */
static size_t put_line(const struct fasttab *ft, const size_t *width,
		       const char *const *cell, const size_t *len,
		       char *block, size_t used, FILE *f)
{
	used += format_line(ft, width, cell, len, block + used);
	if (used < PRINT_BLOCK)
		return used;
	fwrite(block, 1, used, f);
	return 0;
}

int fasttab_print(const struct fasttab *ft, FILE *f)
{
	size_t *width = xcalloc(ft->ncols + 1, sizeof(*width));
	const char **cell = xcalloc(ft->ncols + 1, sizeof(*cell));
	size_t *len = xcalloc(ft->ncols + 1, sizeof(*len));
	size_t c, r, room = 2, used = 0, rows = fasttab_rows(ft);
	char *block;

	for (c = 0; c < ft->nshow; c++) {
		width[c] = col_width(ft, c);
		room += width[c] + 1;
	}
	/* A line is at most room bytes: no cell is wider than its column. */
	block = xmalloc(PRINT_BLOCK + room);
	if (!ft->noheadings) {
		for (c = 0; c < ft->nshow; c++) {
			cell[c] = ft->cols[c].name;
			len[c] = strlen(cell[c]);
		}
		used = put_line(ft, width, cell, len, block, used, f);
	}
	for (r = 0; r < rows; r++) {
		size_t row = fasttab_row_at(ft, r);

		for (c = 0; c < ft->nshow; c++)
			cell[c] = fasttab_cell(ft, row, c, &len[c]);
		used = put_line(ft, width, cell, len, block, used, f);
	}
	if (used)
		fwrite(block, 1, used, f);
	free(block);
	free(width);
	free(cell);
	free(len);
	return ferror(f) ? -1 : 0;
}

void fasttab_free(struct fasttab *ft)
{
	free(ft->width);
	free(ft->text);
	free(ft->end);
	free(ft->order);
	memset(ft, 0, sizeof(*ft));
}
