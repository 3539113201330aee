// SPDX-License-Identifier: GPL-2.0-or-later
/* The table of smaps fields: one name per key. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/smaps.h"

/*
 * Each name with its length: the lookup runs once per smaps line. The
 * image is how the kernel starts the line (fs/proc/task_mmu.c): the name
 * and its colon padded with spaces to 16 bytes (its first 16 bytes are
 * compared at once).
 */
#define KEY(k, name) [k] = { name, sizeof(name) - 1, name ":               " }
static const struct {
	const char *name;
	size_t len;
	const char *image;
} smaps_names[SMAPS_NKEYS] = {
	KEY(SMAPS_SIZE, "Size"),
	KEY(SMAPS_KERNEL_PAGE_SIZE, "KernelPageSize"),
	KEY(SMAPS_MMU_PAGE_SIZE, "MMUPageSize"),
	KEY(SMAPS_RSS, "Rss"),
	KEY(SMAPS_PSS, "Pss"),
	KEY(SMAPS_PSS_DIRTY, "Pss_Dirty"),
	KEY(SMAPS_PSS_ANON, "Pss_Anon"),
	KEY(SMAPS_PSS_FILE, "Pss_File"),
	KEY(SMAPS_PSS_SHMEM, "Pss_Shmem"),
	KEY(SMAPS_SHARED_CLEAN, "Shared_Clean"),
	KEY(SMAPS_SHARED_DIRTY, "Shared_Dirty"),
	KEY(SMAPS_PRIVATE_CLEAN, "Private_Clean"),
	KEY(SMAPS_PRIVATE_DIRTY, "Private_Dirty"),
	KEY(SMAPS_REFERENCED, "Referenced"),
	KEY(SMAPS_ANONYMOUS, "Anonymous"),
	KEY(SMAPS_KSM, "KSM"),
	KEY(SMAPS_LAZYFREE, "LazyFree"),
	KEY(SMAPS_ANON_HUGE, "AnonHugePages"),
	KEY(SMAPS_SHMEM_PMD, "ShmemPmdMapped"),
	KEY(SMAPS_FILE_PMD, "FilePmdMapped"),
	KEY(SMAPS_SHARED_HUGETLB, "Shared_Hugetlb"),
	KEY(SMAPS_PRIVATE_HUGETLB, "Private_Hugetlb"),
	KEY(SMAPS_SWAP, "Swap"),
	KEY(SMAPS_SWAP_PSS, "SwapPss"),
	KEY(SMAPS_LOCKED, "Locked"),
};

const char *smaps_key_name(enum smaps_key k)
{
	return k < SMAPS_NKEYS ? smaps_names[k].name : NULL;
}

/*
 * smaps lists its fields in one fixed order: per thread, the key that
 * followed each key the last time (key + 1; 0 when none yet), and the
 * last key seen (SMAPS_NKEYS before any).
 */
static __thread unsigned char follow[SMAPS_NKEYS + 1];
static __thread unsigned char last_key = SMAPS_NKEYS;

static void saw_key(size_t k)
{
	follow[last_key] = (unsigned char)(k + 1);
	last_key = (unsigned char)k;
}

int smaps_key_lookup(const char *name, size_t len)
{
	size_t i, k, from = follow[last_key] ? follow[last_key] - 1u : 0;

	for (i = 0; i < SMAPS_NKEYS; i++) {
		k = (from + i) % SMAPS_NKEYS;
		if (smaps_names[k].len == len &&
		    !memcmp(smaps_names[k].name, name, len)) {
			saw_key(k);
			return (int)k;
		}
	}
	return -1;
}

/*
 * At most 16 digits: below 10^16, which is below UINT64_MAX / 1024, so
 * no value taken here can wrap in smaps_bytes().
 */
#define FAST_DIGITS 16

/* The spaces at q, up to end. */
static const char *skip_spaces(const char *q, const char *end)
{
	uint64_t x;

	/* Eight bytes at a time: the first that is no space ends it. */
	while (end - q >= 8) {
		memcpy(&x, q, 8);
		x ^= UINT64_C(0x2020202020202020);
		if (!x) {
			q += 8;
			continue;
		}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		return q + __builtin_ctzll(x) / 8;
#else
		return q + __builtin_clzll(x) / 8;
#endif
	}
	while (q < end && *q == ' ')
		q++;
	return q;
}

