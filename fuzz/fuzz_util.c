// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Number parsing and UTF-8 escaping (src/lib/util.c), each checked against a
 * plain restatement of what it must do.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "fuzz.h"
#include "lib/util.h"

/* The digits without leading zeros ("0" for all zeros), lower case. */
static size_t significant(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0;

	while (i + 1 < len && s[i] == '0')
		i++;
	for (; i < len; i++)
		out[n++] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] + 32 : s[i]);
	out[n] = '\0';
	return n;
}

static void check_number(const char *s, size_t len, bool hex)
{
	const char *digits = hex ? "0123456789abcdefABCDEF" : "0123456789";
	char *sig, back[32];
	bool valid = len > 0;
	uint64_t v = 0xdeadbeef;
	size_t i, n;
	int rc;

	for (i = 0; i < len; i++)
		if (!s[i] || !strchr(digits, s[i]))
			valid = false;
	rc = hex ? parse_hex_u64(s, len, &v) : parse_dec_u64(s, len, &v);
	if (!valid) {
		FUZZ_CHECK(rc == -EINVAL);
		FUZZ_CHECK(v == 0xdeadbeef);
		return;
	}
	sig = xmalloc(len + 1);
	n = significant(s, len, sig);
	if (rc == -ERANGE) {
		FUZZ_CHECK(hex ? n > 16 : n > 20 || (n == 20 &&
			   strcmp(sig, "18446744073709551615") > 0));
	} else {
		FUZZ_CHECK(rc == 0);
		snprintf(back, sizeof(back), hex ? "%" PRIx64 : "%" PRIu64,
			 v);
		FUZZ_CHECK(!strcmp(back, sig));
	}
	free(sig);
}

/* Undo name_escape: \xHH is the byte HH, every other byte itself. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	uint64_t b;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' &&
		    !parse_hex_u64(s + 2, 2, &b)) {
			out[n++] = (char)b;
			s += 4;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

/* No control byte (but C0 in JSON's form), valid UTF-8, and reversible. */
static void check_name_escape(const char *s, size_t len, bool c0)
{
	char *out = name_escape(s, len, "\"", c0), *back;
	size_t olen = strlen(out), i;

	FUZZ_CHECK(utf8_valid(out, olen));
	FUZZ_CHECK(olen >= len && olen <= 4 * len);
	for (i = 0; i < olen; i++) {
		unsigned char ch = (unsigned char)out[i];

		FUZZ_CHECK(ch != '"');
		FUZZ_CHECK(!c0 || (ch >= 0x20 && ch != 0x7f));
		FUZZ_CHECK(!(ch == 0xc2 && i + 1 < olen &&
			     (unsigned char)out[i + 1] < 0xa0));
	}
	back = xmalloc(olen + 1);
	FUZZ_CHECK(unescape(out, back) == len && !memcmp(back, s, len));
	free(back);
	free(out);
}

static void check_escape(const char *s, size_t len)
{
	char *out = utf8_escape(s, len);
	size_t olen = strlen(out);
	bool valid = utf8_valid(s, len);

	FUZZ_CHECK(utf8_valid(out, olen));
	FUZZ_CHECK(olen >= len && olen <= 4 * len);
	if (!valid)
		FUZZ_CHECK(olen > len);
	free(out);
	check_name_escape(s, len, true);
	check_name_escape(s, len, false);
}

static void check_human(const uint8_t *data, size_t size)
{
	uint64_t bytes = 0;
	char buf[16];

	memcpy(&bytes, data, size < 8 ? size : 8);
	size_to_human(bytes, buf, sizeof(buf));
	FUZZ_CHECK(memchr(buf, '\0', sizeof(buf)));
	FUZZ_CHECK(strspn(buf, "0123456789.") >= 1);
}

FUZZ_TARGET(util)
{
	const char *s = (const char *)data;
	char *z = xmemdup(data, size);
	uint64_t v;

	check_number(s, size, true);
	check_number(s, size, false);
	if (parse_user_u64(z, &v) == 0)
		FUZZ_CHECK(strlen(z) > 0);
	check_escape(s, size);
	check_human(data, size);
	free(z);
	return 0;
}
