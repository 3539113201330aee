/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PAGERUN_H
#define VMS_PAGERUN_H

#include "read/cgroup.h"
#include "read/kpage.h"
#include "read/node.h"
#include "show/pagecols.h"

/*
 * What a page-level command opens for its page columns: the kpage files,
 * the cgroup and node maps that its selection needs, nothing more.
 */
struct page_run {
	struct page_ctx ctx;
	struct kpage kp;
	struct cgmap cg;
	struct nodemap nodes;
	char *sysroot;
};

/* sort: the -s column (or NULL), which the selection may lack. */
void page_run_open(struct page_run *r, const struct procfs *p,
		   const struct colsel *sel, const char *sort);
void page_run_close(struct page_run *r);

#endif
