/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SHARECOLS_H
#define VMS_SHARECOLS_H

#include <sys/types.h>

#include "read/vma.h"
#include "show/output.h"

/*
 * The columns of `share`: one table for its three views. A row is an
 * image (--by image), a process (--by process) or a pair of processes
 * (--matrix); columns that do not apply to a view are null.
 */
enum {
	SC_IMAGE,
	SC_KIND,
	SC_BUILDID,
	SC_PID,
	SC_USER,
	SC_COMMAND,
	SC_PEER,
	SC_PEERCOMMAND,
	SC_PROCS,
	SC_PEERS,
	SC_RSS,
	SC_PSS,
	SC_USS,
	SC_SHARED,
	SC_SWAP,
	SC_ANON,
	SC_FILE,
	SC_THP,
	SC_VSS,
	/* changes since the previous sample of --interval */
	SC_DRSS,
	SC_DPSS,
	SC_DUSS,
	SC_DSHARED,
	SC_NCOLS
};

struct share_row {
	const char *image;		/* --by image */
	const char *kind;
	const char *buildid;
	pid_t pid;			/* --by process, --matrix */
	const char *user, *comm;
	pid_t peer;			/* --matrix */
	const char *peer_comm;
	uint64_t procs, peers;
	bool has_procs, has_peers;
	const struct vma_pages *pages;	/* NULL for --matrix */
	uint64_t shared;		/* --matrix: bytes both map */
	bool frames;			/* PSS/USS/... are known */
	uint64_t vss;
	bool has_vss;
	int64_t delta[4];		/* +RSS +PSS +USS +SHARED */
	bool delta_known;
};

extern const struct vms_coltable share_columns;
extern const int share_image_defaults[], share_process_defaults[],
	share_matrix_defaults[];
extern const size_t share_image_ndefaults, share_process_ndefaults,
	share_matrix_ndefaults;
void share_fill(const void *row, int col, struct vms_cell *c);

#endif
