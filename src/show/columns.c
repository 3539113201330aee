// SPDX-License-Identifier: GPL-2.0-or-later
/* Column tables: selection by name, help text. */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"
#include "show/columns.h"

static const char *const type_names[] = {
	[COL_STR] = "string",
	[COL_SIZE] = "size",
	[COL_NUM] = "number",
	[COL_COUNT] = "count",
	[COL_HEX] = "hex",
	[COL_BOOL] = "boolean",
	[COL_DELTA] = "delta",
	[COL_DCOUNT] = "delta",
};

const char *vms_coltype_name(enum vms_coltype t)
{
	return type_names[t];
}

int coltable_lookup(const struct vms_coltable *t, const char *name,
		    size_t len)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strlen(t->cols[i].name) == len &&
		    !strncasecmp(t->cols[i].name, name, len))
			return (int)i;
	return -1;
}

bool colsel_has(const struct colsel *sel, int id)
{
	size_t i;

	for (i = 0; i < sel->n; i++)
		if (sel->ids[i] == id)
			return true;
	return false;
}

void colsel_add(struct colsel *sel, int id)
{
	sel->ids = xreallocarray(sel->ids, sel->n + 1, sizeof(*sel->ids));
	sel->ids[sel->n++] = id;
}

void colsel_free(struct colsel *sel)
{
	free(sel->ids);
	sel->ids = NULL;
	sel->n = 0;
}

static int colsel_parse_list(const struct vms_coltable *t, const char *list,
			     struct colsel *sel)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		int id = coltable_lookup(t, p, n);

		if (id < 0) {
			warnx("unknown column: '%.*s' (see --list-columns)",
			      (int)n, p);
			return -1;
		}
		colsel_add(sel, id);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!sel->n) {
		warnx("no columns given");
		return -1;
	}
	return 0;
}

int colsel_from_opts(const struct vms_coltable *t, const struct vms_opts *o,
		     struct colsel *sel)
{
	const char *list = o->columns;
	size_t i;

	sel->ids = NULL;
	sel->n = 0;
	if (o->output_all) {
		for (i = 0; i < t->ncols; i++)
			colsel_add(sel, (int)i);
		return 0;
	}
	if (!list || *list == '+') {
		for (i = 0; i < t->ndefaults; i++)
			colsel_add(sel, t->defaults[i]);
		if (!list)
			return 0;
		list++;
	}
	if (colsel_parse_list(t, list, sel)) {
		colsel_free(sel);
		return -1;
	}
	return 0;
}

char *coltable_help(const struct vms_coltable *t)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	fputs("Available output columns:\n", f);
	for (i = 0; i < t->ncols; i++)
		fprintf(f, " %12s  %s\n", t->cols[i].name, t->cols[i].help);
	fputs("\nDefault columns:", f);
	for (i = 0; i < t->ndefaults; i++)
		fprintf(f, "%s%s", i ? "," : " ", t->cols[t->defaults[i]].name);
	fputc('\n', f);
	fclose(f);
	return buf;
}
