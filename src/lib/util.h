/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_UTIL_H
#define VMS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Exit statuses: 0 success, 1 a target could not be read or an I/O error,
 * 64 a usage error (argp's own, EX_USAGE).
 */
enum {
	VMS_EXIT_OK = 0,
	VMS_EXIT_FAILURE = 1,
	VMS_EXIT_USAGE = 64,
};

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n);
int xasprintf(char **strp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Number parsing: the whole of [s, s + len) must be the number. Return 0,
 * or -EINVAL for a non-digit or empty input, -ERANGE for an overflow.
 */
int parse_hex_u64(const char *s, size_t len, uint64_t *out);
int parse_dec_u64(const char *s, size_t len, uint64_t *out);
/* A user-given number: decimal, or hex with 0x; the whole string. */
int parse_user_u64(const char *s, uint64_t *out);

/*
 * Saturating arithmetic: counters of crafted input (a smaps_rollup with
 * 2^53 kB rows) stop at UINT64_MAX, shown as 16E; they never wrap.
 * sat_add() and sat_inc() are below.
 */
static inline uint64_t sat_mul(uint64_t a, uint64_t b)
{
	uint64_t r;

	return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

static inline uint64_t sat_shl(uint64_t a, unsigned int n)
{
	return a > (UINT64_MAX >> n) ? UINT64_MAX : a << n;
}

/* "1.5M" style, as util-linux prints sizes; buf needs 16 bytes. */
char *size_to_human(uint64_t bytes, char *buf, size_t len);
/* The same, returning the length of the text (0 when len is 0). */
size_t size_to_human_n(uint64_t bytes, char *buf, size_t len);

/* Sums saturate at UINT64_MAX rather than wrap. */
static inline uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static inline void sat_inc(uint64_t *a, uint64_t b)
{
	*a = sat_add(*a, b);
}

#endif
