/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagecost: the two reference readers vmascope's per-VMA counters are
 * measured against. Both read the process's pagemap sequentially over its
 * VMAs in batches and sum RSS, PSS and USS; they differ in the frame
 * lookups:
 *	floor PID	sorted batches of PFNs, merged into runs, one pread of
 *			kpageflags and one of kpagecount per run, for every
 *			present page: the least a walk of every page pays.
 *	floor-cg PID	floor, and kpagecgroup of every present page too:
 *			the floor of a walk asked for the CGROUP column
 *	floor-excl PID	the same as floor, but kpagecount only for the pages pagemap
 *			does not already call exclusive (bit 56: map count
 *			1): the least a reader of these files can do.
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
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_PFN		((1ULL << 55) - 1)
#define KPF_ZERO_PAGE	(1ULL << 24)
#define BATCH		65536	/* pages per pagemap read */
#define RUN_GAP		16	/* read through holes up to this many PFNs */
#define PSS_SHIFT	12

struct frame {
	uint64_t pfn;
	size_t i;	/* its page in the batch */
};

struct cost {
	int pm, kf, kc, kg;
	long psz;
	int naive;
	int excl;		/* skip kpagecount for exclusive pages */
	int cg;			/* read kpagecgroup too */
	uint64_t ent[BATCH], fl[BATCH], cnt[BATCH], cgi[BATCH];
	struct frame fr[BATCH];
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

static int cmp_frame(const void *a, const void *b)
{
	uint64_t x = ((const struct frame *)a)->pfn;
	uint64_t y = ((const struct frame *)b)->pfn;

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

/* out[fr[k].i] = the entry of fr[k].pfn in fd, for n frames: sorted,
 * merged into runs, one pread per run. */
static void lookup_runs(int fd, struct frame *fr, size_t n, uint64_t *out)
{
	static uint64_t buf[BATCH + RUN_GAP];

	qsort(fr, n, sizeof(*fr), cmp_frame);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1, len;
		uint64_t base = fr[i].pfn;

		while (j < n && fr[j].pfn - fr[j - 1].pfn <= RUN_GAP &&
		       fr[j].pfn - base < BATCH)
			j++;
		len = fr[j - 1].pfn - base + 1;
		pread_all(fd, buf, len * 8, (off_t)(base * 8));
		for (; i < j; i++)
			out[fr[i].i] = buf[fr[i].pfn - base];
	}
}

static void batch(struct cost *c, uint64_t addr, size_t n)
{
	size_t np = 0, nc = 0;

	pread_all(c->pm, c->ent, n * 8, (off_t)(addr / c->psz * 8));
	for (size_t i = 0; i < n; i++) {
		uint64_t e = c->ent[i];

		if (!(e & PM_PRESENT))
			continue;
		if (c->naive) {
			pread_all(c->kf, &c->fl[i], 8, (off_t)((e & PM_PFN) * 8));
			pread_all(c->kc, &c->cnt[i], 8, (off_t)((e & PM_PFN) * 8));
			account(c, c->fl[i], c->cnt[i]);
			continue;
		}
		c->fr[np++] = (struct frame){ e & PM_PFN, i };
		c->cnt[i] = 1;
	}
	if (c->naive)
		return;
	lookup_runs(c->kf, c->fr, np, c->fl);
	if (c->cg)	/* read, not summed: what a CGROUP column costs */
		lookup_runs(c->kg, c->fr, np, c->cgi);
	/* floor-excl: the count only where pagemap does not say "exclusive". */
	for (size_t k = 0; k < np; k++)
		if (!c->excl || !(c->ent[c->fr[k].i] & PM_EXCLUSIVE))
			c->fr[nc++] = c->fr[k];
	lookup_runs(c->kc, c->fr, nc, c->cnt);
	for (size_t i = 0; i < n; i++)
		if (c->ent[i] & PM_PRESENT)
			account(c, c->fl[i], c->cnt[i]);
}

int main(int argc, char **argv)
{
	static struct cost c;
	char path[64], line[4096];
	uint64_t s, e;
	FILE *maps;

	if (argc != 3 || (strcmp(argv[1], "floor") &&
			  strcmp(argv[1], "floor-excl") &&
			  strcmp(argv[1], "floor-cg") &&
			  strcmp(argv[1], "naive"))) {
		fputs("usage: pagecost floor|floor-cg|floor-excl|naive PID\n",
		      stderr);
		return 64;
	}
	c.naive = !strcmp(argv[1], "naive");
	c.excl = !strcmp(argv[1], "floor-excl");
	c.cg = !strcmp(argv[1], "floor-cg");
	c.psz = sysconf(_SC_PAGESIZE);
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[2]);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[2]);
	c.pm = open(path, O_RDONLY);
	c.kf = open("/proc/kpageflags", O_RDONLY);
	c.kc = open("/proc/kpagecount", O_RDONLY);
	c.kg = c.cg ? open("/proc/kpagecgroup", O_RDONLY) : 0;
	if (!maps || c.pm < 0 || c.kf < 0 || c.kc < 0 || c.kg < 0)
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
