// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a snapshot holds of each process: its files as the commands read
 * them, and the populated stretches of its pagemap. The files of a
 * process are read back to back; its maps and RSS are read once more
 * after them, and a difference is noted in the changes record, so a
 * reader knows which processes moved while they were captured.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "cmd/snapshot-capture.h"

/* The files of a process after maps and pagemap, in reading order. */
static const char *const pid_files[] = {
	"smaps", "smaps_rollup", "status", "stat", "cmdline", "comm",
	"cgroup",
};

void snapcap_init(struct snap_capture *c, struct snap_writer *w,
		  const struct procfs *p, enum snap_frames frames)
{
	memset(c, 0, sizeof(*c));
	c->w = w;
	c->proc = p;
	c->frames = frames;
	c->changes = open_memstream(&c->changes_buf, &c->changes_len);
	if (!c->changes)
		err(VMS_EXIT_FAILURE, "open_memstream");
}

void snapcap_free(struct snap_capture *c)
{
	if (c->changes)
		fclose(c->changes);
	free(c->changes_buf);
	free(c->pfns);
}

int snap_slurp(const struct procfs *p, char **buf, size_t *len,
	       const char *fmt, ...)
{
	char path[4096];
	size_t cap = 4096, n = 0;
	va_list ap;
	char *b;
	int fd;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	fd = procfs_openat(p, O_NONBLOCK, "%s", path);
	if (fd < 0)
		return -errno;
	b = xmalloc(cap);
	for (;;) {
		ssize_t r = read(fd, b + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(b);
			close(fd);
			return -e;
		}
		if (!r)
			break;
		n += (size_t)r;
		if (n == cap)
			b = xrealloc(b, cap *= 2);
	}
	close(fd);
	*buf = b;
	*len = n;
	return 0;
}

/* The populated entries of one pagemap, as sparse runs. */
struct pm_runs {
	struct snap_capture *c;
	struct snap_run *runs;
	size_t nruns, cap;
	uint64_t *ents;
	size_t nents, ecap;
	size_t page_size;
};

static void add_pfn(struct snap_capture *c, uint64_t pfn)
{
	if (c->npfns == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->pfns = xreallocarray(c->pfns, c->cap, sizeof(*c->pfns));
	}
	c->pfns[c->npfns++] = pfn;
}

static void add_ent(struct pm_runs *r, uint64_t off, uint64_t e)
{
	struct snap_run *last = r->nruns ? &r->runs[r->nruns - 1] : NULL;

	if (!last || last->off + last->len != off) {
		if (r->nruns == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 64;
			r->runs = xreallocarray(r->runs, r->cap,
						sizeof(*r->runs));
		}
		last = &r->runs[r->nruns++];
		*last = (struct snap_run){ off, 0 };
	}
	last->len += 8;
	if (r->nents == r->ecap) {
		r->ecap = r->ecap ? r->ecap * 2 : 4096;
		r->ents = xreallocarray(r->ents, r->ecap, sizeof(*r->ents));
	}
	r->ents[r->nents++] = e;
}

/* Soft-dirty alone marks holes of a VM_SOFTDIRTY VMA: not kept. */
static int pm_batch(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct pm_runs *r = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!pm_populated(ents[i]))
			continue;
		add_ent(r, (addr / r->page_size + i) * 8, ents[i]);
		if (r->c->frames == SNAP_FRAMES_MAPPED &&
		    (ents[i] & PM_PRESENT) && pm_pfn(ents[i]))
			add_pfn(r->c, pm_pfn(ents[i]));
	}
	return 0;
}

/* Walk the VMAs of a maps text; the end of the last one (gates left out). */
static int walk_maps(struct pagemap *pm, struct pm_runs *r, char *maps,
		     size_t len, uint64_t *top)
{
	char *line = maps, *end = maps + len;

	*top = 0;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		const char *why;
		struct vma v;
		int rc;

		if (!maps_parse_header(line, n, &v, &why) &&
		    v.kind != VMA_KIND_VSYSCALL) {
			rc = pagemap_walk(pm, v.start, v.end, pm_batch, r);
			if (rc)
				return rc;
			*top = v.end;
		}
		line += n + 1;
	}
	return 0;
}

/* The populated entries of pid's pagemap over the VMAs of maps. */
static int read_pagemap(struct snap_capture *c, pid_t pid, char *maps,
			size_t len, struct pm_runs *r, uint64_t *size)
{
	struct pagemap pm;
	uint64_t top;
	int rc = pagemap_open(&pm, c->proc, pid);

	if (rc)
		return rc;
	rc = walk_maps(&pm, r, maps, len, &top);
	pagemap_close(&pm);
	if (rc)
		return rc;
	*size = top / r->page_size * 8;
	/* An all-zero last entry: the file ends in data, not in a hole. */
	if (*size && (!r->nruns || r->runs[r->nruns - 1].off +
		      r->runs[r->nruns - 1].len != *size))
		add_ent(r, *size - 8, 0);
	return 0;
}

