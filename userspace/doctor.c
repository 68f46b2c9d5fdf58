// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath doctor: reads rxpath's figures and the kernel's own counters
 * twice, an interval apart, and names the stage of the receive path where
 * packets are lost, with the evidence and the knob its users turn,
 * its current value and a next one. It never changes a setting.
 *
 * Stages, in the order a packet meets them: ring (the NIC's RX ring: the
 * NIC's missed/fifo/over counters, rxpath's full_ring_events), budget and
 * time (a NET_RX cycle squeezed by netdev_budget or netdev_budget_usecs),
 * backlog and flow_limit (a CPU's backlog refusing: softnet_stat's dropped
 * and flow_limit), socket (UDP receive buffers: /proc/net/snmp
 * RcvbufErrors, /proc/net/udp drops). Each stage gets the packets it lost
 * over the interval and a pressure: the share of its events that found it
 * at its limit (ring polls that found the ring full, cycles squeezed,
 * packets refused). The verdict is the first stage in path order that lost
 * packets; when none did, the stage under the highest pressure, if any
 * reached 5% (a pressure counts from 100 events in the interval up).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include "rxpath.h"
#include "doctor.h"

/*
 * Element i of the array *arr of *n elements of size bytes, the array
 * grown (zeroed) to hold it; NULL when memory runs out.
 */
static void *rxpath_at(void *arr, int *n, int i, size_t size)
{
	void **a = arr;

	if (i >= *n) {
		char *more = realloc(*a, (size_t)(i + 1) * size);

		if (!more)
			return NULL;
		memset(more + (size_t)*n * size, 0, (size_t)(i + 1 - *n) * size);
		*a = more;
		*n = i + 1;
	}
	return (char *)*a + (size_t)i * size;
}

static u64 rxpath_read_u64(const char *path)
{
	u64 v = 0;
	FILE *f = fopen(path, "r");

	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/* The first line of path, without its newline, into buf; -1 if none. */
int rxpath_read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int err = -1;

	if (f) {
		if (fgets(buf, size, f)) {
			buf[strcspn(buf, "\n")] = 0;
			err = 0;
		}
		fclose(f);
	}
	return err;
}

long long rxpath_sysctl(const char *name)
{
	char path[128];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/net/core/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* An ethtool command (struct ethtool_*, cmd set) on dev; 0, or -1. */
int rxpath_ethtool(const char *dev, void *cmd)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	ifr.ifr_data = cmd;
	err = ioctl(fd, SIOCETHTOOL, &ifr);
	close(fd);
	return err ? -1 : 0;
}

/* /proc/net/softnet_stat: hex columns; the CPU id is column 13 (5.10+). */
static void rxpath_sample_softnet(struct rxpath_sample *s)
{
	char line[512];
	int row = 0;
	FILE *f = fopen("/proc/net/softnet_stat", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned int v[13] = { 0 };
		int n = sscanf(line, "%x %x %x %x %x %x %x %x %x %x %x %x %x",
			       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
			       &v[7], &v[8], &v[9], &v[10], &v[11], &v[12]);
		int cpu = n >= 13 ? (int)v[12] : row;
		struct rxpath_cpu_sample *c;

		row++;
		c = n >= 3 && cpu >= 0 ? rxpath_at(&s->cpu, &s->ncpus, cpu, sizeof(*c)) : NULL;
		if (!c)
			continue;
		c->seen = 1;
		c->processed = v[0];
		c->dropped = v[1];
		c->time_squeeze = v[2];
		c->flow_limit = n >= 11 ? v[10] : 0;
	}
	fclose(f);
}

