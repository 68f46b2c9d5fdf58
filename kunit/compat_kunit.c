// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_compat: the kernel's counters through compat.h's accessors, on
 * softnet_data made here and on this CPU's own.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include "../module/compat.h"
#include "rxpath_kunit.h"

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

kunit_test_suites(&rxpath_compat_suite);
