/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memlayout: lay out memory whose physical picture is known, print where,
 * then wait until killed or stdin closes. The live tests and the benchmark
 * run vmascope on it and check the counts the layout implies.
 *
 * Output, one line each, hex addresses without 0x, then flushed:
 *	region NAME START END PAGES	(PAGES: pages the region populated)
 *	children PID...			(only with -s)
 *	ready
 *
 * Every region lies between PROT_NONE guard pages and carries its own
 * anonymous name where the kernel has them, so no two regions merge into
 * one VMA. The shared region and its children come first: children forked
 * later would share (copy-on-write) every other region too.
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PR_SET_VMA
#define PR_SET_VMA		0x53564d41
#define PR_SET_VMA_ANON_NAME	0
#endif

#define MIB (1UL << 20)
#define GIB (1UL << 30)
#define THP_SIZE (2 * MIB)

struct layout {
	size_t psz;
	unsigned long anon, file, shared, locked, zero, ksm;
	unsigned long thp_mib, children;
	unsigned long sparse_gib, sparse_pages;
	const char *dir;
	pid_t kids[64];
	int nkids;
};

static void die(const char *what)
{
	fprintf(stderr, "memlayout: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void dief(const char *msg)
{
	fprintf(stderr, "memlayout: %s\n", msg);
	exit(1);
}

static void report(const char *name, const void *start, size_t len,
		   unsigned long pages)
{
	printf("region %s %lx %lx %lu\n", name, (unsigned long)start,
	       (unsigned long)start + len, pages);
}

static void name_vma(void *p, size_t len, const char *name)
{
	char buf[64];

	/* Best effort: older kernels lack it, the guards still separate. */
	snprintf(buf, sizeof(buf), "vms-%s", name);
	prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long)p, len,
	      (unsigned long)buf);
}

/*
 * len bytes at an align-aligned address, with at least one PROT_NONE page
 * on each side. fd < 0: anonymous.
 */
