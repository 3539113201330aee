/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCID_H
#define VMS_PROCID_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * Who a process is, the way users look for it: its command line, its
 * cgroup, the systemd unit of that cgroup, its executable. Each string is
 * malloc'ed, NULL when it cannot be read; all are attacker-chosen bytes,
 * escaped by the output layer.
 */
struct procid {
	char *args;		/* cmdline, its NULs made spaces */
	size_t argslen;
	char *cgroup;		/* "/system.slice/nginx.service" */
	char *exe;		/* the resolved PID/exe link */
};

/* Which parts to read. */
enum {
	PROCID_ARGS = 1 << 0,
	PROCID_CGROUP = 1 << 1,
	PROCID_EXE = 1 << 2,
};

/* Read the parts asked for; those that cannot be read stay NULL. */
void procid_read(const struct procfs *p, pid_t pid, unsigned int what,
		 struct procid *id);
void procid_free(struct procid *id);

/*
 * The process's memory cgroup from the lines of PID/cgroup: the v1 memory
 * controller's path where it has one ("4:memory:/PATH"), else the unified
 * (v2) hierarchy's "0::PATH". Malloc'ed, NULL when there is none.
 */
char *procid_cgroup_parse(const char *text, size_t len);
/*
 * The systemd unit of a cgroup path: its innermost component that names a
 * service or a scope ("nginx.service", "session-2.scope"), else NULL.
 * Points into path; *len is the unit's length.
 */
const char *procid_unit(const char *path, size_t *len);
/* Whether path is cgroup top or below it ("/a" holds "/a" and "/a/b"). */
bool procid_cgroup_below(const char *path, const char *top);

#endif
