/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCMEM_H
#define VMS_PROCMEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/kpage.h"
#include "read/procfs.h"
#include "read/procid.h"
#include "read/vma.h"

/* One process's memory, summed over its VMAs: a row of `top`. */
struct proc_mem {
	pid_t pid;
	uid_t uid;
	char user[33];
	char comm[64];
	uint64_t vss;
	uint64_t rss, uss, swap, anon, file;
	uint64_t pss_fp;		/* fixed point, VMA_PSS_SHIFT */
	struct vma_pages pages;		/* page-level sums; when walked */
	bool walked;
	/* smaps_rollup's split of PSS, and SwapPss */
	uint64_t pss_anon, pss_file, pss_shmem, pss_dirty, swap_pss;
	uint64_t procs;			/* 1, or a group's processes */
	struct procid id;		/* when asked: procmem_read_id() */
	unsigned int mixed;		/* PM_MIXED_*: differs in a group */
	int64_t delta[4];		/* +RSS +PSS +USS +SWAP (--interval) */
	bool delta_known;
};

/* The identity fields whose value differs among a group's processes. */
enum {
	PM_MIXED_USER = 1 << 0,
	PM_MIXED_COMM = 1 << 1,
	PM_MIXED_ARGS = 1 << 2,
	PM_MIXED_CGROUP = 1 << 3,
	PM_MIXED_EXE = 1 << 4,
	PM_MIXED_ALL = (1 << 5) - 1,
};

/*
 * Read what the kernel itself keeps for pid: smaps_rollup (RSS, PSS, USS,
 * SWAP, ANON, FILE) and status (UID, VmSize), comm. Returns 0; 1 for a
 * process without memory (a kernel thread, a zombie); -errno when it cannot
 * be read (ENOENT/ESRCH: gone, EACCES/EPERM: denied; EIO: malformed, with
 * *err the message naming file and line).
 */
int procmem_read_rollup(const struct procfs *p, pid_t pid,
			struct proc_mem *m, char **err);
/*
 * The same counters, and the page-level ones (THP, KSM, ZERO), from a walk
 * of pid's pagemap and frames (k may have no files open: then PSS and USS
 * are unknown, m->pages.frames is false). Returns as procmem_read_rollup.
 */
int procmem_read_walk(const struct procfs *p, pid_t pid, struct kpage *k,
		      struct proc_mem *m, char **err);
/* Add a VMA's page counters to the process sums. */
void procmem_add_vma(struct proc_mem *m, const struct vma *v);
/* Add b's sizes and process count to a's (saturating). */
void procmem_add(struct proc_mem *a, const struct proc_mem *b);
/* Read the parts of m's identity asked for (PROCID_*) into m->id. */
void procmem_read_id(const struct procfs *p, unsigned int what,
		     struct proc_mem *m);
/* Free what a row owns (m->id). */
void procmem_free(struct proc_mem *m);

#endif
