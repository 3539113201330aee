// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One side of a diff: every process's VMAs with their smaps counters,
 * its start time (a PID reused by a new process is another process), and
 * with --by flags every frame of the machine by class.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/kpage.h"
#include "read/kpf.h"
#include "read/maps.h"
#include "read/snapshot.h"
#include "walk/diff.h"

const char *const diff_classes[DIFF_NCLASSES] = {
	"anon", "ksm", "shmem", "file", "slab", "pgtable", "free",
	"reserved", "other",
};

/* The first class that fits, in this order (a KSM page is anon too). */
int diff_class(uint64_t f)
{
	if (f & KPF(NOPAGE))
		return -1;
	if (f & KPF(BUDDY))
		return 6;
	if (f & KPF(SLAB))
		return 4;
	if (f & KPF(PGTABLE))
		return 5;
	if (f & KPF(KSM))
		return 1;
	if (f & KPF(ANON))
		return 0;
	if (f & KPF(SWAPBACKED))
		return 2;
	if (f & (KPF(LRU) | KPF(MMAP)))
		return 3;
	if (f & KPF(RESERVED))
		return 7;
	return 8;
}

/* Field 22 of PID/stat, counted after the ')' that ends comm. */
static uint64_t starttime(const struct procfs *p, pid_t pid)
{
	FILE *f = procfs_fopen(p, "%d/stat", (int)pid);
	char buf[1024], *s;
	uint64_t t = 0;
	int field;
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	s = strrchr(buf, ')');
	for (field = 2; s && field < 22; field++)
		s = strchr(s + 1, ' ');
	if (s)
		t = strtoull(s + 1, NULL, 10);
	return t;
}

static void vma_mem(const struct vma *v, struct diff_mem *m)
{
	const struct smaps_data *s = &v->smaps;
	uint64_t rss = smaps_bytes(s, SMAPS_RSS);
	uint64_t anon = smaps_bytes(s, SMAPS_ANONYMOUS);

	m->rss = rss;
	m->pss = smaps_bytes(s, SMAPS_PSS);
	m->uss = smaps_bytes(s, SMAPS_PRIVATE_CLEAN) +
		 smaps_bytes(s, SMAPS_PRIVATE_DIRTY);
	m->swap = smaps_bytes(s, SMAPS_SWAP);
	m->cached = rss > anon ? rss - anon : 0;
}

static void mem_add(struct diff_mem *a, const struct diff_mem *b)
{
	a->rss += b->rss;
	a->pss += b->pss;
	a->uss += b->uss;
	a->swap += b->swap;
	a->cached += b->cached;
}

/* 0, or 1 when the process has no memory or cannot be read. */
static int load_proc(struct diff_side *s, pid_t pid, struct diff_proc *dp)
{
	struct vma_list l = { 0 };
	char *err = NULL;
	size_t i;

	memset(dp, 0, sizeof(*dp));
	if (maps_read_pid(&s->proc, pid, "smaps", &l, &err)) {
		free(err);
		s->skipped++;
		return 1;
	}
	if (!l.n) {
		vma_list_free(&l);
		return 1;
	}
	dp->pid = pid;
	dp->starttime = starttime(&s->proc, pid);
	procfs_comm(&s->proc, pid, dp->comm, sizeof(dp->comm));
	dp->vmas = xcalloc(l.n, sizeof(*dp->vmas));
	dp->nvmas = l.n;
	for (i = 0; i < l.n; i++) {
		struct diff_vma *d = &dp->vmas[i];

		d->start = l.v[i].start;
		d->end = l.v[i].end;
		d->name = l.v[i].name ? xmemdup(l.v[i].name, l.v[i].namelen) :
			  xstrdup("");
		if (l.v[i].name)
			d->name[l.v[i].namelen] = '\0';
		vma_mem(&l.v[i], &d->m);
		mem_add(&dp->m, &d->m);
	}
	vma_list_free(&l);
	return 0;
}

static int load_procs(struct diff_side *s)
{
	pid_t *pids, self = getpid();
	size_t n, i;

	if (procfs_pids(&s->proc, &pids, &n)) {
		warn("%s", s->arg);
		return -1;
	}
	s->procs = xcalloc(n ? n : 1, sizeof(*s->procs));
	for (i = 0; i < n; i++) {
		/* Live, vmascope itself is no part of what is compared. */
		if (pids[i] == self && procfs_is_live(&s->proc))
			continue;
		if (!load_proc(s, pids[i], &s->procs[s->n]))
			s->n++;
	}
	free(pids);
	return 0;
}

/* Every frame's flags, by class: one pass over kpageflags. */
static int load_classes(struct diff_side *s)
{
	enum { CHUNK = 65536 };
	uint64_t *buf, pfn;
	struct kpage k;
	ssize_t end, got;
	size_t i;
	int rc = 0;

	if (snap_need_all_frames(&s->proc, "diff --by flags"))
		return -1;
	kpage_open(&k, &s->proc, KPAGE_FLAGS);
	if (!(k.avail & KPAGE_FLAGS) || (end = kpage_file_end(&k, 0)) < 0) {
		kpage_close(&k);
		return -1;
	}
	buf = xmalloc(CHUNK * sizeof(*buf));
	for (pfn = 0; pfn < (uint64_t)end && !rc; pfn += (uint64_t)got) {
		got = kpage_read_file(&k, 0, pfn, CHUNK, buf);
		if (got <= 0) {
			rc = got < 0 ? -1 : 0;
			break;
		}
		for (i = 0; i < (size_t)got; i++) {
			int c = diff_class(buf[i]);

			if (c >= 0)
				s->classes[c]++;
		}
	}
	free(buf);
	kpage_close(&k);
	s->have_classes = !rc;
	return rc;
}

int diff_side_load(struct diff_side *s, const char *arg, bool classes)
{
	const char *root = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	s->arg = arg;
	s->proc.dirfd = -1;
	if (strcmp(arg, "-") && snapshot_is_file(arg) &&
	    !(root = snapshot_extract(arg, 0)))
		return -1;
	rc = procfs_open(&s->proc, strcmp(arg, "-") ? root ? root : arg :
			 NULL);
	if (rc) {
		warn("%s", arg);
		return -1;
	}
	if (load_procs(s))
		return -1;
	return classes ? load_classes(s) : 0;
}

void diff_side_free(struct diff_side *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->procs[i].nvmas; j++)
			free(s->procs[i].vmas[j].name);
		free(s->procs[i].vmas);
	}
	free(s->procs);
	procfs_close(&s->proc);
}
