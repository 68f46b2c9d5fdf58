// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath doctor's findings: the settings around the stages that SREs meet
 * next to them, each judged from what the interval showed, with its
 * evidence, the command to try now and the form that survives a reboot.
 * For a network device that received packets in the interval:
 *
 *   irq        its RX interrupt vectors (two or more) all go to one CPU of
 *              several
 *   queues     it receives on one hardware queue and has more
 *              (ETHTOOL_GCHANNELS)
 *   rps        a CPU that took its RX interrupts was busy 90% of the
 *              interval or more while another was at 50% or less, and
 *              none of the device's RX queues has RPS
 *   coalescing the NIC holds its RX interrupt rx-usecs (fixed, not
 *              adaptive) while polls found its ring full at 5% or more
 *   threaded   its NAPI polls run in kernel threads (threaded NAPI),
 *              outside net_rx_action: no netdev_budget, no time_squeeze
 *
 * Each is a line "finding: KIND: evidence", then "  now: ..." and
 * "  persist: ...". It reads as many CPUs, devices and IRQs as there are.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include "rxpath.h"
#include "doctor.h"

/* Whether IRQ name is one of a device's receive vectors ("eth1-rx-0", "eth3-TxRx-1"). */
static int rxpath_rx_vector(const char *name, const char *dev)
{
	const char *p = strstr(name, dev);

	if (!p || (p[strlen(dev)] != '-' && p[strlen(dev)] != '_'))
		return 0;
	for (p += strlen(dev) + 1; p[0] && p[1]; p++)
		if ((p[0] | 0x20) == 'r' && (p[1] | 0x20) == 'x')
			return 1;
	return 0;
}

/* RX queue q of dev's RPS mask, as sysfs gives it; -1 for no such queue. */
int rxpath_rps_cpus(const char *dev, int q, char *buf, size_t size)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/class/net/%s/queues/rx-%d/rps_cpus", dev, q);
	return rxpath_read_line(path, buf, size);
}

static int rxpath_rx_queues(const char *dev)
{
	char buf[4096];
	int q = 0;

	while (!rxpath_rps_cpus(dev, q, buf, sizeof(buf)))
		q++;
	return q;
}

/* Whether any RX queue of dev has an RPS mask other than 0. */
static int rxpath_rps_on(const char *dev)
{
	char buf[4096];

	for (int q = 0; !rxpath_rps_cpus(dev, q, buf, sizeof(buf)); q++)
		if (strspn(buf, "0,") != strlen(buf))
			return 1;
	return 0;
}

static int rxpath_online(const struct rxpath_sample *b)
{
	int n = 0;

	for (int c = 0; c < b->ncpus; c++)
		n += b->cpu[c].seen;
	return n;
}

/* The share of the interval cpu was busy; -1 unknown. */
static double rxpath_busy(const struct rxpath_sample *a, const struct rxpath_sample *b, int cpu)
{
	u64 all;

	if (cpu >= a->ncpus || cpu >= b->ncpus || !b->cpu[cpu].seen)
		return -1;
	all = rxpath_d(a->cpu[cpu].total, b->cpu[cpu].total);
	return all ? (double)rxpath_d(a->cpu[cpu].busy, b->cpu[cpu].busy) / all : -1;
}

/*
 * The one CPU IRQ irq is delivered to (effective_affinity_list, where the
 * kernel has it, else smp_affinity_list); -1 when it may go to several.
 */
static int rxpath_irq_cpu(unsigned int irq)
{
	char path[128], buf[4096], *end;
	long cpu;

	snprintf(path, sizeof(path), "/proc/irq/%u/effective_affinity_list", irq);
	if (rxpath_read_line(path, buf, sizeof(buf))) {
		snprintf(path, sizeof(path), "/proc/irq/%u/smp_affinity_list", irq);
		if (rxpath_read_line(path, buf, sizeof(buf)))
			return -1;
	}
	cpu = strtol(buf, &end, 10);
	return end != buf && !*end ? (int)cpu : -1;
}

