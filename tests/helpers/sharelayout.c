/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sharelayout: memory shared copy-on-write after fork, for
 * live-accounting.sh. Prints "region NAME START END" per region, "child
 * PID" per child, "ready", then waits until stdin closes (the children
 * with it). The parent writes every region, forks NKIDS children, and
 * child i writes some pages of each region again (its own copies), so
 * that the parent's pages are mapped 1 to NKIDS + 1 times:
 *	heap	8 MiB of malloc'd [heap] memory (a pre-fork server's data,
 *		a shell that ran a subshell): 4K pages; each child also
 *		allocates and writes 256 KiB of its own
 *	cow4k	16 MiB MADV_NOHUGEPAGE: 4K pages, many with consecutive
 *		frames (a block of them is no folio)
 *	thp	16 MiB MADV_HUGEPAGE: PMD-mapped THPs in the parent; every
 *		child writes the first page of each THP (so its first page is
 *		mapped once in the parent) and some others: PTEs there
 *	split	4 MiB MADV_HUGEPAGE, the upper half of its first THP made
 *		read-only before the fork: a THP partly split, mapped by PTEs
 *	mthp	4 MiB without MADV_HUGEPAGE: mTHP when the script enabled a
 *		small size, else 4K pages
 *	ksm	2 MiB MADV_MERGEABLE, pages of eight contents: merged by KSM
 *		when the script switched it on
 *	shmem	4 MiB MAP_SHARED anonymous memory (shmem), written
 *	swapanon 4 MiB private anonymous memory, written after the fork:
 *		the parent's alone (MADV_PAGEOUT leaves shared pages be)
 *	zero	1 MiB MADV_NOHUGEPAGE, only read: the shared zero page
 *	hugetlb	2 MiB MAP_HUGETLB, written before the fork (shared with the
 *		children, who only read it), where the script reserved a
 *		huge page; left out otherwise
 * With the argument "pageout", after the fork, the parent pages shmem,
 * swapanon and half of cow4k out (MADV_PAGEOUT): swapped where there is
 * swap.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <malloc.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define MIB (1UL << 20)
#define NKIDS 3

static size_t psz;

