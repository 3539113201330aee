// SPDX-License-Identifier: GPL-2.0-or-later
/* The process handle: a process's VMAs, pagemap, name, opened in one place. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "read/maps.h"
#include "read/proc.h"

/* The VMAs, from maps or smaps: 0 or -errno. */
static int read_vmas(struct vms_proc *pr, const char *file)
{
	vma_list_free(&pr->vmas);
	return maps_read_pid(pr->p, pr->pid, file, &pr->vmas, &pr->err);
}

/* One part: 0 or -errno. */
static int read_part(struct vms_proc *pr, unsigned int part)
{
	int rc = 0;

	switch (part) {
	case PROC_MAPS:
		return read_vmas(pr, "maps");
	case PROC_SMAPS:
		return read_vmas(pr, "smaps");
	case PROC_PAGEMAP:
		if (pr->pm_open)
			return 0;
		rc = pagemap_open(&pr->pm, pr->p, pr->pid);
		pr->pm_open = !rc;
		return rc;
	case PROC_COMM:
		procfs_comm(pr->p, pr->pid, pr->comm, sizeof(pr->comm));
		return 0;
	case PROC_ARGS:
		procid_read(pr->p, pr->pid, PROCID_ARGS, &pr->id);
		return 0;
	case PROC_UID:
		return procfs_uid(pr->p, pr->pid, &pr->uid);
	}
	return 0;
}

int proc_read(struct vms_proc *pr, unsigned int what)
{
	unsigned int part;

	for (part = 1; !pr->rc && part <= PROC_UID; part <<= 1) {
		if (!(what & part))
			continue;
		pr->rc = read_part(pr, part);
		if (pr->rc)
			pr->failed = part;
	}
	return pr->rc;
}

int proc_open(struct vms_proc *pr, const struct procfs *p, pid_t pid,
	      unsigned int what)
{
	memset(pr, 0, sizeof(*pr));
	pr->p = p;
	pr->pid = pid;
	pr->pm.fd = -1;
	return proc_read(pr, what);
}

void proc_forget_error(struct vms_proc *pr)
{
	free(pr->err);
	pr->err = NULL;
	pr->rc = 0;
	pr->failed = 0;
}

void proc_close_pagemap(struct vms_proc *pr)
{
	if (pr->pm_open)
		pagemap_close(&pr->pm);
	pr->pm_open = false;
}

void proc_close(struct vms_proc *pr)
{
	proc_close_pagemap(pr);
	vma_list_free(&pr->vmas);
	procid_free(&pr->id);
	free(pr->err);
	pr->err = NULL;
}