/* irq: every RX vector of device d goes to one CPU of several. */
static void rxpath_finding_irq(const struct rxpath_sample *a, const struct rxpath_sample *b,
			       int d, int ncpus)
{
	const char *dev = b->dev[d].name;
	int vectors = 0, where = -1, k = 0;
	u64 total = 0;

	for (int i = 0; i < b->nirqs; i++) {
		int cpu;

		if (b->irq[i].dev != d || !rxpath_rx_vector(b->irq[i].name, dev))
			continue;
		cpu = rxpath_irq_cpu(b->irq[i].irq);
		if (cpu < 0 || (where >= 0 && cpu != where))
			return;
		where = cpu;
		vectors++;
		for (int c = 0; c < b->nirqcpus; c++)
			total += rxpath_irq_delta(a, b, i, c);
	}
	if (vectors < 2 || ncpus < 2 || total < RXPATH_MIN_EVENTS)
		return;
	printf("finding: irq: %s's %d RX interrupt vectors all go to cpu %d (effective affinity; %llu interrupts in the interval) of %d CPUs\n",
	       dev, vectors, where, total, ncpus);
	printf("  now:");
	for (int i = 0; i < b->nirqs; i++) {
		if (b->irq[i].dev != d || !rxpath_rx_vector(b->irq[i].name, dev))
			continue;
		if (k)
			printf("%s echo %d > /proc/irq/%u/smp_affinity_list", k > 1 ? ";" : "",
			       (where + k) % ncpus, b->irq[i].irq);
		k++;
	}
	printf("\n  persist: irqbalance (apt-get install irqbalance), which spreads them at every boot; IRQ numbers change between boots\n");
}

/* queues: device d receives on one hardware queue, and has more. */
static void rxpath_finding_queues(const struct rxpath_sample *b, int d, int ncpus)
{
	struct ethtool_channels ch = { .cmd = ETHTOOL_GCHANNELS };
	const char *dev = b->dev[d].name;
	unsigned int now, max, want;
	char cmd[64], rule[512];
	int sysfs;

	if (ncpus < 2 || rxpath_ethtool(dev, &ch))
		return;
	now = ch.combined_count + ch.rx_count;
	max = ch.max_combined > ch.max_rx ? ch.max_combined : ch.max_rx;
	if (now != 1 || max < 2)
		return;
	want = max < (unsigned int)ncpus ? max : (unsigned int)ncpus;
	sysfs = rxpath_rx_queues(dev);
	printf("finding: queues: %s receives on 1 hardware queue of the %u it has (ethtool -l): one CPU takes all its interrupts and polls (%d RX queue%s in sysfs)\n",
	       dev, max, sysfs, sysfs == 1 ? "" : "s");
	snprintf(cmd, sizeof(cmd), "-L %s %s %u", dev, ch.max_combined ? "combined" : "rx", want);
	rxpath_udev_rule(rule, sizeof(rule), dev, cmd);
	printf("  now: ethtool %s\n  persist: %s\n", cmd, rule);
}

/* rps: a CPU that took d's RX interrupts was saturated, others idle, RPS off. */
static void rxpath_finding_rps(const struct rxpath_sample *a, const struct rxpath_sample *b,
			       int d, int ncpus)
{
	const char *dev = b->dev[d].name;
	int hot = -1, cold = -1;
	double hb = 0, cb = 2;

	if (ncpus < 2 || rxpath_rps_on(dev))
		return;
	for (int i = 0; i < b->nirqs; i++) {
		if (b->irq[i].dev != d)
			continue;
		for (int c = 0; c < b->nirqcpus && c < b->ncpus; c++) {
			double busy = rxpath_busy(a, b, c);

			if (rxpath_irq_delta(a, b, i, c) >= RXPATH_MIN_EVENTS && busy > hb &&
			    rxpath_d(a->cpu[c].processed, b->cpu[c].processed) >= RXPATH_MIN_EVENTS) {
				hb = busy;
				hot = c;
			}
		}
	}
	for (int c = 0; c < b->ncpus; c++) {
		double busy = rxpath_busy(a, b, c);

		if (c != hot && busy >= 0 && busy < cb) {
			cb = busy;
			cold = c;
		}
	}
	if (hot < 0 || hb < 0.9 || cold < 0 || cb > 0.5)
		return;
	{
		/* Every CPU but the busy one, as rps_cpus writes it (hex). */
		char mask[1024] = "", rule[1024];
		int top = b->ncpus - 1, n = 0;

		for (int base = top - top % 4; base >= 0; base -= 4) {
			int v = 0;

			for (int c = base; c < base + 4 && c <= top; c++)
				if (c != hot && b->cpu[c].seen)
					v |= 1 << (c - base);
			if (n < (int)sizeof(mask) - 2 && (n || v || base == 0))
				mask[n++] = "0123456789abcdef"[v];
		}
		mask[n] = 0;
		printf("finding: rps: cpu %d was busy %.0f%% of the interval, taking %s's RX interrupts and processing %llu packets, with RPS off on all its RX queues, while cpu %d was busy %.0f%%\n",
		       hot, hb * 100, dev, rxpath_d(a->cpu[hot].processed, b->cpu[hot].processed),
		       cold, cb * 100);
		printf("  now: echo %s > /sys/class/net/%s/queues/rx-0/rps_cpus (every CPU but %d; the same for each rx-N)\n",
		       mask, dev, hot);
		snprintf(rule, sizeof(rule),
			 "echo 'ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"%s\", ATTR{queues/rx-0/rps_cpus}=\"%s\"' >>/etc/udev/rules.d/60-rxpath.rules",
			 dev, mask);
		printf("  persist: %s\n", rule);
	}
}

