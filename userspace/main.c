// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath: the reader of the rxpath kernel module. Subcommands:
 *   top       a refreshing table of per-CPU rates and per-ring fill
 *   watch     one line per event of /dev/rxpath (--json: one JSON object)
 *   snapshot  everything rxpath shows now, as one JSON document
 *   prom      the Prometheus text exposition format
 *   doctor    names the stage where packets are lost, and the knob to turn
 *   serve     the Prometheus exporter: /metrics over HTTP
 *   show, set, reset   the files of its debugfs directory, through the device
 */
#include <string.h>
#include "rxpath.h"

static const char rxpath_usage[] =
	"usage: rxpath COMMAND [OPTIONS]\n"
	"  top [-i SECONDS] [-n COUNT]   per-CPU rates and per-ring fill, refreshed\n"
	"  watch [--json] [-t SECONDS]   one line per event of " RXPATH_DEV "\n"
	"  snapshot --json               everything rxpath shows now, one JSON document\n"
	"  prom [-o FILE]                Prometheus text format (node_exporter textfile)\n"
	"  doctor [-i SECONDS]           where packets are lost, and the knob to turn\n"
	"  serve [-l ADDRESS:PORT]       a Prometheus exporter: GET /metrics (127.0.0.1:9848)\n"
	"  show [FILE...]                rxpath's files, as cat prints them\n"
	"  set FILE VALUE                write a control file (backlog_hook on, ...)\n"
	"  reset                         zero every peak and histogram\n"
	"run 'rxpath COMMAND --help' for its options\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(rxpath_usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "watch"))
		return rxpath_watch_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "snapshot"))
		return rxpath_snapshot_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "top"))
		return rxpath_top_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "doctor"))
		return rxpath_doctor_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "prom"))
		return rxpath_prom_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve"))
		return rxpath_serve_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return rxpath_show_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "set"))
		return rxpath_set_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "reset"))
		return rxpath_reset_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(rxpath_usage, stdout);
		return 0;
	}
	fprintf(stderr, "rxpath: unknown command '%s'\n", argv[1]);
	fputs(rxpath_usage, stderr);
	return 2;
}
