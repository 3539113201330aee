/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PARALLEL_H
#define VMS_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Scans of many processes run on all cores. Workers only compute, each
 * result in a slot of its own index; callers emit and merge afterwards,
 * in order, so the output is the same whatever the number of workers.
 */

/* Workers to use: VMASCOPE_THREADS, else the CPUs online (at most 16). */
unsigned int parallel_workers(void);

/*
 * Whether this thread runs in a parallel_for of more than one worker (the
 * cores are busy).
 */
bool parallel_in_worker(void);

/* fn(arg, i, worker) for every i < n, on parallel_workers() threads. */
void parallel_for(size_t n, void (*fn)(void *arg, size_t i,
				       unsigned int worker),
		  void *arg);

/*
 * The same, but this thread works alone until it has spent alone_ns
 * (wall time) on the loop: the other workers start then, between two
 * indices, if any remain. For many items of unknown size, most of them
 * small: a few small ones are read before a thread (and its stack and
 * malloc arena) would have started. alone_ns 0: as parallel_for.
 */
void parallel_for_ramp(size_t n, void (*fn)(void *arg, size_t i,
					    unsigned int worker),
		       void *arg, uint64_t alone_ns);

#endif
