// SPDX-License-Identifier: GPL-2.0
/*
 * Records as text (one line each, as the systemtap probes printed: "cpu 1
 * backlog drop 37") and as JSON objects (one per line), and the escaping
 * that JSON strings and Prometheus label values need.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "rxpath.h"

static const char *const rxpath_type_names[RXPATH_REC_TYPES] = {
	[RXPATH_REC_LOST] = "lost",
	[RXPATH_REC_BACKLOG] = "backlog",
	[RXPATH_REC_BACKLOG_DROP] = "backlog_drop",
	[RXPATH_REC_CYCLE] = "cycle",
	[RXPATH_REC_RING_FULL] = "ring_full",
	[RXPATH_REC_SUMMARY] = "summary",
};

const char *rxpath_type_name(unsigned int type)
{
	if (type >= RXPATH_REC_TYPES || !rxpath_type_names[type])
		return NULL;
	return rxpath_type_names[type];
}

/* "backlog,backlog_drop": the mask of RXPATH_IOC_SET_FILTER; -EINVAL on an unknown name. */
int rxpath_type_parse(const char *list, unsigned int *mask)
{
	const char *p = list;
	unsigned int t, m = 0;

	while (*p) {
		size_t len = strcspn(p, ",");

		for (t = RXPATH_REC_BACKLOG; t < RXPATH_REC_TYPES; t++)
			if (strlen(rxpath_type_names[t]) == len &&
			    !strncmp(p, rxpath_type_names[t], len))
				break;
		if (t == RXPATH_REC_TYPES)
			return -EINVAL;
		m |= 1U << t;
		p += len;
		if (*p == ',' && *++p == '\0')
			return -EINVAL;
	}
	if (!m)
		return -EINVAL;
	*mask = m;
	return 0;
}

const char *rxpath_end_name(unsigned int end)
{
	switch (end) {
	case RXPATH_END_DRAINED:
		return "drained";
	case RXPATH_END_BUDGET:
		return "budget";
	case RXPATH_END_TIME:
		return "time";
	}
	return "unknown";
}

/*
 * The rate of a counter read as a, then b, secs apart: 0 for no time, or
 * a counter that went back (reset, or a CPU's counters gone and back).
 * The kernel's softnet counters are unsigned int: one that wrapped
 * between the reads (a < b fails, b is small) counts from the wrap when
 * wrap32 is set.
 */
double rxpath_rate(unsigned long long a, unsigned long long b, double secs, int wrap32)
{
	if (secs <= 0)
		return 0;
	if (b >= a)
		return (b - a) / secs;
	if (wrap32 && a <= 0xffffffffULL && b <= 0xffffffffULL)
		return (0x100000000ULL - a + b) / secs;
	return 0;
}

/* A decimal number from 0 to max, nothing else: 0 or -EINVAL. */
int rxpath_parse_uint(const char *s, unsigned int max, unsigned int *v)
{
	unsigned long n;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > max)
		return -EINVAL;
	*v = n;
	return 0;
}

/* Appends e to buf at *n, as far as size allows; *n counts it all. */
static void rxpath_put(char *buf, size_t size, size_t *n, const char *e)
{
	for (; *e; e++, (*n)++)
		if (*n + 1 < size)
			buf[*n] = *e;
}

static size_t rxpath_put_end(char *buf, size_t size, size_t n)
{
	if (size)
		buf[n < size ? n : size - 1] = 0;
	return n;
}

/* s as the inside of a JSON string; returns the length it needs. */
size_t rxpath_json_escape(char *buf, size_t size, const char *s)
{
	size_t n = 0;
	char e[8];

	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			snprintf(e, sizeof(e), "\\%c", c);
		else if (c == '\n')
			snprintf(e, sizeof(e), "\\n");
		else if (c == '\t')
			snprintf(e, sizeof(e), "\\t");
		else if (c < 0x20 || c == 0x7f)
			snprintf(e, sizeof(e), "\\u%04x", c);
		else
			snprintf(e, sizeof(e), "%c", c);
		rxpath_put(buf, size, &n, e);
	}
	return rxpath_put_end(buf, size, n);
}

/* s as a Prometheus label value: backslash, quote and newline escaped. */
size_t rxpath_prom_escape(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		char e[3] = { *s, 0, 0 };

		if (*s == '\\' || *s == '"') {
			e[0] = '\\';
			e[1] = *s;
		} else if (*s == '\n') {
			e[0] = '\\';
			e[1] = 'n';
		}
		rxpath_put(buf, size, &n, e);
	}
	return rxpath_put_end(buf, size, n);
}

static void rxpath_ifname(char *buf, size_t size, const char *ifname,
			  unsigned int ifindex)
{
	if (ifname)
		snprintf(buf, size, "%s", ifname);
	else
		snprintf(buf, size, "if%u", ifindex);
}

