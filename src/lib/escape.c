// SPDX-License-Identifier: GPL-2.0-or-later
/* The one escaping of names, for every output mode (escape.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/util.h"

static const char hexdigit[] = "0123456789abcdef";

/* Length of the valid UTF-8 sequence at s, or 0 when there is none. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return s[0] ? 1 : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(p + i, len - i);

		if (!n)
			return false;
		i += n;
	}
	return true;
}

static bool byte_rule(enum esc_rule r)
{
	return r == ESC_TABLE || r == ESC_RAW || r == ESC_RAW_TAB ||
	       r == ESC_PAIRS;
}

static bool backslash_x(const unsigned char *p, size_t i, size_t len)
{
	return p[i] == '\\' && i + 1 < len && p[i + 1] == 'x';
}

/*
 * A byte a rule of the text modes escapes: libsmartcols measures by the
 * locale, and in the C locale no byte >= 0x80 is printable.
 */
static bool byte_escaped(enum esc_rule r, const unsigned char *p, size_t i,
			 size_t len)
{
	unsigned char c = p[i];

	if (c < 0x20 || c >= 0x7f)
		return true;
	switch (r) {
	case ESC_TABLE:
		return backslash_x(p, i, len);
	case ESC_RAW:
		return c == ' ' || c == '\\';
	case ESC_RAW_TAB:
		return c == '\\';
	case ESC_PAIRS:
		return c == '"' || c == '\\' || c == '`' ||
		       c == '$';
	default:
		return false;
	}
}

/* A UTF-8 sequence of n bytes (0: not valid) a rule of UTF-8 escapes. */
static bool seq_escaped(enum esc_rule r, const unsigned char *p, size_t i,
			size_t len, size_t n)
{
	if (!n || backslash_x(p, i, len))
		return true;
	if (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)	/* C1 */
		return true;
	return n == 1 && (r == ESC_TEXT || r == ESC_PROM) &&
	       (p[i] < 0x20 || p[i] == 0x7f);
}

/* A character of the escaped text, quoted as the format of r needs. */
static char *quote(enum esc_rule r, char *o, unsigned char c)
{
	static const char shortcut[] = {
		['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r',
		['\t'] = 't',
	};

	if ((r == ESC_JSON || r == ESC_PROM) && (c == '"' || c == '\\')) {
		*o++ = '\\';
	} else if (r == ESC_JSON && c < 0x20) {
		*o++ = '\\';
		if (c < sizeof(shortcut) && shortcut[c]) {
			*o++ = shortcut[c];
			return o;
		}
		memcpy(o, "u00", 3);
		o += 3;
		*o++ = hexdigit[c >> 4];
		c = (unsigned char)hexdigit[c & 15];
	}
	*o++ = (char)c;
	return o;
}

static char *hex(enum esc_rule r, char *o, unsigned char c)
{
	o = quote(r, o, '\\');
	*o++ = 'x';
	*o++ = hexdigit[c >> 4];
	*o++ = hexdigit[c & 15];
	return o;
}

size_t esc_write(enum esc_rule r, const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	char *o = out;
	size_t i = 0, n, k;

	if (r == ESC_JSON)
		*o++ = '"';
	while (i < len) {
		if (byte_rule(r)) {
			if (byte_escaped(r, p, i, len))
				o = hex(r, o, p[i]);
			else
				*o++ = (char)p[i];
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i);
		for (k = 0; k < (n ? n : 1); k++)
			o = seq_escaped(r, p, i, len, n) ? hex(r, o, p[i + k]) :
			    quote(r, o, p[i + k]);
		i += n ? n : 1;
	}
	if (r == ESC_JSON)
		*o++ = '"';
	*o = '\0';
	return (size_t)(o - out);
}

char *esc_dup(enum esc_rule r, const char *s, size_t len)
{
	char *out = xmalloc(ESC_ROOM(len));

	esc_write(r, s, len, out);
	return out;
}

bool esc_plain(enum esc_rule r, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	bool quoted = r == ESC_JSON || r == ESC_PROM;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (c < 0x20 || c >= 0x7f)
			return false;
		/* Printable, and none of the bytes any rule below escapes. */
		if (c != ' ' && c != '\\' && c != '"' && c != '`' && c != '$')
			continue;
		if (byte_rule(r) ? byte_escaped(r, p, i, len) :
		    backslash_x(p, i, len) ||
		    (quoted && (c == '"' || c == '\\')))
			return false;
	}
	return true;
}

size_t esc_fit(const char *esc, size_t room)
{
	const unsigned char *p = (const unsigned char *)esc;
	size_t at = 0, len = strlen(esc);

	while (at < len) {
		size_t n = backslash_x(p, at, len) ? 4 : utf8_seq(p + at,
								   len - at);

		if (!n)
			n = 1;
		if (at + n + 1 > room)
			break;
		at += n;
	}
	return at;
}
