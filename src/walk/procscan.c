// SPDX-License-Identifier: GPL-2.0-or-later
/* Scans of processes on all cores; the rules are in procscan.h. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "walk/procscan.h"

/* vmascope's own PID, from a scan of all of the live /proc. */
static void leave_out_self(struct procscan *s)
{
	pid_t self = getpid();
	size_t i;

	if (!procfs_is_live(s->proc))
		return;
	for (i = 0; i < s->n; i++) {
		if (s->pids[i] == self) {
			memmove(&s->pids[i], &s->pids[i + 1],
				(--s->n - i) * sizeof(*s->pids));
			return;
		}
	}
}

int procscan_list(struct procscan *s, const struct procfs *proc,
		  const pid_t *given, size_t n,
		  const struct procfilter *filter, unsigned int flags)
{
	memset(s, 0, sizeof(*s));
	s->proc = proc;
	pthread_mutex_init(&s->lock, NULL);
	s->all = !n;
	if (s->all && procfs_pids(proc, &s->pids, &s->n)) {
		warn("%s", proc->root);
		return -1;
	}
	if (!s->all) {
		s->pids = xcalloc(n, sizeof(*s->pids));
		memcpy(s->pids, given, n * sizeof(*s->pids));
		s->n = n;
	}
	if (filter)
		procfilter_pids(filter, proc, s->pids, &s->n);
	if (s->all && (flags & PROCSCAN_NOT_SELF))
		leave_out_self(s);
	return 0;
}

void procscan_frames(struct procscan *s, struct kpage *kp, unsigned int open)
{
	s->kp = kp;
	s->kp_open = open;
}

struct kpage *procscan_kpage(struct procscan *s, unsigned int worker)
{
	if (!s->kp)
		return NULL;
	pthread_mutex_lock(&s->lock);
	if (s->kp_open) {
		kpage_open(s->kp, s->proc, s->kp_open);
		s->kp_open = 0;
	}
	if (!s->wkp_ready[worker]) {
		kpage_borrow(&s->wkp[worker], s->kp);
		s->wkp_ready[worker] = true;
	}
	pthread_mutex_unlock(&s->lock);
	return &s->wkp[worker];
}

struct scan_part {
	void (*fn)(void *arg, size_t i, unsigned int worker);
	void *arg;
	size_t first;
};

static void part_one(void *arg, size_t i, unsigned int worker)
{
	struct scan_part *part = arg;

	part->fn(part->arg, part->first + i, worker);
}

void procscan_run_part(struct procscan *s, size_t first, size_t n,
		       void (*fn)(void *arg, size_t i, unsigned int worker),
		       void *arg)
{
	struct scan_part part = { fn, arg, first };

	if (!s->wkp) {
		/* One process is read on the calling thread (lib/parallel.h). */
		s->nworkers = s->n > 1 ? parallel_workers() : 1;
		s->wkp = xcalloc(s->nworkers, sizeof(*s->wkp));
		s->wkp_ready = xcalloc(s->nworkers, sizeof(*s->wkp_ready));
	}
	if (first < s->n && n > s->n - first)
		n = s->n - first;
	if (first < s->n)
		parallel_for_ramp(n, part_one, &part, PROCSCAN_ALONE_NS);
}

void procscan_run(struct procscan *s,
		  void (*fn)(void *arg, size_t i, unsigned int worker),
		  void *arg)
{
	procscan_run_part(s, 0, s->n, fn, arg);
}

void procscan_free(struct procscan *s)
{
	unsigned int k;

	for (k = 0; k < s->nworkers; k++)
		if (s->wkp_ready[k])
			kpage_close(&s->wkp[k]);
	free(s->wkp);
	free(s->wkp_ready);
	free(s->pids);
	pthread_mutex_destroy(&s->lock);
	memset(s, 0, sizeof(*s));
}

/* ---- top's rows from smaps_rollup, for export ---- */

struct scan_slot {
	struct proc_mem m;
	char *msg;
	int rc;
};

struct scan_job {
	struct procscan *s;
	unsigned int idwhat;
	struct scan_slot *slots;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct scan_job *job = arg;
	struct scan_slot *s = &job->slots[i];
	const struct procfs *proc = job->s->proc;

	(void)worker;
	s->rc = procmem_read_rollup(proc, job->s->pids[i], &s->m, &s->msg);
	if (!s->rc)
		procmem_read_id(proc, job->idwhat, &s->m);
}

/* In PID order: the rows read, the rest skipped (malformed ones named). */
static void gather(struct scan_job *job, struct skips *sk,
		   struct proc_mem **rows, size_t *nrows)
{
	size_t i;

	for (i = 0; i < job->s->n; i++) {
		struct scan_slot *s = &job->slots[i];

		if (s->rc == 0) {
			*rows = xreallocarray(*rows, *nrows + 1,
					      sizeof(**rows));
			(*rows)[(*nrows)++] = s->m;
		} else if (s->rc < 0) {
			if (s->rc == -EIO && s->msg && sk->verbose)
				warnx("%s", s->msg);
			skips_pid(sk, job->s->pids[i], -s->rc, s->rc == -EIO ?
				  "malformed smaps_rollup" : NULL, false);
		}
		free(s->msg);
	}
}

int procscan_rollup(const struct procfs *proc, unsigned int idwhat,
		    struct skips *sk, struct proc_mem **rows, size_t *n)
{
	struct procscan s;
	struct scan_job job = { .s = &s, .idwhat = idwhat };

	*rows = NULL;
	*n = 0;
	if (procscan_list(&s, proc, NULL, 0, NULL, 0)) {
		procscan_free(&s);
		return -1;
	}
	job.slots = xcalloc(s.n ? s.n : 1, sizeof(*job.slots));
	procscan_run(&s, scan_one, &job);
	gather(&job, sk, rows, n);
	free(job.slots);
	procscan_free(&s);
	skips_report(sk);
	return 0;
}
