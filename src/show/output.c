// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The output layer: cells are formatted here and only here, for a
 * libsmartcols table or for the row stream of page-level commands.
 */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/closeout.h"
#include "lib/numfmt.h"
#include "lib/util.h"
#include "show/outfast.h"
#include "show/output.h"

/* One row of the stream, written with one fwrite. */
struct linebuf {
	char *p;
	size_t len, cap;
};

struct vms_out {
	const struct vms_opts *opts;
	const struct vms_coltable *t;
	struct colsel sel;		/* shown columns, then a hidden sort one */
	size_t nshown;
	bool stream;
	bool failed;			/* out_fail(): no empty heading */
	unsigned long rows;

	struct libscols_table *tb;
	struct fasttab *fast;		/* plain rows kept for fasttab, or NULL */
	struct fasttab_col *fastcols;
	struct fast_row {		/* a row's cells before they are kept */
		struct vms_cell c;
		char buf[32];
		const char *s;
		size_t n;
	} *fastrow;
	int sort_pos;			/* index in sel of the sort column, -1 */
	int tcol;			/* 1: a TIME column comes first */
	uint64_t **keys;		/* numeric sort keys, in stable blocks */
	size_t nkeys;
	int *widths;			/* stream table mode */
	bool table_like;		/* a long table: out_new_long_table() */
	bool header_done;
	struct linebuf line;		/* stream: the row being written */
};

#define KEYS_PER_BLOCK 4096

static const struct vms_column *sel_col(const struct vms_out *out, size_t i)
{
	return &out->t->cols[out->sel.ids[i]];
}

static bool is_signed(enum vms_coltype type)
{
	return type == COL_DELTA || type == COL_DCOUNT;
}

static bool is_numeric(enum vms_coltype type)
{
	return type == COL_SIZE || type == COL_NUM || type == COL_COUNT ||
	       type == COL_HEX || is_signed(type);
}

/* A signed change: "+1.5M", "-4K", "0B"; with -b, "1536", "-4096". */
static const char *delta_text(const struct vms_opts *o, uint64_t num,
			      char *buf, size_t len)
{
	int64_t d = (int64_t)num;
	uint64_t mag = d < 0 ? -(uint64_t)num : num;
	char h[32];

	if (o->bytes)
		snprintf(buf, len, "%" PRId64, d);
	else
		snprintf(buf, len, "%s%s", d > 0 ? "+" : d < 0 ? "-" : "",
			 size_to_human(mag, h, sizeof(h)));
	return buf;
}

/*
 * The text of a cell, and its length in *n; numbers by hand (numfmt.h):
 * a stream writes millions of them.
 */
static const char *cell_text_n(const struct vms_opts *o,
			       const struct vms_column *col,
			       struct vms_cell *c, char *buf, size_t len,
			       size_t *n)
{
	char tmp[NUMFMT_MAX];

	*n = 1;
	if (c->null)
		return "-";
	switch (col->type) {
	case COL_SIZE:
		if (!o->bytes) {
			size_to_human(c->num, buf, len);
			*n = strlen(buf);
			return buf;
		}
		/* fall through */
	case COL_NUM:
	case COL_COUNT:
	case COL_HEX:
		*n = col->type == COL_HEX ? fmt_hex(tmp, c->num) :
					    fmt_dec(tmp, c->num);
		if (*n >= len)	/* cut as snprintf would */
			*n = len ? len - 1 : 0;
		if (len) {
			memcpy(buf, tmp, *n);
			buf[*n] = '\0';
		}
		return buf;
	case COL_BOOL:
		return c->b ? "1" : "0";
	case COL_DELTA:
		return delta_text(o, c->num, buf, len);
	case COL_DCOUNT:
		snprintf(buf, len, "%+" PRId64, (int64_t)c->num);
		return buf;
	case COL_STR:
		break;
	}
	return NULL;
}

const char *out_cell_text(const struct vms_opts *o,
			  const struct vms_column *col, struct vms_cell *c,
			  char *buf, size_t len)
{
	size_t n;

	return cell_text_n(o, col, c, buf, len, &n);
}

/* Text of a cell for table, raw and pairs output. */
static const char *cell_text(const struct vms_out *out,
			     const struct vms_column *col,
			     struct vms_cell *c, char *buf, size_t len)
{
	return out_cell_text(out->opts, col, c, buf, len);
}

