/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CLOSEOUT_H
#define VMS_CLOSEOUT_H

/*
 * Standard output, and how a run ends when it fails. SIGPIPE is ignored:
 * a write to a closed pipe fails with EPIPE, and the run ends at once,
 * quietly, with status 0, whatever the signal's disposition was. Any
 * other write error ends it with "write error" and status 1.
 */
void closeout_init(void);

/* After a write to stdout: a write that failed ends the run now. */
void closeout_check(void);

#endif