/* /proc/stat's cpuN lines: each CPU's jiffies, busy (not idle) and all. */
static void rxpath_sample_stat(struct rxpath_sample *s)
{
	char line[512];
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		u64 v[8] = { 0 }, all = 0;
		int cpu, n = sscanf(line, "cpu%d %llu %llu %llu %llu %llu %llu %llu %llu", &cpu,
				    &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);

		if (n < 6 || cpu < 0 || cpu >= s->ncpus)
			continue;
		for (int k = 0; k < n - 1; k++)
			all += v[k];
		s->cpu[cpu].total = all;
		s->cpu[cpu].busy = all - v[3] - v[4];	/* less idle, iowait */
	}
	fclose(f);
}

static void rxpath_sample_rxpath(struct rxpath_sample *s, struct rxpath_table *t)
{
	int r, ok;

	if (!rxpath_table_read(t, "budget")) {
		for (r = 0; r < t->nrows; r++) {
			int cpu = atoi(t->cell[r][0]);
			struct rxpath_cpu_sample *c;

			c = cpu >= 0 ? rxpath_at(&s->cpu, &s->ncpus, cpu, sizeof(*c)) : NULL;
			if (!c)
				continue;
			ok = 1;
			c->cycles = rxpath_table_u64(t, r, "cycles", &ok);
			c->budget_squeeze = rxpath_table_u64(t, r, "budget_squeeze", &ok);
			c->rx_time_squeeze = rxpath_table_u64(t, r, "time_squeeze", &ok);
			c->have_split = ok;
			c->outside_polls = rxpath_table_u64(t, r, "outside_polls", &ok);
		}
	}
	rxpath_table_free(t);
	if (!rxpath_table_read(t, "rings")) {
		for (r = 0; r < t->nrows; r++) {
			struct rxpath_ring_sample *g = rxpath_at(&s->ring, &s->nrings, s->nrings,
								 sizeof(*g));

			if (!g)
				break;
			ok = 1;
			snprintf(g->dev, sizeof(g->dev), "%s", t->cell[r][0]);
			g->queue = rxpath_table_u64(t, r, "queue", &ok);
			g->count = rxpath_table_u64(t, r, "count", &ok);
			g->polls = rxpath_table_u64(t, r, "polls", &ok);
			g->full_events = rxpath_table_u64(t, r, "full_ring_events", &ok);
			g->have_full = ok;
			ok = 1;
			g->missed_while_full = rxpath_table_u64(t, r, "missed_while_full", &ok);
			if (!ok)
				g->missed_while_full = 0;
		}
	}
	rxpath_table_free(t);
}

static void rxpath_sample_devs(struct rxpath_sample *s)
{
	static const char *const missed[] = {
		"rx_missed_errors", "rx_fifo_errors", "rx_over_errors",
	};
	struct dirent *e;
	char path[512];
	DIR *d = opendir("/sys/class/net");

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct rxpath_dev_sample *v;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "lo") ||
		    strlen(e->d_name) > IF_NAMESIZE)
			continue;
		v = rxpath_at(&s->dev, &s->ndevs, s->ndevs, sizeof(*v));
		if (!v)
			break;
		memcpy(v->name, e->d_name, strlen(e->d_name) + 1);
		for (size_t i = 0; i < ARRAY_SIZE(missed); i++) {
			snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s",
				 e->d_name, missed[i]);
			v->missed += rxpath_read_u64(path);
		}
		snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/rx_packets", e->d_name);
		v->rx_packets = rxpath_read_u64(path);
	}
	closedir(d);
}

