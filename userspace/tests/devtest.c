// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath-devtest: the /dev/rxpath contract, from userspace, in the test
 * bed's guest.
 *   rxpath-devtest errno        each documented error, one "ok -" line each
 *   rxpath-devtest fuzz N SEED  N random reads, polls and ioctls with random
 *                               sizes, pointers and arguments; prints the
 *                               count of each outcome. The kernel's log is
 *                               what is checked: no oops, WARN or KASAN.
 *   rxpath-devtest files N SEED DIR
 *                               N random writes to the control files in DIR
 *                               (reset, backlog_hook, cycle_clock,
 *                               budget_warn_pct): each one accepted exactly
 *                               when the file's grammar takes it, each
 *                               refusal -EINVAL (-EFAULT from a bad
 *                               pointer) with the file read back unchanged.
 *   rxpath-devtest files N SEED DIR dev
 *                               the same, each write and read made through
 *                               DIR or /dev/rxpath at random.
 *   rxpath-devtest churn STOPFILE
 *                               readers that open the device, join the
 *                               stream and close it, one after another,
 *                               until STOPFILE exists; prints how many
 *                               opened and how many joined.
 *   rxpath-devtest runas UID GID COMMAND...
 *                               runs COMMAND as UID, in group GID alone,
 *                               with no capabilities.
 *   rxpath-devtest params N SEED KO
 *                               N loads of the module KO (init_module)
 *                               with random parameter strings: a string of
 *                               one well-formed name=value loads exactly
 *                               when the parameter's grammar takes it; any
 *                               other string loads or fails with EINVAL or
 *                               ENOSPC; a loaded module shows valid values
 *                               and is unloaded.
 *   rxpath-devtest xdp DEV on|off
 *                               attaches an XDP program that passes every
 *                               frame to DEV in driver mode, or detaches it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
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

/* File name's text through the device (RXPATH_IOC_TABLE), NUL-terminated. */
static ssize_t dev_text(int fd, const char *name, char *buf, size_t size)
{
	struct rxpath_table_req req = { .buf = (unsigned long)buf, .size = size - 1 };

	snprintf(req.name, sizeof(req.name), "%s", name);
	if (ioctl(fd, RXPATH_IOC_TABLE, &req))
		return -1;
	buf[req.len] = '\0';
	return req.len;
}

/* A write of len bytes at word to control file name, through the device. */
static ssize_t dev_control(int fd, const char *name, const void *word, size_t len)
{
	struct rxpath_control c = { .word = (unsigned long)word, .len = len };

	snprintf(c.name, sizeof(c.name), "%s", name);
	return ioctl(fd, RXPATH_IOC_CONTROL, &c) ? -1 : (ssize_t)len;
}

static ssize_t read_file(const char *path, char *buf, size_t size);

/* The readers of the stream, from status's "dev" line; -1 if unreadable. */
static int dev_readers(int fd)
{
	static char txt[1 << 16];
	char *l = NULL;
	int n;

	if (dev_text(fd, "status", txt, sizeof(txt)) >= 0)
		l = strstr(txt, "\ndev ");
	if (!l || sscanf(l, "\ndev %*s readers %d", &n) != 1)
		return -1;
	return n;
}

