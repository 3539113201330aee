/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_KEYTAB_H
#define VMS_KEYTAB_H

#include <stddef.h>
#include <stdint.h>

/*
 * Pages counted per 64-bit key (a flag set, a cgroup inode, a node): an
 * open-addressing table that grows with the number of distinct keys only.
 */
struct keycount {
	uint64_t key;
	uint64_t pages;
};

struct keytab {
	struct keycount *slots;
	size_t cap, n;
	uint64_t zero_pages;	/* key 0 marks empty slots: counted aside */
};

void keytab_add(struct keytab *t, uint64_t key, uint64_t pages);
/* The entries, compacted to the front of the table and sorted by key;
 * key 0 included when it has pages. The table is then only to be freed. */
struct keycount *keytab_sorted(struct keytab *t, size_t *n);
void keytab_free(struct keytab *t);

#endif
