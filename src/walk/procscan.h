/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROCSCAN_H
#define VMS_PROCSCAN_H

#include <stddef.h>

#include "read/procfs.h"
#include "read/skips.h"
#include "walk/procmem.h"

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
