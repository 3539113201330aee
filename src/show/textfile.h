/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_TEXTFILE_H
#define VMS_TEXTFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * node_exporter's textfile collector reads every *.prom file of its
 * directory at each scrape. A file is replaced whole: a temporary file in
 * the same directory (a name not ending in .prom), written, fsync'ed,
 * made readable by all, then renamed over the old one, so a scrape sees
 * the old file or the new one, never half of one.
 */

/* The previous file's text: what a run carries over. */
struct textfile_prev {
	char *text;			/* NUL-terminated; NULL: none */
	size_t len;
};

/*
 * Read path if it exists: a regular file of at most 64 MiB (anything
 * else is refused with a warning: *p stays empty). Never fails the run.
 */
void textfile_read_prev(const char *path, struct textfile_prev *p);
void textfile_prev_free(struct textfile_prev *p);

/*
 * The value of the sample name{label="value"} in the previous file, or 0
 * (absent, or not a number).
 */
uint64_t textfile_prev_value(const struct textfile_prev *p, const char *name,
			     const char *label, const char *value);

/*
 * Copy to out the lines of the previous file that belong to metric names
 * beginning with prefix: their samples, # HELP and # TYPE lines. Returns
 * the number of lines copied.
 */
size_t textfile_copy_prefix(const struct textfile_prev *p, const char *prefix,
			    FILE *out);

/* Replace path by buf atomically, as above. 0, or -1 said on stderr. */
int textfile_commit(const char *path, const char *buf, size_t len);

#endif