static void die(const char *what)
{
	fprintf(stderr, "sharelayout: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* len bytes at a 2 MiB aligned address between PROT_NONE guards. */
static char *place(size_t len, int flags)
{
	size_t al = 2 * MIB;
	char *p = mmap(NULL, len + 2 * al, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *q;

	if (p == MAP_FAILED)
		die("mmap");
	q = (char *)(((unsigned long)p + al) & ~(al - 1));
	if (flags & MAP_SHARED) {
		if (mmap(q, len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
		    MAP_FAILED)
			die("mmap shared");
	} else if (mprotect(q, len, PROT_READ | PROT_WRITE)) {
		die("mprotect");
	}
	return q;
}

static char *region(size_t len, int advice, int flags)
{
	char *q = place(len, flags);

	if (advice >= 0 && madvise(q, len, advice))
		die("madvise");
	memset(q, 0x5a, len);
	return q;
}

static void report(const char *name, const void *p, size_t len)
{
	printf("region %s %lx %lx\n", name, (unsigned long)p,
	       (unsigned long)p + len);
}

/*
 * Child k writes page i of [p, p + len) when it picks it: about one in
 * `every`, irregularly, so that neighbouring pages have unlike counts.
 */
static void cow(char *p, size_t len, int k, unsigned int every)
{
	size_t i, n = len / psz;

	for (i = 0; i < n; i++) {
		unsigned long h = (i + 1) * 2654435761UL ^ (unsigned long)k * 40503UL;

		if ((h >> 7) % every == 0)
			p[i * psz] = (char)k;
	}
}

/* Child k of the THP region: the first page of each THP, and some. */
static void cow_thp(char *p, size_t len, int k)
{
	size_t off;

	for (off = 0; off < len; off += 2 * MIB)
		p[off] = (char)k;
	cow(p, len, k, 11);
}

static void wait_stdin(int fd)
{
	char c;

	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
}

int main(int argc, char **argv)
{
	char *heap, *cow4k, *thp, *split, *mthp, *ksm, *shm, *swp, *zero, *htlb;
	volatile char sink = 0;
	pid_t kids[NKIDS];
	int pfd[2], k;
	size_t i;

	psz = (size_t)sysconf(_SC_PAGESIZE);
	mallopt(M_MMAP_THRESHOLD, 64 * MIB);
	heap = malloc(8 * MIB);
	if (!heap)
		die("malloc");
	memset(heap, 0x33, 8 * MIB);
	cow4k = region(16 * MIB, MADV_NOHUGEPAGE, 0);
	thp = region(16 * MIB, MADV_HUGEPAGE, 0);
	split = region(4 * MIB, MADV_HUGEPAGE, 0);
	if (mprotect(split + MIB, MIB, PROT_READ))
		die("mprotect split");
	mthp = region(4 * MIB, -1, 0);
	ksm = place(2 * MIB, 0);
	if (madvise(ksm, 2 * MIB, MADV_MERGEABLE))
		fprintf(stderr, "sharelayout: no KSM: %s\n", strerror(errno));
	for (i = 0; i < 2 * MIB / psz; i++)
		memset(ksm + i * psz, (int)(i % 8) + 1, psz);
	shm = region(4 * MIB, -1, MAP_SHARED);
	swp = place(4 * MIB, 0);
	if (madvise(swp, 4 * MIB, MADV_NOHUGEPAGE))
		die("madvise swapanon");
	zero = place(MIB, 0);
	if (madvise(zero, MIB, MADV_NOHUGEPAGE))
		die("madvise zero");
	for (i = 0; i < MIB / psz; i++)
		sink += zero[i * psz];
	htlb = mmap(NULL, 2 * MIB, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (htlb == MAP_FAILED)
		htlb = NULL;
	else
		memset(htlb, 0x11, 2 * MIB);
	if (pipe(pfd))
		die("pipe");
	fflush(stdout);
	for (k = 0; k < NKIDS; k++) {
		kids[k] = fork();
		if (kids[k] < 0)
			die("fork");
		if (kids[k])
			continue;
		close(pfd[1]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		char *own = malloc(256 * 1024);

		if (own)
			memset(own, k, 256 * 1024);
		cow(heap, 8 * MIB, k, 5);
		cow(cow4k, 16 * MIB, k, 4);
		cow_thp(thp, 16 * MIB, k);
		/* Not the read-only MiB. */
		cow(split, MIB, k, 6);
		cow(split + 2 * MIB, 2 * MIB, k, 6);
		cow(mthp, 4 * MIB, k, 9);
		shm[k * psz] = (char)k;
		for (i = 0; i < MIB / psz; i++)
			sink += zero[i * psz];
		if (htlb)
			sink += htlb[k];
		wait_stdin(pfd[0]);
		_exit(0);
	}
	close(pfd[0]);
	memset(swp, 0x77, 4 * MIB);
	/* The children write before the counts are read. */
	usleep(300000);
	if (argc > 1 && !strcmp(argv[1], "pageout")) {
		if (madvise(shm, 4 * MIB, MADV_PAGEOUT) ||
		    madvise(swp, 4 * MIB, MADV_PAGEOUT) ||
		    madvise(cow4k, 8 * MIB, MADV_PAGEOUT))
			fprintf(stderr, "sharelayout: MADV_PAGEOUT: %s\n",
				strerror(errno));
	}
	report("heap", heap, 8 * MIB);
	report("cow4k", cow4k, 16 * MIB);
	report("thp", thp, 16 * MIB);
	report("split", split, 4 * MIB);
	report("mthp", mthp, 4 * MIB);
	report("ksm", ksm, 2 * MIB);
	report("shmem", shm, 4 * MIB);
	report("swapanon", swp, 4 * MIB);
	report("zero", zero, MIB);
	if (htlb)
		report("hugetlb", htlb, 2 * MIB);
	for (k = 0; k < NKIDS; k++)
		printf("child %d\n", (int)kids[k]);
	printf("ready\n");
	fflush(stdout);
	wait_stdin(0);
	for (k = 0; k < NKIDS; k++)
		kill(kids[k], SIGKILL);
	return 0;
}
