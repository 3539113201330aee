/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagepeek: the live tests' own, deliberately simple reading of pagemap
 * and /proc/kpage*: plain preads, one frame at a time, no PAGEMAP_SCAN and
 * nothing shared with vmascope's code, so that it can check the engine.
 *
 *	pagepeek pages PID START END
 *		one line per present or swapped page of [START, END) (hex):
 *		ADDR PFN KPAGEFLAGS KPAGECOUNT, all hex but the count
 *	pagepeek vmas PID
 *		one line per VMA: START END then, in bytes, RSS PSS USS SWAP
 *		THP LOCKED ZERO KSM, counted as SPEC.md says (PSS rounded once)
 *		with the zero page left out of RSS/PSS/USS and counted in ZERO
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAPPED	(1ULL << 62)
#define PM_PFN		((1ULL << 55) - 1)
#define KPF_THP		(1ULL << 22)
#define KPF_KSM		(1ULL << 21)
#define KPF_ZERO	(1ULL << 24)
#define KPF_MLOCKED	(1ULL << 33)
#define PSS_SHIFT	12
#define CHUNK		4096

static int pm_fd, kf_fd, kc_fd;
static long psz;

static void die(const char *what)
{
	fprintf(stderr, "pagepeek: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint64_t kread(int fd, uint64_t pfn)
{
	uint64_t v = 0;

	if (pread(fd, &v, 8, (off_t)(pfn * 8)) != 8)
		return 0;
	return v;
}

/* Entries of [addr, addr + n pages); returns how many could be read. */
static size_t pm_read(uint64_t addr, size_t n, uint64_t *out)
{
	ssize_t r = pread(pm_fd, out, n * 8, (off_t)(addr / psz * 8));

	if (r < 0)
		die("pread pagemap");
	return (size_t)r / 8;
}

static void pages(uint64_t start, uint64_t end)
{
	static uint64_t e[CHUNK];

	for (uint64_t a = start; a < end;) {
		size_t n = (end - a) / psz < CHUNK ? (end - a) / psz : CHUNK;

		n = pm_read(a, n, e);
		if (!n)
			break;
		for (size_t i = 0; i < n; i++, a += psz) {
			uint64_t pfn = e[i] & PM_PFN;

			if (e[i] & PM_PRESENT)
				printf("%" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIu64 "\n",
				       a, pfn, kread(kf_fd, pfn), kread(kc_fd, pfn));
			else if (e[i] & PM_SWAPPED)
				printf("%" PRIx64 " swap %" PRIx64 " 0 0\n", a, e[i]);
		}
	}
}

struct acc {
	uint64_t rss, uss, swap, thp, locked, zero, ksm, pss_fp;
};

static void vma(uint64_t start, uint64_t end)
{
	static uint64_t e[CHUNK];
	struct acc s = { 0 };

	for (uint64_t a = start; a < end;) {
		size_t n = (end - a) / psz < CHUNK ? (end - a) / psz : CHUNK;

		n = pm_read(a, n, e);
		if (!n)
			break;
		for (size_t i = 0; i < n; i++, a += psz) {
			uint64_t pfn = e[i] & PM_PFN, fl, cnt;

			if (e[i] & PM_SWAPPED)
				s.swap += psz;
			if (!(e[i] & PM_PRESENT))
				continue;
			fl = kread(kf_fd, pfn);
			cnt = kread(kc_fd, pfn);
			if (fl & KPF_ZERO) {
				s.zero += psz;
				continue;
			}
			if (cnt == 0)	/* unmapped meanwhile, or a special page */
				continue;
			s.rss += psz;
			s.pss_fp += ((uint64_t)psz << PSS_SHIFT) / cnt;
			if (cnt == 1)
				s.uss += psz;
			if (fl & KPF_THP)
				s.thp += psz;
			if (fl & KPF_MLOCKED)
				s.locked += psz;
			if (fl & KPF_KSM)
				s.ksm += psz;
		}
	}
	printf("%" PRIx64 " %" PRIx64 " %" PRIu64 " %" PRIu64 " %" PRIu64
	       " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
	       start, end, s.rss,
	       (uint64_t)((s.pss_fp + (1ULL << (PSS_SHIFT - 1))) >> PSS_SHIFT), s.uss,
	       s.swap, s.thp, s.locked, s.zero, s.ksm);
}

static void vmas(const char *pid)
{
	char path[64], line[4096];
	uint64_t s, e;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	f = fopen(path, "r");
	if (!f)
		die(path);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, &s, &e) != 2)
			continue;
		if (strstr(line, "[vsyscall]"))	/* beyond pagemap */
			continue;
		vma(s, e);
	}
	fclose(f);
}

static int open_or_die(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(path);
	return fd;
}

int main(int argc, char **argv)
{
	char path[64];

	if (argc < 3) {
		fputs("usage: pagepeek pages PID START END | pagepeek vmas PID\n",
		      stderr);
		return 64;
	}
	psz = sysconf(_SC_PAGESIZE);
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[2]);
	pm_fd = open_or_die(path);
	kf_fd = open_or_die("/proc/kpageflags");
	kc_fd = open_or_die("/proc/kpagecount");
	if (!strcmp(argv[1], "pages") && argc == 5)
		pages(strtoull(argv[3], NULL, 16), strtoull(argv[4], NULL, 16));
	else if (!strcmp(argv[1], "vmas") && argc == 3)
		vmas(argv[2]);
	else
		return 64;
	return fflush(stdout) ? 1 : 0;
}
