// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Column selection: -o lists (and -s names) as a user may type them,
 * through colsel_from_opts and out_new, then a row into the table.
 * Input: one byte of option bits, the -o text, a NUL, the -s text.
 */
#include "config.h"

#include <string.h>

#include "show/columns.h"
#include "fuzz.h"
#include "lib/util.h"
#include "show/output.h"
#include "show/vmacols.h"

/* How many names the list has, counting as colsel_parse_list does. */
static size_t count_names(const char *p)
{
	size_t n = 0;

	while (*p) {
		p += strcspn(p, ",");
		n++;
		if (*p == ',')
			p++;
	}
	return n;
}

static void fill_rows(struct vms_out *out)
{
	static const char name[] = "/lib/x\xff" ".so";
	struct vma v = {
		.start = 0x1000, .end = 0x3000, .perms = VMA_READ,
		.name = (char *)name, .namelen = sizeof(name) - 1,
		.kind = VMA_KIND_FILE,
	};
	struct vma_row row = { .v = &v, .pid = 1, .comm = "comm" };

	v.smaps.thp_eligible = -1;
	v.smaps.pkey = -1;
	out_row(out, &row, vma_fill);
	v.start = 0;
	out_row(out, &row, vma_fill);
}

FUZZ_TARGET(columns)
{
	struct vms_opts o = { 0 };
	struct colsel sel;
	struct vms_out *out;
	char *cols, *sort;
	size_t i, len;
	int rc;

	if (!size)
		return 0;
	cols = xmemdup(data + 1, size - 1);
	len = strlen(cols);
	sort = len + 1 < size - 1 ? cols + len + 1 : NULL;
	o.output_all = data[0] & 1;
	o.columns = o.output_all ? NULL : cols;
	o.mode = (enum vms_mode)((data[0] >> 1) & 3);
	o.bytes = data[0] & 8;
	o.noheadings = data[0] & 16;
	o.sort = data[0] & 32 ? sort : NULL;

	rc = colsel_from_opts(&vma_columns, &o, &sel);
	if (rc) {
		FUZZ_CHECK(rc == -1 && !sel.ids && !sel.n);
		FUZZ_CHECK(!o.output_all);
		free(cols);
		return 0;
	}
	FUZZ_CHECK(sel.n > 0);
	if (!o.output_all && cols[0] != '+')
		FUZZ_CHECK(sel.n == count_names(cols));
	if (!o.output_all && cols[0] == '+')
		FUZZ_CHECK(sel.n == vma_columns.ndefaults +
			   count_names(cols + 1));
	for (i = 0; i < sel.n; i++) {
		FUZZ_CHECK(sel.ids[i] >= 0 &&
			   (size_t)sel.ids[i] < vma_columns.ncols);
		FUZZ_CHECK(colsel_has(&sel, sel.ids[i]));
	}
	(void)vma_cols_need_smaps(&sel, o.sort);
	out = out_new(&o, &vma_columns, &sel, data[0] & 64);
	if (out) {
		fill_rows(out);
		(void)out_finish(out);
	}
	colsel_free(&sel);
	free(cols);
	return 0;
}
