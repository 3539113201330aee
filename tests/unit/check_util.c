// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/crc.h"
#include "lib/env.h"
#include "lib/numfmt.h"
#include "lib/parallel.h"
#include "suites.h"
#include "lib/util.h"

START_TEST(test_hex)
{
	uint64_t v;

	ck_assert_int_eq(parse_hex_u64("7fffDEAD0000", 12, &v), 0);
	ck_assert_uint_eq(v, 0x7fffdead0000ULL);
	ck_assert_int_eq(parse_hex_u64("ffffffffffffffff", 16, &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(parse_hex_u64("10000000000000000", 17, &v), -ERANGE);
	ck_assert_int_eq(parse_hex_u64("", 0, &v), -EINVAL);
	ck_assert_int_eq(parse_hex_u64("12g4", 4, &v), -EINVAL);
	ck_assert_int_eq(parse_hex_u64("-1", 2, &v), -EINVAL);
}
END_TEST

START_TEST(test_dec)
{
	uint64_t v;

	ck_assert_int_eq(parse_dec_u64("18446744073709551615", 20, &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(parse_dec_u64("18446744073709551616", 20, &v),
			 -ERANGE);
	ck_assert_int_eq(parse_dec_u64("12 ", 3, &v), -EINVAL);
	ck_assert_int_eq(parse_user_u64("0x1F", &v), 0);
	ck_assert_uint_eq(v, 31);
	ck_assert_int_eq(parse_user_u64("0x", &v), -EINVAL);
	ck_assert_int_eq(parse_user_u64("-5", &v), -EINVAL);
}
END_TEST

/*
 * Found by fuzz/fuzz_util.c: an overflow was reported before a later
 * non-digit, so "18844674407371955!61" was "too large", not "not a number".
 */
START_TEST(test_overflow_then_garbage)
{
	uint64_t v = 7;

	ck_assert_int_eq(parse_hex_u64("18844674407371955!61", 20, &v),
			 -EINVAL);
	ck_assert_int_eq(parse_dec_u64("99999999999999999999x", 21, &v),
			 -EINVAL);
	ck_assert_int_eq(parse_dec_u64("99999999999999999999", 20, &v),
			 -ERANGE);
	ck_assert_int_eq(parse_hex_u64("fffffffffffffffff", 17, &v), -ERANGE);
	ck_assert_uint_eq(v, 7);
}
END_TEST

START_TEST(test_human)
{
	char buf[16];

	ck_assert_str_eq(size_to_human(0, buf, sizeof(buf)), "0B");
	ck_assert_str_eq(size_to_human(1023, buf, sizeof(buf)), "1023B");
	ck_assert_str_eq(size_to_human(4096, buf, sizeof(buf)), "4K");
	ck_assert_str_eq(size_to_human(1536 * 1024, buf, sizeof(buf)), "1.5M");
	/* 1.96 rounds up to the next unit count, not to "1.10". */
	ck_assert_str_eq(size_to_human(2007, buf, sizeof(buf)), "2K");
	ck_assert_str_eq(size_to_human(UINT64_MAX, buf, sizeof(buf)), "16E");
	/* The longest text, its length, and the text cut as snprintf. */
	ck_assert_uint_eq(size_to_human_n(1048473, buf, sizeof(buf)), 7);
	ck_assert_str_eq(buf, "1023.9K");
	ck_assert_uint_eq(size_to_human_n(1048473, buf, 8), 7);
	ck_assert_str_eq(buf, "1023.9K");
	ck_assert_uint_eq(size_to_human_n(1048473, buf, 7), 6);
	ck_assert_str_eq(buf, "1023.9");
	ck_assert_uint_eq(size_to_human_n(1048473, buf, 3), 2);
	ck_assert_str_eq(buf, "10");
	ck_assert_uint_eq(size_to_human_n(1048473, buf, 0), 0);
}
END_TEST

/* fmt_dec and fmt_hex write what printf would, over every digit count. */
START_TEST(test_numfmt)
{
	char want[32], got[NUMFMT_MAX];
	uint64_t v = 0;
	int i;

	for (i = 0; i < 129; i++) {
		v = i < 65 ? (i ? 1ULL << (i - 1) : 0) : (1ULL << (i - 65)) - 1;
		snprintf(want, sizeof(want), "%" PRIu64, v);
		ck_assert_uint_eq(fmt_dec(got, v), strlen(want));
		ck_assert_str_eq(got, want);
		snprintf(want, sizeof(want), "%" PRIx64, v);
		ck_assert_uint_eq(fmt_hex(got, v), strlen(want));
		ck_assert_str_eq(got, want);
	}
	ck_assert_uint_eq(fmt_dec(got, UINT64_MAX), 20);
	ck_assert_str_eq(got, "18446744073709551615");
	ck_assert_uint_eq(fmt_dec(got, 9), 1);
	ck_assert_str_eq(got, "9");
	ck_assert_uint_eq(fmt_dec(got, 10), 2);
	ck_assert_str_eq(got, "10");
	ck_assert_uint_eq(fmt_dec(got, 100), 3);
	ck_assert_str_eq(got, "100");
	ck_assert_uint_eq(fmt_hex(got, UINT64_MAX), 16);
	ck_assert_str_eq(got, "ffffffffffffffff");
	/* size_to_human cuts as snprintf did */
	ck_assert_str_eq(size_to_human(1536 * 1024, want, 3), "1.");
	ck_assert_str_eq(size_to_human(123456, want, 2), "1");
}
END_TEST

/*
 * The CRC-32 of a file with holes, built from data and zero runs, is the
 * one of its bytes read whole: snapshots' sparse entries rely on it.
 */
START_TEST(test_crc_holes)
{
	static const uint64_t holes[] = { 0, 1, 7, 4096, 65537,
					  (1 << 20) + 3 };
	size_t i, len = (1 << 20) + 8;
	char *whole = calloc(1, len);
	uint32_t c;

	ck_assert_uint_eq(crc_data(0, "123456789", 9), 0xcbf43926);
	ck_assert_uint_eq(crc_zeros(0x1234, 0), 0x1234);
	for (i = 0; i < sizeof(holes) / sizeof(holes[0]); i++) {
		memset(whole, 0, len);
		memcpy(whole, "abc", 3);
		memcpy(whole + 3 + holes[i], "yz", 2);
		c = crc_data(crc_zeros(crc_data(0, "abc", 3), holes[i]),
			     "yz", 2);
		ck_assert_uint_eq(c, crc_data(0, whole, 5 + holes[i]));
		/* a trailing hole */
		c = crc_zeros(crc_data(0, "abc", 3), holes[i]);
		ck_assert_uint_eq(c, crc_data(0, whole, 3 + holes[i]));
	}
	free(whole);
}
END_TEST

/* Which worker took each index, how often, and whether it knew. */
struct ramp_log {
	unsigned int worker[256];
	unsigned int visits[256];
	bool busy[256];
	long nap_ns;			/* each index takes this long */
};

static void ramp_one(void *arg, size_t i, unsigned int worker)
{
	struct ramp_log *l = arg;
	struct timespec t = { 0, l->nap_ns };

	l->worker[i] = worker;
	__atomic_fetch_add(&l->visits[i], 1, __ATOMIC_RELAXED);
	l->busy[i] = parallel_in_worker();
	if (l->nap_ns)
		nanosleep(&t, NULL);
}

static unsigned int ramp_run(struct ramp_log *l, size_t n, uint64_t alone_ns,
			     unsigned int *on1)
{
	unsigned int once = 0;
	size_t i;

	ck_assert_int_eq(env_parse(ENV_THREADS, "2"), 0);
	parallel_for_ramp(n, ramp_one, l, alone_ns);
	env_unset(ENV_THREADS);
	*on1 = 0;
	for (i = 0; i < n; i++) {
		once += l->visits[i] == 1;
		*on1 += l->worker[i] == 1;
		/* Two workers: the cores may be busy, from the first index. */
		ck_assert(l->busy[i]);
	}
	return once;
}

START_TEST(test_ramp)
{
	static struct ramp_log quick, slow, now;
	unsigned int on1;

	/* Quick indices, a long wait: all on this thread, each once. */
	ck_assert_uint_eq(ramp_run(&quick, 256, 10000000000ULL, &on1), 256);
	ck_assert_uint_eq(on1, 0);
	/* 200 indices of 100 us, the others after 1 ms: they take some. */
	slow.nap_ns = 100000;
	ck_assert_uint_eq(ramp_run(&slow, 200, 1000000, &on1), 200);
	ck_assert_uint_eq(slow.worker[0], 0);
	ck_assert_uint_gt(on1, 0);
	/* No wait: as parallel_for. */
	now.nap_ns = 100000;
	ck_assert_uint_eq(ramp_run(&now, 100, 0, &on1), 100);
	ck_assert_uint_gt(on1, 0);
}
END_TEST

Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("numbers");

	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_dec);
	tcase_add_test(tc, test_overflow_then_garbage);
	tcase_add_test(tc, test_numfmt);
	suite_add_tcase(s, tc);
	tc = tcase_create("text");
	tcase_add_test(tc, test_human);
	suite_add_tcase(s, tc);
	tc = tcase_create("crc");
	tcase_add_test(tc, test_crc_holes);
	suite_add_tcase(s, tc);
	tc = tcase_create("parallel");
	tcase_add_test(tc, test_ramp);
	suite_add_tcase(s, tc);
	return s;
}