/* ---- libsmartcols table ---- */

static uint64_t *key_slot(struct vms_out *out)
{
	size_t blk = out->nkeys / KEYS_PER_BLOCK;

	if (out->nkeys % KEYS_PER_BLOCK == 0) {
		out->keys = xreallocarray(out->keys, blk + 1,
					  sizeof(*out->keys));
		out->keys[blk] = xmalloc(KEYS_PER_BLOCK * sizeof(uint64_t));
	}
	return &out->keys[blk][out->nkeys++ % KEYS_PER_BLOCK];
}

/*
 * data is non-NULL for sizes and counts: those sort largest first. Unknown values
 * ("-", null) sort last either way.
 */
static int cmp_numeric(struct libscols_cell *a, struct libscols_cell *b,
		       void *data)
{
	const uint64_t *x = scols_cell_get_userdata(a);
	const uint64_t *y = scols_cell_get_userdata(b);
	int r;

	if (!x || !y)
		return !!y - !!x;
	r = (*x > *y) - (*x < *y);
	return data ? -r : r;
}

/* --reverse: text sorts descending. */
static int cmp_str_reverse(struct libscols_cell *a, struct libscols_cell *b,
			   void *data)
{
	return -scols_cmpstr_cells(a, b, data);
}

/* Sizes and counts sort largest first; --reverse turns any column round. */
static void set_cmpfunc(struct vms_out *out, struct libscols_column *cl,
			const struct vms_column *col)
{
	bool desc = col->type == COL_SIZE || col->type == COL_COUNT ||
		    is_signed(col->type);

	if (out->opts->reverse)
		desc = !desc;
	if (is_numeric(col->type))
		scols_column_set_cmpfunc(cl, cmp_numeric, desc ? cl : NULL);
	else if (out->opts->reverse)
		scols_column_set_cmpfunc(cl, cmp_str_reverse, NULL);
	else
		scols_column_set_cmpfunc(cl, scols_cmpstr_cells, NULL);
}

static int json_type(enum vms_coltype type)
{
	switch (type) {
	case COL_SIZE:
	case COL_NUM:
	case COL_COUNT:
	case COL_DELTA:
	case COL_DCOUNT:
		return SCOLS_JSON_NUMBER;
	case COL_BOOL:
		return SCOLS_JSON_BOOLEAN;
	default:
		return SCOLS_JSON_STRING;
	}
}

/*
 * An unsorted table or raw table for a file or a pipe: kept as text by
 * fasttab (outfast.h) as long as every cell is plain ASCII.
 */
static void fast_setup(struct vms_out *out)
{
	const struct vms_opts *o = out->opts;
	size_t i;

	/* A sample's TIME column is libsmartcols' own (scols_setup). */
	if ((o->mode != VMS_MODE_TABLE && o->mode != VMS_MODE_RAW) ||
	    out->sort_pos >= 0 || out->sel.n != out->nshown || out->tcol ||
	    isatty(STDOUT_FILENO))
		return;
	out->fastcols = xcalloc(out->nshown + 1, sizeof(*out->fastcols));
	for (i = 0; i < out->nshown; i++) {
		const struct vms_column *col = sel_col(out, i);

		out->fastcols[i] = (struct fasttab_col){
			col->name, col->whint, col->flags & SCOLS_FL_RIGHT };
	}
	out->fastrow = xcalloc(out->nshown + 1, sizeof(*out->fastrow));
	out->fast = xmalloc(sizeof(*out->fast));
	fasttab_init(out->fast, out->fastcols, out->nshown,
		     o->mode == VMS_MODE_RAW, o->noheadings);
}

static void fast_free(struct vms_out *out)
{
	if (out->fast)
		fasttab_free(out->fast);
	free(out->fast);
	free(out->fastcols);
	free(out->fastrow);
	out->fast = NULL;
	out->fastcols = NULL;
	out->fastrow = NULL;
}

