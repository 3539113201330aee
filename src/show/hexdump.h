/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_HEXDUMP_H
#define VMS_HEXDUMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * hexdump -C layout, with the address of each line where hexdump has the
 * offset: 16 bytes in hex, then as text; a run of equal lines is one "*".
 */
void hexdump(FILE *f, const unsigned char *buf, size_t n, uint64_t addr);

#endif
