// SPDX-License-Identifier: GPL-2.0-or-later
/* A scan of all processes from smaps_rollup, on all cores. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "walk/procscan.h"

struct scan_slot {
	struct proc_mem m;
	char *msg;
	int rc;
};

struct scan_job {
	const struct procfs *proc;
	unsigned int idwhat;
	const pid_t *pids;
	struct scan_slot *slots;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct scan_job *job = arg;
	struct scan_slot *s = &job->slots[i];

	(void)worker;
	s->rc = procmem_read_rollup(job->proc, job->pids[i], &s->m, &s->msg);
	if (!s->rc)
		procmem_read_id(job->proc, job->idwhat, &s->m);
}

/* In PID order: the rows read, the rest skipped (malformed ones named). */
static void gather(struct scan_job *job, size_t n, struct skips *sk,
		   struct proc_mem **rows, size_t *nrows)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct scan_slot *s = &job->slots[i];

		if (s->rc == 0) {
			*rows = xreallocarray(*rows, *nrows + 1,
					      sizeof(**rows));
			(*rows)[(*nrows)++] = s->m;
		} else if (s->rc < 0) {
			if (s->rc == -EIO && s->msg && sk->verbose)
				warnx("%s", s->msg);
			skips_pid(sk, job->pids[i], -s->rc, s->rc == -EIO ?
				  "malformed smaps_rollup" : NULL, false);
		}
		free(s->msg);
	}
}

int procscan_rollup(const struct procfs *proc, unsigned int idwhat,
		    struct skips *sk, struct proc_mem **rows, size_t *n)
{
	struct scan_job job = { .proc = proc, .idwhat = idwhat };
	pid_t *pids = NULL;
	size_t npids = 0;

	*rows = NULL;
	*n = 0;
	if (procfs_pids(proc, &pids, &npids)) {
		warn("%s", proc->root);
		return -1;
	}
	job.pids = pids;
	job.slots = xcalloc(npids ? npids : 1, sizeof(*job.slots));
	parallel_for(npids, scan_one, &job);
	gather(&job, npids, sk, rows, n);
	free(job.slots);
	free(pids);
	skips_report(sk);
	return 0;
}