/* A cell fasttab cannot print as libsmartcols would: the rows so far to it. */
static void fast_to_scols(struct vms_out *out)
{
	size_t r, c, n = fasttab_rows(out->fast);

	for (r = 0; r < n; r++) {
		struct libscols_line *ln = scols_table_new_line(out->tb, NULL);

		if (!ln)
			errx(VMS_EXIT_FAILURE, "failed to allocate output line");
		for (c = 0; c < out->nshown; c++) {
			size_t len;
			const char *s = fasttab_cell(out->fast, r, c, &len);

			scols_line_refer_data(ln, c, xmemdup(s, len));
		}
	}
	fast_free(out);
}

/* The row into fasttab; false (and nothing kept) when a cell is not plain. */
static bool fast_row(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	size_t i;

	for (i = 0; i < out->nshown; i++) {
		struct fast_row *f = &out->fastrow[i];

		memset(&f->c, 0, offsetof(struct vms_cell, buf));
		fill(row, out->sel.ids[i], &f->c);
		f->s = cell_text_n(out->opts, sel_col(out, i), &f->c, f->buf,
				   sizeof(f->buf), &f->n);
		if (!f->s) {
			f->s = f->c.str;
			f->n = f->c.len;
		}
		/* Raw output keeps one field per column, as table_text. */
		if (!f->n && out->opts->mode == VMS_MODE_RAW) {
			f->s = "-";
			f->n = 1;
		}
		if (!fasttab_plain(out->fast, f->s, f->n))
			return false;
	}
	for (i = 0; i < out->nshown; i++)
		fasttab_add(out->fast, out->fastrow[i].s, out->fastrow[i].n);
	return true;
}

static void scols_setup(struct vms_out *out)
{
	const struct vms_opts *o = out->opts;
	size_t i;

	out->tb = scols_new_table();
	if (!out->tb)
		errx(VMS_EXIT_FAILURE, "failed to allocate output table");
	scols_table_set_name(out->tb, out->t->name);
	scols_table_enable_raw(out->tb, o->mode == VMS_MODE_RAW);
	scols_table_enable_json(out->tb, o->mode == VMS_MODE_JSON);
	scols_table_enable_export(out->tb, o->mode == VMS_MODE_PAIRS);
	scols_table_enable_noheadings(out->tb, o->noheadings);
	if (out->tcol && !scols_table_new_column(out->tb, "TIME", 19, 0))
		errx(VMS_EXIT_FAILURE, "failed to allocate column");
	for (i = 0; i < out->sel.n; i++) {
		const struct vms_column *col = sel_col(out, i);
		int flags = col->flags;
		struct libscols_column *cl;

		if (i >= out->nshown)
			flags |= SCOLS_FL_HIDDEN;
		cl = scols_table_new_column(out->tb, col->name, col->whint,
					    flags);
		if (!cl)
			errx(VMS_EXIT_FAILURE, "failed to allocate column");
		scols_column_set_json_type(cl, json_type(col->type));
		set_cmpfunc(out, cl, col);
	}
	fast_setup(out);
}

static char *json_text(const struct vms_column *col, struct vms_cell *c)
{
	char buf[32];

	if (c->null)
		return NULL;
	switch (col->type) {
	case COL_STR:
		return utf8_escape(c->str, c->len);
	case COL_BOOL:
		/* libsmartcols 2.38 writes any text but "0" as true */
		return xstrdup(c->b ? "1" : "0");
	case COL_HEX:
		snprintf(buf, sizeof(buf), "%" PRIx64, c->num);
		return xstrdup(buf);
	case COL_DELTA:
	case COL_DCOUNT:
		snprintf(buf, sizeof(buf), "%" PRId64, (int64_t)c->num);
		return xstrdup(buf);
	default:
		snprintf(buf, sizeof(buf), "%" PRIu64, c->num);
		return xstrdup(buf);
	}
}

static char *table_text(struct vms_out *out, const struct vms_column *col,
			struct vms_cell *c)
{
	char buf[32];
	const char *s;

	if (out->opts->mode == VMS_MODE_JSON)
		return json_text(col, c);
	s = cell_text(out, col, c, buf, sizeof(buf));
	/* Raw output keeps one field per column: an empty text is "-". */
	if (!s && !c->len && out->opts->mode == VMS_MODE_RAW)
		s = "-";
	/*
	 * Names as they are: libsmartcols escapes them in every text mode,
	 * the way name_escape() does for streams (a tested equality).
	 */
	return s ? xstrdup(s) : xmemdup(c->str, c->len);
}

