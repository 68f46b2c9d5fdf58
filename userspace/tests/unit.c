// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reader's pure functions (format.c), with cmocka:
 * record decoding into text and JSON, JSON and Prometheus escaping, and
 * the parsing of arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "rxpath.h"

static struct rxpath_record rec_of(unsigned int type)
{
	struct rxpath_record r;

	memset(&r, 0, sizeof(r));
	r.abi = RXPATH_ABI_VERSION;
	r.type = type;
	r.time_ns = 12000345678ULL;
	r.cpu = 3;
	return r;
}

static void format_text_backlog(void **state)
{
	struct rxpath_record r = rec_of(RXPATH_REC_BACKLOG);
	char buf[256];

	(void)state;
	r.u.backlog.cpu = 1;
	r.u.backlog.qlen = 812;
	r.u.backlog.limit = 1000;
	r.u.backlog.count = 37;
	rxpath_format_text(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "12.000345 cpu 1 backlog 812/1000 x37");
}

static void format_text_drop_and_lost(void **state)
{
	struct rxpath_record r = rec_of(RXPATH_REC_BACKLOG_DROP);
	char buf[256];

	(void)state;
	r.u.drop.cpu = 2;
	r.u.drop.count = 5;
	rxpath_format_text(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "12.000345 cpu 2 backlog drop 5");
	r = rec_of(RXPATH_REC_LOST);
	r.u.lost.count = 1ULL << 40;
	rxpath_format_text(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "12.000345 cpu 3 lost 1099511627776 records");
}

/* A cycle that left 1% of netdev_budget 300, squeezed by the budget. */
static struct rxpath_record cycle_of(__u32 flags)
{
	struct rxpath_record r = rec_of(RXPATH_REC_CYCLE);

	r.u.cycle.budget = 300;
	r.u.cycle.work = 297;
	r.u.cycle.left_pct = 1;
	r.u.cycle.end = RXPATH_END_BUDGET;
	r.u.cycle.usecs = flags & RXPATH_CYCLE_TIMED ? 1820 : 0;
	r.u.cycle.flags = flags;
	return r;
}

static void format_json_cycle(void **state)
{
	struct rxpath_record r = cycle_of(RXPATH_CYCLE_TIMED);
	char buf[256];

	(void)state;
	rxpath_format_json(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "{\"time_ns\":12000345678,\"cpu\":3,\"type\":\"cycle\",\"budget\":300,\"work\":297,\"left_pct\":1,\"end\":\"budget\",\"usecs\":1820}");
	rxpath_format_text(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "12.000345 cpu 3 budget 1% left (297/300, budget, 1820 us)");
}

/* Without cycle_clock a cycle has no duration: null, and none in text. */
static void format_cycle_untimed(void **state)
{
	struct rxpath_record r = cycle_of(0);
	char buf[256];

	(void)state;
	rxpath_format_json(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "{\"time_ns\":12000345678,\"cpu\":3,\"type\":\"cycle\",\"budget\":300,\"work\":297,\"left_pct\":1,\"end\":\"budget\",\"usecs\":null}");
	rxpath_format_text(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "12.000345 cpu 3 budget 1% left (297/300, budget)");
}

static void format_json_ring_escapes_name(void **state)
{
	struct rxpath_record r = rec_of(RXPATH_REC_RING_FULL);
	char buf[512];

	(void)state;
	r.u.ring.ifindex = 7;
	r.u.ring.count = 256;
	r.u.ring.ntu = 10;
	r.u.ring.ntc = 11;
	r.u.ring.missed = 4;
	r.u.ring.drops = 3;
	rxpath_format_json(buf, sizeof(buf), &r, "we\"ird\\");
	assert_non_null(strstr(buf, "\"dev\":\"we\\\"ird\\\\\",\"ifindex\":7,\"queue\":0,\"ntu\":10,\"ntc\":11,\"count\":256,\"missed\":4,\"drops\":3}"));
	rxpath_format_text(buf, sizeof(buf), &r, "eth3");
	assert_non_null(strstr(buf, " eth3 rx_ring 0 full (ntu 10 ntc 11 count 256) dropped 3 (nic counter 4)"));
	rxpath_format_json(buf, sizeof(buf), &r, NULL);
	assert_non_null(strstr(buf, "\"dev\":\"if7\""));
}

static void format_json_unknown_type(void **state)
{
	struct rxpath_record r = rec_of(99);
	char buf[256];

	(void)state;
	rxpath_format_json(buf, sizeof(buf), &r, NULL);
	assert_string_equal(buf, "{\"time_ns\":12000345678,\"cpu\":3,\"type\":\"unknown\",\"type_number\":99}");
}

