// SPDX-License-Identifier: GPL-2.0-or-later
/* Addresses and PFN ranges as users type them. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/pagemap.h"
#include "cmd/physargs.h"

int parse_addr(const char *s, uint64_t *addr)
{
	size_t len = strlen(s);

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_hex_u64(s + 2, len - 2, addr);
	return parse_hex_u64(s, len, addr);
}

static int parse_pfn(const char *s, size_t len, uint64_t *pfn)
{
	int rc;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		rc = parse_hex_u64(s + 2, len - 2, pfn);
	else
		rc = parse_dec_u64(s, len, pfn);
	if (!rc && *pfn > PM_PFN_MASK)
		rc = -ERANGE;
	return rc;
}

int parse_pfn_range(const char *s, uint64_t *start, uint64_t *end)
{
	const char *dash = strchr(s, '-');
	int rc;

	if (!dash) {
		rc = parse_pfn(s, strlen(s), start);
		*end = *start;
		return rc;
	}
	rc = parse_pfn(s, (size_t)(dash - s), start);
	if (!rc)
		rc = parse_pfn(dash + 1, strlen(dash + 1), end);
	if (!rc && *end < *start)
		rc = -EINVAL;
	return rc;
}
