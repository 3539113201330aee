/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_EXPORT_H
#define VMS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "read/procfs.h"
#include "walk/procmem.h"
#include "show/columns.h"
#include "cmd/opts.h"

/* The processes, scanned once for all the families that show them. */
struct export_scan {
	bool done;
	int rc;				/* 0, or -1: /proc unreadable */
	struct proc_mem *rows;
	size_t n;
};

/* What every family of `vmascope export` is collected with. */
struct export_ctx {
	const struct vms_opts *opts;
	struct procfs *proc;
	size_t top;			/* --top N processes, by sort */
	const struct colsel *sel;	/* -o: process columns */
	int sort;			/* -s: process column (default PSS) */
	struct export_scan *scan;
	struct export_cache *cache;	/* the page cache, walked once */
};

/* The page cache walk the cache families share (export-cache.c). */
struct export_cache;
struct export_cache *export_cache_new(void);
void export_cache_free(struct export_cache *s);

/* The processes of x's tree (scanned on first use); 0, or -1 said. */
int export_processes_scan(const struct export_ctx *x,
			  const struct proc_mem **rows, size_t *n);
void export_scan_free(struct export_scan *s);

/*
 * A metric family (or a few that are read together): one row of the
 * table in cmd-export.c. Every metric name it writes begins with prefix,
 * so that a failed run can carry its samples over from the previous file.
 * collect() writes whole families (# HELP, # TYPE, samples) to out and
 * returns 0, or -1 once said on stderr (then what it wrote is dropped).
 */
struct export_family {
	const char *name;		/* the family="..." of the self-metrics */
	const char *prefix;
	int (*collect)(const struct export_ctx *x, FILE *out);
};

/* The collectors, one file each. */
int export_processes(const struct export_ctx *x, FILE *out);
int export_programs(const struct export_ctx *x, FILE *out);
int export_users(const struct export_ctx *x, FILE *out);
int export_cgroups(const struct export_ctx *x, FILE *out);
int export_units(const struct export_ctx *x, FILE *out);
int export_frames(const struct export_ctx *x, FILE *out);
int export_cache_files(const struct export_ctx *x, FILE *out);
int export_cache_cgroups(const struct export_ctx *x, FILE *out);
int export_cache_deleted(const struct export_ctx *x, FILE *out);

#endif