/* The device's tables and controls (RXPATH_IOC_TABLE, RXPATH_IOC_CONTROL). */
static void test_files_errno(int fd)
{
	static char txt[1 << 16], was[256];
	char file[256];
	struct rxpath_table_req req = { .buf = (unsigned long)txt, .size = sizeof(txt) };
	struct rxpath_control c = { .name = "budget_warn_pct" };
	int fd2, readers;

	check(dev_text(fd, "status", txt, sizeof(txt)) > 0 && !strncmp(txt, "version ", 8),
	      "RXPATH_IOC_TABLE gives status's text");
	check(dev_text(fd, "softnet", txt, sizeof(txt)) > 0 && !strncmp(txt, "cpu ", 4),
	      "RXPATH_IOC_TABLE gives softnet's table");
	if (read_file("/sys/kernel/debug/rxpath/budget_warn_pct", file, sizeof(file)) > 0)
		check(dev_text(fd, "budget_warn_pct", txt, sizeof(txt)) > 0 && !strcmp(txt, file),
		      "RXPATH_IOC_TABLE gives what debugfs's file reads");
	snprintf(req.name, sizeof(req.name), "status");
	req.size = 1;
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), EMSGSIZE, "TABLE into 1 byte");
	req.size = 0;
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), EINVAL, "TABLE into 0 bytes");
	req.size = RXPATH_TABLE_MAX + 1;
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), EINVAL, "TABLE into more than RXPATH_TABLE_MAX");
	req.size = sizeof(txt);
	req.buf = 8;
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), EFAULT, "TABLE to a bad pointer");
	req.buf = (unsigned long)txt;
	snprintf(req.name, sizeof(req.name), "nope");
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), ENOENT, "TABLE of no such file");
	memset(req.name, 'a', sizeof(req.name));
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, &req), EINVAL, "TABLE of a name without its NUL");
	check_errno(ioctl(fd, RXPATH_IOC_TABLE, NULL), EFAULT, "TABLE from NULL");

	readers = dev_readers(fd);
	fd2 = open(DEV, O_RDONLY);
	check(fd2 >= 0 && dev_text(fd2, "napi", txt, sizeof(txt)) > 0 && dev_readers(fd) == readers,
	      "an open that reads tables is not a reader of the stream");
	check(!ioctl(fd2, RXPATH_IOC_SET_FILTER, &(struct rxpath_filter){ .types = 1U << RXPATH_REC_SUMMARY }) &&
	      dev_readers(fd) == readers + 1, "its first SET_FILTER makes it one");
	close(fd2);

	dev_text(fd, "budget_warn_pct", was, sizeof(was));
	check(dev_control(fd, "budget_warn_pct", "37\n", 3) == 3 &&
	      dev_text(fd, "budget_warn_pct", txt, sizeof(txt)) > 0 && !strcmp(txt, "37\n"),
	      "CONTROL sets budget_warn_pct to 37");
	check_errno(dev_control(fd, "budget_warn_pct", "abc", 3), EINVAL, "CONTROL of a bad word");
	check_errno(dev_control(fd, "status", "1", 1), EINVAL, "CONTROL of a file that takes no writes");
	check_errno(dev_control(fd, "nope", "1", 1), ENOENT, "CONTROL of no such file");
	check_errno(dev_control(fd, "budget_warn_pct", (void *)8, 2), EFAULT, "CONTROL from a bad pointer");
	c.word = (unsigned long)"5";
	c.len = 1;
	c.pad = 1;
	check_errno(ioctl(fd, RXPATH_IOC_CONTROL, &c), EINVAL, "CONTROL with pad set");
	memset(c.name, 'a', sizeof(c.name));
	c.pad = 0;
	check_errno(ioctl(fd, RXPATH_IOC_CONTROL, &c), EINVAL, "CONTROL of a name without its NUL");
	check(dev_text(fd, "budget_warn_pct", txt, sizeof(txt)) > 0 && !strcmp(txt, "37\n"),
	      "refused controls changed nothing");
	dev_control(fd, "budget_warn_pct", was, strlen(was));
}

