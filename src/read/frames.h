/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMES_H
#define VMS_FRAMES_H

#include <stdbool.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * Whether the kernel shows physical frame numbers to this run: decided in
 * one place, before any command counts. The kernel writes PFN 0 in
 * pagemap for a reader without CAP_SYS_ADMIN in the initial user
 * namespace; inside a user namespace (unshare -Ur) the capability sets
 * look full, so only the data tells. Hidden frames are said once, on
 * stderr, in the same words for every command.
 */

/*
 * The live /proc: reads this process's own pagemap entry for a page it
 * has just written (cached). When hidden, says so, naming affects: the
 * columns or results that need frames.
 */
bool frames_live_visible(const char *affects);

/*
 * The pagemap fd of PID: on the live /proc, frames_live_visible(); in a
 * copied tree, its first present entry (holes skipped) has a PFN. Says
 * so once when hidden.
 */
bool frames_visible_fd(const struct procfs *p, int fd);

/* The message, once per run, for hidden frames met later (data). */
void frames_hidden_say(void);

#endif
