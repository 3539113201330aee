// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-process memory: from smaps_rollup and status, or summed page walks. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps.h"
#include "pagemap.h"
#include "pagewalk.h"
#include "procmem.h"
#include "util.h"

/* The value of a "Uid:" line: real UID, then three more. */
static int parse_uid(const char *line, uid_t *uid)
{
	unsigned int u[4];
	char end;

	if (sscanf(line, "Uid: %u %u %u %u%c", &u[0], &u[1], &u[2], &u[3],
		   &end) != 5 || (end != '\n' && end != '\r'))
		return -1;
	*uid = u[0];
	return 0;
}

/* Uid: and VmSize: of PID/status; a bad Uid line names file and line. */
static int read_status(const struct procfs *p, pid_t pid, struct proc_mem *m,
		       char **err)
{
	FILE *f = procfs_fopen(p, "%d/status", (int)pid);
	char *line = NULL;
	size_t cap = 0;
	int found = 0, rc = 0, no = 0;

	if (!f && errno == EMEDIUMTYPE) {
		xasprintf(err, "%s/%d/status: not a regular file", p->root,
			  (int)pid);
		return -EIO;
	}
	if (!f)
		return -errno;
	while (!rc && getline(&line, &cap, f) > 0) {
		unsigned long long kb;

		no++;
		if (!strncmp(line, "Uid:", 4)) {
			found = 1;
			if (parse_uid(line, &m->uid)) {
				xasprintf(err, "%s/%d/status:%d: bad Uid line",
					  p->root, (int)pid, no);
				rc = -EIO;
			}
		} else if (sscanf(line, "VmSize: %llu kB", &kb) == 1) {
			m->vss = sat_mul(kb, 1024);
		}
	}
	free(line);
	fclose(f);
	if (!rc && !found && no) {
		xasprintf(err, "%s/%d/status: no Uid line", p->root, (int)pid);
		rc = -EIO;
	}
	return rc ? rc : no ? 0 : -ESRCH;
}

/* getpwuid_r: processes are read on several threads. */
static void user_name(struct proc_mem *m)
{
	struct passwd pwd, *pw = NULL;
	char buf[1024];

	if (!getpwuid_r(m->uid, &pwd, buf, sizeof(buf), &pw) && pw)
		snprintf(m->user, sizeof(m->user), "%s", pw->pw_name);
	else
		snprintf(m->user, sizeof(m->user), "%u", (unsigned int)m->uid);
}

static void from_rollup(struct proc_mem *m, const struct smaps_data *s)
{
	m->rss = smaps_bytes(s, SMAPS_RSS);
	m->pss_fp = sat_shl(smaps_bytes(s, SMAPS_PSS), VMA_PSS_SHIFT);
	m->uss = sat_add(smaps_bytes(s, SMAPS_PRIVATE_CLEAN),
			 smaps_bytes(s, SMAPS_PRIVATE_DIRTY));
	m->swap = smaps_bytes(s, SMAPS_SWAP);
	m->anon = smaps_bytes(s, SMAPS_ANONYMOUS);
	m->file = m->rss > m->anon ? m->rss - m->anon : 0;
	m->pss_anon = smaps_bytes(s, SMAPS_PSS_ANON);
	m->pss_file = smaps_bytes(s, SMAPS_PSS_FILE);
	m->pss_shmem = smaps_bytes(s, SMAPS_PSS_SHMEM);
	m->pss_dirty = smaps_bytes(s, SMAPS_PSS_DIRTY);
	m->swap_pss = smaps_bytes(s, SMAPS_SWAP_PSS);
	m->procs = 1;
	m->pages.dirty = smaps_bytes(s, SMAPS_SHARED_DIRTY) +
			 smaps_bytes(s, SMAPS_PRIVATE_DIRTY);
	m->pages.referenced = smaps_bytes(s, SMAPS_REFERENCED);
}

/*
 * An empty smaps_rollup: a process without memory (its status has no
 * VmSize: a kernel thread, a zombie) gives 1; one that is gone, -ESRCH;
 * anything else is a damaged file.
 */
static int empty_rollup(const struct procfs *p, pid_t pid, char **err)
{
	FILE *f;

	if (procfs_no_mm(p, pid))
		return 1;
	f = procfs_fopen(p, "%d/status", (int)pid);
	if (!f)
		return -ESRCH;
	fclose(f);
	xasprintf(err, "%s/%d/smaps_rollup: empty, but status shows memory",
		  p->root, (int)pid);
	return -EIO;
}

int procmem_read_rollup(const struct procfs *p, pid_t pid,
			struct proc_mem *m, char **err)
{
	struct vma_list l = { 0 };
	int rc;

