// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_budget: how a net_rx_action cycle ended, and the arithmetic of
 * the budget's percentage, histogram and light cycles.
 */
#include <kunit/test.h>
#include "../module/budget.h"
#include "rxpath_kunit.h"

/*
 * A budget of 0 in a variable: given a literal 0, sparse folds it into the
 * division these functions make only for a budget above 0, and warns.
 */
static int rxpath_no_budget;

static void rxpath_cycle_end_drained(struct kunit *test)
{
	/* The counter did not move: drained, whatever the work. */
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 7, 0, 300), RXPATH_CYCLE_DRAINED);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 7, 299, 300), RXPATH_CYCLE_DRAINED);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 7, 640, 16), RXPATH_CYCLE_DRAINED);
}

static void rxpath_cycle_end_budget(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 8, 300, 300), RXPATH_CYCLE_BUDGET);
	/* The last poll may overrun the budget by up to its weight. */
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 8, 64, 16), RXPATH_CYCLE_BUDGET);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 8, U64_MAX, 300), RXPATH_CYCLE_BUDGET);
}

static void rxpath_cycle_end_time(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 8, 299, 300), RXPATH_CYCLE_TIME);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(7, 8, 0, 300), RXPATH_CYCLE_TIME);
}

static void rxpath_cycle_end_budget_zero(struct kunit *test)
{
	/* A budget of 0 or less is spent before the first poll. */
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(1, 2, 0, 0), RXPATH_CYCLE_BUDGET);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(1, 2, 5, -1), RXPATH_CYCLE_BUDGET);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(1, 2, 5, INT_MIN), RXPATH_CYCLE_BUDGET);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(1, 1, 0, 0), RXPATH_CYCLE_DRAINED);
}

static void rxpath_cycle_end_counter_wrap(struct kunit *test)
{
	/* time_squeeze is an unsigned int: its wrap is still one squeeze. */
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(UINT_MAX, 0, 300, 300), RXPATH_CYCLE_BUDGET);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(UINT_MAX, 0, 1, 300), RXPATH_CYCLE_TIME);
	KUNIT_EXPECT_EQ(test, rxpath_cycle_end(UINT_MAX, UINT_MAX, 1, 300), RXPATH_CYCLE_DRAINED);
}

static void rxpath_budget_left_pct_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(0, 300), 100U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(150, 300), 50U);
	/* Rounded down, as the old probe did: 49.67% is 49. */
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(151, 300), 49U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(299, 300), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(1, INT_MAX), 99U);
}

static void rxpath_budget_left_pct_spent(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(300, 300), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(64, 16), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(U64_MAX, 300), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(0, rxpath_no_budget), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(0, -5), 0U);
}

static void rxpath_budget_bucket_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(0, 300), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(29, 300), 0U);	/* 9.67% */
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(30, 300), 1U);	/* 10% */
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(64, 300), 2U);	/* 21.3% */
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(299, 300), 9U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(300, 300), 10U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(1, INT_MAX), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(INT_MAX, INT_MAX), 10U);
}

static void rxpath_budget_bucket_overrun(struct kunit *test)
{
	/* Above the budget, up to any u64: the last bucket, no overflow. */
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(64, 16), 10U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(U64_MAX, 300), 10U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(U64_MAX / 10, INT_MAX), 10U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(0, rxpath_no_budget), 10U);
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(3, -1), 10U);
	KUNIT_EXPECT_LT(test, rxpath_budget_bucket(U64_MAX, 1),
			(unsigned int)RXPATH_BUDGET_BUCKETS);
}

/*
 * A cycle below the light limit is exactly one that lands in the first
 * budget_hist bucket and is not low: every work up to the limit and past
 * it, for budgets small and large and every threshold.
 */
static void rxpath_budget_light_limit_exact(struct kunit *test)
{
	static const int budgets[] = { 1, 2, 9, 10, 11, 16, 64, 299, 300, 301 };
	unsigned int i, warn;
	u64 work, limit;
	bool light;

	for (i = 0; i < ARRAY_SIZE(budgets); i++) {
		for (warn = 0; warn <= 100; warn++) {
			limit = rxpath_budget_light_limit(budgets[i], warn);
			for (work = 0; work <= limit + 2; work++) {
				light = rxpath_budget_bucket(work, budgets[i]) == 0 &&
					rxpath_budget_left_pct(work, budgets[i]) >= warn;
				KUNIT_EXPECT_EQ_MSG(test, work < limit, light,
						    "budget %d warn %u work %llu",
						    budgets[i], warn, work);
			}
		}
	}
}

static void rxpath_budget_light_limit_none(struct kunit *test)
{
	/* A budget spent before the cycle starts leaves nothing light. */
	KUNIT_EXPECT_EQ(test, rxpath_budget_light_limit(rxpath_no_budget, 50), 0ULL);
	KUNIT_EXPECT_EQ(test, rxpath_budget_light_limit(-3, 0), 0ULL);
	/* Above 100 (never set) reads as 100: only idle cycles are light. */
	KUNIT_EXPECT_EQ(test, rxpath_budget_light_limit(300, 1000), 1ULL);
	KUNIT_EXPECT_EQ(test, rxpath_budget_light_limit(INT_MAX, 0),
			div_u64((u64)INT_MAX + 9, 10));
}

static void rxpath_parse_pct_valid(struct kunit *test)
{
	static const struct { const char *word; unsigned int pct; } ok[] = {
		{ "0", 0 }, { "5", 5 }, { "50", 50 }, { "050", 50 },
		{ "99", 99 }, { "100", 100 }, { "000", 0 },
	};
	unsigned int i, pct;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		pct = 1000;
		KUNIT_EXPECT_EQ_MSG(test, rxpath_parse_pct(ok[i].word, &pct), 0,
				    "'%s'", ok[i].word);
		KUNIT_EXPECT_EQ_MSG(test, pct, ok[i].pct, "'%s'", ok[i].word);
	}
}

static void rxpath_parse_pct_invalid(struct kunit *test)
{
	static const char *const bad[] = {
		"", "101", "999", "1000", "-1", "+5", " 5", "5 ", "5%", "0x5",
		"1.5", "abc", "50 50", "18446744073709551617",
	};
	unsigned int i, pct = 77;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, rxpath_parse_pct(bad[i], &pct), -EINVAL,
				    "'%s'", bad[i]);
	KUNIT_EXPECT_EQ(test, pct, 77U);
}

static struct kunit_case rxpath_budget_cases[] = {
	KUNIT_CASE(rxpath_cycle_end_drained),
	KUNIT_CASE(rxpath_cycle_end_budget),
	KUNIT_CASE(rxpath_cycle_end_time),
	KUNIT_CASE(rxpath_cycle_end_budget_zero),
	KUNIT_CASE(rxpath_cycle_end_counter_wrap),
	KUNIT_CASE(rxpath_budget_left_pct_values),
	KUNIT_CASE(rxpath_budget_left_pct_spent),
	KUNIT_CASE(rxpath_budget_bucket_values),
	KUNIT_CASE(rxpath_budget_bucket_overrun),
	KUNIT_CASE(rxpath_budget_light_limit_exact),
	KUNIT_CASE(rxpath_budget_light_limit_none),
	KUNIT_CASE(rxpath_parse_pct_valid),
	KUNIT_CASE(rxpath_parse_pct_invalid),
	{}
};

static struct kunit_suite rxpath_budget_suite = {
	.name = "rxpath_budget",
	.test_cases = rxpath_budget_cases,
};

kunit_test_suites(&rxpath_budget_suite);
