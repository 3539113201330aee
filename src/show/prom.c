// SPDX-License-Identifier: GPL-2.0-or-later
/* Prometheus text exposition format for the textfile collector. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "show/prom.h"

/*
 * Label values: the name as name_escape() writes it (control bytes, a
 * newline too, as \xHH), then backslash and double quote escaped.
 */
static void label_value(FILE *out, const char *s, size_t len)
{
	char *esc = name_escape(s, len, "", true), *p;

	for (p = esc; *p; p++) {
		if (*p == '\\' || *p == '"')
			fprintf(out, "\\%c", *p);
		else
			fputc(*p, out);
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
		if (col->type == COL_STR || c.str)	/* text given */
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

void prom_header(FILE *out, const char *name, const char *type,
		 const char *help)
{
	const char *p;

	fprintf(out, "# HELP %s ", name);
	for (p = help; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", out);
		else if (*p == '\n')
			fputs("\\n", out);
		else
			fputc(*p, out);
	}
	fprintf(out, "\n# TYPE %s %s\n", name, type);
}

static void sample_labels(FILE *out, const char *name,
			  const struct prom_label *l, size_t n)
{
	bool first = true;
	size_t i;

	fputs(name, out);
	for (i = 0; i < n; i++) {
		if (!l[i].value)
			continue;
		fprintf(out, "%s%s=\"", first ? "{" : ",", l[i].name);
		label_value(out, l[i].value, strlen(l[i].value));
		fputc('"', out);
		first = false;
	}
	if (!first)
		fputc('}', out);
}

void prom_sample(FILE *out, const char *name, const struct prom_label *l,
		 size_t n, uint64_t value)
{
	sample_labels(out, name, l, n);
	fprintf(out, " %" PRIu64 "\n", value);
}

void prom_sample_f(FILE *out, const char *name, const struct prom_label *l,
		   size_t n, double value)
{
	sample_labels(out, name, l, n);
	fprintf(out, " %.9g\n", value);
}
