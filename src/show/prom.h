/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROM_H
#define VMS_PROM_H

#include <stdint.h>
#include <stdio.h>

#include "show/output.h"

/*
 * The Prometheus text format, as node_exporter's textfile collector reads
 * it: one gauge family per numeric column of sel, one sample per row,
 * labelled by the string and ID columns. rows[] are whole rows for fill.
 */
int prom_write(FILE *out, const char *prefix, const struct vms_coltable *t,
	       const struct colsel *sel, const void *const *rows, size_t n,
	       vms_fill_fn fill);

/* Families written one by one (export): a label with a NULL value is left
 * out; values are escaped as label values must be. */
struct prom_label {
	const char *name;
	const char *value;
};

void prom_header(FILE *out, const char *name, const char *type,
		 const char *help);
void prom_sample(FILE *out, const char *name, const struct prom_label *l,
		 size_t n, uint64_t value);
void prom_sample_f(FILE *out, const char *name, const struct prom_label *l,
		   size_t n, double value);

#endif