	memset(m, 0, sizeof(*m));
	m->pid = pid;
	rc = maps_read_pid(p, pid, "smaps_rollup", &l, err);
	if (rc) {
		vma_list_free(&l);
		return rc;
	}
	if (!l.n) {
		vma_list_free(&l);
		return empty_rollup(p, pid, err);
	}
	from_rollup(m, &l.v[0].smaps);
	vma_list_free(&l);
	rc = read_status(p, pid, m, err);
	if (rc)
		return rc;
	user_name(m);
	procfs_comm(p, pid, m->comm, sizeof(m->comm));
	return 0;
}

static int walk_vmas(const struct procfs *p, pid_t pid, struct kpage *k,
		     struct proc_mem *m, char **err)
{
	struct vma_list l = { 0 };
	struct pagemap pm;
	size_t i;
	int rc = maps_read_pid(p, pid, "maps", &l, err);

	if (!rc)
		rc = pagemap_open(&pm, p, pid);
	if (!rc) {
		rc = pagewalk_vmas(&pm, k, &l);
		pagemap_close(&pm);
	}
	for (i = 0; !rc && i < l.n; i++)
		procmem_add_vma(m, &l.v[i]);
	vma_list_free(&l);
	return rc;
}

int procmem_read_walk(const struct procfs *p, pid_t pid, struct kpage *k,
		      struct proc_mem *m, char **err)
{
	int rc = procmem_read_rollup(p, pid, m, err);
	uint64_t dirty = m->pages.dirty, referenced = m->pages.referenced;

	if (rc)
		return rc;
	memset(&m->pages, 0, sizeof(m->pages));
	rc = walk_vmas(p, pid, k, m, err);
	if (rc)
		return rc;
	/*
	 * The walk's counters where it saw the frames (exact PSS); else the
	 * rollup's stay. SWAP, DIRTY and REFERENCED are always the rollup's:
	 * pagemap sees neither shmem's swap nor the PTEs' dirty and young
	 * bits.
	 */
	m->pages.dirty = dirty;
	m->pages.referenced = referenced;
	if (!m->pages.frames)
		return 0;
	m->rss = m->pages.rss;
	m->uss = m->pages.uss;
	m->pss_fp = m->pages.pss_fp;
	m->anon = m->pages.anon;
	m->file = m->pages.file;
	return 0;
}

void procmem_add_vma(struct proc_mem *m, const struct vma *v)
{
	const struct vma_pages *s = &v->pages;
	struct vma_pages *d = &m->pages;

	if (!v->has_pages)
		return;
	sat_inc(&d->rss, s->rss);
	sat_inc(&d->uss, s->uss);
	sat_inc(&d->swap, s->swap);
	sat_inc(&d->anon, s->anon);
	sat_inc(&d->file, s->file);
	sat_inc(&d->thp, s->thp);
	sat_inc(&d->hugetlb, s->hugetlb);
	sat_inc(&d->dirty, s->dirty);
	sat_inc(&d->ksm, s->ksm);
	sat_inc(&d->zero, s->zero);
	sat_inc(&d->referenced, s->referenced);
	sat_inc(&d->active, s->active);
	sat_inc(&d->pss_fp, s->pss_fp);
	sat_inc(&d->locked_fp, s->locked_fp);
	sat_inc(&d->pss_anon_fp, s->pss_anon_fp);
	sat_inc(&d->pss_shmem_fp, s->pss_shmem_fp);
	/* Frame counters hold for the process when they held for each VMA. */
	d->frames = m->walked ? d->frames && s->frames : s->frames;
	m->walked = true;
}

void procmem_add(struct proc_mem *a, const struct proc_mem *b)
{
	struct vma v = { .has_pages = b->walked, .pages = b->pages };

	sat_inc(&a->vss, b->vss);
	sat_inc(&a->rss, b->rss);
	sat_inc(&a->uss, b->uss);
	sat_inc(&a->swap, b->swap);
	sat_inc(&a->anon, b->anon);
	sat_inc(&a->file, b->file);
	sat_inc(&a->pss_fp, b->pss_fp);
	sat_inc(&a->pss_anon, b->pss_anon);
	sat_inc(&a->pss_file, b->pss_file);
	sat_inc(&a->pss_shmem, b->pss_shmem);
	sat_inc(&a->pss_dirty, b->pss_dirty);
	sat_inc(&a->swap_pss, b->swap_pss);
	sat_inc(&a->procs, b->procs);
	procmem_add_vma(a, &v);
}

void procmem_read_id(const struct procfs *p, unsigned int what,
		     struct proc_mem *m)
{
	if (what)
		procid_read(p, m->pid, what, &m->id);
}

void procmem_free(struct proc_mem *m)
{
	procid_free(&m->id);
}
