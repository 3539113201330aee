/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workload: one process laying out one kind of memory for the benchmark,
 * then waiting. Each kind is its own process so that every tool scans
 * exactly that layout:
 *	anon4k MIB		anonymous, MADV_NOHUGEPAGE, every page written
 *	thp MIB			anonymous, 2 MiB aligned, MADV_HUGEPAGE, written
 *	sparse GIB RUNS MIB	a PROT_NONE reservation of GIB; RUNS windows of
 *				MIB each, spread evenly, made read-write
 *				(MADV_NOHUGEPAGE) and written
 *	file MIB DIR		a temporary file in DIR (unlinked at once),
 *				written, fsynced, mapped MAP_SHARED read-only
 *				and read through
 *	shared MIB KIDS		MAP_SHARED anonymous, written by the parent,
 *				read through by KIDS children (their command
 *				line reads "workload child")
 *	forkcow MIB KIDS	MAP_PRIVATE anonymous (4K pages), written by
 *				the parent, then KIDS children forked: the
 *				pages stay shared copy-on-write, except that
 *				child i writes its own 1/32 of the region
 *				(slice i), so some frames have fewer mappers
 *	vmas N			N VMAs: N pages, every other one made
 *				read-only (each split from its neighbours),
 *				the others written
 * Prints "ready PAGES" (pages it populated) on stdout, then waits until a
 * signal ends it or its parent (the benchmark script) goes away. Children
 * die with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define MIB	(1UL << 20)
#define GIB	(1UL << 30)
#define HUGE	(2 * MIB)

static size_t psz;

static void die(const char *what)
{
	fprintf(stderr, "workload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fputs("usage: workload anon4k MIB | thp MIB | sparse GIB RUNS MIB\n"
	      "                | file MIB DIR | shared MIB KIDS\n"
	      "                | forkcow MIB KIDS | vmas N\n", stderr);
	exit(64);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || !v)
		usage();
	return v;
}

/* len bytes at an align-aligned address, anonymous unless fd >= 0. */
static char *map_aligned(size_t len, size_t align, int prot, int flags, int fd)
{
	char *res, *p;

	res = mmap(NULL, len + align, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (res == MAP_FAILED)
		die("mmap reserve");
	p = res + (align - (uintptr_t)res % align) % align;
	if (fd < 0)
		flags |= MAP_ANONYMOUS;
	if (mmap(p, len, prot, flags | MAP_FIXED, fd, 0) == MAP_FAILED)
		die("mmap");
	return p;
}

static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += psz)
		p[i] = 1;
}

static unsigned long read_through(const char *p, size_t len)
{
	unsigned long sum = 0;

	for (size_t i = 0; i < len; i += psz)
		sum += *(const volatile char *)(p + i);
	return sum;
}

static unsigned long anon(size_t len, int advice)
{
	char *p = map_aligned(len, advice == MADV_HUGEPAGE ? HUGE : psz,
			      PROT_READ | PROT_WRITE, MAP_PRIVATE, -1);

	if (madvise(p, len, advice))
		die("madvise");
	touch(p, len);
	return len / psz;
}

