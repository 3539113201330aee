// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --flags expressions (src/read/kpf.c): flag_expr_add on every line of the
 * input (each line one --flags option), then flag_expr_match and
 * flag_expr_match_page on the words in the last 16 bytes, checked against
 * a plain restatement of SPEC.md: lists ORed, names in a list ANDed, ~
 * negates, names case-insensitive, an unknown or empty name refused with a
 * message that names it.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "lib/util.h"
#include "read/kpf.h"

#define MAX_LISTS 8

/* The table entry of a name, or NULL. */
static const struct flag_name *lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < flag_nnames; i++)
		if (strlen(flag_names[i].name) == len &&
		    !strncasecmp(flag_names[i].name, s, len))
			return &flag_names[i];
	return NULL;
}

/* Whether list is valid (every name known), as the spec words it. */
static bool list_valid(const char *list)
{
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		size_t neg = n && *p == '~';

		if (!lookup(p + neg, n - neg))
			return false;
		if (!p[n])
			return true;
		p += n + 1;
	}
}

/* Whether one list holds for the words kpf (NULL: unknown) and pm. */
static int list_holds(const char *list, const uint64_t *kpf, uint64_t pm)
{
	const char *p = list;
	bool all = true;

	for (;;) {
		size_t n = strcspn(p, ",");
		size_t neg = n && *p == '~';
		const struct flag_name *fn = lookup(p + neg, n - neg);
		uint64_t w;

		FUZZ_CHECK(fn);
		if (fn->word == FLAG_KPF && !kpf)
			return -1;	/* cannot tell: not a match */
		w = fn->word == FLAG_KPF ? *kpf : pm;
		if (((w & fn->mask) == fn->value) == (bool)neg)
			all = false;
		if (!p[n])
			return all;
		p += n + 1;
	}
}

static bool list_needs_kpf(const char *list)
{
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		size_t neg = n && *p == '~';
		const struct flag_name *fn = lookup(p + neg, n - neg);

		FUZZ_CHECK(fn);
		if (fn->word == FLAG_KPF)
			return true;
		if (!p[n])
			return false;
		p += n + 1;
	}
}

FUZZ_TARGET(flags)
{
	struct flag_expr e = { 0 };
	char *text, *lists[MAX_LISTS], *line;
	uint64_t kpf = 0, pm = 0;
	size_t nl = 0, i, tlen;
	bool any_kpf = false, want, want_page;

	if (size >= 16) {
		memcpy(&kpf, data + size - 16, 8);
		memcpy(&pm, data + size - 8, 8);
		size -= 16;
	}
	text = xmemdup(data, size);
	tlen = strlen(text);
	/* Lines, empty ones included (an empty --flags is an error). */
	for (line = text; nl < MAX_LISTS; ) {
		char *end = strchr(line, '\n');
		char *err = NULL;
		bool valid;
		int rc;

		if (end)
			*end = '\0';
		valid = list_valid(line);
		rc = flag_expr_add(&e, line, &err);
		FUZZ_CHECK(valid ? rc == 0 : rc == -1);
		if (rc) {
			/* The message names the bad name and lists all. */
			FUZZ_CHECK(err);
			FUZZ_CHECK(strstr(err, "valid flags: locked"));
			FUZZ_CHECK(strstr(err, "guard"));
			free(err);
		} else {
			FUZZ_CHECK(!err);
			lists[nl++] = line;
			any_kpf |= list_needs_kpf(line);
		}
		if (!end || (size_t)(end - text) >= tlen)
			break;
		line = end + 1;
	}
	FUZZ_CHECK(e.n == nl);
	FUZZ_CHECK(flag_expr_needs_kpf(&e) == any_kpf);

	want = nl == 0;
	want_page = nl == 0;
	for (i = 0; i < nl; i++) {
		if (list_holds(lists[i], &kpf, pm) == 1)
			want = true;
		if (list_holds(lists[i], NULL, pm) == 1)
			want_page = true;
	}
	FUZZ_CHECK(flag_expr_match(&e, kpf, pm) == want);
	FUZZ_CHECK(flag_expr_match_page(&e, &kpf, pm) == want);
	FUZZ_CHECK(flag_expr_match_page(&e, NULL, pm) == want_page);
	/* What holds without the frame flags holds with them. */
	if (want_page)
		FUZZ_CHECK(want);

	/* kpf_format: only known names, never past the buffer. */
	{
		char small[24], big[1024];

		kpf_format(kpf, small, sizeof(small));
		FUZZ_CHECK(strlen(small) < sizeof(small));
		kpf_format(kpf, big, sizeof(big));
		FUZZ_CHECK(!strncmp(big, small, strlen(small)));
	}

	flag_expr_free(&e);
	FUZZ_CHECK(e.n == 0 && !e.terms);
	free(text);
	return 0;
}
