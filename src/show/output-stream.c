// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The row stream: page-level output (millions of rows) written row by
 * row in bounded memory, each row built in a line buffer and written with
 * one fwrite. Aligned to widths known up front (or, for a long table, to
 * those of its first rows); raw separated by tabs (a long table: spaces,
 * as libsmartcols does); KEY="value"; one JSON document.
 */
#include "config.h"

#include <inttypes.h>
#include <libsmartcols.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/numfmt.h"
#include "lib/util.h"
#include "show/output-impl.h"

/* ---- the line buffer ---- */

static char *lb_room(struct linebuf *b, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = xrealloc(b->p, b->cap);
	}
	return b->p + b->len;
}

static void lb_put(struct linebuf *b, const char *s, size_t n)
{
	if (!n)
		return;		/* s may be NULL (an empty cell) */
	memcpy(lb_room(b, n), s, n);
	b->len += n;
}

static void lb_puts(struct linebuf *b, const char *s)
{
	lb_put(b, s, strlen(s));
}

static void lb_pad(struct linebuf *b, size_t n)
{
	memset(lb_room(b, n), ' ', n);
	b->len += n;
}

/* s escaped by rule r, or copied when plain (most names are). */
static void lb_escaped(struct linebuf *b, enum esc_rule r, const char *s,
		       size_t len)
{
	bool quoted = r == ESC_JSON;

	if (!esc_plain(r, s, len)) {
		b->len += esc_write(r, s, len, lb_room(b, ESC_ROOM(len)));
		return;
	}
	if (quoted)
		lb_put(b, "\"", 1);
	lb_put(b, s, len);
	if (quoted)
		lb_put(b, "\"", 1);
}

static void lb_flush(struct linebuf *b, FILE *f)
{
	if (b->len)
		fwrite(b->p, 1, b->len, f);
	b->len = 0;
}

/* ---- setup and header ---- */

static enum esc_rule stream_rule(const struct vms_out *out)
{
	switch (out->opts->mode) {
	case VMS_MODE_RAW:
		return out->table_like ? ESC_RAW : ESC_RAW_TAB;
	case VMS_MODE_PAIRS:
		return ESC_PAIRS;
	case VMS_MODE_JSON:
		return ESC_JSON;
	default:
		return ESC_TABLE;
	}
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
		bool right = col->flags & SCOLS_FL_RIGHT;
		bool last = i + 1 == out->nshown && !right;

