// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath's KUnit suites: every piece of logic that can be tested without
 * traffic. rxpath_test.ko is built only against kernels with CONFIG_KUNIT
 * (the test bed's debug kernel) and runs its suites when it is loaded after
 * rxpath.ko, whose internals it reaches through EXPORT_SYMBOL_IF_KUNIT.
 *
 * Suites are named rxpath_<area>, cases <function>_<condition>.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../module/rxpath.h"
#include "../module/compat.h"
#include "../module/btf.h"
#include "../module/rings.h"

/* ---- rxpath_hist: log2 bucketing and peaks ----------------------------- */

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

/* ---- rxpath_parse: the words of the control files ---------------------- */

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

/* ---- rxpath_compat: the kernel's counters through the accessors -------- */

/* Stores a drop count the way this kernel's enqueue_to_backlog does. */
static void rxpath_test_set_dropped(struct softnet_data *sd, unsigned int n)
{
#if defined(RXPATH_HAVE_NUMA_DROP_COUNTERS)
	numa_drop_add(&sd->drop_counters, n);
#elif defined(RXPATH_HAVE_ATOMIC_SD_DROPPED)
	atomic_set(&sd->dropped, n);
#else
	sd->dropped = n;
#endif
}

static void rxpath_sd_counters_read(struct kunit *test)
{
	struct softnet_data *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sd);
	sd->processed = 5;
	sd->time_squeeze = 6;
	sd->received_rps = 8;
	rxpath_test_set_dropped(sd, 7);
	KUNIT_EXPECT_EQ(test, rxpath_sd_processed(sd), 5U);
	KUNIT_EXPECT_EQ(test, rxpath_sd_dropped(sd), 7U);
	KUNIT_EXPECT_EQ(test, rxpath_sd_time_squeeze(sd), 6U);
	KUNIT_EXPECT_EQ(test, rxpath_sd_received_rps(sd), 8U);
}

static void rxpath_sd_counters_wrap(struct kunit *test)
{
	struct softnet_data *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sd);
	sd->processed = U32_MAX;
	sd->processed++;
	rxpath_test_set_dropped(sd, U32_MAX);
	KUNIT_EXPECT_EQ(test, rxpath_sd_processed(sd), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_sd_dropped(sd), U32_MAX);
}

static void rxpath_sd_flow_limit_count_read(struct kunit *test)
{
	static const struct rxpath_flow_limit_layout mirror = RXPATH_FLOW_LIMIT_MIRROR;
	static const struct rxpath_flow_limit_layout at16 = { .offset = 16, .size = 4 };
	struct softnet_data *sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);
	struct rxpath_sd_flow_limit_head *fl;

	KUNIT_ASSERT_NOT_NULL(test, sd);
	/* No flow limit table on this CPU: 0, as softnet_stat shows. */
	KUNIT_EXPECT_EQ(test, rxpath_sd_flow_limit_count(sd, &mirror), 0ULL);
#ifdef CONFIG_NET_FLOW_LIMIT
	fl = kunit_kzalloc(test, sizeof(*fl) + 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fl);
	fl->count = 9;
	RCU_INIT_POINTER(sd->flow_limit, (void *)fl);
	KUNIT_EXPECT_EQ(test, rxpath_sd_flow_limit_count(sd, &mirror), 9ULL);
	/* A layout from BTF: a 4-byte count at byte 16 (7.x's). */
	*(u32 *)((u8 *)fl + 16) = 7;
	KUNIT_EXPECT_EQ(test, rxpath_sd_flow_limit_count(sd, &at16), 7ULL);
	RCU_INIT_POINTER(sd->flow_limit, NULL);
#else
	(void)fl;
	(void)at16;
#endif
}

/* The accessors on this CPU's live softnet_data equal the fields. */
static void rxpath_sd_counters_live(struct kunit *test)
{
	struct softnet_data *sd = &per_cpu(softnet_data, raw_smp_processor_id());

	KUNIT_EXPECT_EQ(test, rxpath_sd_time_squeeze(sd), READ_ONCE(sd->time_squeeze));
	KUNIT_EXPECT_EQ(test, rxpath_sd_received_rps(sd), READ_ONCE(sd->received_rps));
}

static struct kunit_case rxpath_compat_cases[] = {
	KUNIT_CASE(rxpath_sd_counters_read),
	KUNIT_CASE(rxpath_sd_counters_wrap),
	KUNIT_CASE(rxpath_sd_flow_limit_count_read),
	KUNIT_CASE(rxpath_sd_counters_live),
	{}
};

static struct kunit_suite rxpath_compat_suite = {
	.name = "rxpath_compat",
	.test_cases = rxpath_compat_cases,
};

/* ---- rxpath_budget: cycle classification and budget arithmetic ------- */

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
	KUNIT_EXPECT_EQ(test, rxpath_budget_left_pct(0, 0), 0U);
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
	KUNIT_EXPECT_EQ(test, rxpath_budget_bucket(0, 0), 10U);
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
	KUNIT_EXPECT_EQ(test, rxpath_budget_light_limit(0, 50), 0ULL);
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

/* ---- rxpath_btf: the BTF reader on hand-built blobs ------------------- */

/* A blob under construction: type words and strings, then the header. */
struct rxpath_test_btf {
	u32 words[256];
	unsigned int nw;
	unsigned int ntypes;
	char strs[512];
	unsigned int ns;
};

static void rxpath_tb_start(struct rxpath_test_btf *b, bool split)
{
	memset(b, 0, sizeof(*b));
	b->ns = split ? 0 : 1;	/* a base's strings start with "" */
}

static u32 rxpath_tb_str(struct rxpath_test_btf *b, u32 start_str, const char *s)
{
	u32 off = b->ns;

	strscpy(b->strs + off, s, sizeof(b->strs) - off);
	b->ns += strlen(s) + 1;
	return start_str + off;
}

static void rxpath_tb_word(struct rxpath_test_btf *b, u32 w)
{
	b->words[b->nw++] = w;
}

/* Appends a type; returns its index among the blob's own types, from 1. */
static u32 rxpath_tb_type(struct rxpath_test_btf *b, u32 name, unsigned int kind,
			  unsigned int vlen, bool kflag, u32 size_or_type)
{
	rxpath_tb_word(b, name);
	rxpath_tb_word(b, (kflag ? BIT(31) : 0) | kind << 24 | vlen);
	rxpath_tb_word(b, size_or_type);
	return ++b->ntypes;
}

static void rxpath_tb_member(struct rxpath_test_btf *b, u32 name, u32 type, u32 bits)
{
	rxpath_tb_word(b, name);
	rxpath_tb_word(b, type);
	rxpath_tb_word(b, bits);
}

/* The blob: header (24 bytes, or 32 with a layout of n kinds), types, strings. */
static void *rxpath_tb_blob(struct kunit *test, struct rxpath_test_btf *b,
			    const u8 (*layout)[4], unsigned int nlayout,
			    size_t *len)
{
	u32 hdr_len = layout ? 32 : 24, tl = b->nw * 4, ll = nlayout * 4;
	u8 *blob = kunit_kzalloc(test, hdr_len + tl + b->ns + ll, GFP_KERNEL);
	u32 h[8] = { 0xeB9F | 1 << 16, hdr_len, 0, tl, tl, b->ns, tl + b->ns, ll };

	KUNIT_ASSERT_NOT_NULL(test, blob);
	memcpy(blob, h, hdr_len);
	memcpy(blob + hdr_len, b->words, tl);
	memcpy(blob + hdr_len + tl, b->strs, b->ns);
	if (layout)
		memcpy(blob + hdr_len + tl + b->ns, layout, ll);
	*len = hdr_len + tl + b->ns + ll;
	return blob;
}

/* A blob whose type 1 is "unsigned int", and a btf to parse it into. */
static struct rxpath_test_btf *rxpath_tb_begin(struct kunit *test,
					       struct rxpath_btf **btf)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	*btf = kunit_kzalloc(test, sizeof(**btf), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, *btf);
	rxpath_tb_start(b, false);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned int"), RXPATH_BTF_INT, 0, false, 4);
	rxpath_tb_word(b, 32);
	return b;
}

