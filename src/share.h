/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SHARE_H
#define VMS_SHARE_H

#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "keytab.h"
#include "kpage.h"
#include "procfs.h"
#include "vma.h"

/*
 * Who shares what: every populated page of every process scanned, tagged
 * with its owner (process, image); then one pass over the distinct frames,
 * in PFN order, so each frame's flags and count are read once however
 * many processes map it. Memory: 16 bytes per populated page scanned.
 */
struct share_image {
	char *key;			/* build-id, dev:inode, or pseudo name */
	char *name;
	const char *buildid;		/* hex; NULL when not asked or none */
	enum vma_kind kind;
	uint64_t procs;
	uint64_t vss;			/* mapped, over the processes */
	struct vma_pages pages;
};

struct share_proc {
	pid_t pid;
	char comm[64];
	char user[33];
	struct vma_pages pages;
	uint64_t peers;
	uint64_t vss;			/* mapped (of the kept VMAs) */
};

/* One process's part of one image: the rows of --tree. */
struct share_owner {
	uint32_t proc, image;
	uint64_t vss;
	struct vma_pages pages;		/* counted when want_tree */
};

/*
 * --perms: mappings kept by their permissions. Letters of "rwxsp" that
 * must all be there, or a whole maps field ("r-xp") that must be equal.
 */
struct share_perms {
	unsigned int need;		/* VMA_* bits that must be set */
	bool exact;			/* ... and the others clear */
	bool shared, private;		/* s / p asked */
};

struct share_map {
	uint64_t e;			/* pagemap entry */
	uint32_t owner;
};

struct share {
	size_t page_size;
	bool want_pairs;		/* --matrix */
	bool want_peers;		/* --by process */
	bool want_buildid;		/* images of equal build-id are one */
	bool want_tree;			/* --tree: count per owner */
	const struct share_perms *perms; /* --perms, or NULL */
	bool frames;			/* every process showed its PFNs */

	struct share_image *images;
	size_t nimages, capimages;
	uint32_t *index;		/* image hash: slot -> image + 1 */
	size_t capindex;

	struct share_proc *procs;
	size_t nprocs;
	struct share_owner *owners;
	size_t nowners;
	struct share_map *maps;
	size_t nmaps, capmaps;

	struct keytab pairs;		/* (proc, proc) -> pages both map */

	/* Build-ids by file (device, inode), shared by the workers. */
	pthread_mutex_t ids_lock;
	struct share_fileid *ids;
	size_t nids, capids;
	uint64_t *peerbits;		/* nprocs x nprocs bits */
};

struct share_fileid {
	uint32_t major, minor;
	uint64_t inode;
	char *hex;			/* "" when the file has none */
};

/* One process as read by a worker thread, before it is merged. */
struct share_scan {
	int rc;
	char *err;			/* a damaged file, named; or NULL */
	struct vma_list l;
	const char **buildid;		/* per VMA, when asked */
	uint64_t *ents;			/* its populated pagemap entries ... */
	size_t n, cap;
	size_t *vma_end;		/* ... those of VMA i end at vma_end[i] */
	bool pfn_visible;
	bool no_pagemap;		/* a copied tree without PID/pagemap */
	struct share_proc ident;
};

void share_init(struct share *s, size_t page_size);
/* Parse a --perms value: 0, or -1 when it is not one. */
int share_perms_parse(const char *arg, struct share_perms *p);
bool share_perms_match(const struct share_perms *p, unsigned int perms);
/* Read one process into sc: thread-safe. 0 or -errno (kept in sc->rc). */
int share_scan_process(struct share *s, const struct procfs *p, pid_t pid,
		       struct share_scan *sc);
/* Merge a successful scan, on one thread, in the order of the output. */
void share_add_scan(struct share *s, const struct share_scan *sc);
void share_scan_free(struct share_scan *sc);
/*
 * Scan one process: its maps and pagemap. 0, or -errno (the process is
 * then left out entirely: ENOENT/ESRCH gone, EACCES/EPERM denied).
 */
int share_add_process(struct share *s, const struct procfs *p, pid_t pid);
/* The frame pass: look up and account every frame. 0 or -errno. */
int share_resolve(struct share *s, struct kpage *k);
void share_free(struct share *s);

#endif
