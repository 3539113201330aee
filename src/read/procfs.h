/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCFS_H
#define VMS_PROCFS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Every file vmascope reads lives below one root: /proc, or a copied tree
 * given with --proc-root. Files are opened read-only relative to it.
 */
struct procfs {
	int dirfd;
	char *root;
	bool tree;	/* a copied tree: only regular files are opened */
};

int procfs_open(struct procfs *p, const char *root);
void procfs_close(struct procfs *p);
/* openat(root, path, O_RDONLY|O_CLOEXEC|flags); -1 with errno. */
int procfs_openat(const struct procfs *p, int flags, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * A regular file (live /proc or tree): checked with fstatat before it is
 * opened and with fstat after; never a device, a FIFO or a socket. -1
 * with errno EMEDIUMTYPE for anything else. In a tree, procfs_openat()
 * and procfs_fopen() open this way too.
 */
int procfs_open_regular(const struct procfs *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
FILE *procfs_fopen(const struct procfs *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The root is a mounted procfs (not a copied tree). */
bool procfs_is_live(const struct procfs *p);
/* The numeric entries of the root, ascending. */
int procfs_pids(const struct procfs *p, pid_t **pids, size_t *n);
/* PID/comm without its newline into buf; "?" when it cannot be read. */
void procfs_comm(const struct procfs *p, pid_t pid, char *buf, size_t len);
/* Why a process could not be read, in the words every message uses. */
const char *pid_strerror(int err);
/* A PID argument: positive decimal that fits pid_t. */
int parse_pid(const char *s, pid_t *pid);

/*
 * A process without an address space (a kernel thread, a zombie): its
 * memory files read as if it were gone, its PID/status has no VmSize.
 */
bool procfs_no_mm(const struct procfs *p, pid_t pid);
extern const char pid_no_mm[];
/* pid_strerror, but pid_no_mm for a process that is there without one. */
const char *pid_why(const struct procfs *p, pid_t pid, int err);

struct vms_opts;
/* --proc-root (or /proc) opened into p: 0, or -1 once said on stderr. */
int vms_open_proc(const struct vms_opts *o, struct procfs *p);

/* The real UID of a "Uid:" line of a status file (four numbers): 0, or -1. */
int procfs_parse_uid(const char *line, uid_t *uid);
/* The real UID of pid, from its status: 0, or -errno (-EIO: a bad line). */
int procfs_uid(const struct procfs *p, pid_t pid, uid_t *uid);

#endif
