/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * piclayout: regions whose picture is known, one VMA each, for the
 * picture tests. Then waits until stdin closes.
 *
 *	excl	64 pages written: resident, exclusive
 *	shared	32 pages MAP_SHARED, written, read by a child: shared
 *	thp	2 MiB aligned, MADV_HUGEPAGE, written: THP where the kernel
 *		gives one
 *	zero	32 pages read, never written: the zero page
 *	swap	64 pages written, then MADV_PAGEOUT: swapped where swap is on
 *	none	64 pages never touched: not present
 *
 *	file	with an argument: that file's first page, mapped and read
 *		(its name is the test's: control bytes, say)
 *
 * Output: "region NAME START END" (hex, no 0x), "child PID", "ready".
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define THP_SIZE (2UL << 20)

static size_t psz;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/*
 * len bytes aligned to align, between PROT_NONE guard pages so no two
 * regions merge into one VMA.
 */
static char *region(const char *name, size_t len, size_t align, int flags)
{
	size_t span = len + align + 2 * psz;
	char *res = mmap(NULL, span, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *p;

	if (res == MAP_FAILED)
		die("mmap reserve");
	p = res + psz;
	p += (align - (uintptr_t)p % align) % align;
	if (mmap(p, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS |
		 MAP_FIXED, -1, 0) == MAP_FAILED)
		die("mmap");
	/*
	 * Only the thp region may have huge pages: not the others, even
	 * while another test turns mTHP on for everyone.
	 */
	if (strcmp(name, "thp"))
		madvise(p, len, MADV_NOHUGEPAGE);
	printf("region %s %lx %lx\n", name, (unsigned long)(uintptr_t)p,
	       (unsigned long)(uintptr_t)(p + len));
	return p;
}

static void shared(void)
{
	size_t len = 32 * psz, i;
	char *p = region("shared", len, psz, MAP_SHARED);
	volatile char sink = 0;
	pid_t pid;

	memset(p, 0x5a, len);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (i = 0; i < len; i += psz)
			sink += p[i];
		for (;;)
			pause();
	}
	printf("child %d\n", (int)pid);
	/* Let the child map every page before the picture is taken. */
	usleep(200000);
}

/* The first page of path, mapped shared and read. */
static void file(const char *path)
{
	int fd = open(path, O_RDONLY);
	volatile char *p;

	if (fd < 0)
		die(path);
	p = mmap(NULL, psz, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap file");
	(void)p[0];
	close(fd);
	printf("region file %lx %lx\n", (unsigned long)(uintptr_t)p,
	       (unsigned long)(uintptr_t)(p + psz));
}

int main(int argc, char **argv)
{
	volatile char sink = 0;
	char *p, buf[16];
	size_t i;

	psz = (size_t)sysconf(_SC_PAGESIZE);
	shared();
	memset(region("excl", 64 * psz, psz, MAP_PRIVATE), 1, 64 * psz);
	p = region("thp", THP_SIZE, THP_SIZE, MAP_PRIVATE);
	madvise(p, THP_SIZE, MADV_HUGEPAGE);
	memset(p, 2, THP_SIZE);
	p = region("zero", 32 * psz, psz, MAP_PRIVATE);
	for (i = 0; i < 32 * psz; i += psz)
		sink += p[i];
	p = region("swap", 64 * psz, psz, MAP_PRIVATE);
	memset(p, 3, 64 * psz);
	madvise(p, 64 * psz, MADV_PAGEOUT);
	region("none", 64 * psz, psz, MAP_PRIVATE);
	if (argc > 1)
		file(argv[1]);
	printf("ready\n");
	fflush(stdout);
	while (fgets(buf, sizeof(buf), stdin))
		;
	return 0;
}
