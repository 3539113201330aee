/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SHARE_H
#define VMS_SHARE_H

#include <stdbool.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/keytab.h"
#include "read/kpage.h"
#include "read/procfs.h"
#include "read/vma.h"
#include "walk/frameset.h"

/*
 * Who shares what, in two passes over the page tables. The first marks
 * the distinct frames every process maps (frameset.h); their flags and
 * counts are then read once each, in PFN order, however many processes
 * map them; the second pass reads the page tables again and counts every
 * page to its owner (process, image) with its frame's flags and count.
 * Memory: about 8 bytes per distinct frame and 1.5 bits per frame of the
 * machine, not per page mapped (a frame is mapped by 3 processes on
 * average on a desktop, by thousands for libc on a big server); pairs
 * and peers add 8 bytes per mapping of a shared frame.
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
	bool gone;			/* ended between the two passes */
};

/* One process's part of one image: the rows of --tree. */
struct share_owner {
	uint32_t proc, image;
	uint64_t vss;
	struct vma_pages pages;		/* counted by the second pass */
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

struct share {
	size_t page_size;
	bool want_pairs;		/* --matrix */
	bool want_peers;		/* --by process */
	bool want_buildid;		/* images of equal build-id are one */
	bool want_tree;			/* --tree: rows per owner */
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
	struct share_scan *scans;	/* by proc, kept for the second pass */
	uint64_t nmaps;			/* populated pages of the first pass */
	struct frame_set fs;

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

/*
 * What share keeps of a VMA until the second pass: a tenth of a struct
 * vma (no smaps fields, no counters), for the VMAs of every process.
 */
struct share_vma {
	uint64_t start, end, inode;
	uint32_t major, minor;
	enum vma_kind kind;
	uint32_t owner;			/* once merged; SHARE_NO_OWNER: left out */
	unsigned int perms;		/* VMA_* */
	uint32_t namelen;
	char *name;			/* NULL when the VMA has none */
	const char *buildid;		/* when asked and known */
};

#define SHARE_NO_OWNER UINT32_MAX

/* One process as read by a worker thread, before it is merged. */
struct share_scan {
	int rc;
	pid_t pid;
	char *err;			/* a damaged file, named; or NULL */
	struct share_vma *v;
	size_t nv;
	uint64_t n;			/* populated pages */
	bool pfn_visible;
	bool no_pagemap;		/* a copied tree without PID/pagemap */
	struct share_proc ident;
};

/* The frames of a run: p's kpageflags sizes the set. */
void share_init(struct share *s, size_t page_size, const struct procfs *p);
/* Parse a --perms value: 0, or -1 when it is not one. */
int share_perms_parse(const char *arg, struct share_perms *p);
bool share_perms_match(const struct share_perms *p, unsigned int perms);
/* Read one process into sc: thread-safe. 0 or -errno (kept in sc->rc). */
int share_scan_process(struct share *s, const struct procfs *p, pid_t pid,
		       struct share_scan *sc);
/*
 * Merge a successful scan, on one thread, in the order of the output: s
 * takes it over (sc is left empty).
 */
void share_add_scan(struct share *s, struct share_scan *sc);
void share_scan_free(struct share_scan *sc);
/*
 * Scan one process: its maps and pagemap. 0, or -errno (the process is
 * then left out entirely: ENOENT/ESRCH gone, EACCES/EPERM denied).
 */
int share_add_process(struct share *s, const struct procfs *p, pid_t pid);
/*
 * Look up every frame, then the second pass: count every page. A process
 * gone since its first pass is left out (share_proc.gone). 0 or -errno.
 */
int share_resolve(struct share *s, struct kpage *k, const struct procfs *p);
void share_free(struct share *s);

#endif