/* b's blob, parsed into btf. */
static void rxpath_tb_end(struct kunit *test, struct rxpath_test_btf *b,
			  struct rxpath_btf *btf)
{
	size_t len;
	void *blob = rxpath_tb_blob(test, b, NULL, 0, &len);

	KUNIT_ASSERT_EQ(test, rxpath_btf_init(btf, blob, len, NULL), 0);
}

/*
 * The base blob of every case:
 *  1 int "unsigned short" (2)    2 typedef "u16" -> 1    3 int "unsigned int" (4)
 *  4 void *                      5 struct ring { unsigned int count; u16
 *  next_to_use; u16 next_to_clean; void *desc; }   6 struct ring *
 *  7 struct container { struct ring *ring; unsigned int count; }
 *  8 union { struct ring *ring2; unsigned int other; }
 *  9 struct q_vector { unsigned int id; struct container rx; union (8); }
 * 10 const q_vector   11 typedef "qv_t" -> 10
 * 12 struct bits { unsigned int a:3; u16 b (byte 2); unsigned int c:4 at 20; }
 * 13 struct named { "x" at an offset past the strings }
 */
static void rxpath_tb_base(struct rxpath_test_btf *b)
{
	u32 s_count, s_ring;

	rxpath_tb_start(b, false);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned short"), RXPATH_BTF_INT, 0, false, 2);
	rxpath_tb_word(b, 16);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "u16"), RXPATH_BTF_TYPEDEF, 0, false, 1);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "unsigned int"), RXPATH_BTF_INT, 0, false, 4);
	rxpath_tb_word(b, 32);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 0);
	s_ring = rxpath_tb_str(b, 0, "ring");
	s_count = rxpath_tb_str(b, 0, "count");
	rxpath_tb_type(b, s_ring, RXPATH_BTF_STRUCT, 4, false, 16);
	rxpath_tb_member(b, s_count, 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "next_to_use"), 2, 32);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "next_to_clean"), 2, 48);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "desc"), 4, 64);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 5);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "container"), RXPATH_BTF_STRUCT, 2, false, 16);
	rxpath_tb_member(b, s_ring, 6, 0);
	rxpath_tb_member(b, s_count, 3, 64);
	rxpath_tb_type(b, 0, RXPATH_BTF_UNION, 2, false, 8);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "ring2"), 6, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "other"), 3, 0);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "q_vector"), RXPATH_BTF_STRUCT, 3, false, 32);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "id"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "rx"), 7, 64);
	rxpath_tb_member(b, 0, 8, 192);
	rxpath_tb_type(b, 0, RXPATH_BTF_CONST, 0, false, 9);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "qv_t"), RXPATH_BTF_TYPEDEF, 0, false, 10);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "bits"), RXPATH_BTF_STRUCT, 3, true, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "a"), 3, 3 << 24 | 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "b"), 1, 16);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "c"), 3, 4 << 24 | 20);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "named"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, 4000, 3, 0);
}

static void rxpath_tb_parse(struct kunit *test, struct rxpath_btf *btf)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_ASSERT_EQ(test, rxpath_btf_init(btf, blob, len, NULL), 0);
}

/* Parsed; the case frees it (6.1's KUnit has no deferred actions). */
static struct rxpath_btf *rxpath_tb_parsed(struct kunit *test)
{
	struct rxpath_btf *btf = kunit_kzalloc(test, sizeof(*btf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, btf);
	rxpath_tb_parse(test, btf);
	return btf;
}

static void rxpath_btf_valid(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, btf->nr, 13U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "ring"), 5U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "q_vector"), 9U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "u16"), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(btf, "absent"), 0U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "next_to_use", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 4U);
	KUNIT_EXPECT_EQ(test, m.size, 2U);	/* through the typedef */
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_INT);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "desc", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.size, (u32)sizeof(void *));
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_PTR);
	rxpath_btf_free(btf);
}

static void rxpath_btf_member_paths(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx.ring", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.type_id, 6U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx.count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "rx", &m), 0);
	KUNIT_EXPECT_EQ(test, m.size, 16U);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_STRUCT);
	/* In an anonymous union, and through typedef and const. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 9, "ring2", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 24U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 11, "rx.count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
	rxpath_btf_free(btf);
}

/*
 * A ring held three ways: 1 int "unsigned int"; 2 struct ring { count };
 * 3 struct ring[2]; 4 struct ring *; 5 struct holder { struct ring
 * rings[2]; struct ring *p; struct ring r; unsigned int n; }.
 */
static void rxpath_btf_struct_at_kinds(struct kunit *test)
{
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	bool embedded;

	rxpath_tb_type(b, rxpath_tb_str(b, 0, "ring"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "count"), 1, 0);
	rxpath_tb_type(b, 0, RXPATH_BTF_ARRAY, 0, false, 0);
	rxpath_tb_word(b, 2);	/* struct btf_array: type, index_type, nelems */
	rxpath_tb_word(b, 1);
	rxpath_tb_word(b, 2);
	rxpath_tb_type(b, 0, RXPATH_BTF_PTR, 0, false, 2);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "holder"), RXPATH_BTF_STRUCT, 4, false, 24);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "rings"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "p"), 4, 64);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "r"), 2, 128);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "n"), 1, 160);
	rxpath_tb_end(test, b, btf);

	/* An array of rings: its first, at the member's offset. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "rings", &m), 0);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_ARRAY);
	KUNIT_EXPECT_EQ(test, m.size, 8U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_TRUE(test, embedded);
	/* A pointer to one. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "p", &m), 0);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_FALSE(test, embedded);
	/* The struct itself. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "r", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 16U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 2U);
	KUNIT_EXPECT_TRUE(test, embedded);
	/* Anything else holds no ring. */
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "n", &m), 0);
	KUNIT_EXPECT_EQ(test, rxpath_btf_struct_at(btf, &m, &embedded), 0U);
	rxpath_btf_free(btf);
}

/*
 * Enumerators, as virtio_ring's enum vq_layout gives them: 1 int; 2 enum
 * vq_layout { SPLIT 0, PACKED 1, SPLIT_IN_ORDER 2, PACKED_IN_ORDER 3 };
 * 3 typedef of 2; 4 enum64 { BIG 1 << 40, NEG -1 }; 5 struct vq { enum
 * vq_layout layout; }.
 */
