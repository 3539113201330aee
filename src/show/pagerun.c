// SPDX-License-Identifier: GPL-2.0-or-later
/* The sources of the page columns, opened for what a selection shows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "show/pagerun.h"

void page_run_open(struct page_run *r, const struct procfs *p,
		   const struct colsel *sel, const char *sort)
{
	struct colsel all = { 0 };
	size_t i;
	int id;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < sel->n; i++)
		colsel_add(&all, sel->ids[i]);
	id = sort ? coltable_lookup(&page_columns, sort, strlen(sort)) : -1;
	if (id >= 0)
		colsel_add(&all, id);
	r->ctx.page_size = (size_t)sysconf(_SC_PAGESIZE);
	r->ctx.pfn_visible = true;
	kpage_open(&r->kp, p, page_cols_kpage(&all));
	r->ctx.kavail = r->kp.avail;
	r->sysroot = sysfs_root_for(strcmp(p->root, "/proc") ? p->root : NULL);
	if (page_cols_need_cgroup(&all)) {
		cgmap_init(&r->cg, p, r->sysroot);
		r->ctx.cg = &r->cg;
	}
	if (page_cols_need_nodes(&all)) {
		nodemap_init(&r->nodes, p, r->sysroot, r->ctx.page_size);
		r->ctx.nodes = &r->nodes;
	}
	colsel_free(&all);
}

void page_run_close(struct page_run *r)
{
	kpage_close(&r->kp);
	if (r->ctx.cg)
		cgmap_free(&r->cg);
	if (r->ctx.nodes)
		nodemap_free(&r->nodes);
	free(r->sysroot);
	memset(r, 0, sizeof(*r));
}
