// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath top: a refreshing table of per-CPU rates and per-ring fill. Every
 * interval it reads /proc/net/softnet_stat, rxpath's budget, softnet and
 * rings tables, and drains /dev/rxpath, whose backlog records (threshold
 * 0) give each CPU's longest backlog in the interval when the per-packet
 * hook is on. On a terminal each frame replaces the last; otherwise frames
 * are plain lines, one block per interval.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "rxpath.h"

#define RXPATH_TOP_CPUS 1024

typedef unsigned long long u64;

struct rxpath_top_cpu {
	int seen;
	u64 processed, dropped, cycles, budget_squeeze, time_squeeze;
	int have_split;
	long long backlog_max;	/* since load; -1 unknown */
	unsigned int qlen;
};

static void rxpath_top_sample(struct rxpath_top_cpu *cpu, struct rxpath_table *t)
{
	int r, ok;

	memset(cpu, 0, sizeof(*cpu) * RXPATH_TOP_CPUS);
	if (!rxpath_table_read(t, "softnet")) {
		for (r = 0; r < t->nrows; r++) {
			int c = atoi(t->cell[r][0]);

			if (c < 0 || c >= RXPATH_TOP_CPUS)
				continue;
			ok = 1;
			cpu[c].seen = 1;
			cpu[c].processed = rxpath_table_u64(t, r, "processed", &ok);
			cpu[c].dropped = rxpath_table_u64(t, r, "dropped", &ok);
			cpu[c].qlen = rxpath_table_u64(t, r, "input_qlen", &ok);
			cpu[c].backlog_max = rxpath_table_u64(t, r, "backlog_max", &ok);
			if (!ok)
				cpu[c].backlog_max = -1;
		}
	}
	rxpath_table_free(t);
	if (!rxpath_table_read(t, "budget")) {
		for (r = 0; r < t->nrows; r++) {
			int c = atoi(t->cell[r][0]);

			if (c < 0 || c >= RXPATH_TOP_CPUS)
				continue;
			ok = 1;
			cpu[c].cycles = rxpath_table_u64(t, r, "cycles", &ok);
			cpu[c].budget_squeeze = rxpath_table_u64(t, r, "budget_squeeze", &ok);
			cpu[c].time_squeeze = rxpath_table_u64(t, r, "time_squeeze", &ok);
			cpu[c].have_split = ok;
		}
	}
	rxpath_table_free(t);
}

/* Drains the device: each CPU's longest backlog met, and records lost. */
static void rxpath_top_drain(int fd, long long *peak, u64 *lost)
{
	struct rxpath_record recs[256];
	ssize_t n;

	while (fd >= 0 && (n = read(fd, recs, sizeof(recs))) > 0) {
		for (size_t i = 0; i < (size_t)n / sizeof(recs[0]); i++) {
			const struct rxpath_record *r = &recs[i];

			if (r->type == RXPATH_REC_BACKLOG && r->u.backlog.cpu < RXPATH_TOP_CPUS &&
			    (long long)r->u.backlog.qlen > peak[r->u.backlog.cpu])
				peak[r->u.backlog.cpu] = r->u.backlog.qlen;
			else if (r->type == RXPATH_REC_LOST)
				*lost += r->u.lost.count;
		}
	}
}