static void rxpath_btf_enum_values(struct kunit *test)
{
	static const char * const names[] = { "VQ_LAYOUT_SPLIT", "VQ_LAYOUT_PACKED",
		"VQ_LAYOUT_SPLIT_IN_ORDER", "VQ_LAYOUT_PACKED_IN_ORDER" };
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	unsigned int i;
	s64 v;

	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq_layout"), RXPATH_BTF_ENUM, 4, false, 4);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		rxpath_tb_word(b, rxpath_tb_str(b, 0, names[i]));
		rxpath_tb_word(b, i);
	}
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq_layout_t"), RXPATH_BTF_TYPEDEF, 0, false, 2);
	rxpath_tb_type(b, 0, RXPATH_BTF_ENUM64, 2, true, 8);
	rxpath_tb_word(b, rxpath_tb_str(b, 0, "BIG"));
	rxpath_tb_word(b, 0);
	rxpath_tb_word(b, 1 << 8);
	rxpath_tb_word(b, rxpath_tb_str(b, 0, "NEG"));
	rxpath_tb_word(b, U32_MAX);
	rxpath_tb_word(b, U32_MAX);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "vq"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "layout"), 2, 0);
	rxpath_tb_end(test, b, btf);

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 5, "layout", &m), 0);
	KUNIT_EXPECT_EQ(test, m.kind, (unsigned int)RXPATH_BTF_ENUM);
	KUNIT_EXPECT_EQ(test, m.size, 4U);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, m.type_id, names[i], &v), 0);
		KUNIT_EXPECT_EQ(test, v, (s64)i);
	}
	/* Through a typedef; a name it lacks; a type that is no enum. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 3, "VQ_LAYOUT_PACKED", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1LL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 2, "VQ_LAYOUT_RING", &v), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 1, "VQ_LAYOUT_SPLIT", &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 99, "VQ_LAYOUT_SPLIT", &v), -EINVAL);
	/* 64-bit values, from their two halves. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 4, "BIG", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1LL << 40);
	KUNIT_EXPECT_EQ(test, rxpath_btf_enum_value(btf, 4, "NEG", &v), 0);
	KUNIT_EXPECT_EQ(test, v, -1LL);
	rxpath_btf_free(btf);
}

static void rxpath_btf_member_not_found(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 5, "nope", &m), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.nope", &m), -ENOENT);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, ".rx", &m), -EINVAL);
	/* Paths do not go through pointers. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 9, "rx.ring.count", &m), -EINVAL);
	/* Not a struct; no such type. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 3, "count", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 999, "count", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 0, "count", &m), -EINVAL);
	rxpath_btf_free(btf);
}

static void rxpath_btf_member_bitfields(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 12, "a", &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 12, "c", &m), -EINVAL);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 12, "b", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 2U);
	KUNIT_EXPECT_EQ(test, m.size, 2U);
	rxpath_btf_free(btf);
}

static void rxpath_btf_string_out_of_range(struct kunit *test)
{
	struct rxpath_btf *btf = rxpath_tb_parsed(test);
	struct rxpath_btf_member m;

	KUNIT_EXPECT_NULL(test, rxpath_btf_str(btf, btf->strs_len));
	KUNIT_EXPECT_NULL(test, rxpath_btf_str(btf, U32_MAX));
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(btf, 0), "");
	/* struct named's only member has a name past the strings. */
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 13, "x", &m), -EINVAL);
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(btf, 0));
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(btf, 14));
	KUNIT_EXPECT_NOT_NULL(test, rxpath_btf_type_by_id(btf, 13));
	rxpath_btf_free(btf);
}

static void rxpath_btf_bad_header(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf btf;
	size_t len;
	u8 *blob;
	u32 *h;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	h = (u32 *)blob;
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, 23, NULL), -EINVAL);
	h[0] = 0x9FeB | 1 << 16;	/* the other byte order */
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	h[0] = 0xeB9F | 2 << 16;	/* version 2 */
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	h[0] = 0xeB9F | 1 << 16;
	h[1] = len + 1;			/* header longer than the blob */
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	h[1] = 24;
	h[5] += 1;			/* strings past the end */
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	h[5] -= 1;
	h[4] = U32_MAX;			/* an offset that wraps */
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
}

/*
 * A blob of 24 to 31 bytes whose header says 32: refused, and not one
 * byte read past its end (KASAN would report it: a kmalloc of the size).
 */
static void rxpath_btf_short_layout_header(struct kunit *test)
{
	u32 h[6] = { 0xeB9F | 1 << 16, 32, 0, 0, 0, 1 };
	struct rxpath_btf btf;
	size_t len;
	u8 *blob;

	for (len = 24; len < 32; len++) {
		blob = kunit_kmalloc(test, len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, blob);
		memset(blob, 0, len);
		memcpy(blob, h, sizeof(h));
		KUNIT_EXPECT_EQ_MSG(test, rxpath_btf_init(&btf, blob, len, NULL),
				    -EINVAL, "%zu bytes", len);
		kunit_kfree(test, blob);
	}
}

/*
 * Arrays of arrays: 2 unsigned int[3], 3 of those [2] (24 bytes); 4 and 5
 * arrays of each other; 6 struct grid { g (3); loop (4) }.
 */
static void rxpath_btf_array_loops(struct kunit *test)
{
	struct rxpath_btf *btf;
	struct rxpath_test_btf *b = rxpath_tb_begin(test, &btf);
	struct rxpath_btf_member m;
	static const u32 arrays[4][2] = { { 1, 3 }, { 2, 2 }, { 5, 2 }, { 4, 2 } };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(arrays); i++) {
		rxpath_tb_type(b, 0, RXPATH_BTF_ARRAY, 0, false, 0);
		rxpath_tb_word(b, arrays[i][0]);
		rxpath_tb_word(b, 1);
		rxpath_tb_word(b, arrays[i][1]);
	}
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "grid"), RXPATH_BTF_STRUCT, 2, false, 40);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "g"), 3, 0);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "loop"), 4, 192);
	rxpath_tb_end(test, b, btf);

	KUNIT_ASSERT_EQ(test, rxpath_btf_member(btf, 6, "g", &m), 0);
	KUNIT_EXPECT_EQ(test, m.size, 24U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(btf, 6, "loop", &m), -EINVAL);
	rxpath_btf_free(btf);
}

static void rxpath_btf_truncated(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf btf;
	size_t len, cut;
	u8 *blob;
	u32 *h;

	KUNIT_ASSERT_NOT_NULL(test, b);
	rxpath_tb_base(b);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	h = (u32 *)blob;
	/* Cut anywhere: never parsed, never read past the end. */
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_EQ_MSG(test, rxpath_btf_init(&btf, blob, cut, NULL),
				    -EINVAL, "cut at %zu of %zu", cut, len);
	/* A type section that ends inside a type. */
	h[3] -= 4;
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	h[3] += 4;
	/* Strings that do not end with a NUL. */
	blob[len - 1] = 'x';
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
	blob[len - 1] = '\0';
	KUNIT_ASSERT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), 0);
	rxpath_btf_free(&btf);
}

static void rxpath_btf_unknown_kind(struct kunit *test)
{
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 (*layout)[4] = kunit_kcalloc(test, 26, 4, GFP_KERNEL);
	struct rxpath_btf btf;
	struct rxpath_btf_member m;
	unsigned int k;
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, layout);
	rxpath_tb_base(b);
	/* Kind 25, with 4 bytes and 2 x 8-byte elements after it. */
	rxpath_tb_type(b, 0, 25, 2, false, 0);
	for (k = 0; k < 5; k++)
		rxpath_tb_word(b, k);
	rxpath_tb_type(b, rxpath_tb_str(b, 0, "after"), RXPATH_BTF_STRUCT, 1, false, 4);
	rxpath_tb_member(b, rxpath_tb_str(b, 0, "v"), 3, 0);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);

	/* 7.x's layout section says how long each kind is. */
	layout[RXPATH_BTF_INT][0] = 4;
	layout[RXPATH_BTF_ARRAY][0] = 12;
	layout[RXPATH_BTF_STRUCT][1] = 12;
	layout[RXPATH_BTF_UNION][1] = 12;
	layout[RXPATH_BTF_ENUM][1] = 8;
	layout[RXPATH_BTF_FUNC_PROTO][1] = 8;
	layout[RXPATH_BTF_VAR][0] = 4;
	layout[RXPATH_BTF_DATASEC][1] = 12;
	layout[RXPATH_BTF_DECL_TAG][0] = 4;
	layout[RXPATH_BTF_ENUM64][1] = 12;
	layout[25][0] = 4;
	layout[25][1] = 8;
	blob = rxpath_tb_blob(test, b, (const u8 (*)[4])layout, 26, &len);
	KUNIT_ASSERT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), 0);
	KUNIT_EXPECT_EQ(test, btf.nr, 15U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(&btf, "after"), 15U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_member(&btf, 15, "v", &m), 0);
	rxpath_btf_free(&btf);

	/* A layout that disagrees on a kind this reader knows is refused. */
	layout[RXPATH_BTF_STRUCT][1] = 8;
	blob = rxpath_tb_blob(test, b, (const u8 (*)[4])layout, 26, &len);
	KUNIT_EXPECT_EQ(test, rxpath_btf_init(&btf, blob, len, NULL), -EINVAL);
}

