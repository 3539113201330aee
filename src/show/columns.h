/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_COLUMNS_H
#define VMS_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/runopts.h"

/* How a column's values are typed: drives formatting and JSON types. */
enum vms_coltype {
	COL_STR,	/* text; JSON string */
	COL_SIZE,	/* bytes: human units unless -b; JSON number */
	COL_NUM,	/* decimal number; JSON number */
	COL_COUNT,	/* a count: as COL_NUM, but sorts largest first */
	COL_HEX,	/* hex number (addresses); JSON string */
	COL_BOOL,	/* JSON true/false */
	COL_DELTA,	/* a change in bytes, signed (num holds an int64_t):
			 * "+1.5M", "-4K"; JSON number; largest first */
	COL_DCOUNT,	/* a change of a count, signed: "+12", "-3" */
};

/* One column: one row of a command's table (util-linux style). */
struct vms_column {
	const char *name;
	double whint;		/* width hint: < 1 is a fraction of the line */
	int flags;		/* SCOLS_FL_* */
	enum vms_coltype type;
	const char *help;
};

struct vms_coltable {
	const char *name;	/* the JSON key of the rows: "maps" */
	const struct vms_column *cols;
	size_t ncols;
	const int *defaults;	/* column ids shown without -o */
	size_t ndefaults;
};

/* A selection of columns, in output order. */
struct colsel {
	int *ids;
	size_t n;
};

const char *vms_coltype_name(enum vms_coltype t);
int coltable_lookup(const struct vms_coltable *t, const char *name,
		    size_t len);
/*
 * Selection from -o / --output-all / defaults. On an unknown name prints
 * "unknown column" and returns -1.
 */
int colsel_from_opts(const struct vms_coltable *t, const struct vms_opts *o,
		     struct colsel *sel);
bool colsel_has(const struct colsel *sel, int id);
void colsel_add(struct colsel *sel, int id);
void colsel_free(struct colsel *sel);
/* "Available columns" block for --help (malloc'ed). */
char *coltable_help(const struct vms_coltable *t);

#endif
