/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ESCAPE_H
#define VMS_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The one escaping of names: process, file and cgroup names are chosen by
 * unprivileged users, and every output writes them through one of these
 * rules. A byte, or a whole UTF-8 sequence, that a rule escapes is written
 * as \xHH per byte.
 *
 * The rules of the output modes write what libsmartcols writes for a cell
 * of that mode in the C locale the program runs in (check_escape.c holds
 * them against libsmartcols byte for byte), so that a table and a stream
 * of the same rows agree:
 */
enum esc_rule {
	/* Aligned table: C0, DEL, bytes >= 0x80, a backslash before 'x'. */
	ESC_TABLE,
	/* Raw table, fields separated by spaces: also spaces, backslashes. */
	ESC_RAW,
	/* Raw stream, fields separated by tabs: as ESC_RAW, spaces kept. */
	ESC_RAW_TAB,
	/* KEY="value": C0, DEL, bytes >= 0x80 and " \ ` $. */
	ESC_PAIRS,
	/*
	 * The text libsmartcols quotes into a JSON string: bytes that are not
	 * valid UTF-8, C1 controls and a backslash before 'x' (it copies the
	 * rest as it is, and invalid UTF-8 would make the document invalid).
	 */
	ESC_JSON_TEXT,
	/* A JSON string, quotes included: ESC_JSON_TEXT quoted as it quotes. */
	ESC_JSON,
	/*
	 * For a reader of UTF-8 (messages, pictures, a page's listing): as
	 * ESC_JSON_TEXT, and C0 controls and DEL too.
	 */
	ESC_TEXT,
	/* A Prometheus label value: ESC_TEXT, then \ and " backslashed. */
	ESC_PROM,
};

/* Room esc_write() needs for len bytes, its NUL included. */
#define ESC_ROOM(len) ((len) * 6 + 3)

/*
 * True when s is printable ASCII that rule r writes as it is (for
 * ESC_JSON, between its quotes): the common case, copied without a pass
 * of esc_write().
 */
bool esc_plain(enum esc_rule r, const char *s, size_t len);
/* s by rule r into out (ESC_ROOM(len) bytes), NUL-terminated; its length. */
size_t esc_write(enum esc_rule r, const char *s, size_t len, char *out);
/* The same, allocated. */
char *esc_dup(enum esc_rule r, const char *s, size_t len);
/*
 * The longest start of escaped text esc that fits in room bytes with a NUL,
 * cut between an escape or a UTF-8 sequence and the next: its length.
 */
size_t esc_fit(const char *esc, size_t room);

/* True when [s, s + len) is valid UTF-8 without NUL bytes. */
bool utf8_valid(const char *s, size_t len);

#endif