static int test_errno(void)
{
	struct rxpath_filter f, g;
	struct rxpath_record rec[8];
	struct epoll_event ev = { .events = EPOLLIN };
	struct pollfd pfd;
	__u32 abi = 0;
	int fd, ep, fds[20], i, n, k;
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

	test_files_errno(fd);

	/* At most 16 readers; any number of opens. */
	for (i = 0, n = 0; i < 20; i++) {
		fds[i] = open(DEV, O_RDONLY | O_NONBLOCK);
		n += fds[i] >= 0;
	}
	check(n == 20, "20 more opens");
	for (i = 0, n = 0, k = 0; i < 20; i++) {
		errno = 0;
		if (!set_filter(fds[i], 1U << RXPATH_REC_SUMMARY, 0, 0, 0))
			n++;
		else
			k += errno == EBUSY;
	}
	check(n == 15 && k == 5, "16 readers at most (15 more; the others' SET_FILTER is EBUSY)");
	check_errno(read(fds[19], rec, sizeof(rec)), EBUSY, "and their read is EBUSY");
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
		RXPATH_IOC_TABLE, RXPATH_IOC_CONTROL,
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
		switch (rnd() % 7) {
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
			unsigned int cmd = cmds[rnd() % ARRAY_SIZE(cmds)];

			ret = ioctl(fd[f], cmd, rnd_ptr(buf, sizeof(buf) - 64));
			break;
		}
		case 3: {	/* any command */
			unsigned int cmd = rnd() % 2 ? (uint32_t)rnd() :
				_IOC(rnd() % 4, RXPATH_IOC_MAGIC, rnd() % 8, rnd() % 64);

			ret = ioctl(fd[f], cmd, rnd() % 2 ? (unsigned long)rnd() : (unsigned long)buf);
			break;
		}
		case 5: {	/* a table, any size, anywhere */
			char *p;
			static const char *const names[] = {
				"softnet", "status", "napi", "rings", "budget_hist", "reset",
				"nope", "", "softnet\n",
			};
			struct rxpath_table_req req = {
				.size = rnd() % 2 ? rnd() % 8192 : (uint32_t)rnd() % (2 * RXPATH_TABLE_MAX),
			};

			snprintf(req.name, sizeof(req.name), "%s", names[rnd() % ARRAY_SIZE(names)]);
			if (!(rnd() % 16))
				memset(req.name, 'a', sizeof(req.name));
			p = rnd_ptr(buf, 64);
			req.buf = (unsigned long)p;
			if (p >= buf && p < buf + sizeof(buf))
				req.size %= sizeof(buf) - 64;
			ret = ioctl(fd[f], RXPATH_IOC_TABLE, &req);
			break;
		}
		case 6: {	/* a control write that cannot take: no such file, no writes */
			static const char *const names[] = { "status", "softnet", "nope", "" };
			struct rxpath_control c = {
				.word = (unsigned long)rnd_ptr(buf, 64), .len = rnd() % 64,
				.pad = rnd() % 8 ? 0 : (uint32_t)rnd(),
			};

			snprintf(c.name, sizeof(c.name), "%s", names[rnd() % ARRAY_SIZE(names)]);
			if (!(rnd() % 16))
				memset(c.name, 'a', sizeof(c.name));
			ret = ioctl(fd[f], RXPATH_IOC_CONTROL, &c);
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
		    k != EAGAIN && k != EBUSY && k != ENOENT && k != EMSGSIZE) {
			printf("not ok - fuzz: only EINVAL, EFAULT, ENOTTY, EAGAIN, EBUSY, ENOENT and EMSGSIZE (got %s)\n",
			       strerror(k));
			return 1;
		}
	printf("ok - fuzz: %lu calls, only EINVAL, EFAULT, ENOTTY, EAGAIN, EBUSY, ENOENT and EMSGSIZE\n", calls);
	return 0;
}

/* ---- the control files -------------------------------------------------- */

/* The kernel's isspace() (lib/ctype.c): 9 to 13, the space and 0xa0. */
static int kspace(unsigned char c)
{
	return (c >= 9 && c <= 13) || c == ' ' || c == 0xa0;
}

static int kdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* module/debugfs.c's rxpath_parse_pct(): 1 to 3 digits, at most 100. */
static int pct_model(const char *w)
{
	size_t i, n = strlen(w);
	int v = 0;

	if (n < 1 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (!kdigit(w[i]))
			return -1;
		v = v * 10 + w[i] - '0';
	}
	return v > 100 ? -1 : v;
}

enum grammar { G_RESET, G_SWITCH, G_PCT };

static const struct {
	const char *name;
	enum grammar g;
} ctl[] = {
	{ "reset", G_RESET }, { "backlog_hook", G_SWITCH },
	{ "cycle_clock", G_SWITCH }, { "budget_warn_pct", G_PCT },
};

/*
 * What a write of len bytes at pos to a file of grammar g does, as
 * module/debugfs.c's rxpath_parse_word() and the file's parser take it: -1
 * refused; else the value (1 for reset, 0 or 1 for a switch, the
 * percentage).
 */
static int ctl_model(enum grammar g, const char *in, size_t len, off_t pos)
{
	char w[8];

	if (pos != 0 || len == 0 || len >= sizeof(w))
		return -1;
	memcpy(w, in, len);
	w[len] = '\0';
	while (len && kspace(w[len - 1]))
		w[--len] = '\0';
	if (!len)
		return -1;
	if (g == G_RESET)
		return strcmp(w, "1") ? -1 : 1;
	if (g == G_PCT)
		return pct_model(w);
	if (!strcmp(w, "on") || !strcmp(w, "1"))
		return 1;
	if (!strcmp(w, "off") || !strcmp(w, "0"))
		return 0;
	return -1;
}