static void rxpath_btf_split(struct kunit *test)
{
	struct rxpath_btf *base = rxpath_tb_parsed(test);
	struct rxpath_test_btf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct rxpath_btf split;
	struct rxpath_btf_member m;
	u32 s_mod, s_count;
	size_t len;
	void *blob;

	KUNIT_ASSERT_NOT_NULL(test, b);
	/* Split strings continue the base's; "count" is the base's own. */
	for (s_count = 1; s_count < base->strs_len; s_count += strlen(base->strs + s_count) + 1)
		if (!strcmp(base->strs + s_count, "count"))
			break;
	KUNIT_ASSERT_LT(test, s_count, base->strs_len);
	rxpath_tb_start(b, true);
	s_mod = rxpath_tb_str(b, base->strs_len, "mod_ring");
	/* Type 14: struct mod_ring { struct ring *r; unsigned int count; } */
	rxpath_tb_type(b, s_mod, RXPATH_BTF_STRUCT, 2, false, 16);
	rxpath_tb_member(b, rxpath_tb_str(b, base->strs_len, "r"), 6, 0);
	rxpath_tb_member(b, s_count, 3, 64);
	blob = rxpath_tb_blob(test, b, NULL, 0, &len);
	KUNIT_ASSERT_EQ(test, rxpath_btf_init(&split, blob, len, base), 0);
	KUNIT_EXPECT_EQ(test, split.start_id, 14U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(&split, "mod_ring"), 14U);
	KUNIT_EXPECT_EQ(test, rxpath_btf_find_struct(&split, "ring"), 5U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(&split, 14, "count", &m), 0);
	KUNIT_EXPECT_EQ(test, m.offset, 8U);
	KUNIT_EXPECT_EQ(test, m.size, 4U);
	KUNIT_ASSERT_EQ(test, rxpath_btf_member(&split, 14, "r", &m), 0);
	KUNIT_EXPECT_EQ(test, m.type_id, 6U);
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(&split, s_mod), "mod_ring");
	KUNIT_EXPECT_STREQ(test, rxpath_btf_str(&split, s_count), "count");
	KUNIT_EXPECT_NULL(test, rxpath_btf_type_by_id(&split, 15));
	rxpath_btf_free(&split);
	rxpath_btf_free(base);
}

static struct kunit_case rxpath_btf_cases[] = {
	KUNIT_CASE(rxpath_btf_valid),
	KUNIT_CASE(rxpath_btf_member_paths),
	KUNIT_CASE(rxpath_btf_struct_at_kinds),
	KUNIT_CASE(rxpath_btf_enum_values),
	KUNIT_CASE(rxpath_btf_member_not_found),
	KUNIT_CASE(rxpath_btf_member_bitfields),
	KUNIT_CASE(rxpath_btf_string_out_of_range),
	KUNIT_CASE(rxpath_btf_bad_header),
	KUNIT_CASE(rxpath_btf_truncated),
	KUNIT_CASE(rxpath_btf_short_layout_header),
	KUNIT_CASE(rxpath_btf_array_loops),
	KUNIT_CASE(rxpath_btf_unknown_kind),
	KUNIT_CASE(rxpath_btf_split),
	{}
};

static struct kunit_suite rxpath_btf_suite = {
	.name = "rxpath_btf",
	.test_cases = rxpath_btf_cases,
};

/* ---- rxpath_ring: RX ring arithmetic ----------------------------------- */

static void rxpath_ring_indices_ok_bounds(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, rxpath_ring_indices_ok(256, 0, 0));
	KUNIT_EXPECT_TRUE(test, rxpath_ring_indices_ok(256, 255, 255));
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices_ok(256, 256, 0));
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices_ok(256, 0, 256));
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices_ok(0, 0, 0));
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices_ok(80, U32_MAX, 3));
	KUNIT_EXPECT_TRUE(test, rxpath_ring_indices_ok(U32_MAX, U32_MAX - 1, 0));
}

static void rxpath_ring_unused_wrap(struct kunit *test)
{
	/* Empty: all but the one slot that tells full from empty. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 0, 0), 255U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 255, 255), 255U);
	/* Full, in the middle and across the end. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 0, 1), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 255, 0), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 100, 101), 0U);
	/* Between. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 5, 10), 4U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 10, 5), 250U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 255, 1), 1U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(256, 1, 255), 253U);
	/* e1000e's smallest ring, and a one-slot ring (always full). */
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(80, 79, 0), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(80, 0, 79), 78U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(1, 0, 0), 0U);
	/* The largest u16 ring. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(65535, 65534, 0), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_unused(65535, 0, 0), 65534U);
}

static void rxpath_ring_unused_every_pair(struct kunit *test)
{
	u32 count = 16, ntu, ntc, used;

	/* unused + in use + 1 = count, for every valid pair. */
	for (ntu = 0; ntu < count; ntu++) {
		for (ntc = 0; ntc < count; ntc++) {
			used = (ntu + count - ntc) % count;
			KUNIT_EXPECT_EQ_MSG(test, rxpath_ring_unused(count, ntu, ntc) + used + 1,
					    count, "ntu %u ntc %u", ntu, ntc);
		}
	}
}

static void rxpath_ring_next_wrap(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rxpath_ring_next(256, 0, 0), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_next(256, 250, 5), 255U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_next(256, 250, 6), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_next(256, 255, 255), 254U);
	/* No overflow near U32_MAX. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_next(U32_MAX, U32_MAX - 1, 2), 1U);
}

static void rxpath_ring_missed_sequences(struct kunit *test)
{
	struct rxpath_ring_missed m = {};

	/* The first observation only primes, even with full polls and drops. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 100, 3), 0ULL);
	/* Grew, and a poll found the ring full since: all of it counts. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 105, 4), 5ULL);
	/* Grew, but no poll found the ring full since. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 110, 4), 0ULL);
	/* Full, but no drop. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 110, 9), 0ULL);
	/* Full and grew again: each step its own growth. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 111, 10), 1ULL);
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 200, 12), 89ULL);
	/* The counter went down (device reset): that step counts nothing. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 3, 13), 0ULL);
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 4, 14), 1ULL);
	/* The full count merged over CPUs only grows; any change counts. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, 5, 14), 0ULL);
	/* Up to U64_MAX. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, U64_MAX - 1, 15), U64_MAX - 6);
	KUNIT_EXPECT_EQ(test, rxpath_ring_missed_step(&m, U64_MAX, 16), 1ULL);
}

/* A row reading a ring of u32 members at byte 4 * role, by hand. */
static void rxpath_test_ring_row(struct rxpath_ring_driver *d,
				 const unsigned int *roles, unsigned int n,
				 unsigned int size)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		d->field[roles[i]] = "m";
		d->field_m[roles[i]] = (struct rxpath_btf_member){
			.offset = 4 * roles[i], .size = size,
			.kind = RXPATH_BTF_INT,
		};
	}
}

static void rxpath_ring_indices_wrapped(struct kunit *test)
{
	static const unsigned int roles[] = { RXPATH_RF_COUNT, RXPATH_RF_NTU, RXPATH_RF_NTC };
	struct rxpath_ring_driver *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	u32 ring[RXPATH_RF_NR] = {}, count, ntu, ntc, unused, armed;

	KUNIT_ASSERT_NOT_NULL(test, d);
	rxpath_test_ring_row(d, roles, ARRAY_SIZE(roles), 4);
	ring[RXPATH_RF_COUNT] = 256;
	ring[RXPATH_RF_NTU] = 10;
	ring[RXPATH_RF_NTC] = 11;
	KUNIT_ASSERT_TRUE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
	KUNIT_EXPECT_EQ(test, count, 256U);
	KUNIT_EXPECT_EQ(test, unused, 0U);
	KUNIT_EXPECT_EQ(test, armed, 255U);
	/* Past count: caught mid-resize. */
	ring[RXPATH_RF_NTC] = 256;
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
}

