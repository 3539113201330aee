// SPDX-License-Identifier: GPL-2.0-or-later
/* share's pairs and peers: the processes that map each shared frame. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/sharelinks.h"

/* Frames that count as shared memory between processes. */
bool share_sharable(const struct kpage_info *ki)
{
	return ki->count && !(ki->flags & (KPF(ZERO_PAGE) | KPF(HUGE)));
}

/*
 * PEERS: memory made at run time, anonymous (fork's copy-on-write pages)
 * or shmem (SysV, POSIX, memfd, tmpfs); not the page cache of files every
 * process maps (libc), nor the kernel's reserved vDSO frames: those would
 * make every process a peer of every other.
 */
bool share_peer_sharable(const struct kpage_info *ki)
{
	return share_sharable(ki) && !(ki->flags & KPF(RESERVED)) &&
	       (ki->flags & (KPF(ANON) | KPF(SWAPBACKED)));
}

void share_link_frame(const struct share *s, struct share_links *l,
		      uint32_t proc, uint64_t pfn)
{
	const struct frame_set *fs = &s->fs;
	uint64_t w = pfn / 64;
	uint64_t id = fs->rank[w] + (uint64_t)__builtin_popcountll(
		fs->bits[w] & ((1ULL << (pfn % 64)) - 1));

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = id << 32 | proc;
}

/* Pairs and peers among the distinct processes that map one frame. */
static void relate(struct share *s, const uint32_t *procs, size_t n,
		   bool pairs, bool peers)
{
	size_t i, j, words = (s->nprocs + 63) / 64;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			uint32_t a = procs[i] < procs[j] ? procs[i] : procs[j];
			uint32_t b = procs[i] ^ procs[j] ^ a;

			if (pairs)
				keytab_add(&s->pairs,
					   ((uint64_t)a << 32 | b) + 1, 1);
			if (peers) {
				s->peerbits[a * words + b / 64] |= 1ULL << (b % 64);
				s->peerbits[b * words + a / 64] |= 1ULL << (a % 64);
			}
		}
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Pairs (any shared frame) and peers (peer_sharable) of frame id. */
static void relate_frame(struct share *s, uint64_t id, const uint32_t *procs,
			 size_t n)
{
	const struct frame_info *fi = &s->fs.info[id];
	struct kpage_info ki = {
		.flags = frameset_unpack(fi->flags), .count = fi->count,
	};
	bool pairs = s->want_pairs && share_sharable(&ki);
	bool peers = s->want_peers && share_peer_sharable(&ki);

	if (pairs || peers)
		relate(s, procs, n, pairs, peers);
}

/* The links of every worker, sorted by frame: each frame's processes. */
void share_relate_links(struct share *s, struct share_links *links,
			unsigned int nw)
{
	struct share_links all = { 0 };
	uint32_t *procs = xmalloc((s->nprocs + 1) * sizeof(*procs));
	size_t i, j, n;
	unsigned int w;

	for (w = 0; w < nw; w++) {
		all.v = xreallocarray(all.v, all.n + links[w].n + 1,
				      sizeof(*all.v));
		if (links[w].n)
			memcpy(all.v + all.n, links[w].v,
			       links[w].n * sizeof(*all.v));
		all.n += links[w].n;
		free(links[w].v);
	}
	if (all.n)
		qsort(all.v, all.n, sizeof(*all.v), cmp_u64);
	for (i = 0; i < all.n; i = j) {
		n = 0;
		for (j = i; j < all.n && all.v[j] >> 32 == all.v[i] >> 32; j++)
			if ((j == i || all.v[j] != all.v[j - 1]) &&
			    !s->procs[(uint32_t)all.v[j]].gone)
				procs[n++] = (uint32_t)all.v[j];
		if (n > 1)
			relate_frame(s, all.v[i] >> 32, procs, n);
	}
	free(all.v);
	free(procs);
}
