/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SNAPSHOT_H
#define VMS_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * A snapshot is a pax tar archive compressed with zstd (libarchive), laid
 * out as a --proc-root tree and its neighbours:
 *
 *	manifest		first: format, kernel, page size, machine ...
 *	proc/PID/maps ...	what the commands read of each process
 *	proc/PID/pagemap	sparse: populated stretches only
 *	proc/kpage*		sparse (frames the pagemaps point to) or whole
 *	proc/meminfo ...	machine files
 *	sys/devices/system/...	the node map
 *	cgroups			memory cgroup inode -> path index
 *	changes			what changed while a process was read
 *	end			last: the number of entries before it
 *
 * A reader that meets a newer format, another page size or machine, or no
 * end record refuses the whole file.
 */
#define SNAP_MAGIC	"vmascope-snapshot"
#define SNAP_FORMAT	1

enum snap_frames {
	SNAP_FRAMES_MAPPED,
	SNAP_FRAMES_ALL,
	SNAP_FRAMES_NONE,
};

const char *snap_frames_name(enum snap_frames f);
int snap_frames_parse(const char *s, enum snap_frames *f);

/* The archive being written: a temporary file renamed at the end. */
struct snap_writer;

struct snap_writer *snapw_open(const char *path);
/* A regular file of len bytes. 0, or -1 after a message. */
int snapw_file(struct snap_writer *w, const char *name, const void *buf,
	       size_t len);
/* A directory entry. */
int snapw_dir(struct snap_writer *w, const char *name);
/* A symbolic link entry (the exe link; readers never create it). */
int snapw_link(struct snap_writer *w, const char *name, const char *target);

/* Populated stretches of a sparse file: byte offsets, in order. */
struct snap_run {
	uint64_t off, len;
};
/*
 * A sparse file of size bytes whose data is the runs (data holds their
 * bytes back to back); everything else is a hole. The last run must end
 * at size (GNU tar rejects a trailing hole in pax sparse 1.0).
 */
int snapw_sparse(struct snap_writer *w, const char *name, uint64_t size,
		 const struct snap_run *runs, size_t nruns, const void *data);
/* A whole file streamed from fd: size bytes, short reads padded. */
int snapw_stream(struct snap_writer *w, const char *name, int fd,
		 uint64_t size);
/* Write the end record, close and rename into place; or unlink. */
int snapw_commit(struct snap_writer *w);
void snapw_abort(struct snap_writer *w);

/*
 * --proc-root FILE: a snapshot extracted into a private temporary tree
 * (removed at exit, even when killed). Returns the proc directory of the
 * tree (valid until exit), or NULL after a message naming what is wrong
 * with the file. With verbose, what moved while it was taken is said.
 */
const char *snapshot_extract(const char *file, int verbose);
/* Whether path names a regular file (a snapshot, not a tree). */
bool snapshot_is_file(const char *path);

/* The manifest of an extracted tree, or of a snapshot being written. */
struct snap_manifest {
	unsigned int format;
	char version[64];
	char kernel[256];
	char machine[64];
	uint64_t page_size;
	enum snap_frames frames;
	int64_t time;		/* seconds since the epoch */
};
int snap_manifest_parse(const char *text, size_t len,
			struct snap_manifest *m, const char **why);
/* The manifest of the tree whose proc directory p is; -1 if none. */
int snap_manifest_of(const struct procfs *p, struct snap_manifest *m);
/* -1 after a message when p is a snapshot without every frame. */
int snap_need_all_frames(const struct procfs *p, const char *cmd);

#endif
