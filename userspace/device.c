// SPDX-License-Identifier: GPL-2.0
/*
 * Finding rxpath: the module loaded, debugfs mounted, the device's ABI the
 * one this reader was built for. Each check prints one line naming what is
 * wrong and returns -1. And what every reading loop needs: the monotonic
 * clock, and a stop on SIGINT or SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "rxpath.h"

volatile sig_atomic_t rxpath_stop;

static void rxpath_stop_signal(int sig)
{
	(void)sig;
	rxpath_stop = 1;
}

/* SIGINT and SIGTERM set rxpath_stop and interrupt what waits. */
void rxpath_stop_on_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = rxpath_stop_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* CLOCK_MONOTONIC, in seconds. */
double rxpath_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int rxpath_check_module(void)
{
	struct stat st;

	if (stat("/sys/module/rxpath", &st)) {
		fprintf(stderr, "rxpath: the rxpath module is not loaded (insmod rxpath.ko)\n");
		return -1;
	}
	return 0;
}

int rxpath_check_debugfs(void)
{
	struct stat st;

	if (rxpath_check_module())
		return -1;
	if (stat(RXPATH_DEBUGFS "/status", &st)) {
		fprintf(stderr, "rxpath: %s not found: is debugfs mounted? (mount -t debugfs none /sys/kernel/debug)\n",
			RXPATH_DEBUGFS);
		return -1;
	}
	return 0;
}

int rxpath_open_device(int flags)
{
	__u32 abi = 0;
	int fd;

	if (rxpath_check_module())
		return -1;
	fd = open(RXPATH_DEV, O_RDONLY | O_CLOEXEC | flags);
	if (fd < 0) {
		fprintf(stderr, "rxpath: %s: %s\n", RXPATH_DEV, strerror(errno));
		return -1;
	}
	if (ioctl(fd, RXPATH_IOC_ABI_VERSION, &abi) || abi != RXPATH_ABI_VERSION) {
		fprintf(stderr, "rxpath: %s speaks ABI %u, this reader ABI %u: use the reader built with the module\n",
			RXPATH_DEV, abi, RXPATH_ABI_VERSION);
		close(fd);
		return -1;
	}
	return fd;
}
