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

/*
 * What a column reads (a bitmask): the program opens the sources of the
 * columns asked for, of the sort column and of the filters, nothing more.
 * PID/ files are of each process; the others are of the machine.
 */
enum vms_source {
	SRC_MAPS = 1 << 0,		/* PID/maps */
	SRC_SMAPS = 1 << 1,		/* PID/smaps: maps' lines too */
	SRC_ROLLUP = 1 << 2,		/* PID/smaps_rollup */
	SRC_STATUS = 1 << 3,		/* PID/status */
	SRC_COMM = 1 << 4,		/* PID/comm */
	SRC_CMDLINE = 1 << 5,		/* PID/cmdline */
	SRC_PIDCGROUP = 1 << 6,		/* PID/cgroup */
	SRC_EXE = 1 << 7,		/* PID/exe (a link) */
	SRC_PAGEMAP = 1 << 8,		/* PID/pagemap */
	SRC_PFN = 1 << 9,		/* pagemap's PFN and swap bits: hidden
					 * without CAP_SYS_ADMIN */
	SRC_KPAGEFLAGS = 1 << 10,	/* /proc/kpageflags */
	SRC_KPAGECOUNT = 1 << 11,	/* /proc/kpagecount */
	SRC_KPAGECGROUP = 1 << 12,	/* /proc/kpagecgroup */
	SRC_CGROUPFS = 1 << 13,		/* paths of memcg inodes */
	SRC_NODES = 1 << 14,		/* sysfs nodes, zoneinfo, iomem */
	SRC_ELF = 1 << 15,		/* the mapped ELF files */
	SRC_FILE = 1 << 16,		/* the files measured: cachestat */
	SRC_SNAPSHOT = 1 << 17,		/* the snapshots compared */
	SRC_NSOURCES = 18
};

/* One column: one row of a command's table (util-linux style). */
struct vms_column {
	const char *name;
	double whint;		/* width hint: < 1 is a fraction of the line */
	int flags;		/* SCOLS_FL_* */
	enum vms_coltype type;
	const char *help;
	unsigned int reads;	/* SRC_*: what its values come from */
};

struct vms_coltable {
	const char *name;	/* the JSON key of the rows: "maps" */
	const struct vms_column *cols;
	size_t ncols;
	const int *defaults;	/* column ids shown without -o */
	size_t ndefaults;
	unsigned int row_reads;	/* SRC_*: what every row reads */
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
/*
 * What a selection reads: the OR of its columns' sources, of the sort
 * column's (sort may be NULL or unknown) and of the table's rows.
 */
unsigned int colsel_reads(const struct vms_coltable *t,
			  const struct colsel *sel, const char *sort);
/* Whether a selected (or the sort) column reads one of src. */
bool colsel_reads_any(const struct vms_coltable *t, const struct colsel *sel,
		      const char *sort, unsigned int src);
/* The name of source 1 << i: "maps", "kpageflags", ...; NULL past them. */
const char *vms_source_name(unsigned int i);
/* The KPAGE_* files (read/kpage.h) among the sources src. */
unsigned int src_kpage(unsigned int src);
/* "Available columns" block for --help (malloc'ed). */
char *coltable_help(const struct vms_coltable *t);

#endif
