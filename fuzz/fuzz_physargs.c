// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Address and PFN arguments of resolve and pfn (src/cmd/physargs.c), checked
 * against a plain restatement: an address is hex with or without 0x; a
 * PFN is decimal or 0x-hex, at most 2^55 - 1; a range START-END has
 * START <= END. Whatever is accepted must read back the same when written
 * out again.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lib/util.h"
#include "read/pagemap.h"
#include "cmd/physargs.h"

/* Hex digits only (case-insensitive), at least one. */
static bool all_digits(const char *s, size_t len, bool hex)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') &&
		    !(hex && ((s[i] >= 'a' && s[i] <= 'f') ||
			      (s[i] >= 'A' && s[i] <= 'F'))))
			return false;
	return true;
}

static bool has_0x(const char *s, size_t len)
{
	return len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

static bool pfn_syntax(const char *s, size_t len)
{
	if (has_0x(s, len))
		return all_digits(s + 2, len - 2, true);
	return all_digits(s, len, false);
}

FUZZ_TARGET(physargs)
{
	char *s = xmemdup(data, size), back[64];
	uint64_t a = 7, b = 7, a2, b2;
	size_t len = strlen(s);
	const char *dash = strchr(s, '-');
	bool ok;
	int rc;

	/* Addresses. */
	rc = parse_addr(s, &a);
	ok = has_0x(s, len) ? all_digits(s + 2, len - 2, true)
			    : all_digits(s, len, true);
	if (!ok)
		FUZZ_CHECK(rc == -EINVAL);
	else
		FUZZ_CHECK(rc == 0 || rc == -ERANGE);
	if (rc == 0) {
		snprintf(back, sizeof(back), "%" PRIx64, a);
		FUZZ_CHECK(parse_addr(back, &a2) == 0 && a2 == a);
		snprintf(back, sizeof(back), "0x%" PRIX64, a);
		FUZZ_CHECK(parse_addr(back, &a2) == 0 && a2 == a);
	}

	/* PFNs and PFN ranges. */
	rc = parse_pfn_range(s, &a, &b);
	if (!dash)
		ok = pfn_syntax(s, len);
	else
		ok = pfn_syntax(s, (size_t)(dash - s)) &&
		     pfn_syntax(dash + 1, strlen(dash + 1));
	/* A START too large may be refused before a bad END is seen. */
	if (!ok)
		FUZZ_CHECK(rc == -EINVAL || rc == -ERANGE);
	FUZZ_CHECK(rc == 0 || rc == -EINVAL || rc == -ERANGE);
	if (rc == 0) {
		FUZZ_CHECK(a <= b);
		FUZZ_CHECK(b <= PM_PFN_MASK);
		if (!dash)
			FUZZ_CHECK(a == b);
		snprintf(back, sizeof(back), "%" PRIu64 "-0x%" PRIx64, a, b);
		FUZZ_CHECK(parse_pfn_range(back, &a2, &b2) == 0);
		FUZZ_CHECK(a2 == a && b2 == b);
	}
	free(s);
	return 0;
}
