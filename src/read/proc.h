/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROC_H
#define VMS_PROC_H

#include <stdbool.h>
#include <sys/types.h>

#include "read/pagemap.h"
#include "read/procfs.h"
#include "read/procid.h"
#include "read/vma.h"

/*
 * One process as the commands read it: its VMAs, its pagemap, its name
 * and command line, opened by proc_open and released by proc_close, and,
 * when a part could not be read, why. What that means (an error for a
 * PID given, a skip in a scan of all) is the caller's to say.
 */
struct vms_proc {
	const struct procfs *p;
	pid_t pid;
	char comm[64];			/* PROC_COMM; "?" when unreadable */
	uid_t uid;			/* PROC_UID: the real UID */
	struct procid id;		/* PROC_ARGS: the command line */
	struct vma_list vmas;		/* PROC_MAPS or PROC_SMAPS, sorted */
	struct pagemap pm;		/* PROC_PAGEMAP, when pm_open */
	bool pm_open;
	int rc;				/* 0, or why it was skipped: -errno */
	unsigned int failed;		/* the part that failed (PROC_*) */
	char *err;			/* a damaged file, named; or NULL */
};

/* The parts of a process to read, in this order. */
enum {
	PROC_MAPS = 1 << 0,		/* PID/maps into vmas */
	PROC_SMAPS = 1 << 1,		/* PID/smaps into vmas */
	PROC_PAGEMAP = 1 << 2,		/* PID/pagemap, opened */
	PROC_COMM = 1 << 3,		/* PID/comm */
	PROC_ARGS = 1 << 4,		/* PID/cmdline */
	PROC_UID = 1 << 5,		/* PID/status: its Uid line */
};

/*
 * Read the parts of pid in what, stopping at the first that fails: 0, or
 * -errno, as pr->rc (ENOENT/ESRCH: gone; EACCES/EPERM: denied; EIO: a
 * malformed file, with pr->err naming it and its line; EMEDIUMTYPE: not
 * a regular file, named). pr is to be proc_close'd either way.
 */
int proc_open(struct vms_proc *pr, const struct procfs *p, pid_t pid,
	      unsigned int what);
/* Read more parts of an open process, as proc_open: 0 or -errno. */
int proc_read(struct vms_proc *pr, unsigned int what);
/* Forget a failed part (pr->rc, pr->err) to try another way. */
void proc_forget_error(struct vms_proc *pr);
/* Close the pagemap alone, once walked (the VMAs are kept). */
void proc_close_pagemap(struct vms_proc *pr);
/* Release what proc_open read; pr may be opened again. */
void proc_close(struct vms_proc *pr);

#endif
