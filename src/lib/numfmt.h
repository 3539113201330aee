/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_NUMFMT_H
#define VMS_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Numbers as text without printf: the page and frame streams write tens
 * of millions of them, and vfprintf's format parsing was most of their
 * user time. Each writes the digits and a NUL to buf (room for
 * NUMFMT_MAX bytes) and returns their count, as "%" PRIu64 and "%" PRIx64
 * would.
 */
#define NUMFMT_MAX 24

size_t fmt_dec(char *buf, uint64_t v);
size_t fmt_hex(char *buf, uint64_t v);

#endif
