// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath_table: the text of the debugfs tables, and the napi table's
 * rows.
 */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/netdevice.h>
#include <linux/string.h>
#include "../module/budget.h"
#include "../module/napi.h"
#include "../module/softnet.h"
#include "rxpath_kunit.h"

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
	return *row && row[strlen(row) - 1] == '\n';
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

/*
 * What a case of rxpath_table holds, undone by the suite's exit in reverse
 * order: a dummy netdev, a NAPI added to it, that NAPI enabled.
 */
struct rxpath_table_test {
	struct net_device *dev;
	struct napi_struct *napi;
	bool napi_enabled;
};

static int rxpath_table_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct rxpath_table_test), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void rxpath_table_test_exit(struct kunit *test)
{
	struct rxpath_table_test *ctx = test->priv;

	if (ctx->napi_enabled)
		napi_disable(ctx->napi);
	if (ctx->napi)
		netif_napi_del(ctx->napi);
	if (ctx->dev)
		free_netdev(ctx->dev);
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
	struct rxpath_table_test *ctx = test->priv;
	struct napi_struct *napi = kunit_kzalloc(test, sizeof(*napi), GFP_KERNEL);
	struct rxpath_napi_rows rows;
	unsigned int i, k, found;

	ctx->dev = alloc_netdev_dummy(0);
	KUNIT_ASSERT_NOT_NULL(test, napi);
	KUNIT_ASSERT_NOT_NULL(test, ctx->dev);
	netif_napi_add(ctx->dev, napi, rxpath_test_dummy_poll);
	ctx->napi = napi;
	napi_enable(napi);
	ctx->napi_enabled = true;
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
	KUNIT_CASE(rxpath_napi_dummy_netdev_rows),
	{}
};

static struct kunit_suite rxpath_table_suite = {
	.name = "rxpath_table",
	.init = rxpath_table_test_init,
	.exit = rxpath_table_test_exit,
	.test_cases = rxpath_table_cases,
};

kunit_test_suites(&rxpath_table_suite);
