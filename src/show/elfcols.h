/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ELFCOLS_H
#define VMS_ELFCOLS_H

#include "walk/elfmap.h"
#include "show/columns.h"
#include "show/output.h"

enum {
	EC_IMAGE,
	EC_TYPE,
	EC_NAME,
	EC_STATUS,
	EC_BUILDID,
	EC_PERMS,
	EC_OFFSET,
	EC_ADDR,
	EC_SIZE,
	EC_RSS,
	EC_PSS,
	EC_USS,
	EC_SHARED,
	EC_COW,
	EC_SWAP,
	EC_NCOLS
};

enum elf_row_kind {
	ER_IMAGE,
	ER_SEGMENT,
	ER_SECTION,
	ER_GAPS,
};

/* One row of `elf`: an image, one of its segments or sections, its gaps. */
struct elf_row {
	const struct elfmap *m;
	enum elf_row_kind kind;
	size_t idx;			/* segment or section index */
	bool walked;			/* residency was measured */
	bool frames;			/* PFNs were visible: PSS, USS */
};

extern const struct vms_coltable elf_columns;
void elf_fill(const void *row, int col, struct vms_cell *c);

#endif