/* coalescing: the NIC holds RX interrupts a fixed time while its ring fills. */
static void rxpath_finding_coalescing(const struct rxpath_sample *a,
				      const struct rxpath_sample *b, int d)
{
	struct ethtool_coalesce co = { .cmd = ETHTOOL_GCOALESCE };
	const char *dev = b->dev[d].name;
	u64 polls = 0, full = 0;
	char cmd[64], rule[512];

	for (int i = 0; i < b->nrings; i++) {
		if (strcmp(b->ring[i].dev, dev) || !b->ring[i].have_full)
			continue;
		for (int j = 0; j < a->nrings; j++)
			if (!strcmp(a->ring[j].dev, dev) && a->ring[j].queue == b->ring[i].queue) {
				polls += rxpath_d(a->ring[j].polls, b->ring[i].polls);
				full += rxpath_d(a->ring[j].full_events, b->ring[i].full_events);
			}
	}
	if (polls < RXPATH_MIN_EVENTS || full * 20 < polls || rxpath_ethtool(dev, &co) ||
	    co.use_adaptive_rx_coalesce || co.rx_coalesce_usecs < 10)
		return;
	printf("finding: coalescing: %s holds each RX interrupt up to %u us (ethtool -c rx-usecs, adaptive-rx off) while polls found its ring full at %llu of %llu\n",
	       dev, co.rx_coalesce_usecs, full, polls);
	snprintf(cmd, sizeof(cmd), "-C %s rx-usecs %u", dev, co.rx_coalesce_usecs / 2);
	rxpath_udev_rule(rule, sizeof(rule), dev, cmd);
	printf("  now: ethtool %s (or adaptive-rx on, where the driver has it)\n  persist: %s\n",
	       cmd, rule);
}

/* threaded: device d's NAPI polls run in kernel threads. */
static void rxpath_finding_threaded(const struct rxpath_sample *a,
				    const struct rxpath_sample *b, int d)
{
	const char *dev = b->dev[d].name;
	char path[512], buf[16];
	u64 outside = 0;

	snprintf(path, sizeof(path), "/sys/class/net/%s/threaded", dev);
	if (rxpath_read_line(path, buf, sizeof(buf)) || strcmp(buf, "1"))
		return;
	for (int c = 0; c < b->ncpus && c < a->ncpus; c++)
		outside += rxpath_d(a->cpu[c].outside_polls, b->cpu[c].outside_polls);
	printf("finding: threaded: %s's NAPI polls run in kernel threads (napi/%s-N, threaded NAPI): outside net_rx_action, with no netdev_budget and no time_squeeze, so the budget and time stages do not see them (rxpath budget outside_polls +%llu); the scheduler shares the CPU between them and other tasks\n",
	       dev, dev, outside);
	printf("  now: echo 0 > /sys/class/net/%s/threaded (back to softirq polling), or pin the napi/%s-N threads\n",
	       dev, dev);
	printf("  persist: echo 'ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"%s\", ATTR{threaded}=\"0\"' >>/etc/udev/rules.d/60-rxpath.rules\n",
	       dev);
}

void rxpath_findings(const struct rxpath_sample *a, const struct rxpath_sample *b)
{
	int ncpus = rxpath_online(b), any = 0;

	for (int d = 0; d < b->ndevs; d++) {
		const struct rxpath_dev_sample *was = rxpath_dev_before(a, b->dev[d].name);

		if (!was || rxpath_d(was->rx_packets, b->dev[d].rx_packets) < RXPATH_MIN_EVENTS)
			continue;
		any = 1;
		rxpath_finding_irq(a, b, d, ncpus);
		rxpath_finding_queues(b, d, ncpus);
		rxpath_finding_rps(a, b, d, ncpus);
		rxpath_finding_coalescing(a, b, d);
		rxpath_finding_threaded(a, b, d);
	}
	if (!any)
		printf("findings: none: no device received %d packets in the interval\n",
		       RXPATH_MIN_EVENTS);
}
