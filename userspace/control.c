// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath show, set and reset: the files of /sys/kernel/debug/rxpath,
 * read and written through /dev/rxpath (RXPATH_IOC_TABLE and
 * RXPATH_IOC_CONTROL), so that they work where debugfs is off, not
 * mounted or locked down; through debugfs where the device cannot be
 * opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "rxpath.h"

/* Every file, in the order `rxpath show` prints them. */
static const char *const rxpath_files[] = {
	"status", "softnet", "backlog_hist", "budget", "budget_hist", "napi",
	"rings", "backlog_hook", "cycle_clock", "budget_warn_pct", "reset",
};

/* Whether argv is COMMAND -h or --help. */
static int rxpath_help(int argc, char **argv)
{
	return argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"));
}

int rxpath_show_main(int argc, char **argv)
{
	const char *const *names = rxpath_files;
	int n = ARRAY_SIZE(rxpath_files), err = 0;

	if (rxpath_help(argc, argv)) {
		puts("usage: rxpath show [FILE...]   rxpath's files as cat prints them (all by default)");
		return 0;
	}
	if (argc > 1) {
		names = (const char *const *)argv + 1;
		n = argc - 1;
	}
	if (rxpath_check_files())
		return 1;
	for (int i = 0; i < n; i++) {
		char *text = rxpath_file_read(names[i]);

		if (n > 1)
			printf("%s==> %s <==\n", i ? "\n" : "", names[i]);
		if (!text) {
			fprintf(stderr, "rxpath: %s: %s\n", names[i], strerror(errno));
			err = 1;
			continue;
		}
		fputs(text, stdout);
		free(text);
	}
	return fflush(stdout) ? 1 : err;
}

/* A write of word to control file name, through the device or debugfs. */
static int rxpath_control(const char *name, const char *word)
{
	struct rxpath_control ctl;
	char path[256];
	int fd, err;

	memset(&ctl, 0, sizeof(ctl));
	if (snprintf(ctl.name, sizeof(ctl.name), "%s", name) >= (int)sizeof(ctl.name)) {
		fprintf(stderr, "rxpath: no file '%s'\n", name);
		return 2;
	}
	ctl.word = (unsigned long)word;
	ctl.len = strlen(word);
	fd = open(RXPATH_DEV, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		err = ioctl(fd, RXPATH_IOC_CONTROL, &ctl) ? errno : 0;
		close(fd);
	} else {
		snprintf(path, sizeof(path), "%s/%s", RXPATH_DEBUGFS, name);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		err = fd < 0 || write(fd, word, ctl.len) != (ssize_t)ctl.len ? errno : 0;
		if (fd >= 0)
			close(fd);
	}
	if (!err)
		return 0;
	if (err == EPERM || err == EACCES)
		fprintf(stderr, "rxpath: %s: %s (controls need root: CAP_SYS_ADMIN)\n",
			name, strerror(err));
	else if (err == ENOENT)
		fprintf(stderr, "rxpath: no control file '%s' (reset, backlog_hook, cycle_clock, budget_warn_pct)\n",
			name);
	else
		fprintf(stderr, "rxpath: %s %s: %s (the kernel log says why)\n", name, word,
			strerror(err));
	return 1;
}

int rxpath_set_main(int argc, char **argv)
{
	static const char usage[] =
		"usage: rxpath set FILE VALUE   write VALUE to a control file (backlog_hook on, budget_warn_pct 20, ...)\n";

	if (argc != 3) {
		fputs(usage, rxpath_help(argc, argv) ? stdout : stderr);
		return rxpath_help(argc, argv) ? 0 : 2;
	}
	if (rxpath_check_module())
		return 1;
	return rxpath_control(argv[1], argv[2]);
}

int rxpath_reset_main(int argc, char **argv)
{
	static const char usage[] =
		"usage: rxpath reset   zero every peak and histogram (as echo 1 > reset)\n";

	if (argc != 1) {
		fputs(usage, rxpath_help(argc, argv) ? stdout : stderr);
		return rxpath_help(argc, argv) ? 0 : 2;
	}
	if (rxpath_check_module())
		return 1;
	return rxpath_control("reset", "1");
}