static void rxpath_ring_indices_free_running(struct kunit *test)
{
	static const unsigned int roles[] = { RXPATH_RF_MASK, RXPATH_RF_NTU, RXPATH_RF_NTC };
	struct rxpath_ring_driver *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	u32 ring[RXPATH_RF_NR] = {}, count, ntu, ntc, unused, armed;

	/* gve's GQI: fill_cnt and cnt over mask + 1 slots, none kept empty. */
	KUNIT_ASSERT_NOT_NULL(test, d);
	d->index = RXPATH_IDX_FREE;
	rxpath_test_ring_row(d, roles, ARRAY_SIZE(roles), 4);
	ring[RXPATH_RF_MASK] = 1023;
	ring[RXPATH_RF_NTU] = 5000;
	ring[RXPATH_RF_NTC] = 5000 - 1024;
	KUNIT_ASSERT_TRUE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
	KUNIT_EXPECT_EQ(test, count, 1024U);
	KUNIT_EXPECT_EQ(test, ntu, 5000U % 1024);
	KUNIT_EXPECT_EQ(test, ntc, 5000U % 1024);
	KUNIT_EXPECT_EQ(test, unused, 0U);
	KUNIT_EXPECT_EQ(test, armed, 1024U);
	/* Across the counters' wrap. */
	ring[RXPATH_RF_NTU] = 5;
	ring[RXPATH_RF_NTC] = U32_MAX - 4;
	KUNIT_ASSERT_TRUE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
	KUNIT_EXPECT_EQ(test, armed, 10U);
	KUNIT_EXPECT_EQ(test, unused, 1014U);
	KUNIT_EXPECT_EQ(test, ntc, (U32_MAX - 4) % 1024);
	/* More posted than the ring holds: not a ring at rest. */
	ring[RXPATH_RF_NTC] = 5 - 1025;
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
	/* With one slot kept empty, 1024 posted are too many too. */
	d->reserved = 1;
	ring[RXPATH_RF_NTC] = 5 - 1024;
	KUNIT_EXPECT_FALSE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
}

static void rxpath_ring_indices_posted(struct kunit *test)
{
	static const unsigned int roles[] = { RXPATH_RF_COUNT, RXPATH_RF_NTU, RXPATH_RF_POSTED };
	struct rxpath_ring_driver *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	u32 ring[RXPATH_RF_NR] = {}, count, ntu, ntc, unused, armed;

	/* A u16 producer that runs free, and the count posted. */
	KUNIT_ASSERT_NOT_NULL(test, d);
	d->index = RXPATH_IDX_FREE;
	rxpath_test_ring_row(d, roles, ARRAY_SIZE(roles), 2);
	((u16 *)ring)[2 * RXPATH_RF_COUNT] = 64;
	((u16 *)ring)[2 * RXPATH_RF_NTU] = 3;
	((u16 *)ring)[2 * RXPATH_RF_POSTED] = 60;
	KUNIT_ASSERT_TRUE(test, rxpath_ring_indices(d, ring, false, &count, &ntu, &ntc, &unused, &armed));
	KUNIT_EXPECT_EQ(test, count, 64U);
	KUNIT_EXPECT_EQ(test, ntu, 3U);
	/* 3 - 60 at the u16's width, modulo 64. */
	KUNIT_EXPECT_EQ(test, ntc, (u32)((3 - 60) & U16_MAX) % 64);
	KUNIT_EXPECT_EQ(test, unused, 4U);
	KUNIT_EXPECT_EQ(test, armed, 60U);
}

static void rxpath_ring_start_pending_full(struct kunit *test)
{
	/* Pending after the poll plus what it cleaned, capped at the capacity. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_start_pending(0, 0, 256), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_start_pending(10, 64, 256), 74U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_start_pending(15, 64, 80), 79U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_start_pending(79, 64, 80), 79U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_start_pending(U32_MAX - 1, 64, U32_MAX), U32_MAX - 1);
}

static void rxpath_ring_cleaned_moves(struct kunit *test)
{
	/* A chained poll: how far next_to_clean moved, past the ring's end too. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(64, 10, 10, true, 64), 0U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(64, 10, 50, true, 20), 40U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(64, 60, 4, true, 64), 8U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(64, 0, 63, true, 64), 63U);
	/* TX cleanup's whole weight, nothing received: nothing cleaned. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(64, 17, 17, false, 64), 0U);
	/* Not chained: at most the poll's work. */
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(256, 0, 200, false, 64), 64U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(256, 250, 2, false, 64), 8U);
	KUNIT_EXPECT_EQ(test, rxpath_ring_cleaned(256, 0, 5, false, -1), 0U);
}

static void rxpath_ring_merge_cpus(struct kunit *test)
{
	struct rxpath_napi_rings a = { .driver = -1 }, b = { .driver = 2, .gen = 5 };

	/* CPU a saw ring 0 first; CPU b later, and ring 1 only there. */
	a.ring[0] = (struct rxpath_ring_state){ .stamp = 100, .count = 256, .ntu = 9, .ntc = 10,
		.unused = 0, .pending = 7, .min_unused = 0, .max_pending = 200, .polls = 5,
		.full_polls = 2, .full_events = 1 };
	b.ring[0] = (struct rxpath_ring_state){ .stamp = 200, .count = 256, .ntu = 20, .ntc = 30,
		.unused = 9, .pending = 0, .min_unused = 3, .max_pending = 100, .polls = 7,
		.full_polls = 1, .full_events = 4 };
	b.ring[1] = (struct rxpath_ring_state){ .stamp = 50, .count = 80, .ntu = 1, .ntc = 2,
		.min_unused = RXPATH_RING_UNKNOWN, .max_pending = RXPATH_RING_UNKNOWN, .polls = 1 };
	rxpath_rings_merge(&a, &b);
	KUNIT_EXPECT_EQ(test, a.driver, 2);
	KUNIT_EXPECT_EQ(test, a.gen, 5U);
	/* The instant figures are the latest poll's, the counts summed. */
	KUNIT_EXPECT_EQ(test, a.ring[0].stamp, 200ULL);
	KUNIT_EXPECT_EQ(test, a.ring[0].ntc, 30U);
	KUNIT_EXPECT_EQ(test, a.ring[0].pending, 0U);
	KUNIT_EXPECT_EQ(test, a.ring[0].polls, 12ULL);
	KUNIT_EXPECT_EQ(test, a.ring[0].full_polls, 3ULL);
	KUNIT_EXPECT_EQ(test, a.ring[0].full_events, 5ULL);
	KUNIT_EXPECT_EQ(test, a.ring[0].min_unused, 0U);
	KUNIT_EXPECT_EQ(test, a.ring[0].max_pending, 200U);
	KUNIT_EXPECT_EQ(test, a.ring[1].count, 80U);
	KUNIT_EXPECT_EQ(test, a.ring[1].max_pending, RXPATH_RING_UNKNOWN);
	/* An unknown max_pending yields to a known one, either way round. */
	b.ring[1].max_pending = 40;
	a.ring[1].stamp = 0;
	rxpath_rings_merge(&a, &b);
	rxpath_rings_merge(&a, &b);
	KUNIT_EXPECT_EQ(test, a.ring[1].max_pending, 40U);
	KUNIT_EXPECT_EQ(test, a.ring[1].polls, 2ULL);
	KUNIT_EXPECT_EQ(test, a.ring[2].stamp, 0ULL);
}

static struct kunit_case rxpath_ring_cases[] = {
	KUNIT_CASE(rxpath_ring_start_pending_full),
	KUNIT_CASE(rxpath_ring_cleaned_moves),
	KUNIT_CASE(rxpath_ring_indices_wrapped),
	KUNIT_CASE(rxpath_ring_indices_free_running),
	KUNIT_CASE(rxpath_ring_indices_posted),
	KUNIT_CASE(rxpath_ring_merge_cpus),
	KUNIT_CASE(rxpath_ring_indices_ok_bounds),
	KUNIT_CASE(rxpath_ring_unused_wrap),
	KUNIT_CASE(rxpath_ring_unused_every_pair),
	KUNIT_CASE(rxpath_ring_next_wrap),
	KUNIT_CASE(rxpath_ring_missed_sequences),
	{}
};

static struct kunit_suite rxpath_ring_suite = {
	.name = "rxpath_ring",
	.test_cases = rxpath_ring_cases,
};

