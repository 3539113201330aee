// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/PID/pagemap: batched reads of the entries of a virtual range. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pagemap.h"
#include "util.h"

/* Entries per batch of a walk: 32 KiB of buffer covers 16 MiB of 4K pages. */
#define WALK_BATCH 4096

static enum pagemap_mode forced_mode = PAGEMAP_AUTO;

void pagemap_set_mode(enum pagemap_mode mode)
{
	forced_mode = mode;
}

int pagemap_open(struct pagemap *pm, const struct procfs *p, pid_t pid)
{
	memset(pm, 0, sizeof(*pm));
	pm->pid = pid;
	pm->page_size = (size_t)sysconf(_SC_PAGESIZE);
	pm->fd = procfs_openat(p, 0, "%d/pagemap", (int)pid);
	if (pm->fd < 0)
		return -errno;
	pm->pfn_visible = true;
	return 0;
}

void pagemap_close(struct pagemap *pm)
{
	if (pm->fd >= 0)
		close(pm->fd);
	free(pm->buf);
	memset(pm, 0, sizeof(*pm));
	pm->fd = -1;
}

int pagemap_read(struct pagemap *pm, uint64_t start, uint64_t end,
		 uint64_t *out)
{
	uint64_t first = start / pm->page_size;
	size_t n = (size_t)((end - start) / pm->page_size), done = 0;

	while (done < n) {
		ssize_t r = pread(pm->fd, (char *)out + done * 8,
				  (n - done) * 8, (off_t)((first + done) * 8));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* A process that exited reads as end of file. */
		if (r == 0 || r % 8)
			return -ESRCH;
		done += (size_t)r / 8;
	}
	return 0;
}

static int walk_plain(struct pagemap *pm, uint64_t start, uint64_t end,
		      pagemap_fn fn, void *arg)
{
	uint64_t addr = start, span = WALK_BATCH * (uint64_t)pm->page_size;

	if (!pm->buf) {
		pm->buf = xmalloc(WALK_BATCH * sizeof(*pm->buf));
		pm->bufn = WALK_BATCH;
	}
	while (addr < end) {
		uint64_t stop = end - addr > span ? addr + span : end;
		size_t n = (size_t)((stop - addr) / pm->page_size);
		int rc = pagemap_read(pm, addr, stop, pm->buf);

		if (rc)
			return rc;
		rc = fn(arg, addr, pm->buf, n);
		if (rc)
			return rc;
		addr = stop;
	}
	return 0;
}

int pagemap_walk(struct pagemap *pm, uint64_t start, uint64_t end,
		 pagemap_fn fn, void *arg)
{
	return walk_plain(pm, start, end, fn, arg);
}
