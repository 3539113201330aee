/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SNAPEXTRACT_H
#define VMS_SNAPEXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/archive-dl.h"
#include "read/snapshot.h"

/* The extraction of one snapshot (snapread.c), shared with snapsums.c. */
/* An entry as extracted: its name and the CRC-32 of its content. */
struct entry_sum {
	char *name;
	uint32_t crc;
};

struct extract {
	const char *file;
	struct archive *a;
	int root;
	unsigned long entries;
	bool end;
	struct snap_manifest m;
	uint32_t crc;			/* of the entry being extracted */
	struct entry_sum *sums;		/* of the entries before the end */
	size_t nsums, capsums;
};

/* A message naming the snapshot file, on stderr: -1. */
int snapx_bad(const struct extract *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* libarchive's complaint about the stream: -1. */
int snapx_corrupt(const struct extract *x);
/* An entry name as messages show it (chosen by whoever made the file). */
const char *snapx_shown(const char *name, char *buf, size_t len);

/* The end record, entry e: read and checked against the sums noted. */
int snapx_check_end(struct extract *x, struct archive_entry *e);
/* The entry just extracted, as the end record must list it. */
void snapx_note_sum(struct extract *x, const char *name);
void snapx_free_sums(struct extract *x);

#endif
