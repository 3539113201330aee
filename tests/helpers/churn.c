/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * churn: a machine that never holds still, for tests/hardening/races.sh.
 *
 *	churn SECONDS EXITLOG
 *
 * Keeps up to 8 children alive; each maps fresh memory (private and
 * shared anonymous, a few pages at a time), writes it, unmaps some, and
 * exits after a few milliseconds. The parent logs each child to EXITLOG,
 * flushed at once: "+PID" when forked, "-PID" when reaped. Ends after
 * SECONDS, killing what is left.
 *
 * So that a (PID, address) pair, once it has a frame, keeps that frame
 * until it is unmapped or its process is gone (what races.sh checks of
 * pfn --who):
 *  - the parent fills a "stable" region of STABLE_PAGES before the first
 *    fork and never writes to it again; the children only read it (so
 *    every child shares its frames: pfn --who finds many processes);
 *  - a child maps every new region at an address it has never used
 *    before (MAP_FIXED_NOREPLACE above CHURN_BASE, always going up).
 * Prints "ready PARENTPID STABLEADDR STABLEPAGES CHURNBASE CHURNEND" on
 * stdout when the stable region is in place.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define STABLE_PAGES 64
#define MAX_CHILDREN 8
#define CHURN_BASE 0x500000000000ULL
#define CHURN_SPAN 0x001000000000ULL	/* 64 GiB of fresh addresses */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void child(const volatile char *stable, size_t psz, unsigned seed)
{
	uintptr_t next = CHURN_BASE;
	double end = now() + 0.002 + (seed % 20) / 1000.0;
	volatile unsigned long sum = 0;
	void *keep[16];
	int nkeep = 0, i;

	for (i = 0; i < STABLE_PAGES; i++)
		sum += (unsigned char)stable[(size_t)i * psz];
	while (now() < end) {
		size_t pages = 1 + (seed = seed * 1103515245 + 12345) % 8;
		int shared = (seed >> 8) & 1;
		char *p;

		p = mmap((void *)next, pages * psz, PROT_READ | PROT_WRITE,
			 (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS |
			 MAP_FIXED_NOREPLACE, -1, 0);
		/* Never the same address twice in this process. */
		next += (pages + 1) * psz;
		if (next >= CHURN_BASE + CHURN_SPAN)
			break;
		if (p == MAP_FAILED)
			continue;
		if ((uintptr_t)p != next - (pages + 1) * psz) {
			munmap(p, pages * psz);	/* old kernel: hint only */
			continue;
		}
		for (i = 0; i < (int)pages; i++)
			p[(size_t)i * psz] = (char)(seed + i);
		if (nkeep < 16 && (seed >> 12) & 1)
			keep[nkeep++] = p;
		else
			munmap(p, pages * psz);
	}
	(void)keep;
	_exit(0);
}

int main(int argc, char **argv)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE);
	pid_t kids[MAX_CHILDREN] = { 0 };
	double end;
	unsigned seed = (unsigned)getpid();
	FILE *log;
	char *stable;
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: churn SECONDS EXITLOG\n");
		return 2;
	}
	end = now() + atof(argv[1]);
	log = fopen(argv[2], "a");
	if (!log) {
		perror(argv[2]);
		return 1;
	}
	stable = mmap(NULL, STABLE_PAGES * psz, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stable == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise(stable, STABLE_PAGES * psz, MADV_NOHUGEPAGE);
	for (i = 0; i < STABLE_PAGES; i++)
		stable[(size_t)i * psz] = (char)(i + 1);
	printf("ready %d %#lx %d %#llx %#llx\n", (int)getpid(),
	       (unsigned long)stable, STABLE_PAGES, CHURN_BASE,
	       CHURN_BASE + CHURN_SPAN);
	fflush(stdout);

	while (now() < end) {
		int status;
		pid_t pid;

		for (i = 0; i < MAX_CHILDREN; i++) {
			if (kids[i])
				continue;
			seed = seed * 1103515245 + 12345;
			kids[i] = fork();
			if (kids[i] == 0)
				child(stable, psz, seed);
			if (kids[i] < 0)
				kids[i] = 0;
			else
				fprintf(log, "+%d\n", (int)kids[i]);
			fflush(log);
		}
		pid = wait(&status);
		if (pid <= 0)
			continue;
		for (i = 0; i < MAX_CHILDREN; i++)
			if (kids[i] == pid)
				kids[i] = 0;
		fprintf(log, "-%d\n", (int)pid);
		fflush(log);
	}
	for (i = 0; i < MAX_CHILDREN; i++)
		if (kids[i])
			kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