static void format_truncates_safely(void **state)
{
	struct rxpath_record r = rec_of(RXPATH_REC_SUMMARY);
	char buf[16];
	int n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = rxpath_format_json(buf, sizeof(buf), &r, NULL);
	assert_true(n >= (int)sizeof(buf));
	assert_int_equal(buf[sizeof(buf) - 1], 0);
}

static void json_escape_controls(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(rxpath_json_escape(buf, sizeof(buf), "a\"b\\c\nd\te\x01\x7f"), 25);
	assert_string_equal(buf, "a\\\"b\\\\c\\nd\\te\\u0001\\u007f");
	assert_int_equal(rxpath_json_escape(buf, 4, "abcdef"), 6);
	assert_string_equal(buf, "abc");
}

static void prom_escape_label(void **state)
{
	char buf[64];

	(void)state;
	rxpath_prom_escape(buf, sizeof(buf), "eth\\0\"x\ny");
	assert_string_equal(buf, "eth\\\\0\\\"x\\ny");
	rxpath_prom_escape(buf, sizeof(buf), "eth0");
	assert_string_equal(buf, "eth0");
}

static void parse_uint_strict(void **state)
{
	unsigned int v = 7;

	(void)state;
	assert_int_equal(rxpath_parse_uint("42", 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rxpath_parse_uint("0", 100, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(rxpath_parse_uint("101", 100, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint("-1", 100, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint(" 1", 100, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint("1x", 100, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint("", 100, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint("4294967295", 0xffffffffU, &v), 0);
	assert_int_equal(v, 0xffffffffU);
	assert_int_equal(rxpath_parse_uint("4294967296", 0xffffffffU, &v), -EINVAL);
	assert_int_equal(rxpath_parse_uint("99999999999999999999999", 0xffffffffU, &v), -EINVAL);
	assert_int_equal(v, 0xffffffffU);
}

static void type_parse_lists(void **state)
{
	unsigned int m = 0;

	(void)state;
	assert_int_equal(rxpath_type_parse("backlog_drop", &m), 0);
	assert_int_equal(m, 1U << RXPATH_REC_BACKLOG_DROP);
	assert_int_equal(rxpath_type_parse("backlog,cycle,summary", &m), 0);
	assert_int_equal(m, (1U << RXPATH_REC_BACKLOG) | (1U << RXPATH_REC_CYCLE) |
			    (1U << RXPATH_REC_SUMMARY));
	assert_int_equal(rxpath_type_parse("lost", &m), -EINVAL);
	assert_int_equal(rxpath_type_parse("backlog,", &m), -EINVAL);
	assert_int_equal(rxpath_type_parse("", &m), -EINVAL);
	assert_int_equal(rxpath_type_parse("back", &m), -EINVAL);
	assert_int_equal(rxpath_type_parse("backlog_drops", &m), -EINVAL);
}

static void table_parse_shapes(void **state)
{
	static struct rxpath_table t;
	char ok[] = "cpu processed dropped\n0 10 -\n1 20 3\n";
	char ragged[] = "cpu processed\n0 10 11\n";
	char empty[] = "";

	(void)state;
	assert_int_equal(rxpath_table_parse(&t, ok), 0);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(rxpath_table_col(&t, "dropped"), 2);
	assert_int_equal(rxpath_table_col(&t, "nope"), -1);
	assert_string_equal(t.cell[1][1], "20");
	assert_string_equal(t.cell[0][2], "-");
	assert_int_equal(rxpath_table_parse(&t, ragged), -EINVAL);
	assert_int_equal(rxpath_table_parse(&t, empty), -EINVAL);
	assert_true(rxpath_is_number("0"));
	assert_false(rxpath_is_number("-"));
	assert_false(rxpath_is_number(""));
	assert_false(rxpath_is_number("1e3"));
}

/* Tables as a test gives them, for rxpath_prom_write. */
static int fake_read(struct rxpath_table *t, const char *name)
{
	const char *text = NULL;

	t->buf = NULL;
	if (!strcmp(name, "softnet"))
		text = "cpu processed dropped time_squeeze backlog_enqueues\n0 10 0 1 -\n1 20 3 0 -\n";
	else if (!strcmp(name, "budget"))
		text = "cpu cycles max_cycle_usecs\n0 5 1820\n1 7 -\n";
	else if (!strcmp(name, "napi"))
		text = "napi_id dev cpu polls work full_polls weight max_work\n"
		       "8193 eth0 0 10 5 0 64 3\n8194 eth0 0 20 7 1 64 9\n8195 eth1 0 1 1 0 64 1\n";
	else if (!strcmp(name, "rings"))
		text = "dev driver queue count next_to_use next_to_clean unused pending\nq\"\\x e1000e 0 256 10 11 0 -\n";
	if (!text)
		return -ENOENT;
	t->buf = strdup(text);
	return rxpath_table_parse(t, t->buf);
}

/*
 * A table that cannot be read (the module unloaded under a scrape) leaves
 * nothing for rxpath_table_free to free, whatever t held before: the
 * exporter once freed a stale pointer there and aborted.
 */
static void table_read_failure_frees_nothing(void **state)
{
	struct rxpath_table *t = malloc(sizeof(*t));

	(void)state;
	assert_non_null(t);
	memset(t, 0xa5, sizeof(*t));
	assert_int_not_equal(rxpath_table_read(t, "no-such-table"), 0);
	assert_null(t->buf);
	rxpath_table_free(t);
	free(t);
}

static void prom_write_exposition(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	assert_int_equal(rxpath_prom_write(f, fake_read), 0);
	fclose(f);
	assert_non_null(strstr(out, "# HELP rxpath_softnet_processed_total "));
	assert_non_null(strstr(out, "# TYPE rxpath_softnet_processed_total counter\n"
				    "rxpath_softnet_processed_total{cpu=\"0\"} 10\n"
				    "rxpath_softnet_processed_total{cpu=\"1\"} 20\n"));
	assert_non_null(strstr(out, "rxpath_softnet_dropped_total{cpu=\"1\"} 3\n"));
	/* "-" is no sample; a metric with none has no HELP either. */
	assert_null(strstr(out, "rxpath_backlog_enqueues_total"));
	assert_null(strstr(out, "rxpath_ring_pending"));
	assert_non_null(strstr(out, "# TYPE rxpath_ring_size gauge\n"
				    "rxpath_ring_size{device=\"q\\\"\\\\x\",driver=\"e1000e\",queue=\"0\"} 256\n"));
	/* Times in seconds, to the microsecond. */
	assert_non_null(strstr(out, "# TYPE rxpath_budget_max_cycle_seconds gauge\n"
				    "rxpath_budget_max_cycle_seconds{cpu=\"0\"} 0.001820\n#"));
	/* One series per device and CPU: counters summed, gauges the largest. */
	assert_non_null(strstr(out, "rxpath_napi_polls_total{device=\"eth0\",cpu=\"0\"} 30\n"
				    "rxpath_napi_polls_total{device=\"eth1\",cpu=\"0\"} 1\n"));
	assert_non_null(strstr(out, "rxpath_napi_max_work{device=\"eth0\",cpu=\"0\"} 9\n"));
	assert_null(strstr(out, "napi_id"));
	/* One TYPE line per metric. */
	{
		const char *p = strstr(out, "# TYPE rxpath_softnet_dropped_total");

		assert_non_null(p);
		assert_null(strstr(p + 1, "# TYPE rxpath_softnet_dropped_total"));
	}
	free(out);
}

static void doctor_verdict_order(void **state)
{
	unsigned long long lost[6] = { 0 };
	double p[6] = { -1, 0, 0, 0, 0, -1 };

	(void)state;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), -1);
	p[1] = 0.04;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), -1);
	p[1] = 0.32;
	p[0] = 0.08;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), 1);	/* the highest pressure */
	p[0] = 0.32;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), 0);	/* a tie: the earlier stage */
	lost[3] = 5;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), 3);	/* loss beats pressure */
	lost[5] = 9;
	assert_int_equal(rxpath_doctor_verdict(lost, p, 6), 3);	/* the first stage that lost */
}

