/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CRC_H
#define VMS_CRC_H

#include <stddef.h>
#include <stdint.h>

/*
 * zlib's CRC-32 (the one of gzip and zip) of a file's whole content,
 * built up in order: data as it comes, holes as runs of zero bytes that
 * are never read (a 256 GiB sparse pagemap costs a few combines). Start
 * from 0.
 */
uint32_t crc_data(uint32_t crc, const void *buf, size_t len);
/* crc followed by len zero bytes. */
uint32_t crc_zeros(uint32_t crc, uint64_t len);
/*
 * Opens zlib (libz.so.1, not linked): 0, or -1 said on stderr. A command
 * calls it before its first CRC; a CRC without zlib ends the program
 * after the same message.
 */
int crc_open(void);

#endif
