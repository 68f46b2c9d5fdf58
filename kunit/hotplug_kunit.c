// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_hotplug: a table read across real CPU hotplug. A suite of its own,
 * so that its exit, which brings back the CPU a case took offline, runs
 * for that case alone.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/slab.h>
#include "../module/softnet.h"
#include "rxpath_kunit.h"

/* The CPU a case took offline and has not brought back, or -1. */
struct rxpath_hotplug_test {
	int offline;
};

static int rxpath_hotplug_test_init(struct kunit *test)
{
	struct rxpath_hotplug_test *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	ctx->offline = -1;
	test->priv = ctx;
	return 0;
}

static void rxpath_hotplug_test_exit(struct kunit *test)
{
	struct rxpath_hotplug_test *ctx = test->priv;

	if (ctx->offline >= 0)
		KUNIT_EXPECT_EQ_MSG(test, add_cpu(ctx->offline), 0,
				    "CPU %d back online", ctx->offline);
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
	struct rxpath_hotplug_test *ctx = test->priv;
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
	if (!err)
		ctx->offline = last;
	KUNIT_ASSERT_EQ(test, err, 0);
	while (v && (unsigned long)v - 2 != last)
		v = rxpath_cpu_seq_next(m, v, &pos);
	KUNIT_EXPECT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, rxpath_test_walk(test, m, cpus), n - 1);
	/* Its row is shown again, with its counts, once it is back. */
	err = add_cpu(last);
	if (!err)
		ctx->offline = -1;
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, rxpath_test_walk(test, m, cpus), n);
	KUNIT_EXPECT_EQ(test, cpus[n - 1], last);
	m->count = 0;
	KUNIT_EXPECT_EQ(test, rxpath_cpu_seq_show(m, (void *)(unsigned long)(last + 2)), 0);
	KUNIT_EXPECT_EQ(test, rxpath_test_fields(m->buf), 11U);
}

static struct kunit_case rxpath_hotplug_cases[] = {
	KUNIT_CASE(rxpath_cpu_seq_next_cpu_offline),
	{}
};

static struct kunit_suite rxpath_hotplug_suite = {
	.name = "rxpath_hotplug",
	.init = rxpath_hotplug_test_init,
	.exit = rxpath_hotplug_test_exit,
	.test_cases = rxpath_hotplug_cases,
};

kunit_test_suites(&rxpath_hotplug_suite);
