// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath-devtest: the /dev/rxpath contract, from userspace, in the test
 * bed's guest.
 *   rxpath-devtest errno        each documented error, one "ok -" line each
 *   rxpath-devtest fuzz N SEED  N random reads, polls and ioctls with random
 *                               sizes, pointers and arguments; prints the
 *                               count of each outcome. The kernel's log is
 *                               what is checked: no oops, WARN or KASAN.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/rxpath.h>

#define DEV "/dev/rxpath"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int failures;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	failures += !cond;
}

/* ret == -1 and errno == e */
static void check_errno(long ret, int e, const char *what)
{
	char buf[256];
	int got = errno;

	snprintf(buf, sizeof(buf), "%s: %s (got %ld, %s)", what, strerror(e),
		 ret, ret < 0 ? strerror(got) : "no error");
	check(ret == -1 && got == e, buf);
}

static int set_filter(int fd, unsigned int types, unsigned int qlen,
		      unsigned int pct, unsigned int ms)
{
	struct rxpath_filter f = { types, qlen, pct, ms };

	return ioctl(fd, RXPATH_IOC_SET_FILTER, &f);
}

static void drain(int fd)
{
	struct rxpath_record r[64];

	while (read(fd, r, sizeof(r)) > 0)
		;
}

static int test_errno(void)
{
	struct rxpath_filter f, g;
	struct rxpath_record rec[8];
	struct epoll_event ev = { .events = EPOLLIN };
	struct pollfd pfd;
	__u32 abi = 0;
	int fd, ep, fds[20], i, n;
	ssize_t r;

	fd = open(DEV, O_RDONLY | O_NONBLOCK);
	check(fd >= 0, "open " DEV);
	if (fd < 0)
		return 1;
	check(sizeof(struct rxpath_record) == 64, "a record is 64 bytes");
	check(!ioctl(fd, RXPATH_IOC_ABI_VERSION, &abi) && abi == RXPATH_ABI_VERSION,
	      "RXPATH_IOC_ABI_VERSION gives the header's version");
	check(!ioctl(fd, RXPATH_IOC_GET_FILTER, &f) &&
	      f.types == RXPATH_FILTER_DEFAULT_TYPES &&
	      f.backlog_qlen == RXPATH_FILTER_DEFAULT_BACKLOG_QLEN &&
	      f.budget_left_pct == RXPATH_FILTER_DEFAULT_BUDGET_LEFT_PCT &&
	      f.summary_ms == 0, "a new reader has the default filter");

	/* Nothing can come: backlog records above 2^32 - 1 only. */
	check(!set_filter(fd, 1U << RXPATH_REC_BACKLOG, 0xffffffffU, 0, 0),
	      "SET_FILTER to a filter that passes nothing");
	drain(fd);
	check_errno(read(fd, rec, sizeof(rec)), EAGAIN, "O_NONBLOCK read of an empty device");
	check_errno(read(fd, rec, sizeof(rec[0]) - 1), EINVAL, "read of 63 bytes");
	check_errno(read(fd, rec, 0), EINVAL, "read of 0 bytes");
	check_errno(lseek(fd, 64, SEEK_SET), ESPIPE, "lseek");
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	check(poll(&pfd, 1, 100) == 0, "poll of an empty device times out");

	check_errno(ioctl(fd, _IOR(RXPATH_IOC_MAGIC, 99, __u32), &abi), ENOTTY, "an unknown ioctl of rxpath's magic");
	check_errno(ioctl(fd, TCGETS, &f), ENOTTY, "a tty ioctl");
	check_errno(ioctl(fd, RXPATH_IOC_SET_FILTER, NULL), EFAULT, "SET_FILTER from NULL");
	check_errno(ioctl(fd, RXPATH_IOC_GET_FILTER, (void *)8), EFAULT, "GET_FILTER to a bad pointer");
	check_errno(ioctl(fd, RXPATH_IOC_ABI_VERSION, NULL), EFAULT, "ABI_VERSION to NULL");
	check_errno(ioctl(fd, RXPATH_IOC_GET_STATS, (void *)-1L), EFAULT, "GET_STATS to a kernel address");
	ioctl(fd, RXPATH_IOC_GET_FILTER, &f);
	check_errno(set_filter(fd, 1, 0, 0, 0), EINVAL, "SET_FILTER of type bit 0");
	check_errno(set_filter(fd, 1U << 31, 0, 0, 0), EINVAL, "SET_FILTER of type bit 31");
	check_errno(set_filter(fd, 1U << RXPATH_REC_LOST, 0, 0, 0), EINVAL, "SET_FILTER of the lost type (always on)");
	check_errno(set_filter(fd, 1U << RXPATH_REC_CYCLE, 0, 101, 0), EINVAL, "SET_FILTER of budget_left_pct 101");
	check_errno(set_filter(fd, 1U << RXPATH_REC_SUMMARY, 0, 0, 9), EINVAL, "SET_FILTER of summary_ms 9");
	check_errno(set_filter(fd, 1U << RXPATH_REC_SUMMARY, 0, 0, 3600001), EINVAL, "SET_FILTER of summary_ms 3600001");
	check(!ioctl(fd, RXPATH_IOC_GET_FILTER, &g) && !memcmp(&f, &g, sizeof(f)),
	      "refused filters changed nothing");

	/* Summaries every 10 ms: poll and epoll wake, reads return whole records. */
	check(!set_filter(fd, 1U << RXPATH_REC_SUMMARY, 0, 0, 10), "SET_FILTER of summaries every 10 ms");
	check(poll(&pfd, 1, 2000) == 1 && (pfd.revents & POLLIN), "poll wakes for a summary");
	ep = epoll_create1(0);
	check(ep >= 0 && !epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) &&
	      epoll_wait(ep, &ev, 1, 2000) == 1, "epoll wakes for a summary");
	close(ep);
	r = read(fd, rec, sizeof(rec[0]) * 3 + 17);
	check(r > 0 && r % sizeof(rec[0]) == 0 && r <= (ssize_t)sizeof(rec[0]) * 3,
	      "a read of 3 records and 17 bytes returns whole records, at most 3");
	check(rec[0].abi == RXPATH_ABI_VERSION && rec[0].type == RXPATH_REC_SUMMARY,
	      "records carry the ABI version and their type");
	usleep(50000);
	check_errno(syscall(SYS_read, fd, (void *)8, sizeof(rec)), EFAULT, "read to a bad pointer");
	r = read(fd, rec, sizeof(rec));
	check(r > 0, "the records a bad pointer did not take are still there");

	/* At most 16 readers. */
	for (i = 0, n = 0; i < 20; i++) {
		fds[i] = open(DEV, O_RDONLY);
		n += fds[i] >= 0;
	}
	check(n == 15, "16 readers at most (15 more opened)");
	for (i = 0; i < 20; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	close(fd);
	printf("# devtest errno: %d failed\n", failures);
	return failures != 0;
}

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void *rnd_ptr(char *buf, size_t size)
{
	static void *const bad[] = {
		NULL, (void *)1, (void *)4096, (void *)-1L,
		(void *)0xffff888000000000UL, (void *)0xffffffff81000000UL,
		(void *)0x00007ffffffff000UL,
	};

	if (rnd() % 4)
		return buf + rnd() % size;
	return bad[rnd() % ARRAY_SIZE(bad)];
}

