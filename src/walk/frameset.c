// SPDX-License-Identifier: GPL-2.0-or-later
/* The distinct frames of a scan, numbered by rank (see frameset.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "walk/frameset.h"

/* Frames looked up per kpage_lookup call. */
#define FRAME_CHUNK 16384

void frameset_init(struct frame_set *fs, uint64_t npfn)
{
	memset(fs, 0, sizeof(*fs));
	fs->nwords = (size_t)(npfn + 63) / 64 + 1;
	fs->bits = xcalloc(fs->nwords, sizeof(*fs->bits));
	pthread_mutex_init(&fs->lock, NULL);
}

void frameset_mark(struct frame_set *fs, uint64_t pfn)
{
	uint64_t w = pfn / 64, bit = 1ULL << (pfn % 64);

	if (w < fs->nwords) {
		/* Most frames of a process were marked before: read first. */
		if (!(__atomic_load_n(&fs->bits[w], __ATOMIC_RELAXED) & bit))
			__atomic_fetch_or(&fs->bits[w], bit, __ATOMIC_RELAXED);
		return;
	}
	pthread_mutex_lock(&fs->lock);
	if (fs->nfar == fs->capfar) {
		fs->capfar = fs->capfar ? fs->capfar * 2 : 256;
		fs->far = xreallocarray(fs->far, fs->capfar, sizeof(*fs->far));
	}
	fs->far[fs->nfar++] = pfn;
	pthread_mutex_unlock(&fs->lock);
}

/* The PFNs past the bitmap into it, grown; then the ranks. */
static void number(struct frame_set *fs)
{
	size_t i, need = fs->nwords;
	uint32_t n = 0;

	for (i = 0; i < fs->nfar; i++)
		if (fs->far[i] / 64 + 1 > need)
			need = (size_t)(fs->far[i] / 64) + 1;
	if (need > fs->nwords) {
		fs->bits = xreallocarray(fs->bits, need, sizeof(*fs->bits));
		memset(fs->bits + fs->nwords, 0,
		       (need - fs->nwords) * sizeof(*fs->bits));
		fs->nwords = need;
	}
	for (i = 0; i < fs->nfar; i++)
		fs->bits[fs->far[i] / 64] |= 1ULL << (fs->far[i] % 64);
	free(fs->far);
	fs->far = NULL;
	fs->nfar = fs->capfar = 0;
	fs->rank = xmalloc(fs->nwords * sizeof(*fs->rank));
	for (i = 0; i < fs->nwords; i++) {
		fs->rank[i] = n;
		n += (uint32_t)__builtin_popcountll(fs->bits[i]);
	}
	fs->n = n;
}

static void store(struct frame_set *fs, size_t id,
		  const struct kpage_info *ki, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fs->info[id + i] = (struct frame_info){
			ki[i].count > UINT32_MAX ? UINT32_MAX :
						    (uint32_t)ki[i].count,
			frameset_pack(ki[i].flags),
		};
}

int frameset_resolve(struct frame_set *fs, struct kpage *k)
{
	uint64_t *pfns = xmalloc(FRAME_CHUNK * sizeof(*pfns));
	struct kpage_info *ki = xmalloc(FRAME_CHUNK * sizeof(*ki));
	size_t w, id = 0, n = 0;
	int rc = 0;

	number(fs);
	fs->info = xcalloc(fs->n + 1, sizeof(*fs->info));
	/* The set bits come in PFN order: the chunks are sorted runs. */
	for (w = 0; w < fs->nwords && !rc; w++) {
		uint64_t b = fs->bits[w];

		while (b && !rc) {
			pfns[n++] = w * 64 + (uint64_t)__builtin_ctzll(b);
			b &= b - 1;
			if (n < FRAME_CHUNK)
				continue;
			rc = kpage_lookup(k, pfns, n, ki);
			store(fs, id, ki, n);
			id += n;
			n = 0;
		}
	}
	if (n && !rc) {
		rc = kpage_lookup(k, pfns, n, ki);
		store(fs, id, ki, n);
	}
	free(pfns);
	free(ki);
	return rc;
}

bool frameset_get(const struct frame_set *fs, uint64_t pfn,
		  struct kpage_info *ki)
{
	uint64_t w = pfn / 64, bit = 1ULL << (pfn % 64);
	const struct frame_info *fi;

	if (w >= fs->nwords || !(fs->bits[w] & bit) || !fs->info)
		return false;
	fi = &fs->info[fs->rank[w] +
		       (size_t)__builtin_popcountll(fs->bits[w] & (bit - 1))];
	ki->count = fi->count;
	ki->flags = frameset_unpack(fi->flags);
	ki->cgroup = 0;
	return true;
}

void frameset_free(struct frame_set *fs)
{
	free(fs->bits);
	free(fs->rank);
	free(fs->info);
	free(fs->far);
	pthread_mutex_destroy(&fs->lock);
	memset(fs, 0, sizeof(*fs));
}