/* Appends n bytes of s to buf at *len, as room allows. */
static void put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len + n > size)
		n = size - *len;
	memcpy(buf + *len, s, n);
	*len += n;
}

/* Random bytes, 1 to 255 (and NUL when nul). */
static void put_random(char *buf, size_t size, size_t *len, size_t n, int nul)
{
	while (n-- && *len < size) {
		char c = rnd() % 256;

		buf[(*len)++] = c || nul ? c : 'x';
	}
}

/*
 * An input of one of four kinds: random bytes of any length; a word the
 * files take or nearly take, with bytes after it (whitespace, a NUL, any
 * byte); bytes before such a word; a run of digits.
 */
static size_t random_input(char *buf, size_t size, int nul)
{
	static const char *const words[] = {
		"1", "0", "on", "off", "50", "100", "101", "007", "1000", "-1",
		"+5", "0x5", "ON", "Off", "1 1", "o", "yes", "n", "16", "4096",
		"0x40", "040", "65536", "99999999999999999999", "",
	};
	static const char tails[] = { ' ', '\n', '\t', '\r', '\v', '\f', 0, (char)0xa0, 'x', '"', '=' };
	size_t len = 0, n;
	const char *w;

	switch (rnd() % 4) {
	case 0:
		n = rnd() % 3 ? rnd() % 12 : rnd() % size;
		put_random(buf, size, &len, n, nul);
		break;
	case 1:
	case 2:
		if (rnd() % 4 == 0)
			put_random(buf, size, &len, 1 + rnd() % 2, nul);
		w = words[rnd() % ARRAY_SIZE(words)];
		put(buf, size, &len, w, strlen(w));
		for (n = rnd() % 4; n; n--) {
			char c = tails[rnd() % sizeof(tails)];

			put(buf, size, &len, c || nul ? &c : " ", 1);
		}
		break;
	default:
		for (n = 1 + rnd() % 4; n; n--) {
			char c = '0' + rnd() % 10;

			put(buf, size, &len, &c, 1);
		}
		break;
	}
	return len;
}

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static void hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 32; i++)
		printf("%02x", (unsigned char)s[i]);
	printf(len > 32 ? "... (%zu bytes)" : " (%zu bytes)", len);
}

