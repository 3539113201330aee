/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCFILTER_H
#define VMS_PROCFILTER_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/procfs.h"

/*
 * Which processes a command looks at: --comm REGEX (command name or
 * command line), --user USER and --cgroup PATH, each repeatable. A process
 * is kept when it matches one value of every option given.
 */
struct procfilter {
	regex_t *res;
	size_t nres;
	uid_t *uids;
	size_t nuids;
	char **cgroups;
	size_t ncgroups;
};

bool procfilter_active(const struct procfilter *f);
/* Whether the process matches (false when it went away meanwhile). */
bool procfilter_match(const struct procfilter *f, const struct procfs *p,
		      pid_t pid);
/* Keep in pids[0..*n) those that match, in order. */
void procfilter_pids(const struct procfilter *f, const struct procfs *p,
		     pid_t *pids, size_t *n);
void procfilter_free(struct procfilter *f);

#endif
