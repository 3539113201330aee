/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagecost: the two reference readers vmascope's per-VMA counters are
 * measured against. Both read the process's pagemap sequentially over its
 * VMAs in batches and sum RSS, PSS and USS; they differ in the frame
 * lookups:
 *	floor PID	sorted batches of PFNs, merged into runs, one pread of
 *			kpageflags and one of kpagecount per run (the least
 *			a reader of these files can do)
 *	naive PID	one 8-byte pread of each file per page (what
 *			tools/mm/page-types does per process)
 * Prints "RSS PSS USS" in bytes.
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
#define PM_PFN		((1ULL << 55) - 1)
#define KPF_ZERO_PAGE	(1ULL << 24)
#define BATCH		65536	/* pages per pagemap read */
#define RUN_GAP		8	/* read through holes up to this many PFNs */
#define PSS_SHIFT	12

struct cost {
	int pm, kf, kc;
	long psz;
	int naive;
	uint64_t ent[BATCH], pfn[BATCH];
	uint64_t rss, uss, pss_fp;
};

static void die(const char *what)
{
	fprintf(stderr, "pagecost: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void pread_all(int fd, void *buf, size_t len, off_t off)
{
	ssize_t r = pread(fd, buf, len, off);

	if (r < 0)
		die("pread");
	if ((size_t)r < len)	/* past the end of memory: leave zeros */
		memset((char *)buf + r, 0, len - r);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void account(struct cost *c, uint64_t fl, uint64_t cnt)
{
	if ((fl & KPF_ZERO_PAGE) || !cnt)
		return;
	c->rss += c->psz;
	c->pss_fp += ((uint64_t)c->psz << PSS_SHIFT) / cnt;
	if (cnt == 1)
		c->uss += c->psz;
}

/* The frames of a batch of n PFNs: sorted, merged into runs, one pread of
 * each file per run. */
static void lookup_runs(struct cost *c, size_t n)
{
	static uint64_t f[BATCH + RUN_GAP], k[BATCH + RUN_GAP];

	qsort(c->pfn, n, sizeof(*c->pfn), cmp_u64);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1, len;
		uint64_t base = c->pfn[i];

		while (j < n && c->pfn[j] - c->pfn[j - 1] <= RUN_GAP &&
		       c->pfn[j] - c->pfn[i] < BATCH)
			j++;
		len = c->pfn[j - 1] - base + 1;
		pread_all(c->kf, f, len * 8, (off_t)(base * 8));
		pread_all(c->kc, k, len * 8, (off_t)(base * 8));
		for (; i < j; i++)
			account(c, f[c->pfn[i] - base], k[c->pfn[i] - base]);
	}
}

static void batch(struct cost *c, uint64_t addr, size_t n)
{
	size_t np = 0;

	pread_all(c->pm, c->ent, n * 8, (off_t)(addr / c->psz * 8));
	for (size_t i = 0; i < n; i++)
		if (c->ent[i] & PM_PRESENT)
			c->pfn[np++] = c->ent[i] & PM_PFN;
	if (!c->naive) {
		lookup_runs(c, np);
		return;
	}
	for (size_t i = 0; i < np; i++) {
		uint64_t f, k;

		pread_all(c->kf, &f, 8, (off_t)(c->pfn[i] * 8));
		pread_all(c->kc, &k, 8, (off_t)(c->pfn[i] * 8));
		account(c, f, k);
	}
}

int main(int argc, char **argv)
{
	static struct cost c;
	char path[64], line[4096];
	uint64_t s, e;
	FILE *maps;

	if (argc != 3 || (strcmp(argv[1], "floor") && strcmp(argv[1], "naive"))) {
		fputs("usage: pagecost floor|naive PID\n", stderr);
		return 64;
	}
	c.naive = !strcmp(argv[1], "naive");
	c.psz = sysconf(_SC_PAGESIZE);
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[2]);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[2]);
	c.pm = open(path, O_RDONLY);
	c.kf = open("/proc/kpageflags", O_RDONLY);
	c.kc = open("/proc/kpagecount", O_RDONLY);
	if (!maps || c.pm < 0 || c.kf < 0 || c.kc < 0)
		die("open");
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, &s, &e) != 2 ||
		    strstr(line, "[vsyscall]"))
			continue;
		for (uint64_t a = s; a < e; a += BATCH * (uint64_t)c.psz) {
			uint64_t n = (e - a) / c.psz;

			batch(&c, a, n < BATCH ? n : BATCH);
		}
	}
	printf("%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", c.rss,
	       (uint64_t)((c.pss_fp + (1ULL << (PSS_SHIFT - 1))) >> PSS_SHIFT),
	       c.uss);
	return 0;
}
