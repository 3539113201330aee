/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_WALKDIR_H
#define VMS_WALKDIR_H

#include <fts.h>

/*
 * The directory of the files an fts(3) walk hands out (from its third
 * file on: cachewalk.c), opened once
 * (O_DIRECTORY) and shared by the jobs of its files: each file is then
 * looked up by its one name below it (openat) instead of by its whole
 * path, and its type is known from the directory (d_type) before it is
 * opened. The walk and every job hold a reference; the last one to let
 * go closes it.
 */
struct walkdir;

/* The open directories of one walk, closed by walkdirs_end. */
struct walkdirs {
	struct walkdir *head;
	size_t nopen;			/* descriptors held */
};

/*
 * The directory of the file e (an entry below a root): opened on its
 * first file, and a reference for the caller. Its fd is below 0 when it
 * could not be opened, or when what the path names now is not the
 * directory fts read (then *why says so).
 */
struct walkdir *walkdir_of(struct walkdirs *ws, FTSENT *e);
/* The directory descriptor, or -errno; why: a reason errno cannot tell. */
int walkdir_fd(const struct walkdir *wd, const char **why);
/*
 * The type of entry name as the directory gave it (DT_REG, DT_FIFO...):
 * DT_UNKNOWN when the file system does not say, or the name is not
 * among those read. Names are asked in the order fts gave them.
 */
unsigned char walkdir_type(struct walkdir *wd, const char *name);
/* A job is done with it. */
void walkdir_put(struct walkdirs *ws, struct walkdir *wd);
/* fts is done with directory d (FTS_DP): its hold is let go. */
void walkdir_leave(struct walkdirs *ws, FTSENT *d);
/* The walk is over (or stopped early): everything left is closed. */
void walkdirs_end(struct walkdirs *ws);

#endif