/* The first n bytes of s, each byte outside ASCII's printable range a '.'. */
static const char *printable(const char *s, size_t n)
{
	static char out[128];
	size_t i;

	for (i = 0; i < n && i < sizeof(out) - 1 && s[i]; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '.';
	out[i] = '\0';
	return out;
}

/*
 * A control file's text, from debugfs (dir), or through the device where
 * dev >= 0 and via.
 */
static ssize_t read_ctl(const char *dir, const char *name, int dev, int via,
			char *buf, size_t size)
{
	char path[256];

	if (dev >= 0 && via)
		return dev_text(dev, name, buf, size);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return read_file(path, buf, size);
}

/*
 * writes random writes to the control files of debugfs's dir; with dev,
 * each write and each read goes either to the file or through the device
 * (RXPATH_IOC_CONTROL, RXPATH_IOC_TABLE), at random: one grammar, one
 * state. The device has no offsets: its writes are at 0.
 */
static int test_files(unsigned long writes, uint64_t seed, const char *dir, int use_dev)
{
	int dev = use_dev ? open(DEV, O_RDONLY) : -1;

	static char in[1 << 16];
	char path[256], before[256], after[256], want[64], orig[ARRAY_SIZE(ctl)][64];
	unsigned long acc[ARRAY_SIZE(ctl)] = { 0 }, ref[ARRAY_SIZE(ctl)] = { 0 };
	unsigned long bad = 0, i;
	size_t k;

	rng = seed | 1;
	for (k = 0; k < ARRAY_SIZE(ctl); k++) {
		snprintf(path, sizeof(path), "%s/%s", dir, ctl[k].name);
		if (read_file(path, orig[k], sizeof(orig[k])) < 0) {
			printf("not ok - files: %s cannot be read: %s\n", path, strerror(errno));
			return 1;
		}
	}
	if (use_dev && dev < 0) {
		printf("not ok - files: %s: %s\n", DEV, strerror(errno));
		return 1;
	}
	for (i = 0; i < writes; i++) {
		size_t f = rnd() % ARRAY_SIZE(ctl), len = random_input(in, sizeof(in), 1);
		off_t pos = rnd() % 16 ? 0 : 1 + rnd() % 8;
		int badptr = !(rnd() % 32), fd, model, e;
		int via = rnd() % 4, wdev = dev >= 0 && (via & 1);
		ssize_t ret;

		if (wdev)
			pos = 0;
		snprintf(path, sizeof(path), "%s/%s", dir, ctl[f].name);
		read_ctl(dir, ctl[f].name, dev, via & 2, before, sizeof(before));
		model = ctl_model(ctl[f].g, in, len, pos);
		if (wdev) {
			ret = dev_control(dev, ctl[f].name, badptr ? (void *)8 : (void *)in, len);
		} else {
			fd = open(path, O_WRONLY);
			/* The files are streams: a write at an offset is ESPIPE. */
			if (pos)
				ret = syscall(SYS_pwrite64, fd, badptr ? (void *)8 : (void *)in, len, pos);
			else
				ret = syscall(SYS_write, fd, badptr ? (void *)8 : (void *)in, len);
		}
		e = errno;
		if (!wdev)
			close(fd);
		read_ctl(dir, ctl[f].name, dev, !(via & 2), after, sizeof(after));
		if (badptr && !pos && len && len < 8) {
			/* A write that fits is copied first: the copy fails. */
			if (ret == -1 && e == EFAULT && !strcmp(before, after)) {
				ref[f]++;
				continue;
			}
		} else if (model >= 0) {
			if (ctl[f].g == G_SWITCH)
				snprintf(want, sizeof(want), "%s\n", model ? "on" : "off");
			else
				snprintf(want, sizeof(want), "%d\n", model);
			if (ret == (ssize_t)len && (ctl[f].g == G_RESET ?
			    !strncmp(after, "last_reset ", 11) && strcmp(after, "last_reset never\n") :
			    !strcmp(after, want))) {
				acc[f]++;
				continue;
			}
		} else if (ret == -1 && e == (pos ? ESPIPE : EINVAL) && !strcmp(before, after)) {
			ref[f]++;
			continue;
		}
		if (bad++ < 5) {
			printf("# files: %s: %s of ", ctl[f].name, wdev ? "RXPATH_IOC_CONTROL" : "pwrite");
			hex(in, len);
			printf(" at %lld%s: returned %zd (%s), model %d;", (long long)pos,
			       badptr ? " from a bad pointer" : "", ret,
			       ret < 0 ? strerror(e) : "no error", model);
			printf(" read \"%s\" before,", printable(before, 24));
			printf(" \"%s\" after\n", printable(after, 24));
		}
	}
	for (k = 0; k < ARRAY_SIZE(ctl); k++) {
		snprintf(path, sizeof(path), "%s/%s", dir, ctl[k].name);
		if (ctl[k].g != G_RESET) {
			int fd = open(path, O_WRONLY);

			if (fd < 0 || write(fd, orig[k], strlen(orig[k])) < 0)
				bad++;
			close(fd);
		}
		printf("# files: %s: %lu accepted, %lu refused\n", ctl[k].name, acc[k], ref[k]);
	}
	if (dev >= 0)
		close(dev);
	printf("%s - files: %lu random writes to %zu control files%s, each accepted or refused (EINVAL; EFAULT from a bad pointer, ESPIPE at an offset) as its grammar says, a refusal changing nothing read back: %lu otherwise\n",
	       bad ? "not ok" : "ok", writes, ARRAY_SIZE(ctl),
	       dev >= 0 ? ", written and read back through debugfs and " DEV " at random" : "", bad);
	return bad != 0;
}

/* ---- module parameters -------------------------------------------------- */

/* lib/kstrtox.c's kstrtouint(val, 0, ...), without the trailing newline. */
static long long uint_model(const char *s)
{
	unsigned long long v = 0;
	unsigned int base = 10, d, n = 0;

	if (*s == '+')
		s++;
	if (s[0] == '0' && (s[1] | 0x20) == 'x' && isxdigit((unsigned char)s[2])) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++, n++) {
		unsigned char c = *s;

		if (kdigit(c))
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		if (v > 0xffffffffULL)
			return -1;
	}
	return n && !*s ? (long long)v : -1;
}

