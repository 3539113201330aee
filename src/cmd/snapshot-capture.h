/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SNAPCAPTURE_H
#define VMS_SNAPCAPTURE_H

#include <stdio.h>
#include <sys/types.h>

#include "read/procfs.h"
#include "read/snapshot.h"

/* What a snapshot run collects as it goes. */
struct snap_capture {
	struct snap_writer *w;
	const struct procfs *proc;	/* where processes are read */
	enum snap_frames frames;
	uint64_t *pfns;			/* frames the pagemaps point to */
	size_t npfns, cap;
	FILE *changes;			/* "PID: what changed" lines */
	char *changes_buf;
	size_t changes_len;
	unsigned long nprocs;
};

void snapcap_init(struct snap_capture *c, struct snap_writer *w,
		  const struct procfs *p, enum snap_frames frames);
void snapcap_free(struct snap_capture *c);
/*
 * The files of one process, read back to back, then its maps and RSS
 * again: what changed meanwhile goes to the changes record. 0; 1 when
 * it is gone (nothing written); -1 on a write error (said).
 */
int snapcap_pid(struct snap_capture *c, pid_t pid);
/* The machine: meminfo ..., node map, cgroup index, frames, changes. */
int snapcap_machine(struct snap_capture *c);

/* A whole file of p into a malloc'ed buffer; 0 or -errno. */
int snap_slurp(const struct procfs *p, char **buf, size_t *len,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