int rxpath_format_text(char *buf, size_t size, const struct rxpath_record *rec,
		       const char *ifname)
{
	unsigned long long s = rec->time_ns / 1000000000ULL,
			   us = rec->time_ns % 1000000000ULL / 1000;
	char dev[64];

	switch (rec->type) {
	case RXPATH_REC_LOST:
		return snprintf(buf, size, "%llu.%06llu cpu %u lost %llu records",
				s, us, rec->cpu, (unsigned long long)rec->u.lost.count);
	case RXPATH_REC_BACKLOG:
		return snprintf(buf, size, "%llu.%06llu cpu %u backlog %u/%u x%u",
				s, us, rec->u.backlog.cpu, rec->u.backlog.qlen,
				rec->u.backlog.limit, rec->u.backlog.count);
	case RXPATH_REC_BACKLOG_DROP:
		return snprintf(buf, size, "%llu.%06llu cpu %u backlog drop %u",
				s, us, rec->u.drop.cpu, rec->u.drop.count);
	case RXPATH_REC_CYCLE:
		if (!(rec->u.cycle.flags & RXPATH_CYCLE_TIMED))
			return snprintf(buf, size, "%llu.%06llu cpu %u budget %u%% left (%u/%u, %s)",
					s, us, rec->cpu, rec->u.cycle.left_pct,
					rec->u.cycle.work, rec->u.cycle.budget,
					rxpath_end_name(rec->u.cycle.end));
		return snprintf(buf, size, "%llu.%06llu cpu %u budget %u%% left (%u/%u, %s, %u us)",
				s, us, rec->cpu, rec->u.cycle.left_pct,
				rec->u.cycle.work, rec->u.cycle.budget,
				rxpath_end_name(rec->u.cycle.end), rec->u.cycle.usecs);
	case RXPATH_REC_RING_FULL:
		rxpath_ifname(dev, sizeof(dev), ifname, rec->u.ring.ifindex);
		return snprintf(buf, size, "%llu.%06llu %s rx_ring %u full (ntu %u ntc %u count %u) dropped %llu (nic counter %llu)",
				s, us, dev, rec->u.ring.queue, rec->u.ring.ntu,
				rec->u.ring.ntc, rec->u.ring.count,
				(unsigned long long)rec->u.ring.drops,
				(unsigned long long)rec->u.ring.missed);
	case RXPATH_REC_SUMMARY:
		return snprintf(buf, size, "%llu.%06llu cpu %u processed %u dropped %u time_squeeze %u received_rps %u flow_limit %u qlen %u backlog_max %u",
				s, us, rec->cpu, rec->u.summary.processed,
				rec->u.summary.dropped, rec->u.summary.time_squeeze,
				rec->u.summary.received_rps, rec->u.summary.flow_limit,
				rec->u.summary.input_qlen, rec->u.summary.backlog_max);
	}
	return snprintf(buf, size, "%llu.%06llu cpu %u record type %u", s, us,
			rec->cpu, rec->type);
}

int rxpath_format_json(char *buf, size_t size, const struct rxpath_record *rec,
		       const char *ifname)
{
	const char *name = rxpath_type_name(rec->type);
	char dev[64], esc[160];
	int n;

	n = snprintf(buf, size, "{\"time_ns\":%llu,\"cpu\":%u,\"type\":\"%s\"",
		     (unsigned long long)rec->time_ns, rec->cpu, name ? name : "unknown");
	if (n < 0 || (size_t)n >= size)
		return n;
	buf += n;
	size -= n;
	switch (rec->type) {
	case RXPATH_REC_LOST:
		return n + snprintf(buf, size, ",\"count\":%llu}",
				    (unsigned long long)rec->u.lost.count);
	case RXPATH_REC_BACKLOG:
		return n + snprintf(buf, size, ",\"backlog_cpu\":%u,\"qlen\":%u,\"limit\":%u,\"count\":%u}",
				    rec->u.backlog.cpu, rec->u.backlog.qlen,
				    rec->u.backlog.limit, rec->u.backlog.count);
	case RXPATH_REC_BACKLOG_DROP:
		return n + snprintf(buf, size, ",\"backlog_cpu\":%u,\"count\":%u}",
				    rec->u.drop.cpu, rec->u.drop.count);
	case RXPATH_REC_CYCLE:
		if (!(rec->u.cycle.flags & RXPATH_CYCLE_TIMED))
			return n + snprintf(buf, size, ",\"budget\":%u,\"work\":%u,\"left_pct\":%u,\"end\":\"%s\",\"usecs\":null}",
					    rec->u.cycle.budget, rec->u.cycle.work,
					    rec->u.cycle.left_pct,
					    rxpath_end_name(rec->u.cycle.end));
		return n + snprintf(buf, size, ",\"budget\":%u,\"work\":%u,\"left_pct\":%u,\"end\":\"%s\",\"usecs\":%u}",
				    rec->u.cycle.budget, rec->u.cycle.work,
				    rec->u.cycle.left_pct,
				    rxpath_end_name(rec->u.cycle.end), rec->u.cycle.usecs);
	case RXPATH_REC_RING_FULL:
		rxpath_ifname(dev, sizeof(dev), ifname, rec->u.ring.ifindex);
		rxpath_json_escape(esc, sizeof(esc), dev);
		return n + snprintf(buf, size, ",\"dev\":\"%s\",\"ifindex\":%u,\"queue\":%u,\"ntu\":%u,\"ntc\":%u,\"count\":%u,\"missed\":%llu,\"drops\":%llu}",
				    esc, rec->u.ring.ifindex, rec->u.ring.queue,
				    rec->u.ring.ntu, rec->u.ring.ntc, rec->u.ring.count,
				    (unsigned long long)rec->u.ring.missed,
				    (unsigned long long)rec->u.ring.drops);
	case RXPATH_REC_SUMMARY:
		return n + snprintf(buf, size, ",\"processed\":%u,\"dropped\":%u,\"time_squeeze\":%u,\"received_rps\":%u,\"flow_limit\":%u,\"input_qlen\":%u,\"backlog_max\":%u}",
				    rec->u.summary.processed, rec->u.summary.dropped,
				    rec->u.summary.time_squeeze,
				    rec->u.summary.received_rps,
				    rec->u.summary.flow_limit,
				    rec->u.summary.input_qlen,
				    rec->u.summary.backlog_max);
	}
	return n + snprintf(buf, size, ",\"type_number\":%u}", rec->type);
}
