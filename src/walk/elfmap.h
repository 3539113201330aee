/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ELFMAP_H
#define VMS_ELFMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read/elfimage.h"
#include "read/procfs.h"
#include "read/vma.h"
#include "walk/elfres.h"

/* How far the file behind an image could be trusted. */
enum elfmap_status {
	ELFMAP_OK,
	ELFMAP_DELETED,		/* deleted: read through map_files */
	ELFMAP_REPLACED,	/* another file (or other bytes) now: not read */
	ELFMAP_UNREADABLE,	/* could not be opened */
	ELFMAP_CORRUPT,		/* read, partly untrusted (one warning) */
};

/* A range of an image's VMA to walk: all of a file VMA, or the part of
 * the anonymous VMA after the data segment that the segment covers. */
struct elfmap_range {
	const struct vma *v;
	uint64_t start, end;
	bool file;
};

/* One mapped file: the file-backed VMAs with the same device and inode. */
struct elfmap {
	uint32_t major, minor;
	uint64_t inode;
	char *path;			/* as maps names it, NUL-terminated */
	bool deleted;
	enum elfmap_status status;
	bool read;			/* img holds the file's model */
	struct elf_image img;
	struct elfres res;
	const struct vma **vmas;	/* its file VMAs, by address */
	size_t nvmas;
	struct elfmap_range *ranges;
	size_t nranges;
	uint64_t size;			/* bytes of all its ranges */
};

struct elfmap_list {
	struct elfmap *m;
	size_t n;
};

/* Group the file VMAs of l (sorted) by device and inode, by address. */
void elfmap_group(const struct vma_list *l, struct elfmap_list *ml);
void elfmap_list_free(struct elfmap_list *ml);

/*
 * Open m's file (map_files first, then PID/root + path, checked against
 * the maps line), read it, find the load bias and the ranges to walk,
 * and check the build-id against the mapped copy's. A problem is said
 * once on stderr (for corrupt files) and in m->status.
 */
void elfmap_load(struct elfmap *m, const struct procfs *p, pid_t pid,
		 const struct vma_list *l, uint64_t page_size);

const char *elfmap_status_name(enum elfmap_status s);

#endif
