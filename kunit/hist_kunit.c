// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_hist: the log2 bucketing of the histograms, and peaks that only
 * grow (rxpath.h's helpers for probe context).
 */
#include <kunit/test.h>
#include "rxpath_kunit.h"

static void rxpath_log2_bucket_zero(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_log2_bucket(0), 0U);
}

static void rxpath_log2_bucket_bounds(struct kunit *test)
{
	unsigned int b;

	/* Bucket b >= 1 holds [2^(b-1), 2^b - 1], as the uapi header says. */
	for (b = 1; b < RXPATH_HIST_BUCKETS; b++) {
		u32 lo = (u32)(1ULL << (b - 1)), hi = (u32)((1ULL << b) - 1);

		KUNIT_EXPECT_EQ_MSG(test, rxpath_log2_bucket(lo), b, "lo %u", lo);
		KUNIT_EXPECT_EQ_MSG(test, rxpath_log2_bucket(hi), b, "hi %u", hi);
	}
}

static void rxpath_log2_bucket_largest(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_log2_bucket(U32_MAX), 32U);
	KUNIT_EXPECT_LT(test, rxpath_log2_bucket(U32_MAX),
			(unsigned int)RXPATH_HIST_BUCKETS);
}

static void rxpath_max_update_only_grows(struct kunit *test)
{
	unsigned int max = 0;

	rxpath_max_update(&max, 5);
	KUNIT_EXPECT_EQ(test, max, 5U);
	rxpath_max_update(&max, 3);
	KUNIT_EXPECT_EQ(test, max, 5U);
	rxpath_max_update(&max, 5);
	KUNIT_EXPECT_EQ(test, max, 5U);
	rxpath_max_update(&max, U32_MAX);
	KUNIT_EXPECT_EQ(test, max, U32_MAX);
}

static struct kunit_case rxpath_hist_cases[] = {
	KUNIT_CASE(rxpath_log2_bucket_zero),
	KUNIT_CASE(rxpath_log2_bucket_bounds),
	KUNIT_CASE(rxpath_log2_bucket_largest),
	KUNIT_CASE(rxpath_max_update_only_grows),
	{}
};

static struct kunit_suite rxpath_hist_suite = {
	.name = "rxpath_hist",
	.test_cases = rxpath_hist_cases,
};

kunit_test_suites(&rxpath_hist_suite);
