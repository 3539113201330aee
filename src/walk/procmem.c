// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-process memory: from smaps_rollup and status, or summed page walks. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "walk/pagewalk.h"
#include "walk/procmem.h"

/* The value of "Name:" when it is the comm, unescaped; else false. */
static bool status_name(const char *v, size_t len, struct proc_mem *m)
{
	/*
	 * status writes the comm through seq_escape_str: whatever it changes
	 * starts with a backslash. Without one, the line is the comm itself
	 * and its own file need not be opened.
	 */
	if (memchr(v, '\\', len) || len >= sizeof(m->comm))
		return false;
	memcpy(m->comm, v, len);
	m->comm[len] = '\0';
	return true;
}

/* PID/status whole (some 1.5 KiB), NUL-terminated: its length, or -errno. */
static ssize_t slurp_status(const struct procfs *p, pid_t pid, char **out)
{
	int fd = procfs_openat(p, 0, "%d/status", (int)pid);
	size_t len = 0, cap = 4096;
	char *buf;
	ssize_t r = 0;

	if (fd < 0)
		return -errno;
	buf = xmalloc(cap);
	for (;;) {
		r = read(fd, buf + len, cap - 1 - len);
		if (r <= 0)
			break;
		len += (size_t)r;
		if (len == cap - 1) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	r = r < 0 ? -errno : (ssize_t)len;
	close(fd);
	if (r < 0) {
		free(buf);
		return r;
	}
	buf[len] = '\0';
	*out = buf;
	return r;
}

/*
 * One line of status, NUL-terminated just past its newline: Name:, Uid:
 * (strict: a bad one names file and line) or VmSize:.
 */
static int status_line(char *line, size_t len, struct proc_mem *m,
		       bool *named, int *found)
{
	unsigned long long kb;
	size_t n = len;

	if (!strncmp(line, "Name:\t", 6)) {
		if (n && line[n - 1] == '\n')
			n--;
		if (n && line[n - 1] == '\r')
			n--;
		*named = n >= 6 && status_name(line + 6, n - 6, m);
	} else if (!strncmp(line, "Uid:", 4)) {
		*found = 1;
		if (procfs_parse_uid(line, &m->uid))
			return -1;
	} else if (!strncmp(line, "VmSize:", 7) &&
		   sscanf(line, "VmSize: %llu kB", &kb) == 1) {
		m->vss = sat_mul(kb, 1024);
	}
	return 0;
}

/*
 * Uid:, VmSize: and Name: of PID/status, read in one go: top reads it for
 * every process, beside smaps_rollup. A bad Uid line names file and line.
 */
static int read_status(const struct procfs *p, pid_t pid, struct proc_mem *m,
		       bool *named, char **err)
{
	char *buf = NULL, *line, *nl, save;
	ssize_t len = slurp_status(p, pid, &buf);
	int found = 0, rc = 0, no = 0;

	if (len == -EMEDIUMTYPE) {
		xasprintf(err, "%s/%d/status: not a regular file", p->root,
			  (int)pid);
		return -EIO;
	}
	if (len < 0)
		return (int)len;
	for (line = buf; !rc && line < buf + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(buf + len - line));
		if (!nl)
			nl = buf + len - 1;
		no++;
		save = nl[1];
		nl[1] = '\0';
		if (status_line(line, (size_t)(nl + 1 - line), m, named,
				&found)) {
			xasprintf(err, "%s/%d/status:%d: bad Uid line",
				  p->root, (int)pid, no);
			rc = -EIO;
		}
		nl[1] = save;
	}
	free(buf);
	if (!rc && !found && no) {
		xasprintf(err, "%s/%d/status: no Uid line", p->root, (int)pid);
		rc = -EIO;
	}
	return rc ? rc : no ? 0 : -ESRCH;
}

/*
 * getpwuid_r, once per user: processes are read on several threads, and
 * each lookup reads /etc/passwd again (nsswitch "files").
 */
static void user_name(struct proc_mem *m)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct { uid_t uid; char name[sizeof(m->user)]; } seen[64];
	static size_t nseen;
	struct passwd pwd, *pw = NULL;
	char buf[1024];
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nseen; i++) {
		if (seen[i].uid == m->uid) {
			memcpy(m->user, seen[i].name, sizeof(m->user));
			pthread_mutex_unlock(&lock);
			return;
		}
	}
	pthread_mutex_unlock(&lock);
	if (!getpwuid_r(m->uid, &pwd, buf, sizeof(buf), &pw) && pw)
		snprintf(m->user, sizeof(m->user), "%s", pw->pw_name);
	else
		snprintf(m->user, sizeof(m->user), "%u", (unsigned int)m->uid);
	pthread_mutex_lock(&lock);
	if (nseen < sizeof(seen) / sizeof(seen[0])) {
		seen[nseen].uid = m->uid;
		memcpy(seen[nseen++].name, m->user, sizeof(m->user));
	}
	pthread_mutex_unlock(&lock);
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
	bool named = false;
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
	rc = read_status(p, pid, m, &named, err);
	if (rc)
		return rc;
	user_name(m);
	/*
	 * A copied tree's comm file is its own (it need not agree with the
	 * Name: line, as the kernel's do): read it there.
	 */
	if (!named || p->tree)
		procfs_comm(p, pid, m->comm, sizeof(m->comm));
	return 0;
}

static int walk_vmas(const struct procfs *p, pid_t pid, struct kpage *k,
		     struct proc_mem *m, char **err)
{
	struct vms_proc pr;
	size_t i;
	int rc = proc_open(&pr, p, pid, PROC_MAPS | PROC_PAGEMAP);

	if (!rc)
		rc = pagewalk_vmas(&pr.pm, k, &pr.vmas);
	for (i = 0; !rc && i < pr.vmas.n; i++)
		procmem_add_vma(m, &pr.vmas.v[i]);
	*err = pr.err;
	pr.err = NULL;
	proc_close(&pr);
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
	vma_pages_add(d, s, 1);
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