/*
 * lib/kstrtox.c's kstrtobool() as param_set_bool() calls it (a bare name
 * is "1"). 't' and 'f' (true, false) are taken by 6.1 and later, not by
 * 5.10: 3 and 2, either.
 */
static int bool_model(const char *s)
{
	if (!s)
		return 1;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		return 1;
	case 'n': case 'N': case '0':
		return 0;
	case 't': case 'T':
		return 3;
	case 'f': case 'F':
		return 2;
	case 'o': case 'O':
		if ((s[1] | 0x20) == 'n')
			return 1;
		if ((s[1] | 0x20) == 'f')
			return 0;
	}
	return -1;
}

static const char *const params[] = {
	"buffer_records", "budget_warn_pct", "backlog_hook", "cycle_clock", "backlog_func",
};

/*
 * What one name=value (val NULL: a bare name) makes of the load, as
 * kernel/params.c's parse_one() and each parameter's set() take it: -1 the
 * load fails, 0 it loads, 1 either as the kernel's version has it (and
 * *want, if set, is what the parameter's sysfs file shows if it loads).
 */
static int param_model(int p, const char *val, char *want, size_t size)
{
	long long v;
	int b;

	*want = '\0';
	switch (p) {
	case 0:
		v = val ? uint_model(val) : -1;
		if (v < 16 || v > 65536 || (v & (v - 1)))
			return -1;
		snprintf(want, size, "%lld\n", v);
		return 0;
	case 1:
		v = val ? pct_model(val) : -1;
		if (v < 0)
			return -1;
		snprintf(want, size, "%lld\n", v);
		return 0;
	case 2:
	case 3:
		b = bool_model(val);
		if (b < 0)
			return -1;
		snprintf(want, size, "%c\n", b & 1 ? 'Y' : 'N');
		return b > 1 ? 1 : 0;
	case 4:
		if (!val || strlen(val) > 1024)
			return -1;
		snprintf(want, size, "%s\n", val);
		return 0;
	}
	return 0;	/* unknown: ignored, with a warning */
}

/* The sysfs files of a loaded module: every value in its range. */
static int params_valid(void)
{
	char buf[2048];
	long long v;

	if (read_file("/sys/module/rxpath/parameters/buffer_records", buf, sizeof(buf)) < 0)
		return 0;
	v = atoll(buf);
	if (v < 16 || v > 65536 || (v & (v - 1)))
		return 0;
	if (read_file("/sys/module/rxpath/parameters/budget_warn_pct", buf, sizeof(buf)) < 0 ||
	    atoi(buf) < 0 || atoi(buf) > 100)
		return 0;
	if (read_file("/sys/module/rxpath/parameters/backlog_hook", buf, sizeof(buf)) < 0 ||
	    (strcmp(buf, "Y\n") && strcmp(buf, "N\n")))
		return 0;
	if (read_file("/sys/module/rxpath/parameters/cycle_clock", buf, sizeof(buf)) < 0 ||
	    (strcmp(buf, "Y\n") && strcmp(buf, "N\n")))
		return 0;
	return 1;
}