/* /proc/net/snmp's Udp: lines, and the drops column of /proc/net/udp{,6}. */
static void rxpath_sample_udp(struct rxpath_sample *s)
{
	char head[1024], vals[1024], line[1024];
	FILE *f = fopen("/proc/net/snmp", "r");

	if (f) {
		while (fgets(head, sizeof(head), f) && fgets(vals, sizeof(vals), f)) {
			char *hs, *vs, *h, *v;

			if (strncmp(head, "Udp:", 4))
				continue;
			h = strtok_r(head, "\n ", &hs);
			v = strtok_r(vals, "\n ", &vs);
			while ((h = strtok_r(NULL, "\n ", &hs)) && (v = strtok_r(NULL, "\n ", &vs))) {
				if (!strcmp(h, "RcvbufErrors"))
					s->udp_rcvbuf = strtoull(v, NULL, 10);
				else if (!strcmp(h, "InErrors"))
					s->udp_inerrors = strtoull(v, NULL, 10);
			}
			break;
		}
		fclose(f);
	}
	for (int i = 0; i < 2; i++) {
		f = fopen(i ? "/proc/net/udp6" : "/proc/net/udp", "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			char *save, *tok, *last = NULL;

			for (tok = strtok_r(line, "\n ", &save); tok; tok = strtok_r(NULL, "\n ", &save))
				last = tok;
			if (last && rxpath_is_number(last))
				s->udp_sock_drops += strtoull(last, NULL, 10);
		}
		fclose(f);
	}
}

/*
 * /proc/interrupts lines whose name holds a network device's name, every
 * CPU's column (a line of any length).
 */
static void rxpath_sample_irqs(struct rxpath_sample *s)
{
	char *line = NULL, *p, *end, *name;
	size_t cap = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return;
	if (getline(&line, &cap, f) > 0)
		for (p = strstr(line, "CPU"); p; p = strstr(p + 3, "CPU"))
			s->nirqcpus++;
	while (getline(&line, &cap, f) > 0) {
		struct rxpath_irq_sample q = { 0 };
		int d, c;

		q.irq = strtoul(line, &end, 10);
		if (end == line || *end != ':')
			continue;
		p = end + 1;
		q.count = calloc(s->nirqcpus + 1, sizeof(*q.count));
		if (!q.count)
			break;
		for (c = 0; c < s->nirqcpus; c++) {
			q.count[c] = strtoull(p, &end, 10);
			if (end == p)
				break;
			p = end;
		}
		name = strrchr(p, ' ');
		name = name ? name + 1 : p;
		name[strcspn(name, "\n")] = 0;
		for (d = 0; d < s->ndevs; d++)
			if (strstr(name, s->dev[d].name))
				break;
		if (d == s->ndevs || !rxpath_at(&s->irq, &s->nirqs, s->nirqs, sizeof(q))) {
			free(q.count);
			continue;
		}
		snprintf(q.name, sizeof(q.name), "%s", name);
		q.dev = d;
		s->irq[s->nirqs - 1] = q;
	}
	free(line);
	fclose(f);
}

/* Interrupts of b's IRQ i on cpu in the interval. */
u64 rxpath_irq_delta(const struct rxpath_sample *a, const struct rxpath_sample *b, int i, int cpu)
{
	u64 was = 0;

	if (cpu >= b->nirqcpus)
		return 0;
	for (int j = 0; j < a->nirqs; j++)
		if (a->irq[j].irq == b->irq[i].irq && cpu < a->nirqcpus)
			was = a->irq[j].count[cpu];
	return rxpath_d(was, b->irq[i].count[cpu]);
}

/* Network device name as a sampled it, or NULL. */
const struct rxpath_dev_sample *rxpath_dev_before(const struct rxpath_sample *a,
						 const char *name)
{
	for (int j = 0; j < a->ndevs; j++)
		if (!strcmp(a->dev[j].name, name))
			return &a->dev[j];
	return NULL;
}

