// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath prom: rxpath's tables in the Prometheus text exposition format,
 * for node_exporter's textfile collector and rxpath serve. Metric names
 * are rxpath_*, labelled by cpu, device, driver and queue, each a bounded
 * set: the NAPI instances of one device polled on one CPU are one series
 * (their napi_id changes whenever a driver makes its NAPIs again, at a
 * ring resize or a queue-count change: a label of it would make series
 * without end). One HELP and TYPE line per metric, its samples together;
 * a figure shown as "-" (not measured) has no sample. With -o FILE the
 * text is written to FILE.tmp and renamed over FILE, so the collector
 * never reads half a file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rxpath.h"

struct rxpath_prom_metric {
	const char *col;
	const char *name;
	int counter;		/* 2: a gauge of microseconds, given in seconds */
	const char *help;
};

struct rxpath_prom_label {
	const char *col;
	const char *label;
};

struct rxpath_prom_table {
	const char *file;
	const struct rxpath_prom_label *labels;
	const struct rxpath_prom_metric *metrics;
};

static const struct rxpath_prom_label rxpath_cpu_labels[] = {
	{ "cpu", "cpu" }, { NULL, NULL },
};

static const struct rxpath_prom_metric rxpath_softnet_metrics[] = {
	{ "processed", "rxpath_softnet_processed_total", 1, "Packets processed by the CPU (softnet_stat column 1)." },
	{ "dropped", "rxpath_softnet_dropped_total", 1, "Packets the CPU's backlog refused (softnet_stat column 2)." },
	{ "time_squeeze", "rxpath_softnet_time_squeeze_total", 1, "NET_RX cycles that ended with work left (softnet_stat column 3)." },
	{ "received_rps", "rxpath_softnet_received_rps_total", 1, "RPS inter-processor interrupts received (softnet_stat column 10)." },
	{ "flow_limit", "rxpath_softnet_flow_limit_total", 1, "Packets refused by the flow limit (softnet_stat column 11)." },
	{ "input_qlen", "rxpath_backlog_input_qlen", 0, "Packets in the CPU's backlog input queue now." },
	{ "process_qlen", "rxpath_backlog_process_qlen", 0, "Packets in the CPU's backlog process queue now." },
	{ "backlog_max", "rxpath_backlog_max", 0, "Peak backlog length since load or reset." },
	{ "backlog_enqueues", "rxpath_backlog_enqueues_total", 1, "Packets offered to the CPU's backlog while the per-packet hook is on." },
	{ "backlog_drops", "rxpath_backlog_drops_total", 1, "Packets the CPU's backlog refused since the per-packet hook went on (growth of softnet_stat dropped)." },
	{ NULL, NULL, 0, NULL },
};

static const struct rxpath_prom_metric rxpath_budget_metrics[] = {
	{ "cycles", "rxpath_budget_cycles_total", 1, "NET_RX softirq cycles." },
	{ "drained_cycles", "rxpath_budget_drained_cycles_total", 1, "NET_RX cycles that finished their work." },
	{ "budget_squeeze", "rxpath_budget_budget_squeeze_total", 1, "NET_RX cycles squeezed because netdev_budget was spent." },
	{ "time_squeeze", "rxpath_budget_time_squeeze_total", 1, "NET_RX cycles squeezed because netdev_budget_usecs ran out." },
	{ "low_budget_cycles", "rxpath_budget_low_budget_cycles_total", 1, "NET_RX cycles that left less than budget_warn_pct of the budget." },
	{ "work", "rxpath_budget_work_total", 1, "Work the polls of NET_RX cycles returned, as net_rx_action charges it to netdev_budget." },
	{ "max_cycle_usecs", "rxpath_budget_max_cycle_seconds", 2, "Longest NET_RX cycle since load or reset, in seconds, to the microsecond (only with the cycle_clock switch on)." },
	{ "outside_polls", "rxpath_budget_outside_polls_total", 1, "NAPI polls outside net_rx_action (threaded NAPI, busy polling)." },
	{ NULL, NULL, 0, NULL },
};

static const struct rxpath_prom_label rxpath_napi_labels[] = {
	{ "dev", "device" }, { "cpu", "cpu" }, { NULL, NULL },
};

