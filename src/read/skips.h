/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SKIPS_H
#define VMS_SKIPS_H

#include <stdbool.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * Processes a command could not read. An explicit target is an error; in
 * a scan of all processes it is skipped: named with -v, counted at the
 * end. A process without an address space (a kernel thread, a zombie) is
 * not skipped in a scan: it has nothing to read.
 */
struct skips {
	const struct procfs *proc;
	int verbose;
	unsigned long n;
};

/*
 * PID could not be read: err is the errno, why the reason to give (NULL:
 * the one err and the process's state give). Returns true when that is an
 * error (an explicit target), said on stderr.
 */
bool skips_pid(struct skips *s, pid_t pid, int err, const char *why,
	       bool explicit);

/* With -v, how many processes a scan skipped. */
void skips_report(const struct skips *s);

#endif
