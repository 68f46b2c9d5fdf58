// SPDX-License-Identifier: GPL-2.0
/*
 * Finding rxpath: the module loaded, the device's ABI the one this reader
 * was built for, its files readable (through the device, or debugfs where
 * the device cannot be opened). Each check prints one line naming what is
 * wrong and returns -1. And what every reading loop needs: the monotonic
 * clock, and a stop on SIGINT or SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
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

/* The device, open for reading, if its ABI is this reader's; -1 (errno). */
static int rxpath_device(int flags)
{
	__u32 abi = 0;
	int fd = open(RXPATH_DEV, O_RDONLY | O_CLOEXEC | flags);

	if (fd < 0)
		return -1;
	if (ioctl(fd, RXPATH_IOC_ABI_VERSION, &abi) || abi != RXPATH_ABI_VERSION) {
		close(fd);
		errno = EPROTO;
		return -1;
	}
	return fd;
}

int rxpath_open_device(int flags)
{
	int fd;

	if (rxpath_check_module())
		return -1;
	fd = rxpath_device(flags);
	if (fd < 0 && errno == EPROTO)
		fprintf(stderr, "rxpath: %s speaks another ABI than this reader's (%u): use the reader built with the module\n",
			RXPATH_DEV, RXPATH_ABI_VERSION);
	else if (fd < 0)
		fprintf(stderr, "rxpath: %s: %s\n", RXPATH_DEV, strerror(errno));
	return fd;
}

/* Why the device and debugfs could not be read, for rxpath_check_files(). */
static int rxpath_dev_errno, rxpath_debugfs_errno;

/*
 * The device, kept open from one file's read to the next. An open file
 * holds the module: a program that runs on (rxpath serve) closes it after
 * each scrape, so that rmmod and a DKMS upgrade never wait for it.
 */
static int rxpath_files_fd = -1;

void rxpath_files_close(void)
{
	if (rxpath_files_fd >= 0)
		close(rxpath_files_fd);
	rxpath_files_fd = -1;
}

/* name's text through the device (RXPATH_IOC_TABLE), NUL-terminated. */
static char *rxpath_file_from_device(const char *name)
{
	int fd = rxpath_files_fd;
	struct rxpath_table_req req;
	char *buf = NULL, *more;
	__u32 size;

	if (fd < 0)
		fd = rxpath_files_fd = rxpath_device(0);
	if (fd < 0) {
		rxpath_dev_errno = errno;
		return NULL;
	}
	for (size = 1 << 16; size <= RXPATH_TABLE_MAX; size *= 2) {
		more = realloc(buf, size + 1);
		if (!more)
			break;
		buf = more;
		memset(&req, 0, sizeof(req));
		snprintf(req.name, sizeof(req.name), "%s", name);
		req.buf = (unsigned long)buf;
		req.size = size;
		if (!ioctl(fd, RXPATH_IOC_TABLE, &req)) {
			buf[req.len] = 0;
			return buf;
		}
		if (errno != EMSGSIZE)
			break;
	}
	rxpath_dev_errno = errno;
	free(buf);
	return NULL;
}

/* name's text from RXPATH_DEBUGFS/name, NUL-terminated. */
static char *rxpath_file_from_debugfs(const char *name)
{
	char path[256], *buf;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", RXPATH_DEBUGFS, name);
	f = fopen(path, "r");
	if (!f) {
		rxpath_debugfs_errno = errno;
		return NULL;
	}
	buf = malloc(RXPATH_TABLE_BYTES);
	if (buf) {
		n = fread(buf, 1, RXPATH_TABLE_BYTES - 1, f);
		buf[n] = 0;
	}
	fclose(f);
	return buf;
}

/*
 * The text of rxpath's file name ("status", "softnet", ...), malloc'd and
 * NUL-terminated: through /dev/rxpath, which works without debugfs and
 * for its group; from debugfs where the device cannot be opened (not
 * permitted, or a module of another ABI). NULL when neither can be read.
 */
char *rxpath_file_read(const char *name)
{
	char *text = rxpath_file_from_device(name);

	return text ? text : rxpath_file_from_debugfs(name);
}

int rxpath_check_files(void)
{
	char *status;

	if (rxpath_check_module())
		return -1;
	status = rxpath_file_read("status");
	if (status) {
		free(status);
		return 0;
	}
	fprintf(stderr, "rxpath: cannot read rxpath's files: %s: %s; %s: %s (root, or the group of %s, can read them)\n",
		RXPATH_DEV, rxpath_dev_errno == EPROTO ? "another ABI than this reader's" :
		strerror(rxpath_dev_errno), RXPATH_DEBUGFS, strerror(rxpath_debugfs_errno),
		RXPATH_DEV);
	return -1;
}
