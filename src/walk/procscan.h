/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCSCAN_H
#define VMS_PROCSCAN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "read/kpage.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/procfilter.h"
#include "walk/procmem.h"

/*
 * A scan of processes, on all cores: the one way maps, top, share, pfn
 * --who and export go through many processes. The rules, for all of them:
 *
 * - Which: the PIDs given, in their order; with none, every process of
 *   the root, in PID order (all is then true). The filters (--comm,
 *   --user, --cgroup) narrow either list.
 * - vmascope itself: a scan shows what it reads, so its own process is
 *   listed like any other (maps --all, top, pfn --who), except where its
 *   pages changing while they are read would falsify the whole: share's
 *   two passes over every page table (PROCSCAN_NOT_SELF: left out of a
 *   scan of all in the live /proc; a PID given is read).
 * - Cores: the scan starts on the calling thread alone; the other
 *   workers start once it has spent PROCSCAN_ALONE_NS on the scan and
 *   processes remain (lib/parallel.h). An idle machine's few processes
 *   are read in well under a millisecond, where a second thread (its
 *   start, stack and malloc arena) costs more than it saves; with big
 *   processes or many of them, every core reads after the first
 *   millisecond.
 * - Workers only read: fn(arg, i, worker) fills a result slot of its own
 *   index i; the caller emits and reports afterwards, in the order of
 *   pids, so output and messages are the same for any number of workers.
 * - Frames: a worker reads kpageflags and kpagecount through a kpage of
 *   its own (procscan_kpage), borrowed from one source opened once, at
 *   the first worker that asks (a scan that never sees a PFN opens none).
 * - A process that cannot be read (gone, denied, damaged) is an error
 *   when its PID was given, a skip in a scan of all (read/skips.h); each
 *   command says so with its own words, from its result slots.
 */
struct procscan {
	const struct procfs *proc;
	pid_t *pids;			/* to read, in order */
	size_t n;
	bool all;			/* no PID given: every process */

	struct kpage *kp;		/* the frames' source ... */
	unsigned int kp_open;		/* ... opened at first use, or 0 */
	pthread_mutex_t lock;
	struct kpage *wkp;		/* per worker, borrowing kp */
	bool *wkp_ready;
	unsigned int nworkers;
};

#define PROCSCAN_ALONE_NS 1000000	/* 1 ms: see Cores above */

enum {
	PROCSCAN_NOT_SELF = 1 << 0,	/* leave vmascope out of a live scan */
};

/*
 * List the processes: given (n of them; none: every process of proc),
 * narrowed by filter (may be NULL). 0, or -1 when the PIDs of proc cannot
 * be listed (said on stderr, naming the root).
 */
int procscan_list(struct procscan *s, const struct procfs *proc,
		  const pid_t *given, size_t n,
		  const struct procfilter *filter, unsigned int flags);
/*
 * Frames for the workers: kp, opened with the KPAGE_* of open at the
 * first procscan_kpage when open is not 0 (kp is else used as it is).
 */
void procscan_frames(struct procscan *s, struct kpage *kp,
		     unsigned int open);
/* Worker's kpage (borrowing the source; NULL without procscan_frames). */
struct kpage *procscan_kpage(struct procscan *s, unsigned int worker);
/* fn(arg, i, worker) for every listed process i, on all cores. */
void procscan_run(struct procscan *s,
		  void (*fn)(void *arg, size_t i, unsigned int worker),
		  void *arg);
/*
 * The same for the processes [first, first + n) alone: a caller that
 * emits as it goes holds the results of a window at a time.
 */
void procscan_run_part(struct procscan *s, size_t first, size_t n,
		       void (*fn)(void *arg, size_t i, unsigned int worker),
		       void *arg);
void procscan_free(struct procscan *s);

/*
 * Every process of proc, read from the kernel's own sums (smaps_rollup)
 * on all cores, with the parts of its identity in idwhat (PROCID_*):
 * *rows in PID order (each freed with procmem_free), kernel threads and
 * zombies left out, those that vanish or deny access counted in sk (said
 * with -v). 0, or -1 when the PIDs cannot be listed (said on stderr).
 */
int procscan_rollup(const struct procfs *proc, unsigned int idwhat,
		    struct skips *sk, struct proc_mem **rows, size_t *n);

#endif