/* ---- rxpath_table: the text of the debugfs tables ---------------------- */

/* A seq_file over a buffer of its own, as seq_read would give show(). */
static struct seq_file *rxpath_test_seq(struct kunit *test,
					const struct rxpath_cpu_table *t)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct rxpath_cpu_table_open *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, o);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	o->t = t;
	m->private = o;
	return m;
}

static unsigned int rxpath_test_fields(const char *line)
{
	unsigned int n = 0;
	bool in = false;

	for (; *line && *line != '\n'; line++) {
		if (*line == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

/* Every field after the first is a decimal number or "-". */
static bool rxpath_test_row_ok(const char *row)
{
	const char *p = strchr(row, ' ');

	for (; p && *p && *p != '\n'; p++) {
		if (*p == ' ' || isdigit(*p))
			continue;
		if (*p == '-' && (p[1] == ' ' || p[1] == '\n') && p[-1] == ' ')
			continue;
		return false;
	}
	return row[strlen(row) - 1] == '\n';
}

/* A table's header line. */
static void rxpath_test_header(struct kunit *test,
			       const struct rxpath_cpu_table *t, const char *want)
{
	struct seq_file *m = rxpath_test_seq(test, t);
	unsigned long state = 0;

	t->show_header(m, &state);
	KUNIT_EXPECT_STREQ(test, m->buf, want);
}

/* CPU 0's row: its number, then fields numbers or "-", fields in all. */
static void rxpath_test_row(struct kunit *test, const struct rxpath_cpu_table *t,
			    unsigned int fields)
{
	struct seq_file *m = rxpath_test_seq(test, t);

	t->show_row(m, 0, 0);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(m->buf), fields);
	KUNIT_EXPECT_TRUE(test, !strncmp(m->buf, "0 ", 2));
	KUNIT_EXPECT_TRUE_MSG(test, rxpath_test_row_ok(m->buf), "row '%s'", m->buf);
}

/* A histogram's header, after checking CPU 0's row has a cell per column. */
static const char *rxpath_test_hist(struct kunit *test,
				    const struct rxpath_cpu_table *t)
{
	struct seq_file *h = rxpath_test_seq(test, t);
	struct seq_file *r = rxpath_test_seq(test, t);
	unsigned long state = 0;

	t->show_header(h, &state);
	t->show_row(r, 0, state);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(r->buf), rxpath_test_fields(h->buf));
	KUNIT_EXPECT_TRUE_MSG(test, rxpath_test_row_ok(r->buf), "row '%s'", r->buf);
	return h->buf;
}

static void rxpath_softnet_header_columns(struct kunit *test)
{
	rxpath_test_header(test, &rxpath_softnet_table,
			   "cpu processed dropped time_squeeze received_rps flow_limit input_qlen process_qlen backlog_max backlog_enqueues backlog_drops\n");
}

static void rxpath_softnet_row_format(struct kunit *test)
{
	rxpath_test_row(test, &rxpath_softnet_table, 11);
}

static void rxpath_backlog_hist_row_matches_header(struct kunit *test)
{
	const char *h = rxpath_test_hist(test, &rxpath_backlog_hist_table);

	KUNIT_EXPECT_TRUE(test, !strncmp(h, "cpu 0 1 2-3 4-7 ", 16));
	/* At least up to the 1024-2047 bucket: cpu + 12 buckets. */
	KUNIT_EXPECT_GE(test, rxpath_test_fields(h), 13U);
}

/*
 * One read's rows keep to its header: a bucket that fills between them
 * shows from the next read on.
 */
static void rxpath_backlog_hist_width_per_read(struct kunit *test)
{
	const struct rxpath_cpu_table *t = &rxpath_backlog_hist_table;
	struct seq_file *h = rxpath_test_seq(test, t);
	struct seq_file *r = rxpath_test_seq(test, t);
	unsigned long state = 0;

	t->show_header(h, &state);
	rxpath_backlog_count(0, 1U << 30);
	t->show_row(r, 0, state);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(r->buf), rxpath_test_fields(h->buf));
	KUNIT_EXPECT_NULL(test, strstr(h->buf, " 1073741824-2147483647"));
	h->count = 0;
	r->count = 0;
	memset(h->buf, 0, h->size);
	memset(r->buf, 0, r->size);
	t->show_header(h, &state);
	t->show_row(r, 0, state);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(r->buf), rxpath_test_fields(h->buf));
	KUNIT_EXPECT_NOT_NULL(test, strstr(h->buf, " 1073741824-2147483647\n"));
}

static void rxpath_seq_hist_header_labels(struct kunit *test)
{
	struct seq_file *m = rxpath_test_seq(test, NULL);

	rxpath_seq_hist_header(m, 4);
	KUNIT_EXPECT_STREQ(test, m->buf, "cpu 0 1 2-3 4-7\n");
	m->count = 0;
	rxpath_seq_hist_header(m, RXPATH_HIST_BUCKETS);
	KUNIT_EXPECT_TRUE(test, strstr(m->buf, " 2147483648-4294967295\n") != NULL);
}

/* The table walk, with the CPUs that are online now. */
static unsigned int rxpath_test_walk(struct kunit *test, struct seq_file *m,
				     unsigned int *cpus)
{
	unsigned int rows = 0;
	loff_t pos = 0;
	void *v = rxpath_cpu_seq_start(m, &pos);

	KUNIT_EXPECT_PTR_EQ(test, v, SEQ_START_TOKEN);
	for (v = rxpath_cpu_seq_next(m, v, &pos); v;
	     v = rxpath_cpu_seq_next(m, v, &pos))
		cpus[rows++] = (unsigned long)v - 2;
	return rows;
}

static void rxpath_cpu_seq_next_cpu_offline(struct kunit *test)
{
	struct seq_file *m = rxpath_test_seq(test, &rxpath_softnet_table);
	unsigned int *cpus, n, last;
	loff_t pos = 0;
	void *v;
	int err;

	if (!IS_ENABLED(CONFIG_HOTPLUG_CPU) || num_online_cpus() < 2)
		kunit_skip(test, "needs CPU hotplug and 2 online CPUs");
	cpus = kunit_kcalloc(test, nr_cpu_ids, sizeof(*cpus), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cpus);
	n = rxpath_test_walk(test, m, cpus);
	KUNIT_ASSERT_EQ(test, n, num_online_cpus());
	last = cpus[n - 1];

	/* Between two reads of one open file, the last CPU goes away. */
	v = rxpath_cpu_seq_start(m, &pos);
	v = rxpath_cpu_seq_next(m, v, &pos);
	KUNIT_ASSERT_NOT_NULL(test, v);
	err = remove_cpu(last);
	KUNIT_ASSERT_EQ(test, err, 0);
	while (v && (unsigned long)v - 2 != last)
		v = rxpath_cpu_seq_next(m, v, &pos);
	KUNIT_EXPECT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, rxpath_test_walk(test, m, cpus), n - 1);
	/* Its row is shown again, with its counts, once it is back. */
	KUNIT_ASSERT_EQ(test, add_cpu(last), 0);
	KUNIT_EXPECT_EQ(test, rxpath_test_walk(test, m, cpus), n);
	KUNIT_EXPECT_EQ(test, cpus[n - 1], last);
	m->count = 0;
	KUNIT_EXPECT_EQ(test, rxpath_cpu_seq_show(m, (void *)(unsigned long)(last + 2)), 0);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(m->buf), 11U);
}

#ifdef RXPATH_HAVE_ALLOC_NETDEV_DUMMY
static int rxpath_test_dummy_poll(struct napi_struct *napi, int budget)
{
	napi_complete_done(napi, 3);
	return 3;
}

/*
 * A NAPI on a dummy netdev (as wireless drivers keep theirs), on no
 * device list: its row is shown, named "dummy", and keeps its counts from
 * one read to the next.
 */
