/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCGROUP_H
#define VMS_PROCGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "walk/procmem.h"

/*
 * Processes grouped the way users look for them (top --by): by program
 * (the same resolved executable, as ps_mem merges), user, cgroup or
 * systemd unit. A group's row holds the sums of its processes' sizes
 * (saturating), PROCS, and each identity field where all agree.
 */
enum procgroup_by {
	GROUP_PROCESS,		/* no grouping: a row per process */
	GROUP_PROGRAM,
	GROUP_USER,
	GROUP_CGROUP,
	GROUP_UNIT,
	GROUP_NBY
};

extern const char *const procgroup_names[GROUP_NBY];
/* The grouping named, or -1. */
int procgroup_lookup(const char *name);
/* What of each process's identity the grouping reads (PROCID_*). */
unsigned int procgroup_id_needs(enum procgroup_by by);
/* The group key of a process: malloc'ed; equal keys, one group. */
char *procgroup_key(enum procgroup_by by, const struct proc_mem *m);
/* An empty group row with the identity of m (copied), no sums yet. */
void procgroup_start(struct proc_mem *g, const struct proc_mem *m);
/* Add a process to a group row: its sums, and where identities differ. */
void procgroup_add(struct proc_mem *g, const struct proc_mem *m);
/*
 * The group of each row: group_of[i] for rows[i], numbered in key order
 * from 0, as procgroup_rows() orders its rows. Returns the number of
 * groups.
 */
size_t procgroup_index(enum procgroup_by by, const struct proc_mem *rows,
		       size_t n, uint32_t *group_of);
/*
 * One row per group of rows[0..n), in key order, into *out (malloc'ed;
 * each row freed with procmem_free). Returns the number of groups.
 */
size_t procgroup_rows(enum procgroup_by by, const struct proc_mem *rows,
		      size_t n, struct proc_mem **out);

#endif
