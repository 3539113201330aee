// SPDX-License-Identifier: GPL-2.0-or-later
/* Prometheus text exposition format for the textfile collector. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>

#include "prom.h"
#include "util.h"

/*
 * Label values escape backslash, double quote and newline. Other control
 * characters (a terminal's escape sequences in a command line) are
 * written as the text \xHH, as bytes that are not UTF-8 are.
 */
static void label_value(FILE *out, const char *s, size_t len)
{
	char *esc = utf8_escape(s, len), *p;

	for (p = esc; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '\\' || ch == '"')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(out, "\\\\x%02x", ch);
		else
			fputc(ch, out);
	}
	free(esc);
}

static void metric_name(FILE *out, const char *prefix, const char *col,
			enum vms_coltype type)
{
	fputs(prefix, out);
	fputc('_', out);
	for (; *col; col++)
		fputc(tolower((unsigned char)*col), out);
	if (type == COL_SIZE)
		fputs("_bytes", out);
}

static bool is_label(enum vms_coltype type)
{
	return type != COL_SIZE && type != COL_COUNT;
}

static void labels(FILE *out, const struct vms_coltable *t,
		   const struct colsel *sel, const void *row, vms_fill_fn fill)
{
	bool first = true;
	size_t i;

	for (i = 0; i < sel->n; i++) {
		const struct vms_column *col = &t->cols[sel->ids[i]];
		struct vms_cell c = { 0 };
		const char *s;

		if (!is_label(col->type))
			continue;
		fill(row, sel->ids[i], &c);
		if (c.null)
			continue;
		fputs(first ? "{" : ",", out);
		first = false;
		for (s = col->name; *s; s++)
			fputc(tolower((unsigned char)*s), out);
		fputs("=\"", out);
		if (col->type == COL_STR)
			label_value(out, c.str, c.len);
		else if (col->type == COL_HEX)
			fprintf(out, "%" PRIx64, c.num);
		else if (col->type == COL_BOOL)
			fputs(c.b ? "true" : "false", out);
		else
			fprintf(out, "%" PRIu64, c.num);
		fputc('"', out);
	}
	if (!first)
		fputc('}', out);
}

int prom_write(FILE *out, const char *prefix, const struct vms_coltable *t,
	       const struct colsel *sel, const void *const *rows, size_t n,
	       vms_fill_fn fill)
{
	size_t i, r;

	for (i = 0; i < sel->n; i++) {
		const struct vms_column *col = &t->cols[sel->ids[i]];

		if (is_label(col->type))
			continue;
		fputs("# HELP ", out);
		metric_name(out, prefix, col->name, col->type);
		fprintf(out, " %s\n# TYPE ", col->help);
		metric_name(out, prefix, col->name, col->type);
		fputs(" gauge\n", out);
		for (r = 0; r < n; r++) {
			struct vms_cell c = { 0 };

			fill(rows[r], sel->ids[i], &c);
			if (c.null)
				continue;
			metric_name(out, prefix, col->name, col->type);
			labels(out, t, sel, rows[r], fill);
			fprintf(out, " %" PRIu64 "\n", c.num);
		}
	}
	return ferror(out) ? -1 : 0;
}
