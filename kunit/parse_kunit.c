// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_parse: the words of the control files (debugfs.c).
 */
#include <kunit/test.h>
#include "rxpath_kunit.h"

static void rxpath_word_fits_valid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(1, 0, 8), 0);
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(7, 0, 8), 0);
}

static void rxpath_word_fits_empty(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(0, 0, 8), -EINVAL);
}

static void rxpath_word_fits_overflow(struct kunit *test)
{
	/* No room left for the NUL. */
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(8, 0, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(SIZE_MAX, 0, 8), -EINVAL);
}

static void rxpath_word_fits_offset(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(1, 1, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_word_fits(1, -1, 8), -EINVAL);
}

static void rxpath_word_trim_newline(struct kunit *test)
{
	char buf[8] = "1\nxx";

	KUNIT_EXPECT_EQ(test, rxpath_word_trim(buf, 2), 0);
	KUNIT_EXPECT_STREQ(test, buf, "1");
}

static void rxpath_word_trim_whitespace(struct kunit *test)
{
	char buf[8] = "on\t\v \r";
	char inner[8] = "1 1\r";

	KUNIT_EXPECT_EQ(test, rxpath_word_trim(buf, 6), 0);
	KUNIT_EXPECT_STREQ(test, buf, "on");
	/* Only trailing whitespace goes: "1 1" stays two words. */
	KUNIT_EXPECT_EQ(test, rxpath_word_trim(inner, 4), 0);
	KUNIT_EXPECT_STREQ(test, inner, "1 1");
}

static void rxpath_word_trim_empty(struct kunit *test)
{
	char blank[8] = "\t\n ";
	char none[8] = "x";

	KUNIT_EXPECT_EQ(test, rxpath_word_trim(blank, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_word_trim(none, 0), -EINVAL);
}

static void rxpath_parse_switch_valid(struct kunit *test)
{
	bool on = false;

	KUNIT_EXPECT_EQ(test, rxpath_parse_switch("on", &on), 0);
	KUNIT_EXPECT_TRUE(test, on);
	KUNIT_EXPECT_EQ(test, rxpath_parse_switch("0", &on), 0);
	KUNIT_EXPECT_FALSE(test, on);
	KUNIT_EXPECT_EQ(test, rxpath_parse_switch("1", &on), 0);
	KUNIT_EXPECT_TRUE(test, on);
	KUNIT_EXPECT_EQ(test, rxpath_parse_switch("off", &on), 0);
	KUNIT_EXPECT_FALSE(test, on);
}

static void rxpath_parse_switch_invalid(struct kunit *test)
{
	static const char *const bad[] = {
		"", "ON", "2", "-1", "01", "0x1", "yes", "on ", "1 1",
		"4294967297",
	};
	unsigned int i;
	bool on = true;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, rxpath_parse_switch(bad[i], &on),
				    -EINVAL, "'%s'", bad[i]);
		KUNIT_EXPECT_TRUE_MSG(test, on, "'%s' changed the value", bad[i]);
	}
}

static void rxpath_parse_reset_valid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_parse_reset("1"), 0);
}

static void rxpath_parse_reset_invalid(struct kunit *test)
{
	static const char *const bad[] = {
		"", "0", "2", "-1", "01", "+1", "0x1", "1 1", "on",
		"18446744073709551617",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, rxpath_parse_reset(bad[i]), -EINVAL,
				    "'%s'", bad[i]);
}

static struct kunit_case rxpath_parse_cases[] = {
	KUNIT_CASE(rxpath_parse_reset_valid),
	KUNIT_CASE(rxpath_parse_reset_invalid),
	KUNIT_CASE(rxpath_word_fits_valid),
	KUNIT_CASE(rxpath_word_fits_empty),
	KUNIT_CASE(rxpath_word_fits_overflow),
	KUNIT_CASE(rxpath_word_fits_offset),
	KUNIT_CASE(rxpath_word_trim_newline),
	KUNIT_CASE(rxpath_word_trim_whitespace),
	KUNIT_CASE(rxpath_word_trim_empty),
	KUNIT_CASE(rxpath_parse_switch_valid),
	KUNIT_CASE(rxpath_parse_switch_invalid),
	{}
};

static struct kunit_suite rxpath_parse_suite = {
	.name = "rxpath_parse",
	.test_cases = rxpath_parse_cases,
};

kunit_test_suites(&rxpath_parse_suite);
