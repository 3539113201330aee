// SPDX-License-Identifier: GPL-2.0-or-later
/* The VMA column table and the values of its cells. */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "vmacols.h"

static const struct vms_column vma_cols[VC_NCOLS] = {
	[VC_PID] = { "PID", 5, SCOLS_FL_RIGHT, COL_NUM, "process ID" },
	[VC_COMMAND] = { "COMMAND", 0.1, SCOLS_FL_TRUNC, COL_STR,
			 "command name of the process" },
	[VC_START] = { "START", 12, SCOLS_FL_RIGHT, COL_HEX,
		       "first address (hex)" },
	[VC_END] = { "END", 12, SCOLS_FL_RIGHT, COL_HEX,
		     "address after the last byte (hex)" },
	[VC_SIZE] = { "SIZE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "size of the address range" },
	[VC_PERMS] = { "PERMS", 4, 0, COL_STR,
		       "permissions: read, write, execute, shared or private" },
	[VC_OFFSET] = { "OFFSET", 8, SCOLS_FL_RIGHT, COL_HEX,
			"offset in the file, in bytes (hex)" },
	[VC_DEV] = { "DEV", 5, 0, COL_STR,
		     "device of the file, major:minor (hex)" },
	[VC_INODE] = { "INODE", 5, SCOLS_FL_RIGHT, COL_NUM,
		       "inode of the file" },
	[VC_NAME] = { "NAME", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		      "file path or pseudo name, as the kernel shows it" },
	[VC_KIND] = { "KIND", 5, 0, COL_STR,
		      "what backs the VMA: anon, heap, stack, file, shm, ..." },
	[VC_DELETED] = { "DELETED", 1, SCOLS_FL_RIGHT, COL_BOOL,
			 "the file was deleted" },
	[VC_VMFLAGS] = { "VMFLAGS", 0.2, SCOLS_FL_TRUNC, COL_STR,
			 "VmFlags of smaps (two-letter codes)" },
	[VC_THPELIGIBLE] = { "THPELIGIBLE", 1, SCOLS_FL_RIGHT, COL_BOOL,
			     "THPeligible of smaps" },
	[VC_PKEY] = { "PKEY", 2, SCOLS_FL_RIGHT, COL_NUM,
		      "memory protection key of smaps" },
};

static const int vma_defaults[] = {
	VC_START, VC_END, VC_SIZE, VC_PERMS, VC_OFFSET, VC_DEV, VC_INODE,
	VC_KIND, VC_NAME,
};

const struct vms_coltable vma_columns = {
	.name = "maps",
	.cols = vma_cols,
	.ncols = VC_NCOLS,
	.defaults = vma_defaults,
	.ndefaults = ARRAY_SIZE(vma_defaults),
};

static void fill_smaps(const struct vma *v, int col, struct vms_cell *c)
{
	const struct smaps_data *s = &v->smaps;

	switch (col) {
	case VC_VMFLAGS:
		cell_str(c, s->vmflags);
		break;
	case VC_THPELIGIBLE:
		c->null = s->thp_eligible < 0;
		c->b = s->thp_eligible > 0;
		break;
	case VC_PKEY:
		c->null = s->pkey < 0;
		c->num = (uint64_t)s->pkey;
		break;
	}
}

void vma_fill(const void *row, int col, struct vms_cell *c)
{
	const struct vma_row *r = row;
	const struct vma *v = r->v;
	char perms[5];

	switch (col) {
	case VC_PID:
		c->null = !r->pid;
		c->num = (uint64_t)r->pid;
		break;
	case VC_COMMAND:
		cell_str(c, r->comm);
		break;
	case VC_START:
		c->num = v->start;
		break;
	case VC_END:
		c->num = v->end;
		break;
	case VC_SIZE:
		c->num = v->end - v->start;
		break;
	case VC_PERMS:
		vma_perms_str(v->perms, perms);
		cell_str(c, strcpy(c->buf, perms));
		break;
	case VC_OFFSET:
		c->num = v->offset;
		break;
	case VC_DEV:
		snprintf(c->buf, sizeof(c->buf), "%02x:%02x", v->major,
			 v->minor);
		cell_str(c, c->buf);
		break;
	case VC_INODE:
		c->num = v->inode;
		break;
	case VC_NAME:
		cell_bytes(c, v->name, v->namelen);
		break;
	case VC_KIND:
		cell_str(c, vma_kind_name(v->kind));
		break;
	case VC_DELETED:
		c->b = v->deleted;
		break;
	default:
		fill_smaps(v, col, c);
		break;
	}
}

bool vma_cols_need_smaps(const struct colsel *sel, const char *sort)
{
	static const char *const smaps_cols[] = {
		"VMFLAGS", "THPELIGIBLE", "PKEY"
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smaps_cols); i++) {
		int id = coltable_lookup(&vma_columns, smaps_cols[i],
					 strlen(smaps_cols[i]));

		if (colsel_has(sel, id) || (sort && !strcasecmp(sort,
							smaps_cols[i])))
			return true;
	}
	return false;
}