static unsigned long sparse(size_t len, unsigned long runs, size_t run)
{
	char *p = mmap(NULL, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	size_t step = len / runs / HUGE * HUGE;

	if (p == MAP_FAILED)
		die("mmap reservation");
	if (step < run + HUGE)
		usage();
	for (unsigned long i = 0; i < runs; i++) {
		/* Past the start of each slot, so no two windows touch. */
		char *w = p + i * step + step / 2;

		if (mprotect(w, run, PROT_READ | PROT_WRITE) ||
		    madvise(w, run, MADV_NOHUGEPAGE))
			die("mprotect");
		touch(w, run);
	}
	return runs * run / psz;
}

static unsigned long file(size_t len, const char *dir)
{
	char path[4096], *buf, *p;
	int fd;

	snprintf(path, sizeof(path), "%s/vmascope-bench.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		die(path);
	unlink(path);
	buf = malloc(MIB);
	if (!buf)
		die("malloc");
	memset(buf, 0x44, MIB);
	for (size_t done = 0; done < len; done += MIB)
		if (write(fd, buf, MIB) != (ssize_t)MIB)
			die("write");
	free(buf);
	/* Clean pages: no writeback changes their flags while we measure. */
	if (fsync(fd))
		die("fsync");
	p = map_aligned(len, psz, PROT_READ, MAP_SHARED, fd);
	close(fd);
	read_through(p, len);
	return len / psz;
}

/*
 * kids children of p (len bytes), each first calling child(p, len, i);
 * they then wait until the parent goes away. Their command line reads
 * "workload child": smem -P "workload NAME" finds the parent alone.
 */
static void fork_kids(char *p, size_t len, unsigned long kids, char **argv,
		      void (*child)(char *, size_t, unsigned long))
{
	int pfd[2], done[2];
	char c;

	if (pipe(pfd) || pipe(done))
		die("pipe");
	for (unsigned long i = 0; i < kids; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid > 0)
			continue;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(pfd[1]);
		memset(argv[1], 0, strlen(argv[1]));	/* room for "child" */
		memcpy(argv[1], "child", 5);
		child(p, len, i);
		if (write(done[1], "", 1) != 1)
			die("write");
		while (read(pfd[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(pfd[0]);	/* pfd[1] stays open: the children wait on it */
	close(done[1]);
	/* Ready only when every child has laid out its pages. */
	for (unsigned long i = 0; i < kids; i++)
		if (read(done[0], &c, 1) != 1)
			die("read");
	close(done[0]);
}

static void kid_read(char *p, size_t len, unsigned long i)
{
	(void)i;
	read_through(p, len);
}

static unsigned long shared(size_t len, unsigned long kids, char **argv)
{
	char *p = map_aligned(len, psz, PROT_READ | PROT_WRITE, MAP_SHARED, -1);

	touch(p, len);
	fork_kids(p, len, kids, argv, kid_read);
	return len / psz;
}

/* Child i breaks the sharing of slice i (of 32) by writing it. */
static void kid_cow(char *p, size_t len, unsigned long i)
{
	size_t slice = len / 32 / psz * psz;

	if (i < 32)
		touch(p + i * slice, slice);
}

static unsigned long forkcow(size_t len, unsigned long kids, char **argv)
{
	char *p = map_aligned(len, psz, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1);

	if (madvise(p, len, MADV_NOHUGEPAGE))
		die("madvise");
	touch(p, len);
	fork_kids(p, len, kids, argv, kid_cow);
	return len / psz;
}

static unsigned long vmas(unsigned long n)
{
	char *p = mmap(NULL, n * psz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	for (unsigned long i = 0; i < n; i += 2) {
		p[i * psz] = 1;
		if (i + 1 < n && mprotect(p + (i + 1) * psz, psz, PROT_READ))
			die("mprotect");
	}
	return (n + 1) / 2;
}

int main(int argc, char **argv)
{
	pid_t parent = getppid();
	unsigned long pages;
	psz = (size_t)sysconf(_SC_PAGESIZE);
	if (argc < 3)
		usage();
	/* Never outlive the benchmark, even when it is killed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		return 1;
	if (!strcmp(argv[1], "anon4k") && argc == 3)
		pages = anon(num(argv[2]) * MIB, MADV_NOHUGEPAGE);
	else if (!strcmp(argv[1], "thp") && argc == 3)
		pages = anon(num(argv[2]) * MIB, MADV_HUGEPAGE);
	else if (!strcmp(argv[1], "sparse") && argc == 5)
		pages = sparse(num(argv[2]) * GIB, num(argv[3]), num(argv[4]) * MIB);
	else if (!strcmp(argv[1], "file") && argc == 4)
		pages = file(num(argv[2]) * MIB, argv[3]);
	else if (!strcmp(argv[1], "shared") && argc == 4)
		pages = shared(num(argv[2]) * MIB, num(argv[3]), argv);
	else if (!strcmp(argv[1], "forkcow") && argc == 4)
		pages = forkcow(num(argv[2]) * MIB, num(argv[3]), argv);
	else if (!strcmp(argv[1], "vmas") && argc == 3)
		pages = vmas(num(argv[2]));
	else
		usage();
	printf("ready %lu\n", pages);
	fflush(stdout);
	for (;;)
		pause();
}