/* What the verdict depends on beyond the counters: sysctls, IRQs, RPS. */
static void rxpath_context(const struct rxpath_sample *a, const struct rxpath_sample *b)
{
	static const char *const sysctls[] = {
		"netdev_budget", "netdev_budget_usecs", "netdev_max_backlog",
		"dev_weight", "rmem_default", "rmem_max",
	};
	char path[512], buf[4096], *status;
	int i, c;

	printf("context: net.core:");
	for (size_t k = 0; k < ARRAY_SIZE(sysctls); k++)
		printf(" %s %lld", sysctls[k], rxpath_sysctl(sysctls[k]));
	printf("\n");
	/* status's backlog_napi line: threaded backlog (6.10+) has no budget. */
	status = rxpath_file_read("status");
	if (status && (strstr(status, "\nbacklog_napi threads") ||
		       !strncmp(status, "backlog_napi threads", 20)))
		printf("context: backlog work runs in threads (thread_backlog_napi): process_backlog polls in backlog_napi/N outside net_rx_action, with no budget and no time_squeeze; the budget stage does not see them (budget outside_polls counts them)\n");
	free(status);
	for (i = 0; i < b->nirqs; i++) {
		snprintf(path, sizeof(path), "/proc/irq/%u/smp_affinity_list", b->irq[i].irq);
		if (rxpath_read_line(path, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "?");
		printf("context: irq %u %s: affinity %s; interrupts in the interval:",
		       b->irq[i].irq, b->irq[i].name, buf);
		for (c = 0; c < b->nirqcpus; c++)
			printf(" cpu%d +%llu", c, rxpath_irq_delta(a, b, i, c));
		printf("\n");
	}
	for (i = 0; i < b->ndevs; i++) {
		for (int q = 0; !rxpath_rps_cpus(b->dev[i].name, q, buf, sizeof(buf)); q++)
			printf("context: %s rx-%d rps_cpus %s\n", b->dev[i].name, q, buf);
	}
}

static void rxpath_sample_free(struct rxpath_sample *s)
{
	for (int i = 0; i < s->nirqs; i++)
		free(s->irq[i].count);
	free(s->irq);
	free(s->cpu);
	free(s->dev);
	free(s->ring);
	memset(s, 0, sizeof(*s));
}

static void rxpath_sample_take(struct rxpath_sample *s, struct rxpath_table *t)
{
	rxpath_sample_free(s);
	rxpath_sample_softnet(s);
	rxpath_sample_stat(s);
	rxpath_sample_rxpath(s, t);
	rxpath_sample_devs(s);
	rxpath_sample_udp(s);
	rxpath_sample_irqs(s);
}

/* The RX ring's current and maximum size from the driver (ETHTOOL_GRINGPARAM). */
static int rxpath_ring_size(const char *dev, unsigned int *cur, unsigned int *max)
{
	struct ethtool_ringparam rp = { .cmd = ETHTOOL_GRINGPARAM };

	if (rxpath_ethtool(dev, &rp))
		return -1;
	*cur = rp.rx_pending;
	*max = rp.rx_max_pending;
	return 0;
}

enum { ST_RING, ST_BUDGET, ST_TIME, ST_BACKLOG, ST_FLOW, ST_SOCKET, ST_N };

static const char *const rxpath_stage_names[ST_N] = {
	"ring", "budget", "time", "backlog", "flow_limit", "socket",
};

struct rxpath_stage {
	u64 lost;
	double pressure;	/* < 0: not measured */
	char evidence[512];
	char knob[512];
	char persist[512];	/* the knob's form that survives a reboot */
};

u64 rxpath_d(u64 a, u64 b)
{
	return b >= a ? b - a : 0;
}

static long long rxpath_next(long long now, long long dflt)
{
	return now < dflt ? dflt : now * 2;
}

/*
 * A net.core sysctl's knob: the command to try now (the next value: dflt
 * when below it, else twice), and its sysctl.d line.
 */
static void rxpath_sysctl_knob(struct rxpath_stage *st, const char *name, long long dflt,
			       const char *more)
{
	long long v = rxpath_sysctl(name), next = rxpath_next(v, dflt);

	snprintf(st->knob, sizeof(st->knob), "sysctl -w net.core.%s=%lld (now %lld)%s",
		 name, next, v, more);
	snprintf(st->persist, sizeof(st->persist),
		 "echo 'net.core.%s = %lld' >>/etc/sysctl.d/60-rxpath.conf", name, next);
}

/* An ethtool setting's form that survives a reboot: a udev rule for dev. */
void rxpath_udev_rule(char *buf, size_t size, const char *dev, const char *ethtool)
{
	snprintf(buf, size,
		 "echo 'ACTION==\"add\", SUBSYSTEM==\"net\", KERNEL==\"%s\", RUN+=\"/usr/sbin/ethtool %s\"' >>/etc/udev/rules.d/60-rxpath.rules",
		 dev, ethtool);
}

static void rxpath_diagnose(const struct rxpath_sample *a, const struct rxpath_sample *b,
			    struct rxpath_stage *st)
{
	u64 while_full = 0;
	double worst;
	int i, j, w;

	for (i = 0; i < ST_N; i++) {
		st[i].lost = 0;
		st[i].pressure = -1;
		st[i].evidence[0] = st[i].knob[0] = st[i].persist[0] = 0;
	}

	/* ring */
	worst = -1;
	w = -1;
	for (i = 0; i < b->nrings; i++) {
		for (j = 0; j < a->nrings; j++)
			if (!strcmp(a->ring[j].dev, b->ring[i].dev) && a->ring[j].queue == b->ring[i].queue)
				break;
		if (j == a->nrings || !b->ring[i].have_full)
			continue;
		u64 polls = rxpath_d(a->ring[j].polls, b->ring[i].polls);
		u64 full = rxpath_d(a->ring[j].full_events, b->ring[i].full_events);
		double p = polls >= RXPATH_MIN_EVENTS ? (double)full / polls : 0;

		while_full += rxpath_d(a->ring[j].missed_while_full, b->ring[i].missed_while_full);

		if (p > worst) {
			worst = p;
			w = i;
			snprintf(st[ST_RING].evidence, sizeof(st[ST_RING].evidence),
				 "%s rx ring %u (%u descriptors) was full at %llu of %llu polls (rxpath full_ring_events)",
				 b->ring[i].dev, b->ring[i].queue, b->ring[i].count, full, polls);
		}
	}
	st[ST_RING].pressure = worst;
	for (i = 0; i < b->ndevs; i++)
		for (j = 0; j < a->ndevs; j++)
			if (!strcmp(a->dev[j].name, b->dev[i].name))
				st[ST_RING].lost += rxpath_d(a->dev[j].missed, b->dev[i].missed);
	if (st[ST_RING].lost) {
		size_t n = strlen(st[ST_RING].evidence);

		snprintf(st[ST_RING].evidence + n, sizeof(st[ST_RING].evidence) - n,
			 "%sNICs dropped %llu frames for want of a descriptor (rx_missed_errors + rx_fifo_errors + rx_over_errors)",
			 n ? "; " : "", st[ST_RING].lost);
	}
	/*
	 * Drivers that count such drops elsewhere (vmxnet3: rx_dropped):
	 * what rxpath saw them drop while their rings were full.
	 */
	if (while_full > st[ST_RING].lost) {
		size_t n = strlen(st[ST_RING].evidence);

		snprintf(st[ST_RING].evidence + n, sizeof(st[ST_RING].evidence) - n,
			 "%s%llu frames dropped while rings were full (rxpath missed_while_full)",
			 n ? "; " : "", while_full);
		st[ST_RING].lost = while_full;
	}
	if (w >= 0) {
		const char *dev = b->ring[w].dev;
		unsigned int cur, max, next = b->ring[w].count * 2;
		char cmd[128] = "";

		if (!rxpath_ring_size(dev, &cur, &max) && cur < max) {
			next = cur * 2 < max ? cur * 2 : max;
			snprintf(st[ST_RING].knob, sizeof(st[ST_RING].knob),
				 "ethtool -G %s rx %u (now %u, at most %u)", dev, next, cur, max);
		} else if (!rxpath_ring_size(dev, &cur, &max)) {
			snprintf(st[ST_RING].knob, sizeof(st[ST_RING].knob),
				 "%s's ring is at its maximum (%u): spread the load over more queues (ethtool -L %s combined N) and CPUs",
				 dev, max, dev);
			next = 0;
		} else {
			snprintf(st[ST_RING].knob, sizeof(st[ST_RING].knob),
				 "ethtool -G %s rx %u (now %u)", dev, next, b->ring[w].count);
		}
		if (next)
			snprintf(cmd, sizeof(cmd), "-G %s rx %u", dev, next);
		else
			snprintf(cmd, sizeof(cmd), "-L %s combined N", dev);
		rxpath_udev_rule(st[ST_RING].persist, sizeof(st[ST_RING].persist), dev, cmd);
	}

	/* budget, time, backlog, flow limit: per CPU, the worst one */
	for (int s = ST_BUDGET; s <= ST_FLOW; s++) {
		worst = -1;
		for (i = 0; i < b->ncpus && i < a->ncpus; i++) {
			u64 cycles = rxpath_d(a->cpu[i].cycles, b->cpu[i].cycles);
			u64 dropped = rxpath_d(a->cpu[i].dropped, b->cpu[i].dropped);
			u64 flow = rxpath_d(a->cpu[i].flow_limit, b->cpu[i].flow_limit);
			u64 proc = rxpath_d(a->cpu[i].processed, b->cpu[i].processed);
			u64 n = 0, of = 0;
			double p;

			if (!b->cpu[i].seen)
				continue;
			if (s == ST_BUDGET || s == ST_TIME) {
				if (!b->cpu[i].have_split || !a->cpu[i].have_split)
					continue;
				n = rxpath_d(s == ST_BUDGET ? a->cpu[i].budget_squeeze : a->cpu[i].rx_time_squeeze,
					     s == ST_BUDGET ? b->cpu[i].budget_squeeze : b->cpu[i].rx_time_squeeze);
				of = cycles;
			} else if (s == ST_BACKLOG) {
				n = dropped > flow ? dropped - flow : 0;
				of = proc + dropped;
				st[s].lost += n;
			} else {
				n = flow;
				of = proc + dropped;
				st[s].lost += n;
			}
			p = of >= RXPATH_MIN_EVENTS ? (double)n / of : 0;
			if (p > worst) {
				worst = p;
				if (s == ST_BUDGET || s == ST_TIME)
					snprintf(st[s].evidence, sizeof(st[s].evidence),
						 "cpu %d: %llu of %llu NET_RX cycles squeezed by %s (rxpath budget; softnet_stat time_squeeze +%llu)",
						 i, n, of, s == ST_BUDGET ? "netdev_budget" : "netdev_budget_usecs",
						 rxpath_d(a->cpu[i].time_squeeze, b->cpu[i].time_squeeze));
				else
					snprintf(st[s].evidence, sizeof(st[s].evidence),
						 "cpu %d's backlog refused %llu of %llu packets (softnet_stat %s)",
						 i, n, of, s == ST_BACKLOG ? "dropped" : "flow_limit");
			}
		}
		st[s].pressure = worst;
	}
	rxpath_sysctl_knob(&st[ST_BUDGET], "netdev_budget", 300, "");
	rxpath_sysctl_knob(&st[ST_TIME], "netdev_budget_usecs", 2000, "");
	rxpath_sysctl_knob(&st[ST_BACKLOG], "netdev_max_backlog", 1000,
			   "; or spread RPS over more CPUs (/sys/class/net/*/queues/rx-*/rps_cpus)");
	rxpath_sysctl_knob(&st[ST_FLOW], "flow_limit_table_len", 4096,
			   ", or clear the CPU from net.core.flow_limit_cpu_bitmap");

	/* socket */
	st[ST_SOCKET].lost = rxpath_d(a->udp_rcvbuf, b->udp_rcvbuf);
	if (rxpath_d(a->udp_sock_drops, b->udp_sock_drops) > st[ST_SOCKET].lost)
		st[ST_SOCKET].lost = rxpath_d(a->udp_sock_drops, b->udp_sock_drops);
	snprintf(st[ST_SOCKET].evidence, sizeof(st[ST_SOCKET].evidence),
		 "UDP RcvbufErrors +%llu, InErrors +%llu (/proc/net/snmp), socket drops +%llu (/proc/net/udp)",
		 rxpath_d(a->udp_rcvbuf, b->udp_rcvbuf), rxpath_d(a->udp_inerrors, b->udp_inerrors),
		 rxpath_d(a->udp_sock_drops, b->udp_sock_drops));
	rxpath_sysctl_knob(&st[ST_SOCKET], "rmem_max", 4194304,
			   ", and a larger SO_RCVBUF in the application");
}

/* The verdict's stage, or -1: nothing lost, no pressure of 5% or more. */
int rxpath_doctor_verdict(const u64 *lost, const double *pressure, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (lost[i])
			return i;
	for (i = 0; i < n; i++)
		if (pressure[i] >= 0.05 && (best < 0 || pressure[i] > pressure[best]))
			best = i;
	return best;
}

static const char rxpath_doctor_usage[] =
	"usage: rxpath doctor [-i SECONDS]\n"
	"  reads rxpath and the kernel's counters SECONDS apart (default 5) and\n"
	"  names the stage where packets are lost; it changes nothing\n";

int rxpath_doctor_main(int argc, char **argv)
{
	struct rxpath_sample *a, *b;
	struct rxpath_stage st[ST_N];
	struct rxpath_table *t;
	unsigned int secs = 5;
	u64 lost[ST_N];
	double pressure[ST_N];
	int opt, i, v;

	optind = 1;
	while ((opt = getopt(argc, argv, "i:h")) != -1) {
		if (opt == 'i' && !rxpath_parse_uint(optarg, 3600, &secs) && secs)
			continue;
		fputs(rxpath_doctor_usage, opt == 'h' ? stdout : stderr);
		return opt == 'h' ? 0 : 2;
	}
	if (optind != argc) {
		fputs(rxpath_doctor_usage, stderr);
		return 2;
	}
	if (rxpath_check_files())
		return 1;
	a = calloc(1, sizeof(*a));
	b = calloc(1, sizeof(*b));
	t = calloc(1, sizeof(*t));
	if (!a || !b || !t) {
		fprintf(stderr, "rxpath: out of memory\n");
		return 1;
	}
	rxpath_sample_take(a, t);
	sleep(secs);
	rxpath_sample_take(b, t);
	rxpath_diagnose(a, b, st);

	printf("rxpath doctor: %u s, %d CPUs\n", secs, b->ncpus);
	printf("%-10s %10s %8s  %s\n", "stage", "lost", "pressure", "evidence");
	for (i = 0; i < ST_N; i++) {
		char p[16] = "-";

		if (st[i].pressure >= 0)
			snprintf(p, sizeof(p), "%.0f%%", st[i].pressure * 100);
		printf("%-10s %10llu %8s  %s\n", rxpath_stage_names[i], st[i].lost, p,
		       st[i].evidence[0] ? st[i].evidence : "-");
		lost[i] = st[i].lost;
		pressure[i] = st[i].pressure;
	}
	rxpath_context(a, b);
	v = rxpath_doctor_verdict(lost, pressure, ST_N);
	if (v < 0) {
		printf("verdict: none: no stage lost packets or reached 5%% of its limit\n");
	} else {
		printf("verdict: %s: %s %s\n", rxpath_stage_names[v],
		       st[v].lost ? "packets were lost here:" : "no packet was lost, but this stage is at its limit most often:",
		       st[v].evidence);
		printf("knob: %s\n", st[v].knob);
		if (st[v].persist[0])
			printf("persist: %s\n", st[v].persist);
	}
	rxpath_findings(a, b);
	rxpath_sample_free(a);
	rxpath_sample_free(b);
	free(a);
	free(b);
	free(t);
	return 0;
}