static int test_params(unsigned long loads, uint64_t seed, const char *ko)
{
	static char args[1 << 17];
	unsigned long loaded = 0, failed = 0, bad = 0, i;
	unsigned long err[256] = { 0 };
	struct stat st;
	void *image = NULL;
	int fd, k;

	rng = seed | 1;
	fd = open(ko, O_RDONLY);
	if (fd >= 0 && !fstat(fd, &st))
		image = malloc(st.st_size);
	if (!image || read(fd, image, st.st_size) != st.st_size) {
		printf("not ok - params: %s cannot be read\n", ko);
		return 1;
	}
	close(fd);
	for (i = 0; i < loads; i++) {
		char want[1100] = "", got[2048], path[128];
		unsigned long was = bad;
		int modelled = rnd() % 4 != 0, p = -1, model = 0;
		size_t len = 0, vlen;
		long ret;
		int e;

		if (modelled) {
			/* One name=value: no whitespace, quote or NUL in it. */
			p = rnd() % (ARRAY_SIZE(params) + 1);
			if (p < (int)ARRAY_SIZE(params)) {
				put(args, sizeof(args), &len, params[p], strlen(params[p]));
				/* kernel/params.c's parameq(): '-' is '_'. */
				if (rnd() % 8 == 0)
					*strchr(args, '_') = '-';
			} else {
				put(args, sizeof(args), &len, "rxpath_no_such", 14);
			}
			if (rnd() % 8) {
				put(args, sizeof(args), &len, "=", 1);
				vlen = len;
				len += random_input(args + len, 2000, 0);
				for (; vlen < len; vlen++)
					if (kspace(args[vlen]) || args[vlen] == '"')
						args[vlen] = '.';
				args[len] = '\0';
				vlen = strchr(args, '=') - args + 1;
				model = param_model(p, args + vlen, want, sizeof(want));
			} else {
				args[len] = '\0';
				model = param_model(p, NULL, want, sizeof(want));
			}
		} else {
			/* Anything: known names, spaces, quotes, dashes, bytes. */
			int n = 1 + rnd() % 4;

			while (n--) {
				const char *name = params[rnd() % ARRAY_SIZE(params)];

				if (rnd() % 2)
					put(args, sizeof(args), &len, name, strlen(name));
				if (rnd() % 2)
					put(args, sizeof(args), &len, "=", 1);
				if (rnd() % 3 == 0)
					put(args, sizeof(args), &len, "\"", 1);
				len += random_input(args + len, rnd() % 64 ? 2000 : sizeof(args) - 1 - len, 0);
				put(args, sizeof(args), &len, rnd() % 2 ? " " : "\t", 1);
			}
			args[len] = '\0';
		}
		ret = syscall(SYS_init_module, image, (unsigned long)st.st_size, args);
		e = errno;
		if (ret == 0) {
			loaded++;
			if (!params_valid() || (modelled && model < 0)) {
				bad++;
			} else if (modelled && *want) {
				snprintf(path, sizeof(path), "/sys/module/rxpath/parameters/%s", params[p]);
				if (read_file(path, got, sizeof(got)) < 0 || strcmp(got, want))
					bad++;
			}
			if (syscall(SYS_delete_module, "rxpath", O_NONBLOCK)) {
				printf("not ok - params: rxpath loaded with \"%s\" does not unload: %s\n",
				       printable(args, 40), strerror(errno));
				return 1;
			}
		} else {
			failed++;
			err[e & 255]++;
			if ((e != EINVAL && e != ENOSPC) || (modelled && model == 0))
				bad++;
		}
		if (bad > was && bad <= 5)
			printf("# params: \"%s\"%s: %s (%s), model %s\n", printable(args, 60),
			       len > 60 ? "..." : "", ret ? "refused" : "loaded",
			       ret ? strerror(e) : "-",
			       modelled ? (model < 0 ? "refused" : "loads") : "none");
		len = 0;
	}
	free(image);
	printf("# params: %lu loads: %lu loaded and unloaded, %lu refused", loads, loaded, failed);
	for (k = 0; k < 256; k++)
		if (err[k])
			printf(", %lu %s", err[k], strerror(k));
	printf("\n");
	printf("%s - params: %lu loads with random parameters, each modelled one as its grammar says, every refusal EINVAL or ENOSPC, every load with valid values: %lu otherwise\n",
	       bad ? "not ok" : "ok", loads, bad);
	return bad != 0;
}

/* ---- XDP ---------------------------------------------------------------- */