static void *map_region(struct layout *L, size_t len, size_t align,
			int prot, int flags, int fd)
{
	size_t span = len + align + 2 * L->psz;
	char *res, *p;

	res = mmap(NULL, span, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (res == MAP_FAILED)
		die("mmap reserve");
	p = res + L->psz;
	p += (align - (uintptr_t)p % align) % align;
	if (fd < 0)
		flags |= MAP_ANONYMOUS;
	if (mmap(p, len, prot, flags | MAP_FIXED, fd, 0) == MAP_FAILED)
		die("mmap");
	return p;
}

static void touch(char *p, size_t len, size_t psz, int c)
{
	for (size_t i = 0; i < len; i += psz)
		memset(p + i, c, psz);
}

static unsigned long read_all(const char *p, size_t len, size_t psz)
{
	unsigned long sum = 0;

	for (size_t i = 0; i < len; i += psz)
		sum += *(const volatile char *)(p + i);
	return sum;
}

/* A child shares the shared region: it reads every page, then waits for
 * the parent to go (its end of the pipe closes). */
static void child(const char *p, size_t len, size_t psz, const int pfd[2])
{
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	close(pfd[1]);
	read_all(p, len, psz);
	while (read(pfd[0], &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static void do_shared(struct layout *L, const int pfd[2])
{
	size_t len = L->shared * L->psz;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_SHARED, -1);

	name_vma(p, len, "shared");
	touch(p, len, L->psz, 0x33);
	for (unsigned long i = 0; i < L->children; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0)
			child(p, len, L->psz, pfd);
		L->kids[L->nkids++] = pid;
	}
	report("shared", p, len, L->shared);
}

static void do_anon(struct layout *L)
{
	size_t len = L->anon * L->psz;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE, -1);

	name_vma(p, len, "anon");
	touch(p, len, L->psz, 0x11);
	report("anon", p, len, L->anon);
}

/* AnonHugePages of the VMA at p in our own smaps, in kB, or -1. */
static long smaps_thp_kb(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	unsigned long s, e;
	long kb = -1;
	int in = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		/* Key lines never parse as "hex-hex": "AnonHugePages" stops at 'n'. */
		if (sscanf(line, "%lx-%lx ", &s, &e) == 2) {
			in = s == (unsigned long)p;
			continue;
		}
		if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static void do_thp(struct layout *L)
{
	size_t len = L->thp_mib * MIB;
	char *p = map_region(L, len, THP_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE, -1);
	long kb;

	if (madvise(p, len, MADV_HUGEPAGE))
		die("madvise MADV_HUGEPAGE");
	name_vma(p, len, "thp");
	touch(p, len, L->psz, 0x22);
	kb = smaps_thp_kb(p);
	/* The test decides what to do with a partial THP; say it here. */
	if (kb * 1024 != (long)len)
		fprintf(stderr, "memlayout: thp region got %ld kB of huge pages, not %zu\n",
			kb, len / 1024);
	report("thp", p, len, len / L->psz);
}

static void do_file(struct layout *L)
{
	size_t len = L->file * L->psz;
	char path[4096], *buf, *p;
	int fd;

	snprintf(path, sizeof(path), "%s/memlayout.XXXXXX", L->dir);
	fd = mkstemp(path);
	if (fd < 0)
		die(path);
	unlink(path);
	buf = malloc(L->psz);
	if (!buf)
		die("malloc");
	memset(buf, 0x44, L->psz);
	for (unsigned long i = 0; i < L->file; i++)
		if (write(fd, buf, L->psz) != (ssize_t)L->psz)
			die("write");
	free(buf);
	p = map_region(L, len, L->psz, PROT_READ, MAP_PRIVATE, fd);
	close(fd);
	read_all(p, len, L->psz);
	report("file", p, len, L->file);
}

static void do_locked(struct layout *L)
{
	size_t len = L->locked * L->psz;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE, -1);

	name_vma(p, len, "locked");
	touch(p, len, L->psz, 0x55);
	if (mlock(p, len))
		die("mlock");
	report("locked", p, len, L->locked);
}

static void do_zero(struct layout *L)
{
	size_t len = L->zero * L->psz;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE, -1);

	name_vma(p, len, "zero");
	/* A read fault on anonymous memory maps the shared zero page. */
	read_all(p, len, L->psz);
	report("zero", p, len, L->zero);
}

static void do_ksm(struct layout *L)
{
	size_t len = L->ksm * L->psz;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE, -1);
	struct { pid_t pid; struct timespec ts; } tag = { .pid = getpid() };

	name_vma(p, len, "ksm");
	touch(p, len, L->psz, 0x5a);
	/* Equal to each other, to no page of any other process or run. */
	clock_gettime(CLOCK_REALTIME, &tag.ts);
	for (size_t i = 0; i < len; i += L->psz)
		memcpy(p + i, &tag, sizeof(tag));
	if (madvise(p, len, MADV_MERGEABLE))
		die("madvise MADV_MERGEABLE");
	report("ksm", p, len, L->ksm);
}

/*
 * A large reservation, populated here and there: runs of 16 pages spread
 * evenly, then a stretch where every other page is written (over 512
 * separate present ranges: PAGEMAP_SCAN must resume correctly), and four
 * pages only read (the zero page). Finally a window in the middle is made
 * read-only, splitting the VMA in three with pages on each side.
 */
