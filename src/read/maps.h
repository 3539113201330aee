/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_MAPS_H
#define VMS_MAPS_H

#include <stdio.h>

#include "read/procfs.h"
#include "read/vma.h"

/*
 * Parser for /proc/PID/maps, /proc/PID/smaps and smaps_rollup: one VMA
 * record per header line, smaps fields merged into the record above them.
 */

/* How the kernel pads the name column: by the kernel's word size. */
enum maps_layout {
	MAPS_LAYOUT_UNKNOWN,
	MAPS_LAYOUT_64,
	MAPS_LAYOUT_32,
};

/*
 * Parse one maps header line (without its newline). Returns 0, or -1 with
 * *why set to a static reason. The name is pointed into the line, not
 * copied: v->name is set to line + offset.
 */
int maps_parse_header(const char *line, size_t len, struct vma *v,
		      const char **why);
/* True when the line looks like a header (starts with hex and '-'). */
int maps_is_header(const char *line, size_t len);
/* Parse one "Key: value" smaps line into s; unknown keys are accepted. */
int smaps_parse_field(const char *line, size_t len, struct smaps_data *s,
		      const char **why);

struct maps_reader;

/* fname is used in messages only. The reader does not close f. */
struct maps_reader *maps_reader_new(FILE *f, const char *fname);
void maps_reader_free(struct maps_reader *r);
/*
 * Read the next VMA into v (which it owns afterwards: vma_clear() it).
 * Returns 1 for a record, 0 at the end, -1 on error (maps_reader_error()).
 */
int maps_reader_next(struct maps_reader *r, struct vma *v);
/* "FILE:LINE: reason" of the last error, or an I/O error. */
const char *maps_reader_error(const struct maps_reader *r);
/* Whether smaps fields were seen; the layout the lines were written in. */
int maps_reader_is_smaps(const struct maps_reader *r);
enum maps_layout maps_reader_layout(const struct maps_reader *r);

/*
 * Read a whole file into l. Returns 0; -EIO when a line is malformed, or
 * -errno when reading failed (ESRCH: the process exited meanwhile). Then
 * *err is the malloc'ed message ("FILE:LINE: reason"), or, when err is
 * NULL, it is printed.
 */
int maps_read_all(FILE *f, const char *fname, struct vma_list *l,
		  enum maps_layout *layout, char **err);

/*
 * A lenient reader (for pasted dumps: a path wrapped onto a line of its
 * own, a last line cut off) warns of each bad line on stderr, naming the
 * file and line, and skips it; maps_reader_skipped counts them.
 */
void maps_reader_set_lenient(struct maps_reader *r, bool on);
unsigned long maps_reader_skipped(const struct maps_reader *r);
/* The records maps_reader_next has returned so far. */
unsigned long maps_reader_records(const struct maps_reader *r);


/*
 * The VMAs of a process, sorted: PID/FILE ("maps" or "smaps") below p.
 * 0; -errno when it cannot be opened (ENOENT: gone, EACCES: denied);
 * -EIO when it is malformed, -errno when reading it failed (ESRCH: the
 * process exited meanwhile); then *err is the message.
 */
int maps_read_pid(const struct procfs *p, pid_t pid, const char *file,
		  struct vma_list *l, char **err);

/*
 * A reader of PID/FILE below p, as maps_read_pid reads it, for its
 * records one at a time; maps_reader_free() closes the file. NULL when
 * it cannot be opened: *rc is -errno, and *err the message or NULL.
 */
struct maps_reader *maps_reader_open_pid(const struct procfs *p, pid_t pid,
					 const char *file, int *rc,
					 char **err);
/*
 * After maps_reader_next() returned -1: *err the malloc'ed message, and
 * -errno as maps_read_pid returns it (-EIO: a malformed line).
 */
int maps_reader_fail_status(struct maps_reader *r, char **err);

/* Write v as the kernel writes a maps line, newline included. */
int maps_write_line(FILE *out, const struct vma *v, enum maps_layout layout);

#endif