/* "r0 = XDP_PASS; exit", attached to dev in driver mode (fd -1: detached). */
static int test_xdp(const char *dev, int on)
{
	struct bpf_insn prog[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = XDP_PASS },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr;
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[64];
	} req;
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
		char rest[512];
	} ack;
	struct rtattr *xdp, *a;
	int prog_fd = -1, sk, ret;
	__u32 flags = XDP_FLAGS_DRV_MODE;

	if (on) {
		memset(&attr, 0, sizeof(attr));
		attr.prog_type = BPF_PROG_TYPE_XDP;
		attr.insns = (unsigned long)prog;
		attr.insn_cnt = ARRAY_SIZE(prog);
		attr.license = (unsigned long)"GPL";
		prog_fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
		if (prog_fd < 0) {
			fprintf(stderr, "rxpath-devtest: BPF_PROG_LOAD: %s\n", strerror(errno));
			return 1;
		}
	}
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi));
	req.nh.nlmsg_type = RTM_SETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = if_nametoindex(dev);
	if (!req.ifi.ifi_index) {
		fprintf(stderr, "rxpath-devtest: no interface %s\n", dev);
		return 1;
	}
	xdp = (struct rtattr *)((char *)&req + NLMSG_ALIGN(req.nh.nlmsg_len));
	xdp->rta_type = IFLA_XDP | NLA_F_NESTED;
	xdp->rta_len = RTA_LENGTH(0);
	a = (struct rtattr *)((char *)xdp + xdp->rta_len);
	a->rta_type = IFLA_XDP_FD;
	a->rta_len = RTA_LENGTH(sizeof(int));
	memcpy(RTA_DATA(a), &prog_fd, sizeof(int));
	xdp->rta_len += RTA_ALIGN(a->rta_len);
	a = (struct rtattr *)((char *)xdp + xdp->rta_len);
	a->rta_type = IFLA_XDP_FLAGS;
	a->rta_len = RTA_LENGTH(sizeof(flags));
	memcpy(RTA_DATA(a), &flags, sizeof(flags));
	xdp->rta_len += RTA_ALIGN(a->rta_len);
	req.nh.nlmsg_len = NLMSG_ALIGN(req.nh.nlmsg_len) + xdp->rta_len;

	sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (sk < 0 || send(sk, &req, req.nh.nlmsg_len, 0) < 0 ||
	    recv(sk, &ack, sizeof(ack), 0) < (ssize_t)NLMSG_LENGTH(sizeof(ack.err))) {
		fprintf(stderr, "rxpath-devtest: netlink: %s\n", strerror(errno));
		return 1;
	}
	ret = ack.nh.nlmsg_type == NLMSG_ERROR ? ack.err.error : -EPROTO;
	close(sk);
	if (prog_fd >= 0)
		close(prog_fd);
	if (ret) {
		fprintf(stderr, "rxpath-devtest: XDP %s on %s: %s\n", on ? "attach" : "detach",
			dev, strerror(-ret));
		return 1;
	}
	return 0;
}

/*
 * Readers that come and go until stop exists: each opens the device, joins
 * the stream (a filter of the default types) and closes it, in a tight
 * loop. Prints how many came.
 */
static int churn(const char *stop)
{
	struct rxpath_filter f = { .types = RXPATH_FILTER_DEFAULT_TYPES,
				   .backlog_qlen = RXPATH_FILTER_DEFAULT_BACKLOG_QLEN,
				   .budget_left_pct = RXPATH_FILTER_DEFAULT_BUDGET_LEFT_PCT };
	unsigned long n = 0, joined = 0;
	struct stat st;

	while (stat(stop, &st)) {
		int fd = open(DEV, O_RDONLY);

		if (fd < 0)
			continue;
		n++;
		joined += !ioctl(fd, RXPATH_IOC_SET_FILTER, &f);
		close(fd);
	}
	printf("%lu %lu\n", n, joined);
	return 0;
}

/* Drops root for uid, with gid as its group and only group, and runs argv. */
static int runas(uid_t uid, gid_t gid, char **argv)
{
	if (setgroups(1, &gid) || setgid(gid) || setuid(uid)) {
		perror("rxpath-devtest: setgroups, setgid or setuid");
		return 2;
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	return 127;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "errno"))
		return test_errno();
	if (argc == 4 && !strcmp(argv[1], "fuzz"))
		return test_fuzz(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
	if ((argc == 5 || (argc == 6 && !strcmp(argv[5], "dev"))) && !strcmp(argv[1], "files"))
		return test_files(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0), argv[4],
				  argc == 6);
	if (argc == 5 && !strcmp(argv[1], "params"))
		return test_params(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "xdp") && (!strcmp(argv[3], "on") || !strcmp(argv[3], "off")))
		return test_xdp(argv[2], !strcmp(argv[3], "on"));
	if (argc == 3 && !strcmp(argv[1], "churn"))
		return churn(argv[2]);
	if (argc >= 5 && !strcmp(argv[1], "runas"))
		return runas(strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0), argv + 4);
	fprintf(stderr, "usage: rxpath-devtest errno | fuzz CALLS SEED | files WRITES SEED DIR [dev] |\n"
		"       params LOADS SEED KO | xdp DEV on|off | runas UID GID COMMAND... | churn STOPFILE\n");
	return 2;
}
