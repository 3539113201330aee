/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SMAPS_H
#define VMS_SMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/util.h"

/* The "Key: N kB" fields of /proc/PID/smaps this tool understands. */
enum smaps_key {
	SMAPS_SIZE,
	SMAPS_KERNEL_PAGE_SIZE,
	SMAPS_MMU_PAGE_SIZE,
	SMAPS_RSS,
	SMAPS_PSS,
	SMAPS_PSS_DIRTY,
	SMAPS_PSS_ANON,
	SMAPS_PSS_FILE,
	SMAPS_PSS_SHMEM,
	SMAPS_SHARED_CLEAN,
	SMAPS_SHARED_DIRTY,
	SMAPS_PRIVATE_CLEAN,
	SMAPS_PRIVATE_DIRTY,
	SMAPS_REFERENCED,
	SMAPS_ANONYMOUS,
	SMAPS_KSM,
	SMAPS_LAZYFREE,
	SMAPS_ANON_HUGE,
	SMAPS_SHMEM_PMD,
	SMAPS_FILE_PMD,
	SMAPS_SHARED_HUGETLB,
	SMAPS_PRIVATE_HUGETLB,
	SMAPS_SWAP,
	SMAPS_SWAP_PSS,
	SMAPS_LOCKED,
	SMAPS_NKEYS
};

struct smaps_data {
	uint64_t present;		/* bit per smaps_key seen */
	uint64_t kb[SMAPS_NKEYS];
	char *vmflags;			/* "rd wr mr", NULL when absent */
	int thp_eligible;		/* -1 when absent */
	int pkey;			/* -1 when absent */
};

const char *smaps_key_name(enum smaps_key k);
/* The key of a "Name:" field, or -1 when it is not one of ours. */
int smaps_key_lookup(const char *name, size_t len);
/*
 * The common smaps line, "Name:   1234 kB" with Name the key that
 * followed the last key the last time (the kernel writes them in one
 * order), parsed with one compare of the name and a loop over the
 * digits: 1, with the value in s; 0 for any other line (nothing done),
 * which smaps_parse_field() parses. For a line it takes, the result is
 * the one smaps_parse_field() gives: name, colon, spaces, 1 to 16 digits
 * (no value that could wrap), " kB" at the end and nothing else.
 */
int smaps_parse_kb_fast(const char *line, size_t len, struct smaps_data *s);
/*
 * The same at p, among avail bytes of a file, for each line ended by its
 * newline, as long as they come: the bytes taken, newlines included (0
 * for none), with *lines counted up.
 */
size_t smaps_take_kb_lines(const char *p, size_t avail,
			   struct smaps_data *s, unsigned long *lines);
/*
 * The same for the two other lines of every record, "THPeligible:  N"
 * and "VmFlags: ...", each ended by its newline: the bytes taken, or 0
 * for any line smaps_parse_field() is to say more of (a NUL, a CR, a
 * value it would refuse or read otherwise).
 */
size_t smaps_take_flag_line(const char *p, size_t avail, struct smaps_data *s);
/* Whether the two-letter code is among the VMA's VmFlags. */
bool smaps_has_vmflag(const struct smaps_data *s, const char *code);

static inline bool smaps_has(const struct smaps_data *s, enum smaps_key k)
{
	return s->present & (1ULL << k);
}

static inline uint64_t smaps_bytes(const struct smaps_data *s,
				   enum smaps_key k)
{
	return sat_mul(s->kb[k], 1024);
}

#endif