static const struct rxpath_prom_metric rxpath_napi_metrics[] = {
	{ "polls", "rxpath_napi_polls_total", 1, "Polls of the device's NAPI instances on the CPU." },
	{ "work", "rxpath_napi_work_total", 1, "Work their polls returned: packets received, or the whole weight while a driver's TX cleanup is unfinished." },
	{ "full_polls", "rxpath_napi_full_polls_total", 1, "Polls that used their whole weight." },
	{ "weight", "rxpath_napi_weight", 0, "The largest weight of the device's NAPI instances on the CPU." },
	{ "max_work", "rxpath_napi_max_work", 0, "The most work one poll returned." },
	{ NULL, NULL, 0, NULL },
};

static const struct rxpath_prom_label rxpath_ring_labels[] = {
	{ "dev", "device" }, { "driver", "driver" }, { "queue", "queue" }, { NULL, NULL },
};

static const struct rxpath_prom_metric rxpath_ring_metrics[] = {
	{ "count", "rxpath_ring_size", 0, "Descriptors in the RX ring." },
	{ "next_to_use", "rxpath_ring_next_to_use", 0, "The driver's next_to_use index." },
	{ "next_to_clean", "rxpath_ring_next_to_clean", 0, "The driver's next_to_clean index." },
	{ "unused", "rxpath_ring_unused", 0, "Descriptors the driver has not given the NIC." },
	{ "pending", "rxpath_ring_pending", 0, "Descriptors the NIC completed that the driver has not cleaned." },
	{ "min_unused", "rxpath_ring_min_unused", 0, "Lowest unused since load or reset." },
	{ "max_pending", "rxpath_ring_max_pending", 0, "Highest pending at a poll's start since load or reset." },
	{ "polls", "rxpath_ring_polls_total", 1, "Polls that read the ring." },
	{ "full_polls", "rxpath_ring_full_polls_total", 1, "Polls that used their whole weight." },
	{ "full_ring_events", "rxpath_ring_full_events_total", 1, "Polls that found the ring full." },
	{ "missed_while_full", "rxpath_ring_missed_while_full_total", 1, "Frames the NIC dropped for want of a descriptor while polls found the ring full." },
	{ NULL, NULL, 0, NULL },
};

static const struct rxpath_prom_table rxpath_prom_tables[] = {
	{ "softnet", rxpath_cpu_labels, rxpath_softnet_metrics },
	{ "budget", rxpath_cpu_labels, rxpath_budget_metrics },
	{ "napi", rxpath_napi_labels, rxpath_napi_metrics },
	{ "rings", rxpath_ring_labels, rxpath_ring_metrics },
};

/* Row row's labels, as {a="x",b="y"} (nothing without labels), into buf. */
static void rxpath_prom_labels(char *buf, size_t size, const struct rxpath_table *t,
			       int row, const struct rxpath_prom_label *labels)
{
	char esc[256];
	size_t n = 0;

	buf[0] = 0;
	for (; labels->col; labels++) {
		int c = rxpath_table_col(t, labels->col);

		if (c < 0)
			continue;
		rxpath_prom_escape(esc, sizeof(esc), t->cell[row][c]);
		n += snprintf(buf + n, n < size ? size - n : 0, "%s%s=\"%s\"",
			      n ? "," : "{", labels->label, esc);
	}
	if (n)
		snprintf(buf + n, n < size ? size - n : 0, "}");
}

/*
 * Metric m's sample for the rows whose labels are row's, once, at the
 * first such row: a counter's sum, a gauge's largest. 0 at a later row,
 * or when no such row has a figure.
 */
static int rxpath_prom_sample(const struct rxpath_table *t, int row, int col,
			      const struct rxpath_prom_metric *m,
			      const struct rxpath_prom_label *labels,
			      char *lab, size_t size, unsigned long long *v)
{
	char other[1024];
	int r, any = 0;

	rxpath_prom_labels(lab, size, t, row, labels);
	*v = 0;
	for (r = 0; r < t->nrows; r++) {
		unsigned long long x;

		if (r != row) {
			rxpath_prom_labels(other, sizeof(other), t, r, labels);
			if (strcmp(other, lab))
				continue;
			if (r < row)
				return 0;
		}
		if (!rxpath_is_number(t->cell[r][col]))
			continue;
		x = strtoull(t->cell[r][col], NULL, 10);
		*v = m->counter == 1 ? *v + x : (x > *v ? x : *v);
		any = 1;
	}
	return any;
}

