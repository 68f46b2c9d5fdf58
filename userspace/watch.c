// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath watch: one line per record of /dev/rxpath, as text or JSON, until
 * interrupted or for -t seconds. On SIGINT or SIGTERM, and at the end of
 * -t, whatever the device still holds is read and printed first, so a
 * stopped watch has shown every record produced before it stopped (the
 * kernel closes a growing record when it is read).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "rxpath.h"

static const char rxpath_watch_usage[] =
	"usage: rxpath watch [--json] [-t SECONDS] [--types LIST] [--backlog QLEN]\n"
	"                    [--budget-left PCT] [--summary MS]\n"
	"  LIST: backlog,backlog_drop,cycle,ring_full,summary\n";

/* Prints every record waiting; returns how many, or -1 on a read error. */
static long rxpath_watch_drain(int fd, int json)
{
	struct rxpath_record recs[256];
	char line[512], name[IF_NAMESIZE + 1];
	long total = 0;

	for (;;) {
		ssize_t n = read(fd, recs, sizeof(recs));

		if (n < 0) {
			if (errno == EAGAIN)
				break;
			if (errno == EINTR)
				continue;
			fprintf(stderr, "rxpath: read %s: %s\n", RXPATH_DEV, strerror(errno));
			return -1;
		}
		for (size_t i = 0; i < (size_t)n / sizeof(recs[0]); i++) {
			const struct rxpath_record *rec = &recs[i];
			const char *ifname = NULL;

			if (rec->type == RXPATH_REC_RING_FULL)
				ifname = if_indextoname(rec->u.ring.ifindex, name);
			if (json)
				rxpath_format_json(line, sizeof(line), rec, ifname);
			else
				rxpath_format_text(line, sizeof(line), rec, ifname);
			puts(line);
		}
		total += n / sizeof(recs[0]);
		if ((size_t)n < sizeof(recs))
			break;
	}
	fflush(stdout);
	return total;
}

static void rxpath_watch_hook_note(unsigned int types)
{
	char *word;

	/* Drop records come from the kernel's own count with the hook off. */
	if (!(types & (1U << RXPATH_REC_BACKLOG)))
		return;
	word = rxpath_file_read("backlog_hook");
	if (word && !strncmp(word, "off", 3))
		fprintf(stderr, "rxpath: backlog_hook is off: no backlog (queue length) records until 'rxpath set backlog_hook on'\n");
	free(word);
}

int rxpath_watch_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "types", required_argument, NULL, 'T' },
		{ "backlog", required_argument, NULL, 'b' },
		{ "budget-left", required_argument, NULL, 'p' },
		{ "summary", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rxpath_filter filter;
	struct rxpath_reader_stats st;
	unsigned int seconds = 0, v;
	int json = 0, opt, fd, ret = 0;
	double deadline;

	memset(&filter, 0, sizeof(filter));
	filter.types = RXPATH_FILTER_DEFAULT_TYPES;
	filter.backlog_qlen = RXPATH_FILTER_DEFAULT_BACKLOG_QLEN;
	filter.budget_left_pct = RXPATH_FILTER_DEFAULT_BUDGET_LEFT_PCT;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "jt:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 't':
			if (rxpath_parse_uint(optarg, 86400 * 365, &seconds) || !seconds)
				goto bad;
			break;
		case 'T':
			if (rxpath_type_parse(optarg, &filter.types))
				goto bad;
			break;
		case 'b':
			if (rxpath_parse_uint(optarg, 0xffffffffU, &filter.backlog_qlen))
				goto bad;
			break;
		case 'p':
			if (rxpath_parse_uint(optarg, 100, &filter.budget_left_pct))
				goto bad;
			break;
		case 's':
			if (rxpath_parse_uint(optarg, 3600000, &v) ||
			    (v && v < RXPATH_FILTER_MIN_SUMMARY_MS))
				goto bad;
			filter.summary_ms = v;
			if (v)
				filter.types |= 1U << RXPATH_REC_SUMMARY;
			break;
		case 'h':
			fputs(rxpath_watch_usage, stdout);
			return 0;
		default:
			fputs(rxpath_watch_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "rxpath watch: unexpected argument '%s'\n", argv[optind]);
		fputs(rxpath_watch_usage, stderr);
		return 2;
	}
	fd = rxpath_open_device(O_NONBLOCK);
	if (fd < 0)
		return 1;
	if (ioctl(fd, RXPATH_IOC_SET_FILTER, &filter)) {
		fprintf(stderr, "rxpath: RXPATH_IOC_SET_FILTER: %s\n", strerror(errno));
		close(fd);
		return 1;
	}
	rxpath_watch_hook_note(filter.types);

	rxpath_stop_on_signals();
	deadline = seconds ? rxpath_now() + seconds : 0;
	while (!rxpath_stop) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int timeout = -1;

		if (deadline) {
			double left = deadline - rxpath_now();

			if (left <= 0)
				break;
			timeout = left * 1000 + 1;
		}
		if (poll(&pfd, 1, timeout) < 0 && errno != EINTR) {
			fprintf(stderr, "rxpath: poll %s: %s\n", RXPATH_DEV, strerror(errno));
			ret = 1;
			break;
		}
		if (rxpath_watch_drain(fd, json) < 0) {
			ret = 1;
			break;
		}
	}
	if (!ret && rxpath_watch_drain(fd, json) < 0)
		ret = 1;
	if (!ioctl(fd, RXPATH_IOC_GET_STATS, &st))
		fprintf(stderr, "rxpath: %llu records, %llu lost\n",
			(unsigned long long)st.records, (unsigned long long)st.lost);
	close(fd);
	return ret;

bad:
	fprintf(stderr, "rxpath watch: bad value '%s'\n", optarg);
	fputs(rxpath_watch_usage, stderr);
	return 2;
}