		if (out->opts->mode == VMS_MODE_RAW)
			fprintf(f, "%s%s", !i ? "" : out->table_like ? " " :
				"\t", col->name);
		else if (last && out->table_like)
			fprintf(f, "%s%s", i ? " " : "", col->name);
		else
			fprintf(f, "%s%*s", i ? " " : "",
				right ? out->widths[i] : -out->widths[i],
				col->name);
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

void stream_setup(struct vms_out *out)
{
	size_t i;

	out->rule = stream_rule(out);
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

/* Display width of escaped text: its UTF-8 characters. */
static int text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

void stream_widen(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	size_t i;

	for (i = 0; out->table_like && !out->header_done && i < out->nshown;
	     i++) {
		struct vms_cell c = { 0 };
		char buf[32], *esc;
		const char *s;
		int w;

		fill(row, out->sel.ids[i], &c);
		s = out_cell_text(out->opts, sel_col(out, i), &c, buf,
				  sizeof(buf));
		esc = s ? NULL : esc_dup(out->rule, c.str, c.len);
		w = text_width(s ? s : esc);
		if (w > out->widths[i])
			out->widths[i] = w;
		free(esc);
	}
}

/* ---- rows ---- */

/* A value, escaped when it is a name. */
static void put_value(struct vms_out *out, const char *s, size_t len,
		      bool name)
{
	if (name)
		lb_escaped(&out->line, out->rule, s, len);
	else
		lb_put(&out->line, s, len);
}

/*
 * The text written since at, padded to width w: on the left when right,
 * else on the right but in the last column; a longer value stays whole.
 */
static void lb_align(struct linebuf *b, size_t at, size_t w, bool right,
		     bool last)
{
	size_t len = b->len - at;

	if (len >= w || (!right && last))
		return;
	lb_pad(b, w - len);
	if (right) {
		memmove(b->p + at + (w - len), b->p + at, len);
		memset(b->p + at, ' ', w - len);
	}
}

/* One cell of a text mode: the escaped name or the text of a value. */
static void stream_cell(struct vms_out *out, size_t i, const char *s,
			size_t len, bool name)
{
	const struct vms_column *col = sel_col(out, i);
	struct linebuf *b = &out->line;
	size_t at;

	switch (out->opts->mode) {
	case VMS_MODE_RAW:
		if (i)
			lb_put(b, out->table_like ? " " : "\t", 1);
		/* one field per column */
		if (len)
			put_value(out, s, len, name);
		else
			lb_put(b, "-", 1);
		break;
	case VMS_MODE_PAIRS:
		if (i)
			lb_put(b, " ", 1);
		lb_puts(b, col->name);
		lb_put(b, "=\"", 2);
		put_value(out, s, len, name);
		lb_put(b, "\"", 1);
		break;
	default:
		if (i)
			lb_put(b, " ", 1);
		at = b->len;
		put_value(out, s, len, name);
		lb_align(b, at, (size_t)out->widths[i],
			 col->flags & SCOLS_FL_RIGHT, i + 1 == out->nshown);
		break;
	}
}

/* A signed decimal, as "%" PRId64. */
static void lb_signed(struct linebuf *b, uint64_t num)
{
	char tmp[NUMFMT_MAX];
	int64_t d = (int64_t)num;

	if (d < 0)
		lb_put(b, "-", 1);
	lb_put(b, tmp, fmt_dec(tmp, d < 0 ? -(uint64_t)num : num));
}

static void json_value(struct linebuf *b, const struct vms_column *col,
		       const struct vms_cell *c)
{
	char tmp[NUMFMT_MAX];

	/* libsmartcols writes an empty string as null: so does a stream. */
	if (c->null || (col->type == COL_STR && !c->len)) {
		lb_put(b, "null", 4);
		return;
	}
	switch (col->type) {
	case COL_STR:
		lb_escaped(b, ESC_JSON, c->str, c->len);
		break;
	case COL_BOOL:
		lb_puts(b, c->b ? "true" : "false");
		break;
	case COL_HEX:
		lb_put(b, "\"", 1);
		lb_put(b, tmp, fmt_hex(tmp, c->num));
		lb_put(b, "\"", 1);
		break;
	case COL_DELTA:
	case COL_DCOUNT:
		lb_signed(b, c->num);
		break;
	default:
		lb_put(b, tmp, fmt_dec(tmp, c->num));
		break;
	}
}

/* "key": value, the key the column's name in lower case as libsmartcols. */
static void json_cell(struct vms_out *out, size_t i, const struct vms_cell *c)
{
	const struct vms_column *col = sel_col(out, i);
	struct linebuf *b = &out->line;
	const char *p;

	if (i)
		lb_put(b, ", ", 2);
	lb_put(b, "\"", 1);
	for (p = col->name; *p; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;

		lb_put(b, &ch, 1);
	}
	lb_put(b, "\": ", 3);
	json_value(b, col, c);
}

void stream_row(struct vms_out *out, const void *row, vms_fill_fn fill)
{
	bool json = out->opts->mode == VMS_MODE_JSON;
	size_t i;

	stream_write_header(out);
	if (json)
		lb_puts(&out->line, out->rows ? ",\n      {" : "\n      {");
	for (i = 0; i < out->nshown; i++) {
		struct vms_cell c;
		char buf[32];
		const char *s;
		size_t n;

		/* All but the scratch, which fill functions NUL-terminate. */
		memset(&c, 0, offsetof(struct vms_cell, buf));
		fill(row, out->sel.ids[i], &c);
		if (json) {
			json_cell(out, i, &c);
			continue;
		}
		s = cell_text_n(out->opts, sel_col(out, i), &c, buf,
				sizeof(buf), &n);
		if (s)
			stream_cell(out, i, s, n, false);
		else
			stream_cell(out, i, c.str, c.len, true);
	}
	lb_puts(&out->line, json ? "}" : "\n");
	lb_flush(&out->line, stdout);
}

void stream_abandon(struct vms_out *out)
{
	free(out->widths);
	free(out->line.p);
}

int stream_finish(struct vms_out *out)
{
	stream_write_header(out);
	if (out->opts->mode == VMS_MODE_JSON)
		fputs(out->rows ? "\n   ]\n}\n" : "]\n}\n", stdout);
	stream_abandon(out);
	return ferror(stdout) ? -1 : 0;
}
