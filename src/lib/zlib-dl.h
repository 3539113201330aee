/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ZLIB_DL_H
#define VMS_ZLIB_DL_H

#include <zlib.h>

#include "lib/dl.h"

/* The libz.so.1 functions vmascope calls (snapshots' CRC-32, a PNG's
 * deflate streams), opened by vms_zlib_open() (lib/dl.h). */
#define VMS_ZLIB_SYMS(X) \
	X(adler32) \
	X(adler32_combine) \
	X(crc32_combine64) \
	X(crc32_z) \
	X(deflate) \
	X(deflateEnd) \
	X(deflateInit2_)

VMS_ZLIB_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr (what named as what needed it). */
int vms_zlib_open(const char *what);

#ifndef VMS_DL_NO_NAMES
#define adler32 vms_dl_adler32
#define adler32_combine vms_dl_adler32_combine
#define crc32_combine64 vms_dl_crc32_combine64
#define crc32_z vms_dl_crc32_z
#define deflate vms_dl_deflate
#define deflateEnd vms_dl_deflateEnd
#define deflateInit2_ vms_dl_deflateInit2_
#endif

#endif
