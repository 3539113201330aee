/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ZLIB_DL_H
#define VMS_ZLIB_DL_H

#include <zlib.h>

#include "lib/dl.h"

/* The libz.so.1 functions vmascope calls (snapshots' CRC-32), opened by
 * vms_zlib_open() (lib/dl.h). */
#define VMS_ZLIB_SYMS(X) \
	X(crc32_combine64) \
	X(crc32_z)

VMS_ZLIB_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr (what named as what needed it). */
int vms_zlib_open(const char *what);

#ifndef VMS_DL_NO_NAMES
#define crc32_combine64 vms_dl_crc32_combine64
#define crc32_z vms_dl_crc32_z
#endif

#endif