static int test_fuzz(unsigned long calls, uint64_t seed)
{
	static const unsigned int cmds[] = {
		RXPATH_IOC_ABI_VERSION, RXPATH_IOC_GET_FILTER,
		RXPATH_IOC_SET_FILTER, RXPATH_IOC_GET_STATS,
	};
	unsigned long ok = 0, err[256] = { 0 }, i;
	static char buf[1 << 16];
	int fd[4], k;

	rng = seed | 1;
	for (k = 0; k < 4; k++)
		fd[k] = open(DEV, O_RDONLY | (k & 1 ? O_NONBLOCK : 0));
	for (i = 0; i < calls; i++) {
		int f = rnd() % 4;
		long ret;

		if (fd[f] < 0 || !(rnd() % 1000)) {
			if (fd[f] >= 0)
				close(fd[f]);
			fd[f] = open(DEV, O_RDONLY | O_NONBLOCK);
			continue;
		}
		switch (rnd() % 5) {
		case 0: {	/* a read of any size, anywhere */
			size_t len = rnd() % 3 ? rnd() % 4096 : rnd() % sizeof(buf);
			int fl = fcntl(fd[f], F_GETFL);

			fcntl(fd[f], F_SETFL, fl | O_NONBLOCK);
			ret = syscall(SYS_read, fd[f], rnd_ptr(buf, sizeof(buf) - len), len);
			fcntl(fd[f], F_SETFL, fl);
			break;
		}
		case 1: {	/* a filter of random fields */
			struct rxpath_filter flt = {
				.types = rnd() % 2 ? (uint32_t)rnd() : (uint32_t)rnd() & 0x7c,
				.backlog_qlen = rnd() % 2 ? (uint32_t)rnd() : rnd() % 16,
				.budget_left_pct = rnd() % 128,
				.summary_ms = rnd() % 3 ? 0 : rnd() % 2 ? 10 + rnd() % 100 : (uint32_t)rnd(),
			};
			ret = ioctl(fd[f], RXPATH_IOC_SET_FILTER, rnd() % 8 ? (void *)&flt : rnd_ptr(buf, 64));
			break;
		}
		case 2: {	/* a known command, any argument */
			unsigned int cmd = cmds[rnd() % 4];

			ret = ioctl(fd[f], cmd, rnd_ptr(buf, sizeof(buf) - 64));
			break;
		}
		case 3: {	/* any command */
			unsigned int cmd = rnd() % 2 ? (uint32_t)rnd() :
				_IOC(rnd() % 4, RXPATH_IOC_MAGIC, rnd() % 8, rnd() % 64);

			ret = ioctl(fd[f], cmd, rnd() % 2 ? (unsigned long)rnd() : (unsigned long)buf);
			break;
		}
		default: {
			struct pollfd p = { .fd = fd[f], .events = POLLIN };

			ret = poll(&p, 1, 0);
			break;
		}
		}
		if (ret < 0)
			err[errno & 255]++;
		else
			ok++;
	}
	for (k = 0; k < 4; k++)
		if (fd[k] >= 0)
			close(fd[k]);
	printf("# fuzz: %lu calls: %lu succeeded", calls, ok);
	for (k = 0; k < 256; k++)
		if (err[k])
			printf(", %lu %s", err[k], strerror(k));
	printf("\n");
	/* Only documented errors. */
	for (k = 0; k < 256; k++)
		if (err[k] && k != EINVAL && k != EFAULT && k != ENOTTY &&
		    k != EAGAIN && k != EBUSY) {
			printf("not ok - fuzz: only EINVAL, EFAULT, ENOTTY, EAGAIN and EBUSY (got %s)\n",
			       strerror(k));
			return 1;
		}
	printf("ok - fuzz: %lu calls, only EINVAL, EFAULT, ENOTTY, EAGAIN and EBUSY\n", calls);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "errno"))
		return test_errno();
	if (argc == 4 && !strcmp(argv[1], "fuzz"))
		return test_fuzz(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
	fprintf(stderr, "usage: rxpath-devtest errno | fuzz CALLS SEED\n");
	return 2;
}