static void do_sparse(struct layout *L)
{
	size_t len = L->sparse_gib * GIB, run = 16 * L->psz, step;
	unsigned long nruns = (L->sparse_pages + 15) / 16, pages = 0;
	char *p = map_region(L, len, L->psz, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_NORESERVE, -1);
	char *alt, *mid;

	name_vma(p, len, "sparse");
	if (madvise(p, len, MADV_NOHUGEPAGE))
		die("madvise MADV_NOHUGEPAGE");
	step = (len / 2) / nruns / L->psz * L->psz;
	if (step < run)
		dief("sparse: too many pages for the size");
	for (unsigned long i = 0; i < nruns; i++) {
		touch(p + i * step, run, L->psz, 0x66);
		pages += 16;
	}
	alt = p + len / 2 + 3 * L->psz;
	for (int i = 0; i < 1200; i++) {
		touch(alt + 2 * i * L->psz, L->psz, L->psz, 0x77);
		pages++;
	}
	for (int i = 0; i < 4; i++) {
		read_all(p + len - (size_t)(3 + 7 * i) * L->psz, L->psz, L->psz);
		pages++;
	}
	mid = p + len / 4;
	if (mprotect(mid, len / 8, PROT_READ))
		die("mprotect");
	report("sparse", p, len, pages);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end)
		dief("bad number");
	return v;
}

static void usage(void)
{
	fputs("usage: memlayout [-a PAGES] [-t MIB] [-f PAGES] [-s PAGES -c CHILDREN]\n"
	      "                 [-l PAGES] [-z PAGES] [-k PAGES] [-S GIB -P PAGES] [-d DIR]\n"
	      "  -a  anonymous pages, written     -t  MADV_HUGEPAGE region (MiB, 2M aligned)\n"
	      "  -f  file pages, MAP_PRIVATE read -s  MAP_SHARED anonymous pages, written\n"
	      "  -c  children that read -s        -l  mlocked pages\n"
	      "  -z  anonymous pages, only read    -k  identical MADV_MERGEABLE pages\n"
	      "  -S  sparse reservation (GiB)      -P  pages populated in it\n"
	      "  -d  directory for the file of -f (default $TMPDIR or /var/tmp)\n",
	      stderr);
	exit(64);
}

int main(int argc, char **argv)
{
	struct layout L = { .psz = (size_t)sysconf(_SC_PAGESIZE) };
	int opt, pfd[2];
	char c;

	L.dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/var/tmp";
	while ((opt = getopt(argc, argv, "a:t:f:s:c:l:z:k:S:P:d:h")) != -1) {
		switch (opt) {
		case 'a': L.anon = num(optarg); break;
		case 't': L.thp_mib = num(optarg); break;
		case 'f': L.file = num(optarg); break;
		case 's': L.shared = num(optarg); break;
		case 'c': L.children = num(optarg); break;
		case 'l': L.locked = num(optarg); break;
		case 'z': L.zero = num(optarg); break;
		case 'k': L.ksm = num(optarg); break;
		case 'S': L.sparse_gib = num(optarg); break;
		case 'P': L.sparse_pages = num(optarg); break;
		case 'd': L.dir = optarg; break;
		default: usage();
		}
	}
	if (optind != argc || L.children > 64 || (L.children && !L.shared) ||
	    L.thp_mib % 2 || (L.sparse_gib && !L.sparse_pages))
		usage();
	if (pipe(pfd))
		die("pipe");

	if (L.shared)
		do_shared(&L, pfd);
	close(pfd[0]);
	if (L.anon)
		do_anon(&L);
	if (L.thp_mib)
		do_thp(&L);
	if (L.file)
		do_file(&L);
	if (L.locked)
		do_locked(&L);
	if (L.zero)
		do_zero(&L);
	if (L.ksm)
		do_ksm(&L);
	if (L.sparse_gib)
		do_sparse(&L);
	if (L.nkids) {
		printf("children");
		for (int i = 0; i < L.nkids; i++)
			printf(" %d", (int)L.kids[i]);
		printf("\n");
	}
	printf("ready\n");
	fflush(stdout);

	/* Until stdin closes or a signal ends us; children see the pipe close. */
	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	for (int i = 0; i < L.nkids; i++)
		kill(L.kids[i], SIGKILL);
	for (int i = 0; i < L.nkids; i++)
		waitpid(L.kids[i], NULL, 0);
	return 0;
}