static void rxpath_top_rings(FILE *out, struct rxpath_table *t)
{
	static const char *const cols[] = {
		"dev", "queue", "count", "unused", "pending", "min_unused",
		"max_pending", "full_ring_events", "missed_while_full",
	};
	int idx[ARRAY_SIZE(cols)];

	if (rxpath_table_read(t, "rings") || !t->nrows) {
		rxpath_table_free(t);
		return;
	}
	fprintf(out, "%-10s %5s %6s %6s %7s %10s %11s %10s %10s\n", "dev", "queue", "count",
		"unused", "pending", "min_unused", "max_pending", "full_ring", "missed_full");
	for (size_t k = 0; k < ARRAY_SIZE(cols); k++)
		idx[k] = rxpath_table_col(t, cols[k]);
	for (int r = 0; r < t->nrows; r++) {
		const char *v[ARRAY_SIZE(cols)];

		for (size_t k = 0; k < ARRAY_SIZE(cols); k++)
			v[k] = idx[k] >= 0 ? t->cell[r][idx[k]] : "-";
		fprintf(out, "%-10s %5s %6s %6s %7s %10s %11s %10s %10s\n",
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
	}
	rxpath_table_free(t);
}

static const char rxpath_top_usage[] =
	"usage: rxpath top [-i SECONDS] [-n COUNT]\n"
	"  -i SECONDS  between frames (default 1)\n"
	"  -n COUNT    stop after COUNT frames\n";

int rxpath_top_main(int argc, char **argv)
{
	struct rxpath_top_cpu *prev, *cur;
	struct rxpath_filter filter = {
		.types = 1U << RXPATH_REC_BACKLOG,
		.backlog_qlen = 0,
	};
	static long long peak[RXPATH_TOP_CPUS];
	unsigned int secs = 1, count = 0, frames = 0;
	struct rxpath_table *t;
	int tty = isatty(STDOUT_FILENO), opt, fd;
	double t0, t1;
	u64 lost = 0;

	optind = 1;
	while ((opt = getopt(argc, argv, "i:n:h")) != -1) {
		if (opt == 'i' && !rxpath_parse_uint(optarg, 3600, &secs) && secs)
			continue;
		if (opt == 'n' && !rxpath_parse_uint(optarg, 1000000, &count) && count)
			continue;
		fputs(rxpath_top_usage, opt == 'h' ? stdout : stderr);
		return opt == 'h' ? 0 : 2;
	}
	if (optind != argc) {
		fputs(rxpath_top_usage, stderr);
		return 2;
	}
	if (rxpath_check_files())
		return 1;
	fd = rxpath_open_device(O_NONBLOCK);
	if (fd < 0)
		return 1;
	if (ioctl(fd, RXPATH_IOC_SET_FILTER, &filter)) {
		fprintf(stderr, "rxpath: RXPATH_IOC_SET_FILTER: %s\n", strerror(errno));
		close(fd);
		return 1;
	}
	prev = calloc(RXPATH_TOP_CPUS, sizeof(*prev));
	cur = calloc(RXPATH_TOP_CPUS, sizeof(*cur));
	t = calloc(1, sizeof(*t));
	if (!prev || !cur || !t) {
		fprintf(stderr, "rxpath: out of memory\n");
		return 1;
	}
	rxpath_stop_on_signals();

	for (int c = 0; c < RXPATH_TOP_CPUS; c++)
		peak[c] = -1;
	rxpath_top_drain(fd, peak, &lost);
	rxpath_top_sample(prev, t);
	t0 = rxpath_now();
	while (!rxpath_stop && (!count || frames < count)) {
		double end = t0 + secs;

		for (int c = 0; c < RXPATH_TOP_CPUS; c++)
			peak[c] = -1;
		/* Sleep to the frame's end, draining the device as records come. */
		while (!rxpath_stop && (t1 = rxpath_now()) < end) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			poll(&p, 1, (int)((end - t1) * 1000) + 1);
			rxpath_top_drain(fd, peak, &lost);
		}
		if (rxpath_stop)
			break;
		t1 = rxpath_now();
		rxpath_top_sample(cur, t);
		if (tty)
			fputs("\033[H\033[J", stdout);
		printf("rxpath top: %.3f s interval, frame %u%s\n", t1 - t0, ++frames,
		       lost ? " (some backlog records lost: peaks are low)" : "");
		printf("%4s %10s %10s %10s %10s %8s %8s\n", "cpu", "packets/s", "drops/s",
		       "sq_budg/s", "sq_time/s", "backlog", "peak");
		for (int c = 0; c < RXPATH_TOP_CPUS; c++) {
			char sb[24] = "-", stime[24] = "-", pk[24] = "-";
			double dt = t1 - t0;

			if (!cur[c].seen)
				continue;
			if (cur[c].have_split && prev[c].have_split) {
				snprintf(sb, sizeof(sb), "%.0f",
					 rxpath_rate(prev[c].budget_squeeze, cur[c].budget_squeeze, dt, 0));
				snprintf(stime, sizeof(stime), "%.0f",
					 rxpath_rate(prev[c].time_squeeze, cur[c].time_squeeze, dt, 0));
			}
			if (peak[c] >= 0)
				snprintf(pk, sizeof(pk), "%lld", peak[c]);
			else if (cur[c].backlog_max >= 0)
				snprintf(pk, sizeof(pk), "%lld*", cur[c].backlog_max);
			printf("%4d %10.0f %10.0f %10s %10s %8u %8s\n", c,
			       rxpath_rate(prev[c].processed, cur[c].processed, dt, 1),
			       rxpath_rate(prev[c].dropped, cur[c].dropped, dt, 1),
			       sb, stime, cur[c].qlen, pk);
		}
		printf("(peak: the longest backlog met in the interval, from %s; * since load, sampled)\n",
		       RXPATH_DEV);
		rxpath_top_rings(stdout, t);
		if (!tty)
			printf("\n");
		fflush(stdout);
		memcpy(prev, cur, sizeof(*cur) * RXPATH_TOP_CPUS);
		t0 = t1;
	}
	close(fd);
	free(prev);
	free(cur);
	free(t);
	return 0;
}