static void rate_edges(void **state)
{
	(void)state;
	assert_true(rxpath_rate(100, 350, 2.5, 0) == 100.0);
	assert_true(rxpath_rate(100, 100, 1, 0) == 0.0);
	assert_true(rxpath_rate(100, 200, 0, 0) == 0.0);	/* no time */
	assert_true(rxpath_rate(500, 100, 1, 0) == 0.0);	/* reset */
	assert_true(rxpath_rate(0xfffffff0ULL, 0x10, 1, 1) == 32.0);	/* a u32 wrapped */
	assert_true(rxpath_rate(0x1fffffff0ULL, 0x10, 1, 1) == 0.0);	/* not a u32 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_text_backlog),
		cmocka_unit_test(format_text_drop_and_lost),
		cmocka_unit_test(format_json_cycle),
		cmocka_unit_test(format_cycle_untimed),
		cmocka_unit_test(format_json_ring_escapes_name),
		cmocka_unit_test(format_json_unknown_type),
		cmocka_unit_test(format_truncates_safely),
		cmocka_unit_test(json_escape_controls),
		cmocka_unit_test(prom_escape_label),
		cmocka_unit_test(parse_uint_strict),
		cmocka_unit_test(type_parse_lists),
		cmocka_unit_test(table_parse_shapes),
		cmocka_unit_test(table_read_failure_frees_nothing),
		cmocka_unit_test(prom_write_exposition),
		cmocka_unit_test(doctor_verdict_order),
		cmocka_unit_test(rate_edges),
	};

	return cmocka_run_group_tests_name("rxpath_reader", tests, NULL, NULL);
}
