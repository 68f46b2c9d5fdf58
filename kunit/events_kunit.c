// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_events: the event stream's producers and reader (chardev.c),
 * through readers opened in the kernel.
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include "../module/compat.h"
#include "../module/events.h"
#include "rxpath_kunit.h"

/*
 * What a case of rxpath_events holds, closed by the suite's exit whatever
 * the case's end: the readers it opened (each keeps the producers' static
 * key on while it is joined) and a buffer too large for kunit_kzalloc.
 */
struct rxpath_events_test {
	struct rxpath_reader *reader[2];
	unsigned int readers;
	struct rxpath_record *records;	/* kvcalloc() */
};

static int rxpath_events_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct rxpath_events_test), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void rxpath_events_test_exit(struct kunit *test)
{
	struct rxpath_events_test *ctx = test->priv;

	while (ctx->readers)
		rxpath_reader_close(ctx->reader[--ctx->readers]);
	kvfree(ctx->records);
}

/*
 * A reader on the stream for the case, or an ERR_PTR; the suite's exit
 * closes it. It asserts nothing itself: a case may call it with migration
 * disabled (see rxpath_reader_refused_since_open).
 */
static struct rxpath_reader *rxpath_test_reader_open(struct kunit *test)
{
	struct rxpath_events_test *ctx = test->priv;
	struct rxpath_reader *r;

	if (ctx->readers == ARRAY_SIZE(ctx->reader))
		return ERR_PTR(-EMFILE);
	r = rxpath_reader_open();
	if (!IS_ERR(r))
		ctx->reader[ctx->readers++] = r;
	return r;
}

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
	struct rxpath_reader *r = rxpath_test_reader_open(test);
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
	struct rxpath_reader *r = rxpath_test_reader_open(test);
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
	/*
	 * One CPU throughout: each reader's base is per CPU. Migration is
	 * enabled again before any assertion can end the case: a task that
	 * exits with it disabled leaves its CPU pinned (rq->nr_pinned), and
	 * taking that CPU offline (rxpath_hotplug) would wait forever.
	 */
	migrate_disable();
	cpu = smp_processor_id();
	base = rxpath_sd_dropped(per_cpu_ptr(&softnet_data, cpu));
	r1 = rxpath_test_reader_open(test);
	if (IS_ERR(r1))
		migrate_enable();
	KUNIT_ASSERT_FALSE(test, IS_ERR(r1));
	/* All 5 before the open: nothing; then 4 more, whole. */
	__rxpath_events_refused(cpu, base, 5);
	__rxpath_events_refused(cpu, base + 4, 4);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r1, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec) {
		KUNIT_EXPECT_EQ(test, rec->u.drop.cpu, (u32)cpu);
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 4U);
	}
	r2 = rxpath_test_reader_open(test);
	if (IS_ERR(r2))
		migrate_enable();
	KUNIT_ASSERT_FALSE(test, IS_ERR(r2));
	/* 10 since the last sample, 3 of them since r2's open. */
	__rxpath_events_refused(cpu, base + 3, 10);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r2, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 3U);
	KUNIT_EXPECT_EQ(test, rxpath_take_type(test, r1, buf, 16, RXPATH_REC_BACKLOG_DROP, cpu, &rec), 1);
	if (rec)
		KUNIT_EXPECT_EQ(test, rec->u.drop.count, 10U);
	migrate_enable();
}

static void rxpath_reader_backlog_threshold(struct kunit *test)
{
	struct rxpath_record *buf = kunit_kcalloc(test, 16, sizeof(*buf), GFP_KERNEL);
	struct rxpath_reader *r = rxpath_test_reader_open(test);
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
	struct rxpath_events_test *ctx = test->priv;
	struct rxpath_reader *r = rxpath_test_reader_open(test);
	const size_t max = 4096;
	struct rxpath_record *buf, *lost;
	size_t n;
	int cpu;

	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	buf = kvcalloc(max, sizeof(*buf), GFP_KERNEL);
	ctx->records = buf;
	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* One CPU's buffer throughout (migration enabled before an assertion). */
	migrate_disable();
	cpu = smp_processor_id();
	/* 1. 5000 into 1024: 1024 records, then 3976 lost. */
	rxpath_make_cycles(0, 5000);
	n = rxpath_take_type(test, r, buf, max, RXPATH_REC_LOST, cpu, &lost);
	KUNIT_EXPECT_EQ(test, n, 1UL);
	if (!lost)
		migrate_enable();
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
	if (!lost)
		migrate_enable();
	KUNIT_ASSERT_NOT_NULL(test, lost);
	KUNIT_EXPECT_EQ(test, lost->u.lost.count, 976U);
	KUNIT_EXPECT_EQ(test, rxpath_expect_cycles(test, buf, 0, lost - buf, cpu, 10310), 1014UL);
	KUNIT_EXPECT_EQ(test, rxpath_expect_cycles(test, buf, lost - buf + 1, max, cpu, 20300), 5UL);
	migrate_enable();
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
	r = rxpath_test_reader_open(test);
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
}

static struct kunit_case rxpath_events_cases[] = {
	KUNIT_CASE(rxpath_reader_ring_record_fields),
	KUNIT_CASE(rxpath_reader_drops_coalesce),
	KUNIT_CASE(rxpath_reader_refused_since_open),
	KUNIT_CASE(rxpath_reader_backlog_threshold),
	KUNIT_CASE(rxpath_reader_lost_in_place),
	KUNIT_CASE(rxpath_reader_drain_fair),
	{}
};

static struct kunit_suite rxpath_events_suite = {
	.name = "rxpath_events",
	.init = rxpath_events_test_init,
	.exit = rxpath_events_test_exit,
	.test_cases = rxpath_events_cases,
};

kunit_test_suites(&rxpath_events_suite);
