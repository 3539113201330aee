/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PROM_H
#define VMS_PROM_H

#include <stdio.h>

#include "output.h"

/*
 * The Prometheus text format, as node_exporter's textfile collector reads
 * it: one gauge family per numeric column of sel, one sample per row,
 * labelled by the string and ID columns. rows[] are whole rows for fill.
 */
int prom_write(FILE *out, const char *prefix, const struct vms_coltable *t,
	       const struct colsel *sel, const void *const *rows, size_t n,
	       vms_fill_fn fill);

#endif
