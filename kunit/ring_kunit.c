// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_ring: the RX ring arithmetic of the rings table (ring_poll.c).
 */
#include <kunit/test.h>
#include "../module/rings.h"
#include "rxpath_kunit.h"

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

kunit_test_suites(&rxpath_ring_suite);