static struct libscols_line *scols_row(struct vms_out *out,
				       struct libscols_line *parent,
				       const void *row, vms_fill_fn fill)
{
	struct libscols_line *ln;
	size_t i;

	if (out->fast && !parent && fast_row(out, row, fill))
		return NULL;
	if (out->fast)
		fast_to_scols(out);
	ln = scols_table_new_line(out->tb, parent);
	if (!ln)
		errx(VMS_EXIT_FAILURE, "failed to allocate output line");
	if (out->tcol)
		scols_line_set_data(ln, 0, out->opts->sample_time);
	for (i = 0; i < out->sel.n; i++) {
		const struct vms_column *col = sel_col(out, i);
		struct vms_cell c = { 0 };
		struct libscols_cell *ce;
		uint64_t *key;

		fill(row, out->sel.ids[i], &c);
		scols_line_refer_data(ln, i + out->tcol,
				      table_text(out, col, &c));
		if (!is_numeric(col->type) || c.null)
			continue;
		ce = scols_line_get_cell(ln, i + out->tcol);
		key = key_slot(out);
		/* Signed changes sort as unsigned with the sign bit flipped. */
		*key = is_signed(col->type) ? c.num ^ (UINT64_C(1) << 63) :
		       c.num;
		scols_cell_set_userdata(ce, key);
	}
	return ln;
}

/*
 * libsmartcols prints nothing for a table without lines: the heading
 * still tells the reader (and awk) what was asked and that nothing is.
 */
static void empty_heading(struct vms_out *out)
{
	size_t i;

	if (out->opts->noheadings || (out->opts->mode != VMS_MODE_TABLE &&
				      out->opts->mode != VMS_MODE_RAW))
		return;
	if (out->tcol)
		fputs(out->nshown ? "TIME " : "TIME", stdout);
	for (i = 0; i < out->nshown; i++)
		printf("%s%s", i ? " " : "", sel_col(out, i)->name);
	putchar('\n');
}

static int scols_finish(struct vms_out *out)
{
	size_t i;
	int rc;

	out_sort(out);
	if (!out->rows && !out->failed)
		empty_heading(out);
	/* An empty table: libsmartcols decides what that prints. */
	if (out->fast && fasttab_rows(out->fast))
		rc = fasttab_print(out->fast, stdout);
	else
		rc = scols_print_table(out->tb);
	fast_free(out);
	scols_unref_table(out->tb);
	for (i = 0; i * KEYS_PER_BLOCK < out->nkeys; i++)
		free(out->keys[i]);
	free(out->keys);
	return rc ? -1 : 0;
}

/* ---- row stream ---- */

