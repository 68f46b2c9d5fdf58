/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rxpath doctor's samples: what it reads of rxpath and of the kernel's
 * own counters at each end of its interval, in arrays as large as the
 * machine (every CPU, network device, ring and IRQ it has). doctor.c
 * takes them and judges the stages; findings.c judges the settings
 * around them.
 */
#ifndef RXPATH_DOCTOR_H
#define RXPATH_DOCTOR_H

#include <net/if.h>

typedef unsigned long long u64;

/* A pressure needs this many events (polls, cycles, packets) behind it. */
#define RXPATH_MIN_EVENTS	100

struct rxpath_cpu_sample {
	int seen;
	u64 processed, dropped, time_squeeze, flow_limit;
	u64 cycles, budget_squeeze, rx_time_squeeze, outside_polls;
	int have_split;
	u64 busy, total;	/* /proc/stat's jiffies: not idle, all */
};

struct rxpath_dev_sample {
	char name[IF_NAMESIZE + 1];
	u64 missed;	/* rx_missed_errors + rx_fifo_errors + rx_over_errors */
	u64 rx_packets;
};

struct rxpath_ring_sample {
	char dev[IF_NAMESIZE + 1];
	unsigned int queue, count;
	u64 polls, full_events;
	u64 missed_while_full;	/* 0 where the table shows - */
	int have_full;
};

struct rxpath_irq_sample {
	unsigned int irq;
	char name[64];
	int dev;	/* its network device, an index into dev */
	u64 *count;	/* per CPU, nirqcpus of them */
};

struct rxpath_sample {
	int ncpus;
	struct rxpath_cpu_sample *cpu;
	int ndevs;
	struct rxpath_dev_sample *dev;
	int nrings;
	struct rxpath_ring_sample *ring;
	int nirqs, nirqcpus;
	struct rxpath_irq_sample *irq;
	u64 udp_rcvbuf, udp_inerrors, udp_sock_drops;
};

u64 rxpath_d(u64 a, u64 b);
long long rxpath_sysctl(const char *name);
int rxpath_ethtool(const char *dev, void *cmd);
int rxpath_read_line(const char *path, char *buf, size_t size);
int rxpath_rps_cpus(const char *dev, int q, char *buf, size_t size);
const struct rxpath_dev_sample *rxpath_dev_before(const struct rxpath_sample *a,
						 const char *name);
u64 rxpath_irq_delta(const struct rxpath_sample *a, const struct rxpath_sample *b,
		     int i, int cpu);
void rxpath_udev_rule(char *buf, size_t size, const char *dev, const char *ethtool);
void rxpath_findings(const struct rxpath_sample *a, const struct rxpath_sample *b);

#endif
