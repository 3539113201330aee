// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CRC-32 through zlib: crc32_z for data, crc32_combine64 for holes. The
 * CRC of 2^k zero bytes is made once for each k by combining the one of
 * 2^(k-1) with itself; a hole of any length is then a combine per bit.
 * zlib is opened at the first CRC (lib/dl.h), or before by crc_open().
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "lib/crc.h"
#include "lib/zlib-dl.h"

static uint32_t pow2_zeros[64];	/* CRC of 2^k zero bytes */
static pthread_once_t pow2_once = PTHREAD_ONCE_INIT;
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;
static bool zlib_ok;

int crc_open(void)
{
	return vms_zlib_open("a snapshot's CRC-32");
}

static void zlib_load(void)
{
	zlib_ok = !crc_open();
}

/* A caller that did not crc_open() first stops here, the cause said. */
static void need_zlib(void)
{
	pthread_once(&zlib_once, zlib_load);
	if (!zlib_ok)
		exit(EXIT_FAILURE);
}

static void pow2_init(void)
{
	static const unsigned char zero;
	int k;

	pow2_zeros[0] = (uint32_t)crc32_z(0, &zero, 1);
	for (k = 1; k < 64; k++)
		pow2_zeros[k] = (uint32_t)crc32_combine64(pow2_zeros[k - 1],
							  pow2_zeros[k - 1],
							  (z_off64_t)1 << (k - 1));
}

uint32_t crc_data(uint32_t crc, const void *buf, size_t len)
{
	need_zlib();
	return len ? (uint32_t)crc32_z(crc, buf, len) : crc;
}

uint32_t crc_zeros(uint32_t crc, uint64_t len)
{
	uint32_t z = 0;		/* the CRC of no bytes */
	int k;

	if (!len)
		return crc;
	need_zlib();
	pthread_once(&pow2_once, pow2_init);
	for (k = 0; k < 63; k++)
		if (len & ((uint64_t)1 << k))
			z = (uint32_t)crc32_combine64(z, pow2_zeros[k],
						      (z_off64_t)1 << k);
	return (uint32_t)crc32_combine64(crc, z, (z_off64_t)len);
}
