// SPDX-License-Identifier: GPL-2.0-or-later
/* The column table of `elf` and the values of its cells. */
#include "config.h"

#include <elf.h>
#include <libsmartcols.h>
#include <stdio.h>

#include "lib/util.h"
#include "show/elfcols.h"

static const struct vms_column elf_cols[EC_NCOLS] = {
	[EC_IMAGE] = { "IMAGE", 0.3, SCOLS_FL_NOEXTREMES, COL_STR,
		       "path of the mapped file, as maps names it" },
	[EC_TYPE] = { "TYPE", 7, 0, COL_STR,
		      "image, not-elf, segment, section or gaps" },
	[EC_NAME] = { "NAME", 0.2, SCOLS_FL_NOEXTREMES, COL_STR,
		      "image path, LOADn, section name or [gaps]" },
	[EC_STATUS] = { "STATUS", 7, 0, COL_STR,
			"ok, deleted, replaced, unreadable or corrupt" },
	[EC_BUILDID] = { "BUILDID", 40, 0, COL_STR,
			 "GNU build-id of the image (hex)" },
	[EC_PERMS] = { "PERMS", 3, 0, COL_STR,
		       "segment permissions: read, write, execute" },
	[EC_OFFSET] = { "OFFSET", 8, SCOLS_FL_RIGHT, COL_HEX,
			"offset in the file (hex)" },
	[EC_ADDR] = { "ADDR", 12, SCOLS_FL_RIGHT, COL_HEX,
		      "address in the process (hex)" },
	[EC_SIZE] = { "SIZE", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "size: section, segment pages, image mappings" },
	[EC_RSS] = { "RSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "bytes of it on resident pages" },
	[EC_PSS] = { "PSS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "proportional share of its resident bytes" },
	[EC_USS] = { "USS", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident bytes on pages mapped once" },
	[EC_SHARED] = { "SHARED", 5, SCOLS_FL_RIGHT, COL_SIZE,
			"resident bytes on pages mapped more than once" },
	[EC_COW] = { "COW", 5, SCOLS_FL_RIGHT, COL_SIZE,
		     "resident bytes on private copies (written file pages)" },
	[EC_SWAP] = { "SWAP", 5, SCOLS_FL_RIGHT, COL_SIZE,
		      "bytes on swapped-out pages" },
};

static const int elf_defaults[] = {
	EC_TYPE, EC_NAME, EC_ADDR, EC_SIZE, EC_RSS, EC_PSS, EC_USS,
	EC_SHARED, EC_COW, EC_STATUS,
};

const struct vms_coltable elf_columns = {
	.name = "elf",
	.cols = elf_cols,
	.ncols = EC_NCOLS,
	.defaults = elf_defaults,
	.ndefaults = ARRAY_SIZE(elf_defaults),
};

static const struct elf_res *row_res(const struct elf_row *r)
{
	switch (r->kind) {
	case ER_SEGMENT:
		return &r->m->res.seg[r->idx];
	case ER_SECTION:
		return &r->m->res.sect[r->idx];
	case ER_GAPS:
		return &r->m->res.gaps;
	default:
		return &r->m->res.total;
	}
}

static const char *type_name(const struct elf_row *r)
{
	static const char *const names[] = {
		[ER_IMAGE] = "image", [ER_SEGMENT] = "segment",
		[ER_SECTION] = "section", [ER_GAPS] = "gaps",
	};

	if (r->kind == ER_IMAGE && r->m->read &&
	    r->m->img.status == ELFIMG_NOT_ELF)
		return "not-elf";
	return names[r->kind];
}

static void fill_name(const struct elf_row *r, struct vms_cell *c)
{
	switch (r->kind) {
	case ER_IMAGE:
		cell_str(c, r->m->path);
		break;
	case ER_SEGMENT:
		snprintf(c->buf, sizeof(c->buf), "LOAD%zu", r->idx);
		cell_str(c, c->buf);
		break;
	case ER_SECTION:
		cell_str(c, r->m->img.sects[r->idx].name);
		break;
	case ER_GAPS:
		cell_str(c, "[gaps]");
		break;
	}
}

static void fill_perms(const struct elf_row *r, struct vms_cell *c)
{
	uint32_t f;

	if (r->kind != ER_SEGMENT) {
		c->null = true;
		return;
	}
	f = r->m->img.segs[r->idx].flags;
	snprintf(c->buf, sizeof(c->buf), "%c%c%c", f & PF_R ? 'r' : '-',
		 f & PF_W ? 'w' : '-', f & PF_X ? 'x' : '-');
	cell_str(c, c->buf);
}

static uint64_t seg_span(const struct elf_row *r)
{
	const struct elf_seg *s = &r->m->img.segs[r->idx];
	uint64_t psz = r->m->res.page_size;
	uint64_t lo = s->vaddr & ~(psz - 1);

	return ((s->vaddr + s->memsz + psz - 1) & ~(psz - 1)) - lo;
}

static void fill_where(const struct elf_row *r, int col, struct vms_cell *c)
{
	const struct elfmap *m = r->m;
	uint64_t vaddr = 0, off = 0;

	switch (r->kind) {
	case ER_IMAGE:
		c->num = col == EC_ADDR ? m->vmas[0]->start :
					  m->vmas[0]->offset;
		return;
	case ER_SEGMENT:
		vaddr = m->img.segs[r->idx].vaddr;
		off = m->img.segs[r->idx].offset;
		break;
	case ER_SECTION:
		vaddr = m->img.sects[r->idx].addr;
		off = m->img.sects[r->idx].offset;
		break;
	case ER_GAPS:
		c->null = true;
		return;
	}
	if (col == EC_OFFSET)
		c->num = off;
	else
		c->null = !elfres_addr(&m->res, vaddr, &c->num);
}

static void fill_size(const struct elf_row *r, struct vms_cell *c)
{
	switch (r->kind) {
	case ER_IMAGE:
		c->num = r->m->size;
		break;
	case ER_SEGMENT:
		c->num = seg_span(r);
		break;
	case ER_SECTION:
		c->num = r->m->img.sects[r->idx].size;
		break;
	case ER_GAPS:
		c->null = true;
		break;
	}
}

static void fill_res(const struct elf_row *r, int col, struct vms_cell *c)
{
	const struct elf_res *a = row_res(r);

	c->null = !r->walked ||
		  (!r->frames && (col == EC_PSS || col == EC_USS ||
				  col == EC_SHARED));
	switch (col) {
	case EC_RSS:
		c->num = a->rss;
		break;
	case EC_PSS:
		c->num = pss_bytes(a->pss_fp);
		break;
	case EC_USS:
		c->num = a->uss;
		break;
	case EC_SHARED:
		c->num = a->rss - a->uss;
		break;
	case EC_COW:
		c->num = a->cow;
		break;
	case EC_SWAP:
		c->num = a->swap;
		break;
	}
}

void elf_fill(const void *row, int col, struct vms_cell *c)
{
	const struct elf_row *r = row;
	const struct elfmap *m = r->m;

	switch (col) {
	case EC_IMAGE:
		cell_str(c, m->path);
		break;
	case EC_TYPE:
		cell_str(c, type_name(r));
		break;
	case EC_NAME:
		fill_name(r, c);
		break;
	case EC_STATUS:
		c->null = r->kind != ER_IMAGE;
		cell_str(c, elfmap_status_name(m->status));
		break;
	case EC_BUILDID:
		c->null = r->kind != ER_IMAGE || !m->img.build_id[0];
		cell_str(c, m->img.build_id);
		break;
	case EC_PERMS:
		fill_perms(r, c);
		break;
	case EC_OFFSET:
	case EC_ADDR:
		fill_where(r, col, c);
		break;
	case EC_SIZE:
		fill_size(r, c);
		break;
	default:
		fill_res(r, col, c);
		break;
	}
}
