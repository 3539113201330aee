/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_INTERVAL_H
#define VMS_INTERVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/runopts.h"
#include "show/columns.h"

/*
 * --interval SECONDS [--count N]: a command run again and again. A
 * command adds vms_interval_children (cmd/intervalopts.h) to its argp,
 * passes its struct vms_interval with vms_interval_child_init(), and runs
 * its sampling function through vms_interval_run(): that is all it takes.
 */
struct vms_interval {
	double seconds;		/* 0: one run, as without --interval */
	unsigned long count;	/* samples; 0: until interrupted */
};

/* Without -o, --interval shows these change columns too. */
void vms_interval_columns(const struct vms_interval *iv,
			  const struct vms_opts *o, struct colsel *sel,
			  const int *ids, size_t n);

/*
 * For a command that makes its table before the first sample (to check
 * -s early): the TIME column, when the samples will have one.
 */
void vms_interval_prepare(const struct vms_interval *iv, struct vms_opts *o);

/* One sample: which, and when (for the TIME column). */
struct vms_sample {
	unsigned long n;	/* 0 for the first */
	char time[32];		/* local time, ISO 8601 */
};

/* Write one sample's output; a command's exit status. */
typedef int (*vms_sample_fn)(void *arg, const struct vms_sample *s);

/*
 * Run fn once (no --interval), or every iv->seconds: on a terminal
 * redrawn in place (terminfo), cut to its size, followed through its
 * resizes; piped, each sample whole with a TIME column first, and with -J
 * one JSON document per line (NDJSON). Ctrl-C (SIGINT, SIGTERM) ends it
 * cleanly after the sample in progress. Returns fn's last status.
 */
int vms_interval_run(const struct vms_interval *iv, struct vms_opts *o,
		     vms_sample_fn fn, void *arg);

/*
 * The change of a row's counters since the previous sample: rows are
 * matched by a key the command chooses (a PID and command name, an
 * address, a flag set). The first sample has no changes (known false);
 * a row new since the last sample changed from 0.
 */
#define DELTA_MAX 6
/*
 * A counter not known in a sample (no frames to count it): pass it as
 * DELTA_UNKNOWN; its change is then DELTA_NONE, shown as "-", not 0.
 */
#define DELTA_UNKNOWN UINT64_MAX
#define DELTA_NONE INT64_MIN
struct deltas {
	struct delta_ent *prev, *cur;
	size_t nprev, ncur, capcur;
	bool started;		/* a sample was taken before this one */
};
void deltas_put(struct deltas *d, const void *key, size_t klen,
		const uint64_t *vals, size_t n, int64_t *delta, bool *known);
/* The sample is complete: it becomes the previous one. */
void deltas_next(struct deltas *d);
void deltas_free(struct deltas *d);

#endif