static void rxpath_napi_dummy_netdev_rows(struct kunit *test)
{
	struct napi_struct *napi = kunit_kzalloc(test, sizeof(*napi), GFP_KERNEL);
	struct net_device *dev = alloc_netdev_dummy(0);
	struct rxpath_napi_rows rows;
	unsigned int i, k, found;

	KUNIT_ASSERT_NOT_NULL(test, napi);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	netif_napi_add(dev, napi, rxpath_test_dummy_poll);
	napi_enable(napi);
	for (k = 1; k <= 2; k++) {
		local_bh_disable();
		napi_schedule(napi);
		local_bh_enable();
		KUNIT_ASSERT_EQ(test, rxpath_napi_rows_get(&rows), 0);
		for (i = 0, found = 0; i < rows.n; i++) {
			if (rows.row[i].napi != napi)
				continue;
			found++;
			KUNIT_EXPECT_STREQ(test, rows.row[i].dev, "dummy");
			KUNIT_EXPECT_EQ(test, rows.row[i].polls, (u64)k);
			KUNIT_EXPECT_EQ(test, rows.row[i].work, 3ULL * k);
		}
		KUNIT_EXPECT_EQ_MSG(test, found, 1U, "read %u", k);
		rxpath_napi_rows_put(&rows);
	}
	napi_disable(napi);
	netif_napi_del(napi);
	free_netdev(dev);
}
#else
static void rxpath_napi_dummy_netdev_rows(struct kunit *test)
{
	kunit_skip(test, "no alloc_netdev_dummy before 6.10");
}
#endif

static void rxpath_budget_header_columns(struct kunit *test)
{
	rxpath_test_header(test, &rxpath_budget_table,
			   "cpu cycles drained_cycles budget_squeeze time_squeeze low_budget_cycles work max_cycle_usecs outside_polls\n");
}

static void rxpath_budget_row_format(struct kunit *test)
{
	rxpath_test_row(test, &rxpath_budget_table, 9);
}

static void rxpath_budget_hist_row_matches_header(struct kunit *test)
{
	const char *h = rxpath_test_hist(test, &rxpath_budget_hist_table);

	KUNIT_EXPECT_STREQ(test, h,
			   "cpu 0-9 10-19 20-29 30-39 40-49 50-59 60-69 70-79 80-89 90-99 100+\n");
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(h),
			(unsigned int)RXPATH_BUDGET_BUCKETS + 1);
}

static struct kunit_case rxpath_table_cases[] = {
	KUNIT_CASE(rxpath_budget_header_columns),
	KUNIT_CASE(rxpath_budget_row_format),
	KUNIT_CASE(rxpath_budget_hist_row_matches_header),
	KUNIT_CASE(rxpath_softnet_header_columns),
	KUNIT_CASE(rxpath_softnet_row_format),
	KUNIT_CASE(rxpath_backlog_hist_row_matches_header),
	KUNIT_CASE(rxpath_backlog_hist_width_per_read),
	KUNIT_CASE(rxpath_seq_hist_header_labels),
	KUNIT_CASE(rxpath_cpu_seq_next_cpu_offline),
	KUNIT_CASE(rxpath_napi_dummy_netdev_rows),
	{}
};

static struct kunit_suite rxpath_table_suite = {
	.name = "rxpath_table",
	.test_cases = rxpath_table_cases,
};

/* ---- rxpath_chardev: the event stream's producers and reader --------- */

/* r's records of type on this CPU (or any CPU: cpu < 0). */
static size_t rxpath_take_type(struct kunit *test, struct rxpath_reader *r,
			       struct rxpath_record *buf, size_t max, u32 type,
			       int cpu, struct rxpath_record **first)
{
	size_t n = rxpath_reader_take(r, buf, max), i, k = 0;

	*first = NULL;
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, buf[i].abi, (u32)RXPATH_ABI_VERSION);
		if (buf[i].type != type || (cpu >= 0 && buf[i].cpu != cpu))
			continue;
		if (!k++)
			*first = &buf[i];
	}
	return k;
}

static void rxpath_reader_ring_record_fields(struct kunit *test)
{
	struct rxpath_rec_ring ring = {
		.ifindex = 7, .queue = 2, .ntu = 5, .ntc = 6, .count = 256,
		.missed = 1ULL << 40, .drops = 12345,
	};
	struct rxpath_record *buf = kunit_kcalloc(test, 16, sizeof(*buf), GFP_KERNEL);
	struct rxpath_reader *r = rxpath_reader_open();
	struct rxpath_record *rec;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	__rxpath_events_ring(&ring);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_RING_FULL, -1, &rec), 1);
	if (rec) {
		KUNIT_EXPECT_EQ(test, rec->u.ring.ifindex, 7U);
		KUNIT_EXPECT_EQ(test, rec->u.ring.queue, 2U);
		KUNIT_EXPECT_EQ(test, rec->u.ring.ntu, 5U);
		KUNIT_EXPECT_EQ(test, rec->u.ring.ntc, 6U);
		KUNIT_EXPECT_EQ(test, rec->u.ring.count, 256U);
		KUNIT_EXPECT_EQ(test, rec->u.ring.missed, 1ULL << 40);
		KUNIT_EXPECT_EQ(test, rec->u.ring.drops, 12345ULL);
		KUNIT_EXPECT_LT(test, rec->cpu, nr_cpu_ids);
		KUNIT_EXPECT_NE(test, rec->time_ns, 0ULL);
	}
	rxpath_reader_close(r);
}

/*
 * n refusals by cpu's backlog, as softnet.c's sample reports them, long
 * after any reader's open (so that none is cut back to it).
 */
static void rxpath_test_drop(unsigned int cpu, u32 n)
{
	__rxpath_events_refused(cpu, rxpath_sd_dropped(this_cpu_ptr(&softnet_data)) +
			     0x40000000U, n);
}

static void rxpath_reader_drops_coalesce(struct kunit *test)
{
	struct rxpath_record *buf = kunit_kcalloc(test, 16, sizeof(*buf), GFP_KERNEL);
	struct rxpath_reader *r = rxpath_reader_open();
	struct rxpath_record *rec;
	int cpu, i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	cpu = get_cpu();
	for (i = 0; i < 5; i++)
		rxpath_test_drop(1, 1);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec) {
		KUNIT_EXPECT_EQ(test, rec->u.drop.cpu, 1U);
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 5U);
	}
	/* Taken: the next refusal starts a record of its own. */
	cpu = get_cpu();
	rxpath_test_drop(1, 1);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 1U);
	/* Another backlog CPU in between: three records. */
	cpu = get_cpu();
	rxpath_test_drop(1, 1);
	rxpath_test_drop(0, 1);
	rxpath_test_drop(1, 1);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 3);
	/* Counted refusals, as the kernel's count grew: added up in one. */
	cpu = get_cpu();
	rxpath_test_drop(1, 40);
	rxpath_test_drop(1, 2);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 42U);
	/* A count that would pass the record's limit starts another. */
	cpu = get_cpu();
	rxpath_test_drop(1, 0x7ffffff0U);
	rxpath_test_drop(1, 0x20);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 2);
	rxpath_reader_close(r);
}

/*
 * Refusals the kernel counted (the hook off) reach a reader from its open:
 * the first sample after it may reach back before it, and is trimmed; a
 * later reader's open takes nothing from an earlier one.
 */
static void rxpath_reader_refused_since_open(struct kunit *test)
{
	struct rxpath_record *buf = kunit_kcalloc(test, 16, sizeof(*buf), GFP_KERNEL);
	struct rxpath_reader *r1, *r2;
	struct rxpath_record *rec;
	unsigned int base;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* One CPU throughout: each reader's base is per CPU. */
	migrate_disable();
	cpu = smp_processor_id();
	base = rxpath_sd_dropped(per_cpu_ptr(&softnet_data, cpu));
	r1 = rxpath_reader_open();
	KUNIT_ASSERT_FALSE(test, IS_ERR(r1));
	/* All 5 before the open: nothing; then 4 more, whole. */
	__rxpath_events_refused(cpu, base, 5);
	__rxpath_events_refused(cpu, base + 4, 4);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r1, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec) {
		KUNIT_EXPECT_EQ(test, rec->u.drop.cpu, (u32)cpu);
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 4U);
	}
	r2 = rxpath_reader_open();
	KUNIT_ASSERT_FALSE(test, IS_ERR(r2));
	/* 10 since the last sample, 3 of them since r2's open. */
	__rxpath_events_refused(cpu, base + 3, 10);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r2, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 3U);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r1, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 10U);
	rxpath_reader_close(r2);
	rxpath_reader_close(r1);
	migrate_enable();
}

