// SPDX-License-Identifier: GPL-2.0-or-later
/* Processes a command could not read: errors, skips, and their count. */
#include "config.h"

#include <err.h>

#include "read/skips.h"

bool skips_pid(struct skips *s, pid_t pid, int err, const char *why,
	       bool explicit)
{
	const char *state;

	/*
	 * Quiet, a skip only counts: telling a kernel thread from a process
	 * that exited (a read of its status each) is for -v alone.
	 */
	if (!explicit && !s->verbose) {
		s->n++;
		return false;
	}
	state = pid_why(s->proc, pid, err);
	if (explicit) {
		warnx("PID %d: %s", (int)pid, why ? why : state);
		return true;
	}
	if (state == pid_no_mm)
		return false;
	s->n++;
	if (s->verbose)
		warnx("PID %d: skipped: %s", (int)pid, why ? why : state);
	return false;
}

void skips_report(const struct skips *s)
{
	if (s->verbose && s->n)
		warnx("%lu processes skipped (exited or access denied)",
		      s->n);
}