static void json_string(FILE *f, const char *s, size_t len)
{
	char *esc = utf8_escape(s, len), *p;

	fputc('"', f);
	for (p = esc; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
	free(esc);
}

static void stream_json_value(FILE *f, const struct vms_column *col,
			      struct vms_cell *c)
{
	if (c->null) {
		fputs("null", f);
		return;
	}
	switch (col->type) {
	case COL_STR:
		json_string(f, c->str, c->len);
		break;
	case COL_BOOL:
		fputs(c->b ? "true" : "false", f);
		break;
	case COL_HEX:
		fprintf(f, "\"%" PRIx64 "\"", c->num);
		break;
	case COL_DELTA:
	case COL_DCOUNT:
		fprintf(f, "%" PRId64, (int64_t)c->num);
		break;
	default:
		fprintf(f, "%" PRIu64, c->num);
		break;
	}
}

/* Column names in lower case, as libsmartcols writes JSON keys. */
static void json_key(FILE *f, const char *name)
{
	fputc('"', f);
	for (; *name; name++)
		fputc(*name >= 'A' && *name <= 'Z' ? *name + 32 : *name, f);
	fputs("\": ", f);
}

static void stream_header(struct vms_out *out)
{
	FILE *f = stdout;
	size_t i;

	if (out->opts->mode == VMS_MODE_JSON) {
		fprintf(f, "{\n   \"%s\": [", out->t->name);
		return;
	}
	if (out->opts->noheadings || out->opts->mode == VMS_MODE_PAIRS)
		return;
	for (i = 0; i < out->nshown; i++) {
		const struct vms_column *col = sel_col(out, i);

		bool last = i + 1 == out->nshown &&
			    !(col->flags & SCOLS_FL_RIGHT);

		if (out->opts->mode == VMS_MODE_RAW)
			fprintf(f, "%s%s", !i ? "" : out->table_like ? " " :
				"\t", col->name);
		else if (last && out->table_like)
			fprintf(f, "%s%s", i ? " " : "", col->name);
		else
			fprintf(f, "%s%*s", i ? " " : "",
				col->flags & SCOLS_FL_RIGHT ? out->widths[i] :
				-out->widths[i], col->name);
	}
	fputc('\n', f);
}

static void stream_write_header(struct vms_out *out)
{
	if (out->header_done)
		return;
	out->header_done = true;
	stream_header(out);
}

static void stream_setup(struct vms_out *out)
{
	size_t i;

	out->widths = xcalloc(out->nshown, sizeof(int));
	for (i = 0; i < out->nshown; i++) {
		const struct vms_column *col = sel_col(out, i);
		int w = (int)strlen(col->name);

		/* A long table is as wide as its first rows need. */
		if (col->whint >= 1 && col->whint > w && !out->table_like)
			w = (int)col->whint;
		out->widths[i] = w;
	}
	/* A long table's header waits for the widths of its first rows. */
	if (!out->table_like)
		stream_write_header(out);
}

/*
 * A name cell of a stream, escaped by name_escape(): in raw and pairs
 * output also the bytes that would break the format (the tab separator is
 * a control byte; quotes, the backslash itself), as libsmartcols does.
 */
static const char *stream_special(const struct vms_out *out)
{
	switch (out->opts->mode) {
	case VMS_MODE_RAW:
		/* A long table separates with spaces, as libsmartcols does. */
		return out->table_like ? " \\" : "\\";
	case VMS_MODE_PAIRS:
		return "\\\"";
	default:
		return "";
	}
}

static char *stream_escape(const struct vms_out *out, const char *s,
			   size_t len)
{
	return name_escape(s, len, stream_special(out), true);
}

/* Printable ASCII, no backslash, nothing special: name_escape keeps it. */
static bool stream_plain(const struct vms_out *out, const char *s, size_t len)
{
	const char *special = stream_special(out);
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch >= 0x7f || ch == '\\' ||
		    strchr(special, ch))
			return false;
	}
	return true;
}