/*
 * Writes every metric of the tables that read() gets (debugfs, or a test's
 * text). A table that cannot be read is left out; -1 if none could be.
 */
int rxpath_prom_write(FILE *out, int (*read)(struct rxpath_table *t, const char *name))
{
	struct rxpath_table *t = calloc(1, sizeof(*t));
	size_t i;
	int tables = 0;

	if (!t)
		return -1;
	for (i = 0; i < ARRAY_SIZE(rxpath_prom_tables); i++) {
		const struct rxpath_prom_table *pt = &rxpath_prom_tables[i];

		if (read(t, pt->file)) {
			rxpath_table_free(t);
			continue;
		}
		tables++;
		for (const struct rxpath_prom_metric *m = pt->metrics; m->col; m++) {
			int c = rxpath_table_col(t, m->col), r, any = 0;

			if (c < 0)
				continue;
			for (r = 0; r < t->nrows; r++) {
				char lab[1024];
				unsigned long long v;

				if (!rxpath_prom_sample(t, r, c, m, pt->labels, lab, sizeof(lab), &v))
					continue;
				if (!any++)
					fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", m->name,
						m->help, m->name, m->counter == 1 ? "counter" : "gauge");
				if (m->counter == 2)
					fprintf(out, "%s%s %llu.%06llu\n", m->name, lab, v / 1000000,
						v % 1000000);
				else
					fprintf(out, "%s%s %llu\n", m->name, lab, v);
			}
		}
		rxpath_table_free(t);
	}
	free(t);
	return tables ? 0 : -1;
}

/*
 * What status says that alerts and dashboards want beside the tables: the
 * module's version, and the net.core sysctls that bound the receive path
 * (rxpath_sysctl{name="netdev_budget"}), for an alert to say what a knob
 * is now. Nothing when status cannot be read.
 */
void rxpath_prom_status(FILE *out)
{
	char *status = rxpath_file_read("status"), *save, *l, esc[256], name[64];
	unsigned long long v;
	int any = 0;

	if (!status)
		return;
	for (l = strtok_r(status, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char val[32];

		if (!strncmp(l, "version ", 8)) {
			rxpath_prom_escape(esc, sizeof(esc), l + 8);
			fprintf(out, "# HELP rxpath_module_info The loaded rxpath module's version.\n"
				"# TYPE rxpath_module_info gauge\nrxpath_module_info{version=\"%s\"} 1\n",
				esc);
		} else if (sscanf(l, "sysctl net.core.%63s %31s", name, val) == 2 &&
			   rxpath_is_number(val)) {
			v = strtoull(val, NULL, 10);
			if (!any++)
				fputs("# HELP rxpath_sysctl A net.core sysctl that bounds the receive path, by name.\n"
				      "# TYPE rxpath_sysctl gauge\n", out);
			fprintf(out, "rxpath_sysctl{name=\"%s\"} %llu\n", name, v);
		}
	}
	free(status);
}

static const char rxpath_prom_usage[] =
	"usage: rxpath prom [-o FILE]\n"
	"  -o FILE  write FILE atomically (node_exporter's textfile collector)\n";

int rxpath_prom_main(int argc, char **argv)
{
	char tmp[4096];
	const char *path = NULL;
	FILE *out = stdout;
	int opt, err;

	optind = 1;
	while ((opt = getopt(argc, argv, "o:h")) != -1) {
		switch (opt) {
		case 'o':
			path = optarg;
			break;
		case 'h':
			fputs(rxpath_prom_usage, stdout);
			return 0;
		default:
			fputs(rxpath_prom_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(rxpath_prom_usage, stderr);
		return 2;
	}
	if (rxpath_check_files())
		return 1;
	if (path) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		out = fopen(tmp, "w");
		if (!out) {
			fprintf(stderr, "rxpath: %s: %s\n", tmp, strerror(errno));
			return 1;
		}
	}
	err = rxpath_prom_write(out, rxpath_table_read);
	rxpath_prom_status(out);
	if (path) {
		if (fclose(out) || err || rename(tmp, path)) {
			fprintf(stderr, "rxpath: %s: %s\n", path,
				err ? "no table could be read" : strerror(errno));
			unlink(tmp);
			return 1;
		}
	} else if (fflush(stdout) || err) {
		fprintf(stderr, "rxpath: %s\n", err ? "no table could be read" : strerror(errno));
		return 1;
	}
	return 0;
}
