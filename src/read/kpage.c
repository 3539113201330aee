// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/kpageflags, kpagecount and kpagecgroup: one u64 per PFN. Lookups
 * are sorted and merged into runs, so each frame is read once and the
 * kernel sees few large preads instead of one per page.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/kpage.h"

static const char *const kpage_files[3] = {
	"kpageflags", "kpagecount", "kpagecgroup"
};

static const char *const kpage_columns[3] = {
	"FLAGS, RAWFLAGS and the counters that need flags",
	"COUNT, PSS, USS and SHARED",
	"CGROUP",
};

/*
 * Two PFNs this close are read as one run. The kernel computes every entry
 * it returns, so a gap costs about as much per entry as a wanted frame;
 * bridging pays only while it saves a syscall: 8 to 16 measured best,
 * 32 and 64 were slower.
 */
#define RUN_GAP 16
/* At most this many entries in one pread (64 KiB). */
#define RUN_MAX 8192

/* A copied file that ends inside an entry: said once, the cut entry unread. */
static void check_size(const struct procfs *p, int fd, int file)
{
	static unsigned int said;
	const char *name = kpage_files[file];
	struct stat st;

	if (p->tree && !fstat(fd, &st) && st.st_size % 8 &&
	    !(__atomic_fetch_or(&said, 1U << file, __ATOMIC_RELAXED) &
	      (1U << file)))
		warnx("%s/%s: %lld bytes, not a whole number of 8-byte "
		      "entries: the last %d bytes are left out", p->root, name,
		      (long long)st.st_size, (int)(st.st_size % 8));
}

void kpage_open(struct kpage *k, const struct procfs *p, unsigned int want)
{
	int i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < 3; i++) {
		k->fd[i] = -1;
		if (!(want & (1U << i)))
			continue;
		k->fd[i] = procfs_openat(p, 0, "%s", kpage_files[i]);
		if (k->fd[i] >= 0) {
			k->avail |= 1U << i;
			check_size(p, k->fd[i], i);
		} else
			warn("cannot read %s/%s; unavailable: %s", p->root,
			     kpage_files[i], kpage_columns[i]);
	}
}

/* Safe on a zeroed struct: only the files kpage_open opened are closed. */
void kpage_close(struct kpage *k)
{
	int i;

	for (i = 0; i < 3 && !k->borrowed; i++)
		if (k->avail & (1U << i))
			close(k->fd[i]);
	free(k->idx);
	free(k->run);
	memset(k, 0, sizeof(*k));
	k->fd[0] = k->fd[1] = k->fd[2] = -1;
}

void kpage_borrow(struct kpage *k, const struct kpage *src)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->fd, src->fd, sizeof(k->fd));
	k->avail = src->avail;
	k->borrowed = true;
}

/*
 * n entries from PFN pfn into buf; entries past the end of the file read
 * as zero. Returns how many were read, or -errno.
 */
static ssize_t read_entries(int fd, uint64_t pfn, size_t n, uint64_t *buf)
{
	size_t done = 0;

	if (pfn > (uint64_t)INT64_MAX / 8 - n)
		return -EOVERFLOW;
	while (done < n) {
		ssize_t r = pread(fd, (char *)buf + done * 8, (n - done) * 8,
				  (off_t)((pfn + done) * 8));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			break;
		done += (size_t)r / 8;
		/* A cut last entry (a damaged tree): the file ends before it. */
		if (r % 8)
			break;
	}
	memset(buf + done, 0, (n - done) * 8);
	return (ssize_t)done;
}

ssize_t kpage_read_file(struct kpage *k, int file, uint64_t pfn, size_t n,
			uint64_t *buf)
{
	if (k->fd[file] < 0)
		return -EBADF;
	return read_entries(k->fd[file], pfn, n, buf);
}

/* Whether file has an entry for pfn. */
static int has_entry(struct kpage *k, int file, uint64_t pfn)
{
	uint64_t e;
	ssize_t r = kpage_read_file(k, file, pfn, 1, &e);

	return r < 0 ? (int)r : r == 1;
}

ssize_t kpage_file_end(struct kpage *k, int file)
{
	uint64_t lo = 0, hi = 1;	/* entries: lo has one, hi none */
	int r;

	r = has_entry(k, file, 0);
	if (r <= 0)
		return r;
	while ((r = has_entry(k, file, hi)) > 0) {
		lo = hi;
		if (hi > (UINT64_C(1) << 52))
			return -EFBIG;
		hi *= 2;
	}
	while (r >= 0 && hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		r = has_entry(k, file, mid);
		if (r > 0)
			lo = mid;
		else
			hi = mid;
	}
	return r < 0 ? r : (ssize_t)hi;
}

static uint64_t *info_field(struct kpage_info *ki, int file)
{
	return file == 0 ? &ki->flags : file == 1 ? &ki->count : &ki->cgroup;
}

ssize_t kpage_read_range(struct kpage *k, uint64_t pfn, size_t n,
			 struct kpage_info *info)
{
	ssize_t most = -1;
	size_t i;
	int f;

