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

#include "maps.h"
#include "pagemap.h"
#include "pagewalk.h"
#include "procmem.h"
#include "util.h"

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

/*
 * Uid:, VmSize: and Name: of PID/status, read in one go (it is some 1.5
 * KiB): top reads it for every process, beside smaps_rollup.
 */
static int read_status(const struct procfs *p, pid_t pid, struct proc_mem *m,
		       bool *named)
{
	char buf[8192], *line, *nl;
	int fd = procfs_openat(p, 0, "%d/status", (int)pid), found = 0;
	size_t len = 0;
	ssize_t r = 0;

	if (fd < 0)
		return -errno;
	while (len < sizeof(buf) - 1 &&
	       (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)r;
	close(fd);
	if (r < 0)
		return -errno;
	buf[len] = '\0';
	for (line = buf; line < buf + len; line = nl + 1) {
		unsigned long long kb;
		unsigned int uid;

		nl = strchr(line, '\n');
		if (!nl)
			nl = buf + len;
		if (!strncmp(line, "Name:\t", 6))
			*named = status_name(line + 6, (size_t)(nl - line - 6), m);
		else if (sscanf(line, "Uid: %u", &uid) == 1) {
			m->uid = uid;
			found |= 1;
		} else if (sscanf(line, "VmSize: %llu kB", &kb) == 1) {
			m->vss = kb * 1024;
		}
	}
	return found ? 0 : -ESRCH;
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
	m->pss_fp = smaps_bytes(s, SMAPS_PSS) << VMA_PSS_SHIFT;
	m->uss = smaps_bytes(s, SMAPS_PRIVATE_CLEAN) +
		 smaps_bytes(s, SMAPS_PRIVATE_DIRTY);
	m->swap = smaps_bytes(s, SMAPS_SWAP);
	m->anon = smaps_bytes(s, SMAPS_ANONYMOUS);
	m->file = m->rss > m->anon ? m->rss - m->anon : 0;
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
		return 1;
	}
	from_rollup(m, &l.v[0].smaps);
	vma_list_free(&l);
	rc = read_status(p, pid, m, &named);
	if (rc)
		return rc;
	user_name(m);
	if (!named)
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

	if (rc)
		return rc;
	memset(&m->pages, 0, sizeof(m->pages));
	rc = walk_vmas(p, pid, k, m, err);
	if (rc)
		return rc;
	/* One snapshot for every column: the walk's. */
	m->rss = m->pages.rss;
	m->uss = m->pages.uss;
	m->pss_fp = m->pages.pss_fp;
	m->swap = m->pages.swap;
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
	d->rss += s->rss;
	d->uss += s->uss;
	d->swap += s->swap;
	d->anon += s->anon;
	d->file += s->file;
	d->thp += s->thp;
	d->hugetlb += s->hugetlb;
	d->dirty += s->dirty;
	d->ksm += s->ksm;
	d->zero += s->zero;
	d->referenced += s->referenced;
	d->active += s->active;
	d->pss_fp += s->pss_fp;
	d->locked_fp += s->locked_fp;
	/* Frame counters hold for the process when they held for each VMA. */
	d->frames = m->walked ? d->frames && s->frames : s->frames;
	m->walked = true;
}

void procmem_add(struct proc_mem *a, const struct proc_mem *b)
{
	struct vma v = { .has_pages = b->walked, .pages = b->pages };

	a->vss += b->vss;
	a->rss += b->rss;
	a->uss += b->uss;
	a->swap += b->swap;
	a->anon += b->anon;
	a->file += b->file;
	a->pss_fp += b->pss_fp;
	procmem_add_vma(a, &v);
}