static void lb_put(struct linebuf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void lb_pad(struct linebuf *b, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memset(b->p + b->len, ' ', n);
	b->len += n;
}

static void lb_flush(struct linebuf *b, FILE *f)
{
	if (b->len)
		fwrite(b->p, 1, b->len, f);
	b->len = 0;
}

/* Values (escaped already) are written whole, on one line. */
static void stream_text(struct vms_out *out, size_t i, const char *s,
			size_t len)
{
	const struct vms_column *col = sel_col(out, i);
	struct linebuf *b = &out->line;
	size_t w = (size_t)out->widths[i];
	bool right = col->flags & SCOLS_FL_RIGHT;

	switch (out->opts->mode) {
	case VMS_MODE_RAW:
		if (i)
			lb_put(b, out->table_like ? " " : "\t", 1);
		/* one field per column */
		if (len)
			lb_put(b, s, len);
		else
			lb_put(b, "-", 1);
		break;
	case VMS_MODE_PAIRS:
		if (i)
			lb_put(b, " ", 1);
		lb_put(b, col->name, strlen(col->name));
		lb_put(b, "=\"", 2);
		lb_put(b, s, len);
		lb_put(b, "\"", 1);
		break;
	default:
		if (i)
			lb_put(b, " ", 1);
		/* Padded to the width; a longer value is written whole. */
		if (right && len < w)
			lb_pad(b, w - len);
		lb_put(b, s, len);
		if (!right && len < w && i + 1 < out->nshown)
			lb_pad(b, w - len);
		break;
	}
}

/* A name cell: copied when plain (most are), else escaped. */
static void stream_str(struct vms_out *out, size_t i, const char *s,
		       size_t len)
{
	char *esc;

	if (stream_plain(out, s, len)) {
		stream_text(out, i, s, len);
		return;
	}
	esc = stream_escape(out, s, len);
	stream_text(out, i, esc, strlen(esc));
	free(esc);
}

static void stream_row(struct vms_out *out, const void *row,
		       vms_fill_fn fill)
{
	FILE *f = stdout;
	bool json = out->opts->mode == VMS_MODE_JSON;
	size_t i;

	stream_write_header(out);
	if (json)
		fputs(out->rows ? ",\n      {" : "\n      {", f);
	for (i = 0; i < out->nshown; i++) {
		const struct vms_column *col = sel_col(out, i);
		struct vms_cell c;
		char buf[32];
		const char *s;
		size_t n;

		/* All but the scratch, which fill functions NUL-terminate. */
		memset(&c, 0, offsetof(struct vms_cell, buf));
		fill(row, out->sel.ids[i], &c);
		if (json) {
			if (i)
				fputs(", ", f);
			json_key(f, col->name);
			stream_json_value(f, col, &c);
			continue;
		}
		s = cell_text_n(out->opts, col, &c, buf, sizeof(buf), &n);
		if (s)
			stream_text(out, i, s, n);
		else
			stream_str(out, i, c.str, c.len);
	}
	if (json) {
		fputs("}", f);
		return;
	}
	lb_put(&out->line, "\n", 1);
	lb_flush(&out->line, f);
}

static int stream_finish(struct vms_out *out)
{
	stream_write_header(out);
	if (out->opts->mode == VMS_MODE_JSON)
		fputs(out->rows ? "\n   ]\n}\n" : "]\n}\n", stdout);
	free(out->widths);
	free(out->line.p);
	return ferror(stdout) ? -1 : 0;
}

/* ---- interface ---- */

void out_sort(struct vms_out *out)
{
	if (out->stream || out->sort_pos < 0)
		return;
	scols_sort_table(out->tb, scols_table_get_column(out->tb,
				out->sort_pos + out->tcol));
	out->sort_pos = -1;
}

struct vms_out *out_new(const struct vms_opts *o,
			const struct vms_coltable *t,
			const struct colsel *sel, bool stream)
{
	return out_new_sorted(o, t, sel, stream, o->sort);
}

struct vms_out *out_new_sorted(const struct vms_opts *o,
			       const struct vms_coltable *t,
			       const struct colsel *sel, bool stream,
			       const char *sort)
{
	struct vms_out *out = xcalloc(1, sizeof(*out));
	size_t i;

	out->opts = o;
	out->t = t;
	out->stream = stream;
	out->sort_pos = -1;
	out->tcol = !stream && o->sample_time;
	for (i = 0; i < sel->n; i++)
		colsel_add(&out->sel, sel->ids[i]);
	out->nshown = sel->n;
	if (o->reverse && (!sort || stream)) {
		if (stream)
			warnx("--reverse: %s are written as they are read, "
			      "not sorted", t->name);
		else
			warnx("--reverse: %s are shown in their own order: "
			      "give -s COL", t->name);
		colsel_free(&out->sel);
		free(out);
		return NULL;
	}
	if (sort && stream) {
		warnx("--sort: %s are written as they are read, not sorted",
		      t->name);
		colsel_free(&out->sel);
		free(out);
		return NULL;
	}
	if (sort) {
		int id = coltable_lookup(t, sort, strlen(sort));

		if (id < 0) {
			warnx("unknown column: '%s' (see --list-columns)",
			      sort);
			colsel_free(&out->sel);
			free(out);
			return NULL;
		}
		for (i = 0; i < out->sel.n; i++)
			if (out->sel.ids[i] == id)
				out->sort_pos = (int)i;
		if (out->sort_pos < 0) {
			out->sort_pos = (int)out->sel.n;
			colsel_add(&out->sel, id);
		}
	}
	if (stream)
		stream_setup(out);
	else
		scols_setup(out);
	return out;
}

struct vms_out *out_new_long_table(const struct vms_opts *o,
				   const struct vms_coltable *t,
				   const struct colsel *sel)
{
	struct vms_out *out = xcalloc(1, sizeof(*out));
	size_t i;

	out->opts = o;
	out->t = t;
	out->stream = true;
	out->table_like = true;
	out->sort_pos = -1;
	for (i = 0; i < sel->n; i++)
		colsel_add(&out->sel, sel->ids[i]);
	out->nshown = sel->n;
	stream_setup(out);
	return out;
}

/* Display width of escaped text: its UTF-8 characters. */
static int text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

void out_widen(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	size_t i;

	for (i = 0; out->table_like && !out->header_done && i < out->nshown;
	     i++) {
		struct vms_cell c = { 0 };
		char buf[32], *esc;
		const char *s;
		int w;

		fill(row, out->sel.ids[i], &c);
		s = cell_text(out, sel_col(out, i), &c, buf, sizeof(buf));
		esc = s ? NULL : stream_escape(out, c.str, c.len);
		w = text_width(s ? s : esc);
		if (w > out->widths[i])
			out->widths[i] = w;
		free(esc);
	}
}

void out_abandon(struct vms_out *out)
{
	if (out->stream) {
		free(out->widths);
		free(out->line.p);
	} else {
		fast_free(out);
		scols_unref_table(out->tb);
	}
	colsel_free(&out->sel);
	free(out);
}

void out_row(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	if (out->stream) {
		stream_row(out, row, fill);
		closeout_check();
	} else {
		scols_row(out, NULL, row, fill);
	}
	out->rows++;
}

int out_set_tree(struct vms_out *out, int col)
{
	struct libscols_column *cl;
	size_t i;

	if (out->stream)
		return -1;
	/* A tree is drawn by libsmartcols only. */
	if (out->fast)
		fast_to_scols(out);
	for (i = 0; i < out->nshown; i++) {
		if (out->sel.ids[i] != col)
			continue;
		cl = scols_table_get_column(out->tb, i);
		return scols_column_set_flags(cl, scols_column_get_flags(cl) |
					      SCOLS_FL_TREE) ? -1 : 0;
	}
	return -1;
}

void *out_row_line(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	if (out->fast)
		fast_to_scols(out);
	out->rows++;
	return scols_row(out, NULL, row, fill);
}

void out_row_under(struct vms_out *out, void *parent, const void *row,
		   vms_fill_fn fill)
{
	out->rows++;
	scols_row(out, parent, row, fill);
}

void out_fail(struct vms_out *out)
{
	out->failed = true;
}

int out_finish(struct vms_out *out)
{
	int rc = out->stream ? stream_finish(out) : scols_finish(out);

	colsel_free(&out->sel);
	free(out);
	return rc;
}

/* ---- -H, --list-columns ---- */

enum { LC_NAME, LC_TYPE, LC_DESC };

static const struct vms_column list_cols[] = {
	[LC_NAME] = { "NAME", 0, 0, COL_STR, "column name" },
	[LC_TYPE] = { "TYPE", 0, 0, COL_STR, "value type" },
	[LC_DESC] = { "DESCRIPTION", 0, SCOLS_FL_TRUNC, COL_STR,
		      "what it shows" },
};

static const int list_defaults[] = { LC_NAME, LC_TYPE, LC_DESC };

static const struct vms_coltable list_table = {
	.name = "columns",
	.cols = list_cols,
	.ncols = ARRAY_SIZE(list_cols),
	.defaults = list_defaults,
	.ndefaults = ARRAY_SIZE(list_defaults),
};

static void fill_list(const void *row, int col, struct vms_cell *c)
{
	const struct vms_column *v = row;

	switch (col) {
	case LC_NAME:
		cell_str(c, v->name);
		break;
	case LC_TYPE:
		cell_str(c, vms_coltype_name(v->type));
		break;
	case LC_DESC:
		cell_str(c, v->help);
		break;
	}
}

int out_list_columns(const struct vms_opts *o, const struct vms_coltable *t)
{
	struct vms_opts lo = *o;
	struct colsel sel = { 0 };
	struct vms_out *out;
	size_t i;
	int rc;

	lo.columns = NULL;
	lo.output_all = false;
	lo.sort = NULL;
	if (colsel_from_opts(&list_table, &lo, &sel))
		return -1;
	out = out_new(&lo, &list_table, &sel, false);
	for (i = 0; i < t->ncols; i++)
		out_row(out, &t->cols[i], fill_list);
	rc = out_finish(out);
	colsel_free(&sel);
	return rc;
}
