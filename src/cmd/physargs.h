/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PHYSARGS_H
#define VMS_PHYSARGS_H

#include <stdint.h>

/*
 * Arguments of resolve and pfn. 0, or -EINVAL (not a number, a bad
 * range), -ERANGE (too large).
 */
/* A virtual address: hex, with or without 0x. */
int parse_addr(const char *s, uint64_t *addr);
/*
 * PFN or START-END (inclusive): decimal, or hex with 0x; at most the
 * largest PFN a pagemap entry can hold (2^55 - 1); START <= END.
 */
int parse_pfn_range(const char *s, uint64_t *start, uint64_t *end);

#endif