/* Whether p starts with the name of k and its colon. */
static bool name_at(const char *p, const char *end, size_t k)
{
	size_t i, n = smaps_names[k].len;

	/* The kernel's own layout, the common case: 16 bytes at once. */
	if (end - p >= 16 && !memcmp(p, smaps_names[k].image, 16))
		return true;
	if ((size_t)(end - p) < n + 1 || p[n] != ':')
		return false;
	for (i = 0; i < n; i++)
		if (p[i] != smaps_names[k].name[i])
			return false;
	return true;
}

/*
 * "Name:   1234 kB" at p, Name the key predicted, then the end of the
 * avail bytes (nl false) or a newline (nl true): the bytes it took (the
 * newline too), with the value in s; 0, with nothing done, otherwise.
 */
static inline size_t kb_field(const char *p, size_t avail, bool nl,
			      struct smaps_data *s)
{
	const char *q, *digits, *end = p + avail;
	uint64_t v = 0;
	size_t k;

	if (!follow[last_key])
		return 0;
	k = follow[last_key] - 1u;
	if (!name_at(p, end, k))
		return 0;
	q = skip_spaces(p + smaps_names[k].len + 1, end);
	for (digits = q; q < end && (unsigned char)(*q - '0') <= 9; q++)
		v = v * 10 + (uint64_t)(*q - '0');
	if (q == digits || q - digits > FAST_DIGITS || end - q < 3 ||
	    q[0] != ' ' || q[1] != 'k' || q[2] != 'B')
		return 0;
	q += 3;
	if (nl ? q == end || *q != '\n' : q != end)
		return 0;
	s->kb[k] = v;
	s->present |= 1ULL << k;
	saw_key(k);
	return (size_t)(q - p) + nl;
}

int smaps_parse_kb_fast(const char *line, size_t len, struct smaps_data *s)
{
	return kb_field(line, len, false, s) != 0;
}

size_t smaps_take_kb_lines(const char *p, size_t avail,
			   struct smaps_data *s, unsigned long *lines)
{
	size_t used = 0, n;

	/* One call for a record's run of them: most of its lines. */
	while (used < avail) {
		n = kb_field(p + used, avail - used, true, s);
		if (!n)
			break;
		used += n;
		++*lines;
	}
	return used;
}

/* "THPeligible:    N" and a newline, N below 10^9: the bytes, or 0. */
static size_t thp_line(const char *p, const char *end, struct smaps_data *s)
{
	static const char key[] = "THPeligible:";
	const char *q = p + sizeof(key) - 1, *digits;
	int v = 0;

	if (end - p < (ptrdiff_t)sizeof(key) || memcmp(p, key, sizeof(key) - 1))
		return 0;
	while (q < end && *q == ' ')
		q++;
	/* at most 9 digits taken: a tenth is no newline, and no overflow */
	for (digits = q; q < end && q - digits < 9 &&
	     (unsigned char)(*q - '0') <= 9; q++)
		v = v * 10 + (*q - '0');
	if (q == digits || q == end || *q != '\n')
		return 0;
	s->thp_eligible = v;
	return (size_t)(q + 1 - p);
}

/*
 * "VmFlags: rd wr ... " and a newline, without a NUL or a CR: the bytes,
 * or 0. The value is what smaps_parse_field() keeps: spaces cut at both
 * ends.
 */
static size_t vmflags_line(const char *p, const char *end,
			   struct smaps_data *s)
{
	static const char key[] = "VmFlags:";
	const char *v = p + sizeof(key) - 1, *nl, *e;
	size_t len;

	if (end - p < (ptrdiff_t)sizeof(key) || memcmp(p, key, sizeof(key) - 1))
		return 0;
	nl = memchr(v, '\n', (size_t)(end - v));
	if (!nl)
		return 0;
	len = (size_t)(nl - v);
	if ((len && v[len - 1] == '\r') || memchr(v, '\0', len))
		return 0;
	for (e = nl; e > v && e[-1] == ' '; e--)
		;
	while (v < e && *v == ' ')
		v++;
	free(s->vmflags);
	s->vmflags = xmemdup(v, (size_t)(e - v));
	return (size_t)(nl + 1 - p);
}

size_t smaps_take_flag_line(const char *p, size_t avail, struct smaps_data *s)
{
	size_t n = thp_line(p, p + avail, s);

	return n ? n : vmflags_line(p, p + avail, s);
}

bool smaps_has_vmflag(const struct smaps_data *s, const char *code)
{
	const char *p = s->vmflags, *w;
	size_t n = strlen(code);

	if (!p)
		return false;
	/* Words between spaces, by hand: a row asks this of every VMA. */
	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			return false;
		for (w = p; *p && *p != ' '; p++)
			;
		if ((size_t)(p - w) == n && *w == *code && !memcmp(w, code, n))
			return true;
	}
}
