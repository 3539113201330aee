// SPDX-License-Identifier: GPL-2.0-or-later
/* Are physical frame numbers visible to this run? (frames.h) */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/frames.h"
#include "read/pagemap.h"

static const char *frames_affects;
static int live_state;			/* 1 visible, -1 hidden, 0 unknown */

void frames_hidden_say(void)
{
	static bool said;

	if (__atomic_exchange_n(&said, true, __ATOMIC_RELAXED))
		return;
	warnx("physical frames are hidden: pagemap shows PFN 0 (its reader had no "
	      "CAP_SYS_ADMIN in the initial user namespace); unavailable "
	      "(shown as '-'): %s",
	      frames_affects ? frames_affects : "frame numbers and "
	      "everything read from them");
}

/* The entry of a page of ours that is present: written just now. */
static int probe_self(void)
{
	static volatile uint64_t page[1];
	long psz = sysconf(_SC_PAGESIZE);
	uint64_t e = 0;
	int fd;

	page[0] = 1;
	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;	/* no pagemap: nothing hides frames here */
	if (pread(fd, &e, sizeof(e), (off_t)((uintptr_t)page / (uintptr_t)psz *
					     sizeof(e))) != sizeof(e))
		e = 0;
	close(fd);
	if (!(e & PM_PRESENT))
		return 1;
	return pm_pfn(e) ? 1 : -1;
}

bool frames_live_visible(const char *affects)
{
	if (affects && !frames_affects)
		frames_affects = affects;
	if (!live_state)
		live_state = probe_self();
	if (live_state < 0)
		frames_hidden_say();
	return live_state > 0;
}

/*
 * The first present entry of a copied pagemap, holes skipped (a tree may
 * keep it sparse); at most 1 MiB of entries is read. 1 with a PFN, -1
 * without, 0 when none is present.
 */
static int probe_file(int fd)
{
	uint64_t buf[512];
	off_t off = 0, limit = 1 << 20;
	ssize_t n, i;

	while (limit > 0) {
		off_t data = lseek(fd, off, SEEK_DATA);

		if (data < 0)
			return 0;
		n = pread(fd, buf, sizeof(buf), data & ~(off_t)7);
		if (n <= 0)
			return 0;
		for (i = 0; i < n / 8; i++)
			if (buf[i] & PM_PRESENT)
				return pm_pfn(buf[i]) ? 1 : -1;
		off = (data & ~(off_t)7) + n;
		limit -= n;
	}
	return 0;
}

bool frames_visible_fd(const struct procfs *p, int fd)
{
	if (procfs_is_live(p))
		return frames_live_visible(NULL);
	if (probe_file(fd) >= 0)
		return true;
	frames_hidden_say();
	return false;
}
