/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * foliolayout: anonymous memory in large folios, mapped whole and in
 * part, for live-folio.sh. Prints "region NAME START END" per region,
 * "ready", then waits until stdin closes.
 *	thp	8 MiB MADV_HUGEPAGE, written: PMD-mapped THPs
 *	split	4 MiB MADV_HUGEPAGE, written, then the upper half of its
 *		first THP made read-only: the PMD is split, the folio is
 *		mapped by PTEs in two VMAs
 *	hole	4 MiB MADV_HUGEPAGE, written, one 4K page in the middle of
 *		its first THP dropped (MADV_DONTNEED): 511 PTEs of a folio
 *	forked	4 MiB MADV_HUGEPAGE, written, then a child that keeps it and
 *		drops 64 KiB of it: pages shared, counts differ in a folio
 *	small	4 MiB without MADV_HUGEPAGE, written: mTHP when the script
 *		enabled a small size (hugepages-64kB), else 4K pages; one page
 *		of it dropped in the middle of its first 64 KiB
 * and three large enough for the walk to leave their PMD-mapped ranges to
 * the kernel's smaps sums (hugeproof.c):
 *	big	512 MiB MADV_HUGEPAGE, written before the child is forked:
 *		the child maps the same THPs, which are mapped once only in
 *		neither (the sums prove nothing: read after all)
 *	own	512 MiB MADV_HUGEPAGE, written after the fork: the parent's
 *		alone, mapped once (proven)
 *	mixed	512 MiB: its first 2 MiB written as 4K pages before the fork
 *		(shared with the child), MADV_HUGEPAGE and the rest written
 *		after it (the parent's alone): proven, shared 4K pages beside
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define MIB (1UL << 20)

static void die(const char *what)
{
	fprintf(stderr, "foliolayout: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* len bytes at a 2 MiB aligned address between PROT_NONE guards. */
static char *place(size_t len)
{
	size_t al = 2 * MIB;
	char *p = mmap(NULL, len + 2 * al, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *q;

	if (p == MAP_FAILED)
		die("mmap");
	q = (char *)(((unsigned long)p + al) & ~(al - 1));
	if (mprotect(q, len, PROT_READ | PROT_WRITE))
		die("mprotect");
	return q;
}

static void fill(char *p, size_t len, int huge)
{
	if (huge && madvise(p, len, MADV_HUGEPAGE))
		die("madvise MADV_HUGEPAGE");
	memset(p, 0x5a, len);
}

static char *region(size_t len, int huge)
{
	char *q = place(len);

	fill(q, len, huge);
	return q;
}

static void report(const char *name, const char *p, size_t len)
{
	printf("region %s %lx %lx\n", name, (unsigned long)p,
	       (unsigned long)p + len);
}

int main(void)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	char *thp, *split, *hole, *forked, *small, *big, *own, *mixed, c;
	pid_t kid;
	int pfd[2];

	thp = region(8 * MIB, 1);
	split = region(4 * MIB, 1);
	if (mprotect(split + MIB, MIB, PROT_READ))
		die("mprotect split");
	hole = region(4 * MIB, 1);
	if (madvise(hole + MIB, psz, MADV_DONTNEED))
		die("madvise hole");
	forked = region(4 * MIB, 1);
	small = region(4 * MIB, 0);
	if (madvise(small + 32 * 1024, psz, MADV_DONTNEED))
		die("madvise small");
	big = region(512 * MIB, 1);
	own = place(512 * MIB);
	mixed = place(512 * MIB);
	fill(mixed, 2 * MIB, 0);
	if (pipe(pfd))
		die("pipe");
	kid = fork();
	if (kid < 0)
		die("fork");
	if (kid == 0) {
		close(pfd[1]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (madvise(forked + MIB, 64 * 1024, MADV_DONTNEED))
			die("madvise forked");
		while (read(pfd[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(pfd[0]);
	fill(own, 512 * MIB, 1);
	if (madvise(mixed, 512 * MIB, MADV_HUGEPAGE))
		die("madvise mixed");
	memset(mixed + 2 * MIB, 0x5a, 510 * MIB);
	report("thp", thp, 8 * MIB);
	report("split", split, 4 * MIB);
	report("hole", hole, 4 * MIB);
	report("forked", forked, 4 * MIB);
	report("small", small, 4 * MIB);
	report("big", big, 512 * MIB);
	report("own", own, 512 * MIB);
	report("mixed", mixed, 512 * MIB);
	printf("child %d\n", (int)kid);
	/* The child drops its pages before the counts are read. */
	usleep(200000);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	kill(kid, SIGKILL);
	return 0;
}