	if (k->cap < n) {
		k->run = xreallocarray(k->run, n, sizeof(*k->run));
		k->idx = xreallocarray(k->idx, n, sizeof(*k->idx));
		k->cap = n;
	}
	memset(info, 0, n * sizeof(*info));
	for (f = 0; f < 3; f++) {
		ssize_t r;

		if (k->fd[f] < 0)
			continue;
		r = read_entries(k->fd[f], pfn, n, k->run);
		if (r < 0)
			return r;
		for (i = 0; i < n; i++)
			*info_field(&info[i], f) = k->run[i];
		if (r > most)
			most = r;
	}
	return most < 0 ? 0 : most;
}

/* Sorts indices into pfns (reentrant: scans may run in threads). */
static int cmp_idx(const void *a, const void *b, void *arg)
{
	const uint64_t *pfns = arg;
	uint64_t x = pfns[*(const uint64_t *)a];
	uint64_t y = pfns[*(const uint64_t *)b];

	return (x > y) - (x < y);
}

static void grow(struct kpage *k, size_t n)
{
	if (k->cap >= n && k->cap >= RUN_MAX)
		return;
	k->cap = n > RUN_MAX ? n : RUN_MAX;
	k->idx = xreallocarray(k->idx, k->cap, sizeof(*k->idx));
	k->run = xreallocarray(k->run, k->cap, sizeof(*k->run));
}

/* Read the run [first, last] of the files in which; scatter to info. */
static int read_run(struct kpage *k, unsigned int which, const uint64_t *pfns,
		    size_t lo, size_t hi, struct kpage_info *info)
{
	uint64_t first = pfns[k->idx[lo]];
	size_t n = (size_t)(pfns[k->idx[hi - 1]] - first + 1), i;
	int f;

	for (f = 0; f < 3; f++) {
		ssize_t r;

		if (!(which & (1U << f)))
			continue;
		r = read_entries(k->fd[f], first, n, k->run);
		if (r < 0)
			return (int)r;
		for (i = lo; i < hi; i++)
			*info_field(&info[k->idx[i]], f) =
				k->run[pfns[k->idx[i]] - first];
	}
	return 0;
}

/*
 * Sort the indices 0..n-1 by pfns[i] into k->idx. qsort_r, with a call per
 * comparison, took a tenth of a sparse walk's time; a radix sort of the
 * keys pfn << b | i (b bits hold any index) does it in a few linear
 * passes, 11 bits each, over only the bits the largest key uses. Keys that
 * would not fit in 64 bits (PFNs no machine has) take qsort_r. The order
 * of equal PFNs does not matter: each frame is read once either way.
 */
#define RADIX_BITS 11
static void sort_idx(struct kpage *k, const uint64_t *pfns, size_t n)
{
	size_t cnt[1U << RADIX_BITS];
	unsigned int b = 1, shift;
	uint64_t most = 0, *a = k->idx, *t = k->run, *x;
	size_t i;

	while (((size_t)1 << b) < n)
		b++;
	for (i = 0; i < n; i++)
		if (pfns[i] > most)
			most = pfns[i];
	if (most >> (64 - b)) {
		for (i = 0; i < n; i++)
			k->idx[i] = i;
		qsort_r(k->idx, n, sizeof(*k->idx), cmp_idx, (void *)pfns);
		return;
	}
	for (i = 0; i < n; i++)
		a[i] = pfns[i] << b | i;
	most = most << b | (((uint64_t)1 << b) - 1);
	for (shift = 0; shift < 64 && most >> shift; shift += RADIX_BITS) {
		size_t sum = 0, c;

		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(a[i] >> shift) & ((1U << RADIX_BITS) - 1)]++;
		for (i = 0; i < (1U << RADIX_BITS); i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			t[cnt[(a[i] >> shift) & ((1U << RADIX_BITS) - 1)]++] = a[i];
		x = a;
		a = t;
		t = x;
	}
	for (i = 0; i < n; i++)
		k->idx[i] = a[i] & (((uint64_t)1 << b) - 1);
}

int kpage_lookup_files(struct kpage *k, unsigned int which,
		       const uint64_t *pfns, size_t n, struct kpage_info *info)
{
	size_t i, lo;

	which &= k->avail;
	if (!n || !which)
		return 0;
	grow(k, n);
	sort_idx(k, pfns, n);
	for (lo = 0; lo < n; lo = i) {
		uint64_t first = pfns[k->idx[lo]], prev = first;
		int rc;

		for (i = lo + 1; i < n; i++) {
			uint64_t pfn = pfns[k->idx[i]];

			if (pfn - prev > RUN_GAP || pfn - first >= RUN_MAX)
				break;
			prev = pfn;
		}
		rc = read_run(k, which, pfns, lo, i, info);
		if (rc)
			return rc;
	}
	return 0;
}

int kpage_lookup(struct kpage *k, const uint64_t *pfns, size_t n,
		 struct kpage_info *info)
{
	memset(info, 0, n * sizeof(*info));
	return kpage_lookup_files(k, k->avail, pfns, n, info);
}