static void rxpath_reader_backlog_threshold(struct kunit *test)
{
	struct rxpath_record *buf = kunit_kcalloc(test, 16, sizeof(*buf), GFP_KERNEL);
	struct rxpath_reader *r = rxpath_reader_open();
	struct rxpath_record *rec;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	cpu = get_cpu();
	__rxpath_events_backlog(1, RXPATH_FILTER_DEFAULT_BACKLOG_QLEN);	/* not above */
	__rxpath_events_backlog(1, 501);
	__rxpath_events_backlog(1, 900);
	__rxpath_events_backlog(1, 600);
	rxpath_test_drop(1, 1);		/* a drop record between does not close it */
	__rxpath_events_backlog(1, 700);
	put_cpu();
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r, buf, 16, RXPATH_REC_BACKLOG, cpu, &rec), 1);
	if (rec) {
		KUNIT_EXPECT_EQ(test, rec->u.backlog.cpu, 1U);
		KUNIT_EXPECT_EQ(test, rec->u.backlog.count, 4U);
		KUNIT_EXPECT_EQ(test, rec->u.backlog.qlen, 900U);
		KUNIT_EXPECT_EQ(test, rec->u.backlog.limit, (u32)rxpath_netdev_max_backlog());
	}
	rxpath_reader_close(r);
}

/*
 * n cycle records made on this CPU, numbered from from: work 300 + the
 * number, of a budget of 300 (none left: every reader takes them).
 */
static void rxpath_make_cycles(unsigned int from, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		__rxpath_events_cycle(300, 300 + from + i, RXPATH_CYCLE_BUDGET, 10, true);
}

/*
 * How many of cpu's cycle records buf[from, to) holds, checking they are
 * numbered on from work.
 */
static size_t rxpath_expect_cycles(struct kunit *test,
				   const struct rxpath_record *buf, size_t from,
				   size_t to, int cpu, u32 work)
{
	size_t i, k = 0;

	for (i = from; i < to; i++)
		if (buf[i].type == RXPATH_REC_CYCLE && buf[i].cpu == cpu)
			KUNIT_EXPECT_EQ(test, buf[i].u.cycle.work, (u32)(work + k++));
	return k;
}

/*
 * What did not fit comes as a LOST record in its place: after the
 * records that were in the buffer, before those made after it; from the
 * reader once the buffer is empty, or first in the buffer when a record
 * comes before that.
 */
static void rxpath_reader_lost_in_place(struct kunit *test)
{
	struct rxpath_reader *r = rxpath_reader_open();
	const size_t max = 4096;
	struct rxpath_record *buf, *lost;
	size_t n;
	int cpu;

	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	buf = kvcalloc(max, sizeof(*buf), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* One CPU's buffer throughout. */
	migrate_disable();
	cpu = smp_processor_id();
	/* 1. 5000 into 1024: 1024 records, then 3976 lost. */
	rxpath_make_cycles(0, 5000);
	n = rxpath_take_type(test, r, buf, max, RXPATH_REC_LOST, cpu, &lost);
	KUNIT_EXPECT_EQ(test, n, 1UL);
	KUNIT_ASSERT_NOT_NULL(test, lost);
	KUNIT_EXPECT_EQ(test, lost->u.lost.count, 3976U);
	KUNIT_EXPECT_EQ(test, rxpath_expect_cycles(test, buf, 0, lost - buf, cpu, 300), 1024UL);
	/* 2. 2000 more: 1024 fit, 976 lost; 10 taken; 5 more made. */
	rxpath_make_cycles(10000, 2000);
	KUNIT_EXPECT_EQ(test, rxpath_reader_take(r, buf, 10), 10UL);
	rxpath_make_cycles(20000, 5);
	memset(buf, 0, max * sizeof(*buf));
	n = rxpath_take_type(test, r, buf, max, RXPATH_REC_LOST, cpu, &lost);
	KUNIT_EXPECT_EQ(test, n, 1UL);
	KUNIT_ASSERT_NOT_NULL(test, lost);
	KUNIT_EXPECT_EQ(test, lost->u.lost.count, 976U);
	KUNIT_EXPECT_EQ(test, rxpath_expect_cycles(test, buf, 0, lost - buf, cpu, 10310), 1014UL);
	KUNIT_EXPECT_EQ(test, rxpath_expect_cycles(test, buf, lost - buf + 1, max, cpu, 20300), 5UL);
	migrate_enable();
	kvfree(buf);
	rxpath_reader_close(r);
}

static void rxpath_make_cycles_ipi(void *n)
{
	rxpath_make_cycles(0, *(unsigned int *)n);
}

/*
 * A read takes from every CPU's buffer, a batch from each in turn,
 * starting after the CPU the last read stopped at: a busy CPU 0 does not
 * keep CPU 1's records waiting.
 */
static void rxpath_reader_drain_fair(struct kunit *test)
{
	struct rxpath_record *buf = kunit_kcalloc(test, 100, sizeof(*buf), GFP_KERNEL);
	unsigned int n = 1000, got[2] = { 0, 0 }, total = 0, i;
	struct rxpath_reader *r;
	size_t k;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	if (!cpu_online(0) || !cpu_online(1))
		kunit_skip(test, "needs CPUs 0 and 1 online");
	r = rxpath_reader_open();
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	KUNIT_ASSERT_EQ(test, smp_call_function_single(0, rxpath_make_cycles_ipi, &n, 1), 0);
	KUNIT_ASSERT_EQ(test, smp_call_function_single(1, rxpath_make_cycles_ipi, &n, 1), 0);
	/* The first 100 records: some of each CPU's, 32 at least. */
	k = rxpath_reader_take(r, buf, 100);
	KUNIT_EXPECT_EQ(test, k, 100UL);
	for (i = 0; i < k; i++)
		if (buf[i].type == RXPATH_REC_CYCLE && buf[i].cpu < 2)
			got[buf[i].cpu]++;
	KUNIT_EXPECT_GE(test, got[0], 32U);
	KUNIT_EXPECT_GE(test, got[1], 32U);
	/* And all of them in the end, each CPU's in order. */
	total = got[0] + got[1];
	while ((k = rxpath_reader_take(r, buf, 100)))
		for (i = 0; i < k; i++)
			if (buf[i].type == RXPATH_REC_CYCLE && buf[i].cpu < 2) {
				KUNIT_EXPECT_EQ(test, buf[i].u.cycle.work, 300 + got[buf[i].cpu]);
				got[buf[i].cpu]++;
				total++;
			}
	KUNIT_EXPECT_EQ(test, total, 2 * n);
	rxpath_reader_close(r);
}

static struct kunit_case rxpath_chardev_cases[] = {
	KUNIT_CASE(rxpath_reader_ring_record_fields),
	KUNIT_CASE(rxpath_reader_drops_coalesce),
	KUNIT_CASE(rxpath_reader_refused_since_open),
	KUNIT_CASE(rxpath_reader_backlog_threshold),
	KUNIT_CASE(rxpath_reader_lost_in_place),
	KUNIT_CASE(rxpath_reader_drain_fair),
	{}
};

static struct kunit_suite rxpath_chardev_suite = {
	.name = "rxpath_chardev",
	.test_cases = rxpath_chardev_cases,
};

kunit_test_suites(&rxpath_chardev_suite, &rxpath_hist_suite, &rxpath_parse_suite,
		  &rxpath_compat_suite, &rxpath_budget_suite,
		  &rxpath_btf_suite, &rxpath_ring_suite,
		  &rxpath_table_suite);

RXPATH_IMPORT_KUNIT_NS();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for rxpath");