/* What a process's files hold, read before any of it is written. */
struct pid_capture {
	pid_t pid;
	char *maps, *files[ARRAY_SIZE(pid_files)], exe[4096];
	size_t mlen, lens[ARRAY_SIZE(pid_files)];
	ssize_t exelen;
	struct pm_runs r;
	uint64_t pmsize;
	int pmrc;
};

static uint64_t status_kb(const char *s, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *p = s, *end = s + len;

	while (p && p < end) {
		if ((size_t)(end - p) > klen && !memcmp(p, key, klen))
			return strtoull(p + klen, NULL, 10);
		p = memchr(p, '\n', (size_t)(end - p));
		if (p)
			p++;
	}
	return 0;
}

/* Read maps and status again: what moved while the process was read. */
static int note_changes(struct snap_capture *c, struct pid_capture *pc)
{
	char *maps, *status;
	size_t mlen, slen;
	uint64_t rss0, rss1;

	if (snap_slurp(c->proc, &maps, &mlen, "%d/maps", (int)pc->pid))
		return ESRCH;
	if (mlen != pc->mlen || memcmp(maps, pc->maps, mlen))
		fprintf(c->changes, "%d: maps changed while read\n",
			(int)pc->pid);
	free(maps);
	if (!pc->files[2] ||
	    snap_slurp(c->proc, &status, &slen, "%d/status", (int)pc->pid))
		return 0;
	rss0 = status_kb(pc->files[2], pc->lens[2], "VmRSS:");
	rss1 = status_kb(status, slen, "VmRSS:");
	if (rss0 != rss1)
		fprintf(c->changes, "%d: VmRSS changed from %" PRIu64
			" kB to %" PRIu64 " kB while read\n", (int)pc->pid,
			rss0, rss1);
	free(status);
	return 0;
}

static int read_pid(struct snap_capture *c, struct pid_capture *pc)
{
	size_t i;
	char link[64];
	int rc = snap_slurp(c->proc, &pc->maps, &pc->mlen, "%d/maps",
			    (int)pc->pid);

	if (rc)
		return -rc;
	pc->r = (struct pm_runs){ .c = c,
		.page_size = (size_t)sysconf(_SC_PAGESIZE) };
	pc->pmrc = read_pagemap(c, pc->pid, pc->maps, pc->mlen, &pc->r,
				&pc->pmsize);
	for (i = 0; i < ARRAY_SIZE(pid_files); i++)
		if (snap_slurp(c->proc, &pc->files[i], &pc->lens[i], "%d/%s",
			       (int)pc->pid, pid_files[i]))
			pc->files[i] = NULL;
	snprintf(link, sizeof(link), "%d/exe", (int)pc->pid);
	pc->exelen = readlinkat(c->proc->dirfd, link, pc->exe,
				sizeof(pc->exe) - 1);
	if (pc->exelen >= 0)
		pc->exe[pc->exelen] = '\0';
	return note_changes(c, pc);
}

static int write_pid(struct snap_capture *c, struct pid_capture *pc)
{
	char name[128];
	size_t i;
	int rc = 0;

	snprintf(name, sizeof(name), "proc/%d", (int)pc->pid);
	rc |= snapw_dir(c->w, name);
	snprintf(name, sizeof(name), "proc/%d/maps", (int)pc->pid);
	rc |= snapw_file(c->w, name, pc->maps, pc->mlen);
	for (i = 0; i < ARRAY_SIZE(pid_files); i++) {
		if (!pc->files[i])
			continue;
		snprintf(name, sizeof(name), "proc/%d/%s", (int)pc->pid,
			 pid_files[i]);
		rc |= snapw_file(c->w, name, pc->files[i], pc->lens[i]);
	}
	if (pc->exelen > 0) {
		snprintf(name, sizeof(name), "proc/%d/exe", (int)pc->pid);
		rc |= snapw_link(c->w, name, pc->exe);
	}
	if (!pc->pmrc) {
		snprintf(name, sizeof(name), "proc/%d/pagemap", (int)pc->pid);
		rc |= snapw_sparse(c->w, name, pc->pmsize, pc->r.runs,
				   pc->r.nruns, pc->r.ents);
	}
	return rc ? -1 : 0;
}

static void pid_capture_free(struct pid_capture *pc)
{
	size_t i;

	free(pc->maps);
	for (i = 0; i < ARRAY_SIZE(pid_files); i++)
		free(pc->files[i]);
	free(pc->r.runs);
	free(pc->r.ents);
}

int snapcap_pid(struct snap_capture *c, pid_t pid)
{
	struct pid_capture pc = { .pid = pid, .exelen = -1 };
	int rc = read_pid(c, &pc);

	if (!rc) {
		rc = write_pid(c, &pc);
		if (!rc)
			c->nprocs++;
	}
	pid_capture_free(&pc);
	return rc;
}
